"""The teacher's copies of the course, built under build/ from the committed notebooks.

    python tools/classroom.py instructor   # build/instructor/: worked solutions filled in, executed
    python tools/classroom.py student      # build/student/: to hand out, exercise outputs cleared
    python tools/classroom.py nbgrader     # build/nbgrader/source/nnla/: nbgrader's source notebooks

The committed notebooks are the learner's starting state: every exercise cell holds the stub
(`O = None  # your code here`) and the call of its checker. The instructor copy replaces the
stub by the worked solution of notebooks/solutions/<notebook>.py (the learner's name `my_backward`
is the solution's `backward`) and runs the notebook in a fresh kernel, so every checker says
Correct. The student copy is the committed notebook, already executed top to bottom, with the
outputs of the exercise and progress cells cleared: the learner sees only what their own
answers produce. The nbgrader copy splits each exercise cell into an answer cell (the solution
between nbgrader's `### BEGIN SOLUTION` / `### END SOLUTION` markers) and a locked test cell
worth one point that asserts the checker's verdict.
"""

import argparse
import ast
import concurrent.futures
import copy
import os
import re
import sys
from pathlib import Path

import nbformat

from nnla_helpers.exercises import NOTEBOOKS

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "notebooks"
SOLUTIONS = COURSE / "solutions"
BUILD = ROOT / "build"
ASSIGNMENT = "nnla"                      # the nbgrader assignment that holds the six notebooks
CHECK_CALL = re.compile(r"^ex\.(check_\w+)\((.*)\)\s*$", re.M)


class CourseError(Exception):
    """The notebooks, the solutions and the exercise table disagree."""


def exercise_cells(nb, stem):
    """[(cell index, checker, learner's function names)] of notebook ``stem``, in its order;
    CourseError unless they are exactly the exercises nnla_helpers.exercises.NOTEBOOKS lists."""
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            for m in CHECK_CALL.finditer(cell.source):
                names = tuple(a.strip() for a in m.group(2).split(",") if a.strip())
                found.append((i, m.group(1), names))
    listed = list(NOTEBOOKS[stem][1])
    if [(c, n) for _, c, n in found] != listed:
        raise CourseError(f"{stem}.ipynb calls the checkers {[(c, n) for _, c, n in found]}, but "
                          f"nnla_helpers.exercises.NOTEBOOKS lists {listed}: update one of them.")
    return found


def solution_functions(stem, names):
    """{learner's name: the worked solution's source, renamed to that name}."""
    path = SOLUTIONS / f"{stem}.py"
    text = path.read_text(encoding="utf-8")
    defs = {node.name: node for node in ast.parse(text).body if isinstance(node, ast.FunctionDef)}
    sources = {}
    for name in names:
        solution = name.removeprefix("my_")
        if solution not in defs:
            raise CourseError(f"{path.relative_to(ROOT)} has no function {solution}() for the "
                              f"exercise's {name}(); add it (the learner's my_x is the solution's x).")
        source = ast.get_source_segment(text, defs[solution])
        sources[name] = re.sub(rf"^def {solution}\(", f"def {name}(", source)
    return sources


def _checker_lines(source):
    return "\n".join(m.group(0).strip() for m in CHECK_CALL.finditer(source))


def _cleared(cell):
    cell.outputs, cell.execution_count = [], None
    cell.metadata.pop("execution", None)


def _is_progress(cell):
    return cell.cell_type == "code" and cell.source.strip() == "ex.progress()"


def instructor_copy(nb, stem):
    """The notebook with each exercise's stub replaced by its worked solution, outputs cleared."""
    nb = copy.deepcopy(nb)
    for i, _, names in exercise_cells(nb, stem):
        cell = nb.cells[i]
        solutions = solution_functions(stem, names)
        cell.source = "\n\n".join(solutions[n] for n in names) + "\n\n" + _checker_lines(cell.source)
    for cell in nb.cells:
        if cell.cell_type == "code":
            _cleared(cell)
    return nb


def student_copy(nb, stem):
    """The committed, executed notebook with the outputs of its exercise and progress cells cleared."""
    nb = copy.deepcopy(nb)
    for i, _, _ in exercise_cells(nb, stem):
        _cleared(nb.cells[i])
    for cell in nb.cells:
        if _is_progress(cell):
            _cleared(cell)
    return nb


def _between_markers(source):
    """A solution function with its body between nbgrader's solution markers."""
    node = ast.parse(source).body[0]
    lines = source.split("\n")
    first = node.body[0].lineno - 1                  # the docstring or first statement
    indent = re.match(r"\s*", lines[first]).group(0)
    return "\n".join(lines[:first] + [indent + "### BEGIN SOLUTION"] + lines[first:]
                     + [indent + "### END SOLUTION"])


def _nbgrader(cell, **fields):
    cell.metadata["nbgrader"] = {"schema_version": 3, "locked": False, "solution": False,
                                 "grade": False, **fields}
    return cell


def nbgrader_copy(nb, stem):
    """nbgrader's source notebook: each exercise becomes an autograded answer cell (the solution
    between markers, which generate_assignment turns into a stub) and a locked test cell."""
    nb = copy.deepcopy(nb)
    exercises = {i: (checker, names) for i, checker, names in exercise_cells(nb, stem)}
    cells = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            _cleared(cell)
        if i not in exercises:
            cells.append(cell)
            continue
        checker, names = exercises[i]
        solutions = solution_functions(stem, names)
        answer = nbformat.v4.new_code_cell("\n\n".join(_between_markers(solutions[n]) for n in names))
        exercise = checker.removeprefix("check_")
        cells.append(_nbgrader(answer, solution=True, grade_id=f"{stem}-{exercise}"))
        test = nbformat.v4.new_code_cell(
            f"feedback = ex.{checker}({', '.join(names)})\n"
            "print(feedback)\n"
            "assert feedback.correct, \"the checker says Not yet: see the message above\"")
        cells.append(_nbgrader(test, grade=True, locked=True, points=1,
                               grade_id=f"{stem}-{exercise}-test"))
    nb.cells = cells
    return nb


def execute(nb, folder, timeout=900):
    """Run ``nb`` top to bottom in a fresh kernel whose working folder is ``folder``."""
    from nbclient import NotebookClient
    from merge_streams import merged          # tools/merge_streams.py: one output per printed run

    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = merged(cell.outputs)
    return nb


def build_one(kind, stem, out):
    """Build one notebook's copy of ``kind`` into the folder ``out``; return its path."""
    nb = nbformat.read(COURSE / f"{stem}.ipynb", as_version=4)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{stem}.ipynb"
    if kind == "instructor":
        nb = execute(instructor_copy(nb, stem), out)
    elif kind == "student":
        nb = student_copy(nb, stem)
    else:
        nb = nbgrader_copy(nb, stem)
    nbformat.write(nb, path)
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=["instructor", "student", "nbgrader"])
    parser.add_argument("notebooks", nargs="*", metavar="NOTEBOOK",
                        help="notebook names, e.g. 01_linear_regression (default: all)")
    parser.add_argument("--out", type=Path, help="the folder to write to (default: build/<kind>/, "
                        "for nbgrader build/nbgrader/source/nnla/)")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks executed at once (instructor)")
    args = parser.parse_args(argv)
    stems = [Path(n).stem for n in args.notebooks] or list(NOTEBOOKS)
    unknown = [s for s in stems if s not in NOTEBOOKS]
    if unknown:
        parser.error(f"no notebook named {', '.join(unknown)}; the course has {', '.join(NOTEBOOKS)}")
    default = BUILD / "nbgrader" / "source" / ASSIGNMENT if args.kind == "nbgrader" else BUILD / args.kind
    out = (args.out or default).resolve()
    if args.kind == "instructor" and args.jobs > 1:
        # notebooks side by side on few cores: one BLAS thread each, not threads fighting
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        os.environ.setdefault("OMP_NUM_THREADS", "1")
    jobs = args.jobs if args.kind == "instructor" else 1
    with concurrent.futures.ThreadPoolExecutor(max(1, jobs)) as pool:
        for path in pool.map(lambda s: build_one(args.kind, s, out), stems):
            print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        main()
    except CourseError as err:
        sys.exit(f"classroom: {err}")
