"""MNIST speed benchmark: the nnla_helpers network against the same network in PyTorch.

What is measured
----------------
1. A 784-128-10 network (ReLU hidden layer, softmax output, cross-entropy loss, He init,
   float32) trained by mini-batch SGD with momentum (batch 128) for 5 epochs, twice in
   the same process: once with ``nnla_helpers`` (NumPy) and once with PyTorch's CPU build,
   with the same architecture, init family, optimizer, learning rate, momentum, batch
   size, number of epochs and shuffling (a fresh seeded permutation every epoch; the last,
   smaller batch is kept). Printed: seconds per epoch (median over the epochs), the ratio
   torch / helpers (> 1 means the helpers are faster) and test accuracy after the last epoch.
   Beside them, the **BLAS bound** of that epoch (see below), and two targets (issue 16):
   torch / helpers ≥ 2 and helpers / BLAS bound ≤ 1.5, each printed with OK or NOT MET.
2. Essay 001's recipe with the helpers: 784-10-10, weights and biases ~ U(−0.5, 0.5),
   full batch (all 60 000 images), learning rate 0.1, no momentum, 500 steps. Printed:
   the total time and the real test accuracy.

How
---
Each epoch is timed with ``time.perf_counter()`` around nothing but the training steps;
accuracy is computed afterwards, outside the timed region. The two libraries take turns
epoch by epoch (helpers, torch, then torch, helpers, ...) so that a noisy machine slows
both alike, and the median epoch is reported. PyTorch uses ``--threads`` threads (default 2,
``torch.set_num_threads``). The helpers run as a learner runs them: one BLAS thread by
default, and for a batch whose largest product reaches ``blas.LARGE_PRODUCT`` multiply-adds
one thread per core that other programs leave idle, decided by the Trainer at every epoch
(``blas.threads_for``; NNLA_BLAS_THREADS=n fixes it). The table prints the counts each side
used, epoch by epoch. NumPy's BLAS is never limited behind the course's back: ``blas.limit``
keeps its own account of the thread count.

The BLAS bound: the time of nothing but the matrix products one helpers epoch makes, taking
its turn with the two libraries (helpers, torch, bound, then bound, torch, helpers, ...).
Per batch these are the products of the helpers' fast path (``MLP._fast_pass``), for each
layer l = 1, 2: Z_l = A_{l−1} W_l, dW_l = A_{l−1}ᵀ dZ_l, and dA_{l−1} = dZ_l W_lᵀ for l = 2
(the fast path computes no ∂L/∂X): five ``np.matmul(..., out=)`` calls per batch, with the
same shapes, dtype (float32), memory layouts (transposes as views) and batches (468 of 128
and one of 96), under ``blas.limit`` with the thread count the helpers' Trainer uses. The
operands are fixed random arrays made before the timing, so the bound leaves out everything
else an epoch must do: gathering the batch's rows from the 188 MB training set (its operand
here stays in cache), the biases, ReLU, softmax, the loss, the sums for db and the updates.
A training epoch cannot be faster than its products; the ratio helpers / bound says how much
the rest costs. The same products on every thread the BLAS has ("bound, all cores") are the
fastest epoch NumPy allows on this machine: from it the table says how much time 2× PyTorch
leaves for everything else a step does, and how much the helpers spend on it.

Two things make a fair comparison on a small machine harder:
- OpenBLAS's worker threads keep spinning for about 0.1 s after NumPy's last matrix
  product; a PyTorch epoch started right away would share the cores with them. So the
  script pauses 0.3 s (untimed) before every timed epoch.
- Other programs running at the same time slow everything down. On Linux the script
  counts the CPU time other processes used during the run and says so; rerun if it is busy.

    python benchmarks/mnist_mlp.py              # full run, writes benchmarks/results/mnist_mlp.txt
    python benchmarks/mnist_mlp.py --quick      # smoke run: 1 epoch, 50 essay steps, no file
    python benchmarks/mnist_mlp.py --no-torch   # the helpers only

PyTorch is optional: ``make bench`` installs it (the ``bench`` extra of pyproject.toml).
"""

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))   # use this checkout's helpers, installed or not

from nnla_helpers import MLP, blas, load_mnist  # noqa: E402
from nnla_helpers.train import Trainer  # noqa: E402

RESULTS_FILE = ROOT / "benchmarks" / "results" / "mnist_mlp.txt"

# The mini-batch run: the same settings for both libraries.
SIZES = [784, 128, 10]
BATCH_SIZE = 128
LR = 0.05
MOMENTUM = 0.9
SEED = 0
TARGET_ACCURACY = 0.975
TARGET_TORCH_RATIO = 2.0     # issue 16: torch / helpers at least this
TARGET_BOUND_RATIO = 1.5     # issue 16: helpers / BLAS bound at most this

# Essay 001's recipe (helpers only).
ESSAY_SIZES = [784, 10, 10]
ESSAY_LR = 0.1
ESSAY_STEPS = 500
ESSAY_BUDGET_S = 15.0      # what the MNIST notebook can afford for those 500 steps

ALL_CORES = "bound, all cores"   # the BLAS bound with every thread the BLAS has

PAUSE_S = 0.3              # lets the other library's idle threads stop spinning


# ---- the helpers side -----------------------------------------------------------------------
class HelpersRun:
    """784-128-10 with nnla_helpers: MLP + Trainer, one ``run_epoch()`` per epoch."""

    name = "helpers"

    def __init__(self, data):
        X_train, y_train, self.X_test, self.y_test = data
        self.net = MLP(SIZES, hidden="relu", output="softmax", init="he", seed=SEED,
                       dtype=np.float32)
        self.trainer = Trainer(self.net, X_train, y_train, lr=LR, batch_size=BATCH_SIZE,
                               momentum=MOMENTUM, seed=SEED)
        self.threads = []          # the BLAS threads the Trainer chose, epoch by epoch

    def epoch(self):
        self.trainer.run_epoch()
        self.threads.append(self.trainer.blas_threads)

    def test_accuracy(self):
        return self.net.accuracy(self.X_test, self.y_test)


# ---- the BLAS bound -------------------------------------------------------------------------
class BlasBound:
    """Only the matrix products of one helpers epoch (module docstring: "The BLAS bound"),
    on the helpers' threads, or with all_cores=True on every thread the BLAS has."""

    name = "BLAS bound"

    def __init__(self, m, trainer, all_cores=False):
        rng = np.random.default_rng(SEED)
        f32 = np.float32
        self.trainer = trainer      # the helpers' Trainer: its thread count, epoch by epoch
        self.all_cores = all_cores  # True: as many threads as the BLAS has (the fastest possible)
        if all_cores:
            self.name = ALL_CORES
        self.weights = [rng.standard_normal((a, b)).astype(f32) for a, b in zip(SIZES, SIZES[1:])]
        self.batches = []          # per distinct batch size: its operands and results
        for rows in sorted({min(BATCH_SIZE, m - start) for start in range(0, m, BATCH_SIZE)}):
            A = [rng.standard_normal((rows, n)).astype(f32) for n in SIZES[:-1]]   # A_0 … A_{L−1}
            dZ = [rng.standard_normal((rows, n)).astype(f32) for n in SIZES[1:]]   # dZ_1 … dZ_L
            self.batches.append((A, dZ, [np.empty_like(d) for d in dZ],
                                 [np.empty_like(W) for W in self.weights],
                                 [np.empty_like(a) for a in A]))
        self.counts = {rows: 0 for rows in (b[0][0].shape[0] for b in self.batches)}
        for start in range(0, m, BATCH_SIZE):
            self.counts[min(BATCH_SIZE, m - start)] += 1

    @property
    def threads(self):
        return blas.MAX_THREADS if self.all_cores else self.trainer.blas_threads

    def epoch(self):
        with blas.limit(self.threads):
            for A, dZ, Z, dW, dA in self.batches:
                for _ in range(self.counts[A[0].shape[0]]):
                    for l, W in enumerate(self.weights):
                        np.matmul(A[l], W, out=Z[l])                 # Z_l = A_{l−1} W_l
                    for l in range(len(self.weights) - 1, -1, -1):
                        np.matmul(A[l].T, dZ[l], out=dW[l])          # dW_l = A_{l−1}ᵀ dZ_l
                        if l > 0:                                    # no ∂L/∂X for layer 1
                            np.matmul(dZ[l], self.weights[l].T, out=dA[l])   # dA_{l−1} = dZ_l W_lᵀ

    def test_accuracy(self):
        return None


# ---- the PyTorch side -----------------------------------------------------------------------
class TorchRun:
    """784-128-10 in PyTorch: nn.Linear layers, kaiming-normal init, zero biases, optim.SGD."""

    name = "torch"

    def __init__(self, data, torch):
        self.torch, self.F, nn = torch, torch.nn.functional, torch.nn
        # the same float32 images and int64 labels, shared with NumPy (no copies)
        self.X, self.y, self.X_test, self.y_test = (torch.from_numpy(a) for a in data)
        torch.manual_seed(SEED)
        self.model = nn.Sequential(nn.Linear(SIZES[0], SIZES[1]), nn.ReLU(),
                                   nn.Linear(SIZES[1], SIZES[2]))
        for layer in self.model:
            if isinstance(layer, nn.Linear):          # He init, like init="he"
                nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
                nn.init.zeros_(layer.bias)
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=LR, momentum=MOMENTUM)
        self.generator = torch.Generator().manual_seed(SEED)

    def epoch(self):
        m = self.X.shape[0]
        order = self.torch.randperm(m, generator=self.generator)
        for start in range(0, m, BATCH_SIZE):
            idx = order[start:start + BATCH_SIZE]
            loss = self.F.cross_entropy(self.model(self.X[idx]), self.y[idx])
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()

    def test_accuracy(self):
        with self.torch.no_grad():
            predicted = self.model(self.X_test).argmax(dim=1)
        return (predicted == self.y_test).float().mean().item()


# ---- measuring ------------------------------------------------------------------------------
def timed(fn):
    """Seconds that ``fn()`` takes (after a short, untimed pause)."""
    time.sleep(PAUSE_S)
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def train_alternating(runs, epochs):
    """Train every run for ``epochs`` epochs, taking turns (ABBA...). Returns {name: [s, ...]}."""
    times = {run.name: [] for run in runs}
    for epoch in range(1, epochs + 1):
        order = runs if epoch % 2 else runs[::-1]
        for run in order:
            times[run.name].append(timed(run.epoch))
        report = "  ".join(f"{run.name} {times[run.name][-1]:.3f} s" + (
            "" if run.test_accuracy() is None else f", test acc {run.test_accuracy():.2%}")
            for run in runs)
        print(f"  epoch {epoch}: {report}", flush=True)
    return times


def essay_recipe(data, steps):
    """Essay 001: 784-10-10, U(−0.5, 0.5) init, full batch, lr 0.1. Returns (seconds, test acc)."""
    X_train, y_train, X_test, y_test = data
    net = MLP(ESSAY_SIZES, hidden="relu", output="softmax", init="uniform", seed=SEED,
              dtype=np.float32)
    trainer = Trainer(net, X_train, y_train, lr=ESSAY_LR, batch_size=None)

    def run():
        for _ in range(steps):
            trainer.step()

    return timed(run), net.accuracy(X_test, y_test)


# ---- the environment -----------------------------------------------------------------------
def cpu_seconds():
    """(CPU seconds the whole machine was busy, CPU seconds of this process); Linux only."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]
    except OSError:
        return None
    user, nice, system, idle, iowait, irq, softirq, steal = map(int, fields)
    own = os.times()
    return ((user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK"),
            own.user + own.system)


def other_load(start, wall):
    """A line saying how much CPU other processes took since ``start = cpu_seconds()``."""
    end = cpu_seconds()
    if start is None or end is None:
        return "CPU used by other processes: unknown (not Linux)"
    others = max(0.0, (end[0] - start[0]) - (end[1] - start[1]))
    verdict = "quiet" if others < 0.05 * wall else "BUSY: the figures are too slow, rerun"
    return f"CPU used by other processes during the {wall:.0f} s run: {others:.1f} s ({verdict})"


def import_torch(threads):
    """PyTorch with ``threads`` intra-op threads, or None (with a message) if it is missing."""
    try:
        import torch
    except ImportError:
        print("PyTorch is not installed, so only the helpers are measured. `make bench` "
              "installs it (the `bench` extra: pip install -e \".[bench]\").")
        return None
    torch.set_num_threads(threads)
    return torch


def describe_blas():
    """NumPy's BLAS libraries, their kernels and thread counts (threadpoolctl), as one line."""
    import threadpoolctl
    libs = [i for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    return "; ".join(f"BLAS: {i['internal_api']} {i.get('version')} kernel "
                     f"{i.get('architecture', '?')}, {i['num_threads']} thread(s) by default"
                     for i in libs)


def code_version():
    """The git commit of this checkout ("+ uncommitted changes" if the helpers were edited)."""
    try:
        git = ["git", "-C", str(ROOT)]
        commit = subprocess.run(git + ["rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(git + ["status", "--porcelain", "nnla_helpers"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "nnla_helpers: not a git checkout"
    return f"nnla_helpers at commit {commit}" + (" + uncommitted changes" if dirty else "")


def environment(threads, torch, blas):
    """Lines describing the machine and the software, for the table."""
    env = {v: os.environ.get(v, "unset") for v in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    torch_line = f"torch {torch.__version__}, {torch.get_num_threads()} threads" if torch \
        else "torch not installed"
    return [
        f"date {datetime.datetime.now():%Y-%m-%d %H:%M}, {platform.processor() or platform.machine()}, "
        f"os.cpu_count() = {os.cpu_count()}, --threads {threads}",
        f"Python {platform.python_version()}, numpy {np.__version__}, {torch_line}",
        code_version(),
        blas,
        "OPENBLAS_CORETYPE=" + env["OPENBLAS_CORETYPE"] + ", OPENBLAS_L2_SIZE=" + env["OPENBLAS_L2_SIZE"],
    ]


# ---- the table --------------------------------------------------------------------------------
def table(env_lines, epochs, steps, times, accuracies, essay, essay_steps, load_line):
    """The compact results table, as a list of lines."""
    lines = ["MNIST 784-128-10 ReLU/softmax, float32, SGD lr %g momentum %g, batch %d, %d epoch(s)"
             % (LR, MOMENTUM, BATCH_SIZE, epochs)] + env_lines + [load_line, ""]
    lines.append(f"{'':16} {'s/epoch (median)':>17} {'min':>7} {'max':>7} {'test acc':>9}")
    for name, t in times.items():
        acc = "" if accuracies[name] is None else f"{accuracies[name]:9.2%}"
        lines.append(f"{name:16} {statistics.median(t):17.3f} {min(t):7.3f} {max(t):7.3f} {acc}")
    helpers = statistics.median(times["helpers"])
    if "torch" in times:
        ratio = statistics.median(times["torch"]) / helpers
        ok = "OK" if ratio >= TARGET_TORCH_RATIO else "NOT MET"
        lines.append(f"ratio torch/helpers: {ratio:.2f}  (> 1: the helpers are faster; target "
                     f">= {TARGET_TORCH_RATIO:g}: {ok})")
        # the fastest epoch NumPy's BLAS allows: its products alone, on every core it has
        floor_name = ALL_CORES if ALL_CORES in times else BlasBound.name
        needed, floor = statistics.median(times["torch"]) / TARGET_TORCH_RATIO, \
            statistics.median(times[floor_name])
        left, spent = needed - floor, helpers - floor
        lines.append(f"  {TARGET_TORCH_RATIO:g}x torch needs a helpers epoch of at most {needed:.3f} s; "
                     f"the products alone take {floor:.3f} s ({floor_name})")
        lines.append(f"  so everything else may take {max(left, 0) * 1e6 / steps:.0f} µs a step "
                     f"(the helpers spend {spent * 1e6 / steps:.0f} µs)"
                     + ("" if left > 0 else ": out of reach, no epoch beats its products"))
    ratio = helpers / statistics.median(times[BlasBound.name])
    ok = "OK" if ratio <= TARGET_BOUND_RATIO else "NOT MET"
    lines.append(f"ratio helpers/BLAS bound: {ratio:.2f}  (1 = nothing but the products; target "
                 f"<= {TARGET_BOUND_RATIO:g}: {ok})")
    if epochs >= 5:
        ok = "meets" if accuracies["helpers"] >= TARGET_ACCURACY else "MISSES"
        lines.append(f"helpers test accuracy {ok} the {TARGET_ACCURACY:.1%} target (5 epochs)")
    else:
        lines.append(f"(the {TARGET_ACCURACY:.1%} accuracy target is for 5 epochs)")
    seconds, acc = essay
    lines += ["", f"essay 001 recipe (784-10-10, U(-0.5, 0.5), full batch, lr {ESSAY_LR:g}): "
              f"{essay_steps} steps in {seconds:.1f} s ({seconds / essay_steps * 1000:.0f} ms/step), "
              f"test acc {acc:.2%}"]
    if essay_steps == ESSAY_STEPS:
        ok = "within" if seconds <= ESSAY_BUDGET_S else "OVER"
        lines.append(f"  {ok} the notebook's budget of {ESSAY_BUDGET_S:g} s")
    else:
        lines.append(f"  (about {seconds / essay_steps * ESSAY_STEPS:.1f} s for {ESSAY_STEPS} steps)")
    return lines


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--epochs", type=int, default=5, help="epochs of the 784-128-10 run (5)")
    p.add_argument("--quick", action="store_true",
                   help="smoke run: 1 epoch, 50 essay steps, results file not written")
    p.add_argument("--no-torch", action="store_true", help="measure the helpers only")
    p.add_argument("--threads", type=int, default=2,
                   help="threads for torch (2); the helpers choose theirs (blas.threads_for)")
    return p.parse_args()


def main():
    args = parse_args()
    epochs, essay_steps = (1, 50) if args.quick else (args.epochs, ESSAY_STEPS)
    torch = None if args.no_torch else import_torch(args.threads)
    env_lines = environment(args.threads, torch, describe_blas())
    print("\n".join(env_lines), flush=True)

    data = load_mnist()
    start, start_cpu = time.perf_counter(), cpu_seconds()
    helpers = HelpersRun(data)
    bound = BlasBound(data[0].shape[0], helpers.trainer)
    runs = [helpers] + ([TorchRun(data, torch)] if torch else []) + [bound]
    if blas.MAX_THREADS > 1:         # the products on every core: no epoch can beat this
        runs.append(BlasBound(data[0].shape[0], helpers.trainer, all_cores=True))
    print(f"784-128-10, {epochs} epoch(s), alternating:", flush=True)
    times = train_alternating(runs, epochs)
    env_lines.append(f"BLAS threads per epoch: helpers {helpers.threads} (blas.threads_for), "
                     f"the bound the same, the bound on all cores {blas.MAX_THREADS}"
                     + (f"; torch {torch.get_num_threads()}" if torch else ""))
    accuracies = {run.name: run.test_accuracy() for run in runs}
    print(f"essay 001 recipe, {essay_steps} full-batch steps ...", flush=True)
    essay = essay_recipe(data, essay_steps)

    load_line = other_load(start_cpu, time.perf_counter() - start)
    steps = sum(bound.counts.values())                  # batches an epoch (the last one smaller)
    lines = table(env_lines, epochs, steps, times, accuracies, essay, essay_steps, load_line)
    print("\n" + "\n".join(lines))
    if args.quick:
        print(f"(quick run: {RESULTS_FILE.relative_to(ROOT)} not written)")
    else:
        RESULTS_FILE.parent.mkdir(parents=True, exist_ok=True)
        RESULTS_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"written to {RESULTS_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
