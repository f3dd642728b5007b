"""Memory kept between training steps (nnla_helpers.memory): the same work with and without.

    python benchmarks/memory_kept.py

Each case runs in a fresh Python process, with NNLA_KEEP_MEMORY=0 (glibc's defaults) and
without it (the course's setting), alternately, 3 times each; the medians are printed with
their ratio. The cases, in this order in each process: notebook 05's 2-128-128-2 network
trained for 1000 epochs with the validation loss every epoch, then one layer Z = A W + b and
its ReLU for 400 and 3 200 rows of 128 units (median of 200 repetitions). Without the setting
the cost depends on what ran before in the process (glibc adapts its thresholds to the sizes
freed so far), so a case can be slow in one process and fast in another. Results: benchmarks/README.md, "Memory kept between steps".
"""

import os
import platform
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

CASE = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
import numpy as np
from nnla_helpers import MLP, data, memory
from nnla_helpers.train import train

def median_s(f, n):
    times = []
    for _ in range(n):
        t = time.perf_counter(); f(); times.append(time.perf_counter() - t)
    return float(np.median(times))

out = {"kept": memory.KEPT}
X, y = data.two_moons(840, noise=0.35, seed=0)
X_tr, y_tr, X_va, y_va, _, _ = data.split(X, y, (40, 400, 400), seed=0)
out["05: 2-128-128-2, 1000 epochs"] = median_s(lambda: train(
    MLP([2, 128, 128, 2], keep_prob=0.5, seed=1), X_tr, y_tr, epochs=1000, lr=0.3,
    X_val=X_va, Y_val=y_va), 1)
rng = np.random.default_rng(0)
W, b = rng.normal(size=(128, 128)) * 0.1, rng.normal(size=128)
for m in (400, 3200):
    A = rng.normal(size=(m, 128))
    out[f"layer {m} x 128"] = median_s(lambda: np.maximum(A @ W + b, 0), 200)
print(repr(out))
"""


def run(keep):
    env = dict(os.environ, NNLA_KEEP_MEMORY="1" if keep else "0")
    for name in ("MALLOC_TOP_PAD_", "MALLOC_MMAP_THRESHOLD_"):
        env.pop(name, None)
    done = subprocess.run([sys.executable, "-c", CASE, str(ROOT)], env=env, check=True,
                          capture_output=True, text=True)
    return eval(done.stdout.strip().splitlines()[-1])        # our own dict of floats


def main():
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"python {platform.python_version()}, numpy {np.__version__}, "
          f"C library {' '.join(platform.libc_ver())}")
    runs = {True: [], False: []}
    for _ in range(3):
        for keep in (False, True):
            runs[keep].append(run(keep))
    if not all(r["kept"] for r in runs[True]):
        print("nnla_helpers.memory does nothing on this machine (not Linux with glibc): "
              "both columns are the default.")
    print(f"{'case':32s} {'default ms':>11s} {'kept ms':>9s} {'default/kept':>13s}")
    for case in [k for k in runs[True][0] if k != "kept"]:
        slow = np.median([r[case] for r in runs[False]]) * 1000
        fast = np.median([r[case] for r in runs[True]]) * 1000
        print(f"{case:32s} {slow:11.2f} {fast:9.2f} {slow / fast:12.2f}x")


if __name__ == "__main__":
    main()
