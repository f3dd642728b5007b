"""Small plotting functions for the course; each returns a matplotlib ``Figure``.

    function_and_derivative("sigmoid", c=2)      an activation g and its derivative g'
    loss_curves(history)                         train (and held-out) loss against epochs/steps
    decision_boundary(net, X, y)                 class regions of a 2-input network + the data
    fitted_line(X, T, net)                       regression: data and the fitted line
    loss_surface(X, T, path=...)                 MSE over (w, b) for a 1-input 1-output model
    weight_heatmap(W, "W1"), weight_heatmaps(net)  weights as colours, labelled with shapes
    digit_grid(images, labels, predictions)      MNIST digits in a grid
    confusion_matrix(y_true, y_pred)             counts of (true, predicted) class pairs
    first_layer_weights(W1)                      each hidden unit's 784 weights as a 28×28 image
    confident_mistakes(net, X, y)                the worst mistakes, with probability bars

The figures are plain ``Figure`` objects drawn by Agg and never registered with pyplot
(see ``nnla_helpers.style`` for why), so a notebook shows them by ending a cell with
one, and they never pile up in ``plt.get_fignums()``. Colours follow the course style:
Okabe–Ito for classes, viridis for values, a blue–white–red map centred at 0 for weights.

The ``draw_*`` functions draw into an existing ``Axes`` and return the artists they made;
the widgets reuse them and then update those artists in place, frame after frame.
"""

import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.patches import FancyArrowPatch

from .activations import ACTIVATIONS, softmax
from .checks import as_array, check_labels
from .errors import ShapeError
from .style import (DIVERGING, GREYS, HIGHLIGHT, OKABE_ITO, SEQUENTIAL, TRAIN_COLOR, VAL_COLOR,
                    class_color, course_style, new_figure, shape_label, subscript)

# ---- input checks ---------------------------------------------------------------------


def check_xy(X, y, x_name="X", y_name="y"):
    """X as a 2-D float array and y with one entry (or row) per sample of X."""
    X = as_array(x_name, X, ndim=2)
    y = np.asarray(y)
    if y.ndim == 0 or y.shape[0] != X.shape[0]:
        n_y = "a single number" if y.ndim == 0 else f"{y.shape[0]} entries (shape {y.shape})"
        raise ShapeError(f"{x_name} has {X.shape[0]} samples (rows, shape {X.shape}) but {y_name} "
                         f"has {n_y}; every sample needs exactly one target.")
    return X, y


def check_plane(X, x_name="X"):
    """A decision boundary lives in the plane of two input features: X must be (m, 2)."""
    X = as_array(x_name, X, ndim=2)
    if X.shape[1] != 2:
        raise ShapeError(f"a decision boundary is drawn in the plane of two input features, so "
                         f"{x_name} must have shape (m, 2); it has shape {X.shape}.")
    return X


def class_labels(y):
    """Integer class labels (m,) from labels or one-hot rows (m, k)."""
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] > 1:
        y = y.argmax(axis=1)
    return check_labels("y", y.reshape(-1))


# ---- decision boundary -----------------------------------------------------------------


def plane_grid(X, n=80, pad=0.15):
    """A regular n × n grid over the box around X (plus ``pad`` of its size on every side).

    Returns (G (n·n, 2) grid points in rows, extent (x0, x1, y0, y1) for ``imshow``).
    """
    lo, hi = X.min(axis=0), X.max(axis=0)
    margin = pad * np.maximum(hi - lo, 1e-9)
    lo, hi = lo - margin, hi + margin
    xs, ys = np.linspace(lo[0], hi[0], n), np.linspace(lo[1], hi[1], n)
    GX, GY = np.meshgrid(xs, ys)                    # row r of the grid is y = ys[r]
    return np.column_stack([GX.ravel(), GY.ravel()]), (lo[0], hi[0], lo[1], hi[1])


def class_probabilities(net, X):
    """(m, k) class probabilities; a single sigmoid output p becomes the two columns (1 − p, p)."""
    with np.errstate(all="ignore"):
        P = net.predict_proba(X)
    if P.shape[1] == 1:
        P = np.hstack([1 - P, P])
    return P


def region_colors(P, strength=0.45):
    """Mix the class colours by probability and fade towards white: (m, k) → (m, 3) RGB.

    A confident region shows its class colour; near a boundary the colours blend.
    """
    colors = np.array([to_rgb(class_color(k)) for k in range(P.shape[1])])
    rgb = strength * (np.nan_to_num(P) @ colors) + (1 - strength)
    return np.clip(rgb, 0, 1)


def draw_decision_boundary(ax, net, X, y, grid_points=80):
    """Class regions of ``net`` on a grid around X, with the data on top.

    Returns {"image", "points", "grid"}: update a frame with
    ``image.set_data(region_colors(class_probabilities(net, grid)).reshape(n, n, 3))``.
    """
    X = check_plane(X)
    X, y = check_xy(X, y)
    y = class_labels(y)
    G, extent = plane_grid(X, grid_points)
    rgb = region_colors(class_probabilities(net, G)).reshape(grid_points, grid_points, 3)
    image = ax.imshow(rgb, extent=extent, origin="lower", aspect="auto", interpolation="nearest")
    points = ax.scatter(X[:, 0], X[:, 1], c=[class_color(k) for k in y], s=14,
                        edgecolors="black", linewidths=0.3)
    ax.set_xlim(extent[:2])
    ax.set_ylim(extent[2:])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return {"image": image, "points": points, "grid": G}


def decision_boundary(net, X, y, grid_points=150, title=None):
    """Figure: the class regions of a 2-input network and the labelled data points."""
    fig = new_figure(5.5, 4.8, layout="constrained")
    with course_style():
        ax = fig.add_subplot()
        draw_decision_boundary(ax, net, X, y, grid_points)
        ax.set_title(title or f"decision regions · X {tuple(np.shape(X))}")
    return fig


# ---- regression ------------------------------------------------------------------------


def draw_fitted_line(ax, X, T, n=200):
    """The data (x, t) and a line for the model's predictions. Returns {"line", "points", "x"}.

    Update a frame with ``line.set_ydata(model(x))``.
    """
    X, T = check_xy(X, T, "X", "T")
    if X.shape[1] != 1 or T.size != X.shape[0]:
        raise ShapeError(f"a fitted line needs one input and one target per sample: X (m, 1) "
                         f"and T (m, 1); got X {X.shape} and T {np.shape(T)}.")
    x0, x1 = X.min(), X.max()
    x = np.linspace(x0 - 0.05 * (x1 - x0), x1 + 0.05 * (x1 - x0), n).reshape(-1, 1)
    points = ax.scatter(X[:, 0], np.ravel(T), s=16, color=OKABE_ITO["grey"], label="data")
    line, = ax.plot(x[:, 0], np.zeros(n), color=TRAIN_COLOR, label="model")
    t = np.ravel(T)
    span = t.max() - t.min() + 1e-9
    ax.set_ylim(t.min() - 0.2 * span, t.max() + 0.2 * span)
    ax.set_xlim(x[0, 0], x[-1, 0])
    ax.set_xlabel("x")
    ax.set_ylabel("t")
    return {"line": line, "points": points, "x": x}


def _predictor(model):
    """A function x → prediction for an MLP, a (W, b) pair, or any callable."""
    if hasattr(model, "predict_proba"):
        return model.predict_proba
    if isinstance(model, tuple) and len(model) == 2:
        W, b = (np.asarray(a, dtype=float) for a in model)
        return lambda x: x @ W.reshape(1, -1) + b.reshape(-1)
    if callable(model):
        return model
    raise TypeError("model must be an MLP, a (W, b) pair or a function x -> prediction.")


def fitted_line(X, T, model, title=None):
    """Figure: the data and the model's prediction for every x (model: MLP, (W, b) or function)."""
    fig = new_figure(5.5, 4.2, layout="constrained")
    with course_style():
        ax = fig.add_subplot()
        art = draw_fitted_line(ax, X, T)
        with np.errstate(all="ignore"):
            art["line"].set_ydata(np.ravel(_predictor(model)(art["x"])))
        ax.legend(loc="upper left")
        ax.set_title(title or f"fitted line · X {tuple(np.shape(X))}, T {tuple(np.shape(T))}")
    return fig


def mse_surface(X, T, w_values, b_values):
    """L(w, b) = 1/(2m) Σ (w x + b − t)² on a grid: array (len(b_values), len(w_values)).

    Expanding the square needs only five sums over the data, so the whole grid costs
    no more than a few array operations: L = ½(w²·x̄² + b² + t̄² + 2wb·x̄ − 2w·x̄t̄ − 2b·t̄),
    where a bar means the mean over the m samples.
    """
    x, t = np.ravel(X), np.ravel(T)
    Sxx, Sx, Stt, St, Sxt = (x * x).mean(), x.mean(), (t * t).mean(), t.mean(), (x * t).mean()
    w, b = np.meshgrid(w_values, b_values)
    return 0.5 * (w * w * Sxx + b * b + Stt + 2 * w * b * Sx - 2 * w * Sxt - 2 * b * St)


def surface_window(X, T, start=None, min_half_width=2.0):
    """(w range, b range) centred on the least-squares optimum, wide enough to include ``start``."""
    from .linear import least_squares
    W_opt, b_opt = least_squares(np.asarray(X, float).reshape(-1, 1), np.asarray(T, float).reshape(-1, 1))
    w_opt, b_opt = float(W_opt[0, 0]), float(b_opt[0])
    half = min_half_width
    if start is not None:
        half = max(half, 1.3 * abs(start[0] - w_opt), 1.3 * abs(start[1] - b_opt))
    return (w_opt - half, w_opt + half), (b_opt - half, b_opt + half), (w_opt, b_opt)


def draw_loss_surface(ax, X, T, start=None, n=120):
    """Contours of the MSE over (w, b), the least-squares optimum (★), and artists for a moving
    point: its trail, the current point and the arrow −∇L. Returns a dict of those artists.
    """
    (w0, w1), (b0, b1), (w_opt, b_opt) = surface_window(X, T, start)
    w_values, b_values = np.linspace(w0, w1, n), np.linspace(b0, b1, n)
    L = mse_surface(X, T, w_values, b_values)
    levels = np.geomspace(max(L.min(), 1e-6) * 1.05, L.max(), 14)
    contours = ax.contour(w_values, b_values, L, levels=levels, cmap=SEQUENTIAL, linewidths=1)
    optimum, = ax.plot([w_opt], [b_opt], marker="*", markersize=14, color="black", ls="",
                       label="least squares")
    trail, = ax.plot([], [], color=OKABE_ITO["vermillion"], lw=1.5, marker=".", markersize=5)
    point, = ax.plot([], [], marker="o", markersize=9, color=OKABE_ITO["vermillion"], ls="",
                     label="(w, b) now")
    arrow = FancyArrowPatch((w_opt, b_opt), (w_opt, b_opt), arrowstyle="-|>", mutation_scale=16,
                            color=OKABE_ITO["bluish_green"], lw=2, label="−∇L")
    ax.add_patch(arrow)
    ax.set_xlim(w0, w1)
    ax.set_ylim(b0, b1)
    ax.set_xlabel("w  (W is (1, 1))")
    ax.set_ylabel("b  (b is (1,))")
    return {"contours": contours, "optimum": optimum, "trail": trail, "point": point,
            "arrow": arrow, "optimum_wb": (w_opt, b_opt)}


def arrow_legend_handle():
    """A legend entry that looks like the −∇L arrow (an arrow patch would show as a box)."""
    from matplotlib.lines import Line2D
    return Line2D([], [], color=OKABE_ITO["bluish_green"], marker=r"$\rightarrow$", ls="",
                  markersize=16, label="−∇L")


def loss_surface(X, T, path=None, title=None):
    """Figure: the MSE of O = x w + b over (w, b); ``path`` is a list of (w, b) points visited."""
    X, T = check_xy(X, T, "X", "T")
    path = None if path is None else np.asarray(path, dtype=float).reshape(-1, 2)
    fig = new_figure(5.5, 4.6, layout="constrained")
    with course_style():
        ax = fig.add_subplot()
        art = draw_loss_surface(ax, X, T, start=None if path is None else path[0])
        if path is not None:
            art["trail"].set_data(path[:, 0], path[:, 1])
            art["point"].set_data(path[-1:, 0], path[-1:, 1])
            w, b = path[-1]
            from .linear import gradients
            dW, db = gradients(np.asarray(X, float).reshape(-1, 1), np.array([[w]]), np.array([b]),
                               np.asarray(T, float).reshape(-1, 1))
            art["arrow"].set_positions((w, b), (w - dW[0, 0], b - db[0]))
        ax.legend(handles=[art["optimum"], art["point"], arrow_legend_handle()], loc="upper right")
        ax.set_title(title or "loss L(w, b) = 1/(2m) Σ (xw + b − t)²")
    return fig


# ---- loss curves -------------------------------------------------------------------------


def loss_curves(history=None, train=None, val=None, x=None, log=True, xlabel="epoch", title=None):
    """Figure: train (and held-out) loss. Pass a ``History`` or the lists ``train``/``val``."""
    if history is not None:
        train, val = history.train_loss, history.val_loss
    if train is None or len(train) == 0:
        raise ValueError("loss_curves needs some losses: pass a History or train=[...].")
    train = np.asarray(train, dtype=float)
    x = np.arange(1, len(train) + 1) if x is None else np.asarray(x)
    if x.shape[0] != train.shape[0]:
        raise ShapeError(f"x has {x.shape[0]} positions but train has {train.shape[0]} losses.")
    fig = new_figure(5.5, 3.8, layout="constrained")
    with course_style():
        ax = fig.add_subplot()
        ax.plot(x, train, color=TRAIN_COLOR, label="train")
        if val is not None and len(val):
            ax.plot(x[:len(val)], np.asarray(val, dtype=float), color=VAL_COLOR, label="held-out")
        if log and np.all(train > 0):
            ax.set_yscale("log")
        ax.set_xlabel(xlabel)
        ax.set_ylabel("loss")
        ax.legend()
        ax.set_title(title or "loss")
    return fig


# ---- activations ---------------------------------------------------------------------------


def activation_pair(name, **params):
    """(g, g') for an activation name with its parameters bound (c, beta, delta)."""
    if name not in ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r}; choose one of {', '.join(sorted(ACTIVATIONS))}.")
    g, dg = ACTIVATIONS[name]
    if not params:
        return g, dg
    return (lambda z: g(z, **params)), (lambda z: dg(z, **params))


def function_and_derivative(name, z=None, title=None, **params):
    """Figure: g(z) and g'(z) on one axes, e.g. ``function_and_derivative("sigmoid", c=2, beta=3)``.

    For ``name="softmax"`` (which mixes a vector) it shows softmax of ``z`` (default
    [2, 1, 0.1, −1]) as bars, at ``temperature`` (default 1).
    """
    if name == "softmax":
        return _softmax_bars(z, params.get("temperature", 1.0), title)
    g, dg = activation_pair(name, **params)
    z = np.linspace(-5, 5, 401) if z is None else np.asarray(z, dtype=float)
    fig = new_figure(5.5, 3.8, layout="constrained")
    with course_style():
        ax = fig.add_subplot()
        ax.axhline(0, color=OKABE_ITO["grey"], lw=0.8)
        ax.axvline(0, color=OKABE_ITO["grey"], lw=0.8)
        ax.plot(z, g(z), color=TRAIN_COLOR, label="g(z)")
        ax.plot(z, dg(z), color=VAL_COLOR, ls="--", label="g′(z)")
        ax.set_xlabel("z")
        ax.legend(loc="upper left")
        args = ", ".join(f"{k}={v:g}" for k, v in params.items())
        ax.set_title(title or f"{name}({args})" if args else title or name)
    return fig


def _softmax_bars(z, temperature, title):
    z = np.array([2.0, 1.0, 0.1, -1.0]) if z is None else as_array("z", z, ndim=1)
    p = softmax(z, temperature=temperature)
    fig = new_figure(7, 3.4, layout="constrained")
    with course_style():
        ax_z, ax_p = fig.subplots(1, 2)
        idx = np.arange(z.size)
        ax_z.bar(idx, z, color=OKABE_ITO["grey"])
        ax_z.set_title(f"logits z {z.shape}")
        ax_p.bar(idx, p, color=[class_color(k) for k in idx])
        ax_p.set_ylim(0, 1)
        ax_p.set_title(title or f"softmax(z / T), T = {temperature:g}")
        for ax in (ax_z, ax_p):
            ax.set_xticks(idx)
            ax.set_xlabel("i")
    return fig


# ---- weights -------------------------------------------------------------------------------


def symmetric_limit(W):
    """max |w| over the finite entries (1 if there are none): colour limits ±this keep 0 white."""
    finite = np.abs(W[np.isfinite(W)])
    m = float(finite.max()) if finite.size else 1.0
    return m if m > 0 else 1.0


def draw_weight_heatmap(ax, W, name="W", ticks=True):
    """W as colours (blue < 0 < red, white at 0), titled with its name and shape. Returns the image.

    A 1-D array (a bias) is drawn as one row. Rows are inputs, columns are units (outputs).
    Update a frame with ``image.set_data(W)`` and ``image.set_clim(-m, m)``.
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
    """Figure: one weight matrix as a heatmap with a colour bar, titled "W₁ (2, 16)"."""
    fig = new_figure(5.0, 3.8, layout="constrained")
    with course_style():
        ax = fig.add_subplot()
        image = draw_weight_heatmap(ax, W, name)
        fig.colorbar(image, ax=ax, shrink=0.9)
        if title:
            ax.set_title(title)
    return fig


def weight_heatmaps(net, biases=False):
    """Figure: every weight matrix of ``net`` (and bias, with biases=True), each with its shape."""
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


# ---- MNIST ---------------------------------------------------------------------------------


def _as_images(images, image_shape=(28, 28)):
    """(n, 784) rows or (n, 28, 28) images → (n, 28, 28)."""
    images = np.asarray(images, dtype=float)
    if images.ndim == 1:
        images = images[None]
    if images.ndim == 2:
        if images.shape[1] != image_shape[0] * image_shape[1]:
            raise ShapeError(f"images have {images.shape[1]} values each, which is not "
                             f"{image_shape[0]}×{image_shape[1]} = {image_shape[0] * image_shape[1]}.")
        images = images.reshape(-1, *image_shape)
    if images.ndim != 3:
        raise ShapeError(f"images must be (n, {image_shape[0] * image_shape[1]}) rows or "
                         f"(n, {image_shape[0]}, {image_shape[1]}); got shape {images.shape}.")
    return images


def digit_grid(images, labels=None, predictions=None, n_cols=8, max_images=40, title=None):
    """Figure: digits in a grid, each titled "label → prediction" (wrong ones in vermillion, with ✗)."""
    images = _as_images(images)[:max_images]
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


def confusion_counts(y_true, y_pred, n_classes=None):
    """C[i, j] = how many samples of true class i were predicted as class j. Shape (k, k)."""
    y_true, y_pred = class_labels(y_true), class_labels(y_pred)
    if y_true.shape != y_pred.shape:
        raise ShapeError(f"y_true has {y_true.shape[0]} labels but y_pred has {y_pred.shape[0]}.")
    k = n_classes or int(max(y_true.max(), y_pred.max())) + 1
    C = np.zeros((k, k), dtype=np.int64)
    np.add.at(C, (y_true, y_pred), 1)
    return C


def confusion_matrix(y_true, y_pred, n_classes=None, title=None):
    """Figure: the confusion matrix with every count written in its cell."""
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
        acc = np.trace(C) / max(C.sum(), 1)
        ax.set_title(title or f"confusion matrix {C.shape} · accuracy {acc:.1%}")
    return fig


def first_layer_weights(W1, n=16, n_cols=8, image_shape=(28, 28), title=None):
    """Figure: the first ``n`` columns of W1 (784, n_hidden) each as a 28×28 image.

    Column j of W1 holds the weights from every pixel into hidden unit j, so it has the
    shape of an image: red pixels push the unit up, blue ones down.
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


def most_confident_mistakes(P, y, n=6):
    """Indices of the ``n`` wrong predictions with the highest predicted probability, worst first."""
    P = as_array("P", P, ndim=2)
    y = class_labels(y)
    if y.shape[0] != P.shape[0]:
        raise ShapeError(f"P has {P.shape[0]} rows but y has {y.shape[0]} labels.")
    pred = P.argmax(axis=1)
    wrong = np.flatnonzero(pred != y)
    order = np.argsort(-P[wrong, pred[wrong]], kind="stable")
    return wrong[order][:n]


def draw_probability_bars(ax, p, label=None):
    """Bars of class probabilities (ylim 0–1); the predicted class in orange, the true one outlined."""
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
    """Figure: the ``n`` most confident mistakes: each digit above its 10 probability bars."""
    X, y = check_xy(X, y)
    y = class_labels(y)
    P = net.predict_proba(X)
    idx = most_confident_mistakes(P, y, n)
    if idx.size == 0:
        raise ValueError("there are no mistakes to show: every prediction is right.")
    images = _as_images(X[idx])
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


__all__ = ["function_and_derivative", "loss_curves", "decision_boundary", "fitted_line",
           "loss_surface", "weight_heatmap", "weight_heatmaps", "digit_grid", "confusion_matrix",
           "confusion_counts", "first_layer_weights", "confident_mistakes",
           "most_confident_mistakes", "mse_surface", "subscript"]
