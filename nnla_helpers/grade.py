"""Grade a class: run every submitted notebook, collect every exercise checker's verdict.

    python -m nnla_helpers.grade SUBMISSIONS_DIR [--out DIR] [--time-limit SECONDS] [--jobs N]

SUBMISSIONS_DIR holds one folder per student with that student's notebooks anywhere inside it
(``alice/01_linear_regression.ipynb``; nbgrader's ``submitted/alice/<assignment>/…`` works as
it is). A notebook is known by the number its file name starts with, so
``01_linear_regression-Copy1.ipynb`` is notebook 01.

Each notebook runs top to bottom in a fresh kernel of its own, in an empty folder of its own,
with a time limit; then, in the same kernel, each exercise's checker is loaded afresh and called
on the student's own function (one defined in the notebook, not the package's function of the
same name) — the same checker and the same verdict the student sees in the notebook. A notebook
that raises, loops, kills its kernel or is not valid JSON gets a row saying so and never stops
the run; every notebook is read before any runs, and each result comes back to this process
over a pipe, so one student's code cannot change another student's notebook or result.

Writes ``grades.csv`` (student, notebook, exercise, passed, message: one row per exercise of
each submitted notebook, and a row with exercise "(notebook)" for each problem running it) and
``grades.html``, a one-page summary: who passed what, and the most common mistakes of each
exercise, from the checkers' diagnoses. Defined for the classroom kit (README: Teaching with nnla).
"""

import argparse
import ast
import concurrent.futures
import csv
import html
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from .exercises import NOTEBOOKS

NOTEBOOK_ROW = "(notebook)"            # the exercise column of a row about a whole notebook
NO_STUDENT = "(no student folder)"     # the student column of a notebook lying loose
GRADE_SECONDS = 60                     # each checker's own time limit (at most the notebook's)
COLUMNS = ("student", "notebook", "exercise", "passed", "message")


# ---- one notebook, in a child process (python -m nnla_helpers.grade --one STEM SECONDS) ----

# One cell per exercise, run after the student's cells. It loads the checker module afresh (a
# notebook cannot have changed it) and answers with a dict tagged by a number drawn for this run.
_GRADE_CELL = """\
def _nnla_grade():
    import importlib
    from nnla_helpers.exercises import _feedback
    importlib.reload(_feedback)
    checks = importlib.reload(importlib.import_module("nnla_helpers.exercises.{module}"))
    missing = [n for n in {names!r} if n not in globals()]
    if missing:
        return {{"tag": {tag!r}, "passed": False, "message": "no function named " + missing[0]
                 + " was defined: its cell did not run to the end (see the notebook's errors), "
                 "or the function was renamed."}}
    foreign = [n for n in {names!r} if getattr(globals()[n], "__module__", None) != "__main__"]
    if foreign:
        return {{"tag": {tag!r}, "passed": False, "message": foreign[0] + " is not defined in "
                 "the notebook: it is " + _feedback.describe(globals()[foreign[0]]) + " from "
                 + str(getattr(globals()[foreign[0]], "__module__", "elsewhere"))
                 + ", so the exercise was not done."}}
    feedback = getattr(checks, {checker!r})(*[globals()[n] for n in {names!r}])
    return {{"tag": {tag!r}, "passed": feedback.correct, "message": feedback.message}}
_nnla_grade()
"""


def _first_error(cell):
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return f"{output.get('ename', 'an error')}: {output.get('evalue', '')}".strip()
    return None


def _tagged_result(cell, tag):
    """The grade cell's answer, if its last output is the dict tagged ``tag``."""
    for output in reversed(cell.get("outputs", [])):
        if output.get("output_type") == "execute_result":
            try:
                answer = ast.literal_eval(output["data"]["text/plain"])
            except (KeyError, ValueError, SyntaxError):
                return None
            return answer if isinstance(answer, dict) and answer.get("tag") == tag else None
    return None


def run_one(stem, text, seconds, workdir):
    """Run notebook ``stem`` (its JSON ``text``) and grade it: {"exercises": [(exercise, passed,
    message)], "problems": [message]} — the child process's work."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    nb = nbformat.reads(text, as_version=4)
    module, exercises = NOTEBOOKS[stem]
    # A cell past its time is interrupted (Ctrl-C) and answered as an error, so the next cell
    # can run: nbclient's own way, which also keeps the cells' outputs apart.
    client = NotebookClient(nb, kernel_name="python3", allow_errors=True, timeout=seconds,
                            interrupt_on_timeout=True, shutdown_kernel="immediate",
                            error_on_timeout={"ename": "TimeLimit", "evalue": "", "traceback": []},
                            resources={"metadata": {"path": workdir}})
    problems, dead = [], False

    def run(cell, index, timeout):
        """Run one cell; True if it finished within ``timeout`` seconds."""
        client.timeout = max(1, int(timeout))
        start = time.monotonic()
        client.execute_cell(cell, index)
        return time.monotonic() - start < client.timeout

    def run_appended(source, timeout):
        """Run a cell of the grader's own after the student's (nbclient wants it in the notebook)."""
        cell = nbformat.v4.new_code_cell(source)
        nb.cells.append(cell)
        return cell, run(cell, len(nb.cells) - 1, timeout)

    deadline = time.monotonic() + seconds
    check_seconds = min(GRADE_SECONDS, seconds)
    # the kernel's own output streams go nowhere: a result arrives only as a cell's output
    with client.setup_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
        crashed = False
        try:
            for index, cell in enumerate(list(nb.cells)):
                if cell.cell_type != "code":
                    continue
                if not run(cell, index, deadline - time.monotonic()):
                    problems.append(f"stopped at cell {index + 1}: the notebook ran longer than "
                                    f"its time limit of {seconds} s (a loop that never ends?); "
                                    "the exercises are graded on what ran before it.")
                    probe, answered = run_appended("1", 10)    # is the kernel listening again?
                    if not answered or not probe.outputs:
                        dead = True
                        problems.append("the kernel did not stop when interrupted: nothing "
                                        "could be graded.")
                    break
                error = _first_error(cell)
                if error and not crashed:
                    crashed = True
                    problems.append(f"cell {index + 1} raised {error} — the cells after it ran, "
                                    "and the exercises are graded on what they defined.")
        except DeadKernelError:
            dead = True
            problems.append(f"the kernel died in cell {index + 1} (it ran out of memory, crashed, "
                            "or the code called os._exit): nothing could be graded.")
        results = []
        for checker, names in exercises:
            exercise = checker.removeprefix("check_")
            if dead:
                results.append((exercise, False, "not graded: the notebook's kernel was lost "
                                                 "(see the (notebook) row)."))
                continue
            tag = secrets.token_hex(8)
            try:
                cell, finished = run_appended(_GRADE_CELL.format(
                    module=module, names=names, checker=checker, tag=tag), check_seconds)
            except DeadKernelError:
                dead = True
                results.append((exercise, False, "the kernel died while the checker ran the "
                                                 "student's function."))
                continue
            answer = _tagged_result(cell, tag)
            if answer is None and not finished:
                answer = {"passed": False, "message": f"the checker did not finish in "
                          f"{check_seconds} s: the student's function may loop for ever."}
            elif answer is None:
                error = _first_error(cell) or "no verdict came back"
                answer = {"passed": False, "message": f"the checker could not run: {error}."}
            results.append((exercise, bool(answer["passed"]), str(answer["message"])))
    return {"exercises": results, "problems": problems}


def _child(stem, seconds):
    text = sys.stdin.read()
    with tempfile.TemporaryDirectory(prefix="nnla-grade-") as workdir:
        result = run_one(stem, text, seconds, workdir)
    sys.stdout.write("\n" + json.dumps(result) + "\n")


# ---- the class, in this process ----

def notebook_of(name):
    """The course notebook a file name stands for ("01_linear_regression-Copy1.ipynb" → 01's
    stem), or None."""
    m = re.match(r"\s*(\d\d)", name)
    return next((stem for stem in NOTEBOOKS if m and stem.startswith(m.group(1) + "_")), None)


def find_submissions(folder):
    """[(student, stem or None, file name, bytes or OSError)] of every notebook under ``folder``;
    every file is read now, before any student's code runs."""
    found = []
    for path in sorted(folder.rglob("*.ipynb")):
        parts = path.relative_to(folder).parts
        if any(p.startswith(".") for p in parts):          # .ipynb_checkpoints and the like
            continue
        student = parts[0] if len(parts) > 1 else None
        try:
            content = path.read_bytes()
        except OSError as err:
            content = err
        found.append((student, notebook_of(path.name), path.name, content))
    return found


def _rows_for_problem(student, stem, message, exercises=True):
    rows = [(student, stem, NOTEBOOK_ROW, 0, message)]
    if exercises and stem:
        rows += [(student, stem, c.removeprefix("check_"), 0, "not graded: " + message)
                 for c, _ in NOTEBOOKS[stem][1]]
    return rows


def grade_one(student, stem, name, content, seconds):
    """The grades.csv rows of one submitted notebook."""
    if student is None:
        return _rows_for_problem(NO_STUDENT, stem or name, f"{name} is not in a student's folder: put each "
                                 "student's notebooks in a folder named after the student.", False)
    if stem is None:
        return _rows_for_problem(student, name, f"{name} is not one of the course's notebooks: "
                                 "its name should start with the notebook's number, 01 to "
                                 f"{len(NOTEBOOKS):02d}.", False)
    if isinstance(content, OSError):
        return _rows_for_problem(student, stem, f"{name} could not be read ({content}).")
    import nbformat
    try:
        text = content.decode("utf-8")
        json.loads(text)
        nbformat.validate(nbformat.reads(text, as_version=4))
    except UnicodeDecodeError:
        return _rows_for_problem(student, stem, f"{name} is not a text file (not UTF-8): it "
                                 "is not a notebook.")
    except json.JSONDecodeError as err:
        return _rows_for_problem(student, stem, f"{name} is not valid JSON ({err.msg} at line "
                                 f"{err.lineno}, column {err.colno}): the file was damaged or "
                                 "edited outside Jupyter.")
    except Exception as err:       # nbformat's ValidationError and its other reading errors
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        return _rows_for_problem(student, stem, f"{name} is not a valid notebook ({first}).")
    env = dict(os.environ)
    if "NNLA_DATA_DIR" not in env:       # the kernel runs in an empty folder: tell it the data's
        from .data import default_data_dir
        try:
            env["NNLA_DATA_DIR"] = str(default_data_dir())
        except Exception:                # no data folder here: notebooks that need MNIST say so
            pass
    try:
        done = subprocess.run([sys.executable, "-m", "nnla_helpers.grade", "--one", stem,
                               str(seconds)], input=text, capture_output=True, text=True,
                              env=env, timeout=seconds + 60 * (len(NOTEBOOKS[stem][1]) + 2))
    except subprocess.TimeoutExpired:
        return _rows_for_problem(student, stem, f"{name} did not finish in {seconds} s, and its "
                                 "kernel did not stop when interrupted.")
    lines = done.stdout.strip().splitlines()
    try:
        result = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        tail = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return _rows_for_problem(student, stem, f"{name} could not be run: {tail}")
    rows = [(student, stem, NOTEBOOK_ROW, 0, p) for p in result["problems"]]
    rows += [(student, stem, e, int(passed), message) for e, passed, message in result["exercises"]]
    return rows


def grade(folder, out, seconds=600, jobs=1, log=print):
    """Grade every notebook under ``folder``; write out/grades.csv and out/grades.html; return
    the rows."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SystemExit(f"grade: {folder} is not a folder; give the folder that holds one "
                         "folder of notebooks per student.")
    submissions = find_submissions(folder)
    if not submissions:
        raise SystemExit(f"grade: no notebooks (.ipynb files) under {folder}.")
    start = time.monotonic()

    def one(sub):
        rows = grade_one(*sub, seconds)
        log(f"  {sub[0] or '?'} / {sub[2]}: "
            f"{sum(r[3] for r in rows if r[2] != NOTEBOOK_ROW)} of "
            f"{sum(1 for r in rows if r[2] != NOTEBOOK_ROW)} exercises passed"
            + ("" if all(r[2] != NOTEBOOK_ROW for r in rows) else " (see its (notebook) row)"))
        return rows

    with concurrent.futures.ThreadPoolExecutor(max(1, jobs)) as pool:
        rows = [r for rs in pool.map(one, submissions) for r in rs]
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "grades.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    (out / "grades.html").write_text(summary_html(rows, folder.name), encoding="utf-8")
    exercises = [r for r in rows if r[2] != NOTEBOOK_ROW]
    log(f"graded {len(submissions)} notebooks of {len({s[0] for s in submissions} - {None})} students in "
        f"{time.monotonic() - start:.0f} s: {sum(r[3] for r in exercises)} of {len(exercises)} "
        f"exercises passed; wrote {out / 'grades.csv'} and {out / 'grades.html'}")
    return rows


def _mistake(message):
    """A checker's diagnosis with its numbers taken out, so that one slip made on different
    values counts as one mistake."""
    return re.sub(r"-?\d+(\.\d+)?(e[-+]?\d+)?", "…", message)


def summary_html(rows, title):
    """The one-page summary: students × exercises, and each exercise's commonest mistakes."""
    e = html.escape
    exercises = [(stem, c.removeprefix("check_")) for stem, (_, checks) in NOTEBOOKS.items()
                 for c, _ in checks]
    graded = {(s, n, x): (p, m) for s, n, x, p, m in rows if x != NOTEBOOK_ROW}
    exercises = [(n, x) for n, x in exercises if any(k[1:] == (n, x) for k in graded)]
    students = sorted({r[0] for r in rows})
    head = "".join(f"<th title='{e(n)}'>{e(n[:2])}<br>{e(x)}</th>" for n, x in exercises)
    body = []
    for s in students:
        cells, passed = [], 0
        for n, x in exercises:
            if (s, n, x) not in graded:
                cells.append("<td class=none>·</td>")
                continue
            ok, message = graded[(s, n, x)]
            passed += ok
            cells.append(f"<td class={'ok' if ok else 'no'} title='{e(message, quote=True)}'>"
                         f"{'✔' if ok else '✘'}</td>")
        body.append(f"<tr><th>{e(s)}</th>{''.join(cells)}<td>{passed}</td></tr>")
    sections = []
    for n, x in exercises:
        results = [graded[k] for k in graded if k[1:] == (n, x)]
        wrong = Counter(_mistake(m) for ok, m in results if not ok and not m.startswith("not graded"))
        example = {}
        for ok, m in results:
            example.setdefault(_mistake(m), m)
        items = "".join(f"<li><b>{count}×</b> {e(example[k])}</li>" for k, count in wrong.most_common(3))
        sections.append(f"<h3>{e(n)} · {e(x)}: {sum(ok for ok, _ in results)} of {len(results)} "
                        f"passed</h3>" + (f"<ol>{items}</ol>" if items else ""))
    problems = "".join(f"<li><b>{e(s)}</b> · {e(n)}: {e(m)}</li>"
                       for s, n, x, _, m in rows if x == NOTEBOOK_ROW)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>nnla grades: {e(title)}</title>
<style>
body {{ font-family: sans-serif; margin: 2em; max-width: 70em; }}
table {{ border-collapse: collapse; }} th, td {{ border: 1px solid #ccc; padding: .3em .5em; }}
thead th {{ font-size: 80%; }} td {{ text-align: center; }}
td.ok {{ background: #e3f4e1; color: #1b6e20; }} td.no {{ background: #fbe4e1; color: #a4161a; }}
td.none {{ color: #999; }} li {{ margin: .3em 0; }}
</style></head><body>
<h1>nnla grades: {e(title)}</h1>
<p>{len(students)} students, {len(graded)} exercise results; hover over a mark to read the
checker's message. Full table: grades.csv.</p>
<table><thead><tr><th>student</th>{head}<th>passed</th></tr></thead>
<tbody>{''.join(body)}</tbody></table>
<h2>The most common mistakes, per exercise</h2>
{''.join(sections)}
<h2>Notebooks that did not run cleanly</h2>
{f'<ul>{problems}</ul>' if problems else '<p>None: every notebook ran to the end.</p>'}
</body></html>
"""


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m nnla_helpers.grade",
                                     description="Grade a class's nnla notebooks: writes "
                                     "grades.csv and grades.html.")
    parser.add_argument("submissions", type=Path, nargs="?",
                        help="the folder with one folder of notebooks per student")
    parser.add_argument("--out", type=Path, help="where to write grades.csv and grades.html "
                        "(default: the submissions folder)")
    parser.add_argument("--time-limit", type=int, default=600, metavar="SECONDS",
                        help="how long one notebook may run (default 600; 06 needs about 150 "
                        "on two cores)")
    parser.add_argument("--jobs", type=int, default=1,
                        help="notebooks run at once (default 1; one per free core)")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        return _child(args.one[0], int(args.one[1]))
    if args.submissions is None:
        parser.error("give the folder of submissions: python -m nnla_helpers.grade SUBMISSIONS_DIR")
    if args.time_limit < 1 or args.jobs < 1:
        parser.error("--time-limit and --jobs must be at least 1")
    grade(args.submissions, args.out or args.submissions, args.time_limit, args.jobs)


if __name__ == "__main__":
    main()
