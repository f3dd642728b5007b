"""python -m nnla_helpers.grade: every verdict collected, nothing stops the run, and no
student's notebook can change another's result. The submissions here are small notebooks
(the exercise cells only, as a student may hand them in) so that each case runs in seconds;
tests/test_classroom.py grades the full instructor and student copies."""

import csv
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from nnla_helpers import grade
from nnla_helpers.exercises import NOTEBOOKS

IMPORTS = "import numpy as np\nfrom nnla_helpers.exercises import linear_regression as ex"
RIGHT = {"predict": "def predict(X, W, b):\n    return X @ W + b",
         "gradients": "def gradients(X, W, b, T):\n    E = (X @ W + b - T) / X.shape[0]\n"
                      "    return X.T @ E, E.sum(axis=0)",
         "step": "def step(W, b, dW, db, lr):\n    return W - lr * dW, b - lr * db"}
CHECKS = {"predict": "ex.check_predict(predict)", "gradients": "ex.check_gradients(gradients)",
          "step": "ex.check_gradient_step(step)"}


def notebook(*sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return nbformat.writes(nb)


def answers(**replaced):
    """The exercise cells of 01 with the right answers, some replaced by ``replaced``."""
    return [IMPORTS] + [{**RIGHT, **replaced}[n] + "\n\n" + CHECKS[n] for n in RIGHT]


SUBMISSIONS = {
    "ann/01_linear_regression.ipynb": notebook(*answers()),
    # a slip the checker names: the bias subtracted
    "ben/01_linear_regression.ipynb": notebook(*answers(
        predict="def predict(X, W, b):\n    return X @ W - b")),
    # the stubs, untouched
    "cat/01_linear_regression.ipynb": notebook(
        IMPORTS, "def predict(X, W, b):\n    O = None\n    return O\n\nex.check_predict(predict)"),
    # a cell that raises before the exercises: they still count
    "dan/01_linear_regression-Copy1.ipynb": notebook(IMPORTS, "1 / 0", *answers()[1:]),
    # a loop after the exercises, and a function that loops inside the checker
    "eve/01_linear_regression.ipynb": notebook(*answers(
        step="def step(W, b, dW, db, lr):\n    while True:\n        pass"), "while True:\n    pass"),
    # the kernel killed
    "fay/01_linear_regression.ipynb": notebook(*answers(), "import os\nos._exit(1)"),
    # a damaged file, a text file, a notebook that is not one of the course's
    "gus/01_linear_regression.ipynb": '{"cells": [',
    "gus/02_hidden_layer_collapse.ipynb": b"\xff\xfe not utf-8",
    "gus/my_notes.ipynb": notebook("1"),
    # cheating: the checker replaced, the package's own function handed in, a fake verdict
    "hal/01_linear_regression.ipynb": notebook(
        IMPORTS,
        "from nnla_helpers.exercises import _feedback\n"
        "ex.check_predict = lambda f: _feedback.correct()\n"
        "def predict(X, W, b):\n    return None",
        "from nnla_helpers.linear import predict as _p\ngradients = _p",
        "def step(W, b, dW, db, lr):\n"
        "    print({'tag': 'guess', 'passed': True, 'message': 'fake'})\n    return None"),
    # a notebook that rewrites another student's file and grades while it runs
    "ivy/01_linear_regression.ipynb": notebook(
        IMPORTS, "import pathlib\n"
        "for p in pathlib.Path(r'{root}').rglob('*.ipynb'):\n"
        "    if 'ann' in str(p):\n        p.write_text('{{}}')\n"
        "for p in pathlib.Path(r'{root}').rglob('grades.csv'):\n        p.write_text('')"),
    # a notebook outside any student's folder
    "loose.ipynb": notebook("1"),
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("class")
    for name, content in SUBMISSIONS.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content.replace("{root}", str(root)).replace("{{}}", "{}")
                            if "{root}" in content else content)
    out = root / "results"
    done = subprocess.run([sys.executable, "-m", "nnla_helpers.grade", str(root), "--out", str(out),
                           "--time-limit", "20", "--jobs", "2"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    with open(out / "grades.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return rows, out, done.stdout


def verdicts(rows, student):
    return {r["exercise"]: (r["passed"], r["message"]) for r in rows if r["student"] == student
            and r["exercise"] != grade.NOTEBOOK_ROW}


def problems(rows, student):
    return [r["message"] for r in rows if r["student"] == student and r["exercise"] == grade.NOTEBOOK_ROW]


def test_grades_csv_has_the_columns_the_teacher_reads(graded):
    rows, out, _ = graded
    header = (out / "grades.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "student,notebook,exercise,passed,message"
    assert {r["passed"] for r in rows} == {"0", "1"}


def test_right_answers_pass_and_a_slip_gets_the_checkers_diagnosis(graded):
    rows = graded[0]
    ann = verdicts(rows, "ann")
    assert list(ann) == ["predict", "gradients", "gradient_step"]
    assert ann["predict"] == ("1", "O = X W + b has shape (5, 3): one row of outputs per sample, "
                                   "for any number of samples.")
    assert {p for p, _ in ann.values()} == {"1"} and problems(rows, "ann") == []
    passed, message = verdicts(rows, "ben")["predict"]
    assert passed == "0" and "the bias should be added, not subtracted" in message
    assert verdicts(rows, "ben")["gradients"][0] == "1"


def test_stubs_get_the_not_done_yet_verdict_and_missing_functions_are_named(graded):
    v = verdicts(grade_rows := graded[0], "cat")
    assert v["predict"] == ("0", "O is None — the exercise cell still has its placeholder; "
                                 "replace `None` with your computation.")
    assert v["gradients"][0] == "0" and "no function named gradients was defined" in v["gradients"][1]
    assert problems(grade_rows, "cat") == []


def test_a_crash_is_reported_and_what_ran_after_it_still_counts(graded):
    rows = graded[0]
    assert [r["notebook"] for r in rows if r["student"] == "dan"][0] == "01_linear_regression"
    assert problems(rows, "dan") == ["cell 2 raised ZeroDivisionError: division by zero — the cells "
                                     "after it ran, and the exercises are graded on what they defined."]
    assert {p for p, _ in verdicts(rows, "dan").values()} == {"1"}


def test_loops_are_stopped_and_graded_on_what_ran(graded):
    rows = graded[0]
    v = verdicts(rows, "eve")
    assert v["predict"][0] == "1" and v["gradients"][0] == "1"
    assert v["gradient_step"] == ("0", "the checker did not finish in 20 s: the student's "
                                       "function may loop for ever.")
    assert any("ran longer than its time limit of 20 s" in p for p in problems(rows, "eve"))


def test_a_dead_kernel_is_reported_and_nothing_is_graded_from_it(graded):
    rows = graded[0]
    assert any("the kernel died in cell 5" in p for p in problems(rows, "fay"))
    assert all(p == "0" and "kernel was lost" in m for p, m in verdicts(rows, "fay").values())


def test_damaged_files_and_strangers_get_a_row_and_never_stop_the_run(graded):
    rows, _, stdout = graded
    gus = {r["notebook"]: r["message"] for r in rows if r["student"] == "gus"
           and r["exercise"] == grade.NOTEBOOK_ROW}
    assert gus["01_linear_regression"].startswith("01_linear_regression.ipynb is not valid JSON")
    assert "not a text file" in gus["02_hidden_layer_collapse"]
    assert "my_notes.ipynb is not one of the course's notebooks" in gus["my_notes.ipynb"]
    loose = [r for r in rows if r["student"] == grade.NO_STUDENT]
    assert len(loose) == 1 and loose[0]["notebook"] == "loose.ipynb" and "is not in a student's folder" in loose[0]["message"]
    assert "graded 12 notebooks of 9 students" in stdout


def test_a_notebook_cannot_fake_its_verdict(graded):
    v = verdicts(graded[0], "hal")
    assert v["predict"] == ("0", "O is None — the exercise cell still has its placeholder; "
                                 "replace `None` with your computation.")
    assert v["gradients"][0] == "0" and "is not defined in the notebook" in v["gradients"][1]
    assert v["gradient_step"][0] == "0"


def test_a_notebook_cannot_change_another_students_result(graded):
    rows, out, _ = graded
    assert {p for p, _ in verdicts(rows, "ann").values()} == {"1"}   # ivy rewrote ann's file
    assert len(rows) > 30 and (out / "grades.csv").stat().st_size > 1000
    assert problems(rows, "ivy") == []


def test_the_html_summary_shows_who_passed_what_and_the_common_mistakes(graded):
    rows, out, _ = graded
    page = (out / "grades.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<table>" in page
    for student in ("ann", "ben", "cat", "dan", "eve", "fay", "hal", "ivy"):
        assert f"<th>{student}</th>" in page
    assert "<h3>01_linear_regression · predict: 3 of 9 passed</h3><ol><li><b>2×</b> O is None" in page
    assert "<li><b>1×</b> O: the bias should be added, not subtracted.</li>" in page
    assert "<li><b>1×</b> not graded" not in page        # a lost notebook is not a mistake
    assert "ZeroDivisionError" in page and "02_hidden_layer_collapse · collapse: 0 of 1 passed" in page


def test_the_mistake_summary_counts_one_slip_on_different_numbers_once():
    rows = [("a", "01_linear_regression", "predict", 0, "at index (0, 1) you have 0.5, expected 2"),
            ("b", "01_linear_regression", "predict", 0, "at index (3, 2) you have -1.25, expected 7e-3"),
            ("c", "01_linear_regression", "predict", 1, "right")]
    page = grade.summary_html(rows, "t")
    assert "<b>2×</b>" in page and "predict: 1 of 3 passed" in page


@pytest.mark.parametrize("name, stem", [("01_linear_regression.ipynb", "01_linear_regression"),
                                        ("06_mnist (1).ipynb", "06_mnist"),
                                        ("05-dropout.ipynb", "05_dropout"),
                                        ("07_capstone.ipynb", "07_your_own_network"),
                                        ("08_extra.ipynb", None), ("notes.ipynb", None)])
def test_a_notebook_is_known_by_its_number(name, stem):
    assert grade.notebook_of(name) == stem


def test_bad_arguments_get_a_plain_answer(tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "nnla_helpers.grade", *args],
                              capture_output=True, text=True, timeout=60)
    missing = run(str(tmp_path / "nowhere"))
    assert missing.returncode != 0 and "is not a folder" in missing.stderr
    empty = run(str(tmp_path))
    assert empty.returncode != 0 and "no notebooks" in empty.stderr
    assert "give the folder of submissions" in run().stderr
    assert "--time-limit and --jobs must be at least 1" in run(str(tmp_path), "--jobs", "0").stderr


def test_every_exercise_of_the_course_can_be_graded():
    assert sorted(NOTEBOOKS) == sorted(p.stem for p in
                                       (Path(__file__).parent.parent / "notebooks").glob("0*.ipynb"))
