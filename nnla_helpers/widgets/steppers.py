"""Steppers: walk through a derivation, or a matrix product, one line (one entry) at a time.

    DerivationStepper(steps)          Prev / Next through LaTeX lines, each with the numbers
                                      of a tiny worked example and the shape of every matrix
    forward_backward_steps(net, X, Y) the steps of a forward and backward pass of an MLP
    MatrixMultiplyStepper(X, W, b)    Z = X W + b one entry (or one product) at a time

The derivation is shown as HTML with MathJax (``ipywidgets.HTMLMath``) because LaTeX needs
a real TeX renderer; its ``snapshot()`` draws the same content as a matplotlib figure
(with mathtext) for a notebook read on GitHub or on paper.
"""

import html
import numbers
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import Rectangle
from matplotlib.mathtext import MathTextParser

from .. import checks
from ..checks import as_array, check_bias, check_matmul
from ..errors import BadValueError, SettingError, ShapeError
from ..layers import activation_backward, dense_backward, dense_forward
from ..network import MLP
from ..style import OKABE_ITO, course_style, new_figure, shape_label, subscript
from .base import FigureWidget, LiveWidget, button, error_text, message_html, weak

MAX_SHOWN = 12      # rows/columns of a matrix shown in full; larger ones are cut with "…"


# ---- numbers and small tables ----------------------------------------------------------------


def format_number(v, digits=4):
    """A number rounded for display to ``digits`` significant digits: 0.12345 → "0.1235".

    Never fails: NaN shows as "nan", ±∞ as "∞" and "−∞" (an overflow shows), very large or
    small numbers in e-notation ("1e+308"), anything that is not a number as "?"."""
    digits = min(max(int(digits), 1), 17) if isinstance(digits, numbers.Real) and \
        np.isfinite(digits) else 4
    if isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_)) \
            and abs(int(v)) >= 10 ** 300:             # too large for a float: still a number
        mantissa, exponent = f"{Decimal(int(v)):.{digits - 1}e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
        return f"{mantissa}e{exponent}"
    if np.iscomplexobj(v):
        return "?"
    try:
        v = float(np.asarray(v).reshape(-1)[0]) if np.size(v) == 1 else float(v)
    except (TypeError, ValueError, OverflowError, IndexError):
        return "?"
    if np.isnan(v):
        return "nan"
    if np.isinf(v):
        return "∞" if v > 0 else "−∞"
    if v == 0:
        return "0"                                  # never "-0"
    if abs(v) < 10 ** digits and v == int(v):
        return str(int(v))                          # whole numbers stay whole: 200, not 200.0
    return f"{v:.{digits}g}"


def shape_text(name, A):
    """Caption for a value: "Z₁ (4, 3)", "b₁ (3,)" or "L (a number)"."""
    A = np.asarray(A)
    return f"{subscript(name)} (a number)" if A.ndim == 0 else shape_label(name, A.shape)


def html_table(name, A, digits=4):
    """A small HTML table of A's numbers with its name and shape written under it."""
    A = np.asarray(A, dtype=float)
    rows = np.atleast_2d(A)
    cut_r, cut_c = rows.shape[0] > MAX_SHOWN, rows.shape[1] > MAX_SHOWN
    rows = rows[:MAX_SHOWN, :MAX_SHOWN]
    cell = "padding:2px 8px;text-align:right;font-family:monospace;border:1px solid #ccc"
    body = []
    for r in rows:
        tds = "".join(f"<td style='{cell}'>{format_number(v, digits)}</td>" for v in r)
        body.append(f"<tr>{tds}{'<td>…</td>' if cut_c else ''}</tr>")
    if cut_r:
        body.append("<tr><td>⋮</td></tr>")
    caption = html.escape(shape_text(name, A))
    return (f"<div style='display:inline-block;margin:4px 18px 4px 0;vertical-align:top'>"
            f"<table style='border-collapse:collapse'>{''.join(body)}</table>"
            f"<div style='text-align:center;font-size:14px;margin-top:3px'>{caption}</div></div>")


def draw_matrix(ax, A, name=None, digits=4, fontsize=12):
    """Draw A as a grid of cells with its numbers (and "name (shape)" under it), axis off.

    Returns (cells, texts): 2-D lists of the Rectangle and Text of every entry, so a widget
    can recolour a cell (``set_facecolor``) or change a number (``set_text``) in place.
    """
    A = np.asarray(A, dtype=float)
    grid = np.atleast_2d(A)
    if grid.ndim != 2:
        raise BadValueError(f"{name or 'the array'} has shape {A.shape}; only numbers, vectors "
                            "and matrices can be drawn as a table.")
    n_r, n_c = grid.shape
    cells, texts = [], []
    for i in range(n_r):
        cells.append([]), texts.append([])
        for j in range(n_c):
            rect = Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor="white", edgecolor="#999999")
            ax.add_patch(rect)
            cells[i].append(rect)
            texts[i].append(ax.text(j, i, format_number(grid[i, j], digits), ha="center",
                                    va="center", fontsize=fontsize, family="monospace"))
    ax.set_xlim(-0.55, n_c - 0.45)
    ax.set_ylim(n_r - 0.45, -0.55)
    ax.set_axis_off()
    if name is not None:
        ax.text(0.5, -0.04, shape_text(name, A), transform=ax.transAxes, ha="center", va="top",
                fontsize=fontsize + 1)
    return cells, texts


_MATHTEXT = MathTextParser("path")


# LaTeX that MathJax (the live widget) draws but matplotlib's mathtext (the snapshot) does not
# know, and what mathtext draws instead: the same symbols at text size.
MATHTEXT_SUBSTITUTES = {r"\tfrac": r"\frac", r"\dfrac": r"\frac", r"\textstyle": "",
                        r"\displaystyle": "", r"\text{": r"\mathrm{", r"\operatorname{": r"\mathrm{"}


def to_mathtext(latex):
    """``latex`` with the commands mathtext lacks replaced (``MATHTEXT_SUBSTITUTES``)."""
    for tex, substitute in MATHTEXT_SUBSTITUTES.items():
        latex = latex.replace(tex, substitute)
    return latex


def can_draw(latex):
    """True if the snapshot can draw ``latex`` as mathematics (after ``to_mathtext``)."""
    try:
        _MATHTEXT.parse(f"${to_mathtext(latex)}$")
        return True
    except (ValueError, RuntimeError):
        return False


def mathtext_or_plain(latex):
    """``$latex$`` for mathtext (``to_mathtext``), or — with a warning, since a handout would
    then show raw LaTeX — the plain text. Never an error."""
    if can_draw(latex):
        return f"${to_mathtext(latex)}$"
    warnings.warn(f"matplotlib's mathtext cannot draw {latex!r}; the snapshot shows it as "
                  "plain text. Add a substitute to MATHTEXT_SUBSTITUTES or simplify the line.",
                  stacklevel=2)
    return latex.replace("$", "")


# ---- DerivationStepper -------------------------------------------------------------------------


@dataclass
class Step:
    """One line of a derivation.

    latex:  the line, without dollar signs, e.g. r"Z_1 = X W_1 + b_1";
    values: {name: array} — the quantities this line computes, on the worked example; they
            are kept as given (raw arrays) and only rounded when shown;
    note:   which earlier quantities the line reuses, e.g. "uses X, W₁, b₁ (given)";
    title:  an optional short heading, e.g. "forward · layer 1".
    Notebooks 01–06.
    """
    latex: str
    values: dict = field(default_factory=dict)
    note: str = ""
    title: str = ""

    def __post_init__(self):
        for name in ("latex", "note", "title"):
            if not isinstance(getattr(self, name), str):
                raise SettingError(f"a Step's {name} must be a string, but it is "
                                   f"{getattr(self, name)!r}.")
        if not isinstance(self.values, dict):
            raise SettingError(f"a Step's values must be a dict {{name: array}}, e.g. "
                               f"{{'Z_1': Z1}}; got a {type(self.values).__name__}.")
        self.values = {str(name): _step_value(name, v) for name, v in self.values.items()}


def _step_value(name, v):
    """A Step's value as a float array of at most 2 dimensions. NaN and ±∞ are kept: the
    tables show them ("nan", "∞"), as a diverged network really has them."""
    try:
        a = np.array(v, dtype=float)
    except (TypeError, ValueError):
        raise BadValueError(f"values[{name!r}] of a Step must be a number or an array of "
                            f"numbers; {type(v).__name__} {str(v)[:40]!r} is not.") from None
    if a.ndim > 2:
        raise ShapeError(f"values[{name!r}] of a Step has shape {a.shape}; a table shows a "
                         "number, a vector or a matrix (at most 2-D).")
    return a


class DerivationStepper(LiveWidget):
    """Step a class through a derivation one line at a time: Prev / Next (or the slider).

    Each step shows its LaTeX line, under it the values it computes on a tiny worked
    example as small tables (numbers rounded to 4 significant digits, the shape written
    under each, e.g. "Z₁ (4, 3)"), and a note saying which earlier results it reuses.

        stepper = DerivationStepper([Step(r"Z_1 = X W_1 + b_1", {"Z_1": Z1}, "uses X, W₁, b₁"), ...])
        stepper                        # the live widget
        stepper.snapshot()             # the current step as a figure
        stepper.snapshot(all_steps=True)

    Controls: ``prev_button``, ``next_button``, ``position`` (IntSlider, 1 … number of steps),
    ``views`` (one HTMLMath per step, typeset once; the current one is on screen), ``view``
    (the current one). ``current`` is the Step shown.
    Notebooks 01–06.
    """

    def __init__(self, steps, title="", digits=4):
        self.steps = _check_steps(steps)
        if not isinstance(title, str):
            raise SettingError(f"title must be a string, but it is {title!r}.")
        self.title = title
        self.digits = checks.whole("digits", digits, at_least=1, at_most=15,
                                   hint=" It is how many significant digits a table shows.")
        super().__init__()
        n = len(self.steps)
        self.prev_button = button("◀ Prev", "previous line")
        self.next_button = button("Next ▶", "next line")
        self.position = widgets.IntSlider(value=1, min=1, max=n, description="step")
        # One view per step, every one typeset by MathJax once, when the stepper is shown;
        # Next and Prev then only change which one is on screen (typesetting a step anew
        # would take longer than everything else a click does).
        self.views = [widgets.HTMLMath(value=self._html(i), layout=widgets.Layout(display="none"))
                      for i in range(n)]
        self._on_screen = None
        # weak callbacks: the controls never keep the stepper alive (see widgets.base)
        self.prev_button.on_click(weak(self._on_prev))
        self.next_button.on_click(weak(self._on_next))
        self.position.observe(weak(self._on_position), names="value")
        header = [widgets.HTML(f"<b style='font-size:16px'>{html.escape(title)}</b>")] if title else []
        self.widget = widgets.VBox(header + [
            widgets.HBox([self.prev_button, self.next_button, self.position]),
            widgets.Box(self.views)])
        self._show()

    @property
    def index(self):
        """The current step, counted from 0."""
        return self.position.value - 1

    @property
    def current(self):
        return self.steps[self.index]

    def _on_prev(self, _button):
        self._move(-1)

    def _on_next(self, _button):
        self._move(+1)

    def _on_position(self, _change):
        self._show()

    def _move(self, delta):
        self.position.value = min(max(self.position.value + delta, 1), len(self.steps))

    @property
    def view(self):
        """The HTMLMath showing the current step."""
        return self.views[self.index]

    def _html(self, i):
        """The HTML of step ``i`` — always: a step that cannot be shown says so."""
        try:
            return self.to_html(i)
        except Exception as err:                 # the view must follow the slider regardless
            return _unshowable(i, len(self.steps), err)

    def _show(self):
        """Put the step the slider is at on screen (its HTML renewed only if it changed)."""
        i = self.index
        text = self._html(i)
        if self.view.value != text:
            self.view.value = text
        if self._on_screen is not None and self._on_screen is not self.view:
            self._on_screen.layout.display = "none"
            self._on_screen.remove_class("nnla-readout")
        self.view.layout.display = None
        self.view.add_class("nnla-readout")          # the step on screen, for a browser test
        self._on_screen = self.view
        self.prev_button.disabled = i == 0
        self.next_button.disabled = i == len(self.steps) - 1

    def _show_error(self, err):
        super()._show_error(err)
        self.view.value = _unshowable(self.index, len(self.steps), err)

    def to_html(self, i):
        """The HTML of step ``i`` (from 0): heading, $$latex$$, value tables, note."""
        s = self.steps[i]
        head = f"step {i + 1} of {len(self.steps)}" + (f" · {html.escape(s.title)}" if s.title else "")
        tables = "".join(html_table(name, v, self.digits) for name, v in s.values.items())
        note = f"<div style='color:#444;font-style:italic'>{html.escape(s.note)}</div>" if s.note else ""
        return (f"<div style='font-size:15px'><div style='color:#666'>{head}</div>"
                f"<div style='font-size:18px'>$$ {html.escape(s.latex, quote=False)} $$</div>"
                f"<div>{tables}</div>{note}</div>")

    def snapshot(self, all_steps=False):
        """A figure of the current step (or of every step, one below the other)."""
        chosen = list(range(len(self.steps))) if all_steps else [self.index]
        cw = _cell_width([v for i in chosen for v in self.steps[i].values.values()], self.digits)
        sizes = [_step_size(self.steps[i], cw) for i in chosen]
        top = 0.55 if self.title else 0.1
        fig = new_figure(max(w for w, _ in sizes), top + sum(h for _, h in sizes))
        with course_style():
            if self.title:
                fig.text(0.5, 1 - 0.1 / fig.get_size_inches()[1], self.title, ha="center",
                         va="top", fontsize=15, fontweight="bold")
            for i, (_, h) in zip(chosen, sizes):
                _draw_step(fig, self.steps[i], i, len(self.steps), self.digits, top, cw)
                top += h
        return fig

    def __repr__(self):
        return (f"<DerivationStepper: {len(self.steps)} steps; .snapshot() gives a static figure>")


def _check_steps(steps):
    """A non-empty list of Steps (a dict becomes a Step), or a SettingError naming steps."""
    if isinstance(steps, (Step, dict, str, bytes)) or not hasattr(steps, "__iter__"):
        raise SettingError(f"steps must be a list of Step(...) lines, e.g. [Step(r'Z = X W', "
                           f"{{'Z': Z}})]; got {type(steps).__name__}.")
    out = []
    for i, s in enumerate(steps):
        if isinstance(s, Step):
            out.append(s)
        elif isinstance(s, dict):
            try:
                out.append(Step(**s))
            except TypeError as err:                 # a key Step does not take, or no latex
                raise SettingError(f"steps[{i}] is a dict that is not a Step: {err}; its keys "
                                   "are latex, values, note and title.") from None
        else:
            raise SettingError(f"steps[{i}] must be a Step (or a dict of its fields), but it is "
                               f"a {type(s).__name__}.")
    if not out:
        raise SettingError("a DerivationStepper needs at least one Step.")
    return out


def _unshowable(i, n, err):
    """What the view shows for a step it cannot draw: a readable line instead of the step."""
    return (f"<div style='font-size:15px'><div style='color:#666'>step {i + 1} of {n}</div>"
            + message_html(f"this step cannot be shown: {error_text(err)}", "error") + "</div>")


# ---- drawing tables at a fixed cell size (in inches) -----------------------------------------------

CELL_HEIGHT = 0.36      # inches per table row
TABLE_GAP = 0.5         # inches between two tables side by side


def _grid_shape(v):
    g = np.atleast_2d(v)
    return min(g.shape[0], MAX_SHOWN), min(g.shape[1], MAX_SHOWN)


def _cell_width(arrays, digits):
    """Cell width in inches that fits the longest number shown (monospace, ~0.095 in a character)."""
    longest = max([len(format_number(x, digits)) for a in arrays for x in np.ravel(a)] or [1])
    return max(0.5, 0.095 * longest + 0.22)


def table_axes(fig, shapes, left, top, cw, ch=CELL_HEIGHT, gap=TABLE_GAP):
    """One axes per (rows, cols) table, side by side from (left, top) inches, each exactly
    cols·cw wide and rows·ch high, so every cell has the same size in every table."""
    W, H = fig.get_size_inches()
    axes, x = [], left
    for r, c in shapes:
        w, h = c * cw, r * ch
        axes.append(fig.add_axes([x / W, 1 - (top + h) / H, w / W, h / H]))
        x += w + gap
    return axes


def tables_width(shapes, cw, gap=TABLE_GAP):
    return sum(c * cw for _, c in shapes) + gap * (len(shapes) - 1)


def _step_size(step, cw):
    """(width, height) in inches of one step drawn by ``_draw_step``."""
    shapes = [_grid_shape(v) for v in step.values.values()]
    rows = max([r for r, _ in shapes] or [0])
    latex_h = 0.75 if "frac" in step.latex or "sum" in step.latex else 0.55
    height = 0.35 + latex_h + (rows * CELL_HEIGHT + 0.4 if rows else 0) + (0.35 if step.note else 0) + 0.2
    return max(7.0, 0.6 + tables_width(shapes, cw), 0.1 * len(step.note) + 0.6), height


def _draw_step(fig, step, i, n, digits, top, cw):
    """One step, from ``top`` inches down: heading, the line in mathtext, the tables, the note."""
    W, H = fig.get_size_inches()
    def at(x, y):                               # inches from the top-left corner → figure fraction
        return x / W, 1 - y / H
    head = f"step {i + 1} of {n}" + (f" · {step.title}" if step.title else "")
    fig.text(*at(0.3, top + 0.08), head, va="top", fontsize=11, color="#666666")
    fig.text(*at(0.3, top + 0.35), mathtext_or_plain(step.latex), va="top", fontsize=17)
    y = top + 0.35 + (0.75 if "frac" in step.latex or "sum" in step.latex else 0.55)
    shapes = [_grid_shape(v) for v in step.values.values()]
    if shapes:
        axes = table_axes(fig, shapes, 0.3, y, cw)
        for ax, (name, v), (r, c) in zip(axes, step.values.items(), shapes):
            draw_matrix(ax, np.atleast_2d(v)[:r, :c], name=None, digits=digits, fontsize=11)
            ax.text(0.5, -0.06 / (r * CELL_HEIGHT), shape_text(name, v), transform=ax.transAxes,
                    ha="center", va="top", fontsize=12)
        y += max(r for r, _ in shapes) * CELL_HEIGHT + 0.4
    if step.note:
        fig.text(*at(0.3, y + 0.02), step.note, va="top", fontsize=11, style="italic",
                 color="#444444")


# ---- the steps of a forward and backward pass ----------------------------------------------------


def forward_backward_steps(net, X, Y):
    """The forward and backward pass of ``net`` on (X, Y) as a list of Steps, in evaluation
    mode (no dropout) — notebook 04. Every value shown is the network's own: the forward is
    ``net.forward``, the loss and dZ_L are ``net.loss_and_delta`` (the pairs of ``layers``),
    and each backward line is the backward of one ``layers`` pair, fed by that layer's cache:

        forward   Z_l = A_{l-1} W_l + b_l,   A_l = g(Z_l),   A_L = softmax(Z_L) (or σ, or Z_L)
        loss      L, and dZ_L = (A_L − Y) / m   (with MSE: dA_L = (A_L − Y)/m, then ⊙ g'(Z_L))
        backward  dW_l = A_{l-1}ᵀ dZ_l,   db_l = Σ_rows dZ_l,
                  dA_{l-1} = dZ_l W_lᵀ,   dZ_{l-1} = dA_{l-1} ⊙ g'(Z_{l-1})

    X (m, n_in); Y: one-hot (m, n_out) or integer labels (m,) for a softmax/sigmoid output.
    A network whose numbers overflow (NaN or ∞ weights) gives steps that show "nan" and "∞".
    """
    if not isinstance(net, MLP):
        raise SettingError(f"net must be an MLP (e.g. MLP([4, 3, 2])), but it is a "
                           f"{type(net).__name__}.")
    with np.errstate(all="ignore"):              # an overflow shows as ∞ in the tables
        return _pass_steps(net, X, Y)


def _pass_steps(net, X, Y):
    """The Steps of ``forward_backward_steps``."""
    _, cache = net.forward(X)
    X = cache.inputs[0]
    m, L = X.shape[0], len(net.weights)
    Yt = net.targets(Y, m)
    steps = [Step(r"X,\ Y \quad (\mathrm{given})", {"X": X, "Y": Yt},
                  f"the input, m = {m} samples in rows, and the targets"
                  + (" (one-hot rows)" if net.loss_name == "cross_entropy" else ""), "given")]
    for l, layer in enumerate(cache.layers, start=1):
        prev = "X" if l == 1 else f"A_{l - 1}"
        W, b = net.weights[l - 1], net.biases[l - 1]
        steps.append(Step(rf"Z_{l} = {prev} W_{l} + b_{l}", {f"Z_{l}": layer.Z},
                          f"uses {subscript(prev)} {'(given)' if l == 1 else '(computed above)'}, "
                          f"{_n('W', l)} {W.shape} and {_n('b', l)} {b.shape}; "
                          f"b is added to every row", f"forward · layer {l}"))
        name = net.activations[l - 1]
        if l < L:
            note = f"uses {_n('Z', l)}; {name} acts on each entry, so {_n('A', l)} has the shape of {_n('Z', l)}"
        else:
            note = f"uses {_n('Z', l)}; the network's output" + (
                "; softmax acts on each row, so each row sums to 1" if name == "softmax" else "")
        steps.append(Step(rf"A_{l} = \mathrm{{{_tex(name)}}}(Z_{l})", {f"A_{l}": layer.A}, note,
                          f"forward · layer {l}" if l < L else "forward · output"))
    loss, dZ = net.loss_and_delta(cache, Yt)
    steps.append(Step(LOSS_LATEX[net.loss_name].replace("A_L", f"A_{L}"), {"L": loss},
                      f"uses {_n('A', L)} and Y; one number for the batch", "loss"))
    steps.append(_output_delta_step(net, dZ, L))
    for l in range(L, 0, -1):
        layer = cache.layers[l - 1]
        prev = "X" if l == 1 else f"A_{l - 1}"
        prev_sym = "X" if l == 1 else _n('A', l - 1)
        dA, dW, db = dense_backward.formula(dZ, layer.dense)    # the net's own arrays
        steps.append(Step(rf"dW_{l} = {prev}^\top dZ_{l}", {f"dW_{l}": dW},
                          f"uses {prev_sym} from the forward pass and {_n('dZ', l)} just "
                          f"computed; {_n('dW', l)} has the shape of {_n('W', l)}",
                          f"backward · layer {l}"))
        steps.append(Step(rf"db_{l} = \sum_{{\mathrm{{rows}}}} dZ_{l}", {f"db_{l}": db},
                          f"uses {_n('dZ', l)}: add up its rows; {_n('db', l)} has "
                          f"the shape of {_n('b', l)}", f"backward · layer {l}"))
        if l > 1:
            steps.append(Step(rf"dA_{l - 1} = dZ_{l} W_{l}^\top", {f"dA_{l - 1}": dA},
                              f"uses {_n('dZ', l)} and {_n('W', l)} (transposed)",
                              f"backward · layer {l}"))
            below = cache.layers[l - 2]
            dZ = activation_backward.formula(dA, below.activation)
            name = net.activations[l - 2]
            steps.append(Step(rf"dZ_{l - 1} = dA_{l - 1} \odot \mathrm{{{_tex(name)}}}'(Z_{l - 1})",
                              {f"dZ_{l - 1}": dZ},
                              f"uses {_n('dA', l - 1)} and {_n('Z', l - 1)} from the "
                              f"forward pass (entry by entry: ⊙)", f"backward · layer {l - 1}"))
    return steps


LOSS_LATEX = {
    "cross_entropy": r"L = -\frac{1}{m} \sum Y \odot \log A_L",
    "binary_cross_entropy": r"L = -\frac{1}{m} \sum [Y \odot \log A_L + (1 - Y) \odot \log(1 - A_L)]",
    "mse": r"L = \frac{1}{2m} \sum (A_L - Y)^2",
}


def _n(name, l):
    """_n("W", 2) → "W₂": a matrix name with its layer number as a subscript."""
    return subscript(f"{name}{l}")


def _tex(name):
    return name.replace("_", r"\_")


def _output_delta_step(net, dZ, L):
    """The step for dZ_L, whose value ``net.loss_and_delta`` computed."""
    A, Z = _n("A", L), _n("Z", L)
    if net.loss_name in ("cross_entropy", "binary_cross_entropy") or net.output == "identity":
        return Step(rf"dZ_{L} = \frac{{1}}{{m}} (A_{L} - Y)", {f"dZ_{L}": dZ},
                    f"uses {A} and Y; {net.output} with its {net.loss_name} loss gives "
                    "this short form", f"backward · layer {L}")
    if net.output == "softmax":
        return Step(rf"dZ_{L} = A_{L} \odot (dA_{L} - \sum_{{\mathrm{{row}}}} dA_{L} \odot A_{L}),"
                    rf"\ dA_{L} = \frac{{1}}{{m}} (A_{L} - Y)", {f"dZ_{L}": dZ},
                    f"uses {A} and Y: the MSE's gradient through each row's softmax Jacobian",
                    f"backward · layer {L}")
    return Step(rf"dZ_{L} = \frac{{1}}{{m}} (A_{L} - Y) \odot \mathrm{{{_tex(net.output)}}}'(Z_{L})",
                {f"dZ_{L}": dZ}, f"uses {A}, Y and {Z}", f"backward · layer {L}")


# ---- MatrixMultiplyStepper ------------------------------------------------------------------------


class MatrixMultiplyStepper(FigureWidget):
    """``Z = X W + b`` one entry at a time (or, with ``by_term=True``, one product at a time).

    For the current entry Z[i, j] it highlights row i of X (orange) and column j of W (blue),
    writes out the dot product being summed, e.g. "Z[0, 0] = 10·0 + 20·1 + 30·2 + 40·3 = 200",
    with its running sums (0 → 20 → 80 → 200), and fills in Z entry by entry. Shapes are in
    every label: "X (1, 4)", "W (4, 1)", "Z (1, 1)".

        MatrixMultiplyStepper.dot([10, 20, 30, 40], [0, 1, 2, 3])    # the essay's 200
        MatrixMultiplyStepper.outer([10, 20, 30, 40], [0, 1, 2, 3])  # its 4 × 4 table
        MatrixMultiplyStepper(X, W, b)

    Controls: ``prev_button``, ``next_button``, ``position`` (IntSlider from 1), ``readout``.
    State: ``i, j`` (current entry), ``terms`` (its products so far), ``running_sums``,
    ``Z_shown`` (entries finished so far, NaN elsewhere), ``Z`` (= X @ W + b, exact).
    Notebooks 01, 02.
    """

    def __init__(self, X, W, b=None, by_term=False, names=("X", "W", "b", "Z"), digits=4):
        if isinstance(names, (str, bytes)) or not hasattr(names, "__len__") or len(names) != 4 \
                or not all(isinstance(n, str) and n for n in names):
            raise SettingError(f"names must be four names (for X, W, b and Z), e.g. ('X', 'W', "
                               f"'b', 'Z'); got {names!r}.")
        if not isinstance(by_term, (bool, np.bool_)):
            raise SettingError(f"by_term must be True (one product per click) or False (one "
                               f"entry per click), but it is {by_term!r}.")
        digits = checks.whole("digits", digits, at_least=1, at_most=15,
                              hint=" It is how many significant digits an entry shows.")
        X = as_array(names[0], X, ndim=2)
        W = as_array(names[1], W, ndim=2)
        check_matmul(names[0], X, names[1], W)
        if b is not None:
            b = check_bias(names[2], as_array(names[2], b, ndim=(1, 2)), W.shape[1], names[1])
        for name, A in ((names[0], X), (names[1], W)):
            if max(A.shape) > MAX_SHOWN:
                raise BadValueError(f"{name} has shape {A.shape}: too big to step through "
                                    f"(at most {MAX_SHOWN} rows and columns); show a slice such "
                                    f"as {name}[:4, :4].")
        self.X, self.W, self.b, self.names, self.digits = X, W, b, tuple(names), digits
        with np.errstate(all="ignore"):          # an overflow shows as ∞ in the tables
            # the dense layer's own Z = X W + b, on the arrays checked above
            self.Z = dense_forward.formula(X, W, np.zeros(W.shape[1]) if b is None else b)[0]
        self.by_term = bool(by_term)
        m, n, k = X.shape[0], W.shape[1], X.shape[1]
        self.n_terms = k + (b is not None)          # the bias is the last "term"
        self.n_positions = m * n * (self.n_terms if by_term else 1)
        self._cw = 0.11 * max(len(self._fmt(v)) for v in np.concatenate(
            [X.ravel(), W.ravel(), self.Z.ravel()] + ([b] if b is not None else []))) + 0.3
        self._cw = max(self._cw, 0.6)
        self._shapes = [X.shape, W.shape] + ([(1, n)] if b is not None else []) + [self.Z.shape]
        longest_sum = 12 + 14 * self.n_terms            # characters of "Z[0, 0] = a·b + … = z"
        width = max(tables_width(self._shapes, self._cw, MM_GAP) + 0.8, 0.13 * longest_sum + 0.6, 6)
        height = 0.9 + max(m, k) * MM_CELL + 0.55 + 0.8
        super().__init__(new_figure(width, height))
        self.prev_button = button("◀ Prev")
        self.next_button = button("Next ▶")
        self.position = widgets.IntSlider(value=1, min=1, max=self.n_positions,
                                          description="entry" if not by_term else "term")
        self.readout = widgets.HTML()
        self.readout.add_class("nnla-readout")
        # weak callbacks: the controls never keep the stepper alive (see widgets.base)
        self.prev_button.on_click(weak(self._on_prev))
        self.next_button.on_click(weak(self._on_next))
        self.position.observe(weak(self._on_position), names="value")
        self.widget = widgets.VBox([widgets.HBox([self.prev_button, self.next_button,
                                                  self.position]), self.readout, self.image])
        self._build_figure()
        self.update()

    @classmethod
    def dot(cls, a, b, **kwargs):
        """The dot product a · b as a (1, n) row times an (n, 1) column."""
        a, b = as_array("a", a).ravel(), as_array("b", b).ravel()
        if a.size != b.size:
            raise ShapeError(f"a has {a.size} entries but b has {b.size}; a dot product pairs "
                             "them one by one, so they must have the same length.")
        return cls(a.reshape(1, -1), b.reshape(-1, 1), names=("a", "b", "c", "a·b"),
                   by_term=kwargs.pop("by_term", True), **kwargs)

    @classmethod
    def outer(cls, a, b, **kwargs):
        """The outer product table a bᵀ: an (n, 1) column times a (1, k) row."""
        a, b = as_array("a", a).ravel(), as_array("b", b).ravel()
        return cls(a.reshape(-1, 1), b.reshape(1, -1), names=("a", "bᵀ", "c", "a bᵀ"), **kwargs)

    # ---- where we are ------------------------------------------------------------------------
    def _on_prev(self, _button):
        self._move(-1)

    def _on_next(self, _button):
        self._move(+1)

    def _on_position(self, _change):
        self.update()

    def _move(self, delta):
        self.position.value = min(max(self.position.value + delta, 1), self.n_positions)

    def _show_error(self, err):
        """An error inside a control: shown in the readout, never raised."""
        super()._show_error(err)
        self.readout.value = message_html(f"this entry cannot be shown: {error_text(err)}",
                                          "error")

    def _locate(self):
        """(entry number, number of terms summed so far) for the current position."""
        p = self.position.value - 1
        if self.by_term:
            return p // self.n_terms, p % self.n_terms + 1
        return p, self.n_terms

    def _term_values(self, i, j):
        """The products X[i, t]·W[t, j] for every t (and b[j] last, if there is a bias)."""
        with np.errstate(all="ignore"):          # an overflow shows as ∞
            terms = list(self.X[i] * self.W[:, j])
        if self.b is not None:
            terms.append(self.b[j])
        return terms

    def update(self):
        """Recompute the state for ``position`` and redraw."""
        entry, n_done = self._locate()
        n_cols = self.W.shape[1]
        self.i, self.j = divmod(entry, n_cols)
        all_terms = self._term_values(self.i, self.j)
        self.terms = all_terms[:n_done]
        with np.errstate(all="ignore"):          # an overflow shows as ∞
            self.running_sums = list(np.cumsum(self.terms))
        if n_done == self.n_terms:       # finished: the product itself (the same up to rounding)
            self.running_sums[-1] = self.Z[self.i, self.j]
        self.Z_shown = np.full(self.Z.shape, np.nan)
        flat = self.Z_shown.reshape(-1)
        flat[:entry] = self.Z.reshape(-1)[:entry]          # the entries finished before
        if n_done == self.n_terms:
            flat[entry] = self.running_sums[-1]
        self._update_figure(n_done)
        self.readout.value = f"<div style='font-size:15px'>{html.escape(self.sum_text())}<br>" \
                             f"running sum: {' → '.join(self._fmt(s) for s in self.running_sums)}</div>"
        self.prev_button.disabled = self.position.value == 1
        self.next_button.disabled = self.position.value == self.n_positions
        self.render(full=False)

    def _fmt(self, v):
        return format_number(v, self.digits)

    def _fmt_factor(self, v):
        """A factor of a product: negative numbers in brackets, "(-3)·2" rather than "-3·2"."""
        text = self._fmt(v)
        return f"({text})" if text.startswith(("-", "−")) else text

    def sum_text(self):
        """"Z[0, 1] = 10·0 + 20·1 + … = 200" for the current entry (as far as summed)."""
        i, j = self.i, self.j
        parts = [f"{self._fmt_factor(self.X[i, t])}·{self._fmt_factor(self.W[t, j])}"
                 for t in range(min(len(self.terms), self.X.shape[1]))]
        if self.b is not None and len(self.terms) == self.n_terms:
            parts.append(self._fmt_factor(self.b[j]))
        total = self._fmt(self.running_sums[-1])
        more = " + …" if len(self.terms) < self.n_terms else ""
        return f"{self.names[3]}[{i}, {j}] = {' + '.join(parts)}{more} = {total}"

    # ---- drawing ----------------------------------------------------------------------------------
    def _build_figure(self):
        X, W, b = self.X, self.W, self.b
        fig = self.figure
        with course_style():
            axes = table_axes(fig, self._shapes, 0.4, 0.9, self._cw, MM_CELL, MM_GAP)
            names = [self.names[0], self.names[1]] + ([self.names[2]] if b is not None else []) \
                + [self.names[3]]
            self.x_cells, self.x_texts = draw_matrix(axes[0], X, None, self.digits, fontsize=13)
            self.w_cells, self.w_texts = draw_matrix(axes[1], W, None, self.digits, fontsize=13)
            self.b_texts = []
            if b is not None:
                self.b_cells, self.b_texts = draw_matrix(axes[2], b, None, self.digits, fontsize=13)
            self.z_cells, self.z_texts = draw_matrix(axes[-1], self.Z, None, self.digits, fontsize=13)
            for ax, name, value in zip(axes, names, [X, W] + ([b] if b is not None else [])
                                       + [self.Z]):
                r = np.atleast_2d(value).shape[0]
                ax.text(0.5, -0.08 / (r * MM_CELL), shape_text(name, value),
                        transform=ax.transAxes, ha="center", va="top", fontsize=14)
            shapes = (f"{shape_label(self.names[0], X.shape)} · {shape_label(self.names[1], W.shape)}"
                      + (f" + {shape_label(self.names[2], b.shape)}" if b is not None else "")
                      + f" → {shape_label(self.names[3], self.Z.shape)}")
            H = fig.get_size_inches()[1]
            fig.text(0.4 / fig.get_size_inches()[0], 1 - 0.15 / H, shapes, va="top", fontsize=15)
            self.sum_label = fig.text(0.4 / fig.get_size_inches()[0], 0.35 / H, "", fontsize=15,
                                      family="monospace")

    def _update_figure(self, n_done):
        light_row, light_col, strong, done = "#F9DFA6", "#BFE1F6", HIGHLIGHT_STRONG, "#E8E8E8"
        for i, row in enumerate(self.x_cells):
            for t, rect in enumerate(row):
                on = i == self.i
                current = on and self.by_term and t == n_done - 1
                rect.set_facecolor(strong if current else light_row if on else "white")
        for t, row in enumerate(self.w_cells):
            for j, rect in enumerate(row):
                on = j == self.j
                current = on and self.by_term and t == n_done - 1
                rect.set_facecolor(strong if current else light_col if on else "white")
        if self.b is not None:
            for j, rect in enumerate(self.b_cells[0]):
                current = j == self.j and n_done == self.n_terms
                rect.set_facecolor(strong if current else light_col if j == self.j else "white")
        for i, row in enumerate(self.z_cells):
            for j, rect in enumerate(row):
                value = self.Z_shown[i, j]
                current = (i, j) == (self.i, self.j)
                if current:                         # the sum so far, even when not finished
                    value = self.running_sums[-1]
                self.z_texts[i][j].set_text("" if np.isnan(value) else self._fmt(value))
                rect.set_facecolor(HIGHLIGHT_Z if current else done if not np.isnan(value)
                                   else "white")
        self.sum_label.set_text(self.sum_text())
        # A frame draws only what differs from the plain tables of the background: the
        # coloured cells with their numbers on top, the entries of Z so far, the sum.
        tables = self.x_cells + self.w_cells + (self.b_cells if self.b is not None else [])
        x_texts = [t for row in self.x_texts + self.w_texts + self.b_texts for t in row]
        cells = [r for row in tables for r in row]
        coloured = [(r, t) for r, t in zip(cells, x_texts) if r.get_facecolor() != WHITE]
        z = [(r, t) for rr, tt in zip(self.z_cells, self.z_texts) for r, t in zip(rr, tt)
             if r.get_facecolor() != WHITE or t.get_text()]
        self._dynamic = [r for r, _ in coloured + z] + [t for _, t in coloured + z] + [self.sum_label]

    @contextmanager
    def _as_background(self):
        """The background: every table plain (white cells, X, W and b with their numbers),
        Z empty, no sum."""
        cells = [r for rows in (self.x_cells, self.w_cells, self.z_cells,
                                self.b_cells if self.b is not None else []) for row in rows for r in row]
        colours = [r.get_facecolor() for r in cells]
        z_texts = [t.get_text() for row in self.z_texts for t in row]
        sum_text = self.sum_label.get_text()
        for r in cells:
            r.set_facecolor("white")
        for row in self.z_texts:
            for t in row:
                t.set_text("")
        self.sum_label.set_text("")
        try:
            yield
        finally:
            for r, c in zip(cells, colours):
                r.set_facecolor(c)
            for t, text in zip((t for row in self.z_texts for t in row), z_texts):
                t.set_text(text)
            self.sum_label.set_text(sum_text)


MM_CELL = 0.5        # inches per table row in the MatrixMultiplyStepper
MM_GAP = 0.7         # inches between its tables
HIGHLIGHT_STRONG = OKABE_ITO["orange"]
HIGHLIGHT_Z = "#9AD9C4"          # a light bluish green: the entry being made
WHITE = (1.0, 1.0, 1.0, 1.0)     # a plain cell, as matplotlib gives its colour back
