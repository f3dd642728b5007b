"""Static figures for the course; each function returns a matplotlib ``Figure``.

    from nnla_helpers import plots

    plots.function_and_derivative("sigmoid", c=2)   activations     an activation g and its g'   03
    plots.loss_curves(history)                      training        train / validation loss      01, 05, 06
    plots.decision_boundary(net, X, y)              classification  class regions + the data     02, 03, 05
    plots.network_diagram([3, 4, 2]) or (net)       network         units, weights, W/b shapes   02
    plots.fitted_line(X, T, net)                    regression      the data and the fitted line 01
    plots.loss_surface(X, T, path=...)              regression      MSE over (w, b)              01
    plots.weight_heatmap(W, "W1"), weight_heatmaps(net)  weights    weights as colours + shapes  03
    plots.first_layer_weights(W1)                   weights         each unit's 784 weights      06
    plots.digit_grid(images, labels, predictions)   mnist           digits in a grid             06
    plots.confusion_matrix(y_true, y_pred)          mnist           counts of (true, predicted)  06
    plots.confident_mistakes(net, X, y)             mnist           the worst mistakes + bars    06

(confusion counts and the most confident mistakes themselves are in ``nnla_helpers.metrics``.)

The figures are plain ``Figure`` objects drawn by Agg and never registered with pyplot (see
``nnla_helpers.style`` for why): a notebook shows one by ending a cell with it, and they
never pile up in ``plt.get_fignums()``. The ``draw_*`` functions draw into an existing
``Axes`` and return the artists they made; the widgets reuse them and then update those
artists in place, frame after frame.
"""

from ..metrics import confusion_counts, most_confident_mistakes
from ..style import subscript
from .activations import function_and_derivative
from .classification import (class_probabilities, decision_boundary, draw_decision_boundary,
                             plane_grid, region_colors)
from .mnist import confident_mistakes, confusion_matrix, digit_grid, draw_probability_bars
from .network import draw_network, network_diagram
from .regression import (arrow_legend_handle, draw_fitted_line, draw_loss_surface, fitted_line,
                         loss_surface, mse_surface, surface_window)
from .training import loss_curves
from .weights import (draw_weight_heatmap, first_layer_weights, symmetric_limit, weight_heatmap,
                      weight_heatmaps)

__all__ = ["function_and_derivative", "loss_curves", "decision_boundary", "fitted_line",
           "loss_surface", "weight_heatmap", "weight_heatmaps", "digit_grid", "confusion_matrix",
           "confusion_counts", "first_layer_weights", "confident_mistakes",
           "most_confident_mistakes", "mse_surface", "subscript", "draw_decision_boundary",
           "draw_fitted_line", "draw_loss_surface", "draw_weight_heatmap", "draw_probability_bars",
           "class_probabilities", "plane_grid", "region_colors", "surface_window",
           "symmetric_limit", "arrow_legend_handle", "network_diagram", "draw_network"]
