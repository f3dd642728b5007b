"""MNIST digits, the confusion matrix and the most confident mistakes — notebook 06."""

import numpy as np

from .. import checks
from ..checks import as_array, check_xy
from ..data import as_images
from ..errors import BadValueError, LabelError, ShapeError
from ..metrics import class_labels, confusion_counts, most_confident_mistakes
from ..network import accuracy
from ..style import GREYS, HIGHLIGHT, OKABE_ITO, SEQUENTIAL, course_style, new_figure
from . import _inputs

PIXELS = 28 * 28
MAX_MISTAKES = 20          # digits side by side in confident_mistakes


def digit_grid(images, labels=None, predictions=None, n_cols=8, max_images=40, title=None):
    """Figure: digits in a grid, each titled "label → prediction" (wrong ones in vermillion, with ✗).
    Notebook 06."""
    images = as_images(images)
    low, high = float(images.min()), float(images.max())
    if low < -1e-6 or high > 1 + 1e-6:
        hint = " (raw bytes 0…255? divide by 255)" if high > 1.5 else ""
        raise BadValueError(f"images hold pixel values from {low:g} to {high:g}, but digits are "
                            f"drawn from 0 (white) to 1 (black){hint}.")
    m = images.shape[0]
    if labels is not None:
        labels = _inputs.labels("labels", labels, m, "images")
    if predictions is not None:
        predictions = _inputs.labels("predictions", predictions, m, "images")
    n_cols = _inputs.count("n_cols", n_cols, at_most=50,
                           hint=" It is how many digits stand side by side in a row.")
    max_images = _inputs.count("max_images", max_images, at_most=_inputs.MAX_PANELS,
                               hint=" It is how many of the images to show.")
    title = _inputs.title(title)
    images = images[:max_images]
    n = images.shape[0]
    n_cols = min(n_cols, n)
    n_rows = int(np.ceil(n / n_cols))
    fig = new_figure(1.25 * n_cols, 1.45 * n_rows + (0.4 if title else 0), layout="constrained")
    with course_style():
        axes = fig.subplots(n_rows, n_cols, squeeze=False)
        for k, ax in enumerate(axes.flat):
            ax.set_axis_off()
            if k >= n:
                continue
            ax.imshow(images[k], cmap=GREYS, vmin=0, vmax=1)
            parts, color = [], "black"
            if labels is not None:
                parts.append(f"{int(labels[k])}")
            if predictions is not None:
                parts.append(f"→ {int(predictions[k])}")
                if labels is not None and int(predictions[k]) != int(labels[k]):
                    color = OKABE_ITO["vermillion"]      # and a ✗: not by colour alone
                    parts.append("✗")
            ax.set_title(" ".join(parts), fontsize=11, color=color, pad=2)
        if title:
            fig.suptitle(title)
    return fig

def confusion_matrix(y_true, y_pred, n_classes=None, title=None):
    """Figure: the confusion matrix with every count written in its cell — notebook 06."""
    title = _inputs.title(title)
    true, pred = class_labels(y_true, "y_true"), class_labels(y_pred, "y_pred")
    if n_classes is not None:
        n_classes = checks.whole("n_classes", n_classes, at_least=1,
                                 at_most=_inputs.MAX_CLASSES)
    most = int(max(true.max(), pred.max())) + 1
    if n_classes is None and most > _inputs.MAX_CLASSES:
        name = "y_true" if true.max() >= pred.max() else "y_pred"
        raise LabelError(f"{name} has label {most - 1}, so the matrix would have {most} × {most} "
                         f"cells; this figure shows at most {_inputs.MAX_CLASSES} classes. Are "
                         "these class labels (0, 1, 2, …)?")
    C = confusion_counts(true, pred, n_classes)
    k = C.shape[0]
    fig = new_figure(0.55 * k + 2.6, 0.5 * k + 1.9, layout="constrained")
    with course_style():
        ax = fig.add_subplot()
        image = ax.imshow(C, cmap=SEQUENTIAL)
        threshold = C.max() / 2
        for i in range(k):
            for j in range(k):
                ax.text(j, i, str(C[i, j]), ha="center", va="center", fontsize=9,
                        color="black" if C[i, j] > threshold else "white")
        ax.set_xticks(range(k))
        ax.set_yticks(range(k))
        ax.set_xlabel("predicted class")
        ax.set_ylabel("true class")
        fig.colorbar(image, ax=ax, shrink=0.85)
        acc = accuracy(pred, true)
        ax.set_title(title or f"confusion matrix {C.shape} · accuracy {acc:.1%}")
    return fig

def draw_probability_bars(ax, p, label=None):
    """Bars of class probabilities (ylim 0–1); the predicted class in orange, the true one outlined.
    Notebook 06."""
    ax = _inputs.axes(ax)
    p = as_array("p", p, ndim=1)
    if p.min() < -1e-6 or p.max() > 1 + 1e-6:
        raise BadValueError(f"p must hold class probabilities between 0 and 1 (the bars' axis "
                            f"runs from 0 to 1), but it runs from {p.min():g} to {p.max():g}; "
                            "for scores use softmax(p) first.")
    if label is not None:
        label = checks.whole("label", label, at_least=0, at_most=len(p) - 1,
                             hint=f" It is the true class, one of the {len(p)} bars.")
    k = np.arange(len(p))
    bars = ax.bar(k, p, color=OKABE_ITO["grey"])
    bars[int(np.argmax(p))].set_color(HIGHLIGHT)
    if label is not None:
        bars[int(label)].set_edgecolor("black")
        bars[int(label)].set_linewidth(2)
    ax.set_ylim(0, 1)
    ax.set_xticks(k)
    return bars

def confident_mistakes(net, X, y, n=6, title=None):
    """Figure: the ``n`` most confident mistakes: each digit above its 10 probability bars.
    Notebook 06."""
    _inputs.network(net)
    X = as_array("X", X, ndim=2)
    if X.shape[1] != PIXELS:
        hint = " Did you mean X.T?" if X.shape[0] == PIXELS else ""
        raise ShapeError(f"X must hold one 28×28 image per row, shape (m, {PIXELS}), but it has "
                         f"shape {X.shape}.{hint}")
    X, y = check_xy(X, y)
    _inputs.n_inputs(net, PIXELS, "confident_mistakes of 28×28 digits")
    n = _inputs.count("n", n, at_most=MAX_MISTAKES, hint=" It is how many mistakes to show.")
    title = _inputs.title(title)
    P = _inputs.finite_outputs(_inputs.predictions(net, X))
    y = _inputs.labels("y", y, X.shape[0], "X", n_classes=P.shape[1])
    idx = most_confident_mistakes(P, y, n)
    if idx.size == 0:
        raise BadValueError("there are no mistakes to show: every prediction is right.")
    images = as_images(X[idx])
    fig = new_figure(2.1 * idx.size, 4.4, layout="constrained")
    with course_style():
        axes = fig.subplots(2, idx.size, squeeze=False, gridspec_kw={"height_ratios": [1.2, 1]})
        for c, i in enumerate(idx):
            axes[0, c].imshow(images[c], cmap=GREYS, vmin=0, vmax=1)
            axes[0, c].set_axis_off()
            pred = int(P[i].argmax())
            axes[0, c].set_title(f"#{i}: {y[i]} → {pred}\np = {P[i, pred]:.2f}", fontsize=10)
            draw_probability_bars(axes[1, c], P[i], y[i])
            axes[1, c].tick_params(labelsize=7)
        fig.suptitle(title or "most confident mistakes (label → prediction); orange = predicted, "
                              "outlined = true class", fontsize=11)
    return fig
