"""Every exercise checker, fed garbage: it answers with a Feedback that says "not yet", and
never raises — whatever the learner's function returns or does."""

import re

import numpy as np
import pytest

from nnla_helpers.exercises import Feedback
from nnla_helpers.exercises import activations as ex03
from nnla_helpers.exercises import backprop as ex04
from nnla_helpers.exercises import capstone as ex07
from nnla_helpers.exercises import collapse as ex02
from nnla_helpers.exercises import dropout as ex05
from nnla_helpers.exercises import linear_regression as ex01
from nnla_helpers.exercises import mnist as ex06

from exercise_helpers import solutions

SOL05 = solutions("05_dropout")
SOL07 = solutions("07_your_own_network")
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
    "07 model forward": lambda f: ex07.check_backprop(f, SOL07.model_backward),
    "07 model backward": lambda f: ex07.check_backprop(SOL07.model_forward, f),
    "07 sgd epoch": ex07.check_sgd_epoch, "07 choose by validation": ex07.check_choose_by_validation,
    "07 momentum step": ex07.check_momentum_step, "07 adam step": ex07.check_adam_step,
    "07 weight decay": ex07.check_weight_decay, "07 he init": ex07.check_he_init,
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


# ---- garbage made from the right answer: right-looking arrays in the wrong containers ---------

SOL = {name: solutions(name) for name in ("01_linear_regression", "02_hidden_layer_collapse",
                                          "03_activations", "04_backpropagation", "06_mnist")}
RIGHT = {
    "01 predict": SOL["01_linear_regression"].predict,
    "01 gradients": SOL["01_linear_regression"].gradients,
    "01 step": SOL["01_linear_regression"].step,
    "02 collapse": SOL["02_hidden_layer_collapse"].collapse,
    "02 homogeneous": SOL["02_hidden_layer_collapse"].to_homogeneous,
    "03 relu'": SOL["03_activations"].relu_grad, "03 sigmoid'": SOL["03_activations"].sigmoid_grad,
    "03 softmax": SOL["03_activations"].softmax,
    "04 numerical gradient": SOL["04_backpropagation"].numerical_gradient,
    "04 backward": SOL["04_backpropagation"].backward,
    "05 dropout forward": SOL05.dropout_forward, "05 dropout backward": SOL05.dropout_backward,
    "05 early stopping": SOL05.early_stopping, "06 one-hot": SOL["06_mnist"].one_hot,
    "06 accuracy": SOL["06_mnist"].accuracy, "06 to row layout": SOL["06_mnist"].to_row_layout,
    "07 model forward": SOL07.model_forward, "07 model backward": SOL07.model_backward,
    "07 sgd epoch": SOL07.sgd_epoch, "07 choose by validation": SOL07.choose_by_validation,
    "07 momentum step": SOL07.momentum_step, "07 adam step": SOL07.adam_step,
    "07 weight decay": SOL07.l2_gradient, "07 he init": SOL07.he_init,
}


class Frame:
    """Like a pandas DataFrame: not an ndarray, but np.asarray works on it."""

    def __init__(self, values):
        self.values = np.asarray(values)
        self.shape = self.values.shape

    def __array__(self, dtype=None, copy=None):
        return np.asarray(self.values, dtype=dtype)


def _results(r):
    """The right answer's results as a list (one array, or the entries of its tuple)."""
    return list(r) if isinstance(r, tuple) else [r]


def _each(r, f):
    """f applied to each result of the right answer r, keeping r's form (one or a tuple); a
    result that is a list of arrays (one per layer, notebook 07) gets f on each of its arrays,
    and one that is not numbers at all (the caches of a forward pass) stays as it is."""
    if not isinstance(r, tuple):
        return f(np.asarray(r))
    return tuple(_each_result(x, f) for x in r)


def _each_result(x, f):
    if isinstance(x, list) and x and all(isinstance(a, np.ndarray) for a in x):
        return [f(a) for a in x]
    if isinstance(x, list):
        return x
    return f(np.asarray(x))


def _other_shape(a):
    """The same numbers in another shape: transposed, or as a column, or as a row."""
    if a.size > 1 and a.shape[::-1] != a.shape:
        return a.reshape(a.shape[::-1])
    return a.reshape(-1, 1) if a.ndim != 2 or a.shape[1] != 1 else a.reshape(1, -1)


def _from_right(transform):
    """A garbage answer: the right answer's results, passed through ``transform(r)``."""
    return lambda right: lambda *args: transform(right(*args))


def _sets_numpy_errors(r):
    np.seterr(all="raise")
    return _each(r, lambda x: np.full(x.shape, 0.37))


def _prints(r):
    print("the answer is", r)


def _recursion(right):
    def answer(*args):
        return answer(*args)
    return answer


def _exits(right):
    def answer(*args):
        raise SystemExit(1)
    return answer


# what each kind of garbage is, and the words the Feedback must name it by
RETURN_COUNT = r"return (\d|two|four) things"
WRONG_VALUES = (r"different values|relative error|is off|0s and 1s|dA should be|whole numbers|"
                r"you answered|you returned 0\.37|you returned 7|only epochs|identity")
DERIVED = {
    "(answer, n)": (_from_right(lambda r: (r, 10)), rf"tuple|{RETURN_COUNT}|whole numbers"),
    "a 1-tuple": (_from_right(lambda r: (r,)), rf"tuple|{RETURN_COUNT}"),
    "results swapped": (_from_right(lambda r: tuple(r[::-1]) if isinstance(r, tuple) else (r, r)),
                        r"swapped|tuple|in the order|returned them as"),
    "an extra element": (_from_right(lambda r: tuple(_results(r)) + (_results(r)[0],)),
                         rf"tuple|{RETURN_COUNT}"),
    "a list of arrays": (_from_right(lambda r: [_results(r)[0]] * 3),
                         rf"stacked|list of 3|{RETURN_COUNT}|3 values|shape \(3,"),
    "a tuple with a ragged entry": (_from_right(lambda r: ([[1, 2], [3]],) + tuple(_results(r)[1:])),
                                    rf"array of numbers|tuple|{RETURN_COUNT}|whole numbers"),
    "a nested list": (_from_right(lambda r: [[1, [2, [3]]]]), rf"array of numbers|{RETURN_COUNT}"),
    "a numpy scalar": (_from_right(lambda r: np.float64(0.37)), rf"shape \(\)|{RETURN_COUNT}|0\.37"),
    "a 0-d array": (_from_right(lambda r: np.array(0.37)), rf"shape \(\)|{RETURN_COUNT}|0\.37"),
    "a bool": (_from_right(lambda r: True), rf"yes/no|{RETURN_COUNT}"),
    "float32 arrays": (_from_right(lambda r: _each(r, lambda x: np.full(x.shape, 0.37, np.float32))),
                       WRONG_VALUES),
    "int arrays": (_from_right(lambda r: _each(r, lambda x: np.full(x.shape, 7))),
                   WRONG_VALUES + "|integers"),
    "bool arrays": (_from_right(lambda r: _each(r, lambda x: np.ones(x.shape, bool))),
                    WRONG_VALUES + "|integers|yes/no|same mask|EVERY label"),
    "object arrays of text": (_from_right(lambda r: _each(r, lambda x: np.full(x.shape, "x", object))),
                              r"dtype object|whole numbers"),
    "object arrays of None": (_from_right(lambda r: _each(r, lambda x: np.full(x.shape, None, object))),
                              r"None|whole numbers"),
    "the right size in the wrong shape": (_from_right(lambda r: _each(r, _other_shape)),
                                          r"shape|whole numbers"),
    "an array-like of wrong values": (
        _from_right(lambda r: _each(r, lambda x: Frame(np.full(x.shape, 0.37)))),
        WRONG_VALUES + "|whole numbers"),
    "a function": (_from_right(lambda r: lambda *a: r), rf"returns a function|{RETURN_COUNT}"),
    "masked arrays": (_from_right(lambda r: _each(r, lambda x: np.ma.masked_array(
        np.full(x.shape, 0.37), mask=np.ones(x.shape, bool)))), r"masked|whole numbers"),
    "np.matrix of wrong values": (_from_right(lambda r: _each(r, lambda x: np.matrix(
        np.full(x.shape if x.ndim <= 2 else (1, 1), 0.37)))), WRONG_VALUES + "|shape"),
    "a very large array": (_from_right(lambda r: np.zeros((1500, 1500))),
                           rf"shape \(1500, 1500\)|{RETURN_COUNT}|2250000 values"),
    "np.seterr(all='raise')": (_from_right(_sets_numpy_errors), WRONG_VALUES),
    "prints instead of returning": (_from_right(_prints), r"None"),
    "no parameters": (lambda right: lambda: 0, r"defined as .*but the exercise calls it with"),
    "too many parameters": (lambda right: lambda a, b, c, d, e, f, g, h, i: 0,   # sgd_epoch has 8
                            r"defined as .*but the exercise calls it with"),
    "endless recursion": (_recursion, r"calls itself"),
    "exit()": (_exits, r"exit\(\)"),
    "None instead of a function": (lambda right: None, r"pass your function itself.*None"),
    "its result instead of the function": (lambda right: np.zeros(3),
                                           r"pass your function itself.*an array \(3,\)"),
    "its name as text": (lambda right: "my_function", r"pass your function itself.*str"),
}


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")       # np.matrix
@pytest.mark.parametrize("garbage", list(DERIVED), ids=list(DERIVED))
@pytest.mark.parametrize("checker", list(CHECKERS), ids=list(CHECKERS))
def test_every_checker_names_garbage_made_from_the_right_answer(checker, garbage):
    make, named_by = DERIVED[garbage]
    settings = np.geterr()
    feedback = CHECKERS[checker](make(RIGHT[checker]))
    assert np.geterr() == settings, "the learner's np.seterr leaked out of the checker"
    assert isinstance(feedback, Feedback)
    assert feedback.correct is False, feedback.message
    assert "could not be judged" not in feedback.message, feedback.message
    assert re.search(named_by, feedback.message), feedback.message


@pytest.mark.parametrize("checker", [c for c in CHECKERS if c != "05 early stopping"])
def test_right_values_in_an_array_like_or_a_list_pass(checker):
    for wrap in (Frame, lambda x: x.tolist()):
        feedback = CHECKERS[checker](_from_right(lambda r: _each(r, wrap))(RIGHT[checker]))
        assert feedback.correct, feedback.message


@pytest.mark.parametrize("checker", list(CHECKERS), ids=list(CHECKERS))
def test_checkers_judge_right_answers_whatever_np_seterr_the_notebook_set(checker):
    with np.errstate(all="raise"):
        assert CHECKERS[checker](RIGHT[checker]).correct
        assert CHECKERS[checker](GARBAGE["inf array"]).correct is False


@pytest.mark.parametrize("call", [
    lambda: ex05.check_dropout(SOL05.dropout_forward),
    lambda: ex01.check_predict(),
    lambda: ex06.check_accuracy(SOL["06_mnist"].accuracy, "extra"),
], ids=["check_dropout with one function", "check_predict with none", "an extra argument"])
def test_a_checker_called_the_wrong_way_says_how_to_call_it(call):
    feedback = call()
    assert feedback.correct is False and "is called as `check_" in feedback.message, feedback.message


def test_a_checkers_own_slip_becomes_a_feedback(monkeypatch):
    def broken(*args):
        raise RuntimeError("a bug inside the checker")
    monkeypatch.setattr(ex06.network, "accuracy", broken)
    feedback = ex06.check_accuracy(SOL["06_mnist"].accuracy)
    assert feedback.correct is False
    assert "could not be judged" in feedback.message and "a bug inside" in feedback.message


def test_every_public_checker_answers_with_feedback_whatever_happens_inside():
    modules = (ex01, ex02, ex03, ex04, ex05, ex06, ex07)
    checkers = [getattr(m, n) for m in modules for n in dir(m) if n.startswith("check_")]
    assert len(checkers) == 22
    assert all(hasattr(c, "__wrapped__") for c in checkers), "a check_… without @checker"


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
