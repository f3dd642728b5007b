"""Shared fixture: a seeded generator, so every test is repeatable."""

import numpy as np
import pytest


@pytest.fixture
def rng():
    return np.random.default_rng(1234)
