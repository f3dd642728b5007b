"""Shared test helpers: a central-difference derivative and a seeded generator."""

import numpy as np
import pytest


def central_diff_elementwise(g, Z, eps=1e-6):
    """Derivative of an element-wise function g at every entry of Z, by central differences."""
    return (g(Z + eps) - g(Z - eps)) / (2 * eps)


@pytest.fixture
def rng():
    return np.random.default_rng(1234)
