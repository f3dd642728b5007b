"""Shared fixture: a seeded generator, so every test is repeatable."""

import os
from pathlib import Path

import numpy as np
import pytest

import nnla_helpers

# `make test-install` runs these tests against an installed copy of the package: make sure
# that copy, and not the checkout, is the one imported.
_expected = os.environ.get("NNLA_EXPECT_PACKAGE_UNDER")
if _expected and not Path(nnla_helpers.__file__).resolve().is_relative_to(Path(_expected).resolve()):
    raise RuntimeError(f"nnla_helpers was imported from {nnla_helpers.__file__}, "
                       f"not from the installation under {_expected}")


@pytest.fixture
def rng():
    return np.random.default_rng(1234)
