import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from nnla_helpers import activations as act
from nnla_helpers.gradcheck import numerical_gradient, relative_error



def central_diff_elementwise(g, Z, eps=1e-6):
    """Derivative of an element-wise function g at every entry of Z, by central differences."""
    return (g(Z + eps) - g(Z - eps)) / (2 * eps)

# Values away from ReLU's kink at 0, where the derivative is undefined.
finite = st.floats(-6, 6, allow_nan=False).filter(lambda v: abs(v) > 1e-3)
matrices = arrays(np.float64, array_shapes(min_dims=1, max_dims=2, max_side=6), elements=finite)

ELEMENTWISE = [
    (act.relu, act.relu_grad),
    (act.leaky_relu, act.leaky_relu_grad),
    (lambda z: act.leaky_relu(z, delta=0.2), lambda z: act.leaky_relu_grad(z, delta=0.2)),
    (act.sigmoid, act.sigmoid_grad),
    (lambda z: act.sigmoid(z, c=2.5, beta=0.7), lambda z: act.sigmoid_grad(z, c=2.5, beta=0.7)),
    (act.tanh, act.tanh_grad),
    (act.identity, act.identity_grad),
]


@pytest.mark.parametrize("g, g_grad", ELEMENTWISE)
@settings(max_examples=40, deadline=None)
@given(Z=matrices)
def test_derivative_matches_central_differences(g, g_grad, Z):
    assert relative_error(g_grad(Z), central_diff_elementwise(g, Z)) < 1e-6


@given(Z=matrices)
def test_relu_abs_form_equals_max(Z):
    np.testing.assert_array_equal(act.relu_abs_form(Z), np.maximum(Z, 0))
    np.testing.assert_array_equal(act.relu(Z), np.maximum(Z, 0))


@given(Z=matrices)
def test_tanh_is_a_scaled_sigmoid(Z):
    np.testing.assert_allclose(act.tanh(Z), 2 * act.sigmoid(2 * Z) - 1, atol=1e-12)


def test_sigmoid_parameters_change_height_and_steepness():
    assert act.sigmoid(np.array([0.0]), c=3.0)[0] == pytest.approx(1.5)
    assert act.sigmoid_grad(np.array([0.0]), beta=4.0)[0] == pytest.approx(1.0)   # 4 · ¼


def test_extreme_inputs_give_no_warnings_and_no_nan():
    Z = np.array([[-1000.0, -50.0, 0.0, 50.0, 1000.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for g, g_grad in ELEMENTWISE:
            assert np.all(np.isfinite(g(Z))) and np.all(np.isfinite(g_grad(Z)))
        s = act.softmax(Z)
        assert np.all(np.isfinite(s)) and s.sum() == pytest.approx(1.0)
        assert np.all(np.isfinite(act.log_softmax(Z)))
    assert act.sigmoid(np.array([-1000.0]))[0] == 0.0
    assert act.sigmoid(np.array([1000.0]))[0] == 1.0


def test_softmax_essay_examples():
    np.testing.assert_allclose(act.softmax(np.array([1.3, 5.1, 2.2])),
                               [0.0208, 0.9282, 0.0511], atol=5e-5)
    np.testing.assert_allclose(act.softmax(np.array([0.3, 0.6])), [0.4256, 0.5744], atol=5e-5)


@settings(max_examples=30, deadline=None)
@given(Z=arrays(np.float64, array_shapes(min_dims=2, max_dims=2, max_side=5),
                elements=st.floats(-20, 20)),
       T=st.floats(0.2, 5.0))
def test_softmax_rows_are_distributions_and_shift_invariant(Z, T):
    S = act.softmax(Z, temperature=T)
    np.testing.assert_allclose(S.sum(axis=1), 1.0)
    assert np.all(S >= 0)
    np.testing.assert_allclose(act.softmax(Z + 123.0, temperature=T), S, atol=1e-12)


def test_temperature_flattens_and_sharpens():
    z = np.array([1.0, 2.0, 3.0])
    assert act.softmax(z, temperature=10).max() < act.softmax(z).max() < act.softmax(z, temperature=0.1).max()
    with pytest.raises(ValueError, match="temperature must be a number > 0"):
        act.softmax(z, temperature=0)


@pytest.mark.parametrize("T", [1.0, 0.5, 3.0])
def test_softmax_jacobian_matches_finite_differences(rng, T):
    z = rng.normal(size=5)
    J = act.softmax_jacobian(z, temperature=T)
    s = act.softmax(z, temperature=T)
    np.testing.assert_allclose(J, (np.diag(s) - np.outer(s, s)) / T)
    J_num = np.stack([numerical_gradient(lambda: act.softmax(z, temperature=T)[i], z)
                      for i in range(5)])
    assert relative_error(J, J_num) < 1e-6
    np.testing.assert_allclose(J.sum(axis=0), 0, atol=1e-12)   # the outputs always sum to 1


def test_softmax_backward_is_the_jacobian_product(rng):
    Z, dS = rng.normal(size=(4, 6)), rng.normal(size=(4, 6))
    S = act.softmax(Z)
    expected = np.stack([act.softmax_jacobian(z).T @ d for z, d in zip(Z, dS)])
    np.testing.assert_allclose(act.softmax_backward(S, dS), expected, atol=1e-12)


def test_unknown_activation_names_the_choices():
    with pytest.raises(ValueError, match="unknown activation 'rleu'.*relu"):
        act.get_activation("rleu")


def test_softmax_jacobian_wants_one_vector():
    with pytest.raises(ValueError, match="z must be 1-D"):
        act.softmax_jacobian(np.ones((2, 3)))
