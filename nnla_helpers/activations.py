"""Activation functions and their derivatives, applied element by element.

Notation: ``Z`` is a pre-activation of any shape (usually (m, n) — m samples in rows),
``A = g(Z)`` the activation, and ``g_grad(Z)`` the derivative g'(Z) with the same shape,
so the chain rule through a layer is ``dZ = dA * g_grad(Z)`` (element-wise).
Softmax is the exception: it mixes a row, so it has a Jacobian instead (see below).

Every function here is stable for inputs of ±1000: no overflow, no NaN, no warnings.
"""

import numpy as np

from .checks import as_array


def relu(Z):
    """ReLU(z) = max(0, z) — notebooks 03, 04."""
    return np.maximum(Z, 0)


def relu_abs_form(Z):
    """ReLU written as essay 000 does: ½ (z + |z|). Equal to ``relu`` everywhere — notebook 03."""
    return 0.5 * (Z + np.abs(Z))


def relu_grad(Z):
    """ReLU'(z) = 1 if z > 0 else 0 (we take 0 at z = 0) — notebooks 03, 04."""
    return (Z > 0).astype(np.result_type(Z, np.float32))


def leaky_relu(Z, delta=0.01):
    """Leaky ReLU: z if z > 0 else δ·z, so a negative input still passes a small slope δ.
    Notebook 03."""
    return np.where(Z > 0, Z, delta * Z)


def leaky_relu_grad(Z, delta=0.01):
    """Leaky ReLU'(z) = 1 if z > 0 else δ — notebook 03."""
    return np.where(Z > 0, 1.0, delta).astype(np.result_type(Z, np.float32))


def sigmoid(Z, c=1.0, beta=1.0):
    """σ(z) = c / (1 + e^(−β z)): height c, steepness β (essay 003). c = β = 1 is the logistic σ.

    Computed as e^(−|βz|) so that neither branch can overflow.
    Notebooks 03, 04.
    """
    t = beta * np.asarray(Z)
    e = np.exp(-np.abs(t))
    s = np.where(t >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return (c * s).astype(np.result_type(Z, np.float32), copy=False)


def sigmoid_grad(Z, c=1.0, beta=1.0):
    """σ'(z) = c·β·s·(1 − s) with s = 1 / (1 + e^(−β z)) — the familiar σ(1 − σ) when c = β = 1.
    Notebooks 03, 04."""
    s = sigmoid(Z, 1.0, beta)
    return c * beta * s * (1 - s)


def tanh(Z):
    """tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)) = 2σ(2z) − 1 — notebook 03."""
    return np.tanh(Z)


def tanh_grad(Z):
    """tanh'(z) = 1 − tanh²(z) — notebook 03."""
    return 1 - np.tanh(Z) ** 2


def identity(Z):
    """The 'no activation' activation: g(z) = z. A network of these collapses to one matrix.
    Notebooks 02, 03."""
    return Z


def identity_grad(Z):
    """identity'(z) = 1 — notebooks 02, 03."""
    return np.ones_like(Z)


def softmax(Z, axis=-1, temperature=1.0):
    """softmax(z)_i = e^(z_i/T) / Σ_j e^(z_j/T) along ``axis`` (each row, by default).

    Subtracting the row maximum first changes nothing mathematically (it cancels in the
    fraction) but keeps e^x from overflowing for logits like 1000.
    A high temperature T flattens the probabilities, a low one sharpens them.
    Notebooks 03, 04.
    """
    if temperature <= 0:
        raise ValueError(f"temperature must be positive, got {temperature}.")
    Z = np.asarray(Z) / temperature
    e = np.exp(Z - Z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(Z, axis=-1):
    """log softmax(z)_i = z_i − max z − log Σ_j e^(z_j − max z), stable where log(softmax) is not.
    Notebook 03."""
    Z = np.asarray(Z)
    shifted = Z - Z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def softmax_jacobian(z, temperature=1.0):
    """The Jacobian of softmax at one vector z, shape (k, k): J = (diag(s) − s sᵀ) / T.

    J[i, j] = ∂s_i/∂z_j = s_i (δ_ij − s_j) / T.
    Notebooks 03, 04.
    """
    z = as_array("z", z, ndim=1)
    s = softmax(z, temperature=temperature)
    return (np.diag(s) - np.outer(s, s)) / temperature


def softmax_backward(S, dS):
    """Push an upstream gradient dS (m, k) back through softmax rows S (m, k): dZ = J dS per row.

    J is symmetric, so row by row this is J dS = s ⊙ (dS − (dS·s)), without building the
    (k, k) Jacobians.
    Notebook 04.
    """
    return S * (dS - (dS * S).sum(axis=-1, keepdims=True))


# name -> (g, g') for the layers of a network; leaky ReLU uses its default δ = 0.01 here.
ACTIVATIONS = {
    "relu": (relu, relu_grad),
    "leaky_relu": (leaky_relu, leaky_relu_grad),
    "sigmoid": (sigmoid, sigmoid_grad),
    "tanh": (tanh, tanh_grad),
    "identity": (identity, identity_grad),
}


def get_activation(name):
    """Return (g, g') for an activation name, or say which names exist — notebook 03."""
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown activation {name!r}; choose one of "
                         f"{', '.join(sorted(ACTIVATIONS))}.") from None


def with_params(name, **params):
    """(g, g') for an activation name with its parameters bound, e.g. with_params("sigmoid",
    c=2, beta=3) — what notebook 03's plots and explorer draw."""
    g, dg = get_activation(name)
    if not params:
        return g, dg
    return (lambda z: g(z, **params)), (lambda z: dg(z, **params))
