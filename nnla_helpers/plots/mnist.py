"""MNIST digits, the confusion matrix and the most confident mistakes — notebook 06."""

import numpy as np

from ..checks import check_xy
from ..data import as_images
from ..metrics import class_labels, confusion_counts, most_confident_mistakes
from ..network import accuracy
from ..style import GREYS, HIGHLIGHT, OKABE_ITO, SEQUENTIAL, course_style, new_figure


def digit_grid(images, labels=None, predictions=None, n_cols=8, max_images=40, title=None):
    """Figure: digits in a grid, each titled "label → prediction" (wrong ones in vermillion, with ✗).
    Notebook 06."""
    images = as_images(images)[:max_images]
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
    C = confusion_counts(y_true, y_pred, n_classes)
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
        acc = accuracy(class_labels(y_pred), class_labels(y_true))
        ax.set_title(title or f"confusion matrix {C.shape} · accuracy {acc:.1%}")
    return fig

def draw_probability_bars(ax, p, label=None):
    """Bars of class probabilities (ylim 0–1); the predicted class in orange, the true one outlined.
    Notebook 06."""
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
    X, y = check_xy(X, y)
    y = class_labels(y)
    P = net.predict_proba(X)
    idx = most_confident_mistakes(P, y, n)
    if idx.size == 0:
        raise ValueError("there are no mistakes to show: every prediction is right.")
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
