"""Exercises of notebook 05: a dropout layer (forward and backward) and early stopping.

Inverted dropout with keep-probability p, on activations A (m, n)::

    forward(A, keep_prob, rng)    → (A_out, D)    D = 1 with probability p, else 0
                                                  A_out = A ⊙ D / p
    backward(dA_out, D, keep_prob) → dA           dA = dA_out ⊙ D / p (the SAME D and 1/p)

Early stopping, as ``nnla_helpers.train.train(..., patience=…)`` does it::

    early_stopping(val_loss, patience) → (stop_epoch, best_epoch)      epochs counted from 1
"""

import numpy as np

from .. import layers
from ..train import EarlyStopping
from ._feedback import as_numbers, call, checker, correct, progress_of, unpack, wrong

KEEP = 0.8            # the keep-probability the checker uses (not 0.5, so p and 1 − p differ)
KEEP_OTHER = 0.6      # a second one, so a keep_prob written into the function shows


def _same(a, b):
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-6, atol=1e-9)    # float32 is fine


def _as_array(name, value, shape):
    """(array, None) or (None, Feedback): None, not numbers, or the wrong shape."""
    value, error = as_numbers(name, value)
    if error:
        return None, error
    if not np.all(np.isfinite(value)):
        return None, wrong(f"{name} contains NaN or infinite values; every entry should be a "
                           "finite number (A ⊙ D / p has no division by 0 for keep_prob > 0).")
    if value.shape != shape:
        hint = (" Draw one mask entry per activation: rng.random(A.shape)."
                if name == "D" else "")
        return None, wrong(f"{name} has shape {value.shape} but should have shape {shape}, like "
                           f"the activations.{hint}")
    return value, None


def _is_mask(value):
    """True if ``value`` is an array of 0s and 1s only (with at least one of each)."""
    v, error = as_numbers("", value)
    if error:
        return False
    return v.size > 1 and bool(np.all((v == 0) | (v == 1))) and 0 < v.mean() < 1


def _forward(dropout_forward, A, keep_prob, seed):
    """Run the learner's forward on a copy of A: ((A_out, D), None) or (None, Feedback)."""
    result, error = call(dropout_forward, A.copy(), keep_prob, np.random.default_rng(seed))
    if error:
        return None, error
    (A_out, D), error = unpack(result, ("A_out", "D"))
    if error:
        return None, error
    if _is_mask(A_out) and not _is_mask(D):
        return None, wrong("the two results are swapped: the first one is the 0/1 mask. Return "
                           "them in the order `return A_out, D` — the activations first.")
    A_out, error = _as_array("A_out", A_out, A.shape)
    if error:
        return None, error
    D, error = _as_array("D", D, A.shape)
    if error:
        return None, error
    return (A_out, D), None


@checker
def check_dropout(dropout_forward, dropout_backward):
    """Exercise: ``dropout_forward(A, keep_prob, rng)`` returns ``(A_out, D)`` and
    ``dropout_backward(dA_out, D, keep_prob)`` returns ``dA``.

    Tests: D is a 0/1 mask drawn from ``rng`` that keeps about keep_prob of the units, each
    sample its own; A_out = A ⊙ D / p, so the mean activation is unchanged (Monte Carlo);
    nothing happens at keep_prob = 1; the backward reuses the same D and the same 1/p.
    Notebook 05.
    """
    rng = np.random.default_rng(0)
    A = rng.uniform(0.5, 2.0, size=(200, 300))       # 60 000 positive activations
    p = KEEP
    out, error = _forward(dropout_forward, A, p, seed=1)
    if error:
        return error
    A_out, D = out

    # -- the mask ------------------------------------------------------------------------------
    if not np.all((D == 0) | (D == 1)):
        if np.all(np.isclose(D, 0) | np.isclose(D, 1 / p)):
            return wrong("D should hold only 0s and 1s — the mask itself. The 1/p belongs in "
                         "A_out = A ⊙ D / p, not in D.")
        return wrong("D should hold only 0s and 1s: 1 where a unit is kept, 0 where it is "
                     "dropped. Make it with (rng.random(A.shape) < keep_prob).")
    if np.all(D == D[0]):
        return wrong("every sample (row) got the same mask. Each sample gets its own: draw D with "
                     "the full shape of A, (m, n).")
    if np.all(D == D[:, :1]):
        return wrong("your mask keeps or drops a whole sample (row) at once; every unit of every "
                     "sample gets its own 0 or 1: draw D with the full shape of A, (m, n).")
    kept = D.mean()
    if abs(kept - (1 - p)) < 0.01:
        return wrong(f"your mask keeps {100 * kept:.1f} % of the units, but keep_prob = {p} "
                     f"means KEEP {100 * p:.0f} %: you drop with probability keep_prob instead of "
                     "1 − keep_prob. Use D = (rng.random(A.shape) < keep_prob).")
    if abs(kept - p) > 0.01:
        return wrong(f"your mask keeps {100 * kept:.1f} % of the units; with keep_prob = {p} it "
                     f"should keep about {100 * p:.0f} %. Use D = (rng.random(A.shape) < keep_prob).")
    again, error = _forward(dropout_forward, A, p, seed=1)
    if error:
        return error
    if not np.array_equal(again[1], D):
        return wrong("two calls with identically seeded generators gave different masks: draw the "
                     "mask from the `rng` you are given (rng.random(...)), not from np.random, so "
                     "a seeded run repeats exactly.")
    other, error = _forward(dropout_forward, A, p, seed=2)
    if error:
        return error
    if np.array_equal(other[1], D):
        return wrong("the mask does not change when the generator does: draw a fresh random mask "
                     "from `rng` at every call.")

    # -- the scale -----------------------------------------------------------------------------
    if not _same(A_out, layers.dropout_forward(A, D, p)[0]):
        hints = [(A, "A_out is A unchanged: multiply by the mask and divide by keep_prob, "
                     "A_out = A ⊙ D / p."),
                 (A * D, "the kept activations must be divided by keep_prob: A_out = A ⊙ D / p. "
                         "Without it the layer's output is p times smaller on average during "
                         "training than at evaluation."),
                 (A * D * p, "multiply by 1/p, not by p: A_out = A ⊙ D / keep_prob."),
                 (A * D * 2, "×2 is right only for keep_prob = 0.5 (essay 000's case); in "
                             "general divide by keep_prob."),
                 (A * D / (1 - p), f"you divided by 1 − keep_prob = {1 - p:.1f}, the probability "
                                   "of DROPPING a unit; divide by the probability of keeping "
                                   "it: A_out = A ⊙ D / keep_prob."),
                 (A * (1 - D) / p, "you zeroed the kept units and kept the dropped ones: "
                                   "A_out = A ⊙ D / p."),
                 (A * D / D.mean(), f"you divided by the fraction this mask happened to keep "
                                    f"({D.mean():.4f}); divide by keep_prob itself, the "
                                    "probability every unit is kept with, so the scale is the "
                                    "same at every call: A_out = A ⊙ D / keep_prob.")]
        for value, why in hints:
            if _same(A_out, value):
                return wrong(why)
        return wrong("A_out should be A ⊙ D / keep_prob: the activations times the mask, "
                     "divided by the keep-probability.")

    # -- the mean, by Monte Carlo: many masks on one small batch -----------------------------
    A_small = A[:4, :5]
    total = np.zeros_like(A_small)
    n_masks = 4000
    mc_rng = np.random.default_rng(3)
    for _ in range(n_masks):
        result, error = call(dropout_forward, A_small.copy(), p, mc_rng)
        if error:
            return error
        (A_out, _), error = unpack(result, ("A_out", "D"))
        A_out, error = (None, error) if error else _as_array("A_out", A_out, A_small.shape)
        if error:
            return error
        total += A_out
    ratio = float(np.mean(total / n_masks) / np.mean(A_small))
    if abs(ratio - 1) > 0.01:          # 5 standard errors of 4000 masks on 20 entries
        return wrong(f"averaged over {n_masks} masks drawn one call after another, A_out's mean "
                     f"is {ratio:.3f} × A's mean, but dividing by keep_prob should keep it at "
                     "1.000: each call must draw a fresh mask from the rng it is given, with "
                     "P(keep) = keep_prob, and scale by 1/keep_prob.")

    # -- another keep_prob: nothing may be written into the function --------------------------
    p2 = KEEP_OTHER
    out2, error = _forward(dropout_forward, A, p2, seed=6)
    if error:
        return error
    A2, D2 = out2
    if abs(D2.mean() - p2) > 0.01 or not _same(A2, layers.dropout_forward(A, D2, p2)[0]):
        if abs(D2.mean() - p) < 0.01 or _same(A2, A * D2 / p):
            return wrong(f"with keep_prob = {p2} your function still keeps {100 * D2.mean():.0f} % "
                         f"or divides by {p}: the number {p} is written into it. Use the "
                         "keep_prob it is given, for the mask and for the scale.")
        return wrong(f"right for keep_prob = {p}, but not for keep_prob = {p2}: the mask should "
                     f"keep about {100 * p2:.0f} % (it keeps {100 * D2.mean():.1f} %) and "
                     f"A_out = A ⊙ D / {p2}.")

    # -- keep_prob = 1: nothing happens ------------------------------------------------------
    out1, error = _forward(dropout_forward, A, 1.0, seed=4)
    if error:
        return error
    if not (_same(out1[0], A) and np.all(out1[1] == 1)):
        return wrong("with keep_prob = 1 nothing should change: D is all ones and A_out = A. "
                     "(Compare with `< keep_prob`, which is always true for rng.random's "
                     "numbers in [0, 1).)")

    # -- the backward --------------------------------------------------------------------------
    dA_out = rng.normal(size=A.shape)
    D_fixed = (np.random.default_rng(5).random(A.shape) < p).astype(float)
    dA, error = call(dropout_backward, dA_out.copy(), D_fixed.copy(), p)
    if error:
        return error
    dA, error = _as_array("dA", dA, A.shape)
    if error:
        return error
    if not _same(dA, layers.dropout_backward(dA_out, (D_fixed, p))):
        dropped = D_fixed == 0
        ratio_back = np.divide(dA, dA_out, out=np.zeros_like(dA), where=dA_out != 0)
        hints = [(dA_out * D_fixed, "the backward needs the same scale as the forward: "
                                    "dA = dA_out ⊙ D / p. (Essay 000 forgot the ×2 here.)"),
                 (dA_out * D_fixed * p, "divide by keep_prob, as in the forward: dA = dA_out ⊙ D / p."),
                 (dA_out * D_fixed * 2, "×2 is the essay's 1/p for keep_prob = 0.5 only; divide by "
                                        "keep_prob: dA = dA_out ⊙ D / p."),
                 (dA_out * D_fixed / (1 - p), f"you divided by 1 − keep_prob = {1 - p:.1f}, the "
                                              "probability of dropping; divide by keep_prob, as "
                                              "in the forward: dA = dA_out ⊙ D / p."),
                 (D_fixed, "that is the mask itself; the gradient is dA_out ⊙ D / p."),
                 (D_fixed / p, "the gradient dA_out is missing: dA = dA_out ⊙ D / p."),
                 (dA_out / p, "the mask is missing: a dropped unit did not take part in the "
                              "forward pass, so it gets no gradient. dA = dA_out ⊙ D / p."),
                 (dA_out, "the backward must apply the mask and the scale: dA = dA_out ⊙ D / p.")]
        for value, why in hints:
            if _same(dA, value):
                return wrong(why)
        if _same(dA, dA_out * (1 - D_fixed) / p):
            return wrong("you used 1 − D, the DROPPED units: the gradient flows through the kept "
                         "ones, dA = dA_out ⊙ D / p.")
        looks_masked = np.all(np.isclose(ratio_back, 0) | np.isclose(ratio_back, 1 / p)
                              | np.isclose(ratio_back, 1))
        if looks_masked and np.any(dA[dropped] != 0):
            return wrong("your backward used a different mask from the D it was given: some units "
                         "that the forward pass dropped get a gradient. Reuse D — the very mask of "
                         "the forward pass: dA = dA_out ⊙ D / p.")
        return wrong("dA should be dA_out ⊙ D / keep_prob: the same mask and scale as the forward.")
    D_other = (np.random.default_rng(7).random(A.shape) < KEEP_OTHER).astype(float)
    dA2, error = call(dropout_backward, dA_out.copy(), D_other.copy(), KEEP_OTHER)
    dA2, error = (None, error) if error else _as_array("dA", dA2, A.shape)
    if error:
        return error
    if not _same(dA2, layers.dropout_backward(dA_out, (D_other, KEEP_OTHER))):
        if _same(dA2, dA_out * D_other / p):
            return wrong(f"with keep_prob = {KEEP_OTHER} your backward still divides by {p}: the "
                         f"number {p} is written into it. Divide by the keep_prob it is given.")
        return wrong(f"right for keep_prob = {p}, but not for keep_prob = {KEEP_OTHER}: "
                     "dA = dA_out ⊙ D / keep_prob.")
    return correct(f"D keeps {100 * kept:.1f} % of the units (keep_prob = {p}); over {n_masks} "
                   f"masks the mean of A_out is {ratio:.3f} × the mean of A (unchanged, as 1/p "
                   "promises); keep_prob = 1 changes nothing; and the backward reuses D with "
                   "the same 1/p.")


# ---- exercise 2: early stopping ----------------------------------------------------------------


def reference_early_stopping(val_loss, patience):
    """(stop_epoch, best_epoch), epochs from 1 — what train(..., patience=…) does, by the same
    ``train.EarlyStopping`` — notebook 05."""
    watch = EarlyStopping(patience)
    for loss in val_loss:
        watch.update(loss)
        if watch.stop:
            break
    return watch.epoch, watch.best_epoch


CASES = [
    ([1.00, 0.80, 0.62, 0.55, 0.58, 0.61, 0.54, 0.70, 0.75, 0.80], 2),   # stops at 6, best 4
    ([1.00, 0.80, 0.62, 0.55, 0.58, 0.61, 0.54, 0.70, 0.75, 0.80], 3),   # waits: best 7, stops 10
    ([0.90, 0.70, 0.60, 0.50, 0.45, 0.41, 0.40, 0.39], 2),                # never stops
    ([0.50, 0.60, 0.70, 0.80, 0.90, 0.95], 3),                            # best at once
    ([1.00, 0.50, 0.80, 0.70, 0.60, 0.55, 0.90], 2),   # falling again, never below the best: 4, 2
    ([1.00, 0.70, 0.70, 0.70, 0.65], 2),               # an equal loss is no improvement: 4, 2
    ([1.00, 0.900, 0.899, 0.8985, 0.95, 0.96], 2),     # tiny improvements count: 6, 4
    ([0.50, 0.4999, 0.4998, 0.4997, 0.60, 0.70], 2),   # tinier still (no min_delta): 6, 4
]


def _early_stopping_variant(val_loss, patience, improved, stops):
    """The reference loop with one rule changed — the typical slips, to recognise them."""
    best, best_epoch, since, previous = np.inf, None, 0, np.inf
    for epoch, loss in enumerate(val_loss, start=1):
        if improved(loss, best, previous):
            since = 0
        else:
            since += 1
        if loss < best:
            best, best_epoch = loss, epoch
        previous = loss
        if stops(since, patience):
            return epoch, best_epoch
    return len(val_loss), best_epoch


SLIPS = [
    (lambda v, p: _early_stopping_variant(v, p, lambda loss, best, prev: loss < prev,
                                          lambda since, p: since >= p),
     "you compare each loss with the PREVIOUS epoch's; early stopping counts the epochs since "
     "the BEST loss so far — a loss that falls again but stays above the best is no improvement."),
    (lambda v, p: _early_stopping_variant(v, p, lambda loss, best, prev: loss < best,
                                          lambda since, p: since > p),
     "you stop one epoch late: stop as soon as `patience` epochs in a row have passed without a "
     "new lowest loss (`since >= patience`, not `since > patience`)."),
    (lambda v, p: _early_stopping_variant(v, p, lambda loss, best, prev: loss <= best,
                                          lambda since, p: since >= p),
     "an equal loss counts as an improvement in your code; it is none: use `loss < best`, not "
     "`loss <= best`."),
    (lambda v, p: tuple(e - 1 for e in reference_early_stopping(v, p)),
     "both epochs are one too small: epochs are counted from 1, so add 1 to the list index."),
    (lambda v, p: (len(v), int(np.argmin(v)) + 1),
     "you never stop: stop after `patience` epochs in a row without a new lowest loss."),
    (lambda v, p: reference_early_stopping(v, p)[::-1],
     "your two numbers are right but swapped: `return stop_epoch, best_epoch`."),
    (lambda v, p: reference_early_stopping(v, 2),
     "your function behaves as if patience were always 2: use the `patience` it is given."),
    (lambda v, p: _early_stopping_variant(v, p, lambda loss, best, prev: loss < best,
                                          lambda since, p: since >= p - 1),
     "you stop one epoch early: wait until `patience` epochs in a row have passed without a "
     "new lowest loss (`since >= patience`, not `since >= patience - 1`)."),
    (lambda v, p: _with_margin(v, p, 1e-3),
     "you require the loss to fall by a margin (like 0.001) to count as better; here any lower "
     "loss is an improvement: `loss < best`."),
    (lambda v, p: (lambda stop, best: (stop - 1, best))(*reference_early_stopping(v, p)),
     "stop_epoch is one too small — counted from 0? Both epochs are counted from 1 (the first "
     "epoch is epoch 1)."),
    (lambda v, p: (lambda stop, best: (stop + 1, best))(*reference_early_stopping(v, p)),
     "stop_epoch is one too large: training stops AT the epoch that makes it `patience` epochs "
     "in a row without improvement, not the one after it."),
]


def _with_margin(val_loss, patience, margin):
    """Early stopping that counts only improvements by more than ``margin`` (a min_delta)."""
    best, best_epoch, since = np.inf, None, 0
    for epoch, loss in enumerate(val_loss, start=1):
        if loss < best - margin:
            best, best_epoch, since = loss, epoch, 0
        else:
            since += 1
        if since >= patience:
            return epoch, best_epoch
    return len(val_loss), best_epoch


@checker
def check_early_stopping(early_stopping):
    """Exercise: ``early_stopping(val_loss, patience)`` returns ``(stop_epoch, best_epoch)``:
    stop after the epoch at which the validation loss has not improved for ``patience`` epochs
    in a row (or after the last epoch), and report the epoch of the lowest loss seen so far.
    Epochs are counted from 1 — notebook 05."""
    answers = []
    for losses, patience in CASES:
        result, error = call(early_stopping, list(losses), patience)
        if error:
            return error
        if result is None and answers:
            return wrong(f"for val_loss = {losses} and patience = {patience} your function "
                         "returned nothing (None): when patience never runs out, the loop ends "
                         "without a `return`. Add `return len(val_loss), best_epoch` after the "
                         "loop.")
        (stop, best), error = unpack(result, ("stop_epoch", "best_epoch"))
        if error:
            return error
        if stop is None or best is None:
            return wrong("stop_epoch or best_epoch is None — the exercise cell still has its "
                         "placeholder (or a path through your function ends without `return`; "
                         "if patience never runs out, return len(val_loss), best_epoch).")
        if not all(_whole(v) for v in (stop, best)):
            return wrong(f"return two whole numbers, the epochs (counted from 1) — not a loss "
                         f"value or a list: you returned {stop!r} and {best!r}.")
        if int(stop) > len(losses) or int(stop) < 1:
            return wrong(f"for val_loss = {losses} and patience = {patience} you answered "
                         f"stop_epoch = {int(stop)}, but there are only epochs 1 to {len(losses)}: "
                         "training stops at one of its epochs — at the last one if patience never "
                         "runs out. (A stop computed as best_epoch + patience, or one epoch after "
                         "the right one, can run past the end.)")
        answers.append((int(stop), int(best)))
    expected = [reference_early_stopping(losses, patience) for losses, patience in CASES]
    if answers == expected:
        return correct("you stop after `patience` epochs without improvement and keep the best "
                       "epoch seen so far — exactly what train(..., patience=…) does.")
    (losses, patience), (stop, best), (expected_stop, expected_best) = next(
        (case, a, e) for case, a, e in zip(CASES, answers, expected) if a != e)
    shown = (f"for val_loss = {losses} and patience = {patience} you answered ({stop}, {best}); "
             f"expected ({expected_stop}, {expected_best})")
    for slip, why in SLIPS:
        if all(_same_answer(a, slip(*case)) for a, case in zip(answers, CASES)):
            return wrong(f"{shown}: {why}")
    global_best = int(np.argmin(losses)) + 1
    if best == global_best != expected_best:
        return wrong(f"{shown}: you report the lowest loss of the whole list (epoch "
                     f"{global_best}), but training stopped at epoch {expected_stop} and never "
                     f"saw it. Early stopping cannot look into the future.")
    if stop == expected_stop and best == expected_best - 1:
        return wrong(f"{shown}: best_epoch is counted from 1 (np.argmin gives a position "
                     "counted from 0).")
    if best == expected_best:
        return wrong(f"{shown}: stop right after the epoch that makes it `patience` epochs in a "
                     "row without a new lowest loss — count the epochs since the best one.")
    return wrong(f"{shown}.")


def _whole(v):
    """True if the learner's ``v`` is one whole number (an int, 4.0, np.int64(4), …)."""
    if isinstance(v, (tuple, list)) or np.ma.is_masked(v):
        return False
    try:
        return np.ndim(v) == 0 and float(v) == int(v)
    except Exception:            # whatever the object is, it is not a whole number
        return False


def _same_answer(a, b):
    try:
        return tuple(int(x) for x in a) == tuple(int(x) for x in b)
    except Exception:            # a learner's answer that is not two whole numbers
        return False


progress = progress_of(__name__)     # ex.progress(): this notebook's exercises, this session
