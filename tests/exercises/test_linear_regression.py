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
    (lambda X, W, b: (X @ W + b).T, ["transposed", "shape (3, 7)", "should have shape (7, 3)"]),
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
     ["twice the right size", "½"]),
    (lambda X, W, b, T: (X.T @ _E(X, W, b, T), _E(X, W, b, T).mean(0)), ["1/m is missing", "m = 7 samples"]),
    (lambda X, W, b, T: (X.T @ -_E(X, W, b, T) / len(X), _E(X, W, b, T).mean(0)), ["sign is flipped"]),
    (lambda X, W, b, T: (_E(X, W, b, T).T @ X / len(X), _E(X, W, b, T).mean(0)),
     ["transposed", "W's shape (n, k)", "W is (4, 3)"]),
    (lambda X, W, b, T: ((X.T @ _E(X, W, b, T) / len(X))[:, 0], _E(X, W, b, T).mean(0)),
     ["dW has shape (4,) but should have shape (4, 3)"]),
    (lambda X, W, b, T: (X.T @ _E(X, W, b, T) / len(X), _E(X, W, b, T).sum(0)),
     ["db: the 1/m is missing"]),
    (lambda X, W, b, T: (X.T @ _E(X, W, b, T) / len(X), _E(X, W, b, T).mean()),
     ["db: sum over the samples only (axis=0)"]),
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
    (lambda X, W, b: np.dot(X, W) + b.sum(), ["not the sum of its entries"]),
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


# ---- a second review's answers: each mistake named, constants written in caught -------------
@pytest.mark.parametrize("answer, phrases", [
    (lambda X, W, b: X @ W + np.tile(b, (7, 1)), ["m = 5 samples", "never write a number"]),
    (lambda X, W, b: X * W + b, ["raised ValueError", "entry by entry"]),
    (lambda X, W, b: W.T @ X.T + b, ["raised ValueError"]),
    (lambda X, W, b: X @ W + b.reshape(-1, 1), ["broadcast", "keeping its shape"]),
    (lambda X, W, b: X @ (W + b), ["b is added after the product"]),
    (lambda X, W, b: X @ W + b[0], ["its own bias", "not one entry"]),
    (lambda X, W, b: (X @ W + b).astype(int), ["whole numbers", "int()"]),
])
def test_01_predict_second_review(answer, phrases):
    verdict(ex01.check_predict(answer), False, *phrases)


def _g(scale=1, db=None, E=None):
    def gradients(X, W, b, T):
        err = (X @ W + b - T) if E is None else E(X, W, b, T)
        m = X.shape[0]
        return X.T @ err * scale(X, T) if callable(scale) else X.T @ err / m, (
            err.sum(axis=0) / m if db is None else db(err, X, T))
    return gradients


@pytest.mark.parametrize("answer, phrases", [
    (_g(lambda X, T: 1 / 6), ["you divided by 6", "m = 7"]),
    (_g(lambda X, T: 1 / (2 * len(X))), ["half the right size", "cancels the ½"]),
    (_g(lambda X, T: 1 / T.size), ["T.size = m·k = 21"]),
    (_g(lambda X, T: 1 / T.shape[1]), ["k = T.shape[1] = 3"]),
    (_g(lambda X, T: 1 / X.shape[1]), ["n = X.shape[1] = 4", "m = X.shape[0] = 7"]),
    (_g(lambda X, T: 1 / len(X) ** 2), ["divided by m twice"]),
    (_g(E=lambda X, W, b, T: X @ W - T), ["bias is missing from the prediction"]),
    (lambda X, W, b, T: (X.T @ (X @ W + b - T) // len(X), (X @ W + b - T).sum(0) // len(X)),
     ["whole numbers", "`//`"]),
    (_g(db=lambda E, X, T: E.sum(axis=1) / len(X)), ["db: sum over the samples only (axis=0)"]),
    (_g(db=lambda E, X, T: E.sum()), ["db: sum over the samples only"]),
    (_g(db=lambda E, X, T: (X.T @ E / len(X)).sum(axis=0)), ["db comes from the errors"]),
    (lambda X, W, b, T: _g()(X, W, b, T)[::-1], ["swapped", "return dW, db"]),
])
def test_01_gradients_second_review(answer, phrases):
    verdict(ex01.check_gradients(answer), False, *phrases)


@pytest.mark.parametrize("answer, phrases", [
    (lambda W, b, dW, db, lr: (W - 0.05 * dW, b - 0.05 * db), ["lr = 0.05 is written into"]),
    (lambda W, b, dW, db, lr: (W - lr * dW, b - lr * dW), ["b takes its own gradient db"]),
    (lambda W, b, dW, db, lr: (W, b), ["W did not move"]),
    (lambda W, b, dW, db, lr: (W - lr * dW, b - lr * db.sum()), ["db.sum() adds its entries"]),
])
def test_01_step_second_review(answer, phrases):
    verdict(ex01.check_gradient_step(answer), False, *phrases)
