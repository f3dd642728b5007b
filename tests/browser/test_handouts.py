"""`make handouts`: every notebook's PDF, printed by Debian's Chromium from its HTML handout,
is a real A4 PDF that shows every figure whole on one page, no widget repr, and typeset
formulas (no raw TeX). Also: a handout that asks the network for anything, or holds a formula
MathJax cannot typeset, fails the build instead of printing."""

import re
import sys
import time
from pathlib import Path

import nbformat
import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tools"))

import handouts  # noqa: E402  (tools/handouts.py)
from handout_expectations import (NOTEBOOKS, WIDGET_REPR, code_text,  # noqa: E402
                                  dollars_outside_markdown, figure_count, formulas, read)

A4_POINTS = (595, 842)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    start = time.perf_counter()
    handouts.build(NOTEBOOKS, out)
    print(f"built {len(NOTEBOOKS)} handouts in {time.perf_counter() - start:.0f} s")
    return out


def _images_drawn(resources):
    """The object numbers of the images a page's resources draw, through nested forms too."""
    found = []
    xobjects = resources.get_object().get("/XObject") if resources else None
    for ref in (xobjects.get_object().values() if xobjects else []):
        obj = ref.get_object()
        if obj.get("/Subtype") == "/Image":
            found.append(ref.idnum)
        elif obj.get("/Subtype") == "/Form":
            found += _images_drawn(obj.get("/Resources"))
    return found


def _squeezed(text):
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_the_pdf_shows_every_figure_and_typeset_math(built, notebook):
    pdf = built / f"{notebook.stem}.pdf"
    assert pdf.is_file() and (built / f"{notebook.stem}.html").is_file()
    assert pdf.read_bytes()[:5] == b"%PDF-", f"{pdf.name} is not a PDF"
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 1
    size = tuple(round(float(v)) for v in reader.pages[0].mediabox[2:])
    assert size == A4_POINTS, f"{pdf.name}: page of {size} pt, not A4"

    nb = read(notebook)
    # An image split by a page break is drawn on two pages: count the pages each is drawn on.
    drawn = [image for page in reader.pages for image in set(_images_drawn(page.get("/Resources")))]
    assert len(set(drawn)) == figure_count(nb), \
        f"{pdf.name}: {len(set(drawn))} images, the notebook has {figure_count(nb)} figures"
    assert len(drawn) == len(set(drawn)), f"{pdf.name}: a figure is split across pages"

    text = "\n".join(page.extract_text() for page in reader.pages)
    assert not WIDGET_REPR.findall(text), f"{pdf.name}: widget reprs on paper"
    squeezed, in_code = _squeezed(text), _squeezed(code_text(nb))   # plot labels hold TeX too
    raw = [tex for tex in formulas(nb) if _squeezed(tex) in squeezed and _squeezed(tex) not in in_code]
    assert not raw, f"{pdf.name}: formulas printed as raw TeX: {raw[:3]}"
    assert text.count("$") <= dollars_outside_markdown(nb), f"{pdf.name}: TeX delimiters left"


def _one_cell_handout(folder, markdown):
    notebook = folder / "one.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(markdown)]
    nbformat.write(nb, notebook)
    return handouts.write_html(notebook, folder)


@pytest.mark.parametrize("markdown, refusal", [
    ("Fine $x^2$ and unbalanced $\\frac{1}{$", "raw TeX left"),
    ("Unknown $\\notamacro x$", "TeX errors"),
    ('$x$ <img src="http://127.0.0.1:9/figure.png">', "asked for more than its own file"),
])
def test_a_handout_that_would_print_wrong_fails_the_build(tmp_path, markdown, refusal):
    import browser  # tools/browser.py

    html = _one_cell_handout(tmp_path, markdown)
    with browser.chromium_page() as page, pytest.raises(RuntimeError, match=refusal):
        handouts.write_pdf(page, html)
    assert not html.with_suffix(".pdf").exists()
