"""Exercises of notebook 01: prediction, the MSE gradient and one gradient-descent step."""

import numpy as np

from .. import linear
from ._feedback import call, compare, correct, unpack, wrong


def _example(seed=0, m=6, n=3, k=2):
    rng = np.random.default_rng(seed)
    return (rng.normal(size=(m, n)), rng.normal(size=(n, k)), rng.normal(size=k),
            rng.normal(size=(m, k)))


def check_predict(predict):
    """Exercise: ``predict(X, W, b)`` returns O = X W + b, shape (m, k) — notebook 01."""
    X, W, b, _ = _example()
    O, error = call(predict, X, W, b)
    if error:
        return error
    expected = linear.predict(X, W, b)
    return compare("O", O, expected, hints=[
        (X @ W, "the bias is missing — add b to every row (NumPy broadcasts it for you)."),
        (X @ W - b, "the bias should be added, not subtracted."),
    ]) or correct(f"O = X W + b has shape {expected.shape}: one row of outputs per sample.")


def check_gradients(gradients):
    """Exercise: ``gradients(X, W, b, T)`` returns (dL/dW, dL/db) for L = 1/(2m) Σ (O − T)².
    Notebook 01."""
    X, W, b, T = _example(seed=1)
    result, error = call(gradients, X, W, b, T)
    if error:
        return error
    (dW, db), error = unpack(result, ("dW", "db"))
    if error:
        return error
    m = X.shape[0]
    E = linear.predict(X, W, b) - T            # (m, k): the errors O − T
    expected_dW, expected_db = linear.gradients(X, W, b, T)
    factor_hints = [
        (2, "off by a factor of 2 — did you drop the ½ in the loss? With the ½, the 2 from "
            "the square cancels."),
        (m, f"off by a factor of m = {m} — the loss is a mean over samples, so divide by m."),
        (-1, "the sign is flipped: use (O − T), not (T − O); the gradient points uphill."),
    ]
    feedback = compare("dW", dW, expected_dW, [(f * expected_dW, why) for f, why in factor_hints])
    if feedback is not None and dW is not None and np.shape(dW) != W.shape:
        feedback.message += (f" A gradient always has its parameter's shape: W is {W.shape}, "
                             "so dW = Xᵀ(O − T)/m.")
    feedback = feedback or compare("db", db, expected_db,
                                   [(f * expected_db, why) for f, why in factor_hints] +
                                   [(E.sum() / m * np.ones_like(expected_db),
                                     "sum over the samples only (axis=0), one entry per output.")])
    return feedback or correct("dL/dW = Xᵀ(O − T)/m and dL/db = the column means of (O − T).")


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
        if np.shape(W_new) == b.shape and np.shape(b_new) == W.shape:
            return wrong("the two results are swapped: return them in the order "
                         "`return new_W, new_b`.")
        fixed = [(W - c * dW, f"it looks like lr = {c:g} is written into your function; use the "
                              f"lr it is given (here {lr:.3g}): W − lr · dW.")
                 for c in (0.1, 0.01, 0.5, 1.0) if abs(c - lr) > 1e-9]
        feedback = compare("new W", W_new, expected_W, [
            (W + lr * dW, "you stepped uphill: subtract lr · dW, the gradient points up the slope."),
            (W - dW, "the learning rate is missing: W − lr · dW."),
            (W - dW / lr, "divide? No: multiply the gradient by the learning rate, W − lr · dW."),
            (W - lr * db, "W takes its own gradient dW, not db."),
            (dW, "that is the gradient itself; the new W is the old W minus lr times it."),
            (-lr * dW, "that is only the change; add it to the old W: W − lr · dW."),
        ] + fixed) or compare("new b", b_new, expected_b, [
            (b + lr * db, "you stepped uphill with b: subtract lr · db."),
            (b - db, "the learning rate is missing for b: b − lr · db."),
            (b - lr * dW.sum(axis=0), "b takes its own gradient db."),
            (b, "b did not move: b − lr · db."),
        ])
        if feedback:
            feedback.message = f"with lr = {lr:.3g}: " + feedback.message
            return feedback
    return correct("one step: W ← W − lr·dW, b ← b − lr·db, for any learning rate.")
