"""Widgets driven through their public controls (``.value = …``, ``.click()``), no browser.

Each test changes a control the way a learner would and checks what the learner would see:
the model's state, the numbers in the readout, the artists in the figure.
"""

import gc
import re
import weakref

import matplotlib
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (only to check that no pyplot figure appears)

from nnla_helpers import MLP, data, linear  # noqa: E402
from nnla_helpers.activations import (leaky_relu, leaky_relu_grad, relu, sigmoid,  # noqa: E402
                                      sigmoid_grad, softmax)
from nnla_helpers.errors import BadValueError, ShapeError  # noqa: E402
from nnla_helpers.widgets import (DerivationStepper, DigitExplorer, FunctionExplorer,  # noqa: E402
                                  LayerGridView, MatrixMultiplyStepper, Step, TrainingPlayer,
                                  forward_backward_steps)


@pytest.fixture(scope="module")
def spirals():
    X, y = data.spirals(100, 3)
    X_val, y_val = data.spirals(40, 3, seed=1)
    return X, y, X_val, y_val


@pytest.fixture(scope="module")
def line():
    return data.noisy_line(50)


def weights_of(net):
    return {k: v.copy() for k, v in net.parameters().items()}


def shown_loss(player):
    """The training loss as printed in the readout (what the learner reads)."""
    match = re.search(r"<b>loss</b> ([0-9.e+-]+)", player.readout.value)
    assert match, player.readout.value
    return float(match.group(1))


def artist_count(fig):
    """Axes and the artists we make (lines, images, texts, collections, patches); tick marks,
    which matplotlib makes lazily as axis limits grow, are not counted."""
    per_axes = sum(len(ax.lines) + len(ax.images) + len(ax.texts) + len(ax.collections)
                   + len(ax.patches) for ax in fig.axes)
    return len(fig.axes) + len(fig.texts) + per_axes


def tick(player, n=1):
    """What the browser's Play does: bump the value, once per tick."""
    for _ in range(n):
        player.play.value += 1


# ---- TrainingPlayer -----------------------------------------------------------------------------


def test_step_changes_weights_shown_loss_and_picture(spirals):
    X, y, *_ = spirals
    player = TrainingPlayer(X, y, lr=0.5)
    before, loss_before, png_before = weights_of(player.net), shown_loss(player), player.image.value
    player.step_button.click()
    after = weights_of(player.net)
    assert player.trainer.step_count == 1
    assert all(not np.array_equal(before[k], after[k]) for k in ("W1", "W2", "W3"))
    assert shown_loss(player) != loss_before
    assert shown_loss(player) == pytest.approx(player.net.loss(X, y), rel=1e-3)
    assert player.image.value != png_before
    # the heatmap of W2 shows the new W2
    np.testing.assert_array_equal(player.heatmaps[1].get_array(), player.net.weights[1])
    player.close()


def test_reset_restores_the_exact_initial_weights(spirals):
    X, y, *_ = spirals
    player = TrainingPlayer(X, y, lr=0.5, seed=3)
    initial = weights_of(player.net)
    for _ in range(5):
        player.step_button.click()
    tick(player)  # not playing: ignored
    player.reset_button.click()
    for name, value in player.net.parameters().items():
        assert np.array_equal(value, initial[name]), name
    fresh = MLP([2, 16, 16, 3], seed=3)
    assert all(np.array_equal(a, b) for a, b in zip(fresh.weights, player.net.weights))
    assert player.trainer.step_count == 0 and "step</b> 0" in player.readout.value
    player.close()


def test_learning_rate_slider_changes_the_next_update(spirals):
    X, y, *_ = spirals
    player = TrainingPlayer(X, y, lr=0.1)
    start = weights_of(player.net)
    player.lr_slider.value = 0.1
    player.step_button.click()
    small = {k: v - start[k] for k, v in weights_of(player.net).items()}
    player.reset_button.click()                 # same weights, same first mini-batch
    player.lr_slider.value = 0.2
    assert player.trainer.lr == pytest.approx(0.2)
    player.step_button.click()
    large = {k: v - start[k] for k, v in weights_of(player.net).items()}
    for k in small:
        np.testing.assert_allclose(large[k], 2 * small[k], rtol=1e-6, atol=1e-12)
    assert np.abs(large["W1"]).max() > 1.5 * np.abs(small["W1"]).max()
    # the slider also acts in the middle of a run, on the very next update
    player.lr_slider.value = 0.05
    assert "lr</b> 0.05" in player.readout.value
    player.close()


def test_nan_run_stops_with_the_message_and_no_traceback(line):
    X, T = line
    # diverge_above=None: only a NaN/inf loss stops it (the Trainer's own check)
    player = TrainingPlayer(X, T, hidden_sizes=(8,), lr=1e3, diverge_above=None)
    player.play.playing = True
    tick(player, 200)
    assert "diverged at step" in player.readout.value
    assert "the loss became nan" in player.readout.value or "became inf" in player.readout.value
    assert player.play.playing is False
    assert player.banner.get_visible() and "diverged at step" in player.banner.get_text()
    steps = player.trainer.step_count
    player.play.playing = True
    tick(player, 3)
    player.step_button.click()
    assert player.trainer.step_count == steps        # stays stopped until Reset
    player.reset_button.click()
    assert "diverged" not in player.readout.value and not player.banner.get_visible()
    player.close()


def test_runaway_classification_loss_stops_too(spirals):
    X, y, *_ = spirals
    player = TrainingPlayer(X, y, lr=1e6)       # cross-entropy from logits never becomes NaN
    player.play.playing = True
    tick(player, 60)
    assert "diverged at step" in player.readout.value and "times its starting value" in \
        player.readout.value
    assert not player.play.playing
    player.close()


def test_linear_regression_with_too_large_lr_diverges_visibly(line):
    X, T = line
    player = TrainingPlayer(X, T, hidden_sizes=(), lr=2.0)
    player.play.playing = True
    tick(player, 100)
    assert "diverged at step" in player.readout.value
    assert "smaller learning rate" in player.readout.value
    assert not player.play.playing
    # the trail shows the run-away: the last points are far outside the picture
    w, b = player.path[-1]
    (w0, w1), _ = player.surface["point"].axes.get_xlim(), None
    assert abs(w) > abs(w1 - w0)
    player.close()


def test_other_errors_are_shown_not_raised(spirals, monkeypatch):
    X, y, *_ = spirals
    player = TrainingPlayer(X, y)

    def broken_step():
        raise ValueError("something broke inside the step")
    monkeypatch.setattr(player.trainer, "step", broken_step)
    player.play.playing = True
    tick(player)
    assert "something broke inside the step" in player.readout.value
    assert not player.play.playing
    monkeypatch.undo()                              # fixed: the next step works and says so
    player.step_button.click()
    assert "something broke" not in player.readout.value and "<b>loss</b>" in player.readout.value
    player.close()


def test_play_ticks_only_while_playing_and_pause_acts_at_once(spirals):
    X, y, *_ = spirals
    player = TrainingPlayer(X, y, steps_per_frame=3)
    tick(player, 2)
    assert player.trainer.step_count == 0           # a tick without Play does nothing
    player.play.playing = True
    tick(player, 2)
    assert player.trainer.step_count == 6           # speed = 3 steps per frame
    player.speed.value = 5
    tick(player)
    assert player.trainer.step_count == 11
    player.play.playing = False                     # Pause
    tick(player, 4)                                 # ticks still in flight are dropped
    assert player.trainer.step_count == 11
    player.play.value = 0                           # the Play's own stop button: no frame
    assert player.trainer.step_count == 11
    player.close()


def test_play_interval_never_shorter_than_a_frame(spirals):
    X, y, *_ = spirals
    player = TrainingPlayer(X, y, interval=1)
    player.play.playing = True
    tick(player, 5)
    assert player.play.interval >= 1000 * 1.2 * np.median(player.total_times[-5:])
    player.close()


def test_200_frames_leave_no_new_figures_or_artists(spirals):
    X, y, X_val, y_val = spirals
    figures_before = plt.get_fignums()
    player = TrainingPlayer(X, y, X_val, y_val, lr=0.3, dpi=40)    # small pixels: a fast test
    n_artists = artist_count(player.figure)
    player.play.playing = True
    tick(player, 200)
    assert player.trainer.step_count == 200
    assert plt.get_fignums() == figures_before
    assert artist_count(player.figure) == n_artists
    assert len(player.figure.axes) == 5
    ref = weakref.ref(player.figure)
    player.close()
    del player
    gc.collect()
    assert ref() is None                            # close() really lets the figure go


def test_frames_update_all_views(spirals):
    X, y, X_val, y_val = spirals
    player = TrainingPlayer(X, y, X_val, y_val, lr=0.5, steps_per_frame=5)
    boundary_before = player.boundary.get_array().copy()
    player.play.playing = True
    tick(player, 4)
    assert len(player.train_line.get_xdata()) == 5 and len(player.val_line.get_xdata()) == 5
    assert player.train_line.get_xdata()[-1] == 20
    assert not np.array_equal(player.boundary.get_array(), boundary_before)
    assert "held-out loss" in player.readout.value and "accuracy" in player.readout.value
    assert player.trainer.history.val_loss[-1] == pytest.approx(player.net.loss(X_val, y_val))
    titles = [ax.get_title(loc="left") for ax in player.figure.axes]
    assert {"W₁ (2, 16)", "W₂ (16, 16)", "W₃ (16, 3)"} <= set(titles)
    player.close()


def test_linear_regression_point_moves_toward_least_squares(line):
    X, T = line
    player = TrainingPlayer(X, T, hidden_sizes=(), lr=0.1)
    assert player.net.sizes == [1, 1] and player.net.loss_name == "mse"
    W_opt, b_opt = linear.least_squares(X, T)
    target = np.array([W_opt[0, 0], b_opt[0]])
    dist = [np.linalg.norm(np.array(player.path[-1]) - target)]
    for _ in range(30):
        player.step_button.click()
        dist.append(np.linalg.norm(np.array(player.path[-1]) - target))
        # the point drawn is the network's (w, b)
        w, b = player.net.weights[0][0, 0], player.net.biases[0][0]
        np.testing.assert_allclose(player.surface["point"].get_xydata()[0], [w, b])
    assert all(d2 < d1 for d1, d2 in zip(dist, dist[1:]))
    assert dist[-1] < 0.2 * dist[0]
    # the arrow is −∇L at the current point
    dW, db = linear.gradients(X, player.net.weights[0], player.net.biases[0], T)
    (x0, y0), (x1, y1) = player.surface["arrow"]._posA_posB
    np.testing.assert_allclose([x1 - x0, y1 - y0], [-dW[0, 0], -db[0]])
    assert len(player.surface["trail"].get_xdata()) == 31
    np.testing.assert_allclose(player.surface["optimum"].get_xydata()[0], target)
    # the fitted line is the model's prediction
    line_y = player.fit_line.get_ydata()
    np.testing.assert_allclose(line_y, player.net.predict_proba(player.fit_x)[:, 0])
    player.close()


def test_dropout_and_keep_prob_apply_at_reset(spirals):
    X, y, X_val, y_val = spirals
    player = TrainingPlayer(X, y, X_val, y_val)
    initial = weights_of(player.net)
    assert player.net.keep_prob == 1.0
    player.dropout.value = True
    player.keep_prob.value = 0.5
    assert player.net.keep_prob == 1.0              # not yet: applied at Reset
    player.reset_button.click()
    assert player.net.keep_prob == 0.5
    assert all(np.array_equal(initial[k], v) for k, v in player.net.parameters().items())
    player.step_button.click()
    assert len(player.trainer.history.val_loss) == 2   # the held-out curve goes on
    player.dropout.value = False
    player.reset_button.click()
    assert player.net.keep_prob == 1.0
    player.close()


def test_activation_and_hidden_sizes_apply_at_reset(spirals):
    X, y, *_ = spirals
    player = TrainingPlayer(X, y)
    player.hidden.value = "8"
    player.activation.value = "tanh"
    player.reset_button.click()
    assert player.net.sizes == [2, 8, 3] and player.net.hidden == ["tanh"]
    expected = MLP([2, 8, 3], hidden="tanh", seed=0)
    assert all(np.array_equal(a, b) for a, b in zip(expected.weights, player.net.weights))
    assert [ax.get_title(loc="left") for ax in player.figure.axes][-2:] == ["W₁ (2, 8)", "W₂ (8, 3)"]
    player.hidden.value = "16, x"
    player.reset_button.click()
    assert "positive whole numbers" in player.readout.value
    assert player.net.sizes == [2, 8, 3]            # the old network stays
    player.close()


def test_given_net_is_restored_at_reset(spirals):
    X, y, *_ = spirals
    net = MLP([2, 10, 3], hidden="tanh", seed=7)
    original = weights_of(net)
    player = TrainingPlayer(X, y, net=net, lr=0.3)
    assert player.activation.disabled and player.hidden.disabled
    for _ in range(3):
        player.step_button.click()
    assert not np.array_equal(net.weights[0], original["W1"])
    player.reset_button.click()
    assert all(np.array_equal(original[k], v) for k, v in net.parameters().items())
    player.close()


def test_binary_sigmoid_output(spirals):
    X, y = data.xor(120)
    player = TrainingPlayer(X, y, hidden_sizes=(8,), output="sigmoid", lr=0.5)
    assert player.net.sizes == [2, 8, 1] and player.net.loss_name == "binary_cross_entropy"
    player.step_button.click()
    assert "accuracy" in player.readout.value
    player.close()


def test_snapshot_is_a_figure_with_the_same_views(spirals):
    X, y, *_ = spirals
    player = TrainingPlayer(X, y)
    player.step_button.click()
    fig = player.snapshot()
    png = fig._repr_png_()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) < 300_000
    assert "step 1" in player.status.get_text()
    player.close()
    with pytest.raises(RuntimeError):
        player.snapshot()


def test_training_player_rejects_bad_inputs(spirals):
    X, y, *_ = spirals
    with pytest.raises(ShapeError, match="300 samples.*299"):
        TrainingPlayer(X, y[:-1])
    with pytest.raises(ShapeError, match="2-D"):
        TrainingPlayer(X.reshape(300, 2, 1), y)
    with pytest.raises(ShapeError, match="X_val"):
        TrainingPlayer(X, y, X[:, :1], y)


# ---- DerivationStepper ------------------------------------------------------------------------------


def table_numbers(html):
    """Every number shown in the HTML tables, in order."""
    return [float(x) for x in re.findall(r"<td[^>]*>([-0-9.e+]+)</td>", html)]


def direct_pass(net, X, y):
    """The forward and backward pass of a 1-hidden-layer ReLU/softmax net, written out here."""
    W1, b1, W2, b2 = net.weights[0], net.biases[0], net.weights[1], net.biases[1]
    m = X.shape[0]
    Y = np.eye(W2.shape[1])[y]
    Z1 = X @ W1 + b1
    A1 = np.maximum(Z1, 0)
    Z2 = A1 @ W2 + b2
    A2 = np.exp(Z2) / np.exp(Z2).sum(axis=1, keepdims=True)
    L = -np.sum(Y * np.log(A2)) / m
    dZ2 = (A2 - Y) / m
    dW2, db2 = A1.T @ dZ2, dZ2.sum(axis=0)
    dA1 = dZ2 @ W2.T
    dZ1 = dA1 * (Z1 > 0)
    dW1, db1 = X.T @ dZ1, dZ1.sum(axis=0)
    return [{"X": X, "Y": Y}, {"Z_1": Z1}, {"A_1": A1}, {"Z_2": Z2}, {"A_2": A2}, {"L": L},
            {"dZ_2": dZ2}, {"dW_2": dW2}, {"db_2": db2}, {"dA_1": dA1}, {"dZ_1": dZ1},
            {"dW_1": dW1}, {"db_1": db1}]


def test_derivation_stepper_shows_the_direct_computation_at_every_step():
    net = MLP([4, 3, 2], init="essay", seed=1)
    X = np.random.default_rng(0).normal(size=(3, 4))
    y = np.array([0, 1, 1])
    steps = forward_backward_steps(net, X, y)
    expected = direct_pass(net, X, y)
    assert len(steps) == len(expected)
    stepper = DerivationStepper(steps, title="a 4-3-2 network")
    assert stepper.prev_button.disabled
    for i, values in enumerate(expected):
        assert stepper.index == i
        step = stepper.current
        assert list(step.values) == list(values)
        shown = table_numbers(stepper.view.value)
        direct = np.concatenate([np.ravel(v) for v in values.values()])
        np.testing.assert_allclose(shown, direct, rtol=1e-3, atol=1e-12)       # as displayed
        for name, v in values.items():
            np.testing.assert_allclose(step.values[name], v, rtol=1e-12, atol=1e-15)  # raw
        assert step.latex in stepper.view.value and "$$" in stepper.view.value
        stepper.next_button.click()
    assert stepper.next_button.disabled and stepper.index == len(steps) - 1
    grads = net.backward(net.forward(X)[1], y)
    for name in ("W1", "b1", "W2", "b2"):
        np.testing.assert_allclose(steps[-1 if name == "b1" else -2 if name == "W1" else
                                         -5 if name == "b2" else -6].values[f"d{name[0]}_{name[1]}"],
                                   grads[name], rtol=1e-10)
    assert "Z₁ (3, 3)" in stepper.to_html(1) and "dW₁ (4, 3)" in stepper.to_html(11)
    assert "uses" in steps[1].note and "W₁" in steps[1].note


def test_derivation_stepper_controls_and_snapshot():
    Z = np.array([[1.23456, -2.0], [0.0, 3.5]])
    steps = [Step(r"Z = X W", {"Z": Z}, note="uses X and W"),
             Step(r"\hat{Y} = \tfrac{1}{2} Z", {"Y_hat": Z / 2}),        # not valid mathtext
             dict(latex=r"L = 3", values={"L": 3.0})]
    stepper = DerivationStepper(steps)
    assert "1.235" in stepper.view.value and "Z (2, 2)" in stepper.view.value
    stepper.position.value = 3
    assert "L (a number)" in stepper.view.value and stepper.next_button.disabled
    stepper.prev_button.click()
    assert stepper.index == 1
    np.testing.assert_array_equal(stepper.current.values["Y_hat"], Z / 2)
    fig = stepper.snapshot()                        # falls back to plain text for the bad line
    assert fig._repr_png_()[:4] == b"\x89PNG"
    everything = stepper.snapshot(all_steps=True)
    assert len(everything.axes) == 3                # one table per value
    with pytest.raises(ValueError):
        DerivationStepper([])


# ---- MatrixMultiplyStepper -----------------------------------------------------------------------------


def test_matrix_multiply_essay_dot_product_200():
    s = MatrixMultiplyStepper.dot([10, 20, 30, 40], [0, 1, 2, 3])
    assert s.n_positions == 4                       # one product per click
    sums = []
    for _ in range(4):
        sums.append(s.running_sums[-1])
        s.next_button.click()
    assert sums == [0, 20, 80, 200]
    assert s.running_sums == [0, 20, 80, 200]
    assert s.sum_text() == "a·b[0, 0] = 10·0 + 20·1 + 30·2 + 40·3 = 200"
    assert "0 → 20 → 80 → 200" in s.readout.value
    assert s.Z_shown[0, 0] == 200 and s.Z[0, 0] == 200
    assert "a (1, 4)" in [t.get_text() for t in s.figure.findobj(matplotlib.text.Text)]


def test_matrix_multiply_essay_outer_product_table():
    a, b = np.array([10, 20, 30, 40]), np.array([0, 1, 2, 3])
    s = MatrixMultiplyStepper.outer(a, b)
    assert s.n_positions == 16
    for p in range(1, 17):
        s.position.value = p
        i, j = divmod(p - 1, 4)
        assert (s.i, s.j) == (i, j)
        assert s.running_sums[-1] == a[i] * b[j]
        done = np.isfinite(s.Z_shown)
        assert done.sum() == p                    # entries appear one at a time, in order
    np.testing.assert_array_equal(s.Z_shown, np.outer(a, b))
    texts = [[t.get_text() for t in row] for row in s.z_texts]
    assert texts[3] == ["0", "40", "80", "120"]


def test_matrix_multiply_running_sums_equal_X_W_plus_b():
    rng = np.random.default_rng(5)
    X, W, b = rng.normal(size=(3, 4)), rng.normal(size=(4, 2)), rng.normal(size=2)
    Z = X @ W + b
    s = MatrixMultiplyStepper(X, W, b, by_term=True)
    assert s.n_terms == 5 and s.n_positions == 3 * 2 * 5
    for p in range(1, s.n_positions + 1):
        s.position.value = p
        terms = list(X[s.i] * W[:, s.j]) + [b[s.j]]
        np.testing.assert_allclose(s.terms, terms[:len(s.terms)])
        np.testing.assert_allclose(s.running_sums, np.cumsum(terms[:len(s.terms)]))
        if len(s.terms) == 5:
            np.testing.assert_allclose(s.running_sums[-1], Z[s.i, s.j], rtol=1e-12)
        # row i of X and column j of W are highlighted, the rest is white
        x_colors = [[c.get_facecolor() for c in row] for row in s.x_cells]
        white = matplotlib.colors.to_rgba("white")
        assert all(col != white for col in x_colors[s.i])
        assert all(col == white for r, row in enumerate(x_colors) if r != s.i for col in row)
        assert all(s.w_cells[t][s.j].get_facecolor() != white for t in range(4))
    np.testing.assert_allclose(s.Z_shown, Z, rtol=1e-12)
    # entry by entry (no by_term): every click finishes one entry
    s2 = MatrixMultiplyStepper(X, W, b)
    for p in range(1, 7):
        s2.position.value = p
        np.testing.assert_allclose(s2.running_sums[-1], Z[s2.i, s2.j], rtol=1e-12)


@settings(max_examples=12, deadline=None)
@given(m=st.integers(1, 3), k=st.integers(1, 4), n=st.integers(1, 3), seed=st.integers(0, 10_000),
       with_bias=st.booleans())
def test_matrix_multiply_any_shapes_property(m, k, n, seed, with_bias):
    rng = np.random.default_rng(seed)
    X, W = rng.integers(-9, 10, (m, k)), rng.integers(-9, 10, (k, n))
    b = rng.integers(-9, 10, n) if with_bias else None
    Z = X @ W + (b if with_bias else 0)
    s = MatrixMultiplyStepper(X, W, b)
    for p in range(1, m * n + 1):
        s.position.value = p
        assert s.running_sums[-1] == Z[s.i, s.j]                  # whole numbers: exact
        assert s.sum_text().endswith(f"= {Z[s.i, s.j]}")
    np.testing.assert_array_equal(s.Z_shown, Z)
    s.close()


def test_matrix_multiply_rejects_bad_shapes():
    with pytest.raises(ShapeError, match=r"W.T"):
        MatrixMultiplyStepper(np.ones((2, 3)), np.ones((2, 3)))
    with pytest.raises(ShapeError, match="b"):
        MatrixMultiplyStepper(np.ones((2, 3)), np.ones((3, 2)), np.ones(3))
    with pytest.raises(BadValueError, match="too big"):
        MatrixMultiplyStepper(np.ones((20, 3)), np.ones((3, 2)))


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
    assert "beta=0.50" in fx.ax_g.get_title()

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
    with pytest.raises(ValueError, match="unknown function"):
        FunctionExplorer("swish")


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


# ---- DigitExplorer ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def digits():
    X_train, y_train, X_test, y_test = data.load_mnist(n_train=100, n_test=30)
    return X_test, y_test


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
