"""What every widget shares (nnla_helpers.widgets.base), and the one PNG writer (style)."""

import io

import numpy as np
from PIL import Image

from nnla_helpers import style
from nnla_helpers.widgets import FigureWidget


def test_encode_png_is_a_lossless_png_of_the_canvas():
    rgba = np.zeros((3, 5, 4), dtype=np.uint8)
    rgba[..., 0] = np.arange(5) * 50
    rgba[..., 1] = np.arange(3)[:, None] * 100
    rgba[..., 3] = 255
    png = style.encode_png(rgba)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    np.testing.assert_array_equal(np.asarray(Image.open(io.BytesIO(png)).convert("RGB")),
                                  rgba[..., :3])


def test_png_bytes_and_a_widget_frame_are_the_same_picture():
    fig = style.new_figure(2, 1.5)
    with style.course_style():
        ax = fig.add_subplot()
        ax.plot([0, 1], [1, 0])
    widget = FigureWidget(fig)
    widget.render()
    assert widget.image.value == style.png_bytes(fig)
    assert fig._repr_png_() == widget.image.value
    width, height = Image.open(io.BytesIO(widget.image.value)).size
    assert (width, height) == (2 * style.DPI, int(1.5 * style.DPI))


def test_fast_frame_redraws_only_the_moving_artists_on_the_saved_background():
    fig = style.new_figure(2, 2)
    with style.course_style():
        ax = fig.add_subplot()
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        line, = ax.plot([0, 1], [0, 1])
    widget = FigureWidget(fig)
    widget._dynamic = [line]
    widget.render(full=True)
    line.set_ydata([1, 0])
    widget.render(full=False)
    fast = widget.image.value
    widget.render(full=True)
    assert fast == widget.image.value                 # blitting gives the full draw's picture
    widget.close()
    assert widget.figure is None
