"""Loss curves of a training run — notebooks 01, 05, 06."""

import numpy as np

from ..errors import ShapeError
from ..style import TRAIN_COLOR, VAL_COLOR, course_style, new_figure


def loss_curves(history=None, train=None, val=None, x=None, log=True, xlabel="epoch", title=None):
    """Figure: train (and validation) loss. Pass a ``History`` or the lists ``train``/``val``.
    Notebooks 01, 05, 06."""
    if history is not None:
        train, val = history.train_loss, history.val_loss
    if train is None or len(train) == 0:
        raise ValueError("loss_curves needs some losses: pass a History or train=[...].")
    train = np.asarray(train, dtype=float)
    x = np.arange(1, len(train) + 1) if x is None else np.asarray(x)
    if x.shape[0] != train.shape[0]:
        raise ShapeError(f"x has {x.shape[0]} positions but train has {train.shape[0]} losses.")
    fig = new_figure(5.5, 3.8, layout="constrained")
    with course_style():
        ax = fig.add_subplot()
        ax.plot(x, train, color=TRAIN_COLOR, label="train")
        if val is not None and len(val):
            ax.plot(x[:len(val)], np.asarray(val, dtype=float), color=VAL_COLOR, label="validation")
        if log and np.all(train > 0):
            ax.set_yscale("log")
        ax.set_xlabel(xlabel)
        ax.set_ylabel("loss")
        ax.legend()
        ax.set_title(title or "loss")
    return fig
