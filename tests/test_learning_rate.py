"""linear.updates_to_reach: the update count notebook 01 tests essay 001's rule of thumb with."""

import numpy as np
import pytest

from nnla_helpers import linear
from nnla_helpers.data import noisy_line
from nnla_helpers.errors import DivergenceError, ShapeError


@pytest.fixture
def line():
    X, T = noisy_line(50, slope=2.0, intercept=1.0, noise=0.5, seed=0)
    W_star, b_star = linear.least_squares(X, T)
    return X, T, np.array([[0.5]]), np.array([0.0]), linear.loss(X, W_star, b_star, T)


def plain_count(X, T, W, b, lr, target, max_updates):
    """The count with gradient_step and loss, one call each per update."""
    for k in range(max_updates + 1):
        if linear.loss(X, W, b, T) <= target:
            return k
        W, b = linear.gradient_step(X, W, b, T, lr)
    return None


@pytest.mark.parametrize("lr", [0.3, 0.05, 0.01])
def test_counts_the_same_updates_as_gradient_step(line, lr):
    X, T, W, b, best = line
    n = linear.updates_to_reach(X, T, W, b, lr, 1.01 * best)
    assert n == plain_count(X, T, W, b, lr, 1.01 * best, 10_000)
    assert n > 0


def test_several_inputs_and_outputs(rng):
    X = rng.normal(size=(40, 3))
    T = X @ rng.normal(size=(3, 2)) + rng.normal(size=2) + 0.1 * rng.normal(size=(40, 2))
    W, b = np.zeros((3, 2)), np.zeros(2)
    W_star, b_star = linear.least_squares(X, T)
    target = 1.05 * linear.loss(X, W_star, b_star, T)
    n = linear.updates_to_reach(X, T, W, b, 0.1, target)
    assert n == plain_count(X, T, W, b, 0.1, target, 10_000)
    assert n > 1


def test_the_count_is_the_first_update_at_or_below_the_target(line):
    X, T, W, b, best = line
    n = linear.updates_to_reach(X, T, W, b, 0.1, 1.01 * best)
    for _ in range(n - 1):
        W, b = linear.gradient_step(X, W, b, T, 0.1)
    assert linear.loss(X, W, b, T) > 1.01 * best          # one update short: not yet
    W, b = linear.gradient_step(X, W, b, T, 0.1)
    assert linear.loss(X, W, b, T) <= 1.01 * best


def test_a_tenth_of_the_rate_needs_about_ten_times_the_updates(line):
    X, T, W, b, best = line
    counts = np.array([linear.updates_to_reach(X, T, W, b, lr, 1.01 * best)
                       for lr in (0.01, 0.001)])
    assert 9.5 < counts[1] / counts[0] < 10.5


def test_the_inputs_are_left_as_they_were(line):
    X, T, W, b, best = line
    W_before, b_before = W.copy(), b.copy()
    linear.updates_to_reach(X, T, W, b, 0.1, 1.01 * best)
    np.testing.assert_array_equal(W, W_before)
    np.testing.assert_array_equal(b, b_before)


def test_a_start_already_good_enough_needs_no_update(line):
    X, T, _, _, best = line
    W_star, b_star = linear.least_squares(X, T)
    assert linear.updates_to_reach(X, T, W_star, b_star, 0.1, 1.01 * best) == 0


def test_not_enough_updates_gives_none(line):
    X, T, W, b, best = line
    assert linear.updates_to_reach(X, T, W, b, 0.001, 1.01 * best, max_updates=100) is None
    assert linear.updates_to_reach(X, T, W, b, 0.001, 1.01 * best, max_updates=5000) == 2891


def test_past_the_limit_it_stops_with_divergence_naming_the_limit(line):
    X, T, W, b, best = line
    X1 = np.hstack([X, np.ones((50, 1))])
    limit = 2 / np.linalg.eigvalsh(X1.T @ X1 / 50).max()
    assert linear.updates_to_reach(X, T, W, b, 0.98 * limit, 1.01 * best) > 0
    with pytest.raises(DivergenceError, match=rf"lr = {1.02 * limit:g} is past .* limit "
                                              rf"2/λ_max = {limit:.4g} — try a smaller"):
        linear.updates_to_reach(X, T, W, b, 1.02 * limit, 1.01 * best)


def test_it_stops_at_the_first_update_that_climbs_above_the_start(line):
    X, T, W, b, best = line
    X1 = np.hstack([X, np.ones((50, 1))])
    lr = 1.001 * 2 / np.linalg.eigvalsh(X1.T @ X1 / 50).max()       # just past the limit
    start, W_k, b_k, first = linear.loss(X, W, b, T), W, b, None
    for k in range(1, 1000):
        W_k, b_k = linear.gradient_step(X, W_k, b_k, T, lr)
        if linear.loss(X, W_k, b_k, T) > start:
            first = k
            break
    assert first is not None and first > 1          # the loss first falls, then climbs
    with pytest.raises(DivergenceError) as info:
        linear.updates_to_reach(X, T, W, b, lr, 1.01 * best)
    assert info.value.step == first


def test_a_huge_rate_stops_at_the_first_update(line):
    X, T, W, b, best = line
    with pytest.raises(DivergenceError, match=r"after 1 update:") as info:
        linear.updates_to_reach(X, T, W, b, 100.0, 1.01 * best)
    assert info.value.step == 1


def test_an_unreachable_target_is_refused(line):
    X, T, W, b, best = line
    with pytest.raises(ValueError, match=r"target = 0\.1 is not above 0\.124172.*least-squares"):
        linear.updates_to_reach(X, T, W, b, 0.1, 0.1)
    with pytest.raises(ValueError, match=r"not above"):
        linear.updates_to_reach(X, T, W, b, 0.1, best)


@pytest.mark.parametrize("lr", [0, -0.1, float("nan"), float("inf"), "0.1", None, True])
def test_a_bad_learning_rate_is_named(line, lr):
    X, T, W, b, best = line
    with pytest.raises(ValueError, match=r"lr must be a (finite )?number > 0"):
        linear.updates_to_reach(X, T, W, b, lr, 1.01 * best)


@pytest.mark.parametrize("target", [float("nan"), float("inf"), "0.2", None])
def test_a_bad_target_is_named(line, target):
    X, T, W, b, _ = line
    with pytest.raises(ValueError, match=r"target must be a finite number"):
        linear.updates_to_reach(X, T, W, b, 0.1, target)


@pytest.mark.parametrize("max_updates", [0, -1, 2.5, True])
def test_a_bad_budget_is_named(line, max_updates):
    X, T, W, b, best = line
    with pytest.raises(ValueError, match=r"max_updates must be a whole number"):
        linear.updates_to_reach(X, T, W, b, 0.1, 1.01 * best, max_updates=max_updates)


def test_shape_slips_get_the_usual_hints(line):
    X, T, W, b, best = line
    with pytest.raises(ShapeError, match=r"Did you mean"):
        linear.updates_to_reach(X, T, np.ones((2, 1)), np.zeros(1), 0.1, 1.0)
    with pytest.raises(ValueError, match=r"X has 50 rows .* T has 49"):
        linear.updates_to_reach(X, T[:49], W, b, 0.1, 1.01 * best)
    with pytest.raises(ShapeError):
        linear.updates_to_reach(X, np.hstack([T, T]), W, b, 0.1, 1.01 * best)
