"""The slides of the course: each cell's slide type for presenting a notebook in JupyterLab.

    python tools/slides.py            # set every notebook's slide metadata by the rules below
    python tools/slides.py --check    # exit 1 (and say which cells) when a notebook disagrees

A teacher presents a notebook with jupyterlab-slideshow (README: Presenting a notebook). The
slides are the notebook's own cells, so the rules read the lesson's structure:

- the title cell and every `## ` section opens a slide; a `### ` heading opens a subslide;
- one idea a slide: words after a result (a code cell with output) open a subslide;
- a cell whose output is a widget opens a subslide of its own (the next cell opens another), so the teacher steps a
  DerivationStepper or presses Play with nothing else on the screen;
- what a class does not need to watch is skipped: the setup cell (imports), the static copies of the
  widgets (`.snapshot()`, made for the handouts), the progress line, and long code with no
  output (helper definitions);
- long code above a picture is folded while presenting: its input keeps a few lines' height
  and scrolls, so the figure or widget below it is on the screen (the notebook view is not
  touched; the style applies only in presentation mode);
- everything else continues the slide it follows.

OVERRIDES holds the few cells a teacher places by hand; tests/test_slides.py checks that the
committed notebooks carry exactly what these rules give.
"""

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

WIDGET = "application/vnd.jupyter.widget-view+json"
LONG_SILENT_CODE = 12        # lines: a longer code cell with no output is skipped
FOLD_CODE = 12               # lines: a longer code cell above an output is folded when presenting
FOLD_HEIGHT = "13em"         # about nine lines of code at the deck's font size

# jupyterlab-fonts (which jupyterlab-slideshow uses for per-cell styles) applies the styles
# under this key to the cell; the selector keeps them to presentation mode.
FONTS_KEY = "@deathbeds/jupyterlab-fonts"
PRESENTING = "body[data-jp-deck-mode='presenting'] &"
FOLDED_STYLE = {FONTS_KEY: {"styles": {"": {PRESENTING: {
    "& .jp-InputArea-editor": {"max-height": FOLD_HEIGHT, "overflow-y": "auto"}}}}}}

# (notebook, first line of the cell) -> slide type, where the rules place a cell badly.
OVERRIDES = {}


def source(cell):
    s = cell["source"]
    return s if isinstance(s, str) else "".join(s)


def has_widget(cell):
    return any(WIDGET in o.get("data", {}) for o in cell.get("outputs", []))


def is_setup(cells, i):
    """The notebook's setup cell: its first code cell, when that cell begins with an import."""
    code = [j for j, c in enumerate(cells) if c["cell_type"] == "code"]
    return bool(code) and code[0] == i and re.match(r"(import|from)\s", source(cells[i])) is not None


def is_snapshot(code):
    """A static copy of a widget for the handouts: the cell's result is ``….snapshot(…)``."""
    last = [l for l in code.splitlines() if l.strip()][-1:]
    return bool(last) and re.match(r"^[\w.]+\.snapshot\(.*\)\s*(#.*)?$", last[0]) is not None


def is_progress(code):
    return code.strip() == "ex.progress()"


def slide_types(cells, stem):
    """The slide type of each cell of notebook ``stem`` (a list of nbformat cells), in order."""
    kinds = []
    for i, cell in enumerate(cells):
        kinds.append(_slide_type(cells, i, stem, kinds))
    return kinds


def _slide_type(cells, i, stem, before):
    cell, text = cells[i], source(cells[i])
    first = text.splitlines()[0] if text.strip() else ""
    if (stem, first) in OVERRIDES:
        return OVERRIDES[stem, first]
    if i == 0:
        return "slide"
    shown = [c for c, kind in zip(cells, before) if kind != "skip"]
    if cell["cell_type"] == "markdown":
        if first.startswith("## "):
            return "slide"
        if first.startswith("### "):
            return "subslide"
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        if nxt is not None and nxt["cell_type"] == "code" and is_progress(source(nxt)):
            return "skip"                          # the words that introduce ex.progress()
        if shown and shown[-1]["cell_type"] == "code" and shown[-1].get("outputs"):
            return "subslide"                      # words after a result: the next idea
        return "-"
    if is_setup(cells, i) or is_snapshot(text) or is_progress(text):
        return "skip"
    if has_widget(cell) or (shown and has_widget(shown[-1])):
        return "subslide"                          # a widget alone on its subslide
    if not cell.get("outputs") and len(text.splitlines()) > LONG_SILENT_CODE:
        return "skip"
    return "-"


def folded(cell, kind):
    """Whether a code cell's input is folded while presenting."""
    return (cell["cell_type"] == "code" and kind != "skip" and bool(cell.get("outputs"))
            and len(source(cell).splitlines()) > FOLD_CODE)


def wanted_metadata(cells, stem):
    """The slideshow and style metadata the rules give each cell."""
    metas = []
    for cell, kind in zip(cells, slide_types(cells, stem)):
        # a cell that continues its slide carries no slide type: jupyterlab-slideshow reads a
        # missing one as "continue", but not the "-" of RISE and nbconvert (it hides such cells)
        meta = {} if kind == "-" else {"slideshow": {"slide_type": kind}}
        if folded(cell, kind):
            meta.update(json.loads(json.dumps(FOLDED_STYLE)))
        metas.append(meta)
    return metas


def differences(nb, stem):
    """[(cell index, what it has, what the rules give)] for the cells whose metadata differ."""
    out = []
    for i, (cell, want) in enumerate(zip(nb["cells"], wanted_metadata(nb["cells"], stem))):
        have = {k: cell["metadata"][k] for k in ("slideshow", FONTS_KEY) if k in cell["metadata"]}
        if have != want:
            out.append((i, have, want))
    return out


def apply(nb, stem):
    for cell, want in zip(nb["cells"], wanted_metadata(nb["cells"], stem)):
        cell["metadata"].pop(FONTS_KEY, None)
        cell["metadata"].pop("slideshow", None)
        cell["metadata"].update(want)


def slides(nb):
    """The deck as lists of cell indices: [[slide's cells], …], subslides counted as slides."""
    deck = []
    for i, cell in enumerate(nb["cells"]):
        kind = cell["metadata"].get("slideshow", {}).get("slide_type") or "-"
        if kind == "skip":
            continue
        if kind in ("slide", "subslide") or not deck:
            deck.append([])
        deck[-1].append(i)
    return deck


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only report cells whose metadata differs from the rules")
    args = parser.parse_args(argv)
    bad = 0
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        diff = differences(nb, path.stem)
        if args.check:
            for i, have, want in diff:
                print(f"{path.name} cell {i}: has {have}, the rules give {want}")
            bad += len(diff)
            continue
        if diff:
            apply(nb, path.stem)
            # as nbformat writes it (sorted keys), so only the metadata changes
            path.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                            encoding="utf-8")
        print(f"{path.name}: {len(slides(nb))} slides, {len(diff)} cell(s) updated")
    if bad:
        print(f"{bad} cell(s) differ: run `python tools/slides.py` and commit the notebooks.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
