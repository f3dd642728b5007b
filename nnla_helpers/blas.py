"""How many threads NumPy's matrix products (BLAS: OpenBLAS, MKL) may use — decided here,
once, for the whole course (notebook 06 shows it on MNIST).

- **One thread by default.** Nearly every product in the course is small: toy sets,
  2-16-16-3 networks, widgets, gradient checks. Handing a small product to a second thread
  costs more than it saves, and on a busy machine (a shared JupyterHub, a CI runner) far
  more: the second thread waits for a free core while the first spins waiting for it.
- **Spare cores for large products only**: a training step whose largest product has at
  least ``LARGE_PRODUCT`` multiply-adds (MNIST batches, full-batch passes over 60 000
  images). ``large_threads()`` gives them one thread per core that other programs leave
  idle — all of them on a quiet laptop, one on a loaded machine. ``Trainer`` asks again at
  every epoch.

NNLA_BLAS_THREADS=n fixes the count for large products (1 keeps everything on one thread:
what a JupyterHub admin sets when many learners share a node). OPENBLAS_NUM_THREADS (or
OMP_NUM_THREADS) caps it. Measurements behind these choices: benchmarks/README.md.
"""

import os
import time
from contextlib import contextmanager

import numpy as np  # noqa: F401 — loads the BLAS, so the controller below can find it
from threadpoolctl import ThreadpoolController

from . import checks
from .errors import SettingError

# m · n_in · n_out of one product from which a second thread pays off: MNIST batches of 128
# through a 128-unit layer (1.3·10⁷) and up, not notebook 05's 400 × 128 × 128 (6.6·10⁶),
# which loses many times over on a busy machine (benchmarks/README.md, "One thread or two,
# product by product").
LARGE_PRODUCT = 2 ** 23

_controller = ThreadpoolController()          # finds the BLAS libraries NumPy has loaded


def _fixed_threads():
    """NNLA_BLAS_THREADS as a number, or None when it is not set."""
    env = os.environ.get("NNLA_BLAS_THREADS", "").strip()
    if not env:
        return None
    if not env.isdigit() or int(env) < 1:
        raise SettingError(f"NNLA_BLAS_THREADS must be a whole number of threads (1, 2, …), "
                         f"got {env!r}. Unset it to let the course choose.")
    return int(env)


def _blas_threads_at_start():
    counts = [lib.num_threads for lib in _controller.select(user_api="blas").lib_controllers]
    return max(counts, default=1)


FIXED_THREADS = _fixed_threads()
MAX_THREADS = FIXED_THREADS or _blas_threads_at_start()   # what the BLAS was started with
_default = None
_in_force = None          # the count the BLAS has now: the default, or the innermost limit's


def set_default_threads(n):
    """Let every BLAS product in this kernel use ``n`` threads (the course sets 1 on import)."""
    global _default, _in_force
    n = checks.whole("n", n, at_least=1, hint=" It is a number of BLAS threads.")
    _controller.limit(limits=n, user_api="blas")
    _default = _in_force = n


@contextmanager
def limit(n):
    """Inside this block BLAS uses ``n`` threads; the count before it again after it.
    A block asking for the count already in force changes nothing (a training step inside
    an epoch that holds the limit costs no call to the BLAS)."""
    global _in_force
    n = checks.whole("n", n, at_least=1, hint=" It is a number of BLAS threads.")
    if n == _in_force:
        yield
        return
    outer, _in_force = _in_force, n
    try:
        with _controller.limit(limits=n, user_api="blas"):
            yield
    finally:
        _in_force = outer


def threads_for(m, layer_sizes):
    """Threads for the products of an ``m``-row batch through layers ``layer_sizes``:
    ``large_threads()`` if ``is_large(m, layer_sizes)``, else 1."""
    return large_threads() if is_large(m, layer_sizes) else 1


def is_large(m, layer_sizes):
    """Does the largest product of an ``m``-row batch through layers ``layer_sizes``,
    m · n_in · n_out, reach LARGE_PRODUCT? (The Trainer asks once, then only
    ``large_threads()`` at each epoch.)"""
    m = checks.whole("m", m, at_least=0, hint=" It is the number of rows of a batch.")
    layer_sizes = checks.wholes("layer_sizes", checks.listed(
        "layer_sizes", layer_sizes, "list the layers' sizes", "[784, 128, 10]"), at_least=1)
    return max((m * a * b for a, b in zip(layer_sizes, layer_sizes[1:])), default=0) >= LARGE_PRODUCT


def large_threads():
    """Threads for large products now: NNLA_BLAS_THREADS if set, else one for this program
    plus one per core that other programs have left idle lately (at most MAX_THREADS)."""
    if FIXED_THREADS is not None or MAX_THREADS == 1:
        return MAX_THREADS
    spare = _cores() - 1 - _busy_elsewhere()
    return max(1, min(MAX_THREADS, 1 + int(spare + 0.5)))


@contextmanager
def large_products():
    """A block of large products (e.g. full-batch passes over MNIST): ``large_threads()``."""
    with limit(large_threads()):
        yield


# ---- how busy the other programs keep the CPU ---------------------------------------------
def _cores():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:                        # macOS, Windows
        return os.cpu_count() or 1


def _cpu_sample():
    """(wall seconds, CPU seconds used by the whole machine, CPU seconds used by us), or None
    where the machine's total is not readable (it is on Linux)."""
    try:
        with open("/proc/stat") as f:
            ticks = [int(v) for v in f.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    busy = sum(ticks) - ticks[3] - ticks[4]       # all but idle and iowait
    own = os.times()
    return time.monotonic(), busy / os.sysconf("SC_CLK_TCK"), own.user + own.system


_last_sample = _cpu_sample()
_last_estimate = 0.0
MIN_WINDOW_S = 0.2        # a shorter window would measure noise


def _busy_elsewhere():
    """Cores' worth of CPU that other programs used since the last look (Linux), or the
    1-minute load average less this program (elsewhere; it lags, so it is a fallback)."""
    global _last_sample, _last_estimate
    now = _cpu_sample()
    if now is None:
        try:
            return max(0.0, os.getloadavg()[0] - 1)
        except (AttributeError, OSError):
            return 0.0
    if _last_sample is None:                      # the first look only starts a window
        _last_sample = now
    if now[0] - _last_sample[0] < MIN_WINDOW_S:
        return _last_estimate
    wall, busy, own = (a - b for a, b in zip(now, _last_sample))
    _last_sample, _last_estimate = now, max(0.0, (busy - own) / wall)
    return _last_estimate


set_default_threads(1)
