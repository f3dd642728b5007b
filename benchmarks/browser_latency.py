"""What a learner feels: how soon a click shows its new picture, and how many pictures Play
shows a second — measured in JupyterLab in headless Chromium, counted in the page.

    python benchmarks/browser_latency.py              # quiet, then with 2 competing processes
    python benchmarks/browser_latency.py --load 0     # quiet only
    python benchmarks/browser_latency.py --clicks 30 --play-seconds 8

(`make bench-browser` runs it.) It writes a notebook with one widget of each kind, built as
the course notebooks build them, opens it in JupyterLab (tools/browser.py: 127.0.0.1, Debian's
Chromium through Playwright), runs it, and then, in the page:

- **click → picture**: the time from the browser's input event (a click on Step or Next, an
  arrow key on a slider, a new choice in a dropdown) to the moment the widget's new picture
  has been decoded and the next animation frame has begun (``img.decode()`` then
  ``requestAnimationFrame``); for the DerivationStepper, until its new step is typeset;
- **Play**: new pictures a second (``src`` changes of the figure's <img>, counted by a
  MutationObserver) over a few seconds of Play;
- **drag**: a slider dragged continuously for 2 s: how long after the mouse is released the
  last picture arrives, how many pictures were shown, and whether the picture shown at the
  end is the one the kernel draws for the slider's final value (its bytes compared).

The same measurements run on the machine as it is ("quiet") and with ``--load`` CPU-bound
processes (``while True: pass``) competing for the cores, side by side in one run. Targets
(issue 16): click → picture p90 ≤ 100 ms, Play ≥ 10 pictures a second, no backlog on a drag.
Results and the machine: benchmarks/README.md ("In the browser").
"""

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import browser  # noqa: E402  (tools/browser.py)

SETUP = """\
import numpy as np
from nnla_helpers import MLP, data, widgets
X_line, T_line = data.noisy_line(50)
X_spiral, y_spiral = data.spirals(100, 3, seed=0)
X_moons, y_moons = data.two_moons(840, noise=0.35, seed=0)
X_tr, y_tr, X_va, y_va, X_te, y_te = data.split(X_moons, y_moons, (40, 400, 400), seed=0)
_, _, X_digits, y_digits = data.load_mnist(n_train=1, n_test=1000)
net = MLP([4, 3, 2], seed=0)
X4 = np.random.default_rng(0).normal(size=(2, 4))
Y4 = np.eye(2)[[0, 1]]
"""

# (name, widget kind, the cell that builds it, the measurements to take)
CASES = [
    ("TrainingPlayer · 01 linear (loss surface)", "TrainingPlayer",
     "widgets.TrainingPlayer(X_line, T_line, hidden_sizes=(), lr=0.1, seed=0)",
     ["click:Step", "play"]),
    ("TrainingPlayer · 04 spiral 2-16-16-3", "TrainingPlayer",
     "widgets.TrainingPlayer(X_spiral, y_spiral, hidden_sizes=(16, 16), lr=0.5, seed=0)",
     ["click:Step", "play", "play50"]),
    ("TrainingPlayer · 05 2-128-128-2, dropout, val", "TrainingPlayer",
     "widgets.TrainingPlayer(X_tr, y_tr, X_va, y_va, hidden_sizes=(128, 128), lr=0.3, "
     "batch_size=None, keep_prob=0.5, seed=0)",
     ["click:Step", "play"]),
    ("DerivationStepper · forward + backward", "DerivationStepper",
     "widgets.DerivationStepper(widgets.forward_backward_steps(net, X4, Y4))",
     ["click:Next"]),
    ("MatrixMultiplyStepper · (3, 4)(4, 2)", "MatrixMultiplyStepper",
     "widgets.MatrixMultiplyStepper(np.arange(12.0).reshape(3, 4) / 4, "
     "np.arange(8.0).reshape(4, 2) / 8, np.array([0.5, -0.5]))",
     ["click:Next"]),
    ("FunctionExplorer · sigmoid, slider", "FunctionExplorer",
     "widgets.FunctionExplorer('sigmoid', c=1.0, beta=1.0)",
     ["key:0", "drag:0"]),
    ("LayerGridView · seed slider", "LayerGridView",
     "widgets.LayerGridView(layer_sizes=(2, 2, 2), activation='relu', seed=21)",
     ["key:0", "select"]),
    ("DigitExplorer · image slider", "DigitExplorer",
     "widgets.DigitExplorer(MLP([784, 32, 10], seed=0), X_digits, y_digits, index=0)",
     ["key:0", "drag:0"]),
    ("OptimizerRace · valley", "OptimizerRace",
     "widgets.OptimizerRace()",
     ["click:Step", "play"]),
    ("InitExplorer · depth slider, activation", "InitExplorer",
     "widgets.InitExplorer()",
     ["key:0", "select"]),
]

# ---- JavaScript run in the page -------------------------------------------------------------
# window.nnlaBench.arm(cell): wait for the next new picture of the widget in that cell; the
# promise resolves with {input, shown} (ms, performance.now()): the first input event
# (click, keydown, change) after arming, and the moment the picture was on screen.
HELPERS = r"""() => {
  if (window.nnlaBench) return;
  const boxOf = (cell) => window.jupyterapp.shell.currentWidget.content.widgets[cell]
      .node.querySelector('.nnla-widget');
  const frame = () => new Promise(r => requestAnimationFrame(() => r(performance.now())));
  // a stepper's step on screen: its text, once MathJax has typeset it ('' until then)
  const stepText = (box) => {
    const view = [...box.querySelectorAll('.nnla-readout')].find(v => v.offsetParent !== null);
    return view && view.querySelector('mjx-container') ? view.textContent : '';
  };
  function arm(cell, timeout) {
    const box = boxOf(cell);
    let input = null;
    const onInput = (e) => { if (input === null) input = e.timeStamp; };
    const inputs = ['click', 'keydown', 'change'];
    for (const t of inputs) document.addEventListener(t, onInput, true);
    // a figure: a new src, decoded; no figure (a stepper): another step, typeset
    const img = box.querySelector('img.nnla-figure');
    const before = img ? null : stepText(box);
    const changed = () => img ? true : (stepText(box) !== '' && stepText(box) !== before);
    const onScreen = async () => { if (img) { try { await img.decode(); } catch (e) {} }
                                   return frame(); };
    window.nnlaBench.pending = new Promise((resolve) => {
      const done = (result) => {
        obs.disconnect(); clearTimeout(timer);
        for (const t of inputs) document.removeEventListener(t, onInput, true);
        resolve(result);
      };
      const obs = new MutationObserver(async () => {
        // not ours yet: a picture from before the input, or the step not typeset
        if (input === null || !changed()) return;
        obs.disconnect();
        const arrived = performance.now();
        done({input, arrived, shown: await onScreen()});
      });
      obs.observe(img || box, img ? {attributes: true, attributeFilter: ['src']}
                                  : {attributes: true, childList: true, subtree: true, characterData: true});
      const timer = setTimeout(() => done(null), timeout);
    });
  }
  function count(cell) {                  // count new pictures from now on
    const img = boxOf(cell).querySelector('img.nnla-figure');
    const times = [];
    const obs = new MutationObserver(() => times.push(performance.now()));
    obs.observe(img, {attributes: true, attributeFilter: ['src']});
    window.nnlaBench.counting = {obs, times};
  }
  function stopCount() {
    const c = window.nnlaBench.counting;
    c.obs.disconnect();
    return c.times;
  }
  function runInKernel(code) {           // run code in the notebook's kernel; its printed text
    const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    const future = kernel.requestExecute({code, store_history: false});
    let text = '';
    future.onIOPub = (msg) => {
      if (msg.header.msg_type === 'stream') text += msg.content.text;
      if (msg.header.msg_type === 'error') text += msg.content.ename + ': ' + msg.content.evalue;
    };
    return future.done.then(() => text);
  }
  window.nnlaBench = {arm, count, stopCount, runInKernel, boxOf};
}"""


def bench_notebook(folder):
    """Write bench.ipynb: the setup cell, then one cell per case ending with its widget."""
    cells = [SETUP] + [f"w{i} = {code}\nw{i}" for i, (_, _, code, _) in enumerate(CASES)]
    (folder / "bench.ipynb").write_text(json.dumps(browser.notebook_json(cells)))


def box(page, cell):
    return page.locator(".jp-NotebookPanel:visible .jp-Notebook .jp-Cell").nth(cell) \
        .locator(".nnla-widget").first


def latency(page, cell, act, n):
    """Input → picture on screen, in ms, ``n`` times; ``act(i)`` makes the i-th input."""
    out = []
    for i in range(n):
        page.evaluate("([c, t]) => window.nnlaBench.arm(c, t)", [cell, 5000])
        act(i)
        r = page.evaluate("() => window.nnlaBench.pending")
        if r is None:
            raise RuntimeError(f"cell {cell}: no new picture within 5 s of input {i}")
        out.append(r["shown"] - r["input"])
        if os.environ.get("NNLA_BENCH_DEBUG"):
            print(f"    arrived {r['arrived'] - r['input']:.0f} ms, on screen "
                  f"{r['shown'] - r['input']:.0f} ms")
        page.wait_for_timeout(120)            # a learner's pause between two clicks
    return np.array(out)


def click_action(page, cell, label):
    b = box(page, cell)
    forward = b.get_by_role("button", name=label)
    backward = b.get_by_role("button", name="Prev") if label == "Next" else None

    def act(i):
        # a stepper has few steps: go forward to the end, then back, and so on
        if backward is not None and not forward.is_enabled():
            act.direction = backward
        elif backward is not None and not backward.is_enabled():
            act.direction = forward
        getattr(act, "direction", forward).click()
    return act


def key_action(page, cell, slider):
    handle = box(page, cell).locator(f"{browser.ENABLED_SLIDER} .noUi-handle").nth(slider)
    handle.scroll_into_view_if_needed()
    handle.focus()

    def act(i):
        # to and fro: turn at either end of the slider
        now, lo, hi = (float(handle.get_attribute(a)) for a in
                       ("aria-valuenow", "aria-valuemin", "aria-valuemax"))
        if now >= hi or (i == 0 and now > lo):
            act.key = "ArrowLeft"
        elif now <= lo:
            act.key = "ArrowRight"
        handle.press(act.key)
    act.key = "ArrowRight"
    return act


def select_action(page, cell):
    select = box(page, cell).locator("select").first
    options = browser.option_values(select)

    def act(i):
        following = (options.index(select.input_value()) + 1) % len(options)
        select.select_option(value=options[following])
    return act


def play_rate(page, cell, seconds, steps_per_frame=None):
    """Pictures a second while Play runs for ``seconds`` (after a 1 s start)."""
    b = box(page, cell)
    b.scroll_into_view_if_needed()
    if steps_per_frame is not None:
        page.evaluate("(code) => window.nnlaBench.runInKernel(code)",
                      f"w{cell - 1}.speed.value = {steps_per_frame}")
    play, pause = b.locator(".widget-play button").nth(0), b.locator(".widget-play button").nth(1)
    play.click()
    page.wait_for_timeout(1000)
    page.evaluate("(c) => window.nnlaBench.count(c)", cell)
    page.wait_for_timeout(int(seconds * 1000))
    times = page.evaluate("() => window.nnlaBench.stopCount()")
    pause.click()
    page.wait_for_timeout(1500)
    if steps_per_frame is not None:
        page.evaluate("(code) => window.nnlaBench.runInKernel(code)", f"w{cell - 1}.speed.value = 1")
    gaps = np.diff(times) if len(times) > 1 else np.array([np.nan])
    return len(times) / seconds, gaps


def drag(page, cell, slider, seconds=2.0):
    """Drag a slider back and forth for ``seconds``; then: ms from release to the last
    picture, pictures shown, and whether the last picture is the kernel's for the value."""
    b = box(page, cell)
    handle = b.locator(f"{browser.ENABLED_SLIDER} .noUi-handle").nth(slider)
    track = b.locator(f"{browser.ENABLED_SLIDER} .noUi-target").nth(slider)
    handle.scroll_into_view_if_needed()
    hb, tb = handle.bounding_box(), track.bounding_box()
    y = hb["y"] + hb["height"] / 2
    page.evaluate("(c) => window.nnlaBench.count(c)", cell)
    page.mouse.move(hb["x"] + hb["width"] / 2, y)
    page.mouse.down()
    start, moves = time.monotonic(), 0
    while time.monotonic() - start < seconds:          # a learner moving the slider to and fro
        phase = (time.monotonic() - start) / seconds
        x = tb["x"] + tb["width"] * (0.5 + 0.4 * np.sin(2 * np.pi * 1.5 * phase))
        page.mouse.move(x, y)
        moves += 1
        page.wait_for_timeout(16)
    page.mouse.up()
    released = page.evaluate("() => performance.now()")
    page.wait_for_timeout(3000)                          # let everything in flight arrive
    times = page.evaluate("() => window.nnlaBench.stopCount()")
    after = [t - released for t in times if t > released]
    shown = browser.picture_digest(b.locator("img.nnla-figure").first)    # what the page shows
    name = f"w{cell - 1}"
    kernel = page.evaluate("(code) => window.nnlaBench.runInKernel(code)",
                           "import hashlib\n"
                           f"_shown = hashlib.sha256({name}.image.value).hexdigest()\n"
                           f"{name}.update()\n"
                           f"print(_shown, hashlib.sha256({name}.image.value).hexdigest())")
    in_image, redrawn = kernel.split()
    return {"settle_ms": max(after) if after else 0.0, "pictures": len(times), "moves": moves,
            "final_ok": shown == in_image == redrawn}


def kernel_ms(page, cell, n):
    """Median ms the kernel spent on the last ``n`` frames of the widget (drawing, and for a
    player its training steps too), as the widget timed them itself."""
    name = f"w{cell - 1}"
    text = page.evaluate("(code) => window.nnlaBench.runInKernel(code)",
                         f"import numpy as _np\n_t = getattr({name}, 'total_times', None) or "
                         f"getattr({name}, 'frame_times', [])\n"
                         f"print(1000 * _np.median(_t[-{n}:]) if len(_t) else 'nan')")
    return float(text.strip() or "nan")


def measure(page, clicks, play_seconds):
    results = {}
    for i, (name, kind, _, actions) in enumerate(CASES):
        cell = i + 1
        r = results[name] = {}
        box(page, cell).scroll_into_view_if_needed()
        for action in actions:
            if action.startswith("click:"):
                r["click"] = latency(page, cell, click_action(page, cell, action[6:]), clicks)
            elif action.startswith("key:"):
                r["click"] = latency(page, cell, key_action(page, cell, int(action[4:])), clicks)
            elif action == "select":
                r["select"] = latency(page, cell, select_action(page, cell), max(6, clicks // 3))
            elif action == "play":
                r["play"] = play_rate(page, cell, play_seconds)
            elif action == "play50":
                r["play50"] = play_rate(page, cell, play_seconds, steps_per_frame=50)
            elif action.startswith("drag:"):
                r["drag"] = drag(page, cell, int(action[5:]))
            if "click" in r and "kernel" not in r:      # the kernel's share of those clicks
                r["kernel"] = kernel_ms(page, cell, clicks)
        print(f"  {name}: done", flush=True)
    return results


@contextlib.contextmanager
def competing(n):
    procs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(n)]
    try:
        time.sleep(1 if n else 0)
        yield
    finally:
        for p in procs:
            p.kill()
            p.wait()


def run_once(base, token, clicks, play_seconds, load):
    with browser.chromium_page(1400, 1000) as page:
        browser.open_and_run_all(page, base, token, "bench.ipynb")
        page.evaluate(HELPERS)
        with competing(load):
            return measure(page, clicks, play_seconds)


def fmt_latency(a):
    return f"{np.median(a):6.0f} {np.percentile(a, 90):6.0f}"


def report(runs, load):
    labels = [k for k in runs]
    print()
    head = "".join(f" | {lab:^37}" for lab in labels)
    print(f"{'case':<46}{head}")
    sub = "".join(" | click med p90 · Play/s · drag" for _ in labels)
    print(f"{'':<46}{sub}")
    for name, *_ in CASES:
        line = f"{name:<46}"
        for lab in labels:
            r = runs[lab][name]
            parts = []
            if "click" in r:
                parts.append(f"{fmt_latency(r['click'])} ms (kernel {r['kernel']:.0f})")
            if "select" in r:
                parts.append(f"choice {fmt_latency(r['select'])} ms")
            if "play" in r:
                parts.append(f"{r['play'][0]:5.1f}/s")
            if "play50" in r:
                parts.append(f"(50 steps/frame {r['play50'][0]:4.1f}/s)")
            if "drag" in r:
                d = r["drag"]
                parts.append(f"drag {d['pictures']} pictures, settles {d['settle_ms']:.0f} ms, "
                             f"last {'right' if d['final_ok'] else 'WRONG'}")
            line += " | " + " · ".join(parts)
        print(line)
    verdicts = []
    for lab in labels:
        clicks = [r[k] for r in runs[lab].values() for k in ("click", "select") if k in r]
        worst = max(np.percentile(c, 90) for c in clicks)
        plays = [r["play"][0] for r in runs[lab].values() if "play" in r]
        drags = [r["drag"] for r in runs[lab].values() if "drag" in r]
        parts = [f"worst click p90 {worst:.0f} ms ({'OK' if worst <= 100 else 'over 100 ms'})"]
        if plays:
            parts.append(f"slowest Play {min(plays):.1f}/s "
                         f"({'OK' if min(plays) >= 10 else 'under 10/s'})")
        if drags:
            ok = all(d["final_ok"] for d in drags)
            parts.append(f"drags {'all end on the right picture' if ok else 'END WRONG'}, "
                         f"longest settle {max(d['settle_ms'] for d in drags):.0f} ms")
        verdicts.append(f"{lab}: " + "; ".join(parts))
    print()
    print("\n".join(verdicts))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=20, help="inputs per latency case")
    parser.add_argument("--play-seconds", type=float, default=5.0)
    parser.add_argument("--load", type=int, default=2,
                        help="competing CPU-bound processes for the loaded run (0: quiet only)")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args()
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor()) \
        if Path("/proc/cpuinfo").exists() else platform.processor()
    print(f"cores (os.cpu_count): {os.cpu_count()} · {cpu} · load average at start: "
          f"{os.getloadavg()[0]:.2f}")
    print(f"python {platform.python_version()}, numpy {np.__version__}; {args.clicks} inputs per "
          f"case, Play counted over {args.play_seconds:g} s")
    with tempfile.TemporaryDirectory(prefix="nnla-bench-") as tmp:
        folder = Path(tmp)
        bench_notebook(folder)
        runs = {}
        with browser.jupyterlab(folder) as (base, token):
            print("quiet:", flush=True)
            runs["quiet"] = run_once(base, token, args.clicks, args.play_seconds, 0)
            if args.load:
                print(f"with {args.load} competing processes:", flush=True)
                runs[f"{args.load} competing"] = run_once(base, token, args.clicks,
                                                          args.play_seconds, args.load)
    report(runs, args.load)
    if args.json:
        args.json.write_text(json.dumps(runs, default=lambda a: np.asarray(a).tolist(), indent=1))


if __name__ == "__main__":
    main()
