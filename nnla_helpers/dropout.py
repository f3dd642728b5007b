"""Inverted dropout on hidden activations — notebook 05.

During training each hidden unit is kept with probability p (``keep_prob``) and
dropped (set to 0) otherwise. D is the 0/1 mask, shape (m, n) like the activations A:

    forward:   Ã = A ⊙ D / p        (dividing by p keeps E[Ã] = A)
    backward:  dA = dÃ ⊙ D / p      (the same mask and the same scale)
    evaluate:  Ã = A                (no mask, no scale)

Essay 000's "multiply the kept ones by 2" is exactly this with p = 0.5.
"""

import numpy as np


def _check_keep_prob(keep_prob):
    if not 0 < keep_prob <= 1:
        raise ValueError(f"keep_prob is the probability of KEEPING a unit and must be in (0, 1], "
                         f"got {keep_prob}. (To drop 20% of units, use keep_prob=0.8.)")


def dropout_mask(shape, keep_prob, rng, dtype=np.float64):
    """D: a 0/1 array of ``shape`` whose entries are 1 with probability keep_prob."""
    _check_keep_prob(keep_prob)
    return (rng.random(shape) < keep_prob).astype(dtype)


def dropout_forward(A, D, keep_prob):
    """Ã = A ⊙ D / p. A and D have the same shape (m, n)."""
    _check_keep_prob(keep_prob)
    if np.shape(A) != np.shape(D):
        from .errors import ShapeError
        raise ShapeError(f"the dropout mask D has shape {np.shape(D)} but the activations A "
                         f"have shape {np.shape(A)}; draw D with the shape of A.")
    return A * D / keep_prob


def dropout_backward(dA_dropped, D, keep_prob):
    """dA = dÃ ⊙ D / p: the gradient flows only through the kept units, scaled like the forward."""
    return dropout_forward(dA_dropped, D, keep_prob)
