"""Losses L(prediction, target) and their gradients, for a learner to call — notebooks 01, 03, 04.

Each function checks its inputs (shapes, NaN, labels) and then uses the one formula in
``nnla_helpers.layers``, where each loss sits beside its gradient. Predictions and targets
are (m, k): m samples in rows, k outputs; class targets may be m integer labels (one-hot
rows are made from them). Every loss is a mean over samples, so every gradient carries 1/m.

    mse(Y_hat, Y)                     1/(2m) Σ (Ŷ − Y)²               mse_grad: (Ŷ − Y)/m
    softmax_cross_entropy(Z, Y)       −1/m Σ Y log softmax(Z)         …_grad:   (softmax(Z) − Y)/m
                                      (each row of Y sums to 1: one-hot, or probabilities)
    binary_cross_entropy(Z, Y)        sigmoid + cross-entropy          …_grad:   (σ(Z) − Y)/m
    cross_entropy(P, Y)               −1/m Σ Y log P, P clipped        …_grad:   −Y/(m P), 0 where clipped
"""

import numpy as np

from . import layers
from .checks import as_array, check_distribution_rows, check_unit_interval
from .data import as_targets
from .errors import BadValueError

CLIP = 1e-12    # cross_entropy of probabilities: ln(1e12) ≈ 27.6 is the most a sample can cost


def _checked(name, P, Y):
    P = as_array(name, P, ndim=2)
    return P, as_targets(P, Y, name)


def _checked_classes(Z, Y):
    Z, Y = _checked("Z", Z, Y)
    check_distribution_rows("Y", Y)          # what (softmax(Z) − Y)/m assumes
    return Z, Y


def _checked_binary(Z, Y):
    Z, Y = _checked("Z", Z, Y)
    check_unit_interval("Y", Y, "binary cross-entropy")
    return Z, Y


def _quiet(loss, *args):
    """``loss(*args)`` with NumPy's overflow/0·∞ warnings off: logits like ±1e308 give −inf
    inside a log-softmax, and the loss handles that exactly."""
    with np.errstate(over="ignore", invalid="ignore"):
        return loss(*args)


def mse(Y_hat, Y):
    """Mean squared error with the ½: L = 1/(2m) · Σ (ŷ − y)², summed over all outputs.

    Y_hat, Y: (m, k). The ½ is there so that the gradient has no stray factor 2.
    Notebooks 01, 02.
    """
    return layers.mse.formula(*_checked("Y_hat", Y_hat, Y))[0]


def mse_grad(Y_hat, Y):
    """∂L/∂Ŷ for the MSE above: (Ŷ − Y) / m, shape (m, k) — notebook 01."""
    return layers.mse.formula(*_checked("Y_hat", Y_hat, Y))[1]


def softmax_cross_entropy(Z, Y):
    """Cross-entropy of softmax(Z) with Y, from the logits Z (m, k), via log-softmax:
    L = −1/m · Σ y·log softmax(z); exact and finite even for logits of ±1000 — notebooks 03, 04."""
    return _quiet(layers.softmax_cross_entropy.formula, *_checked_classes(Z, Y))[0]


def softmax_cross_entropy_grad(Z, Y):
    """The famous shortcut: ∂L/∂Z = (softmax(Z) − Y) / m, shape (m, k).

    The softmax Jacobian and the 1/p of the cross-entropy cancel, leaving A − Y.
    Notebook 04.
    """
    return _quiet(layers.softmax_cross_entropy.formula, *_checked_classes(Z, Y))[1]


def binary_cross_entropy(Z, Y):
    """Cross-entropy of sigmoid(Z) with 0/1 targets Y, from the logits Z (m, k):
    L = −1/m · Σ [y ln σ(z) + (1 − y) ln(1 − σ(z))], computed without a log of 0 — notebook 03."""
    return _quiet(layers.sigmoid_binary_cross_entropy.formula, *_checked_binary(Z, Y))[0]


def binary_cross_entropy_grad(Z, Y):
    """∂L/∂Z = (σ(Z) − Y) / m: the same shortcut as softmax + cross-entropy — notebook 03."""
    return _quiet(layers.sigmoid_binary_cross_entropy.formula, *_checked_binary(Z, Y))[1]


def _probabilities(P, Y):
    P, Y = _checked("P", P, Y)
    if P.min() < 0 or P.max() > 1 + 1e-6:
        raise BadValueError("P must hold probabilities in [0, 1]; got values from "
                            f"{P.min():.3g} to {P.max():.3g}. Did you pass logits? Use "
                            "softmax_cross_entropy(Z, Y) for those.")
    check_distribution_rows("Y", Y)
    return P, Y


def cross_entropy(P, Y):
    """Cross-entropy of predicted probabilities P (m, k) with targets Y: −1/m · Σ y·ln p.

    The form of essays 000/001, from probabilities. Natural log (the gradients assume it).
    P is clipped at 1e-12, so a confident wrong answer costs ln(1e12) ≈ 27.6 instead of
    infinity — a cap the network's loss does not have: from logits, use
    ``softmax_cross_entropy``, which needs no clipping.
    Notebooks 03, 04.
    """
    P, Y = _probabilities(P, Y)
    return float(-np.sum(Y * np.log(np.clip(P, CLIP, 1.0))) / P.shape[0])


def cross_entropy_grad(P, Y):
    """∂L/∂P for ``cross_entropy`` above: −Y / (m·P), shape (m, k) — and 0 where P was
    clipped (below 1e-12 the loss is flat in P), so loss and gradient agree everywhere.
    Notebook 03."""
    P, Y = _probabilities(P, Y)
    inside = P >= CLIP
    return np.where(inside, -Y / (P.shape[0] * np.where(inside, P, 1.0)), 0.0)
