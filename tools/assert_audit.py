"""The assert audit: every assert in a notebook can fail, and fails when its claim is false.

An assert that can never fail guards nothing (03's old `assert_array_equal(W02, W02_before)`
passed whatever relu did, because relu never received W02). For each notebook,
`tests/assert_audit/<notebook stem>.py` lists

    MUTANTS  changes that make a claim of the text false: in the cell that holds `cell`,
             replace `old` by `new` (a wrong formula, a buggy in-place function, other data;
             never the assert itself). The mutated cell must raise AssertionError at the
             assert whose first line is `breaks`.
    GUARDS   asserts that check a precondition rather than a claim: first line -> why.

This script checks the audit statically (every assert of every code cell is named by a mutant
or a guard; every entry still matches the notebook), then runs the notebook's code cells in
order in one namespace, with matplotlib's Agg backend and the notebook's folder as working
directory. Before a cell with mutants runs, each mutant runs on a copy of the namespace and
must fail at its assert.

Usage: python tools/assert_audit.py [--static] [--quiet] NOTEBOOK.ipynb ...
Exits non-zero if any notebook's audit fails.
"""

import argparse
import ast
import contextlib
import copy
import importlib.util
import io
import json
import os
import sys
import time
import traceback
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AUDITS = ROOT / "tests" / "assert_audit"


def load_audit(notebook, folder=AUDITS):
    """The MUTANTS and GUARDS of one notebook (empty if it has no audit file yet)."""
    path = Path(folder) / f"{Path(notebook).stem}.py"
    if not path.exists():
        return [], {}, path
    spec = importlib.util.spec_from_file_location(f"assert_audit_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(getattr(module, "MUTANTS", [])), dict(getattr(module, "GUARDS", {})), path


def code_cells(notebook):
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    return [(i, "".join(c["source"])) for i, c in enumerate(cells) if c["cell_type"] == "code"]


def _is_assert(node):
    if isinstance(node, ast.Assert):
        return True
    if isinstance(node, ast.Call):
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
        return name.startswith("assert_")
    return False


def asserts(source):
    """[(key, first line, last line, start offset, end offset)] of every assert in a cell.

    The key is the assert's first line, stripped (what an audit entry names)."""
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(lineno, col):             # ast counts columns in UTF-8 bytes
        line = lines[lineno - 1]
        return starts[lineno - 1] + len(line.encode()[:col].decode(errors="ignore"))

    found = []
    for node in ast.walk(ast.parse(source)):
        if _is_assert(node):
            found.append((lines[node.lineno - 1].strip(), node.lineno, node.end_lineno,
                          offset(node.lineno, node.col_offset),
                          offset(node.end_lineno, node.end_col_offset)))
    return sorted(found, key=lambda a: a[1])


def check_static(notebook, mutants, guards):
    """Problems with the audit as written: [(message)], plus the mutants bound to cell indices."""
    problems, bound = [], []
    cells = code_cells(notebook)
    covered = set()
    for k, m in enumerate(mutants):
        label = f"mutant {k} ({m.get('breaks', '?')[:60]!r})"
        missing = {"cell", "old", "new", "breaks"} - set(m)
        if missing:
            problems.append(f"{label}: needs the keys {sorted(missing)}")
            continue
        hits = [(i, s) for i, s in cells if m["cell"] in s]
        if len(hits) != 1:
            problems.append(f"{label}: its cell snippet {m['cell'][:50]!r} occurs in "
                            f"{len(hits)} code cells, not exactly one")
            continue
        index, source = hits[0]
        if source.count(m["old"]) != 1:
            problems.append(f"{label}: `old` occurs {source.count(m['old'])} times in cell "
                            f"{index}, not exactly once")
            continue
        found = asserts(source)
        keys = [a[0] for a in found]
        if m["breaks"] not in keys:
            problems.append(f"{label}: cell {index} has no assert whose first line is "
                            f"{m['breaks']!r}")
            continue
        at = source.index(m["old"])
        span = (at, at + len(m["old"]))
        if any(span[0] < a[4] and a[3] < span[1] for a in found):
            problems.append(f"{label}: it changes an assert itself; change what the claim is "
                            f"about instead")
            continue
        covered.add((index, m["breaks"]))
        bound.append((index, source.replace(m["old"], m["new"]), m["breaks"], label))
    all_keys = {}
    for index, source in cells:
        try:
            found = asserts(source)
        except SyntaxError as error:
            problems.append(f"cell {index} does not parse: {error}")
            continue
        for key, *_ in found:
            all_keys.setdefault(key, []).append(index)
            if (index, key) not in covered and key not in guards:
                problems.append(f"cell {index}: no mutant makes this assert fail and it is not "
                                f"a guard: {key!r}")
    for key in guards:
        if key not in all_keys:
            problems.append(f"GUARDS names an assert the notebook no longer has: {key!r}")
    return problems, bound, sum(len(v) for v in all_keys.values())


_SHARED = (types.ModuleType, type, types.FunctionType, types.BuiltinFunctionType,
           types.MethodType)


def fork(namespace):
    """A copy of the namespace a mutant may change without touching the real run."""
    import matplotlib.artist
    shared = _SHARED + (matplotlib.artist.Artist,)
    try:
        import ipywidgets
        shared += (ipywidgets.Widget,)
    except ImportError:
        pass
    memo, out = {}, {}
    for name, value in namespace.items():
        if name.startswith("__") or isinstance(value, shared):
            out[name] = value
            continue
        try:
            out[name] = copy.deepcopy(value, memo)
        except Exception:
            out[name] = value
    return out


class _OnlyOne(ast.NodeTransformer):
    """Make every assert statement but the one named non-fatal, so each assert is judged on
    its own (a mutant that breaks an earlier assert of the cell too still reaches this one)."""

    def __init__(self, lines, keep):
        self.lines, self.keep = lines, keep

    def _soften(self, node):
        self.generic_visit(node)
        is_assert = isinstance(node, ast.Assert) or (
            isinstance(node, ast.Expr) and _is_assert(node.value))
        if not is_assert or self.lines[node.lineno - 1].strip() == self.keep:
            return node
        handler = ast.ExceptHandler(type=ast.Name("AssertionError", ast.Load()), name=None,
                                    body=[ast.Pass()])
        return ast.copy_location(ast.Try(body=[node], handlers=[handler], orelse=[],
                                         finalbody=[]), node)

    visit_Assert = visit_Expr = _soften


def only_one_assert(source, keep):
    """The code of `source` in which only the assert `keep` can stop the cell."""
    tree = _OnlyOne(source.splitlines(), keep).visit(ast.parse(source))
    return ast.fix_missing_locations(tree)


def failing_assert(error, filename, source):
    """The key of the assert in `source` where the AssertionError was raised, or None."""
    line = None
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename == filename:
            line = lineno
    if line is None:
        return None
    for key, first, last, *_ in asserts(source):
        if first <= line <= last:
            return key
    return None


def run(notebook, bound, log):
    """Run the notebook with its mutants; [(problem)]."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    problems = []
    by_cell = {}
    for index, source, breaks, label in bound:
        by_cell.setdefault(index, []).append((source, breaks, label))
    namespace = {"__name__": "__main__"}
    notebook = Path(notebook).resolve()
    here = os.getcwd()
    os.chdir(Path(notebook).resolve().parent)
    try:
        for index, source in code_cells(notebook):
            for mutated, breaks, label in by_cell.get(index, []):
                filename = f"<mutant of cell {index}>"
                started = time.perf_counter()
                try:
                    with contextlib.redirect_stdout(io.StringIO()), \
                            contextlib.redirect_stderr(io.StringIO()):
                        exec(compile(only_one_assert(mutated, breaks), filename, "exec"),
                             fork(namespace))
                except AssertionError as error:
                    where = failing_assert(error, filename, mutated)
                    if where != breaks:
                        problems.append(f"{label}: failed at {where!r}, not at the assert it "
                                        f"names")
                except Exception as error:
                    problems.append(f"{label}: raised {type(error).__name__}: {error} "
                                    f"instead of failing its assert")
                else:
                    problems.append(f"{label}: the cell still passes, so this assert cannot "
                                    f"tell the claim from its mutant")
                finally:
                    plt.close("all")
                log(f"  cell {index:3d} mutant {time.perf_counter() - started:6.2f} s  {label}")
            try:
                with contextlib.redirect_stdout(io.StringIO()), \
                        contextlib.redirect_stderr(io.StringIO()):
                    exec(compile(source, f"<cell {index}>", "exec"), namespace)
            except Exception:
                problems.append(f"cell {index} fails in the audit run itself:\n"
                                + traceback.format_exc(limit=-3))
                break
            finally:
                plt.close("all")
    finally:
        os.chdir(here)
    return problems


def audit(notebook, static_only=False, log=print, folder=AUDITS):
    mutants, guards, path = load_audit(notebook, folder)
    problems, bound, n_asserts = check_static(notebook, mutants, guards)
    log(f"{Path(notebook).name}: {n_asserts} asserts, {len(bound)} mutants, {len(guards)} guards"
        f" ({path})")
    if not problems and not static_only:
        problems = run(notebook, bound, log)
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--static", action="store_true", help="check the entries only; no run")
    parser.add_argument("--quiet", action="store_true", help="no per-mutant timings")
    parser.add_argument("--audits", default=AUDITS, help="folder of the audit files")
    args = parser.parse_args(argv)
    failed = False
    for notebook in args.notebooks:
        started = time.perf_counter()
        problems = audit(notebook, args.static,
                         log=(lambda s: None if s.startswith("  ") else print(s))
                         if args.quiet else print, folder=args.audits)
        for problem in problems:
            print("  ✘", problem)
        print(f"  {'✘ FAILED' if problems else ('✔ every assert is audited' if args.static else '✔ every assert can fail')} "
              f"({time.perf_counter() - started:.0f} s)")
        failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
