"""The plots module: every function returns a Figure with the expected axes and artists,
labels carry shapes, bad input raises a clear error, and pyplot never sees the figures."""

import subprocess
import sys

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from nnla_helpers import MLP, data, linear, plots, style, train  # noqa: E402
from nnla_helpers.activations import sigmoid, sigmoid_grad, softmax  # noqa: E402
from nnla_helpers.errors import LabelError, SettingError, ShapeError  # noqa: E402


@pytest.fixture(scope="module")
def spiral_net():
    X, y = data.spirals(60, 3)
    net = MLP([2, 16, 16, 3], seed=0)
    return net, X, y


@pytest.fixture(scope="module")
def mnist_small():
    X_train, y_train, X_test, y_test = data.load_mnist(n_train=300, n_test=60)
    net = MLP([784, 16, 10], seed=0)
    train.train(net, X_train, y_train, epochs=2, lr=0.2, batch_size=32)
    return net, X_test, y_test


def texts_of(fig):
    """Every string drawn in the figure: titles, labels, annotations."""
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text)]


def is_png(fig):
    png = fig._repr_png_()
    return png[:8] == b"\x89PNG\r\n\x1a\n"


# ---- style -----------------------------------------------------------------------------------


def test_import_nnla_helpers_does_not_import_matplotlib_or_ipywidgets():
    code = ("import sys, nnla_helpers; "
            "print('matplotlib' in sys.modules, 'ipywidgets' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=str(__import__("pathlib").Path(__file__).parent.parent))
    assert out.stdout.split() == ["False", "False"]


def test_style_palette_and_figures_unknown_to_pyplot():
    assert style.PALETTE[:3] == ["#E69F00", "#56B4E9", "#009E73"]          # Okabe–Ito
    assert style.class_color(0) == style.class_color(len(style.PALETTE))
    before = plt.get_fignums()
    fig = style.new_figure(4, 3)
    assert isinstance(fig, Figure) and fig.dpi == style.DPI
    assert plt.get_fignums() == before
    assert style.subscript("W_1") == "W₁" and style.subscript("dW12") == "dW₁₂"
    assert style.subscript("A_out") == "A_out" and style.subscript("X") == "X"
    assert style.shape_label("W1", (2, 16)) == "W₁ (2, 16)"


# ---- activations ------------------------------------------------------------------------------


def test_function_and_derivative_plots_the_functions():
    fig = plots.function_and_derivative("sigmoid", c=2.0, beta=3.0)
    assert len(fig.axes) == 1
    ax = fig.axes[0]
    g, dg = [line for line in ax.lines if line.get_label() in ("g(z)", "g′(z)")]
    z = g.get_xdata()
    np.testing.assert_allclose(g.get_ydata(), sigmoid(z, 2.0, 3.0))
    np.testing.assert_allclose(dg.get_ydata(), sigmoid_grad(z, 2.0, 3.0))
    assert "sigmoid(c=2, beta=3)" == ax.get_title()
    assert is_png(fig)
    with pytest.raises(SettingError, match="name must be one of 'identity'.*'softmax', but it is 'swish'"):
        plots.function_and_derivative("swish")


def test_softmax_bars_with_temperature():
    z = np.array([3.0, 1.0, 0.0])
    fig = plots.function_and_derivative("softmax", z=z, temperature=2.0)
    assert len(fig.axes) == 2
    heights = [p.get_height() for p in fig.axes[1].patches]
    np.testing.assert_allclose(heights, softmax(z, temperature=2.0))
    assert "logits z (3,)" in texts_of(fig)


# ---- training pictures ---------------------------------------------------------------------------


def test_loss_curves_from_history_and_lists():
    net = MLP([2, 4, 2], seed=0)
    X, y = data.xor(80)
    h = train.train(net, X, y, epochs=5, lr=0.5, X_val=X[:20], Y_val=y[:20])
    fig = plots.loss_curves(h)
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.lines] == ["train", "validation"]
    np.testing.assert_allclose(ax.lines[0].get_ydata(), h.train_loss)
    assert ax.get_yscale() == "log"
    fig2 = plots.loss_curves(train=[3, 2, 1], log=False, xlabel="step")
    assert len(fig2.axes[0].lines) == 1 and fig2.axes[0].get_xlabel() == "step"
    with pytest.raises(ShapeError):
        plots.loss_curves(train=[3, 2, 1], x=[1, 2])
    with pytest.raises(ValueError):
        plots.loss_curves()


def test_decision_boundary_figure(spiral_net):
    net, X, y = spiral_net
    fig = plots.decision_boundary(net, X, y, grid_points=50)
    ax = fig.axes[0]
    assert len(fig.axes) == 1 and len(ax.images) == 1
    assert ax.images[0].get_array().shape == (50, 50, 3)
    # the data: one marker line per class, holding exactly that class's points
    classes = np.unique(y)
    assert len(ax.lines) == len(classes)
    for line, k in zip(ax.lines, classes):
        np.testing.assert_array_equal(line.get_xydata(), X[y == k])
    assert "(180, 2)" in ax.get_title()
    # the colour of a grid point mixes the class colours by the network's probabilities
    G, _ = plots.plane_grid(X, 50)
    expected = plots.region_colors(net.predict_proba(G)).reshape(50, 50, 3)
    np.testing.assert_allclose(ax.images[0].get_array(), expected)


def test_decision_boundary_rejects_bad_inputs(spiral_net):
    net, X, y = spiral_net
    with pytest.raises(ShapeError, match="2-D"):
        plots.decision_boundary(net, X.reshape(-1, 2, 1), y)
    with pytest.raises(ShapeError, match=r"shape \(m, 2\)"):
        plots.decision_boundary(net, np.ones((5, 3)), np.zeros(5, int))
    with pytest.raises(ShapeError, match="180 samples.*179"):
        plots.decision_boundary(net, X, y[:-1])
    with pytest.raises(LabelError):
        plots.decision_boundary(net, X, y - 1)


def test_fitted_line_and_loss_surface():
    X, T = data.noisy_line(40)
    W, b = np.array([[2.0]]), np.array([1.0])
    fig = plots.fitted_line(X, T, (W, b))
    line = fig.axes[0].lines[0]
    np.testing.assert_allclose(line.get_ydata(), 2 * line.get_xdata() + 1)
    assert "X (40, 1), T (40, 1)" in fig.axes[0].get_title()
    path = [(0.0, 0.0), (1.0, 0.5), (1.8, 0.9)]
    fig = plots.loss_surface(X, T, path=path)
    ax = fig.axes[0]
    trail = [line for line in ax.lines if line.get_marker() == "."][0]
    np.testing.assert_allclose(trail.get_xydata(), path)
    assert "W is (1, 1)" in ax.get_xlabel() and "b is (1,)" in ax.get_ylabel()
    with pytest.raises(ShapeError):
        plots.fitted_line(np.ones((5, 2)), np.ones((5, 1)), (W, b))


def test_mse_surface_matches_direct_loss():
    X, T = data.noisy_line(30, seed=2)
    w_values, b_values = np.array([-1.0, 0.5, 2.0]), np.array([0.0, 1.0])
    L = plots.mse_surface(X, T, w_values, b_values)
    for r, b in enumerate(b_values):
        for c, w in enumerate(w_values):
            direct = 0.5 * np.mean((X[:, 0] * w + b - T[:, 0]) ** 2)
            assert L[r, c] == pytest.approx(direct)
    for r, b in enumerate(b_values):
        for c, w in enumerate(w_values):
            assert L[r, c] == pytest.approx(linear.loss(X, [[w]], [b], T), rel=1e-12)


# ---- weights --------------------------------------------------------------------------------------


def test_weight_heatmap_has_shape_in_title_and_symmetric_colours():
    W = np.array([[0.5, -2.0, 1.0], [0.0, 0.3, -0.1]])
    fig = plots.weight_heatmap(W, "W1")
    assert len(fig.axes) == 2                                   # heatmap + colour bar
    ax = fig.axes[0]
    assert ax.get_title() == "W₁ (2, 3)"
    image = ax.images[0]
    assert image.get_clim() == (-2.0, 2.0)
    np.testing.assert_array_equal(image.get_array(), W)
    assert image.get_cmap().name == style.DIVERGING


def test_weight_heatmaps_of_a_network(spiral_net):
    net, _, _ = spiral_net
    fig = plots.weight_heatmaps(net)
    titles = [ax.get_title() for ax in fig.axes if ax.images]
    assert titles == ["W₁ (2, 16)", "W₂ (16, 16)", "W₃ (16, 3)"]
    fig = plots.weight_heatmaps(net, biases=True)
    titles = [ax.get_title() for ax in fig.axes if ax.images]
    assert "b₂ (16,)" in titles and len(titles) == 6


# ---- MNIST ---------------------------------------------------------------------------------------


def test_digit_grid(mnist_small):
    net, X, y = mnist_small
    pred = net.predict(X[:12])
    fig = plots.digit_grid(X[:12], y[:12], pred, n_cols=6)
    shown = [ax for ax in fig.axes if ax.images]
    assert len(fig.axes) == 12 and len(shown) == 12
    np.testing.assert_array_equal(shown[3].images[0].get_array(), X[3].reshape(28, 28))
    wrong = [k for k in range(12) if pred[k] != y[k]]
    for k in range(12):
        color = shown[k].title.get_color()
        assert (color == style.OKABE_ITO["vermillion"]) == (k in wrong)
        assert shown[k].get_title() == f"{y[k]} → {pred[k]}" + (" ✗" if k in wrong else "")
    with pytest.raises(ShapeError, match="28×28"):
        plots.digit_grid(np.ones((3, 100)))


def test_confusion_matrix_counts_and_figure():
    y_true = np.array([0, 0, 1, 1, 2, 2, 2])
    y_pred = np.array([0, 1, 1, 1, 2, 0, 2])
    C = plots.confusion_counts(y_true, y_pred)
    np.testing.assert_array_equal(C, [[1, 1, 0], [0, 2, 0], [1, 0, 2]])
    fig = plots.confusion_matrix(y_true, y_pred)
    ax = fig.axes[0]
    assert len(ax.texts) == 9 and [t.get_text() for t in ax.texts][:3] == ["1", "1", "0"]
    assert "(3, 3)" in ax.get_title() and "71.4%" in ax.get_title()
    assert ax.get_xlabel() == "predicted class" and ax.get_ylabel() == "true class"
    with pytest.raises(ShapeError):
        plots.confusion_counts(y_true, y_pred[:-1])


def test_first_layer_weights(mnist_small):
    net, _, _ = mnist_small
    W1 = net.weights[0]
    fig = plots.first_layer_weights(W1, n=16)
    shown = [ax for ax in fig.axes if ax.images]
    assert len(shown) == 16
    np.testing.assert_array_equal(shown[5].images[0].get_array(), W1[:, 5].reshape(28, 28))
    assert "W₁ (784, 16)" in fig._suptitle.get_text()
    with pytest.raises(ShapeError, match=r"W1\.T"):
        plots.first_layer_weights(W1.T)


def test_confident_mistakes(mnist_small):
    net, X, y = mnist_small
    P = net.predict_proba(X)
    idx = plots.most_confident_mistakes(P, y, n=4)
    pred = P.argmax(axis=1)
    assert np.all(pred[idx] != y[idx])
    confidence = P[idx, pred[idx]]
    assert np.all(np.diff(confidence) <= 0)
    others = np.setdiff1d(np.flatnonzero(pred != y), idx)
    assert others.size == 0 or P[others, pred[others]].max() <= confidence.min()
    fig = plots.confident_mistakes(net, X, y, n=4)
    bar_axes = [ax for ax in fig.axes if ax.patches]
    assert len(bar_axes) == 4
    np.testing.assert_allclose([p.get_height() for p in bar_axes[0].patches], P[idx[0]])
    assert fig.axes[0].get_title().startswith(f"#{idx[0]}: {y[idx[0]]} → {pred[idx[0]]}\np = ")


def test_figures_are_small_pngs_and_never_reach_pyplot(spiral_net):
    net, X, y = spiral_net
    before = plt.get_fignums()
    figs = [plots.decision_boundary(net, X, y), plots.weight_heatmaps(net),
            plots.function_and_derivative("tanh"), plots.loss_curves(train=[1, 0.5])]
    for fig in figs:
        png = fig._repr_png_()
        assert png[:4] == b"\x89PNG" and len(png) < 150_000
    assert plt.get_fignums() == before
