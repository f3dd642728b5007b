"""Checkers of notebook 04 (nnla_helpers.exercises.backprop): the worked solutions pass, and each typical mistake gets its hint."""


import numpy as np
import pytest

from nnla_helpers.activations import relu, sigmoid_grad, softmax
from nnla_helpers.exercises import backprop as ex04

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



def test_checkers_never_raise_on_garbage():
    garbage = (lambda *a: "text", lambda *a: 1 / 0, lambda *a: np.zeros((99, 99)), lambda *a: (1, 2))
    for bad in garbage:
        assert ex04.check_numerical_gradient(bad).correct is False
        assert ex04.check_backward(bad).correct is False


@pytest.mark.parametrize("order", [(2, 3, 0, 1), (0, 2, 1, 3), (1, 0, 3, 2)])
def test_04_backward_right_gradients_in_the_wrong_order_are_named(order):
    sol = solutions("04_backpropagation")
    answer = lambda *a: tuple(sol.backward(*a)[i] for i in order)        # noqa: E731
    verdict(ex04.check_backward(answer), False, "in the order")


def _numgrad_step(step=None, kind="central"):
    """A learner's numerical gradient with one slip: a step of its own, the backward
    difference, the derivative times x, or the differences never stored."""
    def numerical_gradient(f, x, eps=1e-6):
        h = eps if step is None else step
        grad = np.zeros_like(x, dtype=float)
        for i in np.ndindex(x.shape):
            original = x[i]
            f_here = f()
            x[i] = original + h
            f_plus = f()
            x[i] = original - h
            f_minus = f()
            x[i] = original
            value = {"central": (f_plus - f_minus) / (2 * h), "backward": (f_here - f_minus) / h,
                     "times x": (f_plus - f_minus) / (2 * h) * original,
                     "swapped": (f_minus - f_plus) / (2 * h)}[kind]
            if kind != "not stored":
                grad[i] = value
        return grad
    return numerical_gradient


@pytest.mark.parametrize("answer, phrases", [
    (_numgrad_step(1e-2), ["step of 0.01 of your own"]),
    (_numgrad_step(1e-3), ["does not use the eps"]),
    (_numgrad_step(kind="backward"), ["f(x) − f(x − eps)"]),
    (_numgrad_step(kind="swapped"), ["sign is flipped"]),
    (_numgrad_step(kind="times x"), ["relative error"]),
    (lambda f, x, eps=1e-6: np.zeros_like(x), ["never calls f()"]),
    (lambda f, x, eps=1e-6: None, ["None"]),
    (lambda f, x, eps=1e-6: "grad", ["array of numbers"]),
    (lambda f, x, eps=1e-6: np.zeros_like(x).ravel() + 1, ["x's shape"]),
    (lambda f, x, eps=1e-6: 1 / 0, ["ZeroDivisionError"]),
])
def test_04_numerical_gradient_battery(answer, phrases):
    verdict(ex04.check_numerical_gradient(answer), False, *phrases)


@pytest.mark.parametrize("answer", [
    _numgrad_step(),
    lambda f, x, eps=1e-6: _numgrad_step()(f, x, eps).tolist(),      # a list is fine
])
def test_04_numerical_gradient_right_answers_pass(answer):
    verdict(ex04.check_numerical_gradient(answer), True, "eps²")


# ---- a second review's answers -------------------------------------------------------------
def _bwd_slip(divide=lambda X, Y: X.shape[0], extra=None, overwrite=False):
    def backward(X, Y, W1, b1, W2, b2):
        Z1 = X @ W1 + b1
        A1 = relu(Z1)
        A2 = softmax(A1 @ W2 + b2)
        dZ2 = (A2 - Y) / divide(X, Y)
        if extra == "sigmoid'":
            dZ2 *= A2 * (1 - A2)
        if overwrite:
            mask = A1
            mask[mask > 0] = 1                  # A1 is overwritten too
        dW2, db2 = A1.T @ dZ2, dZ2.sum(axis=0)
        dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
        return X.T @ dZ1, dZ1.sum(axis=0), dW2, db2
    return backward


@pytest.mark.parametrize("answer, phrases", [
    (_bwd_slip(lambda X, Y: 6), ["right for the first network", "m = 5 samples", "never a number"]),
    (_bwd_slip(lambda X, Y: Y.shape[1]), ["k = Y.shape[1] = 4", "m = X.shape[0] = 6"]),
    (_bwd_slip(lambda X, Y: X.shape[1]), ["n = X.shape[1] = 3"]),
    (_bwd_slip(extra="sigmoid'"), ["already gives dZ2 = (A2 − Y) / m", "twice"]),
    (_bwd_slip(overwrite=True), ["A1 was overwritten", "same array"]),
    (lambda *a: tuple(g * np.nan for g in _bwd_slip()(*a)), ["NaN"]),
    (lambda *a: (lambda g: (g[0], g[1], g[2], g[3][None, :]))(_bwd_slip()(*a)), ["drop keepdims"]),
])
def test_04_backward_second_review(answer, phrases):
    verdict(ex04.check_backward(answer), False, *phrases)


def test_04_backward_right_answer_passes_both_networks():
    verdict(ex04.check_backward(_bwd_slip()), True, "agree with finite differences")


def _numgrad_slip(kind):
    def numerical_gradient(f, x, eps=1e-6):
        grad = np.zeros_like(x, dtype=int if kind == "int" else float)
        if kind == "rows":
            for i in range(len(x)):
                keep = x[i].copy()
                x[i] = keep + eps
                fp = f()
                x[i] = keep - eps
                fm = f()
                x[i] = keep
                grad[i] = (fp - fm) / (2 * eps)
            return grad
        for i in np.ndindex(x.shape):
            keep = x[i]
            if kind == "copy":
                xp = x.copy()
                xp[i] += eps
                fp = fm = f()
            elif kind == "minus from plus":
                x[i] += eps
                fp = f()
                x[i] -= eps
                fm = f()
            else:
                x[i] = keep + eps
                fp = f()
                x[i] = keep - eps
                fm = f()
            x[i] = keep
            value = (fp - fm) / 2 * eps if kind == "precedence" else (fp - fm) / (2 * eps)
            if kind != "after the loop":
                grad[i] = value
        if kind == "after the loop":
            grad[i] = value
        return grad
    return numerical_gradient


@pytest.mark.parametrize("kind, phrases", [
    ("copy", ["always with x exactly as it was", "nudging a copy"]),
    ("precedence", ["operator precedence", "/ (2 * eps)"]),
    ("minus from plus", ["second evaluation is at x"]),
    ("rows", ["each ROW got one number", "np.ndindex"]),
    ("after the loop", ["only the last entry"]),
    ("int", ["holds integers"]),
])
def test_04_numerical_gradient_second_review(kind, phrases):
    verdict(ex04.check_numerical_gradient(_numgrad_slip(kind)), False, *phrases)


def test_04_numerical_gradient_f_takes_no_arguments():
    def numerical_gradient(f, x, eps=1e-6):
        return np.array([(f(x + eps) - f(x - eps)) / (2 * eps)])
    verdict(ex04.check_numerical_gradient(numerical_gradient), False, "f takes no arguments")
