import numpy as np
import pytest

from nnla_helpers import linear
from nnla_helpers.data import noisy_line
from nnla_helpers.errors import ShapeError
from nnla_helpers.gradcheck import numerical_gradient, relative_error


@pytest.mark.parametrize("n_in, n_out", [(1, 1), (3, 1), (3, 2)])
def test_gradients_match_finite_differences(rng, n_in, n_out):
    X, T = rng.normal(size=(8, n_in)), rng.normal(size=(8, n_out))
    W, b = rng.normal(size=(n_in, n_out)), rng.normal(size=n_out)
    dW, db = linear.gradients(X, W, b, T)
    assert dW.shape == W.shape and db.shape == b.shape
    f = lambda: linear.loss(X, W, b, T)   # noqa: E731
    assert relative_error(dW, numerical_gradient(f, W)) < 1e-6
    assert relative_error(db, numerical_gradient(f, b)) < 1e-6


def test_gradients_are_the_matrix_formula(rng):
    X, T = rng.normal(size=(5, 2)), rng.normal(size=(5, 1))
    W, b = rng.normal(size=(2, 1)), rng.normal(size=1)
    dW, db = linear.gradients(X, W, b, T)
    np.testing.assert_allclose(dW, X.T @ (X @ W + b - T) / 5)
    np.testing.assert_allclose(db, (X @ W + b - T).mean(axis=0))


def test_gradient_descent_approaches_least_squares():
    X, T = noisy_line(100, slope=2.0, intercept=1.0, noise=0.3, seed=0)
    W_star, b_star = linear.least_squares(X, T)
    slope, intercept = np.polyfit(X[:, 0], T[:, 0], 1)
    np.testing.assert_allclose([W_star[0, 0], b_star[0]], [slope, intercept])
    W, b = np.zeros((1, 1)), np.zeros(1)
    losses = []
    for _ in range(500):
        W, b = linear.gradient_step(X, W, b, T, lr=0.1)
        losses.append(linear.loss(X, W, b, T))
    assert all(a >= b_ - 1e-12 for a, b_ in zip(losses, losses[1:]))   # never goes up
    np.testing.assert_allclose([W[0, 0], b[0]], [W_star[0, 0], b_star[0]], atol=1e-6)


def test_transposed_weights_get_a_hint():
    X, W, b = np.ones((5, 3)), np.ones((2, 3)), np.zeros(2)
    with pytest.raises(ShapeError, match=r"X has 3 columns but W has 2 rows.*Did you mean W.T"):
        linear.predict(X, W, b)


def test_column_bias_gets_a_hint():
    with pytest.raises(ShapeError, match=r"b has shape \(2, 1\).*ravel"):
        linear.predict(np.ones((5, 3)), np.ones((3, 2)), np.zeros((2, 1)))


def test_one_sample_as_a_vector_gets_a_hint():
    with pytest.raises(ShapeError, match=r"X must be 2-D.*reshape\(1, -1\)"):
        linear.predict(np.ones(3), np.ones((3, 1)), np.zeros(1))
