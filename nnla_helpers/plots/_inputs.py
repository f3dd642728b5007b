"""The checks every plot makes before it draws: a learner's bad input becomes a package error
that names the argument and the fix, and no figure is made for it.

Each plot checks all its arguments (and computes whatever can still fail, such as a
network's predictions) first, then creates its figure, so a failed call leaves nothing
behind. Numbers and names go through ``checks.number`` / ``checks.whole`` / ``checks.choice``;
arrays through ``checks.as_array``.
"""

import numpy as np
from matplotlib.axes import Axes

from .. import checks
from ..checks import as_array
from ..errors import BadValueError, LabelError, NnlaError, SettingError, ShapeError
from ..metrics import class_labels

MAX_GRID = 1000            # grid points per side of a region or surface plot (a million in all)
MAX_PANELS = 100           # small images in one grid figure (digits, first-layer weights)
MAX_CLASSES = 30           # classes in a confusion matrix whose counts can still be read


def title(value, name="title"):
    """``value`` if it is None or text, else a SettingError."""
    if value is not None and not isinstance(value, str):
        raise SettingError(f"{name} must be text (a str) or None, but it is "
                           f"{type(value).__name__} {value!r}.")
    return value


def text(name, value, example="epoch"):
    """``value`` if it is text, else a SettingError (axis labels and matrix names)."""
    if not isinstance(value, str):
        raise SettingError(f"{name} must be text (a str), e.g. \"{example}\", but it is "
                           f"{type(value).__name__} {value!r}.")
    return value


def flag(name, value):
    """``value`` as a bool if it is True or False, else a SettingError."""
    if not isinstance(value, (bool, np.bool_)):
        raise SettingError(f"{name} must be True or False, but it is {value!r}.")
    return bool(value)


def count(name, value, at_least=1, at_most=None, hint=""):
    """A whole number of things to draw (grid points, columns, images) within bounds."""
    return checks.whole(name, value, at_least=at_least, at_most=at_most, hint=hint)


def axes(ax, name="ax"):
    """``ax`` if it is a matplotlib Axes, else a BadValueError."""
    if not isinstance(ax, Axes):
        raise BadValueError(f"{name} must be a matplotlib Axes to draw into (e.g. "
                            f"fig.add_subplot()), but it is {type(ax).__name__} {short(ax)}.")
    return ax


def short(value, limit=50):
    text_ = repr(value)
    return text_ if len(text_) <= limit else text_[:limit] + "…"


def network(net, name="net"):
    """``net`` if it computes predictions (``predict_proba``, as an MLP does), else an error."""
    if not callable(getattr(net, "predict_proba", None)):
        raise BadValueError(f"{name} must be a network with predict_proba, such as an MLP "
                            f"(e.g. MLP([2, 8, 3])), but it is {type(net).__name__} "
                            f"{short(net)}.")
    return net


def n_inputs(net, want, what, name="net"):
    """ShapeError unless ``net`` (if it says its sizes) takes ``want`` inputs."""
    sizes = getattr(net, "sizes", None)
    if sizes is not None and len(sizes) and sizes[0] != want:
        raise ShapeError(f"{what} needs a network with {want} input(s), but {name} has sizes "
                         f"{list(sizes)}: {sizes[0]} inputs. Pass a network built for this data, "
                         f"e.g. MLP([{want}, …]).")


def predictions(net, X, name="net"):
    """``net.predict_proba(X)`` as a 2-D float array (m, k), or a package error: a learner's own
    network that fails is reported as such, with its error as the cause."""
    try:
        with np.errstate(all="ignore"):
            P = net.predict_proba(X)
    except NnlaError:
        raise
    except Exception as err:       # a learner's own network object, failing in its own code
        raise BadValueError(f"{name}.predict_proba(X) raised {type(err).__name__}: {err}") from err
    try:
        P = np.asarray(P, dtype=float)
    except (TypeError, ValueError):
        raise BadValueError(f"{name}.predict_proba(X) should give an array of numbers, but it "
                            f"gave {type(P).__name__} {short(P)}.") from None
    P = P.reshape(-1, 1) if P.ndim == 1 else P
    if P.ndim != 2 or P.shape[0] != np.shape(X)[0]:
        raise ShapeError(f"{name}.predict_proba(X) should give one row per sample of X "
                         f"({np.shape(X)[0]} rows), but it has shape {P.shape}.")
    return P


def finite_outputs(P, name="net"):
    """BadValueError if a network's outputs are NaN or infinite: its weights have diverged."""
    if not np.all(np.isfinite(P)):
        raise BadValueError(f"{name}'s outputs contain NaN or infinite values, so there is "
                            "nothing to draw: its weights have diverged (the learning rate was "
                            "too large?). Retrain it with a smaller learning rate.")
    return P


def labels(name, y, m, data_name, n_classes=None):
    """Class labels (m,) — labels or one-hot rows — one per sample of ``data_name``, each one
    of the ``n_classes`` classes of the network (if given)."""
    y = class_labels(y, name)
    if y.shape[0] != m:
        raise ShapeError(f"{data_name} has {m} samples but {name} has {y.shape[0]} labels; pass "
                         f"one label per sample (the same slice of both, e.g. {data_name}[:24] "
                         f"and {name}[:24]).")
    if n_classes is not None and y.max() >= n_classes:
        raise LabelError(f"{name} has label {int(y.max())}, but the net tells only {n_classes} "
                         f"classes apart (0..{n_classes - 1}): is it the network for these "
                         f"labels? It needs one output per class.")
    return y


def line_data(X, T):
    """One input and one target per sample, as a fitted line and a loss over (w, b) need:
    X (m, 1) and T (m, 1) float arrays (either may come flat, as (m,))."""
    X = as_array("X", X, ndim=(1, 2))
    X, T = checks.check_xy(X.reshape(-1, 1) if X.ndim == 1 else X, T, "X", "T")
    T = as_array("T", T, ndim=(1, 2))
    if X.shape[1] != 1 or T.size != X.shape[0]:
        raise ShapeError(f"a line through the data (and its loss over w and b) needs one input "
                         f"and one target per sample: X (m, 1) and T (m, 1); got X {X.shape} and "
                         f"T {T.shape}.")
    return X, T.reshape(-1, 1)


def point(name, value):
    """A point (w, b): two finite numbers."""
    p = as_array(name, value, ndim=(1, 2)).reshape(-1)
    if p.size != 2:
        raise ShapeError(f"{name} must be one point (w, b), two numbers, but it has shape "
                         f"{np.shape(value)}.")
    return float(p[0]), float(p[1])
