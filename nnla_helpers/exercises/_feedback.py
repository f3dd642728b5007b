"""What every exercise checker returns: a verdict a learner can read.

A checker never raises because of the learner's answer: a wrong answer, an exception
inside the learner's function or an unfinished ``return None`` all become a Feedback
that says what is wrong and how to look for the fix. ``call`` runs the learner's
function (and undoes what it does to NumPy's error settings), ``as_numbers`` turns
whatever it returned into an array or a Feedback that names what it is, and the
``checker`` decorator, on every ``check_…``, keeps NumPy's default error settings while it
judges and turns a checker's own slip into a Feedback too.
"""

import functools
import inspect
import os
import sys
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


_latest = {}   # (module, checker name) → the latest verdict's ``correct``, in this kernel only


def checker(check):
    """Decorator for every ``check_…``: the checker judges with NumPy's default error settings
    (whatever ``np.seterr`` the notebook has made), and answers with a Feedback even if it is
    called the wrong way or stumbles over an answer no one foresaw. The verdict is remembered
    for ``progress`` (in memory only: nothing is written anywhere)."""
    @functools.wraps(check)
    def judged(*args, **kwargs):
        feedback = _judge(check, args, kwargs)
        _latest[(check.__module__, check.__name__)] = feedback.correct
        return feedback
    judged.is_checker = True
    return judged


def _judge(check, args, kwargs):
    try:
        inspect.signature(check).bind(*args, **kwargs)
    except TypeError as err:
        return wrong(f"{check.__name__} is called as `{check.__name__}"
                     f"{inspect.signature(check)}`, with your function(s) by name and without "
                     f"brackets ({err}).")
    with np.errstate(divide="warn", over="warn", invalid="warn", under="ignore"):
        try:
            return check(*args, **kwargs)
        except Exception as err:   # a checker must answer, whatever it was given
            return wrong(f"this answer could not be judged: the checker itself failed on it "
                         f"with {type(err).__name__}: {err}. Look at what your function "
                         "returns (print its type and np.shape) and compare it with what the "
                         "exercise asks for.")


class Progress:
    """A notebook's exercises in this session: ``done`` and ``todo`` (checker names, in the
    notebook's order; ``tried`` are those of ``todo`` whose checker has said "Not yet")."""

    def __init__(self, done, todo, tried):
        self.done, self.todo, self.tried = done, todo, tried

    def __repr__(self):
        n = len(self.done) + len(self.todo)
        if not self.todo:
            return f"{n} of {n} exercises done ✔ — every checker of this notebook says Correct."
        first = self.todo[0]
        state = "tried, not yet right" if first in self.tried else "not tried yet"
        return (f"{len(self.done)} of {n} exercises done{' ✔' if self.done else ''}; next: the "
                f"{first.removeprefix('check_')} exercise (ex.{first}, {state}).")


def progress_of(module_name):
    """The ``progress()`` of the exercises module ``module_name``: its checkers, in the order
    they are defined (the notebook's order), and what each said last in this session."""
    def progress():
        """How far this notebook's exercises are, in this session: "1 of 3 exercises done ✔;
        next: …". It reads the checkers' latest verdicts; run the exercise cells first."""
        module = sys.modules[module_name]
        checks = sorted((f for f in vars(module).values()
                         if getattr(f, "is_checker", False) and f.__module__ == module_name),
                        key=lambda f: f.__wrapped__.__code__.co_firstlineno)
        said = {f.__name__: _latest.get((module_name, f.__name__)) for f in checks}  # None: not run
        return Progress(done=[n for n, ok in said.items() if ok],
                        todo=[n for n, ok in said.items() if not ok],
                        tried=[n for n, ok in said.items() if ok is False])
    return progress


def describe(value):
    """A few words for what ``value`` is: "an array (7, 3)", "the int 10", "a tuple of 2 …"."""
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        dtype = "" if value.dtype.kind == "f" else f" of dtype {value.dtype}"
        return f"an array {value.shape}{dtype}"
    if isinstance(value, (tuple, list)):
        shown = ", ".join(describe(v) for v in value[:4]) + (", …" if len(value) > 4 else "")
        return f"a {type(value).__name__} of {len(value)} ({shown})"
    if callable(value):
        return f"the function {getattr(value, '__name__', type(value).__name__)}"
    number = isinstance(value, (bool, int, float, np.generic))
    text = str(value) if number else repr(value)
    text = text if len(text) <= 40 else text[:40] + "…"
    return f"{'the' if number else 'a'} {type(value).__name__} {text}"


def call(fn, *args, copy=True):
    """Run the learner's function; return (result, None) or (None, Feedback about the error).

    The function gets copies of the arrays (copy=False passes the arrays themselves), so
    whatever it does to them, the checker's own inputs stay as they were; whatever it does to
    ``np.seterr`` is undone when it returns.
    """
    if not callable(fn):
        return None, wrong(f"pass your function itself: its name without brackets, like "
                           f"check(my_function), not the result of calling it. You passed "
                           f"{describe(fn)}.")
    mismatch = _parameters_mismatch(fn, args)
    if mismatch:
        return None, mismatch
    if copy:
        args = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
    settings = np.geterr()
    try:
        return fn(*args), None
    except RecursionError:
        name = getattr(fn, "__name__", "your function")
        return None, wrong(f"your function calls itself again and again (RecursionError): inside "
                           f"`def {name}(…)` the name {name} means your own function, so calling "
                           "it there starts it over, without end. Compute the result with NumPy "
                           "(np.exp, np.maximum, @, .sum) instead.")
    except SystemExit:
        return None, wrong("your function called exit() or sys.exit(), which stops the whole "
                           "program; `return` the result instead.")
    except Exception as err:   # any error in the learner's code becomes advice, not a crash
        return None, wrong(f"your function raised {type(err).__name__}: {err}{_where(err)}."
                           f"{_error_hint(err)}")
    finally:
        np.seterr(**settings)


def _parameters_mismatch(fn, args):
    """A Feedback if ``fn`` cannot be called with ``args`` (too few or too many parameters)."""
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):           # some built-ins have no signature to read
        return None
    try:
        signature.bind(*args)
    except TypeError:
        given = ", ".join(describe(a) for a in args)
        return wrong(f"your function is defined as `{getattr(fn, '__name__', 'f')}{signature}`, "
                     f"but the exercise calls it with {len(args)} argument(s): {given}. Give it "
                     "the parameters the exercise names, in that order.")
    return None


# NumPy's and this package's folders: the lines of code in them are not the learner's
_LIBRARIES = (os.path.dirname(os.path.abspath(np.__file__)) + os.sep,
              os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep)


def _where(err):
    """" (line 3: `Y[labels] = 1`)" — the last line of the learner's own code the error passed."""
    frames = traceback.extract_tb(err.__traceback__)
    own = [f for f in frames if not os.path.abspath(f.filename).startswith(_LIBRARIES)]
    frame = (own or frames)[-1]
    return f" (line {frame.lineno}: `{frame.line.strip()}`)" if frame.line else ""


def _error_hint(err):
    """A sentence about what usually causes NumPy's error ``err``, or ""."""
    text = str(err)
    if "matmul" in text or "not aligned" in text:
        return (" In a matrix product A @ B the columns of A must match the rows of B: check "
                "the order of the factors (samples are rows here, so X @ W, not W @ X) and "
                "whether one of them needs a transpose.")
    if "could not be broadcast" in text:
        return (" `+`, `-`, `*` and `/` work entry by entry, so both arrays need the same shape, "
                "or one must stretch along an axis of length 1 (a bias of shape (k,) is added to "
                "every row of an (m, k) array). Print the shapes of both sides: one of them "
                "needs @ instead of *, a transpose, or keeping its shape as it was.")
    if "truth value of an array" in text:
        return (" `if`, `and`, `or` and Python's max() ask one yes/no of a whole array. Work "
                "entry by entry instead: (Z > 0), np.where(Z > 0, a, b), np.maximum(Z, 0).")
    return ""


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
    (text, ragged lists, objects, a function, a tuple of results, a yes/no), masked or
    complex."""
    if value is None:
        return None, wrong(f"{name} is None — the exercise cell still has its placeholder; "
                           "replace `None` with your computation.")
    if isinstance(value, (bool, np.bool_)) or (isinstance(value, np.ndarray) and value.ndim == 0
                                                and value.dtype == bool):
        return None, wrong(f"{name} is {value}, a single yes/no value, where numbers are "
                           "expected: return the computed array itself, not a test of it.")
    if isinstance(value, tuple) and any(v is None or isinstance(v, (np.ndarray, np.generic, tuple, list))
                                        for v in value):
        return None, wrong(f"{name} should be one result, but it is {describe(value)}: return just "
                           "that one value (`return a, b`, or a comma after `return a`, makes a "
                           "tuple).")
    if callable(value) and not hasattr(value, "__array__"):
        return None, wrong(f"{name} is {describe(value)}, not an array: your function returns a "
                           "function. Call it, with brackets, and return what it computes.")
    if np.ma.isMaskedArray(value):
        hidden = int(np.ma.getmaskarray(value).sum())
        if hidden:
            return None, wrong(f"{name} is a masked array with {hidden} masked (hidden) "
                               "entries; return a plain NumPy array with every entry computed "
                               "(np.where instead of a mask).")
        value = np.ma.getdata(value)
    try:
        raw = np.asarray(value)
        if np.iscomplexobj(raw):
            return None, wrong(f"{name} holds complex numbers; every entry should be a real number.")
        holes = sum(v is None for v in raw.flat) if raw.dtype == object else 0
        if holes:
            return None, wrong(f"{name} has {holes} entries that are None where numbers should be: "
                               "some entries were never computed (was it started from a list of "
                               "None, or np.empty(…, dtype=object)?).")
        return np.asarray(value, dtype=float), None
    except Exception:            # whatever the object is, it is not an array of numbers
        if isinstance(value, np.ndarray) and value.size:
            return None, wrong(f"{name} should hold numbers, but it is an array of dtype "
                               f"{value.dtype} holding {describe(value.flat[0])}.")
        return None, wrong(f"{name} should be a NumPy array of numbers, but it is "
                           f"{type(value).__name__} {str(value)[:40]!r}.")


def shape_of(value):
    """The shape of the learner's ``value`` as an array of numbers, or None if it is not one."""
    array, error = as_numbers("", value)
    return None if error else array.shape


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


def divided_by(got, sum_, m):
    """If ``got`` is ``sum_`` divided by one whole number d other than m, a hint naming d."""
    got, error = as_numbers("", got)
    sum_ = np.asarray(sum_, dtype=float)
    if error or got.shape != sum_.shape or not np.all(np.abs(got) > 1e-12):
        return []
    d = sum_ / got
    d0 = float(d.flat[0])
    if np.allclose(d, d0, rtol=1e-6) and abs(d0 - round(d0)) < 1e-6 and round(d0) not in (1, m):
        return [(got, f"you divided by {round(d0)}, but the number of samples here is m = {m}: "
                      "take it from the data (X.shape[0], or len(X)) instead of writing a "
                      "number into the function.")]
    return []


def compare(name, got, expected, hints=(), rtol=1e-6, atol=1e-9):
    """Feedback for one array: None, shape, each named mistake in ``hints``, then closeness.

    hints: (wrong_value, explanation) pairs — typical mistakes computed on the same input;
    if the learner's answer equals one of them, its explanation is the message.
    """
    got, error = as_numbers(name, got)
    if error:
        return error
    expected = np.asarray(expected, dtype=float)
    close = lambda a, b: a.shape == b.shape and np.allclose(a, b, rtol=rtol, atol=atol)  # noqa: E731
    if got.shape != expected.shape:
        for wrong_value, explanation in hints:        # a named mistake of another shape
            if close(got, np.asarray(wrong_value, dtype=float)):
                return wrong(f"{name}: {explanation}")
        if got.ndim == 2 and close(got.T, expected):
            return wrong(f"{name} is transposed: it has shape {got.shape} but should have shape "
                         f"{expected.shape}. Check which factor of the product comes first, or "
                         "which one needs the transpose.")
        hint = ""
        if got.ndim == expected.ndim + 1 and got.shape[1:] == expected.shape:
            hint = (f" That is {got.shape[0]} arrays of the right shape stacked together (a list or "
                    "tuple of them): return one array.")
        elif got.size == expected.size:
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
        if close(got, np.asarray(wrong_value, dtype=float)):
            return wrong(f"{name}: {explanation}")
    whole = np.all(got == np.round(got)) and not np.all(expected == np.round(expected))
    if whole and np.all(np.abs(got - expected) < 1 + 1e-9):
        return wrong(f"{name} holds whole numbers only, where the right values have fractions: "
                     "something cut them off — integer division `//` (use `/`), int(), "
                     "np.round, or an array made with an integer dtype (np.zeros gives floats; "
                     "np.zeros_like of an int array does not).")
    worst = np.unravel_index(np.argmax(np.abs(got - expected)), got.shape)
    return wrong(f"{name} has the right shape {got.shape} but different values; e.g. at index "
                 f"{tuple(int(i) for i in worst)} you have {got[worst]:.6g}, expected "
                 f"{expected[worst]:.6g}.")
