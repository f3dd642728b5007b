"""DerivationStepper, forward_backward_steps and MatrixMultiplyStepper (widgets.steppers).

Each test drives the widget through its public controls (``.value = …``, ``.click()``), as
a learner would, and checks what the learner would see: the state, the readout, the artists.
"""

import ast
import json
import re
from pathlib import Path

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
from nnla_helpers import MLP  # noqa: E402
from nnla_helpers.errors import BadValueError, ShapeError  # noqa: E402
from nnla_helpers.widgets import (DerivationStepper, MatrixMultiplyStepper, Step,  # noqa: E402
                                  format_number, forward_backward_steps)
from nnla_helpers.widgets.steppers import can_draw  # noqa: E402

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


# ---- DerivationStepper ------------------------------------------------------------------------------


def table_numbers(html):
    """Every number shown in the HTML tables, in order."""
    return [float(x) for x in re.findall(r"<td[^>]*>([-0-9.e+]+)</td>", html)]


def direct_pass(net, X, y):
    """The forward and backward pass of a 1-hidden-layer ReLU/softmax net, written out here."""
    W1, b1, W2, b2 = net.weights[0], net.biases[0], net.weights[1], net.biases[1]
    m = X.shape[0]
    Y = np.eye(W2.shape[1])[y]
    Z1 = X @ W1 + b1
    A1 = np.maximum(Z1, 0)
    Z2 = A1 @ W2 + b2
    A2 = np.exp(Z2) / np.exp(Z2).sum(axis=1, keepdims=True)
    L = -np.sum(Y * np.log(A2)) / m
    dZ2 = (A2 - Y) / m
    dW2, db2 = A1.T @ dZ2, dZ2.sum(axis=0)
    dA1 = dZ2 @ W2.T
    dZ1 = dA1 * (Z1 > 0)
    dW1, db1 = X.T @ dZ1, dZ1.sum(axis=0)
    return [{"X": X, "Y": Y}, {"Z_1": Z1}, {"A_1": A1}, {"Z_2": Z2}, {"A_2": A2}, {"L": L},
            {"dZ_2": dZ2}, {"dW_2": dW2}, {"db_2": db2}, {"dA_1": dA1}, {"dZ_1": dZ1},
            {"dW_1": dW1}, {"db_1": db1}]


def test_derivation_stepper_shows_the_direct_computation_at_every_step():
    net = MLP([4, 3, 2], init="uniform", seed=1)
    X = np.random.default_rng(0).normal(size=(3, 4))
    y = np.array([0, 1, 1])
    steps = forward_backward_steps(net, X, y)
    expected = direct_pass(net, X, y)
    assert len(steps) == len(expected)
    stepper = DerivationStepper(steps, title="a 4-3-2 network")
    assert stepper.prev_button.disabled
    for i, values in enumerate(expected):
        assert stepper.index == i
        step = stepper.current
        assert list(step.values) == list(values)
        shown = table_numbers(stepper.view.value)
        direct = np.concatenate([np.ravel(v) for v in values.values()])
        np.testing.assert_allclose(shown, direct, rtol=1e-3, atol=1e-12)       # as displayed
        for name, v in values.items():
            np.testing.assert_allclose(step.values[name], v, rtol=1e-12, atol=1e-15)  # raw
        assert step.latex in stepper.view.value and "$$" in stepper.view.value
        stepper.next_button.click()
    assert stepper.next_button.disabled and stepper.index == len(steps) - 1
    grads = net.backward(net.forward(X)[1], y)
    for name in ("W1", "b1", "W2", "b2"):
        np.testing.assert_allclose(steps[-1 if name == "b1" else -2 if name == "W1" else
                                         -5 if name == "b2" else -6].values[f"d{name[0]}_{name[1]}"],
                                   grads[name], rtol=1e-10)
    assert "Z₁ (3, 3)" in stepper.to_html(1) and "dW₁ (4, 3)" in stepper.to_html(11)
    assert "uses" in steps[1].note and "W₁" in steps[1].note


def test_derivation_stepper_controls_and_snapshot():
    Z = np.array([[1.23456, -2.0], [0.0, 3.5]])
    steps = [Step(r"Z = X W", {"Z": Z}, note="uses X and W"),
             Step(r"\hat{Y} = \tfrac{1}{2} Z", {"Y_hat": Z / 2}),        # \tfrac: MathJax only
             dict(latex=r"L = 3", values={"L": 3.0})]
    stepper = DerivationStepper(steps)
    assert "1.235" in stepper.view.value and "Z (2, 2)" in stepper.view.value
    stepper.position.value = 3
    assert "L (a number)" in stepper.view.value and stepper.next_button.disabled
    stepper.prev_button.click()
    assert stepper.index == 1
    np.testing.assert_array_equal(stepper.current.values["Y_hat"], Z / 2)
    fig = stepper.snapshot()                        # \tfrac drawn as \frac by mathtext
    assert fig._repr_png_()[:4] == b"\x89PNG"
    assert any(t.get_text() == r"$\hat{Y} = \frac{1}{2} Z$" for t in fig.texts)
    with pytest.warns(UserWarning, match="cannot draw"):
        DerivationStepper([Step(r"\begin{aligned} a &= b \end{aligned}", {})]).snapshot()
    everything = stepper.snapshot(all_steps=True)
    assert len(everything.axes) == 3                # one table per value
    with pytest.raises(ValueError):
        DerivationStepper([])


# ---- MatrixMultiplyStepper -----------------------------------------------------------------------------


def test_matrix_multiply_essay_dot_product_200():
    s = MatrixMultiplyStepper.dot([10, 20, 30, 40], [0, 1, 2, 3])
    assert s.n_positions == 4                       # one product per click
    sums = []
    for _ in range(4):
        sums.append(s.running_sums[-1])
        s.next_button.click()
    assert sums == [0, 20, 80, 200]
    assert s.running_sums == [0, 20, 80, 200]
    assert s.sum_text() == "a·b[0, 0] = 10·0 + 20·1 + 30·2 + 40·3 = 200"
    assert "0 → 20 → 80 → 200" in s.readout.value
    assert s.Z_shown[0, 0] == 200 and s.Z[0, 0] == 200
    assert "a (1, 4)" in [t.get_text() for t in s.figure.findobj(matplotlib.text.Text)]


def test_matrix_multiply_essay_outer_product_table():
    a, b = np.array([10, 20, 30, 40]), np.array([0, 1, 2, 3])
    s = MatrixMultiplyStepper.outer(a, b)
    assert s.n_positions == 16
    for p in range(1, 17):
        s.position.value = p
        i, j = divmod(p - 1, 4)
        assert (s.i, s.j) == (i, j)
        assert s.running_sums[-1] == a[i] * b[j]
        done = np.isfinite(s.Z_shown)
        assert done.sum() == p                    # entries appear one at a time, in order
    np.testing.assert_array_equal(s.Z_shown, np.outer(a, b))
    texts = [[t.get_text() for t in row] for row in s.z_texts]
    assert texts[3] == ["0", "40", "80", "120"]


def test_matrix_multiply_running_sums_equal_X_W_plus_b():
    rng = np.random.default_rng(5)
    X, W, b = rng.normal(size=(3, 4)), rng.normal(size=(4, 2)), rng.normal(size=2)
    Z = X @ W + b
    s = MatrixMultiplyStepper(X, W, b, by_term=True)
    assert s.n_terms == 5 and s.n_positions == 3 * 2 * 5
    for p in range(1, s.n_positions + 1):
        s.position.value = p
        terms = list(X[s.i] * W[:, s.j]) + [b[s.j]]
        np.testing.assert_allclose(s.terms, terms[:len(s.terms)])
        np.testing.assert_allclose(s.running_sums, np.cumsum(terms[:len(s.terms)]))
        if len(s.terms) == 5:
            np.testing.assert_allclose(s.running_sums[-1], Z[s.i, s.j], rtol=1e-12)
        # row i of X and column j of W are highlighted, the rest is white
        x_colors = [[c.get_facecolor() for c in row] for row in s.x_cells]
        white = matplotlib.colors.to_rgba("white")
        assert all(col != white for col in x_colors[s.i])
        assert all(col == white for r, row in enumerate(x_colors) if r != s.i for col in row)
        assert all(s.w_cells[t][s.j].get_facecolor() != white for t in range(4))
    np.testing.assert_allclose(s.Z_shown, Z, rtol=1e-12)
    # entry by entry (no by_term): every click finishes one entry
    s2 = MatrixMultiplyStepper(X, W, b)
    for p in range(1, 7):
        s2.position.value = p
        np.testing.assert_allclose(s2.running_sums[-1], Z[s2.i, s2.j], rtol=1e-12)


@settings(max_examples=12, deadline=None)
@given(m=st.integers(1, 3), k=st.integers(1, 4), n=st.integers(1, 3), seed=st.integers(0, 10_000),
       with_bias=st.booleans())
def test_matrix_multiply_any_shapes_property(m, k, n, seed, with_bias):
    rng = np.random.default_rng(seed)
    X, W = rng.integers(-9, 10, (m, k)), rng.integers(-9, 10, (k, n))
    b = rng.integers(-9, 10, n) if with_bias else None
    Z = X @ W + (b if with_bias else 0)
    s = MatrixMultiplyStepper(X, W, b)
    for p in range(1, m * n + 1):
        s.position.value = p
        assert s.running_sums[-1] == Z[s.i, s.j]                  # whole numbers: exact
        assert s.sum_text().endswith(f"= {Z[s.i, s.j]}")
    np.testing.assert_array_equal(s.Z_shown, Z)
    s.close()


def test_matrix_multiply_rejects_bad_shapes():
    with pytest.raises(ShapeError, match=r"W.T"):
        MatrixMultiplyStepper(np.ones((2, 3)), np.ones((2, 3)))
    with pytest.raises(ShapeError, match="b"):
        MatrixMultiplyStepper(np.ones((2, 3)), np.ones((3, 2)), np.ones(3))
    with pytest.raises(BadValueError, match="too big"):
        MatrixMultiplyStepper(np.ones((20, 3)), np.ones((3, 2)))




# ---- the stepper shows the network's own numbers, even for saturated outputs ------------------


def saturated_net(scale, output="softmax", loss=None):
    """A 3-4-3 net whose logits are scaled to about ±scale."""
    net = MLP([3, 4, 3], hidden="tanh", output=output, loss=loss, seed=2)
    net.weights[1] *= scale / np.abs(net.weights[1]).sum(axis=0).max()
    return net


@pytest.mark.parametrize("scale", [1.0, 40.0, 1000.0])
@pytest.mark.parametrize("output, loss", [("softmax", None), ("sigmoid", None),
                                          ("identity", "mse"), ("softmax", "mse")])
def test_stepper_loss_and_gradients_are_the_networks(scale, output, loss):
    net = saturated_net(scale, output, loss)
    X = np.random.default_rng(3).normal(size=(4, 3))
    y = np.array([0, 2, 1, 0])
    Y = np.eye(3)[y]
    steps = forward_backward_steps(net, X, Y)
    shown = {name: v for s in steps for name, v in s.values.items()}
    assert shown["L"] == net.loss(X, Y)                   # the same number, not a clipped copy
    for name, g in net.backward(net.forward(X)[1], Y).items():
        np.testing.assert_array_equal(shown[f"d{name[0]}_{name[1]}"], g)
    _, cache = net.forward(X)
    np.testing.assert_array_equal(shown["A_2"], cache.output)


def test_logits_40_apart_show_the_true_loss_not_the_clipped_one():
    """The stepper once showed L = 27.63 (log of a clipped probability) for a sample whose
    logits differ by 40, where the network's loss is 40.69."""
    net = MLP([1, 2], output="softmax", seed=0)
    net.weights[0][...] = [[20.0, -20.0]]
    net.biases[0][...] = 0
    X, y = np.array([[1.0]]), np.array([1])
    L = {k: v for s in forward_backward_steps(net, X, y) for k, v in s.values.items()}["L"]
    assert L == pytest.approx(40.0, abs=1e-12) and L == net.loss(X, y)


def test_format_number_shows_overflow_instead_of_failing():
    assert [format_number(v) for v in (np.inf, -np.inf, np.nan)] == ["∞", "−∞", "nan"]
    html = DerivationStepper([Step("e^{1000}", {"E": np.array([np.inf, 1.0])})]).view.value
    assert "∞" in html


# ---- every Step of every notebook draws as mathematics in its snapshot -----------------------


def notebook_steps():
    """(notebook, cell, latex) of every ``Step(...)`` whose LaTeX is written in a notebook."""
    found = []
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        for i, cell in enumerate(json.loads(path.read_text())["cells"]):
            if cell["cell_type"] != "code":
                continue
            for node in ast.walk(ast.parse("".join(cell["source"]))):
                func = getattr(node, "func", None)
                if isinstance(node, ast.Call) and getattr(func, "attr", getattr(func, "id", "")) == "Step":
                    assert isinstance(node.args[0], ast.Constant), f"{path.name} cell {i}: a computed latex"
                    found.append((path.name, i, node.args[0].value))
    return found


def test_every_notebook_step_draws_without_falling_back_to_plain_text():
    steps = notebook_steps()
    assert len(steps) >= 30                              # 01, 02, 04 and 06 have steppers
    cannot = [(name, i, latex) for name, i, latex in steps if not can_draw(latex)]
    assert not cannot, f"mathtext would show these as raw LaTeX: {cannot}"


@pytest.mark.parametrize("output, loss", [("softmax", None), ("sigmoid", None),
                                          ("identity", "mse"), ("softmax", "mse"), ("tanh", "mse")])
def test_every_generated_step_draws(output, loss):
    net = MLP([3, 4, 4, 2], hidden=["relu", "leaky_relu"], output=output, loss=loss, seed=0)
    for step in forward_backward_steps(net, np.ones((2, 3)), np.array([[1.0, 0.0], [0.0, 1.0]])):
        assert can_draw(step.latex), step.latex
