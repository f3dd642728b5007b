"""Worked solutions to the exercises of notebook 07 (tests/exercises/test_capstone.py checks them)."""

import numpy as np

from nnla_helpers import layers


def model_forward(X, weights, biases, hidden):
    """Exercise 1a: Z_l = A_{l−1} W_l + b_l for l = 1 … L, and A_l = g(Z_l) after every layer
    but the last; the last layer's Z (the logits) is returned as it is — softmax is in the loss.

    Each layer keeps its caches (dense, activation) for the backward pass.
    """
    L = len(weights)
    A, caches = X, []
    for l in range(L):
        Z, dense_cache = layers.dense_forward(A, weights[l], biases[l])    # (m, n_l)
        if l < L - 1:                                                       # hidden layers only
            A, activation_cache = layers.activation_forward(Z, hidden)
            caches.append((dense_cache, activation_cache))
        else:                                                               # the output: no g
            caches.append((dense_cache, None))
    return Z, caches


def model_backward(dZ_out, caches):
    """Exercise 1b: from dZ_L = dZ_out (it already holds the 1/m) down to layer 1:
    dW_l = A_{l−1}ᵀ dZ_l, db_l = Σ_rows dZ_l, dZ_{l−1} = (dZ_l W_lᵀ) ⊙ g′(Z_{l−1}).

    The gradients go into lists in layer order 1 … L, each at its own place.
    """
    L = len(caches)
    dWs, dbs = [None] * L, [None] * L
    dZ = dZ_out
    for l in reversed(range(L)):                       # l = L − 1, …, 0 (layers L … 1)
        dense_cache, _ = caches[l]
        dA_prev, dWs[l], dbs[l] = layers.dense_backward(dZ, dense_cache)
        if l > 0:                                      # down through layer l − 1's g
            dZ = layers.activation_backward(dA_prev, caches[l - 1][1])
    return dWs, dbs


def sgd_epoch(weights, biases, X, Y, grads_of, lr, batch_size, rng):
    """Exercise 2: one shuffle from rng, then a step after every mini-batch; the list of the
    batch losses. The last batch may be smaller than batch_size."""
    m = X.shape[0]
    order = rng.permutation(m)                         # one seeded shuffle per epoch
    losses = []
    for start in range(0, m, batch_size):
        idx = order[start:start + batch_size]          # X's rows with their own Y rows
        loss, dWs, dbs = grads_of(weights, biases, X[idx], Y[idx])
        for l in range(len(weights)):
            weights[l] -= lr * dWs[l]                  # W_l ← W_l − lr·dW_l, in place
            biases[l] -= lr * dbs[l]
        losses.append(loss)
    return losses


def choose_by_validation(runs):
    """Exercise 3: (lr, epoch) of the lowest VALIDATION loss over every run and every epoch,
    epochs counted from 1; the test loss is not looked at."""
    best_loss, best = np.inf, None
    for lr, run in runs.items():
        for epoch, loss in enumerate(run["val_loss"], start=1):
            if loss < best_loss:
                best_loss, best = loss, (lr, epoch)
    return best


def momentum_step(P, dP, v, lr, mu):
    """Exercise 4a: the velocity is a running sum of steps, v ← μ·v − lr·dP; then P ← P + v."""
    v = mu * v - lr * dP
    return P + v, v


def adam_step(P, dP, m, s, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """Exercise 4b: running means of the gradient and of its square, bias-corrected by
    1 − βᵗ (t = 1 at the first update), and the step lr·m̂ / (√ŝ + ε)."""
    m = beta1 * m + (1 - beta1) * dP
    s = beta2 * s + (1 - beta2) * dP ** 2
    m_hat = m / (1 - beta1 ** t)
    s_hat = s / (1 - beta2 ** t)
    return P - lr * m_hat / (np.sqrt(s_hat) + eps), m, s


def l2_gradient(W, lam):
    """Exercise 4c: the gradient of λ/2 ‖W‖² is λ·W (the ½ cancels the square's 2)."""
    return lam * W


def he_init(n_in, n_out, rng):
    """Exercise 5: W ~ N(0, 2/n_in), shape (n_in, n_out); rng.normal takes the standard
    deviation √(2/n_in), not the variance."""
    return rng.normal(0.0, np.sqrt(2 / n_in), size=(n_in, n_out))
