"""Checkers of notebook 07 (nnla_helpers.exercises.capstone): the worked solutions and other
right answers pass, and each typical mistake fails with the diagnosis it is promised."""

import copy
import time

import numpy as np
import pytest

from nnla_helpers import layers, optim
from nnla_helpers.activations import formulas
from nnla_helpers.exercises import _feedback
from nnla_helpers.exercises import capstone as ex07
from nnla_helpers.network import init_layer

from exercise_helpers import solutions, verdict

SOL = solutions("07_your_own_network")


# ---- exercise 1: backprop through L layers -------------------------------------------------


def _model(forward_slip=None, backward_slip=None):
    """A learner's (model_forward, model_backward) written by hand in NumPy (not with
    ``layers``), with one slip switched on. Its caches: (A_prev, W, Z) per layer, plus hidden."""
    def model_forward(X, weights, biases, hidden):
        g = formulas("relu" if forward_slip == "always relu" else hidden)[0]
        L = len(weights)
        last = L - 1 if forward_slip == "skip last" else L
        A, caches = X, []
        for l in range(last):
            b = 0 if forward_slip == "no bias" else biases[l]
            Z = A @ weights[l] + b
            caches.append((A, weights[l], Z))
            if l < L - 1 or forward_slip == "output activation":
                A = Z if forward_slip == "no activation" else g(Z)
        Z_out = A if forward_slip == "output activation" else Z
        if forward_slip == "reshape to 6 x 4":
            Z_out = Z_out.reshape(6, 4)
        if forward_slip == "pair swapped":
            return (caches, hidden), Z_out
        return Z_out, (caches, hidden)

    def model_backward(dZ_out, caches):
        caches, hidden = caches
        g, dg = formulas("relu" if backward_slip == "always relu" else hidden)
        L = len(caches)
        m = dZ_out.shape[0]
        dWs, dbs = [None] * L, [None] * L
        dZ = dZ_out
        if backward_slip == "output g'":
            dZ = dZ * dg(caches[-1][2])
        stop = 0 if backward_slip == "skip layer 1" else -1
        for l in range(L - 1, stop, -1):
            A_prev, W, Z = caches[l]
            if backward_slip == "Z for A" and l > 0:
                A_prev = caches[l - 1][2]
            dWs[l] = dZ.T @ A_prev if backward_slip == "dW transposed" else A_prev.T @ dZ
            dbs[l] = {"db axis": lambda: dZ.sum(axis=1), "db mean": lambda: dZ.mean(axis=0),
                      "db keepdims": lambda: dZ.sum(axis=0, keepdims=True)}.get(
                          backward_slip, lambda: dZ.sum(axis=0))()
            if backward_slip == "extra 1/m":
                dWs[l], dbs[l] = dWs[l] / m, dbs[l] / m
            if l == 0:
                break
            dA = dZ @ (W if backward_slip == "W not W.T" else W.T)
            if backward_slip == "no W":
                dA = dZ
            Z_below = caches[l - 1][2]
            slope = {"no g'": 1.0, "g itself": g(Z_below), "wrong Z": dg(Z),
                     "g' of A": dg(g(Z_below))}.get(backward_slip)
            dZ = dA * (dg(Z_below) if slope is None else slope)
        if backward_slip == "reversed":
            return dWs[::-1], dbs[::-1]
        if backward_slip == "pair swapped":
            return dbs, dWs
        if backward_slip == "skip layer 1 (appended)":
            return [d for d in dWs[1:]], [d for d in dbs[1:]]
        return dWs, dbs
    return model_forward, model_backward


def _appending_backward(dZ_out, caches):
    """Right: lists built by appending from layer L down, then reversed."""
    dWs, dbs = [], []
    dZ = dZ_out
    for l in range(len(caches) - 1, -1, -1):
        dense_cache, activation_cache = caches[l]
        dA, dW, db = layers.dense_backward(dZ, dense_cache)
        dWs.append(dW)
        dbs.append(db)
        if l > 0:
            dZ = layers.activation_backward(dA, caches[l - 1][1])
    return list(reversed(dWs)), tuple(reversed(dbs))


def _float32_model():
    """Right: the hand-written model, computing in float32."""
    forward, backward = _model()

    def model_forward(X, weights, biases, hidden):
        return forward(X.astype(np.float32), [W.astype(np.float32) for W in weights],
                       [b.astype(np.float32) for b in biases], hidden)
    return model_forward, lambda dZ, caches: backward(dZ.astype(np.float32), caches)


def _dict_caches_model():
    """Right: the caches as a dict of lists, the activation applied through layers.*."""
    def model_forward(X, weights, biases, hidden):
        caches = {"dense": [], "activation": []}
        A = X
        for l, (W, b) in enumerate(zip(weights, biases)):
            Z, cache = layers.dense_forward(A, W, b)
            caches["dense"].append(cache)
            if l < len(weights) - 1:
                A, cache = layers.activation_forward(Z, hidden)
                caches["activation"].append(cache)
        return Z, caches

    def model_backward(dZ_out, caches):
        L = len(caches["dense"])
        dWs, dbs, dZ = [None] * L, [None] * L, dZ_out
        for l in reversed(range(L)):
            dA, dWs[l], dbs[l] = layers.dense_backward(dZ, caches["dense"][l])
            if l:
                dZ = layers.activation_backward(dA, caches["activation"][l - 1])
        return dWs, dbs
    return model_forward, model_backward


def _mutating_model():
    """Right, though it changes the arrays it is given after using them (the checker must not
    be fooled by that)."""
    forward, backward = _model()

    def model_forward(X, weights, biases, hidden):
        result = forward(X, [W.copy() for W in weights], [b.copy() for b in biases], hidden)
        for W in weights:
            W[...] = 0.0
        return result

    def model_backward(dZ_out, caches):
        result = backward(dZ_out, caches)
        dZ_out[...] = np.nan
        return result
    return model_forward, model_backward


@pytest.mark.parametrize("model", [
    (SOL.model_forward, SOL.model_backward),
    _model(),
    (SOL.model_forward, _appending_backward),
    _float32_model(),
    _dict_caches_model(),
    _mutating_model(),
], ids=["solution", "by hand", "appended and reversed", "float32", "dict caches", "mutates"])
def test_07_backprop_right_answers_pass(model):
    verdict(ex07.check_backprop(*model), True, "L = 1, 2, 3 and 4", "finite differences")


@pytest.mark.parametrize("forward_slip, phrases", [
    ("output activation", ["applied to the output layer too", "logits"]),
    ("always relu", ["hidden = 'leaky_relu'", "`hidden` is ignored"]),
    ("no activation", ["no activation is applied between the layers"]),
    ("skip last", ["the last layer is skipped", "all L = 2 layers"]),
    ("no bias", ["the biases are missing"]),
    ("pair swapped", ["swapped", "`return Z_out, caches`"]),
    ("reshape to 6 x 4", ["right for every network of m = 6", "not for other sizes",
                          "never a number written in"]),
])
def test_07_backprop_forward_slips(forward_slip, phrases):
    verdict(ex07.check_backprop(*_model(forward_slip=forward_slip)), False, *phrases)


@pytest.mark.parametrize("backward_slip, phrases", [
    ("reversed", ["reverse order", "[dW_L, …, dW_1]"]),
    ("pair swapped", ["dWs and dbs are swapped"]),
    ("output g'", ["dW2 is wrong", "output layer has no activation"]),
    ("no g'", ["dW1 is wrong", "g′ is missing", "dW2 ✔", "dW1 ✘"]),
    ("wrong Z", ["g′ is taken at the wrong layer's Z"]),
    ("g itself", ["relu(Z) itself", "derivative"]),
    ("g' of A", ["hidden = 'sigmoid'", "evaluated at A = g(Z) instead of at Z"]),
    ("W not W.T", ["a transpose is missing", "dZ_l W_lᵀ"]),
    ("no W", ["without W_lᵀ"]),
    ("extra 1/m", ["m = 6 times too small", "already carries the 1/m"]),
    ("db mean", ["db2 is wrong", "SUM of the rows"]),
    ("db axis", ["db2 is wrong", "wrong axis", "one number per SAMPLE", "(6,)", "axis=0"]),
    ("db keepdims", ["db2 has shape (1, 4)", "drop keepdims"]),
    ("skip layer 1", ["dW1 is None", "never filled it in"]),
    ("skip layer 1 (appended)", ["dWs has 1 entries", "L = 2", "a layer is skipped"]),
    ("always relu", ["hidden = 'leaky_relu'", "ReLU′ (Z > 0) whatever the activation"]),
    ("dW transposed", ["every dW is transposed"]),
    ("Z for A", ["dW2 is wrong", "used Z_{l−1}"]),
])
def test_07_backprop_backward_slips(backward_slip, phrases):
    verdict(ex07.check_backprop(*_model(backward_slip=backward_slip)), False, *phrases)


@pytest.mark.parametrize("forward, backward, phrases", [
    (lambda X, weights, biases, hidden: None, SOL.model_backward, ["placeholder"]),
    (SOL.model_forward, lambda dZ_out, caches: None, ["placeholder"]),
    (SOL.model_forward, lambda dZ_out, caches: (None, None), ["return 2 things", "two lists"]),
    (lambda X, weights, biases, hidden: 1 / 0, SOL.model_backward, ["ZeroDivisionError", "line"]),
    (SOL.model_forward, lambda dZ_out, caches: caches[5], ["IndexError"]),
    (lambda X, weights, biases, hidden: SOL.model_forward(X, weights, biases, hidden)[0],
     SOL.model_backward, ["return 2 things", "Z_out, caches"]),
    (SOL.model_forward, lambda dZ_out, caches: SOL.model_backward(dZ_out, caches)[0],
     ["return 2 things"]),
    (SOL.model_forward,
     lambda dZ_out, caches: tuple(d + [d[0]] for d in SOL.model_backward(dZ_out, caches)),
     ["has 3 entries", "one gradient per layer"]),
    (SOL.model_forward,
     lambda dZ_out, caches: (lambda g: ([np.zeros_like(d) for d in g[0]], g[1]))(
         SOL.model_backward(dZ_out, caches)), ["dW2 is wrong", "relative error"]),
    (SOL.model_forward,                 # a gradient of another shape
     lambda dZ_out, caches: (lambda g: ([g[0][0].T] + g[0][1:], g[1]))(
         SOL.model_backward(dZ_out, caches)), ["dW1 has shape (4, 3)", "rows and columns"]),
    (SOL.model_forward,
     lambda dZ_out, caches: (lambda g: ([d * np.nan for d in g[0]], g[1]))(
         SOL.model_backward(dZ_out, caches)), ["NaN"]),
    (SOL.model_forward,                 # one list holding both gradients of each layer
     lambda dZ_out, caches: (lambda g: ([[w, b] for w, b in zip(*g)], g[1]))(
         SOL.model_backward(dZ_out, caches)), ["not one array"]),
    (SOL.model_forward, lambda dZ_out, caches: (np.zeros((3, 4)), [np.zeros(4)]),
     ["return 2 things", "two lists"]),
])
def test_07_backprop_garbage_and_placeholders(forward, backward, phrases):
    verdict(ex07.check_backprop(forward, backward), False, *phrases)


def test_07_backprop_slips_named_are_really_different_on_the_networks_checked():
    """Every backward slip changes some gradient of some checked network, and each one is
    told apart from every other (else its diagnosis could never be reached, or be the wrong
    one)."""
    outcomes = {"right": []}
    for L, hidden, family in ex07.BACKPROP_CASES:
        X, Y, weights, biases = ex07._backprop_example(L, hidden, family)
        net = ex07.network_of(weights, biases, hidden)
        _, cache = net.forward(X)
        _, dZ = layers.softmax_cross_entropy(cache.Z[-1], Y)
        grads = net.backward_from(cache, dZ)
        outcomes["right"].append(np.concatenate([np.ravel(grads[k]) for k in
                                                 [f"W{l}" for l in range(1, L + 1)]
                                                 + [f"b{l}" for l in range(1, L + 1)]]))
        for slip, _ in ex07._backward_slips(L, hidden, X.shape[0]):
            dWs, dbs = ex07._backward_slip(cache, weights, hidden, dZ, slip)
            outcomes.setdefault(slip, []).append(np.concatenate([np.ravel(d) for d in dWs + dbs]))
    names = list(outcomes)
    assert len(names) == 14
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert any(x.shape != y.shape or not np.allclose(x, y)
                       for x, y in zip(outcomes[a], outcomes[b])), (a, b)


# ---- exercise 2: one epoch of mini-batch SGD -------------------------------------------------


def _sgd(slip=None):
    """A learner's sgd_epoch with one slip switched on."""
    def sgd_epoch(weights, biases, X, Y, grads_of, lr, batch_size, rng):
        m = X.shape[0]
        order = {"no shuffle": lambda: np.arange(m),
                 "np.random": lambda: np.random.permutation(m),
                 "own seed": lambda: np.random.default_rng(0).permutation(m),
                 "with replacement": lambda: rng.integers(0, m, m)}.get(
                     slip, lambda: rng.permutation(m))()
        y_order = rng.permutation(m) if slip == "two permutations" else order
        stop = m - m % batch_size if slip == "drop last" else m
        losses, total_W, total_b = [], None, None
        for start in range(0, stop, batch_size):
            idx = order[start:start + batch_size]
            X_b = X if slip == "whole set" else X[idx]
            Y_b = (Y if slip == "whole set" else Y[start:start + batch_size]
                   if slip == "Y unshuffled" else Y[y_order[start:start + batch_size]])
            loss, dWs, dbs = grads_of(weights, biases, X_b, Y_b)
            losses.append(loss)
            if slip in ("sum at end", "mean at end"):
                total_W = dWs if total_W is None else [a + b for a, b in zip(total_W, dWs)]
                total_b = dbs if total_b is None else [a + b for a, b in zip(total_b, dbs)]
                continue
            step = {"plus": -lr, "lr written in": 0.5}.get(slip, lr)
            for l in range(len(weights)):
                weights[l] -= step * dWs[l]
                if slip != "no bias step":
                    biases[l] -= step * dbs[l]
        if total_W is not None:
            n = len(losses) if slip == "mean at end" else 1
            for l in range(len(weights)):
                weights[l] -= lr * total_W[l] / n
                biases[l] -= lr * total_b[l] / n
        return {"no return": None, "mean loss": float(np.mean(losses)),
                "last loss": losses[-1], "with the weights": (losses, weights, biases)}.get(
                    slip, losses)
    return sgd_epoch


def _sgd_shuffle(shuffle, replace_items=False):
    """A right sgd_epoch with another valid shuffle, updating the list's items or in place."""
    def sgd_epoch(weights, biases, X, Y, grads_of, lr, batch_size, rng):
        m = len(X)
        order = shuffle(rng, m)
        losses = []
        for idx in np.split(order, range(batch_size, m, batch_size)):
            loss, dWs, dbs = grads_of(weights, biases, X[idx], Y[idx])
            for l, (dW, db) in enumerate(zip(dWs, dbs)):
                if replace_items:
                    weights[l] = weights[l] - lr * dW
                    biases[l] = biases[l] - lr * db
                else:
                    weights[l] -= lr * dW
                    biases[l] -= lr * db
            losses.append(loss)
        return np.array(losses)
    return sgd_epoch


def _shuffled_in_place(rng, m):
    idx = np.arange(m)
    rng.shuffle(idx)
    return idx


def _asks_for_the_loss_separately(weights, biases, X, Y, grads_of, lr, batch_size, rng):
    order, losses, start = rng.permutation(len(X)), [], 0
    while start < len(X):
        idx = order[start:start + batch_size]
        losses.append(grads_of(weights, biases, X[idx], Y[idx])[0])
        _, dWs, dbs = grads_of(weights, biases, X[idx], Y[idx])
        for W, b, dW, db in zip(weights, biases, dWs, dbs):
            W -= lr * dW
            b -= lr * db
        start += batch_size
    return losses


@pytest.mark.parametrize("answer, phrase", [
    (SOL.sgd_epoch, "exactly the weights and losses of the package's Trainer"),
    (_sgd(), "exactly the weights and losses of the package's Trainer"),
    (_sgd_shuffle(lambda rng, m: rng.permutation(m), replace_items=True), "Trainer"),
    (_sgd_shuffle(_shuffled_in_place), "Trainer"),
    (_asks_for_the_loss_separately, "Trainer"),
], ids=["solution", "in place", "items replaced", "rng.shuffle", "loss asked twice"])
def test_07_sgd_epoch_right_answers_pass(answer, phrase):
    verdict(ex07.check_sgd_epoch(answer), True, "every sample once per epoch", phrase)


@pytest.mark.parametrize("answer", [
    _sgd_shuffle(lambda rng, m: rng.choice(m, m, replace=False)),
    _sgd_shuffle(lambda rng, m: np.argsort(rng.random(m)), replace_items=True),
], ids=["rng.choice", "argsort"])
def test_07_sgd_epoch_another_valid_shuffle_is_not_the_one_asked_for(answer):
    verdict(ex07.check_sgd_epoch(answer), False, "a valid shuffle of your own",
            "order = rng.permutation(m)", "section 6")


def _one_batch_too_many(weights, biases, X, Y, grads_of, lr, batch_size, rng):
    """range(m // batch_size + 1): right when batch_size does not divide m, an empty batch when it does."""
    m = X.shape[0]
    order, losses = rng.permutation(m), []
    for k in range(m // batch_size + 1):
        idx = order[k * batch_size:(k + 1) * batch_size]
        loss, dWs, dbs = grads_of(weights, biases, X[idx], Y[idx])
        for W, b, dW, db in zip(weights, biases, dWs, dbs):
            W -= lr * dW
            b -= lr * db
        losses.append(loss)
    return losses


def test_07_sgd_epoch_an_empty_last_batch_fails_where_batch_size_divides_m():
    fb = ex07.check_sgd_epoch(_one_batch_too_many)
    verdict(fb, False, "m = 12", "an empty batch", "range(0, m, batch_size)")


@pytest.mark.parametrize("slip, phrases", [
    ("no shuffle", ["original order", "there is no shuffle"]),
    ("np.random", ["same seed came in different orders", "not np.random.permutation"]),
    ("own seed", ["does not change when the generator does"]),
    ("two permutations", ["different permutations"]),
    ("Y unshuffled", ["rows of X without their Y rows", "X[idx], Y[idx]"]),
    ("drop last", ["the last, smaller batch is missing", "4 + 4 + 2"]),
    ("whole set", ["got all m = 10 samples", "one mini-batch"]),
    ("plus", ["uphill", "W ← W − lr·dW"]),
    ("sum at end", ["added up into one update at the end", "after EVERY batch"]),
    ("mean at end", ["their mean made one update at the end"]),
    ("no return", ["returns None", "list of the batch losses"]),
    ("mean loss", ["the mean of the batch losses"]),
    ("last loss", ["the last batch's loss only"]),
    ("with the weights", ["return only the list of the batch losses"]),
    ("with replacement", ["used twice and others never", "replace=False"]),
    ("lr written in", ["but not with m = 11 samples, batch_size = 3, lr = 0.2",
                       "W ← W − 0.5·dW", "this call's lr is 0.2"]),
    ("no bias step", ["but the biases do not", "b_l ← b_l − lr·db_l"]),
])
def test_07_sgd_epoch_slips(slip, phrases):
    verdict(ex07.check_sgd_epoch(_sgd(slip)), False, *phrases)


def _local_lists(weights, biases, X, Y, grads_of, lr, batch_size, rng):
    order, losses = rng.permutation(len(X)), []
    for start in range(0, len(X), batch_size):
        idx = order[start:start + batch_size]
        loss, dWs, dbs = grads_of(weights, biases, X[idx], Y[idx])
        weights = [W - lr * dW for W, dW in zip(weights, dWs)]      # a new local list
        biases = [b - lr * db for b, db in zip(biases, dbs)]
        losses.append(loss)
    return losses


def _array_split(weights, biases, X, Y, grads_of, lr, batch_size, rng):
    order, losses = rng.permutation(len(X)), []
    for idx in np.array_split(order, -(-len(X) // batch_size)):
        loss, dWs, dbs = grads_of(weights, biases, X[idx], Y[idx])
        for W, b, dW, db in zip(weights, biases, dWs, dbs):
            W -= lr * dW
            b -= lr * db
        losses.append(loss)
    return losses


def _last_gradient_at_the_end(weights, biases, X, Y, grads_of, lr, batch_size, rng):
    """The update is outside the loop: only the last batch's gradient is used, once."""
    order, losses = rng.permutation(len(X)), []
    for start in range(0, len(X), batch_size):
        idx = order[start:start + batch_size]
        loss, dWs, dbs = grads_of(weights, biases, X[idx], Y[idx])
        losses.append(loss)
    for W, b, dW, db in zip(weights, biases, dWs, dbs):
        W -= lr * dW
        b -= lr * db
    return losses


def _rng_not_advanced(weights, biases, X, Y, grads_of, lr, batch_size, rng):
    """Shuffles with a copy of rng, so rng itself never moves on: every epoch the same order."""
    order = copy.deepcopy(rng).permutation(len(X))
    return _sgd_shuffle(lambda r, m: order)(weights, biases, X, Y, grads_of, lr, batch_size, rng)


@pytest.mark.parametrize("answer, phrases", [
    (_local_lists, ["still hold the starting weights", "new local list"]),
    (_array_split, ["4 + 3 + 3 rows", "order[start:start + batch_size]"]),
    (lambda *a: None, ["placeholder", "never called grads_of"]),
    (lambda weights, biases, X, Y, grads_of, lr, batch_size, rng: [0.0],
     ["never calls grads_of"]),
    (lambda weights, biases, X, Y, grads_of, lr, batch_size, rng: 1 / 0, ["ZeroDivisionError"]),
    (lambda weights, biases, X, Y, grads_of, lr, batch_size, rng:
     grads_of(biases, weights, X, Y), ["grads_of(weights, biases, X_b, Y_b)", "shapes"]),
    (lambda weights, biases, X, Y, grads_of, lr, batch_size, rng:
     grads_of(weights, biases, X[:4], Y[:3]), ["the same number of each"]),
    (lambda weights, biases, X, Y, grads_of, lr, batch_size, rng:
     [grads_of(weights, biases, X[[i]] + 1, Y[[i]]) for i in range(len(X))] and None,
     ["X_b holds rows that are not rows of X"]),
    (_rng_not_advanced, ["second epoch with the same rng came in the same order"]),
    (_last_gradient_at_the_end, ["starting weights at all 3 batches", "after EVERY batch"]),
    (lambda weights, biases, X, Y, grads_of, lr, batch_size, rng:
     (SOL.sgd_epoch(weights, biases, X, Y, grads_of, lr, batch_size, rng), weights.pop())[0],
     ["the lists hold 1 weights", "without adding or removing"]),
])
def test_07_sgd_epoch_more_slips(answer, phrases):
    verdict(ex07.check_sgd_epoch(answer), False, *phrases)


def test_07_sgd_epoch_the_reference_is_the_trainer_number_for_number():
    """The right answer's weights after an epoch are those of the package's Trainer, as the
    checker promises (checked here independently of the checker's own replay)."""
    from nnla_helpers.train import Trainer
    m, batch_size, lr, seed = 10, 4, 0.5, 3
    X, Y, W0, b0 = ex07._sgd_example(m, seed)
    weights, biases = [W.copy() for W in W0], [b.copy() for b in b0]
    grads_of = ex07.GradsOf(X, Y)
    losses = SOL.sgd_epoch(weights, biases, X, Y, grads_of, lr, batch_size, np.random.default_rng(seed))
    net = ex07.network_of([W.copy() for W in W0], [b.copy() for b in b0])
    trainer = Trainer(net, X, Y, lr=lr, batch_size=batch_size, seed=seed)
    trainer.run_epoch()
    assert np.allclose(losses, trainer.history.step_loss, rtol=1e-12)
    for got, want in zip(weights + biases, net.weights + net.biases):
        assert np.allclose(got, want, rtol=1e-12, atol=1e-15)
    assert [len(c["x"]) for c in grads_of.calls] == [4, 4, 2]


# ---- exercise 3: choose on validation, not on test ------------------------------------------


def _choose_numpy(runs):
    lrs = list(runs)
    best = [np.min(runs[lr]["val_loss"]) for lr in lrs]
    k = int(np.argmin(best))
    return np.float64(lrs[k]), np.int64(np.argmin(runs[lrs[k]]["val_loss"]) + 1)


def _choose_sorted(runs):
    candidates = sorted((loss, lr, epoch) for lr, run in runs.items()
                        for epoch, loss in enumerate(run["val_loss"], 1))
    return [candidates[0][1], candidates[0][2]]


@pytest.mark.parametrize("answer", [SOL.choose_by_validation, _choose_numpy, _choose_sorted,
                                    lambda runs: ex07.reference_choice(runs)])
def test_07_choose_right_answers_pass(answer):
    verdict(ex07.check_choose_by_validation(answer), True, "validation loss")


def _by(key, lowest=True, shift=0, last=False):
    def choose(runs):
        pick = min if lowest else max
        loss, lr, epoch = pick((loss, lr, epoch) for lr, run in runs.items()
                               for epoch, loss in enumerate(run[key], start=1))
        return lr, (len(runs[lr][key]) if last else epoch + shift)
    return choose


def _final(runs):
    lr = min(runs, key=lambda r: runs[r]["val_loss"][-1])
    return lr, len(runs[lr]["val_loss"])


@pytest.mark.parametrize("answer, phrases", [
    (_by("test_loss"), ["lowest TEST loss", "honest"]),
    (_by("train_loss"), ["lowest TRAINING loss"]),
    (_by("val_loss", shift=-1), ["one too small", "counted from 1"]),
    (_by("val_loss", last=True), ["you report its last epoch"]),
    (_final, ["lowest FINAL validation loss"]),
    (_by("val_loss", lowest=False), ["HIGHEST validation loss"]),
    (lambda runs: _by("val_loss")(runs)[0], ["only the learning rate", "return 2 things"]),
    (lambda runs: _by("val_loss")(runs)[::-1], ["swapped"]),
    (lambda runs: (0.1, 4), ["you answered (0.1, 4), expected (0.03, 4)",
                             "not one of the learning rates tried"]),
    (lambda runs: (_by("val_loss")(runs)[0], 99), ["has only epochs 1 to"]),
    (lambda runs: (_by("val_loss")(runs)[0], 2.5), ["whole number"]),
    (lambda runs: (_by("val_loss")(runs)[0], [4]), ["single number"]),
    (lambda runs: None, ["placeholder"]),
    (lambda runs: (None, None), ["None"]),
    (lambda runs: runs["lr"], ["KeyError"]),
    (lambda runs: ("0.1", "4"), ["not the text '0.1'"]),
])
def test_07_choose_slips(answer, phrases):
    verdict(ex07.check_choose_by_validation(answer), False, *phrases)


@pytest.mark.parametrize("runs", ex07.CHOOSE_CASES)
def test_07_choose_every_slip_gives_its_own_answer_on_every_case(runs):
    answers = [ex07.reference_choice(runs)] + [slip(runs) for slip, _ in ex07.CHOOSE_SLIPS]
    assert len(set(answers)) == len(answers), answers
    assert ex07.reference_choice(runs) == _by("val_loss")(runs)


# ---- exercise 4a: the momentum step -------------------------------------------------------


def _momentum_in_place(P, dP, v, lr, mu):
    v *= mu
    v -= lr * dP
    P += v
    return P, v


@pytest.mark.parametrize("answer", [
    SOL.momentum_step, _momentum_in_place,
    lambda P, dP, v, lr, mu: (lambda v1: ((P + v1).astype(np.float32), v1.astype(np.float32)))(
        mu * v - lr * dP),
    lambda P, dP, v, lr, mu: ((P + mu * v - lr * dP).tolist(), (mu * v - lr * dP).tolist()),
    lambda P, dP, v, lr, mu: reference_momentum(P, dP, v, lr, mu),
], ids=["solution", "in place", "float32", "lists", "optim.Momentum"])
def test_07_momentum_right_answers_pass(answer):
    verdict(ex07.check_momentum_step(answer), True, "optim.Momentum")


def reference_momentum(P, dP, v, lr, mu):
    params = {"P": P.copy()}
    rule = optim.Momentum(params, momentum=mu)
    rule.velocity["P"][...] = v
    rule.step(params, {"P": dP}, lr)
    return params["P"], rule.velocity["P"]


@pytest.mark.parametrize("answer, phrases", [
    (lambda P, dP, v, lr, mu: (P + mu * v + lr * dP, mu * v + lr * dP), ["uphill", "−lr·dP"]),
    (lambda P, dP, v, lr, mu: (P - lr * (mu * v + dP), mu * v + dP),
     ["other common way", "−1/lr times ours", "optim.Momentum's"]),
    (lambda P, dP, v, lr, mu: (P + v - lr * dP, v - lr * dP), ["μ is missing"]),
    (lambda P, dP, v, lr, mu: (P + v, mu * v - lr * dP), ["OLD velocity"]),
    (lambda P, dP, v, lr, mu: (P - (mu * v - lr * dP), mu * v - lr * dP), ["P − v steps uphill"]),
    (lambda P, dP, v, lr, mu: (P - lr * dP, -lr * dP), ["plain gradient descent"]),
    (lambda P, dP, v, lr, mu: (P + mu * v - dP, mu * v - dP), ["lr is missing"]),
    (lambda P, dP, v, lr, mu: (P + lr * v - mu * dP, lr * v - mu * dP), ["lr and μ are swapped"]),
    (lambda P, dP, v, lr, mu: (P + mu * v - lr * dP, v), ["v_new is the old velocity"]),
    (lambda P, dP, v, lr, mu: (mu * v - lr * dP, P + mu * v - lr * dP), ["swapped"]),
    (lambda P, dP, v, lr, mu: (P + 0.9 * v - lr * dP, 0.9 * v - lr * dP),
     ["mu = 0.6", "number written"]),
    (lambda P, dP, v, lr, mu: (P + mu * v - 0.1 * dP, mu * v - 0.1 * dP), ["lr = 0.05", "number written"]),
    (lambda P, dP, v, lr, mu: P + mu * v - lr * dP, ["return 2 things"]),
    (lambda P, dP, v, lr, mu: (None, None), ["P_new is None"]),
    (lambda P, dP, v, lr, mu: None, ["placeholder"]),
    (lambda P, dP, v, lr, mu: [][0], ["IndexError"]),
    (lambda P, dP, v, lr, mu: ((P + mu * v - lr * dP).T, (mu * v - lr * dP)), ["transposed"]),
])
def test_07_momentum_slips(answer, phrases):
    verdict(ex07.check_momentum_step(answer), False, *phrases)


# ---- exercise 4b: the Adam step -----------------------------------------------------------


def _adam(slip=None):
    def adam_step(P, dP, m, s, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        if slip == "defaults":
            beta1, beta2 = 0.9, 0.999
        if slip == "eps default":
            eps = 1e-8
        b_m, b_s = (beta2, beta1) if slip == "betas swapped" else (beta1, beta2)
        a_m, a_s = (1.0, 1.0) if slip == "no 1-beta" else (1 - b_m, 1 - b_s)
        m = b_m * m + a_m * dP
        s = b_s * s + a_s * (dP if slip == "dP not squared" else dP ** 2)
        tt = {"t-1": t - 1, "t+1": t + 1, "t=1": 1}.get(slip, t)
        if slip == "(1-beta)^t":
            m_hat, s_hat = m / (1 - b_m) ** tt, s / (1 - b_s) ** tt
        else:
            m_hat, s_hat = m / (1 - b_m ** tt), s / (1 - b_s ** tt)
        if slip in ("no correction", "s only"):
            m_hat = m
        if slip in ("no correction", "m only"):
            s_hat = s
        root = {"eps inside": lambda: np.sqrt(s_hat + eps), "no sqrt": lambda: s_hat + eps}.get(
            slip, lambda: np.sqrt(s_hat) + eps)()
        step = lr * m_hat / root
        P_new = P + step if slip == "plus" else P - step
        if slip == "order":
            return m, s, P_new
        return P_new, m, s
    return adam_step


def _adam_in_place(P, dP, m, s, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m *= beta1
    m += (1 - beta1) * dP
    s *= beta2
    s += (1 - beta2) * dP * dP
    P -= lr * (m / (1 - beta1 ** t)) / (np.sqrt(s / (1 - beta2 ** t)) + eps)
    return P, m, s


def _adam_float32(P, dP, m, s, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    f = np.float32                           # float32 arrays; the settings stay Python floats
    return SOL.adam_step(P.astype(f), dP.astype(f), m.astype(f), s.astype(f), t, lr, beta1,
                         beta2, eps)


def _adam_by_optim(P, dP, m, s, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    params = {"P": P.copy()}
    rule = optim.Adam(params, beta1, beta2, eps)
    rule.m["P"][...], rule.s["P"][...], rule.t = m, s, t - 1
    rule.step(params, {"P": dP}, lr)
    return params["P"], rule.m["P"], rule.s["P"]


@pytest.mark.parametrize("answer", [SOL.adam_step, _adam(), _adam_in_place, _adam_float32,
                                    _adam_by_optim],
                         ids=["solution", "written out", "in place", "float32", "optim.Adam"])
def test_07_adam_right_answers_pass(answer):
    verdict(ex07.check_adam_step(answer), True, "optim.Adam")


@pytest.mark.parametrize("slip, phrases", [
    ("no correction", ["t = 1", "no bias correction", "1 − β₁ᵗ"]),
    ("t-1", ["at update t = 1", "NaN or infinite", "1 − β₁⁰ = 0"]),
    ("t+1", ["uses t + 1"]),
    ("t=1", ["at update t = 2", "always uses t = 1"]),
    ("m only", ["m is bias-corrected but s is not"]),
    ("s only", ["s is bias-corrected but m is not"]),
    ("eps inside", ["eps = 0.001", "ε is inside the square root"]),
    ("no sqrt", ["the square root is missing"]),
    ("(1-beta)^t", ["(1 − β)ᵗ", "1 − βᵗ"]),
    ("plus", ["uphill"]),
    ("betas swapped", ["β₁ and β₂ are swapped"]),
    ("no 1-beta", ["(1 − β) factors are missing"]),
    ("dP not squared", ["SQUARED gradient"]),
    ("defaults", ["beta1 = 0.8", "β₁ = 0.9 and β₂ = 0.999 whatever it is given"]),
    ("eps default", ["ε = 1e-8 whatever it is given"]),
    ("order", ["in the order", "`return P_new, m_new, s_new`"]),
])
@pytest.mark.filterwarnings("ignore::RuntimeWarning")   # the slips' own 1/0 and √(negative)
def test_07_adam_slips(slip, phrases):
    verdict(ex07.check_adam_step(_adam(slip)), False, *phrases)


@pytest.mark.parametrize("answer, phrases", [
    (lambda P, dP, m, s, t, lr, beta1=0.9, beta2=0.999, eps=1e-8: None, ["placeholder"]),
    (lambda P, dP, m, s, t, lr, beta1=0.9, beta2=0.999, eps=1e-8: (None, None, None),
     ["P_new is None"]),
    (lambda P, dP, m, s, t, lr, beta1=0.9, beta2=0.999, eps=1e-8: SOL.adam_step(
        P, dP, m, s, t, lr, beta1, beta2, eps)[0], ["return 3 things"]),
    (lambda P, dP, m, s, t, lr, beta1, beta2, eps: 0, ["defined as", "calls it with 6"]),
    (lambda P, dP, m, s, t, lr, beta1=0.9, beta2=0.999, eps=1e-8: float("s"), ["ValueError"]),
    (lambda P, dP, m, s, t, lr, beta1=0.9, beta2=0.999, eps=1e-8: (lambda r: (r[0], r[1], r[2] * 7))(
        SOL.adam_step(P, dP, m, s, t, lr, beta1, beta2, eps)), ["s_new", "different values"]),
])
def test_07_adam_garbage(answer, phrases):
    verdict(ex07.check_adam_step(answer), False, *phrases)


# ---- exercise 4c: the gradient of weight decay ------------------------------------------------


@pytest.mark.parametrize("answer", [
    SOL.l2_gradient, lambda W, lam: W * lam, lambda W, lam: np.multiply(lam, W),
    lambda W, lam: (lam * W).astype(np.float32), lambda W, lam: (lam * W).tolist(),
    lambda W, lam: optim.l2_gradient({"W": W}, lam)["W"],
], ids=["solution", "W * lam", "np.multiply", "float32", "a list", "optim"])
def test_07_weight_decay_right_answers_pass(answer):
    verdict(ex07.check_weight_decay(answer), True, "optim.l2_gradient", "central differences")


@pytest.mark.parametrize("answer, phrases", [
    (lambda W, lam: lam * W / 2, ["λ·W/2", "cancels"]),
    (lambda W, lam: 2 * lam * W, ["2λ·W"]),
    (lambda W, lam: lam * np.sign(W), ["L1 penalty"]),
    (lambda W, lam: W, ["W itself"]),
    (lambda W, lam: -lam * W, ["sign is flipped"]),
    (lambda W, lam: (1 - lam) * W, ["after a decay step"]),
    (lambda W, lam: lam / 2 * np.sum(W ** 2), ["the penalty λ/2 ‖W‖² itself"]),
    (lambda W, lam: lam * np.sum(W ** 2), ["λ‖W‖²"]),
    (lambda W, lam: lam, ["λ alone"]),
    (lambda W, lam: lam ** 2 * W, ["λ²·W"]),
    (lambda W, lam: 0.1 * W, ["lam = 0.03", "0.1·W", "number written in"]),
    (lambda W, lam: (lam * W).T, ["transposed"]),
    (lambda W, lam: None, ["placeholder"]),
    (lambda W, lam: W @ W, ["matmul"]),
])
def test_07_weight_decay_slips(answer, phrases):
    verdict(ex07.check_weight_decay(answer), False, *phrases)


# ---- exercise 5: He initialisation -----------------------------------------------------------


@pytest.mark.parametrize("answer, same", [
    (SOL.he_init, True),
    (lambda n_in, n_out, rng: rng.standard_normal((n_in, n_out)) * np.sqrt(2 / n_in), True),
    (lambda n_in, n_out, rng: np.sqrt(2.0 / n_in) * rng.normal(0, 1, (n_in, n_out)), True),
    (lambda n_in, n_out, rng: rng.normal(0, np.sqrt(2 / n_in), (n_out, n_in)).T, False),
    (lambda n_in, n_out, rng: rng.normal(0, np.sqrt(2 / n_in), (n_in, n_out)).astype(np.float32), True),
    (lambda n_in, n_out, rng: init_layer(n_in, n_out, "he", rng)[0], True),
    (lambda n_in, n_out, rng: rng.normal(scale=(2 / n_in) ** 0.5, size=n_in * n_out).reshape(n_in, n_out), True),
], ids=["solution", "standard_normal", "scaled", "transposed draw", "float32", "init_layer", "reshaped"])
def test_07_he_init_right_answers_pass(answer, same):
    verdict(ex07.check_he_init(answer), True, "N(0, 2/n_in)", "drawn from rng")
    assert ("the very numbers network.init_layer" in ex07.check_he_init(answer).message) is same


def _uniform_with_he_spread(n_in, n_out, rng):
    r = np.sqrt(3 * 2 / n_in)                  # U(−r, r) has the std √(2/n_in)
    return rng.uniform(-r, r, (n_in, n_out))


def _own_seed(n_in, n_out, rng):
    return np.random.default_rng(0).normal(0, np.sqrt(2 / n_in), (n_in, n_out))


@pytest.mark.parametrize("answer, phrases", [
    (lambda n_in, n_out, rng: rng.normal(0, np.sqrt(1 / n_in), (n_in, n_out)), ["√(1/n_in)", "LeCun", "Xavier"]),
    (lambda n_in, n_out, rng: rng.normal(0, 2 / n_in, (n_in, n_out)), ["VARIANCE", "standard deviation"]),
    (lambda n_in, n_out, rng: rng.normal(0, np.sqrt(2 / n_out), (n_in, n_out)), ["√(2/n_out)", "fan-in"]),
    (lambda n_in, n_out, rng: rng.normal(0, np.sqrt(2 / (n_in + n_out)), (n_in, n_out)),
     ["√(2/(n_in + n_out))", "Glorot"]),
    (lambda n_in, n_out, rng: rng.uniform(-0.5, 0.5, (n_in, n_out)), ["U(−0.5, 0.5)", "essay"]),
    (lambda n_in, n_out, rng: init_layer(n_in, n_out, "xavier", rng)[0], ["Glorot", "uniform, not normal"]),
    (_uniform_with_he_spread, ["kurtosis", "1.8", "normal distribution"]),
    (lambda n_in, n_out, rng: rng.standard_normal((n_in, n_out)), ["standard normal, std 1"]),
    (lambda n_in, n_out, rng: rng.normal(0, np.sqrt(2 / n_in), (n_out, n_in)), ["transposed shape"]),
    (lambda n_in, n_out, rng: np.random.normal(0, np.sqrt(2 / n_in), (n_in, n_out)), ["not from np.random"]),
    (_own_seed, ["do not change when the generator does"]),
    (lambda n_in, n_out, rng: np.full((n_in, n_out), 0.01), ["every entry is 0.01"]),
    (lambda n_in, n_out, rng: np.zeros((n_in, n_out)), ["every entry is 0"]),
    (lambda n_in, n_out, rng: np.tile(rng.normal(0, np.sqrt(2 / n_in), n_out), (n_in, 1)),
     ["every row (or column) is the same"]),
    (lambda n_in, n_out, rng: rng.normal(0.1, np.sqrt(2 / n_in), (n_in, n_out)), ["centred on 0"]),
    (lambda n_in, n_out, rng: init_layer(n_in, n_out, "he", rng), ["return W only"]),
    (lambda n_in, n_out, rng: None, ["placeholder"]),
    (lambda n_in, n_out, rng: rng.normal(0, np.sqrt(2 / n_in), n_in), ["shape (500,)"]),
    (lambda n_in, n_out, rng: rng.normal(0, np.sqrt(2 / n_in), (n_in, n_out))
     if n_in > 10 else np.zeros((n_out, n_in)), ["n_in = 3, n_out = 2", "transposed"]),
    (lambda n_in, n_out, rng: rng.normal(0, np.sqrt(2 / n_in), (n_in, n_out)) * np.nan, ["NaN"]),
    (lambda n_in, n_out: 0, ["defined as"]),
])
def test_07_he_init_slips(answer, phrases):
    verdict(ex07.check_he_init(answer), False, *phrases)


def test_07_he_init_tolerances_hold_with_a_wide_margin_on_many_seeds():
    """The statistics of right answers stay far inside the checker's tolerances, whatever the
    seed: at most a fifth of the 3 % on the std, of 0.05σ on the mean and of 0.25 on the
    kurtosis (they sit about 20 standard errors out)."""
    for seed in range(20):
        for n_in, n_out in ex07.HE_SHAPES:
            W = init_layer(n_in, n_out, "he", np.random.default_rng(1000 + seed))[0]
            mean, std, kurtosis = ex07._moments(W)
            sigma = np.sqrt(2 / n_in)
            assert abs(std / sigma - 1) < 0.006 and abs(mean) < 0.01 * sigma
            assert abs(kurtosis - 3) < 0.05


def test_07_he_init_scales_named_are_told_apart_on_the_shapes_checked():
    """Every wrong scale is more than 3 % away from He's, and from each other, on some shape."""
    scales = [lambda a, b: np.sqrt(2 / a)] + [scale for scale, _ in ex07.SCALES]
    for i, f in enumerate(scales):
        for g in scales[i + 1:]:
            assert any(abs(f(a, b) / g(a, b) - 1) > 0.09 for a, b in ex07.HE_SHAPES)


# ---- every checker: fast, with progress -------------------------------------------------------

ANSWERS = {"check_backprop": (SOL.model_forward, SOL.model_backward),
           "check_sgd_epoch": (SOL.sgd_epoch,), "check_choose_by_validation": (SOL.choose_by_validation,),
           "check_momentum_step": (SOL.momentum_step,), "check_adam_step": (SOL.adam_step,),
           "check_weight_decay": (SOL.l2_gradient,), "check_he_init": (SOL.he_init,)}


@pytest.fixture
def fresh_session(monkeypatch):
    monkeypatch.setattr(_feedback, "_latest", {})


def test_07_progress_lists_the_exercises_in_order_and_the_solutions_finish_them(fresh_session):
    p = ex07.progress()
    assert p.todo == list(ANSWERS) and p.done == []
    assert repr(p) == ("0 of 7 exercises done; next: the backprop exercise (ex.check_backprop, "
                       "not tried yet).")
    ex07.check_backprop(lambda *a: None, SOL.model_backward)
    assert ex07.progress().tried == ["check_backprop"]
    for name, args in ANSWERS.items():
        assert getattr(ex07, name)(*args).correct, name
    assert repr(ex07.progress()) == "7 of 7 exercises done ✔ — every checker of this notebook says Correct."


@pytest.mark.parametrize("name", list(ANSWERS))
def test_07_each_checker_answers_quickly(name):
    """Each takes about 0.1 s or less on an idle machine; 3 s leaves room for a busy one."""
    start = time.perf_counter()
    feedback = getattr(ex07, name)(*ANSWERS[name])
    assert feedback.correct and time.perf_counter() - start < 3.0, feedback.message


def test_07_a_solution_name_for_every_learner_function():
    """The notebook's exercise table (nnla_helpers.exercises.NOTEBOOKS, added with the
    notebook) will name these functions; tools/classroom.py looks them up here."""
    names = {"model_forward", "model_backward", "sgd_epoch", "choose_by_validation", "momentum_step",
             "adam_step", "l2_gradient", "he_init"}
    assert all(callable(getattr(SOL, n, None)) for n in names)


def _stops_at_the_first_rise(runs):
    """Each run's loss followed only while it falls: the first bump is taken for the end."""
    best = None
    for lr, run in runs.items():
        v, e = run["val_loss"], 0
        while e + 1 < len(v) and v[e + 1] < v[e]:
            e += 1
        if best is None or v[e] < best[0]:
            best = (v[e], lr, e + 1)
    return best[1], best[2]


def test_07_choose_the_first_bump_is_not_the_end():
    verdict(ex07.check_choose_by_validation(_stops_at_the_first_rise), False)
