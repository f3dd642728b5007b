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
PNG, so the notebook still reads on GitHub or on paper. ``close()`` closes the controls and
lets the figure go.
"""

import html
import time

import ipywidgets as widgets
from ..style import course_style, encode_png


class FigureWidget:
    """Base class: ``self.figure`` drawn into ``self.image``; subclasses add controls and
    build ``self.widget`` (the box a notebook displays)."""

    def __init__(self, figure):
        self.figure = figure
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%", height="auto"))
        self.image.add_class("nnla-figure")
        self.widget = None          # set by the subclass: the box with controls and image
        self._dynamic = []          # artists redrawn every frame, in drawing order
        self._background = None     # the saved picture of everything else
        self.frame_times = []       # seconds per render, to keep an eye on the cost

    # ---- drawing --------------------------------------------------------------------------
    def render(self, full=True):
        """Draw the figure and show it in ``self.image``.

        full=False redraws only ``self._dynamic`` on top of the saved background (fast);
        it falls back to a full draw when there is no background yet.
        """
        start = time.perf_counter()
        canvas = self.figure.canvas
        visible = [a for a in self._dynamic if a.get_visible()]
        if full or self._background is None:
            for a in visible:               # the background must not contain moving artists
                a.set_visible(False)
            with course_style():
                canvas.draw()
            self._background = canvas.copy_from_bbox(self.figure.bbox)
            for a in visible:
                a.set_visible(True)
        else:
            canvas.restore_region(self._background)
        for a in visible:
            self.figure.draw_artist(a)
        self.image.value = self._png()
        self.frame_times.append(time.perf_counter() - start)
        del self.frame_times[:-200]         # keep the last 200 only

    def _png(self):
        """The canvas as PNG bytes (RGB: no alpha needed on a white figure)."""
        return encode_png(self.figure.canvas.buffer_rgba())

    def invalidate(self):
        """Forget the background: the next render is a full one (axes or titles changed)."""
        self._background = None

    # ---- showing --------------------------------------------------------------------------
    def snapshot(self):
        """The figure as it is now — end a notebook cell with it to show a static picture."""
        if self.figure is None:
            raise RuntimeError("this widget was closed; make a new one to get a snapshot.")
        return self.figure

    def _repr_mimebundle_(self, **kwargs):
        return widget_bundle(self, **kwargs)

    def __repr__(self):
        return f"<{type(self).__name__}: a live widget; .snapshot() gives a static figure>"

    def close(self):
        """Close every control of the widget and let the figure be freed."""
        if self.widget is not None:
            _close_tree(self.widget)
        self.image.close()
        if self.figure is not None:
            self.figure.clear()
        self.figure, self._background, self._dynamic = None, None, []


def widget_bundle(owner, **kwargs):
    """What a notebook shows when a cell ends with a widget: the live view, plus a short,
    stable text (so an nbval comparison does not depend on every control's state)."""
    # CSS classes name the widget in the page, for a browser test (or a custom style sheet).
    owner.widget.add_class("nnla-widget")
    owner.widget.add_class(f"nnla-{type(owner).__name__}")
    bundle = owner.widget._repr_mimebundle_(**kwargs)
    bundle["text/plain"] = repr(owner)
    return bundle


def _close_tree(w):
    """Close an ipywidgets box and everything inside it."""
    for child in getattr(w, "children", ()):
        _close_tree(child)
    w.close()


def button(description, tooltip="", width="90px", icon=""):
    """A ``Button`` of the course's size."""
    return widgets.Button(description=description, tooltip=tooltip or description, icon=icon,
                          layout=widgets.Layout(width=width))


def message_html(text, kind="info"):
    """Readout HTML: plain information, or a warning (e.g. divergence) in a visible colour."""
    if kind == "info":
        return f"<div style='font-size:14px;line-height:1.5'>{text}</div>"
    color = "#D55E00"   # Okabe–Ito vermillion
    return (f"<div style='font-size:14px;line-height:1.5;color:{color};font-weight:bold'>"
            f"⚠ {html.escape(text)}</div>")
