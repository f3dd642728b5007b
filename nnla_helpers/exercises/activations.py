"""Exercises of notebook 03: the ReLU and sigmoid derivatives, and a stable softmax.

    ReLU'(z) = 1 if z > 0 else 0
    σ(z) = c / (1 + e^(−βz)),  σ'(z) = c·β·s·(1 − s)  with  s = 1 / (1 + e^(−βz))
    softmax(Z) row by row: e^(z_i − max z) / Σ_j e^(z_j − max z)
"""

import warnings

import numpy as np

from .. import activations as act
from ._feedback import as_numbers, call, checker, compare, correct, progress_of, wrong


def _quiet_call(fn, *args):
    """``call`` with NumPy's overflow / invalid-value warnings silenced: a naive exp(1000)
    should lead to a hint, not to a screen of warnings."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        return call(fn, *args)


@checker
def check_relu_grad(relu_grad):
    """Exercise: ``relu_grad(Z)`` returns ReLU'(Z) entry by entry (1 where z > 0, else 0).
    Notebook 03."""
    Z = np.array([[-2.0, -0.5, 0.0, 0.5, 2.0],
                  [3.0, -1.0, 1.5, -3.0, 0.25]])
    feedback, corner = _relu_grad_verdict(relu_grad, Z)
    if feedback is not None:
        return feedback
    for shape in ((7,), (2, 3, 2)):           # "any shape": a loop over rows and columns fails
        Z_other = np.random.default_rng(len(shape)).normal(size=shape)
        got, error = _quiet_call(relu_grad, Z_other.copy())
        feedback = error or compare("ReLU'(Z)", got, act.relu_grad(Z_other))
        if feedback:
            feedback.message = (f"right for a 2-D Z, but not for Z of shape {shape}: "
                                 + feedback.message + " Work on the whole array at once, "
                                 "(Z > 0).astype(float), so any shape works.")
            return feedback
    return correct("ReLU'(z) = [z > 0], for Z of any shape: the gradient passes where the unit "
                   "was active and is blocked where it was not." + corner)


def _relu_grad_verdict(relu_grad, Z):
    """(None, note) if the learner's ReLU' is right on Z, else (Feedback, ""). A slope of 1
    at the corner z = 0 is accepted, with a note on it."""
    got, error = _quiet_call(relu_grad, Z.copy())
    if error:
        return error, ""
    expected = act.relu_grad(Z)
    as_float, _ = as_numbers("ReLU'(Z)", got)
    at_kink = Z == 0
    if as_float is not None and as_float.shape == Z.shape and np.allclose(as_float[~at_kink], expected[~at_kink]) \
            and np.all((as_float[at_kink] >= 0) & (as_float[at_kink] <= 1)) and np.any(as_float[at_kink] > 0):
        return None, (" At z = 0 exactly ReLU has a corner and no derivative; you chose 1 "
                      "there, the course (and most libraries) choose 0 — both work in practice.")
    feedback = compare("ReLU'(Z)", got, expected, hints=[
        (act.relu(Z), "that is ReLU itself, max(0, z). Its derivative is the slope: 1 where "
                      "z > 0, 0 where z < 0."),
        (np.sign(Z), "the slope for negative z is 0, not −1: ReLU is flat (constant 0) there."),
        ((Z < 0).astype(float), "flipped: the slope is 1 where z > 0 and 0 where z < 0."),
        ((Z <= 0).astype(float), "flipped: the slope is 1 where z > 0 and 0 where z < 0."),
        (np.ones_like(Z), "that is the derivative of the identity. ReLU is flat (slope 0) for z < 0."),
        (np.clip(Z, 0, 1), "the slope is exactly 0 or 1, not z clipped to [0, 1]: (Z > 0)."),
        ((Z > 1).astype(float), "ReLU bends at 0, not at 1: the slope is 1 for every z > 0."),
        (np.where(Z > 0, 1.0, 0.01), "0.01 for z < 0 is leaky ReLU's slope; plain ReLU is flat "
                                     "there: 0."),
    ])
    return feedback, ""


@checker
def check_sigmoid_grad(sigmoid_grad):
    """Exercise: ``sigmoid_grad(Z, c, beta)`` returns c·β·s·(1 − s), s = 1 / (1 + e^(−βZ)).
    Notebook 03."""
    Z = np.linspace(-2.0, 2.0, 10).reshape(2, 5)
    rng = np.random.default_rng(3)
    for c, beta in ((2.0, 3.0), (round(float(rng.uniform(0.3, 0.9)), 2), round(float(rng.uniform(1.2, 2.5)), 2))):
        feedback = _sigmoid_grad_verdict(sigmoid_grad, Z, c, beta)
        if feedback is not None:
            return feedback
    return correct("σ'(z) = c·β·s·(1 − s): at most c·β/4, at z = 0.")


def _sigmoid_grad_verdict(sigmoid_grad, Z, c, beta):
    """None if the learner's σ' is right for these c and β, else a Feedback."""
    got, error = _quiet_call(sigmoid_grad, Z.copy(), c, beta)
    if error:
        return error
    s = act.sigmoid(Z, 1.0, beta)               # 1 / (1 + e^(−βz))
    s1 = act.sigmoid(Z)                         # the plain logistic σ
    sigma = act.sigmoid(Z, c, beta)
    expected = act.sigmoid_grad(Z, c, beta)
    hints = [
        (s1 * (1 - s1), f"you ignored c and beta: with c = {c:g}, β = {beta:g} the answer changes. "
                        "Use the parameters of the function: s = 1 / (1 + e^(−βz)), "
                        "σ' = c·β·s·(1 − s)."),
        (s * (1 - s), "the factor c·β is missing: σ = c·s, and the chain rule through βz brings "
                      "out a β, so σ' = c·β·s·(1 − s)."),
        (beta * s * (1 - s), "the factor c is missing: σ(z) = c·s(z), so its slope is c times "
                             "the slope of s."),
        (c * s * (1 - s), "the factor β is missing: differentiating e^(−βz) brings out β "
                          "(the chain rule)."),
        (sigma * (1 - sigma), "σ' = σ(1 − σ) holds only for c = β = 1. Write it with the plain "
                              "s = 1 / (1 + e^(−βz)) (no c inside): σ' = c·β·s·(1 − s)."),
        (c * beta * sigma * (1 - sigma), "use s = 1 / (1 + e^(−βz)) without the c inside: "
                                         "σ' = c·β·s·(1 − s), not c·β·σ·(1 − σ)."),
        (c * beta * s1 * (1 - s1), "β belongs inside the exponential too: s = 1 / (1 + e^(−βz))."),
        (sigma, "that is σ itself; its derivative is c·β·s·(1 − s)."),
        (-expected, "the sign is flipped: σ is increasing, so σ' > 0."),
        (c * beta * s * (1 + s), "it is (1 − s), not (1 + s): d/dz [1 / (1 + e^(−βz))] = "
                                 "β e^(−βz) / (1 + e^(−βz))² = β·s·(1 − s)."),
        (c / beta * s * (1 - s), "it is c TIMES β: the chain rule through βz multiplies by β, "
                                 "σ' = c·β·s·(1 − s)."),
        (c * beta ** 2 * s * (1 - s), "β appears once in front: σ' = c·β·s·(1 − s) (the other β "
                                      "is inside s, in e^(−βz))."),
        (c * beta * act.sigmoid(Z, 1.0, c) * (1 - act.sigmoid(Z, 1.0, c)),
         "the parameters come in the order sigmoid_grad(Z, c, beta): your function uses c where "
         "β belongs (inside the exponential)."),
    ]
    if (c, beta) != (2.0, 3.0):
        hints.insert(0, (act.sigmoid_grad(Z, 2.0, 3.0),
                         f"your function gives the numbers for c = 2, β = 3 whatever it is given "
                         f"(here c = {c:g}, β = {beta:g}): use the parameters c and beta."))
    feedback = compare("σ'(Z)", got, expected, hints, rtol=1e-4)      # float32 answers are fine
    if feedback is not None and (c, beta) != (2.0, 3.0):
        feedback.message = f"with c = {c:g}, β = {beta:g}: " + feedback.message
    return feedback


@checker
def check_softmax(softmax):
    """Exercise: ``softmax(Z)`` returns the softmax of every row of Z (m, k), stable for large z.
    Notebook 03."""
    Z = np.array([[1.3, 5.1, 2.2],
                  [0.3, 0.6, -1.0]])
    got, error = _quiet_call(softmax, Z.copy())
    if error:
        if "broadcast" in error.message:
            error.message += (" A hint: Z.max(axis=1) has shape (m,), which cannot be subtracted "
                              "from Z (m, k); keep the axis with Z.max(axis=1, keepdims=True) "
                              "(the same for the sum).")
        return error
    expected = act.softmax(Z)
    E = np.exp(Z)
    S = np.exp(Z - Z.max(axis=1, keepdims=True))        # the stable numerators
    column_max = np.exp(Z - Z.max(axis=0, keepdims=True))
    with np.errstate(all="ignore"):
        feedback = compare("softmax(Z)", got, expected, hints=[
            (S / S.sum(axis=0, keepdims=True), "the shift is right, but each COLUMN sums to 1: "
                                               "each ROW is one sample, so divide by "
                                               "S.sum(axis=1, keepdims=True)."),
            (S / S.sum(), "the shift is right, but the whole matrix sums to 1; each row (one "
                          "sample) should: divide by S.sum(axis=1, keepdims=True)."),
            (column_max / column_max.sum(axis=1, keepdims=True),
             "you subtracted each COLUMN's maximum (axis=0): subtract each ROW's own maximum, "
             "Z.max(axis=1, keepdims=True) — a shift cancels only if the whole row gets it."),
            (S / E.sum(axis=1, keepdims=True), "shift the denominator too: with e^(z − max) on "
                                               "top, the sum must be of the same shifted "
                                               "exponentials, so the shift cancels."),
            (E / E.sum(axis=0, keepdims=True), "each COLUMN sums to 1, but each ROW is one sample: "
                                               "normalise along axis=1 (keepdims=True)."),
            (E / E.sum(), "the whole matrix sums to 1; each row (one sample) should: "
                          "E.sum(axis=1, keepdims=True)."),
            (E, "exponentiate, then divide by the row sums, so each row adds up to 1."),
            (Z / Z.sum(axis=1, keepdims=True), "exponentiate first: softmax uses e^z, so negative "
                                               "logits still give positive probabilities."),
            (act.log_softmax(Z), "that is the LOG of softmax (log-softmax): exponentiate the "
                                 "shifted logits instead of subtracting the log of their sum."),
            (np.eye(Z.shape[1])[Z.argmax(axis=1)], "that is the one-hot argmax: softmax keeps a "
                                                   "probability for every class, e^z / Σ e^z."),
            (act.sigmoid(Z), "that is the sigmoid of each entry on its own; softmax divides e^z "
                             "by the sum over the row, so each row adds up to 1."),
        ])
    if feedback:
        return feedback
    # stability: the second row is the first shifted by −1000, so both have the same softmax
    Z_big = np.array([[1000.0, 1001.0, 999.0],
                      [0.0, 1.0, -1.0],
                      [1000.0, 0.0, -1000.0],
                      [0.0, 1000.0, 0.0],
                      [-1000.0, -1001.0, -999.0]])
    got, error = _quiet_call(softmax, Z_big.copy())
    if error:
        return error
    expected = act.softmax(Z_big)
    got_arr, _ = as_numbers("softmax(Z)", got)
    if got_arr is not None and got_arr.shape == expected.shape and not np.all(np.isfinite(got_arr)):
        bad_rows = [i for i in range(len(Z_big)) if not np.all(np.isfinite(got_arr[i]))]
        if 0 in bad_rows:
            return wrong("correct for small logits, but the row [1000, 1001, 999] gives NaN: "
                         "e^1000 overflows to inf, and inf / inf is NaN. Subtract each row's "
                         "maximum before exp — Z − Z.max(axis=1, keepdims=True) — which changes "
                         "nothing mathematically (it cancels in the fraction).")
        if 1 in bad_rows:
            return wrong("the row [0, 1, −1] gives NaN when another row holds 1000: you subtracted "
                         "the maximum of the whole matrix, so e^(0 − 1001) underflows to 0 and you "
                         "divide 0 by 0. Subtract each row's OWN maximum: Z.max(axis=1, keepdims=True).")
        rows = ", ".join(str(Z_big[i].tolist()).replace(".0", "") for i in bad_rows)
        return wrong(f"the row(s) {rows} give NaN: you shifted each row by something other than "
                     "its maximum (its minimum, its first entry, its largest |z|?), so e^z still "
                     "overflows or every e^z underflows to 0. Subtract each row's MAXIMUM: then "
                     "the largest exponent is exactly 0.")
        return wrong("large logits (1000) give NaN or inf: subtract each row's maximum before exp.")
    with np.errstate(all="ignore"):
        clipped = np.exp(np.clip(Z_big, -500, 500))
        naive = np.exp(Z_big)
        hints = [(clipped / clipped.sum(axis=1, keepdims=True),
                  "clipping the logits avoids the overflow but changes the answer (1000 and "
                  "1001 both become 500, so they look equally likely). Subtract each row's "
                  "maximum instead: that shift cancels in the fraction."),
                 (np.nan_to_num(naive / naive.sum(axis=1, keepdims=True)),
                  "np.nan_to_num hides the overflow instead of avoiding it: the NaN became 0, "
                  "so those rows no longer sum to 1. Subtract each row's maximum before exp.")]
    feedback = compare("softmax(Z)", got, expected, hints=hints)
    if feedback:
        feedback.message = "with logits around 1000: " + feedback.message
        return feedback
    return correct("each row sums to 1, and logits of 1000 are no problem: the row maximum "
                   "cancels in the fraction but keeps e^z from overflowing.")


progress = progress_of(__name__)     # ex.progress(): this notebook's exercises, this session
