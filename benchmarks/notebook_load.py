"""How much slower does each notebook run on a busy machine?

    python benchmarks/notebook_load.py                     # all notebooks, quiet and loaded
    python benchmarks/notebook_load.py 05_dropout 06_mnist --load 2 --repeat 2
    python benchmarks/notebook_load.py --package /path/to/other/checkout   # another version

Each notebook runs top to bottom in a fresh kernel (as "Restart and run all" does), once on
the machine as it is ("quiet") and once while ``--load`` CPU-bound processes compete for the
cores ("loaded"), taking turns notebook by notebook so that drift in the machine's speed
hits both alike. It prints one line per notebook and the slow-down ratio loaded / quiet.
A shared JupyterHub or a CI runner is always loaded; the course's target is a ratio of at
most 3 with two competing processes on two cores. Results: benchmarks/README.md.

``--package DIR`` runs the kernels with DIR first on PYTHONPATH, so that DIR's nnla_helpers
(another checkout, e.g. an older commit made with `git worktree add`) is the one imported;
the notebooks still come from this checkout unless ``--notebooks-dir`` says otherwise.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
BURN = "while True: pass"


def run_notebook(path, timeout):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def cpu_busy_fraction(seconds=1.0):
    """How busy the whole machine is right now, in cores (Linux), before a run."""
    def sample():
        with open("/proc/stat") as f:
            t = [int(v) for v in f.readline().split()[1:9]]
        return sum(t) - t[3] - t[4], sum(t)
    try:
        b0, a0 = sample(); time.sleep(seconds); b1, a1 = sample()
    except OSError:
        return float("nan")
    return (b1 - b0) / max(a1 - a0, 1) * (os.cpu_count() or 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*", help="names like 05_dropout (default: all)")
    ap.add_argument("--load", type=int, default=2, help="competing CPU-bound processes")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--timeout", type=int, default=1800, help="per cell, seconds")
    ap.add_argument("--package", type=Path, help="import nnla_helpers from this folder")
    ap.add_argument("--notebooks-dir", type=Path, default=ROOT / "notebooks")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()
    if args.package:
        os.environ["PYTHONPATH"] = f"{args.package.resolve()}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"
    names = args.notebooks or sorted(p.stem for p in args.notebooks_dir.glob("*.ipynb"))
    paths = [args.notebooks_dir / f"{n.removesuffix('.ipynb')}.ipynb" for n in names]

    import numpy
    from threadpoolctl import threadpool_info
    blas = [f"{i['internal_api']} {i['version']} {i.get('architecture')} ({i['num_threads']} threads)"
            for i in threadpool_info() if i["user_api"] == "blas"]
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, NumPy {numpy.__version__}, {', '.join(blas)}")
    print(f"package: {args.package or 'this checkout'};  load: {args.load} CPU-bound processes;  "
          f"machine busy before the run: {cpu_busy_fraction():.2f} cores")
    print(f"{'notebook':28s} {'quiet s':>9s} {'loaded s':>9s} {'ratio':>7s}")
    results = []
    for path in paths:
        quiet, loaded = [], []
        for _ in range(args.repeat):
            quiet.append(run_notebook(path, args.timeout))
            burners = [subprocess.Popen([sys.executable, "-c", BURN]) for _ in range(args.load)]
            try:
                time.sleep(0.5)                       # let them reach full speed
                loaded.append(run_notebook(path, args.timeout))
            finally:
                for b in burners:
                    b.kill()
                    b.wait()
        q, ld = min(quiet), min(loaded)
        results.append({"notebook": path.stem, "quiet_s": q, "loaded_s": ld, "ratio": ld / q})
        print(f"{path.stem:28s} {q:9.1f} {ld:9.1f} {ld / q:7.2f}", flush=True)
    total_q = sum(r["quiet_s"] for r in results)
    total_l = sum(r["loaded_s"] for r in results)
    print(f"{'all':28s} {total_q:9.1f} {total_l:9.1f} {total_l / total_q:7.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    worst = max(r["ratio"] for r in results)
    print(f"worst slow-down: {worst:.2f}x " + ("(target ≤ 3 met)" if worst <= 3 else "(target ≤ 3 MISSED)"))


if __name__ == "__main__":
    main()
