"""Every exercise checker, fed garbage: it answers with a Feedback that says "not yet", and
never raises — whatever the learner's function returns or does."""

import numpy as np
import pytest

from nnla_helpers.exercises import Feedback
from nnla_helpers.exercises import activations as ex03
from nnla_helpers.exercises import backprop as ex04
from nnla_helpers.exercises import collapse as ex02
from nnla_helpers.exercises import dropout as ex05
from nnla_helpers.exercises import linear_regression as ex01
from nnla_helpers.exercises import mnist as ex06

from exercise_helpers import solutions

SOL05 = solutions("05_dropout")
CHECKERS = {
    "01 predict": ex01.check_predict, "01 gradients": ex01.check_gradients,
    "01 step": ex01.check_gradient_step, "02 collapse": ex02.check_collapse,
    "02 homogeneous": ex02.check_homogeneous, "03 relu'": ex03.check_relu_grad,
    "03 sigmoid'": ex03.check_sigmoid_grad, "03 softmax": ex03.check_softmax,
    "04 numerical gradient": ex04.check_numerical_gradient, "04 backward": ex04.check_backward,
    "05 dropout forward": lambda f: ex05.check_dropout(f, SOL05.dropout_backward),
    "05 dropout backward": lambda f: ex05.check_dropout(SOL05.dropout_forward, f),
    "05 early stopping": ex05.check_early_stopping, "06 one-hot": ex06.check_one_hot,
    "06 accuracy": ex06.check_accuracy, "06 to row layout": ex06.check_to_row_layout,
}


class Weird:
    def __array__(self, *args, **kwargs):
        raise TypeError("I am not an array")


def _raise(kind):
    def f(*args):
        raise kind("the learner's own error")
    return f


GARBAGE = {
    "text": lambda *a: "text", "None": lambda *a: None, "a dict": lambda *a: {"W": 1},
    "an int": lambda *a: 3, "nan": lambda *a: np.nan, "inf array": lambda *a: np.full((3, 3), np.inf),
    "a huge array": lambda *a: np.zeros((50, 50, 2)), "an empty array": lambda *a: np.array([]),
    "ragged lists": lambda *a: [[1, 2], [3]], "strings in a list": lambda *a: ["a", "b"],
    "complex": lambda *a: np.ones((2, 2)) * 1j, "an object": lambda *a: Weird(),
    "a tuple of garbage": lambda *a: ("x", None, Weird()), "a generator": lambda *a: (i for i in a),
    "ValueError": _raise(ValueError), "ZeroDivisionError": lambda *a: 1 / 0,
    "KeyError": _raise(KeyError), "NotImplementedError": _raise(NotImplementedError),
    "mutates its inputs": lambda *a: [np.asarray(x).fill(np.nan) for x in a
                                     if isinstance(x, np.ndarray)] and None,
}


@pytest.mark.parametrize("garbage", list(GARBAGE), ids=list(GARBAGE))
@pytest.mark.parametrize("checker", list(CHECKERS), ids=list(CHECKERS))
def test_no_checker_raises_and_none_accepts_garbage(checker, garbage):
    with np.errstate(all="ignore"):
        feedback = CHECKERS[checker](GARBAGE[garbage])
    assert isinstance(feedback, Feedback)
    assert feedback.correct is False, feedback.message
    assert feedback.message and "Traceback" not in feedback.message


def test_a_learners_exception_is_reported_with_its_line():
    feedback = ex01.check_predict(_raise(ValueError))
    assert "ValueError: the learner's own error" in feedback.message and "line" in feedback.message


# ---- answers a review found passing (wrong) or failing (right); each must now be judged right --


def _softmax_shifted_by(shift):
    def softmax(Z):
        E = np.exp(Z - shift(Z))
        return E / E.sum(axis=1, keepdims=True)
    return softmax


def _loops_over_rows_and_columns(f, x, eps=1e-6):
    grad = np.zeros_like(x, dtype=float)
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            keep = x[i, j]
            x[i, j] = keep + eps
            f_plus = f()
            x[i, j] = keep - eps
            f_minus = f()
            x[i, j] = keep
            grad[i, j] = (f_plus - f_minus) / (2 * eps)
    return grad


def _homogeneous_for_3_by_2(W, b):
    M = np.zeros((4, 3))
    M[:3, :2], M[3, :2], M[3, 2] = W, b, 1
    return M


def _drops_whole_samples(A, keep_prob, rng):
    D = (rng.random((A.shape[0], 1)) < keep_prob) * np.ones(A.shape)
    return A * D / keep_prob, D


def _at_least_half_a_percent(val_loss, patience):
    best, best_epoch, since = np.inf, None, 0
    for epoch, loss in enumerate(val_loss, start=1):
        if loss < best - 0.005:
            best, best_epoch, since = loss, epoch, 0
        else:
            since += 1
            if since >= patience:
                return epoch, best_epoch
    return len(val_loss), best_epoch


def _ties_as_an_array(val_loss, patience):
    v = np.asarray(val_loss)
    stop = ex05.reference_early_stopping(val_loss, patience)[0]
    return stop, np.flatnonzero(v[:stop] == v[:stop].min()) + 1


@pytest.mark.parametrize("checker, answer, phrase", [
    (ex03.check_sigmoid_grad, lambda Z, c=1.0, beta=1.0: (lambda s: 6 * s * (1 - s))(1 / (1 + np.exp(-3 * Z))),
     "c = 2, β = 3 whatever"),
    (ex03.check_softmax, _softmax_shifted_by(lambda Z: Z[:, :1]), "MAXIMUM"),
    (ex03.check_softmax, _softmax_shifted_by(lambda Z: np.abs(Z).max(axis=1, keepdims=True)), "MAXIMUM"),
    (lambda f: ex05.check_dropout(f, SOL05.dropout_backward), _drops_whole_samples, "whole sample"),
    (ex04.check_numerical_gradient, _loops_over_rows_and_columns, "np.ndindex"),
    (ex06.check_one_hot, lambda labels, n_classes=10: np.eye(10)[labels.astype(int)], "n_classes = 5"),
    (ex02.check_homogeneous, _homogeneous_for_3_by_2, "W (2, 4)"),
    (ex05.check_early_stopping, _at_least_half_a_percent, "expected"),
    (ex05.check_early_stopping, _ties_as_an_array, "whole numbers"),
    (ex01.check_predict, lambda X, W, b: 10 ** 400, "array of numbers"),
])
def test_answers_that_used_to_slip_through_are_caught(checker, answer, phrase):
    feedback = checker(answer)
    assert feedback.correct is False and phrase in feedback.message, feedback.message


def _sigmoid_grad_float32(Z, c=1.0, beta=1.0):
    s = 1 / (1 + np.exp(-np.float32(beta) * Z.astype(np.float32)))
    return np.float32(c * beta) * s * (1 - s)


def _dropout_float32(A, keep_prob, rng):
    D = (rng.random(A.shape, dtype=np.float32) < keep_prob).astype(np.float32)
    return A.astype(np.float32) * D / np.float32(keep_prob), D


@pytest.mark.parametrize("checker, answer", [
    (ex03.check_sigmoid_grad, _sigmoid_grad_float32),
    (lambda f: ex05.check_dropout(f, SOL05.dropout_backward), _dropout_float32),
    (lambda f: ex05.check_dropout(SOL05.dropout_forward, f),
     lambda dA, D, p: dA.astype(np.float32) * D.astype(np.float32) / np.float32(p)),
    (ex03.check_relu_grad, lambda Z: np.heaviside(Z, 0.5)),
    (ex05.check_early_stopping, lambda v, p: np.array(ex05.reference_early_stopping(v, p))),
])
def test_right_answers_that_used_to_fail_pass(checker, answer):
    feedback = checker(answer)
    assert feedback.correct, feedback.message


def test_results_returned_in_the_wrong_order_are_named():
    feedback = ex01.check_gradient_step(lambda W, b, dW, db, lr: (b - lr * db, W - lr * dW))
    assert not feedback.correct and "swapped" in feedback.message, feedback.message
    feedback = ex06.check_to_row_layout(lambda W1, b1, W2, b2: (W1.T, W2.T, b1.ravel(), b2.ravel()))
    assert not feedback.correct and "in the order" in feedback.message, feedback.message
