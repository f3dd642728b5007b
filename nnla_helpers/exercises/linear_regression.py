"""Exercises of notebook 01: prediction, the MSE gradient and one gradient-descent step."""

import numpy as np

from .. import linear
from ._feedback import (as_numbers, call, checker, compare, correct, divided_by, progress_of,
                        returned_order, shape_of, unpack, wrong)


def _example(seed=0, m=6, n=3, k=2):
    rng = np.random.default_rng(seed)
    return (rng.normal(size=(m, n)), rng.normal(size=(n, k)), rng.normal(size=k),
            rng.normal(size=(m, k)))


# Two data sets of different sizes: a number written into the function (a 6 for m) fails the
# second. The first has m, n, k, 2m, m·k and m² all different, so each slip of the 1/m shows.
SIZES = ((7, 4, 3), (5, 2, 3))


def _second_case(feedback, m, n, k):
    feedback.message = (f"it works on the first data set but not on one with m = {m} samples, "
                        f"n = {n} inputs, k = {k} outputs: " + feedback.message + " Take every "
                        "size from the arrays (X.shape[0] is m), never write a number like 7 "
                        "into the function.")
    return feedback


@checker
def check_predict(predict):
    """Exercise: ``predict(X, W, b)`` returns O = X W + b, shape (m, k) — notebook 01."""
    for case, (m, n, k) in enumerate(SIZES):
        X, W, b, _ = _example(seed=case, m=m, n=n, k=k)
        O, error = call(predict, X, W, b)
        expected = linear.predict(X, W, b)
        feedback = error or compare("O", O, expected, hints=[
            (X @ W, "the bias is missing — add b to every row (NumPy broadcasts it for you)."),
            (X @ W - b, "the bias should be added, not subtracted."),
            (X @ (W + b), "b is added after the product, O = X @ W + b: inside the brackets it "
                          "gets multiplied by X."),
            (X @ W + b[0], "every output column has its own bias: add the whole vector b, not "
                           "one entry of it."),
            (X @ W + b.sum(), "every output column has its own bias: add the vector b itself, "
                              "not the sum of its entries."),
            (X @ W + b.mean(), "every output column has its own bias: add the vector b itself."),
            (X * 0 @ W + b, "X is missing from the product: O = X @ W + b."),
        ])
        if feedback:
            return _second_case(feedback, m, n, k) if case else feedback
    return correct(f"O = X W + b has shape {expected.shape}: one row of outputs per sample, for "
                   "any number of samples.")


@checker
def check_gradients(gradients):
    """Exercise: ``gradients(X, W, b, T)`` returns (dL/dW, dL/db) for L = 1/(2m) Σ (O − T)².
    Notebook 01."""
    for case, (m, n, k) in enumerate(SIZES):
        X, W, b, T = _example(seed=case + 1, m=m, n=n, k=k)
        result, error = call(gradients, X, W, b, T)
        feedback = error or _check_gradients(result, X, W, b, T)
        if feedback:
            return _second_case(feedback, m, n, k) if case else feedback
    return correct("dL/dW = Xᵀ(O − T)/m and dL/db = the column means of (O − T), for any m.")


def _check_gradients(result, X, W, b, T):
    (dW, db), error = unpack(result, ("dW", "db"))
    if error:
        return error
    (m, n), k = X.shape, T.shape[1]
    E = linear.predict(X, W, b) - T            # (m, k): the errors O − T
    expected_dW, expected_db = linear.gradients(X, W, b, T)
    order = returned_order((dW, db), {"dW": expected_dW, "db": expected_db},
                           lambda a, r: np.allclose(a, r, rtol=1e-6, atol=1e-9))
    if order == ("db", "dW"):
        return wrong("the two gradients are right but swapped: `return dW, db`.")
    denominators = [
        (1, f"the 1/m is missing — the loss is a mean over the m = {m} samples, so divide "
            "the sum by m."),
        (2 * m, "half the right size: divide by m only. The 2 that comes down from the "
                "square cancels the ½ of the loss."),
        (m * m, "you divided by m twice: once is the mean over samples."),
        (n, f"you divided by n = X.shape[1] = {n}, the number of inputs; the mean is over the "
            f"m = X.shape[0] = {m} samples."),
        (k, f"you divided by k = T.shape[1] = {k}, the number of outputs; the mean is over the "
            f"m = X.shape[0] = {m} samples."),
        (m * k, f"you divided by T.size = m·k = {m * k}: the loss is summed over the k outputs "
                "and averaged over the m samples only, so divide by m."),
    ]
    sign = "the sign is flipped: use (O − T), not (T − O); the gradient points uphill."
    feedback = compare("dW", dW, expected_dW, hints=[
        (X.T @ E / d, why) for d, why in denominators] + [
        (2 * expected_dW, "twice the right size — with the ½ in the loss, the 2 from the "
                          "square cancels: dW = Xᵀ(O − T)/m."),
        (-expected_dW, sign),
        (X.T @ (X @ W - T) / m, "the bias is missing from the prediction: the errors are "
                                "O − T with O = X W + b."),
        (E.T @ X / m, "dW is transposed: it has W's shape (n, k), so dW = Xᵀ(O − T)/m, with Xᵀ "
                      "first."),
    ] + divided_by(dW, X.T @ E, m))
    if feedback is not None and shape_of(dW) not in (None, W.shape):
        feedback.message += (f" A gradient always has its parameter's shape: W is {W.shape}, "
                             "so dW = Xᵀ(O − T)/m.")
    axis = "sum over the samples only (axis=0), one entry per output: db = (O − T).sum(axis=0)/m."
    return feedback or compare("db", db, expected_db, hints=[
        (E.sum(axis=0) / d, why) for d, why in denominators] + [
        (2 * expected_db, "twice the right size — the 2 from the square cancels the ½."),
        (-expected_db, sign),
        ((X @ W - T).mean(axis=0), "the bias is missing from the prediction: O = X W + b."),
        (E.sum(axis=1) / m, axis), (E.mean(axis=1), axis), (E.sum(axis=1), axis),
        (E.sum() / m, axis), (E.mean(), axis), (E.sum(), axis), (E.sum() / m * np.ones_like(expected_db), axis),
        (expected_dW.sum(axis=0), "db comes from the errors, not from dW: the bias adds 1 × "
                                  "its gradient to every sample, so db = (O − T).sum(axis=0)/m."),
        (expected_dW.mean(axis=0), "db comes from the errors, not from dW: db = (O − T).sum(axis=0)/m."),
    ] + divided_by(db, E.sum(axis=0), m))


@checker
def check_gradient_step(step):
    """Exercise: ``step(W, b, dW, db, lr)`` returns the new (W, b) after one descent step.
    Notebook 01."""
    rng = np.random.default_rng(2)
    for seed, lr in ((2, float(rng.uniform(0.02, 0.09))), (3, float(rng.uniform(0.2, 0.9)))):
        X, W, b, T = _example(seed=seed)
        dW, db = linear.gradients(X, W, b, T)
        result, error = call(step, W, b, dW, db, lr)
        if error:
            return error
        (W_new, b_new), error = unpack(result, ("new_W", "new_b"))
        if error:
            return error
        expected_W, expected_b = linear.gradient_step(X, W, b, T, lr)
        if shape_of(W_new) == b.shape and shape_of(b_new) == W.shape:
            return wrong("the two results are swapped: return them in the order "
                         "`return new_W, new_b`.")
        feedback = compare("new W", W_new, expected_W, [
            (W + lr * dW, "you stepped uphill: subtract lr · dW, the gradient points up the slope."),
            (W - dW, "the learning rate is missing: W − lr · dW."),
            (W - dW / lr, "divide? No: multiply the gradient by the learning rate, W − lr · dW."),
            (W - lr * db, "W takes its own gradient dW, not db."),
            (dW, "that is the gradient itself; the new W is the old W minus lr times it."),
            (-lr * dW, "that is only the change; add it to the old W: W − lr · dW."),
            (W, "W did not move: W − lr · dW."),
        ] + _written_in("W", W, dW, W_new, lr)) or compare("new b", b_new, expected_b, [
            (b + lr * db, "you stepped uphill with b: subtract lr · db."),
            (b - db, "the learning rate is missing for b: b − lr · db."),
            (b - lr * dW.sum(axis=0), "b takes its own gradient db."),
            (b - lr * dW, "b takes its own gradient db, not dW: b − lr · db."),
            (b - lr * db.sum(), "subtract lr · db entry by entry: db.sum() adds its entries into "
                                "one number, so every bias moved by the same amount."),
            (b, "b did not move: b − lr · db."),
        ] + _written_in("b", b, db, b_new, lr))
        if feedback:
            feedback.message = f"with lr = {lr:.3g}: " + feedback.message
            return feedback
    return correct("one step: W ← W − lr·dW, b ← b − lr·db, for any learning rate.")


def _written_in(name, value, grad, new, lr):
    """A hint if ``new`` is value − c · grad for a constant c other than lr: c was typed in."""
    got, error = as_numbers("", new)
    if error or got.shape != value.shape or not np.all(np.abs(grad) > 1e-6):
        return []
    c = (value - got) / grad
    if np.allclose(c, c.flat[0], rtol=1e-6) and abs(c.flat[0] - lr) > 1e-9 * max(1, lr):
        c = float(c.flat[0])
        if c > 0:
            return [(got, f"it looks like lr = {c:.6g} is written into your function; use the "
                          f"lr it is given (here {lr:.3g}): {name} − lr · d{name}.")]
    return []


progress = progress_of(__name__)     # ex.progress(): this notebook's exercises, this session
