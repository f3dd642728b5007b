"""Where NumPy's arrays get their memory from — set once, for the whole course, on import.

A training step makes new arrays of the same few sizes (Z = A W + b, its ReLU, the gradients)
and frees them again, thousands of times. With the C library's default settings on Linux
(glibc), freeing a few hundred kilobytes at the top of the heap gives the memory back to the
operating system, so the next step's arrays are fetched again a page (4 KB) at a time, each
page a fault into the kernel. On a virtual machine — Binder, a school JupyterHub, CI — that
costs more than the arithmetic: a 400 × 128 layer, Z = A W + b then ReLU, took 2.1× as long
as with the memory kept (benchmarks/README.md, "Memory kept between steps").

``keep_memory()`` asks glibc to keep ``TOP_PAD`` bytes at the top of the heap when it shrinks,
and to serve arrays below ``HEAP_LIMIT`` from the heap (larger ones, such as MNIST itself,
are mapped and returned as before). At most ``TOP_PAD`` of memory more stays with the kernel.
Elsewhere (macOS, Windows, other C libraries) it does nothing. It leaves alone a
``MALLOC_TOP_PAD_`` or ``MALLOC_MMAP_THRESHOLD_`` that you set yourself, and
NNLA_KEEP_MEMORY=0 turns it off (to measure the difference). ``KEPT`` says whether it is on.
"""

import ctypes
import os
import sys

TOP_PAD = 32 * 2**20            # bytes kept at the top of the heap
HEAP_LIMIT = 32 * 2**20         # arrays from this size on are mapped and unmapped

_M_TOP_PAD, _M_MMAP_THRESHOLD = -2, -3      # mallopt's parameter numbers, from glibc's malloc.h


def keep_memory(top_pad=TOP_PAD, heap_limit=HEAP_LIMIT):
    """Set glibc's ``M_TOP_PAD`` and ``M_MMAP_THRESHOLD`` (see above). True if they were set."""
    if not sys.platform.startswith("linux"):
        return False
    if "MALLOC_TOP_PAD_" in os.environ or "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return False                             # the user's own choice
    try:
        libc = ctypes.CDLL(None)
        libc.gnu_get_libc_version                # glibc only: other C libraries differ
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, heap_limit)) and bool(mallopt(_M_TOP_PAD, top_pad))


KEPT = os.environ.get("NNLA_KEEP_MEMORY", "1").strip() != "0" and keep_memory()
