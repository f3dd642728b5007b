"""Dense (fully connected) networks of any depth — notebooks 02–06.

One layer, samples in rows:

    Z = A_prev W + b        A_prev (m, n_in), W (n_in, n_out), b (n_out,), Z (m, n_out)
    A = g(Z)                g applied element by element (softmax row by row)

Backward through that layer, given dZ = ∂L/∂Z (m, n_out):

    dW = A_prevᵀ dZ         (n_in, n_out), like W
    db = Σ_rows dZ          (n_out,),      like b
    dA_prev = dZ Wᵀ         (m, n_in),     like A_prev
    dZ_prev = dA_prev ⊙ g'(Z_prev)

The 1/m of the mean loss is already inside dZ of the last layer, so dW and db need none.
"""

import numpy as np

from . import losses
from .activations import get_activation, softmax, softmax_backward
from .checks import as_array, check_matmul
from .dropout import _check_keep_prob, dropout_forward, dropout_mask
from .errors import LabelError, ShapeError

INIT_SCHEMES = ("essay", "xavier", "he")

# output activation -> loss used when none is given; the pairs have the (A − Y)/m shortcut.
DEFAULT_LOSS = {"softmax": "cross_entropy", "sigmoid": "binary_cross_entropy"}


def init_layer(n_in, n_out, scheme, rng, dtype=np.float64):
    """Return (W (n_in, n_out), b (n_out,)) drawn by ``scheme``:

    - "essay":  W and b ~ U(−0.5, 0.5), as essay 001 does;
    - "xavier": W ~ U(−r, r), r = √(6 / (n_in + n_out)), b = 0  (Glorot: keeps tanh/sigmoid in range);
    - "he":     W ~ N(0, 2 / n_in), b = 0                         (keeps ReLU activations' scale).
    """
    if scheme == "essay":
        W = rng.uniform(-0.5, 0.5, (n_in, n_out))
        b = rng.uniform(-0.5, 0.5, n_out)
    elif scheme == "xavier":
        r = np.sqrt(6.0 / (n_in + n_out))
        W, b = rng.uniform(-r, r, (n_in, n_out)), np.zeros(n_out)
    elif scheme == "he":
        W, b = rng.normal(0.0, np.sqrt(2.0 / n_in), (n_in, n_out)), np.zeros(n_out)
    else:
        raise ValueError(f"unknown init scheme {scheme!r}; choose one of {', '.join(INIT_SCHEMES)}.")
    return W.astype(dtype), b.astype(dtype)


def memory_order(A):
    """ "F" if A is stored column by column (Fortran order, as the Trainer keeps a full batch),
    else "C". Products keep that order, so a softmax's row-wise max and sum over a full batch
    read contiguous columns — on 60 000 × 10 logits that is 50× faster than row by row."""
    return "F" if A.flags.f_contiguous and not A.flags.c_contiguous else "C"


def dense_forward(A_prev, W, b):
    """Z = A_prev W + b. A_prev (m, n_in), W (n_in, n_out), b (n_out,) → Z (m, n_out)."""
    return np.matmul(A_prev, W, order=memory_order(A_prev)) + b


def dense_backward(dZ, A_prev, W, need_dA_prev=True):
    """Return (dW, db, dA_prev) = (A_prevᵀ dZ, Σ_rows dZ, dZ Wᵀ).

    The first layer needs no dA_prev (nobody uses the gradient of the data), which saves
    the largest matrix product on MNIST.
    """
    dW = A_prev.T @ dZ
    db = dZ.sum(axis=0)
    return dW, db, (np.matmul(dZ, W.T, order=memory_order(dZ)) if need_dA_prev else None)


class MLP:
    """A multilayer perceptron: ``MLP([2, 16, 16, 3])`` has inputs of size 2, two hidden
    layers of 16 units and 3 outputs.

    hidden:    one activation name for every hidden layer, or a list with one per layer
               ("relu", "leaky_relu", "sigmoid", "tanh", "identity").
    output:    "softmax" (classes), "sigmoid" (independent yes/no outputs) or "identity"
               (regression), or any hidden activation name.
    loss:      "cross_entropy" (with softmax), "binary_cross_entropy" (with sigmoid) or
               "mse"; by default the natural partner of ``output``.
    init:      "he", "xavier" or "essay" (U(−0.5, 0.5) for weights and biases).
    keep_prob: dropout keep-probability on every hidden layer during training (1 = off).
    seed:      seeds the initial weights and the dropout masks, so runs repeat exactly.
    """

    def __init__(self, layer_sizes, hidden="relu", output="softmax", loss=None, init="he",
                 keep_prob=1.0, seed=0, dtype=np.float64):
        sizes = [int(s) for s in layer_sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(f"layer_sizes needs at least an input and an output size, all >= 1; "
                             f"got {list(layer_sizes)}.")
        n_hidden = len(sizes) - 2
        hidden = [hidden] * n_hidden if isinstance(hidden, str) else list(hidden)
        if len(hidden) != n_hidden:
            raise ValueError(f"{n_hidden} hidden layer(s) need {n_hidden} activation name(s), "
                             f"got {len(hidden)}: {hidden}.")
        for name in hidden + ([output] if output != "softmax" else []):
            get_activation(name)  # raises a clear error for an unknown name
        loss = loss or DEFAULT_LOSS.get(output, "mse")
        allowed = {"cross_entropy": ("softmax",), "binary_cross_entropy": ("sigmoid",)}
        if loss != "mse" and output not in allowed.get(loss, ()):
            raise ValueError(f"loss {loss!r} does not go with output {output!r}; use "
                             "softmax + cross_entropy, sigmoid + binary_cross_entropy, "
                             "or mse with any output.")
        _check_keep_prob(keep_prob)
        self.sizes, self.hidden, self.output, self.loss_name = sizes, hidden, output, loss
        self.keep_prob, self.dtype, self.init, self.seed = keep_prob, np.dtype(dtype), init, seed
        self.rng = np.random.default_rng(seed)
        layers = [init_layer(a, b, init, self.rng, self.dtype) for a, b in zip(sizes, sizes[1:])]
        self.weights = [W for W, _ in layers]
        self.biases = [b for _, b in layers]

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
        """Copy saved arrays back into the network's parameters (in place)."""
        for name, p in self.parameters().items():
            p[...] = state[name]

    # ---- forward ----------------------------------------------------------------------
    def _input(self, X):
        X = as_array("X", X, ndim=2)
        check_matmul("X", X, "W1", self.weights[0])
        return X.astype(self.dtype, copy=False)

    def forward(self, X, training=False, masks=None, check=True):
        """Run X (m, n_in) through every layer. Returns (output A_L (m, n_out), cache).

        training=True applies dropout (when keep_prob < 1) with fresh masks from the
        network's seeded generator, or with ``masks`` (one (m, n_l) 0/1 array per hidden
        layer) when given — a fixed mask is what a gradient check needs.
        The cache keeps every A and Z (and masks D) for ``backward``.
        check=False skips the input checks — for a training loop that checked its data once
        (on all of MNIST the NaN scan costs more than the matrix products).
        """
        X = self._input(X) if check else X
        A, As, Zs, Ds = X, [X], [], []
        n_layers = len(self.weights)
        for l, (W, b) in enumerate(zip(self.weights, self.biases), start=1):
            Z = dense_forward(A, W, b)
            if l < n_layers:
                g, _ = get_activation(self.hidden[l - 1])
                A = g(Z)
                if training and self.keep_prob < 1:
                    D = masks[l - 1] if masks is not None else \
                        dropout_mask(A.shape, self.keep_prob, self.rng, self.dtype)
                    A = dropout_forward(A, D, self.keep_prob)
                    Ds.append(D)
            else:
                A = self._output_activation(Z)
            Zs.append(Z)
            As.append(A)
        return A, {"A": As, "Z": Zs, "D": Ds}

    def _output_activation(self, Z):
        if self.output == "softmax":
            return softmax(Z)
        return get_activation(self.output)[0](Z)

    # ---- loss and backward --------------------------------------------------------------
    def targets(self, Y, m):
        """Y as a float (m, n_out) array; integer labels become one-hot rows."""
        Y_like = np.empty((m, self.sizes[-1]), dtype=self.dtype)
        Y = losses._targets_like(Y_like, Y, "the network's output", "Y")
        if self.loss_name != "mse" and (Y.min() < 0 or Y.max() > 1):
            raise LabelError(f"targets for {self.loss_name} must lie in [0, 1] (one-hot rows or "
                             f"0/1 labels), but Y runs from {Y.min():g} to {Y.max():g}.")
        return Y

    def loss_from_cache(self, cache, Y):
        """The loss of the output stored in ``cache`` against targets Y (already via ``targets``)."""
        Z, A = cache["Z"][-1], cache["A"][-1]
        if self.loss_name == "cross_entropy":
            return losses._softmax_cross_entropy(Z, Y)   # from logits: stable for any Z
        if self.loss_name == "binary_cross_entropy":
            return losses._binary_cross_entropy(Z, Y)
        return losses._mse(A, Y)

    def loss(self, X, Y):
        """The loss on (X, Y) in evaluation mode (no dropout)."""
        _, cache = self.forward(X)
        return self.loss_from_cache(cache, self.targets(Y, cache["A"][0].shape[0]))

    def _output_delta(self, cache, Y):
        """dZ_L = ∂L/∂Z_L. Softmax+cross-entropy and sigmoid+BCE both give (A − Y)/m."""
        Z, A = cache["Z"][-1], cache["A"][-1]
        m = A.shape[0]
        if self.loss_name in ("cross_entropy", "binary_cross_entropy"):
            return (A - Y) / m
        dA = (A - Y) / m                           # ∂(MSE with ½)/∂A
        if self.output == "softmax":
            return softmax_backward(A, dA)
        return dA * get_activation(self.output)[1](Z)

    def backward(self, cache, Y):
        """Gradients of the loss for every parameter: {"W1": dW1, "b1": db1, ...}.

        Y: (m, n_out) targets, or m integer labels for a softmax/sigmoid output.
        Uses the Z, A and dropout masks saved by ``forward`` — call forward first.
        """
        As, Zs, Ds = cache["A"], cache["Z"], cache["D"]
        Y = self.targets(Y, As[0].shape[0])
        dZ = self._output_delta(cache, Y)
        grads = {}
        for l in range(len(self.weights), 0, -1):
            dW, db, dA = dense_backward(dZ, As[l - 1], self.weights[l - 1], need_dA_prev=l > 1)
            grads[f"W{l}"], grads[f"b{l}"] = dW, db
            if l > 1:
                if Ds:                                  # same mask, same 1/p as forward
                    dA = dropout_forward(dA, Ds[l - 2], self.keep_prob)
                dZ = dA * get_activation(self.hidden[l - 2])[1](Zs[l - 2])
        return dict(reversed(list(grads.items())))

    def loss_and_gradients(self, X, Y, training=False, check=True):
        """One forward and one backward pass: (L, {"W1": dW1, "b1": db1, ...})."""
        Y = self.targets(Y, np.shape(X)[0]) if check else Y
        _, cache = self.forward(X, training=training, check=check)
        return self.loss_from_cache(cache, Y), self.backward(cache, Y)

    # ---- predictions --------------------------------------------------------------------
    def predict_proba(self, X):
        """The network's output in evaluation mode: (m, n_out)."""
        return self.forward(X)[0]

    def predict(self, X):
        """Class labels: argmax of a softmax row, A > 0.5 for one sigmoid output; else the output."""
        A = self.predict_proba(X)
        if self.output == "softmax":
            return A.argmax(axis=1)
        if self.output == "sigmoid" and A.shape[1] == 1:
            return (A[:, 0] > 0.5).astype(np.int64)
        return A

    def accuracy(self, X, y):
        """Fraction of samples whose predicted class equals the label y (m,) — or one-hot rows."""
        return accuracy(self.predict(X), y)


def accuracy(predicted, y):
    """Fraction of positions where predicted labels equal true labels. Accepts one-hot y too."""
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] > 1:
        y = y.argmax(axis=1)
    y = y.reshape(-1)
    predicted = np.asarray(predicted).reshape(-1)
    if predicted.shape != y.shape:
        raise ShapeError(f"there are {predicted.shape[0]} predictions but {y.shape[0]} labels.")
    return float(np.mean(predicted == y))
