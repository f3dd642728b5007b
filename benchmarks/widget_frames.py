"""How long does one widget frame take? Headless, on this machine.

    python benchmarks/widget_frames.py            # 200 frames per case
    python benchmarks/widget_frames.py --frames 500

Case "spiral" is the budget case of issue 3: a TrainingPlayer frame = one mini-batch step
(batch 32) of a 2-16-16-3 ReLU/softmax network on the 300-point spiral set + evaluation of
the train loss + redraw of every view (loss curve, 80×80 decision regions, three weight
heatmaps) + PNG encoding into the Image widget. Budget: median ≤ 50 ms.
Frames are driven the way the browser drives them: ``player.play.value += 1`` while playing.

Other cases, for information: the notebook-01 linear regression (fitted line + loss surface),
the same spiral player with held-out data, and a DigitExplorer index change.
"""

import argparse
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # run from anywhere

import matplotlib  # noqa: E402

from nnla_helpers import MLP, data  # noqa: E402
from nnla_helpers.widgets import DigitExplorer, TrainingPlayer  # noqa: E402


def time_frames(advance, n_frames, warmup=10):
    """Seconds per call of ``advance()`` over n_frames calls, after ``warmup`` untimed calls."""
    for _ in range(warmup):
        advance()
    times = []
    for _ in range(n_frames):
        start = time.perf_counter()
        advance()
        times.append(time.perf_counter() - start)
    return np.array(times)


def player_case(player, n_frames):
    player.play.playing = True

    def tick():
        player.play.value += 1
    times = time_frames(tick, n_frames)
    assert not player.message, player.message        # a diverged run would not be a fair timing
    png = len(player.image.value)
    player.close()
    return times, png


def case_spiral(n_frames, with_val=False):
    X, y = data.spirals(100, 3)                       # 300 points, 3 classes
    kwargs = {}
    if with_val:
        kwargs = dict(X_val=data.spirals(50, 3, seed=1)[0], y_val=data.spirals(50, 3, seed=1)[1])
    player = TrainingPlayer(X, y, hidden_sizes=(16, 16), activation="relu", lr=0.3,
                            batch_size=32, seed=0, **kwargs)
    assert player.net.sizes == [2, 16, 16, 3]
    return player_case(player, n_frames)


def case_regression(n_frames):
    X, T = data.noisy_line(50)
    player = TrainingPlayer(X, T, hidden_sizes=(), lr=0.05)
    return player_case(player, n_frames)


def case_digits(n_frames):
    _, _, X, y = data.load_mnist(n_train=1, n_test=1000)
    explorer = DigitExplorer(MLP([784, 32, 10], seed=0), X, y)
    counter = iter(range(1, 10 ** 9))
    times = time_frames(lambda: setattr(explorer.index, "value", next(counter) % 1000), n_frames)
    png = len(explorer.image.value)
    explorer.close()
    return times, png


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=200)
    args = parser.parse_args()
    load = os.getloadavg() if hasattr(os, "getloadavg") else ("?",)
    print(f"cores (os.cpu_count): {os.cpu_count()}   load average at start: {load[0]:.2f}")
    print(f"python {platform.python_version()}, numpy {np.__version__}, "
          f"matplotlib {matplotlib.__version__} (Agg, no pyplot)")
    print(f"{args.frames} frames per case, after 10 warm-up frames\n")
    print(f"{'case':<44}{'median ms':>10}{'p90 ms':>9}{'max ms':>9}{'PNG kB':>9}")
    cases = [("spiral 2-16-16-3, batch 32 (budget ≤ 50 ms)", lambda n: case_spiral(n)),
             ("spiral 2-16-16-3 + held-out curve", lambda n: case_spiral(n, with_val=True)),
             ("linear regression 1-1 + loss surface", case_regression),
             ("DigitExplorer 784-32-10, new index", case_digits)]
    results = {}
    for name, run in cases:
        times, png = run(args.frames)
        ms = 1000 * times
        results[name] = ms
        print(f"{name:<44}{np.median(ms):>10.1f}{np.percentile(ms, 90):>9.1f}{ms.max():>9.1f}"
              f"{png / 1000:>9.0f}")
    budget = np.median(results[cases[0][0]])
    print(f"\nbudget case median {budget:.1f} ms: {'OK' if budget <= 50 else 'OVER BUDGET'} "
          f"(load average at end: {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()
