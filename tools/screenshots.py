"""Regenerate the README tour pictures: `make screenshots`.

For every notebook: open it in JupyterLab in headless Chromium, run all cells, let a learner's
first few clicks happen on its main widget, and save a picture of that widget to
docs/images/<notebook>.png (at most 900 px wide, palette PNG, so the repository stays small).
"""

import io
import sys
import time
from pathlib import Path

from PIL import Image

import browser

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


if __name__ == "__main__":
    main(sys.argv[1:])
