"""Render docs/essay_coverage.md: every item of the four essays and where the course teaches it.

Usage: python tools/essay_coverage.py [OUTPUT]   (default docs/essay_coverage.md; `make coverage`)
The items and their places are in tools/essay_coverage_items.py. tests/test_essay_coverage.py
renders it again and fails if the committed file differs (a cell was added above a place) or
an anchor no longer finds exactly one cell.
"""

import collections
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NB = {"01": "01_linear_regression", "02": "02_hidden_layer_collapse", "03": "03_activations",
      "04": "04_backpropagation", "05": "05_dropout", "06": "06_mnist"}
_cache = {}
ASSERT = re.compile(r"\bassert\b|assert_allclose|assert_array_equal|check_network_gradients\(")

def cells(nb):
    if nb not in _cache:
        d = json.loads((NOTEBOOKS / f"{NB[nb]}.ipynb").read_text(encoding="utf-8"))
        _cache[nb] = [(c["cell_type"], "".join(c["source"])) for c in d["cells"]]
    return _cache[nb]

def find(nb, anchor, kind=None):
    hits = [i for i, (t, s) in enumerate(cells(nb)) if anchor in s and (kind is None or t == kind)]
    if len(hits) != 1:
        raise LookupError(f"anchor {anchor!r} in {nb}: {len(hits)} hits {hits}")
    return hits[0]

def heading(nb, i, anchor):
    sec = sub = None
    for j in range(i + 1):
        t, s = cells(nb)[j]
        if t != "markdown":
            continue
        if j == i:
            end = s.find("\n", s.index(anchor) + len(anchor))
            text = s if end < 0 else s[:end]
        else:
            text = s
        for line in text.splitlines():
            if line.startswith("## "):
                sec, sub = line[3:].strip(), None
            elif line.startswith("### "):
                sub = line[4:].strip()
    m = re.match(r"(\d+)\.\s*(.*)", sec) if sec else None
    h = f'§{m.group(1)} “{m.group(2)}”' if m else f'“{sec}”'
    if sub:
        h += f' › “{sub}”'
    return h

def where(nb, anchor):
    i = find(nb, anchor)
    return (f"{nb} {heading(nb, i, anchor)}", i)

def where_all(refs):
    merged = []
    for nb, a in refs:
        h, i = where(nb, a)
        for m in merged:
            if m[0] == h:
                if i not in m[1]:
                    m[1].append(i)
                break
        else:
            merged.append([h, [i]])
    return "; ".join(f"{h}, cell{'s' if len(c) > 1 else ''} {', '.join(map(str, sorted(c)))}" for h, c in merged)

def check_cell(nb, anchor):
    i = find(nb, anchor, "code")
    if not ASSERT.search(cells(nb)[i][1]):
        raise LookupError(f"check anchor {anchor!r} in {nb} cell {i} has no assert")
    return i

def box_cell(nb, anchor):
    i = find(nb, anchor, "markdown")
    if "**In the essay.**" not in cells(nb)[i][1]:
        raise LookupError(f"box anchor {anchor!r} in {nb} cell {i} is not an In-the-essay box")
    return i

def esc(s):
    return s.replace("|", "\\|")

def group(pairs):
    by = collections.OrderedDict()
    for nb, i in pairs:
        by.setdefault(nb, [])
        if i not in by[nb]:
            by[nb].append(i)
    return "; ".join(f"{nb} cell{'s' if len(v) > 1 else ''} {', '.join(map(str, v))}" for nb, v in ((k, sorted(x)) for k, x in by.items()))



def render():
    """(the Markdown text, the counts)."""
    from essay_coverage_items import I
    rows = collections.OrderedDict()
    stats = dict(items=0, taught=0, checked=0, text=0, not_taught=[], errata=0, own=0)
    for it in I:
        essay = it["id"].split("-")[0]
        stats["items"] += 1
        item = f"{it['text']} ({it['line']})"
        if not it["taught"]:
            taught, checked = "**NOT TAUGHT**", "—"
            stats["not_taught"].append(it)
        else:
            stats["taught"] += 1
            taught = where_all(it["taught"])
            if it["checks"]:
                checked = "checked — " + group([(nb, check_cell(nb, a)) for nb, a in it["checks"]])
                stats["checked"] += 1
            else:
                checked = "text only"
                stats["text"] += 1
        notes = []
        boxes = group([(nb, box_cell(nb, a)) for nb, a in it["boxes"]]) if it["boxes"] else ""
        if it["err"]:
            stats[it["err"]] += 1
            head = "**erratum: taught corrected**" + (" (not in ERRATA.md)" if it["err"] == "own" else "")
            if boxes:
                head += f"; “In the essay” box {boxes}"
            notes.append(head)
        elif boxes:
            notes.append(f"“In the essay” box {boxes}")
        if it["note"]:
            notes.append(it["note"])
        rows.setdefault(essay, []).append(f"| {it['id']} | {esc(item)} | {esc(taught)} | {checked} | {esc('. '.join(notes))} |")

    def counts_for(essay):
        its = [it for it in I if it["id"].startswith(essay)]
        t = [it for it in its if it["taught"]]
        c = [it for it in t if it["checks"]]
        return len(its), len(t), len(c), len(t) - len(c), len(its) - len(t)

    titles = {"000": "Essay 000 — “Neural Networks with Linear Algebra II” (`000_86300609b9745623`, lines of the `.flattened.txt`)",
              "001": "Essay 001 — “Neural Networks From Scratch: The Core Mathematics” (`001_4655a463766328b2.txt`)",
              "002": "Essay 002 — handwritten notes (`002_7e18bd16d66f5e30.txt`)",
              "003": "Essay 003 — “Basics of Neural Networks” (`003_c3ffec9eee418754.txt`)"}
    out = [INTRO]
    for essay, rs in rows.items():
        n, t, c, x, nt = counts_for(essay)
        out.append(f"## {titles[essay]}\n\n{n} items: {t} taught ({c} checked by code, {x} text only), {nt} not taught.\n")
        out.append("| # | essay item | taught in | checked | note |\n| --- | --- | --- | --- | --- |")
        out.extend(rs)
        out.append("")
    nt = stats["not_taught"]
    out.append("## Count\n")
    out.append("| essay | items | taught | checked by code | text only | not taught |\n| --- | --- | --- | --- | --- | --- |")
    tot = [0] * 5
    for essay in rows:
        v = counts_for(essay); tot = [a + b for a, b in zip(tot, v)]
        out.append(f"| {essay} | " + " | ".join(map(str, v)) + " |")
    out.append("| **all** | " + " | ".join(f"**{v}**" for v in tot) + " |\n")
    out.append(f"- **{stats['items']} items**, **{stats['taught']} taught**, of which **{stats['checked']} are checked by code** "
               f"and {stats['text']} are taught in text only; **{len(nt)} not taught**.")
    out.append(f"- Errata: {stats['errata']} items carry an erratum from `ERRATA.md` and {stats['own']} a slip the notebooks point out themselves; all of them are taught corrected.")
    out.append("- Not taught:")
    for it in nt:
        out.append(f"  - {it['id']} ({it['line']}): {esc(it['text'])} — {it['note']}.")
    out.append(OUTRO)
    return "\n".join(out), stats


INTRO = "# What the essays teach, and where the course teaches it\n\nThe course is built from four essays in `seeds/` (see `seeds/README.md`; their known mistakes are in `ERRATA.md`). This file lists every item they teach — each equation, claim, worked example and recipe, and each erratum — in essay order, and says where the notebooks teach it now. A teacher can use it to find the place for a topic a student read about, to check that nothing was lost, and to see which statements are backed by a code cell.\n\n**How to read a row.**\n\n- **#** — essay and item number (`000-7` is the seventh item of essay 000). The line numbers after each item point into the essay file (for essay 000, into `000_*.flattened.txt`; several of its items share one long line).\n- **taught in** — notebook, section heading (`§` number and title, then `›` a sub-heading where there is one) and the cell index, counting every cell of the `.ipynb` from 0, markdown and code alike. Several places are separated by `;`.\n- **checked** — `checked` names the code cells whose `assert`, `np.testing.assert_*` or gradient check tests the item, in or right after the place it is taught. `text only` means no assertion backs it (it may still be computed, printed or drawn; the note says so). Exercise checkers test a learner's answer, not the course's text, so they are not counted as checks.\n- **note** — `erratum: taught corrected` marks an item the essay got wrong; the notebook teaches the correct version, and the cell of its “In the essay” box (the kindly worded note on what the essay got wrong) is given. “(not in ERRATA.md)” marks a slip the notebooks point out that `ERRATA.md` does not list.\n\n**Cell numbers are those of the notebooks next to this file.** `make coverage` rebuilds it from `tools/essay_coverage_items.py` (each place is found by a piece of its text), and a test fails when the notebooks have moved on without it. The **section headings are the stable reference** — search for the heading, then for the text. The handwritten notes' column of clock times (essay 002, lines 74–172) and the essays' pictures are not items.\n\n"

OUTRO = "\n### Every row of `ERRATA.md`, and its item\n\n| `ERRATA.md` section, row | item |\n| --- | --- |\n| 000 opening (SGD) · opening (loss zero) · collapse · activation · ReLU (correct) | 000-3 · 000-2 · 000-6 · 000-9 and 000-12 · 000-11 |\n| 000 gradients (Part IV) · dropout · dropout scale · dropout gradient · overfitting | 000-16 · 000-22 · 000-25 · 000-26 · 000-18 |\n| 001 1.2 vs 2.1 · 2.1.1 · softmax example · 2.2.1 dZ[2] · 2.2.1 db[2] | 001-5 · 001-6 · 001-12 · 001-17 · 001-19 |\n| 001 2.2.2 · 2.2.2 (b) · 2.3 · 2.1.1 note (d) | 001-20 · 001-22 · 001-24 · 001-9 |\n| 002 dC/dB1 · dC/dW1 · last line · worked example (correct) | 002-6 · 002-5 · 002-11 · 002-9 and 002-10 |\n| 003 collapse · sigmoid · tanh derivative · cross-entropy example · softmax Jacobian | 003-4 · 003-7 · 003-11 · 003-21 · 003-17 |\n| 003 bias gradient · summary · ∇L table · optimisation | 003-27 · 003-31 (the same transpose at l.386: 003-28) · 003-33 · 003-25 |\n\nThe notebooks also correct three slips that `ERRATA.md` does not list: 000-4 (the essay's text gives W2 the size 1 × m), 000-23 (the essay's reason why dropout ignores noise) and 003-15 (0.4255 cut off rather than rounded).\n"


def main(argv):
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "essay_coverage.md"
    text, stats = render()
    out.write_text(text, encoding="utf-8")
    print(f"{out.name}: {stats['items']} items, {stats['taught']} taught, {stats['checked']} "
          f"checked by code, {len(stats['not_taught'])} not taught")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main(sys.argv)
