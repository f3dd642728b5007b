"""The slides of the course (tools/slides.py): every notebook carries the slide metadata the
rules give, and the rules make a deck a teacher can present: one idea a slide, each widget on
a subslide of its own, setup and handout copies skipped, long code folded only while presenting.
The real extension in the real browser is tests/browser/test_presentation.py."""

import json
import sys
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import slides  # noqa: E402  (tools/slides.py)

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
FIGURE = "image/png"


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def kinds(nb):
    return [c["metadata"].get("slideshow", {}).get("slide_type") or "-" for c in nb["cells"]]


def lines(cell):
    return len(slides.source(cell).splitlines())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_notebook_carries_the_slides_the_rules_give(path):
    diff = slides.differences(load(path), path.stem)
    assert not diff, (f"{path.name}: cells {[i for i, _, _ in diff]} differ from tools/slides.py's "
                      "rules: run `python tools/slides.py` (make notebooks does) and commit")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_deck_is_one_a_teacher_can_present(path):
    nb = load(path)
    cells, types, deck = nb["cells"], kinds(nb), slides.slides(nb)
    # no "-": jupyterlab-slideshow hides a cell whose slide type it does not know
    assert all(c["metadata"].get("slideshow", {}).get("slide_type") != "-" for c in cells)
    assert set(types) <= {"slide", "subslide", "skip", "-"}
    assert 20 <= len(deck) <= 60, f"{len(deck)} slides"
    assert deck[0][0] == 0 and types[0] == "slide"
    starts = {d[0] for d in deck}
    for i, cell in enumerate(cells):
        text = slides.source(cell)
        if cell["cell_type"] == "markdown" and text.startswith(("## ", "### ")):
            assert i in starts, f"cell {i} ({text.splitlines()[0]}) does not open a slide"
        if slides.has_widget(cell):
            assert [i] in deck, f"cell {i}'s widget shares its slide: {next(d for d in deck if i in d)}"
        if "ex.check_" in text:
            assert types[i] != "skip", f"cell {i} (an exercise) is skipped"
        if types[i] == "skip" and cell["cell_type"] == "code":
            figures = any(FIGURE in o.get("data", {}) for o in cell.get("outputs", []))
            assert not figures or slides.is_snapshot(text), f"cell {i} hides a figure from the class"
    setup = next(i for i, c in enumerate(cells) if c["cell_type"] == "code")
    assert types[setup] == "skip", "the setup cell (imports) is on a slide"
    snapshots = [i for i, c in enumerate(cells) if c["cell_type"] == "code"
                 and ".snapshot(" in slides.source(c).splitlines()[-1]]
    assert snapshots and all(types[i] == "skip" for i in snapshots)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_long_code_is_folded_away_or_skipped(path):
    nb = load(path)
    folded = 0
    for i, (cell, kind) in enumerate(zip(nb["cells"], kinds(nb))):
        if cell["cell_type"] != "code" or lines(cell) <= slides.FOLD_CODE or kind == "skip":
            assert slides.FONTS_KEY not in cell["metadata"], f"cell {i} is folded for no reason"
            continue
        assert cell.get("outputs"), f"cell {i}: long code with no output is on a slide"
        style = cell["metadata"][slides.FONTS_KEY]["styles"][""]
        assert list(style) == [slides.PRESENTING], "the fold must apply only while presenting"
        assert style[slides.PRESENTING]["& .jp-InputArea-editor"]["max-height"] == slides.FOLD_HEIGHT
        folded += 1
    assert folded >= 1


def _cell(kind, text, outputs=()):
    cell = {"cell_type": kind, "metadata": {}, "source": text}
    if kind == "code":
        cell["outputs"] = list(outputs)
    return cell


TEXT = {"output_type": "stream", "name": "stdout", "text": "1\n"}
VIEW = {"output_type": "execute_result", "data": {slides.WIDGET: {"model_id": "x"}, "text/plain": "w"}}
PNG = {"output_type": "execute_result", "data": {FIGURE: "iVBOR", "text/plain": "<Figure>"}}


def test_the_rules_on_a_small_notebook():
    long_silent = "\n".join(f"x{i} = {i}" for i in range(slides.LONG_SILENT_CODE + 1))
    long_loud = long_silent + "\nprint(x0)"
    cells = [
        _cell("markdown", "# 09 · A title"),                       # 0 slide
        _cell("code", "import numpy as np\nnp.set_printoptions(precision=4)"),  # 1 skip: setup
        _cell("markdown", "## 1. A section"),                      # 2 slide
        _cell("code", "print(1)", [TEXT]),                         # 3 continues
        _cell("markdown", "What the result says."),                # 4 subslide: after a result
        _cell("markdown", "More of the same idea."),               # 5 continues
        _cell("code", long_silent),                                # 6 skip: long, no output
        _cell("code", "w = widgets.Stepper()\nw", [VIEW]),         # 7 subslide: a widget
        _cell("code", "w.snapshot()", [PNG]),                      # 8 skip: the handout copy
        _cell("code", long_loud, [TEXT]),                          # 9 subslide after the widget, folded
        _cell("markdown", "### A subsection"),                     # 10 subslide
        _cell("code", "ex.check_it(f)", [TEXT]),                   # 11 continues
        _cell("markdown", "**Your exercises so far**"),            # 12 skip: introduces progress
        _cell("code", "ex.progress()", [TEXT]),                    # 13 skip
    ]
    assert slides.slide_types(cells, "09_x") == [
        "slide", "skip", "slide", "-", "subslide", "-", "skip", "subslide", "skip", "subslide",
        "subslide", "-", "skip", "skip"]
    metas = slides.wanted_metadata(cells, "09_x")
    assert [i for i, m in enumerate(metas) if slides.FONTS_KEY in m] == [9]
    assert metas[3] == {} and metas[0] == {"slideshow": {"slide_type": "slide"}}
    nb = {"cells": cells}
    slides.apply(nb, "09_x")
    assert slides.differences(nb, "09_x") == []
    assert slides.slides(nb) == [[0], [2, 3], [4, 5], [7], [9], [10, 11]]
    # a second apply changes nothing, and a changed cell is found again
    slides.apply(nb, "09_x")
    assert slides.differences(nb, "09_x") == []
    cells[5]["metadata"]["slideshow"] = {"slide_type": "-"}
    assert [i for i, _, _ in slides.differences(nb, "09_x")] == [5]


def test_an_override_wins_over_the_rules(monkeypatch):
    cells = [_cell("markdown", "# t"), _cell("markdown", "## s"), _cell("markdown", "words")]
    monkeypatch.setitem(slides.OVERRIDES, ("09_x", "words"), "subslide")
    assert slides.slide_types(cells, "09_x") == ["slide", "slide", "subslide"]


def test_check_mode_names_the_cells_that_drifted(tmp_path, monkeypatch, capsys):
    path = tmp_path / NOTEBOOKS[0].name
    nb = load(NOTEBOOKS[0])
    heading = next(i for i, c in enumerate(nb["cells"]) if slides.source(c).startswith("## "))
    del nb["cells"][heading]["metadata"]["slideshow"]
    path.write_text(json.dumps(nb), encoding="utf-8")
    monkeypatch.setattr(slides, "NOTEBOOKS", [path])
    assert slides.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert f"cell {heading}:" in out and "python tools/slides.py" in out
    assert slides.main([]) == 0 and slides.main(["--check"]) == 0


def test_the_presentation_extension_is_installed_with_the_course():
    version = metadata.version("jupyterlab-slideshow")
    package = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "jupyterlab-slideshow" / "package.json"
    assert package.exists(), "jupyterlab-slideshow's JupyterLab extension is not installed: make install"
    assert json.loads(package.read_text())["version"] == version


def test_the_readme_shows_a_slide():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/images/slide.png)" in readme and (ROOT / "docs" / "images" / "slide.png").exists()
