"""One look for every figure of the course, and the plumbing that makes figures cheap.

Colours (all colour-blind safe):

- classes and lines: the Okabe–Ito palette (``PALETTE``), always in the same order, so
  class 0 is orange, class 1 sky blue, class 2 bluish green … in every notebook;
- sequential values (pixels, probabilities, activations): ``SEQUENTIAL`` = "viridis";
- signed values (weights, gradients): ``DIVERGING`` = "RdBu_r", always centred at 0
  (blue negative, white zero, red positive).

Figures are plain ``matplotlib.figure.Figure`` objects drawn by the Agg renderer
(``FigureCanvasAgg``) and never registered with ``matplotlib.pyplot``. Why:

- it works the same in JupyterLab, Notebook 7, VS Code and headless nbconvert / nbval,
  with no ipympl extension and whatever backend the kernel has chosen;
- pyplot never sees these figures, so ``plt.get_fignums()`` does not grow and nothing is
  shown twice by the inline backend; a figure is freed as soon as nothing refers to it;
- widgets turn a figure into PNG bytes (``png_bytes``, written by ``encode_png``) and put
  them in an ``ipywidgets.Image``; a notebook shows a static figure through ``_repr_png_``.

``new_figure`` makes such a figure with the course style; ``png_bytes`` renders it;
``apply_style()`` makes the style the default for a notebook's own pyplot figures too.
"""

import struct
import zlib
from contextlib import contextmanager

import matplotlib as mpl
import numpy as np
from PIL import Image as PILImage
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import checks
from .errors import BadValueError, SettingError, ShapeError

# Okabe & Ito (2008), "Color Universal Design": distinguishable with any colour vision.
OKABE_ITO = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7", "black": "#000000", "grey": "#999999",
}
# Class colours: yellow is moved to the end because it is faint on white.
PALETTE = [OKABE_ITO[k] for k in ("orange", "sky_blue", "bluish_green", "vermillion",
                                  "blue", "reddish_purple", "yellow", "grey", "black")]
TRAIN_COLOR = OKABE_ITO["blue"]          # train curves
VAL_COLOR = OKABE_ITO["vermillion"]      # validation curves
HIGHLIGHT = OKABE_ITO["orange"]          # "look here" (current entry, prediction)
SEQUENTIAL = "viridis"
DIVERGING = "RdBu_r"
GREYS = "gray_r"                         # MNIST digits: black ink on white paper

DPI = 80            # small PNGs: a 10 × 5 inch figure is 800 × 400 pixels
MAX_INCHES = 500    # the widest and tallest figure, in inches
MAX_PIXELS = 2 ** 16 - 1      # Agg draws at most this many pixels along each side
LAYOUTS = ("constrained", "compressed", "tight", "none")
BASE_FONT = 12      # readable on a projector at that size

RC = {
    "font.size": BASE_FONT,
    "axes.titlesize": BASE_FONT + 1,
    "axes.labelsize": BASE_FONT,
    "xtick.labelsize": BASE_FONT - 2,
    "ytick.labelsize": BASE_FONT - 2,
    "legend.fontsize": BASE_FONT - 2,
    "legend.frameon": False,
    "axes.prop_cycle": mpl.cycler(color=PALETTE),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "axes.titlepad": 5,
    "lines.linewidth": 2.0,
    "image.cmap": SEQUENTIAL,
    "image.interpolation": "nearest",   # a weight is a square, not a blur
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "figure.facecolor": "white",
    "mathtext.fontset": "dejavusans",
}


@contextmanager
def course_style():
    """Use the course style for the figures (and artists) created inside this block."""
    with mpl.rc_context(RC):
        yield


def apply_style():
    """Make the course style the default for every figure, including your own ``plt`` plots."""
    mpl.rcParams.update(RC)


class CourseFigure(Figure):
    """A ``Figure`` that shows itself as a PNG in a notebook even when pyplot was never imported.

    (The inline backend registers its own PNG printer for figures when pyplot is in use;
    without it a bare Figure would print as text. ``_repr_png_`` covers that case.)
    """

    def _repr_png_(self):
        return png_bytes(self)


def new_figure(width, height, dpi=DPI, layout=None):
    """A ``CourseFigure`` of ``width`` × ``height`` inches with an Agg canvas, not known to pyplot.

    Create the axes and artists inside ``with course_style():`` so they get the style too.
    layout="constrained" lets matplotlib place the axes (static plots); widgets place them
    once themselves, because a layout engine would run again at every frame.
    """
    width = checks.number("width", width, above=0, at_most=MAX_INCHES, hint=" It is in inches.")
    height = checks.number("height", height, above=0, at_most=MAX_INCHES, hint=" It is in inches.")
    dpi = checks.number("dpi", dpi, at_least=10, at_most=600,
                        hint=f" It is pixels per inch; {DPI} keeps the PNGs small.")
    if layout is not None:
        layout = checks.choice("layout", layout, LAYOUTS)
    if max(width, height) * dpi > MAX_PIXELS:
        raise SettingError(f"a figure of {width:g} × {height:g} inches at dpi = {dpi:g} would be "
                           f"{max(width, height) * dpi:,.0f} pixels across, more than the "
                           f"{MAX_PIXELS:,} Agg can draw: use a smaller dpi or fewer panels.")
    with course_style():
        fig = CourseFigure(figsize=(width, height), dpi=dpi, layout=layout)
    FigureCanvasAgg(fig)       # attaches itself as fig.canvas
    return fig


def png_bytes(fig):
    """Render ``fig`` with Agg and return its PNG bytes (the one PNG writer: ``encode_png``)."""
    if not isinstance(fig, Figure):
        raise BadValueError(f"fig must be a matplotlib Figure (e.g. from new_figure or a plot), "
                            f"but it is {type(fig).__name__}.")
    if not hasattr(fig.canvas, "buffer_rgba"):
        raise BadValueError(f"fig must be drawn by Agg (as new_figure's figures are), but its "
                            f"canvas is a {type(fig.canvas).__name__}.")
    with course_style():
        fig.canvas.draw()
    return encode_png(fig.canvas.buffer_rgba())


def encode_png(rgba):
    """An (h, w, 4) uint8 RGBA buffer (Agg's canvas) as an RGB PNG, written with zlib's fastest level.

    A PNG is a signature and three chunks: IHDR (size and colour type), IDAT (the pixel
    rows, each prefixed with a filter byte, all deflated) and IEND. Using filter 0 ("none")
    for every row skips the per-row filter search that general encoders do: our figures are
    flat-coloured, so it costs little in size and saves most of the time of a frame's PNG.
    """
    rgba = np.asarray(rgba)
    if rgba.ndim != 3 or rgba.shape[2] != 4 or rgba.dtype != np.uint8 or not rgba.size:
        raise ShapeError(f"rgba must be an (h, w, 4) array of uint8 (what fig.canvas.buffer_rgba() "
                         f"gives), but it has shape {rgba.shape} and dtype {rgba.dtype}.")
    h, w, _ = rgba.shape
    # Pillow drops the alpha channel in C, without the copy a NumPy slice [..., :3] needs.
    rgb = np.asarray(PILImage.frombuffer("RGBA", (w, h), rgba, "raw", "RGBA", 0, 1).convert("RGB"))
    rows = np.empty((h, 1 + 3 * w), dtype=np.uint8)
    rows[:, 0] = 0                                  # filter type 0 for every row
    rows[:, 1:] = rgb.reshape(h, 3 * w)
    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)   # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)) + _chunk(b"IEND", b""))


def _chunk(kind, payload):
    """One PNG chunk: length, type, payload, CRC-32 of type + payload."""
    return (struct.pack(">I", len(payload)) + kind + payload
            + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF))


def class_color(k):
    """The colour of class ``k`` (cycles after the palette's 9 colours)."""
    return PALETTE[checks.whole("k", k, at_least=0, hint=" It is a class label.") % len(PALETTE)]


def subscript(name):
    """"W_1", "W_{12}" or "W1" → "W₁", "W₁₂", "W₁" — matrix names for titles and captions.

    Only trailing digits become subscripts; any other name is returned unchanged.
    """
    if not isinstance(name, str):
        raise SettingError(f"name must be text (a str) such as \"W1\", but it is "
                           f"{type(name).__name__} {name!r}.")
    digits = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
    head, sep, tail = name.partition("_")
    tail = tail.strip("{}")
    if sep and tail.isdigit():
        return head + tail.translate(digits)
    stem = name.rstrip("0123456789")
    if not sep and stem and stem != name:
        return stem + name[len(stem):].translate(digits)
    return name


def shape_label(name, shape):
    """"W1", (2, 16) → "W₁ (2, 16)": every matrix shown to a learner carries its shape."""
    if isinstance(shape, (str, bytes)) or not hasattr(shape, "__iter__"):
        raise ShapeError(f"shape must be a tuple of whole numbers such as (2, 16), but it is "
                         f"{shape!r}.")
    shape = [checks.whole("shape", s, at_least=0) for s in shape]
    return f"{subscript(name)} {tuple(int(s) for s in shape)}"
