"""The HTML handouts (tools/handouts.py, `make handouts`), built into a temporary folder: one
file per notebook that stands alone. Every figure embedded, no widget left, no path of this
machine, nothing fetched from the network. The PDFs are checked by tests/browser/test_handouts.py."""

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from handout_expectations import NOTEBOOKS, ROOT, WIDGET, WIDGET_REPR, figure_count, read, widget_count

sys.path.insert(0, str(ROOT / "tools"))

import handouts  # noqa: E402  (tools/handouts.py)

# Attributes through which a page loads something.
LOADING = {"src", "href", "data", "poster", "srcset"}
REMOTE = re.compile(r"^\s*(https?:)?//", re.I)


class _Page(HTMLParser):
    """The tags, attributes and inline style/script text of one HTML page."""

    def __init__(self, text):
        super().__init__()
        self.tags, self.styles, self.scripts, self._in = [], [], [], None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in ("style", "script") else None

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "style":
            self.styles.append(data)
        elif self._in == "script":
            self.scripts.append(data)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    handouts.build(NOTEBOOKS, out, pdf=False)
    return out


@pytest.fixture(scope="module", params=[p.stem for p in NOTEBOOKS])
def page(request, built):
    path = built / f"{request.param}.html"
    assert path.is_file(), f"no handout {path.name}"
    text = path.read_text(encoding="utf-8")
    return request.param, text, _Page(text)


def test_there_is_one_html_file_per_notebook(built):
    assert sorted(p.name for p in built.iterdir()) == sorted(f"{p.stem}.html" for p in NOTEBOOKS)


def test_every_figure_is_embedded(page):
    stem, _, parsed = page
    images = [attrs for tag, attrs in parsed.tags if tag == "img"]
    expected = figure_count(read(ROOT / "notebooks" / f"{stem}.ipynb"))
    assert len(images) == expected, f"{stem}: {len(images)} <img>, the notebook has {expected} figures"
    assert all(a.get("src", "").startswith("data:image/png;base64,") for a in images), \
        f"{stem}: an image is not embedded in the file"


def test_widgets_become_one_line_notes(page):
    stem, text, _ = page
    assert WIDGET not in text and '"model_id"' not in text, f"{stem}: widget view JSON left"
    reprs = WIDGET_REPR.findall(text)
    assert not reprs, f"{stem}: widget reprs left: {reprs[:3]}"
    notes = text.count('class="handout-widget-note"')
    assert notes == widget_count(read(ROOT / "notebooks" / f"{stem}.ipynb"))


def test_no_path_of_this_machine(page):
    stem, text, _ = page
    for path in {str(ROOT), str(Path.home()), sys.prefix, "/tmp/", "site-packages"} - {"/"}:
        assert path not in text, f"{stem}: the handout names {path}"


def test_nothing_is_fetched_from_the_network(page):
    stem, _, parsed = page
    remote = [(tag, k, v) for tag, attrs in parsed.tags for k, v in attrs.items()
              if k in LOADING and v and REMOTE.match(v) and tag != "a"]
    assert not remote, f"{stem}: loads from the network: {remote[:3]}"
    assert not [a for tag, a in parsed.tags if tag == "script" and a.get("src")], \
        f"{stem}: a script is not inlined"
    assert not [a for tag, a in parsed.tags if tag == "link" and a.get("rel") == "stylesheet"]
    for css in parsed.styles:
        assert "@import" not in css and not re.search(r"url\(\s*['\"]?(https?:)?//", css), \
            f"{stem}: a style loads from the network"


def test_mathjax_is_inlined(page):
    stem, _, parsed = page
    assert any("window.MathJax" in s for s in parsed.scripts), f"{stem}: no MathJax configuration"
    assert any(len(s) > 1_000_000 and "MathJax" in s for s in parsed.scripts), \
        f"{stem}: MathJax itself is not in the file"


def _notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


def _widget_cell(*more):
    widget = nbformat.v4.new_output("display_data", data={
        WIDGET: {"model_id": "x", "version_major": 2, "version_minor": 0}, "text/plain": "VBox(children=())"})
    return nbformat.v4.new_code_cell("w", outputs=[widget, *more])


def test_the_note_points_to_a_figure_only_when_one_follows():
    figure = nbformat.v4.new_output("display_data", data={"image/png": "iVBO", "text/plain": "<Figure>"})
    text = nbformat.v4.new_output("stream", name="stdout", text="done\n")
    pictured = _notebook(_widget_cell(), nbformat.v4.new_code_cell("w.snapshot()", outputs=[figure]))
    live = _notebook(_widget_cell(text), nbformat.v4.new_markdown_cell("then"),
                     nbformat.v4.new_code_cell("plot()", outputs=[figure]))
    for nb, note in ((pictured, handouts.NOTE_FIGURE), (live, handouts.NOTE_LIVE)):
        paper = handouts.for_paper(nb, "t")
        first = paper.cells[0].outputs[0]
        assert list(first["data"]) == ["text/html"] and note in first["data"]["text/html"]
        assert "widgets" not in paper.metadata and len(nb.cells[0].outputs[0]["data"]) == 2
