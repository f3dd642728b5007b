"""Explorers: move a slider, see a function, a layer or a digit change.

    FunctionExplorer("sigmoid")     an activation g and its derivative g', parameters on sliders
    LayerGridView(net, X, y)        a grid and a data set pushed through every layer
    DigitExplorer(net, X, y)        one MNIST image, its 784-vector, hidden activations, 10 probabilities
"""

import functools

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import MaxNLocator

from .. import checks
from ..activations import softmax, with_params
from ..checks import as_array, check_labels, check_xy
from ..data import as_images
from ..errors import BadValueError, SettingError, ShapeError
from ..metrics import class_labels
from ..network import MLP, predictions
from ..plots import draw_probability_bars
from ..style import (GREYS, HIGHLIGHT, OKABE_ITO, SEQUENTIAL, TRAIN_COLOR, VAL_COLOR, class_color,
                    course_style, new_figure, shape_label, subscript)
from .base import (FigureWidget, FloatLogSlider, FloatSlider, error_text, message_box,
                   moving_title, show_message, steady_limits, weak)

# ---- FunctionExplorer ----------------------------------------------------------------------------

# the parameters each function takes, and the values a network uses (drawn as a grey reference)
FUNCTION_PARAMS = {"relu": {}, "leaky_relu": {"delta": 0.01}, "sigmoid": {"c": 1.0, "beta": 1.0},
                   "tanh": {}, "identity": {}, "softmax": {"temperature": 1.0}}
# each parameter's slider: (lowest, highest)
SLIDER_RANGES = {"c": (0.25, 3.0), "beta": (0.1, 5.0), "delta": (0.0, 0.5), "temperature": (0.1, 10.0)}
MAX_Z = 1e6             # |z| of the plotted range and of the softmax vector: beyond, nothing shows
MAX_BARS = 40


class FunctionExplorer(FigureWidget):
    """An activation function g (left) and its derivative g' (right), live on sliders.

    - sigmoid: height ``c`` and steepness ``beta``  (g(z) = c / (1 + e^(−β z)));
    - leaky_relu: the slope ``delta`` for z < 0;
    - softmax: the ``temperature`` T, on a small vector z shown as bars: softmax(z / T).
    The grey dashed curve is the function with the parameters a network uses by default,
    so a change is visible even when the axes rescale.

        FunctionExplorer("sigmoid")

    Controls: ``function`` (Dropdown), ``c``, ``beta``, ``delta``, ``temperature`` (sliders;
    those the current function does not use are disabled; their ranges are ``SLIDER_RANGES``,
    and a starting value outside them is refused). Artists: ``g_line``, ``dg_line``
    (element-wise functions), ``z_bars``, ``p_bars`` (softmax). ``snapshot()`` gives the figure.
    Notebook 03.
    """

    def __init__(self, function="sigmoid", z_range=(-6, 6), vector=(2.0, 1.0, 0.1, -1.0),
                 c=1.0, beta=1.0, delta=0.1, temperature=1.0):
        checks.choice("function", function, FUNCTION_PARAMS)
        z0, z1 = checks.listed("z_range", z_range, "be two numbers (lowest z, highest z)",
                               "(-6, 6)", length=2)
        z0 = checks.number("z_range[0]", z0, at_least=-MAX_Z, at_most=MAX_Z)
        z1 = checks.number("z_range[1]", z1, above=z0, at_most=MAX_Z)
        self.vector = as_array("vector", vector, ndim=1)
        if self.vector.size > MAX_BARS or np.abs(self.vector).max() > MAX_Z:
            raise BadValueError(f"vector must hold at most {MAX_BARS} logits, each within "
                                f"±{MAX_Z:g}; it has {self.vector.size}, up to "
                                f"{np.abs(self.vector).max():.3g}.")
        given = {"c": c, "beta": beta, "delta": delta, "temperature": temperature}
        for name, value in given.items():
            lo, hi = SLIDER_RANGES[name]
            given[name] = checks.number(name, value, at_least=lo, at_most=hi,
                                        hint=" That is the range of its slider.")
        self.z = np.linspace(z0, z1, 401)
        super().__init__(new_figure(11, 4.2))
        slider = dict(continuous_update=True, readout_format=".2f")
        self.function = widgets.Dropdown(options=list(FUNCTION_PARAMS), value=function,
                                         description="function")
        (c_lo, c_hi), (b_lo, b_hi), (d_lo, d_hi), (t_lo, t_hi) = SLIDER_RANGES.values()
        self.c = FloatSlider(value=given["c"], min=c_lo, max=c_hi, step=0.05, description="c",
                             **slider)
        self.beta = FloatSlider(value=given["beta"], min=b_lo, max=b_hi, step=0.05,
                                description="β (beta)", **slider)
        self.delta = FloatSlider(value=given["delta"], min=d_lo, max=d_hi, step=0.01,
                                 description="δ (delta)", **slider)
        self.temperature = FloatLogSlider(value=given["temperature"], base=10,
                                          min=np.log10(t_lo), max=np.log10(t_hi), step=0.02,
                                          description="T", **slider)
        self.notice = message_box()
        # weak callbacks: the controls never keep the explorer alive (see widgets.base)
        self.function.observe(weak(self._on_function), names="value")
        for s in (self.c, self.beta, self.delta, self.temperature):
            s.observe(weak(self._on_slider), names="value")
        self.widget = widgets.VBox([widgets.HBox([self.function, self.c, self.beta]),
                                    widgets.HBox([self.delta, self.temperature]), self.notice,
                                    self.image])
        self._rebuild()

    def _on_function(self, _change):
        self._rebuild()

    def _on_slider(self, _change):
        self.update()

    def _show_error(self, err):
        """An error inside a control: shown above the picture, never raised."""
        super()._show_error(err)
        show_message(self.notice, f"this did not work: {error_text(err)}")

    def params(self):
        """The slider values the current function takes, e.g. {"c": 1.0, "beta": 2.0}."""
        return {k: getattr(self, k).value for k in FUNCTION_PARAMS[self.function.value]}

    def functions(self):
        """(g, g') with the slider parameters bound (element-wise functions only)."""
        return with_params(self.function.value, **self.params())

    def _rebuild(self):
        """New axes for a new function (only when the Dropdown changes)."""
        name = self.function.value
        for k in ("c", "beta", "delta", "temperature"):
            getattr(self, k).disabled = k not in FUNCTION_PARAMS[name]
        fig = self.figure
        fig.clear()
        self.invalidate()
        with course_style():
            self.ax_g, self.ax_dg = fig.subplots(1, 2)
            if name == "softmax":
                self._build_softmax()
            else:
                self._build_elementwise(name)
            fig.subplots_adjust(left=0.07, right=0.98, bottom=0.15, top=0.88, wspace=0.25)
            # what a slider moves: the titles, and the curves (or the probability bars)
            self.g_title, self.dg_title = moving_title(self.ax_g), moving_title(self.ax_dg)
        self.y_limits = {}
        moving = [self.g_line, self.dg_line] if name != "softmax" else list(self.p_bars)
        self._dynamic = [self.g_title, self.dg_title] + moving
        self.update()

    def _build_elementwise(self, name):
        g, dg = with_params(name)
        ref = FUNCTION_PARAMS[name]
        for ax, f, label in ((self.ax_g, g, "g(z)"), (self.ax_dg, dg, "g′(z)")):
            ax.axhline(0, color=OKABE_ITO["grey"], lw=0.8)
            ax.axvline(0, color=OKABE_ITO["grey"], lw=0.8)
            ax.plot(self.z, f(self.z, **ref), color=OKABE_ITO["grey"], ls="--", lw=1.5,
                    label="network default" if ref else "_nolegend_")
            ax.set_xlabel("z")
        self.g_line, = self.ax_g.plot(self.z, g(self.z, **ref), color=TRAIN_COLOR, label="g(z)")
        self.dg_line, = self.ax_dg.plot(self.z, dg(self.z, **ref), color=VAL_COLOR, label="g′(z)")
        self.ax_g.legend(loc="upper left")
        self.ax_dg.legend(loc="upper left")

    def _build_softmax(self):
        k = np.arange(self.vector.size)
        self.z_bars = self.ax_g.bar(k, self.vector, color=OKABE_ITO["grey"])
        self.ax_g.set_title(f"logits z {self.vector.shape}")   # fixed: the logits do not move
        self.p_bars = self.ax_dg.bar(k, softmax(self.vector), color=[class_color(i) for i in k])
        self.ax_dg.set_ylim(0, 1)
        for ax in (self.ax_g, self.ax_dg):
            ax.set_xticks(k)
            ax.set_xlabel("i")

    def update(self):
        """Recompute the curves (or bars) for the slider values, in place, and redraw."""
        name = self.function.value
        p = self.params()
        args = ", ".join(f"{k}={v:.2f}" for k, v in p.items())
        if name == "softmax":
            probs = softmax(self.vector, temperature=p["temperature"])
            for bar, h in zip(self.p_bars, probs):
                bar.set_height(h)
            self.shown_probabilities = probs
            self.dg_title.set_text(f"softmax(z / T), T = {p['temperature']:.2f}")
        else:
            g, dg = self.functions()
            self.g_line.set_ydata(g(self.z))
            self.dg_line.set_ydata(dg(self.z))
            for ax in (self.ax_g, self.ax_dg):   # new y-limits only when the curves outgrow them
                values = np.concatenate([line.get_ydata() for line in ax.lines] + [[0.0]])
                values = values[np.isfinite(values)]
                limits = steady_limits(self.y_limits.get(ax), values.min(), values.max())
                if limits != self.y_limits.get(ax):
                    self.y_limits[ax] = limits
                    ax.set_ylim(*limits)
                    self.invalidate()
            self.g_title.set_text(f"{name}({args})" if args else name)
            self.dg_title.set_text(f"{name}′({args})" if args else f"{name}′")
        self.render(full=False)              # the titles and curves over the saved axes
        show_message(self.notice, "")             # drawn: an earlier error is over


# ---- LayerGridView ------------------------------------------------------------------------------

GRID_ACTIVATIONS = ("identity", "relu", "leaky_relu", "tanh", "sigmoid")
AS_TRAINED = "as trained"       # the Dropdown's choice for a network with mixed hidden activations
MAX_PANELS = 8                  # the input plane and at most 7 layers side by side
MAX_DRAWN = 1e150               # coordinates beyond this are an overflow, not a picture


class LayerGridView(FigureWidget):
    """A square grid of lines (and a data set) pushed through every layer of a network.

    One panel per stage: the input plane, then each hidden layer's activations
    A_l = g(A_{l−1} W_l + b_l), then the output's pre-activation Z_L (before softmax).
    With no activation ("identity") every layer is affine, so the grid stays a grid of
    parallelograms — straight, parallel lines: the layers collapse into one. ReLU or tanh
    bend and fold it.

    Layers wider than 2 units: the panel shows the first two units (its title says
    "units 1–2 of 16"); a 1-unit layer is drawn on a line (unit 1 across, 0 up).

        LayerGridView(layer_sizes=(2, 2, 2), activation="identity")   # its own random net
        LayerGridView(net, X, y)                                      # your net and data

    Controls: ``activation`` (Dropdown, applies to every hidden layer), ``seed`` (new random
    weights; only for the view's own network). ``lines[p]`` are the grid lines of panel p
    (0 = input) as Line2D artists, ``points[p]`` the data. A panel whose numbers overflowed
    (NaN or ∞, e.g. a diverged network) is left empty and says so in its title; ``overflowed``
    lists those panels.
    Notebooks 02, 03.
    """

    def __init__(self, net=None, X=None, y=None, activation=None, layer_sizes=(2, 2, 2), seed=0,
                 n_lines=9, points_per_line=60, box=None):
        if net is not None and not isinstance(net, MLP):
            raise SettingError(f"net must be an MLP (e.g. MLP([2, 2, 2])) or None, but it is a "
                               f"{type(net).__name__}.")
        if net is not None and net.sizes[0] != 2:
            raise ShapeError(f"LayerGridView needs a network with 2 inputs; this one has "
                             f"{net.sizes[0]} ({net!r}).")
        if X is None and y is not None:
            raise ShapeError("y was given without X: pass the data X (m, 2) with its labels y.")
        if X is not None:
            X = as_array("X", X, ndim=2)
            if X.shape[1] != 2:
                raise ShapeError(f"LayerGridView draws the input plane, so X must have 2 columns "
                                 f"(shape (m, 2)); it has shape {X.shape}.")
            X, y = check_xy(X, np.zeros(len(X), dtype=np.int64) if y is None else y)
            y = class_labels(y)                  # the colours of the points: class labels
        if net is None:
            layer_sizes = _check_layer_sizes(layer_sizes)
        n_panels = 1 + (len(net.weights) if net is not None else len(layer_sizes) - 1)
        if n_panels > MAX_PANELS:
            raise SettingError(f"LayerGridView draws one panel per layer, at most "
                               f"{MAX_PANELS - 1} layers; this network has {n_panels - 1}.")
        own = None if net is None or not net.hidden else \
            net.hidden[0] if len(set(net.hidden)) == 1 else AS_TRAINED
        choices = GRID_ACTIVATIONS + ((own,) if own not in (None,) + GRID_ACTIVATIONS else ())
        if activation is not None:
            activation = checks.choice("activation", activation, choices)
        seed = checks.whole("seed", seed, at_least=0, at_most=2**32 - 1)
        n_lines = checks.whole("n_lines", n_lines, at_least=2, at_most=40)
        points_per_line = checks.whole("points_per_line", points_per_line, at_least=2,
                                       at_most=1000)
        box = None if box is None else _check_box(box)
        self.user_net, self.layer_sizes = net, tuple(layer_sizes)
        self.X, self.y = X, y
        self.grid = self._make_grid(X, n_lines, points_per_line, box)
        default = activation or own or "identity"
        super().__init__(new_figure(4.0 * n_panels, 4.4))
        self.activation = widgets.Dropdown(options=list(dict.fromkeys(choices + (default,))),
                                           value=default, description="activation")
        self.seed = widgets.IntSlider(value=seed, min=0, max=max(50, seed),
                                      description="weights seed", disabled=net is not None)
        self.notice = message_box()
        # weak callbacks: the controls never keep the view alive (see widgets.base)
        self.activation.observe(weak(self._on_control), names="value")
        self.seed.observe(weak(self._on_control), names="value")
        self.widget = widgets.VBox([widgets.HBox([self.activation, self.seed]), self.notice,
                                    self.image])
        self._build_figure(n_panels)
        self.update()

    def _on_control(self, _change):
        self.update()

    def _show_error(self, err):
        """An error inside a control: shown above the picture, never raised."""
        super()._show_error(err)
        show_message(self.notice, f"this did not work: {error_text(err)}")

    @staticmethod
    def _make_grid(X, n_lines, n_points, box):
        """Horizontal and vertical lines over the box (from X, or [−1.5, 1.5]²): a list of (p, 2)."""
        if box is None:
            box = (-1.5, 1.5, -1.5, 1.5)
            if X is not None:
                lo, hi = X.min(axis=0), X.max(axis=0)
                pad = np.where(hi > lo, 0.1 * (hi - lo), 1.0)   # all points alike: a unit margin
                box = (lo[0] - pad[0], hi[0] + pad[0], lo[1] - pad[1], hi[1] + pad[1])
        x0, x1, y0, y1 = box
        t = np.linspace(0, 1, n_points)
        lines = [np.column_stack([x0 + t * (x1 - x0), np.full(n_points, y)])
                 for y in np.linspace(y0, y1, n_lines)]
        lines += [np.column_stack([np.full(n_points, x), y0 + t * (y1 - y0)])
                  for x in np.linspace(x0, x1, n_lines)]
        return lines

    def network(self):
        """The network shown: yours, or one made from ``layer_sizes`` and the seed slider."""
        if self.user_net is not None:
            return self.user_net
        return MLP(self.layer_sizes, hidden="identity", output="identity", init="uniform",
                   seed=self.seed.value)

    def stages(self, points, net=None):
        """``points`` (p, 2) after each stage: [input, A_1, …, A_{L−1}, Z_L], from the network's
        own ``forward``, with the Dropdown's activation in every hidden layer (your network
        itself is not changed: a view of it shares its weights)."""
        _, cache = self._with_activation(net or self.network()).forward(points)
        return [points] + [layer.A for layer in cache.layers[:-1]] + [cache.Z[-1]]

    def _with_activation(self, net):
        """``net`` if its hidden layers use the Dropdown's activation, else a view of it
        (the same weight and bias arrays) with that activation in every hidden layer."""
        name = self.activation.value
        if name == AS_TRAINED or all(h == name for h in net.hidden):
            return net
        view = MLP(net.sizes, hidden=name, output=net.output, loss=net.loss_name,
                   dtype=net.dtype)
        view.weights, view.biases = net.weights, net.biases
        return view

    @staticmethod
    def _first_two(A):
        """The first two columns of A (one column gets a zero second coordinate)."""
        return A[:, :2] if A.shape[1] >= 2 else np.column_stack([A[:, 0], np.zeros(len(A))])

    def _build_figure(self, n_panels):
        n_h = len(self.grid) // 2
        colors = [TRAIN_COLOR] * n_h + [VAL_COLOR] * n_h        # horizontal blue, vertical vermillion
        with course_style():
            self.axes = self.figure.subplots(1, n_panels, squeeze=False)[0]
            self.lines, self.points = [], []
            for ax in self.axes:
                # a new seed usually needs new limits, so a frame draws the ticks: few of them
                ax.xaxis.set_major_locator(MaxNLocator(3))
                ax.yaxis.set_major_locator(MaxNLocator(3))
                self.lines.append([ax.plot([], [], color=c, lw=1.3, alpha=0.85)[0] for c in colors])
                if self.X is not None:
                    c = [class_color(k) for k in self.y] if self.y is not None else "k"
                    self.points.append(ax.scatter(self.X[:, 0], self.X[:, 1], s=10, c=c,
                                                  edgecolors="black", linewidths=0.2, zorder=3))
            self.figure.subplots_adjust(left=0.05, right=0.99, bottom=0.08, top=0.78, wspace=0.25)
        self.panel_limits = {}
        # A new seed moves every panel after the input, limits and all: their axes (ticks and
        # tick labels) are drawn with the lines at every frame, so that the saved background
        # (frames, titles, the input panel) stays; a full redraw costs three times as much.
        moving_axes = [axis for ax in self.axes[1:] for axis in (ax.xaxis, ax.yaxis)]
        self._dynamic = [a for p in range(n_panels) for a in self.lines[p]] + self.points + moving_axes

    def update(self):
        """Push the grid and the data through the layers and redraw every panel."""
        net, act = self.network(), self.activation.value
        view = self._with_activation(net)
        ends = np.cumsum([len(line) for line in self.grid])[:-1]
        with np.errstate(all="ignore"):      # every grid line in one pass, then cut apart again
            by_stage = [np.split(A, ends) for A in self.stages(np.vstack(self.grid), view)]
            grid_stages = [list(stages) for stages in zip(*by_stage)]
            data_stages = self.stages(self.X, view) if self.X is not None else None
        n_layers = len(net.weights)
        self.overflowed = []                 # the panels whose numbers are no longer numbers
        titles = []
        for p, ax in enumerate(self.axes):
            shown = [self._first_two(stages[p]) for stages in grid_stages]
            data = self._first_two(data_stages[p]) if data_stages is not None else None
            drawable = all(_drawable(xy) for xy in shown + ([data] if data is not None else []))
            for line, xy in zip(self.lines[p], shown):
                if drawable:
                    line.set_data(xy[:, 0], xy[:, 1])
                else:
                    line.set_data([], [])
            if data is not None:
                self.points[p].set_offsets(data if drawable else np.empty((0, 2)))
            title = self._title(p, n_layers, act, net)
            if drawable:
                self._fit_panel(p, ax, np.vstack(shown + ([data] if data is not None else [])))
            else:
                self.overflowed.append(p)
                title += "\n(NaN or ∞: the numbers overflowed, nothing to draw)"
            titles.append(title)
        suptitle = (f"{net.sizes} network, hidden activation: {act}"
                    + (" — every layer is affine: the grid stays parallelograms"
                       if act == "identity" else ""))
        self._show_titles(titles, suptitle)
        self.render(full=False)                   # a new seed: only the lines and points move
        self.keep_background((tuple(titles), suptitle))
        show_message(self.notice, "")             # drawn: an earlier error is over

    def _show_titles(self, titles, suptitle):
        """The titles change with the activation only. A background drawn earlier with these
        titles is used again; otherwise each changed title is drawn into the background."""
        changed = [(ax, title) for ax, title in zip(self.axes, titles) if ax.get_title() != title]
        if self.figure._suptitle is None:
            self.figure.suptitle(suptitle, fontsize=13, y=0.99)
        elif self.figure.get_suptitle() != suptitle:
            changed.append((None, suptitle))
        kept = self.use_kept_background((tuple(titles), suptitle))
        for ax, title in changed:
            # y given: not re-placed at every draw
            if ax is None:
                change = functools.partial(self.figure.suptitle, title, fontsize=13, y=0.99)
            else:
                change = functools.partial(ax.set_title, title, fontsize=12, y=1.0)
            if kept:
                change()                          # already in the background
            else:
                self.change_static(self.figure._suptitle if ax is None else ax.title, change)

    def _fit_panel(self, p, ax, xy):
        """Limits that show the points ``xy`` at one scale across and up (true angles:
        parallelograms look so), kept from frame to frame while the points fill them well
        (``steady_limits``), so that most new seeds redraw only the lines."""
        lo, hi = xy.min(axis=0), xy.max(axis=0)
        current = self.panel_limits.get(p)
        if current is not None:
            (x0, x1), (y0, y1) = current
            fits = x0 <= lo[0] and hi[0] <= x1 and y0 <= lo[1] and hi[1] <= y1
            if fits and max((hi[0] - lo[0]) / (x1 - x0), (hi[1] - lo[1]) / (y1 - y0)) >= 0.4:
                return
        x, y = steady_limits(None, lo[0], hi[0]), steady_limits(None, lo[1], hi[1])
        box = ax.get_position()
        up_per_across = box.height * self.figure.get_figheight() / (
            box.width * self.figure.get_figwidth())
        # widen the narrower range about its middle until one unit is as long across as up
        half_x = max(x[1] - x[0], (y[1] - y[0]) / up_per_across) / 2
        half_y = half_x * up_per_across
        mx, my = (x[0] + x[1]) / 2, (y[0] + y[1]) / 2
        self.panel_limits[p] = limits = ((mx - half_x, mx + half_x), (my - half_y, my + half_y))
        ax.set_xlim(*limits[0])
        ax.set_ylim(*limits[1])
        if p == 0:                    # the input panel's axes are part of the background
            self.invalidate()

    def _title(self, p, n_layers, act, net):
        if p == 0:
            return f"input X {self.X.shape if self.X is not None else '(m, 2)'}"
        width = net.sizes[p]
        units = ("units 1–2 of " + str(width)) if width > 2 else f"{width} unit{'s' * (width > 1)}"
        prev = "X" if p == 1 else subscript(f"A{p - 1}")
        A, Z, W, b = (subscript(f"{name}{p}") for name in "AZWb")
        if p < n_layers:
            g = net.hidden[p - 1] if act == AS_TRAINED else act
            return f"{A} = {g}({prev} {W} + {b})\n{units}"
        after = "" if net.output == "identity" else f", before {net.output}"
        return f"{Z} = {prev} {W} + {b} (output{after})\n{units}"


def _check_layer_sizes(sizes):
    """layer_sizes of the view's own network: whole numbers ≥ 1, starting with the 2 of the plane."""
    sizes = checks.wholes("layer_sizes", checks.listed(
        "layer_sizes", sizes, "list at least an input and an output size", "(2, 2, 2)",
        at_least=2), at_least=1, at_most=1024, hint=" It is a layer's number of units.")
    if sizes[0] != 2:
        raise SettingError(f"layer_sizes must start with 2: the grid lives in the input plane; "
                           f"got {sizes}.")
    return sizes


def _check_box(box):
    """box as (x0, x1, y0, y1) with x0 < x1 and y0 < y1, finite."""
    x0, x1, y0, y1 = checks.listed("box", box, "be four numbers (x0, x1, y0, y1)",
                                   "(-1.5, 1.5, -1.5, 1.5)", length=4)
    x0 = checks.number("box[0]", x0, at_least=-MAX_Z, at_most=MAX_Z)
    x1 = checks.number("box[1]", x1, above=x0, at_most=MAX_Z)
    y0 = checks.number("box[2]", y0, at_least=-MAX_Z, at_most=MAX_Z)
    y1 = checks.number("box[3]", y1, above=y0, at_most=MAX_Z)
    return x0, x1, y0, y1


def _drawable(xy):
    """True when the points are numbers a plot can show (no NaN, ∞ or overflowing size)."""
    return bool(np.all(np.isfinite(xy)) and (xy.size == 0 or float(np.abs(xy).max()) < MAX_DRAWN))


# ---- DigitExplorer ---------------------------------------------------------------------------------


class DigitExplorer(FigureWidget):
    """Pick an MNIST image and follow it through a trained network.

    Shows the 28×28 image, the same pixels as the 784-long row the network really sees,
    the activations of every hidden layer (bars, or a colour strip above 64 units), and the
    10 softmax probabilities as bars: the prediction in orange, the true label outlined.

        DigitExplorer(net, X_test, y_test)

    Controls: ``index`` (IntSlider) and ``index_box`` (a number box), linked.
    ``shown_probabilities`` is the probability vector drawn now, ``prediction`` its argmax
    (None, and the headline says why, when the network's numbers overflowed to NaN or ∞).
    Notebook 06.
    """

    def __init__(self, net, X, y=None, index=0, image_shape=(28, 28)):
        if not isinstance(net, MLP):
            raise SettingError(f"net must be an MLP (e.g. MLP([784, 100, 10])), but it is a "
                               f"{type(net).__name__}.")
        if net.output != "softmax":
            raise SettingError(f"DigitExplorer shows the probabilities of a softmax output, but "
                               f"this network's output is {net.output!r} ({net!r}).")
        if isinstance(image_shape, (str, bytes)) or not hasattr(image_shape, "__len__") \
                or len(image_shape) != 2:
            raise SettingError(f"image_shape must be (rows, columns) of an image, e.g. (28, 28); "
                               f"got {image_shape!r}.")
        image_shape = tuple(checks.whole(f"image_shape[{i}]", n, at_least=1)
                            for i, n in enumerate(image_shape))
        X = net.check_input(X, "X")                   # (m, n_in): the network's inputs
        if X.shape[1] != image_shape[0] * image_shape[1]:
            raise ShapeError(f"X has {X.shape[1]} columns, which is not an image of "
                             f"image_shape {image_shape} ({image_shape[0] * image_shape[1]} "
                             "pixels).")
        if y is not None:
            X, y = check_xy(X, y)
            y = check_labels("y", class_labels(y), net.sizes[-1])
        index = checks.whole("index", index, at_least=0, at_most=X.shape[0] - 1,
                             hint=" It is the row of X to show first.")
        self.images = as_images(X, image_shape)
        self.net, self.X, self.y = net, X, y
        n_hidden = len(net.weights) - 1
        super().__init__(new_figure(13, 4.6 + 1.1 * max(n_hidden - 1, 0)))
        self.index = widgets.IntSlider(value=index, min=0, max=X.shape[0] - 1, description="image")
        self.index_box = widgets.BoundedIntText(value=index, min=0, max=X.shape[0] - 1,
                                                layout=widgets.Layout(width="90px"))
        widgets.link((self.index, "value"), (self.index_box, "value"))
        self.notice = message_box()
        # a weak callback: the controls never keep the explorer alive (see widgets.base)
        self.index.observe(weak(self._on_index), names="value")
        self.widget = widgets.VBox([widgets.HBox([self.index, self.index_box]), self.notice,
                                    self.image])
        self._build_figure(image_shape)
        self.update()

    def _on_index(self, _change):
        self.update()

    def _show_error(self, err):
        """An error inside a control: shown above the picture, never raised."""
        super()._show_error(err)
        show_message(self.notice, f"this did not work: {error_text(err)}")

    def _build_figure(self, image_shape):
        net, fig = self.net, self.figure
        n_hidden = len(net.weights) - 1
        with course_style():
            outer = fig.add_gridspec(2, 3, height_ratios=[4, 1], width_ratios=[1, 1.6, 1.3],
                                     left=0.03, right=0.98, top=0.83, bottom=0.1, wspace=0.25,
                                     hspace=0.7)
            ax_img = fig.add_subplot(outer[0, 0])
            self.digit = ax_img.imshow(self.images[0], cmap=GREYS, vmin=0, vmax=1)
            ax_img.set_axis_off()
            ax_img.set_title(f"X[i] as {image_shape[0]}×{image_shape[1]}")
            ax_strip = fig.add_subplot(outer[1, :])
            self.strip = ax_strip.imshow(self.X[:1], cmap=GREYS, vmin=0, vmax=1, aspect="auto")
            ax_strip.set_yticks([])
            ax_strip.set_title(f"the same pixels as the row the network sees: x {(1, net.sizes[0])}",
                               fontsize=12)
            hidden_gs = outer[0, 1].subgridspec(max(n_hidden, 1), 1, hspace=0.8)
            self.hidden_views, self.hidden_axes = [], []
            for l in range(n_hidden):
                ax = fig.add_subplot(hidden_gs[l])
                self.hidden_axes.append(ax)
                self.hidden_views.append(self._hidden_view(ax, l + 1))
            self.ax_prob = fig.add_subplot(outer[0, 2])
            self.prob_bars = draw_probability_bars(self.ax_prob, np.zeros(net.sizes[-1]))
            self.ax_prob.set_title(f"softmax output {(1, net.sizes[-1])}")
            self.ax_prob.set_xlabel("digit")
            self.headline = fig.text(0.03, 0.95, "", fontsize=16, fontweight="bold")
        self._limits = [None] * n_hidden
        self._dynamic = ([self.digit, self.strip] + [a for v in self.hidden_views for a in v[1]]
                         + list(self.prob_bars) + [self.headline])

    def _hidden_view(self, ax, l):
        """Bars for up to 64 units, else a colour strip. Returns (kind, artists)."""
        n = self.net.sizes[l]
        title = f"hidden activations {shape_label(f'A{l}', (1, n))} ({self.net.hidden[l - 1]})"
        ax.set_title(title, fontsize=12)
        if n <= 64:
            bars = ax.bar(np.arange(n), np.zeros(n), color=OKABE_ITO["sky_blue"])
            ax.set_xlim(-0.6, n - 0.4)
            ax.set_xticks(np.unique(np.linspace(0, n - 1, min(n, 10)).round().astype(int)))
            return "bars", list(bars)
        image = ax.imshow(np.zeros((1, n)), cmap=SEQUENTIAL, aspect="auto")
        ax.set_yticks([])
        return "strip", [image]

    def update(self):
        """Show image ``index.value``: everything is updated in place, then redrawn."""
        i = self.index.value
        with np.errstate(all="ignore"):
            P, cache = self.net.forward(self.X[i:i + 1])
        self.shown_probabilities = P[0].copy()
        # weights that overflowed give NaN or ∞: drawn as 0, and the headline says so
        numbers = bool(np.all(np.isfinite(P)))
        self.prediction = int(predictions(self.net, P)[0]) if numbers else None
        self.digit.set_data(self.images[i])
        self.strip.set_data(self.X[i:i + 1])
        full = False
        for l, (kind, artists) in enumerate(self.hidden_views):
            a = cache.layers[l].A[0]
            numbers &= bool(np.all(np.isfinite(a)))
            a = np.where(np.isfinite(a), a, 0.0)
            if kind == "bars":
                for bar, h in zip(artists, a):
                    bar.set_height(h)
                full |= self._grow_limits(l, a)
            else:
                artists[0].set_data(a[None, :])
                artists[0].set_clim(min(a.min(), 0), max(a.max(), 1e-9))
        for k, bar in enumerate(self.prob_bars):
            bar.set_height(P[0, k] if np.isfinite(P[0, k]) else 0.0)
            bar.set_facecolor(HIGHLIGHT if k == self.prediction else OKABE_ITO["grey"])
            is_label = self.y is not None and k == self.y[i]
            bar.set_edgecolor("black" if is_label else "none")
            bar.set_linewidth(2.5 if is_label else 0)
        label = f" · label {self.y[i]}" if self.y is not None else ""
        if self.prediction is None:
            self.headline.set_text(f"image {i}: no prediction — the network's numbers "
                                   f"overflowed (NaN or ∞){label}")
        else:
            verdict = "" if self.y is None else ("  ✓" if self.prediction == self.y[i]
                                                 else "  ✗ wrong")
            self.headline.set_text(f"image {i}: predicted {self.prediction} "
                                   f"(p = {P[0, self.prediction]:.2f}){label}{verdict}"
                                   + ("" if numbers else " — some activations overflowed"))
        self.render(full=full)
        show_message(self.notice, "")             # drawn: an earlier error is over

    def _grow_limits(self, l, a):
        """Widen hidden-bar limits when needed (never shrink: bars stay comparable). True if changed."""
        lo, hi = max(min(float(a.min()), 0.0), -MAX_DRAWN), min(max(float(a.max()), 1e-6), MAX_DRAWN)
        old = self._limits[l]
        if old is not None and lo >= old[0] and hi <= old[1]:
            return False
        lo, hi = (lo, hi) if old is None else (min(lo, old[0]), max(hi, old[1]))
        self._limits[l] = (lo * 1.2, hi * 1.2)
        self.hidden_axes[l].set_ylim(*self._limits[l])
        return True
