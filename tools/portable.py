"""`make test-portable`: every notebook under nbval strict on more than one BLAS.

A stored output that shows floating-point noise passes on the machine that wrote it and
fails on a teacher's laptop. To catch that here first, this runs `pytest --nbval` over all
notebooks once per configuration:

    2 OpenBLAS kernels (this CPU's own, and a second one it can run)  ×  1 and 2 BLAS threads

The second kernel is the first of ALTERNATIVES (by the CPU's family) that loads, multiplies
correctly and is not the native one. Kernels differ in FMA, vector width and summation
order, so they round differently, which is the point. Two configurations run at a time
(the machine has 2 cores; each kernel process uses at most the threads it is given).

Usage: python tools/portable.py [--jobs N] [--dry-run] [notebook ...]
Logs go to build/portable/<configuration>.log; exits non-zero if any configuration fails.
"""

import argparse
import os
import platform
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / "build" / "portable"

# Tried in order; the first that works and differs from the native kernel is used.
# Sandybridge (AVX, no FMA) rounds differently from every FMA kernel; Nehalem is SSE only.
ALTERNATIVES = {
    "x86_64": ["Sandybridge", "Haswell", "Nehalem", "Prescott"],
    "aarch64": ["ARMV8", "NeoverseN1", "CortexA57"],
    "arm64": ["ARMV8", "NeoverseN1", "CortexA57"],
}

PROBE = r"""
import numpy as np, threadpoolctl
a = np.arange(1.0, 65.0 * 64 + 1).reshape(64, 65) / 1000
assert np.allclose(a @ a.T, np.einsum("ik,jk->ij", a, a)), "wrong product"
print(([i["architecture"] for i in threadpoolctl.threadpool_info()
        if i["internal_api"] == "openblas"] + ["not-openblas"])[0])
"""

# Variables that change what OpenBLAS does; a configuration sets exactly the ones it names.
BLAS_VARS = ("OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS",
             "OMP_NUM_THREADS", "NNLA_BLAS_THREADS")


def kernel_of(python, coretype):
    """The architecture OpenBLAS runs with OPENBLAS_CORETYPE=coretype (None: the CPU's own),
    or None if that kernel does not load or multiplies wrongly on this CPU."""
    env = {k: v for k, v in os.environ.items() if k not in BLAS_VARS}
    if coretype:
        env["OPENBLAS_CORETYPE"] = coretype
    try:
        out = subprocess.run([python, "-c", PROBE], env=env, capture_output=True, text=True,
                             timeout=60)
    except subprocess.TimeoutExpired:
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def configurations(python):
    """[(name, env overrides)]: native and one other kernel, each with 1 and 2 threads."""
    # A kernel forced by the environment (some machines set OPENBLAS_CORETYPE) counts as
    # this machine's own; otherwise OpenBLAS detects the CPU.
    forced = os.environ.get("OPENBLAS_CORETYPE")
    native = kernel_of(python, forced)
    if native is None:
        sys.exit(f"NumPy's BLAS does not run here (OPENBLAS_CORETYPE={forced!r}).")
    if native == "not-openblas":                  # e.g. Accelerate on macOS
        print("warning: NumPy's BLAS here is not OpenBLAS; testing thread counts only.",
              file=sys.stderr)
        kernels = [("default", None)]
    else:
        kernels = [(native, forced)]
        for candidate in ALTERNATIVES.get(platform.machine().lower(), []):
            arch = kernel_of(python, candidate)
            if arch is not None and arch.lower() != native.lower():
                kernels.append((arch, candidate))
                break
        if len(kernels) < 2:
            print(f"warning: this CPU runs only one OpenBLAS kernel ({native}); "
                  "testing thread counts only.", file=sys.stderr)
    configs = []
    for arch, coretype in kernels:
        for threads in (1, 2):
            env = {"OPENBLAS_NUM_THREADS": str(threads)}
            if coretype:
                env["OPENBLAS_CORETYPE"] = coretype
            configs.append((f"{arch}-{threads}thread", env))
    return configs


def run(python, name, overrides, notebooks):
    env = {k: v for k, v in os.environ.items() if k not in BLAS_VARS}
    env.update(overrides)
    LOGS.mkdir(parents=True, exist_ok=True)
    log = LOGS / f"{name}.log"
    start = time.monotonic()
    with log.open("w") as f:
        code = subprocess.run([python, "-m", "pytest", "-q", "--nbval", "--nbval-current-env",
                               "--nbval-cell-timeout=600", *notebooks], cwd=ROOT, env=env,
                              stdout=f, stderr=subprocess.STDOUT).returncode
    lines = [ln for ln in log.read_text().splitlines() if ln.strip()]
    return name, code, time.monotonic() - start, (lines[-1] if lines else "(no output)"), log


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--dry-run", action="store_true", help="only say which configurations")
    ap.add_argument("notebooks", nargs="*")
    args = ap.parse_args()
    python = sys.executable
    notebooks = args.notebooks or sorted(str(p.relative_to(ROOT))
                                         for p in (ROOT / "notebooks").glob("*.ipynb"))
    configs = configurations(python)
    for name, env in configs:
        print(f"configuration {name}: " + " ".join(f"{k}={v}" for k, v in env.items()))
    if args.dry_run:
        return 0
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda c: run(python, c[0], c[1], notebooks), configs))
    failed = 0
    for name, code, seconds, last, log in results:
        verdict = "ok" if code == 0 else f"FAILED (exit {code}); see {log.relative_to(ROOT)}"
        print(f"{name:>24}: {last}  [{seconds:.0f} s]  {verdict}")
        failed += code != 0
    print(f"test-portable: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
