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
