"""Every exercise checker: the worked solution passes, and each typical mistake gets its own hint."""


import numpy as np
import pytest

from nnla_helpers.exercises import linear_regression as ex01

from exercise_helpers import solutions, verdict


# ---- notebook 01 -------------------------------------------------------------------------------
def test_01_solutions_pass():
    sol = solutions("01_linear_regression")
    verdict(ex01.check_predict(sol.predict), True)
    verdict(ex01.check_gradients(sol.gradients), True)
    verdict(ex01.check_gradient_step(sol.step), True)


@pytest.mark.parametrize("answer, phrases", [
    (lambda X, W, b: None, ["placeholder"]),
    (lambda X, W, b: X @ W, ["bias is missing"]),
    (lambda X, W, b: X @ W - b, ["added, not subtracted"]),
    (lambda X, W, b: (X @ W + b).T, ["shape (2, 6)", "should have shape (6, 2)", "transpose"]),
    (lambda X, W, b: X @ W.T + b, ["raised ValueError"]),
])
def test_01_predict_mistakes(answer, phrases):
    verdict(ex01.check_predict(answer), False, *phrases)


def _E(X, W, b, T):
    return X @ W + b - T


@pytest.mark.parametrize("answer, phrases", [
    (lambda X, W, b, T: (None, None), ["dW is None"]),
    (lambda X, W, b, T: None, ["placeholder"]),
    (lambda X, W, b, T: X.T @ _E(X, W, b, T) / len(X), ["return 2 things"]),
    (lambda X, W, b, T: (2 * X.T @ _E(X, W, b, T) / len(X), _E(X, W, b, T).mean(0)),
     ["factor of 2", "½"]),
    (lambda X, W, b, T: (X.T @ _E(X, W, b, T), _E(X, W, b, T).mean(0)), ["factor of m = 6"]),
    (lambda X, W, b, T: (X.T @ -_E(X, W, b, T) / len(X), _E(X, W, b, T).mean(0)), ["sign is flipped"]),
    (lambda X, W, b, T: (_E(X, W, b, T).T @ X / len(X), _E(X, W, b, T).mean(0)),
     ["shape (2, 3)", "transpose", "W is (3, 2)"]),
    (lambda X, W, b, T: ((X.T @ _E(X, W, b, T) / len(X))[:, 0], _E(X, W, b, T).mean(0)),
     ["dW has shape (3,) but should have shape (3, 2)"]),
    (lambda X, W, b, T: (X.T @ _E(X, W, b, T) / len(X), _E(X, W, b, T).sum(0)),
     ["db: off by a factor of m = 6"]),
    (lambda X, W, b, T: (X.T @ _E(X, W, b, T) / len(X), _E(X, W, b, T).mean()),
     ["db has shape ()"]),
])
def test_01_gradient_mistakes(answer, phrases):
    verdict(ex01.check_gradients(answer), False, *phrases)


@pytest.mark.parametrize("answer, phrases", [
    (lambda W, b, dW, db, lr: None, ["placeholder"]),
    (lambda W, b, dW, db, lr: (W + lr * dW, b - lr * db), ["uphill"]),
    (lambda W, b, dW, db, lr: (W - dW, b - db), ["learning rate is missing"]),
    (lambda W, b, dW, db, lr: (W - lr * dW, b + lr * db), ["uphill with b"]),
])
def test_01_step_mistakes(answer, phrases):
    verdict(ex01.check_gradient_step(answer), False, *phrases)


def test_checkers_never_raise_on_garbage():
    for checker in (ex01.check_predict, ex01.check_gradients, ex01.check_gradient_step):
        for garbage in (lambda *a: "text", lambda *a: 1 / 0, lambda *a: np.zeros((99, 99))):
            assert checker(garbage).correct is False
