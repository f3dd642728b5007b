"""Every widget against a learner's slips (issue 13): bad arguments are refused with the
package's own errors, naming the argument; no control ever raises or shows garbage; a
widget that is dropped or closed lets go of its figure and of every control it made.

Findings, one section each: 1 divergence is the Trainer's one rule; 2 shapes are checked at
construction; 3 class labels are read as class labels; 4 NaN and ∞ show as placeholders and
never reach a control; 5 no control raises; 6 no widget leaks.
"""

import gc
import re
import weakref

import ipywidgets
import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from nnla_helpers import MLP, Trainer, data  # noqa: E402
from nnla_helpers.errors import (BadValueError, DivergenceError, LabelError,  # noqa: E402
                                 SettingError, ShapeError)
from nnla_helpers.widgets import (DerivationStepper, DigitExplorer, FunctionExplorer,  # noqa: E402
                                  LayerGridView, MatrixMultiplyStepper, Step, TrainingPlayer,
                                  format_number, forward_backward_steps)
from nnla_helpers.widgets.base import FigureWidget  # noqa: E402
from nnla_helpers.widgets.explorers import GRID_ACTIVATIONS  # noqa: E402
from nnla_helpers.widgets.training import HIDDEN_ACTIVATIONS  # noqa: E402

REGISTRY = ipywidgets.widgets.widget._instances     # every open ipywidget (ipywidgets 8)
NAN, INF = float("nan"), float("inf")


# ---- helpers: drive a control as a learner does, and see what escapes -----------------------------


def press(button):
    """A click as the browser makes it, except that an exception would escape to the test
    (ipywidgets' own click() only logs it)."""
    for callback in button._click_handlers.callbacks:
        callback(button)


def tick(player, n=1):
    """What the browser's Play does: bump the value, once per tick."""
    for _ in range(n):
        player.play.value += 1


def calm(widget):
    """No control met an error the widget had to catch for it."""
    assert widget.last_error is None, f"a control met {widget.last_error!r}"


def readout_text(html):
    return re.sub(r"<[^>]+>", " ", html)


def collect():
    """Garbage collection until nothing more goes (matplotlib's mathtext parser leaves
    frames in cycles, which take a second pass)."""
    for _ in range(3):
        gc.collect()


@pytest.fixture(scope="module")
def small():
    """A small 3-class set (2 inputs), a held-out part, and a line (1 input, numbers)."""
    X, y = data.spirals(20, 3)
    X_val, y_val = data.spirals(8, 3, seed=1)
    X_line, T_line = data.noisy_line(20)
    return X, y, X_val, y_val, X_line, T_line


def player(X, y, **kwargs):
    """A TrainingPlayer that draws quickly (few pixels, a coarse grid)."""
    kwargs.setdefault("dpi", 30)
    kwargs.setdefault("grid_points", 12)
    kwargs.setdefault("hidden_sizes", (6,))
    return TrainingPlayer(X, y, **kwargs)


# ---- 1. divergence: the Trainer's one rule ----------------------------------------------------------


@pytest.mark.parametrize("diverge_above", [1e4, 100.0])
def test_divergence_message_is_the_trainers_own(small, diverge_above):
    X, y, *_ = small
    p = player(X, y, lr=1e6, diverge_above=diverge_above)
    tick_until_stopped(p)
    # the same network and batches in a Trainer of our own, evaluated after each step as a
    # frame is, stop at the same step with the same words
    net = MLP([2, 6, 3], seed=0)
    trainer = Trainer(net, X, y, lr=1e6, batch_size=32, seed=0, diverge_above=diverge_above)
    with pytest.raises(DivergenceError) as info:
        trainer.evaluate()
        for _ in range(1000):
            trainer.step()
            trainer.evaluate()
    text = readout_text(p.readout.value)
    assert str(info.value) in text and "Press Reset to start again." in text
    assert f"diverged at step {info.value.step}" in p.banner.get_text()
    assert p.diverged and not p.play.playing
    calm(p)
    p.close()


def tick_until_stopped(p, most=300):
    p.play.playing = True
    for _ in range(most):
        if not p.play.playing:
            return
        tick(p)


def test_a_lower_diverge_above_stops_earlier(small):
    *_, X_line, T_line = small
    steps = {}
    for limit in (1e4, 10.0):
        p = player(X_line, T_line, lr=2.5, diverge_above=limit, hidden_sizes=())
        tick_until_stopped(p)
        assert "diverged at step" in p.readout.value, p.readout.value
        steps[limit] = p.trainer.step_count
        p.close()
    assert steps[10.0] < steps[1e4]


def test_diverge_above_none_stops_on_nan_or_inf_only(small):
    *_, X_line, T_line = small
    p = player(X_line, T_line, lr=1e3, diverge_above=None)
    tick_until_stopped(p)
    assert "diverged at step" in p.readout.value
    assert re.search(r"the loss became (nan|inf)", p.readout.value), p.readout.value
    p.close()


# ---- 2. shape mistakes are caught at construction, naming the array --------------------------------


def shape_cases(small):
    X, y, X_val, y_val, X_line, T_line = small
    X3 = np.hstack([X, X[:, :1]])
    net3 = MLP([3, 8, 3], seed=0)
    digits = np.random.default_rng(0).random((4, 784))
    return {
        "X of 2 columns for a 3-input net": (lambda: TrainingPlayer(X, y, net=net3), r"\bX has 2 columns"),
        "X_val of 2 columns for a 3-input net": (
            lambda: TrainingPlayer(X3, y, X[:8], y[:8], net=net3), r"X_val has 2 columns"),
        "X_val with other columns than X": (lambda: TrainingPlayer(X, y, X3[:8], y[:8]), "X_val"),
        "X_val without y_val": (lambda: TrainingPlayer(X, y, X_val), "X_val was given without y_val"),
        "y_val without X_val": (lambda: TrainingPlayer(X, y, y_val=y_val), "y_val was given without X_val"),
        "y_val of another length": (lambda: TrainingPlayer(X, y, X_val, y_val[:-1]), "y_val"),
        "y of another length": (lambda: TrainingPlayer(X, y[:-1]), "60 samples.*59"),
        "X 3-D": (lambda: TrainingPlayer(X.reshape(60, 2, 1), y), "2-D"),
        "regression y_val with other columns": (
            lambda: TrainingPlayer(X_line, T_line, X_line[:5], np.ones((5, 2)), hidden_sizes=()),
            "y_val has 2 target"),
        "grid view net of 3 inputs": (lambda: LayerGridView(MLP([3, 2, 2])), "2 inputs"),
        "grid view X of 3 columns": (lambda: LayerGridView(X=np.ones((5, 3))), "2 columns"),
        "grid view y without X": (lambda: LayerGridView(y=y), "y was given without X"),
        "grid view y of another length": (lambda: LayerGridView(X=X, y=y[:-1]), "samples"),
        "digit explorer X of 700 columns": (
            lambda: DigitExplorer(MLP([784, 5, 10]), digits[:, :700]), r"\bX has 700 columns"),
        "digit explorer X transposed": (
            lambda: DigitExplorer(MLP([4, 5, 10]), digits[:3, :4].T, image_shape=(2, 2)), r"X\.T"),
        "digit explorer image_shape": (
            lambda: DigitExplorer(MLP([10, 5, 10]), digits[:, :10]), "image_shape"),
        "digit explorer y of another length": (
            lambda: DigitExplorer(MLP([784, 5, 10]), digits, [1, 2, 3]), "samples"),
        "steps X of 4 columns for a 3-input net": (
            lambda: forward_backward_steps(MLP([3, 4, 2]), np.ones((2, 4)), [0, 1]), r"\bX has 4 columns"),
        "steps X transposed": (
            lambda: forward_backward_steps(MLP([3, 4, 2]), np.ones((3, 2)), [0, 1]), r"X\.T"),
        "steps Y of 3 columns for 2 outputs": (
            lambda: forward_backward_steps(MLP([3, 4, 2]), np.ones((2, 3)), np.eye(3)[:2]), r"\bY\b"),
        "matmul W transposed": (
            lambda: MatrixMultiplyStepper(np.ones((2, 3)), np.ones((2, 3))), r"W\.T"),
        "matmul mismatched": (
            lambda: MatrixMultiplyStepper(np.ones((2, 3)), np.ones((4, 2))), r"X has 3 columns but W has 4 rows"),
        "matmul b of 3 for 2 columns": (
            lambda: MatrixMultiplyStepper(np.ones((2, 3)), np.ones((3, 2)), np.ones(3)), r"\bb has shape"),
        "matmul b a column": (
            lambda: MatrixMultiplyStepper(np.ones((2, 3)), np.ones((3, 2)), np.ones((2, 1))), r"ravel"),
        "matmul X a vector": (lambda: MatrixMultiplyStepper(np.ones(3), np.ones((3, 2))), "2-D"),
        "dot of different lengths": (lambda: MatrixMultiplyStepper.dot([1, 2, 3], [1, 2]), "same length"),
    }


SHAPE_CASES = ["X of 2 columns for a 3-input net", "X_val of 2 columns for a 3-input net",
               "X_val with other columns than X", "X_val without y_val", "y_val without X_val",
               "y_val of another length", "y of another length", "X 3-D",
               "regression y_val with other columns", "grid view net of 3 inputs",
               "grid view X of 3 columns", "grid view y without X", "grid view y of another length",
               "digit explorer X of 700 columns", "digit explorer X transposed",
               "digit explorer image_shape", "digit explorer y of another length",
               "steps X of 4 columns for a 3-input net", "steps X transposed",
               "steps Y of 3 columns for 2 outputs", "matmul W transposed", "matmul mismatched",
               "matmul b of 3 for 2 columns", "matmul b a column", "matmul X a vector",
               "dot of different lengths"]


@pytest.mark.parametrize("case", SHAPE_CASES)
def test_shape_mistakes_raise_shape_error_naming_the_array(small, case):
    make, match = shape_cases(small)[case]
    collect()
    before = len(REGISTRY)
    with pytest.raises(ShapeError, match=match):
        make()
    collect()
    assert len(REGISTRY) == before            # a refused widget leaves no control behind


# ---- 3. labels: class labels are read as class labels -----------------------------------------------


def first_step_weights(p):
    press(p.step_button)
    return [W.copy() for W in p.net.weights]


@pytest.mark.parametrize("kind", ["float", "one-hot", "column"])
def test_class_labels_in_another_form_train_exactly_like_integer_labels(small, kind):
    X, y, *_ = small
    given = {"float": y.astype(float), "one-hot": np.eye(3)[y], "column": y.reshape(-1, 1)}[kind]
    reference, p = player(X, y), player(X, given)
    assert p.classify and p.net.sizes == [2, 6, 3] and p.net.loss_name == "cross_entropy"
    np.testing.assert_array_equal(p.y, y)
    for a, b in zip(first_step_weights(reference), first_step_weights(p)):
        np.testing.assert_array_equal(a, b)
    assert "accuracy" in p.readout.value and hasattr(p, "boundary")
    reference.close(), p.close()


def test_bool_labels_are_two_classes(small):
    X, y, *_ = small
    p = player(X, y == 1)
    assert p.classify and p.net.sizes[-1] == 2 and set(p.y) == {0, 1}
    press(p.step_button)
    assert "accuracy" in p.readout.value
    calm(p)
    p.close()


def test_numbers_that_are_not_whole_are_regression(small):
    *_, X_line, T_line = small
    p = player(X_line, T_line.ravel())                  # a vector (m,) of measurements
    assert not p.classify and p.net.loss_name == "mse" and p.y.shape == (20, 1)
    p.close()


def test_output_identity_makes_whole_numbers_regression(small):
    X, y, *_ = small
    p = player(X[:, :1], y.astype(float), output="identity")
    assert not p.classify and p.net.output == "identity" and p.net.loss_name == "mse"
    p.close()


def label_cases(small):
    X, y, X_val, y_val, X_line, T_line = small
    net3 = MLP([2, 4, 3], seed=0)
    return {
        "negative integer label": (lambda: TrainingPlayer(X, y - 1), LabelError, "negative label"),
        "negative whole floats": (lambda: TrainingPlayer(X, (y - 1.0)), LabelError, "negative label"),
        "a label of 500": (lambda: TrainingPlayer(X, np.where(y == 2, 500, y)), LabelError,
                           "more than 100 classes"),
        "NaN label": (lambda: TrainingPlayer(X, np.where(y == 2, NAN, y)), BadValueError,
                      r"\by contains \d+ NaN"),
        "inf label": (lambda: TrainingPlayer(X, np.where(y == 2, INF, y)), BadValueError, r"\by contains"),
        "y_val label beyond y's classes": (
            lambda: TrainingPlayer(X, y, X_val, np.where(y_val == 2, 3, y_val)), LabelError,
            "y_val has label 3, but y has only classes 0 … 2"),
        "label beyond the net's outputs": (
            lambda: TrainingPlayer(X, np.where(y == 2, 5, y), net=net3), LabelError, "y has label 5"),
        "softmax asked for numbers": (
            lambda: TrainingPlayer(X_line, T_line, output="softmax"), LabelError,
            "y must hold class labels"),
        "sigmoid asked for 3 classes": (lambda: TrainingPlayer(X, y, output="sigmoid"), LabelError,
                                        "y has label 2"),
        "one-hot rows that are not one-hot": (
            lambda: TrainingPlayer(X, np.eye(3)[y] * 2, output="softmax"), LabelError,
            r"y\.argmax\(axis=1\)"),
        "y text": (lambda: TrainingPlayer(X, np.array(["a"] * 60)), BadValueError, "dtype"),
        "digit explorer label 10": (
            lambda: DigitExplorer(MLP([4, 3, 10]), np.ones((3, 4)), [0, 10, 1], image_shape=(2, 2)),
            LabelError, "label 10"),
        "digit explorer negative label": (
            lambda: DigitExplorer(MLP([4, 3, 10]), np.ones((3, 4)), [0, -1, 1], image_shape=(2, 2)),
            LabelError, "negative"),
        "digit explorer labels 1.5": (
            lambda: DigitExplorer(MLP([4, 3, 10]), np.ones((3, 4)), [0, 1.5, 1], image_shape=(2, 2)),
            LabelError, "whole-number"),
        "grid view labels 0.5": (lambda: LayerGridView(X=X, y=y * 0.5), LabelError, "whole-number"),
        "steps label 3 for 3 outputs": (
            lambda: forward_backward_steps(MLP([2, 4, 3]), X[:2], [0, 3]), LabelError, "label 3"),
    }


LABEL_CASES = ["negative integer label", "negative whole floats", "a label of 500", "NaN label",
               "inf label", "y_val label beyond y's classes", "label beyond the net's outputs",
               "softmax asked for numbers", "sigmoid asked for 3 classes",
               "one-hot rows that are not one-hot", "y text", "digit explorer label 10",
               "digit explorer negative label", "digit explorer labels 1.5",
               "grid view labels 0.5", "steps label 3 for 3 outputs"]


@pytest.mark.parametrize("case", LABEL_CASES)
def test_bad_labels_raise_label_or_value_errors(small, case):
    make, error, match = label_cases(small)[case]
    with pytest.raises(error, match=match):
        make()


# ---- 4. constructor settings: NaN, ∞, out of range → SettingError naming the argument -----------------


SETTING_CASES = [
    ("TrainingPlayer", dict(lr=NAN), r"\blr\b"), ("TrainingPlayer", dict(lr=0), r"\blr\b"),
    ("TrainingPlayer", dict(lr=-0.1), r"\blr\b"), ("TrainingPlayer", dict(lr=INF), r"\blr\b"),
    ("TrainingPlayer", dict(lr="0.1"), r"\blr\b"),
    ("TrainingPlayer", dict(keep_prob=1.5), "keep_prob"), ("TrainingPlayer", dict(keep_prob=0), "keep_prob"),
    ("TrainingPlayer", dict(keep_prob=NAN), "keep_prob"),
    ("TrainingPlayer", dict(momentum=1.0), "momentum"), ("TrainingPlayer", dict(momentum=NAN), "momentum"),
    ("TrainingPlayer", dict(interval=-1), "interval"), ("TrainingPlayer", dict(interval=0), "interval"),
    ("TrainingPlayer", dict(interval=NAN), "interval"),
    ("TrainingPlayer", dict(steps_per_frame=0), "steps_per_frame"),
    ("TrainingPlayer", dict(steps_per_frame=500), "steps_per_frame"),
    ("TrainingPlayer", dict(hidden_sizes=(2.5,)), r"hidden_sizes\[0\]"),
    ("TrainingPlayer", dict(hidden_sizes=(16, 0)), r"hidden_sizes\[1\]"),
    ("TrainingPlayer", dict(hidden_sizes=(-3,)), r"hidden_sizes\[0\]"),
    ("TrainingPlayer", dict(hidden_sizes=(NAN,)), r"hidden_sizes\[0\]"),
    ("TrainingPlayer", dict(hidden_sizes=(10**6,)), r"hidden_sizes\[0\]"),
    ("TrainingPlayer", dict(hidden_sizes="16"), "hidden_sizes"),
    ("TrainingPlayer", dict(hidden_sizes=(4,) * 9), "hidden_sizes"),
    ("TrainingPlayer", dict(activation="nope"), "activation"),
    ("TrainingPlayer", dict(activation="softmax"), "activation"),
    ("TrainingPlayer", dict(output="nope"), "output"), ("TrainingPlayer", dict(loss="nope"), "loss"),
    ("TrainingPlayer", dict(init="nope"), "init"),
    ("TrainingPlayer", dict(dpi=0), "dpi"), ("TrainingPlayer", dict(dpi=NAN), "dpi"),
    ("TrainingPlayer", dict(seed=-1), "seed"), ("TrainingPlayer", dict(seed=1.5), "seed"),
    ("TrainingPlayer", dict(batch_size=0), "batch_size"), ("TrainingPlayer", dict(batch_size=2.5), "batch_size"),
    ("TrainingPlayer", dict(batch_size="all"), "batch_size"),
    ("TrainingPlayer", dict(grid_points=1), "grid_points"),
    ("TrainingPlayer", dict(lr_range=(0, 1)), r"lr_range\[0\]"),
    ("TrainingPlayer", dict(lr_range=(1, 0.1)), r"lr_range\[1\]"),
    ("TrainingPlayer", dict(lr_range=5), "lr_range"),
    ("TrainingPlayer", dict(diverge_above=0.5), "diverge_above"),
    ("TrainingPlayer", dict(diverge_above=NAN), "diverge_above"),
    ("TrainingPlayer", dict(net="MLP([2, 3])"), r"\bnet\b"),
    ("TrainingPlayer", dict(output="softmax", loss="binary_cross_entropy"), "loss"),
    ("FunctionExplorer", dict(function="nope"), "function must be one of"),
    ("FunctionExplorer", dict(function=None), "function must be one of"),
    ("FunctionExplorer", dict(c=NAN), r"\bc\b"), ("FunctionExplorer", dict(c=10), r"\bc\b"),
    ("FunctionExplorer", dict(beta=0), "beta"), ("FunctionExplorer", dict(beta=INF), "beta"),
    ("FunctionExplorer", dict(delta=-1), "delta"), ("FunctionExplorer", dict(temperature=0), "temperature"),
    ("FunctionExplorer", dict(temperature=NAN), "temperature"),
    ("FunctionExplorer", dict(temperature=100), "temperature"),
    ("FunctionExplorer", dict(z_range=(1, 1)), r"z_range\[1\]"),
    ("FunctionExplorer", dict(z_range=(NAN, 1)), r"z_range\[0\]"),
    ("FunctionExplorer", dict(z_range="ab"), "z_range"),
    ("LayerGridView", dict(activation="nope"), "activation"),
    ("LayerGridView", dict(seed=-1), "seed"), ("LayerGridView", dict(seed=NAN), "seed"),
    ("LayerGridView", dict(n_lines=1), "n_lines"),
    ("LayerGridView", dict(points_per_line=0), "points_per_line"),
    ("LayerGridView", dict(layer_sizes=(3, 2)), "layer_sizes"),
    ("LayerGridView", dict(layer_sizes=(2, 2.5)), r"layer_sizes\[1\]"),
    ("LayerGridView", dict(layer_sizes=(2,) * 10), "at most 7 layers"),
    ("LayerGridView", dict(box=(1, 0, 0, 1)), r"box\[1\]"),
    ("LayerGridView", dict(box=(0, 1, 0, NAN)), r"box\[3\]"),
    ("LayerGridView", dict(net="net"), r"\bnet\b"),
    ("DigitExplorer", dict(index=-1), "index"), ("DigitExplorer", dict(index=100), "index"),
    ("DigitExplorer", dict(index=2.5), "index"), ("DigitExplorer", dict(image_shape=(0, 2)), r"image_shape\[0\]"),
    ("DigitExplorer", dict(image_shape=4), "image_shape"),
    ("DigitExplorer", dict(net=MLP([4, 3, 10], output="identity")), "softmax"),
    ("DigitExplorer", dict(net=None), r"\bnet\b"),
    ("DerivationStepper", dict(steps=[]), "at least one Step"),
    ("DerivationStepper", dict(steps="Z = X W"), "steps"),
    ("DerivationStepper", dict(steps=[1, 2]), r"steps\[0\]"),
    ("DerivationStepper", dict(steps=[dict(bad=1)]), r"steps\[0\]"),
    ("DerivationStepper", dict(digits=0), "digits"), ("DerivationStepper", dict(digits=NAN), "digits"),
    ("DerivationStepper", dict(title=3), "title"),
    ("MatrixMultiplyStepper", dict(digits=0), "digits"),
    ("MatrixMultiplyStepper", dict(names=("X",)), "names"),
    ("MatrixMultiplyStepper", dict(by_term="yes"), "by_term"),
]


def make_with(kind, small, **kwargs):
    X, y, *_ = small
    if kind == "TrainingPlayer":
        return TrainingPlayer(X, y, **kwargs)
    if kind == "FunctionExplorer":
        return FunctionExplorer(**{"function": "sigmoid", **kwargs})
    if kind == "LayerGridView":
        return LayerGridView(**kwargs)
    if kind == "DigitExplorer":
        args = {"net": MLP([4, 3, 10]), "image_shape": (2, 2), **kwargs}
        return DigitExplorer(X=np.ones((3, 4)), **args)
    if kind == "DerivationStepper":
        return DerivationStepper(**{"steps": [Step("a = 1", {"a": 1.0})], **kwargs})
    return MatrixMultiplyStepper(np.ones((2, 2)), np.ones((2, 2)), **kwargs)


@pytest.mark.parametrize("kind, kwargs, match", SETTING_CASES,
                         ids=[f"{k}-{next(iter(kw))}={next(iter(kw.values()))!r}"[:60]
                              for k, kw, _ in SETTING_CASES])
def test_bad_settings_raise_setting_error_naming_the_argument(small, kind, kwargs, match):
    collect()
    before = len(REGISTRY)
    with pytest.raises(SettingError, match=match):
        make_with(kind, small, **kwargs)
    collect()
    assert len(REGISTRY) == before


VALUE_CASES = [
    ("FunctionExplorer", dict(vector=[NAN, 1.0]), "vector"),
    ("FunctionExplorer", dict(vector=[]), "vector"),
    ("FunctionExplorer", dict(vector=np.ones(100)), "vector"),
    ("FunctionExplorer", dict(vector=[1e300, 0]), "vector"),
    ("MatrixMultiplyStepper", dict(b=[NAN, 1]), r"\bb\b"),
    ("DerivationStepper", dict(steps=[Step("a", {"a": 1.0}), dict(latex="b", values={"b": "x"})]),
     r"values\['b'\]"),
]


@pytest.mark.parametrize("kind, kwargs, match", VALUE_CASES)
def test_bad_values_raise_bad_value_error_naming_them(small, kind, kwargs, match):
    with pytest.raises(BadValueError, match=match):
        make_with(kind, small, **kwargs)


def test_a_step_refuses_what_a_table_cannot_show():
    with pytest.raises(ShapeError, match=r"values\['T'\].*at most 2-D"):
        Step("T", {"T": np.ones((2, 2, 2))})
    with pytest.raises(SettingError, match="latex"):
        Step(3, {})
    with pytest.raises(SettingError, match="values"):
        Step("a", [1, 2])
    with pytest.raises(BadValueError, match=r"values\['x'\]"):
        Step("a", {"x": [1, "b"]})


# ---- 4. NaN, ∞ and extreme numbers: readable placeholders ---------------------------------------------


@pytest.mark.parametrize("value, shown", [
    (NAN, "nan"), (INF, "∞"), (-INF, "−∞"), (1e308, "1e+308"), (-1e308, "-1e+308"), (-0.0, "0"),
    (1e-320, "1e-320"), (10**400, "1e+400"), (-3 * 10**400, "-3e+400"), (np.float32(2.5), "2.5"),
    (np.int64(7), "7"), (np.float16(np.inf), "∞"), (np.float64(np.nan), "nan"), (np.array([3.0]), "3"),
    ("abc", "?"), (None, "?"), (1 + 2j, "?"), (np.array([1, 2]), "?"), (123456.0, "1.235e+05"),
    (0.000123456, "0.0001235"), (200.0, "200"),
])
def test_format_number_never_fails_and_shows_a_placeholder(value, shown):
    assert format_number(value) == shown


def test_format_number_survives_bad_digits():
    assert format_number(1.23456, digits=0) == "1"
    assert format_number(1.23456, digits=NAN) == "1.235"
    assert format_number(2.0, digits="x") == "2"


def test_matrix_stepper_with_1e308_shows_infinity_and_every_entry():
    s = MatrixMultiplyStepper(np.full((2, 2), 1e308), np.full((2, 2), 1e308), [1e308, -1e308],
                              by_term=True)
    for _ in range(s.n_positions):
        press(s.next_button)
    assert s.position.value == s.n_positions
    assert "∞" in s.readout.value and "= ∞" in s.sum_text()
    assert [t.get_text() for t in s.z_texts[1]] == ["∞", "∞"]
    s.snapshot()._repr_png_()
    calm(s)
    s.close()


def test_dot_of_opposite_huge_numbers_shows_their_true_sum():
    s = MatrixMultiplyStepper.dot([1e308, -1e308], [1.0, 1.0])
    press(s.next_button)
    assert s.sum_text() == "a·b[0, 0] = 1e+308·1 + (-1e+308)·1 = 0"
    calm(s)
    s.close()


@pytest.mark.parametrize("output", ["softmax", "sigmoid", "identity"])
def test_stepper_over_a_nan_network_follows_the_slider(output):
    net = MLP([3, 4, 2], output=output, seed=0)
    net.weights[0][:] = np.nan
    steps = forward_backward_steps(net, np.ones((2, 3)), np.array([[0, 1.0], [1, 0]]))
    stepper = DerivationStepper(steps)
    for k in range(2, len(steps) + 1):
        press(stepper.next_button)
        assert stepper.position.value == k
        assert f"step {k} of {len(steps)}" in stepper.view.value     # the view is there too
    assert "nan" in stepper.to_html(2)
    stepper.snapshot(all_steps=True)._repr_png_()
    calm(stepper)
    stepper.close()


def test_a_step_that_cannot_be_drawn_shows_a_placeholder_and_the_view_still_follows(monkeypatch):
    stepper = DerivationStepper([Step("a", {"a": 1.0}), Step("b", {"b": 2.0}), Step("c", {"c": 3.0})])
    drawn = stepper.to_html

    def broken(i):
        if i == 1:
            raise ValueError("cannot draw this one")
        return drawn(i)
    monkeypatch.setattr(stepper, "to_html", broken)
    press(stepper.next_button)
    assert stepper.position.value == 2
    assert "step 2 of 3" in stepper.view.value and "cannot be shown" in stepper.view.value
    press(stepper.next_button)
    assert stepper.position.value == 3 and "c = 3" not in stepper.view.value
    assert "step 3 of 3" in stepper.view.value and "$$ c $$" in stepper.view.value
    stepper.close()


# ---- 4 and 5. controls refuse NaN, and no control raises ----------------------------------------------


EXTREMES = [NAN, INF, -INF, -1e308, 1e308, 0.0]


def slide(slider, values=EXTREMES):
    """Set a number control to each value; it must hold a finite value within its range."""
    for v in values:
        before = slider.value
        slider.value = v
        if np.isnan(v):
            assert slider.value == before                   # NaN refused: the last good value
        lo = slider.base ** slider.min if hasattr(slider, "base") else slider.min
        hi = slider.base ** slider.max if hasattr(slider, "base") else slider.max
        assert np.isfinite(slider.value) and lo <= slider.value <= hi


def test_training_player_controls_at_every_extreme(small):
    X, y, X_val, y_val, *_ = small
    p = player(X, y, X_val=X_val, y_val=y_val)
    slide(p.lr_slider)
    assert np.isfinite(p.trainer.lr) and p.trainer.lr == p.lr_slider.value
    slide(p.keep_prob)
    for speed in (p.speed.min, p.speed.max):
        p.speed.value = speed
    p.lr_slider.value = 1e-4                                 # the slowest rate: no divergence
    p.play.playing = True
    tick(p, 2)
    assert p.trainer.step_count == 2 * p.speed.max
    p.play.value = p.play.max                                # the Play's last tick
    p.play.value = 0                                         # its stop button
    p.play.playing = False
    for name in HIDDEN_ACTIVATIONS:
        p.activation.value = name
        press(p.reset_button)
        assert p.net.hidden == [name] and "ready" in p.readout.value
    p.dropout.value, p.keep_prob.value = True, p.keep_prob.min
    press(p.reset_button)
    assert p.net.keep_prob == p.keep_prob.min
    p.lr_slider.value = p.lr_slider.base ** p.lr_slider.max  # the largest rate: it may diverge
    for _ in range(40):
        press(p.step_button)
    text = readout_text(p.readout.value)
    assert "diverged at step" in text or "<b>loss</b>" in p.readout.value, text
    assert "failed" not in text and "did not work" not in text
    calm(p)
    p.close()


@pytest.mark.parametrize("typed, sizes", [
    ("", ()), ("8", (8,)), ("16, 16", (16, 16)), (" 3 ,4 ", (3, 4)), ("１６", (16,)),
    ("0", None), ("abc", None), ("2.5", None), ("-4", None), ("100000", None), ("²", None),
    ("1, 2, 3, 4, 5, 6, 7, 8, 9", None), ("nan", None), ("inf", None), ("1e3", None),
])
def test_hidden_text_box_takes_sizes_or_says_what_it_wants(small, typed, sizes):
    X, y, *_ = small
    p = player(X, y)
    old = p.net.sizes
    p.hidden.value = typed
    press(p.reset_button)
    if sizes is None:
        assert p.net.sizes == old and "positive whole numbers" in p.readout.value
        press(p.step_button)                                 # the old network trains on
        assert p.trainer.step_count == 1 and "<b>loss</b>" in p.readout.value
    else:
        assert p.net.sizes == [2, *sizes, 3] and "ready" in p.readout.value
    calm(p)
    p.close()


def test_linear_regression_player_controls_and_switching_layout(small):
    *_, X_line, T_line = small
    p = player(X_line, T_line, hidden_sizes=())
    slide(p.lr_slider)
    p.lr_slider.value = 0.05
    for _ in range(3):
        press(p.step_button)
    assert len(p.path) == 4
    p.hidden.value = "4"
    press(p.reset_button)                                    # now a network: heatmaps
    assert p.net.sizes == [1, 4, 1] and not p.path and len(p.heatmaps) == 2
    p.hidden.value = ""
    press(p.reset_button)                                    # back to the loss surface
    assert p.net.sizes == [1, 1] and len(p.path) == 1
    calm(p)
    p.close()


def test_a_closed_player_ignores_its_controls(small):
    X, y, *_ = small
    p = player(X, y)
    p.close()
    press(p.step_button), press(p.reset_button)
    p.lr_slider.value = 0.5
    p.play.playing = True
    tick(p, 2)
    assert p.trainer.step_count == 0
    calm(p)


def test_an_unexpected_error_in_a_control_is_shown_not_raised(small, monkeypatch):
    X, y, *_ = small
    p = player(X, y)
    monkeypatch.setattr(p, "_build_figure", lambda: 1 / 0)
    press(p.reset_button)
    assert isinstance(p.last_error, ZeroDivisionError)
    assert "did not work: ZeroDivisionError" in p.readout.value
    p.close()


def test_steppers_controls_at_every_extreme():
    steps = [Step("a", {"a": 1.0}), Step("b", {"b": np.array([NAN, INF])}), Step("c", {})]
    stepper = DerivationStepper(steps, title="three lines")
    for _ in range(5):
        press(stepper.prev_button)
    assert stepper.position.value == 1 and stepper.prev_button.disabled
    for _ in range(5):
        press(stepper.next_button)
    assert stepper.position.value == 3 and stepper.next_button.disabled
    for v in (stepper.position.min, stepper.position.max, 10**9, -10**9):
        stepper.position.value = v
        assert f"step {stepper.position.value} of 3" in stepper.view.value
    stepper.position.value = 2
    assert "∞" in stepper.view.value and "nan" in stepper.view.value
    calm(stepper)
    stepper.close()

    mm = MatrixMultiplyStepper(np.arange(6).reshape(2, 3), np.ones((3, 2)), [1, -1], by_term=True)
    for v in (mm.position.max, 10**9, -10**9, mm.position.min):
        mm.position.value = v
        assert mm.sum_text() in mm.readout.value.replace("&#x27;", "'")
    for _ in range(mm.n_positions + 3):
        press(mm.next_button)
    assert mm.next_button.disabled and np.isfinite(mm.Z_shown).all()
    calm(mm)
    mm.close()


def test_function_explorer_every_function_and_slider_at_every_extreme():
    fx = FunctionExplorer("sigmoid")
    for name in fx.function.options:
        fx.function.value = name
        for slider in (fx.c, fx.beta, fx.delta, fx.temperature):
            slide(slider)
        assert fx.function.value in fx.g_title.get_text() or name == "softmax"
        if name == "softmax":
            assert np.all(np.isfinite(fx.shown_probabilities))
        else:
            assert np.all(np.isfinite(fx.g_line.get_ydata()))
    assert fx.notice.layout.display == "none"                # nothing to complain about
    calm(fx)
    fx.close()


def test_layer_grid_every_activation_and_seed_and_an_overflowing_net(small):
    X, y, *_ = small
    view = LayerGridView(X=X, y=y)
    for name in GRID_ACTIVATIONS:
        view.activation.value = name
        for seed in (view.seed.min, view.seed.max):
            view.seed.value = seed
        assert not view.overflowed
    calm(view)
    view.close()
    net = MLP([2, 3, 2], hidden="identity", seed=0)
    net.weights[0] *= 1e100                                  # large, but still drawn
    net.weights[1] *= 1e300                                  # the next layer overflows to ∞
    view = LayerGridView(net, X, y)
    assert view.overflowed == [2] and "overflowed" in view.axes[2].get_title()
    net.weights[0][:] = np.nan
    view.activation.value = "tanh"
    assert view.overflowed == [1, 2]
    assert view.snapshot()._repr_png_()[:4] == b"\x89PNG"
    calm(view)
    view.close()


def test_layer_grid_of_a_single_point_still_draws():
    view = LayerGridView(X=np.zeros((3, 2)))
    xs = view.lines[0][0].get_xdata()
    assert xs.max() - xs.min() > 0
    calm(view)
    view.close()


def test_digit_explorer_index_extremes_and_a_network_that_overflows(digits):
    X, y = digits
    net = MLP([784, 8, 10], seed=0)
    explorer = DigitExplorer(net, X, y)
    for v in (explorer.index.min, explorer.index.max, 10**9, -10**9):
        explorer.index.value = v
        assert f"image {explorer.index.value}:" in explorer.headline.get_text()
    explorer.index_box.value = 10**9                         # the number box clamps too
    assert explorer.index.value == explorer.index.max
    net.weights[0][:] = 1e308                                # hidden activations become ∞
    explorer.index.value = 3
    assert "overflowed" in explorer.headline.get_text()
    assert all(np.isfinite(b.get_height()) for b in explorer.hidden_views[0][1])
    assert all(np.isfinite(b.get_height()) for b in explorer.prob_bars)
    net.weights[1][:] = np.nan
    explorer.index.value = 4
    assert "no prediction" in explorer.headline.get_text() and explorer.prediction is None
    assert explorer.snapshot()._repr_png_()[:4] == b"\x89PNG"
    calm(explorer)
    explorer.close()


def test_digit_explorer_takes_one_hot_and_float_labels(digits):
    X, y = digits
    net = MLP([784, 5, 10], seed=0)
    for labels in (np.eye(10)[y], y.astype(float)):
        explorer = DigitExplorer(net, X, labels)
        np.testing.assert_array_equal(explorer.y, y)
        explorer.close()


# ---- 6. memory: a dropped or closed widget lets everything go ----------------------------------------


def makers(small):
    X, y, X_val, y_val, X_line, T_line = small
    images = np.random.default_rng(0).random((4, 784))
    return {
        "TrainingPlayer": lambda: player(X, y, X_val=X_val, y_val=y_val),
        "TrainingPlayer (linear regression)": lambda: player(X_line, T_line, hidden_sizes=()),
        "DerivationStepper": lambda: DerivationStepper(
            forward_backward_steps(MLP([2, 3, 3], seed=0), X[:3], y[:3]), title="a pass"),
        "MatrixMultiplyStepper": lambda: MatrixMultiplyStepper(np.ones((2, 3)), np.ones((3, 2)),
                                                                np.ones(2)),
        "FunctionExplorer": lambda: FunctionExplorer("softmax"),
        "LayerGridView": lambda: LayerGridView(X=X, y=y),
        "DigitExplorer": lambda: DigitExplorer(MLP([784, 5, 10]), images, [0, 1, 2, 3]),
        "FigureWidget": lambda: FigureWidget(matplotlib.figure.Figure()),
    }


MAKERS = ["TrainingPlayer", "TrainingPlayer (linear regression)", "DerivationStepper",
          "MatrixMultiplyStepper", "FunctionExplorer", "LayerGridView", "DigitExplorer",
          "FigureWidget"]


def use(w):
    """Click what the widget has, so its callbacks have run at least once."""
    for name in ("step_button", "next_button"):
        if hasattr(w, name):
            press(getattr(w, name))


@pytest.mark.parametrize("name", MAKERS)
def test_a_dropped_widget_is_freed_with_its_figure_and_controls(small, name):
    collect()
    before = len(REGISTRY)
    w = makers(small)[name]()
    use(w)
    assert len(REGISTRY) > before
    ref = weakref.ref(w)
    figure = weakref.ref(w.figure) if getattr(w, "figure", None) is not None else None
    del w
    collect()
    assert ref() is None
    assert figure is None or figure() is None
    assert len(REGISTRY) == before                   # the finalizer closed every control


@pytest.mark.parametrize("name", MAKERS)
def test_close_closes_every_control_it_made(small, name):
    collect()
    before = len(REGISTRY)
    w = makers(small)[name]()
    use(w)
    w.close()
    assert len(REGISTRY) == before
    w.close()                                        # twice is harmless
    ref = weakref.ref(w)
    del w
    collect()
    assert ref() is None


def test_twenty_dropped_players_leave_nothing_alive(small):
    X, y, *_ = small
    collect()
    before = len(REGISTRY)
    refs = []
    for _ in range(20):
        p = player(X, y)
        press(p.step_button)
        refs.append(weakref.ref(p))
    del p
    collect()
    assert [r for r in refs if r() is not None] == []
    assert len(REGISTRY) == before


def test_a_shown_widget_keeps_working_until_closed(small):
    """A widget shown in a notebook but kept in no variable lives on with its view (as in a
    real kernel, where the front end holds the controls); close() frees it."""
    X, y, *_ = small
    p = player(X, y)
    bundle = p._repr_mimebundle_()
    assert bundle["text/plain"].startswith("<TrainingPlayer")
    ref, step_button = weakref.ref(p), p.step_button
    del p
    collect()
    assert ref() is not None
    step_button.click()                                      # its Step button still trains
    assert ref().trainer.step_count == 1
    ref().close()
    collect()
    assert ref() is None


def test_play_keeps_ticking_through_garbage_collection(small):
    """The Play's callback holds the player weakly: while the player lives, it trains."""
    X, y, *_ = small
    p = player(X, y)
    p.play.playing = True
    tick(p, 2)
    collect()
    tick(p, 2)
    assert p.trainer.step_count == 4
    p.close()

