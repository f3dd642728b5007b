"""TrainingPlayer (nnla_helpers.widgets.training), without a browser.

Each test drives the widget through its public controls (``.value = …``, ``.click()``), as
a learner would, and checks what the learner would see: the state, the readout, the artists.
"""

import gc
import re
import weakref

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (only to check that no pyplot figure appears)

from nnla_helpers import MLP, data, linear  # noqa: E402
from nnla_helpers.errors import SettingError, ShapeError  # noqa: E402
from nnla_helpers.widgets import TrainingPlayer  # noqa: E402


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
    assert player.play.interval >= 1000 * 0.8 * np.median(player.total_times[-5:])
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
    assert "validation loss" in player.readout.value and "accuracy" in player.readout.value
    assert player.trainer.history.val_loss[-1] == pytest.approx(player.net.loss(X_val, y_val))
    titles = [ax.get_title(loc="left").split(" · ")[0] for ax in player.figure.axes]
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
    assert [ax.get_title(loc="left").split(" · ")[0]
            for ax in player.figure.axes][-2:] == ["W₁ (2, 8)", "W₂ (8, 3)"]
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
    with pytest.raises(SettingError):
        player.snapshot()


def test_training_player_rejects_bad_inputs(spirals):
    X, y, *_ = spirals
    with pytest.raises(ShapeError, match="300 samples.*299"):
        TrainingPlayer(X, y[:-1])
    with pytest.raises(ShapeError, match="2-D"):
        TrainingPlayer(X.reshape(300, 2, 1), y)
    with pytest.raises(ShapeError, match="X_val"):
        TrainingPlayer(X, y, X[:, :1], y)


