"""Checkers of notebooks 04 and 05: the worked solutions pass, and each typical mistake gets its hint."""


import numpy as np
import pytest

from nnla_helpers.activations import relu, sigmoid_grad, softmax
from nnla_helpers.exercises import backprop as ex04
from nnla_helpers.exercises import dropout as ex05

from exercise_helpers import solutions, verdict


# ---- notebook 04: numerical gradient ---------------------------------------------------------------
def test_04_solutions_pass():
    sol = solutions("04_backpropagation")
    verdict(ex04.check_numerical_gradient(sol.numerical_gradient), True, "relative error")
    verdict(ex04.check_backward(sol.backward), True, "dW2 ✔", "db1 ✔")


def _numgrad(kind):
    def numerical_gradient(f, x, eps=1e-6):
        grad = np.zeros_like(x, dtype=float)
        for i in np.ndindex(x.shape):
            original = x[i]
            x[i] = original + eps
            f_plus = f()
            x[i] = original - eps
            f_minus = f()
            if kind != "no restore":
                x[i] = original
            if kind == "one-sided":
                x[i] = original
                grad[i] = (f_plus - f()) / eps
            elif kind == "eps":
                grad[i] = (f_plus - f_minus) / eps
            else:
                grad[i] = (f_plus - f_minus) / (2 * eps)
        if kind == "all at once":
            x += eps
            f_plus = f()
            x -= 2 * eps
            f_minus = f()
            x += eps
            grad[...] = (f_plus - f_minus) / (2 * eps)
        if kind == "scalar":
            return grad.sum()
        return grad
    return numerical_gradient


@pytest.mark.parametrize("kind, phrases", [
    ("eps", ["twice too big", "2·eps"]),
    ("one-sided", ["one-sided", "eps²"]),
    ("no restore", ["x was changed", "Put every entry back"]),
    ("all at once", ["nudged all of x at once"]),
    ("scalar", ["shape ()", "x's shape"]),
])
def test_04_numerical_gradient_mistakes(kind, phrases):
    verdict(ex04.check_numerical_gradient(_numgrad(kind)), False, *phrases)


def test_04_numerical_gradient_placeholder():
    verdict(ex04.check_numerical_gradient(lambda f, x, eps=1e-6: None), False, "placeholder")


# ---- notebook 04: backward -------------------------------------------------------------------------
def _backward(mistake=None):
    """The solution with one typical mistake switched on."""
    def backward(X, Y, W1, b1, W2, b2):
        m = X.shape[0]
        Z1 = X @ W1 + b1
        A1 = relu(Z1)
        Z2 = A1 @ W2 + b2
        dZ2 = (Z2 if mistake == "no softmax" else softmax(Z2)) - Y
        scale = 1 if mistake == "no 1/m" else m
        dW2 = (dZ2.T @ A1 if mistake == "dW2 transposed" else A1.T @ dZ2) / scale
        db2 = dZ2.sum(axis=0) / scale
        dA1 = dZ2 @ (W2 if mistake == "missing transpose" else W2.T)
        slope = {"no mask": 1.0, "relu itself": A1, "sigmoid'": sigmoid_grad(Z1),
                 "inverted mask": (Z1 < 0)}.get(mistake, (Z1 > 0))
        dZ1 = dA1 * slope
        dW1 = X.T @ dZ1 / scale
        db1 = dZ1.sum(axis=0) / scale
        if mistake == "dW1 transposed":
            dW1 = dW1.T
        if mistake == "db over samples":
            db1 = dZ1.mean(axis=1)
        if mistake == "dict":
            return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        if mistake == "three":
            return dW1, db1, dW2
        return dW1, db1, dW2, db2
    return backward


@pytest.mark.parametrize("mistake, phrases", [
    ("missing transpose", ["dW1 is wrong", "transpose is missing", "dW2 ✔", "db2 ✔", "dW1 ✘"]),
    ("no 1/m", ["dW2 is wrong", "factor of m = 6"]),
    ("relu itself", ["dW1 is wrong", "ReLU(Z1) itself", "(Z1 > 0)"]),
    ("sigmoid'", ["dW1 is wrong", "sigmoid's derivative"]),
    ("inverted mask", ["wrong way round"]),
    ("no mask", ["dW1 is wrong", "ReLU mask is missing"]),
    ("dW2 transposed", ["dW2 is wrong", "transpose of the right answer"]),
    ("no softmax", ["dW2 is wrong", "softmax probabilities"]),
    ("dW1 transposed", ["dW1 has shape (4, 3)", "W1 has shape (3, 4)", "swapped"]),
    ("db over samples", ["db1 has shape (6,)", "axis=0"]),
    ("three", ["return four things"]),
])
def test_04_backward_mistakes(mistake, phrases):
    verdict(ex04.check_backward(_backward(mistake)), False, *phrases)


def test_04_backward_accepts_a_dict():
    verdict(ex04.check_backward(_backward("dict")), True)


def test_04_backward_placeholders():
    verdict(ex04.check_backward(lambda *a: None), False, "placeholder")
    verdict(ex04.check_backward(lambda *a: (None, None, None, None)), False, "dW2 is None")


# ---- notebook 05: dropout --------------------------------------------------------------------------
def _forward(mistake=None):
    def dropout_forward(A, keep_prob, rng):
        if mistake == "np.random":
            D = (np.random.random(A.shape) < keep_prob).astype(float)
        elif mistake == "drop with p":
            D = (rng.random(A.shape) < 1 - keep_prob).astype(float)
        elif mistake == "one row":
            D = np.tile(rng.random(A.shape[1]) < keep_prob, (A.shape[0], 1)).astype(float)
        elif mistake == "<=":
            D = (rng.random(A.shape) <= keep_prob).astype(float)
        else:
            D = (rng.random(A.shape) < keep_prob).astype(float)
        if mistake == "no scale":
            return A * D, D
        if mistake == "times p":
            return A * D * keep_prob, D
        if mistake == "times 2":
            return A * D * 2, D
        if mistake == "scaled mask":
            return A * D / keep_prob, D / keep_prob
        return A * D / keep_prob, D
    return dropout_forward


def _backward_dropout(mistake=None):
    def dropout_backward(dA_out, D, keep_prob):
        if mistake == "no scale":
            return dA_out * D
        if mistake == "times p":
            return dA_out * D * keep_prob
        if mistake == "fresh mask":
            D_new = (np.random.default_rng(99).random(D.shape) < keep_prob)
            return dA_out * D_new / keep_prob
        if mistake == "no mask":
            return dA_out / keep_prob
        return dA_out * D / keep_prob
    return dropout_backward


def test_05_solutions_pass():
    sol = solutions("05_dropout")
    verdict(ex05.check_dropout(sol.dropout_forward, sol.dropout_backward), True, "1/p", "mean")
    verdict(ex05.check_early_stopping(sol.early_stopping), True)


@pytest.mark.parametrize("mistake, phrases", [
    ("no scale", ["divided by keep_prob"]),
    ("times p", ["multiply by 1/p, not by p"]),
    ("times 2", ["×2 is right only for keep_prob = 0.5"]),
    ("drop with p", ["keeps 19.9 %", "instead of 1 − keep_prob"]),
    ("np.random", ["from the `rng`"]),
    ("one row", ["same mask"]),
    ("scaled mask", ["only 0s and 1s", "1/p belongs in"]),
])
def test_05_forward_mistakes(mistake, phrases):
    sol = solutions("05_dropout")
    verdict(ex05.check_dropout(_forward(mistake), sol.dropout_backward), False, *phrases)


@pytest.mark.parametrize("mistake, phrases", [
    ("no scale", ["same scale as the forward", "×2"]),
    ("times p", ["divide by keep_prob"]),
    ("fresh mask", ["different mask", "Reuse D"]),
    ("no mask", ["mask is missing"]),
])
def test_05_backward_mistakes(mistake, phrases):
    sol = solutions("05_dropout")
    verdict(ex05.check_dropout(sol.dropout_forward, _backward_dropout(mistake)), False, *phrases)


def test_05_keep_prob_one_changes_nothing():
    def forward(A, keep_prob, rng):          # always drops something, even at keep_prob = 1
        D = (rng.random(A.shape) < min(keep_prob, 0.8)).astype(float)
        return A * D / keep_prob, D
    sol = solutions("05_dropout")
    verdict(ex05.check_dropout(forward, sol.dropout_backward), False, "keep_prob = 1")


def test_05_placeholders():
    sol = solutions("05_dropout")
    verdict(ex05.check_dropout(lambda A, p, rng: None, sol.dropout_backward), False, "placeholder")
    verdict(ex05.check_dropout(lambda A, p, rng: (None, None), sol.dropout_backward), False,
            "A_out is None")
    verdict(ex05.check_dropout(sol.dropout_forward, lambda dA, D, p: None), False, "dA is None")


@pytest.mark.parametrize("answer, phrases", [
    (lambda losses, patience: None, ["placeholder"]),
    (lambda losses, patience: (None, None), ["placeholder"]),
    (lambda losses, patience: tuple(v - 1 for v in ex05.reference_early_stopping(losses, patience)),
     ["counted from 1"]),
    (lambda losses, patience: (ex05.reference_early_stopping(losses, patience)[0],
                               int(np.argmin(losses[:ex05.reference_early_stopping(losses, patience)[0]]))),
     ["np.argmin"]),
    (lambda losses, patience: (ex05.reference_early_stopping(losses, patience)[0],
                               int(np.argmin(losses)) + 1), ["cannot look into the future"]),
    (lambda losses, patience: (ex05.reference_early_stopping(losses, patience)[0] + 1,
                               ex05.reference_early_stopping(losses, patience)[1]),
     ["stop_epoch should be"]),
])
def test_05_early_stopping_mistakes(answer, phrases):
    verdict(ex05.check_early_stopping(answer), False, *phrases)


def test_checkers_never_raise_on_garbage():
    sol = solutions("05_dropout")
    garbage = (lambda *a: "text", lambda *a: 1 / 0, lambda *a: np.zeros((99, 99)), lambda *a: (1, 2))
    for bad in garbage:
        assert ex04.check_numerical_gradient(bad).correct is False
        assert ex04.check_backward(bad).correct is False
        assert ex05.check_dropout(bad, sol.dropout_backward).correct is False
        assert ex05.check_dropout(sol.dropout_forward, bad).correct is False
        assert ex05.check_early_stopping(bad).correct is False
