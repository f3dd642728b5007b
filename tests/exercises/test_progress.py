"""ex.progress(): each notebook's exercises in this session, from its checkers' latest verdicts
(kept in memory only), in the notebook's order, with the next one to do."""

import json
import re
from pathlib import Path

import pytest

from nnla_helpers.exercises import _feedback
from nnla_helpers.exercises import activations as ex03
from nnla_helpers.exercises import capstone as ex07
from nnla_helpers.exercises import backprop as ex04
from nnla_helpers.exercises import collapse as ex02
from nnla_helpers.exercises import dropout as ex05
from nnla_helpers.exercises import linear_regression as ex01
from nnla_helpers.exercises import mnist as ex06

from exercise_helpers import solutions

NOTEBOOKS = Path(__file__).resolve().parent.parent.parent / "notebooks"
MODULES = {"01_linear_regression": ex01, "02_hidden_layer_collapse": ex02,
           "03_activations": ex03, "04_backpropagation": ex04, "05_dropout": ex05,
           "06_mnist": ex06, "07_your_own_network": ex07}
SOLUTION_NAMES = {"check_predict": "predict", "check_gradients": "gradients",
                  "check_gradient_step": "step", "check_collapse": "collapse",
                  "check_homogeneous": "to_homogeneous", "check_relu_grad": "relu_grad",
                  "check_sigmoid_grad": "sigmoid_grad", "check_softmax": "softmax",
                  "check_numerical_gradient": "numerical_gradient", "check_backward": "backward",
                  "check_early_stopping": "early_stopping", "check_one_hot": "one_hot",
                  "check_accuracy": "accuracy", "check_to_row_layout": "to_row_layout",
                  "check_sgd_epoch": "sgd_epoch", "check_choose_by_validation": "choose_by_validation",
                  "check_momentum_step": "momentum_step", "check_adam_step": "adam_step",
                  "check_weight_decay": "l2_gradient", "check_he_init": "he_init"}


@pytest.fixture(autouse=True)
def fresh_session(monkeypatch):
    monkeypatch.setattr(_feedback, "_latest", {})


def checks_in_notebook(stem):
    """The ex.check_… names the notebook's code cells call, in order."""
    cells = json.loads((NOTEBOOKS / f"{stem}.ipynb").read_text())["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return re.findall(r"ex\.(check_\w+)\(", code)


@pytest.mark.parametrize("stem", MODULES)
def test_progress_lists_the_notebooks_exercises_in_its_order(stem):
    p = MODULES[stem].progress()
    assert p.done == [] and p.tried == []
    assert p.todo == checks_in_notebook(stem)
    n = len(p.todo)
    assert repr(p) == (f"0 of {n} exercises done; next: the {p.todo[0][6:]} exercise "
                       f"(ex.{p.todo[0]}, not tried yet).")


def test_03_step_by_step_wrong_right_and_wrong_again():
    sol = solutions("03_activations")
    ex03.check_relu_grad(lambda Z: None)
    assert repr(ex03.progress()) == ("0 of 3 exercises done; next: the relu_grad exercise "
                                     "(ex.check_relu_grad, tried, not yet right).")
    ex03.check_relu_grad(sol.relu_grad)
    ex03.check_softmax(sol.softmax)
    p = ex03.progress()
    assert p.done == ["check_relu_grad", "check_softmax"] and p.todo == ["check_sigmoid_grad"]
    assert repr(p) == ("2 of 3 exercises done ✔; next: the sigmoid_grad exercise "
                       "(ex.check_sigmoid_grad, not tried yet).")
    ex03.check_sigmoid_grad(sol.sigmoid_grad)
    assert repr(ex03.progress()) == "3 of 3 exercises done ✔ — every checker of this notebook says Correct."
    ex03.check_softmax(lambda Z: Z)                              # the latest verdict counts
    assert ex03.progress().todo == ["check_softmax"] and ex03.progress().tried == ["check_softmax"]


def test_a_checker_called_the_wrong_way_counts_as_not_yet():
    ex01.check_predict()
    assert ex01.progress().tried == ["check_predict"]


def test_each_notebook_keeps_its_own_progress():
    sol = solutions("01_linear_regression")
    ex01.check_predict(sol.predict)
    assert ex01.progress().done == ["check_predict"]
    for other in (ex02, ex03, ex04, ex05, ex06, ex07):
        assert other.progress().done == [] and other.progress().tried == []


@pytest.mark.parametrize("stem", MODULES)
def test_every_solution_brings_its_notebook_to_all_done(stem):
    sol, ex = solutions(stem), MODULES[stem]
    pairs = {"05_dropout": ("check_dropout", "dropout_forward", "dropout_backward"),
             "07_your_own_network": ("check_backprop", "model_forward", "model_backward")}
    answers = {}
    if stem in pairs:
        name, forward, backward = pairs[stem]
        answers[name] = (getattr(sol, forward), getattr(sol, backward))
    for name in ex.progress().todo:
        args = answers.get(name) or (getattr(sol, SOLUTION_NAMES[name]),)
        assert getattr(ex, name)(*args).correct, name
    assert ex.progress().todo == []


@pytest.mark.parametrize("stem", MODULES)
def test_each_notebook_shows_its_progress_after_its_last_exercise(stem):
    cells = json.loads((NOTEBOOKS / f"{stem}.ipynb").read_text())["cells"]
    code = [i for i, c in enumerate(cells) if c["cell_type"] == "code"]
    last_check = max(i for i in code if re.search(r"ex\.check_\w+\(", "".join(cells[i]["source"])))
    after = [i for i in code if i > last_check]
    assert after and "".join(cells[after[0]]["source"]).strip() == "ex.progress()"
    out = "".join(cells[after[0]]["outputs"][0]["data"]["text/plain"])
    assert out.startswith(f"0 of {len(checks_in_notebook(stem))} exercises done; next:")
