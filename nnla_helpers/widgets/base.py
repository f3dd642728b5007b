"""The one idea every widget of the course shares: a figure shown as a PNG, plus controls.

How a frame is made (and why it is cheap):

1. the widget keeps ONE ``Figure`` for its whole life (made by ``style.new_figure``: Agg,
   never registered with pyplot), and the artists in it (images, lines, bars);
2. a frame changes those artists in place — ``set_data``, ``set_array``, ``set_height`` —
   instead of drawing a new figure;
3. ``render()`` draws the figure with Agg and puts the PNG bytes into ``self.image``, an
   ``ipywidgets.Image``; the browser shows the new picture.

Drawing axes, ticks and titles is most of the cost of a full draw, and they rarely change.
So a widget may list its moving artists in ``self._dynamic``: ``render(full=False)`` then
pastes a saved picture of everything else (the "background") and draws only those artists
on top — the classic blitting trick, done with Agg's ``copy_from_bbox``/``restore_region``.
Anything that changes the background (new axis limits, a new title) needs ``render(full=True)``.

``snapshot()`` returns the figure itself: ending a notebook cell with it shows a static
PNG, so the notebook still reads on GitHub or on paper.

How a widget lives and dies (``LiveWidget``):

- ipywidgets keeps every control it makes in a registry until the control is closed. So a
  control's callback holds its widget only weakly (``weak``): the registry never keeps the
  widget alive, and a widget nobody refers to is freed — a ``weakref.finalize`` then closes
  every control it made. A widget that was shown in a notebook is kept by its view instead
  (as every ipywidget is): ``close()`` frees it.
- ``close()`` closes every control it made (with their layouts and styles) and lets the
  figure go.
- A callback never raises: an error inside one is shown in the widget (``_show_error``),
  never as a traceback; ``last_error`` keeps it for a test to look at.
- The number controls refuse NaN: ``FloatSlider``, ``FloatLogSlider`` and
  ``BoundedFloatText`` here keep their last good value when given NaN.
"""

import html
import time
import weakref
from contextlib import contextmanager

import ipywidgets as widgets
import matplotlib as mpl
import numpy as np
from matplotlib.patches import Rectangle
from matplotlib.transforms import Bbox, offset_copy
from traitlets import validate

from ..errors import NnlaError, SettingError
from ..style import course_style, encode_png

KEPT_BACKGROUNDS = 8        # backgrounds a widget keeps for use_kept_background


# ---- controls that refuse NaN ------------------------------------------------------------------


def _refusing_nan(cls):
    """``cls`` (an ipywidgets number control) that keeps its last good value when set to NaN;
    ±inf is already clamped to the control's min or max by ipywidgets itself."""

    class Control(cls):
        @validate("value")
        def _validate_value(self, proposal):
            if np.isnan(proposal["value"]):
                return self.value
            return super()._validate_value(proposal)

    Control.__name__ = Control.__qualname__ = cls.__name__
    Control.__doc__ = f"An ipywidgets {cls.__name__} that refuses NaN (keeps its last value)."
    return Control


FloatSlider = _refusing_nan(widgets.FloatSlider)
FloatLogSlider = _refusing_nan(widgets.FloatLogSlider)
BoundedFloatText = _refusing_nan(widgets.BoundedFloatText)


# ---- callbacks that hold their widget weakly ------------------------------------------------------


def weak(method):
    """``method`` (a bound method of a ``LiveWidget``) as a callback for ``on_click`` or
    ``observe`` that holds the widget weakly, does nothing once the widget is closed or
    freed, and shows an error in the widget instead of raising it."""
    ref = weakref.WeakMethod(method)

    def callback(*args):
        bound = ref()
        if bound is None or bound.__self__.closed:
            return None
        try:
            return bound(*args)
        except Exception as err:             # a control must never raise: say it in the widget
            bound.__self__._show_error(err)
            return None

    return callback


def error_text(err):
    """The message of an error for a readout: the package's own errors speak for themselves."""
    return str(err) if isinstance(err, NnlaError) else f"{type(err).__name__}: {err}"


class LiveWidget:
    """The life of a widget: its box of controls ``self.widget``, ``close()``, and the
    finalizer that closes every control it made once nobody refers to the widget."""

    def __init__(self):
        self._owned = []                    # top-level controls to close (with all inside)
        self._box = None
        self.closed = False
        self.last_error = None              # the last error a control met, shown in the widget
        self._finalizer = weakref.finalize(self, close_all, self._owned)
        self._finalizer.atexit = False      # at interpreter exit there is nothing to tidy up

    @property
    def widget(self):
        """The box a notebook displays: the controls and the picture."""
        return self._box

    @widget.setter
    def widget(self, box):
        self._box = box
        if box is not None:
            self._owned.append(box)

    def _own(self, control):
        """Remember a control that is not inside ``self.widget``, so close() closes it too."""
        self._owned.append(control)
        return control

    def _show_error(self, err):
        """Show an error a control met (subclasses show it in their readout)."""
        self.last_error = err

    def _repr_mimebundle_(self, **kwargs):
        return widget_bundle(self, **kwargs)

    def close(self):
        """Close every control of the widget (they leave ipywidgets' registry)."""
        self.closed = True
        self._finalizer()


class FigureWidget(LiveWidget):
    """Base class: ``self.figure`` drawn into ``self.image``; subclasses add controls and
    build ``self.widget`` (the box a notebook displays)."""

    def __init__(self, figure):
        super().__init__()
        self.figure = figure
        self.image = self._own(widgets.Image(format="png", layout=widgets.Layout(
            max_width="100%", height="auto")))
        self.image.add_class("nnla-figure")
        self._dynamic = []          # artists redrawn every frame, in drawing order
        self._background = None     # the saved picture of everything else
        self._kept = {}             # earlier backgrounds, by what their changeable parts showed
        self.frame_times = []       # seconds per render, to keep an eye on the cost

    # ---- drawing --------------------------------------------------------------------------
    def render(self, full=True):
        """Draw the figure and show it in ``self.image``.

        full=False redraws only ``self._dynamic`` on top of the saved background (fast);
        it falls back to a full draw when there is no background yet.
        """
        start = time.perf_counter()
        canvas = self.figure.canvas
        if full or self._background is None:
            with self._as_background(), course_style():
                canvas.draw()
            self._background = canvas.copy_from_bbox(self.figure.bbox)
            self._kept.clear()                  # drawn afresh: the earlier ones may be stale
        else:
            canvas.restore_region(self._background)
        for a in self._dynamic:
            if a.get_visible():
                self.figure.draw_artist(a)
        self.image.value = self._png()
        self.frame_times.append(time.perf_counter() - start)
        del self.frame_times[:-200]         # keep the last 200 only

    @contextmanager
    def _as_background(self):
        """The figure as its background is drawn: here without the moving artists."""
        visible = [a for a in self._dynamic if a.get_visible()]
        for a in visible:
            a.set_visible(False)
        try:
            yield
        finally:
            for a in visible:
                a.set_visible(True)

    def _png(self):
        """The canvas as PNG bytes (RGB: no alpha needed on a white figure)."""
        return encode_png(self.figure.canvas.buffer_rgba())

    def invalidate(self):
        """Forget the background: the next render is a full one (axes or titles changed)."""
        self._background = None
        self._kept.clear()

    def keep_background(self, key):
        """Keep the current background under ``key``, a description of what its changeable
        parts show (their texts, say), for ``use_kept_background``. At most KEPT_BACKGROUNDS
        are kept (about 1 MB each); a full render or ``invalidate`` forgets them all."""
        if self._background is not None:
            self._kept.pop(key, None)
            self._kept[key] = self._background
            while len(self._kept) > KEPT_BACKGROUNDS:
                del self._kept[next(iter(self._kept))]      # the oldest

    def use_kept_background(self, key):
        """Make the background kept under ``key`` the current one; False if there is none
        (then change what changed, with ``change_static``, as usual)."""
        kept = self._kept.get(key) if self._background is not None else None
        if kept is not None:
            self._background = kept
        return kept is not None

    def change_static(self, artist, change):
        """Call ``change()`` (a new title, say) on ``artist``, a part of the saved background
        with nothing beneath it, and redraw only that patch of the background: its old and new
        extents blanked in the figure's colour, the artist drawn on them. Much cheaper than
        the full redraw that ``invalidate`` asks for."""
        if self._background is None:           # the next render draws everything anyway
            change()
            return
        canvas = self.figure.canvas
        renderer = canvas.get_renderer()
        canvas.restore_region(self._background)
        old = artist.get_window_extent(renderer)
        change()
        box = Bbox.union([old, artist.get_window_extent(renderer)]).padded(2)
        blank = Rectangle((box.x0, box.y0), box.width, box.height, transform=None,
                          facecolor=self.figure.get_facecolor(), edgecolor="none")
        blank.set_figure(self.figure)
        with course_style():
            self.figure.draw_artist(blank)
            self.figure.draw_artist(artist)
        self._background = canvas.copy_from_bbox(self.figure.bbox)

    # ---- showing --------------------------------------------------------------------------
    def snapshot(self):
        """The figure as it is now — end a notebook cell with it to show a static picture."""
        if self.figure is None:
            raise SettingError("this widget was closed; make a new one to get a snapshot.")
        return self.figure

    def __repr__(self):
        return f"<{type(self).__name__}: a live widget; .snapshot() gives a static figure>"

    def close(self):
        """Close every control of the widget and let the figure be freed."""
        super().close()
        if self.figure is not None:
            self.figure.clear()
        self.figure, self._background, self._dynamic = None, None, []


class PlayLoop:
    """Play for a FigureWidget with ``self.play`` (an ipywidgets.Play), ``self.interval`` (the
    ms a tick asks for), ``self.total_times`` (seconds each frame took) and ``frame()``: one
    frame per tick while playing (TrainingPlayer, OptimizerRace).

    The browser's Play sends a tick every ``interval`` ms, but ipywidgets never has more than
    one message of a control on its way to a busy kernel: ticks that come while the kernel
    draws a frame are merged into one, sent as soon as it is done. So ticks never queue up,
    Pause acts at the next frame, and Play runs as fast as the machine can draw, capped at
    1000 / ``interval`` frames a second (50 ms: 20 a second). The interval is stretched to the
    time a frame takes, so a slow frame does not keep a tick always waiting.
    """

    def _play_controls(self, lr, lr_range, steps_per_frame, max_speed, step_tip, reset_tip):
        """Play, Step, Reset, the learning-rate slider (log scale) and the steps per frame."""
        self.play = widgets.Play(value=0, min=0, max=10_000_000, step=1, interval=self.interval,
                                 show_repeat=False, description="Play")
        self.step_button = button("Step", step_tip, icon="step-forward")
        self.reset_button = button("Reset", reset_tip, icon="undo")
        lo, hi = min(lr_range[0], lr), max(lr_range[1], lr)
        self.lr_slider = FloatLogSlider(value=lr, base=10, min=np.log10(lo), max=np.log10(hi),
                                        step=0.05, description="lr", readout_format=".3g",
                                        continuous_update=False)
        self.speed = widgets.IntSlider(value=steps_per_frame, min=1, max=max_speed,
                                       description="steps/frame")
        # weak callbacks: the controls never keep the widget alive
        self.play.observe(weak(self._on_tick), names="value")
        self.step_button.on_click(weak(self._on_step))
        self.reset_button.on_click(weak(self._on_reset))

    def _on_tick(self, change):
        if change["new"] <= change["old"]:       # our own reset to 0, or the Play's stop button
            return
        if not self.play.playing:                # a tick that arrived after Pause: drop it
            return
        self.frame()
        self._fit_interval()

    def _fit_interval(self):
        """Keep the Play interval ≥ the time a frame takes (rounded up to 10 ms)."""
        if not self.total_times:
            return
        need = int(np.ceil(1000 * np.median(self.total_times[-10:]) / 10) * 10)
        interval = min(max(self.interval, need), 60_000)
        if abs(interval - self.play.interval) > 0.2 * self.play.interval:
            self.play.interval = interval


def moving_title(ax, text=""):
    """A title that changes from frame to frame, for ``self._dynamic``: a plain text where
    ``ax.set_title`` puts its title (an axes title would be moved by every full draw)."""
    place = offset_copy(ax.transAxes, fig=ax.figure, y=mpl.rcParams["axes.titlepad"],
                        units="points")
    return ax.text(0.5, 1.0, text, transform=place, ha="center", va="baseline",
                   fontsize=mpl.rcParams["axes.titlesize"])


def steady_limits(current, lo, hi, pad=0.05):
    """Axis limits for data running from ``lo`` to ``hi`` that seldom change: the ``current``
    limits while the data fits inside them and fills at least 40 % of them; else new limits,
    padded by ``pad`` of the span (a quarter on a side the data outgrew: room to grow on) and
    rounded out to round numbers.

    A frame whose limits stay the same redraws only its moving artists (``render(full=False)``);
    new limits redraw the ticks too, which costs several times more."""
    span = hi - lo if hi > lo else max(abs(hi), 1.0)
    pad_lo = pad_hi = pad
    if current is not None:
        c_lo, c_hi = current
        if c_lo <= lo and hi <= c_hi and span >= 0.4 * (c_hi - c_lo):
            return tuple(current)
        # outgrown on one side: leave room to grow on, so the next frames keep these limits
        pad_lo, pad_hi = (max(pad, 0.25) if lo < c_lo else pad), (max(pad, 0.25) if hi > c_hi else pad)
    unit = 10.0 ** np.floor(np.log10(span)) / 10     # a tenth of the span's order of magnitude
    return (float(np.floor((lo - pad_lo * span) / unit) * unit),
            float(np.ceil((hi + pad_hi * span) / unit) * unit))


def widget_bundle(owner, **kwargs):
    """What a notebook shows when a cell ends with a widget: the live view, plus a short,
    stable text (so an nbval comparison does not depend on every control's state)."""
    if owner.closed:
        return {"text/plain": f"{owner!r} (closed)"}
    box = owner.widget if owner.widget is not None else owner.image
    # CSS classes name the widget in the page, for a browser test (or a custom style sheet).
    box.add_class("nnla-widget")
    box.add_class(f"nnla-{type(owner).__name__}")
    # Shown, the widget lives as long as its view (the registry keeps the box): its controls
    # must keep working even if the notebook keeps no variable for it. close() frees it.
    box._nnla_owner = owner
    bundle = box._repr_mimebundle_(**kwargs)
    bundle["text/plain"] = repr(owner)
    return bundle


def close_all(controls):
    """Close every control in the list and everything inside them."""
    seen = set()
    for control in controls:
        _close_tree(control, seen)
    controls.clear()


def _close_tree(w, seen=None):
    """Close an ipywidget and every widget it holds: the children of a box, and the layout
    and style every control has (ipywidgets' own close() leaves those registered)."""
    seen = set() if seen is None else seen
    if id(w) in seen:
        return
    seen.add(id(w))
    for name in w.keys:
        value = getattr(w, name, None)
        for part in value if isinstance(value, (tuple, list)) else (value,):
            if isinstance(part, widgets.Widget):
                _close_tree(part, seen)
    w.close()


def button(description, tooltip="", width="90px", icon=""):
    """A ``Button`` of the course's size."""
    return widgets.Button(description=description, tooltip=tooltip or description, icon=icon,
                          layout=widgets.Layout(width=width))


def message_box():
    """An HTML line for messages that takes no room while it is empty."""
    box = widgets.HTML(layout=widgets.Layout(display="none"))
    box.add_class("nnla-message")
    return box


def show_message(box, text, kind="error"):
    """Write ``text`` into a ``message_box`` (and show it); an empty text hides it again."""
    box.value = message_html(text, kind) if text else ""
    box.layout.display = None if text else "none"


def message_html(text, kind="info"):
    """Readout HTML: plain information, or a warning (e.g. divergence) in a visible colour."""
    if kind == "info":
        return f"<div style='font-size:14px;line-height:1.5'>{text}</div>"
    color = "#D55E00"   # Okabe–Ito vermillion
    return (f"<div style='font-size:14px;line-height:1.5;color:{color};font-weight:bold'>"
            f"⚠ {html.escape(text)}</div>")
