"""Dense (fully connected) networks of any depth — notebooks 02–06.

An ``MLP`` is a list of layers; layer l is three pairs from ``layers``, in this order:

    Z_l = A_{l−1} W_l + b_l          dense_forward         A_0 = X (m, n_in)
    A_l = g_l(Z_l)                   activation_forward    for l = L the output activation
    Ã_l = A_l ⊙ D_l / p              dropout_forward       hidden layers, training, keep_prob < 1

``forward`` runs them for l = 1 … L and keeps their caches. ``backward`` starts from the
loss's own gradient dZ_L (``loss_and_delta``: the loss pairs of ``layers``) and runs the
backward of each pair in the reverse order, for l = L … 1:

    dW_l = A_{l−1}ᵀ dZ_l,  db_l = Σ_rows dZ_l,  dA_{l−1} = dZ_l W_lᵀ     dense_backward
    dA_{l−1} ← dA_{l−1} ⊙ D_{l−1} / p                                  dropout_backward
    dZ_{l−1} = dA_{l−1} ⊙ g_{l−1}'(Z_{l−1})                             activation_backward

The 1/m of the mean loss is inside the loss's gradient (see ``layers``), so dW and db need none.
The network checks X and Y once, at its door, and then calls each pair's ``.formula``: the
same equations without a learner's checks at every layer.

``loss_and_gradients(X, Y, fast=True)`` — what the ``Trainer`` runs at every step — is the
fast path, ``_fast_pass``: the same equations with the same numbers, written into buffers kept
from one step to the next (see its docstring). Everywhere else the pairs run as above.
"""

import numpy as np

from . import checks
from .checks import as_array, check_matmul, check_rows_sum_to_one
from .data import as_targets
from .errors import LabelError, SettingError, ShapeError
from .layers import (LOSSES, LayerCache, activation_backward, activation_forward, check_activation,
                     check_keep_prob, check_mask, dense_backward, dense_forward, dropout_backward,
                     dropout_forward, dropout_mask, memory_order, softmax_cross_entropy)

INIT_SCHEMES = ("he", "xavier", "uniform")
INIT_ALIASES = {"essay": "uniform"}     # essay 001 draws every weight and bias from U(−0.5, 0.5)

# output activation -> loss used when none is given: the pairs whose gradient is (A − Y)/m
DEFAULT_LOSS = {"softmax": "cross_entropy", "sigmoid": "binary_cross_entropy"}


def init_layer(n_in, n_out, scheme, rng, dtype=np.float64):
    """(W (n_in, n_out), b (n_out,)) drawn by ``scheme`` — notebooks 03, 06:

    - "he":      W ~ N(0, 2 / n_in), b = 0                          (keeps ReLU activations' scale);
    - "xavier":  W ~ U(−r, r), r = √(6 / (n_in + n_out)), b = 0     (Glorot: tanh/sigmoid in range);
    - "uniform": W and b ~ U(−0.5, 0.5), as essay 001 does ("essay" is accepted too).
    """
    scheme = INIT_ALIASES.get(scheme, scheme)
    if scheme == "he":
        W, b = rng.normal(0.0, np.sqrt(2.0 / n_in), (n_in, n_out)), np.zeros(n_out)
    elif scheme == "xavier":
        r = np.sqrt(6.0 / (n_in + n_out))
        W, b = rng.uniform(-r, r, (n_in, n_out)), np.zeros(n_out)
    elif scheme == "uniform":
        W = rng.uniform(-0.5, 0.5, (n_in, n_out))
        b = rng.uniform(-0.5, 0.5, n_out)
    else:
        raise SettingError(f"unknown init scheme {scheme!r}; choose one of "
                           f"{', '.join(INIT_SCHEMES)}.")
    return W.astype(dtype), b.astype(dtype)


class ForwardCache:
    """What ``MLP.forward`` keeps for ``backward``: one ``layers.LayerCache`` per layer.

    For reading: ``Z`` = [Z_1, …, Z_L]; ``inputs`` = [X, Ã_1, …, Ã_{L−1}], what each layer
    multiplied (after dropout, in training); ``output`` = A_L; ``D`` = the dropout masks.
    The activations before dropout are ``layers[l].A``. Notebooks 02–06.
    """

    def __init__(self, layers, fast=False):
        self.layers, self.fast = layers, fast

    @property
    def inputs(self):
        return [layer.dense[0] for layer in self.layers]

    @property
    def Z(self):
        return [layer.Z for layer in self.layers]

    @property
    def D(self):
        return [layer.dropout[0] for layer in self.layers if layer.dropout is not None]

    @property
    def output(self):
        return self.layers[-1].A


class MLP:
    """A multilayer perceptron: ``MLP([2, 16, 16, 3])`` has inputs of size 2, two hidden
    layers of 16 units and 3 outputs — notebooks 02–06.

    hidden:    one activation name for every hidden layer, or a list with one per layer
               ("relu", "leaky_relu", "sigmoid", "tanh", "identity").
    output:    "softmax" (classes), "sigmoid" (independent yes/no outputs) or "identity"
               (regression), or any hidden activation name.
    loss:      "cross_entropy" (with softmax), "binary_cross_entropy" (with sigmoid) or
               "mse"; by default the natural partner of ``output``.
    init:      "he", "xavier" or "uniform" (U(−0.5, 0.5) for weights and biases, essay 001's).
    keep_prob: dropout keep-probability on every hidden layer during training (1 = off).
    seed:      seeds the initial weights and the dropout masks, so runs repeat exactly.
    """

    def __init__(self, layer_sizes, hidden="relu", output="softmax", loss=None, init="he",
                 keep_prob=1.0, seed=0, dtype=np.float64):
        sizes = list(checks.wholes("layer_sizes", checks.listed(
            "layer_sizes", layer_sizes, "list at least an input and an output size",
            "MLP([2, 8, 3]): 2 inputs, 8 hidden units, 3 outputs", at_least=2),
            at_least=1, hint=" It is a layer's number of units."))
        n_hidden = len(sizes) - 2
        hidden = [hidden] * n_hidden if isinstance(hidden, str) else list(hidden) \
            if isinstance(hidden, (list, tuple)) else hidden
        if not isinstance(hidden, list) or len(hidden) != n_hidden:
            raise SettingError(f"{n_hidden} hidden layer(s) need one activation name, or a list "
                               f"of {n_hidden}; got {hidden!r}.")
        for name in hidden:
            check_activation(name, "hidden")
            if name == "softmax":                   # it mixes a row: an output only
                raise SettingError("softmax is an output activation; choose relu, leaky_relu, "
                                   "sigmoid, tanh or identity for the hidden layers.")
        check_activation(output, "output")
        if output == "softmax" and sizes[-1] == 1:
            raise SettingError("softmax over a single output is always 1, so nothing could be "
                               "learned; for one yes/no output use output='sigmoid' (or give "
                               "softmax 2 outputs, one per class).")
        loss = DEFAULT_LOSS.get(output, "mse") if loss is None else loss
        checks.choice("loss", loss, tuple(LOSSES))
        takes_logits_of = LOSSES[loss][1]
        if takes_logits_of is not None and output != takes_logits_of:
            raise SettingError(f"loss {loss!r} does not go with output {output!r}; use "
                               "softmax + cross_entropy, sigmoid + binary_cross_entropy, "
                               "or mse with any output.")
        check_keep_prob(keep_prob)
        if not isinstance(init, str) or INIT_ALIASES.get(init, init) not in INIT_SCHEMES:
            raise SettingError(f"unknown init scheme {init!r}; choose one of "
                               f"{', '.join(INIT_SCHEMES)}.")
        seed = None if seed is None else checks.whole("seed", seed, at_least=0)
        try:
            dtype = np.dtype(dtype)
        except TypeError:
            dtype = None
        if dtype not in (np.float32, np.float64):
            raise SettingError(f"dtype must be np.float64 (the default) or np.float32, but it "
                               f"is {dtype!r}.")
        self.sizes, self.hidden, self.output, self.loss_name = sizes, hidden, output, loss
        self.activations = hidden + [output]        # g_1 … g_L
        self.keep_prob, self.dtype, self.init, self.seed = keep_prob, np.dtype(dtype), init, seed
        self.rng = np.random.default_rng(seed)
        params = [init_layer(a, b, init, self.rng, self.dtype) for a, b in zip(sizes, sizes[1:])]
        self.weights = [W for W, _ in params]
        self.biases = [b for _, b in params]
        self._buffers = {}      # the fast path's scratch arrays, by (name, shape, order)

    def __repr__(self):
        shapes = " → ".join(str(s) for s in self.sizes)
        drop = f", keep_prob={self.keep_prob}" if self.keep_prob < 1 else ""
        return (f"MLP({shapes}, hidden={self.hidden}, output={self.output!r}, "
                f"loss={self.loss_name!r}{drop})")

    # ---- parameters -------------------------------------------------------------------
    def parameters(self):
        """{"W1": W1, "b1": b1, "W2": ...}: the arrays themselves (updating them updates the net)."""
        params = {}
        for i, (W, b) in enumerate(zip(self.weights, self.biases), start=1):
            params[f"W{i}"], params[f"b{i}"] = W, b
        return params

    def get_state(self):
        """A copy of every weight and bias, to restore later with ``set_state``."""
        return {name: p.copy() for name, p in self.parameters().items()}

    def set_state(self, state):
        """Copy saved arrays back into the network's parameters (in place).

        ``state`` is a dict like ``get_state()`` returns: {"W1": W1, "b1": b1, ...}, each
        array shaped like the parameter it replaces."""
        params = self.parameters()
        if not isinstance(state, dict):
            raise SettingError(f"state must be a dict like net.get_state() returns "
                               f"({', '.join(params)}), but it is a {type(state).__name__}.")
        missing = [name for name in params if name not in state]
        extra = [name for name in state if name not in params]
        if missing or extra:
            raise ShapeError(f"state does not fit this network {self.sizes}: it needs "
                             f"{', '.join(params)}"
                             + (f"; missing {', '.join(missing)}" if missing else "")
                             + (f"; unknown {', '.join(map(str, extra))}" if extra else "") + ".")
        checked = {}
        for name, p in params.items():
            a = as_array(f'state["{name}"]', state[name])
            if a.shape != p.shape:
                hint = " Did you mean its transpose, .T?" if a.shape == p.shape[::-1] else ""
                raise ShapeError(f'state["{name}"] has shape {a.shape} but {name} of this network '
                                 f"has shape {p.shape}.{hint}")
            checked[name] = a
        for name, p in params.items():          # only now, so a bad state changes nothing
            p[...] = checked[name]

    # ---- checks at the door -------------------------------------------------------------
    def check_input(self, X, name="X"):
        """X as a float (m, n_in) array of this network's dtype, or a plain-words error."""
        X = as_array(name, X, ndim=2)
        if X.shape[1] != self.sizes[0]:
            raise ShapeError(f"{name} has {X.shape[1]} columns (features), but this network "
                             f"{self.sizes} takes {self.sizes[0]} inputs: {name} must have shape "
                             f"(m, {self.sizes[0]}), one sample per row."
                             + (f" Did you mean {name}.T?" if X.shape[0] == self.sizes[0] else ""))
        check_matmul(name, X, "W1", self.weights[0])
        return X.astype(self.dtype, copy=False)

    def targets(self, Y, m, name="Y", x_name="X"):
        """Y as a float (m, n_out) array; integer labels become one-hot rows."""
        n_y = np.shape(as_array(name, Y, ndim=(1, 2)))[0]
        if n_y != m:
            raise ShapeError(f"{x_name} has {m} samples (rows) but {name} has {n_y}; every "
                             "sample needs exactly one target (label or row).")
        Y = as_targets(np.empty((m, self.sizes[-1]), dtype=self.dtype), Y,
                       "the network's output", name)
        if self.loss_name != "mse" and (Y.min() < 0 or Y.max() > 1):
            raise LabelError(f"targets for {self.loss_name} must lie in [0, 1] (one-hot rows or "
                             f"0/1 labels), but {name} runs from {Y.min():g} to {Y.max():g}.")
        if self.loss_name == "cross_entropy":
            check_rows_sum_to_one(name, Y)
        return Y

    def _check_fast(self, X, Y=None):
        """The fast path skips the NaN scan (done once, by the Trainer), never the shapes."""
        if X.ndim != 2 or X.shape[1] != self.sizes[0]:
            raise ShapeError(f"X has shape {X.shape}; this network takes (m, {self.sizes[0]}).")
        if Y is not None and np.shape(Y) != (X.shape[0], self.sizes[-1]):
            raise ShapeError(f"with fast=True, Y must already be the (m, {self.sizes[-1]}) targets "
                             f"from net.targets(Y, m); it has shape {np.shape(Y)}.")

    # ---- forward, loss, backward ----------------------------------------------------------
    def forward(self, X, training=False, masks=None, fast=False):
        """Run X (m, n_in) through every layer: (A_L (m, n_out), a ``ForwardCache``).

        training=True applies dropout to the hidden layers (when keep_prob < 1), with fresh
        masks from the network's seeded generator, or with ``masks`` (one (m, n_l) 0/1 array
        per hidden layer) — a fixed mask is what a gradient check needs.
        fast=True is the Trainer's fast path: X's values were checked once, when training
        began (its shape is checked here), and products keep their memory order.
        """
        if fast:
            self._check_fast(X)
        A = X if fast else self.check_input(X)
        dropout = training and self.keep_prob < 1
        if dropout and masks is not None:
            masks = self._check_masks(masks, A.shape[0])
        caches = []
        for l, (W, b, g) in enumerate(zip(self.weights, self.biases, self.activations), start=1):
            Z, dense_cache = dense_forward.formula(A, W, b, fast)           # (m, n_{l−1}) → (m, n_l)
            A, activation_cache = activation_forward.formula(Z, g)
            dropout_cache = None
            if dropout and l < len(self.weights):
                D = masks[l - 1] if masks is not None else \
                    dropout_mask.formula(A.shape, self.keep_prob, self.rng, self.dtype)
                A, dropout_cache = dropout_forward.formula(A, D, self.keep_prob)   # D: 0/1, checked
            caches.append(LayerCache(dense_cache, activation_cache, dropout_cache))
        return A, ForwardCache(caches, fast)

    def _check_masks(self, masks, m):
        """One 0/1 mask (m, n_l) per hidden layer, as ``ForwardCache.D`` holds them."""
        shapes = [(m, n) for n in self.sizes[1:-1]]
        if not isinstance(masks, (list, tuple)) or len(masks) != len(shapes):
            raise ShapeError(f"masks must be a list of {len(shapes)} dropout mask(s), one per "
                             f"hidden layer, shaped {', '.join(map(str, shapes))}; got "
                             f"{type(masks).__name__} of {len(masks) if hasattr(masks, '__len__') else 1}.")
        out = []
        for l, (D, shape) in enumerate(zip(masks, shapes), start=1):
            D = as_array(f"masks[{l - 1}]", D).astype(self.dtype, copy=False)
            if D.shape != shape:
                raise ShapeError(f"masks[{l - 1}] has shape {D.shape} but hidden layer {l} has "
                                 f"activations of shape {shape}.")
            check_mask(D)
            out.append(D)
        return out

    def loss_and_delta(self, cache, Y):
        """(L, dZ_L): the loss of the output in ``cache`` against targets Y (from ``targets``)
        and its gradient with respect to the last layer's Z."""
        return self._loss_and_delta(cache.layers[-1].activation, Y)

    def _loss_and_delta(self, last, Y):
        """(L, dZ_L) from the output layer's activation cache ``last`` = (Z_L, A_L, g_L)."""
        loss, takes_logits_of = LOSSES[self.loss_name]
        if takes_logits_of is not None:
            return loss(last[0], Y)                 # from the logits Z_L: dZ_L = (A_L − Y) / m
        L, dA = loss(last[1], Y)
        return L, activation_backward.formula(dA, last)

    def loss_from_cache(self, cache, Y):
        """The loss of the output stored in ``cache`` against targets Y (already via ``targets``)."""
        return self.loss_and_delta(cache, Y)[0]

    def loss(self, X, Y):
        """The loss on (X, Y) in evaluation mode (no dropout)."""
        _, cache = self.forward(X)
        return self.loss_from_cache(cache, self.targets(Y, cache.inputs[0].shape[0]))

    def backward(self, cache, Y, fast=False):
        """Gradients of the loss for every parameter: {"W1": dW1, "b1": db1, ...} — notebook 04.

        Y: (m, n_out) targets, or m integer labels for a softmax/sigmoid output.
        Uses the caches saved by ``forward`` — call forward first.
        """
        X = cache.inputs[0]
        if fast:
            self._check_fast(X, Y)
        Y = Y if fast else self.targets(Y, X.shape[0])
        _, dZ = self.loss_and_delta(cache, Y)
        return self.backward_from(cache, dZ, fast)

    def backward_from(self, cache, dZ, fast=False):
        """The backward pass from dZ_L = ∂L/∂Z_L (``loss_and_delta``) down to layer 1.

        fast=True (the Trainer's fast path) skips dA_0 = ∂L/∂X, which nothing uses.
        """
        grads = {}
        for l in range(len(self.weights), 0, -1):
            dA, grads[f"W{l}"], grads[f"b{l}"] = dense_backward.formula(   # dZ_l (m, n_l) → dA (m, n_{l−1})
                dZ, cache.layers[l - 1].dense, need_dA_prev=not (fast and l == 1))
            if l > 1:                               # down through layer l − 1's dropout and g
                below = cache.layers[l - 2]
                if below.dropout is not None:
                    dA = dropout_backward.formula(dA, below.dropout)
                dZ = activation_backward.formula(dA, below.activation)
        return dict(reversed(list(grads.items())))

    def loss_and_gradients(self, X, Y, training=False, fast=False):
        """One forward and one backward pass: (L, {"W1": dW1, "b1": db1, ...}).

        fast=True is the Trainer's fast path (``_fast_pass``): X and Y were checked once, when
        training began (shapes are checked here); Y must be the targets from ``targets``. The
        gradients it returns live in buffers that the next fast call overwrites.
        """
        if fast:    # fast path: the same equations, in place, in buffers reused at every step
            self._check_fast(X, Y)
            return self._fast_pass(X, Y, training)
        # manual implementation: the layer pairs of ``layers``, one call each
        X = self.check_input(X)
        Y = self.targets(Y, X.shape[0])
        _, cache = self.forward(X, training=training)
        L, dZ = self.loss_and_delta(cache, Y)
        return L, self.backward_from(cache, dZ)

    def _buffer(self, name, shape, order="C"):
        """A scratch array of the fast path: made at the first step, reused at every later one."""
        key = (name, shape, order)
        if key not in self._buffers:
            self._buffers[key] = np.empty(shape, self.dtype, order=order)
        return self._buffers[key]

    def _fast_pass(self, X, Y, training):
        """``forward`` + ``loss_and_delta`` + ``backward_from``, bit for bit, for a training step.

        The same equations in the same order, without the work a step does not need:
        - every result goes into a buffer kept from the last step with a batch of this shape
          (no new arrays, so no fresh memory to fault in), products with ``out=``;
        - ReLU and its derivative are written in place: A = max(Z, 0), dZ = dA ⊙ [Z > 0];
        - softmax + cross-entropy takes its exponentials once, for L and for dZ_L
          (``layers.softmax_cross_entropy(..., out=)``); the plain forward computes softmax(Z_L)
          for A_L and again inside the loss;
        - no dA_0 = ∂L/∂X for the first layer: nothing uses it;
        - products keep the memory order of their left factor (``layers.memory_order``).
        Other activations and losses, and dropout (the same masks from the same generator),
        call their ``layers`` formulas as ``forward`` does.
        """
        n_layers, dropout = len(self.weights), training and self.keep_prob < 1
        inputs, activations, dropouts = [], [], []
        A = X
        for l, (W, b, g) in enumerate(zip(self.weights, self.biases, self.activations), start=1):
            inputs.append(A)
            Z = np.matmul(A, W, out=self._buffer(("Z", l), (A.shape[0], W.shape[1]), memory_order(A)))
            Z += b                                                  # Z_l = A_{l−1} W_l + b_l  (m, n_l)
            if l == n_layers and self.loss_name == "cross_entropy":
                activations.append((Z, None, g))    # softmax(Z_L): inside the loss, below
                break
            if g == "relu":                                         # A_l = max(Z_l, 0)
                A = np.maximum(Z, 0, out=self._buffer(("A", l), Z.shape, memory_order(Z)))
            else:
                A = activation_forward.formula(Z, g)[0]             # A_l = g_l(Z_l)
            activations.append((Z, A, g))
            D = None
            if dropout and l < n_layers:                            # Ã_l = A_l ⊙ D_l / p
                D = dropout_mask.formula(A.shape, self.keep_prob, self.rng, self.dtype)
                A = dropout_forward.formula(A, D, self.keep_prob)[0]
            dropouts.append(D)
        if self.loss_name == "cross_entropy":       # L and dZ_L = (softmax(Z_L) − Y) / m, in place
            L, dZ = softmax_cross_entropy.formula(
                Z, Y, out=(self._buffer("shifted", Z.shape, memory_order(Z)),
                           self._buffer("dZ", Z.shape, memory_order(Z))))
        else:
            L, dZ = self._loss_and_delta(activations[-1], Y)
        grads = {}
        for l in range(n_layers, 0, -1):
            A_prev, W = inputs[l - 1], self.weights[l - 1]
            grads[f"W{l}"] = np.matmul(A_prev.T, dZ, out=self._buffer(("dW", l), W.shape))
            grads[f"b{l}"] = np.sum(dZ, axis=0, out=self._buffer(("db", l), W.shape[1:]))
            if l == 1:                              # dW_1 = Xᵀ dZ_1, db_1 = Σ_rows dZ_1; no ∂L/∂X
                break
            dA = np.matmul(dZ, W.T, out=self._buffer(("dA", l - 1), A_prev.shape, memory_order(dZ)))
            if dropouts[l - 2] is not None:         # dA_{l−1} = dZ_l W_lᵀ, then ⊙ D_{l−1} / p
                dA = dropout_backward.formula(dA, (dropouts[l - 2], self.keep_prob))
            Z, A, g = activations[l - 2]
            if g == "relu":                         # dZ_{l−1} = dA_{l−1} ⊙ [Z_{l−1} > 0], in place
                dZ = np.multiply(dA, np.greater(Z, 0, out=self._mask(Z)), out=dA)
            else:
                dZ = activation_backward.formula(dA, (Z, A, g))
        return L, grads

    def _mask(self, Z):
        """The fast path's 0/1 scratch array [Z > 0] (booleans), shaped and ordered like Z."""
        key = ("mask", Z.shape, memory_order(Z))
        if key not in self._buffers:
            self._buffers[key] = np.empty(Z.shape, bool, order=memory_order(Z))
        return self._buffers[key]

    # ---- predictions --------------------------------------------------------------------
    def predict_proba(self, X):
        """The network's output in evaluation mode: (m, n_out)."""
        return self.forward(X)[0]

    def predict(self, X):
        """Class labels: argmax of a softmax row, A > 0.5 for one sigmoid output; else the output."""
        return predictions(self, self.predict_proba(X))

    def accuracy(self, X, y):
        """Fraction of samples whose predicted class equals the label y (m,) — or one-hot rows."""
        if self.output not in ("softmax", "sigmoid"):
            raise SettingError(f"accuracy counts right class labels, but this network's output "
                               f"is {self.output!r} (regression); compare with net.loss(X, Y).")
        n_classes = self.sizes[-1] if self.output == "softmax" else 2
        X = self.check_input(X)
        checks.check_xy(X, y)
        return accuracy(self.predict(X), y, n_classes)


def predictions(net, A):
    """What the outputs A (m, n_out) of ``net`` predict: a class per row (softmax: the argmax;
    one sigmoid: A > 0.5), 0/1 per output (several sigmoids), else the outputs themselves.
    Notebooks 02–06."""
    if net.output == "softmax":
        return A.argmax(axis=1)
    if net.output == "sigmoid":
        P = (A > 0.5).astype(np.int64)
        return P[:, 0] if A.shape[1] == 1 else P
    return A


def accuracy(predicted, y, n_classes=None):
    """Fraction of positions where predicted labels equal true labels. Accepts one-hot y too.
    Both must be whole-number class labels (0 … n_classes − 1 when n_classes is given).
    Notebooks 02–06."""
    y = as_array("y", y, ndim=(1, 2))
    predicted = as_array("predicted", predicted, ndim=(1, 2))
    if y.ndim == 2 and y.shape[1] > 1 and predicted.ndim == 1:
        checks.check_distribution_rows("y", y)
        y = y.argmax(axis=1)
    y, predicted = y.reshape(-1), predicted.reshape(-1)
    if predicted.shape != y.shape:
        raise ShapeError(f"predicted has {predicted.shape[0]} entries but y has {y.shape[0]} "
                         "labels; accuracy compares one prediction with one label per sample.")
    y = checks.check_labels("y", y, n_classes)
    predicted = checks.check_labels("predicted", predicted, n_classes)
    return float(np.mean(predicted == y))
