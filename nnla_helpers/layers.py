"""The layers of a network, each forward beside its backward — notebooks 02–05.

Samples are rows. Every forward returns its output and a *cache*: what its backward needs.
Every backward takes the gradient of the loss with respect to the forward's output and the
cache, and returns the gradients with respect to the forward's inputs.

    dense        Z = A_prev W + b          dA_prev = dZ Wᵀ,  dW = A_prevᵀ dZ,  db = Σ_rows dZ
    activation   A = g(Z)                  dZ = dA ⊙ g'(Z)        (softmax: dZ = A ⊙ (dA − Σ_row dA ⊙ A))
    dropout      Ã = A ⊙ D / p             dA = dÃ ⊙ D / p        (the same mask D, the same 1/p)

Each loss comes with the gradient it starts the backward pass with (as Nielsen's
``network2.py`` keeps ``Cost.fn`` beside ``Cost.delta``):

    softmax_cross_entropy(Z, Y)          L = −1/m Σ Y ⊙ log softmax(Z)      dZ = (softmax(Z) − Y) / m
                                         (rows of Y sum to 1)
    sigmoid_binary_cross_entropy(Z, Y)   L = −1/m Σ [Y ln σ(Z) + (1−Y) ln(1−σ(Z))]   dZ = (σ(Z) − Y) / m
    mse(A, Y)                            L = 1/(2m) Σ (A − Y)²               dA = (A − Y) / m

**Where the 1/m lives.** Every loss is a mean over the m samples of the batch, so its gradient
carries the 1/m — and nothing after it does: dW = A_prevᵀ dZ and db = Σ_rows dZ add the
samples' contributions up, because dZ already holds ∂L/∂Z of the mean. (Essay 001 divides
dW and db by m instead; the numbers are the same.)

**The fast path** (``fast=True``, used by the ``Trainer``) changes how, never what: a product
keeps the memory order of its left factor (see ``memory_order`` at the end). The plain line
is kept beside it. Sums over a row then add their terms in another order, so the last
digits may differ; tests/test_layers.py and tests/test_train.py check both paths agree.
(The rest of the fast path is ``MLP``'s: no NaN scan of data the Trainer checked once, and
no dA_prev = ∂L/∂X for the first layer.)

The equations here do not check their inputs (the dropout pair checks its mask): ``MLP``,
``linear`` and ``losses`` check once, at the door.
"""

from dataclasses import dataclass

import numpy as np

from .activations import get_activation, log_softmax, sigmoid, softmax, softmax_backward
from .errors import ShapeError

# ---- dense ----------------------------------------------------------------------------------


def dense_forward(A_prev, W, b, fast=False):
    """Z = A_prev W + b — notebooks 01, 02, 04.

    A_prev (m, n_in), W (n_in, n_out), b (n_out,) → Z (m, n_out); cache (A_prev, W, fast).
    """
    if fast:    # fast path: Z keeps A_prev's memory order
        Z = np.matmul(A_prev, W, order=memory_order(A_prev)) + b
    else:
        Z = A_prev @ W + b                  # (m, n_in) @ (n_in, n_out) + (n_out,) → (m, n_out)
    return Z, (A_prev, W, fast)


def dense_backward(dZ, cache, need_dA_prev=True):
    """dA_prev = dZ Wᵀ, dW = A_prevᵀ dZ, db = Σ_rows dZ — notebook 04.

    dZ (m, n_out) = ∂L/∂Z → (dA_prev (m, n_in), dW (n_in, n_out), db (n_out,)): each
    gradient has the shape of what it is the gradient of. need_dA_prev=False (the fast
    path's first layer: nobody uses ∂L/∂X) returns None for dA_prev.
    """
    A_prev, W, fast = cache
    dW = A_prev.T @ dZ                      # (n_in, m) @ (m, n_out) → (n_in, n_out), like W
    db = dZ.sum(axis=0)                     # (n_out,), like b
    if not need_dA_prev:
        return None, dW, db
    if fast:    # fast path: dA_prev keeps dZ's memory order
        dA_prev = np.matmul(dZ, W.T, order=memory_order(dZ))
    else:
        dA_prev = dZ @ W.T                  # (m, n_out) @ (n_out, n_in) → (m, n_in), like A_prev
    return dA_prev, dW, db


# ---- activation -----------------------------------------------------------------------------

OUTPUT_ONLY = ("softmax",)      # mixes a row, so it has a Jacobian instead of a g'(z)


def check_activation(name):
    """Raise a clear error unless ``name`` is an activation a layer can use — notebook 03."""
    if name not in OUTPUT_ONLY:
        get_activation(name)


def activation_forward(Z, name):
    """A = g(Z), element by element; softmax row by row — notebook 03.

    Z (m, n) → A (m, n); cache (Z, A, name).
    """
    A = softmax(Z) if name == "softmax" else get_activation(name)[0](Z)
    return A, (Z, A, name)


def activation_backward(dA, cache):
    """dZ = dA ⊙ g'(Z); for softmax, each row's Jacobian: dZ = A ⊙ (dA − Σ_row dA ⊙ A) — notebook 04.

    dA (m, n) → dZ (m, n).
    """
    Z, A, name = cache
    if name == "softmax":
        return softmax_backward(A, dA)
    return dA * get_activation(name)[1](Z)


# ---- dropout --------------------------------------------------------------------------------


def check_keep_prob(keep_prob):
    """Raise a clear error unless 0 < keep_prob ≤ 1 — notebook 05."""
    if not 0 < keep_prob <= 1:
        raise ValueError(f"keep_prob is the probability of KEEPING a unit and must be in (0, 1], "
                         f"got {keep_prob}. (To drop 20% of units, use keep_prob=0.8.)")


def dropout_mask(shape, keep_prob, rng, dtype=np.float64):
    """D: a 0/1 array of ``shape`` whose entries are 1 with probability keep_prob — notebook 05."""
    check_keep_prob(keep_prob)
    return (rng.random(shape) < keep_prob).astype(dtype)


def dropout_forward(A, D, keep_prob):
    """Ã = A ⊙ D / p: inverted dropout, so E[Ã] = A — notebook 05.

    A (m, n), D (m, n) of 0s and 1s → Ã (m, n); cache (D, keep_prob).
    Essay 000's "multiply the kept ones by 2" is this with p = 0.5.
    """
    check_keep_prob(keep_prob)
    if np.shape(A) != np.shape(D):
        raise ShapeError(f"the dropout mask D has shape {np.shape(D)} but the activations A "
                         f"have shape {np.shape(A)}; draw D with the shape of A.")
    return A * D / keep_prob, (D, keep_prob)


def dropout_backward(dA_dropped, cache):
    """dA = dÃ ⊙ D / p: the gradient flows through the kept units only, scaled as forward — notebook 05."""
    D, keep_prob = cache
    return dA_dropped * D / keep_prob


# ---- losses, each with the gradient that starts the backward pass --------------------------


def softmax_cross_entropy(Z, Y):
    """Softmax output with cross-entropy, from the logits — notebooks 03, 04.

    L = −1/m Σ Y ⊙ log softmax(Z)      (log-softmax: finite even for logits of ±1000)
    dZ = (softmax(Z) − Y) / m          (the softmax Jacobian and the 1/softmax of the log cancel)
    Z (m, k), Y (m, k) with rows that sum to 1 (one-hot, or probabilities) → (L, dZ (m, k)).
    """
    m = Z.shape[0]
    L = -np.sum(Y * log_softmax(Z)) / m
    dZ = (softmax(Z) - Y) / m
    return float(L), dZ


def sigmoid_binary_cross_entropy(Z, Y):
    """Sigmoid outputs with binary cross-entropy, from the logits — notebook 03.

    L = −1/m Σ [Y ln σ(Z) + (1 − Y) ln(1 − σ(Z))] = 1/m Σ [max(Z, 0) − Z ⊙ Y + ln(1 + e^(−|Z|))]
    (the second form is the same number without a log of 0)
    dZ = (σ(Z) − Y) / m
    Z, Y (m, k) → (L, dZ (m, k)).
    """
    m = Z.shape[0]
    L = np.sum(np.maximum(Z, 0) - Z * Y + np.log1p(np.exp(-np.abs(Z)))) / m
    dZ = (sigmoid(Z) - Y) / m
    return float(L), dZ


def mse(A, Y):
    """Mean squared error with the ½ — notebooks 01, 02.

    L = 1/(2m) Σ (A − Y)²      (the ½ cancels the 2 of the square in the gradient)
    dA = (A − Y) / m
    A, Y (m, k) → (L, dA (m, k)).
    """
    m = A.shape[0]
    E = A - Y                               # (m, k)
    return float(0.5 * np.sum(E * E) / m), E / m


# loss name -> (its function, the output activation it takes logits of; None: it takes A)
LOSSES = {
    "cross_entropy": (softmax_cross_entropy, "softmax"),
    "binary_cross_entropy": (sigmoid_binary_cross_entropy, "sigmoid"),
    "mse": (mse, None),
}


# ---- one layer of a network: the three pairs in order ---------------------------------------


@dataclass
class LayerCache:
    """What one layer's forward keeps for its backward: the caches of its pairs — notebook 04."""
    dense: tuple                # (A_prev, W, fast) from dense_forward
    activation: tuple           # (Z, A, name) from activation_forward
    dropout: tuple = None       # (D, keep_prob) from dropout_forward, or None

    @property
    def Z(self):
        return self.activation[0]

    @property
    def A(self):
        """The layer's activation A = g(Z) (before dropout, if any)."""
        return self.activation[1]


# ---- the fast path ----------------------------------------------------------------------------


def memory_order(A):
    """ "F" if A is stored column by column (Fortran order), else "C" — notebook 06.

    The fast path's one trick. The Trainer stores a full batch column by column (one image
    per column, as essay 001 lays it out); when each product keeps that order, a softmax's
    max and sum along each short row (10 numbers on MNIST) read whole columns at a time.
    """
    return "F" if A.flags.f_contiguous and not A.flags.c_contiguous else "C"
