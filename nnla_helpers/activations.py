"""Activation functions and their derivatives, applied element by element.

Notation: ``Z`` is a pre-activation of any shape (usually (m, n) — m samples in rows),
``A = g(Z)`` the activation, and ``g_grad(Z)`` the derivative g'(Z) with the same shape,
so the chain rule through a layer is ``dZ = dA * g_grad(Z)`` (element-wise).
Softmax is the exception: it mixes a row, so it has a Jacobian instead (see below).

Every function here is stable for inputs of ±1000: no overflow, no NaN, no warnings.

Each function takes a number, a list or an array of any shape and refuses NaN and ±inf with
a plain message (``_learner_facing``); its bare formula, ``f.formula``, is what the layers of
a network call, on arrays that were checked once, at the door.
"""

import functools
import inspect

import numpy as np

from . import checks
from .checks import as_array
from .errors import SettingError


def _learner_facing(formula=None, **settings):
    """Wrap ``formula(Z, ...)`` so that Z may be a number or a list, NaN/inf in Z get a plain
    error instead of passing through, and each named setting (e.g. temperature=dict(above=0))
    must be a finite number within its bounds. The bare formula stays as ``.formula``."""
    if formula is None:
        return functools.partial(_learner_facing, **settings)
    signature = inspect.signature(formula)

    @functools.wraps(formula)
    def checked(Z, *args, **kwargs):
        Z = as_array("Z", Z, allow_empty=True)
        if args or kwargs:
            for name, value in signature.bind(Z, *args, **kwargs).arguments.items():
                if name in settings:
                    checks.number(name, value, **settings[name])
        with np.errstate(over="ignore"):   # e.g. 1e308 − (−1e308) = −inf: e^(−inf) = 0 is right
            return formula(Z, *args, **kwargs)
    checked.formula = formula
    return checked


@_learner_facing
def relu(Z):
    """ReLU(z) = max(0, z) — notebooks 03, 04."""
    return np.maximum(Z, 0)


@_learner_facing
def relu_abs_form(Z):
    """ReLU written as essay 000 does: ½ (z + |z|). Equal to ``relu`` everywhere — notebook 03."""
    return 0.5 * (Z + np.abs(Z))


@_learner_facing
def relu_grad(Z):
    """ReLU'(z) = 1 if z > 0 else 0 (we take 0 at z = 0) — notebooks 03, 04."""
    return (Z > 0).astype(np.result_type(Z, np.float32))


@_learner_facing(delta={})
def leaky_relu(Z, delta=0.01):
    """Leaky ReLU: z if z > 0 else δ·z, so a negative input still passes a small slope δ.
    Notebook 03."""
    return np.where(Z > 0, Z, delta * Z)


@_learner_facing(delta={})
def leaky_relu_grad(Z, delta=0.01):
    """Leaky ReLU'(z) = 1 if z > 0 else δ — notebook 03."""
    return np.where(Z > 0, 1.0, delta).astype(np.result_type(Z, np.float32))


@_learner_facing(c={}, beta={})
def sigmoid(Z, c=1.0, beta=1.0):
    """σ(z) = c / (1 + e^(−β z)): height c, steepness β (essay 003). c = β = 1 is the logistic σ.

    Computed as e^(−|βz|) so that neither branch can overflow.
    Notebooks 03, 04.
    """
    t = beta * Z
    e = np.exp(-np.abs(t))
    s = np.where(t >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return (c * s).astype(np.result_type(Z, np.float32), copy=False)


@_learner_facing(c={}, beta={})
def sigmoid_grad(Z, c=1.0, beta=1.0):
    """σ'(z) = c·β·s·(1 − s) with s = 1 / (1 + e^(−β z)) — the familiar σ(1 − σ) when c = β = 1.
    Notebooks 03, 04."""
    s = sigmoid.formula(Z, 1.0, beta)
    return c * beta * s * (1 - s)


@_learner_facing
def tanh(Z):
    """tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)) = 2σ(2z) − 1 — notebook 03."""
    return np.tanh(Z)


@_learner_facing
def tanh_grad(Z):
    """tanh'(z) = 1 − tanh²(z) — notebook 03."""
    return 1 - np.tanh(Z) ** 2


@_learner_facing
def identity(Z):
    """The 'no activation' activation: g(z) = z. A network of these collapses to one matrix.
    Notebooks 02, 03."""
    return Z


@_learner_facing
def identity_grad(Z):
    """identity'(z) = 1 — notebooks 02, 03."""
    return np.ones_like(Z)


@_learner_facing(temperature={"above": 0})
def softmax(Z, axis=-1, temperature=1.0):
    """softmax(z)_i = e^(z_i/T) / Σ_j e^(z_j/T) along ``axis`` (each row, by default).

    Subtracting the row maximum first changes nothing mathematically (it cancels in the
    fraction) but keeps e^x from overflowing for logits like 1000.
    A high temperature T flattens the probabilities, a low one sharpens them.
    Notebooks 03, 04.
    """
    if temperature != 1.0:
        Z = Z / temperature
    e = np.exp(Z - Z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@_learner_facing
def log_softmax(Z, axis=-1):
    """log softmax(z)_i = z_i − max z − log Σ_j e^(z_j − max z), stable where log(softmax) is not.
    Notebook 03."""
    shifted = Z - Z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def softmax_jacobian(z, temperature=1.0):
    """The Jacobian of softmax at one vector z, shape (k, k): J = (diag(s) − s sᵀ) / T.

    J[i, j] = ∂s_i/∂z_j = s_i (δ_ij − s_j) / T.
    Notebooks 03, 04.
    """
    z = as_array("z", z, ndim=1)
    temperature = checks.number("temperature", temperature, above=0)
    s = softmax(z, temperature=temperature)
    return (np.diag(s) - np.outer(s, s)) / temperature


def softmax_backward(S, dS):
    """Push an upstream gradient dS (m, k) back through softmax rows S (m, k): dZ = J dS per row.

    J is symmetric, so row by row this is J dS = s ⊙ (dS − (dS·s)), without building the
    (k, k) Jacobians.
    Notebook 04.
    """
    S, dS = as_array("S", S, allow_empty=True), as_array("dS", dS, allow_empty=True)
    checks.check_same_shape("S", S, "dS", dS)
    return _softmax_backward(S, dS)


def _softmax_backward(S, dS):
    return S * (dS - (dS * S).sum(axis=-1, keepdims=True))    # (m, k): row i is J_i dS_i


softmax_backward.formula = _softmax_backward        # without the checks: what the layers call


# name -> (g, g') for the layers of a network; leaky ReLU uses its default δ = 0.01 here.
ACTIVATIONS = {
    "relu": (relu, relu_grad),
    "leaky_relu": (leaky_relu, leaky_relu_grad),
    "sigmoid": (sigmoid, sigmoid_grad),
    "tanh": (tanh, tanh_grad),
    "identity": (identity, identity_grad),
}


def get_activation(name, arg="activation"):
    """Return (g, g') for an activation name, or say which names exist — notebook 03.
    ``arg`` is the argument the name came from (e.g. "hidden"), for the message."""
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        where = "" if arg == "activation" else f"{arg}: "
        raise SettingError(f"{where}unknown activation {name!r}; choose one of "
                           f"{', '.join(sorted(ACTIVATIONS))}.") from None


def formulas(name):
    """(g, g') as bare formulas, for arrays already checked — what a network's layers call.
    Notebook 04."""
    g, dg = get_activation(name)
    return g.formula, dg.formula


def with_params(name, **params):
    """(g, g') for an activation name with its parameters bound, e.g. with_params("sigmoid",
    c=2, beta=3) — what notebook 03's plots and explorer draw."""
    g, dg = get_activation(name)
    if not params:
        return g, dg
    allowed = {"sigmoid": ("c", "beta"), "leaky_relu": ("delta",)}.get(name, ())
    for key, value in params.items():
        if key not in allowed:
            raise SettingError(f"{name} has no parameter {key!r}"
                               + (f"; it takes {', '.join(allowed)}." if allowed else "."))
        checks.number(key, value)
    return (lambda z: g(z, **params)), (lambda z: dg(z, **params))
