"""TrainingPlayer: press Play and watch a network learn — its loss, its predictions, its weights.

    from nnla_helpers import data, widgets
    X, y = data.spirals(100, 3)
    player = widgets.TrainingPlayer(X, y, hidden_sizes=(16, 16), lr=0.5)
    player              # the live widget
    player.snapshot()   # a static figure of the same views

Play is an ``ipywidgets.Play``: the browser sends a tick every ``interval`` ms (50: at most 20
frames a second) and the kernel answers each tick with one frame (``speed`` training steps,
then a redraw). Ticks never queue up (``widgets.base.PlayLoop``), so Pause acts at the next
frame, and a cell run while it plays waits one frame at most.
"""

import time

import ipywidgets as widgets
import numpy as np

from .. import checks, linear
from ..checks import check_xy
from ..errors import BadValueError, DivergenceError, LabelError, NnlaError, SettingError, ShapeError
from ..layers import LOSSES, check_keep_prob
from ..network import INIT_ALIASES, INIT_SCHEMES, MLP
from ..plots import (arrow_legend_handle, class_probabilities,
                    draw_decision_boundary, draw_fitted_line, draw_loss_surface,
                    draw_weight_heatmap, region_colors, symmetric_limit)
from ..style import (DPI, OKABE_ITO, TRAIN_COLOR, VAL_COLOR, course_style, new_figure)
from ..train import DIVERGE_ABOVE, Trainer
from .base import FigureWidget, PlayLoop, FloatSlider, error_text, message_html, weak

HIDDEN_ACTIVATIONS = ("relu", "leaky_relu", "tanh", "sigmoid", "identity")
OUTPUTS = ("softmax", "sigmoid", "identity", "relu", "leaky_relu", "tanh")
MAX_UNITS = 1024        # units in a hidden layer, and hidden layers: a frame stays quick
MAX_LAYERS = 8
MAX_CLASSES = 100       # whole-number targets with more values than this are not class labels
MAX_SPEED = 50          # steps per frame (the speed slider's range)
PLAYER_INCHES = (12.5, 5.6)   # the figure beside its weights; 1000 × 448 pixels at the course's dpi


class TrainingPlayer(PlayLoop, FigureWidget):
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

    - y: class labels → classification, softmax output (or pass output="sigmoid" for two
      classes with one output). Class labels are whole numbers 0 … k−1: integers, booleans,
      whole-number floats such as ``y.astype(float)``, or one-hot rows (m, k), which are read
      as ``y.argmax(axis=1)``. Numbers that are not all whole, (m,) or (m, k) → regression,
      identity output + MSE; for regression on whole-number targets say so: output="identity".
    - hidden_sizes=() is linear regression O = X W + b (the notebook 01 model).
    - batch_size="auto": the whole set for that linear model (so each step follows −∇L
      exactly, as the arrow shows), else 32. None means full batch.
    - keep_prob < 1 switches dropout on.

    or pass a ready ``net=`` (an MLP): Reset then restores its weights as they were when the
    player was made; its architecture is fixed, only dropout can change. Its loss decides
    the task (cross-entropy: class labels below its number of outputs; MSE: numbers).

    Controls (public, so a notebook or a test can drive them):
      ``play`` (ipywidgets.Play), ``step_button``, ``reset_button``,
      ``lr_slider`` (log scale; acts on the very next update), ``speed`` (steps per frame),
      ``activation``, ``hidden`` (text "16, 16"), ``dropout``, ``keep_prob``
      (these four take effect at Reset), ``readout`` (HTML), ``image`` (the picture).
    Methods: ``step()``, ``frame()``, ``reset()``, ``snapshot()``, ``close()``.

    Training stops when it runs away — the loss becomes NaN or infinite, or grows past
    ``diverge_above`` (10⁴) times its value at the first step: the Trainer's one rule
    (``train.runaway``). The widget then shows the Trainer's message ("diverged at step 37
    (epoch 2): the loss grew to … — try a smaller learning rate"), with no traceback. Lower
    the learning rate and press Reset. ``diverge_above=None`` stops on NaN/inf only.
    Notebooks 01–05.
    """

    def __init__(self, X, y, X_val=None, y_val=None, *, hidden_sizes=(16, 16), activation="relu",
                 output=None, loss=None, init="he", lr=0.1, batch_size="auto", momentum=0.0,
                 keep_prob=1.0, seed=0, net=None, steps_per_frame=1, interval=50,
                 lr_range=(1e-4, 10.0), diverge_above=DIVERGE_ABOVE, grid_points=80, dpi=DPI):
        # ---- every setting, checked before anything is built ----
        if net is not None and not isinstance(net, MLP):
            raise SettingError(f"net must be an MLP (e.g. MLP([2, 8, 3])) or None, but it is a "
                               f"{type(net).__name__}.")
        if net is None:
            hidden_sizes = _check_hidden_sizes(hidden_sizes)
            activation = checks.choice("activation", activation, HIDDEN_ACTIVATIONS)
            if output is not None:
                output = checks.choice("output", output, OUTPUTS)
            if loss is not None:
                loss = checks.choice("loss", loss, tuple(LOSSES))
            init = checks.choice("init", init, INIT_SCHEMES + tuple(INIT_ALIASES))
        else:
            for name, p in net.parameters().items():
                checks.check_finite(f"the net's {name}", p)
        lr = checks.number("lr", lr, above=0, hint=" Try 0.1, and smaller if the loss grows.")
        lr_range = _check_lr_range(lr_range)
        if not (isinstance(batch_size, str) and batch_size == "auto") and batch_size is not None:
            batch_size = checks.whole("batch_size", batch_size, at_least=1,
                                      hint=' Use "auto", or None for the whole set.')
        momentum = checks.number("momentum", momentum, at_least=0, below=1,
                                 hint=" 0 is plain gradient descent; 0.9 is usual.")
        check_keep_prob(keep_prob)
        keep_prob = float(keep_prob)
        seed = checks.whole("seed", seed, at_least=0)
        steps_per_frame = checks.whole("steps_per_frame", steps_per_frame, at_least=1,
                                       at_most=MAX_SPEED)
        interval = checks.whole("interval", interval, at_least=1, at_most=60_000,
                                hint=" It is the time between two Play frames, in milliseconds.")
        if diverge_above is not None:
            diverge_above = checks.number("diverge_above", diverge_above, above=1,
                                          hint=" Use None to stop on NaN/inf only.")
        grid_points = checks.whole("grid_points", grid_points, at_least=2, at_most=400)
        dpi = checks.number("dpi", dpi, at_least=10, at_most=600)

        # ---- the data, and what it asks for: classes or numbers ----
        self.X, y = check_xy(X, y)
        if net is not None:
            self.X = net.check_input(self.X, "X")
        self.X_val = self.y_val = None
        if (X_val is None) != (y_val is None):
            given, missing = ("X_val", "y_val") if y_val is None else ("y_val", "X_val")
            raise ShapeError(f"{given} was given without {missing}: pass both, or neither.")
        if X_val is not None:
            self.X_val, y_val = check_xy(X_val, y_val, "X_val", "y_val")
            if net is not None:
                self.X_val = net.check_input(self.X_val, "X_val")
            elif self.X_val.shape[1] != self.X.shape[1]:
                raise ShapeError(f"X_val has {self.X_val.shape[1]} features (columns) but X has "
                                 f"{self.X.shape[1]}; they must match.")
        self.classify, output = _task(y, output, net)
        if self.classify:
            n_out = None if net is None else (2 if net.output == "sigmoid" else net.sizes[-1])
            if net is None and output == "sigmoid":
                n_out = 2
            self.y = _labels(y, "y", n_out)
            self.n_classes = n_out or max(int(self.y.max()) + 1, 2)
            if y_val is not None:
                self.y_val = _labels(y_val, "y_val", self.n_classes, also="y")
        else:
            self.y = _numbers(y, "y", net)
            self.n_classes = None
            if y_val is not None:
                self.y_val = _numbers(y_val, "y_val", net)
                if self.y_val.shape[1] != self.y.shape[1]:
                    raise ShapeError(f"y_val has {self.y_val.shape[1]} target column(s) but y "
                                     f"has {self.y.shape[1]}; they must match.")
        if net is not None and self.classify and net.output == "sigmoid" and net.sizes[-1] != 1:
            raise SettingError(f"a net with sigmoid outputs must have one output here (yes/no "
                               f"classes 0 and 1); this one has {net.sizes[-1]} ({net!r}).")

        self.user_net = net
        self.user_state = net.get_state() if net is not None else None
        if net is not None:                      # show the given net's own architecture
            hidden_sizes = tuple(net.sizes[1:-1])
            activation = net.hidden[0] if net.hidden and net.hidden[0] in HIDDEN_ACTIVATIONS \
                else "relu"
        self.config = dict(output=output or ("softmax" if self.classify else "identity"),
                           loss=loss, init=init, momentum=momentum, seed=seed,
                           batch_size=batch_size, hidden_sizes=tuple(hidden_sizes))
        self.grid_points, self.interval, self.diverge_above = grid_points, interval, diverge_above
        self.message, self.diverged = "", False
        super().__init__(new_figure(*PLAYER_INCHES, dpi))
        self._build_controls(activation, lr, lr_range, keep_prob, steps_per_frame)
        self.reset()

    # ---- controls -------------------------------------------------------------------------
    def _build_controls(self, activation, lr, lr_range, keep_prob, steps_per_frame):
        self._play_controls(lr, lr_range, steps_per_frame, MAX_SPEED, "one mini-batch update",
                            "rebuild the network with the same seed")
        fixed = self.user_net is not None      # a given net keeps its own architecture
        self.activation = widgets.Dropdown(options=HIDDEN_ACTIVATIONS, value=activation,
                                           description="activation", disabled=fixed)
        self.hidden = widgets.Text(value=", ".join(str(h) for h in self.config["hidden_sizes"]),
                                   description="hidden", placeholder="e.g. 16, 16 (empty: none)",
                                   disabled=fixed, layout=widgets.Layout(width="220px"))
        self.dropout = widgets.Checkbox(value=keep_prob < 1, description="dropout", indent=False,
                                        layout=widgets.Layout(width="90px"))
        self.keep_prob = FloatSlider(value=keep_prob if keep_prob < 1 else 0.8,
                                     min=min(0.1, keep_prob), max=1.0, step=0.05,
                                     description="keep p")
        self.readout = widgets.HTML()
        self.readout.add_class("nnla-readout")
        # weak callbacks: the controls never keep the player alive (Play, Step, Reset: _play_controls)
        self.lr_slider.observe(weak(self._on_lr), names="value")
        note = widgets.HTML("<i>applied at Reset</i>")
        architecture = widgets.HBox([self.hidden, self.activation, self.dropout, self.keep_prob,
                                     note])
        if self.user_net is None and not self.config["hidden_sizes"] and not self.classify:
            architecture.layout.display = "none"   # linear regression: nothing to choose
        self.widget = widgets.VBox([
            widgets.HBox([self.play, self.step_button, self.reset_button, self.lr_slider,
                          self.speed]),
            architecture, self.readout, self.image])

    def _on_step(self, _button):
        self.step()

    def _on_reset(self, _button):
        self.reset()

    def _on_lr(self, change):
        # The trainer reads .lr at every step, so the very next update uses the new value.
        self.trainer.lr = checks.number("lr", change["new"], above=0)
        self._show_readout()

    def _show_error(self, err):
        """An error inside a control: shown in the readout, never raised."""
        super()._show_error(err)
        self._fail(f"this did not work: {error_text(err)}")

    # ---- the model ------------------------------------------------------------------------
    def _hidden_sizes(self):
        """The sizes typed in ``hidden``: "16, 16" → (16, 16); "" → () (no hidden layer)."""
        text = self.hidden.value.replace(",", " ").split()
        ok = all(t.isdecimal() and 0 < int(t) <= MAX_UNITS for t in text)
        if not ok or len(text) > MAX_LAYERS:
            raise SettingError(f"hidden sizes must be positive whole numbers like '16, 16' (or "
                               f"empty for none): at most {MAX_LAYERS} layers of at most "
                               f"{MAX_UNITS} units; got {self.hidden.value!r}.")
        return tuple(int(t) for t in text)

    def _n_out(self):
        if not self.classify:
            return self.y.shape[1]
        if self.config["output"] == "sigmoid":
            return 1
        return self.n_classes                       # softmax needs two outputs or more

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

    def _targets_for(self, net, y):
        """What the Trainer fits: labels for softmax, a 0/1 column for one sigmoid output."""
        if y is None or not self.classify or net.output != "sigmoid":
            return y
        return y.reshape(-1, 1).astype(float)

    def reset(self):
        """Stop, rebuild the network (same seed → exactly the same initial weights) and redraw."""
        self._stop_playing()
        building = not hasattr(self, "trainer")        # called by the constructor
        try:
            net = self._make_net()
            c = self.config
            trainer = Trainer(net, self.X, self._targets_for(net, self.y),
                              lr=self.lr_slider.value, batch_size=self._batch_size(net),
                              momentum=c["momentum"], X_val=self.X_val,
                              Y_val=self._targets_for(net, self.y_val), seed=c["seed"],
                              diverge_above=self.diverge_above)
            with np.errstate(all="ignore"):
                trainer.evaluate()
        except DivergenceError:                 # the untrained network's loss is not a number
            err = BadValueError("the loss of the untrained network on X and y is not a finite "
                                "number: X or y hold numbers too large to train on (X runs from "
                                f"{self.X.min():.3g} to {self.X.max():.3g}); scale them, e.g. "
                                "to about −1 … 1, first.")
            if building:
                raise err from None
            self.readout.value = message_html(str(err), "error")
            return
        except NnlaError as err:                 # e.g. hidden sizes typed wrongly
            if building:
                raise
            self.readout.value = message_html(str(err), "error")
            return
        self.net, self.trainer = net, trainer
        self.initial_state = net.get_state()
        self.eval_steps, self.message, self.diverged = [0], "", False
        self.path = [self._wb()] if self._surface_mode() else []
        self.total_times = []
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
                    self.trainer.step()           # raises DivergenceError when it runs away
                    if self.path:
                        self.path.append(self._wb())
                self.trainer.evaluate()
            self.eval_steps.append(self.trainer.step_count)
        except DivergenceError as err:
            self._fail(f"{err} Press Reset to start again.", diverged=True, step=err.step)
        except Exception as err:                  # show any other failure, never a traceback
            self._fail(f"this frame failed: {error_text(err)}")
        try:
            self._update_views()
            self.render(full=self._rescale_loss_axes())
        except Exception as err:                  # drawing failed: say so, keep the kernel calm
            self._fail(f"drawing this frame failed: {error_text(err)}")
        if not self.message:
            self._show_readout()
        self.total_times.append(time.perf_counter() - start)   # training + drawing
        del self.total_times[:-200]

    def _fail(self, text, diverged=False, step=None):
        self._stop_playing()
        self.diverged = self.diverged or diverged
        self.message = text
        self.readout.value = message_html(text, "error")
        if diverged and getattr(self, "banner", None) is not None:
            at = self.trainer.step_count if step is None else step
            self.banner.set_text(f"diverged at step {at}\n— lower the learning rate")
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
                # 1000 × 448 pixels, so the player and its controls fit a 1280 × 720 projector:
                # the loss over the weight heatmaps on the left, the data panel on the right
                fig.set_size_inches(*PLAYER_INCHES)
                n_w = len(self.net.weights)
                outer = fig.add_gridspec(1, 2 if data_kind else 1,
                                         width_ratios=[1.3, 1] if data_kind else [1])
                left = outer[0].subgridspec(2, 1, height_ratios=[1.2, 1])
                top = {"loss": fig.add_subplot(left[0])}
                if data_kind:
                    top["data"] = fig.add_subplot(outer[1])
                bottom = left[1].subgridspec(1, max(n_w, 2))
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
        # The status repeats the readout's numbers for a snapshot (live, the readout shows them;
        # drawing three lines of text would be a fifth of a frame)
        self.status.set_visible(False)
        self._dynamic += [self.batch_line, self.train_line, self.val_line, self.banner]

    def _build_boundary_panel(self, ax):
        art = draw_decision_boundary(ax, self.net, self.X, self.y, self.grid_points)
        self.boundary, self.grid = art["image"], art["grid"]
        ax.set_title(f"decision regions · X {self.X.shape}")
        # the points must be drawn after the regions, so they move with them in the frame order
        self._dynamic += [self.boundary, *art["points"]]

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
        self.heatmaps, self.heat_limits, self.heat_names = [], [], []
        for i, (ax, W) in enumerate(zip(axes, self.net.weights), start=1):
            self.heatmaps.append(draw_weight_heatmap(ax, W, f"W{i}"))
            self.heat_names.append(ax.get_title())           # e.g. "W₁ (2, 16)"
            ax.set_title("", loc="center")
            self.heat_limits.append(_round_up(1.25 * symmetric_limit(W)))
            self._show_heat_limit(i - 1)
        self._dynamic += self.heatmaps

    def _show_heat_limit(self, k):
        limit = self.heat_limits[k]
        self.heatmaps[k].set_clim(-limit, limit)
        # the name and shape, then the colour scale: "W₁ (2, 16) · ±3"
        self.heatmaps[k].axes.set_title(f"{self.heat_names[k]} · ±{limit:g}", loc="left",
                                        fontsize=11)

    # ---- updating the artists in place ----------------------------------------------------
    def _update_views(self):
        h = self.trainer.history
        self.train_line.set_data(*_aligned(self.eval_steps, h.train_loss))   # one per frame
        self.val_line.set_data(*_aligned(self.eval_steps, h.val_loss))
        steps = np.arange(1, len(h.step_loss) + 1)
        self.batch_line.set_data(steps, h.step_loss)
        self.status.set_text(self._status())
        self.status.set_visible(False)            # shown in snapshots only
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
        values = np.clip(values, 1e-300, 1e300)   # so the limits stay numbers a plot can have
        lo = 10.0 ** np.floor(np.log10(values.min()))
        hi = 10.0 ** np.ceil(np.log10(values.max()) + np.log10(1.01))
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

    def snapshot(self):
        """The figure as it is now, the readout's numbers written into the loss panel."""
        figure = super().snapshot()
        self.status.set_text(self._status())
        self.status.set_visible(True)
        self.invalidate()            # the next frame redraws its background without them
        return figure

    def close(self):
        self._stop_playing()
        super().close()



def _round_up(x):
    """x rounded up to two significant digits: 1.234 → 1.3, 0.0871 → 0.088 (1 if x is no
    positive number)."""
    if not (np.isfinite(x) and x > 0):
        return 1.0
    step = 10.0 ** (np.floor(np.log10(x)) - 1)
    return float(np.ceil(x / step - 1e-9) * step)


def _aligned(x, y):
    """The last n entries of both lists, n the shorter length (x and y may differ by a frame)."""
    n = min(len(x), len(y))
    return x[len(x) - n:], y[len(y) - n:]


# ---- the checks of the constructor's arguments ---------------------------------------------------


def _check_hidden_sizes(sizes):
    """hidden_sizes as a tuple of whole numbers ≥ 1 (a single number is one hidden layer)."""
    if isinstance(sizes, (int, np.integer)) and not isinstance(sizes, bool):
        sizes = (sizes,)
    sizes = checks.listed("hidden_sizes", sizes, "list the units of each hidden layer",
                          "(16, 16), or () for none", at_most=MAX_LAYERS,
                          hint=" A few layers keep the widget quick.")
    return checks.wholes("hidden_sizes", sizes, at_least=1, at_most=MAX_UNITS,
                         hint=" It is the number of units of a hidden layer.")


def _check_lr_range(lr_range):
    """lr_range as (lo, hi) with 0 < lo < hi: the ends of the learning-rate slider."""
    lo, hi = checks.listed("lr_range", lr_range, "be two learning rates (lowest, highest) for "
                           "the slider", "(1e-4, 10.0)", length=2)
    lo = checks.number("lr_range[0]", lo, above=0)
    return lo, checks.number("lr_range[1]", hi, above=lo)


def _task(y, output, net):
    """(classify, output): classes or numbers, decided by the net's loss, else by the output
    asked for, else by y itself (class labels → classes; any other numbers → regression)."""
    if net is not None:
        return net.loss_name != "mse", output
    if output is not None:
        return output in ("softmax", "sigmoid"), output
    return _as_labels(y) is not None, output


def _as_labels(y):
    """y as class labels (m,) when it holds them — integers, booleans or whole numbers in a
    vector (m,) or a column (m, 1), or one-hot rows (m, k) — else None (numbers to fit).
    Whether they are labels a network can learn (0 … k − 1) is ``_labels``' question."""
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] > 1:
        one_hot = np.all((y == 0) | (y == 1)) and np.all(y.sum(axis=1) == 1)
        return y.argmax(axis=1) if one_hot else None
    v = y.reshape(-1)
    if v.dtype == bool or np.issubdtype(v.dtype, np.integer):
        return v.astype(np.int64)
    if np.all(np.isfinite(v)) and np.all(v == np.round(v)) and np.abs(v).max() < 2**62:
        return v.astype(np.int64)
    return None


def _labels(y, name, n_classes=None, also=None):
    """Class labels (m,) from ``y``, each in 0 … n_classes − 1, or a LabelError naming ``name``."""
    labels = _as_labels(y)
    if labels is None:
        v = np.asarray(y)
        hint = (" For one-hot rows each row must hold one 1 and zeros; pass "
                f"{name}.argmax(axis=1) for their labels." if v.ndim == 2 and v.shape[1] > 1 else
                " For regression on numbers, pass output='identity'.")
        raise LabelError(f"{name} must hold class labels 0, 1, 2, … (whole numbers), but it holds "
                         f"values like {v.ravel()[:3].tolist()}.{hint}")
    if labels.min() < 0:
        raise LabelError(f"{name} has a negative label ({int(labels.min())}); class labels run "
                         "from 0 to k − 1. For regression on numbers, pass output='identity'.")
    if n_classes is not None and labels.max() >= n_classes:
        where = f"{also} has only classes 0 … {n_classes - 1}" if also else \
            f"there are only {n_classes} classes (labels 0 … {n_classes - 1})"
        raise LabelError(f"{name} has label {int(labels.max())}, but {where}. Do the labels start "
                         "at 1, or does the network need more outputs?")
    if labels.max() >= MAX_CLASSES:
        raise LabelError(f"{name} has label {int(labels.max())}: that would be more than "
                         f"{MAX_CLASSES} classes. For regression on whole numbers, pass "
                         "output='identity'.")
    return labels


def _numbers(y, name, net):
    """Regression targets (m, k) as floats; with a net, shaped like its output (m, n_out)."""
    Y = np.asarray(y)
    if Y.dtype == bool:
        Y = Y.astype(float)
    Y = checks.as_array(name, Y, ndim=(1, 2))
    Y = Y.reshape(Y.shape[0], -1).astype(float)
    if net is not None:
        Y = net.targets(Y, Y.shape[0], name)
    return Y
