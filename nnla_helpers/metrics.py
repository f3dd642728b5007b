"""What a classifier got right and wrong — notebook 06.

    class_labels(y)                    integer labels (m,) from labels or one-hot rows
    confusion_counts(y_true, y_pred)   C[i, j] = how many samples of class i were predicted as j
    most_confident_mistakes(P, y)      the wrong predictions with the highest probability
"""

import numpy as np

from . import checks
from .checks import as_array, check_labels
from .errors import ShapeError


def class_labels(y, name="y"):
    """Integer class labels (m,) from labels or one-hot rows (m, k) — notebook 06."""
    y = as_array(name, y, ndim=(1, 2))
    if y.ndim == 2 and y.shape[1] > 1:
        checks.check_distribution_rows(name, y)
        y = y.argmax(axis=1)
    return check_labels(name, y.reshape(-1))


def confusion_counts(y_true, y_pred, n_classes=None):
    """C[i, j] = how many samples of true class i were predicted as class j. Shape (k, k).
    Notebook 06."""
    y_true, y_pred = class_labels(y_true, "y_true"), class_labels(y_pred, "y_pred")
    if y_true.shape != y_pred.shape:
        raise ShapeError(f"y_true has {y_true.shape[0]} labels but y_pred has {y_pred.shape[0]}.")
    if n_classes is not None:
        n_classes = checks.whole("n_classes", n_classes, at_least=1)
        check_labels("y_true", y_true, n_classes), check_labels("y_pred", y_pred, n_classes)
    k = n_classes or int(max(y_true.max(), y_pred.max())) + 1
    C = np.zeros((k, k), dtype=np.int64)
    np.add.at(C, (y_true, y_pred), 1)
    return C

def most_confident_mistakes(P, y, n=6):
    """Indices of the ``n`` wrong predictions with the highest predicted probability, worst first.
    Notebook 06."""
    P = as_array("P", P, ndim=2)
    y = check_labels("y", class_labels(y), P.shape[1])
    n = checks.whole("n", n, at_least=1, hint=" It is how many mistakes to return.")
    if y.shape[0] != P.shape[0]:
        raise ShapeError(f"P has {P.shape[0]} rows but y has {y.shape[0]} labels.")
    pred = P.argmax(axis=1)
    wrong = np.flatnonzero(pred != y)
    order = np.argsort(-P[wrong, pred[wrong]], kind="stable")
    return wrong[order][:n]
