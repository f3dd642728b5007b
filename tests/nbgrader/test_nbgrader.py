"""nbgrader's own tools on the course (`make test-nbgrader`, which installs the `nbgrader`
extra into a virtualenv of its own): the source notebook tools/classroom.py builds goes
through `nbgrader generate_assignment`, three sample submissions through `nbgrader autograde`,
and the scores nbgrader gives are the ones the answers deserve."""

import csv
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import classroom  # noqa: E402  (tools/classroom.py)

STEM = "01_linear_regression"
COURSE, ASSIGNMENT = "nnla", classroom.ASSIGNMENT


def nbgrader(course, *args):
    # nbgrader runs `alembic` by name: the virtualenv's scripts come first on PATH
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def answer(release, replacements):
    """The released notebook with the stub of each named function replaced by ``source``."""
    nb = nbformat.read(release, as_version=4)
    for cell in nb.cells:
        for name, source in replacements.items():
            if cell.cell_type == "code" and cell.source.startswith(f"def {name}("):
                cell.source = source
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    (course / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.course_id = {COURSE!r}\n"
        f"c.CourseDirectory.root = {str(course)!r}\n"
        "c.Execute.timeout = 300\n")
    classroom.build_one("nbgrader", STEM, course / "source" / ASSIGNMENT)
    nbgrader(course, "db", "assignment", "add", ASSIGNMENT)
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    release = course / "release" / ASSIGNMENT / f"{STEM}.ipynb"

    right = classroom.solution_functions(STEM, ["predict", "gradients", "step"])
    submissions = {
        "alice": right,                                               # all three right
        "bob": {},                                                    # handed in untouched
        "carol": {**right, "gradients": right["gradients"].replace("/ m", "/ 2")},  # one slip
    }
    for student, replacements in submissions.items():
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(answer(release, replacements), folder / f"{STEM}.ipynb")
        (folder / "timestamp.txt").write_text("2026-12-02 10:00:00.000000 UTC")
        nbgrader(course, "db", "student", "add", student)
    nbgrader(course, "autograde", ASSIGNMENT)
    nbgrader(course, "export", "--to", str(course / "grades.csv"))
    with open(course / "grades.csv", newline="") as f:
        scores = {row["student_id"]: float(row["score"]) for row in csv.DictReader(f)}
    return course, release, scores


def test_the_release_has_nbgraders_stubs_and_no_solution(graded):
    _, release, _ = graded
    nb = nbformat.read(release, as_version=4)
    answers = [c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert [a.split("(")[0] for a in answers] == ["def predict", "def gradients", "def step"]
    for a in answers:
        assert "raise NotImplementedError()" in a and "SOLUTION" not in a and "return" not in a
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert [c.metadata.nbgrader["points"] for c in tests] == [1, 1, 1]


def test_autograde_gives_each_submission_the_points_it_deserves(graded):
    _, _, scores = graded
    assert scores == {"alice": 3.0, "bob": 0.0, "carol": 2.0}


def test_the_autograded_notebook_shows_the_checkers_verdicts(graded):
    course = graded[0]
    nb = nbformat.read(course / "autograded" / "carol" / ASSIGNMENT / f"{STEM}.ipynb", as_version=4)
    shown = "\n".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert shown.count("✅ Correct!") == 2 and "❌ Not yet:" in shown
