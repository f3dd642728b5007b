"""Linear regression in matrix form — notebook 01. One dense layer and the MSE, from ``layers``:

    O = X W + b             dense_forward      X (m, n), W (n, k), b (k,), O (m, k)
    L = 1/(2m) Σ (O − T)²   mse                T (m, k) the targets; dO = (O − T) / m
    ∂L/∂W = Xᵀ dO           dense_backward     shape (n, k), like W
    ∂L/∂b = Σ_rows dO                          shape (k,),   like b
"""

import numpy as np

from .checks import as_array, check_bias, check_matmul
from .data import as_targets
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
    return dense_forward(X, W, b)[0]


def _forward(X, W, b, T):
    X, W, b = _inputs(X, W, b)
    O, cache = dense_forward(X, W, b)
    return mse(O, as_targets(O, T, "O = X @ W + b", "T")), cache


def loss(X, W, b, T):
    """L = 1/(2m) Σ (O − T)² with O = X W + b — notebook 01."""
    (L, _), _ = _forward(X, W, b, T)
    return L


def gradients(X, W, b, T):
    """Return (∂L/∂W, ∂L/∂b) = (Xᵀ(O − T)/m, column sums of (O − T)/m), shaped like W and b.
    Notebook 01."""
    (_, dO), cache = _forward(X, W, b, T)
    _, dW, db = dense_backward(dO, cache)
    return dW, db


def gradient_step(X, W, b, T, lr):
    """One step of gradient descent: W ← W − lr·∂L/∂W, b ← b − lr·∂L/∂b. Returns new (W, b).
    Notebook 01."""
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
    T = as_array("T", T, ndim=2)
    if T.shape[0] != X.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows (samples) but T has {T.shape[0]}; each "
                         "sample needs one target row.")
    X1 = np.hstack([X, np.ones((X.shape[0], 1), dtype=X.dtype)])
    theta, *_ = np.linalg.lstsq(X1, T, rcond=None)
    return theta[:-1], theta[-1]
