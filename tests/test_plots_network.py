"""plots.network_diagram / draw_network (notebook 02): one circle per drawn unit, one line per
weight between drawn units, wide layers capped with "⋮ n", shapes of W and b in the labels,
and bad sizes refused with an error that names the argument."""

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.collections import LineCollection, PathCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from nnla_helpers import MLP, plots, style  # noqa: E402
from nnla_helpers.errors import SettingError  # noqa: E402


def weight_lines(fig):
    """{"W1": LineCollection, …} of the diagram's first axes."""
    return {c.get_label(): c for c in fig.axes[0].collections if isinstance(c, LineCollection)}


def unit_circles(fig):
    """[number of circles drawn in layer 0, layer 1, …]."""
    layers = [c for c in fig.axes[0].collections if isinstance(c, PathCollection)]
    assert [c.get_label() for c in layers] == [f"layer {l}" for l in range(len(layers))]
    return [len(c.get_offsets()) for c in layers]


def texts_of(fig):
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text)]


def test_small_network_draws_every_unit_and_one_line_per_weight():
    before = plt.get_fignums()
    fig = plots.network_diagram([3, 4, 2])
    assert isinstance(fig, Figure) and plt.get_fignums() == before
    assert unit_circles(fig) == [3, 4, 2]
    lines = weight_lines(fig)
    assert sorted(lines) == ["W1", "W2"]
    assert len(lines["W1"].get_segments()) == 3 * 4          # W1 (3, 4): 12 weights
    assert len(lines["W2"].get_segments()) == 4 * 2          # W2 (4, 2): 8 weights
    texts = texts_of(fig)
    assert "3 → 4 → 2: 20 weights, 6 biases" in texts
    assert "W₁ (3, 4)\nb₁ (4,)" in texts and "W₂ (4, 2)\nb₂ (2,)" in texts
    assert "input\n3 units" in texts and "hidden\n4 units" in texts and "output\n2 units" in texts
    assert {"$x_{1}$", "$x_{3}$", "$h_{4}$", "$o_{2}$"} <= set(texts)
    assert not [t for t in texts if t.startswith("⋮")]       # nothing is capped
    assert fig._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n"


def test_every_line_joins_a_unit_of_one_layer_to_a_unit_of_the_next():
    fig = plots.network_diagram([2, 3, 1])
    ax = fig.axes[0]
    centres = [c.get_offsets() for c in ax.collections if isinstance(c, PathCollection)]
    for l, lines in enumerate(weight_lines(fig).values(), start=1):
        pairs = {(tuple(a), tuple(b)) for a, b in lines.get_segments()}
        expected = {(tuple(a), tuple(b)) for a in centres[l - 1] for b in centres[l]}
        assert pairs == expected                               # dense: every pair, once


def test_wide_layers_are_capped_with_the_width_written_beside_the_gap():
    fig = plots.network_diagram([784, 10, 10], max_units=6)
    assert unit_circles(fig) == [5, 5, 5]                      # 4 units, ⋮, the last unit
    lines = weight_lines(fig)
    assert len(lines["W1"].get_segments()) == 5 * 5            # only between drawn units
    texts = texts_of(fig)
    assert "⋮ 784" in texts and texts.count("⋮ 10") == 2
    assert "$x_{784}$" in texts and "$x_{5}$" not in texts    # the last input is unit 784
    assert "W₁ (784, 10)\nb₁ (10,)" in texts                  # labels keep the full shapes
    assert "784 → 10 → 10: 7 940 weights, 20 biases" in texts
    # the ⋮ sits between the drawn units of its layer
    gap = next(t for t in fig.axes[0].texts if t.get_text() == "⋮ 784")
    inputs = next(c for c in fig.axes[0].collections if c.get_label() == "layer 0")
    ys = np.sort(inputs.get_offsets()[:, 1])                   # bottom (x₇₈₄) first
    assert ys[0] < gap.get_position()[1] < ys[1]


def test_the_cap_follows_max_units_and_a_layer_at_the_cap_is_drawn_whole():
    fig = plots.network_diagram([8, 9, 2], max_units=8)
    assert unit_circles(fig) == [8, 7, 2]                      # 8 fits; 9 → 6 units, ⋮, last
    assert [t for t in texts_of(fig) if t.startswith("⋮")] == ["⋮ 9"]


def test_an_mlp_draws_from_its_sizes_and_the_counts_match_its_parameters():
    net = MLP([2, 5, 3, 2], seed=0)
    fig = plots.network_diagram(net)
    assert unit_circles(fig) == [2, 5, 3, 2]
    drawn = sum(len(c.get_segments()) for c in weight_lines(fig).values())
    assert drawn == sum(W.size for W in net.weights)
    assert sum(unit_circles(fig)[1:]) == sum(b.size for b in net.biases)
    assert "hidden 1\n5 units" in texts_of(fig) and "hidden 2\n3 units" in texts_of(fig)


def test_drawing_into_a_given_axes_and_one_unit_layers():
    fig = style.new_figure(8, 3)
    with style.course_style():
        left, right = fig.subplots(1, 2)
    assert plots.network_diagram([1, 1], ax=right, title="one weight") is fig
    assert not left.collections and right.get_title() == "one weight"
    assert "input\n1 unit" in texts_of(fig)
    assert "1 → 1: 1 weight, 1 bias" in texts_of(plots.network_diagram([1, 1]))
    artists = plots.draw_network(left, [2, 2], unit_labels=False)
    assert [len(c.get_segments()) for c in artists["weights"]] == [4]
    assert not [t for t in left.texts if t.get_text().startswith("$")]


@pytest.mark.parametrize("sizes, words", [
    ([3], "at least two"),
    ([], "at least two"),
    ([3, 0, 2], "sizes[1] must be a whole number ≥ 1, but it is 0"),
    ([3, -4, 2], "sizes[1] must be a whole number ≥ 1, but it is -4"),
    ([3, 2.5, 2], "sizes[1] must be a whole number ≥ 1, but it is 2.5"),
    ([3, "4", 2], "sizes[1] must be a whole number ≥ 1, but it is '4'"),
    ([True, 2], "sizes[0] must be a whole number ≥ 1, but it is True"),
    ("342", "must list the layer widths"),
    (7, "must list the layer widths"),
    (np.ones((2, 2), dtype=int), "must list the layer widths"),
    ([2] * 41, "at most 40"),
])
def test_bad_sizes_are_refused_with_the_argument_named(sizes, words):
    with pytest.raises(SettingError, match="sizes") as info:
        plots.network_diagram(sizes)
    assert words in str(info.value)
    assert isinstance(info.value, ValueError)                  # `except ValueError` works too


def test_whole_floats_and_numpy_ints_are_fine_but_max_units_is_checked():
    assert unit_circles(plots.network_diagram(np.array([3, 4, 2]))) == [3, 4, 2]
    assert unit_circles(plots.network_diagram([3.0, 4, 2])) == [3, 4, 2]
    for bad in (2, 0, 4.5, "6", True):
        with pytest.raises(ValueError, match="max_units"):
            plots.network_diagram([3, 4, 2], max_units=bad)
