"""nnla_helpers.layers: every forward/backward pair against finite differences, the losses
beside their gradients (also for saturated logits), where the 1/m lives, and the fast path
giving the plain path's numbers."""

import warnings

import numpy as np
import pytest

from nnla_helpers import layers
from nnla_helpers.activations import log_softmax, sigmoid, softmax
from nnla_helpers.gradcheck import numerical_gradient, relative_error

ELEMENTWISE = ["relu", "leaky_relu", "sigmoid", "tanh", "identity"]


def away_from_kinks(rng, shape):
    """Random pre-activations at least 0.1 away from 0 (ReLU's corner has no derivative)."""
    Z = rng.normal(size=shape)
    return Z + 0.1 * np.sign(Z)


def test_dense_pair_matches_finite_differences(rng):
    A, W, b = rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=4)
    G = rng.normal(size=(5, 4))                         # L = Σ G ⊙ Z, so ∂L/∂Z = G

    def loss():
        return float(np.sum(G * layers.dense_forward(A, W, b)[0]))

    Z, cache = layers.dense_forward(A, W, b)
    np.testing.assert_allclose(Z, A @ W + b)
    dA, dW, db = layers.dense_backward(G, cache)
    for name, analytic, x in (("A_prev", dA, A), ("W", dW, W), ("b", db, b)):
        assert analytic.shape == x.shape, name
        assert relative_error(analytic, numerical_gradient(loss, x)) < 1e-8, name


@pytest.mark.parametrize("name", ELEMENTWISE + ["softmax"])
def test_activation_pair_matches_finite_differences(rng, name):
    Z, G = away_from_kinks(rng, (4, 5)), rng.normal(size=(4, 5))

    def loss():
        return float(np.sum(G * layers.activation_forward(Z, name)[0]))

    _, cache = layers.activation_forward(Z, name)
    dZ = layers.activation_backward(G, cache)
    assert relative_error(dZ, numerical_gradient(loss, Z)) < 1e-7


def test_dropout_pair_matches_finite_differences(rng):
    A, G = rng.normal(size=(6, 5)), rng.normal(size=(6, 5))
    D = layers.dropout_mask(A.shape, 0.7, rng)

    def loss():
        return float(np.sum(G * layers.dropout_forward(A, D, 0.7)[0]))

    out, cache = layers.dropout_forward(A, D, 0.7)
    np.testing.assert_allclose(out, A * D / 0.7)
    dA = layers.dropout_backward(G, cache)
    assert relative_error(dA, numerical_gradient(loss, A)) < 1e-8
    np.testing.assert_array_equal(dA[D == 0], 0)         # dropped units pass no gradient


def _targets(name, rng, m, k):
    if name == "mse":
        return rng.normal(size=(m, k))
    if name == "binary_cross_entropy":
        return rng.integers(0, 2, (m, k)).astype(float)
    return np.eye(k)[rng.integers(0, k, m)]


@pytest.mark.parametrize("name", list(layers.LOSSES))
def test_each_loss_gradient_is_the_derivative_of_its_loss(rng, name):
    loss, _ = layers.LOSSES[name]
    Z, Y = rng.normal(size=(6, 4)), _targets(name, rng, 6, 4)
    _, dZ = loss(Z, Y)
    assert dZ.shape == Z.shape
    assert relative_error(dZ, numerical_gradient(lambda: loss(Z, Y)[0], Z)) < 1e-7


@pytest.mark.parametrize("name", list(layers.LOSSES))
def test_the_one_over_m_is_in_the_loss_gradient(rng, name):
    """The loss is the mean of per-sample losses, and its gradient is 1/m times theirs."""
    loss, _ = layers.LOSSES[name]
    Z, Y = rng.normal(size=(5, 3)), _targets(name, rng, 5, 3)
    L, dZ = loss(Z, Y)
    per_sample = [loss(Z[i:i + 1], Y[i:i + 1]) for i in range(5)]
    assert L == pytest.approx(np.mean([l for l, _ in per_sample]))
    np.testing.assert_allclose(dZ, np.vstack([g for _, g in per_sample]) / 5, rtol=1e-12)


def test_softmax_cross_entropy_is_exact_and_quiet_for_saturated_logits():
    Z = np.array([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 999.0], [0.0, 40.0, 0.0]])
    Y = np.eye(3)[[1, 0, 0]]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        L, dZ = layers.softmax_cross_entropy(Z, Y)
    expected = (2000 + (2000 + np.log1p(np.exp(-1.0))) + (40 + np.log1p(2 * np.exp(-40.0)))) / 3
    assert L == pytest.approx(expected, rel=1e-12)           # no clip at ln(1e12) ≈ 27.6
    np.testing.assert_allclose(dZ, (softmax(Z) - Y) / 3)
    assert np.all(np.isfinite(dZ))


def test_sigmoid_binary_cross_entropy_is_exact_for_saturated_logits():
    Z, Y = np.array([[1000.0, -1000.0, 30.0]]), np.array([[0.0, 1.0, 1.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        L, dZ = layers.sigmoid_binary_cross_entropy(Z, Y)
    assert L == pytest.approx(2000 + np.log1p(np.exp(-30.0)), rel=1e-12)
    np.testing.assert_allclose(dZ, sigmoid(Z) - Y)


def test_softmax_cross_entropy_is_minus_the_mean_log_probability(rng):
    Z, y = rng.normal(size=(4, 3)), rng.integers(0, 3, 4)
    L, _ = layers.softmax_cross_entropy(Z, np.eye(3)[y])
    assert L == pytest.approx(-np.mean(log_softmax(Z)[np.arange(4), y]))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("z_order, y_order", [("C", "C"), ("F", "F"), ("F", "C"), ("C", "F")])
def test_fast_softmax_cross_entropy_gives_the_plain_numbers(rng, dtype, z_order, y_order):
    """out= (the fast path, logits stored either way): the plain path's loss and dZ."""
    Z = np.asarray(rng.normal(scale=4, size=(33, 10)), dtype=dtype, order=z_order)
    Y = np.asarray(np.eye(10)[rng.integers(0, 10, 33)], dtype=dtype, order=y_order)
    Y[0] = 0.5 * Y[0] + 0.05                             # one row of probabilities, not one-hot
    L_plain, dZ_plain = layers.softmax_cross_entropy(Z, Y)
    out = (np.empty_like(Z), np.empty_like(Z))
    L_fast, dZ_fast = layers.softmax_cross_entropy.formula(Z, Y, out=out)    # as MLP._fast_pass calls it
    assert dZ_fast is out[1]
    rtol = 1e-12 if dtype == np.float64 else 1e-5
    assert L_fast == pytest.approx(L_plain, rel=rtol)
    np.testing.assert_allclose(dZ_fast, dZ_plain, rtol=rtol, atol=rtol / 33)


@pytest.mark.parametrize("order", ["C", "F"])
def test_fast_softmax_cross_entropy_skips_the_zero_terms_as_the_plain_path(order):
    """Logits 10³⁸ apart: log softmax is −inf where y = 0, and 0 · (−inf) is not a term."""
    Z = np.asarray([[3e38, -3e38, 0.0], [0.0, 1.0, 2.0]], dtype=np.float32, order=order)
    Y = np.asarray([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]], dtype=np.float32, order=order)
    with np.errstate(over="ignore", invalid="ignore"):
        L_plain, _ = layers.softmax_cross_entropy(Z, Y)
        L_fast, _ = layers.softmax_cross_entropy.formula(Z, Y, out=(np.empty_like(Z), np.empty_like(Z)))
    assert np.isfinite(L_plain) and L_fast == pytest.approx(L_plain, rel=1e-6)
    assert L_fast == pytest.approx(np.log1p(np.exp(-1.0) + np.exp(-2.0)) / 2, rel=1e-6)


@pytest.mark.parametrize("order", ["C", "F"])
def test_fast_dense_gives_the_plain_numbers(rng, order):
    A = np.asarray(rng.normal(size=(50, 7)), order=order)
    W, b, dZ = rng.normal(size=(7, 3)), rng.normal(size=3), rng.normal(size=(50, 3))
    Z_plain, plain = layers.dense_forward(A, W, b)
    Z_fast, fast = layers.dense_forward(A, W, b, fast=True)
    np.testing.assert_allclose(Z_fast, Z_plain, rtol=1e-13, atol=1e-13)
    assert Z_fast.flags.f_contiguous == (order == "F")     # the fast path keeps A's order
    for got, want in zip(layers.dense_backward(np.asarray(dZ, order=order), fast),
                         layers.dense_backward(dZ, plain)):
        np.testing.assert_allclose(got, want, rtol=1e-13, atol=1e-13)
    dA, dW, db = layers.dense_backward(dZ, fast, need_dA_prev=False)
    assert dA is None and dW.shape == W.shape and db.shape == b.shape


def test_layer_cache_names_its_parts(rng):
    Z = rng.normal(size=(2, 3))
    A, activation = layers.activation_forward(Z, "tanh")
    cache = layers.LayerCache(dense=(None, None, False), activation=activation)
    assert cache.Z is Z and cache.A is A and cache.dropout is None


def test_unknown_activation_is_named():
    with pytest.raises(ValueError, match="unknown activation 'relu6'"):
        layers.check_activation("relu6")
