"""FunctionExplorer, LayerGridView and DigitExplorer (widgets.explorers).

Each test drives the widget through its public controls (``.value = …``, ``.click()``), as
a learner would, and checks what the learner would see: the state, the readout, the artists.
"""

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402,F401  (only to check that no pyplot figure appears)

from nnla_helpers import MLP, data  # noqa: E402
from nnla_helpers.activations import (leaky_relu, leaky_relu_grad, relu, sigmoid,  # noqa: E402,F401
                                      sigmoid_grad, softmax)
from nnla_helpers.errors import ShapeError  # noqa: E402
from nnla_helpers.widgets import (DigitExplorer, FunctionExplorer, LayerGridView,  # noqa: E402
                                  MatrixMultiplyStepper, TrainingPlayer)


# ---- FunctionExplorer ----------------------------------------------------------------------------------


def test_function_explorer_sliders_change_the_plotted_curves():
    fx = FunctionExplorer("sigmoid")
    z = fx.g_line.get_xdata()
    fx.c.value, fx.beta.value = 2.0, 3.0
    np.testing.assert_allclose(fx.g_line.get_ydata(), sigmoid(z, 2.0, 3.0))
    np.testing.assert_allclose(fx.dg_line.get_ydata(), sigmoid_grad(z, 2.0, 3.0))
    assert fx.delta.disabled and fx.temperature.disabled and not fx.c.disabled
    png = fx.image.value
    fx.beta.value = 0.5
    assert fx.image.value != png
    assert "beta=0.50" in fx.g_title.get_text()

    fx.function.value = "leaky_relu"
    fx.delta.value = 0.2
    np.testing.assert_allclose(fx.g_line.get_ydata(), leaky_relu(z, 0.2))
    np.testing.assert_allclose(fx.dg_line.get_ydata(), leaky_relu_grad(z, 0.2))
    assert fx.c.disabled and not fx.delta.disabled

    fx.function.value = "relu"
    np.testing.assert_allclose(fx.g_line.get_ydata(), relu(z))


def test_function_explorer_softmax_temperature_bars():
    v = np.array([2.0, 1.0, 0.1, -1.0])
    fx = FunctionExplorer("softmax", vector=v)
    for T in (0.5, 1.0, 4.0):
        fx.temperature.value = T
        heights = [bar.get_height() for bar in fx.p_bars]
        np.testing.assert_allclose(heights, softmax(v, temperature=T), rtol=1e-6)
    assert fx.snapshot()._repr_png_()[:4] == b"\x89PNG"
    with pytest.raises(ValueError, match="function must be one of"):
        FunctionExplorer("swish")


def test_function_explorer_saturated_softmax_is_the_packages():
    v = np.array([1000.0, -1000.0, 999.0])
    fx = FunctionExplorer("softmax", vector=v)
    fx.temperature.value = 0.1
    np.testing.assert_array_equal(fx.shown_probabilities, softmax(v, temperature=0.1))
    assert np.all(np.isfinite([bar.get_height() for bar in fx.p_bars]))
    fx.close()


# ---- LayerGridView -----------------------------------------------------------------------------------


def collinear(points, tol=1e-9):
    """True when the points lie on one straight line (second singular value ~ 0)."""
    centred = points - points.mean(axis=0)
    s = np.linalg.svd(centred, compute_uv=False)
    return s[1] <= tol * max(s[0], 1.0)


def direction(points):
    d = points[-1] - points[0]
    return d / np.linalg.norm(d)


def test_layer_grid_identity_keeps_lines_straight_and_parallel():
    X, y = data.two_moons(100)
    view = LayerGridView(X=X, y=y, activation="identity")
    n_h = len(view.grid) // 2
    for p, lines in enumerate(view.lines):
        xy = [line.get_xydata() for line in lines]
        assert all(collinear(pts) for pts in xy), f"panel {p} has a bent line"
        horizontal = [direction(pts) for pts in xy[:n_h]]
        vertical = [direction(pts) for pts in xy[n_h:]]
        for family in (horizontal, vertical):
            for d in family:                       # all parallel to the first (up to sign)
                assert abs(abs(d @ family[0]) - 1) < 1e-9
    assert "parallelograms" in view.figure._suptitle.get_text()


def test_layer_grid_relu_folds_the_grid():
    view = LayerGridView(activation="relu")
    hidden = [line.get_xydata() for line in view.lines[1]]
    assert not all(collinear(pts, tol=1e-6) for pts in hidden)
    # the data points of the hidden panel are relu(X W1 + b1)
    net = view.network()
    grid_points = view.grid[0]
    expected = np.maximum(grid_points @ net.weights[0] + net.biases[0], 0)
    np.testing.assert_allclose(hidden[0], expected)
    png = view.image.value
    view.seed.value = 4                            # new random weights
    assert view.image.value != png
    view.activation.value = "identity"
    assert all(collinear(line.get_xydata()) for line in view.lines[1])


def test_layer_grid_new_seed_or_activation_redraws_only_what_moved():
    view = LayerGridView(layer_sizes=(2, 2, 2), activation="relu", seed=21)
    full_draws = []
    canvas_draw = view.figure.canvas.draw
    view.figure.canvas.draw = lambda: (full_draws.append(1), canvas_draw())[1]
    for change in [("seed", 22), ("seed", 23), ("activation", "tanh"), ("activation", "identity"),
                   ("seed", 3), ("activation", "relu")]:
        setattr(getattr(view, change[0]), "value", change[1])
        frame = view.image.value
        assert not full_draws, f"{change} redrew the whole figure"
        view.render(full=True)                     # the picture a full redraw makes
        assert view.image.value == frame, f"after {change} the frame differs from a full redraw"
        full_draws.clear()
    view.close()


def test_layer_grid_an_activation_seen_before_reuses_its_background():
    """Coming back to an activation draws no title: the background drawn with its titles is
    used again, and the frame is still the picture a full redraw makes."""
    view = LayerGridView(layer_sizes=(2, 2, 2), activation="relu", seed=21)
    drawn = []
    change_static = view.change_static
    view.change_static = lambda artist, change: (drawn.append(artist), change_static(artist, change))
    seen = {"relu"}
    for change in [("activation", "tanh"), ("seed", 5), ("activation", "identity"),
                   ("activation", "relu"), ("activation", "tanh"), ("seed", 30),
                   ("activation", "identity"), ("activation", "sigmoid"), ("activation", "relu")]:
        drawn.clear()
        setattr(getattr(view, change[0]), "value", change[1])
        new_titles = change[0] == "activation" and change[1] not in seen
        assert bool(drawn) == new_titles, f"{change}: titles drawn {len(drawn)}"
        seen.add(view.activation.value)
        frame = view.image.value
        kept, background = dict(view._kept), view._background
        view.render(full=True)                     # the picture a full redraw makes
        assert view.image.value == frame, f"after {change} the frame differs from a full redraw"
        view._kept, view._background = kept, background     # go on with the kept backgrounds
    assert len(view._kept) == 4                    # one per activation shown
    view.close()


def test_layer_grid_wide_layers_show_two_units_and_say_so():
    X, y = data.xor(80)
    net = MLP([2, 16, 2], hidden="tanh", seed=0)
    view = LayerGridView(net, X, y)
    assert view.activation.value == "tanh" and view.seed.disabled
    assert "units 1–2 of 16" in view.axes[1].get_title()
    offsets = view.points[1].get_offsets()
    np.testing.assert_allclose(offsets, np.tanh(X @ net.weights[0] + net.biases[0])[:, :2])
    with pytest.raises(ShapeError, match="2 columns"):
        LayerGridView(X=np.ones((5, 3)))




def test_digit_explorer_shows_the_network_probabilities(digits):
    X, y = digits
    net = MLP([784, 12, 10], seed=0)
    explorer = DigitExplorer(net, X, y)
    for i in (5, 17):
        explorer.index.value = i
        expected = net.predict_proba(X[i:i + 1])[0]
        np.testing.assert_allclose(explorer.shown_probabilities, expected)
        np.testing.assert_allclose([b.get_height() for b in explorer.prob_bars], expected)
        np.testing.assert_array_equal(explorer.digit.get_array(), X[i].reshape(28, 28))
        hidden = np.maximum(X[i] @ net.weights[0] + net.biases[0], 0)
        np.testing.assert_allclose([b.get_height() for b in explorer.hidden_views[0][1]], hidden,
                                   rtol=1e-6)
        assert explorer.index_box.value == i
        assert f"predicted {expected.argmax()}" in explorer.headline.get_text()
        assert f"label {y[i]}" in explorer.headline.get_text()
    explorer.index_box.value = 3                   # the number box drives the slider too
    assert explorer.index.value == 3
    np.testing.assert_allclose(explorer.shown_probabilities, net.predict_proba(X[3:4])[0])


def test_digit_explorer_wide_hidden_layer_uses_a_strip_and_checks_shapes(digits):
    X, y = digits
    net = MLP([784, 100, 10], seed=0)
    explorer = DigitExplorer(net, X)
    assert explorer.hidden_views[0][0] == "strip"
    explorer.index.value = 2
    np.testing.assert_allclose(explorer.hidden_views[0][1][0].get_array()[0],
                               np.maximum(X[2] @ net.weights[0] + net.biases[0], 0), rtol=1e-6)
    with pytest.raises(ShapeError):
        DigitExplorer(net, X[:, :700])
    with pytest.raises(ShapeError):
        DigitExplorer(net, X, y[:-1])


def test_no_widget_registers_a_pyplot_figure(digits, spirals):
    before = plt.get_fignums()
    X, y, *_ = spirals
    ws = [TrainingPlayer(X[:60], y[:60]), FunctionExplorer(), LayerGridView(),
          MatrixMultiplyStepper.dot([1, 2], [3, 4]), DigitExplorer(MLP([784, 5, 10]), *digits)]
    for w in ws:
        w.snapshot()._repr_png_()
    assert plt.get_fignums() == before
    for w in ws:
        w.close()


# ---- explorers show the network's own numbers --------------------------------------------------


def test_layer_grid_stages_are_the_networks_forward():
    net = MLP([2, 3, 3, 2], hidden="tanh", seed=4)
    view = LayerGridView(net, activation="tanh")
    points = np.random.default_rng(0).normal(size=(7, 2))
    stages = view.stages(points)
    _, cache = net.forward(points)
    for got, want in zip(stages[1:-1], cache.inputs[1:]):
        np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(stages[-1], cache.Z[-1])          # the output before softmax
    view.close()


def test_digit_explorer_saturated_probabilities_are_the_networks(digits):
    X, y = digits
    net = MLP([784, 8, 10], seed=1)
    net.weights[1] *= 500                                           # logits in the thousands
    explorer = DigitExplorer(net, X, y)
    for i in (0, 7):
        explorer.index.value = i
        np.testing.assert_array_equal(explorer.shown_probabilities, net.predict_proba(X[i:i + 1])[0])
        assert np.all(np.isfinite(explorer.shown_probabilities))
    explorer.close()


def test_layer_grid_mixed_activations_show_the_network_as_trained():
    net = MLP([2, 5, 4, 3], hidden=["relu", "tanh"], seed=1, dtype=np.float32)
    view = LayerGridView(net)
    assert view.activation.value == "as trained"
    points = np.random.default_rng(2).normal(size=(6, 2))
    _, cache = net.forward(points)
    stages = view.stages(points)
    for got, want in zip(stages[1:-1], [layer.A for layer in cache.layers[:-1]]):
        np.testing.assert_array_equal(got, want)
    assert stages[1].dtype == np.float32
    assert "relu(" in view.axes[1].get_title() and "tanh(" in view.axes[2].get_title()
    view.activation.value = "identity"                       # a view of the net, not a change
    assert net.hidden == ["relu", "tanh"]
    view.close()
