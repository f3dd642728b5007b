"""Regenerate the README tour pictures: `make screenshots`.

For every notebook: open it in JupyterLab in headless Chromium, run all cells, let a learner's
first few clicks happen on its main widget, and save a picture of that widget to
docs/images/<notebook>.png (at most 900 px wide, palette PNG, so the repository stays small).
Then one slide in presentation mode, as a projector shows it (1280×720): notebook 04's
derivation stepper on its subslide, a few steps in, in docs/images/slide.png.

    python tools/screenshots.py            # all of them
    python tools/screenshots.py 04 slide   # only these
"""

import io
import json
import sys
import time
from pathlib import Path

from PIL import Image

import browser
import slides

OUT = browser.ROOT / "docs" / "images"
MAX_WIDTH = 900

# notebook prefix -> (widget to show, which one of its kind, what to do before the picture)
TOUR = {
    "01": ("TrainingPlayer", 0, "steps:12"),
    "02": ("LayerGridView", 0, ""),
    "03": ("FunctionExplorer", 0, ""),
    "04": ("TrainingPlayer", 0, "steps:60"),
    "05": ("TrainingPlayer", 0, "steps:60"),
    "06": ("DigitExplorer", -1, ""),          # the trained network's, not the untrained one
    "07": ("OptimizerRace", 0, "steps:60"),
}


def prepare(box, action):
    if action.startswith("steps:"):
        step = box.get_by_role("button", name="Step")
        for _ in range(int(action.split(":")[1])):
            step.click()
            time.sleep(0.05)
        time.sleep(1.5)


def small_png(png_bytes):
    img = Image.open(io.BytesIO(png_bytes)).convert("RGB")
    if img.width > MAX_WIDTH:
        img = img.resize((MAX_WIDTH, round(img.height * MAX_WIDTH / img.width)), Image.LANCZOS)
    out = io.BytesIO()
    img.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return out.getvalue()


def slide_picture(base, token):
    """Notebook 04 presented: Space up to the derivation stepper's subslide, Next three times."""
    name = "04_backpropagation.ipynb"
    with browser.chromium_page(width=1280, height=720) as page:
        panel = browser.open_and_run_all(page, base, token, name)
        cells = json.loads((browser.ROOT / "notebooks" / name).read_text(encoding="utf-8"))["cells"]
        stepper = next(i for i, c in enumerate(cells) if slides.has_widget(c))
        browser.start_deck(page)
        active = 0
        while active < stepper:
            active, _ = browser.press(page, "Space")
        box = browser.widget_boxes(panel, "DerivationStepper").first
        for _ in range(3):
            box.get_by_role("button", name="Next").click()
            time.sleep(0.3)
        time.sleep(1.0)
        path = OUT / "slide.png"
        path.write_bytes(small_png(page.screenshot()))
        print(f"{path.relative_to(browser.ROOT)}: {path.stat().st_size // 1024} KB")


def main(only=()):
    OUT.mkdir(parents=True, exist_ok=True)
    notebooks = sorted(p.name for p in (browser.ROOT / "notebooks").glob("*.ipynb"))
    with browser.jupyterlab() as (base, token):
        for name in notebooks:
            prefix = name[:2]
            if prefix not in TOUR or (only and prefix not in only):
                continue
            kind, which, action = TOUR[prefix]
            with browser.chromium_page(width=1300, height=1000) as page:
                panel = browser.open_and_run_all(page, base, token, name)
                box = browser.widget_boxes(panel, kind).nth(which)
                box.scroll_into_view_if_needed()
                prepare(box, action)
                path = OUT / f"{Path(name).stem}.png"
                path.write_bytes(small_png(box.screenshot()))
                print(f"{path.relative_to(browser.ROOT)}: {path.stat().st_size // 1024} KB")
        if not only or "slide" in only:
            slide_picture(base, token)


if __name__ == "__main__":
    main(sys.argv[1:])
