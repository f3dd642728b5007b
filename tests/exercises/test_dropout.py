"""Checkers of notebook 05 (nnla_helpers.exercises.dropout): the worked solutions pass, and each typical mistake gets its hint."""


import numpy as np
import pytest

from nnla_helpers.exercises import dropout as ex05

from exercise_helpers import solutions, verdict



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
        assert ex05.check_dropout(bad, sol.dropout_backward).correct is False
        assert ex05.check_dropout(sol.dropout_forward, bad).correct is False
        assert ex05.check_early_stopping(bad).correct is False
