"""Every notebook in a real JupyterLab in Chromium: run all cells, no errors, every widget
rendered as a widget, and the main widgets respond to a learner's clicks.

Run with `make test-browser` (it installs Playwright and Debian's Chromium as needed).
"""

import json
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import browser  # noqa: E402

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
# The fallback text a widget shows when the browser could not render it as a widget.
FALLBACK_TEXTS = ["a live widget; .snapshot()", "steps; .snapshot() gives", "Error displaying widget",
                  "Loading widget"]


def widget_outputs_in_file(name):
    """How many outputs of the committed notebook are widget views."""
    nb = json.loads((ROOT / "notebooks" / name).read_text())
    return sum("application/vnd.jupyter.widget-view+json" in o.get("data", {})
               for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", []))


def wait_for_change(read, before, what="the widget", timeout_s=15):
    """Poll read() until it differs from ``before`` (the kernel answers asynchronously);
    a reading of None means "not readable just now" and is read again."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        now = read()
        if now is not None and now != before:
            return now
        time.sleep(0.2)
    raise AssertionError(f"{what}: nothing changed on screen within {timeout_s} s")


def figure_of(box):
    """A reader of the picture the widget shows: the digest of the PNG the kernel sent (an
    element screenshot would also change with a hover or a focus ring around it)."""
    img = box.locator("img.nnla-figure").first
    img.scroll_into_view_if_needed()
    return lambda: browser.picture_digest(img)


def readout_of(box):
    """A reader of the widget's readout: its text nodes (not its rendered text, which Chromium
    reports as empty for a cell JupyterLab has left unrendered off screen)."""
    readout = box.locator(".nnla-readout").first
    return lambda: readout.text_content()


def no_error_shown(box, what):
    """A widget shows an error inside a control instead of raising it: none may be shown."""
    for text in ("this did not work", "cannot be shown"):
        shown = box.get_by_text(text)
        assert shown.count() == 0, f"{what}: the widget says {shown.first.inner_text()[:300]!r}"


def move_slider(box, index=0, presses=3):
    """Press an arrow key ``presses`` times on the ``index``-th slider a learner can move
    (left instead if it stands at its highest value already)."""
    handle = box.locator(f"{browser.ENABLED_SLIDER} .noUi-handle").nth(index)
    handle.scroll_into_view_if_needed()
    # (aria-valuenow is rounded to one decimal by noUiSlider; aria-valuetext is the value)
    value = lambda: handle.get_attribute("aria-valuetext")      # noqa: E731
    start = value()
    handle.focus()
    for key in ("ArrowRight", "ArrowLeft"):
        for _ in range(presses):
            handle.press(key)
        if value() != start:
            return
    raise AssertionError(f"the arrow keys did not move the slider: it stays at {start}")


# ---- how a learner drives each kind of widget ------------------------------------------------
def drive_training_player(box):
    """TrainingPlayer and OptimizerRace: Step, Play for 2 s then Pause, the first slider (lr)."""
    figure, readout = figure_of(box), readout_of(box)
    before_fig, before_text = figure(), readout()
    box.get_by_role("button", name="Step").click()
    wait_for_change(figure, before_fig, "pressing Step (the figure)")
    text = wait_for_change(readout, before_text, "pressing Step (the readout)")
    play, pause = box.locator(".widget-play button").nth(0), box.locator(".widget-play button").nth(1)
    play.click()
    time.sleep(2.0)
    pause.click()
    wait_for_change(readout, text, "pressing Play")
    after_play = readout()
    move_slider(box, index=0)                              # the learning-rate slider
    wait_for_change(readout, after_play, "moving the learning-rate slider")
    no_error_shown(box, "a TrainingPlayer")


def drive_derivation_stepper(box):
    readout = readout_of(box)
    before = readout()
    box.get_by_role("button", name="Next").click()
    wait_for_change(readout, before, "DerivationStepper: pressing Next")
    no_error_shown(box, "a DerivationStepper")


def drive_matrix_stepper(box):
    # (a product with a single entry has nothing to step through: the test picks another)
    figure, readout = figure_of(box), readout_of(box)
    before_fig, before_text = figure(), readout()
    box.get_by_role("button", name="Next").click()
    wait_for_change(figure, before_fig, "MatrixMultiplyStepper: pressing Next (the figure)")
    wait_for_change(readout, before_text, "MatrixMultiplyStepper: pressing Next (the readout)")
    no_error_shown(box, "a MatrixMultiplyStepper")


def drive_by_slider(box):
    figure = figure_of(box)
    before = figure()
    move_slider(box, index=0)
    wait_for_change(figure, before, "moving a slider (the figure)")
    no_error_shown(box, "moving a slider")


def drive_by_dropdown(box):
    figure = figure_of(box)
    before = figure()
    select = box.locator("select").first
    current, offered = select.input_value(), browser.option_values(select)
    others = [v for v in offered if v != current]
    assert others, f"the menu offers nothing but {current!r} (its options: {offered})"
    select.select_option(value=others[0])
    assert select.input_value() == others[0], f"the menu did not take {others[0]!r}"
    wait_for_change(figure, before, "choosing another activation")
    no_error_shown(box, "choosing another activation")


DRIVERS = {
    "TrainingPlayer": drive_training_player,
    "DerivationStepper": drive_derivation_stepper,
    "MatrixMultiplyStepper": drive_matrix_stepper,
    "FunctionExplorer": drive_by_slider,
    "LayerGridView": drive_by_dropdown,
    "DigitExplorer": drive_by_slider,
    "OptimizerRace": drive_training_player,       # Step, Play/Pause, the learning-rate slider
    "InitExplorer": drive_by_dropdown,            # another activation
}


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_and_its_widgets_respond(page, lab, notebook):
    base, token = lab
    panel = browser.open_and_run_all(page, base, token, notebook)

    errors = panel.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']")
    assert errors.count() == 0, f"a cell shows an error: {errors.first.inner_text()[:500]}"
    for text in FALLBACK_TEXTS:
        assert panel.get_by_text(text).count() == 0, f"a widget did not render: '{text}' on the page"
    rendered = panel.locator(".jp-OutputArea-output > .jupyter-widgets")
    expected = widget_outputs_in_file(notebook)
    assert expected >= 1, f"{notebook} has no widget"
    assert rendered.count() == expected, f"{rendered.count()} widgets rendered, {expected} expected"

    driven = []
    for kind, drive in DRIVERS.items():
        boxes = browser.widget_boxes(panel, kind).all()
        steppable = [b for b in boxes if not b.get_by_role("button", name="Next").count()
                     or b.get_by_role("button", name="Next").is_enabled()]
        if steppable:
            # on screen, as a learner sees it (JupyterLab skips rendering cells off screen)
            steppable[0].scroll_into_view_if_needed()
            drive(steppable[0])
            driven.append(kind)
    assert driven, f"no course widget found to drive in {notebook}"
    fits_a_projector(page, panel, notebook, driven)


SELF_TEST = [
    "from nnla_helpers import widgets",
    # deaf: the controls still move, but nothing is listening to them any more
    "deaf_explorer = widgets.FunctionExplorer('leaky_relu')\n"
    "deaf_explorer.delta.unobserve_all()\ndeaf_explorer",
    "deaf_grid = widgets.LayerGridView(layer_sizes=(2, 2, 2), activation='relu', seed=21)\n"
    "deaf_grid.activation.unobserve_all()\ndeaf_grid",
    "widgets.FunctionExplorer('leaky_relu')",
    "widgets.LayerGridView(layer_sizes=(2, 2, 2), activation='relu', seed=21)",
]


def test_the_drivers_fail_on_a_widget_that_does_not_answer(page, lab):
    """The drivers above can fail: a widget whose control nobody listens to fails its drive
    (its slider moves, its picture does not), the same widget listening passes it."""
    base, token = lab
    request = urllib.request.Request(
        f"{base}/api/contents/drivers_self_test.ipynb", method="PUT",
        data=json.dumps({"type": "notebook", "content": browser.notebook_json(SELF_TEST)}).encode(),
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    urllib.request.urlopen(request).close()
    panel = browser.open_and_run_all(page, base, token, "drivers_self_test.ipynb")
    for kind, drive in (("FunctionExplorer", drive_by_slider), ("LayerGridView", drive_by_dropdown)):
        deaf, listening = browser.widget_boxes(panel, kind).all()
        with pytest.raises(AssertionError, match="nothing changed on screen"):
            drive(deaf)
        drive(listening)


PROJECTOR = (1280, 720)


def fits_a_projector(page, panel, notebook, kinds):
    """Presented on a 1280×720 projector, each main widget is on one screen with its controls,
    its figure shown at its own size or larger (its text as big as it was drawn: 11 px and up)."""
    page.set_viewport_size({"width": PROJECTOR[0], "height": PROJECTOR[1]})
    folder = ROOT / "build" / "screenshots" / "projector"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for kind in kinds:
            box = browser.widget_boxes(panel, kind).first
            browser.start_deck(page, browser.cell_index(box))
            page.wait_for_timeout(300)
            page.screenshot(path=str(folder / f"{notebook[:2]}-{kind}.png"))
            b = box.bounding_box()
            assert b is not None and b["y"] >= 0 and b["y"] + b["height"] <= PROJECTOR[1] \
                and b["x"] >= 0 and b["x"] + b["width"] <= PROJECTOR[0], \
                f"{kind} in {notebook} does not fit a 1280×720 screen while presenting: {b}"
            scale = box.evaluate(browser.FIGURE_SCALE)
            assert scale is None or scale >= 0.99, \
                f"{kind}'s figure is shrunk to {scale:.0%} of its size on a 1280×720 screen"
            browser.stop_deck(page)
    finally:
        browser.stop_deck(page)
        page.set_viewport_size({"width": 1400, "height": 1000})
