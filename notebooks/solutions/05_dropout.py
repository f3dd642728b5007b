"""Worked solutions to the exercises of notebook 05 (tests/exercises/test_dropout.py checks them)."""

import numpy as np


def dropout_forward(A, keep_prob, rng):
    """Exercise 1a: keep each unit with probability keep_prob, scale the kept ones by 1/keep_prob.

    D is the 0/1 mask, one entry per activation (each sample its own); dividing by
    keep_prob keeps the expected value of every activation unchanged: E[D/p] = 1.
    """
    D = (rng.random(A.shape) < keep_prob).astype(float)
    return A * D / keep_prob, D


def dropout_backward(dA_out, D, keep_prob):
    """Exercise 1b: the same mask and the same scale as the forward pass."""
    return dA_out * D / keep_prob


def early_stopping(val_loss, patience):
    """Exercise 2: (stop_epoch, best_epoch), epochs counted from 1."""
    best, best_epoch, since_best = np.inf, None, 0
    for epoch, loss in enumerate(val_loss, start=1):
        if loss < best:
            best, best_epoch, since_best = loss, epoch, 0
        else:
            since_best += 1
            if since_best >= patience:
                return epoch, best_epoch
    return len(val_loss), best_epoch
