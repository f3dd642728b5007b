"""Exercises of notebook 02: collapse two linear layers into one, and the homogeneous trick.

    H = X W1 + b1,  O = H W2 + b2     X (m, n), W1 (n, n_h), b1 (n_h,), W2 (n_h, k), b2 (k,)
    O = X W′ + b′  with  W′ = W1 W2 (n, k)  and  b′ = b1 W2 + b2 (k,)

    homogeneous form of one layer:  M = [[W, 0], [b, 1]]   shape (n + 1, k + 1)
    [X 1] @ M = [X W + b, 1]
"""

import numpy as np

from ..layers import dense_forward
from ._feedback import (as_numbers, call, checker, compare, correct, progress_of, returned_order,
                        unpack, wrong)


def _layers(n, n_h, k, seed):
    rng = np.random.default_rng(seed)
    return (rng.normal(size=(n, n_h)), rng.normal(size=n_h), rng.normal(size=(n_h, k)),
            rng.normal(size=k))


@checker
def check_collapse(collapse):
    """Exercise: ``collapse(W1, b1, W2, b2)`` returns (W′, b′) with W′ = W1 W2, b′ = b1 W2 + b2.

    Tried first on square matrices (n = n_h = k = 3), where the usual slips (order, transposes,
    a forgotten bias) still compute and can be recognised, then on n = 3 → n_h = 4 → k = 2.
    Notebook 02.
    """
    W1, b1, W2, b2 = _layers(3, 3, 3, seed=10)
    result, error = call(collapse, W1, b1, W2, b2)
    if error:
        return error
    (Wp, bp), error = unpack(result, ("W_prime", "b_prime"))
    if error:
        return error
    order = returned_order((Wp, bp), {"W_prime": W1 @ W2, "b_prime": b1 @ W2 + b2},
                           lambda a, r: np.allclose(a, r, rtol=1e-6, atol=1e-9))
    if order == ("b_prime", "W_prime"):
        return wrong("W′ and b′ are right but swapped: `return W_prime, b_prime`.")
    feedback = compare("W′", Wp, W1 @ W2, hints=[
        (W2 @ W1, "the order is swapped. X goes through W1 first, so W′ = W1 @ W2 "
                  "((n, n_h) @ (n_h, k) = (n, k)); matrix products do not commute."),
        (W1.T @ W2.T, "no transposes are needed with samples in rows: W′ = W1 @ W2. "
                      "(W1ᵀ W2ᵀ would be the column-vector form, and even there the order differs.)"),
        ((W1 @ W2).T, "W′ is transposed: with samples in rows, W′ = W1 @ W2 has shape (n, k)."),
        (W1 * W2, "`*` multiplies entry by entry; a layer after a layer is a matrix product: W1 @ W2."),
        (W1.T @ W2, "W1 is transposed: with samples in rows, X @ W1 @ W2 = X @ (W1 @ W2), so "
                    "W′ = W1 @ W2 with no transposes."),
        (W1 @ W2.T, "W2 is transposed: with samples in rows, W′ = W1 @ W2 with no transposes."),
        (W1 + W2, "a layer after a layer multiplies: W′ = W1 @ W2, not W1 + W2."),
    ])
    if feedback:
        return feedback
    feedback = compare("b′", bp, b1 @ W2 + b2, hints=[
        (b2, "b1 is forgotten. The first bias is added before W2, so it passes through W2 too: "
             "b′ = b1 @ W2 + b2."),
        (b1 + b2, "b1 must pass through W2 before it meets b2: b′ = b1 @ W2 + b2 (b1 + b2 only "
                  "works when W2 happens to be the identity — and fails when n_h ≠ k)."),
        (b1 @ W2, "b2 is forgotten: b′ = b1 @ W2 + b2."),
        (W2 @ b1 + b2, "b1 is a row like the rows of X, so it is multiplied from the left: "
                       "b1 @ W2. (W2 @ b1 multiplies by W2 transposed.)"),
        (b1 @ W1 @ W2 + b2, "b1 enters after W1, so it only goes through W2: b′ = b1 @ W2 + b2."),
        ((b1 + b2) @ W2, "b2 is added after W2, so it does not go through W2: b′ = b1 @ W2 + b2."),
        (b1 @ W2 - b2, "b2 is added, not subtracted: b′ = b1 @ W2 + b2."),
        (b1 * W2 + b2, "`*` multiplies entry by entry (and makes a matrix here); b1 passes through "
                       "the layer as a row does: b1 @ W2 + b2."),
    ])
    if feedback:
        return feedback
    # the same on non-square layers: shapes must work out too
    W1, b1, W2, b2 = _layers(3, 4, 2, seed=11)
    result, error = call(collapse, W1, b1, W2, b2)
    if error:
        error.message = ("it works for square matrices but not for n = 3 → n_h = 4 → k = 2: "
                         + error.message + " Check the order of the factors and the shapes: "
                         "W1 (3, 4) @ W2 (4, 2) = W′ (3, 2).")
        return error
    (Wp, bp), error = unpack(result, ("W_prime", "b_prime"))
    feedback = error or compare("W′", Wp, W1 @ W2) or compare("b′", bp, b1 @ W2 + b2)
    if feedback:
        feedback.message = "for n = 3 → n_h = 4 → k = 2: " + feedback.message
        return feedback
    Wp, bp = np.asarray(Wp, dtype=float), np.asarray(bp, dtype=float)     # lists are fine too
    X = np.random.default_rng(12).normal(size=(5, 3))
    two_layers = dense_forward(dense_forward(X, W1, b1)[0], W2, b2)[0]
    if not np.allclose(dense_forward(X, Wp, bp)[0], two_layers):
        return wrong("X @ W′ + b′ does not reproduce the two layers.")
    return correct(f"W′ = W1 W2 {Wp.shape} and b′ = b1 W2 + b2 {bp.shape}: one affine layer "
                   "does exactly what the two did.")


def _homogeneous(W, b):
    """The reference answer: M = [[W, 0], [b, 1]], shape (n + 1, k + 1)."""
    n, k = W.shape
    M = np.zeros((n + 1, k + 1))
    M[:n, :k], M[n, :k], M[n, k] = W, b, 1.0
    return M


@checker
def check_homogeneous(to_homogeneous):
    """Exercise: ``to_homogeneous(W, b)`` returns the (n + 1, k + 1) matrix [[W, 0], [b, 1]].
    Notebook 02."""
    W, b, _, _ = _layers(3, 2, 1, seed=20)
    n, k = W.shape
    M, error = call(to_homogeneous, W, b)
    if error:
        return error
    if M is None:
        return compare("M", None, None)
    if isinstance(M, (tuple, list)) and any(isinstance(part, np.ndarray) for part in M):
        return wrong(f"return one NumPy array (the matrix M), not a {type(M).__name__} of "
                     f"{len(M)} arrays: build M with np.zeros((n + 1, k + 1)) and fill it in.")
    M, error = as_numbers("M", M)
    if error:
        return error
    expected = _homogeneous(W, b)
    if M.shape == (n + 1, k):
        return wrong(f"M has shape {M.shape}: [[W], [b]] does one layer (the 1 appended to X "
                     f"picks up b), but its output has no 1 for the next layer's bias. Add a last "
                     f"column [0, …, 0, 1] to make it ({n + 1}, {k + 1}).")
    if M.shape == (k + 1, n + 1):
        return wrong(f"M has shape {M.shape}: that is the column-vector layout [[Wᵀ, bᵀ], [0, 1]] "
                     f"(essays 001/003). With samples in rows (X @ M), W keeps its shape and b "
                     f"becomes the last row: M is ({n + 1}, {k + 1}).")
    alt = _homogeneous(W, b)
    corner_zero = alt.copy()
    corner_zero[n, k] = 0.0
    ones_column = alt.copy()
    ones_column[:, k] = 1.0
    b_column = np.zeros_like(alt)
    b_column[:n, :k], b_column[:k, k], b_column[n, k] = W, b, 1.0
    b_first = np.zeros_like(alt)
    b_first[0, :k], b_first[0, k], b_first[1:, :k] = b, 1.0, W
    feedback = compare("M", M, expected, hints=[
        (corner_zero, "the bottom-right entry must be 1: it copies the appended 1 through, "
                      "so the next layer can use it for its own bias."),
        (ones_column, "the last column must be zeros with a 1 at the bottom: otherwise the "
                      "appended output picks up the entries of x instead of staying 1."),
        (b_first, "the 1 is appended at the END of each row of X, so b goes in the last row "
                  "of M (and the 1 in the bottom-right corner)."),
        (_homogeneous(W, -b), "b's sign is flipped: the layer adds b, so the last row is +b."),
        (np.trunc(expected), "M holds whole numbers only: W and b were cut to integers. Build M "
                             "as floats, e.g. M = np.zeros((n + 1, k + 1)) and fill it in."),
        (np.vstack([np.hstack([W, np.zeros((n, 1))]), np.ones((1, k + 1))]),
         "the last row must be [b, 1], not all ones: the appended 1 of each sample picks up b."),
        (np.zeros_like(expected), "M is all zeros: fill in W (top left), b (last row) and the 1 "
                                  "(bottom right)."),
        (_homogeneous(W, 0 * b), "b is missing from the last row: M = [[W, 0], [b, 1]], so the "
                                 "appended 1 of every sample picks up b."),
        (b_column, "b goes in the last ROW of M, not the last column: the 1 appended to each "
                   "sample (row) of X meets the last row of M in X @ M."),
    ])
    if feedback:
        return feedback
    X = np.random.default_rng(21).normal(size=(4, n))
    X1 = np.hstack([X, np.ones((4, 1))])
    if not np.allclose(X1 @ M, np.hstack([dense_forward(X, W, b)[0], np.ones((4, 1))])):
        return wrong("[X 1] @ M should be [X W + b, 1].")
    W2, b2, _, _ = _layers(2, 4, 1, seed=22)               # another shape: (2, 4) → M (3, 5)
    M2, error = call(to_homogeneous, W2, b2)
    feedback = error or compare("M", M2, _homogeneous(W2, b2))
    if feedback:
        feedback.message = ("right for W (3, 2), but not for W (2, 4): " + feedback.message
                            + " Build M from W.shape, np.zeros((n + 1, k + 1)), not from fixed sizes.")
        return feedback
    return correct(f"[X 1] @ M = [X W + b, 1]: one matrix {M.shape} does the affine layer, "
                   "and the product of two such matrices is the collapsed layer.")


progress = progress_of(__name__)     # ex.progress(): this notebook's exercises, this session
