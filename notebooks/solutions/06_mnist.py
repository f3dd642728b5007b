"""Worked solutions to the exercises of notebook 06 (tests/exercises/test_mnist.py checks them)."""

import numpy as np


def one_hot(labels, n_classes=10):
    """Exercise 1: one row per sample, a single 1 in the column of its digit. Shape (m, n_classes).

    The width comes from n_classes, not from labels.max() + 1 (a batch may lack some digits),
    and the labels are made integers first (floats cannot index an array).
    """
    labels = np.asarray(labels).astype(int)
    m = labels.shape[0]
    Y = np.zeros((m, n_classes))
    Y[np.arange(m), labels] = 1.0        # row i, column labels[i]
    return Y


def accuracy(P, y):
    """Exercise 2: the fraction of rows whose most probable class is the label."""
    predicted = P.argmax(axis=1)         # one class per row (sample), shape (m,)
    return np.mean(predicted == y)


def to_row_layout(W1, b1, W2, b2):
    """Exercise 3: essay 001's column layout → the course's row layout.

    W (n_out, n_in) → Wᵀ (n_in, n_out); a bias column (n_out, 1) → a flat (n_out,) vector.
    """
    return W1.T, b1.ravel(), W2.T, b2.ravel()
