"""Input checks shared by every module: they turn a learner's slip into a plain message.

Each check either returns the (possibly converted) array or raises an error from
``nnla_helpers.errors`` that names the arrays, their shapes and the likely fix.
"""

import numbers

import numpy as np

from .errors import BadValueError, LabelError, SettingError, ShapeError

# ---- settings: numbers and names ---------------------------------------------------------


def number(name, value, above=None, at_least=None, below=None, at_most=None, hint=""):
    """``value`` as a finite float within the given bounds, or a SettingError that says what
    is allowed. ``above``/``below`` are strict bounds, ``at_least``/``at_most`` inclusive;
    ``hint`` is added to the message (e.g. what the setting means)."""
    allowed = _range_text(above, at_least, below, at_most)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real) \
            or not np.isfinite(float(value)):
        raise SettingError(f"{name} must be a finite number{allowed}, but it is {value!r}.{hint}")
    v = float(value)
    if (above is not None and not v > above) or (at_least is not None and not v >= at_least) \
            or (below is not None and not v < below) or (at_most is not None and not v <= at_most):
        raise SettingError(f"{name} must be a number{allowed}, but it is {value!r}.{hint}")
    return v


def whole(name, value, at_least=None, at_most=None, hint=""):
    """``value`` as an int (2 and 2.0 are fine, 2.5 is not) within the bounds, or a SettingError."""
    ok = type(value) is int or (  # a plain int (the common case, inside training loops too)
        not isinstance(value, (bool, np.bool_)) and isinstance(value, numbers.Real)
        and np.isfinite(float(value)) and float(value) == int(value))
    v = int(value) if ok else None
    if not ok or (at_least is not None and v < at_least) or (at_most is not None and v > at_most):
        raise SettingError(f"{name} must be a whole number"
                           f"{_range_text(None, at_least, None, at_most)}, but it is "
                           f"{value!r}.{hint}")
    return v


def listed(name, value, what, example, length=None, at_least=0, at_most=None, hint=""):
    """``value`` as a tuple when it is a list, tuple, range or 1-D array (not text) of ``length``
    items, or of ``at_least`` … ``at_most`` items; else a SettingError saying what it must list.
    The items themselves are the caller's to check (``number``, ``whole``, ``wholes``)."""
    flat = isinstance(value, (list, tuple, range)) or (isinstance(value, np.ndarray)
                                                        and value.ndim == 1)
    if not flat:
        raise SettingError(f"{name} must {what}, e.g. {example}; got {_short(value)}.{hint}")
    n = len(value)
    if (length is not None and n != length) or n < at_least:
        raise SettingError(f"{name} must {what}, e.g. {example}; got {n} item(s): "
                           f"{_short(value)}.{hint}")
    if at_most is not None and n > at_most:
        raise SettingError(f"{name} lists {n} items; at most {at_most} are allowed.{hint}")
    return tuple(value)


def wholes(name, values, at_least=None, at_most=None, hint=""):
    """Each item of ``values`` through ``whole``, named ``name[i]``; a tuple of ints."""
    return tuple(whole(f"{name}[{i}]", v, at_least=at_least, at_most=at_most, hint=hint)
                 for i, v in enumerate(values))


def choice(name, value, choices):
    """``value`` if it is one of ``choices`` (strings), else a SettingError listing them."""
    if not isinstance(value, str) or value not in choices:
        raise SettingError(f"{name} must be one of {', '.join(repr(c) for c in choices)}, but "
                           f"it is {value!r}.")
    return value


def _range_text(above, at_least, below, at_most):
    parts = []
    if above is not None:
        parts.append(f"> {above:g}")
    if at_least is not None:
        parts.append(f"≥ {at_least:g}")
    if below is not None:
        parts.append(f"< {below:g}")
    if at_most is not None:
        parts.append(f"≤ {at_most:g}")
    return f" {' and '.join(parts)}" if parts else ""


# ---- arrays -------------------------------------------------------------------------------


def as_array(name, a, ndim=None, allow_empty=False):
    """Return ``a`` as a float NumPy array after checking it is numeric, finite and non-empty.

    ``ndim`` may be an int or a tuple of allowed dimensions. Integer input becomes float64;
    float32 stays float32 (the MNIST code relies on that).
    """
    try:
        arr = np.asarray(a)
    except (ValueError, TypeError):          # ragged lists: rows of different lengths
        raise ShapeError(f"{name} must be an array of numbers with rows of equal length; "
                         f"{type(a).__name__} {_short(a)} cannot be made into one.") from None
    if np.iscomplexobj(arr):
        raise BadValueError(f"{name} holds complex numbers; pass real numbers.")
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise BadValueError(f"{name} must hold numbers, but its dtype is {arr.dtype}.")
    if not np.issubdtype(arr.dtype, np.floating):
        arr = arr.astype(np.float64)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            hint = ""
            if arr.ndim == 1 and 2 in allowed:
                hint = f" — for one sample use {name}.reshape(1, -1), for one feature {name}.reshape(-1, 1)"
            raise ShapeError(f"{name} must be {want}, but it has shape {arr.shape}{hint}.")
    if arr.size == 0 and not allow_empty:
        raise BadValueError(f"{name} is empty (shape {arr.shape}); pass at least one sample.")
    check_finite(name, arr)
    return arr


def _short(a, limit=60):
    text = repr(a)
    return text if len(text) <= limit else text[:limit] + "…"


def check_finite(name, arr):
    """Raise BadValueError if ``arr`` holds NaN or ±inf, saying how many and where the first is."""
    finite = np.isfinite(arr)
    if not finite.all():
        bad = np.argwhere(~finite)
        first = tuple(int(i) for i in bad[0])
        n_nan = int(np.isnan(arr).sum())
        n_inf = int(bad.shape[0] - n_nan)
        where = f" (first at index {first})" if arr.ndim else ""
        raise BadValueError(
            f"{name} contains {n_nan} NaN and {n_inf} infinite value(s){where}. "
            "Clean or impute the data first; inside training this usually means the learning "
            "rate is too large."
        )


def check_matmul(x_name, X, w_name, W):
    """Check that ``X @ W`` is defined: X (m, n) needs W (n, k). Suggest W.T or X.T when that fits."""
    if X.shape[-1] == W.shape[0]:
        return
    msg = (f"{x_name} has {X.shape[-1]} columns but {w_name} has {W.shape[0]} rows, so "
           f"{x_name} @ {w_name} is undefined ({x_name} {X.shape}, {w_name} {W.shape}).")
    if W.ndim == 2 and X.shape[-1] == W.shape[1]:
        msg += f" Did you mean {w_name}.T? (a weight matrix here is shaped (n_in, n_out))"
    elif X.ndim == 2 and X.shape[0] == W.shape[0]:
        msg += f" Did you mean {x_name}.T? (samples are rows: {x_name} is (m, n_in))"
    raise ShapeError(msg)


def check_bias(b_name, b, n_out, w_name="W"):
    """Check a bias vector: shape (n_out,) or (1, n_out) matching the columns of the weights."""
    if b.ndim == 2 and b.shape[0] == 1:
        b = b[0]
    if b.ndim != 1 or b.shape[0] != n_out:
        hint = ""
        if b.ndim == 2 and b.shape == (n_out, 1):
            hint = f" It looks like a column vector; use {b_name}.ravel() (biases are rows here)."
        raise ShapeError(f"{b_name} has shape {b.shape} but {w_name} has {n_out} columns, so "
                         f"{b_name} must have shape ({n_out},).{hint}")
    return b


def check_same_shape(a_name, a, b_name, b):
    """Raise ShapeError unless ``a`` and ``b`` have the same shape."""
    if a.shape != b.shape:
        hint = ""
        if a.ndim == 2 and b.ndim == 1 and a.shape[0] == b.shape[0]:
            hint = (f" If {b_name} holds class labels, turn them into one-hot rows with "
                    f"one_hot({b_name}); for one output use {b_name}.reshape(-1, 1).")
        elif a.shape == b.shape[::-1]:
            hint = f" Did you mean {b_name}.T?"
        raise ShapeError(f"{a_name} has shape {a.shape} but {b_name} has shape {b.shape}; they "
                         f"must match.{hint}")


def check_rows_sum_to_one(name, Y):
    """Raise LabelError unless every row of Y (m, k) sums to 1, as one-hot rows and class
    probabilities do — what the softmax + cross-entropy gradient (A − Y)/m assumes."""
    sums = Y.sum(axis=-1)
    bad = np.flatnonzero(np.abs(sums - 1) > 1e-6 * Y.shape[-1])
    if bad.size:
        i = int(bad[0])
        raise LabelError(f"every row of {name} must sum to 1 for softmax + cross-entropy (one-hot "
                         f"rows, or class probabilities), but {bad.size} row(s) do not: row {i} "
                         f"sums to {sums[i]:g}. For several yes/no labels per sample use "
                         "output='sigmoid' (binary cross-entropy); for class labels 0..k-1 pass "
                         "them as integers.")


def check_unit_interval(name, Y, what):
    """Raise LabelError unless every entry of Y lies in [0, 1] — what ``what`` needs."""
    low, high = float(Y.min()), float(Y.max())
    if low < 0 or high > 1:
        raise LabelError(f"{name} must hold values in [0, 1] for {what} (one-hot rows, 0/1 labels "
                         f"or probabilities), but it runs from {low:g} to {high:g}.")


def check_distribution_rows(name, Y):
    """Raise LabelError unless every row of Y is a probability distribution: entries in [0, 1]
    that sum to 1 (one-hot rows are) — what a cross-entropy needs."""
    check_unit_interval(name, Y, "a cross-entropy")
    check_rows_sum_to_one(name, Y)


def check_labels(name, labels, n_classes=None):
    """Return integer class labels (1-D int64) after checking they are whole numbers in range."""
    try:
        y = np.asarray(labels)
    except (ValueError, TypeError):
        raise LabelError(f"{name} must be a 1-D array of class labels; {_short(labels)} is "
                         "not one.") from None
    if y.dtype == bool:
        y = y.astype(np.int64)
    if y.ndim != 1:
        raise LabelError(f"{name} must be a 1-D array of class labels, but it has shape {y.shape}.")
    if y.size == 0:
        raise LabelError(f"{name} is empty; pass at least one label.")
    if not np.issubdtype(y.dtype, np.integer):
        if not np.issubdtype(y.dtype, np.number) or not np.all(np.isfinite(y)) \
                or not np.all(y == np.round(y)):
            raise LabelError(f"{name} must hold whole-number class labels (0, 1, 2, ...), but it "
                             f"has dtype {y.dtype} with values like {y.ravel()[:3].tolist()}.")
        y = y.astype(np.int64)
    if y.min() < 0:
        raise LabelError(f"{name} has a negative label ({int(y.min())}); labels run from 0 to "
                         "n_classes-1.")
    if n_classes is not None and y.max() >= n_classes:
        raise LabelError(f"{name} has label {int(y.max())}, but there are only {n_classes} "
                         f"classes (labels 0..{n_classes - 1}). Is n_classes right, or do the "
                         "labels start at 1?")
    return y.astype(np.int64, copy=False)


def check_xy(X, y, x_name="X", y_name="y"):
    """X as a 2-D float array and y with one entry (or row) per sample of X."""
    X = as_array(x_name, X, ndim=2)
    as_array(y_name, y, ndim=(0, 1, 2))        # numbers, finite, not empty; y keeps its dtype
    y = np.asarray(y)
    if y.ndim == 0 or y.shape[0] != X.shape[0]:
        n_y = "a single number" if y.ndim == 0 else f"{y.shape[0]} entries (shape {y.shape})"
        raise ShapeError(f"{x_name} has {X.shape[0]} samples (rows, shape {X.shape}) but {y_name} "
                         f"has {n_y}; every sample needs exactly one target.")
    return X, y

def check_plane(X, x_name="X"):
    """A decision boundary lives in the plane of two input features: X must be (m, 2)."""
    X = as_array(x_name, X, ndim=2)
    if X.shape[1] != 2:
        raise ShapeError(f"a decision boundary is drawn in the plane of two input features, so "
                         f"{x_name} must have shape (m, 2); it has shape {X.shape}.")
    return X
