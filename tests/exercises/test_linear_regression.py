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


@pytest.mark.parametrize("answer, phrases", [
    (lambda W, b, dW, db, lr: (W - 0.1 * dW, b - 0.1 * db), ["lr = 0.1 is written"]),
    (lambda W, b, dW, db, lr: (W - 0.01 * dW, b - 0.01 * db), ["lr = 0.01 is written"]),
    (lambda W, b, dW, db, lr: (W - dW / lr, b - db / lr), ["multiply the gradient"]),
    (lambda W, b, dW, db, lr: (W - lr * db, b - lr * db), ["its own gradient dW"]),
    (lambda W, b, dW, db, lr: (dW, db), ["the gradient itself"]),
    (lambda W, b, dW, db, lr: (-lr * dW, -lr * db), ["only the change"]),
    (lambda W, b, dW, db, lr: (W - lr * dW, b - db), ["learning rate is missing for b"]),
    (lambda W, b, dW, db, lr: (W - lr * dW, b), ["b did not move"]),
    (lambda W, b, dW, db, lr: (W - lr * dW, b - lr * dW.sum(axis=0)), ["its own gradient db"]),
    (lambda W, b, dW, db, lr: (W - lr * dW, (b - lr * db).reshape(1, -1)), ["shape"]),
    (lambda W, b, dW, db, lr: ((W - lr * dW).T, b - lr * db), ["shape"]),
    (lambda W, b, dW, db, lr: (W - lr * dW + np.nan, b - lr * db), ["NaN"]),
    (lambda W, b, dW, db, lr: W - lr * dW, ["return 2 things"]),
])
def test_01_step_battery(answer, phrases):
    verdict(ex01.check_gradient_step(answer), False, *phrases)


@pytest.mark.parametrize("answer", [
    lambda W, b, dW, db, lr: (W - lr * dW, b - lr * db),
    lambda W, b, dW, db, lr: [(W - lr * dW).tolist(), list(b - lr * db)],   # lists
    lambda W, b, dW, db, lr: (np.subtract(W, np.multiply(lr, dW)), b + (-lr) * db),
])
def test_01_step_right_answers_pass(answer):
    verdict(ex01.check_gradient_step(answer), True, "any learning rate")


def test_01_step_updating_in_place_is_right_too():
    def in_place(W, b, dW, db, lr):
        W -= lr * dW
        b -= lr * db
        return W, b
    verdict(ex01.check_gradient_step(in_place), True)


@pytest.mark.parametrize("answer, phrases", [
    (lambda X, W, b: W @ X + b, ["X @ W, not W @ X"]),
    (lambda X, W, b: X @ W + b + np.nan, ["NaN", "0/0"]),
    (lambda X, W, b: (X @ W + b).tolist() and None, ["placeholder"]),
])
def test_01_predict_more_mistakes(answer, phrases):
    verdict(ex01.check_predict(answer), False, *phrases)


def test_01_predict_accepts_lists():
    verdict(ex01.check_predict(lambda X, W, b: (X @ W + b).tolist()), True)


@pytest.mark.parametrize("answer, phrases", [
    (lambda X, W, b: (W.T @ X.T).T, ["bias is missing"]),
    (lambda X, W, b: X * W[0] + b, ["raised", "broadcast"]),
    (lambda X, W, b: (X @ W + b).T, ["shape", "transpose"]),
    (lambda X, W, b: (X @ W + b)[0], ["shape"]),
    (lambda X, W, b: np.dot(X, W) + b.sum(), ["different values"]),
])
def test_01_predict_battery(answer, phrases):
    verdict(ex01.check_predict(answer), False, *phrases)


@pytest.mark.parametrize("answer", [
    lambda X, W, b: X @ W + b,
    lambda X, W, b: np.dot(X, W) + b.reshape(1, -1),
    lambda X, W, b: np.einsum("mn,nk->mk", X, W) + b,
    lambda X, W, b: (W.T @ X.T).T + b,
])
def test_01_predict_right_answers_pass(answer):
    verdict(ex01.check_predict(answer), True)


@pytest.mark.parametrize("answer", [
    lambda X, W, b, T: (X.T @ (X @ W + b - T) / len(X), (X @ W + b - T).mean(axis=0)),
    lambda X, W, b, T: (np.einsum("mn,mk->nk", X, X @ W + b - T) / len(X),
                        (X @ W + b - T).sum(axis=0) / len(X)),
    lambda X, W, b, T: [(X.T @ (X @ W + b - T) / len(X)).tolist(),
                        list((X @ W + b - T).mean(axis=0))],
])
def test_01_gradients_right_answers_pass(answer):
    verdict(ex01.check_gradients(answer), True)
