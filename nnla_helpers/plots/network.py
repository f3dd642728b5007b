"""A network drawn from its layer sizes: a circle per unit, a line per weight — notebook 02.

    plots.network_diagram([3, 4, 2])     3 inputs → 4 hidden units → 2 outputs
    plots.network_diagram(net)           anything with .sizes, e.g. an MLP

The anatomy of essay 003: units (nodes) stand in layers — input, hidden, output — and in a
dense layer every unit of one layer feeds every unit of the next. Each line is one weight:
the lines from layer l−1 into layer l are the entries of W_l (n_{l−1}, n_l), one per pair of
units. Each unit after the input adds its own bias: the entries of b_l (n_l,).

A layer wider than ``max_units`` is drawn as its first few units, a "⋮" with the layer's
width, and its last unit; only the lines between drawn units appear, while the labels still
give the full shapes.
"""

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgb

from .. import checks
from ..style import OKABE_ITO, course_style, new_figure, shape_label
from . import _inputs

ROLE_COLORS = {"input": OKABE_ITO["sky_blue"], "hidden": OKABE_ITO["bluish_green"],
               "output": OKABE_ITO["orange"]}
UNIT_NAMES = {"input": "x", "hidden": "h", "output": "o"}
UNIT_SIZE = 520            # circle area in points² (a diameter of about 23 points)
MAX_LAYERS = 40            # layers side by side in one diagram
MAX_SHOWN = 50             # the largest max_units: units drawn one above the other


def _layer_sizes(sizes):
    """[n_0, n_1, …, n_L] as ints, from a list like [3, 4, 2] or an object with .sizes."""
    raw = checks.listed("sizes", getattr(sizes, "sizes", sizes),
                        "list the layer widths, inputs first, at least two (inputs and outputs)",
                        "[3, 4, 2] or net.sizes of an MLP", at_least=2, at_most=MAX_LAYERS,
                        hint=" A diagram draws its layers side by side.")
    return list(checks.wholes("sizes", raw, at_least=1, hint=" It is a layer's number of units."))


def _check_max_units(max_units):
    return checks.whole("max_units", max_units, at_least=3, at_most=MAX_SHOWN,
                        hint=" It is how many units of a wide layer are drawn: a few, the ⋮ "
                             "and the last unit.")


def _shown_units(size, max_units):
    """Which units of a layer of ``size`` units are drawn (0-based), and the ⋮'s slot.

    Up to ``max_units`` units: all of them, and no gap (None). Wider: the first
    max_units − 2, then the gap, then the last unit — max_units slots in all.
    """
    if size <= max_units:
        return list(range(size)), None
    return list(range(max_units - 2)) + [size - 1], max_units - 2


def _roles(n_layers):
    return ["input"] + ["hidden"] * (n_layers - 2) + ["output"]


def _layer_title(role, l, n_layers):
    if role == "hidden" and n_layers > 3:
        return f"hidden {l}"
    return role


def _count(n, noun):
    """7940, "weight" → "7 940 weights": thousands set apart by a space, as in the notebooks."""
    plural = noun if n == 1 else noun + ("es" if noun.endswith("s") else "s")
    return f"{n:,} {plural}".replace(",", " ")


def _light(color, strength=0.45):
    """``color`` faded towards white, so black text on it stays readable."""
    return tuple(strength * np.array(to_rgb(color)) + (1 - strength))


def draw_network(ax, sizes, max_units=6, unit_labels=True):
    """Draw a dense network into ``ax``: a circle per unit, a line per weight, shapes as labels.

    sizes: the layer widths [n_0, n_1, …, n_L] (inputs first) or anything with ``.sizes``.
    Returns {"units": one PathCollection per layer (label "layer l"), "weights": one
    LineCollection per weight matrix (label "W1", "W2", …), "gaps": the ⋮ texts of the
    capped layers, "labels": the layer and shape texts}.
    Notebook 02.
    """
    ax = _inputs.axes(ax)
    sizes = _layer_sizes(sizes)
    max_units = _check_max_units(max_units)
    unit_labels = _inputs.flag("unit_labels", unit_labels)
    L = len(sizes) - 1
    roles = _roles(len(sizes))
    layout = [_shown_units(n, max_units) for n in sizes]
    n_slots = max(len(shown) + (gap is not None) for shown, gap in layout)

    positions, gap_ys = [], []                       # (drawn units, 2) per layer: x, y
    for l, (shown, gap) in enumerate(layout):
        slots = len(shown) + (gap is not None)
        ys = (slots - 1) / 2 - np.arange(slots)      # top to bottom, centred on 0
        gap_ys.append(None if gap is None else ys[gap])
        if gap is not None:
            ys = np.delete(ys, gap)                  # the gap's slot holds the ⋮, not a unit
        positions.append(np.column_stack([np.full(len(shown), float(l)), ys]))

    artists = {"units": [], "weights": [], "gaps": [], "labels": []}
    for l in range(1, L + 1):                  # W_l: each drawn unit of l−1 to each one of l
        P, Q = positions[l - 1], positions[l]  # (a, 2) and (b, 2) unit centres
        starts = np.repeat(P, len(Q), axis=0)  # (a·b, 2): each unit of l−1, b times
        ends = np.tile(Q, (len(P), 1))         # (a·b, 2): all units of l, a times
        segments = np.stack([starts, ends], axis=1)    # (a·b, 2, 2): one segment per weight
        lines = LineCollection(segments, colors=OKABE_ITO["grey"], linewidths=0.9, alpha=0.7,
                               zorder=1, label=f"W{l}")
        ax.add_collection(lines)
        artists["weights"].append(lines)
    top, bottom = (n_slots - 1) / 2, -(n_slots - 1) / 2
    for l, ((shown, gap), P, role) in enumerate(zip(layout, positions, roles)):
        color = ROLE_COLORS[role]
        units = ax.scatter(P[:, 0], P[:, 1], s=UNIT_SIZE, facecolors=[_light(color)],
                           edgecolors=[color], linewidths=1.8, zorder=2, label=f"layer {l}")
        artists["units"].append(units)
        if unit_labels:
            for j, (x, y) in zip(shown, P):
                artists["labels"].append(ax.text(x, y, f"${UNIT_NAMES[role]}_{{{j + 1}}}$",
                                                 ha="center", va="center", fontsize=9, zorder=3))
        if gap is not None:
            artists["gaps"].append(ax.text(l, gap_ys[l], f"⋮ {sizes[l]}", ha="center",
                                           va="center", fontsize=10, zorder=3,
                                           bbox=dict(facecolor="white", edgecolor="none", pad=1)))
        unit_word = "unit" if sizes[l] == 1 else "units"
        artists["labels"].append(ax.text(l, bottom - 0.75, f"{_layer_title(role, l, len(sizes))}"
                                         f"\n{sizes[l]} {unit_word}", ha="center", va="top",
                                         fontsize=10))
    for l in range(1, L + 1):                        # the shapes of W_l and b_l above the lines
        artists["labels"].append(ax.text(l - 0.5, top + 0.75,
                                         f"{shape_label(f'W{l}', (sizes[l - 1], sizes[l]))}\n"
                                         f"{shape_label(f'b{l}', (sizes[l],))}",
                                         ha="center", va="bottom", fontsize=10))
    ax.set_xlim(-0.5, L + 0.5)
    ax.set_ylim(bottom - 1.9, top + 1.9)
    ax.set_axis_off()
    return artists


def network_diagram(sizes, ax=None, max_units=6, unit_labels=True, title=None):
    """Figure: a dense network drawn from its sizes — units, one line per weight, W and b shapes.

    sizes: [n_0, …, n_L] such as [3, 4, 2], or an MLP (its ``.sizes``). Layers wider than
    ``max_units`` are capped (a few units, "⋮ 784", the last unit). With ``ax`` the diagram
    is drawn into that Axes and its figure is returned. The default title counts the
    weights Σ n_{l−1}·n_l and the biases Σ n_l of the whole network, capped or not.
    Notebook 02.
    """
    sizes = _layer_sizes(sizes)
    max_units = _check_max_units(max_units)
    unit_labels = _inputs.flag("unit_labels", unit_labels)
    title = _inputs.title(title)
    if ax is not None:
        ax = _inputs.axes(ax)
    n_slots = max(min(n, max_units) for n in sizes)
    n_weights = sum(a * b for a, b in zip(sizes, sizes[1:]))
    n_biases = sum(sizes[1:])
    if ax is None:
        fig = new_figure(max(3.6, 1.75 * len(sizes) + 0.6), 0.42 * n_slots + 2.1,
                         layout="constrained")
        with course_style():
            ax = fig.add_subplot()
    fig = ax.figure
    with course_style():
        draw_network(ax, sizes, max_units, unit_labels)
        ax.set_title(title or f"{' → '.join(map(str, sizes))}: {_count(n_weights, 'weight')}, "
                              f"{_count(n_biases, 'bias')}")
    return fig
