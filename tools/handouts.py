"""Paper handouts of the course: `make handouts` writes build/handouts/<notebook>.html and .pdf.

The HTML is nbconvert's lab template with everything inlined: the figures as data: URIs, the
styles, and MathJax 3 (one file from the django-static-mathjax package, typesetting to SVG,
which needs no font files), so it reads offline in any browser and asks the network for
nothing. Widgets have no life on paper: each widget output becomes a one-line note and the
static figure the notebook draws just below it stays. The PDF is that HTML printed on A4 by
Debian's Chromium (tools/browser.py) once MathJax has typeset every formula; every request
the page makes other than for the file itself fails the build.

    python tools/handouts.py [--html-only] [--out DIR] [NOTEBOOK.ipynb ...]
"""

import argparse
import copy
import html
import time
from importlib.metadata import distribution
from pathlib import Path

import nbformat
from jinja2 import DictLoader
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
OUT = ROOT / "build" / "handouts"
WIDGET = "application/vnd.jupyter.widget-view+json"
NOTE_FIGURE = "Interactive widget — see the figure below."
NOTE_LIVE = "Interactive widget — live in JupyterLab only."
MATHJAX_JS = "mathjax/static/mathjax/es5/tex-svg-full.js"
MATH_TIMEOUT_S = 60

# Print styles: A4, no prompts, long code lines wrapped rather than cut at the right edge,
# no page break inside a figure or a code cell, headings kept with what follows them. Figures
# are capped below a page's height (a stepper's all-steps picture is taller), so none is split.
PRINT_CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
body.jp-Notebook { --jp-content-font-size1: 11pt; --jp-code-font-size: 8.5pt;
                   max-width: 190mm; margin: 0 auto; padding: 0 4mm; }
.jp-InputPrompt, .jp-OutputPrompt { display: none; }
.jp-Cell { padding: 2px 0; }
.jp-InputArea-editor { border: 1px solid #d0d0d0; }
.jp-InputArea, .jp-InputArea-editor, .jp-OutputArea-output { overflow: visible; }
pre, .highlight pre, .jp-OutputArea-output pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.jp-OutputArea-output img { max-width: 100%; max-height: 240mm; width: auto; height: auto; }
.handout-widget-note { font-style: italic; color: #555; margin: 2px 0; }
mjx-container[display="true"] { overflow-x: visible; }
@media print {
  .jp-CodeCell .jp-InputArea, .jp-OutputArea-output, img, mjx-container[display="true"] {
    break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; }
  a { color: inherit; }
}
"""

# MathJax 3 reading the same delimiters as JupyterLab; when every formula is typeset it marks
# <body data-math="done"> (or "failed"), which the PDF step waits for. No menu, nothing loaded
# on demand: everything it needs is in the inlined file. Without the noerrors and noundefined
# packages a bad formula becomes an error node (which fails the build) instead of raw TeX.
MATHJAX_CONFIG = """
window.MathJax = {
  tex: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']], displayMath: [['$$', '$$'], ['\\\\[', '\\\\]']],
        processEscapes: true, processEnvironments: true,
        packages: {'[-]': ['noerrors', 'noundefined']}},
  svg: {fontCache: 'global'},
  options: {enableMenu: false},
  startup: {pageReady: () => MathJax.startup.defaultPageReady().then(
      () => { document.body.dataset.math = 'done'; },
      (err) => { document.body.dataset.math = 'failed'; throw err; })}
};
"""

# After typesetting: MathJax's verdict, its error nodes, and what is left of a TeX delimiter in
# the prose (outside code and formulas), e.g. from a formula MathJax could not even delimit.
PAGE_STATE = r"""() => {
    const raw = [];
    for (const md of document.querySelectorAll('.jp-MarkdownOutput')) {
        const prose = md.cloneNode(true);
        prose.querySelectorAll('code, pre, mjx-container').forEach((e) => e.remove());
        raw.push(...(prose.textContent.match(/.{0,30}(\$|\\[(\[]).{0,30}/g) || []));
    }
    return {math: document.body.dataset.math, raw: raw, title: document.title,
            errors: document.querySelectorAll('mjx-merror, [data-mml-node="merror"]').length};
}"""

TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_js_mathjax -%}
<script>{{ resources.handout_mathjax_config }}</script>
<script>{{ resources.handout_mathjax }}</script>
{%- endblock html_head_js_mathjax -%}
{%- block html_head_css -%}
<style type="text/css">{{ resources.handout_css }}</style>
{%- endblock html_head_css -%}
"""


def mathjax_source():
    """The text of MathJax's one-file TeX-to-SVG build, safe to put inside a <script>."""
    path = Path(distribution("django-static-mathjax").locate_file(MATHJAX_JS))
    # "</script" anywhere in the code would end the element early; "<\/" means the same in JS
    return path.read_text(encoding="utf-8").replace("</script", "<\\/script")


def _title(nb, fallback):
    """The notebook's first heading, or ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def _has_figure_below(cells, start, output_index):
    """Whether an image output follows output ``output_index`` of cell ``start`` before the
    next markdown cell: the static picture of the widget there."""
    for k in range(start, len(cells)):
        cell = cells[k]
        if cell.cell_type == "markdown":
            return False
        if cell.cell_type != "code":
            continue
        outputs = cell.outputs[output_index + 1:] if k == start else cell.outputs
        if any("image/png" in out.get("data", {}) for out in outputs):
            return True
    return False


def for_paper(nb, title):
    """A copy of ``nb`` ready for paper: widget outputs replaced by a one-line note, the widget
    state (and so nbconvert's widget JavaScript) gone, the title set."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    nb.metadata["title"] = title
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        outputs = []
        for j, out in enumerate(cell.outputs):
            if WIDGET in out.get("data", {}):
                note = NOTE_FIGURE if _has_figure_below(nb.cells, i, j) else NOTE_LIVE
                out = nbformat.v4.new_output("display_data", data={
                    "text/html": f'<p class="handout-widget-note">{html.escape(note)}</p>'})
            outputs.append(out)
        cell.outputs = outputs
    return nb


def exporter():
    """nbconvert's HTML exporter with the handout template: no prompts, images embedded."""
    return HTMLExporter(template_name="lab", template_file="handout.html.j2",
                        extra_loaders=[DictLoader({"handout.html.j2": TEMPLATE})],
                        exclude_input_prompt=True, exclude_output_prompt=True,
                        embed_images=True)


def write_html(notebook, out_dir, mathjax=None):
    """Write ``out_dir/<stem>.html`` for ``notebook``; return its path."""
    notebook = Path(notebook)
    nb = nbformat.read(notebook, as_version=4)
    nb = for_paper(nb, _title(nb, notebook.stem))
    resources = {"metadata": {"name": notebook.stem, "path": str(notebook.parent)},
                 "handout_mathjax": mathjax if mathjax is not None else mathjax_source(),
                 "handout_mathjax_config": MATHJAX_CONFIG, "handout_css": PRINT_CSS}
    body, _ = exporter().from_notebook_node(nb, resources=resources)
    target = Path(out_dir) / f"{notebook.stem}.html"
    target.write_text(body, encoding="utf-8")
    return target


def _footer(title):
    """Chromium's page footer: the notebook's title and the page number."""
    return ('<div style="font-size:8pt; width:100%; margin:0 14mm; display:flex; '
            'justify-content:space-between; color:#666;">'
            f'<span>{html.escape(title)}</span>'
            '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>')


def write_pdf(page, html_path):
    """Print ``html_path`` to the PDF beside it on A4 once its formulas are typeset; return
    the PDF's path. Fails if the page asked for anything but its own file."""
    html_path = Path(html_path)
    url = html_path.resolve().as_uri()
    asked = []

    def only_the_file(route):
        if route.request.url != url:
            asked.append(route.request.url)
            return route.abort()
        return route.continue_()

    page.route("**/*", only_the_file)
    try:
        page.goto(url)
        page.wait_for_function("() => document.body.dataset.math", timeout=MATH_TIMEOUT_S * 1000)
        state = page.evaluate(PAGE_STATE)
        if state["math"] != "done" or state["errors"]:
            raise RuntimeError(f"{html_path.name}: MathJax {state['math']}, "
                               f"{state['errors']} formula(s) with TeX errors")
        if state["raw"]:
            raise RuntimeError(f"{html_path.name}: raw TeX left in the text: {state['raw'][:3]}")
        if asked:
            raise RuntimeError(f"{html_path.name} asked for more than its own file: {asked[:5]}")
        page.emulate_media(media="print")
        target = html_path.with_suffix(".pdf")
        page.pdf(path=str(target), format="A4", print_background=True, prefer_css_page_size=True,
                 display_header_footer=True, header_template="<span></span>",
                 footer_template=_footer(state["title"]))
    finally:
        page.unroute("**/*")
    return target


def build(notebooks=NOTEBOOKS, out_dir=OUT, pdf=True):
    """Write the HTML (and, with ``pdf``, the PDF) handout of every notebook into ``out_dir``;
    return the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    mathjax = mathjax_source()
    pages = [write_html(nb, out_dir, mathjax) for nb in notebooks]
    if not pdf:
        return pages
    import browser  # tools/browser.py: Debian's Chromium through Playwright

    with browser.chromium_page(width=900, height=1200) as page:
        return pages + [write_pdf(page, p) for p in pages]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, default=NOTEBOOKS)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--html-only", action="store_true", help="no PDF (needs no browser)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    written = build(args.notebooks, args.out, pdf=not args.html_only)
    for path in written:
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{shown}  {path.stat().st_size / 1e6:.1f} MB")
    print(f"{len(written)} files in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
