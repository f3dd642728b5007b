"""Gradient checking: compare a backward pass with central finite differences.

    ∂f/∂x_i ≈ (f(x + ε e_i) − f(x − ε e_i)) / (2ε)          error O(ε²)

    relative error = ‖g_backprop − g_numeric‖ / max(‖g_backprop‖ + ‖g_numeric‖, tiny)

(‖·‖ is the Euclidean norm over all entries: one number per parameter, independent of its
scale.) In float64 with ε = 1e-6 a correct gradient gives a relative error around 1e-9;
1e-3 or more means a bug (a missing transpose, a forgotten 1/m, a wrong activation').
"""

import numpy as np

from .network import MLP


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of the scalar function f() with respect to the array x.

    x is changed in place one entry at a time (and always put back), so f may read it
    from wherever it lives — e.g. a weight matrix inside a network.
    Notebooks 01, 03–06.
    """
    grad = np.zeros_like(x, dtype=np.float64)
    for i in np.ndindex(x.shape):
        original = x[i]
        try:
            x[i] = original + eps
            f_plus = f()
            x[i] = original - eps
            f_minus = f()
        finally:
            x[i] = original
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(a, b):
    """‖a − b‖ / max(‖a‖ + ‖b‖, 1e-12): scale-free, 0 for equal arrays, 1 for opposite ones.
    Notebooks 01, 03–06."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"cannot compare gradients of shapes {a.shape} and {b.shape}.")
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12))


def verdict(error, tol):
    """What a notebook prints for a check it asserts: "< 1e-07 ✔" when error < tol, else the
    error itself ("3.3e-01 ✘"). Below the tolerance the digits are rounding noise: they differ
    between machines (BLAS kernel, thread count, library versions), so they are not shown.
    Notebooks 01–06."""
    return f"< {tol:.0e} ✔" if error < tol else f"{error:.1e} ✘"


def as_float64(net):
    """A float64 copy of ``net`` (finite differences in float32 are too coarse to judge).
    Notebook 04."""
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
    net = net if net.dtype == np.float64 else as_float64(net)
    X = np.asarray(X, dtype=np.float64)
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
