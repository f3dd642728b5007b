"""TrainingPlayer: press Play and watch a network learn — its loss, its predictions, its weights.

    from nnla_helpers import data, widgets
    X, y = data.spirals(100, 3)
    player = widgets.TrainingPlayer(X, y, hidden_sizes=(16, 16), lr=0.5)
    player              # the live widget
    player.snapshot()   # a static figure of the same views

Play is an ``ipywidgets.Play``: the browser sends a tick every ``interval`` ms and the kernel
answers each tick with one frame (``speed`` training steps, then a redraw). Between two
ticks the kernel is idle, so other cells still run while it plays; Pause stops the ticks.
The interval is stretched to 1.5 × the time a frame takes, so ticks never queue up and
Pause acts at the next frame.
"""

import time

import ipywidgets as widgets
import numpy as np

from ..errors import DivergenceError, ShapeError
from .. import linear
from ..network import MLP
from ..checks import check_xy
from ..metrics import class_labels
from ..plots import (arrow_legend_handle, class_probabilities,
                    draw_decision_boundary, draw_fitted_line, draw_loss_surface,
                    draw_weight_heatmap, region_colors, symmetric_limit)
from ..style import (DPI, OKABE_ITO, TRAIN_COLOR, VAL_COLOR, course_style, new_figure)
from ..train import Trainer
from .base import FigureWidget, button, message_html

HIDDEN_ACTIVATIONS = ("relu", "leaky_relu", "tanh", "sigmoid", "identity")


class TrainingPlayer(FigureWidget):
    """Train a network step by step and watch it: Play / Pause, Step, Reset.

    What it shows, side by side in one figure:
      - the loss curve (train in blue, validation in vermillion, each mini-batch in grey);
      - 2 inputs and class labels: the decision regions with the data on top;
        1 input and number targets: the data and the fitted line;
      - a 1-input 1-output linear model (``hidden_sizes=()``): the loss surface over (w, b)
        with the current point, its trail, the arrow −∇L and the least-squares optimum ★;
      - otherwise every weight matrix as a heatmap titled with its shape, e.g. "W₁ (2, 16)".

    Build the network here (it is rebuilt with the same seed at every Reset)::

        TrainingPlayer(X, y, X_val=None, y_val=None, hidden_sizes=(16, 16), activation="relu",
                       output=None, loss=None, init="he", lr=0.1, batch_size="auto",
                       momentum=0.0, keep_prob=1.0, seed=0)

    - y: integer class labels (m,) → classification, softmax output (or pass output="sigmoid"
      for two classes with one output); numbers (m,) or (m, k) → regression, identity output + MSE.
    - hidden_sizes=() is linear regression O = X W + b (the notebook 01 model).
    - batch_size="auto": the whole set for that linear model (so each step follows −∇L
      exactly, as the arrow shows), else 32. None means full batch.
    - keep_prob < 1 switches dropout on.

    or pass a ready ``net=`` (an MLP): Reset then restores its weights as they were when the
    player was made; its architecture is fixed, only dropout can change.

    Controls (public, so a notebook or a test can drive them):
      ``play`` (ipywidgets.Play), ``step_button``, ``reset_button``,
      ``lr_slider`` (log scale; acts on the very next update), ``speed`` (steps per frame),
      ``activation``, ``hidden`` (text "16, 16"), ``dropout``, ``keep_prob``
      (these four take effect at Reset), ``readout`` (HTML), ``image`` (the picture).
    Methods: ``step()``, ``frame()``, ``reset()``, ``snapshot()``, ``close()``.

    When the loss becomes NaN or infinite — or grows past ``diverge_above`` (10⁴) times its
    starting value, which is where a too-large learning rate is clearly running away, long
    before it overflows — training stops and the widget says so ("diverged at step 37 —
    lower the learning rate"), with no traceback. Lower the learning rate and press Reset.
    ``diverge_above=None`` stops on NaN/inf only.
    """

    def __init__(self, X, y, X_val=None, y_val=None, *, hidden_sizes=(16, 16), activation="relu",
                 output=None, loss=None, init="he", lr=0.1, batch_size="auto", momentum=0.0,
                 keep_prob=1.0, seed=0, net=None, steps_per_frame=1, interval=100,
                 lr_range=(1e-4, 10.0), diverge_above=1e4, grid_points=80, dpi=DPI):
        self.X, self.y = check_xy(X, y)
        self.X_val = self.y_val = None
        if X_val is not None:
            self.X_val, self.y_val = check_xy(X_val, y_val, "X_val", "y_val")
            if self.X_val.shape[1] != self.X.shape[1]:
                raise ShapeError(f"X_val has {self.X_val.shape[1]} features (columns) but X has "
                                 f"{self.X.shape[1]}; they must match.")
        self.classify = _is_classification(self.y, output, net)
        if not self.classify:
            self.y = self.y.reshape(self.y.shape[0], -1).astype(float)
            if self.y_val is not None:
                self.y_val = self.y_val.reshape(self.y_val.shape[0], -1).astype(float)
        self.user_net = net
        self.user_state = net.get_state() if net is not None else None
        if net is not None:                      # show the given net's own architecture
            hidden_sizes, activation = net.sizes[1:-1], (net.hidden or ["relu"])[0]
        self.config = dict(output=output or ("softmax" if self.classify else "identity"),
                           loss=loss, init=init, momentum=momentum, seed=seed,
                           batch_size=batch_size, hidden_sizes=tuple(hidden_sizes))
        self.grid_points, self.interval, self.diverge_above = grid_points, interval, diverge_above
        super().__init__(new_figure(12.5, 8, dpi))
        self._build_controls(activation, lr, lr_range, keep_prob, steps_per_frame)
        self.reset()

    # ---- controls -------------------------------------------------------------------------
    def _build_controls(self, activation, lr, lr_range, keep_prob, steps_per_frame):
        self.play = widgets.Play(value=0, min=0, max=10_000_000, step=1, interval=self.interval,
                                 show_repeat=False, description="Play")
        self.step_button = button("Step", "one mini-batch update", icon="step-forward")
        self.reset_button = button("Reset", "rebuild the network with the same seed", icon="undo")
        lo, hi = min(lr_range[0], lr), max(lr_range[1], lr)
        self.lr_slider = widgets.FloatLogSlider(value=lr, base=10, min=np.log10(lo),
                                                max=np.log10(hi), step=0.05, description="lr",
                                                readout_format=".3g", continuous_update=False)
        self.speed = widgets.IntSlider(value=steps_per_frame, min=1, max=50,
                                       description="steps/frame")
        fixed = self.user_net is not None      # a given net keeps its own architecture
        self.activation = widgets.Dropdown(
            options=HIDDEN_ACTIVATIONS if activation in HIDDEN_ACTIVATIONS else
            HIDDEN_ACTIVATIONS + (activation,), value=activation, description="activation",
            disabled=fixed)
        self.hidden = widgets.Text(value=", ".join(str(h) for h in self.config["hidden_sizes"]),
                                   description="hidden", placeholder="e.g. 16, 16 (empty: none)",
                                   disabled=fixed, layout=widgets.Layout(width="220px"))
        self.dropout = widgets.Checkbox(value=keep_prob < 1, description="dropout", indent=False,
                                        layout=widgets.Layout(width="90px"))
        self.keep_prob = widgets.FloatSlider(value=keep_prob if keep_prob < 1 else 0.8, min=0.1,
                                             max=1.0, step=0.05, description="keep p")
        self.readout = widgets.HTML()
        self.readout.add_class("nnla-readout")
        self.play.observe(self._on_tick, names="value")
        self.step_button.on_click(lambda _: self.step())
        self.reset_button.on_click(lambda _: self.reset())
        self.lr_slider.observe(self._on_lr, names="value")
        note = widgets.HTML("<i>applied at Reset</i>")
        architecture = widgets.HBox([self.hidden, self.activation, self.dropout, self.keep_prob,
                                     note])
        if self.user_net is None and not self.config["hidden_sizes"] and not self.classify:
            architecture.layout.display = "none"   # linear regression: nothing to choose
        self.widget = widgets.VBox([
            widgets.HBox([self.play, self.step_button, self.reset_button, self.lr_slider,
                          self.speed]),
            architecture, self.readout, self.image])

    def _on_lr(self, change):
        # The trainer reads .lr at every step, so the very next update uses the new value.
        self.trainer.lr = float(change["new"])
        self._show_readout()

    def _on_tick(self, change):
        if change["new"] <= change["old"]:       # our own reset to 0, or the Play's stop button
            return
        if not self.play.playing:                # a tick that arrived after Pause: drop it
            return
        self.frame()
        self._fit_interval()

    def _fit_interval(self):
        """Keep the Play interval ≥ 1.5 × a frame, so ticks never queue up behind each other."""
        need = int(np.ceil(1.5 * 1000 * np.median(self.total_times[-10:]) / 10) * 10)
        interval = max(self.interval, need)
        if abs(interval - self.play.interval) > 0.2 * self.play.interval:
            self.play.interval = interval

    # ---- the model ------------------------------------------------------------------------
    def _hidden_sizes(self):
        """The sizes typed in ``hidden``: "16, 16" → (16, 16); "" → () (no hidden layer)."""
        text = self.hidden.value.replace(",", " ").split()
        if not all(t.isdigit() and int(t) > 0 for t in text):
            raise ValueError(f"hidden sizes must be positive whole numbers like '16, 16' (or empty "
                             f"for none); got {self.hidden.value!r}.")
        return tuple(int(t) for t in text)

    def _n_out(self):
        if not self.classify:
            return self.y.shape[1]
        if self.config["output"] == "sigmoid":
            return 1
        return max(int(class_labels(self.y).max()) + 1, 2)     # softmax needs two outputs or more

    def _make_net(self):
        """A fresh network from the controls — same seed, so the same initial weights."""
        keep = self.keep_prob.value if self.dropout.value else 1.0
        if self.user_net is not None:
            net = self.user_net
            net.set_state(self.user_state)
            net.rng = np.random.default_rng(net.seed)   # the same dropout masks again
            net.keep_prob = keep
            return net
        sizes = [self.X.shape[1], *self._hidden_sizes(), self._n_out()]
        c = self.config
        return MLP(sizes, hidden=self.activation.value, output=c["output"], loss=c["loss"],
                   init=c["init"], keep_prob=keep, seed=c["seed"])

    def _batch_size(self, net):
        bs = self.config["batch_size"]
        if bs == "auto":
            return None if net.sizes == [1, 1] else 32
        return bs

    def reset(self):
        """Stop, rebuild the network (same seed → exactly the same initial weights) and redraw."""
        self._stop_playing()
        try:
            net = self._make_net()
        except ValueError as err:                # e.g. hidden sizes typed wrongly
            if not hasattr(self, "trainer"):     # in the constructor: a plain error
                raise
            self.readout.value = message_html(str(err), "error")
            return
        self.net = net
        self.initial_state = net.get_state()
        c = self.config
        labels = self.y if not self.classify or net.output != "sigmoid" else \
            class_labels(self.y).reshape(-1, 1)
        val = None if self.y_val is None else (
            self.y_val if not self.classify or net.output != "sigmoid" else
            class_labels(self.y_val).reshape(-1, 1))
        self.trainer = Trainer(net, self.X, labels, lr=self.lr_slider.value,
                               batch_size=self._batch_size(net), momentum=c["momentum"],
                               X_val=self.X_val, Y_val=val, seed=c["seed"])
        self.eval_steps, self.message, self.diverged = [], "", False
        self.path = [self._wb()] if self._surface_mode() else []
        self.total_times = []
        with np.errstate(all="ignore"):
            self.trainer.evaluate()
        self.eval_steps.append(0)
        self._build_figure()
        self._update_views()
        self.render(full=True)
        self._show_readout("ready — press Play or Step.")

    def _surface_mode(self):
        net = self.net
        return net.sizes == [1, 1] and net.output == "identity" and net.loss_name == "mse"

    def _wb(self):
        return float(self.net.weights[0][0, 0]), float(self.net.biases[0][0])

    # ---- training -------------------------------------------------------------------------
    def step(self):
        """One mini-batch update, then update the views (the Step button)."""
        self._advance(1)

    def frame(self):
        """One Play frame: ``speed.value`` updates, then update the views."""
        self._advance(self.speed.value)

    def _advance(self, n_steps):
        if self.figure is None or self.diverged:
            self._stop_playing()
            return
        start = time.perf_counter()
        self.message = ""                         # an earlier (non-divergence) error is over
        try:
            with np.errstate(all="ignore"):
                for _ in range(n_steps):
                    loss = self.trainer.step()
                    if self.path:
                        self.path.append(self._wb())
                    self._check_runaway(loss)
                self.trainer.evaluate()
            self.eval_steps.append(self.trainer.step_count)
        except DivergenceError as err:
            self._fail(f"{err} Press Reset to start again.", diverged=True)
        except Exception as err:                  # show any other failure, never a traceback
            self._fail(f"this frame failed: {type(err).__name__}: {err}")
        try:
            self._update_views()
            self.render(full=self._rescale_loss_axes())
        except Exception as err:                  # drawing failed: say so, keep the kernel calm
            self._fail(f"drawing this frame failed: {type(err).__name__}: {err}")
        if not self.message:
            self._show_readout()
        self.total_times.append(time.perf_counter() - start)   # training + drawing
        del self.total_times[:-200]

    def _check_runaway(self, loss):
        """Raise DivergenceError when the batch loss has grown ``diverge_above`` times its start."""
        start = max(self.trainer.history.train_loss[0], 1e-12)
        if self.diverge_above is None or not loss > self.diverge_above * start:
            return
        t = self.trainer
        raise DivergenceError(
            f"diverged at step {t.step_count}: the loss grew to {loss:.3g}, "
            f"more than {self.diverge_above:g} times its starting value {start:.3g} — try a "
            f"smaller learning rate (it is {t.current_lr():g} now).", step=t.step_count,
            history=t.history)

    def _fail(self, text, diverged=False):
        self._stop_playing()
        self.diverged = self.diverged or diverged
        self.message = text
        self.readout.value = message_html(text, "error")
        if diverged:
            self.banner.set_text(f"diverged at step {self.trainer.step_count}\n"
                                 "— lower the learning rate")
            self.banner.set_visible(True)

    def _stop_playing(self):
        if getattr(self, "play", None) is not None and self.play.playing:
            self.play.playing = False

    # ---- the readout ----------------------------------------------------------------------
    def _status(self):
        """The numbers of the readout, short, for the figure (so a snapshot shows them too)."""
        h, t = self.trainer.history, self.trainer
        lines = [f"step {t.step_count} · epoch {t.epoch} · lr {t.current_lr():.3g}",
                 f"loss {h.train_loss[-1]:.4g}"
                 + (f" · validation {h.val_loss[-1]:.4g}" if h.val_loss else "")]
        if h.train_acc and h.train_acc[-1] is not None:
            lines.append(f"accuracy {100 * h.train_acc[-1]:.1f} %"
                         + (f" · validation {100 * h.val_acc[-1]:.1f} %" if h.val_acc else ""))
        return "\n".join(lines)

    def _show_readout(self, note=""):
        if self.message:                          # keep a divergence message visible
            return
        h, t = self.trainer.history, self.trainer
        self.shown = {"step": t.step_count, "epoch": t.epoch, "loss": h.train_loss[-1],
                      "val_loss": h.val_loss[-1] if h.val_loss else None,
                      "acc": h.train_acc[-1], "val_acc": h.val_acc[-1] if h.val_acc else None,
                      "lr": t.current_lr()}
        s = self.shown
        parts = [f"<b>step</b> {s['step']}", f"<b>epoch</b> {s['epoch']}",
                 f"<b>loss</b> {s['loss']:.4g}"]
        if s["val_loss"] is not None:
            parts.append(f"<b>validation loss</b> {s['val_loss']:.4g}")
        if s["acc"] is not None:
            parts.append(f"<b>accuracy</b> {100 * s['acc']:.1f} %")
        if s["val_acc"] is not None:
            parts.append(f"<b>validation accuracy</b> {100 * s['val_acc']:.1f} %")
        parts.append(f"<b>lr</b> {s['lr']:.3g}")
        text = " · ".join(parts) + (f"<br><i>{note}</i>" if note else "")
        text += f"<br><span style='color:#555'>{self.net!r}</span>"
        self.readout.value = message_html(text)

    # ---- the figure -----------------------------------------------------------------------
    def _build_figure(self):
        """(Re)build every panel for the current network; called at Reset only."""
        fig = self.figure
        fig.clear()
        self._dynamic = []
        self.invalidate()
        surface = self._surface_mode()
        data_kind = self._data_kind()
        with course_style():
            if surface:
                fig.set_size_inches(13, 4.4)
                axes = fig.subplots(1, 3)
                top = {"data": axes[0], "surface": axes[1], "loss": axes[2]}
                heat_axes = []
            else:
                fig.set_size_inches(12.5, 8)
                n_w = len(self.net.weights)
                outer = fig.add_gridspec(2, 1, height_ratios=[1.25, 1])
                top_gs = outer[0].subgridspec(1, 2 if data_kind else 1)
                top = {"loss": fig.add_subplot(top_gs[0])}
                if data_kind:
                    top["data"] = fig.add_subplot(top_gs[1])
                bottom = outer[1].subgridspec(1, max(n_w, 2))
                heat_axes = [fig.add_subplot(bottom[i]) for i in range(n_w)]
            self._build_loss_panel(top["loss"])
            if data_kind == "boundary":
                self._build_boundary_panel(top["data"])
            elif data_kind == "line":
                self._build_line_panel(top["data"])
            if surface:
                self._build_surface_panel(top["surface"])
            self._build_heatmaps(heat_axes)
            # Lay out once with the constrained engine, then freeze: frames never move axes.
            fig.set_layout_engine("constrained")
            fig.canvas.draw()
            fig.set_layout_engine("none")

    def _data_kind(self):
        if self.classify and self.X.shape[1] == 2:
            return "boundary"
        if not self.classify and self.X.shape[1] == 1 and self.y.shape[1] == 1:
            return "line"
        return None

    def _build_loss_panel(self, ax):
        self.ax_loss = ax
        full_batch = self.trainer.batch_size is None or self.trainer.batch_size >= len(self.X)
        # the loss of each mini-batch, noisy; with full batches it would repeat the train curve
        self.batch_line, = ax.plot([], [], color=OKABE_ITO["grey"], lw=0.8, alpha=0.6,
                                   label="_nolegend_" if full_batch else "mini-batch",
                                   visible=not full_batch)
        self.train_line, = ax.plot([], [], color=TRAIN_COLOR, label="train")
        self.val_line, = ax.plot([], [], color=VAL_COLOR,
                                 label="validation" if self.X_val is not None else "_nolegend_")
        ax.set_yscale("log")
        ax.set_xlabel("update step")
        ax.set_ylabel(f"loss ({self.net.loss_name})")
        # A fixed label position: tick labels change width as the limits grow, and the label
        # must not move (the layout is computed once).
        ax.yaxis.set_label_coords(-0.13, 0.5)
        drop = f" · dropout, keep p = {self.net.keep_prob:g}" if self.net.keep_prob < 1 else ""
        ax.set_title(f"loss{drop}")
        ax.legend(loc="upper right")
        self.banner = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center",
                              fontsize=15, color=OKABE_ITO["vermillion"], fontweight="bold",
                              bbox=dict(facecolor="white", edgecolor=OKABE_ITO["vermillion"]),
                              visible=False)
        self.status = ax.text(0.98, 0.62 if self.X_val is not None else 0.7, "",
                              transform=ax.transAxes, ha="right", va="top", fontsize=11)
        self._loss_limits = None
        self._rescale_loss_axes()
        self._dynamic += [self.batch_line, self.train_line, self.val_line, self.status, self.banner]

    def _build_boundary_panel(self, ax):
        art = draw_decision_boundary(ax, self.net, self.X, self.y, self.grid_points)
        self.boundary, self.grid = art["image"], art["grid"]
        ax.set_title(f"decision regions · X {self.X.shape}")
        # the points must be drawn after the regions, so they move with them in the frame order
        self._dynamic += [self.boundary, art["points"]]

    def _build_line_panel(self, ax):
        art = draw_fitted_line(ax, self.X, self.y)
        self.fit_line, self.fit_x = art["line"], art["x"]
        ax.legend(loc="upper left")
        ax.set_title(f"fitted line · X {self.X.shape}, T {self.y.shape}")
        self._dynamic.append(self.fit_line)

    def _build_surface_panel(self, ax):
        art = draw_loss_surface(ax, self.X, self.y, start=self.path[0])
        self.surface = art
        ax.legend(handles=[art["optimum"], art["point"], arrow_legend_handle()],
                  loc="upper right", fontsize=9)
        ax.set_title("loss over (w, b)")
        self._dynamic += [art["trail"], art["point"], art["arrow"]]

    def _build_heatmaps(self, axes):
        """One heatmap per weight matrix. Its colour scale ±limit is kept from frame to frame
        (and only widened when a weight outgrows it), so a weight that grows visibly darkens —
        rescaling every frame would hide that."""
        self.heatmaps, self.heat_limits = [], []
        for i, (ax, W) in enumerate(zip(axes, self.net.weights), start=1):
            self.heatmaps.append(draw_weight_heatmap(ax, W, f"W{i}"))
            ax.set_title(ax.get_title(), loc="left")
            ax.set_title("", loc="center")
            self.heat_limits.append(_round_up(1.25 * symmetric_limit(W)))
            self._show_heat_limit(i - 1)
        self._dynamic += self.heatmaps

    def _show_heat_limit(self, k):
        limit = self.heat_limits[k]
        self.heatmaps[k].set_clim(-limit, limit)
        self.heatmaps[k].axes.set_title(f"colours ±{limit:g}", loc="right", fontsize=10)

    # ---- updating the artists in place ----------------------------------------------------
    def _update_views(self):
        h = self.trainer.history
        self.train_line.set_data(*_aligned(self.eval_steps, h.train_loss))   # one per frame
        self.val_line.set_data(*_aligned(self.eval_steps, h.val_loss))
        steps = np.arange(1, len(h.step_loss) + 1)
        self.batch_line.set_data(steps, h.step_loss)
        self.status.set_text(self._status())
        if self.path:
            self._update_surface()
        if self.diverged:                         # the weights are no longer numbers worth drawing
            return
        with np.errstate(all="ignore"):
            if hasattr(self, "boundary") and self.boundary.axes is not None:
                P = class_probabilities(self.net, self.grid)
                n = self.grid_points
                self.boundary.set_data(region_colors(P).reshape(n, n, 3))
            if hasattr(self, "fit_line") and self.fit_line.axes is not None:
                self.fit_line.set_ydata(self.net.predict_proba(self.fit_x)[:, 0])
        for k, (image, W) in enumerate(zip(self.heatmaps, self.net.weights)):
            image.set_data(W)
            m = symmetric_limit(W)
            if m > self.heat_limits[k]:              # outgrown: widen the scale (a full redraw)
                self.heat_limits[k] = _round_up(1.25 * m)
                self._show_heat_limit(k)
                self.invalidate()

    def _update_surface(self):
        path = np.array(self.path)
        ok = np.all(np.isfinite(path), axis=1)
        path = path[ok]
        art = self.surface
        art["trail"].set_data(path[:, 0], path[:, 1])
        art["point"].set_data(path[-1:, 0], path[-1:, 1])
        w, b = path[-1]
        if not self.diverged and np.all(np.abs(path[-1]) < 1e6):
            dW, db = linear.gradients(self.X, np.array([[w]]), np.array([b]), self.y)
            art["arrow"].set_positions((w, b), (w - dW[0, 0], b - db[0]))
            self.gradient = (float(dW[0, 0]), float(db[0]))

    def _rescale_loss_axes(self):
        """Grow the loss axes in big jumps (x doubles, y by powers of ten), so that most frames
        keep the same axes and can use the fast redraw. Returns True when the limits changed."""
        h = self.trainer.history
        values = np.array(h.train_loss + h.val_loss + h.step_loss, dtype=float)
        values = values[np.isfinite(values) & (values > 0)]
        if values.size == 0:
            values = np.array([1.0])
        lo = 10.0 ** np.floor(np.log10(values.min()))
        hi = 10.0 ** np.ceil(np.log10(values.max() * 1.01))
        x_hi = 50
        while x_hi < self.trainer.step_count * 1.02:
            x_hi *= 2
        if self._loss_limits is not None:
            old_lo, old_hi, old_x = self._loss_limits
            lo, hi, x_hi = min(lo, old_lo), max(hi, old_hi), max(x_hi, old_x)
        limits = (lo, hi, x_hi)
        if limits == self._loss_limits:
            return False
        self._loss_limits = limits
        self.ax_loss.set_xlim(0, x_hi)
        self.ax_loss.set_ylim(lo, hi)
        return True

    def close(self):
        self._stop_playing()
        super().close()


def _round_up(x):
    """x rounded up to two significant digits: 1.234 → 1.3, 0.0871 → 0.088."""
    step = 10.0 ** (np.floor(np.log10(x)) - 1)
    return float(np.ceil(x / step - 1e-9) * step)


def _aligned(x, y):
    """The last n entries of both lists, n the shorter length (x and y may differ by a frame)."""
    n = min(len(x), len(y))
    return x[len(x) - n:], y[len(y) - n:]


def _is_classification(y, output, net):
    """Classes when the output says so, or when y holds whole-number labels (m,)."""
    if net is not None:
        return net.loss_name != "mse"
    if output is not None:
        return output in ("softmax", "sigmoid")
    y = np.asarray(y)
    return y.ndim == 1 and np.issubdtype(y.dtype, np.integer)
