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
     ["only epochs 1 to 10", "one epoch after"]),
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


def _loop(improved, stop_when, reset=True, start=1):
    """A learner's early-stopping loop with one rule chosen."""
    def early_stopping(val_loss, patience):
        best, best_epoch, since, previous = float("inf"), None, 0, float("inf")
        for epoch, loss in enumerate(val_loss, start=start):
            if improved(loss, best, previous):
                best, best_epoch = min(best, loss), epoch if loss < best else best_epoch
                if reset:
                    since = 0
            else:
                since += 1
            previous = loss
            if stop_when(since, patience):
                return epoch, best_epoch
        return len(val_loss) + start - 1, best_epoch
    return early_stopping


def _right_with_a_counter(val_loss, patience):
    best_epoch, waited = 1, 0
    for epoch in range(2, len(val_loss) + 1):
        if val_loss[epoch - 1] < val_loss[best_epoch - 1]:
            best_epoch, waited = epoch, 0
        else:
            waited += 1
            if waited == patience:
                return epoch, best_epoch
    return len(val_loss), best_epoch


def _right_with_numpy(val_loss, patience):
    losses = np.asarray(val_loss)
    running_best = np.minimum.accumulate(losses)
    improved = np.r_[True, losses[1:] < running_best[:-1]]
    for epoch in range(1, len(losses) + 1):
        last = np.flatnonzero(improved[:epoch]).max() + 1
        if epoch - last >= patience:
            return epoch, int(last)
    return len(losses), int(np.flatnonzero(improved).max() + 1)


@pytest.mark.parametrize("answer", [_right_with_a_counter, _right_with_numpy,
                                    _loop(lambda l, b, p: l < b, lambda s, p: s >= p)])
def test_05_early_stopping_other_right_answers_pass(answer):
    verdict(ex05.check_early_stopping(answer), True, "patience")


@pytest.mark.parametrize("answer, phrases", [
    (_loop(lambda l, b, p: l < p, lambda s, p: s >= p), ["PREVIOUS epoch"]),
    (_loop(lambda l, b, p: l < b, lambda s, p: s > p), ["one epoch late"]),
    (_loop(lambda l, b, p: l <= b, lambda s, p: s >= p), ["`loss <= best`"]),
    (_loop(lambda l, b, p: l < b, lambda s, p: s >= p, start=0), ["counted from 1"]),
    (_loop(lambda l, b, p: l < b, lambda s, p: False), ["never stop"]),
    (_loop(lambda l, b, p: l < b, lambda s, p: s >= p - 1), ["one epoch early"]),
    (_loop(lambda l, b, p: l < b, lambda s, p: s >= p, reset=False), ["expected"]),
    (lambda v, p: tuple(reversed(ex05.reference_early_stopping(v, p))), ["swapped"]),
    (lambda v, p: ex05.reference_early_stopping(v, 2), ["as if patience were always 2"]),
    (_loop(lambda l, b, p: l < b - 1e-3, lambda s, p: s >= p), ["margin", "`loss < best`"]),
    (lambda v, p: (ex05.reference_early_stopping(v, p)[0], min(v)), ["whole numbers", "not a loss"]),
    (lambda v, p: (ex05.reference_early_stopping(v, p)[0], int(np.argmin(v)) + 1),
     ["cannot look into the future"]),
    (lambda v, p: "done", ["return 2 things"]),
    (lambda v, p: 1 / 0, ["ZeroDivisionError", "line"]),
])
def test_05_early_stopping_battery(answer, phrases):
    verdict(ex05.check_early_stopping(answer), False, *phrases)


def test_05_dropout_results_swapped_are_named():
    sol = solutions("05_dropout")
    verdict(ex05.check_dropout(lambda A, p, rng: tuple(reversed(sol.dropout_forward(A, p, rng))),
                               sol.dropout_backward), False, "swapped")


@pytest.mark.parametrize("answer, phrases", [
    (lambda dA, D, p: dA * D * 2, ["keep_prob = 0.5 only"]),
    (lambda dA, D, p: D, ["the mask itself"]),
    (lambda dA, D, p: D / p, ["dA_out is missing"]),
    (lambda dA, D, p: dA * D / p * np.nan, ["NaN"]),
    (lambda dA, D, p: (dA * D / p).T, ["shape"]),
    (lambda dA, D, p: (dA * D / p).sum(axis=0), ["shape"]),
    (lambda dA, D, p: dA * (1 - D) / p, ["1 − D, the DROPPED units"]),
    (lambda dA, D, p: dA * D / 0.8, ["still divides by 0.8", "written into it"]),
    (lambda dA, D, p: None, ["dA is None"]),
    (lambda dA, D, p: dA * D / (1 - p), ["divided by 1 − keep_prob = 0.2"]),
])
def test_05_dropout_backward_battery(answer, phrases):
    sol = solutions("05_dropout")
    verdict(ex05.check_dropout(sol.dropout_forward, answer), False, *phrases)


@pytest.mark.parametrize("answer", [
    lambda dA, D, p: (dA * D / p).tolist(),
    lambda dA, D, p: np.where(D == 1, dA / p, 0.0),
    lambda dA, D, p: dA.__imul__(D / p),                    # in place, returning the array
])
def test_05_dropout_backward_right_answers_pass(answer):
    sol = solutions("05_dropout")
    verdict(ex05.check_dropout(sol.dropout_forward, answer), True, "reuses D")


@pytest.mark.parametrize("answer, phrases", [
    (lambda A, p, rng: (A, (rng.random(A.shape) < p).astype(float)), ["A unchanged"]),
    (lambda A, p, rng: (lambda D: (A * D / p, D))((np.random.random(A.shape) < p).astype(float)),
     ["not from np.random"]),
    (lambda A, p, rng: (lambda D: (A * D / p, D))(np.broadcast_to(rng.random((1, A.shape[1])) < p,
                                                                   A.shape).astype(float)),
     ["every sample (row) got the same mask"]),
])
def test_05_dropout_forward_more_mistakes(answer, phrases):
    sol = solutions("05_dropout")
    verdict(ex05.check_dropout(answer, sol.dropout_backward), False, *phrases)


def _mask(A, p, rng):
    return (rng.random(A.shape) < p).astype(float)


@pytest.mark.parametrize("answer, phrases", [
    (lambda A, p, rng: (lambda D: (A * D / (1 - p), D))(_mask(A, p, rng)),
     ["divided by 1 − keep_prob = 0.2", "DROPPING"]),
    (lambda A, p, rng: (lambda D: (A * D / D.mean(), D))(_mask(A, p, rng)),
     ["fraction this mask happened to keep", "keep_prob itself"]),
    (lambda A, p, rng: (lambda D: (A * D / 0.8, D))(_mask(A, 0.8, rng)),
     ["with keep_prob = 0.6", "0.8 is written into it"]),
    (lambda A, p, rng: (lambda D: (A * D / 0.8, D))(_mask(A, p, rng)), ["0.8 is written into it"]),
    # right on large arrays, unscaled on small ones: only the Monte-Carlo mean can see it
    (lambda A, p, rng: (lambda D: (A * D / (p if A.size > 100 else 1), D))(_mask(A, p, rng)),
     ["averaged over 4000 masks", "× A's mean", "1.000"]),
])
def test_05_dropout_forward_scale_mistakes(answer, phrases):
    sol = solutions("05_dropout")
    verdict(ex05.check_dropout(answer, sol.dropout_backward), False, *phrases)


@pytest.mark.parametrize("answer", [
    lambda A, p, rng: (lambda D: (A * D / p, D))(rng.random(A.shape) < p),            # a bool mask
    lambda A, p, rng: (lambda D: (A * D / p, D))(rng.binomial(1, p, A.shape).astype(float)),
])
def test_05_dropout_forward_other_right_answers_pass(answer):
    sol = solutions("05_dropout")
    verdict(ex05.check_dropout(answer, sol.dropout_backward), True)
