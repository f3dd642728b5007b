"""Drive the course in a real browser: JupyterLab on 127.0.0.1 and Debian's Chromium via
Playwright. Used by the browser test (tests/browser) and by `make screenshots`.

Nothing is downloaded: Chromium is /usr/bin/chromium from Debian's packages (never
`playwright install`), and the server serves a temporary copy of notebooks/, so running
the cells in the browser never rewrites the committed notebooks.
"""

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
SERVER_TIMEOUT_S = 90

# JavaScript run in the page; JupyterLab exposes its application object as window.jupyterapp
# when started with --LabApp.expose_app_in_browser=True.
KERNEL_IDLE = """() => { const nb = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const kernel = nb && nb.sessionContext && nb.sessionContext.session
                   && nb.sessionContext.session.kernel;
    return !!kernel && kernel.status === 'idle'; }"""
ALL_CELLS_RUN = """() => { const nb = window.jupyterapp.shell.currentWidget;
    return nb.sessionContext.session.kernel.status === 'idle' && nb.content.widgets.every(
        c => c.model.type !== 'code' || c.model.sharedModel.source.trim() === ''
             || (c.model.executionCount !== null
                 && c.model.sharedModel.execution_state !== 'running')); }"""


def find_chromium():
    """Path of Debian's Chromium, or a plain message saying how to get it."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    raise SystemExit("Chromium is not installed. The browser test uses Debian's package: "
                     "`sudo apt-get install chromium` (make test-browser does this itself when run as root).")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _quiet_settings(folder):
    """User settings that turn off JupyterLab's news and update pop-ups (they cover widgets)."""
    target = folder / "@jupyterlab" / "apputils-extension"
    target.mkdir(parents=True)
    (target / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))


@contextlib.contextmanager
def jupyterlab(notebooks=ROOT / "notebooks"):
    """Start JupyterLab on a copy of ``notebooks``; yield its base URL and token; always stop it."""
    work = Path(tempfile.mkdtemp(prefix="nnla-lab-"))
    shutil.copytree(notebooks, work / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    _quiet_settings(work / "settings")
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(work / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(work / "workspaces"))
    port, token = _free_port(), secrets.token_hex(16)
    jupyter = Path(sys.executable).parent / "jupyter"
    cmd = [str(jupyter), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work / 'notebooks'}",
           "--LabApp.expose_app_in_browser=True"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(work / "server.log", "w")
    server = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_TIMEOUT_S
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {server.returncode}: "
                                   f"{(work / 'server.log').read_text()[-2000:]}")
            try:
                urllib.request.urlopen(f"{base}/api?token={token}", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not answer on {base} within {SERVER_TIMEOUT_S} s")
                time.sleep(0.25)
        yield base, token
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        shutil.rmtree(work, ignore_errors=True)


@contextlib.contextmanager
def chromium_page(width=1400, height=1000):
    """A Playwright page in headless Debian Chromium; browser closed in every case."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        try:
            yield browser.new_page(viewport={"width": width, "height": height})
        finally:
            browser.close()


def open_and_run_all(page, base, token, notebook, timeout_s=240):
    """Open ``notebook`` in JupyterLab, wait for its kernel, run every cell, wait until done.

    Returns the notebook's panel (a Playwright locator) to look for outputs in."""
    # ?reset: start from an empty workspace, so no tab of an earlier notebook comes back
    page.goto(f"{base}/lab/tree/{notebook}?reset&token={token}")
    page.wait_for_function(KERNEL_IDLE, timeout=timeout_s * 1000)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_timeout(500)
    page.wait_for_function(ALL_CELLS_RUN, timeout=timeout_s * 1000, polling=500)
    page.wait_for_timeout(1000)          # let the last widget views render
    return page.locator(".jp-NotebookPanel:visible")


def widget_boxes(panel, kind):
    """The rendered course widgets of one kind (e.g. "TrainingPlayer") in a notebook panel."""
    return panel.locator(f".nnla-widget.nnla-{kind}")


def notebook_json(sources):
    """A notebook (as JSON-ready dict) of unexecuted code cells with these sources, for a
    notebook a test or a benchmark writes itself."""
    cells = [{"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {},
              "outputs": [], "source": src} for i, src in enumerate(sources)]
    return {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3",
                                                        "language": "python", "name": "python3"}},
            "nbformat": 4, "nbformat_minor": 5}


# A slider a learner can move: ipywidgets marks a disabled slider only by the `disabled`
# attribute of its noUiSlider track (no CSS class), and noUiSlider ignores keys on it.
ENABLED_SLIDER = ".widget-slider:has(.noUi-target:not([disabled]))"

# SHA-256 of the picture the kernel sent (the bytes behind the <img>'s blob URL), or null if
# the URL was replaced (and revoked) while it was read: then read again.
PICTURE_DIGEST = """async (img) => {
    try {
        const bytes = await (await fetch(img.src)).arrayBuffer();
        const digest = await crypto.subtle.digest('SHA-256', bytes);
        return [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('');
    } catch (e) { return null; } }"""


def picture_digest(img):
    """The digest of the picture an ``img.nnla-figure`` locator shows (None: read again)."""
    return img.evaluate(PICTURE_DIGEST)


def option_values(select):
    """The values a ``<select>`` locator offers. Not the options' text: JupyterLab gives a cell
    off screen ``content-visibility: auto``, and Chromium then reports its text as empty."""
    return select.evaluate("(s) => Array.from(s.options, (o) => o.value)")


# ---- presentation mode (jupyterlab-slideshow; README: Presenting a notebook) -----------------
# The cells on screen while presenting, by index; the deck hides the others.
ON_SCREEN = """() => [...document.querySelectorAll(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')]
    .map((c, i) => [i, c.classList.contains('jp-deck-mod-onscreen')
                       && getComputedStyle(c).display !== 'none'])
    .filter(x => x[1]).map(x => x[0])"""
ACTIVE_CELL = "() => window.jupyterapp.shell.currentWidget.content.activeCellIndex"
PRESENTING = "() => document.body.dataset.jpDeckMode === 'presenting'"


def open_notebook(page, base, token, notebook, timeout_s=120):
    """Open ``notebook`` in JupyterLab without running it; wait for its kernel."""
    page.goto(f"{base}/lab/tree/{notebook}?reset&token={token}")
    page.wait_for_function(KERNEL_IDLE, timeout=timeout_s * 1000)
    return page.locator(".jp-NotebookPanel:visible")


def start_deck(page, cell=0):
    """Present the open notebook from cell ``cell``: select it, press the toolbar's deck button."""
    if page.evaluate(PRESENTING):         # the deck remembers it was on (a setting): turn it off
        page.evaluate("window.jupyterapp.commands.execute('deck:stop')")
        page.wait_for_function(f"() => !({PRESENTING})()", timeout=15_000)
    page.evaluate(f"() => {{ window.jupyterapp.shell.currentWidget.content.activeCellIndex = {cell}; }}")
    page.locator(".jp-NotebookPanel:visible .jp-Toolbar [data-jp-item-name='deck'] button").click()
    page.wait_for_function(PRESENTING, timeout=15_000)
    page.wait_for_timeout(500)


def deck_position(page):
    """(the active cell, the cells on screen) of the deck."""
    return page.evaluate(ACTIVE_CELL), page.evaluate(ON_SCREEN)


def press(page, key):
    """Press a deck key (Space, ArrowRight, …) and wait until the deck has moved, if it moves."""
    before = deck_position(page)
    page.keyboard.press(key)
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and deck_position(page) == before:
        page.wait_for_timeout(50)
    page.wait_for_timeout(150)           # the slide's cells settle into place
    return deck_position(page)


def stop_deck(page):
    """End the presentation (the deck remembers it was on: a setting JupyterLab keeps)."""
    if page.evaluate(PRESENTING):
        page.evaluate("window.jupyterapp.commands.execute('deck:stop')")
        page.wait_for_function(f"() => !({PRESENTING})()", timeout=15_000)


def cell_index(box):
    """The index, in its notebook, of the cell whose output holds ``box`` (a locator)."""
    return box.evaluate("""(el) => [...document.querySelectorAll(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')]
        .findIndex(c => c.contains(el))""")


# how a widget's figure is shown: its size on screen against its own pixels
FIGURE_SCALE = """(box) => { const img = box.querySelector('img.nnla-figure');
    return img ? img.getBoundingClientRect().width / img.naturalWidth : null; }"""

