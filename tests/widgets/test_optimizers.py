"""OptimizerRace and InitExplorer (widgets.optimizers), notebook 07, without a browser.

Each test drives the widget through its public controls (``.value = …``, ``.click()``), as
a learner would, and checks what the learner would see — the readout, the artists, the
picture — against the package's own functions used by hand: ``optim.Momentum``/``optim.Adam``
stepped on ``optim.valley``, and a pass through ``init_layer`` layers.
"""

import gc
import re
import weakref

import ipywidgets
import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (only to check that no pyplot figure appears)

from nnla_helpers import layers, optim  # noqa: E402
from nnla_helpers.errors import SettingError  # noqa: E402
from nnla_helpers.network import init_layer  # noqa: E402
from nnla_helpers.train import runaway  # noqa: E402
from nnla_helpers.widgets import InitExplorer, OptimizerRace, format_number  # noqa: E402
from nnla_helpers.widgets.optimizers import EXPLODING_ABOVE, VANISHING_BELOW  # noqa: E402
from .test_bad_inputs import press, tick        # a click and a Play tick, as the browser makes them

REGISTRY = ipywidgets.widgets.widget._instances     # every open ipywidget (ipywidgets 8)
START = np.array([-4.0, 1.5])


def text(html):
    return re.sub(r"<[^>]+>", "", html)


def collect():
    for _ in range(3):
        gc.collect()


def by_hand(make_rule, lr, steps, start=START, **surface):
    """The points an update rule visits on optim.valley, stepped by hand."""
    params = {"p": np.array(start, dtype=float)}
    rule = make_rule(params)
    points = [params["p"].copy()]
    for _ in range(steps):
        _, g = optim.valley(params["p"], **surface)
        rule.step(params, {"p": g}, lr)
        points.append(params["p"].copy())
    return np.array(points)


RULES = {"gradient descent": lambda params: optim.Momentum(params, 0.0),
         "momentum": lambda params: optim.Momentum(params, 0.9),
         "Adam": lambda params: optim.Adam(params)}


def runner(race, name):
    return next(r for r in race.runners if r.name == name)


# ---- OptimizerRace: its numbers are the package's ----------------------------------------------------


def test_race_starts_with_three_runners_at_the_start_point():
    race = OptimizerRace()
    assert race.optimizer.value == "all three" and [r.name for r in race.runners] == list(RULES)
    loss0, _ = optim.valley(START)
    shown = text(race.readout.value)
    assert "step 0" in shown and "lr 0.1" in shown
    for name in RULES:
        assert f"{name}: loss {format_number(loss0, 4)} at (-4, 1.5)" in shown
        assert np.array_equal(runner(race, name).point, START)
    assert race.image.value[:4] == b"\x89PNG"
    assert "nnla-readout" in race.readout._dom_classes and "nnla-figure" in race.image._dom_classes
    race._repr_mimebundle_()                     # shown: the box gets the page's CSS classes
    assert {"nnla-widget", "nnla-OptimizerRace"} <= set(race.widget._dom_classes)
    race.close()


@pytest.mark.parametrize("surface, kwargs", [("valley", {}), ("tilted valley", {"angle": 30.0})])
def test_race_points_are_the_update_rules_stepped_by_hand(surface, kwargs):
    race = OptimizerRace(surface, lr=0.07)
    for _ in range(40):
        press(race.step_button)
    race.speed.value = 7
    race.play.playing = True
    tick(race, 5)                                   # 35 more steps, 7 a frame
    assert race.step_count == 75
    for name, make_rule in RULES.items():
        expected = by_hand(make_rule, 0.07, 75, **kwargs)
        r = runner(race, name)
        np.testing.assert_array_equal(np.array(r.path), expected)          # number for number
        np.testing.assert_array_equal(r.losses, [optim.valley(p, **kwargs)[0] for p in expected])
        x, y = expected[-1]
        loss = optim.valley(expected[-1], **kwargs)[0]
        assert (f"{name}: loss {format_number(loss, 4)} at ({format_number(x, 3)}, "
                f"{format_number(y, 3)})") in text(race.readout.value)
        np.testing.assert_array_equal(race.artists[name]["point"].get_xydata()[-1], expected[-1])
        np.testing.assert_array_equal(race.artists[name]["loss"].get_ydata()[-1], max(loss, 1e-20))
    race.close()


@pytest.mark.parametrize("lr", [0.02, 0.05, 0.1])
def test_momentum_ends_far_closer_to_the_minimum_than_gradient_descent(lr):
    """The lesson the race claims: at the same lr, after 150 steps, momentum is much nearer
    the minimum (0, 0) of the valley than gradient descent, which crawls along its floor."""
    race = OptimizerRace(lr=lr)
    race.snapshot(steps=150)
    distance = {r.name: float(np.linalg.norm(r.point)) for r in race.runners}
    assert distance["momentum"] < 0.2 * distance["gradient descent"], distance
    assert race.shown["loss"]["momentum"] < 0.05 * race.shown["loss"]["gradient descent"]
    race.close()


def test_at_lr_0_1_gradient_descent_zig_zags_across_and_crawls_along():
    race = OptimizerRace(lr=0.1, optimizer="gradient descent")
    race.snapshot(steps=150)
    y = np.array(runner(race, "gradient descent").path)[:12, 1]
    assert np.all(np.sign(y[1:]) == -np.sign(y[:-1]))            # across: every step overshoots
    x = np.array(runner(race, "gradient descent").path)[:, 0]
    assert x[-1] < -0.5                                           # along: still far from 0
    race.close()


def test_on_the_tilted_valley_adam_loses_its_lead():
    # Adam rescales each coordinate: along the axes it keeps up with momentum, turned by 30° not
    race = {s: OptimizerRace(s, lr=0.1) for s in ("valley", "tilted valley")}
    for r in race.values():
        r.snapshot(steps=200)
    d = {s: {x.name: np.linalg.norm(x.point) for x in r.runners} for s, r in race.items()}
    assert d["valley"]["Adam"] < 0.01 and d["tilted valley"]["Adam"] > 0.5
    assert d["tilted valley"]["momentum"] < 0.01
    assert "angle=30" in race["tilted valley"].ax_surface.get_title()
    for r in race.values():
        r.close()


# ---- OptimizerRace: each control changes the picture and the readout ---------------------------------


def test_step_play_and_pause():
    race = OptimizerRace()
    png = race.image.value
    press(race.step_button)
    assert race.step_count == 1 and "step 1 ·" in text(race.readout.value)
    assert race.image.value != png
    tick(race, 3)                                    # not playing: ignored
    assert race.step_count == 1
    race.play.playing = True
    tick(race, 3)
    assert race.step_count == 4 and "step 4 ·" in text(race.readout.value)
    race.speed.value = 5
    tick(race)
    assert race.step_count == 9
    race.play.playing = False                        # Pause: a late tick is dropped
    tick(race)
    assert race.step_count == 9
    race.close()


def test_reset_goes_back_to_the_very_same_start():
    race = OptimizerRace()
    first = race.image.value
    for _ in range(30):
        press(race.step_button)
    assert race.image.value != first
    press(race.reset_button)
    assert race.step_count == 0 and all(len(r.path) == 1 for r in race.runners)
    assert race.image.value == first                 # the same picture, byte for byte
    assert all(r.rule.t == 0 for r in race.runners if isinstance(r.rule, optim.Adam))
    race.close()


def test_learning_rate_slider_restarts_the_race_with_the_new_rate():
    race = OptimizerRace(lr=0.1)
    for _ in range(10):
        press(race.step_button)
    png = race.image.value
    race.lr_slider.value = 0.05
    assert race.step_count == 0 and "lr 0.05" in text(race.readout.value)
    assert race.image.value != png
    press(race.step_button)
    _, g = optim.valley(START)
    np.testing.assert_array_equal(runner(race, "gradient descent").point, START - 0.05 * g)
    race.close()


def test_the_optimiser_toggle_races_one_or_all_three():
    race = OptimizerRace()
    png = race.image.value
    race.optimizer.value = "momentum"
    assert [r.name for r in race.runners] == ["momentum"]
    shown = text(race.readout.value)
    assert "momentum:" in shown and "gradient descent" not in shown and "Adam" not in shown
    assert race.artists["momentum"]["path"].get_visible()
    assert not race.artists["Adam"]["path"].get_visible()
    legend = [t.get_text() for t in race.ax_loss.get_legend().get_texts()]
    assert legend == ["momentum (μ = 0.9)"]
    assert race.image.value != png
    for _ in range(20):
        press(race.step_button)
    np.testing.assert_array_equal(np.array(race.runners[0].path), by_hand(RULES["momentum"], 0.1, 20))
    race.optimizer.value = "Adam"
    assert [r.name for r in race.runners] == ["Adam"] and race.step_count == 0
    race.optimizer.value = "all three"
    assert len(race.runners) == 3
    race.close()


def test_a_fast_frame_is_the_full_frame():
    race = OptimizerRace()
    for _ in range(12):
        press(race.step_button)                      # blitted frames
    fast = race.image.value
    race.render(full=True)
    assert race.image.value == fast
    race.close()


# ---- OptimizerRace: divergence -------------------------------------------------------------------------


def test_a_learning_rate_too_big_stops_gradient_descent_by_the_trainers_rule():
    race = OptimizerRace(lr=0.2)                     # > 2/16: gradient descent runs away
    race.play.playing = True
    tick(race, 40)
    gd = runner(race, "gradient descent")
    assert gd.stopped and race.shown["stopped"].keys() == {"gradient descent"}
    steps = len(gd.path) - 1
    why = runaway(gd.losses[-1], gd.start_loss)
    assert why and runaway(gd.losses[-2], gd.start_loss) is None   # stopped at the first step over
    shown = text(race.readout.value)
    assert f"gradient descent diverged at step {steps}: {why}" in shown
    assert "try a smaller learning rate (it is 0.2 now)" in shown
    assert f"gradient descent diverged at step {steps}" in race.banner.get_text()
    assert race.play.playing and race.step_count == 40           # the other two race on
    for _ in range(5):
        press(race.step_button)
    assert len(gd.path) - 1 == steps                              # stopped stays stopped
    np.testing.assert_array_equal(np.array(runner(race, "momentum").path),
                                  by_hand(RULES["momentum"], 0.2, 45))
    race.lr_slider.value = 0.1                                    # a smaller rate: a new race
    assert not any(r.stopped for r in race.runners) and "diverged" not in race.readout.value
    assert race.banner.get_text() == ""
    race.close()


def test_when_every_runner_diverged_play_stops():
    race = OptimizerRace(lr=0.5, optimizer="gradient descent")
    race.play.playing = True
    tick(race, 30)
    assert not race.play.playing and runner(race, "gradient descent").stopped
    assert "diverged at step" in race.readout.value
    assert race.last_error is None                                # no traceback, no error
    race.close()


def test_the_race_ends_after_max_steps():
    race = OptimizerRace(max_steps=5)
    race.play.playing = True
    tick(race, 8)
    assert race.step_count == 5 and not race.play.playing
    assert "the race is over after 5 steps" in race.readout.value
    race.close()


# ---- OptimizerRace: bad arguments, controls that never raise, no leaks -------------------------------


@pytest.mark.parametrize("kwargs, words", [
    ({"surface": "bowl"}, "surface must be one of 'valley', 'tilted valley'"),
    ({"lr": 0}, "lr must be a number > 0"),
    ({"lr": float("nan")}, "lr must be a finite number"),
    ({"start": (1.0,)}, r"start must be a point \(x, y\) of the plane"),
    ({"start": "xy"}, "start must be a point"),
    ({"start": (float("nan"), 0.0)}, r"start\[0\] must be a finite number"),
    ({"start": (0.0, 1e9)}, r"start\[1\] must be a number"),
    ({"optimizer": "adam"}, "optimizer must be one of 'gradient descent', 'momentum', 'Adam', 'all three'"),
    ({"momentum": 1.0}, "momentum must be a number ≥ 0 and < 1"),
    ({"steps_per_frame": 0}, "steps_per_frame must be a whole number"),
    ({"lr_range": (1.0, 0.1)}, r"lr_range\[1\] must be a number > 1"),
    ({"max_steps": 2.5}, "max_steps must be a whole number"),
    ({"diverge_above": 1}, "diverge_above must be a number > 1"),
])
def test_race_refuses_bad_arguments_in_plain_words(kwargs, words):
    with pytest.raises(SettingError, match=words):
        OptimizerRace(**kwargs)


def test_race_controls_never_raise(monkeypatch):
    race = OptimizerRace()
    race.lr_slider.value = float("nan")                          # refused: the last good value
    assert race.lr_slider.value == pytest.approx(0.1) and race.last_error is None
    race.lr_slider.value = 1e9                                   # clamped to the slider's end
    assert race.lr_slider.value == pytest.approx(1.0)
    race.play.playing = True
    tick(race, 10)
    assert race.last_error is None
    monkeypatch.setattr(race, "surface", lambda p: 1 / 0)
    press(race.reset_button)
    assert isinstance(race.last_error, ZeroDivisionError)
    assert "did not work: ZeroDivisionError" in race.readout.value
    assert not race.play.playing
    race.close()


def test_a_closed_race_ignores_its_controls():
    race = OptimizerRace()
    race.close()
    press(race.step_button), press(race.reset_button)
    race.lr_slider.value = 0.3
    race.play.playing = True
    tick(race, 2)
    assert race.step_count == 0 and race.last_error is None
    with pytest.raises(SettingError, match="closed"):
        race.snapshot()


def test_snapshot_is_a_static_figure_after_n_steps_the_same_every_time():
    a, b = OptimizerRace(), OptimizerRace()
    figure = a.snapshot(steps=120)
    assert figure is a.figure and a.step_count == 120
    assert figure._repr_png_()[:4] == b"\x89PNG"
    b.snapshot(steps=120)
    assert a.image.value == b.image.value and a.readout.value == b.readout.value
    assert "step 120 · lr 0.1" in figure.texts[0].get_text()
    with pytest.raises(SettingError, match="steps must be a whole number"):
        a.snapshot(steps=-1)
    a.close(), b.close()


# ---- InitExplorer: its numbers are a pass through init_layer layers ----------------------------------


def hand_pass(scheme, activation, width=256, samples=500, seed=0):
    """X and 10 layers by hand: init_layer's weights, NumPy's products and activations."""
    g = {"relu": lambda z: np.maximum(z, 0), "tanh": np.tanh,
         "sigmoid": lambda z: 1 / (1 + np.exp(-z))}[activation]
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((samples, width))
    stds = [A.std()]
    for _ in range(10):
        W, b = init_layer(width, width, scheme, rng)
        A = g(A @ W + b)
        stds.append(A.std())
    return np.array(stds)


@pytest.mark.parametrize("scheme, activation", [("uniform", "relu"), ("xavier", "relu"),
                                                ("he", "relu"), ("xavier", "tanh"),
                                                ("uniform", "sigmoid")])
def test_init_explorer_stds_are_a_pass_by_hand(scheme, activation):
    ex = InitExplorer(scheme, activation)
    np.testing.assert_allclose(ex.stds, hand_pass(scheme, activation), rtol=1e-10)
    shown = text(ex.readout.value)
    assert f"layer 10: std {format_number(ex.stds[10], 3)}" in shown
    assert ex.shown["std"] == ex.stds[10]
    np.testing.assert_array_equal(ex.std_shown.get_ydata(), ex.stds)        # the std line
    ex.close()


def test_init_explorer_uses_the_packages_layers():
    ex = InitExplorer("he", "tanh", width=32, samples=40)
    rng = np.random.default_rng(0)
    A = rng.standard_normal((40, 32))
    for got in ex.layer_outputs()[1:]:
        W, b = init_layer(32, 32, "he", rng)
        A, _ = layers.activation_forward(layers.dense_forward(A, W, b)[0], "tanh")
        np.testing.assert_array_equal(got, A)
    ex.close()


def test_the_essays_uniform_init_explodes_with_relu_and_he_stays_steady():
    """The lesson: U(−0.5, 0.5) weights on 256 inputs grow ReLU activations about 3× a layer;
    He's N(0, 2/n) keeps every layer's std within a factor of 2 of the input's."""
    ex = InitExplorer("uniform", "relu")
    assert ex.stds[10] > 1e3 * ex.stds[0] and ex.shown["verdict"] == "exploding"
    assert "std 1.43e+05 — exploding" in text(ex.readout.value)
    ex.scheme.value = "he"
    ratio = ex.stds[1:] / ex.stds[0]
    assert np.all((ratio > 0.5) & (ratio < 2)), ratio
    assert ex.shown["verdict"] == "steady" and "— steady" in text(ex.readout.value)
    ex.scheme.value = "xavier"                       # Xavier halves ReLU's variance a layer
    assert ex.stds[10] < VANISHING_BELOW * ex.stds[0] and ex.shown["verdict"] == "vanishing"
    ex.close()


def ridge_span(ex, k):
    """How much of the shared x-range ridge k covers: the bins holding ≥ 1 % of its tallest."""
    heights = ex.ridges[k].get_data().values + k
    return np.count_nonzero(heights > 0.01 * heights.max())


def test_the_ridges_show_vanishing_as_a_spike_and_exploding_as_a_spread():
    ex = InitExplorer("xavier", "relu")
    assert ridge_span(ex, 10) < ridge_span(ex, 1) / 4               # vanished: a spike at 0
    ex.scheme.value = "uniform"
    assert ridge_span(ex, 1) < ridge_span(ex, 10) / 4               # exploded: layer 10 spreads
    ex.close()


@pytest.mark.parametrize("scheme, activation", [("uniform", "relu"), ("xavier", "relu"),
                                                ("he", "tanh"), ("uniform", "sigmoid")])
def test_the_ridges_are_the_histograms_of_the_nonzero_values(scheme, activation):
    """Each ridge is np.histogram of its layer's values without the exact zeros, over the shown
    layers' common range (0 included), scaled to its tallest bin."""
    ex = InitExplorer(scheme, activation)
    for depth in (1, 4, 10):
        ex.depth.value = depth
        outputs = ex.layer_outputs()
        lo = min(0.0, *(float(A.min()) for A in outputs[:depth + 1]))
        hi = max(0.0, *(float(A.max()) for A in outputs[:depth + 1]))
        for k, A in enumerate(outputs[:depth + 1]):
            counts = np.histogram(A[A != 0], bins=60, range=(lo, hi))[0]
            np.testing.assert_allclose(ex.ridges[k].get_data().values + k,
                                       counts / counts.max() * 0.85, rtol=1e-12, atol=1e-12)
            assert ex.zeros[k] == np.mean(A == 0)
    ex.close()


def test_a_new_activation_reuses_the_draws_and_a_new_scheme_draws_again():
    ex = InitExplorer("he", "relu", width=32, samples=40)
    X, params = ex._drawn("he")
    ex.activation.value = "tanh"
    assert ex._drawn("he")[1][0][0] is params[0][0]             # the same weights, not redrawn
    ex.scheme.value = "xavier"
    rng = np.random.default_rng(0)
    np.testing.assert_array_equal(ex.layer_outputs()[0], rng.standard_normal((40, 32)))
    W, _ = init_layer(32, 32, "xavier", rng)                     # X first, then the layers
    np.testing.assert_array_equal(ex._drawn("xavier")[1][0][0], W)
    ex.seed = 1                                                  # another seed: other draws
    assert not np.array_equal(ex.layer_outputs()[0], X)
    ex.close()


# ---- InitExplorer: each control changes the picture and the readout ----------------------------------


def test_init_explorer_controls_change_the_picture_and_the_readout():
    ex = InitExplorer(width=64, samples=100)
    seen = {ex.image.value}
    ex.depth.value = 3
    assert "layer 3: std" in text(ex.readout.value) and ex.shown["depth"] == 3
    assert [r.get_visible() for r in ex.ridges] == [True] * 4 + [False] * 7
    np.testing.assert_array_equal(ex.std_shown.get_xdata(), [0, 1, 2, 3])
    seen.add(ex.image.value)
    ex.activation.value = "tanh"
    assert "<b>tanh</b>" in ex.readout.value and "tanh" in ex.title.get_text()
    seen.add(ex.image.value)
    ex.scheme.value = "xavier"
    assert "Xavier" in text(ex.readout.value)
    seen.add(ex.image.value)
    assert len(seen) == 4                                            # every change is seen
    assert ex.scheme.options[0] == ("essay U(−0.5, 0.5)", "uniform")
    assert "nnla-readout" in ex.readout._dom_classes and "nnla-figure" in ex.image._dom_classes
    ex._repr_mimebundle_()
    assert {"nnla-widget", "nnla-InitExplorer"} <= set(ex.widget._dom_classes)
    ex.close()


def test_init_explorer_readout_states_the_verdicts_thresholds():
    ex = InitExplorer(width=64, samples=100)
    shown = text(ex.readout.value)
    assert f"below {VANISHING_BELOW:g}× it is vanishing, above {EXPLODING_ABOVE:g}× exploding" in shown
    assert "0.1 × the" in InitExplorer.__doc__ and "10 × it" in InitExplorer.__doc__
    drawn = sorted(line.get_ydata()[0] for line in ex.ax_std.lines
                   if line not in (ex.std_shown, ex.std_rest))
    np.testing.assert_allclose(drawn, [VANISHING_BELOW * ex.stds[0], EXPLODING_ABOVE * ex.stds[0]])
    ex.close()


def test_init_explorer_fast_frame_is_the_full_frame():
    ex = InitExplorer(width=64, samples=100)
    for change in (lambda: setattr(ex.depth, "value", 4), lambda: setattr(ex.scheme, "value", "he"),
                   lambda: setattr(ex.activation, "value", "sigmoid")):
        change()
        fast = ex.image.value
        ex.render(full=True)
        assert ex.image.value == fast
    ex.close()


def test_the_essays_name_is_accepted_for_uniform():
    ex = InitExplorer("essay", width=16, samples=20)
    assert ex.scheme.value == "uniform"
    ex.close()


@pytest.mark.parametrize("kwargs, words", [
    ({"scheme": "glorot"}, "scheme must be one of 'he', 'xavier', 'uniform', 'essay'"),
    ({"activation": "softmax"}, "activation must be one of 'relu', 'tanh', 'sigmoid'"),
    ({"depth": 0}, "depth must be a whole number ≥ 1 and ≤ 10"),
    ({"depth": 11}, "depth must be a whole number"),
    ({"depth": 2.5}, "depth must be a whole number"),
    ({"width": 0}, "width must be a whole number ≥ 1"),
    ({"width": 5000}, "width must be a whole number"),
    ({"seed": -1}, "seed must be a whole number ≥ 0"),
    ({"samples": 1}, "samples must be a whole number ≥ 2"),
])
def test_init_explorer_refuses_bad_arguments_in_plain_words(kwargs, words):
    with pytest.raises(SettingError, match=words):
        InitExplorer(**kwargs)


def test_init_explorer_controls_never_raise(monkeypatch):
    ex = InitExplorer(width=32, samples=40)
    for d in (1, 10, 10**6, -5):
        ex.depth.value = d                          # the slider clamps to 1 … 10
        assert f"layer {ex.depth.value}: std" in text(ex.readout.value)
    assert ex.last_error is None
    monkeypatch.setattr(layers, "dense_forward", lambda *a: 1 / 0)
    ex.scheme.value = "he"
    assert isinstance(ex.last_error, ZeroDivisionError)
    assert "did not work: ZeroDivisionError" in ex.readout.value
    ex.close()


# ---- both: pyplot never sees them, close() and dropping free everything -------------------------------


MAKERS = {"OptimizerRace": lambda: OptimizerRace(),
          "InitExplorer": lambda: InitExplorer(width=32, samples=40)}


def test_no_pyplot_figure_appears():
    before = plt.get_fignums()
    for make in MAKERS.values():
        w = make()
        w.snapshot()._repr_png_()
        w.close()
    assert plt.get_fignums() == before


@pytest.mark.parametrize("name", MAKERS)
def test_close_closes_every_control(name):
    collect()
    before = len(REGISTRY)
    w = MAKERS[name]()
    if hasattr(w, "step_button"):
        press(w.step_button)
    assert len(REGISTRY) > before
    w.close()
    assert len(REGISTRY) == before and w.figure is None
    w.close()                                        # twice is harmless


@pytest.mark.parametrize("name", MAKERS)
def test_a_dropped_widget_is_freed_with_its_figure_and_controls(name):
    collect()
    before = len(REGISTRY)
    w = MAKERS[name]()
    ref, figure = weakref.ref(w), weakref.ref(w.figure)
    del w
    collect()
    assert ref() is None and figure() is None
    assert len(REGISTRY) == before
