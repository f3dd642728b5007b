"""Every public plot, fed a learner's bad input argument by argument: it raises a package error
(an NnlaError) whose message names the argument, before it makes any figure — no pyplot
figure is left open, no Figure is created, and an Axes passed in is left as it was. Inputs
that can be converted (lists, ints, bools as labels) draw what the arrays draw."""

import re
from types import SimpleNamespace

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from nnla_helpers import MLP, data, plots, style  # noqa: E402
from nnla_helpers.errors import NnlaError  # noqa: E402


class RaisingNet:
    """A learner's own network class whose predict_proba fails in its own code."""
    sizes = [2, 3]

    def predict_proba(self, X):
        return X @ np.ones((3, 3))              # (m, 2) @ (3, 3): a bare NumPy error inside


class TextNet:
    """A network whose predict_proba returns text."""

    def predict_proba(self, X):
        return np.full((len(X), 2), "a")


class WrongRowsNet:
    """A network whose predict_proba returns one row too few."""

    def predict_proba(self, X):
        return np.full((len(X) - 1, 2), 0.5)


def _net_with(weights, biases=None):
    return SimpleNamespace(weights=weights, biases=biases if biases is not None else [])


def _diverged(net):
    net = MLP(net.sizes, seed=0)
    net.weights[0][...] = np.nan
    return net


@pytest.fixture(scope="module")
def d():
    X2, y2 = data.spirals(20, 3, seed=0)
    X1, T1 = data.noisy_line(12, seed=0)
    rng = np.random.default_rng(0)
    images = rng.random((12, 784))
    return SimpleNamespace(
        net2=MLP([2, 8, 3], seed=0), X2=X2, y2=y2, X1=X1, T1=T1,
        line_net=MLP([1, 4, 1], output="identity", seed=0), W=rng.normal(size=(3, 4)),
        W1=rng.normal(size=(784, 12)), images=images, labels=rng.integers(0, 10, 12),
        mnist_net=MLP([784, 8, 10], seed=0), y_true=np.array([0, 1, 2, 2, 1]),
        y_pred=np.array([0, 2, 2, 1, 1]), p=np.full(10, 0.1), path=[(0.0, 0.0), (1.0, 0.5)],
        history=SimpleNamespace(train_loss=[1.0, 0.5, 0.3], val_loss=[1.1, 0.6, 0.4]),
    )


@pytest.fixture
def ax():
    """A fresh Axes to draw into, made before any counting starts."""
    return style.new_figure(4, 3).add_subplot()


@pytest.fixture
def figures_made(monkeypatch):
    """How many matplotlib Figures were created since the test started."""
    made = []
    original = Figure.__init__

    def counting(self, *args, **kwargs):
        made.append(self)
        original(self, *args, **kwargs)
    monkeypatch.setattr(Figure, "__init__", counting)
    return made


# ---- the bad inputs: every function, every argument --------------------------------------------

NAN2 = np.array([[0.0, np.nan], [1.0, 2.0]])
INF2 = np.array([[0.0, np.inf], [1.0, 2.0]])


def _arrays(good_shape_2d=True):
    """Bad values for an array argument: (kind, value)."""
    return [
        ("NaN", NAN2 if good_shape_2d else np.array([0.0, np.nan, 1.0])),
        ("inf", INF2 if good_shape_2d else np.array([0.0, np.inf, 1.0])),
        ("empty", np.empty((0, 2)) if good_shape_2d else np.array([])),
        ("3-D", np.ones((2, 2, 2))),
        ("a string", "data"),
        ("a dict", {"x": 1}),
        ("complex", np.ones((3, 2)) * 1j if good_shape_2d else np.ones(3) * 1j),
        ("objects", np.array([[None, 1.0], [2.0, 3.0]], dtype=object)),
        ("ragged lists", [[1.0, 2.0], [3.0]]),
    ]


def _settings(low_ok=1):
    """Bad values for a count such as grid_points or n_cols: (kind, value)."""
    return [("0", 0), ("negative", -3), ("NaN", float("nan")), ("inf", float("inf")),
            ("a string", "10"), ("a fraction", 2.5), ("True", True), ("None", None),
            ("huge", 10 ** 7)]


def _texts():
    return [("a number", 3), ("a list", ["a"])]


def _flags():
    return [("a string", "yes"), ("None", None), ("a number", 2)]


# (function, argument, kind, call(d, ax), the word the message must hold)
BAD = []


def bad(function, argument, kind, call, word=None):
    BAD.append((function, argument, kind, call, word or argument))


# function_and_derivative
for kind, value in [("a number", 3), ("None", None), ("unknown", "swish"), ("a list", ["relu"])]:
    bad("function_and_derivative", "name", kind, lambda d, ax, v=value: plots.function_and_derivative(v))
for kind, value in _arrays(good_shape_2d=False) + [("one point", [0.5]), ("2-D", np.ones((3, 2)))]:
    bad("function_and_derivative", "z", kind,
        lambda d, ax, v=value: plots.function_and_derivative("tanh", z=v))
for kind, value in _texts():
    bad("function_and_derivative", "title", kind,
        lambda d, ax, v=value: plots.function_and_derivative("tanh", title=v))
for kind, value in [("a string", "2"), ("NaN", float("nan")), ("inf", float("inf")), ("None", None)]:
    bad("function_and_derivative", "c", kind,
        lambda d, ax, v=value: plots.function_and_derivative("sigmoid", c=v))
bad("function_and_derivative", "params", "unknown parameter",
    lambda d, ax: plots.function_and_derivative("tanh", c=2), "c")
bad("function_and_derivative", "params", "softmax with c",
    lambda d, ax: plots.function_and_derivative("softmax", c=2), "c")
for kind, value in [("0", 0), ("negative", -1), ("NaN", float("nan")), ("a string", "1")]:
    bad("function_and_derivative", "temperature", kind,
        lambda d, ax, v=value: plots.function_and_derivative("softmax", temperature=v))
bad("function_and_derivative", "z", "softmax of a matrix",
    lambda d, ax: plots.function_and_derivative("softmax", z=np.ones((2, 3))))

# loss_curves
for kind, value in [("a list", [1.0, 0.5]), ("a dict", {"train_loss": [1.0]}), ("a string", "h"),
                    ("a number", 5), ("an empty History", SimpleNamespace(train_loss=[], val_loss=[]))]:
    bad("loss_curves", "history", kind, lambda d, ax, v=value: plots.loss_curves(v))
bad("loss_curves", "history", "a History and train", lambda d, ax: plots.loss_curves(d.history, train=[1, 2]))
bad("loss_curves", "train", "nothing", lambda d, ax: plots.loss_curves())
for kind, value in _arrays(good_shape_2d=False) + [("2-D", [[1.0, 0.5], [0.4, 0.3]]),
                                                    ("bools", [True, False])]:
    bad("loss_curves", "train", kind, lambda d, ax, v=value: plots.loss_curves(train=v))
bad("loss_curves", "history.train_loss", "a diverged History",
    lambda d, ax: plots.loss_curves(SimpleNamespace(train_loss=[1.0, 50.0, np.inf], val_loss=[])))
for kind, value in [("longer than train", [1.0, 0.9, 0.8, 0.7]), ("NaN", [1.0, np.nan]),
                    ("a string", "val"), ("2-D", [[1.0], [0.5]])]:
    bad("loss_curves", "val", kind, lambda d, ax, v=value: plots.loss_curves(train=[1.0, 0.5, 0.3], val=v))
for kind, value in [("too short", [1, 2]), ("a string", "xyz"), ("NaN", [1.0, np.nan, 3.0]),
                    ("2-D", np.ones((3, 1)))]:
    bad("loss_curves", "x", kind, lambda d, ax, v=value: plots.loss_curves(train=[1.0, 0.5, 0.3], x=v))
for kind, value in _flags():
    bad("loss_curves", "log", kind, lambda d, ax, v=value: plots.loss_curves(train=[1.0, 0.5], log=v))
for kind, value in _texts():
    bad("loss_curves", "xlabel", kind, lambda d, ax, v=value: plots.loss_curves(train=[1.0, 0.5], xlabel=v))
    bad("loss_curves", "title", kind, lambda d, ax, v=value: plots.loss_curves(train=[1.0, 0.5], title=v))

# decision_boundary and draw_decision_boundary
for fn, call in [("decision_boundary", lambda ax, *a, **k: plots.decision_boundary(*a, **k)),
                 ("draw_decision_boundary", lambda ax, *a, **k: plots.draw_decision_boundary(ax, *a, **k))]:
    for kind, net in [("None", None), ("a string", "net"), ("a dict", {"sizes": [2, 3]}),
                      ("3 inputs", MLP([3, 4, 3], seed=0)), ("raising", RaisingNet()),
                      ("text outputs", TextNet()), ("too few rows", WrongRowsNet()),
                      ("too few classes", MLP([2, 4, 2], seed=0))]:
        word = "y" if kind == "too few classes" else "net"
        bad(fn, "net", kind, lambda d, ax, n=net, c=call: c(ax, n, d.X2, d.y2), word)
    for kind, value in _arrays() + [("1-D", np.ones(60)), ("3 columns", np.ones((60, 3))),
                                    ("transposed", np.ones((2, 60))), ("None", None)]:
        bad(fn, "X", kind, lambda d, ax, v=value, c=call: c(ax, d.net2, v, d.y2[:len(np.atleast_1d(v))]
                                                            if isinstance(v, np.ndarray) else d.y2))
    for kind, value in [("one short", lambda d: d.y2[:-1]), ("negative", lambda d: d.y2 - 1),
                        ("fractions", lambda d: d.y2 + 0.5), ("text", lambda d: d.y2.astype(str)),
                        ("NaN", lambda d: np.where(d.y2 == 0, np.nan, d.y2)),
                        ("a class the net lacks", lambda d: np.where(d.y2 == 2, 7, d.y2)),
                        ("None", lambda d: None),
                        ("2-D not one-hot", lambda d: np.ones((len(d.y2), 3)))]:
        bad(fn, "y", kind, lambda d, ax, v=value, c=call: c(ax, d.net2, d.X2, v(d)))
    for kind, value in _settings():
        bad(fn, "grid_points", kind, lambda d, ax, v=value, c=call: c(ax, d.net2, d.X2, d.y2, grid_points=v))
bad("decision_boundary", "net", "a regression net",
    lambda d, ax: plots.decision_boundary(MLP([2, 4, 1], output="identity", seed=0), d.X2, d.y2 % 2),
    "output")
bad("decision_boundary", "net", "diverged", lambda d, ax: plots.decision_boundary(_diverged(d.net2), d.X2, d.y2))
for kind, value in _texts():
    bad("decision_boundary", "title", kind, lambda d, ax, v=value: plots.decision_boundary(d.net2, d.X2, d.y2, title=v))
for kind, value in [("None", None), ("a string", "ax"), ("a Figure", Figure())]:
    bad("draw_decision_boundary", "ax", kind, lambda d, ax, v=value: plots.draw_decision_boundary(v, d.net2, d.X2, d.y2))

# plane_grid, class_probabilities, region_colors
for kind, value in _arrays() + [("3 columns", np.ones((5, 3))), ("1-D", np.ones(4))]:
    bad("plane_grid", "X", kind, lambda d, ax, v=value: plots.plane_grid(v))
for kind, value in _settings():
    bad("plane_grid", "n", kind, lambda d, ax, v=value: plots.plane_grid(d.X2, n=v))
for kind, value in [("negative", -0.1), ("NaN", float("nan")), ("a string", "0.1"), ("huge", 1e9)]:
    bad("plane_grid", "pad", kind, lambda d, ax, v=value: plots.plane_grid(d.X2, pad=v))
for kind, value in [("None", None), ("a string", "net"), ("a list", [1, 2])]:
    bad("class_probabilities", "net", kind, lambda d, ax, v=value: plots.class_probabilities(v, d.X2))
for kind, value in [("3 columns", np.ones((4, 3))), ("a string", "grid"), ("NaN", NAN2)]:
    bad("class_probabilities", "X", kind, lambda d, ax, v=value: plots.class_probabilities(d.net2, v))
for kind, value in [("1-D", np.ones(3)), ("3-D", np.ones((2, 2, 2))), ("a string", "P"),
                    ("no columns", np.ones((4, 0))), ("a dict", {"P": 1})]:
    bad("region_colors", "P", kind, lambda d, ax, v=value: plots.region_colors(v))
for kind, value in [("negative", -1), ("above 1", 2), ("NaN", float("nan")), ("a string", "0.5")]:
    bad("region_colors", "strength", kind, lambda d, ax, v=value: plots.region_colors(np.eye(3), strength=v))

# network_diagram and draw_network
for kind, value in [("a 0-unit layer", [2, 0, 3]), ("a fraction", [2.5, 3]), ("no layers", []),
                    ("one layer", [3]), ("NaN", [np.nan, 3]), ("inf", [np.inf, 3]),
                    ("a string", "342"), ("None", None), ("a dict", {"a": 1}),
                    ("100 layers", [3] * 100), ("negative", [3, -1])]:
    bad("network_diagram", "sizes", kind, lambda d, ax, v=value: plots.network_diagram(v))
    bad("draw_network", "sizes", kind, lambda d, ax, v=value: plots.draw_network(ax, v))
for kind, value in _settings():
    bad("network_diagram", "max_units", kind, lambda d, ax, v=value: plots.network_diagram([3, 4, 2], max_units=v))
for kind, value in _flags():
    bad("network_diagram", "unit_labels", kind,
        lambda d, ax, v=value: plots.network_diagram([3, 4, 2], unit_labels=v))
for kind, value in _texts():
    bad("network_diagram", "title", kind, lambda d, ax, v=value: plots.network_diagram([3, 4, 2], title=v))
for kind, value in [("a string", "ax"), ("a Figure", Figure())]:
    bad("network_diagram", "ax", kind, lambda d, ax, v=value: plots.network_diagram([3, 4, 2], ax=v))
    bad("draw_network", "ax", kind, lambda d, ax, v=value: plots.draw_network(v, [3, 4, 2]))

# fitted_line, draw_fitted_line
for fn, call in [("fitted_line", lambda ax, X, T, **k: plots.fitted_line(X, T, (np.ones((1, 1)), np.zeros(1)), **k)),
                 ("draw_fitted_line", lambda ax, X, T, **k: plots.draw_fitted_line(ax, X, T, **k))]:
    for kind, value in _arrays() + [("2 columns", np.ones((12, 2))), ("None", None)]:
        bad(fn, "X", kind, lambda d, ax, v=value, c=call: c(ax, v, d.T1))
    for kind, value in [("one short", lambda d: d.T1[:-1]), ("2 columns", lambda d: np.ones((12, 2))),
                        ("NaN", lambda d: np.full((12, 1), np.nan)), ("a string", lambda d: "T"),
                        ("None", lambda d: None)]:
        bad(fn, "T", kind, lambda d, ax, v=value, c=call: c(ax, d.X1, v(d)))
for kind, value in _settings():
    bad("draw_fitted_line", "n", kind, lambda d, ax, v=value: plots.draw_fitted_line(ax, d.X1, d.T1, n=v))
for kind, model in [("None", lambda d: None), ("a string", lambda d: "model"), ("a number", lambda d: 5),
                    ("W of shape (2, 1)", lambda d: (np.ones((2, 1)), np.zeros(1))),
                    ("W as text", lambda d: ("w", "b")), ("b of NaN", lambda d: (np.ones((1, 1)), [np.nan])),
                    ("a net with 2 inputs", lambda d: d.net2),
                    ("a net with 3 outputs", lambda d: MLP([1, 3], seed=0)),
                    ("a function that raises", lambda d: (lambda x: x @ np.ones((3, 3)))),
                    ("a function of the wrong length", lambda d: (lambda x: x[:-1])),
                    ("a function giving NaN", lambda d: (lambda x: x * np.nan)),
                    ("a function giving text", lambda d: (lambda x: "line"))]:
    bad("fitted_line", "model", kind, lambda d, ax, m=model: plots.fitted_line(d.X1, d.T1, m(d)))
for kind, value in _texts():
    bad("fitted_line", "title", kind, lambda d, ax, v=value: plots.fitted_line(d.X1, d.T1, d.line_net, title=v))

# loss_surface, draw_loss_surface, mse_surface, surface_window
for fn, call in [("loss_surface", lambda ax, X, T: plots.loss_surface(X, T)),
                 ("draw_loss_surface", lambda ax, X, T: plots.draw_loss_surface(ax, X, T)),
                 ("mse_surface", lambda ax, X, T: plots.mse_surface(X, T, [0.0, 1.0], [0.0, 1.0])),
                 ("surface_window", lambda ax, X, T: plots.surface_window(X, T))]:
    for kind, value in _arrays() + [("2 columns", np.ones((12, 2)))]:
        bad(fn, "X", kind, lambda d, ax, v=value, c=call: c(ax, v, d.T1))
    for kind, value in [("one short", lambda d: d.T1[:-1]), ("2 columns", lambda d: np.ones((12, 2))),
                        ("a string", lambda d: "T")]:
        bad(fn, "T", kind, lambda d, ax, v=value, c=call: c(ax, d.X1, v(d)))
for kind, value in _arrays() + [("3 columns", [(0, 0, 0)]), ("transposed", np.zeros((2, 5))),
                                ("one number", [0.5])]:
    bad("loss_surface", "path", kind, lambda d, ax, v=value: plots.loss_surface(d.X1, d.T1, path=v))
for kind, value in _texts():
    bad("loss_surface", "title", kind, lambda d, ax, v=value: plots.loss_surface(d.X1, d.T1, title=v))
for kind, value in _settings():
    bad("draw_loss_surface", "n", kind, lambda d, ax, v=value: plots.draw_loss_surface(ax, d.X1, d.T1, n=v))
for kind, value in [("three numbers", (1, 2, 3)), ("a string", "wb"), ("NaN", (np.nan, 0.0))]:
    bad("draw_loss_surface", "start", kind, lambda d, ax, v=value: plots.draw_loss_surface(ax, d.X1, d.T1, start=v))
    bad("surface_window", "start", kind, lambda d, ax, v=value: plots.surface_window(d.X1, d.T1, start=v))
for kind, value in [("0", 0), ("negative", -1), ("NaN", float("nan")), ("a string", "2")]:
    bad("surface_window", "min_half_width", kind,
        lambda d, ax, v=value: plots.surface_window(d.X1, d.T1, min_half_width=v))
for argument in ("w_values", "b_values"):
    for kind, value in [("empty", []), ("2-D", np.ones((2, 2))), ("NaN", [0.0, np.nan]),
                        ("a string", "w"), ("a number", 1.0)]:
        bad("mse_surface", argument, kind,
            lambda d, ax, v=value, a=argument: plots.mse_surface(
                d.X1, d.T1, **{"w_values": [0.0, 1.0], "b_values": [0.0, 1.0], a: v}))
bad("mse_surface", "X", "so large the loss overflows",
    lambda d, ax: plots.mse_surface(d.X1 * 1e200, d.T1, [0.0, 1.0], [0.0, 1.0]))

# weights
for fn, call in [("weight_heatmap", lambda ax, W, **k: plots.weight_heatmap(W, **k)),
                 ("draw_weight_heatmap", lambda ax, W, **k: plots.draw_weight_heatmap(ax, W, **k))]:
    for kind, value in _arrays() + [("0-d", np.array(1.0)), ("None", None)]:
        bad(fn, "W", kind, lambda d, ax, v=value, c=call: c(ax, v))
    for kind, value in [("a number", 3), ("None", None)]:
        bad(fn, "name", kind, lambda d, ax, v=value, c=call: c(ax, d.W, name=v))
for kind, value in _texts():
    bad("weight_heatmap", "title", kind, lambda d, ax, v=value: plots.weight_heatmap(d.W, title=v))
for kind, value in _flags():
    bad("draw_weight_heatmap", "ticks", kind, lambda d, ax, v=value: plots.draw_weight_heatmap(ax, d.W, ticks=v))
for kind, value in [("None", lambda d: None), ("a list of arrays", lambda d: [d.W]),
                    ("a string", lambda d: "net"), ("no weights", lambda d: _net_with([])),
                    ("25 weight matrices", lambda d: _net_with([d.W] * 25)),
                    ("NaN weights", lambda d: _net_with([d.W, NAN2])),
                    ("a 3-D weight", lambda d: _net_with([np.ones((2, 2, 2))]))]:
    word = "W2" if kind == "NaN weights" else "W1" if kind == "a 3-D weight" else "net"
    bad("weight_heatmaps", "net", kind, lambda d, ax, v=value: plots.weight_heatmaps(v(d)), word)
bad("weight_heatmaps", "net", "fewer biases than weights",
    lambda d, ax: plots.weight_heatmaps(_net_with([d.W, d.W.T], [np.zeros(4)]), biases=True), "biases")
for kind, value in _flags():
    bad("weight_heatmaps", "biases", kind, lambda d, ax, v=value: plots.weight_heatmaps(d.net2, biases=v))
for kind, value in _arrays() + [("1-D", np.ones(784)), ("transposed", np.ones((12, 784))),
                                ("783 rows", np.ones((783, 12)))]:
    bad("first_layer_weights", "W1", kind, lambda d, ax, v=value: plots.first_layer_weights(v))
for argument in ("n", "n_cols"):
    for kind, value in _settings():
        bad("first_layer_weights", argument, kind,
            lambda d, ax, v=value, a=argument: plots.first_layer_weights(d.W1, **{a: v}))
for kind, value in [("one number", (28,)), ("a 0", (0, 28)), ("a string", "28x28"),
                    ("a fraction", (28.5, 28)), ("too small", (27, 27)), ("None", None)]:
    word = "W1" if kind == "too small" else "image_shape"
    bad("first_layer_weights", "image_shape", kind,
        lambda d, ax, v=value: plots.first_layer_weights(d.W1, image_shape=v), word)
for kind, value in _texts():
    bad("first_layer_weights", "title", kind, lambda d, ax, v=value: plots.first_layer_weights(d.W1, title=v))
for kind, value in [("a string", "W"), ("a dict", {"W": 1}), ("None", None)]:
    bad("symmetric_limit", "W", kind, lambda d, ax, v=value: plots.symmetric_limit(v))

# MNIST: digit_grid, confusion_matrix, confident_mistakes, draw_probability_bars
for kind, value in [("0 images", np.empty((0, 784))), ("783 pixels", np.ones((3, 783))),
                    ("NaN", np.full((2, 784), np.nan)), ("a string", "digits"),
                    ("bytes 0-255", np.full((2, 784), 255.0)), ("negative", np.full((2, 784), -0.5)),
                    ("4-D", np.ones((2, 28, 28, 1))), ("None", None), ("a dict", {"a": 1})]:
    bad("digit_grid", "images", kind, lambda d, ax, v=value: plots.digit_grid(v))
for argument in ("labels", "predictions"):
    for kind, value in [("one short", lambda d: d.labels[:-1]), ("one too many", lambda d: np.append(d.labels, 3)),
                        ("negative", lambda d: d.labels - 10), ("fractions", lambda d: d.labels + 0.5),
                        ("text", lambda d: d.labels.astype(str)), ("NaN", lambda d: np.full(12, np.nan)),
                        ("2-D not one-hot", lambda d: np.ones((12, 10)))]:
        bad("digit_grid", argument, kind,
            lambda d, ax, v=value, a=argument: plots.digit_grid(d.images, **{a: v(d)}))
bad("digit_grid", "predictions", "longer than labels",
    lambda d, ax: plots.digit_grid(d.images, d.labels, np.append(d.labels, 1)))
for argument in ("n_cols", "max_images"):
    for kind, value in _settings():
        bad("digit_grid", argument, kind, lambda d, ax, v=value, a=argument: plots.digit_grid(d.images, **{a: v}))
for kind, value in _texts():
    bad("digit_grid", "title", kind, lambda d, ax, v=value: plots.digit_grid(d.images, title=v))
for argument in ("y_true", "y_pred"):
    for kind, value in [("empty", []), ("NaN", [0, np.nan, 1, 1, 2]), ("negative", [0, -1, 1, 1, 2]),
                        ("fractions", [0, 0.5, 1, 1, 2]), ("text", list("abcde")),
                        ("2-D not one-hot", np.ones((5, 3))), ("None", None),
                        ("a huge label", [0, 1, 10 ** 6, 1, 2])]:
        bad("confusion_matrix", argument, kind,
            lambda d, ax, v=value, a=argument: plots.confusion_matrix(
                **{"y_true": d.y_true, "y_pred": d.y_pred, a: v}))
bad("confusion_matrix", "y_pred", "one short", lambda d, ax: plots.confusion_matrix(d.y_true, d.y_pred[:-1]))
bad("confusion_matrix", "n_classes", "smaller than the labels",
    lambda d, ax: plots.confusion_matrix(d.y_true, d.y_pred, n_classes=2))
for kind, value in [(k, v) for k, v in _settings() if v is not None]:     # None: from the labels
    bad("confusion_matrix", "n_classes", kind,
        lambda d, ax, v=value: plots.confusion_matrix(d.y_true, d.y_pred, n_classes=v))
for kind, value in _texts():
    bad("confusion_matrix", "title", kind, lambda d, ax, v=value: plots.confusion_matrix(d.y_true, d.y_pred, title=v))
for kind, net in [("None", lambda d: None), ("2 inputs", lambda d: d.net2), ("diverged", lambda d: _diverged(d.mnist_net)),
                  ("a string", lambda d: "net")]:
    bad("confident_mistakes", "net", kind, lambda d, ax, n=net: plots.confident_mistakes(n(d), d.images, d.labels))
for kind, value in [("NaN", np.full((3, 784), np.nan)), ("783 columns", np.ones((12, 783))),
                    ("transposed", np.ones((784, 12))), ("a string", "X")]:
    bad("confident_mistakes", "X", kind,
        lambda d, ax, v=value: plots.confident_mistakes(d.mnist_net, v, d.labels[:len(v)] if len(v) <= 12 else d.labels))
for kind, value in [("one short", lambda d: d.labels[:-1]), ("negative", lambda d: d.labels - 10),
                    ("a class the net lacks", lambda d: d.labels + 10),
                    ("no mistakes", lambda d: d.mnist_net.predict(d.images))]:
    word = "mistakes" if kind == "no mistakes" else "y"
    bad("confident_mistakes", "y", kind, lambda d, ax, v=value: plots.confident_mistakes(d.mnist_net, d.images, v(d)), word)
for kind, value in _settings():
    bad("confident_mistakes", "n", kind, lambda d, ax, v=value: plots.confident_mistakes(d.mnist_net, d.images, d.labels, n=v))
for kind, value in _texts():
    bad("confident_mistakes", "title", kind,
        lambda d, ax, v=value: plots.confident_mistakes(d.mnist_net, d.images, d.labels, title=v))
for kind, value in _arrays(good_shape_2d=False) + [("2-D", np.full((2, 5), 0.1)), ("above 1", [0.5, 3.0]),
                                                    ("negative", [-0.5, 0.5])]:
    bad("draw_probability_bars", "p", kind, lambda d, ax, v=value: plots.draw_probability_bars(ax, v))
for kind, value in [("negative", -1), ("too large", 10), ("a fraction", 2.5), ("a string", "3")]:
    bad("draw_probability_bars", "label", kind, lambda d, ax, v=value: plots.draw_probability_bars(ax, d.p, label=v))
for kind, value in [("None", None), ("a string", "ax")]:
    bad("draw_probability_bars", "ax", kind, lambda d, ax, v=value: plots.draw_probability_bars(v, d.p))

# style: subscript, shape_label, class_color, new_figure, png_bytes, encode_png
for kind, value in [("a number", 3), ("None", None), ("a list", ["W1"])]:
    bad("subscript", "name", kind, lambda d, ax, v=value: plots.subscript(v))
for kind, value in [("a string", "23"), ("a number", 5), ("fractions", (2.5, 3))]:
    bad("shape_label", "shape", kind, lambda d, ax, v=value: style.shape_label("W", v))
for kind, value in [("a string", "a"), ("negative", -1), ("a fraction", 2.5), ("None", None)]:
    bad("class_color", "k", kind, lambda d, ax, v=value: style.class_color(v))
for argument in ("width", "height", "dpi"):
    for kind, value in [("0", 0), ("negative", -2), ("NaN", float("nan")), ("a string", "4"),
                        ("huge", 10 ** 6), ("None", None)]:
        bad("new_figure", argument, kind,
            lambda d, ax, v=value, a=argument: style.new_figure(**{"width": 4, "height": 3, a: v}))
bad("new_figure", "dpi", "too many pixels", lambda d, ax: style.new_figure(400, 3, dpi=600))
for kind, value in [("unknown", "grid"), ("a number", 3)]:
    bad("new_figure", "layout", kind, lambda d, ax, v=value: style.new_figure(4, 3, layout=v))
for kind, value in [("a string", "fig"), ("None", None), ("an Axes", "ax")]:
    bad("png_bytes", "fig", kind, lambda d, ax, v=value: style.png_bytes(ax if v == "ax" else v))
for kind, value in [("2-D", np.zeros((3, 3), np.uint8)), ("floats", np.zeros((3, 3, 4))),
                    ("3 channels", np.zeros((3, 3, 3), np.uint8)), ("empty", np.zeros((0, 3, 4), np.uint8))]:
    bad("encode_png", "rgba", kind, lambda d, ax, v=value: style.encode_png(v))


def _id(case):
    function, argument, kind, _, _ = case
    return f"{function}-{argument}-{kind}"


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("function, argument, kind, call, word", BAD, ids=[_id(c) for c in BAD])
def test_bad_input_is_a_package_error_naming_the_argument(d, ax, figures_made, function, argument,
                                                         kind, call, word):
    open_before, drawn_before = plt.get_fignums(), len(ax.get_children())
    with pytest.raises(NnlaError) as info:
        call(d, ax)
    assert re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", str(info.value)), str(info.value)
    assert plt.get_fignums() == open_before, "a pyplot figure was left open"
    assert figures_made == [], "a failed call created a Figure"
    assert len(ax.get_children()) == drawn_before, "a failed call drew into the Axes"


def test_the_figure_count_sees_a_figure_made(figures_made):
    plots.network_diagram([2, 2])
    assert len(figures_made) == 1


def test_every_public_plot_is_tried_with_bad_input():
    public = set(plots.__all__) - {"arrow_legend_handle", "confusion_counts",   # no arguments; metrics'
                                   "most_confident_mistakes"}
    tried = {function for function, *_ in BAD}
    assert public <= tried, sorted(public - tried)
    assert len(BAD) > 500


def test_how_many_bad_inputs_each_area_tries():
    areas = {"activations": {"function_and_derivative"}, "training": {"loss_curves"},
             "classification": {"decision_boundary", "draw_decision_boundary", "plane_grid",
                                "class_probabilities", "region_colors"},
             "network": {"network_diagram", "draw_network"},
             "regression": {"fitted_line", "draw_fitted_line", "loss_surface", "draw_loss_surface",
                            "mse_surface", "surface_window"},
             "weights": {"weight_heatmap", "draw_weight_heatmap", "weight_heatmaps",
                         "first_layer_weights", "symmetric_limit"},
             "mnist": {"digit_grid", "confusion_matrix", "confident_mistakes", "draw_probability_bars"},
             "style": {"subscript", "shape_label", "class_color", "new_figure", "png_bytes", "encode_png"}}
    counts = {area: sum(f in names for f, *_ in BAD) for area, names in areas.items()}
    assert sum(counts.values()) == len(BAD), counts
    assert all(n >= 10 for n in counts.values()), counts


# ---- inputs that can be converted draw what the arrays draw --------------------------------------


def _image_of(fig):
    return fig.axes[0].images[0].get_array()


def test_lists_and_bool_labels_draw_what_arrays_draw(d):
    as_arrays = plots.decision_boundary(d.net2, d.X2, d.y2, grid_points=20)
    as_lists = plots.decision_boundary(d.net2, d.X2.tolist(), d.y2.tolist(), grid_points=20.0)
    np.testing.assert_array_equal(_image_of(as_lists), _image_of(as_arrays))
    two = MLP([2, 4, 2], seed=1)
    bools = plots.decision_boundary(two, d.X2, d.y2 == 1, grid_points=20)
    ints = plots.decision_boundary(two, d.X2, (d.y2 == 1).astype(int), grid_points=20)
    np.testing.assert_array_equal(_image_of(bools), _image_of(ints))
    W = [[1, -2], [0, 3]]
    np.testing.assert_array_equal(_image_of(plots.weight_heatmap(W)), np.array(W, dtype=float))
    one_hot = np.eye(10)[d.labels]
    titles = [ax.get_title() for ax in plots.digit_grid(d.images, one_hot, d.labels.tolist()).axes]
    assert titles[:2] == [f"{d.labels[0]} → {d.labels[0]}", f"{d.labels[1]} → {d.labels[1]}"]
    C = plots.confusion_matrix(list(d.y_true), d.y_pred.astype(float)).axes[0].images[0].get_array()
    np.testing.assert_array_equal(C, plots.confusion_counts(d.y_true, d.y_pred))
    fig = plots.fitted_line(d.X1.ravel().tolist(), d.T1.ravel(), (1.0, 0.0))
    line = fig.axes[0].lines[0]
    np.testing.assert_allclose(line.get_ydata(), line.get_xdata())


def test_huge_inputs_that_can_be_drawn_are_drawn_capped(d):
    fig = plots.network_diagram([10 ** 9, 3])
    assert fig.axes[0].get_title() == "1000000000 → 3: 3 000 000 000 weights, 3 biases"
    assert "⋮ 1000000000" in [t.get_text() for t in fig.axes[0].texts]
    many = np.tile(d.images, (1000, 1))                       # 12 000 images: the first 40 are shown
    assert sum(1 for ax in plots.digit_grid(many).axes if ax.images) == 40
    assert len(plots.loss_curves(train=[0.7]).axes[0].lines[0].get_xdata()) == 1   # one epoch: a point
    assert plots.loss_curves(train=[0.7]).axes[0].lines[0].get_marker() == "o"


def test_a_single_x_or_t_value_still_gets_a_window(d):
    ax = plots.fitted_line(np.full((3, 1), 2.0), np.full((3, 1), 5.0), (1.0, 3.0)).axes[0]
    assert ax.get_xlim()[0] < 2.0 < ax.get_xlim()[1] and ax.get_ylim()[0] < 5.0 < ax.get_ylim()[1]
    G, extent = plots.plane_grid(np.array([[1.0, 2.0], [1.0, 3.0]]), n=5)
    assert extent[0] < 1.0 < extent[1] and extent[2] < 2.0 and extent[3] > 3.0


def test_symmetric_limit_skips_nan_on_purpose():
    assert plots.symmetric_limit(np.array([[np.nan, -3.0], [np.inf, 1.0]])) == 3.0
    assert plots.symmetric_limit([[1, -2]]) == 2.0
    P = np.array([[np.nan, 0.5]])                 # a diverged network's region: drawn, not refused
    assert plots.region_colors(P).shape == (1, 3)
