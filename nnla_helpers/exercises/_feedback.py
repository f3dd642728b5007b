"""What every exercise checker returns: a verdict a learner can read.

A checker never raises because of the learner's answer: a wrong answer, an exception
inside the learner's function or an unfinished ``return None`` all become a Feedback
that says what is wrong and how to look for the fix.
"""

import traceback

import numpy as np


class Feedback:
    """``correct`` (bool) and ``message`` (str). Shown in a notebook as its message."""

    def __init__(self, correct, message):
        self.correct, self.message = bool(correct), message

    def __repr__(self):
        return ("✅ Correct! " if self.correct else "❌ Not yet: ") + self.message


def correct(message="well done."):
    return Feedback(True, message)


def wrong(message):
    return Feedback(False, message)


def call(fn, *args, copy=True):
    """Run the learner's function; return (result, None) or (None, Feedback about the error).

    The function gets copies of the arrays (copy=False passes the arrays themselves), so
    whatever it does to them, the checker's own inputs stay as they were.
    """
    if copy:
        args = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
    try:
        return fn(*args), None
    except Exception as err:   # any error in the learner's code becomes advice, not a crash
        frame = traceback.extract_tb(err.__traceback__)[-1]
        where = f" (line {frame.lineno}: `{frame.line.strip()}`)" if frame.line else ""
        hint = ""
        if "matmul" in str(err) or "not aligned" in str(err):
            hint = (" In a matrix product A @ B the columns of A must match the rows of B: check "
                    "the order of the factors (samples are rows here, so X @ W, not W @ X) and "
                    "whether one of them needs a transpose.")
        return None, wrong(f"your function raised {type(err).__name__}: {err}{where}.{hint}")


def unpack(result, names):
    """Split a learner's returned tuple into ``names``: (values, None), or (Nones, Feedback)."""
    together = "(" + ", ".join(names) + ")"
    nothing = (None,) * len(names)
    if result is None:
        return nothing, compare(together, None, None)
    if isinstance(result, np.ndarray) and result.ndim == 1 and len(names) > 1:
        result = list(result)                     # return np.array([a, b]) is fine too
    if not isinstance(result, (tuple, list)) or len(result) != len(names):
        return nothing, wrong(f"return {len(names)} things, in this order: `return {', '.join(names)}`.")
    return tuple(result), None


def as_numbers(name, value):
    """(value as a float array, None), or (None, Feedback) when it is None, not numbers
    (text, ragged lists, objects) or complex."""
    if value is None:
        return None, wrong(f"{name} is None — the exercise cell still has its placeholder; "
                           "replace `None` with your computation.")
    try:
        if np.iscomplexobj(value):
            return None, wrong(f"{name} holds complex numbers; every entry should be a real number.")
        return np.asarray(value, dtype=float), None
    except (TypeError, ValueError, OverflowError):
        return None, wrong(f"{name} should be a NumPy array of numbers, but it is "
                           f"{type(value).__name__} {str(value)[:40]!r}.")


def returned_order(values, right, close):
    """If every returned value is one of the right answers ``right`` ({name: array}), the
    names in the order they were returned; else None. ``close(value, right_value)`` judges."""
    order = []
    for value in values:
        value, error = as_numbers("", value)
        if error:
            return None
        match = [name for name, r in right.items() if r.shape == value.shape and close(value, r)]
        if not match:
            return None
        order.append(match[0])
    return tuple(order) if sorted(order) == sorted(right) else None


def compare(name, got, expected, hints=(), rtol=1e-6, atol=1e-9):
    """Feedback for one array: None, shape, each named mistake in ``hints``, then closeness.

    hints: (wrong_value, explanation) pairs — typical mistakes computed on the same input;
    if the learner's answer equals one of them, its explanation is the message.
    """
    got, error = as_numbers(name, got)
    if error:
        return error
    expected = np.asarray(expected, dtype=float)
    if got.shape != expected.shape:
        hint = ""
        if got.size == expected.size:
            hint = " The numbers may be right but arranged differently — check for a missing reshape or transpose."
        return wrong(f"{name} has shape {got.shape} but should have shape {expected.shape}.{hint}")
    if not np.all(np.isfinite(got)) and np.all(np.isfinite(expected)):
        bad = ~np.isfinite(got)
        first = tuple(int(i) for i in np.argwhere(bad)[0])
        return wrong(f"{name} contains {int(np.isnan(got).sum())} NaN and "
                     f"{int(np.isinf(got).sum())} infinite value(s) (the first at index {first}), "
                     "where every entry should be a finite number. NaN comes from 0/0, inf − inf "
                     "or log of a negative number; inf from an overflow such as exp(1000) or a "
                     "division by 0 — look for one of those in your computation.")
    if np.allclose(got, expected, rtol=rtol, atol=atol):
        return None
    for wrong_value, explanation in hints:
        wrong_value = np.asarray(wrong_value, dtype=float)
        if wrong_value.shape == got.shape and np.allclose(got, wrong_value, rtol=rtol, atol=atol):
            return wrong(f"{name}: {explanation}")
    worst = np.unravel_index(np.argmax(np.abs(got - expected)), got.shape)
    return wrong(f"{name} has the right shape {got.shape} but different values; e.g. at index "
                 f"{tuple(int(i) for i in worst)} you have {got[worst]:.6g}, expected "
                 f"{expected[worst]:.6g}.")
