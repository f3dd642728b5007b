"""Loss curves of a training run — notebooks 01, 05, 06."""

import numpy as np

from ..checks import as_array
from ..errors import BadValueError, SettingError, ShapeError
from ..style import TRAIN_COLOR, VAL_COLOR, course_style, new_figure
from . import _inputs


def loss_curves(history=None, train=None, val=None, x=None, log=True, xlabel="epoch", title=None):
    """Figure: train (and validation) loss. Pass a ``History`` or the lists ``train``/``val``.
    Notebooks 01, 05, 06."""
    train, val = _losses(history, train, val)
    x = np.arange(1, len(train) + 1) if x is None else as_array("x", x, ndim=1)
    if x.shape[0] != train.shape[0]:
        raise ShapeError(f"x has {x.shape[0]} positions but train has {train.shape[0]} losses.")
    log = _inputs.flag("log", log)
    xlabel = _inputs.text("xlabel", xlabel, example="epoch")
    title = _inputs.title(title)
    marker = "o" if len(train) == 1 else None        # one loss is a point, not a line
    fig = new_figure(5.5, 3.8, layout="constrained")
    with course_style():
        ax = fig.add_subplot()
        ax.plot(x, train, color=TRAIN_COLOR, label="train", marker=marker)
        if val is not None and len(val):
            ax.plot(x[:len(val)], val, color=VAL_COLOR, label="validation", marker=marker)
        if log and np.all(train > 0):
            ax.set_yscale("log")
        ax.set_xlabel(xlabel)
        ax.set_ylabel("loss")
        ax.legend()
        ax.set_title(title or "loss")
    return fig


def _losses(history, train, val):
    """(train losses, validation losses or None) as 1-D float arrays, from a History or lists."""
    if history is not None:
        if train is not None or val is not None:
            raise SettingError("pass either history (a History) or the lists train= and val=, not both.")
        if isinstance(history, (list, tuple, np.ndarray)):
            raise BadValueError(f"history must be a History (what train(...) returns); for a "
                                f"list of losses use loss_curves(train=losses) — got a "
                                f"{type(history).__name__} of {len(history)}.")
        if not hasattr(history, "train_loss") or not hasattr(history, "val_loss"):
            raise BadValueError(f"history must be a History (what train(...) returns, with "
                                f".train_loss and .val_loss), but it is a "
                                f"{type(history).__name__}.")
        train, val = history.train_loss, history.val_loss
        names = ("history.train_loss", "history.val_loss")
        if train is None or len(train) == 0:
            raise BadValueError("history holds no losses yet: train for at least one epoch first.")
    else:
        names = ("train", "val")
    if train is None or (hasattr(train, "__len__") and len(train) == 0):
        raise BadValueError("loss_curves needs some losses: pass a History or train=[...].")
    train = _finite_losses(names[0], train)
    if val is None or (hasattr(val, "__len__") and len(val) == 0):
        return train, None
    val = _finite_losses(names[1], val)
    if len(val) > len(train):
        raise ShapeError(f"val has {len(val)} losses but train has {len(train)}; there is one "
                         "validation loss per epoch of training, at most.")
    return train, val


def _finite_losses(name, losses):
    """A 1-D float array of losses; NaN or inf (a run that diverged) is refused with its epoch."""
    try:
        raw = np.asarray(losses)
    except (TypeError, ValueError):             # ragged lists
        raw = None
    if raw is None or raw.dtype.kind not in "iuf":
        as_array(name, losses, ndim=1)           # raises the plain-words error for what it is
        raise BadValueError(f"{name} must hold numbers, the loss of each epoch.")
    if raw.ndim != 1:
        raise ShapeError(f"{name} must be a list of losses, one per epoch (1-D), but it has shape "
                         f"{raw.shape}.")
    values = raw.astype(float)
    bad = np.flatnonzero(~np.isfinite(values))
    if bad.size:
        first = int(bad[0])
        raise BadValueError(f"{name} has a loss of {values[first]} at epoch {first + 1}: the run "
                            f"diverged there (a learning rate too large?). Plot only the "
                            f"{first} epoch(s) before it ({name}[:{first}]), or train again with a "
                            "smaller learning rate.")
    return values
