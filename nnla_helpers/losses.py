"""Loss functions L(prediction, target) and their gradients with respect to the prediction.

Shapes: predictions and targets are (m, k) — m samples in rows, k outputs. Class targets
may also be given as m integer labels; they are turned into one-hot rows.
Every loss is a *mean over samples*, so its gradient carries a factor 1/m.
"""

import numpy as np

from .activations import log_softmax, sigmoid, softmax
from .checks import as_array, check_labels, check_same_shape


def _targets_like(P, Y, p_name="prediction", y_name="Y"):
    """Return Y as a float array shaped like P, accepting integer labels for class outputs."""
    Y_arr = np.asarray(Y)
    if Y_arr.ndim == 1 and P.ndim == 2 and P.shape[1] > 1 and Y_arr.shape[0] == P.shape[0]:
        from .data import one_hot  # local import: data imports losses-free helpers only
        return one_hot(check_labels(y_name, Y_arr, n_classes=P.shape[1]), P.shape[1]).astype(P.dtype)
    if Y_arr.ndim == 1 and P.ndim == 2 and P.shape == (Y_arr.shape[0], 1):
        Y_arr = Y_arr.reshape(-1, 1)          # one output: a plain vector of targets is fine
    Y_arr = as_array(y_name, Y_arr).astype(P.dtype, copy=False)
    check_same_shape(p_name, P, y_name, Y_arr)
    return Y_arr


def mse(Y_hat, Y):
    """Mean squared error with the ½: L = 1/(2m) · Σ (y − ŷ)², summed over all outputs.

    Y_hat, Y: (m, k). The ½ is there so that the gradient has no stray factor 2.
    """
    Y_hat = as_array("Y_hat", Y_hat, ndim=2)
    return _mse(Y_hat, _targets_like(Y_hat, Y, "Y_hat"))


def _mse(Y_hat, Y):
    return float(0.5 * np.sum((Y - Y_hat) ** 2) / Y_hat.shape[0])


def mse_grad(Y_hat, Y):
    """∂L/∂Ŷ for the MSE above: (Ŷ − Y) / m, shape (m, k)."""
    Y_hat = as_array("Y_hat", Y_hat, ndim=2)
    Y = _targets_like(Y_hat, Y, "Y_hat")
    return (Y_hat - Y) / Y_hat.shape[0]


def cross_entropy(P, Y):
    """Cross-entropy of predicted probabilities P (m, k) with targets Y: −1/m · Σ y·ln p.

    Natural log (the gradients assume it). Probabilities are clipped at 1e-12 so that a
    confident wrong answer costs ln(1e12) ≈ 27.6 instead of infinity. From logits, use
    ``softmax_cross_entropy``, which needs no clipping.
    """
    P = as_array("P", P, ndim=2)
    Y = _targets_like(P, Y, "P")
    if P.min() < 0 or P.max() > 1 + 1e-6:
        raise ValueError("P must hold probabilities in [0, 1]; got values from "
                         f"{P.min():.3g} to {P.max():.3g}. Did you pass logits? Use "
                         "softmax_cross_entropy(Z, Y) for those.")
    return float(-np.sum(Y * np.log(np.clip(P, 1e-12, 1.0))) / P.shape[0])


def cross_entropy_grad(P, Y):
    """∂L/∂P for the cross-entropy above: −Y / (m·P), shape (m, k)."""
    P = as_array("P", P, ndim=2)
    Y = _targets_like(P, Y, "P")
    return -Y / (P.shape[0] * np.clip(P, 1e-12, 1.0))


def softmax_cross_entropy(Z, Y):
    """Cross-entropy of softmax(Z) with Y, computed from logits Z (m, k) via log-softmax.

    L = −1/m · Σ y·log softmax(z); exact and finite even for logits of ±1000.
    """
    Z = as_array("Z", Z, ndim=2)
    return _softmax_cross_entropy(Z, _targets_like(Z, Y, "Z"))


def _softmax_cross_entropy(Z, Y):
    return float(-np.sum(Y * log_softmax(Z)) / Z.shape[0])


def softmax_cross_entropy_grad(Z, Y):
    """The famous shortcut: ∂L/∂Z = (softmax(Z) − Y) / m, shape (m, k).

    The softmax Jacobian and the 1/p of the cross-entropy cancel, leaving A − Y.
    """
    Z = as_array("Z", Z, ndim=2)
    Y = _targets_like(Z, Y, "Z")
    return (softmax(Z) - Y) / Z.shape[0]


def binary_cross_entropy(Z, Y):
    """Cross-entropy of sigmoid(Z) with 0/1 targets Y, from logits Z (m, k):

    L = −1/m · Σ [y ln σ(z) + (1 − y) ln(1 − σ(z))] = 1/m · Σ [max(z, 0) − z·y + ln(1 + e^(−|z|))].
    The second form is the same number but never takes the log of 0.
    """
    Z = as_array("Z", Z, ndim=2)
    return _binary_cross_entropy(Z, _targets_like(Z, Y, "Z"))


def _binary_cross_entropy(Z, Y):
    return float(np.sum(np.maximum(Z, 0) - Z * Y + np.log1p(np.exp(-np.abs(Z)))) / Z.shape[0])


def binary_cross_entropy_grad(Z, Y):
    """∂L/∂Z = (σ(Z) − Y) / m: the same shortcut as softmax + cross-entropy."""
    Z = as_array("Z", Z, ndim=2)
    Y = _targets_like(Z, Y, "Z")
    return (sigmoid(Z) - Y) / Z.shape[0]
