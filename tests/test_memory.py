"""nnla_helpers.memory: glibc keeps freed memory for the next step's arrays, unless told not to."""

import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GLIBC = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"


def kept(**env):
    """nnla_helpers.memory.KEPT in a fresh process with these environment variables."""
    full = {k: v for k, v in os.environ.items()
            if k not in ("NNLA_KEEP_MEMORY", "MALLOC_TOP_PAD_", "MALLOC_MMAP_THRESHOLD_")}
    full.update(env)
    out = subprocess.run([sys.executable, "-c", "import nnla_helpers; print(nnla_helpers.memory.KEPT)"],
                         env=full, capture_output=True, text=True, check=True, cwd=ROOT)
    return out.stdout.strip()


@pytest.mark.skipif(not GLIBC, reason="the setting exists only in glibc (Linux)")
def test_memory_is_kept_on_glibc_by_default():
    assert kept() == "True"


def test_memory_setting_can_be_turned_off_and_leaves_the_users_own_alone():
    assert kept(NNLA_KEEP_MEMORY="0") == "False"
    assert kept(MALLOC_TOP_PAD_="1048576") == "False"          # the user's choice stays
    assert kept(MALLOC_MMAP_THRESHOLD_="1048576") == "False"


def test_keep_memory_elsewhere_does_nothing(monkeypatch):
    from nnla_helpers import memory
    monkeypatch.setattr(memory.sys, "platform", "darwin")
    assert memory.keep_memory() is False
