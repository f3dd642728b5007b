import itertools

import numpy as np
import pytest

from nnla_helpers import MLP, data, layers
from nnla_helpers.errors import LabelError, ShapeError
from nnla_helpers.gradcheck import as_float64, check_network_gradients
from nnla_helpers.network import init_layer
from nnla_helpers.train import train

HIDDEN = ["relu", "leaky_relu", "sigmoid", "tanh", "identity"]
OUTPUTS = [("softmax", None), ("sigmoid", None), ("identity", "mse"), ("softmax", "mse"),
           ("sigmoid", "mse")]


def _targets(output, loss, m, k, rng):
    if loss == "mse" and output == "identity":
        return rng.normal(size=(m, k))
    if output == "sigmoid":
        return rng.integers(0, 2, (m, k)).astype(float)
    return rng.integers(0, k, m)          # integer labels, one-hot inside


@pytest.mark.parametrize("depth", [1, 2, 3])
@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("output, loss", OUTPUTS)
@pytest.mark.parametrize("keep_prob", [1.0, 0.6])
def test_backprop_matches_finite_differences(depth, hidden, output, loss, keep_prob):
    rng = np.random.default_rng(depth * 100 + len(hidden))
    sizes = [4] + [5] * (depth - 1) + [3]
    net = MLP(sizes, hidden=hidden, output=output, loss=loss, keep_prob=keep_prob, seed=depth)
    for b in net.biases:   # zero biases put a dropped-out row exactly on ReLU's kink
        b[...] = rng.normal(0, 0.5, b.shape)
    X = rng.normal(size=(7, 4))
    errors = check_network_gradients(net, X, _targets(output, loss, 7, 3, rng))
    assert set(errors) == {f"{p}{i}" for i in range(1, depth + 1) for p in "Wb"}
    assert max(errors.values()) < 1e-6, errors


def test_fixed_dropout_mask_is_used_in_backward():
    rng = np.random.default_rng(0)
    net = MLP([3, 4, 2], hidden="tanh", keep_prob=0.5, seed=0)
    X, y = rng.normal(size=(6, 3)), rng.integers(0, 2, 6)
    masks = [np.array([[1, 0, 1, 0]] * 6, dtype=float)]
    assert max(check_network_gradients(net, X, y, masks=masks).values()) < 1e-6
    _, cache = net.forward(X, training=True, masks=masks)
    grads = net.backward(cache, y)
    np.testing.assert_array_equal(grads["W2"][[1, 3]], 0)   # dropped units get no gradient
    np.testing.assert_array_equal(grads["W1"][:, [1, 3]], 0)


def test_a_float32_network_is_checked_in_float64():
    net = MLP([3, 4, 2], seed=0, dtype=np.float32)
    assert as_float64(net).dtype == np.float64
    X, y = np.random.default_rng(0).normal(size=(5, 3)), np.array([0, 1, 1, 0, 1])
    assert max(check_network_gradients(net, X, y).values()) < 1e-6


def test_float32_stays_float32_end_to_end():
    net = MLP([3, 4, 2], seed=0, dtype=np.float32)
    X = np.ones((5, 3), dtype=np.float32)
    out, cache = net.forward(X, training=True)
    grads = net.backward(cache, [0, 1, 0, 1, 1])
    assert out.dtype == np.float32
    assert all(g.dtype == np.float32 for g in grads.values())


def test_init_schemes_have_their_documented_spread():
    rng = np.random.default_rng(0)
    W, b = init_layer(400, 300, "uniform", rng)
    assert W.min() >= -0.5 and W.max() < 0.5 and b.min() >= -0.5 and b.std() > 0.2
    W_essay, b_essay = init_layer(400, 300, "essay", np.random.default_rng(0))   # the old name
    W_uniform, b_uniform = init_layer(400, 300, "uniform", np.random.default_rng(0))
    np.testing.assert_array_equal(W_essay, W_uniform)
    np.testing.assert_array_equal(b_essay, b_uniform)
    W, b = init_layer(400, 300, "xavier", rng)
    assert abs(W.std() - np.sqrt(2 / 700)) < 0.01 * np.sqrt(2 / 700) * 5 and not b.any()
    W, b = init_layer(400, 300, "he", rng)
    assert W.std() == pytest.approx(np.sqrt(2 / 400), rel=0.02) and not b.any()
    with pytest.raises(ValueError, match="unknown init scheme 'kaiming'"):
        init_layer(2, 2, "kaiming", rng)


def test_same_seed_same_network_different_seed_different():
    a, b, c = MLP([3, 5, 2], seed=7), MLP([3, 5, 2], seed=7), MLP([3, 5, 2], seed=8)
    for name in a.parameters():
        np.testing.assert_array_equal(a.parameters()[name], b.parameters()[name])
    assert not np.array_equal(a.weights[0], c.weights[0])


def test_dropout_is_off_at_evaluation_and_keeps_the_mean():
    net = MLP([2, 200, 2], hidden="relu", keep_prob=0.5, seed=0)
    X = np.random.default_rng(1).normal(size=(3, 2))
    eval_a = net.forward(X)[1].inputs[1]
    np.testing.assert_array_equal(eval_a, net.forward(X)[1].inputs[1])   # deterministic
    means = np.mean([net.forward(X, training=True)[1].inputs[1] for _ in range(2000)], axis=0)
    np.testing.assert_allclose(means, eval_a, atol=0.1 * eval_a.max())


def test_dropout_helpers():
    rng = np.random.default_rng(0)
    D = layers.dropout_mask((1000, 50), 0.8, rng)
    assert set(np.unique(D)) <= {0.0, 1.0} and D.mean() == pytest.approx(0.8, abs=0.01)
    A = np.ones((2, 3))
    D = np.array([[1, 0, 1], [0, 1, 1.0]])
    out, cache = layers.dropout_forward(A, D, 0.5)
    np.testing.assert_allclose(out, 2 * D)                                  # the essay's ×2
    np.testing.assert_allclose(layers.dropout_backward(A, cache), 2 * D)
    with pytest.raises(ValueError, match="probability of KEEPING"):
        layers.dropout_mask((2, 2), 1.5, rng)
    with pytest.raises(ShapeError, match="draw D with the shape of A"):
        layers.dropout_forward(np.ones((2, 3)), np.ones((3, 2)), 0.5)


def test_a_small_network_learns_xor_and_a_linear_one_cannot():
    X, y = data.xor(200, noise=0.1, seed=0)
    net = MLP([2, 8, 2], hidden="tanh", seed=1)
    train(net, X, y, epochs=300, lr=0.5)
    assert net.accuracy(X, y) == 1.0
    linear_net = MLP([2, 8, 2], hidden="identity", seed=1)
    train(linear_net, X, y, epochs=300, lr=0.5)
    assert linear_net.accuracy(X, y) < 0.8


def test_predict_and_accuracy():
    net = MLP([2, 3, 1], output="sigmoid", seed=0)
    X = np.zeros((4, 2))
    assert net.predict(X).shape == (4,)
    assert net.accuracy(X, net.predict(X)) == 1.0
    reg = MLP([2, 1], output="identity")
    assert reg.predict(X).shape == (4, 1)


def test_bad_input_gets_clear_errors():
    net = MLP([3, 4, 2])
    with pytest.raises(ShapeError, match=r"X has 2 columns \(features\), but this network \[3, 4, 2\] takes 3 inputs"):
        net.forward(np.ones((5, 2)))
    with pytest.raises(ShapeError, match=r"Did you mean X.T"):
        net.forward(np.ones((3, 5)))
    with pytest.raises(ValueError, match="contains 1 NaN"):
        net.forward(np.array([[1.0, np.nan, 0.0]]))
    with pytest.raises(LabelError, match="label 2, but there are only 2 classes"):
        net.loss(np.ones((2, 3)), [0, 2])
    with pytest.raises(LabelError, match="must lie in \\[0, 1\\]"):
        MLP([3, 1], output="sigmoid").loss(np.ones((2, 3)), [1, 2])
    with pytest.raises(ValueError, match="does not go with output"):
        MLP([3, 2], output="identity", loss="cross_entropy")
    with pytest.raises(ValueError, match=r"2 hidden layer.*need one activation name, or a list of 2"):
        MLP([3, 4, 4, 2], hidden=["relu"])
    with pytest.raises(ValueError, match="at least an input and an output"):
        MLP([3])


def test_state_round_trip():
    net = MLP([2, 3, 2], seed=0)
    state = net.get_state()
    for p in net.parameters().values():
        p += 1.0
    net.set_state(state)
    for name, p in net.parameters().items():
        np.testing.assert_array_equal(p, state[name])
    assert "MLP(2 → 3 → 2" in repr(net)


@pytest.mark.parametrize("hidden, output", list(itertools.product(["relu", "tanh"], ["softmax", "sigmoid"])))
def test_repeated_forward_is_deterministic(hidden, output):
    net = MLP([2, 3, 2], hidden=hidden, output=output, seed=3)
    X = np.ones((2, 2))
    first = net.predict_proba(X)                 # a forward pass must not change the net
    np.testing.assert_array_equal(net.predict_proba(X), first)
    np.testing.assert_array_equal(MLP([2, 3, 2], hidden=hidden, output=output, seed=3)
                                  .predict_proba(X), first)


def test_cross_entropy_targets_must_be_rows_that_sum_to_one():
    """(softmax(Z) − Y)/m is the gradient only when each row of Y sums to 1."""
    net = MLP([2, 3, 3], seed=0)
    X = np.ones((2, 2))
    with pytest.raises(LabelError, match="row 0 sums to 2"):
        net.loss(X, np.array([[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]]))       # multi-hot
    with pytest.raises(LabelError, match="sums to 0"):
        net.loss_and_gradients(X, np.array([[0.0, 0.0, 1.0], [0.0, 0.0, 0.0]]))
    assert np.isfinite(net.loss(X, np.array([[0.2, 0.8, 0.0], [0.0, 0.0, 1.0]])))  # probabilities
    with pytest.raises(ValueError, match="softmax over a single output"):
        MLP([2, 1], output="softmax")


def test_fast_path_still_checks_shapes():
    net = MLP([3, 4, 3], seed=0)
    X = np.random.default_rng(0).normal(size=(3, 3))
    with pytest.raises(ShapeError, match="net.targets"):
        net.loss_and_gradients(X, np.array([0, 1, 2]), fast=True)       # labels, not targets
    with pytest.raises(ShapeError, match="takes \\(m, 3\\)"):
        net.forward(X[:, :2], fast=True)
    L_fast, g_fast = net.loss_and_gradients(X, net.targets([0, 1, 2], 3), fast=True)
    L_plain, g_plain = net.loss_and_gradients(X, [0, 1, 2])
    assert L_fast == L_plain
    for name in g_plain:
        np.testing.assert_allclose(g_fast[name], g_plain[name], rtol=1e-14)


# ---- the fast path (MLP._fast_pass): the plain path's numbers, from reused buffers ------------

def _mnist_like(m, seed=0):
    """m 28×28 'images' of float32 pixels k/255 (a quarter of them black) and labels 0–9."""
    rng = np.random.default_rng(seed)
    X = (rng.integers(0, 256, (m, 784)) * (rng.random((m, 784)) > 0.25) / 255).astype(np.float32)
    return X, rng.integers(0, 10, m)


@pytest.mark.parametrize("order", ["C", "F"])
def test_fast_path_equals_the_plain_path_on_an_mnist_like_batch(order):
    X, y = _mnist_like(64)
    X = np.asarray(X, order=order)          # mini-batches are rows (C), full batches columns (F)
    net = MLP([784, 32, 16, 10], seed=0, dtype=np.float32)
    Y = net.targets(y, 64)
    L_plain, g_plain = net.loss_and_gradients(X, Y)
    for _ in range(2):                      # the second call reuses the first call's buffers
        L_fast, g_fast = net.loss_and_gradients(X, Y, fast=True)
        assert np.isclose(L_fast, L_plain, rtol=1e-6)
        assert set(g_fast) == set(g_plain)
        for name in g_plain:
            assert g_fast[name].dtype == np.float32
            np.testing.assert_allclose(g_fast[name], g_plain[name], rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("hidden, output", [("relu", "softmax"), ("tanh", "sigmoid"),
                                            ("leaky_relu", "identity")])
def test_fast_path_gradients_match_finite_differences(hidden, output):
    """The in-place branches (ReLU, softmax + cross-entropy) and the formula ones (tanh,
    sigmoid + binary cross-entropy, MSE), in float64, against central differences."""
    from nnla_helpers.gradcheck import numerical_gradient, relative_error
    rng = np.random.default_rng(1)
    X = rng.normal(size=(6, 5))
    net = MLP([5, 7, 4, 3], hidden=hidden, output=output, seed=2)
    Y = net.targets(rng.integers(0, 3, 6) if output == "softmax" else rng.random((6, 3)).round()
                    if output == "sigmoid" else rng.normal(size=(6, 3)), 6)
    _, grads = net.loss_and_gradients(X, Y, fast=True)
    grads = {name: g.copy() for name, g in grads.items()}      # buffers: the next call overwrites
    for name, p in net.parameters().items():
        numeric = numerical_gradient(lambda: net.loss_and_gradients(X, Y, fast=True)[0], p)
        assert relative_error(grads[name], numeric) < 1e-7, name


def test_fast_path_keeps_one_set_of_buffers_per_batch_shape():
    X, y = _mnist_like(10)
    net = MLP([784, 8, 10], seed=0, dtype=np.float32)
    Y = net.targets(y, 10)
    for rows in (10, 4, 10):                # a last, smaller batch, then a full one again
        L_fast, g_fast = net.loss_and_gradients(X[:rows], Y[:rows], fast=True)
        L_plain, g_plain = net.loss_and_gradients(X[:rows], y[:rows])
        assert np.isclose(L_fast, L_plain, rtol=1e-6)
        np.testing.assert_allclose(g_fast["W1"], g_plain["W1"], rtol=1e-5, atol=1e-7)
    assert len({key[1] for key in net._buffers if key[0] == ("Z", 1)}) == 2


def test_loss_refuses_the_fast_paths_out_argument():
    from nnla_helpers.errors import SettingError
    with pytest.raises(SettingError, match="fast path only"):
        layers.softmax_cross_entropy(np.zeros((2, 3)), [0, 1], out=(None, None))
