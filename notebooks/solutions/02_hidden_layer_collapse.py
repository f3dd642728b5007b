"""Worked solutions to the exercises of notebook 02 (tests/exercises/test_collapse.py checks them)."""
import numpy as np


def collapse(W1, b1, W2, b2):
    """Exercise 1: two affine layers as one. W′ = W1 W2 (n, k), b′ = b1 W2 + b2 (k,).

    (X W1 + b1) W2 + b2 = X (W1 W2) + (b1 W2 + b2): b1 is added before W2, so it goes through W2.
    """
    return W1 @ W2, b1 @ W2 + b2


def to_homogeneous(W, b):
    """Exercise 2: the (n + 1, k + 1) matrix [[W, 0], [b, 1]], so that [X 1] @ M = [X W + b, 1]."""
    n, k = W.shape
    M = np.zeros((n + 1, k + 1))
    M[:n, :k] = W          # the weights, as they are
    M[n, :k] = b           # the bias row: multiplied by the appended 1
    M[n, k] = 1.0          # copies the 1 through, for the next layer
    return M
