"""Weights as colours (blue < 0 < red, white at 0), each labelled with its shape — notebooks 03, 06."""

import numpy as np

from ..checks import as_array
from ..errors import ShapeError
from ..style import DIVERGING, course_style, new_figure, shape_label


def symmetric_limit(W):
    """max |w| over the finite entries (1 if there are none): colour limits ±this keep 0 white.
    Notebooks 03, 06."""
    finite = np.abs(W[np.isfinite(W)])
    m = float(finite.max()) if finite.size else 1.0
    return m if m > 0 else 1.0

def draw_weight_heatmap(ax, W, name="W", ticks=True):
    """W as colours (blue < 0 < red, white at 0), titled with its name and shape. Returns the image.

    A 1-D array (a bias) is drawn as one row. Rows are inputs, columns are units (outputs).
    Update a frame with ``image.set_data(W)`` and ``image.set_clim(-m, m)``.
    Notebook 03.
    """
    W = np.asarray(W, dtype=float)
    shape = W.shape
    W2 = W.reshape(1, -1) if W.ndim == 1 else W
    if W2.ndim != 2:
        raise ShapeError(f"{name} must be a matrix (2-D) or a vector to draw as a heatmap; it has "
                         f"shape {shape}.")
    m = symmetric_limit(W2)
    image = ax.imshow(W2, cmap=DIVERGING, vmin=-m, vmax=m, aspect="auto", interpolation="nearest")
    ax.set_title(shape_label(name, shape))
    if ticks:
        ax.set_xlabel(f"to unit (column, {W2.shape[1]})")
        ax.set_ylabel(f"from input (row, {W2.shape[0]})" if W.ndim == 2 else "")
        ax.set_xticks(_few_ticks(W2.shape[1]))
        ax.set_yticks(_few_ticks(W2.shape[0]) if W.ndim == 2 else [])
    else:
        ax.set_xticks([])
        ax.set_yticks([])
    return image

def _few_ticks(n, most=6):
    """At most ``most`` integer tick positions 0 … n−1."""
    return np.unique(np.linspace(0, n - 1, min(n, most)).round().astype(int))

def weight_heatmap(W, name="W", title=None):
    """Figure: one weight matrix as a heatmap with a colour bar, titled "W₁ (2, 16)".
    Notebook 03."""
    fig = new_figure(5.0, 3.8, layout="constrained")
    with course_style():
        ax = fig.add_subplot()
        image = draw_weight_heatmap(ax, W, name)
        fig.colorbar(image, ax=ax, shrink=0.9)
        if title:
            ax.set_title(title)
    return fig

def weight_heatmaps(net, biases=False):
    """Figure: every weight matrix of ``net`` (and bias, with biases=True), each with its shape.
    Notebook 03."""
    arrays = [(f"W{i}", W) for i, W in enumerate(net.weights, start=1)]
    if biases:
        arrays += [(f"b{i}", b) for i, b in enumerate(net.biases, start=1)]
    fig = new_figure(3.6 * len(net.weights), 3.4 + (1.6 if biases else 0), layout="constrained")
    with course_style():
        rows = 2 if biases else 1
        grid = fig.add_gridspec(rows, len(net.weights), height_ratios=[3, 1][:rows])
        for k, (name, A) in enumerate(arrays):
            ax = fig.add_subplot(grid[k // len(net.weights), k % len(net.weights)])
            image = draw_weight_heatmap(ax, A, name)
            fig.colorbar(image, ax=ax, shrink=0.9)
    return fig

def first_layer_weights(W1, n=16, n_cols=8, image_shape=(28, 28), title=None):
    """Figure: the first ``n`` columns of W1 (784, n_hidden) each as a 28×28 image.

    Column j of W1 holds the weights from every pixel into hidden unit j, so it has the
    shape of an image: red pixels push the unit up, blue ones down.
    Notebook 06.
    """
    W1 = as_array("W1", W1, ndim=2)
    if W1.shape[0] != image_shape[0] * image_shape[1]:
        hint = " Did you mean W1.T? (W1 is (784, n_hidden) here)" if \
            W1.shape[1] == image_shape[0] * image_shape[1] else ""
        raise ShapeError(f"W1 has shape {W1.shape}; its {W1.shape[0]} rows should be the "
                         f"{image_shape[0] * image_shape[1]} pixels.{hint}")
    n = min(n, W1.shape[1])
    n_cols = min(n_cols, n)
    n_rows = int(np.ceil(n / n_cols))
    fig = new_figure(1.3 * n_cols, 1.4 * n_rows + 0.5, layout="constrained")
    with course_style():
        axes = fig.subplots(n_rows, n_cols, squeeze=False)
        for j, ax in enumerate(axes.flat):
            ax.set_axis_off()
            if j < n:
                col = W1[:, j]
                m = symmetric_limit(col)
                ax.imshow(col.reshape(image_shape), cmap=DIVERGING, vmin=-m, vmax=m)
                ax.set_title(f"unit {j + 1}", fontsize=10, pad=2)
        fig.suptitle(title or f"first-layer weights: columns of {shape_label('W1', W1.shape)} as "
                              f"{image_shape[0]}×{image_shape[1]} images")
    return fig
