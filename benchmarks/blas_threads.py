"""One BLAS thread or two? The course's matrix products, timed both ways, quiet and loaded.

    python benchmarks/blas_threads.py             # --load 2 competing processes by default

For each product shape the course uses (from a 2-16-16-3 widget net to a full batch of
MNIST), the median time of ``A @ B`` with 1 and with 2 BLAS threads, first on the machine
as it is, then while ``--load`` CPU-bound processes compete for the cores. As in a training
step, other NumPy work (about ``--gap-ms`` of it, untimed) runs between two products: in a
tight loop of products alone, OpenBLAS's second thread never stops spinning and is always
ready, which hides what a busy machine does to it. This is what ``nnla_helpers/blas.py``
bases its rule on (LARGE_PRODUCT). Results: benchmarks/README.md.
"""

import argparse
import os
import subprocess
import sys
import time

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

# (what, m, n_in, n_out, dtype, Fortran-order A)
SHAPES = [
    ("widget net, batch 32 (01-04)", 32, 16, 16, np.float64, False),
    ("05: 40 points, 128 units", 40, 128, 128, np.float64, False),
    ("05: 400 held-out points", 400, 128, 128, np.float64, False),
    ("06: batch 128, 784-10", 128, 784, 10, np.float32, False),
    ("06: batch 128, 784-128", 128, 784, 128, np.float32, False),
    ("06: batch 128, 784-256", 128, 784, 256, np.float32, False),
    ("06: 10 000 test images, 784-256", 10000, 784, 256, np.float32, False),
    ("06: full batch 60 000, 784-10", 60000, 784, 10, np.float32, True),
]


def median_ms(a, b, gap, budget_s=0.6):
    a @ b
    times, start = [], time.perf_counter()
    while len(times) < 5 or (time.perf_counter() - start < budget_s and len(times) < 2000):
        gap()                                    # the rest of a training step
        t = time.perf_counter()
        a @ b
        times.append(time.perf_counter() - t)
    return 1000 * float(np.median(times))


def measure(arrays, gap):
    rows = []
    for (what, m, n_in, n_out, *_), (a, b) in zip(SHAPES, arrays):
        times = []
        for threads in (1, 2):
            with threadpool_limits(threads, user_api="blas"):
                times.append(median_ms(a, b, gap))
        rows.append(times)
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--load", type=int, default=2)
    ap.add_argument("--gap-ms", type=float, default=1.0, help="NumPy work between products")
    args = ap.parse_args()
    filler = np.random.default_rng(1).random(4096)
    np.exp(filler)
    t = time.perf_counter()
    for _ in range(100):
        np.exp(filler)
    reps = max(1, round(args.gap_ms / (1000 * (time.perf_counter() - t) / 100)))   # exps per gap

    def gap():
        for _ in range(reps):
            np.exp(filler)

    rng = np.random.default_rng(0)
    arrays = []
    for _, m, n_in, n_out, dtype, fortran in SHAPES:
        a = rng.random((m, n_in)).astype(dtype)
        arrays.append((np.asfortranarray(a) if fortran else a, rng.random((n_in, n_out)).astype(dtype)))
    blas = [f"{i['internal_api']} {i['version']} {i.get('architecture')}"
            for i in threadpool_info() if i["user_api"] == "blas"]
    print(f"{os.cpu_count()} cores, NumPy {np.__version__}, {', '.join(blas)}")
    quiet = measure(arrays, gap)
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.load)]
    try:
        time.sleep(0.5)
        loaded = measure(arrays, gap)
    finally:
        for p in burners:
            p.kill()
            p.wait()
    print(f"{'product (m × n_in → n_out)':36s} {'m·n_in·n_out':>12s} | {'quiet 1 thr':>11s} {'2 thr':>8s} "
          f"{'1/2':>5s} | {'loaded 1 thr':>12s} {'2 thr':>8s} {'1/2':>5s}   (ms; 1/2 > 1: two threads faster)")
    for (what, m, n_in, n_out, *_), q, ld in zip(SHAPES, quiet, loaded):
        print(f"{what:36s} {m * n_in * n_out:12.2e} | {q[0]:11.3f} {q[1]:8.3f} {q[0] / q[1]:5.2f} | "
              f"{ld[0]:12.3f} {ld[1]:8.3f} {ld[0] / ld[1]:5.2f}")


if __name__ == "__main__":
    main()
