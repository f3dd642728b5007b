"""Classification in the plane: the decision regions of a 2-input network — notebooks 02, 03, 05."""

import numpy as np
from matplotlib.colors import to_rgb

from .. import checks
from ..checks import check_plane, check_xy
from ..errors import BadValueError, SettingError, ShapeError
from ..style import class_color, course_style, new_figure
from . import _inputs


def plane_grid(X, n=80, pad=0.15):
    """A regular n × n grid over the box around X (plus ``pad`` of its size on every side).

    Returns (G (n·n, 2) grid points in rows, extent (x0, x1, y0, y1) for ``imshow``).
    Notebooks 02, 03, 05.
    """
    X = check_plane(X)
    n = _inputs.count("n", n, at_least=2, at_most=_inputs.MAX_GRID,
                      hint=" It is the number of grid points along each side.")
    pad = checks.number("pad", pad, at_least=0, at_most=10,
                        hint=" It is the margin around the data, as a fraction of its size.")
    lo, hi = X.min(axis=0), X.max(axis=0)
    flat = hi - lo <= 1e-9                          # one x (or y) value: half a unit each side
    margin = np.where(flat, 0.5, pad * (hi - lo))
    lo, hi = lo - margin, hi + margin
    xs, ys = np.linspace(lo[0], hi[0], n), np.linspace(lo[1], hi[1], n)
    GX, GY = np.meshgrid(xs, ys)                    # row r of the grid is y = ys[r]
    return np.column_stack([GX.ravel(), GY.ravel()]), (lo[0], hi[0], lo[1], hi[1])

# Rows per call of predict_proba for a picture's grid: a block's layer outputs stay in the
# processor's cache (an 80 × 80 grid through a 128-unit layer, 6400 × 128 numbers, does not),
# which halves the time of a frame of a wide network (benchmarks/README.md, "In the browser").
GRID_BLOCK = 1024


def class_probabilities(net, X):
    """(m, k) class probabilities; a single sigmoid output p becomes the two columns (1 − p, p).
    The rows go through ``net.predict_proba`` in blocks of ``GRID_BLOCK`` (each row's
    probabilities depend on that row only). Notebooks 02, 03, 05."""
    net = _inputs.network(net)
    P = np.concatenate([_inputs.predictions(net, X[i:i + GRID_BLOCK])
                        for i in range(0, max(len(X), 1), GRID_BLOCK)])
    if P.shape[1] == 1:
        P = np.hstack([1 - P, P])
    return P

def region_colors(P, strength=0.45):
    """Mix the class colours by probability and fade towards white: (m, k) → (m, 3) RGB.

    A confident region shows its class colour; near a boundary the colours blend.
    Notebooks 02, 03, 05.
    """
    P = _probability_rows(P)
    strength = checks.number("strength", strength, at_least=0, at_most=1,
                             hint=" 1 shows the class colours at full strength, 0 white.")
    colors = np.array([to_rgb(class_color(k)) for k in range(P.shape[1])])
    rgb = strength * (np.nan_to_num(P) @ colors) + (1 - strength)
    return np.clip(rgb, 0, 1)

def draw_decision_boundary(ax, net, X, y, grid_points=80):
    """Class regions of ``net`` on a grid around X, with the data on top.

    Returns {"image", "points" (a marker line per class), "grid"}: update a frame with
    ``image.set_data(region_colors(class_probabilities(net, grid)).reshape(n, n, 3))``.
    Notebooks 02, 03, 05.
    """
    ax = _inputs.axes(ax)
    return _draw_regions(ax, *_regions(net, X, y, grid_points))


def _draw_regions(ax, X, y, G, extent, P):
    grid_points = int(round(np.sqrt(G.shape[0])))
    rgb = region_colors(P).reshape(grid_points, grid_points, 3)
    image = ax.imshow(rgb, extent=extent, origin="lower", aspect="auto", interpolation="nearest")
    # one marker line per class: Agg stamps a marker it has drawn once, so a widget that
    # redraws the points every frame pays far less than for a scatter of as many points
    points = [ax.plot(X[y == k, 0], X[y == k, 1], "o", ms=4.2, color=class_color(k), mec="black",
                      mew=0.3)[0] for k in np.unique(y)]
    ax.set_xlim(extent[:2])
    ax.set_ylim(extent[2:])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return {"image": image, "points": points, "grid": G}

def decision_boundary(net, X, y, grid_points=150, title=None):
    """Figure: the class regions of a 2-input network and the labelled data points.
    Notebooks 02, 03, 05."""
    title = _inputs.title(title)
    output = getattr(_inputs.network(net), "output", "softmax")
    if output not in ("softmax", "sigmoid"):
        raise SettingError(f"decision regions are coloured by class probabilities, but this "
                           f"network's output is {output!r} (numbers, not classes): build it with "
                           "output='softmax' (or 'sigmoid' for two classes).")
    regions = _regions(net, X, y, grid_points)
    _inputs.finite_outputs(regions[-1])
    fig = new_figure(5.5, 4.8, layout="constrained")
    with course_style():
        ax = fig.add_subplot()
        _draw_regions(ax, *regions)
        ax.set_title(title or f"decision regions · X {regions[0].shape}")
    return fig


def _regions(net, X, y, grid_points):
    """The checked data of a decision-boundary plot: X (m, 2), labels y (m,), the grid G, its
    extent and the class probabilities P on G — each label one of the network's classes."""
    _inputs.network(net)
    X = check_plane(X)
    X, y = check_xy(X, y)
    _inputs.n_inputs(net, 2, "a decision boundary in the plane")
    grid_points = _inputs.count("grid_points", grid_points, at_least=2, at_most=_inputs.MAX_GRID,
                                hint=" It is the number of grid points along each side.")
    G, extent = plane_grid(X, grid_points)
    P = class_probabilities(net, G)
    y = _inputs.labels("y", y, X.shape[0], "X", n_classes=P.shape[1])
    return X, y, G, extent, P


def _probability_rows(P):
    """P (m, k) as a float array of numbers; NaN is allowed (a diverged network's regions
    are drawn white), anything that is not an (m, k) table of numbers is not."""
    try:
        P = np.asarray(P, dtype=float)
    except (TypeError, ValueError):
        raise BadValueError(f"P must be an (m, k) array of class probabilities, but it is "
                            f"{type(P).__name__}.") from None
    if P.ndim != 2 or P.shape[1] < 1:
        raise ShapeError(f"P must be an (m, k) array of class probabilities, one row per grid "
                         f"point; it has shape {P.shape}.")
    return P
