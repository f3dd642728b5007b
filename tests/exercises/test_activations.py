"""Exercise checkers of notebook 03 (nnla_helpers.exercises.activations): the worked solutions pass, and each typical
mistake gets its own hint."""

import warnings

import numpy as np
import pytest

from nnla_helpers.exercises import activations as ex03

from exercise_helpers import solutions, verdict



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
    for checker in (ex03.check_relu_grad, ex03.check_sigmoid_grad, ex03.check_softmax):
        for garbage in (lambda *a: "text", lambda *a: 1 / 0, lambda *a: np.zeros((99, 99)),
                        lambda *a: (np.zeros(3), "x"), lambda *a: [1, 2]):
            assert checker(garbage).correct is False


@pytest.mark.parametrize("answer, phrases", [
    (lambda Z: (lambda E: E / E.sum(axis=1, keepdims=True))(np.exp(Z - Z.min(axis=1, keepdims=True))),
     ["[1000, 0, -1000]", "MAXIMUM"]),
    (lambda Z: (Z - Z.max(axis=1, keepdims=True))
     - np.log(np.exp(Z - Z.max(axis=1, keepdims=True)).sum(axis=1, keepdims=True)), ["log-softmax"]),
    (lambda Z: np.eye(Z.shape[1])[Z.argmax(axis=1)], ["one-hot argmax"]),
    (lambda Z: 1 / (1 + np.exp(-Z)), ["sigmoid of each entry"]),
])
def test_03_softmax_more_mistakes(answer, phrases):
    verdict(ex03.check_softmax(answer), False, *phrases)


@pytest.mark.parametrize("answer, phrases", [
    (lambda Z: np.maximum(Z, 0) / Z, ["NaN"]),
    (lambda Z: 1.0, ["shape ()"]),
    (lambda Z: (Z > 0).T * 1.0, ["transpose"]),
])
def test_03_relu_grad_more_mistakes(answer, phrases):
    verdict(ex03.check_relu_grad(answer), False, *phrases)


@pytest.mark.parametrize("answer", [lambda Z: Z > 0, lambda Z: np.heaviside(Z, 0),
                                    lambda Z: np.where(Z > 0, 1, 0), lambda Z: (Z > 0).tolist()])
def test_03_relu_grad_other_right_answers_pass(answer):
    verdict(ex03.check_relu_grad(answer), True)


# ---- a second review's answers -------------------------------------------------------------
def _relu_grad_2d_loop(Z):
    out = np.zeros_like(Z)
    for i in range(Z.shape[0]):
        for j in range(Z.shape[1]):
            out[i, j] = 1.0 if Z[i, j] > 0 else 0.0
    return out


@pytest.mark.parametrize("answer, phrases", [
    (_relu_grad_2d_loop, ["right for a 2-D Z", "shape (7,)"]),
    (lambda Z: 1.0 if Z > 0 else 0.0, ["truth value", "entry by entry"]),
    (lambda Z: np.clip(Z, 0, 1), ["not z clipped"]),
    (lambda Z: (Z > 1).astype(float), ["bends at 0, not at 1"]),
    (lambda Z: np.where(Z > 0, 1.0, 0.01), ["leaky ReLU"]),
])
def test_03_relu_grad_second_review(answer, phrases):
    verdict(ex03.check_relu_grad(answer), False, *phrases)


@pytest.mark.parametrize("answer, phrases", [
    (lambda Z, c, beta: c / beta * _s(Z, beta) * (1 - _s(Z, beta)), ["c TIMES β"]),
    (lambda Z, c, beta: c * beta ** 2 * _s(Z, beta) * (1 - _s(Z, beta)), ["β appears once"]),
    (lambda Z, beta, c: c * beta * _s(Z, beta) * (1 - _s(Z, beta)), ["in the order"]),
])
def test_03_sigmoid_grad_second_review(answer, phrases):
    verdict(ex03.check_sigmoid_grad(answer), False, *phrases)


def _shifted(Z):
    return np.exp(Z - Z.max(axis=1, keepdims=True))


@pytest.mark.parametrize("answer, phrases", [
    (lambda Z: _shifted(Z) / _shifted(Z).sum(axis=0, keepdims=True), ["shift is right", "COLUMN"]),
    (lambda Z: _shifted(Z) / _shifted(Z).sum(), ["shift is right", "whole matrix"]),
    (lambda Z: (lambda E: E / E.sum(axis=1, keepdims=True))(np.exp(Z - Z.max(axis=0))),
     ["COLUMN's maximum"]),
    (lambda Z: _shifted(Z) / np.exp(Z).sum(axis=1, keepdims=True), ["shift the denominator too"]),
    (lambda Z: (lambda E: E / E.sum(axis=1, keepdims=True))(np.exp(np.clip(Z, -500, 500))),
     ["around 1000", "clipping"]),
    (lambda Z: np.nan_to_num(np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)),
     ["around 1000", "nan_to_num hides"]),
])
def test_03_softmax_second_review(answer, phrases):
    with np.errstate(all="ignore"):
        verdict(ex03.check_softmax(answer), False, *phrases)
