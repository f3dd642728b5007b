"""The teacher's copies (tools/classroom.py: make instructor / student / nbgrader): instructor
copies pass every checker, student copies answer every checker with "not done yet" and never
with a traceback, and nbgrader's source notebooks carry its metadata. The full copies of all
six notebooks go through the grader (python -m nnla_helpers.grade), which runs each in a
fresh kernel."""

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from nnla_helpers import grade
from nnla_helpers.exercises import NOTEBOOKS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import classroom  # noqa: E402  (tools/classroom.py)

STEMS = list(NOTEBOOKS)
QUICK = STEMS[:4]             # the student copies graded in full (05 and 06 train for minutes)


def committed(stem):
    return nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)


def outputs_text(cell):
    return "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in cell.outputs)


@pytest.mark.parametrize("stem", STEMS)
def test_the_exercise_table_matches_each_notebooks_cells(stem):
    found = classroom.exercise_cells(committed(stem), stem)
    assert [(c, n) for _, c, n in found] == list(NOTEBOOKS[stem][1])


def test_a_notebook_that_disagrees_with_the_table_is_named():
    nb = committed("01_linear_regression")
    i = classroom.exercise_cells(nb, "01_linear_regression")[0][0]
    nb.cells[i].source = nb.cells[i].source.replace("ex.check_predict(predict)",
                                                    "ex.check_predict(my_predict)")
    with pytest.raises(classroom.CourseError, match="01_linear_regression.ipynb calls the checkers"):
        classroom.exercise_cells(nb, "01_linear_regression")


def test_a_missing_worked_solution_is_named(monkeypatch, tmp_path):
    (tmp_path / "01_linear_regression.py").write_text("def predict(X, W, b):\n    return X @ W + b\n")
    monkeypatch.setattr(classroom, "SOLUTIONS", tmp_path)
    monkeypatch.setattr(classroom, "ROOT", tmp_path)
    with pytest.raises(classroom.CourseError, match=r"has no function gradients\(\)"):
        classroom.instructor_copy(committed("01_linear_regression"), "01_linear_regression")


@pytest.mark.parametrize("stem", STEMS)
def test_the_student_copy_is_the_committed_notebook_with_the_exercise_outputs_cleared(stem):
    nb, student = committed(stem), classroom.student_copy(committed(stem), stem)
    exercises = {i for i, _, _ in classroom.exercise_cells(nb, stem)}
    assert [c.source for c in student.cells] == [c.source for c in nb.cells]
    for i, (old, new) in enumerate(zip(nb.cells, student.cells)):
        if old.cell_type != "code":
            continue
        if i in exercises or old.source.strip() == "ex.progress()":
            assert new.outputs == [] and new.execution_count is None
            if i in exercises:          # what the learner will see on running it: not yet done
                assert outputs_text(old).startswith("❌ Not yet:"), outputs_text(old)
        else:
            assert new.outputs == old.outputs


@pytest.mark.parametrize("stem", STEMS)
def test_the_instructor_copy_has_every_worked_solution_in_place_of_its_stub(stem):
    nb = classroom.instructor_copy(committed(stem), stem)
    for i, checker, names in classroom.exercise_cells(nb, stem):
        source = nb.cells[i].source
        assert "your code here" not in source and "= None" not in source.split("def ")[1]
        for name in names:
            assert f"def {name}(" in source
        assert source.rstrip().endswith(f"ex.{checker}({', '.join(names)})")
    assert all(c.outputs == [] for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("stem", STEMS)
def test_the_nbgrader_copy_has_an_answer_and_a_locked_test_cell_per_exercise(stem):
    nb = classroom.nbgrader_copy(committed(stem), stem)
    meta = [c.metadata["nbgrader"] for c in nb.cells if "nbgrader" in c.metadata]
    exercises = [c.removeprefix("check_") for c, _ in NOTEBOOKS[stem][1]]
    assert [m["grade_id"] for m in meta] == [f"{stem}-{x}{t}" for x in exercises for t in ("", "-test")]
    answers = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert all(m["schema_version"] == 3 for m in meta)
    assert all(c.source.count("### BEGIN SOLUTION") == c.source.count("### END SOLUTION") >= 1
               for c in answers)
    assert all(c.metadata.nbgrader["locked"] and c.metadata.nbgrader["points"] == 1 for c in tests)
    assert all("assert feedback.correct" in c.source for c in tests)
    assert len(nb.cells) == len(committed(stem).cells) + len(exercises)


def test_make_student_and_instructor_write_their_copies_under_build(tmp_path):
    for kind, stems, named in (("student", STEMS, []), ("nbgrader", STEMS, []),
                               ("instructor", ["02_hidden_layer_collapse"], ["02_hidden_layer_collapse"])):
        done = subprocess.run([sys.executable, "tools/classroom.py", kind, *named,
                               "--out", str(tmp_path / kind)], cwd=ROOT, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        assert sorted(p.stem for p in (tmp_path / kind).glob("*.ipynb")) == sorted(stems)
    executed = nbformat.read(tmp_path / "instructor" / "02_hidden_layer_collapse.ipynb", as_version=4)
    shown = [outputs_text(c) for c in executed.cells if c.cell_type == "code"
             and ("ex.check_" in c.source or c.source.strip() == "ex.progress()")]
    assert [s[:10] for s in shown[:-1]] == ["✅ Correct!"] * 2
    assert shown[-1] == "2 of 2 exercises done ✔ — every checker of this notebook says Correct."
    assert not any(o.output_type == "error" for c in executed.cells for o in c.get("outputs", []))
    wrong = subprocess.run([sys.executable, "tools/classroom.py", "student", "07_nothing"],
                           cwd=ROOT, capture_output=True, text=True)
    assert wrong.returncode != 0 and "no notebook named 07_nothing" in wrong.stderr


@pytest.fixture(scope="module")
def graded_copies(tmp_path_factory):
    """The instructor copies of all six and the student copies of 01–04, handed in as two
    students' work and graded."""
    root = tmp_path_factory.mktemp("copies")
    for student, make, stems in (("teacher", classroom.instructor_copy, STEMS),
                                 ("learner", classroom.student_copy, QUICK)):
        (root / student).mkdir()
        for stem in stems:
            nbformat.write(make(committed(stem), stem), root / student / f"{stem}.ipynb")
    rows = grade.grade(root, root / "out", seconds=900, jobs=2, log=lambda *a: None)
    return [dict(zip(grade.COLUMNS, r)) for r in rows]


def test_instructor_copies_pass_every_checker(graded_copies):
    teacher = [r for r in graded_copies if r["student"] == "teacher"]
    assert [(r["notebook"], r["exercise"]) for r in teacher] == [
        (stem, c.removeprefix("check_")) for stem in STEMS for c, _ in NOTEBOOKS[stem][1]]
    assert all(r["passed"] == 1 for r in teacher), [r for r in teacher if not r["passed"]]


def test_student_copies_fail_every_checker_with_not_done_yet_never_a_traceback(graded_copies):
    learner = [r for r in graded_copies if r["student"] == "learner"]
    assert [r["exercise"] for r in learner] == [c.removeprefix("check_") for stem in QUICK
                                                for c, _ in NOTEBOOKS[stem][1]]
    for r in learner:
        assert r["passed"] == 0
        assert "None" in r["message"], r          # the stub's `None` is named
        assert not any(w in r["message"] for w in ("raised", "Traceback", "could not be judged",
                                                   "could not run")), r
