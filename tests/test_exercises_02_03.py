"""Exercise checkers of notebooks 02 and 03: the worked solutions pass, and each typical
mistake gets its own hint."""

import warnings

import numpy as np
import pytest

from nnla_helpers.exercises import activations as ex03
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
     ["n = 3 → m = 4 → z = 2", "b′ has shape (4,)"]),
    (lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2 + b2) if W1.shape[1] == 3 else (W2.T @ W1.T, b2),
     ["n = 3 → m = 4 → z = 2", "shape (2, 3)", "should have shape (3, 2)"]),
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


# ---- notebook 03 -------------------------------------------------------------------------------
def test_03_solutions_pass():
    sol = solutions("03_activations")
    verdict(ex03.check_relu_grad(sol.relu_grad), True, "[z > 0]")
    verdict(ex03.check_sigmoid_grad(sol.sigmoid_grad), True, "c·β·s·(1 − s)")
    verdict(ex03.check_softmax(sol.softmax), True, "sums to 1")


def test_03_relu_grad_other_conventions_pass():
    verdict(ex03.check_relu_grad(lambda Z: Z >= 0), True, "you chose 1 there")
    verdict(ex03.check_relu_grad(lambda Z: Z > 0), True)                  # booleans are fine
    verdict(ex03.check_relu_grad(lambda Z: np.heaviside(Z, 0.0)), True)


@pytest.mark.parametrize("answer, phrases", [
    (lambda Z: None, ["placeholder"]),
    (lambda Z: np.maximum(Z, 0), ["ReLU itself"]),
    (lambda Z: np.sign(Z), ["not −1"]),
    (lambda Z: (Z < 0).astype(float), ["flipped"]),
    (lambda Z: (Z <= 0).astype(float), ["flipped"]),
    (lambda Z: np.ones_like(Z), ["identity"]),
    (lambda Z: (Z > 0)[0], ["shape (5,)", "(2, 5)"]),
])
def test_03_relu_grad_mistakes(answer, phrases):
    verdict(ex03.check_relu_grad(answer), False, *phrases)


def _s(Z, beta=1.0):
    return 1 / (1 + np.exp(-beta * Z))


@pytest.mark.parametrize("answer, phrases", [
    (lambda Z, c=1.0, beta=1.0: None, ["placeholder"]),
    (lambda Z, c=1.0, beta=1.0: _s(Z) * (1 - _s(Z)), ["ignored c and beta"]),
    (lambda Z, c=1.0, beta=1.0: _s(Z, beta) * (1 - _s(Z, beta)), ["factor c·β is missing"]),
    (lambda Z, c=1.0, beta=1.0: beta * _s(Z, beta) * (1 - _s(Z, beta)), ["factor c is missing"]),
    (lambda Z, c=1.0, beta=1.0: c * _s(Z, beta) * (1 - _s(Z, beta)), ["factor β is missing"]),
    (lambda Z, c=1.0, beta=1.0: c * _s(Z, beta) * (1 - c * _s(Z, beta)), ["only for c = β = 1"]),
    (lambda Z, c=1.0, beta=1.0: c * beta * c * _s(Z, beta) * (1 - c * _s(Z, beta)),
     ["without the c inside"]),
    (lambda Z, c=1.0, beta=1.0: c * beta * _s(Z) * (1 - _s(Z)), ["inside the exponential"]),
    (lambda Z, c=1.0, beta=1.0: c * _s(Z, beta), ["σ itself"]),
    (lambda Z, c=1.0, beta=1.0: -c * beta * _s(Z, beta) * (1 - _s(Z, beta)), ["sign is flipped"]),
    (lambda Z, c=1.0, beta=1.0: c * beta * _s(Z, beta) * (1 + _s(Z, beta)), ["not (1 + s)"]),
    (lambda Z, c=1.0, beta=1.0: undefined_name, ["raised NameError"]),  # noqa: F821
])
def test_03_sigmoid_grad_mistakes(answer, phrases):
    verdict(ex03.check_sigmoid_grad(answer), False, *phrases)


def _naive(Z):
    E = np.exp(Z)
    return E / E.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("answer, phrases", [
    (lambda Z: None, ["placeholder"]),
    (_naive, ["gives NaN", "overflows", "Subtract each row's maximum"]),
    (lambda Z: _naive(Z - Z.max()), ["OWN maximum", "whole matrix"]),
    (lambda Z: np.exp(Z) / np.exp(Z).sum(axis=0, keepdims=True), ["COLUMN sums to 1", "axis=1"]),
    (lambda Z: np.exp(Z) / np.exp(Z).sum(), ["whole matrix sums to 1"]),
    (lambda Z: np.exp(Z), ["divide by the row sums"]),
    (lambda Z: Z / Z.sum(axis=1, keepdims=True), ["exponentiate first"]),
    (lambda Z: _naive(Z - Z.max(axis=1)), ["raised ValueError", "keepdims=True"]),
    (lambda Z: _naive(Z - Z.max(axis=1, keepdims=True)).T, ["shape (3, 2)", "(2, 3)"]),
])
def test_03_softmax_mistakes(answer, phrases):
    verdict(ex03.check_softmax(answer), False, *phrases)


def test_03_softmax_checker_is_quiet():
    """A naive softmax overflows; the checker turns that into a hint without printing warnings."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ex03.check_softmax(_naive).correct is False


def test_checkers_never_raise_on_garbage():
    checkers = (ex02.check_collapse, ex02.check_homogeneous, ex03.check_relu_grad,
                ex03.check_sigmoid_grad, ex03.check_softmax)
    for checker in checkers:
        for garbage in (lambda *a: "text", lambda *a: 1 / 0, lambda *a: np.zeros((99, 99)),
                        lambda *a: (np.zeros(3), "x"), lambda *a: [1, 2]):
            assert checker(garbage).correct is False
