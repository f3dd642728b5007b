"""How a gradient becomes a step: the update rules and L2 weight decay — notebook 07.

For every parameter P with gradient dP of the loss, at update t = 1, 2, …:

    gradient descent   P ← P − lr·dP
    momentum           v ← μ·v − lr·dP                 v = −lr Σ_k μ^(t−k) dP_k: the past steps,
                       P ← P + v                       each shrunk by μ per update
    Adam               m ← β₁·m + (1 − β₁)·dP          a running mean of the gradient,
                       s ← β₂·s + (1 − β₂)·dP²         and of its square (elementwise)
                       m̂ = m / (1 − β₁ᵗ)               both start at 0, so early means are too
                       ŝ = s / (1 − β₂ᵗ)               small by the factor 1 − βᵗ: divide it out
                       P ← P − lr·m̂ / (√ŝ + ε)

L2 weight decay adds a penalty on the weights (not the biases) to the loss; its gradient is
added to dW before the update, so it pulls every weight towards 0 in proportion to its size:

    l2_penalty(params, λ)   = λ/2 Σ_l ‖W_l‖²
    l2_gradient(params, λ)  = {W_l: λ·W_l}

Each rule keeps its running sums itself (``Momentum.velocity``; ``Adam.m``, ``Adam.s``,
``Adam.t``) and updates the parameters in place, as the ``Trainer`` calls it once per batch.

``valley(p)`` is a loss surface to watch them on: a long narrow valley in the plane, its
loss and gradient at the point p = (x, y) (``widgets.OptimizerRace`` races the rules on it).
"""

import numpy as np

from . import checks
from .errors import SettingError, ShapeError

OPTIMIZERS = ("sgd", "adam")          # sgd: gradient descent, with momentum μ ≥ 0


def _weights(params):
    """The names of the weight matrices among the parameters (W1, W2, …; not b1, b2, …)."""
    return [name for name in params if name.startswith("W")]


def l2_penalty(params, weight_decay):
    """λ/2 Σ_l ‖W_l‖², the L2 penalty on the weights of ``params`` ({"W1": W1, "b1": b1, …}).
    Notebook 07."""
    lam = checks.number("weight_decay", weight_decay, at_least=0, hint=_DECAY_HINT)
    return 0.5 * lam * sum(float(np.sum(params[name] ** 2)) for name in _weights(params))


def l2_gradient(params, weight_decay):
    """{W_l: λ·W_l}: the gradient of ``l2_penalty``, to add to each dW_l. Notebook 07."""
    lam = checks.number("weight_decay", weight_decay, at_least=0, hint=_DECAY_HINT)
    return {name: lam * params[name] for name in _weights(params)}


class Momentum:
    """Gradient descent with momentum μ (μ = 0: plain gradient descent). Notebooks 01, 07.

    ``step(params, grads, lr)`` updates the arrays of ``params`` in place;
    overwrite_grads=True (the Trainer's fast path, whose gradients are scratch arrays) forms
    lr·dP in the gradient's own array instead of a new one: the same numbers."""

    def __init__(self, params, momentum=0.0):
        self.momentum = checks.number("momentum", momentum, at_least=0, below=1,
                                      hint=" 0 is plain gradient descent; 0.9 is usual.")
        self.velocity = {name: np.zeros_like(p) for name, p in params.items()}

    def step(self, params, grads, lr, overwrite_grads=False):
        for name, p in params.items():
            v = self.velocity[name]
            v *= self.momentum                  # v ← μ·v − lr·dP   (in place: no new arrays)
            if overwrite_grads:                 # fast path: lr·dP in dP's own array
                v -= np.multiply(grads[name], lr, out=grads[name])
            else:
                v -= lr * grads[name]
            p += v                              # P ← P + v


class Adam:
    """Adam: steps of lr·m̂/(√ŝ + ε), from running means of the gradient and of its square,
    bias-corrected. Notebook 07. ``step(params, grads, lr)`` updates ``params`` in place."""

    def __init__(self, params, beta1=0.9, beta2=0.999, eps=1e-8):
        self.beta1 = checks.number("beta1", beta1, at_least=0, below=1, hint=" 0.9 is usual.")
        self.beta2 = checks.number("beta2", beta2, at_least=0, below=1, hint=" 0.999 is usual.")
        self.eps = checks.number("eps", eps, above=0, hint=" 1e-8 is usual.")
        self.m = {name: np.zeros_like(p) for name, p in params.items()}
        self.s = {name: np.zeros_like(p) for name, p in params.items()}
        self.t = 0

    def step(self, params, grads, lr, overwrite_grads=False):
        """One Adam update of ``params`` in place (``overwrite_grads`` is Momentum's; unused)."""
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        for name, p in params.items():
            g, m, s = grads[name], self.m[name], self.s[name]
            m[...] = b1 * m + (1 - b1) * g                   # m ← β₁·m + (1 − β₁)·dP
            s[...] = b2 * s + (1 - b2) * g * g               # s ← β₂·s + (1 − β₂)·dP²
            m_hat = m / (1 - b1 ** self.t)                   # m̂ = m / (1 − β₁ᵗ)
            s_hat = s / (1 - b2 ** self.t)                   # ŝ = s / (1 − β₂ᵗ)
            p -= lr * m_hat / (np.sqrt(s_hat) + self.eps)    # P ← P − lr·m̂ / (√ŝ + ε)


def make(optimizer, params, momentum=0.0):
    """The update rule named ``optimizer`` ("sgd" with ``momentum``, or "adam") for ``params``,
    as the ``Trainer`` makes it. Notebook 07."""
    optimizer = checks.choice("optimizer", optimizer, OPTIMIZERS)
    if optimizer == "sgd":
        return Momentum(params, momentum)
    if momentum:
        raise SettingError("momentum is a setting of optimizer='sgd'; Adam keeps its own "
                           "running mean (beta1): leave momentum at 0.")
    return Adam(params)


_DECAY_HINT = " It is λ of the penalty λ/2 Σ‖W‖²: 0 is none, 1e-4 is usual."


# ---- a loss surface to race the rules on ---------------------------------------------------------

def valley(p, steep=16.0, shallow=0.1, angle=0.0):
    """A long, narrow valley: (loss, gradient) at the point p = (x, y). Notebook 07.

        L(p) = ½ (shallow·u² + steep·v²)      u = x cos θ + y sin θ   (along the valley)
                                              v = −x sin θ + y cos θ  (across it)
        ∇L(p) = H p,   H = R diag(shallow, steep) Rᵀ,   R = [[cos θ, −sin θ], [sin θ, cos θ]]

    that is L(p) = ½ pᵀ H p: a quadratic whose curvatures (H's eigenvalues) are ``steep``
    across the valley and ``shallow`` along it, the valley's floor running at ``angle`` θ
    (degrees) from the x axis. Its one minimum is p* = (0, 0), where L = 0.

    With the defaults (steep 16, shallow 0.1: one direction 160 times as curved as the other)
    gradient descent is stable only for lr < 2/steep = 0.125 (notebook 01's 2/λ_max); at
    lr = 0.1 each step across the valley overshoots (v ← −0.6·v: it zig-zags), while along
    the floor it gains only 1 % a step (u ← 0.99·u: it crawls). Momentum (μ = 0.9) carries
    its speed along the floor and is stable up to lr < 2(1 + μ)/steep = 0.2375.

    p: (2,) — or (2, …) for many points at once, e.g. p = np.stack([X, Y]) for a grid;
    the loss then has the shape of X and the gradient the shape of p.
    """
    p = checks.as_array("p", p)
    if p.ndim == 0 or p.shape[0] != 2:
        raise ShapeError(f"p must be a point (x, y) of the plane: 2 numbers, shape (2,) (or "
                         f"(2, …) for many points); it has shape {p.shape}.")
    steep = checks.number("steep", steep, above=0, hint=" It is the curvature across the "
                          "valley; 16 is the default.")
    shallow = checks.number("shallow", shallow, above=0, hint=" It is the curvature along the "
                            "valley; 0.1 is the default.")
    angle = checks.number("angle", angle, hint=" It is the valley's direction, in degrees.")
    theta = np.radians(angle)
    c, s = np.cos(theta), np.sin(theta)
    x, y = p[0], p[1]
    with np.errstate(over="ignore", invalid="ignore"):    # far out, the loss is honestly ∞
        u = c * x + s * y                                  # along the valley
        v = -s * x + c * y                                 # across it
        loss = 0.5 * (shallow * u * u + steep * v * v)
        gradient = np.stack([shallow * u * c - steep * v * s,     # ∂L/∂x = H p, row 1
                             shallow * u * s + steep * v * c])    # ∂L/∂y = H p, row 2
    return (float(loss) if p.ndim == 1 else loss), gradient
