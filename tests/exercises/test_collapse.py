"""Exercise checkers of notebook 02 (nnla_helpers.exercises.collapse): the worked solutions pass, and each typical
mistake gets its own hint."""

import numpy as np
import pytest

from nnla_helpers.exercises import collapse as ex02

from exercise_helpers import solutions, verdict



# ---- notebook 02 -------------------------------------------------------------------------------
def test_02_solutions_pass():
    sol = solutions("02_hidden_layer_collapse")
    verdict(ex02.check_collapse(sol.collapse), True, "W1 W2")
    verdict(ex02.check_homogeneous(sol.to_homogeneous), True, "[X 1] @ M")


@pytest.mark.parametrize("answer, phrases", [
    (lambda W1, b1, W2, b2: None, ["placeholder"]),
    (lambda W1, b1, W2, b2: (None, None), ["W′ is None", "placeholder"]),
    (lambda W1, b1, W2, b2: W1 @ W2, ["return 2 things"]),
    (lambda W1, b1, W2, b2: (W1 @ W2, b2), ["b1 is forgotten"]),
    (lambda W1, b1, W2, b2: (W1 @ W2, b1 + b2), ["b1 must pass through W2"]),
    (lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2), ["b2 is forgotten"]),
    (lambda W1, b1, W2, b2: (W1 @ W2, W2 @ b1 + b2), ["multiplied from the left"]),
    (lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W1 @ W2 + b2), ["only goes through W2"]),
    (lambda W1, b1, W2, b2: (W2 @ W1, b1 @ W2 + b2), ["order is swapped"]),
    (lambda W1, b1, W2, b2: (W1.T @ W2.T, b1 @ W2 + b2), ["no transposes"]),
    (lambda W1, b1, W2, b2: ((W1 @ W2).T, b1 @ W2 + b2), ["W′ is transposed"]),
    (lambda W1, b1, W2, b2: (W1 * W2, b1 @ W2 + b2), ["entry by entry"]),
    # right on square matrices, wrong shapes otherwise: the second example catches it
    (lambda W1, b1, W2, b2: (W1 @ W2, (b1 @ W2 + b2).reshape(-1)[:3] if len(b2) == 3 else b1),
     ["n = 3 → n_h = 4 → k = 2", "b′ has shape (4,)"]),
    (lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2 + b2) if W1.shape[1] == 3 else (W2.T @ W1.T, b2),
     ["n = 3 → n_h = 4 → k = 2", "shape (2, 3)", "should have shape (3, 2)"]),
    (lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2 + b2) if W1.shape[1] == 3 else (W1 @ W2.T, b2),
     ["works for square matrices", "raised ValueError"]),
])
def test_02_collapse_mistakes(answer, phrases):
    verdict(ex02.check_collapse(answer), False, *phrases)


def _M(W, b, corner=1.0):
    n, k = W.shape
    M = np.zeros((n + 1, k + 1))
    M[:n, :k], M[n, :k], M[n, k] = W, b, corner
    return M


@pytest.mark.parametrize("answer, phrases", [
    (lambda W, b: None, ["placeholder"]),
    (lambda W, b: np.vstack([W, b]), ["shape (4, 2)", "last column", "(4, 3)"]),
    (lambda W, b: _M(W, b).T, ["column-vector layout", "last row"]),
    (lambda W, b: _M(W, b, corner=0.0), ["bottom-right entry must be 1"]),
    (lambda W, b: np.hstack([np.vstack([W, b]), np.ones((W.shape[0] + 1, 1))]),
     ["zeros with a 1 at the bottom"]),
    (lambda W, b: np.vstack([np.append(b, 1.0), np.hstack([W, np.zeros((W.shape[0], 1))])]),
     ["END of each row"]),
    (lambda W, b: (W, b), ["one NumPy array"]),
    (lambda W, b: 1 / 0, ["raised ZeroDivisionError"]),
])
def test_02_homogeneous_mistakes(answer, phrases):
    verdict(ex02.check_homogeneous(answer), False, *phrases)



def test_checkers_never_raise_on_garbage():
    for checker in (ex02.check_collapse, ex02.check_homogeneous):
        for garbage in (lambda *a: "text", lambda *a: 1 / 0, lambda *a: np.zeros((99, 99)),
                        lambda *a: (np.zeros(3), "x"), lambda *a: [1, 2]):
            assert checker(garbage).correct is False


def test_02_collapse_accepts_lists():
    verdict(ex02.check_collapse(lambda W1, b1, W2, b2: ((W1 @ W2).tolist(), list(b1 @ W2 + b2))),
            True, "one affine layer")


@pytest.mark.parametrize("answer, phrases", [
    (lambda W, b: _M(W, -b), ["sign is flipped"]),
    (lambda W, b: _M(W, b).astype(int), ["whole numbers"]),
    (lambda W, b: np.vstack([np.hstack([W, np.zeros((W.shape[0], 1))]), np.ones((1, W.shape[1] + 1))]),
     ["not all ones"]),
    (lambda W, b: np.zeros((W.shape[0] + 1, W.shape[1] + 1)), ["all zeros"]),
    (lambda W, b: _M(W, b) * np.nan, ["NaN"]),
])
def test_02_homogeneous_more_mistakes(answer, phrases):
    verdict(ex02.check_homogeneous(answer), False, *phrases)


@pytest.mark.parametrize("answer", [
    lambda W, b: _M(W, b).tolist(),
    lambda W, b: np.block([[W, np.zeros((W.shape[0], 1))], [b, 1]]),
    lambda W, b: np.hstack([np.vstack([W, b]), np.eye(W.shape[0] + 1)[:, -1:]]),
])
def test_02_homogeneous_other_right_answers_pass(answer):
    verdict(ex02.check_homogeneous(answer), True)


@pytest.mark.parametrize("answer, phrases", [
    (lambda W1, b1, W2, b2: (b1 @ W2 + b2, W1 @ W2), ["swapped", "return W_prime, b_prime"]),
    (lambda W1, b1, W2, b2: (W1.T @ W2, b1 @ W2 + b2), ["W1 is transposed"]),
    (lambda W1, b1, W2, b2: (W1 @ W2.T, b1 @ W2 + b2), ["W2 is transposed"]),
    (lambda W1, b1, W2, b2: (W1 + W2, b1 @ W2 + b2), ["not W1 + W2"]),
    (lambda W1, b1, W2, b2: (W1 @ W2, (b1 + b2) @ W2), ["b2 is added after W2"]),
    (lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2 - b2), ["added, not subtracted"]),
    (lambda W1, b1, W2, b2: (W1 @ W2, b1 * W2 + b2), ["entry by entry"]),
    (lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2.T + b2), ["W2 transposed"]),
])
def test_02_collapse_second_review(answer, phrases):
    verdict(ex02.check_collapse(answer), False, *phrases)


def _b_in_column(W, b):
    M = _M(W, 0 * b)
    M[:W.shape[1], W.shape[1]] = b
    return M


@pytest.mark.parametrize("answer, phrases", [
    (lambda W, b: _M(W, 0 * b), ["b is missing from the last row"]),
    (_b_in_column, ["last ROW", "not the last column"]),
])
def test_02_homogeneous_second_review(answer, phrases):
    verdict(ex02.check_homogeneous(answer), False, *phrases)
