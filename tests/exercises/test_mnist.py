"""Exercise checkers of notebook 06 (MNIST): the worked solutions pass, and each typical
mistake gets its own hint."""


import numpy as np
import pytest

from nnla_helpers.exercises import mnist as ex06

from exercise_helpers import solutions, verdict


def test_06_solutions_pass():
    sol = solutions("06_mnist")
    verdict(ex06.check_one_hot(sol.one_hot), True, "(m, 10)")
    verdict(ex06.check_accuracy(sol.accuracy), True, "fraction")
    verdict(ex06.check_to_row_layout(sol.to_row_layout), True, "W1 (784, 10)")


def test_06_other_correct_answers_pass():
    def eye_one_hot(labels, n_classes=10):
        return np.eye(n_classes)[np.asarray(labels, dtype=int)]

    def int_one_hot(labels, n_classes=10):           # 0/1 integers are fine too
        return (np.arange(n_classes) == np.asarray(labels)[:, None]).astype(int)

    verdict(ex06.check_one_hot(eye_one_hot), True)
    verdict(ex06.check_one_hot(int_one_hot), True)
    verdict(ex06.check_accuracy(lambda P, y: float((P.argmax(1) == y).sum() / len(y))), True)
    verdict(ex06.check_to_row_layout(
        lambda W1, b1, W2, b2: (W1.T.copy(), b1[:, 0], np.transpose(W2), b2.reshape(10))), True)


# ---- exercise 1: one-hot ------------------------------------------------------------------------
def _rows(labels, n):
    labels = np.asarray(labels).astype(int)
    Y = np.zeros((len(labels), n))
    Y[np.arange(len(labels)), labels] = 1
    return Y


def _columns(labels, n=10):
    labels = np.asarray(labels).astype(int)
    Y = np.zeros((n, len(labels)))
    Y[labels, np.arange(len(labels))] = 1
    return Y


def _all_labels(labels, n=10):
    labels = np.asarray(labels).astype(int)
    Y = np.zeros((len(labels), n))
    Y[:, labels] = 1
    return Y


def _shift(labels, n=10, by=1):
    labels = np.asarray(labels).astype(int)
    Y = np.zeros((len(labels), n))
    Y[np.arange(len(labels)), labels - by] = 1
    return Y


def _width_from_max(labels, n=10):
    labels = np.asarray(labels).astype(int)
    return _rows(labels, labels.max() + 1)


def _float_unsafe(labels, n=10):
    Y = np.zeros((len(labels), n))
    Y[np.arange(len(labels)), labels] = 1           # IndexError for float labels
    return Y


@pytest.mark.parametrize("answer, phrases", [
    (lambda labels, n=10: None, ["placeholder"]),
    (_columns, ["shape (10, 12)", "essay's layout", "(12, 10)"]),
    (lambda labels, n=10: _rows(labels, 9), ["out of bounds", "10 classes"]),
    (_width_from_max, ["without any 8s or 9s", "6 columns", "need not contain every digit"]),
    (_shift, ["off by one", "column d"]),
    (lambda labels, n=10: _rows(labels, 11), ["11 columns", "exactly 10 classes"]),
    (_all_labels, ["EVERY label", "np.arange(m)"]),
    (_float_unsafe, ["floats", "astype(int)"]),
    (lambda labels, n=10: np.zeros((len(labels), n)), ["all zeros"]),
])
def test_06_one_hot_mistakes(answer, phrases):
    verdict(ex06.check_one_hot(answer), False, *phrases)


# ---- exercise 2: accuracy -----------------------------------------------------------------------
@pytest.mark.parametrize("answer, phrases", [
    (lambda P, y: None, ["placeholder"]),
    (lambda P, y: 100 * np.mean(P.argmax(1) == y), ["percentage", "fraction"]),
    (lambda P, y: np.mean(P.max(axis=1) == y), ["probabilities", "argmax(axis=1)"]),
    (lambda P, y: np.mean(P == y), ["does not line up", "axis=1"]),
    (lambda P, y: np.mean(P.argmax(axis=0) == y), ["(10,)", "axis=1"]),
    (lambda P, y: P.argmax(1) == y, ["ONE number"]),
    (lambda P, y: np.sum(P.argmax(1) == y), ["number of right answers", "divide by the number of samples"]),
    (lambda P, y: np.mean(P.argmax(1) != y), ["error rate"]),
    (lambda P, y: 0.5, ["expected 0.75"]),
    (lambda P, y: 1 / 0, ["raised ZeroDivisionError"]),
])
def test_06_accuracy_mistakes(answer, phrases):
    verdict(ex06.check_accuracy(answer), False, *phrases)


def test_06_accuracy_examples_tell_mistakes_apart():
    """The hidden test data must give a different number for every typical mistake."""
    for m, seed in ((12, 0), (10, 10)):
        P, y = ex06._probabilities(m, seed)
        right = np.mean(P.argmax(1) == y)
        assert right == 0.75 if m == 12 else right == 0.8
        values = [right, 100 * right, np.mean(P.max(1) == y), np.sum(P.argmax(1) == y), 1 - right]
        if m == 10:
            values.append(np.mean(P.argmax(0) == y))
        assert len(set(np.round(values, 9))) == len(values), values


# ---- exercise 3: column layout → row layout -----------------------------------------------------
@pytest.mark.parametrize("answer, phrases", [
    (lambda W1, b1, W2, b2: None, ["placeholder"]),
    (lambda W1, b1, W2, b2: (W1.T, b1.ravel()), ["return 4 things"]),
    (lambda W1, b1, W2, b2: (W1, b1.ravel(), W2.T, b2.ravel()), ["essay's shape (10, 784)", "W1.T"]),
    (lambda W1, b1, W2, b2: (W1.reshape(784, 10), b1.ravel(), W2.T, b2.ravel()),
     ["reshape", "does not swap", "W1.T"]),
    (lambda W1, b1, W2, b2: (W1.T, b1.ravel(), W2, b2.ravel()), ["W2 is square", "W2.T"]),
    (lambda W1, b1, W2, b2: (W1.T, b1, W2.T, b2), ["b1 is still a column (10, 1)", "ravel"]),
    (lambda W1, b1, W2, b2: (W1.T, b1.ravel(), W2.T, b2), ["b2 is still a column"]),
    (lambda W1, b1, W2, b2: (W1.T, b1.T, W2.T, b2.T), ["(1, 10) row"]),
    (lambda W1, b1, W2, b2: (W1.T, b2.ravel(), W2.T, b1.ravel()), ["returned as (W1, b2, W2, b1)"]),
    (lambda W1, b1, W2, b2: (W1.T, b1.ravel(), W2.T, None), ["b2 is None"]),
    (lambda W1, b1, W2, b2: (W1 @ W2, b1, W2, b2), ["raised ValueError"]),
])
def test_06_to_row_layout_mistakes(answer, phrases):
    verdict(ex06.check_to_row_layout(answer), False, *phrases)


def test_06_checkers_do_not_change_with_learner_mutation():
    """A learner's function that modifies its input in place must not corrupt the check."""
    def inplace(W1, b1, W2, b2):
        W1 *= 0
        return W1.T, b1.ravel(), W2.T, b2.ravel()
    verdict(ex06.check_to_row_layout(inplace), False, "W1")


def test_06_accuracy_argmax_without_an_axis_is_named():
    verdict(ex06.check_accuracy(lambda P, y: float(np.mean(P.argmax() == y))), False,
            "without an axis")


@pytest.mark.parametrize("answer, phrases", [
    (lambda labels, n=10: np.tile(labels.reshape(-1, 1), (1, n)), ["repeats the label"]),
    (lambda labels, n=10: np.eye(n + 1)[labels.astype(int)][:, 1:], ["counting from 0"]),
    (lambda labels, n=10: np.eye(len(labels))[labels.astype(int) % len(labels)], ["10 classes"]),
])
def test_06_one_hot_more_mistakes(answer, phrases):
    verdict(ex06.check_one_hot(answer), False, *phrases)


@pytest.mark.parametrize("answer", [
    lambda labels, n=10: np.eye(n, dtype=int)[labels.astype(int)],
    lambda labels, n=10: np.eye(n, dtype=bool)[labels.astype(int)],
    lambda labels, n=10: np.eye(n)[labels.astype(int)].tolist(),
    lambda labels, n=10: (labels.astype(int)[:, None] == np.arange(n)).astype(float),
])
def test_06_one_hot_other_right_answers_pass(answer):
    verdict(ex06.check_one_hot(answer), True)


# ---- a second review's answers: slips that give the same number on one batch are told apart --
def _count(P, y):
    return (P.argmax(axis=1) == y).sum()


@pytest.mark.parametrize("answer, phrases", [
    (lambda P, y: _count(P, y) // len(y), ["0 every time", "integer division"]),
    (lambda P, y: int(np.mean(P.argmax(axis=1) == y)), ["0 every time", "int()"]),
    (lambda P, y: np.mean(P.argmin(axis=1) == y), ["argMAX", "argmin"]),
    (lambda P, y: _count(P, y) / P.shape[1], ["P.shape[1] = 10", "number of classes"]),
    (lambda P, y: _count(P, y) / 12, ["divided by 12", "m = 10", "len(y)"]),
    (lambda P, y: len(y) / _count(P, y), ["upside down"]),
    (lambda P, y: np.mean(P.argmax(axis=1) == y.reshape(-1, 1)), ["(m, m) table"]),
    (lambda P, y: round(float(np.mean(P.argmax(axis=1) == y)), 1), ["don't round"]),
    (lambda P, y: np.mean(P.round() == np.eye(10)[y]), ["counts every matching"]),
    (lambda P, y: np.nan, ["NaN"]),
])
def test_06_accuracy_second_review(answer, phrases):
    verdict(ex06.check_accuracy(answer), False, *phrases)


def _one_hot_swapped(labels, n_classes=10):
    labels = labels.astype(int)
    Y = np.zeros((len(labels), n_classes))
    Y[labels, np.arange(len(labels))] = 1
    return Y


def _one_hot_plus_one(labels, n_classes=10):
    labels = labels.astype(int)
    Y = np.zeros((len(labels), n_classes))
    Y[np.arange(len(labels)), labels + 1] = 1
    return Y


@pytest.mark.parametrize("answer, phrases", [
    (_one_hot_swapped, ["indices are swapped", "Y[np.arange(m), labels] = 1"]),
    (_one_hot_plus_one, ["column 10", "without the + 1"]),
    (lambda labels, n_classes=10: 1 - np.eye(n_classes)[labels.astype(int)], ["inverted"]),
])
def test_06_one_hot_second_review(answer, phrases):
    verdict(ex06.check_one_hot(answer), False, *phrases)


@pytest.mark.parametrize("answer, phrases", [
    (lambda W1, b1, W2, b2: (W1.T, b1[0], W2.T, b2[0]), ["single number", "b1.ravel()"]),
    (lambda W1, b1, W2, b2: (W1.T, W2, b1.ravel(), b2.ravel()), ["wrong places",
                                                                "return W1, b1, W2, b2"]),
    (lambda W1, b1, W2, b2: (W1.T, -b1.ravel(), W2.T, -b2.ravel()), ["sign is flipped"]),
])
def test_06_row_layout_second_review(answer, phrases):
    verdict(ex06.check_to_row_layout(answer), False, *phrases)
