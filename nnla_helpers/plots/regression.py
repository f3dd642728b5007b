"""Regression with one input: the data and the fitted line, and the loss over (w, b) — notebook 01."""

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from .. import checks, linear
from ..checks import as_array
from ..errors import BadValueError, NnlaError, ShapeError
from ..layers import dense_forward, mse
from ..style import OKABE_ITO, SEQUENTIAL, TRAIN_COLOR, course_style, new_figure
from . import _inputs


def draw_fitted_line(ax, X, T, n=200):
    """The data (x, t) and a line for the model's predictions. Returns {"line", "points", "x"}.

    Update a frame with ``line.set_ydata(model(x))``.
    Notebook 01.
    """
    ax = _inputs.axes(ax)
    X, T = _inputs.line_data(X, T)
    n = _inputs.count("n", n, at_least=2, at_most=100_000,
                      hint=" It is the number of points the model's line is drawn through.")
    x = _line_x(X, n)
    points = ax.scatter(X[:, 0], np.ravel(T), s=16, color=OKABE_ITO["grey"], label="data")
    line, = ax.plot(x[:, 0], np.zeros(n), color=TRAIN_COLOR, label="model")
    t = np.ravel(T)
    span = t.max() - t.min() + 1e-9 if t.max() > t.min() else 1.0    # one t value: a unit window
    ax.set_ylim(t.min() - 0.2 * span, t.max() + 0.2 * span)
    ax.set_xlim(x[0, 0], x[-1, 0])
    ax.set_xlabel("x")
    ax.set_ylabel("t")
    return {"line": line, "points": points, "x": x}

def _line_x(X, n):
    """n points (n, 1) across the x range of the data, 5 % beyond it on each side."""
    x0, x1 = X.min(), X.max()
    half = 0.05 * (x1 - x0) if x1 > x0 else 0.5                # one x value: a unit window
    return np.linspace(x0 - half, x1 + half, n).reshape(-1, 1)


def _predictor(model):
    """A function x → prediction for an MLP, a (W, b) pair, or any callable."""
    if hasattr(model, "predict_proba"):
        sizes = getattr(model, "sizes", None)
        if sizes is not None and (sizes[0] != 1 or sizes[-1] != 1):
            raise ShapeError(f"a fitted line needs a model with one input and one output, but "
                             f"model has sizes {list(sizes)}; e.g. MLP([1, 8, 1], "
                             "output='identity').")
        return model.predict_proba
    if isinstance(model, (tuple, list)) and len(model) == 2:
        W, b = as_array("model's W", model[0]), as_array("model's b", model[1])
        if W.size != 1 or b.size != 1:
            raise ShapeError(f"a fitted line has one weight and one bias: model = (W, b) with W "
                             f"(1, 1) and b (1,), but W has shape {W.shape} and b {b.shape}.")
        return lambda x: linear.predict(x, W.reshape(1, 1), b.reshape(1))
    if callable(model):
        return model
    raise BadValueError(f"model must be an MLP, a (W, b) pair or a function x -> prediction, "
                        f"but it is {type(model).__name__} {_inputs.short(model)}.")


def _line_predictions(model, x):
    """The model's prediction at each x (n, 1) as a flat (n,) array, or a plain-words error."""
    predict = _predictor(model)
    try:
        with np.errstate(all="ignore"):
            y = predict(x)
    except NnlaError:
        raise
    except Exception as err:          # a learner's function, failing in its own code
        raise BadValueError(f"model(x) raised {type(err).__name__}: {err} — model gets x, an "
                            f"(n, 1) array of inputs, and returns one prediction per row.") from err
    y = as_array("model's predictions", y)
    if y.size != x.shape[0]:
        raise ShapeError(f"model should return one prediction per x: for x of shape {x.shape} "
                         f"it returned shape {y.shape}.")
    return y.reshape(-1)


def fitted_line(X, T, model, title=None):
    """Figure: the data and the model's prediction for every x (model: MLP, (W, b) or function).
    Notebook 01."""
    shapes = f"X {_inputs.line_data(X, T)[0].shape}, T {np.shape(T)}"   # T as it was given
    X, T = _inputs.line_data(X, T)
    title = _inputs.title(title)
    predicted = _line_predictions(model, _line_x(X, 200))
    fig = new_figure(5.5, 4.2, layout="constrained")
    with course_style():
        ax = fig.add_subplot()
        art = draw_fitted_line(ax, X, T)
        art["line"].set_ydata(predicted)
        ax.legend(loc="upper left")
        ax.set_title(title or f"fitted line · {shapes}")
    return fig

def mse_surface(X, T, w_values, b_values):
    """L(w, b) = 1/(2m) Σ (w x + b − t)² on a grid: array (len(b_values), len(w_values)) — notebook 01.

    Each column of the grid is a model of its own: one dense layer with one output per w,
    O = x [w_1 … w_n] + b, and the loss of each output column is ``layers.mse``'s.
    """
    X1, T1 = _inputs.line_data(X, T)
    W_row = as_array("w_values", w_values, ndim=1).reshape(1, -1)   # (1, n_w): one model per w
    b_values = as_array("b_values", b_values, ndim=1)
    surface = np.empty((len(b_values), W_row.shape[1]))
    with np.errstate(over="ignore", invalid="ignore"):
        for r, b in enumerate(b_values):
            O, _ = dense_forward(X1, W_row, np.full(W_row.shape[1], b))  # (m, n_w)
            for c in range(W_row.shape[1]):
                surface[r, c] = mse(O[:, c:c + 1], T1)[0]
    if not np.all(np.isfinite(surface)):
        raise BadValueError("the loss overflows on this grid: X, T, w_values or b_values are too "
                            f"large to square (|x| up to {np.abs(X1).max():.3g}, |t| up to "
                            f"{np.abs(T1).max():.3g}). Rescale the data, e.g. X / X.std().")
    return surface


def surface_window(X, T, start=None, min_half_width=2.0):
    """(w range, b range) centred on the least-squares optimum, wide enough to include ``start``.
    Notebook 01."""
    X1, T1 = _inputs.line_data(X, T)
    min_half_width = checks.number("min_half_width", min_half_width, above=0,
                                   hint=" It is half the width of the window around the optimum.")
    W_opt, b_opt = linear.least_squares(X1, T1)
    w_opt, b_opt = float(W_opt[0, 0]), float(b_opt[0])
    half = min_half_width
    if start is not None:
        start = _inputs.point("start", start)
        half = max(half, 1.3 * abs(start[0] - w_opt), 1.3 * abs(start[1] - b_opt))
    return (w_opt - half, w_opt + half), (b_opt - half, b_opt + half), (w_opt, b_opt)


def _surface(X, T, start, n):
    """Everything a loss-surface plot draws, computed (and checked) before anything is drawn:
    the grid values of w and b, the loss L on the grid, and the optimum."""
    n = _inputs.count("n", n, at_least=2, at_most=_inputs.MAX_GRID,
                      hint=" It is the number of grid points along w and along b.")
    (w0, w1), (b0, b1), optimum = surface_window(X, T, start)
    w_values, b_values = np.linspace(w0, w1, n), np.linspace(b0, b1, n)
    return w_values, b_values, mse_surface(X, T, w_values, b_values), optimum


def draw_loss_surface(ax, X, T, start=None, n=120):
    """Contours of the MSE over (w, b), the least-squares optimum (★), and artists for a moving
    point: its trail, the current point and the arrow −∇L. Returns a dict of those artists.
    Notebook 01.
    """
    ax = _inputs.axes(ax)
    return _draw_surface(ax, *_surface(X, T, start, n))


def _draw_surface(ax, w_values, b_values, L, optimum):
    (w0, w1), (b0, b1), (w_opt, b_opt) = w_values[[0, -1]], b_values[[0, -1]], optimum
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
    """A legend entry that looks like the −∇L arrow (an arrow patch would show as a box).
    Notebook 01."""
    return Line2D([], [], color=OKABE_ITO["bluish_green"], marker=r"$\rightarrow$", ls="",
                  markersize=16, label="−∇L")

def loss_surface(X, T, path=None, title=None):
    """Figure: the MSE of O = x w + b over (w, b); ``path`` is a list of (w, b) points visited.
    Notebook 01."""
    X, T = _inputs.line_data(X, T)
    title = _inputs.title(title)
    if path is not None:
        path = as_array("path", path, ndim=(1, 2))
        path = path.reshape(1, -1) if path.ndim == 1 else path
        if path.shape[1] != 2:
            hint = " Did you mean path.T?" if path.shape[0] == 2 else ""
            raise ShapeError(f"path must list the (w, b) points visited, shape (k, 2), but it "
                             f"has shape {path.shape}.{hint}")
    surface = _surface(X, T, None if path is None else path[0], 120)
    fig = new_figure(5.5, 4.6, layout="constrained")
    with course_style():
        ax = fig.add_subplot()
        art = _draw_surface(ax, *surface)
        if path is not None:
            art["trail"].set_data(path[:, 0], path[:, 1])
            art["point"].set_data(path[-1:, 0], path[-1:, 1])
            w, b = path[-1]
            dW, db = linear.gradients(X, np.array([[w]]), np.array([b]), T)
            art["arrow"].set_positions((w, b), (w - dW[0, 0], b - db[0]))
        ax.legend(handles=[art["optimum"], art["point"], arrow_legend_handle()], loc="upper right")
        ax.set_title(title or "loss L(w, b) = 1/(2m) Σ (xw + b − t)²")
    return fig
