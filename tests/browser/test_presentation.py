"""Presenting a notebook: notebook 04 as slides in JupyterLab (jupyterlab-slideshow), walked
through with the keys a teacher uses, with its widgets live on their slides.

The slides come from the cells' metadata (tools/slides.py sets it; tests/test_slides.py checks
it); this test checks that the real extension, in the real browser, shows them so.
"""

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import browser  # noqa: E402
import slides  # noqa: E402
from test_course_in_browser import readout_of, wait_for_change  # noqa: E402

import pytest  # noqa: E402

NOTEBOOK = "04_backpropagation.ipynb"
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
PROJECTOR = (1280, 720)


def committed(name=NOTEBOOK):
    nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    kinds = [c["metadata"].get("slideshow", {}).get("slide_type") or "-" for c in nb["cells"]]
    widget_cells = [i for i, c in enumerate(nb["cells"]) if slides.has_widget(c)]
    return nb, kinds, widget_cells


def in_view(page, box):
    b = box.bounding_box()
    width, height = PROJECTOR
    return b is not None and b["y"] >= 0 and b["y"] + b["height"] <= height and b["x"] + b["width"] <= width


@pytest.fixture
def projector(page):
    """The browser page at a projector's 1280×720; the deck stopped afterwards (it is a setting
    JupyterLab keeps, and would start the next notebook presented)."""
    page.set_viewport_size({"width": PROJECTOR[0], "height": PROJECTOR[1]})
    yield page
    if page.evaluate(browser.PRESENTING):
        page.evaluate("window.jupyterapp.commands.execute('deck:stop')")
        page.wait_for_timeout(500)


def test_a_teacher_presents_notebook_04(lab, projector):
    base, token = lab
    nb, kinds, widget_cells = committed()
    deck = slides.slides(nb)
    stepper_cell, player_cell = widget_cells[0], widget_cells[-1]
    page = projector
    panel = browser.open_and_run_all(page, base, token, NOTEBOOK)
    browser.start_deck(page)
    active, on_screen = browser.deck_position(page)
    assert on_screen == deck[0], f"the first slide shows cells {on_screen}, not {deck[0]}"

    # Space walks every slide and subslide in order, never showing a skipped cell
    seen = [on_screen]
    while active < stepper_cell:
        active, on_screen = browser.press(page, "Space")
        assert on_screen in deck, f"cell {active}: the screen shows cells {on_screen}, no slide of the deck"
        assert all(kinds[i] != "skip" for i in on_screen), f"a skipped cell is on screen: {on_screen}"
        if on_screen != seen[-1]:
            seen.append(on_screen)
    assert seen == deck[:len(seen)], "Space did not go through the slides in order"
    assert len(seen) >= 8, f"only {len(seen)} slides before the stepper"
    assert on_screen == [stepper_cell], "the derivation stepper is not alone on its subslide"

    # the stepper is live on its slide, and fits the projector's screen
    stepper = browser.widget_boxes(panel, "DerivationStepper").first
    assert in_view(page, stepper), f"the stepper is not on the 1280×720 screen: {stepper.bounding_box()}"
    readout = readout_of(stepper)
    assert readout().startswith("step 1 of")
    for _ in range(3):
        stepper.get_by_role("button", name="Next").click()
    deadline = time.monotonic() + 15
    while not readout().startswith("step 4 of") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert readout().startswith("step 4 of"), f"3 × Next on the slide: {readout()[:40]!r}"

    # ← goes back a slide; → jumps slides; on to the TrainingPlayer's subslide
    back_active, back_screen = browser.press(page, "ArrowLeft")
    assert back_screen != [stepper_cell] and back_screen in deck, "← did not go back a slide"
    while active < player_cell:
        active, on_screen = browser.press(page, "Space")
    assert on_screen == [player_cell], "the TrainingPlayer is not alone on its subslide"
    player = browser.widget_boxes(panel, "TrainingPlayer").first
    step = player.get_by_role("button", name="Step")
    assert in_view(page, step), "the TrainingPlayer's Step button is not on the screen"
    readout = readout_of(player)
    before = readout()
    step.click()
    wait_for_change(readout, before, "the TrainingPlayer on its slide: pressing Step")

    # Esc ends the presentation; the notebook is back, every cell in it
    page.keyboard.press("Escape")
    page.wait_for_function(f"() => !({browser.PRESENTING})()", timeout=10_000)
    assert len(browser.deck_position(page)[1]) == 0, "cells still marked as on a slide"
    shown = page.evaluate("""() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden)'
        + ' .jp-Notebook .jp-Cell')].filter(c => getComputedStyle(c).display !== 'none').length""")
    assert shown == len(nb["cells"]), f"{shown} of {len(nb['cells'])} cells shown after Esc"


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_space_walks_every_slide_of_the_deck(lab, projector, notebook):
    """Each notebook's deck, first slide to last, as the extension shows it (not run: the
    slides are the cells whatever their outputs)."""
    base, token = lab
    nb, kinds, _ = committed(notebook)
    deck = slides.slides(nb)
    page = projector
    browser.open_notebook(page, base, token, notebook)
    browser.start_deck(page)
    position = browser.deck_position(page)
    seen = [position[1]]
    for _ in range(len(nb["cells"]) + 1):
        before, position = position, browser.press(page, "Space")
        active, on_screen = position
        assert on_screen in deck, f"cell {active}: the screen shows cells {on_screen}, no slide of the deck"
        if position == before:
            break                                  # the end of the deck
        if on_screen != seen[-1]:
            seen.append(on_screen)
    assert seen == deck, f"Space showed {len(seen)} screens, the deck has {len(deck)} slides"
