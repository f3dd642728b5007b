"""Linear regression in matrix form — notebook 01. One dense layer and the MSE, from ``layers``:

    O = X W + b             dense_forward      X (m, n), W (n, k), b (k,), O (m, k)
    L = 1/(2m) Σ (O − T)²   mse                T (m, k) the targets; dO = (O − T) / m
    ∂L/∂W = Xᵀ dO           dense_backward     shape (n, k), like W
    ∂L/∂b = Σ_rows dO                          shape (k,),   like b

Gradient descent repeats W ← W − lr·∂L/∂W, b ← b − lr·∂L/∂b; ``updates_to_reach`` counts how
many of those updates a learning rate needs to bring the loss down to a target.
"""

import numpy as np

from . import checks
from .checks import as_array, check_bias, check_matmul
from .data import as_targets
from .errors import DivergenceError, SettingError, ShapeError
from .layers import dense_backward, dense_forward, mse


def _inputs(X, W, b):
    X = as_array("X", X, ndim=2)
    W = as_array("W", W, ndim=2)
    check_matmul("X", X, "W", W)
    b = check_bias("b", as_array("b", b, ndim=(1, 2)), W.shape[1])
    return X, W, b


def predict(X, W, b):
    """O = X W + b: one row of outputs per row of X. X (m, n), W (n, k), b (k,) → O (m, k).
    Notebook 01."""
    X, W, b = _inputs(X, W, b)
    return dense_forward.formula(X, W, b)[0]


def _forward(X, W, b, T):
    X, W, b = _inputs(X, W, b)
    O, cache = dense_forward.formula(X, W, b)
    return mse.formula(O, as_targets(O, T, "O = X @ W + b", "T")), cache


def loss(X, W, b, T):
    """L = 1/(2m) Σ (O − T)² with O = X W + b — notebook 01."""
    (L, _), _ = _forward(X, W, b, T)
    return L


def gradients(X, W, b, T):
    """Return (∂L/∂W, ∂L/∂b) = (Xᵀ(O − T)/m, column sums of (O − T)/m), shaped like W and b.
    Notebook 01."""
    (_, dO), cache = _forward(X, W, b, T)
    _, dW, db = dense_backward.formula(dO, cache)
    return dW, db


def gradient_step(X, W, b, T, lr):
    """One step of gradient descent: W ← W − lr·∂L/∂W, b ← b − lr·∂L/∂b. Returns new (W, b).
    Notebook 01."""
    lr = checks.number("lr", lr, above=0, hint=" A step of −lr·gradient goes downhill only for "
                       "lr > 0; notebook 01 finds the largest that still converges, 2/λ_max.")
    dW, db = gradients(X, W, b, T)
    W = as_array("W", W, ndim=2)
    b = as_array("b", b, ndim=(1, 2)).reshape(-1)
    return W - lr * dW, b - lr * db


def least_squares(X, T):
    """The closed-form minimiser of the loss, the target gradient descent walks towards.

    Append a column of ones to X (so the bias becomes one more weight) and solve
    min ‖[X 1] θ − T‖² — the normal equations [X 1]ᵀ[X 1] θ = [X 1]ᵀ T — with a stable
    least-squares solver. Returns (W (n, k), b (k,)).
    Notebook 01.
    """
    X = as_array("X", X, ndim=2)
    T = as_array("T", T, ndim=(1, 2))
    if T.shape[0] != X.shape[0]:
        raise ShapeError(f"X has {X.shape[0]} rows (samples) but T has {T.shape[0]}; each "
                         "sample needs one target row.")
    T = T.reshape(-1, 1) if T.ndim == 1 else T      # one target per sample: a column
    X1 = np.hstack([X, np.ones((X.shape[0], 1), dtype=X.dtype)])
    theta, *_ = np.linalg.lstsq(X1, T, rcond=None)
    return theta[:-1], theta[-1]


def _hessian_limit(X):
    """2/λ_max of H = X̃ᵀX̃/m, X̃ = [X 1]: the largest learning rate that still converges."""
    X1 = np.hstack([X, np.ones((X.shape[0], 1), dtype=X.dtype)])
    return 2 / np.linalg.eigvalsh(X1.T @ X1 / X.shape[0]).max()


def updates_to_reach(X, T, W, b, lr, target, max_updates=100_000):
    """How many gradient-descent updates from (W, b) bring the loss down to ``target``.

    Each update is ``gradient_step``'s W ← W − lr·∂L/∂W, b ← b − lr·∂L/∂b; the loss of each
    point comes out of the same forward pass as its gradient. Returns the number of updates
    (0 if the start is already at or below ``target``), or None if ``max_updates`` updates
    were not enough. W and b themselves are not changed.

    Raises DivergenceError as soon as the loss climbs above its starting value: this loss
    is a bowl, and a rate below 2/λ_max of its Hessian lowers it at every update, so a
    climb means the rate is past that limit. Raises SettingError for a ``target`` the data
    cannot reach (at or below the least-squares loss).
    Notebook 01.
    """
    X, W, b = _inputs(X, W, b)
    T = as_array("T", T, ndim=(1, 2))
    if T.shape[0] != X.shape[0]:
        raise ShapeError(f"X has {X.shape[0]} rows (samples) but T has {T.shape[0]}; each "
                         "sample needs one target row.")
    T = as_targets(X @ W, T, "O = X @ W + b", "T")
    lr = checks.number("lr", lr, above=0, hint=" A step of −lr·gradient goes downhill only "
                       "when lr > 0.")
    target = checks.number("target", target, hint=" It is the loss to reach.")
    max_updates = checks.whole("max_updates", max_updates, at_least=1)
    W_best, b_best = least_squares(X, T)
    best = mse.formula(dense_forward.formula(X, W_best, b_best)[0], T)[0]
    if target <= best:
        raise SettingError(f"target = {target:g} is not above {best:.6g}, the lowest loss any W, b "
                         "reach on these data (the least-squares fit): descent only approaches "
                         "it. Ask for a little more, e.g. 1.01 times that loss.")
    W, b = W.copy(), b.copy()                  # updated in place below; the caller's stay as they were
    for done in range(max_updates + 1):        # done: the updates made so far
        O, cache = dense_forward.formula(X, W, b)      # (m, k)
        L, dO = mse.formula(O, T)
        if done == 0:
            start = L
        if L <= target:
            return done
        if not L <= start * (1 + 1e-12):       # climbed (beyond rounding), or NaN/inf
            raise DivergenceError(
                f"the loss climbed from {start:.4g} to {L:.4g} after {done} "
                f"update{'s' * (done != 1)}: lr = {lr:g} is past this problem's limit "
                f"2/λ_max = {_hessian_limit(X):.4g} — try a smaller learning rate.", step=done)
        if done == max_updates:
            return None
        _, dW, db = dense_backward.formula(dO, cache, need_dA_prev=False)
        W -= lr * dW                           # (n, k), like W
        b -= lr * db                           # (k,),   like b
