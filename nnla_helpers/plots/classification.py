"""Classification in the plane: the decision regions of a 2-input network — notebooks 02, 03, 05."""

import numpy as np
from matplotlib.colors import to_rgb

from ..checks import check_plane, check_xy
from ..metrics import class_labels
from ..style import class_color, course_style, new_figure


def plane_grid(X, n=80, pad=0.15):
    """A regular n × n grid over the box around X (plus ``pad`` of its size on every side).

    Returns (G (n·n, 2) grid points in rows, extent (x0, x1, y0, y1) for ``imshow``).
    Notebooks 02, 03, 05.
    """
    lo, hi = X.min(axis=0), X.max(axis=0)
    margin = pad * np.maximum(hi - lo, 1e-9)
    lo, hi = lo - margin, hi + margin
    xs, ys = np.linspace(lo[0], hi[0], n), np.linspace(lo[1], hi[1], n)
    GX, GY = np.meshgrid(xs, ys)                    # row r of the grid is y = ys[r]
    return np.column_stack([GX.ravel(), GY.ravel()]), (lo[0], hi[0], lo[1], hi[1])

def class_probabilities(net, X):
    """(m, k) class probabilities; a single sigmoid output p becomes the two columns (1 − p, p).
    Notebooks 02, 03, 05."""
    with np.errstate(all="ignore"):
        P = net.predict_proba(X)
    if P.shape[1] == 1:
        P = np.hstack([1 - P, P])
    return P

def region_colors(P, strength=0.45):
    """Mix the class colours by probability and fade towards white: (m, k) → (m, 3) RGB.

    A confident region shows its class colour; near a boundary the colours blend.
    Notebooks 02, 03, 05.
    """
    colors = np.array([to_rgb(class_color(k)) for k in range(P.shape[1])])
    rgb = strength * (np.nan_to_num(P) @ colors) + (1 - strength)
    return np.clip(rgb, 0, 1)

def draw_decision_boundary(ax, net, X, y, grid_points=80):
    """Class regions of ``net`` on a grid around X, with the data on top.

    Returns {"image", "points", "grid"}: update a frame with
    ``image.set_data(region_colors(class_probabilities(net, grid)).reshape(n, n, 3))``.
    Notebooks 02, 03, 05.
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
    """Figure: the class regions of a 2-input network and the labelled data points.
    Notebooks 02, 03, 05."""
    fig = new_figure(5.5, 4.8, layout="constrained")
    with course_style():
        ax = fig.add_subplot()
        draw_decision_boundary(ax, net, X, y, grid_points)
        ax.set_title(title or f"decision regions · X {tuple(np.shape(X))}")
    return fig
