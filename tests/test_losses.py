import warnings

import numpy as np
import pytest

from nnla_helpers import losses
from nnla_helpers.activations import sigmoid, softmax
from nnla_helpers.errors import BadValueError, LabelError, ShapeError
from nnla_helpers.gradcheck import numerical_gradient, relative_error


def test_mse_has_the_half_and_the_mean():
    Y_hat, Y = np.array([[1.0], [3.0]]), np.array([[0.0], [0.0]])
    assert losses.mse(Y_hat, Y) == pytest.approx((1 + 9) / (2 * 2))


def test_cross_entropy_essay_003_example_with_natural_log():
    Y = np.array([[1.0, 0.0]])
    assert losses.cross_entropy(np.array([[0.9, 0.1]]), Y) == pytest.approx(0.1054, abs=1e-4)
    assert losses.cross_entropy(np.array([[0.1, 0.9]]), Y) == pytest.approx(2.3026, abs=1e-4)
    # the essay's 0.046 and 1 are the same numbers in log base 10
    assert 0.1054 / np.log(10) == pytest.approx(0.046, abs=1e-3)


@pytest.mark.parametrize("loss, grad, make_pred", [
    (losses.mse, losses.mse_grad, lambda Z: Z),
    (losses.cross_entropy, losses.cross_entropy_grad, softmax),
    (losses.softmax_cross_entropy, losses.softmax_cross_entropy_grad, lambda Z: Z),
    (losses.binary_cross_entropy, losses.binary_cross_entropy_grad, lambda Z: Z),
])
def test_loss_gradients_match_finite_differences(rng, loss, grad, make_pred):
    P = make_pred(rng.normal(size=(6, 4)))
    Y = np.eye(4)[rng.integers(0, 4, 6)]
    assert relative_error(grad(P, Y), numerical_gradient(lambda: loss(P, Y), P)) < 1e-6


def test_softmax_cross_entropy_equals_cross_entropy_of_softmax(rng):
    Z, y = rng.normal(size=(5, 3)), rng.integers(0, 3, 5)
    assert losses.softmax_cross_entropy(Z, y) == pytest.approx(losses.cross_entropy(softmax(Z), y))
    np.testing.assert_allclose(losses.softmax_cross_entropy_grad(Z, y),
                               (softmax(Z) - np.eye(3)[y]) / 5)


def test_binary_cross_entropy_equals_its_textbook_form(rng):
    Z, Y = rng.normal(size=(5, 2)), rng.integers(0, 2, (5, 2)).astype(float)
    s = sigmoid(Z)
    textbook = -np.sum(Y * np.log(s) + (1 - Y) * np.log(1 - s)) / 5
    assert losses.binary_cross_entropy(Z, Y) == pytest.approx(textbook)


def test_losses_from_logits_survive_plus_minus_1000():
    Z = np.array([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 999.0]])
    y = np.array([1, 0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ce = losses.softmax_cross_entropy(Z, y)
        g = losses.softmax_cross_entropy_grad(Z, y)
        bce = losses.binary_cross_entropy(Z[:, :2], (Z[:, :2] > 0).astype(float))
        p_ce = losses.cross_entropy(np.array([[0.0, 1.0]]), np.array([[1.0, 0.0]]))
    assert ce == pytest.approx((2000 + 2000 + np.log1p(np.exp(-1))) / 2, rel=1e-9)
    assert np.all(np.isfinite(g)) and np.isfinite(bce) and bce == pytest.approx(0.0, abs=1e-12)
    assert p_ce == pytest.approx(-np.log(1e-12))      # clipped, not infinite


def test_integer_labels_are_one_hot_encoded():
    Z = np.array([[2.0, 0.0, 0.0]])
    assert losses.softmax_cross_entropy(Z, [0]) == losses.softmax_cross_entropy(Z, [[1.0, 0, 0]])


def test_shape_mismatch_names_both_arrays():
    with pytest.raises(ShapeError, match=r"Y_hat has shape \(4, 2\) but Y has shape \(4, 3\)"):
        losses.mse(np.zeros((4, 2)), np.zeros((4, 3)))
    with pytest.raises(ShapeError, match=r"Did you mean Y.T"):
        losses.mse(np.zeros((4, 2)), np.zeros((2, 4)))


def test_labels_out_of_range_and_fractional_labels():
    with pytest.raises(LabelError, match="label 3, but there are only 3 classes"):
        losses.softmax_cross_entropy(np.zeros((2, 3)), [0, 3])
    with pytest.raises(LabelError, match="negative label"):
        losses.softmax_cross_entropy(np.zeros((2, 3)), [0, -1])
    with pytest.raises(LabelError, match="whole-number class labels"):
        losses.softmax_cross_entropy(np.zeros((2, 3)), [0.5, 1.0])


def test_nan_and_empty_inputs_are_refused():
    with pytest.raises(BadValueError, match="Y_hat contains 1 NaN"):
        losses.mse(np.array([[np.nan], [1.0]]), np.zeros((2, 1)))
    with pytest.raises(BadValueError, match="empty"):
        losses.mse(np.zeros((0, 1)), np.zeros((0, 1)))


def test_cross_entropy_refuses_logits():
    with pytest.raises(ValueError, match="Did you pass logits"):
        losses.cross_entropy(np.array([[3.0, -1.0]]), np.array([[1.0, 0.0]]))


def test_cross_entropy_gradient_agrees_with_its_clipped_loss():
    """Where P is clipped (below 1e-12) the loss is flat in P, so its gradient there is 0,
    not −Y/(m·1e-12) ≈ −5e11."""
    P = np.array([[1e-14, 1.0 - 1e-14], [0.3, 0.7]])
    Y = np.array([[1.0, 0.0], [0.0, 1.0]])
    g = losses.cross_entropy_grad(P, Y)
    assert g[0, 0] == 0.0 and np.all(np.isfinite(g))
    np.testing.assert_allclose(g[1], [0.0, -1 / (2 * 0.7)])
    eps = 1e-16                       # stays below the clip: the loss does not move
    before = losses.cross_entropy(P, Y)
    P[0, 0] += eps
    assert losses.cross_entropy(P, Y) == before


def test_softmax_cross_entropy_refuses_rows_that_do_not_sum_to_one():
    Z = np.zeros((2, 3))
    with pytest.raises(LabelError, match="must sum to 1"):
        losses.softmax_cross_entropy_grad(Z, np.array([[1.0, 0.5, 0.0], [0.0, 1.0, 0.0]]))
