"""Optimisers and initial scales: the two widgets of notebook 07.

    OptimizerRace("valley", lr=0.1)        gradient descent, momentum and Adam racing down one
                                           long narrow valley (``optim.valley``)
    InitExplorer("uniform", "relu")        a batch pushed through 10 freshly initialised layers:
                                           do the activations vanish, explode or stay steady?

Neither has an update rule, a pass or a loss of its own: the race steps ``optim.Momentum``
and ``optim.Adam`` on ``optim.valley`` and stops a runaway by ``train.runaway``; the explorer
draws its weights with ``network.init_layer`` and pushes the batch through
``layers.dense_forward`` and ``layers.activation_forward``. Frames update the artists in place
and redraw them over a saved background (``widgets.base``).
"""

import functools
import time

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import Rectangle

from .. import blas, checks, layers, optim
from ..network import INIT_ALIASES, INIT_SCHEMES, init_layer
from ..style import DPI, OKABE_ITO, course_style, new_figure
from ..train import DIVERGE_ABOVE, runaway
from .base import FigureWidget, PlayLoop, error_text, message_html, weak
from .steppers import format_number
from .training import _check_lr_range

# ---- OptimizerRace -------------------------------------------------------------------------------

# the surfaces a race can run on: keyword arguments of optim.valley
SURFACES = {"valley": {}, "tilted valley": {"angle": 30.0}}
RACERS = ("gradient descent", "momentum", "Adam")
ALL = "all three"
RACER_COLORS = {"gradient descent": OKABE_ITO["blue"], "momentum": OKABE_ITO["vermillion"],
                "Adam": OKABE_ITO["reddish_purple"]}    # three hues apart, on a projector too
LOSS_FLOOR = 1e-20       # a loss below this is drawn at it (the log axis needs a bottom)
MAX_START = 1e3          # |x|, |y| of the start point
MAX_SPEED = 20           # steps per Play frame (the speed slider's range)


class _Runner:
    """One optimiser in the race: its point ``params = {"p": array}``, its update rule, the
    points it visited and their losses, and why it stopped ("" while it runs)."""

    def __init__(self, name, rule, params, loss, gradient):
        self.name, self.rule, self.params = name, rule, params
        self.path = [params["p"].copy()]
        self.losses = [loss]
        self.gradient = gradient
        self.start_loss = loss
        self.stopped = ""

    @property
    def point(self):
        return self.path[-1]


class OptimizerRace(PlayLoop, FigureWidget):
    """Gradient descent, momentum and Adam racing on one loss surface, step by step.

        OptimizerRace(surface="valley", lr=0.1, start=(-4.0, 1.5), optimizer="all three")

    The surface is ``optim.valley`` (L = ½(0.1·x² + 16·y²) with the defaults: 160 times as
    steep across as along; its minimum is (0, 0)); "tilted valley" is the same valley turned
    by 30° (``optim.valley(p, angle=30)``). Each optimiser holds its point in ``{"p": p}``
    and is the package's own update rule, stepped with the surface's gradient:

      - "gradient descent": ``optim.Momentum(params, 0)``;
      - "momentum":         ``optim.Momentum(params, momentum)`` (μ = 0.9);
      - "Adam":             ``optim.Adam(params)``.

    What to see at lr = 0.1: gradient descent zig-zags across the valley and then crawls along
    its floor; momentum overshoots but keeps its speed along the floor and ends far closer to
    the minimum; Adam's steps are about lr long in each coordinate, whatever the slope. Above
    lr = 2/16 = 0.125 gradient descent diverges while momentum still converges (up to 0.2375).
    On the tilted valley Adam loses its lead: it rescales each coordinate, and the tilted
    valley's steep and shallow directions are no coordinates.

    Figure: the surface's contours with each optimiser's path and current point (legend), and
    beside it the loss against steps (log y; losses below 1e-20 are drawn at 1e-20).

    Controls (public, so a notebook or a test can drive them): ``play`` (ipywidgets.Play),
    ``step_button``, ``reset_button``, ``lr_slider`` (log scale: a new learning rate restarts
    the race from the start point), ``optimizer`` (ToggleButtons: "gradient descent",
    "momentum", "Adam", or "all three" racing together; a change restarts the race),
    ``speed`` (steps per frame), ``readout`` (the step count and each optimiser's loss and
    point). ``runners`` holds the optimisers racing now (``.path``, ``.losses``, ``.rule``),
    ``shown`` the numbers of the readout. Methods: ``step()``, ``frame()``, ``reset()``,
    ``snapshot(steps=None)`` (with ``steps``: restart and run that many steps first — a
    static figure for handouts), ``close()``.

    A runner stops when it runs away — its loss becomes NaN or ∞, or grows past
    ``diverge_above`` (10⁴) times its loss at the start: ``train.runaway``, the Trainer's one
    rule. The readout then says "gradient descent diverged at step 8: the loss grew to … —
    try a smaller learning rate"; the others race on. The race also ends after ``max_steps``.
    Notebook 07.
    """

    def __init__(self, surface="valley", lr=0.1, start=(-4.0, 1.5), optimizer=ALL, *,
                 momentum=0.9, steps_per_frame=1, interval=50, lr_range=(1e-3, 1.0),
                 max_steps=2000, diverge_above=DIVERGE_ABOVE, grid_points=121, dpi=DPI):
        surface = checks.choice("surface", surface, tuple(SURFACES))
        lr = checks.number("lr", lr, above=0, hint=" Try 0.1; above 0.125 gradient descent "
                           "diverges on the valley.")
        x0, y0 = checks.listed("start", start, "be a point (x, y) of the plane", "(-4.0, 1.5)",
                               length=2)
        start = np.array([checks.number(f"start[{i}]", v, at_least=-MAX_START, at_most=MAX_START)
                          for i, v in enumerate((x0, y0))])
        optimizer = checks.choice("optimizer", optimizer, RACERS + (ALL,))
        self.momentum = checks.number("momentum", momentum, at_least=0, below=1,
                                      hint=" It is μ of the momentum racer; 0.9 is usual.")
        steps_per_frame = checks.whole("steps_per_frame", steps_per_frame, at_least=1,
                                       at_most=MAX_SPEED)
        self.interval = checks.whole("interval", interval, at_least=1, at_most=60_000,
                                     hint=" It is the time between two Play frames, in ms.")
        lr_range = _check_lr_range(lr_range)
        self.max_steps = checks.whole("max_steps", max_steps, at_least=1, at_most=100_000)
        if diverge_above is not None:
            diverge_above = checks.number("diverge_above", diverge_above, above=1,
                                          hint=" Use None to stop on NaN/inf only.")
        self.diverge_above = diverge_above
        grid_points = checks.whole("grid_points", grid_points, at_least=10, at_most=400)
        dpi = checks.number("dpi", dpi, at_least=10, at_most=600)

        self.surface_name, self.start = surface, start
        self.surface = functools.partial(optim.valley, **SURFACES[surface])
        super().__init__(new_figure(10.5, 4.4, dpi))
        self._build_controls(lr, lr_range, optimizer, steps_per_frame)
        self._build_figure(grid_points)
        self.reset()

    # ---- controls -------------------------------------------------------------------------
    def _build_controls(self, lr, lr_range, optimizer, steps_per_frame):
        self._play_controls(lr, lr_range, steps_per_frame, MAX_SPEED, "one step of every optimiser",
                            "back to the start point")
        self.optimizer = widgets.ToggleButtons(options=list(RACERS + (ALL,)), value=optimizer,
                                               description="optimiser")
        self.readout = widgets.HTML()
        self.readout.add_class("nnla-readout")
        # weak callbacks: the controls never keep the race alive (Play, Step, Reset: _play_controls)
        self.lr_slider.observe(weak(self._on_restart), names="value")
        self.optimizer.observe(weak(self._on_restart), names="value")
        self.widget = widgets.VBox([
            widgets.HBox([self.play, self.step_button, self.reset_button, self.lr_slider,
                          self.speed]),
            self.optimizer, self.readout, self.image])

    def _on_step(self, _button):
        self.step()

    def _on_reset(self, _button):
        self.reset()

    def _on_restart(self, _change):
        self.reset()

    def _stop_playing(self):
        if getattr(self, "play", None) is not None and self.play.playing:
            self.play.playing = False

    def _show_error(self, err):
        """An error inside a control: shown in the readout, never raised."""
        super()._show_error(err)
        self._stop_playing()
        self.readout.value = message_html(f"this did not work: {error_text(err)}", "error")

    # ---- the race -------------------------------------------------------------------------
    @property
    def lr(self):
        return self.lr_slider.value

    def selected(self):
        """The names of the optimisers racing: the toggle's one, or all three."""
        choice = self.optimizer.value
        return RACERS if choice == ALL else (choice,)

    def _make_rule(self, name, params):
        if name == "gradient descent":
            return optim.Momentum(params, 0.0)
        if name == "momentum":
            return optim.Momentum(params, self.momentum)
        return optim.Adam(params)

    def reset(self):
        """Stop, and put every selected optimiser back at the start point (fresh running sums)."""
        self._stop_playing()
        self.runners = []
        for name in self.selected():
            params = {"p": self.start.copy()}
            loss, gradient = self.surface(params["p"])
            self.runners.append(_Runner(name, self._make_rule(name, params), params, loss,
                                        gradient))
        self.step_count, self.total_times, self.over = 0, [], ""
        for name, art in self.artists.items():
            racing = name in self.selected()
            for a in art.values():
                a.set_visible(racing)
        self._legend()
        full = self._rescale_loss_axes(fresh=True)
        self._update_views()
        self.render(full=full)
        self._show_readout()

    def step(self):
        """One step of every optimiser still racing (the Step button)."""
        self._advance(1)

    def frame(self):
        """One Play frame: ``speed.value`` steps, then one redraw."""
        self._advance(self.speed.value)

    def _advance(self, n_steps):
        if self.figure is None:
            return
        start = time.perf_counter()
        try:
            with np.errstate(all="ignore"):
                for _ in range(n_steps):
                    racing = [r for r in self.runners if not r.stopped]
                    if not racing or self.step_count >= self.max_steps:
                        break
                    self.step_count += 1
                    for runner in racing:
                        self._step_runner(runner)
            if self.step_count >= self.max_steps:
                self.over = (f"the race is over after {self.max_steps} steps — press Reset "
                             "to run it again.")
            if self.over or all(r.stopped for r in self.runners):
                self._stop_playing()
            self._update_views()
            self.render(full=self._rescale_loss_axes())
        except Exception as err:                  # show any failure, never a traceback
            self._show_error(err)
            return
        self._show_readout()
        self.total_times.append(time.perf_counter() - start)
        del self.total_times[:-200]

    def _step_runner(self, runner):
        """One update by the runner's own rule, then the surface at the new point; stop the
        runner by ``train.runaway`` if its loss ran away."""
        runner.rule.step(runner.params, {"p": runner.gradient}, self.lr)
        p = runner.params["p"]
        if np.all(np.isfinite(p)):
            loss, gradient = self.surface(p)
        else:                                     # the point itself overflowed
            loss, gradient = float("nan") if np.isnan(p).any() else float("inf"), None
        runner.path.append(p.copy())
        runner.losses.append(loss)
        runner.gradient = gradient
        why = runaway(loss, runner.start_loss, self.diverge_above)
        if why:
            runner.stopped = (f"{runner.name} diverged at step {len(runner.path) - 1}: {why} "
                              f"— try a smaller learning rate (it is {self.lr:.3g} now).")

    # ---- the readout ----------------------------------------------------------------------
    def _show_readout(self):
        self.shown = {"step": self.step_count, "lr": self.lr,
                      "loss": {r.name: r.losses[-1] for r in self.runners},
                      "point": {r.name: tuple(float(v) for v in r.point) for r in self.runners},
                      "stopped": {r.name: r.stopped for r in self.runners if r.stopped}}
        parts = [f"<b>step</b> {self.step_count}", f"<b>lr</b> {self.lr:.3g}"]
        lines = []
        for r in self.runners:
            x, y = r.point
            state = " (stopped)" if r.stopped else ""
            lines.append(f"<span style='color:{RACER_COLORS[r.name]}'>●</span> <b>{r.name}</b>"
                         f"{state}: loss {format_number(r.losses[-1], 4)} at "
                         f"({format_number(x, 3)}, {format_number(y, 3)})")
        text = message_html(" · ".join(parts) + "<br>" + "<br>".join(lines))
        for r in self.runners:
            if r.stopped:
                text += message_html(r.stopped, "error")
        if self.over:
            text += message_html(f"<i>{self.over}</i>")
        self.readout.value = text

    # ---- the figure -----------------------------------------------------------------------
    def _build_figure(self, n):
        x0, y0 = self.start
        half = 1.25 * max(abs(x0), abs(y0), 1.0)
        xs = np.linspace(-half, half, n)
        grid = np.stack(np.meshgrid(xs, xs))
        L, _ = self.surface(grid)                 # the surface's own loss at every grid point
        top = float(L.max())
        levels = np.geomspace(max(top * 1e-5, 1e-12), top, 14)
        fig = self.figure
        with course_style():
            self.ax_surface = fig.add_axes([0.06, 0.12, 0.4, 0.76])
            self.ax_loss = fig.add_axes([0.57, 0.12, 0.41, 0.76])
            ax = self.ax_surface
            ax.contour(xs, xs, L, levels=levels, colors=OKABE_ITO["grey"], linewidths=0.7)
            self.start_marker, = ax.plot([x0], [y0], marker="*", ms=13, color="black", ls="",
                                         label="start")
            self.minimum_marker, = ax.plot([0], [0], marker="P", ms=10, color="black", ls="",
                                           label="minimum (0, 0)")
            ax.set_xlim(-half, half)
            ax.set_ylim(-half, half)
            ax.set_aspect("equal", adjustable="box")
            ax.set_xlabel("x")
            ax.set_ylabel("y")
            kwargs = SURFACES[self.surface_name]
            args = "".join(f", {k}={v:g}" for k, v in kwargs.items())
            ax.set_title(f"{self.surface_name}: optim.valley(p{args})", fontsize=12)
            self.artists = {}
            for name in RACERS:
                c = RACER_COLORS[name]
                self.artists[name] = {
                    "path": ax.plot([], [], color=c, lw=1.2, marker=".", ms=3, alpha=0.9)[0],
                    "point": ax.plot([], [], marker="o", ms=9, color=c, ls="",
                                     markeredgecolor="black")[0],
                    "loss": self.ax_loss.plot([], [], color=c, lw=1.6, label=name + (
                        f" (μ = {self.momentum:g})" if name == "momentum" else ""))[0]}
            self.ax_loss.set_yscale("log")
            self.ax_loss.set_xlabel("step")
            self.ax_loss.set_ylabel("loss")
            self.ax_loss.set_title("loss (log scale)")
            self.ax_loss.yaxis.set_label_coords(-0.12, 0.5)   # fixed: the layout is computed once
            self.status = fig.text(0.06, 0.955, "", fontsize=12, fontweight="bold")
            self.banner = self.ax_loss.text(0.98, 0.97, "", transform=self.ax_loss.transAxes,
                                            ha="right", va="top", fontsize=11,
                                            color=OKABE_ITO["vermillion"], fontweight="bold")
            ax.legend(handles=[self.start_marker, self.minimum_marker], loc="upper right",
                      fontsize=9)
        self._loss_limits, self._legend_for = None, None
        self._dynamic = ([a for art in self.artists.values() for a in art.values()]
                         + [self.status, self.banner])

    def _legend(self):
        """The loss legend lists the optimisers racing now. It is part of the background
        (drawing it at every frame would cost more than the rest of a frame), so a new choice
        of optimisers needs one full redraw."""
        if self._legend_for == self.selected():
            return
        self._legend_for = self.selected()
        with course_style():
            handles = [self.artists[name]["loss"] for name in self.selected()]
            self.ax_loss.legend(handles=handles, loc="lower left")
        self.invalidate()

    def _update_views(self):
        for r in self.runners:
            art = self.artists[r.name]
            path = np.array(r.path)
            path = path[np.all(np.isfinite(path), axis=1)]
            art["path"].set_data(path[:, 0], path[:, 1])
            art["point"].set_data(path[-1:, 0], path[-1:, 1])
            losses = np.array(r.losses, dtype=float)
            steps = np.arange(len(losses))
            ok = np.isfinite(losses)
            art["loss"].set_data(steps[ok], np.maximum(losses[ok], LOSS_FLOOR))
        self.status.set_text(f"step {self.step_count} · lr {self.lr:.3g}")
        stopped = [r for r in self.runners if r.stopped]
        self.banner.set_text("\n".join(f"{r.name} diverged at step {len(r.path) - 1}"
                                       for r in stopped)
                             + ("\n— lower the learning rate" if stopped else ""))

    def _rescale_loss_axes(self, fresh=False):
        """Grow the loss axes in big jumps (steps double, the loss by powers of ten), so most
        frames keep the axes and use the fast redraw; ``fresh``: the limits of the race alone
        (at a restart), not grown from the last race's. True when the limits changed."""
        values = np.array([v for r in self.runners for v in r.losses], dtype=float)
        values = values[np.isfinite(values)]
        values = np.clip(values, LOSS_FLOOR, 1e300)
        if values.size == 0:
            values = np.array([1.0])
        lo = 10.0 ** np.floor(np.log10(values.min()))
        hi = 10.0 ** np.ceil(np.log10(values.max()) + np.log10(1.01))
        x_hi = 100
        while x_hi < self.step_count:
            x_hi *= 2
        if self._loss_limits is not None and not fresh:
            old_lo, old_hi, old_x = self._loss_limits
            lo, hi, x_hi = min(lo, old_lo), max(hi, old_hi), max(x_hi, old_x)
        limits = (lo, hi, x_hi)
        if limits == self._loss_limits:
            return False
        self._loss_limits = limits
        self.ax_loss.set_xlim(0, x_hi)
        self.ax_loss.set_ylim(lo, hi)
        self.invalidate()
        return True

    def snapshot(self, steps=None):
        """The figure as it is now; with ``steps``, restart the race and run that many steps
        first (a static picture for handouts, the same every time)."""
        if steps is not None and self.figure is not None:
            steps = checks.whole("steps", steps, at_least=0, at_most=self.max_steps)
            self.reset()
            if steps:
                self._advance(steps)
        return super().snapshot()

    def close(self):
        self._stop_playing()
        super().close()


# ---- InitExplorer --------------------------------------------------------------------------------

SCHEME_LABELS = {"uniform": "essay U(−0.5, 0.5)", "xavier": "Xavier", "he": "He"}
INIT_ACTIVATIONS = ("relu", "tanh", "sigmoid")
MAX_DEPTH = 10
VANISHING_BELOW = 0.1    # the last layer's std, as a fraction of the input's: below → "vanishing"
EXPLODING_ABOVE = 10.0   # … above this many times the input's → "exploding"
N_BINS = 60
RIDGE_HEIGHT = 0.85      # a ridge's tallest bin, in units of the spacing between two ridges


def verdict(std, input_std):
    """The verdict on a layer's activation std against the input's: "vanishing" below
    ``VANISHING_BELOW`` (0.1) times it, "exploding" above ``EXPLODING_ABOVE`` (10) times it
    (or NaN, ∞), "steady" in between. Notebook 07."""
    if not np.isfinite(std) or std > EXPLODING_ABOVE * input_std:
        return "exploding"
    if std < VANISHING_BELOW * input_std:
        return "vanishing"
    return "steady"


class InitExplorer(FigureWidget):
    """Why the initial scale matters: one batch through ``depth`` freshly initialised layers.

        InitExplorer(scheme="uniform", activation="relu", depth=10, width=256, seed=0)

    A batch X of ``samples`` (500) inputs, each ``width`` numbers drawn from N(0, 1), goes
    through 10 layers of ``width`` units: A_l = g(A_{l−1} W_l + b_l), with (W_l, b_l) from
    ``network.init_layer(width, width, scheme, rng)`` and the pass done by
    ``layers.dense_forward`` and ``layers.activation_forward``. One generator,
    ``np.random.default_rng(seed)``, draws X first and then the layers in order, so X is the
    same batch for every scheme and activation (``layer_outputs()`` is that pass).

    - "uniform", the essay's W, b ~ U(−0.5, 0.5): with 256 inputs a unit's sum has std
      √(256/12) ≈ 4.6 times its input's; ReLU keeps about half of it, so the activations grow
      about 3× per layer — they explode (tanh and sigmoid saturate at their bounds instead);
    - "xavier", W ~ U(−r, r), r = √(6/(n_in + n_out)): keeps the scale for tanh; with ReLU
      it halves the variance at every layer — the activations vanish;
    - "he", W ~ N(0, 2/n_in): keeps the scale for ReLU, layer after layer.

    Figure: left, one histogram per layer stacked as ridges (the input X on top, then layers
    1 … depth), all on one x-range (its ends are written under it; the dotted line is 0),
    each scaled to its own tallest bin — a spike at 0 has vanished, a ridge much wider than
    the input's has exploded. Exact zeros (ReLU's off units, about half) are left out of the
    ridges; the readout says how many. Right, each layer's activation std (log scale; the
    same axes for every scheme and activation): the shown layers in colour, the deeper ones
    in grey, and the verdict's two thresholds.

    Readout: the std of the last shown layer and its ``verdict``: "vanishing" below 0.1 × the
    input's std, "exploding" above 10 × it, "steady" in between (``VANISHING_BELOW``,
    ``EXPLODING_ABOVE``), and the mean factor per layer. The std alone misses saturation:
    tanh and sigmoid activations piled at their bounds look "steady"; the ridges show it.

    Controls: ``scheme`` (ToggleButtons; the essay's labelled "essay U(−0.5, 0.5)"),
    ``activation`` (Dropdown: relu, tanh, sigmoid), ``depth`` (IntSlider 1–10: the layers
    shown), ``readout``. ``stds`` holds the std of X and of every layer (0 … 10), ``shown``
    the readout's numbers. ``snapshot()`` gives the figure. Notebook 07.
    """

    def __init__(self, scheme="uniform", activation="relu", depth=MAX_DEPTH, width=256, seed=0,
                 samples=500, dpi=DPI):
        scheme = checks.choice("scheme", scheme, INIT_SCHEMES + tuple(INIT_ALIASES))
        scheme = INIT_ALIASES.get(scheme, scheme)
        activation = checks.choice("activation", activation, INIT_ACTIVATIONS)
        depth = checks.whole("depth", depth, at_least=1, at_most=MAX_DEPTH,
                             hint=" It is the number of layers shown.")
        self.width = checks.whole("width", width, at_least=1, at_most=1024,
                                  hint=" It is the units per layer; 256 keeps a change quick.")
        self.seed = checks.whole("seed", seed, at_least=0, at_most=2**32 - 1)
        self.samples = checks.whole("samples", samples, at_least=2, at_most=2000,
                                    hint=" It is the number of inputs in the batch.")
        dpi = checks.number("dpi", dpi, at_least=10, at_most=600)
        super().__init__(new_figure(10.5, 4.8, dpi))
        self.scheme = widgets.ToggleButtons(
            options=[(SCHEME_LABELS[s], s) for s in ("uniform", "xavier", "he")], value=scheme,
            description="init")
        self.activation = widgets.Dropdown(options=list(INIT_ACTIVATIONS), value=activation,
                                           description="activation")
        self.depth = widgets.IntSlider(value=depth, min=1, max=MAX_DEPTH, description="depth")
        self.readout = widgets.HTML()
        self.readout.add_class("nnla-readout")
        # weak callbacks: the controls never keep the explorer alive (see widgets.base)
        self.scheme.observe(weak(self._on_pass), names="value")
        self.activation.observe(weak(self._on_pass), names="value")
        self.depth.observe(weak(self._on_depth), names="value")
        self.widget = widgets.VBox([self.scheme, widgets.HBox([self.activation, self.depth]),
                                    self.readout, self.image])
        # The std axes are the same for every scheme and activation, so a change is seen as
        # the line moving (and every frame can be a fast one): they span the stds of all nine
        # passes, each estimated on the first 50 inputs of the batch (the same weights).
        self._all_stds = {(s, a): self._stds(self.layer_outputs(s, a, rows=50))
                          for s in ("uniform", "xavier", "he") for a in INIT_ACTIVATIONS}
        self._compute()
        self._build_figure()
        self.update()

    def _on_pass(self, _change):
        self._compute()
        self.update()

    def _on_depth(self, _change):
        self.update()

    def _show_error(self, err):
        """An error inside a control: shown in the readout, never raised."""
        super()._show_error(err)
        self.readout.value = message_html(f"this did not work: {error_text(err)}", "error")

    # ---- the pass -------------------------------------------------------------------------
    def layer_outputs(self, scheme=None, activation=None, rows=None):
        """[X, A_1, …, A_10] for ``scheme`` and ``activation`` (default: the controls'): the
        package's own layers, the weights drawn by ``init_layer`` after X, from one seeded
        generator. ``rows``: push only the first rows of X through (the same weights)."""
        scheme = self.scheme.value if scheme is None else scheme
        activation = self.activation.value if activation is None else activation
        X, params = self._drawn(scheme)
        A = X[:rows]
        outputs = [A]
        # 500 × 256 × 256 multiply-adds a layer: a large product, so idle cores may help
        threads = blas.threads_for(A.shape[0], [self.width] * (MAX_DEPTH + 1))
        with np.errstate(all="ignore"), blas.limit(threads):
            for W, b in params:
                Z, _ = layers.dense_forward(A, W, b)
                A, _ = layers.activation_forward(Z, activation)
                outputs.append(A)
        return outputs

    def _drawn(self, scheme):
        """X and the ``MAX_DEPTH`` layers' (W, b) for ``scheme``, in that order from
        ``np.random.default_rng(seed)``. The draws do not depend on the activation, so the
        last scheme's are kept: a new activation then costs only the pass (drawing 10 × 256 ×
        256 weights takes about as long as multiplying by them)."""
        key = (scheme, self.seed, self.width, self.samples)
        if getattr(self, "_drawn_key", None) != key:
            rng = np.random.default_rng(self.seed)
            X = rng.standard_normal((self.samples, self.width))
            params = [init_layer(self.width, self.width, scheme, rng) for _ in range(MAX_DEPTH)]
            self._drawn_key, self._drawn_params = key, (X, params)
        return self._drawn_params

    @staticmethod
    def _stds(outputs):
        return np.array([float(np.std(A)) for A in outputs])

    def _compute(self):
        """The pass for the current scheme and activation, and what the figure needs of each
        layer: its std, its share of exact zeros, its other values and their range."""
        self._outputs = outputs = self.layer_outputs()
        self.stds = self._stds(outputs)
        self._zero_counts = [int(np.count_nonzero(A == 0)) for A in outputs]
        self.zeros = np.array([n / A.size for n, A in zip(self._zero_counts, outputs)])
        # every ridge's x-range includes 0, so the exact zeros cannot widen it
        self._ranges = [(float(A.min()), float(A.max())) for A in outputs]

    def _ridge_counts(self, k, lo, hi):
        """Layer k's histogram over N_BINS equal bins of [lo, hi], its exact zeros left out:
        np.histogram's counts, by one bincount (every value lies in the range)."""
        A = self._outputs[k].ravel()
        bins = ((A - lo) * (N_BINS / (hi - lo))).astype(np.intp)    # (samples · width,)
        np.minimum(bins, N_BINS - 1, out=bins)          # hi belongs to the last bin
        counts = np.bincount(bins, minlength=N_BINS)
        zero_bin = min(int((0.0 - lo) * (N_BINS / (hi - lo))), N_BINS - 1)
        counts[zero_bin] -= self._zero_counts[k]
        return counts

    # ---- the figure -----------------------------------------------------------------------
    def _build_figure(self):
        fig, n = self.figure, MAX_DEPTH + 1
        with course_style():
            self.ax_ridges = ax = fig.add_axes([0.1, 0.12, 0.4, 0.72])
            ax.set_xlim(-0.01, 1.01)            # every ridge on one x-range, drawn as 0 … 1
            ax.set_ylim(-MAX_DEPTH - 0.1, 1.0)
            ax.set_xticks([])
            ax.set_yticks([])
            for side in ("left", "right", "top"):
                ax.spines[side].set_visible(False)
            ax.set_xlabel("activation value: one x-range for every ridge (exact 0s left out)",
                          labelpad=14)
            text = dict(fontsize=9, transform=ax.get_yaxis_transform(), clip_on=False)
            self.ridges, self.ridge_names = [], []
            for k in range(n):
                color = OKABE_ITO["grey"] if k == 0 else OKABE_ITO["blue"]
                self.ridges.append(ax.stairs(np.full(N_BINS, -k), np.linspace(0, 1, N_BINS + 1),
                                             baseline=-k, fill=True, color=color, alpha=0.8))
                self.ridge_names.append(ax.text(-0.01, -k + 0.3, "X (input)" if k == 0 else
                                                f"layer {k}", ha="right", va="center", **text))
            # The names are drawn once, with the background; the layers beyond the depth shown
            # are hidden behind a white curtain, moved at every frame (cheaper than the texts).
            self.curtain = Rectangle((-0.3, -MAX_DEPTH - 0.1), 1.6, 0.0, facecolor="white",
                                     edgecolor="none", transform=ax.get_yaxis_transform(),
                                     clip_on=False, zorder=5)
            ax.add_patch(self.curtain)
            self.zero_line = ax.axvline(0.5, color="black", lw=0.8, ls=":")
            self.range_texts = [ax.text(0.0, -0.01, "", ha="left", va="top", fontsize=9,
                                        transform=ax.transAxes),
                                ax.text(1.0, -0.01, "", ha="right", va="top", fontsize=9,
                                        transform=ax.transAxes)]
            self.title = fig.text(0.3, 0.93, "", ha="center", fontsize=12)

            self.ax_std = ax = fig.add_axes([0.7, 0.12, 0.28, 0.72])
            self.std_shown, = ax.plot([], [], marker="o", color=OKABE_ITO["blue"], lw=2,
                                      label="layers shown")
            self.std_rest, = ax.plot([], [], marker="o", color=OKABE_ITO["grey"], lw=1, ls="--",
                                     ms=4, label="deeper layers")
            s0 = self.stds[0]                   # the std of X: the same batch for every scheme
            for y, words, va in ((EXPLODING_ABOVE * s0,
                                  f"exploding above {EXPLODING_ABOVE:g}× X's", "bottom"),
                                 (VANISHING_BELOW * s0,
                                  f"vanishing below {VANISHING_BELOW:g}× X's", "top")):
                ax.axhline(y, color=OKABE_ITO["vermillion"], lw=1, ls=":")
                ax.text(-0.3, y, words, ha="left", va=va, fontsize=9,
                        color=OKABE_ITO["vermillion"])
            every = np.concatenate(list(self._all_stds.values()))
            every = every[np.isfinite(every) & (every > 0)]
            values = np.concatenate([every / 2, every * 2,            # a margin: estimates
                                     [EXPLODING_ABOVE * s0 * 3, VANISHING_BELOW * s0 / 3]])
            ax.set_yscale("log")
            ax.set_ylim(10.0 ** np.floor(np.log10(values.min())),
                        10.0 ** np.ceil(np.log10(values.max())))
            ax.set_xlim(-0.4, MAX_DEPTH + 0.4)
            ax.set_xticks(range(MAX_DEPTH + 1))
            ax.set_xticklabels(["X"] + [str(k) for k in range(1, MAX_DEPTH + 1)])
            ax.set_xlabel("layer")
            ax.set_title("activation std per layer")
            ax.legend(loc="upper left", fontsize=9)
        # everything that changes is drawn over a fixed background: every frame is a fast one
        self._dynamic = (self.ridges + self.range_texts
                         + [self.zero_line, self.curtain, self.title, self.std_shown,
                            self.std_rest])

    def update(self):
        """Redraw the ridges, the std line and the readout for the controls' values."""
        depth, stds = self.depth.value, self.stds
        lo = min([0.0] + [self._ranges[k][0] for k in range(depth + 1)])   # 0 always in range
        hi = max([0.0] + [self._ranges[k][1] for k in range(depth + 1)])
        if not hi > lo:
            lo, hi = lo - 1.0, hi + 1.0
        edges = np.linspace(0.0, 1.0, N_BINS + 1)
        self.curtain.set_height(max(MAX_DEPTH - depth - 0.4, 0.0))   # the slots below layer depth
        for k, ridge in enumerate(self.ridges):
            ridge.set_visible(k <= depth)
            if k > depth:
                continue
            counts = self._ridge_counts(k, lo, hi)
            top = counts.max()
            height = counts / top * RIDGE_HEIGHT if top > 0 else np.zeros(N_BINS)
            ridge.set_data(values=height - k, edges=edges, baseline=-k)
        self.zero_line.set_xdata([(0.0 - lo) / (hi - lo)] * 2)
        self.range_texts[0].set_text(format_number(lo, 3))
        self.range_texts[1].set_text(format_number(hi, 3))
        self.title.set_text(f"{SCHEME_LABELS[self.scheme.value]} · {self.activation.value} · "
                            f"{self.width} units per layer")
        self.std_shown.set_data(np.arange(depth + 1), stds[:depth + 1])
        self.std_rest.set_data(np.arange(depth, MAX_DEPTH + 1), stds[depth:])
        self.render(full=False)
        self._show_readout()

    def _show_readout(self):
        depth, stds = self.depth.value, self.stds
        last, s0 = float(stds[depth]), float(stds[0])
        word = verdict(last, s0)
        factor = float((last / s0) ** (1 / depth)) if last > 0 and np.isfinite(last) else \
            float("nan")
        zeros = float(np.mean(self.zeros[1:depth + 1]))
        self.shown = {"depth": depth, "std": last, "verdict": word, "factor": factor,
                      "zeros": zeros}
        text = (f"<b>{SCHEME_LABELS[self.scheme.value]}</b> · <b>{self.activation.value}</b> · "
                f"{depth} layer{'s' * (depth > 1)} of {self.width} units · {self.samples} "
                f"inputs ~ N(0, 1)<br><b>layer {depth}: std {format_number(last, 3)} — {word}</b>"
                f" (×{format_number(factor, 3)} per layer on average; X's std is "
                f"{format_number(s0, 3)}: below {VANISHING_BELOW:g}× it is vanishing, above "
                f"{EXPLODING_ABOVE:g}× exploding)")
        if zeros >= 0.005:
            text += (f"<br>{100 * zeros:.0f} % of the layers' activations are exactly 0 "
                     "(units that are off): the ridges leave them out")
        self.readout.value = message_html(text)
