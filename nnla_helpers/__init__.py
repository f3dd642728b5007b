"""nnla_helpers — the NumPy code behind the nnla notebooks ("Neural Networks through Linear Algebra").

Where each equation lives (each once), and the notebook that teaches it:

    module        what it holds                                                  notebooks
    activations   g and g' for ReLU, leaky ReLU, sigmoid (c, β), tanh; softmax,  03, 04
                  log-softmax, the softmax Jacobian
    layers        each layer's forward beside its backward: dense Z = A W + b,    02–05
                  activation A = g(Z), dropout Ã = A ⊙ D / p; each loss beside
                  its gradient (softmax + cross-entropy, sigmoid + BCE, MSE);
                  where the 1/m lives; the fast path's one trick (memory order)
    network       MLP: forward = the layer pairs for l = 1…L, backward = l = L…1;  02–06
                  init schemes; predictions and accuracy
    linear        linear regression O = X W + b with the MSE, its gradients,      01
                  one descent step, the least-squares answer, updates to a target
    losses        the losses and gradients of ``layers`` with input checks, and   01, 03, 04
                  the essay's cross-entropy of probabilities
    train         Trainer (steps, momentum or Adam, weight decay, history,         01, 03, 05–07
                  divergence), EarlyStopping, train()
    optim         the update rules: momentum, Adam with its bias correction; the   07
                  L2 penalty beside its gradient
    gradcheck     finite differences, relative error, the verdict a notebook prints 01–06
    metrics       confusion counts, the most confident mistakes                    06
    data          MNIST from data/mnist (checksummed), one-hot, toy 2-D sets       01–06
    checks, errors  the input checks every public function runs at its door, and   all
                  the plain-words errors they raise (all are ``NnlaError``)
    blas          how many threads NumPy's matrix products use                     06
    memory        memory kept between training steps (glibc's heap settings)       all
    plots         static figures, one module per topic (``plots.__init__`` lists)  01–06
    widgets       the interactive widgets (``widgets.__init__`` lists them)         01–06
    exercises     the checkers of the exercises, one module per topic              01–06
    grade         python -m nnla_helpers.grade: a class's notebooks run, each      (teachers)
                  checker's verdict collected into grades.csv and grades.html
    style         colours, fonts, the figure factory and the one PNG writer        all

Notation everywhere: samples are rows. X (m, n_in), W (n_in, n_out), b (n_out,), Z = X W + b.

This package imports NumPy only; ``plots`` and ``widgets`` import matplotlib and ipywidgets
when you import them yourself.
"""

from . import blas  # first: sets NumPy's BLAS to one thread before any product runs
from . import memory  # and keeps freed memory for the next step's arrays (Linux)
from . import (activations, checks, data, errors, gradcheck, layers, linear, losses, metrics,
               network, optim, train)
from .data import load_mnist, one_hot
from .errors import (BadValueError, DataFileError, DivergenceError, LabelError, NnlaError,
                     SettingError, ShapeError)
from .network import MLP
from .train import History, Trainer

__version__ = "0.1.0"

__all__ = ["activations", "blas", "memory", "checks", "data", "errors", "gradcheck", "layers", "linear",
           "losses", "metrics", "network", "optim", "train", "load_mnist", "one_hot", "MLP", "Trainer",
           "History", "NnlaError", "BadValueError", "DataFileError", "DivergenceError",
           "LabelError", "SettingError", "ShapeError"]
