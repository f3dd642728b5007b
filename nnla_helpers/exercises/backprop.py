"""Exercises of notebook 04: a central-difference gradient, and the backward pass of a
one-hidden-layer network (ReLU hidden layer, softmax output, mean cross-entropy).

The network of ``check_backward`` (samples in rows)::

    Z1 = X W1 + b1      A1 = ReLU(Z1)      Z2 = A1 W2 + b2      A2 = softmax(Z2)
    L  = −(1/m) Σ Y ⊙ log A2

    dZ2 = (A2 − Y) / m              dW2 = A1ᵀ dZ2         db2 = Σ_rows dZ2
    dZ1 = (dZ2 W2ᵀ) ⊙ (Z1 > 0)      dW1 = Xᵀ dZ1          db1 = Σ_rows dZ1

(the 1/m of the mean loss sits in dZ2, once, as in ``nnla_helpers.layers``; a learner who puts
it into every dW and db instead gets the same numbers, and the checker accepts that too.)

The network is the package's own ``MLP``: the checker compares the learner's gradients with
finite differences of its loss, names the first parameter whose gradient is wrong, and
recognises the typical mistakes (a missing transpose, a forgotten 1/m, the wrong activation
derivative, a dropped ReLU mask, …), each computed from the network's own forward pass.
"""

import numpy as np

from ..activations import relu_grad, sigmoid_grad
from ..gradcheck import numerical_gradient as _numerical_gradient
from ..gradcheck import relative_error
from ..network import MLP
from ._feedback import as_numbers, call, checker, correct, progress_of, returned_order, wrong

TOLERANCE = 1e-6          # relative error below this counts as "agrees with finite differences"
NAMES = ("dW1", "db1", "dW2", "db2")          # the order backward() returns them in
CHECK_ORDER = ("dW2", "db2", "dW1", "db1")    # the order backprop computes them in
FORMULAS = {"dW2": "dW2 = A1ᵀ dZ2 with dZ2 = (A2 − Y) / m", "db2": "db2 = the sum of the rows of dZ2",
            "dW1": "dW1 = Xᵀ dZ1 with dZ1 = (dZ2 W2ᵀ) ⊙ (Z1 > 0)", "db1": "db1 = the sum of the rows of dZ1"}


# ---- exercise 1: a central-difference gradient -------------------------------------------------


def _numgrad_example():
    x = np.array([[0.3, -1.2, 2.0], [0.7, 1.5, -0.4]])

    def f():
        return float(np.sum(np.sin(x)) + np.sum(x ** 3) / 3)

    return x, f, np.cos(x) + x ** 2            # x, f(), the exact gradient


@checker
def check_numerical_gradient(numerical_gradient):
    """Exercise: ``numerical_gradient(f, x, eps)`` returns the central-difference gradient of
    the number f() with respect to every entry of the array x (f reads x; nudge one entry at a
    time, evaluate, and put it back) — notebook 04."""
    x, f_plain, exact = _numgrad_example()
    eps = 1e-4
    original = x.copy()
    seen = []                                # x as it was at each call of f()

    def f():
        seen.append(x.copy())
        return f_plain()

    grad, error = call(numerical_gradient, f, x, eps, copy=False)      # f reads this very x
    if error:
        if "positional argument" in error.message:
            error.message += (" f takes no arguments: it reads x itself. Nudge an entry of x in "
                              "place (x[i] += eps), call f(), and put the entry back.")
        return error
    if not np.allclose(x, original, rtol=0, atol=1e-12):
        return wrong("after your function ran, x was changed. Put every entry back after nudging "
                     "it (x[i] = original), or the later entries are measured at the wrong point "
                     "— and a network would keep the nudged weights.")
    x[...] = original                        # undo any rounding left by the learner's nudges
    if grad is None:
        return wrong("your function returned None — the exercise cell still has its placeholder; "
                     "return the array of derivatives.")
    integer = np.asarray(grad).dtype.kind in "iub" if isinstance(grad, np.ndarray) else False
    grad, error = as_numbers("the gradient", grad)
    if error:
        return error
    if integer:
        return wrong("your gradient array holds integers, so every derivative was cut to a whole "
                     "number: start from np.zeros_like(x, dtype=float) (or np.zeros(x.shape)).")
    if not np.all(np.isfinite(grad)):
        return wrong("the gradient contains NaN or infinite values; each entry should be "
                     "(f(x + eps) − f(x − eps)) / (2·eps), a finite number.")
    if grad.shape != x.shape:
        return wrong(f"the gradient has shape {grad.shape} but x has shape {x.shape}: there is one "
                     "derivative per entry of x, so the gradient has x's shape "
                     "(start from np.zeros_like(x)).")
    if seen and all(np.array_equal(v, original) for v in seen):
        return wrong(f"f() was called {len(seen)} times, but always with x exactly as it was: "
                     "f reads x itself, so nudging a copy (or another array) changes nothing. "
                     "Change the entry of x in place, x[i] += eps, call f(), then put it back.")
    if not seen:
        return wrong("your function never calls f(): the derivative comes from evaluating f at "
                     "x[i] + eps and at x[i] − eps.")
    err = relative_error(grad, exact)
    if err < 1e-7:
        again, error = call(numerical_gradient, f, x, 10 * eps, copy=False)
        x[...] = original
        again, _ = as_numbers("the gradient", again)
        if error is None and again is not None and np.array_equal(again, grad):
            return wrong(f"your function gives exactly the same numbers for eps = {eps:g} and "
                         f"eps = {10 * eps:g}: it does not use the eps it is given. Nudge by "
                         "x[i] ± eps.")
        bias = np.array([0.4, -0.9, 1.3])        # a 1-D x, like a bias vector

        def f_bias():
            return float(np.sum(np.exp(bias)))

        g, error = call(numerical_gradient, f_bias, bias, eps, copy=False)
        g, error = (None, error) if error else as_numbers("the gradient", g)
        if error or g.shape != bias.shape or relative_error(g, np.exp([0.4, -0.9, 1.3])) > 1e-7:
            return wrong("right for the 2-D x, but not for a 1-D one (a bias vector b, shape (3,)): "
                         "loop over the entries with `for i in np.ndindex(x.shape):`, which works "
                         "for arrays of any shape, instead of loops over rows and columns."
                         + (f" ({error.message})" if error else ""))
        return correct(f"relative error {err:.1e} against the exact gradient: central differences "
                       "are accurate to about eps².")
    # the typical mistakes, computed on the same input
    if not np.any(grad):
        return wrong("the gradient is all zeros: store each difference in its own entry, "
                     "grad[i] = (f_plus − f_minus) / (2·eps), inside the loop.")
    forward, backward = np.zeros_like(x), np.zeros_like(x)
    every_entry = np.zeros_like(x)
    own_steps = {h: np.zeros_like(x) for h in (1e-1, 1e-2, 1e-3, 1e-5, 1e-6)}
    f0 = f()
    for i in np.ndindex(x.shape):
        keep = x[i]
        x[i] = keep + eps
        forward[i] = (f() - f0) / eps
        x[i] = keep - eps
        backward[i] = (f0 - f()) / eps
        for h, g in own_steps.items():
            x[i] = keep + h
            f_h = f()
            x[i] = keep - h
            g[i] = (f_h - f()) / (2 * h)
        x[i] = keep
    x += eps
    f_plus = f()
    x -= 2 * eps
    f_minus = f()
    x[...] = original
    every_entry[...] = (f_plus - f_minus) / (2 * eps)
    hints = [(g, f"these are central differences with a step of {h:g} of your own; use the eps "
                 f"the function is given (here {eps:g}): x[i] ± eps.")
             for h, g in own_steps.items()] + [
        (2 * exact, "every derivative is twice too big: the two points x + eps and x − eps are "
                    "2·eps apart, so divide by 2·eps."),
        (forward, "this is the one-sided difference (f(x + eps) − f(x)) / eps. It works, but its "
                  f"error is about eps (here {relative_error(forward, exact):.0e}) instead of "
                  "eps²: use (f(x + eps) − f(x − eps)) / (2·eps)."),
        (backward, "this is the one-sided difference (f(x) − f(x − eps)) / eps. It works, but its "
                   f"error is about eps (here {relative_error(backward, exact):.0e}) instead of "
                   "eps²: use (f(x + eps) − f(x − eps)) / (2·eps)."),
        (every_entry, "every entry got the same number: you nudged all of x at once. Nudge ONE "
                      "entry at a time (loop with np.ndindex(x.shape)) so each derivative "
                      "belongs to its own entry."),
        (-exact, "the sign is flipped: f(x + eps) comes first, (f(x + eps) − f(x − eps)) / (2·eps)."),
        (exact * eps ** 2, "operator precedence: `/ 2 * eps` divides by 2 and then MULTIPLIES by "
                           "eps. Write the denominator in brackets: / (2 * eps)."),
        (forward / 2, "your second evaluation is at x, not at x − eps: after x[i] += eps, "
                      "subtract 2·eps (or restore x[i] and then subtract eps) to reach x − eps."),
        (np.broadcast_to(exact.sum(axis=1, keepdims=True), x.shape),
         "each ROW got one number: for a 2-D x, x[i] is a whole row, so `for i in "
         "range(len(x))` nudges a row at a time. Loop over every entry with "
         "`for i in np.ndindex(x.shape):`."),
        (np.where(np.arange(x.size).reshape(x.shape) == x.size - 1, exact, 0.0),
         "only the last entry is filled in: `grad[i] = …` must be inside the loop, once per "
         "entry."),
    ]
    for value, why in hints:
        if np.allclose(grad, value, rtol=1e-7, atol=1e-10):
            return wrong(why)
    return wrong(f"the gradient is off: relative error {err:.1e} against the exact gradient "
                 "(a correct one gives about 1e-9). Nudge x[i] by +eps and by −eps, evaluate f() "
                 "each time, and divide the difference by 2·eps.")


# ---- exercise 2: the backward pass -------------------------------------------------------------


def _backward_example(m=6, n=3, h=4, k=4, seed=8):
    """Inputs, one-hot targets and parameters. W2 is square (h = k) on purpose: then
    ``dZ2 @ W2`` (a forgotten transpose) runs without a shape error, and only the numbers
    give it away. No pre-activation is within 0.3 of ReLU's kink at 0."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n))
    Y = np.eye(k)[rng.integers(0, k, m)]
    W1, b1 = rng.normal(size=(n, h)), rng.normal(0, 0.5, size=h)
    W2, b2 = rng.normal(size=(h, k)), rng.normal(0, 0.5, size=k)
    return X, Y, W1, b1, W2, b2


def network(W1, b1, W2, b2):
    """The exercise's network as the package's MLP, holding these very arrays as its parameters
    (so nudging one of them, as finite differences do, nudges the network) — notebook 04."""
    net = MLP([W1.shape[0], W1.shape[1], W2.shape[1]], hidden="relu", output="softmax")
    net.weights, net.biases = [W1, W2], [b1, b2]
    return net


def _typical_mistakes(X, Y, W1, b1, W2, b2):
    """{gradient name: [(wrong value, explanation), …]} — each mistake computed on this input,
    from the network's own forward pass and gradients."""
    net = network(W1, b1, W2, b2)
    m = X.shape[0]
    _, cache = net.forward(X)
    Z1, A1, Z2 = cache.Z[0], cache.layers[0].A, cache.Z[1]
    _, dZ2 = net.loss_and_delta(cache, Y)                   # (A2 − Y) / m
    mask = relu_grad(Z1)
    good = {f"d{name}": g for name, g in net.backward(cache, Y).items()}

    def layer1(dZ1):
        return {"dW1": X.T @ dZ1, "db1": dZ1.sum(axis=0)}

    mistakes = {name: [] for name in NAMES}

    def add(values, why):
        for name, value in values.items():
            mistakes[name].append((value, why))

    add({name: m * g for name, g in good.items()},
        f"off by a factor of m = {m}: the loss is a mean over the m samples, so the gradient "
        "carries a 1/m — put it into dZ2 = (A2 − Y) / m once (or into every dW and db).")
    add({name: g / m for name, g in good.items()},
        f"too small by a factor of m = {m}: you divided by m twice. Put the 1/m in one place "
        "only — into dZ2 = (A2 − Y) / m, or into every dW and db, not both.")
    add({name: -g for name, g in good.items()},
        "the sign is flipped: dZ2 = (A2 − Y) / m (prediction minus target), not Y − A2.")
    n, k = X.shape[1], Y.shape[1]
    for d, what in ((k, f"k = Y.shape[1] = {k}, the number of classes"),
                    (n, f"n = X.shape[1] = {n}, the number of inputs")):
        if d != m:
            add({name: g * m / d for name, g in good.items()},
                f"you divided by {what}; the loss is a mean over the m = X.shape[0] = {m} "
                "samples, so dZ2 = (A2 − Y) / m.")
    A2 = cache.output
    twice = dZ2 * A2 * (1 - A2)
    add({"dW2": A1.T @ twice, "db2": twice.sum(axis=0), **layer1((twice @ W2.T) * mask)},
        "softmax with cross-entropy already gives dZ2 = (A2 − Y) / m — the softmax's derivative "
        "is inside that simple result. Multiplying by A2(1 − A2) as well applies it twice (that "
        "factor belongs to a sigmoid output with squared error, essay 002's network).")
    add({"dW2": mask.T @ dZ2},
        "dW2 came out as (Z1 > 0)ᵀ dZ2: A1 was overwritten by the ReLU mask before dW2 used it. "
        "An in-place change such as `mask = A1; mask[mask > 0] = 1` changes A1 too (both names "
        "point to the same array). Make the mask a new array: (Z1 > 0).astype(float).")
    add({"dW2": dZ2.T @ A1},
        "this is the transpose of the right answer: dW2 = A1ᵀ dZ2. Its rows belong to the "
        "hidden units and its columns to the outputs, like W2 (here both are 4, so the shape "
        "could not warn you).")
    add({"dW2": Z1.T @ dZ2},
        "you used Z1; layer 2 multiplied the activations A1 = ReLU(Z1), so dW2 = A1ᵀ dZ2.")
    no_softmax = (Z2 - Y) / m
    add({"dW2": A1.T @ no_softmax, "db2": no_softmax.sum(axis=0),
         **layer1((no_softmax @ W2.T) * mask)},
        "dZ2 = (A2 − Y) / m uses the softmax probabilities A2 = softmax(Z2), not the raw scores Z2.")
    add(layer1((dZ2 @ W2) * mask),
        "a transpose is missing: the gradient flows back through W2 as dA1 = dZ2 W2ᵀ (W2 is "
        "square here, so dZ2 @ W2 ran without a shape error — only the numbers are wrong).")
    add(layer1(dZ2 @ W2.T),
        "the ReLU mask is missing: dZ1 = (dZ2 W2ᵀ) ⊙ (Z1 > 0). Units that were off (Z1 ≤ 0) in "
        "the forward pass pass no gradient back.")
    add(layer1((dZ2 @ W2.T) * A1),
        "you multiplied by ReLU(Z1) itself; the chain rule needs its derivative, "
        "ReLU′(Z1) = (Z1 > 0), a mask of 0s and 1s.")
    add(layer1((dZ2 @ W2.T) * sigmoid_grad(Z1)),
        "that is the sigmoid's derivative σ(1 − σ); the hidden layer is ReLU, so "
        "g′(Z1) = (Z1 > 0).")
    add(layer1((dZ2 @ W2.T) * (Z1 < 0)),
        "the mask is the wrong way round: ReLU lets through where Z1 > 0, so use (Z1 > 0).")
    return mistakes


def _as_gradients(result):
    """The learner's result as {name: value}, or a Feedback saying how to return it."""
    if result is None:
        return None, wrong("backward returned None — the exercise cell still has its placeholder; "
                           "return dW1, db1, dW2, db2.")
    if isinstance(result, dict):
        got = {}
        for name in NAMES:
            for key in (name, name[1:]):          # "dW1" or "W1"
                if key in result:
                    got[name] = result[key]
        missing = [name for name in NAMES if name not in got]
        if missing:
            return None, wrong(f"the dict you returned has no {', '.join(missing)}; use the keys "
                               "dW1, db1, dW2, db2 (or return the four arrays in that order).")
        return got, None
    if not isinstance(result, (tuple, list)) or len(result) != 4:
        return None, wrong("return four things, in this order: `return dW1, db1, dW2, db2`.")
    return dict(zip(NAMES, result)), None


@checker
def check_backward(backward):
    """Exercise: ``backward(X, Y, W1, b1, W2, b2)`` returns ``(dW1, db1, dW2, db2)``, the
    gradients of the mean cross-entropy of the ReLU → softmax network above.

    Each gradient is compared with central finite differences of the loss; the verdict names
    the first wrong one (in the order backprop computes them: dW2, db2, dW1, db1) and, if the
    mistake is a typical one, what it is — notebook 04."""
    first = _backward_verdict(backward, _backward_example())
    if first is not None and not first.correct:
        return first
    # a second network of other sizes: a number written into the function (6 for m) fails here
    second = _backward_verdict(backward, _backward_example(m=5, n=2, h=3, k=3, seed=9))
    if not second.correct:
        second.message = ("right for the first network (m = 6 samples, 3 → 4 → 4), but not for "
                          "one with m = 5 samples and 2 → 3 → 3 units: " + second.message +
                          " Take every size from the arrays (m = X.shape[0]), never a number "
                          "written into the function.")
        return second
    return first


def _backward_verdict(backward, params):
    """The Feedback on the learner's backward for one network."""
    X, Y, W1, b1, W2, b2 = params
    result, error = call(backward, *(p.copy() for p in params))
    if error:
        return error
    got, error = _as_gradients(result)
    if error:
        return error
    # finite differences of the network's loss with respect to each parameter
    work = [p.copy() for p in params]
    net = network(*work[2:])
    numeric = {}
    for index, name in zip((2, 3, 4, 5), NAMES):
        numeric[name] = _numerical_gradient(lambda: net.loss(X, Y), work[index])
    shapes = dict(zip(NAMES, (W1.shape, b1.shape, W2.shape, b2.shape)))
    order = returned_order(got.values(), numeric,
                           lambda value, right: relative_error(value, right) < TOLERANCE)
    if order is not None and order != NAMES:
        return wrong(f"all four gradients are right, but you returned them as ({', '.join(order)}); "
                     f"return them in the order `return dW1, db1, dW2, db2`.")
    mistakes = _typical_mistakes(*params)
    status, first_problem = {}, None
    for name in CHECK_ORDER:
        verdict = _judge(name, got[name], numeric[name], shapes[name], mistakes[name])
        status[name] = verdict is None
        if verdict is not None and first_problem is None:
            first_problem = verdict
    summary = "  ".join(f"{name} {'✔' if status[name] else '✘'}" for name in CHECK_ORDER)
    if first_problem is None:
        worst = max(relative_error(got[name], numeric[name]) for name in NAMES)
        return correct(f"all four gradients agree with finite differences (largest relative error "
                       f"{worst:.0e}).  {summary}")
    first_problem.message += f"  [{summary}]"
    return first_problem


def _judge(name, value, numeric, shape, mistakes):
    """None if ``value`` agrees with the finite differences, else a Feedback about ``name``."""
    param = name[1:]
    if value is None:
        return wrong(f"{name} is None — replace the placeholder with {FORMULAS[name]}.")
    value, error = as_numbers(name, value)
    if error:
        return error
    if value.shape != shape:
        hint = ""
        if value.shape == shape[::-1] and len(shape) == 2:
            hint = " Its rows and columns are swapped — a transpose in the wrong place?"
        elif value.size != int(np.prod(shape)):
            hint = (" Add up over the samples only (axis=0): one number per unit."
                    if name.startswith("db") else "")
        elif name.startswith("db"):
            hint = (" The numbers may be right, in the wrong shape: sum(axis=0, keepdims=True) "
                    "keeps a (1, k) row, but a bias is a flat (k,) vector — drop keepdims.")
        return wrong(f"{name} has shape {value.shape} but {param} has shape {shape}: a gradient "
                     f"always has its parameter's shape. {FORMULAS[name]}.{hint}")
    if not np.all(np.isfinite(value)):
        return wrong(f"{name} contains NaN or infinite values. The usual cause is log or exp of "
                     "huge numbers (use the package's softmax, which subtracts the row maximum) "
                     "or a division by 0.")
    err = relative_error(value, numeric)
    if err < TOLERANCE:
        return None
    for wrong_value, why in mistakes:
        if np.allclose(value, wrong_value, rtol=1e-5, atol=1e-10):
            return wrong(f"{name} is wrong (relative error {err:.1e} against finite "
                         f"differences): {why}")
    return wrong(f"{name} is wrong: relative error {err:.1e} against finite differences (a correct "
                 f"gradient gives about 1e-9). Check {FORMULAS[name]} and the steps before it.")


progress = progress_of(__name__)     # ex.progress(): this notebook's exercises, this session
