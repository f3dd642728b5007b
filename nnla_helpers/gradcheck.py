"""Gradient checking: compare a backward pass with central finite differences.

    ∂f/∂x_i ≈ (f(x + ε e_i) − f(x − ε e_i)) / (2ε)          error O(ε²)

    relative error = ‖g_backprop − g_numeric‖ / max(‖g_backprop‖ + ‖g_numeric‖, tiny)

(‖·‖ is the Euclidean norm over all entries: one number per parameter, independent of its
scale.) In float64 with ε = 1e-6 a correct gradient gives a relative error around 1e-9;
1e-3 or more means a bug (a missing transpose, a forgotten 1/m, a wrong activation').
"""

import numbers

import numpy as np

from . import checks
from .errors import BadValueError, SettingError, ShapeError
from .network import MLP


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of the scalar function f() with respect to the array x.

    x is changed in place one entry at a time (and always put back), so f may read it
    from wherever it lives — e.g. a weight matrix inside a network. So x must be a float64
    NumPy array (a nudge of 1e-6 is lost in an integer, and float32 rounds it by 5 %).
    Notebooks 01, 03–06.
    """
    _check_nudgeable(f, x)
    eps = checks.number("eps", eps, above=0, below=1,
                        hint=" It is the nudge ε of the central difference; 1e-6 is usual.")
    grad = np.zeros_like(x, dtype=np.float64)
    for i in np.ndindex(x.shape):
        original = x[i]
        try:
            x[i] = original + eps
            f_plus = _value(f, i)
            x[i] = original - eps
            f_minus = _value(f, i)
        finally:
            x[i] = original
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def _check_nudgeable(f, x):
    if not callable(f):
        raise SettingError(f"f must be a function of no arguments that returns the loss, e.g. "
                           f"lambda: loss(W); but it is {type(f).__name__} {f!r:.40}.")
    if not isinstance(x, np.ndarray):
        raise BadValueError(f"x must be the NumPy array that f reads (it is nudged in place), "
                            f"but it is a {type(x).__name__}: make it one with "
                            "x = np.array(..., dtype=float) and let f use that x.")
    if x.dtype != np.float64:
        fix = ("a nudge of ε = 1e-6 is rounded away in an integer array"
               if not np.issubdtype(x.dtype, np.floating) else
               "float32 keeps about 7 digits, so f(x ± ε) is too coarse to judge")
        raise BadValueError(f"x has dtype {x.dtype}, and {fix}. Nudge a float64 array: "
                            "x = x.astype(np.float64) (and let f read that array; for a "
                            "network, use gradcheck.as_float64(net)).")
    if x.size == 0:
        raise BadValueError(f"x is empty (shape {x.shape}): there is nothing to nudge.")
    checks.check_finite("x", x)


def _value(f, i):
    """f() as a float, or a plain error if it is not one finite number."""
    value = f()
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.reshape(())[()]
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        shape = f" of shape {value.shape}" if isinstance(value, np.ndarray) else ""
        raise BadValueError(f"f() must return one number (the loss), but it returned "
                            f"{type(value).__name__}{shape}. Sum or average it into one number.")
    if not np.isfinite(value):
        raise BadValueError(f"f() returned {value} with x{list(i)} nudged: the loss must be finite "
                            "near x for a finite difference.")
    return float(value)


def relative_error(a, b):
    """‖a − b‖ / max(‖a‖ + ‖b‖, 1e-12): scale-free, 0 for equal arrays, 1 for opposite ones.
    Notebooks 01, 03–06."""
    a = checks.as_array("a", a, allow_empty=True).astype(np.float64, copy=False)
    b = checks.as_array("b", b, allow_empty=True).astype(np.float64, copy=False)
    if a.shape != b.shape:
        raise ShapeError(f"cannot compare gradients of shapes {a.shape} (a) and {b.shape} (b): "
                         "a gradient has the shape of its parameter."
                         + (" Did you mean b.T?" if a.shape == b.shape[::-1] else ""))
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12))


def verdict(error, tol):
    """What a notebook prints for a check it asserts: "< 1e-07 ✔" when error < tol, else the
    error itself ("3.3e-01 ✘"). Below the tolerance the digits are rounding noise: they differ
    between machines (BLAS kernel, thread count, library versions), so they are not shown.
    Notebooks 01–06."""
    tol = checks.number("tol", tol, above=0)
    if isinstance(error, (bool, np.bool_)) or not isinstance(error, numbers.Real) or error < 0:
        raise SettingError(f"error must be a relative error (a number ≥ 0, e.g. from "
                           f"relative_error), but it is {error!r}.")
    return f"< {tol:.0e} ✔" if error < tol else f"{error:.1e} ✘"


def as_float64(net):
    """A float64 copy of ``net`` (finite differences in float32 are too coarse to judge).
    Notebook 04."""
    if not isinstance(net, MLP):
        raise SettingError(f"net must be an MLP, but it is a {type(net).__name__}.")
    copy = MLP(net.sizes, net.hidden, net.output, net.loss_name, net.init, net.keep_prob,
               net.seed, np.float64)
    copy.set_state(net.get_state())
    return copy


def check_network_gradients(net, X, Y, masks=None, eps=1e-6):
    """Relative error of backprop vs finite differences for every parameter: {"W1": 3e-10, ...}.

    With dropout on (keep_prob < 1), one set of masks is drawn (or ``masks`` used) and kept
    fixed for every evaluation, so the loss is a deterministic function of the weights.
    Notebooks 04, 05.
    """
    if not isinstance(net, MLP):
        raise SettingError(f"net must be an MLP, but it is a {type(net).__name__}.")
    net = net if net.dtype == np.float64 else as_float64(net)
    X = net.check_input(X)
    Y_full = net.targets(Y, X.shape[0])
    training = net.keep_prob < 1
    if training and masks is None:
        _, cache = net.forward(X, training=True)
        masks = cache.D

    def loss():
        _, cache = net.forward(X, training=training, masks=masks)
        return net.loss_from_cache(cache, Y_full)

    _, cache = net.forward(X, training=training, masks=masks)
    analytic = net.backward(cache, Y_full)
    return {name: relative_error(analytic[name], numerical_gradient(loss, p, eps))
            for name, p in net.parameters().items()}
