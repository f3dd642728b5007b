"""The notation bridge of notebook 06: essay 001's column notation (one image per column,
Z = W A + b) and the course's row notation (Z = X W + b) are the same network.

W_col = W_rowᵀ, b_col = b_row as a column, A0 = Xᵀ: the forward outputs and every gradient
agree to float64 precision, on real MNIST images and on random data.

``essay_forward``/``essay_backward`` below are the essay's own formulas, written out in
columns here (the reference, used only by tests); ``bridge.column_forward``/``column_backward``
are the package's row network transposed, and the tests check the two agree.
"""

import numpy as np
import pytest

from nnla_helpers import MLP, data
from nnla_helpers.exercises import mnist as bridge
from nnla_helpers.gradcheck import numerical_gradient, relative_error

NAMES = ("W1", "b1", "W2", "b2")


def essay_forward(W1, b1, W2, b2, A0):
    """Essay 001, one image per column: Z1 = W1 A0 + b1, A1 = ReLU(Z1), Z2 = W2 A1 + b2,
    A2 = softmax of every column of Z2."""
    Z1 = W1 @ A0 + b1
    A1 = np.maximum(Z1, 0)
    Z2 = W2 @ A1 + b2
    E = np.exp(Z2 - Z2.max(axis=0, keepdims=True))
    return {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": E / E.sum(axis=0, keepdims=True)}


def essay_backward(W1, b1, W2, b2, A0, Y, cache):
    """Essay 001's backward pass: dZ2 = A2 − Y, dW2 = dZ2 A1ᵀ / m, db2 = row means of dZ2,
    dZ1 = (W2ᵀ dZ2) ⊙ (Z1 > 0), dW1 = dZ1 A0ᵀ / m, db1 = row means of dZ1."""
    m = A0.shape[1]
    dZ2 = cache["A2"] - Y
    dZ1 = (W2.T @ dZ2) * (cache["Z1"] > 0)
    return {"W1": dZ1 @ A0.T / m, "b1": dZ1.mean(axis=1, keepdims=True),
            "W2": dZ2 @ cache["A1"].T / m, "b2": dZ2.mean(axis=1, keepdims=True)}


def essay_loss(A2, Y):
    return float(-np.sum(Y * np.log(A2)) / A2.shape[1])


def one_hot_columns(labels, n_classes=10):
    """Labels (m,) → Y (n_classes, m), one one-hot column per image (the essay's layout)."""
    return data.one_hot(labels, n_classes).T


def to_column_layout(W1, b1, W2, b2):
    """The course's (row) parameters → the essay's (column) parameters."""
    return W1.T, b1.reshape(-1, 1), W2.T, b2.reshape(-1, 1)


def row_gradients_as_columns(col_params, A0, Y):
    """The package's row network (from the essay's parameters), its gradients transposed."""
    net = bridge.row_network(*col_params)
    _, cache = net.forward(A0.T)
    g = net.backward(cache, Y.T)
    return dict(zip(NAMES, to_column_layout(*(g[name] for name in NAMES))))


@pytest.fixture(scope="module")
def first_images():
    X, y, _, _ = data.load_mnist(n_train=100, n_test=1)
    return X.astype(np.float64), y


def _essay_params(seed, n_in=784, n_hidden=10, n_out=10):
    rng = np.random.default_rng(seed)
    return (rng.uniform(-0.5, 0.5, (n_hidden, n_in)), rng.uniform(-0.5, 0.5, (n_hidden, 1)),
            rng.uniform(-0.5, 0.5, (n_out, n_hidden)), rng.uniform(-0.5, 0.5, (n_out, 1)))


def _row_net(col_params, n_in=784, n_hidden=10, n_out=10, dtype=np.float64):
    net = MLP([n_in, n_hidden, n_out], init="uniform", seed=123, dtype=dtype)
    net.set_state(dict(zip(NAMES, bridge.to_row_layout(*col_params))))
    return net


def _both(X, y, col_params):
    """(column forward, column grads, row output, row grads) on the same data and weights."""
    net = _row_net(col_params, X.shape[1], col_params[0].shape[0], col_params[2].shape[0])
    A0 = X.T
    Y = one_hot_columns(y, col_params[2].shape[0])
    cache = essay_forward(*col_params, A0)
    col_grads = essay_backward(*col_params, A0, Y, cache)
    row_out, row_cache = net.forward(X)
    row_grads = net.backward(row_cache, y)
    return net, cache, col_grads, row_out, row_cache, row_grads


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_forward_identical_on_mnist(first_images, seed):
    X, y = first_images
    _, cache, _, row_out, row_cache, _ = _both(X, y, _essay_params(seed))
    np.testing.assert_allclose(row_out, cache["A2"].T, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(row_cache.Z[0], cache["Z1"].T, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(row_cache.inputs[1], cache["A1"].T, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(row_cache.Z[1], cache["Z2"].T, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(row_out.argmax(axis=1), cache["A2"].argmax(axis=0))
    package = bridge.column_forward(*_essay_params(seed), X.T)     # the row network, transposed
    for name, value in cache.items():
        np.testing.assert_allclose(package[name], value, rtol=1e-12, atol=1e-12, err_msg=name)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradients_identical_on_mnist(first_images, seed):
    X, y = first_images
    _, _, col_grads, _, _, row_grads = _both(X, y, _essay_params(seed))
    for name, g_col in col_grads.items():
        g_row_as_col = to_column_layout(*(row_grads[n] for n in NAMES))[NAMES.index(name)]
        assert g_row_as_col.shape == g_col.shape, name
        np.testing.assert_allclose(g_row_as_col, g_col, rtol=1e-10, atol=1e-14, err_msg=name)
    package = row_gradients_as_columns(_essay_params(seed), X.T, one_hot_columns(y))
    for name, g_col in col_grads.items():
        np.testing.assert_allclose(package[name], g_col, rtol=1e-10, atol=1e-14, err_msg=name)


def test_essay_puts_one_over_m_in_dW_the_course_in_dZ(first_images):
    """Same gradients, different bookkeeping: essay dZ2 = A2 − Y, course dZ2 = (A2 − Y)/m."""
    X, y = first_images
    m = X.shape[0]
    _, cache, _, row_out, _, _ = _both(X, y, _essay_params(0))
    essay_dZ2 = cache["A2"] - one_hot_columns(y)
    course_dZ2 = (row_out - data.one_hot(y, 10)) / m
    np.testing.assert_allclose(course_dZ2, essay_dZ2.T / m, rtol=1e-12, atol=1e-16)


def test_loss_identical(first_images):
    X, y = first_images
    params = _essay_params(4)
    net, cache, *_ = _both(X, y, params)
    Y = one_hot_columns(y)
    np.testing.assert_allclose(net.loss(X, y), essay_loss(cache["A2"], Y), rtol=1e-12)
    np.testing.assert_allclose(bridge.row_network(*params).loss(X, Y.T), essay_loss(cache["A2"], Y),
                               rtol=1e-12)


def test_column_gradients_match_finite_differences():
    """The essay's formulas are the gradient of the mean cross-entropy (on a small example)."""
    rng = np.random.default_rng(5)
    n_in, n_hidden, n_out, m = 6, 4, 3, 7
    params = [p.copy() for p in _essay_params(5, n_in, n_hidden, n_out)]
    A0 = rng.random((n_in, m))
    y = rng.integers(0, n_out, m)
    Y = one_hot_columns(y, n_out)
    grads = essay_backward(*params, A0, Y, essay_forward(*params, A0))

    def loss():
        return essay_loss(essay_forward(*params, A0)["A2"], Y)

    for name, p in zip(NAMES, params):
        assert relative_error(grads[name], numerical_gradient(loss, p)) < 1e-7, name


@pytest.mark.parametrize("seed", [0, 1])
def test_bridge_on_random_data_any_sizes(seed):
    rng = np.random.default_rng(seed)
    n_in, n_hidden, n_out, m = 5, 7, 4, 9
    params = _essay_params(seed, n_in, n_hidden, n_out)
    X = rng.normal(size=(m, n_in))
    y = rng.integers(0, n_out, m)
    _, cache, col_grads, row_out, _, row_grads = _both(X, y, params)
    np.testing.assert_allclose(row_out, cache["A2"].T, rtol=1e-12)
    for name in NAMES:
        back = to_column_layout(*(row_grads[n] for n in NAMES))[NAMES.index(name)]
        np.testing.assert_allclose(back, col_grads[name], rtol=1e-10, atol=1e-14)


def test_layout_conversions_are_inverse():
    params = _essay_params(9)
    rows = bridge.to_row_layout(*params)
    assert [p.shape for p in rows] == [(784, 10), (10,), (10, 10), (10,)]
    back = to_column_layout(*rows)
    for a, b in zip(back, params):
        assert a.shape == b.shape
        np.testing.assert_array_equal(a, b)


def test_float32_predictions_identical(first_images):
    """In float32 (as the notebook trains) both layouts predict the same digits."""
    X, y = first_images
    params = tuple(p.astype(np.float32) for p in _essay_params(3))
    net = _row_net(params, dtype=np.float32)
    assert net.weights[0].dtype == np.float32
    X32 = X.astype(np.float32)
    col = essay_forward(*params, np.ascontiguousarray(X32.T))["A2"]
    row = net.predict_proba(X32)
    np.testing.assert_allclose(row, col.T, rtol=1e-4, atol=1e-6)
    np.testing.assert_array_equal(row.argmax(axis=1), col.argmax(axis=0))
