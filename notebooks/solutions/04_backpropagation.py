"""Worked solutions to the exercises of notebook 04 (tests/exercises/test_backprop.py checks them)."""

import numpy as np


def numerical_gradient(f, x, eps=1e-6):
    """Exercise 1: central differences, one entry of x at a time.

    ∂f/∂x_i ≈ (f(x + eps·e_i) − f(x − eps·e_i)) / (2·eps); f reads x, so nudge x in place
    and always put the entry back.
    """
    grad = np.zeros_like(x, dtype=float)
    for i in np.ndindex(x.shape):
        original = x[i]
        x[i] = original + eps
        f_plus = f()
        x[i] = original - eps
        f_minus = f()
        x[i] = original
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def backward(X, Y, W1, b1, W2, b2):
    """Exercise 2: the gradients of L = −(1/m) Σ Y ⊙ log softmax(ReLU(X W1 + b1) W2 + b2).

    Forward again (keeping Z1 and A1), then backward layer by layer; every gradient has the
    shape of its parameter.
    """
    m = X.shape[0]
    Z1 = X @ W1 + b1                       # (m, h)
    A1 = np.maximum(Z1, 0)                 # (m, h)
    Z2 = A1 @ W2 + b2                      # (m, k)
    E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    A2 = E / E.sum(axis=1, keepdims=True)  # softmax, row by row

    dZ2 = (A2 - Y) / m                     # (m, k)  softmax + cross-entropy; the mean's 1/m, once
    dW2 = A1.T @ dZ2                       # (h, k)  like W2
    db2 = dZ2.sum(axis=0)                  # (k,)    like b2
    dA1 = dZ2 @ W2.T                       # (m, h)  back through W2
    dZ1 = dA1 * (Z1 > 0)                   # (m, h)  ReLU′: the 0/1 mask
    dW1 = X.T @ dZ1                        # (n, h)  like W1
    db1 = dZ1.sum(axis=0)                  # (h,)    like b1
    return dW1, db1, dW2, db2
