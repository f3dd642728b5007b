import numpy as np
import pytest

from nnla_helpers import MLP, layers
from nnla_helpers.gradcheck import check_network_gradients, numerical_gradient, relative_error


def test_numerical_gradient_of_a_known_function():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    g = numerical_gradient(lambda: float(np.sum(x ** 3)), x)
    np.testing.assert_allclose(g, 3 * x ** 2, rtol=1e-8)
    np.testing.assert_array_equal(x, [[1.0, -2.0], [0.5, 3.0]])   # put back exactly


def test_numerical_gradient_restores_x_even_when_f_fails():
    x = np.ones(3)
    with pytest.raises(ZeroDivisionError):
        numerical_gradient(lambda: 1 / 0, x)
    np.testing.assert_array_equal(x, np.ones(3))


def test_relative_error_scale():
    a = np.array([1.0, 2.0, 3.0])
    assert relative_error(a, a) == 0.0
    assert relative_error(a, -a) == 1.0
    assert relative_error(1e-9 * a, 1e-9 * a * (1 + 1e-7)) == pytest.approx(5e-8, rel=1e-3)
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    with pytest.raises(ValueError, match="shapes"):
        relative_error(np.zeros(2), np.zeros(3))


def test_a_buggy_backward_pass_is_caught(monkeypatch):
    """A classic slip — forgetting the 1/m of the mean loss — must show up loudly."""
    net = MLP([3, 4, 2], hidden="tanh", seed=0)
    X, y = np.random.default_rng(0).normal(size=(5, 3)), np.array([0, 1, 1, 0, 1])
    assert max(check_network_gradients(net, X, y).values()) < 1e-7
    def forgot_one_over_m(Z, Y):
        L, dZ = layers.softmax_cross_entropy(Z, Y)
        return L, dZ * Z.shape[0]

    monkeypatch.setitem(layers.LOSSES, "cross_entropy", (forgot_one_over_m, "softmax"))
    errors = check_network_gradients(net, X, y)
    assert min(errors.values()) > 0.5
