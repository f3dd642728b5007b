"""Input checks shared by every module: they turn a learner's slip into a plain message.

Each check either returns the (possibly converted) array or raises an error from
``nnla_helpers.errors`` that names the arrays, their shapes and the likely fix.
"""

import numpy as np

from .errors import BadValueError, LabelError, ShapeError


def as_array(name, a, ndim=None, allow_empty=False):
    """Return ``a`` as a float NumPy array after checking it is numeric, finite and non-empty.

    ``ndim`` may be an int or a tuple of allowed dimensions. Integer input becomes float64;
    float32 stays float32 (the MNIST code relies on that).
    """
    arr = np.asarray(a)
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


def check_finite(name, arr):
    """Raise BadValueError if ``arr`` holds NaN or ±inf, saying how many and where the first is."""
    finite = np.isfinite(arr)
    if not finite.all():
        bad = np.argwhere(~finite)
        first = tuple(int(i) for i in bad[0])
        n_nan = int(np.isnan(arr).sum())
        n_inf = int(bad.shape[0] - n_nan)
        raise BadValueError(
            f"{name} contains {n_nan} NaN and {n_inf} infinite value(s) (first at index {first}). "
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


def check_labels(name, labels, n_classes=None):
    """Return integer class labels (1-D int64) after checking they are whole numbers in range."""
    y = np.asarray(labels)
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
