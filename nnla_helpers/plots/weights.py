"""Weights as colours (blue < 0 < red, white at 0), each labelled with its shape — notebooks 03, 06."""

import numpy as np

from .. import checks
from ..checks import as_array
from ..errors import BadValueError, SettingError, ShapeError
from ..style import DIVERGING, course_style, new_figure, shape_label
from . import _inputs

MAX_MATRICES = 20          # weight matrices side by side in one figure


def symmetric_limit(W):
    """max |w| over the finite entries (1 if there are none): colour limits ±this keep 0 white.

    NaN and ±inf are skipped on purpose: a widget keeps drawing a network whose weights are
    running away. Notebooks 03, 06."""
    if not isinstance(W, np.ndarray) or W.dtype.kind not in "biuf":
        try:
            W = np.asarray(W)
        except (TypeError, ValueError):        # ragged lists
            W = np.asarray(None)
        if W.dtype.kind not in "biuf":
            raise BadValueError(f"W must be an array of numbers (weights), but it holds "
                                f"{W.dtype} values.")
    finite = np.abs(W[np.isfinite(W)])
    m = float(finite.max()) if finite.size else 1.0
    return m if m > 0 else 1.0

def draw_weight_heatmap(ax, W, name="W", ticks=True):
    """W as colours (blue < 0 < red, white at 0), titled with its name and shape. Returns the image.

    A 1-D array (a bias) is drawn as one row. Rows are inputs, columns are units (outputs).
    Update a frame with ``image.set_data(W)`` and ``image.set_clim(-m, m)``.
    Notebook 03.
    """
    ax = _inputs.axes(ax)
    ticks = _inputs.flag("ticks", ticks)
    W, name = _heatmap_input(W, name)
    shape = W.shape
    W2 = W.reshape(1, -1) if W.ndim == 1 else W
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

def _heatmap_input(W, name):
    """(W as a 1-D or 2-D float array of finite numbers, its name), or a package error."""
    name = _inputs.text("name", name, example="W1")
    W = as_array(name, W)
    if W.ndim not in (1, 2):
        raise ShapeError(f"{name} must be a matrix (2-D) or a vector to draw as a heatmap; it has "
                         f"shape {W.shape}.")
    return W.astype(float, copy=False), name


def _few_ticks(n, most=6):
    """At most ``most`` integer tick positions 0 … n−1."""
    return np.unique(np.linspace(0, n - 1, min(n, most)).round().astype(int))

def weight_heatmap(W, name="W", title=None):
    """Figure: one weight matrix as a heatmap with a colour bar, titled "W₁ (2, 16)".
    Notebook 03."""
    W, name = _heatmap_input(W, name)
    title = _inputs.title(title)
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
    biases = _inputs.flag("biases", biases)
    weights = _parameters(net, "weights")
    arrays = [_heatmap_input(W, f"W{i}")[::-1] for i, W in enumerate(weights, start=1)]
    if biases:
        bias_list = _parameters(net, "biases")
        if len(bias_list) != len(weights):
            raise ShapeError(f"net has {len(weights)} weight matrices but {len(bias_list)} "
                             "biases; every layer has one of each.")
        arrays += [_heatmap_input(b, f"b{i}")[::-1] for i, b in enumerate(bias_list, start=1)]
    n = len(weights)
    fig = new_figure(3.6 * n, 3.4 + (1.6 if biases else 0), layout="constrained")
    with course_style():
        rows = 2 if biases else 1
        grid = fig.add_gridspec(rows, n, height_ratios=[3, 1][:rows])
        for k, (name, A) in enumerate(arrays):
            ax = fig.add_subplot(grid[k // n, k % n])
            image = draw_weight_heatmap(ax, A, name)
            fig.colorbar(image, ax=ax, shrink=0.9)
    return fig

def _parameters(net, kind):
    """net.weights (or net.biases): a list of at most MAX_MATRICES arrays, or a package error."""
    arrays = getattr(net, kind, None)
    if not isinstance(arrays, (list, tuple)) or not arrays:
        raise BadValueError(f"net must be a network with a list of {kind} (such as an MLP, "
                            f"e.g. MLP([2, 8, 3])), but it is {type(net).__name__}.")
    if len(arrays) > MAX_MATRICES:
        raise SettingError(f"net has {len(arrays)} {kind}; weight_heatmaps draws at most "
                           f"{MAX_MATRICES} side by side. Draw the ones you want one by one: "
                           "weight_heatmap(net.weights[0], \"W1\"), and so on.")
    return arrays


def first_layer_weights(W1, n=16, n_cols=8, image_shape=(28, 28), title=None):
    """Figure: the first ``n`` columns of W1 (784, n_hidden) each as a 28×28 image.

    Column j of W1 holds the weights from every pixel into hidden unit j, so it has the
    shape of an image: red pixels push the unit up, blue ones down.
    Notebook 06.
    """
    W1 = as_array("W1", W1, ndim=2)
    image_shape = _image_shape(image_shape)
    n = _inputs.count("n", n, at_most=_inputs.MAX_PANELS,
                      hint=" It is how many hidden units (columns of W1) to show.")
    n_cols = _inputs.count("n_cols", n_cols, at_most=_inputs.MAX_PANELS,
                           hint=" It is how many images stand side by side in a row.")
    title = _inputs.title(title)
    if W1.shape[0] != image_shape[0] * image_shape[1]:
        hint = " Did you mean W1.T? (W1 is (784, n_hidden) here)" if \
            W1.shape[1] == image_shape[0] * image_shape[1] else ""
        raise ShapeError(f"W1 has shape {W1.shape}; its {W1.shape[0]} rows should be the "
                         f"{image_shape[0]}×{image_shape[1]} = {image_shape[0] * image_shape[1]} "
                         f"pixels of an image (image_shape = {image_shape}).{hint}")
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


def _image_shape(image_shape):
    """(rows, columns) of one image: two whole numbers ≥ 1."""
    if isinstance(image_shape, (str, bytes)) or not hasattr(image_shape, "__len__") \
            or len(image_shape) != 2:
        raise SettingError(f"image_shape must be two whole numbers (rows, columns), e.g. (28, 28), "
                           f"but it is {image_shape!r}.")
    return tuple(checks.whole(f"image_shape[{i}]", v, at_least=1) for i, v in enumerate(image_shape))
