"""The assert audit (tools/assert_audit.py): every assert in every notebook is named by a
mutant that makes its claim false, or is a listed guard; each mutant makes its assert fail.

The runner is tested first on a small notebook of its own, so the audit itself can fail."""

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import assert_audit  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _notebook(tmp_path, *cells):
    nb = {"cells": [{"cell_type": "code", "source": c, "metadata": {}, "outputs": [],
                     "execution_count": None, "id": f"c{i}"} for i, c in enumerate(cells)],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "toy.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def _audit(tmp_path, mutants, guards=None):
    (tmp_path / "toy.py").write_text(f"MUTANTS = {mutants!r}\nGUARDS = {guards or {}!r}\n",
                                     encoding="utf-8")
    return assert_audit.audit(tmp_path / "toy.ipynb", log=lambda s: None, folder=tmp_path)


CELLS = ("import numpy as np\nW = np.ones(3)\n",
         "def relu(z):\n    return np.maximum(z, 0)\n"
         "W_before = W.copy()\nZ = np.array([-1.0, 2.0])\nA = relu(Z)\n"
         "np.testing.assert_array_equal(W, W_before)   # relu left W alone\n"
         "assert A.min() >= 0, 'relu is never negative'\n")
GOOD = dict(cell="def relu", old="return np.maximum(z, 0)", new="return z",
            breaks="assert A.min() >= 0, 'relu is never negative'")


def test_a_mutant_that_breaks_its_claim_passes_the_audit(tmp_path):
    _notebook(tmp_path, *CELLS)
    vacuous = "np.testing.assert_array_equal(W, W_before)   # relu left W alone"
    assert _audit(tmp_path, [GOOD], {vacuous: "W never reaches relu"}) == []


def test_an_assert_that_cannot_fail_is_caught(tmp_path):
    # relu never receives W: even a relu that zeroes its input in place cannot break the assert
    _notebook(tmp_path, *CELLS)
    vacuous = dict(cell="def relu", old="return np.maximum(z, 0)",
                   new="z[...] = 0\n    return z",
                   breaks="np.testing.assert_array_equal(W, W_before)   # relu left W alone")
    problems = _audit(tmp_path, [GOOD, vacuous])
    assert len(problems) == 1 and "still passes" in problems[0]


def test_an_assert_without_an_entry_is_caught(tmp_path):
    _notebook(tmp_path, *CELLS)
    problems = _audit(tmp_path, [GOOD])
    assert len(problems) == 1 and "no mutant makes this assert fail" in problems[0]


def test_a_mutant_may_not_change_the_assert_itself(tmp_path):
    _notebook(tmp_path, *CELLS)
    cheat = dict(GOOD, old="A.min() >= 0", new="A.min() >= 5")
    problems = _audit(tmp_path, [cheat], {"np.testing.assert_array_equal(W, W_before)   # "
                                          "relu left W alone": "x"})
    assert any("changes an assert itself" in p for p in problems)


def test_stale_entries_are_caught(tmp_path):
    _notebook(tmp_path, *CELLS)
    problems = _audit(tmp_path, [dict(GOOD, cell="no such cell"), dict(GOOD, old="nothing")],
                      {"assert gone": "x"})
    assert any("occurs in 0 code cells" in p for p in problems)
    assert any("`old` occurs 0 times" in p for p in problems)
    assert any("no longer has" in p for p in problems)


def test_a_mutant_that_errors_or_fails_elsewhere_is_caught(tmp_path):
    _notebook(tmp_path, *CELLS)
    guard = {"np.testing.assert_array_equal(W, W_before)   # relu left W alone": "x"}
    crash = dict(GOOD, new="return z @ np.ones((3, 3))")
    assert "raised ValueError" in _audit(tmp_path, [crash], guard)[0]


def test_each_assert_is_judged_on_its_own(tmp_path):
    # the mutant also breaks the first assert; the second is still reached and must fail
    _notebook(tmp_path, "import numpy as np\nx = np.arange(3.0)\ny = 2 * x\n"
                        "assert y[1] == 2\nassert y.sum() == 6\n")
    assert _audit(tmp_path, [dict(cell="y = 2 * x", old="2 * x", new="3 * x",
                                  breaks="assert y.sum() == 6"),
                             dict(cell="y = 2 * x", old="2 * x", new="3 * x",
                                  breaks="assert y[1] == 2")]) == []


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_every_notebook_assert_is_audited(notebook):
    mutants, guards, _ = assert_audit.load_audit(notebook)
    problems, _, n_asserts = assert_audit.check_static(notebook, mutants, guards)
    assert n_asserts > 0
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def audit_runs():
    """Each notebook's audit in its own process, two at a time (the machines have 2 cores)."""
    def run(notebook):
        return subprocess.run([sys.executable, str(ROOT / "tools" / "assert_audit.py"),
                               "--quiet", str(notebook)],
                              capture_output=True, text=True, cwd=ROOT)
    slowest_first = sorted(NOTEBOOKS, reverse=True)          # 06 trains on MNIST
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(slowest_first, pool.map(run, slowest_first)))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_every_mutant_makes_its_assert_fail(notebook, audit_runs):
    result = audit_runs[notebook]
    assert result.returncode == 0, result.stdout + result.stderr
