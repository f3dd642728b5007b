"""What a notebook's handout must show, read straight from the committed notebook: its figures,
the widget reprs that must not reach paper, the formulas MathJax must typeset. Shared by
tests/test_handouts.py (HTML) and tests/browser/test_handouts.py (PDF)."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
WIDGET = "application/vnd.jupyter.widget-view+json"
# Text that only a widget's repr prints: "VBox(children=(...", "<TrainingPlayer: a live widget; ..."
WIDGET_REPR = re.compile(r"\b[A-Z]\w*\(children=|: a live widget;|\.snapshot\(\) gives a static figure")
# $$...$$ first, so that a display formula is not read as two inline ones
MATH = re.compile(r"\$\$(.+?)\$\$|\$([^$\n]+?)\$", re.S)


def read(path):
    """The notebook at ``path`` as plain JSON."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _outputs(nb):
    for cell in nb["cells"]:
        yield from cell.get("outputs", [])


def figure_count(nb):
    """How many PNG figures the notebook's outputs hold."""
    return sum("image/png" in out.get("data", {}) for out in _outputs(nb))


def widget_count(nb):
    """How many outputs are live widget views."""
    return sum(WIDGET in out.get("data", {}) for out in _outputs(nb))


def formulas(nb):
    """The TeX of every formula in the markdown cells, delimiters included."""
    found = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            found += [m.group(0) for m in MATH.finditer("".join(cell["source"]))]
    return found


def code_text(nb):
    """The code cells' sources and text outputs, where "$" and TeX are not formulas."""
    parts = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            parts.append("".join(cell["source"]))
            for out in cell.get("outputs", []):
                parts.append("".join(out.get("text", "") or out.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


def dollars_outside_markdown(nb):
    """How many "$" signs the code cells and their text outputs print (not formulas)."""
    return code_text(nb).count("$")
