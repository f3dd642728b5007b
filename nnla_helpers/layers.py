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

**At the door.** When you call one of these functions, it first checks what you passed in
(shapes, NaN, a mask of 0s and 1s, a cache from the matching forward: ``_DOOR`` at the end
of this module) and says in plain words what is wrong. The equation itself is the
function's ``.formula``: that is what ``MLP`` and ``linear`` call, on arrays they checked
once.
"""

import functools
from dataclasses import dataclass

import numpy as np

from . import checks
from .activations import (formulas, get_activation, log_softmax, sigmoid, softmax,
                          softmax_backward)
from .errors import BadValueError, SettingError, ShapeError


def _checked(formula):
    """A learner's call goes through the door (``_DOOR[name]``) first; the bare equation
    stays as ``.formula``."""
    @functools.wraps(formula)
    def at_the_door(*args, **kwargs):
        with np.errstate(over="ignore", invalid="ignore"):     # ±1e308 logits: handled exactly
            return formula(*_DOOR[formula.__name__](*args, **kwargs))
    at_the_door.formula = formula
    return at_the_door


# ---- dense ----------------------------------------------------------------------------------


@_checked
def dense_forward(A_prev, W, b, fast=False):
    """Z = A_prev W + b — notebooks 01, 02, 04.

    A_prev (m, n_in), W (n_in, n_out), b (n_out,) → Z (m, n_out); cache (A_prev, W, fast).
    """
    if fast:    # fast path: Z keeps A_prev's memory order
        Z = np.matmul(A_prev, W, order=memory_order(A_prev)) + b
    else:
        Z = A_prev @ W + b                  # (m, n_in) @ (n_in, n_out) + (n_out,) → (m, n_out)
    return Z, (A_prev, W, fast)


@_checked
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


def check_activation(name, arg="activation"):
    """Raise a clear error unless ``name`` is an activation a layer can use — notebook 03.
    ``arg`` is the argument the name came from (e.g. "hidden"), for the message."""
    if not isinstance(name, str) or name not in OUTPUT_ONLY:
        get_activation(name, arg)


@_checked
def activation_forward(Z, name):
    """A = g(Z), element by element; softmax row by row — notebook 03.

    Z (m, n) → A (m, n); cache (Z, A, name).
    """
    A = softmax.formula(Z) if name == "softmax" else formulas(name)[0](Z)
    return A, (Z, A, name)


@_checked
def activation_backward(dA, cache):
    """dZ = dA ⊙ g'(Z); for softmax, each row's Jacobian: dZ = A ⊙ (dA − Σ_row dA ⊙ A) — notebook 04.

    dA (m, n) → dZ (m, n).
    """
    Z, A, name = cache
    if name == "softmax":
        return softmax_backward.formula(A, dA)
    return dA * formulas(name)[1](Z)


# ---- dropout --------------------------------------------------------------------------------


def check_keep_prob(keep_prob):
    """Raise a clear error unless 0 < keep_prob ≤ 1 — notebook 05."""
    checks.number("keep_prob", keep_prob, above=0, at_most=1,
                  hint=" It is the probability of KEEPING a unit: to drop 20% of units, use "
                       "keep_prob=0.8.")


@_checked
def dropout_mask(shape, keep_prob, rng, dtype=np.float64):
    """D: a 0/1 array of ``shape`` whose entries are 1 with probability keep_prob — notebook 05."""
    return (rng.random(shape) < keep_prob).astype(dtype)


@_checked
def dropout_forward(A, D, keep_prob):
    """Ã = A ⊙ D / p: inverted dropout, so E[Ã] = A — notebook 05.

    A (m, n), D (m, n) of 0s and 1s → Ã (m, n); cache (D, keep_prob).
    Essay 000's "multiply the kept ones by 2" is this with p = 0.5.
    """
    return A * D / keep_prob, (D, keep_prob)


def check_mask(D):
    """Raise BadValueError unless every entry of the mask D is 0 (dropped) or 1 (kept) — notebook 05."""
    kept = D == 1
    if not np.all(kept | (D == 0)):
        bad = np.asarray(D)[~(kept | (D == 0))]
        raise BadValueError(f"the dropout mask D must hold only 0 (drop) and 1 (keep), but it "
                            f"holds {bad.size} other value(s), e.g. {bad.flat[0]:g}. Draw it as "
                            "(rng.random(A.shape) < keep_prob); the 1/keep_prob scaling comes "
                            "after, in Ã = A ⊙ D / p.")


@_checked
def dropout_backward(dA_dropped, cache):
    """dA = dÃ ⊙ D / p: the gradient flows through the kept units only, scaled as forward — notebook 05."""
    D, keep_prob = cache
    return dA_dropped * D / keep_prob


# ---- losses, each with the gradient that starts the backward pass --------------------------


@_checked
def softmax_cross_entropy(Z, Y, out=None):
    """Softmax output with cross-entropy, from the logits — notebooks 03, 04.

    L = −1/m Σ Y ⊙ log softmax(Z)      (log-softmax: finite even for logits of ±1000)
    dZ = (softmax(Z) − Y) / m          (the softmax Jacobian and the 1/softmax of the log cancel)
    Z (m, k), Y (m, k) with rows that sum to 1 (one-hot, or probabilities) → (L, dZ (m, k)).
    out=(scratch, dZ), two (m, k) arrays: the fast path (``MLP._fast_pass``), the same numbers
    with one exp instead of two and no new arrays; dZ is written into the second.
    """
    m = Z.shape[0]
    if out is not None:     # fast path: log softmax(Z) and softmax(Z) from one e^(Z − max)
        shifted, E = out
        np.subtract(Z, Z.max(axis=-1, keepdims=True), out=shifted)    # Z − max_row Z
        np.exp(shifted, out=E)
        total = E.sum(axis=-1, keepdims=True)                         # (m, 1): Σ_row e^(Z − max)
        shifted -= np.log(total)                                      # log softmax(Z)
        L = -np.sum(np.multiply(Y, shifted, out=shifted), where=Y != 0) / m
        E /= total                                                    # softmax(Z)
        E -= Y
        E /= m                                                        # dZ = (softmax(Z) − Y) / m
        return float(L) + 0.0, E
    L = -np.sum(Y * log_softmax.formula(Z), where=Y != 0) / m    # a term with y = 0 is 0, even where log softmax = −inf
    dZ = (softmax.formula(Z) - Y) / m
    return float(L) + 0.0, dZ               # + 0.0: a perfect fit is 0.0, not −0.0


@_checked
def sigmoid_binary_cross_entropy(Z, Y):
    """Sigmoid outputs with binary cross-entropy, from the logits — notebook 03.

    L = −1/m Σ [Y ln σ(Z) + (1 − Y) ln(1 − σ(Z))] = 1/m Σ [max(Z, 0) − Z ⊙ Y + ln(1 + e^(−|Z|))]
    (the second form is the same number without a log of 0)
    dZ = (σ(Z) − Y) / m
    Z, Y (m, k) → (L, dZ (m, k)).
    """
    m = Z.shape[0]
    L = np.sum(np.maximum(Z, 0) - Z * Y + np.log1p(np.exp(-np.abs(Z)))) / m
    dZ = (sigmoid.formula(Z) - Y) / m
    return float(L), dZ


@_checked
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
    "cross_entropy": (softmax_cross_entropy.formula, "softmax"),
    "binary_cross_entropy": (sigmoid_binary_cross_entropy.formula, "sigmoid"),
    "mse": (mse.formula, None),
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


# ---- the door: what a learner's call is checked for, before the equation runs ------------------
def _array(name, a, ndim=2):
    return checks.as_array(name, a, ndim=ndim)


def _cache(name, cache, size, made_by):
    if not isinstance(cache, tuple) or len(cache) != size:
        raise SettingError(f"cache must be the cache that {made_by} returned (a tuple of {size}), "
                           f"but it is {type(cache).__name__} {str(cache)[:40]!r}. Pass the "
                           f"second value of {made_by}(...).")
    return cache


def _dense_forward_door(A_prev, W, b, fast=False):
    A_prev, W = _array("A_prev", A_prev), _array("W", W)
    checks.check_matmul("A_prev", A_prev, "W", W)
    b = checks.check_bias("b", checks.as_array("b", b, ndim=(1, 2)), W.shape[1])
    return A_prev, W, b, bool(fast)


def _dense_backward_door(dZ, cache, need_dA_prev=True):
    A_prev, W, fast = _cache("cache", cache, 3, "dense_forward")
    dZ = _array("dZ", dZ)
    want = (np.shape(A_prev)[0], np.shape(W)[1])
    if dZ.shape != want:
        raise ShapeError(f"dZ has shape {dZ.shape}, but Z = A_prev W + b had shape {want}: "
                         "dZ = ∂L/∂Z has the shape of Z.")
    return dZ, cache, bool(need_dA_prev)


def _activation_forward_door(Z, name):
    check_activation(name, "name")
    return checks.as_array("Z", Z), name


def _activation_backward_door(dA, cache):
    Z, A, name = _cache("cache", cache, 3, "activation_forward")
    dA = checks.as_array("dA", dA)
    if dA.shape != np.shape(A):
        raise ShapeError(f"dA has shape {dA.shape} but A = g(Z) had shape {np.shape(A)}: "
                         "dA = ∂L/∂A has the shape of A.")
    return dA, cache


def _dropout_mask_door(shape, keep_prob, rng, dtype=np.float64):
    if isinstance(shape, (int, np.integer)):
        shape = (shape,)
    if not isinstance(shape, tuple):
        raise SettingError(f"shape must be a tuple like A.shape, e.g. (4, 3), but it is {shape!r}.")
    shape = tuple(checks.whole(f"shape[{i}]", n, at_least=0) for i, n in enumerate(shape))
    check_keep_prob(keep_prob)
    if not isinstance(rng, np.random.Generator):
        raise SettingError(f"rng must be a NumPy random generator, np.random.default_rng(seed), "
                           f"but it is {type(rng).__name__}.")
    return shape, keep_prob, rng, dtype


def _dropout_forward_door(A, D, keep_prob):
    check_keep_prob(keep_prob)
    A, D = checks.as_array("A", A, allow_empty=True), checks.as_array("D", D, allow_empty=True)
    if A.shape != D.shape:
        raise ShapeError(f"the dropout mask D has shape {D.shape} but the activations A "
                         f"have shape {A.shape}; draw D with the shape of A.")
    check_mask(D)
    return A, D, keep_prob


def _dropout_backward_door(dA_dropped, cache):
    D, keep_prob = _cache("cache", cache, 2, "dropout_forward")
    check_keep_prob(keep_prob)
    dA_dropped = checks.as_array("dA_dropped", dA_dropped, allow_empty=True)
    if dA_dropped.shape != np.shape(D):
        raise ShapeError(f"dA_dropped has shape {dA_dropped.shape} but the mask D has shape "
                         f"{np.shape(D)}: the gradient has the shape of Ã, which is D's.")
    return dA_dropped, cache


def _loss_door(check_targets, p_name="Z"):
    def door(Z, Y, **fast):
        if fast:
            raise SettingError(f"{', '.join(fast)}= is for MLP's fast path only; call the loss "
                               f"as loss({p_name}, Y).")
        from .data import as_targets           # data builds on this module's neighbours
        Z = _array(p_name, Z)
        Y = as_targets(Z, Y, p_name, "Y")
        if check_targets is not None:
            check_targets(Y)
        return Z, Y
    return door


_DOOR = {
    "dense_forward": _dense_forward_door,
    "dense_backward": _dense_backward_door,
    "activation_forward": _activation_forward_door,
    "activation_backward": _activation_backward_door,
    "dropout_mask": _dropout_mask_door,
    "dropout_forward": _dropout_forward_door,
    "dropout_backward": _dropout_backward_door,
    "softmax_cross_entropy": _loss_door(lambda Y: checks.check_distribution_rows("Y", Y)),
    "sigmoid_binary_cross_entropy": _loss_door(
        lambda Y: checks.check_unit_interval("Y", Y, "binary cross-entropy")),
    "mse": _loss_door(None, "A"),
}
