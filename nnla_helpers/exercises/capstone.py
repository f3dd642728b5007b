"""Exercises of notebook 07 (your own network): backprop through L layers, one epoch of
mini-batch SGD, tuning on the validation set, the momentum and Adam steps, L2 weight decay
and He initialisation. Each checker compares with the package's own functions (``MLP``,
``layers``, ``optim``, ``Trainer``, ``network.init_layer``), never with a copy of the maths.

1. Backprop through L layers, with two loops (samples in rows, layer l = 1 … L)::

       model_forward(X, weights, biases, hidden) → (Z_out, caches)
           A_0 = X;  Z_l = A_{l−1} W_l + b_l;  A_l = g(Z_l) for l < L;  Z_out = Z_L (logits)
       model_backward(dZ_out, caches) → (dWs, dbs)            lists in layer order 1 … L
           dW_l = A_{l−1}ᵀ dZ_l,  db_l = Σ_rows dZ_l,  dZ_{l−1} = (dZ_l W_lᵀ) ⊙ g′(Z_{l−1})

   dZ_out = ∂L/∂Z_out already carries the 1/m (``layers.softmax_cross_entropy``). Checked on
   networks of depth 1, 2, 3 and 4 with every hidden activation against ``MLP`` holding the
   same weights, then a finite-difference spot check of the loss.

2. One epoch of mini-batch SGD::

       sgd_epoch(weights, biases, X, Y, grads_of, lr, batch_size, rng) → [loss of each batch]

   The checker's ``grads_of(weights, biases, X_b, Y_b)`` returns (loss, dWs, dbs) of the
   package's ``MLP`` and records every batch it is given. *Which shuffles count as right:*
   the shuffle the notebook asks for, ``order = rng.permutation(m)`` (``rng.shuffle`` of
   ``np.arange(m)`` draws the same order), because section 6 compares the learner's epoch
   with the ``Trainer``'s number for number. Another valid shuffle drawn from ``rng``
   (``rng.choice(m, m, replace=False)``, ``np.argsort(rng.random(m))``) is told it is a
   real shuffle, but not the one asked for. Beyond the call, the checker demands what makes
   an epoch an epoch: every sample exactly once, X's rows with
   their own Y rows, in batches of ``batch_size`` (the last may be smaller), in an order that
   repeats for the same seed, changes with the seed and changes from one epoch to the next;
   after each batch one step W ← W − lr·dW and b ← b − lr·db (replayed with the package's
   ``optim.Momentum`` at μ = 0 on the very batches recorded), and the batch losses returned
   in order. When the order is ``rng.permutation(m)``'s, the weights and the losses must
   also be, number for number, those of ``Trainer(net, X, Y, lr, batch_size, seed).run_epoch()``.
   Updating the arrays in place (``W -= lr * dW``) and replacing the list's items
   (``weights[l] = W - lr * dW``) are both right.

3. ``choose_by_validation(runs)`` → (lr, epoch): the learning rate and the epoch (counted from 1) of the
   lowest VALIDATION loss; ``runs`` = {lr: {"train_loss": [...], "val_loss": [...],
   "test_loss": [...]}}. The runs are made so that choosing by the test or training loss,
   counting epochs from 0, taking the last epoch, the lowest final loss or the maximum
   each gives another answer.

4. The update rules of ``optim`` (each checked on several steps and settings)::

       momentum_step(P, dP, v, lr, mu) → (P_new, v_new)       v ← μ·v − lr·dP;  P ← P + v
       adam_step(P, dP, m, s, t, lr, beta1=0.9, beta2=0.999, eps=1e-8) → (P_new, m_new, s_new)
           m ← β₁m + (1 − β₁)dP;  s ← β₂s + (1 − β₂)dP²;  m̂ = m/(1 − β₁ᵗ);  ŝ = s/(1 − β₂ᵗ)
           P ← P − lr·m̂/(√ŝ + ε)                       t = 1 at the first update
       l2_gradient(W, lam) → λ·W                       the gradient of λ/2 ‖W‖²

   The functions get copies of the arrays: updating P, v, m or s in place (as ``optim``
   does) is fine, as long as the new values are returned.

5. ``he_init(n_in, n_out, rng)`` → W (n_in, n_out) ~ N(0, 2/n_in), drawn from ``rng``
   (``network.init_layer(n_in, n_out, "he", rng)``). Judged by its statistics on 200 000
   entries, with tolerances of about 20 standard errors, so a right answer fails with a
   probability far below 10⁻²⁰ whatever the seed (the normal approximation puts it near
   10⁻⁸⁰; tests/exercises/test_capstone.py draws 40 samples and finds every statistic
   within a fifth of its tolerance): the mean within 0.05·σ of 0, the standard
   deviation within 3 % of √(2/n_in) (the wrong scales are 10 % or more away), the kurtosis
   within 0.25 of a normal's 3 (a uniform's is 1.8); and it must come from ``rng``.
"""

import numpy as np

from .. import layers, optim
from ..errors import ShapeError
from ..activations import formulas
from ..gradcheck import relative_error
from ..network import MLP, init_layer
from ..train import EarlyStopping, Trainer
from ._feedback import (as_numbers, call, checker, compare, correct, describe, progress_of,
                        returned_order, shape_of, unpack, wrong)

HIDDEN = ("relu", "leaky_relu", "sigmoid", "tanh")


def _close(a, b, rtol=1e-6, atol=1e-9):
    """Two arrays of numbers of one shape with the same values (float32 rounding is fine)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))


# ---- exercise 1: backprop through L layers -------------------------------------------------

# (m samples, n_0 inputs, width): every hidden layer and the output have ``width`` units, so
# a W where Wᵀ belongs, or g′ taken at the wrong layer's Z, runs without a shape error.
FAMILIES = ((6, 3, 4), (5, 2, 3))
# (depth L, hidden activation, family): every depth with every hidden activation, the
# simplest first; then networks of other sizes, where a size written into the code fails.
BACKPROP_CASES = ([(2, "relu", 0), (3, "relu", 0), (1, "relu", 0), (4, "relu", 0)]
                  + [(L, g, 0) for g in HIDDEN[1:] for L in (2, 3, 4)]
                  + [(3, "tanh", 1), (2, "relu", 1), (4, "sigmoid", 1)])
FD_CASE = (3, "tanh", 0)          # the network of the finite-difference spot check
GRAD_TOLERANCE = 1e-5             # relative error against the MLP's gradients


def _backprop_example(L, hidden, family):
    """X, Y (one-hot), weights, biases of one checked network (seeded by its place)."""
    m, n0, width = FAMILIES[family]
    seed = 70 + 10 * L + HIDDEN.index(hidden) + 100 * family
    rng = np.random.default_rng(seed)
    sizes = [n0] + [width] * L
    X = rng.normal(size=(m, n0))
    Y = np.eye(width)[rng.integers(0, width, m)]
    weights = [rng.normal(0, 1.5 / np.sqrt(a), (a, b)) for a, b in zip(sizes, sizes[1:])]
    biases = [rng.normal(0, 0.5, b) for b in sizes[1:]]
    return X, Y, weights, biases


def network_of(weights, biases, hidden="relu"):
    """The package's MLP (softmax output, cross-entropy) holding these very weights and biases
    — the network of ``check_backprop``. Notebook 07."""
    sizes = [np.shape(weights[0])[0]] + [np.shape(W)[1] for W in weights]
    net = MLP(sizes, hidden=hidden, output="softmax")
    net.weights, net.biases = list(weights), list(biases)
    return net


def _logits(X, weights, biases, hidden):
    """Z_L of the MLP with these parameters."""
    _, cache = network_of(weights, biases, hidden).forward(X)
    return cache.Z[-1]


def _forward_slips(X, weights, biases, hidden, Z_ref):
    """[(Z_out a typical slip gives, why)], each computed by the MLP on this input."""
    L = len(weights)
    g = formulas(hidden)[0]
    slips = [(g(Z_ref), f"the activation ({hidden}) is applied to the output layer too. The "
                        "last layer's Z is returned as it is — the logits; the softmax comes "
                        "with the loss. Apply g only for l < L.")]
    if L > 1 and hidden != "relu":
        slips.append((_logits(X, weights, biases, "relu"),
                      f"your network uses ReLU, but hidden = {hidden!r}: `hidden` is ignored. "
                      "Pass it on: layers.activation_forward(Z, hidden)."))
    if L > 1:
        slips.append((_logits(X, weights, biases, "identity"),
                      "no activation is applied between the layers, so the network is one "
                      "linear map (notebook 02): after every layer but the last, A = g(Z) "
                      "with g = hidden."))
        slips.append((_logits(X, weights[:-1], biases[:-1], hidden),
                      f"Z_out is layer {L - 1}'s Z: the last layer is skipped. The loop must "
                      f"run over all L = {L} layers (range(L), or zip(weights, biases))."))
    slips.append((_logits(X, weights, [np.zeros_like(b) for b in biases], hidden),
                  "the biases are missing: every layer computes Z = A W + b."))
    return slips


def _backward_slip(cache, weights, hidden, dZ_out, slip):
    """(dWs, dbs) that the backward pass with one typical ``slip`` gives, from the MLP's
    forward ``cache`` — to recognise the slip."""
    g, dg = formulas(hidden)
    relu_prime = formulas("relu")[1]
    L, m = len(weights), dZ_out.shape[0]
    Zs, As = cache.Z, cache.inputs                # Zs[i] = Z_{i+1}, As[i] = A_i (A_0 = X)
    dWs, dbs = [None] * L, [None] * L
    dZ = dZ_out * dg(Zs[-1]) if slip == "output g'" else dZ_out
    for i in range(L - 1, -1, -1):
        A_prev = Zs[i - 1] if slip == "Z for A" and i > 0 else As[i]
        dWs[i] = dZ.T @ A_prev if slip == "dW transposed" else A_prev.T @ dZ
        dbs[i] = dZ.sum(axis=1) if slip == "db axis" else dZ.sum(axis=0)
        if i == 0:
            break
        dA = dZ if slip == "no W" else dZ @ (weights[i] if slip == "W" else weights[i].T)
        slope = {"no g'": 1.0, "g": g(Zs[i - 1]) if slip == "g" else None,
                 "wrong Z": dg(Zs[i]) if slip == "wrong Z" else None,
                 "g' of A": dg(As[i]) if slip == "g' of A" else None,
                 "relu": relu_prime(Zs[i - 1]) if slip == "relu" else None}.get(slip)
        dZ = dA * (dg(Zs[i - 1]) if slope is None else slope)
    if slip == "extra 1/m":
        dWs, dbs = [d / m for d in dWs], [d / m for d in dbs]
    if slip == "db mean":
        dbs = [d / m for d in dbs]
    return dWs, dbs


def _backward_slips(L, hidden, m):
    """[(slip, why)] of the backward pass."""
    return [
        ("W", "a transpose is missing: the gradient goes back through layer l as "
              "dA_{l−1} = dZ_l W_lᵀ (W_l is square here, so dZ_l @ W_l ran without a shape "
              "error — only the numbers are wrong)."),
        ("no W", "dZ_l goes down to layer l − 1 without W_lᵀ: dA_{l−1} = dZ_l W_lᵀ, then "
                 "dZ_{l−1} = dA_{l−1} ⊙ g′(Z_{l−1})."),
        ("no g'", "g′ is missing: below every layer but the first, dZ_{l−1} = "
                  "(dZ_l W_lᵀ) ⊙ g′(Z_{l−1}) — layers.activation_backward(dA, cache) does it."),
        ("wrong Z", "g′ is taken at the wrong layer's Z: going down from layer l to l − 1 it "
                    "is g′(Z_{l−1}), the Z of layer l − 1 (its activation cache), not g′(Z_l)."),
        ("g", f"you multiplied by g(Z) = {hidden}(Z) itself; the chain rule needs its "
              "derivative: dZ_{l−1} = dA_{l−1} ⊙ g′(Z_{l−1})."),
        ("g' of A", "g′ was evaluated at A = g(Z) instead of at Z: dZ_{l−1} = dA_{l−1} ⊙ "
                    "g′(Z_{l−1}) — keep Z in the cache (activation_forward's cache has it)."),
        ("relu", f"your backward uses ReLU′ (Z > 0) whatever the activation: here hidden = "
                 f"{hidden!r}, so g′ is {hidden}′. layers.activation_backward(dA, cache) "
                 "takes the right one from the cache."),
        ("output g'", "the output layer has no activation here (Z_out is the logits, and "
                      "dZ_out is already ∂L/∂Z_L): start with dZ_L = dZ_out, without "
                      "multiplying by g′(Z_L)."),
        ("extra 1/m", f"every gradient is m = {m} times too small: dZ_out already carries "
                      "the 1/m of the mean loss, so dW_l = A_{l−1}ᵀ dZ_l and db_l = Σ_rows "
                      "dZ_l need no other."),
        ("db mean", f"every db is m = {m} times too small: db_l is the SUM of the rows of "
                    "dZ_l (dZ_out already holds the 1/m), not their mean."),
        ("db axis", f"db is summed over the wrong axis: that gives one number per SAMPLE, "
                    f"shape (m,) = ({m},). db_l has one number per unit, the sum over the "
                    "samples — dZ_l.sum(axis=0), shape (n_l,)."),
        ("dW transposed", "every dW is transposed: dW_l = A_{l−1}ᵀ dZ_l, with W_l's shape "
                          "(n_{l−1}, n_l)."),
        ("Z for A", "dW_l used Z_{l−1}; layer l multiplied the activations A_{l−1} = "
                    "g(Z_{l−1}), so dW_l = A_{l−1}ᵀ dZ_l."),
    ]


def _as_layer_list(value):
    """The learner's dWs (or dbs) as a list, or None if it is not a list of things."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, np.ndarray) and (value.dtype == object or value.ndim == 3):
        return list(value)
    return None


def _gradient_verdict(name, value, right, param_shape, m):
    """None if the learner's gradient ``value`` agrees with the MLP's ``right``, else a Feedback."""
    param = name[1:]
    if value is None:
        return wrong(f"{name} is None: your loop never filled it in. Visit every layer, "
                     "l = L … 1 (reversed(range(L))), and store dW_l and db_l at their own "
                     "place in the lists.")
    if isinstance(value, (list, tuple)) and value and all(
            isinstance(v, np.ndarray) and v.ndim >= 1 for v in value):
        return wrong(f"{name} is {describe(value)}, not one array: dWs and dbs are lists "
                     "with ONE array per layer.")
    got, error = as_numbers(name, value)
    if error:
        return error
    if got.shape != param_shape:
        hint = ""
        if name.startswith("db") and got.shape == (m,):
            hint = (" That is one number per SAMPLE: sum over the samples, axis=0, "
                    "dZ.sum(axis=0).")
        elif name.startswith("db") and got.shape == (1,) + param_shape:
            hint = " The numbers may be right in a (1, n) row: drop keepdims=True."
        elif got.shape == param_shape[::-1]:
            hint = " Its rows and columns are swapped: dW_l = A_{l−1}ᵀ dZ_l."
        return wrong(f"{name} has shape {got.shape}, but a gradient is an array of numbers of "
                     f"its parameter's shape: {param} is {param_shape}.{hint}")
    if not np.all(np.isfinite(got)):
        return wrong(f"{name} contains NaN or infinite values; every entry should be a "
                     "finite number.")
    err = relative_error(got, right)
    if err < GRAD_TOLERANCE:
        return None
    return wrong(f"{name} is wrong: relative error {err:.1e} against the MLP's gradient.")


def _where(L, hidden, family):
    m, n0, width = FAMILIES[family]
    sizes = " → ".join(str(s) for s in [n0] + [width] * L)
    activation = f", hidden = {hidden!r}" if L > 1 else ""
    return f"for L = {L} layer{'s' if L > 1 else ''} ({sizes}{activation}, m = {m} samples)"


def _backprop_case(model_forward, model_backward, case):
    """(Feedback or None, (X, Y, weights, biases, the learner's dWs, dbs)) for one network."""
    L, hidden, family = case
    X, Y, weights, biases = _backprop_example(L, hidden, family)
    where = _where(L, hidden, family)
    net = network_of([W.copy() for W in weights], [b.copy() for b in biases], hidden)
    _, cache = net.forward(X)
    Z_ref = cache.Z[-1]
    _, dZ = layers.softmax_cross_entropy(Z_ref, Y)
    grads = net.backward_from(cache, dZ)
    dWs_ref = [grads[f"W{l}"] for l in range(1, L + 1)]
    dbs_ref = [grads[f"b{l}"] for l in range(1, L + 1)]

    def said(feedback):
        feedback.message = f"{where}: {feedback.message}"
        return feedback, None

    # -- the forward pass ----------------------------------------------------------------
    result, error = call(model_forward, X.copy(), [W.copy() for W in weights],
                         [b.copy() for b in biases], hidden)
    if error:
        return said(error)
    (Z_out, caches), error = unpack(result, ("Z_out", "caches"))
    if error:
        return said(error)
    if shape_of(caches) == Z_ref.shape and shape_of(Z_out) != Z_ref.shape:
        return said(wrong("the two results are swapped: return them in the order "
                          "`return Z_out, caches` — the logits first."))
    with np.errstate(all="ignore"):
        hints = _forward_slips(X, weights, biases, hidden, Z_ref)
    feedback = compare("Z_out", Z_out, Z_ref, hints, rtol=1e-5, atol=1e-6)   # float32 is fine
    if feedback:
        return said(feedback)

    # -- the backward pass ---------------------------------------------------------------
    result, error = call(model_backward, dZ.copy(), caches)
    if error:
        return said(error)
    (dWs, dbs), error = unpack(result, ("dWs", "dbs"))
    if error:
        return said(error)
    dWs, dbs = _as_layer_list(dWs), _as_layer_list(dbs)
    if dWs is None or dbs is None:
        return said(wrong("return 2 things, in this order: `return dWs, dbs` — two lists, "
                          f"each with one array per layer ([dW_1, …, dW_{L}]); you returned "
                          f"{describe(result)}."))
    shapes_W, shapes_b = [W.shape for W in weights], [b.shape for b in biases]
    if ([shape_of(d) for d in dWs] == shapes_b and [shape_of(d) for d in dbs] == shapes_W):
        return said(wrong("dWs and dbs are swapped: return them in the order "
                          "`return dWs, dbs` — the weights' gradients first."))
    for name, got, ref in (("dWs", dWs, dWs_ref), ("dbs", dbs, dbs_ref)):
        if len(got) != L:
            skipped = (f" One is missing: a layer is skipped — the backward loop must visit "
                       f"l = L … 1, all {L} layers (range(L − 1, 0, −1) stops before layer 1; "
                       "use reversed(range(L)))." if len(got) == L - 1 else "")
            return said(wrong(f"{name} has {len(got)} entries, but the network has L = {L} "
                              f"layers: one gradient per layer.{skipped}"))
    if L > 1 and all(shape_of(g) == r.shape and _close(g, r, 1e-5, 1e-9)
                     for g, r in zip(dWs[::-1] + dbs[::-1], dWs_ref + dbs_ref)):
        return said(wrong("every gradient is right, but the lists are in reverse order: the "
                          "loop runs from layer L down to 1, so appending gives "
                          "[dW_L, …, dW_1]. Put each at its place (dWs[l] = …, in lists made "
                          "as [None] * L) or reverse the lists at the end."))
    status, first = {}, None
    for l in range(L, 0, -1):
        for name, got, ref, shape in ((f"dW{l}", dWs[l - 1], dWs_ref[l - 1], shapes_W[l - 1]),
                                      (f"db{l}", dbs[l - 1], dbs_ref[l - 1], shapes_b[l - 1])):
            verdict = _gradient_verdict(name, got, ref, shape, X.shape[0])
            status[name] = verdict is None
            if verdict is not None and first is None:
                first = (name, verdict)
    summary = "  ".join(f"{name} {'✔' if ok else '✘'}" for name, ok in status.items())
    if first is None:           # copies: a later call of the learner's may reuse its arrays
        return None, (X, Y, weights, biases, [as_numbers("", d)[0].copy() for d in dWs],
                      [as_numbers("", d)[0].copy() for d in dbs])
    name, verdict = first
    with np.errstate(all="ignore"):
        for slip, why in _backward_slips(L, hidden, X.shape[0]):
            slip_W, slip_b = _backward_slip(cache, weights, hidden, dZ, slip)
            if all(_close(a, b) for a, b in zip(slip_W + slip_b, dWs_ref + dbs_ref)):
                continue                         # this slip changes nothing on this network
            if all(shape_of(g) == np.shape(s) and _close(g, s, 1e-5, 1e-9)
                   for g, s in zip(dWs + dbs, slip_W + slip_b)):
                return said(wrong(f"{name} is wrong: {why}  [{summary}]"))
    verdict.message += (f" Compare with dW_l = A_{{l−1}}ᵀ dZ_l, db_l = Σ_rows dZ_l, "
                        f"dZ_{{l−1}} = (dZ_l W_lᵀ) ⊙ g′(Z_{{l−1}}), layer by layer from "
                        f"l = L.  [{summary}]")
    return said(verdict)


def _spot_check(X, Y, weights, biases, hidden, dWs, dbs, eps=1e-6):
    """The largest disagreement (relative to max(1, |g|)) between the learner's gradient
    entries and central differences of the MLP's loss, at a few entries of every parameter."""
    net = network_of([W.copy() for W in weights], [b.copy() for b in biases], hidden)
    worst, where = 0.0, None
    for l, (W, b) in enumerate(zip(net.weights, net.biases), start=1):
        for name, p, g in ((f"dW{l}", W, dWs[l - 1]), (f"db{l}", b, dbs[l - 1])):
            g = np.asarray(g, dtype=float)
            for index in list(np.ndindex(p.shape))[::max(1, p.size // 3)][:3]:
                keep = p[index]
                p[index] = keep + eps
                up = net.loss(X, Y)
                p[index] = keep - eps
                down = net.loss(X, Y)
                p[index] = keep
                numeric = (up - down) / (2 * eps)
                error = abs(g[index] - numeric) / max(1.0, abs(numeric))
                if error >= worst:
                    worst, where = error, (name, index, g[index], numeric)
    return worst, where


@checker
def check_backprop(model_forward, model_backward):
    """Exercise: ``model_forward(X, weights, biases, hidden)`` returns ``(Z_out, caches)``
    and ``model_backward(dZ_out, caches)`` returns ``(dWs, dbs)`` for a network of any
    depth L (see the module's docstring).

    Checked for L = 1, 2, 3, 4 with every hidden activation (relu, leaky_relu, sigmoid,
    tanh), then on networks of other sizes: Z_out against the logits of the package's MLP
    with the same weights, each gradient against the MLP's backward pass, and a few entries
    against finite differences of the loss. Notebook 07.
    """
    spot = None
    for case in BACKPROP_CASES:
        feedback, got = _backprop_case(model_forward, model_backward, case)
        if feedback is not None:
            if case[2] > 0:
                feedback.message = (f"right for every network of m = {FAMILIES[0][0]} samples "
                                    f"and width {FAMILIES[0][2]}, but not for other sizes: "
                                    + feedback.message + " Take every size from the arrays "
                                    "(len(weights), X.shape[0]), never a number written in.")
            return feedback
        if case == FD_CASE:
            spot = got
    X, Y, weights, biases, dWs, dbs = spot
    worst, (name, index, value, numeric) = _spot_check(X, Y, weights, biases, FD_CASE[1], dWs, dbs)
    if worst > 1e-5:                  # float32 arithmetic is fine; a wrong gradient is far off
        return wrong(f"{_where(*FD_CASE)}: your {name}{list(index)} is {value:.8g}, but finite "
                     f"differences of the loss give {numeric:.8g}.")
    return correct("Z_out and every dW_l, db_l agree with the package's MLP for L = 1, 2, 3 and "
                   "4 layers with relu, leaky_relu, sigmoid and tanh, and on networks of other "
                   "sizes; finite differences of the loss agree at every entry tried "
                   f"(largest difference {max(worst, 1e-12):.0e}).")


# ---- exercise 2: one epoch of mini-batch SGD -------------------------------------------------

SGD_CASES = ({"m": 10, "batch_size": 4, "lr": 0.5, "seed": 3},     # batches 4, 4, 2
             {"m": 11, "batch_size": 3, "lr": 0.2, "seed": 5},     # batches 3, 3, 3, 2
             {"m": 12, "batch_size": 4, "lr": 0.3, "seed": 7})     # batches 4, 4, 4: none left over
SGD_SIZES = (3, 5, 3)


def _sgd_example(m, seed):
    """X (m, 3), soft targets Y (m, 3) (every row its own, so each Y row tells its sample),
    and a 3-5-3 ReLU network's initial weights and biases."""
    rng = np.random.default_rng(40 + seed)
    X = rng.normal(size=(m, SGD_SIZES[0]))
    Y = rng.dirichlet(np.ones(SGD_SIZES[-1]), size=m)
    net = MLP(list(SGD_SIZES), hidden="relu", seed=seed)
    net.biases = [rng.normal(0, 0.3, b.shape) for b in net.biases]
    return X, Y, [W.copy() for W in net.weights], [b.copy() for b in net.biases]


class GradsOf:
    """The ``grads_of(weights, biases, X_b, Y_b)`` that ``check_sgd_epoch`` hands the
    learner: (loss, dWs, dbs) of the package's MLP on one batch, recording every call (the
    samples of X_b and of Y_b, the weights it was given, what it returned). Notebook 07."""

    def __init__(self, X, Y):
        self.X, self.Y = X, Y
        self.x_rows = {row.tobytes(): i for i, row in enumerate(X)}
        self.y_rows = {row.tobytes(): i for i, row in enumerate(Y)}
        self.calls = []

    @staticmethod
    def _samples(A, rows):
        """The sample number of each row of A (−1: not a row of the data)."""
        return [rows.get(np.asarray(r, dtype=float).tobytes(), -1) for r in A]

    def __call__(self, weights, biases, X_b, Y_b):
        L = len(SGD_SIZES) - 1
        for name, params in (("weights", weights), ("biases", biases)):
            if not isinstance(params, (list, tuple)) or len(params) != L:
                raise ShapeError(f"grads_of(weights, biases, X_b, Y_b): {name} must be the list "
                                 f"of the {L} layers' arrays you were given, but it is "
                                 f"{describe(params)}")
        shapes = [(a, b) for a, b in zip(SGD_SIZES, SGD_SIZES[1:])]
        Ws = [np.array(W, dtype=float) for W in weights]
        bs = [np.array(b, dtype=float) for b in biases]
        if [W.shape for W in Ws] != shapes or [b.shape for b in bs] != [(s[1],) for s in shapes]:
            raise ShapeError("grads_of(weights, biases, X_b, Y_b): the weights have shapes "
                             f"{[W.shape for W in Ws]} and the biases {[b.shape for b in bs]}, "
                             f"but the network's are {shapes} and {[(s[1],) for s in shapes]}")
        X_b, Y_b = np.asarray(X_b, dtype=float), np.asarray(Y_b, dtype=float)
        if X_b.ndim == 2 and len(X_b) == 0:
            raise ShapeError("grads_of was given an empty batch (0 rows): one batch too many. "
                             "When batch_size divides m there is no smaller last batch — loop "
                             "with range(0, m, batch_size), not m // batch_size + 1 times")
        if X_b.ndim != 2 or Y_b.ndim != 2 or X_b.shape[1:] != self.X.shape[1:] \
                or Y_b.shape[1:] != self.Y.shape[1:] or len(X_b) != len(Y_b) or not len(X_b):
            raise ShapeError(f"grads_of(weights, biases, X_b, Y_b): X_b {X_b.shape} and Y_b "
                             f"{Y_b.shape} must be rows of X {self.X.shape} and of Y "
                             f"{self.Y.shape}, the same number of each (X[idx], Y[idx])")
        net = network_of(Ws, bs, "relu")
        loss, grads = net.loss_and_gradients(X_b, Y_b)
        dWs = [grads[f"W{l}"] for l in range(1, L + 1)]
        dbs = [grads[f"b{l}"] for l in range(1, L + 1)]
        self.calls.append({"x": self._samples(X_b, self.x_rows),
                           "y": self._samples(Y_b, self.y_rows),
                           "W": [W.copy() for W in Ws], "b": [b.copy() for b in bs],
                           "loss": loss, "dW": [d.copy() for d in dWs], "db": [d.copy() for d in dbs]})
        return loss, dWs, dbs


def _steps(calls):
    """The calls of grads_of, a call that repeats the one before it (same batch, same weights:
    the loss asked for separately) counted once."""
    steps = []
    for c in calls:
        if steps and c["x"] == steps[-1]["x"] and all(
                np.array_equal(a, b) for a, b in zip(c["W"] + c["b"], steps[-1]["W"] + steps[-1]["b"])):
            continue
        steps.append(c)
    return steps


def _replay(X, Y, weights, biases, batches, lr):
    """What one epoch on these batches gives, by the package's rules: the MLP's gradients and
    ``optim.Momentum`` at μ = 0 (W ← W − lr·dW). Returns (weights and biases before each
    batch, after the last, the batch losses)."""
    net = network_of([W.copy() for W in weights], [b.copy() for b in biases], "relu")
    params = net.parameters()
    rule = optim.Momentum(params, momentum=0.0)
    before, losses = [], []
    for idx in batches:
        before.append([p.copy() for p in params.values()])
        loss, grads = net.loss_and_gradients(X[idx], Y[idx])
        losses.append(loss)
        rule.step(params, grads, lr)
    return before, [p.copy() for p in params.values()], losses


def _flat(weights, biases):
    """[W_1, b_1, W_2, b_2, …]: the order of ``MLP.parameters()``."""
    return [p for pair in zip(weights, biases) for p in pair]


def _epoch_verdict(sgd_epoch, X, Y, W0, b0, lr, batch_size, rng, epoch_word="the epoch"):
    """Run the learner's epoch once: (Feedback or None, what happened)."""
    m = X.shape[0]
    weights, biases = [W.copy() for W in W0], [b.copy() for b in b0]
    grads_of = GradsOf(X, Y)
    result, error = call(sgd_epoch, weights, biases, X.copy(), Y.copy(), grads_of, lr,
                         batch_size, rng)
    if error:
        return error, None
    steps = _steps(grads_of.calls)
    if not steps:
        if result is None:
            return wrong("your function returned None and never called grads_of — the "
                         "exercise cell still has its placeholder: loop over the batches, "
                         "call grads_of on each and step."), None
        return wrong("your function never calls grads_of: each batch's loss and gradients come "
                     "from grads_of(weights, biases, X_b, Y_b)."), None
    # -- the batches -------------------------------------------------------------------------
    if any(-1 in s["x"] for s in steps) or any(-1 in s["y"] for s in steps):
        which = "X_b" if any(-1 in s["x"] for s in steps) else "Y_b"
        return wrong(f"{which} holds rows that are not rows of {which[0]}: a batch is a set of "
                     f"whole rows, {which[0]}[idx] (was {which[0]} changed, or its columns "
                     "shuffled?)."), None
    x_ids = [i for s in steps for i in s["x"]]
    y_ids = [i for s in steps for i in s["y"]]
    sizes = [len(s["x"]) for s in steps]
    full, rest = divmod(m, batch_size)
    expected_sizes = [batch_size] * full + ([rest] if rest else [])
    if batch_size < m and all(n == m for n in sizes):
        return wrong(f"every call of grads_of got all m = {m} samples: each step's gradient "
                     f"comes from one mini-batch of batch_size = {batch_size} rows, "
                     "X[idx], Y[idx] with idx = order[start:start + batch_size]."), None
    if x_ids != y_ids:
        unshuffled = y_ids == list(range(len(y_ids)))
        if unshuffled:
            return wrong("the rows of Y_b are not the targets of the samples in X_b: X's rows "
                         "were taken in the shuffled order but Y's in the original one (rows "
                         "of X without their Y rows). Index both with the same idx: "
                         "X[idx], Y[idx]."), None
        return wrong("X and Y were shuffled with different permutations (two calls of "
                     "rng.permutation, or rng.shuffle on each): sample i's target is no longer "
                     "beside its input. Draw ONE order and index both with it: X[idx], Y[idx]."), None
    if sorted(x_ids) != list(range(m)):
        if rest and sizes == [batch_size] * full and len(set(x_ids)) == len(x_ids):
            return wrong(f"the last, smaller batch is missing: {m} samples in batches of "
                         f"{batch_size} are {' + '.join(map(str, expected_sizes))}, and "
                         f"{epoch_word} must use every sample. range(0, m, batch_size) gives "
                         "the start of every batch, the partial one too."), None
        if len(set(x_ids)) < len(x_ids):
            return wrong(f"in {epoch_word} some samples were used twice and others never: "
                         "drawing with replacement (rng.integers, or rng.choice without "
                         "replace=False) is not a shuffle. Shuffle once, order = "
                         "rng.permutation(m), and walk through it."), None
        return wrong(f"{epoch_word} must use every one of the m = {m} samples exactly once; "
                     f"your batches used {len(x_ids)} rows ({len(set(x_ids))} different "
                     "samples)."), None
    if sizes != expected_sizes:
        return wrong(f"your batches have {' + '.join(map(str, sizes))} rows, but batches of "
                     f"batch_size = {batch_size} are {' + '.join(map(str, expected_sizes))}: "
                     "take batch_size rows at a time, order[start:start + batch_size] (only "
                     "the last batch may be smaller)."), None
    if x_ids == list(range(m)):
        return wrong("the samples come in their original order, 0, 1, 2, …: there is no "
                     "shuffle. Stochastic gradient descent shuffles every epoch: order = "
                     "rng.permutation(m), then batches order[start:start + batch_size]."), None
    batches = [np.array(s["x"]) for s in steps]
    # -- the updates ----------------------------------------------------------------------
    before, after, losses = _replay(X, Y, W0, b0, batches, lr)
    seen = [_flat(s["W"], s["b"]) for s in steps]
    if len(weights) != len(W0) or len(biases) != len(b0):
        return wrong(f"after {epoch_word} the lists hold {len(weights)} weights and "
                     f"{len(biases)} biases, but the network has {len(W0)} layers: update the "
                     "arrays in the lists, one per layer, without adding or removing any."), None
    final = _flat(weights, biases)
    got_final = []
    for name, p in zip([f"{k}{l}" for l in range(1, len(W0) + 1) for k in ("W", "b")], final):
        value, error = as_numbers(f"after the epoch, {name}", p)
        if error:
            return error, None
        got_final.append(value)
    start = _flat(W0, b0)
    right_path = all(all(_close(a, b, 1e-9, 1e-12) for a, b in zip(s, e))
                     for s, e in zip(seen, before))
    right_end = all(shape_of(a) == b.shape and _close(a, b, 1e-9, 1e-12)
                    for a, b in zip(got_final, after))
    if not (right_path and right_end):
        return _update_slip(steps, seen, got_final, start, before, after, X, Y, W0, b0,
                            batches, lr, right_path), None
    # -- the losses -------------------------------------------------------------------------
    feedback = _losses_verdict(result, [s["loss"] for s in steps])
    if feedback:
        return feedback, None
    return None, {"order": x_ids, "weights": weights, "biases": biases, "losses": losses}


def _update_slip(steps, seen, got_final, start, before, after, X, Y, W0, b0, batches, lr,
                 right_path):
    """The Feedback on weights that did not follow W ← W − lr·dW, batch after batch."""
    n = len(steps)
    sums = [sum(s["dW"][l] if k == "W" else s["db"][l] for s in steps)
            for l in range(len(W0)) for k in ("W", "b")]
    unchanged_path = all(all(np.array_equal(a, b) for a, b in zip(s, start)) for s in seen)
    if unchanged_path:
        if all(_close(a, b) for a, b in zip(got_final, start)):
            return wrong("the weights never changed: after each batch, step W_l ← W_l − lr·dW_l "
                         "and b_l ← b_l − lr·db_l, in the lists you were given (W -= lr * dW, "
                         "or weights[l] = W - lr * dW).")
        if all(_close(g, s - lr * d) for g, s, d in zip(got_final, start, sums)):
            return wrong(f"every batch's gradient was taken at the starting weights and the "
                         f"{n} gradients were added up into one update at the end of the "
                         "epoch. Mini-batch SGD steps after EVERY batch: W ← W − lr·dW inside "
                         "the loop, so the next batch's gradient is taken at the new weights.")
        if all(_close(g, s - lr * d / n) for g, s, d in zip(got_final, start, sums)):
            return wrong("every batch's gradient was taken at the starting weights and their "
                         "mean made one update at the end of the epoch. Mini-batch SGD steps "
                         "after EVERY batch: W ← W − lr·dW inside the loop.")
        if n > 1:
            return wrong(f"grads_of got the starting weights at all {n} batches: the weights did "
                         "not change between batches. Step W ← W − lr·dW after EVERY batch, "
                         "inside the loop, so the next gradient is taken at the new weights.")
    plus_before, plus_after, _ = _replay(X, Y, W0, b0, batches, -lr)
    if all(all(_close(a, b) for a, b in zip(s, e)) for s, e in zip(seen, plus_before)) and \
            all(_close(a, b) for a, b in zip(got_final, plus_after)):
        return wrong("the weights go uphill: W ← W + lr·dW makes the loss grow. Step against "
                     "the gradient: W ← W − lr·dW.")
    if right_path:
        # the path seen by grads_of was right: the caller's lists did not get the last values
        if all(_close(a, b) for a, b in zip(got_final, start)):
            return wrong("grads_of saw the right weights at every batch, but the lists you were "
                         "given still hold the starting weights: `weights = [...]` inside the "
                         "function makes a new local list. Change the arrays in place "
                         "(W -= lr * dW) or the list's items (weights[l] = W - lr * dW).")
        w_ok = all(_close(a, b) for a, b in zip(got_final[0::2], after[0::2]))
        if w_ok:
            return wrong("the weights are right, but the biases are not: step them too, "
                         "b_l ← b_l − lr·db_l.")
        return wrong("the batches and the steps between them are right, but the weights at the "
                     "end are not: is the last batch's update missing, or made twice?")
    # an lr of its own: the first step's size
    s0, s1 = seen[0], (seen[1] if len(seen) > 1 else got_final)
    d = np.concatenate([np.ravel(g) for g in steps[0]["dW"]])
    change = np.concatenate([np.ravel(b - a) for b, a in zip(s1[0::2], s0[0::2])])
    if d @ d > 0:
        used = -float(change @ d / (d @ d))
        if np.allclose(change, -used * d, rtol=1e-6, atol=1e-12) and not np.isclose(used, lr):
            return wrong(f"your first step was W ← W − {used:g}·dW, but this call's lr is {lr:g}: "
                         "use the lr the function is given, not a number written into it.")
    if all(_close(a, b) for a, b in zip(s1[1::2], s0[1::2])) and \
            not all(_close(a, b) for a, b in zip(s1[0::2], s0[0::2])):
        return wrong("the weights change after a batch, but the biases do not: step them too, "
                     "b_l ← b_l − lr·db_l.")
    return wrong("the weights do not follow W_l ← W_l − lr·dW_l, b_l ← b_l − lr·db_l after "
                 "every batch, with dWs, dbs from grads_of on that batch at the current weights.")


def _losses_verdict(result, recorded):
    """None if ``result`` is the list of the losses grads_of returned, in order."""
    n = len(recorded)
    if result is None:
        return wrong("your function returns None: return the list of the batch losses, the "
                     "first value grads_of gives, one per batch, in order.")
    if isinstance(result, tuple) and len(result) in (2, 3) and any(
            isinstance(r, (list, tuple)) and r and isinstance(r[0], np.ndarray) for r in result):
        return wrong("return only the list of the batch losses: the weights and biases are "
                     "updated in the lists you were given, and the caller has them there.")
    got, error = as_numbers("the list of losses", result)
    if error:
        return error
    if got.ndim == 0:
        value = float(got)
        if np.isclose(value, np.mean(recorded)):
            why = "that is the mean of the batch losses; return the list itself, one per batch."
        elif np.isclose(value, recorded[-1]):
            why = "that is the last batch's loss only; return all of them, one per batch."
        elif np.isclose(value, np.sum(recorded)):
            why = "that is the sum of the batch losses; return the list itself, one per batch."
        else:
            why = f"return the list of the {n} batch losses (shape ({n},))."
        return wrong(f"you returned one number, {value:g}, of shape (): {why}")
    if got.ndim != 1 or got.shape[0] != n:
        return wrong(f"the epoch had {n} batches (grads_of was called {n} times), but your "
                     f"function returned {describe(result)}, of shape {got.shape}: return one "
                     f"loss per batch, a list of {n} numbers in order.")
    if not np.allclose(got, recorded, rtol=1e-6, atol=1e-12):
        k = int(np.argmax(~np.isclose(got, recorded, rtol=1e-6, atol=1e-12)))
        return wrong(f"the losses have the right length but different values: batch {k + 1}'s "
                     f"grads_of gave {recorded[k]:.6g}, you returned {got[k]:.6g}. Return the "
                     "loss grads_of gives for each batch (before that batch's update).")
    return None


@checker
def check_sgd_epoch(sgd_epoch):
    """Exercise: ``sgd_epoch(weights, biases, X, Y, grads_of, lr, batch_size, rng)`` runs one
    epoch of mini-batch SGD — one shuffle from ``rng``, batches of ``batch_size`` rows (the
    last may be smaller), W_l ← W_l − lr·dW_l and b_l ← b_l − lr·db_l after every batch — and
    returns the list of the batch losses.

    Tried on 10 samples in batches of 4 (two epochs in a row), 11 in batches of 3 and 12 in
    batches of 4 (no smaller last batch). The shuffle must be rng.permutation(m)'s (see the
    module's docstring), and the result, number for number, the package's
    ``Trainer(...).run_epoch()``.
    Notebook 07.
    """
    for k, case in enumerate(SGD_CASES):
        m, batch_size, lr, seed = case["m"], case["batch_size"], case["lr"], case["seed"]
        X, Y, W0, b0 = _sgd_example(m, seed)
        where = f"with m = {m} samples, batch_size = {batch_size}, lr = {lr}"
        rng = np.random.default_rng(seed)
        feedback, first = _epoch_verdict(sgd_epoch, X, Y, W0, b0, lr, batch_size, rng)
        if feedback:
            if k:
                feedback.message = (f"right for m = {SGD_CASES[0]['m']}, batch_size = "
                                    f"{SGD_CASES[0]['batch_size']}, but not {where}: "
                                    + feedback.message)
            return feedback
        # -- the shuffle comes from rng: the same seed repeats it, another changes it --------
        again, other = (_epoch_verdict(sgd_epoch, X, Y, W0, b0, lr, batch_size,
                                       np.random.default_rng(s)) for s in (seed, seed + 1))
        for feedback, _ in (again, other):
            if feedback:
                return feedback
        if again[1]["order"] != first["order"]:
            return wrong("two epochs from generators with the same seed came in different "
                         "orders: the shuffle does not come from `rng`. Use the rng you are "
                         "given (order = rng.permutation(m)), not np.random.permutation or "
                         "np.random.shuffle, so a seeded run repeats exactly.")
        if other[1]["order"] == first["order"]:
            return wrong("the order of the samples does not change when the generator does: "
                         "shuffle with the rng you are given (rng.permutation(m)), not with a "
                         "generator or seed of your own.")
        epochs = [first]
        if k == 0:                             # a second epoch, with the same generator
            feedback, second = _epoch_verdict(sgd_epoch, X, Y, first["weights"], first["biases"],
                                              lr, batch_size, rng, "the second epoch")
            if feedback:
                feedback.message = ("the first epoch is right, but in a second call with the "
                                    "same rng: " + feedback.message)
                return feedback
            if second["order"] == first["order"]:
                return wrong("a second epoch with the same rng came in the same order as the "
                             "first: draw a fresh shuffle from rng at every call.")
            epochs.append(second)
        trainers_rng = np.random.default_rng(seed)           # the Trainer's: one per epoch
        permutation = [list(trainers_rng.permutation(m)) for _ in epochs]
        if all(e["order"] == p for e, p in zip(epochs, permutation)):
            net = network_of([W.copy() for W in W0], [b.copy() for b in b0], "relu")
            trainer = Trainer(net, X, Y, lr=lr, batch_size=batch_size, seed=seed)
            for e in epochs:
                start = len(trainer.history.step_loss)
                trainer.run_epoch()
                same = all(_close(a, b, 1e-9, 1e-12) for a, b in
                           zip(_flat(e["weights"], e["biases"]), net.parameters().values()))
                same = same and _close(e["losses"], trainer.history.step_loss[start:], 1e-9, 1e-12)
                if not same:
                    return wrong(f"{where}: your batches are rng.permutation(m)'s, but the "
                                 "weights or losses differ from the package's Trainer on them.")
        else:
            return wrong("a valid shuffle of your own, drawn from rng — but not the one the "
                         "exercise asks for: order = rng.permutation(m). With it your epoch is, "
                         "number for number, the helpers' Trainer's, and section 6 compares the "
                         "two; with another shuffle the batches differ.")
    how = "exactly the weights and losses of the package's Trainer(net, X, Y, lr, batch_size, seed).run_epoch()"
    return correct(f"every sample once per epoch, in batches of batch_size (the last one "
                   f"smaller), X with its Y, reshuffled from rng every epoch, a step after "
                   f"every batch, and the batch losses returned — {how}.")


# ---- exercise 3: choose on validation, not on test ------------------------------------------


def _run(train, val, test):
    return {"train_loss": list(train), "val_loss": list(val), "test_loss": list(test)}


CHOOSE_CASES = (
    {0.01: _run([2.0, 1.8, 1.6, 1.5, 1.4, 1.3], [2.1, 1.9, 1.75, 1.6, 1.5, 1.42],
                [2.1, 1.9, 1.7, 1.62, 1.52, 1.45]),
     0.1: _run([1.5, 0.9, 0.6, 0.45, 0.35, 0.3], [1.6, 1.0, 0.72, 0.65, 0.70, 0.80],
               [1.6, 1.0, 0.74, 0.69, 0.71, 0.79]),
     0.5: _run([1.2, 0.6, 0.3, 0.2, 0.12, 0.04], [1.3, 0.8, 0.68, 0.75, 0.9, 1.0],
               [1.3, 0.79, 0.62, 0.7, 0.85, 0.95]),
     1.0: _run([1.1, 0.7, 0.5, 0.35, 0.25, 0.1], [1.2, 0.9, 0.85, 0.8, 0.78, 0.76],
               [1.25, 0.95, 0.88, 0.84, 0.8, 0.77])},          # right: (0.1, 4)
    {0.003: _run([1.9, 1.6, 1.3, 1.1, 0.9, 0.8, 0.7], [1.95, 1.5, 1.2, 0.9, 0.75, 0.65, 0.6],
                 [1.9, 1.45, 1.18, 0.92, 0.77, 0.66, 0.62]),
     0.03: _run([1.4, 0.8, 0.5, 0.3, 0.2, 0.15, 0.1], [1.5, 0.9, 0.61, 0.52, 0.58, 0.7, 0.9],
                [1.5, 0.88, 0.55, 0.57, 0.6, 0.72, 0.93]),
     0.3: _run([0.9, 0.4, 0.2, 0.08, 0.03], [1.0, 0.56, 0.55, 0.6, 0.7],     # stopped early
               [0.98, 0.58, 0.5, 0.62, 0.72])},                # right: (0.03, 4)
    {0.05: _run([0.7, 0.5, 0.42, 0.38, 0.35, 0.33], [0.60, 0.44, 0.35, 0.25, 0.20, 0.16],
                [0.61, 0.45, 0.36, 0.26, 0.12, 0.18]),
     0.2: _run([0.5, 0.3, 0.11, 0.2, 0.16, 0.15], [0.47, 0.27, 0.20, 0.21, 0.15, 0.17],  # a bump, then lower
               [0.46, 0.26, 0.19, 0.22, 0.16, 0.18]),
     2.0: _run([2.3, 2.31, 2.3, 2.3, 2.3, 2.3], [2.33, 2.31, 2.32, 2.32, 2.34, 2.35],
               [2.32, 2.3, 2.31, 2.33, 2.33, 2.34])},          # right: (0.2, 5), not the bump's 3
)


def _best_by(runs, key, lowest=True):
    """(lr, epoch from 1) of the lowest (or highest) ``key`` loss over every run."""
    sign = 1 if lowest else -1
    best = min(((sign * loss, i, epoch) for i, (lr, run) in enumerate(runs.items())
                for epoch, loss in enumerate(run[key], start=1)))
    return list(runs)[best[1]], best[2]


def reference_choice(runs):
    """(lr, epoch) of the lowest validation loss of ``runs``, epochs counted from 1 — each run
    watched by the package's ``train.EarlyStopping`` (its best_epoch), the best of them
    chosen. Notebook 07."""
    best = None
    for lr, run in runs.items():
        watch = EarlyStopping()
        for loss in run["val_loss"]:
            watch.update(loss)
        if best is None or watch.best_loss < best[0]:
            best = (watch.best_loss, lr, watch.best_epoch)
    return best[1], best[2]


def _final_val(runs):
    lr = min(runs, key=lambda r: runs[r]["val_loss"][-1])
    return lr, len(runs[lr]["val_loss"])


CHOOSE_SLIPS = (
    (lambda runs: _best_by(runs, "test_loss"),
     "that is the lowest TEST loss. The test set is kept for the one honest measurement at the "
     "very end; a choice made by looking at it makes that measurement optimistic. Choose by "
     "the validation loss, run[\"val_loss\"]."),
    (lambda runs: _best_by(runs, "train_loss"),
     "that is the lowest TRAINING loss, which keeps falling as a network overfits; choose by "
     "the validation loss, run[\"val_loss\"], held out from training."),
    (lambda runs: (lambda lr, e: (lr, e - 1))(*reference_choice(runs)),
     "the learning rate is right but the epoch is one too small: epochs are counted from 1 "
     "(np.argmin gives a position counted from 0; add 1)."),
    (lambda runs: (lambda lr, e: (lr, len(runs[lr]["val_loss"])))(*reference_choice(runs)),
     "the learning rate is right, but you report its last epoch: the network to keep is the "
     "one of the epoch with the lowest validation loss (np.argmin(val_loss) + 1)."),
    (_final_val,
     "that is the lowest FINAL validation loss, but training may have overfitted by the last "
     "epoch; look at every epoch of every run for the lowest validation loss."),
    (lambda runs: _best_by(runs, "val_loss", lowest=False),
     "that is the HIGHEST validation loss: take the minimum (np.argmin, min), not the maximum."),
)


def _one_number(name, value):
    """(float, None) or (None, Feedback) for one returned number."""
    if isinstance(value, (str, bytes)):
        return None, wrong(f"{name} should be a number, not the text {value!r}: return the "
                           "number itself, `return lr, epoch`.")
    if isinstance(value, (list, tuple)) or (isinstance(value, np.ndarray) and value.ndim > 0) \
            or (hasattr(value, "shape") and np.shape(value) != ()):
        return None, wrong(f"{name} must be a single number, but it is {describe(value)} (shape "
                           f"{np.shape(value) if not isinstance(value, (list, tuple)) else len(value)}); "
                           "return two things: `return lr, epoch`.")
    got, error = as_numbers(name, value)
    if error:
        return None, error
    if got.shape != ():
        return None, wrong(f"{name} must be a single number, but it has shape {got.shape}.")
    return float(got), None


@checker
def check_choose_by_validation(choose_by_validation):
    """Exercise: ``choose_by_validation(runs)`` returns ``(lr, epoch)``, the learning rate and the epoch
    (counted from 1) with the lowest VALIDATION loss; ``runs`` = {lr: {"train_loss": [...],
    "val_loss": [...], "test_loss": [...]}}, one entry per epoch. Tried on two sets of runs
    where choosing by test or training loss, a 0-based epoch, the last epoch, the lowest final
    loss or the highest loss each gives another answer. Notebook 07."""
    for runs in CHOOSE_CASES:
        expected = reference_choice(runs)
        result, error = call(choose_by_validation, {lr: {k: list(v) for k, v in run.items()}
                                      for lr, run in runs.items()})
        if error:
            return error
        lrs = list(runs)
        if not isinstance(result, (tuple, list, np.ndarray)) and result is not None:
            value, _ = _one_number("lr", result)
            if value is not None and any(np.isclose(value, lr) for lr in lrs):
                return wrong(f"you returned only the learning rate {value:g}: return 2 things, "
                             "the learning rate and the epoch: `return lr, epoch`.")
        (lr, epoch), error = unpack(result, ("lr", "epoch"))
        if error:
            return error
        lr, error = _one_number("lr", lr)
        if error:
            return error
        epoch, error = _one_number("epoch", epoch)
        if error:
            return error
        shown = f"you answered ({lr:g}, {epoch:g}), expected ({expected[0]:g}, {expected[1]})"
        if (np.isclose(lr, expected[1]) and np.isclose(epoch, expected[0])
                and not any(np.isclose(lr, r) for r in lrs)):
            return wrong(f"{shown}: the two numbers are swapped — `return lr, epoch`, the "
                         "learning rate first.")
        match = [r for r in lrs if np.isclose(lr, r, rtol=1e-9, atol=0)]
        if not match:
            return wrong(f"{shown}: {lr:g} is not one of the learning rates tried "
                         f"({', '.join(f'{r:g}' for r in lrs)}); return the key of the best run.")
        if epoch != round(epoch):
            return wrong(f"{shown}: the epoch is a whole number, counted from 1.")
        answer = (match[0], int(round(epoch)))
        if answer == expected:
            continue
        for slip, why in CHOOSE_SLIPS:
            if slip(runs) == answer:
                return wrong(f"{shown}: {why}")
        n = len(runs[answer[0]]["val_loss"])
        if not 1 <= answer[1] <= n:
            return wrong(f"{shown}: the run of lr = {answer[0]:g} has only epochs 1 to {n}.")
        return wrong(f"{shown}: look for the lowest run[\"val_loss\"][e] over every run and "
                     "every epoch, and return its lr and e + 1.")
    return correct("you chose by the validation loss, over every run and every epoch, and "
                   "count epochs from 1; the test set stays untouched for the final measurement.")


# ---- exercise 4: momentum, Adam, weight decay -------------------------------------------------


def reference_momentum_step(P, dP, v, lr, mu):
    """(P_new, v_new) of one step of the package's ``optim.Momentum`` from velocity v.
    Notebook 07."""
    params = {"P": np.array(P, dtype=float)}
    rule = optim.Momentum(params, momentum=mu)
    rule.velocity["P"][...] = v
    rule.step(params, {"P": np.asarray(dP, dtype=float)}, lr)
    return params["P"], rule.velocity["P"]


def _momentum_cases():
    rng = np.random.default_rng(17)
    P, dP, v = (rng.normal(size=(3, 4)) for _ in range(3))
    P2, dP2 = rng.normal(size=(2, 5)), rng.normal(size=(2, 5))
    return [(P, dP, v, 0.1, 0.9), (P2, dP2, 0.4 * rng.normal(size=(2, 5)), 0.05, 0.6),
            (P2, dP2, np.zeros((2, 5)), 0.3, 0.5)]


def _momentum_slips(P, dP, v, lr, mu):
    right_v = mu * v - lr * dP
    other_v = mu * v + dP
    return [
        ((P + (mu * v + lr * dP), mu * v + lr * dP),
         "v ← μ·v + lr·dP steps uphill: the gradient points up the loss, so the velocity "
         "collects −lr·dP: v ← μ·v − lr·dP, then P ← P + v."),
        ((P - lr * other_v, other_v),
         "that is the other common way to write momentum, v ← μ·v + dP and P ← P − lr·v "
         "(PyTorch's). It takes the same steps when its v is −1/lr times ours — but the v you "
         "are given is the course's (optim.Momentum's): the last step itself. With that v: "
         "v ← μ·v − lr·dP, then P ← P + v."),
        ((P + (v - lr * dP), v - lr * dP),
         "μ is missing: the old velocity is shrunk by μ at every step, v ← μ·v − lr·dP — "
         "without it the steps never forget and keep growing."),
        ((P + v, right_v),
         "P was updated with the OLD velocity: first v ← μ·v − lr·dP, then P ← P + v with the "
         "new v."),
        ((P - right_v, right_v),
         "P ← P + v: the minus sign is already inside v = μ·v − lr·dP, so P − v steps uphill."),
        ((P - lr * dP, -lr * dP),
         "that is plain gradient descent: the velocity you are given is ignored. "
         "v ← μ·v − lr·dP, then P ← P + v."),
        ((P + (mu * v - dP), mu * v - dP),
         "lr is missing: the gradient enters the velocity as −lr·dP, v ← μ·v − lr·dP."),
        ((P + (lr * v - mu * dP), lr * v - mu * dP),
         "lr and μ are swapped: v ← μ·v − lr·dP (μ shrinks the old velocity, lr scales the "
         "gradient)."),
        ((P + right_v, v),
         "P_new is right, but v_new is the old velocity: return the new one, v ← μ·v − lr·dP."),
    ]


@checker
def check_momentum_step(momentum_step):
    """Exercise: ``momentum_step(P, dP, v, lr, mu)`` returns ``(P_new, v_new)``: v ← μ·v − lr·dP,
    then P ← P + v — one step of the package's ``optim.Momentum``. Tried with three settings
    (μ = 0.9, 0.6, 0.5; one from v = 0); updating P and v in place is fine if the new values
    are returned. Notebook 07."""
    for k, (P, dP, v, lr, mu) in enumerate(_momentum_cases()):
        result, error = call(momentum_step, P, dP, v, lr, mu)
        if error:
            return error
        (P_new, v_new), error = unpack(result, ("P_new", "v_new"))
        if error:
            return error
        right_P, right_v = reference_momentum_step(P, dP, v, lr, mu)
        where = f"with lr = {lr}, mu = {mu}: "
        order = returned_order((P_new, v_new), {"P_new": right_P, "v_new": right_v},
                               lambda a, b: _close(a, b, 1e-5, 1e-8))
        if order == ("v_new", "P_new"):
            return wrong(where + "both are right but swapped: `return P_new, v_new`, the "
                         "parameters first.")
        ok = [shape_of(a) == b.shape and _close(a, b, 1e-5, 1e-8)
              for a, b in ((P_new, right_P), (v_new, right_v))]
        if all(ok):
            continue
        for (slip_P, slip_v), why in _momentum_slips(P, dP, v, lr, mu):
            if not (_close(slip_P, right_P) and _close(slip_v, right_v)) and \
                    shape_of(P_new) == P.shape and shape_of(v_new) == v.shape and \
                    _close(P_new, slip_P, 1e-5, 1e-8) and _close(v_new, slip_v, 1e-5, 1e-8):
                return wrong(where + why)
        feedback = (as_numbers("P_new", P_new)[1] or as_numbers("v_new", v_new)[1]
                    or compare("v_new", v_new, right_v, rtol=1e-5, atol=1e-8)
                    or compare("P_new", P_new, right_P, rtol=1e-5, atol=1e-8))
        feedback.message = where + feedback.message + " One step: v ← μ·v − lr·dP, P ← P + v."
        if k:
            feedback.message += (" (It was right for the first setting: is a number written "
                                 "into your function instead of lr or mu?)")
        return feedback
    return correct("v ← μ·v − lr·dP, P ← P + v: each step is optim.Momentum's, for every μ "
                   "and lr tried.")


ADAM_DEFAULTS = (0.9, 0.999, 1e-8)


def _adam_sequences():
    """[(P0, gradients, lr, (beta1, beta2, eps) or None for the defaults)]."""
    rng = np.random.default_rng(23)
    return [(rng.normal(size=(3, 4)), [rng.normal(size=(3, 4)) for _ in range(3)], 0.01, None),
            (rng.normal(size=(2, 3)), [0.01 * rng.normal(size=(2, 3)) for _ in range(4)], 0.05,
             (0.8, 0.95, 1e-3))]


def _adam_slip(P, g, m, s, t, lr, b1, b2, eps, slip):
    """(P_new, m_new, s_new) of one Adam step with one typical ``slip``."""
    if slip == "defaults":
        b1, b2 = ADAM_DEFAULTS[:2]
    if slip == "eps default":
        eps = ADAM_DEFAULTS[2]
    c1, c2 = (b2, b1) if slip == "betas swapped" else (b1, b2)
    keep = 1.0 if slip == "no 1-beta" else None
    m = c1 * m + (1 - c1 if keep is None else keep) * g
    s = c2 * s + (1 - c2 if keep is None else keep) * (g if slip == "dP not squared" else g * g)
    tt = {"t-1": t - 1, "t+1": t + 1, "t=1": 1}.get(slip, t)
    if slip == "(1-beta)^t":
        m_hat, s_hat = m / (1 - c1) ** tt, s / (1 - c2) ** tt
    else:
        m_hat, s_hat = m / (1 - c1 ** tt), s / (1 - c2 ** tt)
    if slip in ("no correction", "s only"):
        m_hat = m
    if slip in ("no correction", "m only"):
        s_hat = s
    if slip == "eps inside":
        denominator = np.sqrt(s_hat + eps)
    elif slip == "no sqrt":
        denominator = s_hat + eps
    else:
        denominator = np.sqrt(s_hat) + eps
    sign = -1 if slip == "plus" else 1
    return P - sign * lr * m_hat / denominator, m, s


ADAM_SLIPS = (      # "t=1" before "t-1": at t = 2 they agree, and t − 1 already fails at t = 1
    ("t=1", "the bias correction always uses t = 1: use the t you are given, m̂ = m / (1 − β₁ᵗ)."),
    ("no correction", "there is no bias correction: m and s start at 0, so their first values "
                      "are too small by the factors 1 − β₁ᵗ and 1 − β₂ᵗ. Divide them out: "
                      "m̂ = m / (1 − β₁ᵗ), ŝ = s / (1 − β₂ᵗ)."),
    ("t-1", "the bias correction uses t − 1: t is the number of THIS update (1 for the first), "
            "so m̂ = m / (1 − β₁ᵗ) with t itself."),
    ("t+1", "the bias correction uses t + 1: t already counts from 1 (1 for the first update), "
            "so m̂ = m / (1 − β₁ᵗ) with t itself."),
    ("m only", "m is bias-corrected but s is not: ŝ = s / (1 − β₂ᵗ) too."),
    ("s only", "s is bias-corrected but m is not: m̂ = m / (1 − β₁ᵗ) too."),
    ("eps inside", "ε is inside the square root: P ← P − lr·m̂ / (√ŝ + ε), ε added after the root."),
    ("no sqrt", "the square root is missing: P ← P − lr·m̂ / (√ŝ + ε) — s is a mean of SQUARED "
                "gradients, so √ŝ has the gradient's scale."),
    ("(1-beta)^t", "the correction divides by (1 − β)ᵗ; it is 1 − βᵗ, β to the power t: "
                   "m̂ = m / (1 − beta1 ** t)."),
    ("plus", "the step goes uphill: P ← P − lr·m̂ / (√ŝ + ε), with a minus."),
    ("betas swapped", "β₁ and β₂ are swapped: β₁ (0.9) is the gradient's running mean m, "
                      "β₂ (0.999) the running mean s of its square."),
    ("no 1-beta", "the (1 − β) factors are missing: m ← β₁·m + (1 − β₁)·dP and "
                  "s ← β₂·s + (1 − β₂)·dP² are running MEANS."),
    ("dP not squared", "s is built from dP; it is the running mean of the SQUARED gradient: "
                       "s ← β₂·s + (1 − β₂)·dP² (dP ** 2, element by element)."),
    ("defaults", "your function uses β₁ = 0.9 and β₂ = 0.999 whatever it is given: use the "
                 "beta1 and beta2 it is called with."),
    ("eps default", "your function uses ε = 1e-8 whatever it is given: use the eps it is "
                    "called with."),
)


@checker
def check_adam_step(adam_step):
    """Exercise: ``adam_step(P, dP, m, s, t, lr, beta1=0.9, beta2=0.999, eps=1e-8)`` returns
    ``(P_new, m_new, s_new)`` of one Adam update, t counting the updates from 1.

    Compared, step by step, with the package's ``optim.Adam`` stepped t = 1, 2, 3 times with
    the default settings (called with six arguments), then 4 times with β₁ = 0.8, β₂ = 0.95,
    ε = 1e-3 (so constants written into the function fail). Notebook 07.
    """
    names = ("P_new", "m_new", "s_new")
    for P0, gradients, lr, settings in _adam_sequences():
        b1, b2, eps = settings or ADAM_DEFAULTS
        params = {"P": P0.copy()}
        rule = optim.Adam(params, b1, b2, eps)
        for t, g in enumerate(gradients, start=1):
            P, m, s = params["P"].copy(), rule.m["P"].copy(), rule.s["P"].copy()
            rule.step(params, {"P": g}, lr)
            right = (params["P"].copy(), rule.m["P"].copy(), rule.s["P"].copy())
            extra = () if settings is None else (b1, b2, eps)
            result, error = call(adam_step, P, g, m, s, t, lr, *extra)
            where = (f"at update t = {t} with lr = {lr}"
                     + (" and the default betas and eps" if settings is None
                        else f", beta1 = {b1}, beta2 = {b2}, eps = {eps}") + ": ")
            if error:
                error.message = where + error.message
                return error
            got, error = unpack(result, names)
            if error:
                return error
            order = returned_order(got, dict(zip(names, right)),
                                   lambda a, b: _close(a, b, 1e-5, 1e-9))
            if order is not None and order != names:
                return wrong(f"{where}all three are right, but you returned them as "
                             f"({', '.join(order)}); return them in the order "
                             "`return P_new, m_new, s_new`.")
            if all(shape_of(a) == b.shape and _close(a, b, 1e-5, 1e-9) for a, b in zip(got, right)):
                continue
            for name, value in zip(names, got):
                error = as_numbers(name, value)[1]
                if error:
                    error.message = where + error.message
                    return error
            P_new = as_numbers("P_new", got[0])[0]
            moments_right = all(shape_of(a) == b.shape and _close(a, b, 1e-5, 1e-9)
                                for a, b in zip(got[1:], right[1:]))
            if t == 1 and moments_right and P_new.shape == P.shape and \
                    not np.all(np.isfinite(P_new)):
                return wrong(where + "P_new holds NaN or infinite values at the first update. "
                             "With t − 1 in the bias correction, 1 − β₁⁰ = 0 and m̂ = m / 0: t "
                             "is the number of THIS update, 1 for the first, so use β ** t.")
            with np.errstate(all="ignore"):
                slips = [(_adam_slip(P, g, m, s, t, lr, b1, b2, eps, slip), why)
                         for slip, why in ADAM_SLIPS]
            for value, why in slips:
                if any(not _close(a, b) for a, b in zip(value, right)) and \
                        all(shape_of(a) == P.shape and _close(a, b, 1e-5, 1e-9)
                            for a, b in zip(got, value)):
                    return wrong(where + why)
            for i, (name, formula) in enumerate(((
                    "m_new", "m ← β₁·m + (1 − β₁)·dP"), ("s_new", "s ← β₂·s + (1 − β₂)·dP²"),
                    ("P_new", "P ← P − lr·m̂ / (√ŝ + ε), m̂ = m / (1 − β₁ᵗ), ŝ = s / (1 − β₂ᵗ)"))):
                index = {"m_new": 1, "s_new": 2, "P_new": 0}[name]
                hints = [(value[index], why) for value, why in slips
                         if not _close(value[index], right[index])]
                feedback = compare(name, got[index], right[index], hints, rtol=1e-5, atol=1e-9)
                if feedback:
                    feedback.message = f"{where}{feedback.message} ({formula}.)"
                    return feedback
    return correct("every update agrees with optim.Adam: the running means m and s, their bias "
                   "correction by 1 − βᵗ, and the step lr·m̂ / (√ŝ + ε) — for the default and "
                   "for other betas and eps.")


def _decay_cases():
    rng = np.random.default_rng(31)
    return [(rng.normal(size=(4, 3)), 0.1), (rng.normal(size=(2, 5)), 0.03)]


@checker
def check_weight_decay(l2_gradient):
    """Exercise: ``l2_gradient(W, lam)`` returns λ·W, the gradient of the L2 penalty
    λ/2 ‖W‖² — the package's ``optim.l2_gradient``, and central differences of
    ``optim.l2_penalty``. Tried with λ = 0.1 and λ = 0.03. Notebook 07."""
    for k, (W, lam) in enumerate(_decay_cases()):
        result, error = call(l2_gradient, W, lam)
        if error:
            return error
        right = optim.l2_gradient({"W": W}, lam)["W"]
        norm2 = float(np.sum(W ** 2))
        hints = [
            (right / 2, "that is λ·W/2: the ½ of the penalty λ/2 ‖W‖² cancels the 2 of the "
                        "square's derivative, so the gradient is λ·W."),
            (2 * right, "that is 2λ·W: the penalty is λ/2 ‖W‖², with the ½, so its gradient "
                        "is λ·W."),
            (lam * np.sign(W), "that is λ·sign(W), the gradient of the L1 penalty λ‖W‖₁; the "
                               "L2 penalty λ/2 ‖W‖² has the gradient λ·W."),
            (W, "that is W itself: the gradient of λ/2 ‖W‖² is λ·W — multiply by lam."),
            (-right, "the sign is flipped: the gradient of λ/2 ‖W‖² is +λ·W (the update "
                     "subtracts it)."),
            ((1 - lam) * W, "that is the weight after a decay step, (1 − λ)·W; return the "
                            "gradient itself, λ·W."),
            (0.5 * lam * norm2, "that is the penalty λ/2 ‖W‖² itself, one number; its gradient "
                                "has W's shape: λ·W."),
            (lam * norm2, "that is one number, λ‖W‖²; the gradient has W's shape: λ·W."),
            (np.array(lam), "that is λ alone; the gradient of λ/2 ‖W‖² is λ·W, an array of W's "
                            "shape."),
            (lam * lam * W, "that is λ²·W: multiply W by λ once."),
        ]
        if k:
            first_lam = _decay_cases()[0][1]
            hints.append((first_lam * W, f"that is {first_lam}·W, but λ = {lam} here: use the "
                                         "lam the function is given, not a number written in."))
        feedback = compare("the gradient", result, right, hints, rtol=1e-6, atol=1e-10)
        if feedback:
            feedback.message = f"with lam = {lam}: " + feedback.message
            return feedback
    W, lam = _decay_cases()[0]
    work = W.copy()
    numeric = np.zeros_like(work)
    for i in np.ndindex(work.shape):
        keep = work[i]
        work[i] = keep + 1e-6
        up = optim.l2_penalty({"W": work}, lam)
        work[i] = keep - 1e-6
        numeric[i] = (up - optim.l2_penalty({"W": work}, lam)) / 2e-6
        work[i] = keep
    err = relative_error(numeric, lam * W)
    return correct(f"λ·W, as optim.l2_gradient; central differences of λ/2 ‖W‖² agree "
                   f"(relative error {max(err, 1e-12):.0e}).")


# ---- exercise 5: He initialisation -----------------------------------------------------------

HE_SHAPES = ((500, 400), (250, 800))     # 200 000 entries each; n_out both below and above n_in
SCALES = (      # (the learner's scale as a function of n_in, n_out; its name)
    (lambda n_in, n_out: np.sqrt(1 / n_in),
     "that is √(1/n_in), the LeCun (\"Xavier\") scale, which keeps tanh and sigmoid layers in "
     "range; He's for ReLU doubles the variance, since ReLU zeroes half of each layer: "
     "std = √(2/n_in)."),
    (lambda n_in, n_out: 2 / n_in,
     "that is 2/n_in, the VARIANCE, used as the standard deviation: rng.normal's scale is the "
     "standard deviation, √(2/n_in)."),
    (lambda n_in, n_out: np.sqrt(2 / n_out),
     "that is √(2/n_out): He's scale counts the inputs of the layer, n_in (fan-in), not its "
     "outputs."),
    (lambda n_in, n_out: np.sqrt(2 / (n_in + n_out)),
     "that is √(2/(n_in + n_out)), Glorot's (Xavier's) scale for tanh and sigmoid; He's for "
     "ReLU is √(2/n_in)."),
    (lambda n_in, n_out: 1.0,
     "that is a standard normal, std 1: scale it by √(2/n_in)."),
    (lambda n_in, n_out: np.sqrt(1 / 12),
     "that is the spread of U(−0.5, 0.5), the essay's initialisation; He draws "
     "N(0, 2/n_in): rng.normal(0, np.sqrt(2 / n_in), (n_in, n_out))."),
)


def _moments(W):
    """(mean, standard deviation, kurtosis) of all entries of W."""
    W = W.ravel()
    mean, std = float(W.mean()), float(W.std())
    kurtosis = float(np.mean(((W - mean) / std) ** 4)) if std > 0 else float("nan")
    return mean, std, kurtosis


def _draw(he_init, n_in, n_out, seed):
    """(W as an array of numbers of shape (n_in, n_out), None) or (None, Feedback)."""
    result, error = call(he_init, n_in, n_out, np.random.default_rng(seed))
    if error:
        return None, error
    if isinstance(result, tuple) and len(result) == 2 and shape_of(result[0]) == (n_in, n_out):
        return None, wrong("return W only: he_init draws the weight matrix (the biases start "
                           "at 0, apart from it). You returned a tuple of 2.")
    W, error = as_numbers("W", result)
    if error:
        return None, error
    if W.shape != (n_in, n_out):
        if W.shape == (n_out, n_in):
            return None, wrong(f"W has shape {W.shape}, the transposed shape: with samples in "
                               f"rows, W is (n_in, n_out) = ({n_in}, {n_out}) — so X @ W works.")
        return None, wrong(f"W has shape {W.shape} but should have shape (n_in, n_out) = "
                           f"({n_in}, {n_out}).")
    if not np.all(np.isfinite(W)):
        return None, wrong("W contains NaN or infinite values; every weight is a finite number.")
    return W, None


@checker
def check_he_init(he_init):
    """Exercise: ``he_init(n_in, n_out, rng)`` returns W of shape (n_in, n_out) with entries
    drawn from N(0, 2/n_in) by ``rng`` — what ``network.init_layer(n_in, n_out, "he", rng)``
    draws.

    Statistical checks on 500 × 400 and 250 × 800 weights (200 000 entries each): mean ≈ 0,
    standard deviation ≈ √(2/n_in), a normal's kurtosis (3; a uniform's is 1.8), every row its
    own; tolerances of about 20 standard errors, so a right answer never fails. Then: the same
    seed gives the same W, another seed another one. Notebook 07.
    """
    measured = []
    for n_in, n_out in HE_SHAPES:
        W, error = _draw(he_init, n_in, n_out, seed=7)
        if error:
            error.message = f"for n_in = {n_in}, n_out = {n_out}: " + error.message
            return error
        measured.append((n_in, n_out, W, _moments(W)))
    for n_in, n_out, W, (mean, std, kurtosis) in measured:
        where = f"for n_in = {n_in}, n_out = {n_out}, W has the right shape but different values: "
        sigma = np.sqrt(2 / n_in)
        if np.all(W == W.flat[0]):
            return wrong(where + f"every entry is {W.flat[0]:g}. Each weight is drawn at random "
                         "(the same number everywhere gives every unit the same job): "
                         "rng.normal(0, np.sqrt(2 / n_in), (n_in, n_out)).")
        if np.all(W == W[0]) or np.all(W == W[:, :1]):
            return wrong(where + "every row (or column) is the same: draw every entry on its "
                         "own, with the full shape (n_in, n_out).")
        if abs(mean) > 0.05 * sigma:
            return wrong(where + f"their mean is {mean:.3g}, but He's weights are centred on 0 "
                         f"(std {sigma:.3g}): draw from N(0, 2/n_in), not from U(0, 1) or "
                         "with a shift.")
        uniform = abs(kurtosis - 1.8) < 0.25
        if abs(std / sigma - 1) > 0.03 or abs(kurtosis - 3) > 0.25:
            for scale, why in SCALES:
                if all(abs(w_std / scale(a, b) - 1) < 0.03
                       for a, b, _, (_, w_std, _) in measured):
                    return wrong(where + f"their standard deviation is {std:.4g}: {why}"
                                 + (" (And they are uniform, not normal.)" if uniform
                                    and "U(−0.5" not in why else ""))
            if uniform:
                return wrong(where + f"they are spread evenly (kurtosis {kurtosis:.2f}, a "
                             "uniform distribution's 1.8), not normally (a normal's is 3): He "
                             "draws from a normal distribution, rng.normal(0, np.sqrt(2 / n_in), "
                             "(n_in, n_out)).")
            if abs(kurtosis - 3) > 0.25:
                return wrong(where + f"their kurtosis is {kurtosis:.2f}, but a normal "
                             "distribution's is 3: draw with rng.normal(0, np.sqrt(2 / n_in), "
                             "(n_in, n_out)).")
            return wrong(where + f"their standard deviation is {std:.4g}, but He's is "
                         f"√(2/n_in) = {sigma:.4g}.")
    # -- drawn from rng: the same seed repeats W, another seed changes it ----------------------
    n_in, n_out, W, _ = measured[0]
    again, error = _draw(he_init, n_in, n_out, seed=7)
    if error:
        return error
    if not np.array_equal(again, W):
        return wrong("two calls with identically seeded generators gave different weights: draw "
                     "them from the `rng` you are given (rng.normal(...)), not from np.random, "
                     "so a seeded network repeats exactly.")
    other, error = _draw(he_init, n_in, n_out, seed=8)
    if error:
        return error
    if np.array_equal(other, W):
        return wrong("the weights do not change when the generator does: draw them from the "
                     "`rng` you are given, not from a generator or seed of your own.")
    small, error = _draw(he_init, 3, 2, seed=9)
    if error:
        error.message = "for n_in = 3, n_out = 2: " + error.message
        return error
    same = np.allclose(W, init_layer(n_in, n_out, "he", np.random.default_rng(7))[0], rtol=1e-6)
    return correct(f"W ~ N(0, 2/n_in): on {n_in} × {n_out} weights the mean is "
                   f"{measured[0][3][0]:.1e} and the standard deviation {measured[0][3][1]:.4f} "
                   f"(√(2/{n_in}) = {np.sqrt(2 / n_in):.4f}), normal, drawn from rng"
                   + (" — the very numbers network.init_layer(n_in, n_out, \"he\", rng) draws."
                      if same else "."))


progress = progress_of(__name__)     # ex.progress(): this notebook's exercises, this session
