"""An activation and its derivative; softmax as bars — notebook 03."""

import numpy as np

from .. import checks
from ..activations import ACTIVATIONS, softmax, with_params
from ..checks import as_array
from ..errors import SettingError, ShapeError
from ..style import OKABE_ITO, TRAIN_COLOR, VAL_COLOR, class_color, course_style, new_figure
from . import _inputs


def function_and_derivative(name, z=None, title=None, **params):
    """Figure: g(z) and g'(z) on one axes, e.g. ``function_and_derivative("sigmoid", c=2, beta=3)``.

    For ``name="softmax"`` (which mixes a vector) it shows softmax of ``z`` (default
    [2, 1, 0.1, −1]) as bars, at ``temperature`` (default 1).
    Notebook 03.
    """
    title = _inputs.title(title)
    name = checks.choice("name", name, tuple(sorted(ACTIVATIONS)) + ("softmax",))
    if name == "softmax":
        unknown = sorted(set(params) - {"temperature"})
        if unknown:
            raise SettingError(f"softmax has no parameter {unknown[0]!r}; it takes temperature.")
        temperature = checks.number("temperature", params.get("temperature", 1.0), above=0,
                                    hint=" It divides the logits: 1 leaves them as they are.")
        return _softmax_bars(z, temperature, title)
    g, dg = with_params(name, **params)
    if z is None:
        z = np.linspace(-5, 5, 401)
    else:
        z = as_array("z", z, ndim=1)
        if z.size < 2:
            raise ShapeError(f"z needs at least two points to draw a curve through, but it has "
                             f"{z.size}; e.g. z = np.linspace(-5, 5, 401).")
    fig = new_figure(5.5, 3.8, layout="constrained")
    with course_style():
        ax = fig.add_subplot()
        ax.axhline(0, color=OKABE_ITO["grey"], lw=0.8)
        ax.axvline(0, color=OKABE_ITO["grey"], lw=0.8)
        ax.plot(z, g(z), color=TRAIN_COLOR, label="g(z)")
        ax.plot(z, dg(z), color=VAL_COLOR, ls="--", label="g′(z)")
        ax.set_xlabel("z")
        ax.legend(loc="upper left")
        args = ", ".join(f"{k}={v:g}" for k, v in params.items())
        ax.set_title(title or f"{name}({args})" if args else title or name)
    return fig

def _softmax_bars(z, temperature, title):
    z = np.array([2.0, 1.0, 0.1, -1.0]) if z is None else as_array("z", z, ndim=1)
    p = softmax(z, temperature=temperature)
    fig = new_figure(7, 3.4, layout="constrained")
    with course_style():
        ax_z, ax_p = fig.subplots(1, 2)
        idx = np.arange(z.size)
        ax_z.bar(idx, z, color=OKABE_ITO["grey"])
        ax_z.set_title(f"logits z {z.shape}")
        ax_p.bar(idx, p, color=[class_color(k) for k in idx])
        ax_p.set_ylim(0, 1)
        ax_p.set_title(title or f"softmax(z / T), T = {temperature:g}")
        for ax in (ax_z, ax_p):
            ax.set_xticks(idx)
            ax.set_xlabel("i")
    return fig
