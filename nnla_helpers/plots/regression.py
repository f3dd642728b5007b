"""Regression with one input: the data and the fitted line, and the loss over (w, b) — notebook 01."""

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from .. import linear
from ..layers import dense_forward, mse
from ..checks import check_xy
from ..errors import ShapeError
from ..style import OKABE_ITO, SEQUENTIAL, TRAIN_COLOR, course_style, new_figure


def draw_fitted_line(ax, X, T, n=200):
    """The data (x, t) and a line for the model's predictions. Returns {"line", "points", "x"}.

    Update a frame with ``line.set_ydata(model(x))``.
    Notebook 01.
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
        return lambda x: linear.predict(x, W.reshape(1, -1), b.reshape(-1))
    if callable(model):
        return model
    raise TypeError("model must be an MLP, a (W, b) pair or a function x -> prediction.")

def fitted_line(X, T, model, title=None):
    """Figure: the data and the model's prediction for every x (model: MLP, (W, b) or function).
    Notebook 01."""
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
    """L(w, b) = 1/(2m) Σ (w x + b − t)² on a grid: array (len(b_values), len(w_values)) — notebook 01.

    Each column of the grid is a model of its own: one dense layer with one output per w,
    O = x [w_1 … w_n] + b, and the loss of each output column is ``layers.mse``'s.
    """
    X1, T1 = np.asarray(X, float).reshape(-1, 1), np.asarray(T, float).reshape(-1, 1)
    W_row = np.asarray(w_values, float).reshape(1, -1)              # (1, n_w): one model per w
    surface = np.empty((len(b_values), W_row.shape[1]))
    for r, b in enumerate(b_values):
        O, _ = dense_forward(X1, W_row, np.full(W_row.shape[1], b))  # (m, n_w)
        for c in range(W_row.shape[1]):
            surface[r, c] = mse(O[:, c:c + 1], T1)[0]
    return surface


def surface_window(X, T, start=None, min_half_width=2.0):
    """(w range, b range) centred on the least-squares optimum, wide enough to include ``start``.
    Notebook 01."""
    W_opt, b_opt = linear.least_squares(np.asarray(X, float).reshape(-1, 1), np.asarray(T, float).reshape(-1, 1))
    w_opt, b_opt = float(W_opt[0, 0]), float(b_opt[0])
    half = min_half_width
    if start is not None:
        half = max(half, 1.3 * abs(start[0] - w_opt), 1.3 * abs(start[1] - b_opt))
    return (w_opt - half, w_opt + half), (b_opt - half, b_opt + half), (w_opt, b_opt)

def draw_loss_surface(ax, X, T, start=None, n=120):
    """Contours of the MSE over (w, b), the least-squares optimum (★), and artists for a moving
    point: its trail, the current point and the arrow −∇L. Returns a dict of those artists.
    Notebook 01.
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
    """A legend entry that looks like the −∇L arrow (an arrow patch would show as a box).
    Notebook 01."""
    return Line2D([], [], color=OKABE_ITO["bluish_green"], marker=r"$\rightarrow$", ls="",
                  markersize=16, label="−∇L")

def loss_surface(X, T, path=None, title=None):
    """Figure: the MSE of O = x w + b over (w, b); ``path`` is a list of (w, b) points visited.
    Notebook 01."""
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
            dW, db = linear.gradients(np.asarray(X, float).reshape(-1, 1), np.array([[w]]), np.array([b]),
                               np.asarray(T, float).reshape(-1, 1))
            art["arrow"].set_positions((w, b), (w - dW[0, 0], b - db[0]))
        ax.legend(handles=[art["optimum"], art["point"], arrow_legend_handle()], loc="upper right")
        ax.set_title(title or "loss L(w, b) = 1/(2m) Σ (xw + b − t)²")
    return fig
