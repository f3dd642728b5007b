"""The property that keeps bad input answered: generated bad values (NaN/inf at drawn
positions, wrong shapes, lists, strings, wrong dtypes, out-of-range labels and settings) go
into every argument of every public function and widget constructor (tests/bad_input_battery.py),
and each answer must be a documented error naming the argument — or, for the same numbers
in another form (a list), the very result of the good call. Never a bare NumPy/Python
exception, never a silent answer. Seeded (derandomize), a bounded number of examples each.

With NNLA_BAD_INPUT_REPORT=<file> set, every answer is written there instead of asserted:
tools/bad_input_report.py counts them.
"""

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings

import bad_input_battery as battery

REPORT = os.environ.get("NNLA_BAD_INPUT_REPORT")


@pytest.mark.parametrize("name, arg", battery.arguments(), ids=[f"{n}:{a}" for n, a in battery.arguments()])
def test_every_bad_input_gets_a_plain_answer(name, arg):
    case = battery.case(name)
    good = case.good()[arg]
    strategy = case.kinds[arg].strategy(good)

    @settings(max_examples=case.examples, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(bad=strategy)
    def check(bad):
        outcome, detail = battery.judge(case, arg, bad)
        if REPORT:
            with open(REPORT, "a") as f:
                f.write(json.dumps({"case": name, "arg": arg, "input": bad.label,
                                    "outcome": outcome, "detail": detail[:300]}) + "\n")
            return
        assert outcome in battery.OK, f"{name}({arg}={bad.label}): {outcome} — {detail}"

    check()


def test_the_judge_can_fail():
    """The judge itself: a bare exception, a silent answer, an unnamed error, a wrong result."""
    import numpy as np
    from nnla_helpers.errors import ShapeError

    def bare(x):
        return np.ones(3) @ np.ones(np.asarray(x).size)        # matmul's own error for size ≠ 3

    def unnamed(x):
        raise ShapeError("something is off")

    def doubled(x):
        return 2 * np.asarray(x) if isinstance(x, list) else np.asarray(x)

    x = np.ones(4)
    for f, bad, want in ((bare, battery.Bad("4", x), "traceback"),
                         (lambda x: 1.0, battery.Bad("nan", np.nan), "silent"),
                         (unnamed, battery.Bad("nan", np.nan), "unnamed"),
                         (doubled, battery.Bad("as a list", x.tolist(), True), "wrong"),
                         (lambda x: np.asarray(x), battery.Bad("as a list", x.tolist(), True), "correct")):
        case = battery.Case("toy", f, lambda: {"x": x}, {"x": None})
        assert battery.judge(case, "x", bad)[0] == want
