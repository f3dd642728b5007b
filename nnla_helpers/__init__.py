"""nnla_helpers — the NumPy code behind the nnla notebooks ("Neural Networks through Linear Algebra").

One module per idea; each function mirrors one equation of a notebook:

    activations  ReLU, leaky ReLU, sigmoid, tanh, softmax and their derivatives
    losses       MSE, cross-entropy (stable from logits) and their gradients
    linear       linear regression O = X W + b, its gradients and the least-squares answer
    network      dense layers, forward with a cache, backward, init schemes (MLP)
    dropout      inverted dropout: the mask D, forward and backward
    train        gradient descent (full-batch / mini-batch, momentum, early stopping)
    gradcheck    finite-difference gradient checks
    data         MNIST from data/mnist (checksummed), one-hot, toy 2-D sets
    checks, errors  the input checks and the plain-words errors they raise
    blas         how many threads NumPy's matrix products use (one, but for large batches)

Notation everywhere: samples are rows. X (m, n_in), W (n_in, n_out), b (n_out,), Z = X @ W + b.

This package imports NumPy only; the drawing modules (plots, widgets) import matplotlib
and ipywidgets when you import them yourself.
"""

from . import blas  # first: sets NumPy's BLAS to one thread before any product runs
from . import activations, checks, data, dropout, errors, gradcheck, linear, losses, network, train
from .data import load_mnist, one_hot
from .errors import BadValueError, DataFileError, DivergenceError, LabelError, ShapeError
from .network import MLP
from .train import History, Trainer

__version__ = "0.1.0"

__all__ = ["activations", "blas", "checks", "data", "dropout", "errors", "gradcheck", "linear", "losses",
           "network", "train", "load_mnist", "one_hot", "MLP", "Trainer", "History",
           "BadValueError", "DataFileError", "DivergenceError", "LabelError", "ShapeError"]
