"""Exercises of notebook 06 (MNIST), and essay 001's network in its own column notation.

Essay 001 stores one image per COLUMN; the course stores one sample per ROW:

    essay (columns)                              course (rows)
    A0   (784, m)   one image per column         X  = A0ᵀ  (m, 784)
    W1   (10, 784)  (n_out, n_in)                W1 = W1ᵀ  (784, 10)   (n_in, n_out)
    b1   (10, 1)    a column                     b1 = b1 flattened (10,)
    Z1 = W1 A0 + b1            (10, m)           Z1 = X W1 + b1         (m, 10)  — the transpose
    dZ2 = A2 − Y               (10, m)           dZ2 = (A2 − Y) / m     (m, 10)  (1/m kept here)
    dW2 = dZ2 A1ᵀ / m          (10, 10)          dW2 = A1ᵀ dZ2          (10, 10) — the transpose
    db2 = mean of dZ2's columns (10, 1)          db2 = Σ_rows dZ2       (10,)

The column network is the row network transposed, so ``column_forward`` IS the package's
``MLP`` with transposed parameters — written once; tests/test_mnist_bridge.py checks it (and
the row network's gradients) against the essay's formulas written out in columns, as
notebook 06 writes them.
"""

import re

import numpy as np

from .. import data, network
from ..activations import softmax
from ._feedback import (as_numbers, call, checker, compare, correct, progress_of, returned_order,
                        shape_of, unpack, wrong)

PARAM_NAMES = ("W1", "b1", "W2", "b2")


# ---- the essay's network, column notation ----------------------------------------------------
def to_row_layout(W1, b1, W2, b2):
    """Essay (column) parameters → the course's (row) parameters: transpose W, flatten b.
    Notebook 06."""
    return W1.T, b1.reshape(-1), W2.T, b2.reshape(-1)


def row_network(W1, b1, W2, b2):
    """Essay 001's 784-10-10 network (ReLU, softmax) from its column parameters, as an MLP.
    Notebook 06."""
    net = network.MLP([W1.shape[1], W1.shape[0], W2.shape[0]], hidden="relu",
                      output="softmax", dtype=np.result_type(W1, np.float32))
    net.set_state(dict(zip(PARAM_NAMES, to_row_layout(W1, b1, W2, b2))))
    return net


def column_forward(W1, b1, W2, b2, A0):
    """Z1 = W1 A0 + b1, A1 = ReLU(Z1), Z2 = W2 A1 + b2, A2 = softmax(Z2) (per column).

    A0 (784, m), W1 (10, 784), b1 (10, 1), W2 (10, 10), b2 (10, 1). Returns a dict of all four,
    each the transpose of the row network's.
    Notebook 06.
    """
    _, cache = row_network(W1, b1, W2, b2).forward(A0.T)
    first, second = cache.layers
    return {"Z1": first.Z.T, "A1": first.A.T, "Z2": second.Z.T, "A2": second.A.T}


# ---- exercise 1: one-hot encoding ------------------------------------------------------------
def _index_error_hint(err_text):
    if "integer" in err_text:
        return ("the labels arrived as floats (like 3.0) — which is how `np.loadtxt` reads them from "
                "a CSV file, for instance. Floats cannot index an array: convert first with "
                "`labels = labels.astype(int)`.")
    line = re.search(r"`([^`]*)`\)", err_text)
    index = re.search(r"\[([^\]]*)\]\s*=", line.group(1)) if line else None
    if "out of bounds" in err_text and index and "," in index.group(1):
        rows, columns = index.group(1).split(",", 1)
        if "arange" in rows and "+ 1" in columns.replace("+1", "+ 1"):
            return ("digit 9 went to column 10, which does not exist: digit d goes in column d, "
                    "counting from 0 — `Y[np.arange(m), labels] = 1`, without the + 1.")
        if "arange" in columns:
            return ("the row and column indices are swapped: row i is sample i and its 1 goes in "
                    "column labels[i], so `Y[np.arange(m), labels] = 1`.")
    if "out of bounds" in err_text and "axis 1 with size 10" in err_text:
        return ("the column index ran past the 10 classes: it looks like the sample numbers "
                "np.arange(m) went into the columns and the labels into the rows. Row i is "
                "sample i and its 1 goes in column labels[i]: `Y[np.arange(m), labels] = 1`.")
    if "out of bounds" in err_text:
        return ("an index is out of bounds. There are 10 classes, the digits 0 to 9, so Y needs "
                "n_classes = 10 columns and digit d goes in column d (counting from 0).")
    return None


@checker
def check_one_hot(one_hot):
    """Exercise: ``one_hot(labels, n_classes=10)`` returns Y (m, n_classes), one row per sample,
    with a single 1 in column labels[i] of row i.

    Tried on labels with every digit from 0 to 9, on a batch without any 9s (where
    labels.max() + 1 would be too small), and on labels stored as floats.
    Notebook 06.
    """
    cases = [
        (np.array([3, 0, 9, 1, 1, 7, 4, 2, 8, 5, 6, 0]), "the labels [3, 0, 9, 1, 1, 7, 4, 2, 8, 5, 6, 0]"),
        (np.array([2, 0, 5, 5, 1]), "a batch without any 8s or 9s, [2, 0, 5, 5, 1]"),
        (np.array([2.0, 5.0, 0.0, 7.0]), "labels stored as floats, [2.0, 5.0, 0.0, 7.0]"),
    ]
    for labels, what in cases:
        m = labels.shape[0]
        Y, error = call(one_hot, labels.copy(), 10)
        if error:
            hint = _index_error_hint(error.message)
            if hint:
                return wrong(f"for {what}: {hint}")
            error.message = f"for {what}: " + error.message
            return error
        expected = data.one_hot(labels.astype(int), 10)
        if Y is not None:
            Y, error = as_numbers("Y", Y)
            if error:
                error.message = f"for {what}: " + error.message
                return error
        if Y is not None and np.shape(Y) == (10, m) and m != 10:
            return wrong(f"for {what}: Y has shape (10, {m}) — one sample per column, the essay's "
                         f"layout. In the course each sample is a row: Y should be ({m}, 10) "
                         "(transpose it, or build it as np.zeros((m, n_classes))).")
        if Y is not None and np.ndim(Y) == 2 and np.shape(Y)[0] == m and np.shape(Y)[1] != 10:
            k = np.shape(Y)[1]
            reason = ("labels.max() is 9 for digits 0 to 9, but there are 10 classes"
                      if k == int(labels.max()) else
                      "a batch need not contain every digit, so labels.max() + 1 can be too small"
                      if k == int(labels.max()) + 1 else "there are exactly 10 classes")
            return wrong(f"for {what}: Y has {k} columns but needs n_classes = 10 — {reason}. "
                         "Use the n_classes argument for the width.")
        all_labels = np.zeros((m, 10))
        all_labels[:, labels.astype(int)] = 1.0
        feedback = compare("Y", Y, expected, hints=[
            (np.roll(expected, -1, axis=1), "off by one: digit d must go in column d, counting "
                                             "from 0 (digit 0 in column 0, digit 9 in column 9)."),
            (np.roll(expected, 1, axis=1), "off by one: digit d must go in column d, counting "
                                            "from 0 (digit 0 in column 0, digit 9 in column 9)."),
            (all_labels, "every row has a 1 in the column of EVERY label. `Y[:, labels] = 1` sets "
                         "whole columns; set one entry per row with "
                         "`Y[np.arange(m), labels] = 1`."),
            (np.tile(labels.reshape(-1, 1), (1, 10)), "every row repeats the label itself; a "
                                                      "one-hot row holds a single 1, in the "
                                                      "column of the label, and 0 elsewhere."),
            (np.eye(11)[labels.astype(int)][:, 1:], "digit d must go in column d, counting from 0: "
                                                    "with 1-based columns, digit 0 gets no 1 at all."),
            (np.zeros((m, 10)), "Y is all zeros: put a 1 in column labels[i] of row i."),
            (1 - expected, "inverted: each row should hold a single 1, in the label's column, "
                           "and 0s elsewhere — you have 0 there and 1s elsewhere."),
        ])
        if feedback:
            feedback.message = f"for {what}: " + feedback.message
            return feedback
    five = np.array([1, 3, 0, 2])
    Y, error = call(one_hot, five, 5)
    feedback = error or compare("Y", Y, data.one_hot(five, 5))
    if feedback:
        if shape_of(Y) == (4, 10):
            feedback = wrong("your Y always has 10 columns; with n_classes = 5 it needs 5. Use the "
                             "n_classes argument for the width, not the number 10.")
        feedback.message = "for the labels [1, 3, 0, 2] with n_classes = 5: " + feedback.message
        return feedback
    return correct("each row is one sample with a single 1, in the column of its digit: "
                   "Y has shape (m, 10), and every row sums to 1.")


# ---- exercise 2: accuracy ------------------------------------------------------------------
def _probabilities(m, seed):
    """Softmax rows (m, 10), and labels y (m,) of which exactly the first 3m/4 are right.
    Row 0 holds the most confident prediction of all, so that ``P.argmax()`` without an axis
    (the index into the flattened P) is a class that also appears in y."""
    rng = np.random.default_rng(seed)
    Z = rng.normal(0, 2, (m, 10))
    Z[0, Z[0].argmax()] += 12
    P = softmax(Z)
    predicted = P.argmax(axis=1)
    y = predicted.copy()
    n_wrong = m // 4
    y[-n_wrong:] = (predicted[-n_wrong:] + 1 + rng.integers(0, 9, n_wrong)) % 10
    return P, y


def _accuracy_slips(P, y):
    """[(value, why)]: what each typical slip returns on (P, y)."""
    m = len(y)
    right = P.argmax(axis=1) == y
    expected, count = float(np.mean(right)), int(right.sum())
    return [
        (100 * expected, "that is a percentage. Return the fraction (between 0 and 1); format it "
                         "as a percentage only when printing, e.g. f\"{acc:.2%}\"."),
        (float(np.mean(P.argmax() == y)), "`P.argmax()` without an axis gives ONE index into "
                                          "the flattened P (a number from 0 to 10·m − 1), not "
                                          "one class per sample: use `P.argmax(axis=1)`."),
        (float(np.mean(P.argmin(axis=1) == y)), "the most probable class is the argMAX of each "
                                                "row; argmin picks the least probable one."),
        (0.0, "you get 0 every time. Two slips give 0: integer division or int() of a fraction "
              "(`count // m`, `int(np.mean(...))` — use `/` or np.mean), or comparing the "
              "probabilities themselves (like 0.83) with the labels (like 7), which are never "
              "equal (compare the predicted CLASS, `P.argmax(axis=1)`, with y)."),
        (float(count), "that is the number of right answers; divide by the number of samples "
                       "m = len(y) for the fraction (or use np.mean)."),
        (count / P.shape[1], f"you divided by P.shape[1] = {P.shape[1]}, the number of classes; "
                             "the fraction is over the samples: divide by m = len(y) = P.shape[0]."),
        (1 - expected, "that is the error rate, the fraction of WRONG answers; the accuracy "
                       "is the fraction of right ones."),
        (m / count if count else None, "upside down: the accuracy is right answers / samples, "
                                       "not samples / right answers."),
        (float(np.mean(P.argmax(axis=1) == y.reshape(-1, 1))),
         "y.reshape(-1, 1) is a column, and comparing it with the (m,) predictions broadcasts to "
         "an (m, m) table of every prediction against every label. Compare two (m,) arrays: "
         "`P.argmax(axis=1) == y`."),
        (float(np.mean(P.round() == np.eye(P.shape[1])[y])),
         "rounding P and comparing it entry by entry with one-hot labels counts every matching "
         "0 as well, over m·10 entries. Compare the predicted class with the label, one per "
         "sample: `np.mean(P.argmax(axis=1) == y)`."),
        (round(expected, 1), "don't round the result: return the exact fraction and round only "
                             "when you print it."),
        (round(expected, 2), "don't round the result: return the exact fraction and round only "
                             "when you print it."),
    ]


ACCURACY_CASES = ((12, 0), (10, 10), (16, 20))   # m = 10 makes P square: axis slips run quietly


@checker
def check_accuracy(accuracy):
    """Exercise: ``accuracy(P, y)`` returns the FRACTION (between 0 and 1) of rows of P (m, 10)
    whose most probable class equals the label y[i].

    Tried on m = 12, 10 and 16 samples (at m = 10 P is square and an argmax over the wrong
    axis no longer fails loudly). A slip is named only when it explains the answers on every
    one of them, so two slips that happen to give the same number on one batch are told apart.
    Notebook 06.
    """
    answers, cases = [], []
    for m, seed in ACCURACY_CASES:
        P, y = _probabilities(m, seed)
        got, error = call(accuracy, P.copy(), y.copy())
        if error:
            if "broadcast" in error.message:
                return wrong(f"P is ({m}, 10) and y is ({m},) and your comparison does not line "
                             "up: the predicted class of sample i is the argmax of ROW i, "
                             f"`P.argmax(axis=1)`, shape ({m},) like y. (argmax over axis 0 "
                             "gives one entry per class, shape (10,).)")
            return error
        expected = network.accuracy(P.argmax(axis=1), y)
        if got is None:
            return compare("the accuracy", None, expected)
        got, error = as_numbers("the accuracy", got)
        if error:
            return error
        if got.size != 1:
            return wrong(f"you returned {got.size} values (shape {got.shape}); return ONE "
                         "number, the fraction of matches: `np.mean(predicted == y)`.")
        if got.ndim:
            return wrong(f"you returned an array of shape {got.shape}; return ONE number, not an "
                         "array holding it: the fraction itself, `np.mean(predicted == y)` (or "
                         "float(…) of it).")
        got = float(np.asarray(got).reshape(()))
        if not np.isfinite(got):
            return wrong(f"with {m} samples you returned {got}: the accuracy is a fraction "
                         "between 0 and 1. NaN comes from 0/0 (an empty count?) — compute "
                         "np.mean(P.argmax(axis=1) == y).")
        answers.append(got)
        cases.append((P, y, expected))
    if all(np.isclose(a, e) for a, (_, _, e) in zip(answers, cases)):
        return correct("accuracy = the mean of (P.argmax(axis=1) == y), a fraction between 0 "
                       "and 1, for any number of samples.")
    slips = [_accuracy_slips(P, y) for P, y, _ in cases]
    first = next(i for i, (a, (_, _, e)) in enumerate(zip(answers, cases)) if not np.isclose(a, e))
    (P, y, expected), got, m = cases[first], answers[first], len(cases[first][1])
    shown = f"with {m} samples you returned {got:g}, expected {expected:g}"
    for k, (_, why) in enumerate(slips[0]):
        values = [case[k][0] for case in slips]
        if all(v is not None and np.isclose(a, v) for a, v in zip(answers, values)):
            return wrong(f"{shown}: {why}")
    count = int(round(expected * m))
    if got > 0 and abs(count / got - round(count / got)) < 1e-9 and round(count / got) != m:
        return wrong(f"{shown}: that is {count} right answers divided by {round(count / got)}, "
                     f"but there are m = {m} samples here — take m from the data, len(y), "
                     "instead of writing a number into the function.")
    return wrong(f"{shown} ({count} of the {m} predicted classes match the labels).")


# ---- exercise 3: the essay's column layout → the course's row layout ------------------------
def _essay_parameters(seed=0):
    rng = np.random.default_rng(seed)
    return (rng.uniform(-0.5, 0.5, (10, 784)), rng.uniform(-0.5, 0.5, (10, 1)),
            rng.uniform(-0.5, 0.5, (10, 10)), rng.uniform(-0.5, 0.5, (10, 1)))


@checker
def check_to_row_layout(convert):
    """Exercise: ``convert(W1, b1, W2, b2)`` takes the essay's parameters — W1 (10, 784),
    b1 (10, 1), W2 (10, 10), b2 (10, 1) — and returns the course's: W1 (784, 10), b1 (10,),
    W2 (10, 10), b2 (10,), so that X W1 + b1 … computes the same network.
    Notebook 06.
    """
    essay = _essay_parameters(seed=6)
    result, error = call(convert, *(p.copy() for p in essay))
    if error:
        return error
    got, error = unpack(result, PARAM_NAMES)
    if error:
        return error
    expected = to_row_layout(*essay)
    order = returned_order(got, dict(zip(PARAM_NAMES, expected)), np.allclose)
    if order is not None and order != PARAM_NAMES:
        return wrong(f"the four parameters are right but returned as ({', '.join(order)}); return "
                     "them in the order `return W1, b1, W2, b2`.")
    for name, g, e, src in zip(PARAM_NAMES, got, expected, essay):
        if g is None:
            return compare(name, None, e)
        shape = shape_of(g)
        if shape is None:
            return compare(name, g, e)
        if name.startswith("W"):
            if shape == src.shape and src.shape != e.shape:
                return wrong(f"{name} still has the essay's shape {src.shape} (n_out, n_in). In the "
                             f"course W is (n_in, n_out) = {e.shape}: use {name}.T.")
            if src.shape != e.shape:
                hints = [(src.reshape(e.shape), f"{name}.reshape{e.shape} keeps the numbers in "
                                                "their stored order and only re-cuts them into new "
                                                "rows; it does not swap rows and columns. Use "
                                                f"{name}.T.")]
            else:
                hints = [(src, f"{name} is square {e.shape}, so its shape cannot show the "
                                   "missing transpose — but it needs one, just like W1: "
                                   f"{name}.T.")]
            feedback = compare(name, g, e, hints)
        else:
            if shape == (10, 1):
                return wrong(f"{name} is still a column (10, 1), as in the essay. The course's bias "
                             f"is a flat vector (10,) that NumPy adds to every row: "
                             f"{name}.ravel() or {name}[:, 0].")
            if shape == (1, 10):
                return wrong(f"{name} is a (1, 10) row; the course's bias is a flat (10,) vector: "
                             f"{name}.ravel().")
            if shape in ((), (1,)):
                return wrong(f"{name} is a single number: {name}[0] picks the first entry of the "
                             f"column; keep all 10, {name}.ravel() or {name}[:, 0].")
            if len(shape) == 2 and min(shape) > 1:
                return wrong(f"{name} has shape {shape}, a weight matrix's: the results come back "
                             "in the wrong places. Return them in the order "
                             "`return W1, b1, W2, b2`.")
            feedback = compare(name, g, e, [(-e, f"the sign is flipped: {name} keeps its values, "
                                                 "only its shape changes.")])
        if feedback:
            return feedback
    # the converted network must compute what the essay's does
    A0 = np.random.default_rng(7).random((784, 5))
    essay_out = column_forward(*essay, A0)["A2"]
    net = network.MLP([784, 10, 10], hidden="relu", output="softmax")
    net.set_state(dict(zip(PARAM_NAMES, (np.asarray(p, dtype=float) for p in got))))
    if not np.allclose(net.predict_proba(A0.T), essay_out.T):
        return wrong("the shapes and values look right, but X W1 + b1 … does not reproduce the "
                     "essay's network.")
    return correct("W1 (784, 10), b1 (10,), W2 (10, 10), b2 (10,): on 5 test images the "
                   "converted network's output is exactly the transpose of the essay's.")


__all__ = ["check_one_hot", "check_accuracy", "check_to_row_layout", "column_forward",
           "row_network", "to_row_layout"]


progress = progress_of(__name__)     # ex.progress(): this notebook's exercises, this session
