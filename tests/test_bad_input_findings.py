"""One test per finding of the bad-input probe (issue 13) in the core package; the property
suite (tests/test_bad_inputs.py) keeps the rest of their kind answered."""

import gzip
import shutil
import zlib
from pathlib import Path

import numpy as np
import pytest

from nnla_helpers import MLP, activations as act, data, errors, gradcheck, layers, losses, network
from nnla_helpers.errors import (BadValueError, DataFileError, DivergenceError, LabelError,
                                 NnlaError, SettingError, ShapeError)
from nnla_helpers.train import DIVERGE_ABOVE, Trainer, runaway, train

ROOT = Path(__file__).resolve().parent.parent


# ---- runaway training ---------------------------------------------------------------------
def test_a_huge_learning_rate_is_stopped_by_the_growth_rule():
    X, y = data.spirals(30, 3)
    with pytest.raises(DivergenceError, match=r"grew to .*more than 10000 times its starting "
                                              r"value .* try a smaller learning rate \(it is 1e\+06") as info:
        train(MLP([2, 8, 3]), X, y, epochs=200, lr=1e6)
    assert info.value.history.message == str(info.value)
    assert info.value.step <= 2                       # long before the loss overflows


def test_linear_regression_past_the_limit_is_stopped_not_left_at_1e82():
    X, T = data.noisy_line()
    with pytest.raises(DivergenceError, match="more than 10000 times") as info:
        train(MLP([1, 1], output="identity"), X, T, epochs=1000, lr=1.5)
    losses_before = info.value.history.train_loss
    assert max(losses_before) < DIVERGE_ABOVE * 4     # stopped while the numbers are still small


def test_one_rule_for_every_trainer():
    assert runaway(5e4, 1.0) is not None and runaway(9e3, 1.0) is None
    assert "became nan" in runaway(float("nan"), 1.0)
    assert runaway(1e30, 1.0, diverge_above=None) is None
    X, y = data.spirals(10, 3)
    t = Trainer(MLP([2, 8, 3]), X, y, lr=1e6)
    with pytest.raises(DivergenceError, match="more than 10000 times"):
        for _ in range(5):
            t.step()


@pytest.mark.parametrize("lr", [0, -0.1, float("nan"), float("inf"), "0.1", None, True])
def test_a_learning_rate_that_cannot_descend_is_refused(lr):
    with pytest.raises(SettingError, match=r"^lr must be"):
        train(MLP([2, 4, 3]), *data.spirals(5, 3), lr=lr)


def test_a_schedule_returning_a_bad_rate_is_named():
    with pytest.raises(SettingError, match=r"lr\(0\) of the schedule"):
        train(MLP([2, 4, 3]), *data.spirals(5, 3), lr=lambda epoch: -0.1)


@pytest.mark.parametrize("epochs", [0, -3, 2.5, "10", None])
def test_epochs_must_be_a_whole_number_of_passes(epochs):
    with pytest.raises(SettingError, match="^epochs must be a whole number ≥ 1"):
        train(MLP([2, 4, 3]), *data.spirals(5, 3), epochs=epochs)


@pytest.mark.parametrize("batch_size", [2.5, 0, -1, "32", float("nan")])
def test_batch_size_must_be_whole(batch_size):
    with pytest.raises(SettingError, match="^batch_size must be a whole number ≥ 1"):
        train(MLP([2, 4, 3]), *data.spirals(5, 3), batch_size=batch_size)


def test_batch_size_two_point_oh_is_two():
    X, y = data.spirals(5, 3)
    a = train(MLP([2, 4, 3]), X, y, epochs=2, batch_size=2.0).train_loss
    b = train(MLP([2, 4, 3]), X, y, epochs=2, batch_size=2).train_loss
    assert a == b


# ---- shapes reach NumPy --------------------------------------------------------------------
@pytest.mark.parametrize("which", ["X", "X_val"])
def test_data_with_the_wrong_number_of_features_is_named(which):
    X, y = data.spirals(5, 3)
    kwargs = {"X": X, "X_val": X[:4]}
    kwargs[which] = np.hstack([kwargs[which], kwargs[which]])
    with pytest.raises(ShapeError, match=rf"^{which} has 4 columns \(features\), but this network "
                                         r"\[2, 4, 3\] takes 2 inputs"):
        train(MLP([2, 4, 3]), kwargs["X"], y, X_val=kwargs["X_val"], Y_val=y[:4])


def test_set_state_with_a_transposed_weight_says_so_and_changes_nothing():
    net = MLP([2, 4, 3], seed=0)
    before = net.get_state()
    state = net.get_state()
    state["W2"] = state["W2"].T
    state["W1"] = state["W1"] + 1
    with pytest.raises(ShapeError, match=r'state\["W2"\] has shape \(3, 4\) .* \(4, 3\). Did you mean its transpose'):
        net.set_state(state)
    assert all(np.array_equal(before[k], v) for k, v in net.get_state().items())
    with pytest.raises(ShapeError, match="missing b2"):
        net.set_state({k: v for k, v in before.items() if k != "b2"})


def test_targets_with_too_few_rows_name_X_and_Y():
    net = MLP([2, 4, 3])
    X, y = data.spirals(5, 3)
    with pytest.raises(ShapeError, match="^X has 15 samples .* but Y has 14"):
        net.loss(X, y[1:])
    with pytest.raises(ShapeError, match="^X has 15 samples .* but y has 14"):
        net.accuracy(X, y[1:])


# ---- corrupted data names its file ---------------------------------------------------------
@pytest.fixture
def mnist_copy(tmp_path):
    folder = tmp_path / "mnist"
    shutil.copytree(ROOT / "data" / "mnist", folder)
    return folder


@pytest.mark.parametrize("name, offsets", [
    ("t10k-labels-idx1-ubyte.gz", (30, 200, 1000, -5)),
    ("train-labels-idx1-ubyte.gz", (200, 5000, -9)),
    ("t10k-images-idx3-ubyte.gz", (200, -3)),
])
def test_a_flipped_byte_anywhere_names_the_file_and_the_fix(mnist_copy, name, offsets):
    path = mnist_copy / name
    original = path.read_bytes()
    for offset in offsets:
        damaged = bytearray(original)
        damaged[offset] ^= 0xFF
        path.write_bytes(bytes(damaged))
        with pytest.raises(DataFileError, match=rf"{name}.*git checkout -- data/mnist"):
            data.load_mnist(data_dir=mnist_copy)
    path.write_bytes(original)


def test_offset_200_of_the_test_labels_was_a_raw_zlib_error(mnist_copy):
    path = mnist_copy / "t10k-labels-idx1-ubyte.gz"
    damaged = bytearray(path.read_bytes())
    damaged[200] ^= 0xFF
    with pytest.raises(zlib.error):                   # what the probe saw, unexplained
        gzip.decompress(bytes(damaged))
    path.write_bytes(bytes(damaged))
    with pytest.raises(DataFileError, match=r"t10k-labels-idx1-ubyte.gz in .* is corrupted: it "
                                            r"does not decompress as gzip"):
        data.load_mnist(data_dir=mnist_copy)


def test_a_relative_data_dir_is_found_from_the_notebooks_folder(mnist_copy, monkeypatch):
    inner = mnist_copy.parent / "course" / "notebooks"
    inner.mkdir(parents=True)
    shutil.move(str(mnist_copy), mnist_copy.parent / "course" / "shared")
    monkeypatch.chdir(inner)
    monkeypatch.setenv("NNLA_DATA_DIR", "shared")
    assert data.default_data_dir() == (mnist_copy.parent / "course" / "shared").resolve()
    assert data.load_mnist(n_train=5, n_test=5)[0].shape == (5, 784)
    monkeypatch.setenv("NNLA_DATA_DIR", "nowhere")
    with pytest.raises(DataFileError, match="NNLA_DATA_DIR is the relative path 'nowhere'.*Give the full path"):
        data.load_mnist()


def test_data_dir_argument_expands_the_home_folder(mnist_copy, monkeypatch):
    monkeypatch.setenv("HOME", str(mnist_copy.parent))
    assert data.load_mnist(n_train=3, n_test=3, data_dir="~/mnist")[2].shape == (3, 784)
    with pytest.raises(DataFileError, match="is not a folder"):
        data.load_mnist(data_dir="~/missing")


# ---- NaN and inf --------------------------------------------------------------------------
@pytest.mark.parametrize("f", [act.relu, act.relu_grad, act.sigmoid, act.tanh_grad, act.softmax,
                               act.leaky_relu_grad, act.identity])
def test_activations_refuse_nan_instead_of_passing_it_through(f):
    with pytest.raises(BadValueError, match="Z contains 1 NaN"):
        f(np.array([0.5, np.nan, 1.0]))


def test_relu_grad_of_nan_was_zero():
    assert act.relu_grad.formula(np.array([np.nan]))[0] == 0.0      # the bare formula: NaN > 0 is False
    with pytest.raises(BadValueError):
        act.relu_grad(np.nan)
    with pytest.raises(BadValueError, match="Z contains 1 NaN"):
        layers.activation_forward(np.array([[np.nan]]), "relu")


@pytest.mark.parametrize("T", [float("nan"), 0, -1, "2", None])
def test_a_temperature_must_be_a_positive_number(T):
    with pytest.raises(SettingError, match="^temperature must be"):
        act.softmax([1.0, 2.0], temperature=T)


def test_cross_entropy_of_logits_at_the_ends_of_float64_is_exact():
    Z, Y = np.array([[1e308, -1e308]]), np.array([[1.0, 0.0]])
    assert losses.softmax_cross_entropy(Z, Y) == 0.0
    assert np.array_equal(losses.softmax_cross_entropy_grad(Z, Y), np.zeros((1, 2)))
    assert losses.softmax_cross_entropy(np.array([[1000.0, -1000.0, 0.0]]), [1]) == 2000.0


# ---- lists and dtypes ---------------------------------------------------------------------
def test_activations_take_lists():
    assert np.array_equal(act.sigmoid([1.0, 2.0]), act.sigmoid(np.array([1.0, 2.0])))
    assert np.array_equal(act.relu_grad([-1, 2]), [0.0, 1.0])
    assert act.relu(3) == 3


def test_numerical_gradient_refuses_arrays_a_nudge_cannot_move():
    f = lambda: 0.0                                            # noqa: E731
    with pytest.raises(BadValueError, match=r"dtype int64.*rounded away.*astype\(np.float64\)"):
        gradcheck.numerical_gradient(f, np.array([1, 2, 3]))
    with pytest.raises(BadValueError, match=r"float32 keeps about 7 digits"):
        gradcheck.numerical_gradient(f, np.ones(3, dtype=np.float32))
    with pytest.raises(BadValueError, match="must be the NumPy array that f reads"):
        gradcheck.numerical_gradient(f, [1.0, 2.0])


@pytest.mark.parametrize("eps", [0, -1e-6, float("nan"), 2.0])
def test_numerical_gradient_eps_must_be_a_small_positive_nudge(eps):
    with pytest.raises(SettingError, match="^eps must be"):
        gradcheck.numerical_gradient(lambda: 0.0, np.ones(2), eps=eps)


def test_numerical_gradient_wants_one_finite_number_from_f():
    x = np.ones(3)
    with pytest.raises(BadValueError, match=r"f\(\) must return one number .* shape \(3,\)"):
        gradcheck.numerical_gradient(lambda: x * 2, x)
    with pytest.raises(BadValueError, match=r"f\(\) returned nan"):
        gradcheck.numerical_gradient(lambda: float("nan"), x)
    assert np.allclose(gradcheck.numerical_gradient(lambda: np.sum(x ** 2), x), 2 * x)


@pytest.mark.parametrize("sizes", [[2, 2.7, 3], [2, 0, 3], [2], "2,3", [2, -1, 3], [2, None, 3]])
def test_layer_sizes_must_be_whole_numbers(sizes):
    with pytest.raises(SettingError, match="layer_sizes"):
        MLP(sizes)


def test_one_hot_of_a_huge_label_refuses_instead_of_allocating_gigabytes():
    with pytest.raises(LabelError, match=r"one_hot would make a \(1, 1000000001\) array — 8.0 GB"):
        data.one_hot([10 ** 9])


# ---- silent wrong answers -----------------------------------------------------------------
@pytest.mark.parametrize("make", [lambda Y: 2 * Y, lambda Y: -Y, lambda Y: np.zeros_like(Y),
                                  lambda Y: Y + np.array([[0.5, -0.5, 0.0]])])
@pytest.mark.parametrize("loss", [losses.cross_entropy, losses.cross_entropy_grad])
def test_cross_entropy_targets_must_be_distributions(make, loss):
    Y = data.one_hot([0, 1, 2])
    P = act.softmax(np.arange(9.0).reshape(3, 3))
    with pytest.raises(LabelError, match=r"(^| of )Y must (hold values in \[0, 1\]|sum to 1)"):
        loss(P, make(Y))


@pytest.mark.parametrize("bad", [2.0, -1.0, 1.5])
def test_binary_cross_entropy_labels_are_between_0_and_1(bad):
    with pytest.raises(LabelError, match=r"^Y must hold values in \[0, 1\] for binary cross-entropy"):
        losses.binary_cross_entropy(np.zeros((2, 1)), [[1.0], [bad]])


@pytest.mark.parametrize("value", [2.0, 0.3, -1.0])
def test_a_dropout_mask_holds_only_0_and_1(value):
    A = np.ones((2, 3))
    D = np.array([[1.0, 0.0, 1.0], [1.0, value, 0.0]])
    with pytest.raises(BadValueError, match=rf"holds 1 other value\(s\), e.g. {value:g}"):
        layers.dropout_forward(A, D, 0.8)
    net = MLP([3, 3, 2], keep_prob=0.8)
    with pytest.raises(BadValueError, match="only 0"):
        net.forward(A, training=True, masks=[D])


def test_accuracy_of_nothing_and_of_labels_out_of_range():
    with pytest.raises(BadValueError, match="is empty"):
        network.accuracy([], [])
    with pytest.raises(LabelError, match="y has label 7, but there are only 3 classes"):
        MLP([2, 4, 3]).accuracy(np.zeros((2, 2)), [5, 7])
    with pytest.raises(LabelError, match="whole-number class labels"):
        network.accuracy([0, 1], [0.5, 1])
    with pytest.raises(SettingError, match="regression"):
        MLP([2, 1], output="identity").accuracy(np.zeros((2, 2)), [0, 1])


# ---- the errors themselves ----------------------------------------------------------------
def test_every_package_error_is_an_nnla_error_and_a_standard_one():
    classes = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, Exception)]
    assert len(classes) == 7
    for c in classes:
        assert issubclass(c, NnlaError)
        assert c is NnlaError or issubclass(c, (ValueError, ArithmeticError, OSError))


def test_no_bare_value_error_is_raised_by_the_package():
    """Every raise in the package names one of its own errors (or re-raises)."""
    import re
    offenders = []
    for path in (ROOT / "nnla_helpers").rglob("*.py"):
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"raise (ValueError|TypeError|RuntimeError|Exception)\(", line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
