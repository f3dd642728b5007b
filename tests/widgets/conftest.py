"""Fixtures the widget tests share: small data sets, and a few MNIST test images."""

import pytest

from nnla_helpers import data


@pytest.fixture(scope="module")
def spirals():
    X, y = data.spirals(100, 3)
    X_val, y_val = data.spirals(40, 3, seed=1)
    return X, y, X_val, y_val


@pytest.fixture(scope="module")
def line():
    return data.noisy_line(50)


@pytest.fixture(scope="module")
def digits():
    X_train, y_train, X_test, y_test = data.load_mnist(n_train=100, n_test=30)
    return X_test, y_test
