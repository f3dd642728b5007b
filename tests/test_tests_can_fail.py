"""The tests' own asserts can fail: no assert of a constant or a tuple, no assert comparing a
thing with itself, no assert stranded after the raising call of a `pytest.raises` block, and no
test function that asserts nothing. (The notebooks' asserts have their own audit:
tests/test_assert_audit.py.)"""

import ast
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_FILES = sorted(p for p in (ROOT / "tests").rglob("*.py") if "assert_audit" not in p.parts)
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# Names whose call counts as checking something (they assert or raise inside).
CHECKING = ("assert", "verdict", "check", "expect", "raises", "warns", "fail", "compare",
            "same", "agree", "approx", "match", "validate", "must", "require")


def _is_raises(item):
    call = item.context_expr
    return (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
            and call.func.attr in ("raises", "warns"))


def _name(node):
    f = node.func
    return f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")


def problems_in(tree, where):
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            test = node.test
            if isinstance(test, ast.Constant) and test.value:
                found.append(f"{where}:{node.lineno}: asserts a true constant")
            if isinstance(test, ast.Tuple):
                found.append(f"{where}:{node.lineno}: asserts a tuple (always true); "
                             f"write `assert cond, message`")
            if (isinstance(test, ast.Compare) and len(test.ops) == 1
                    and isinstance(test.ops[0], (ast.Eq, ast.Is, ast.GtE, ast.LtE))
                    and ast.dump(test.left) == ast.dump(test.comparators[0])):
                found.append(f"{where}:{node.lineno}: compares an expression with itself")
        if (isinstance(node, ast.Call) and _name(node).startswith("assert_")
                and len(node.args) >= 2 and ast.dump(node.args[0]) == ast.dump(node.args[1])):
            found.append(f"{where}:{node.lineno}: {_name(node)} of an array with itself")
        if isinstance(node, ast.With) and any(_is_raises(i) for i in node.items):
            for stmt in node.body[1:]:
                if isinstance(stmt, ast.Assert):
                    found.append(f"{where}:{stmt.lineno}: an assert after the first statement "
                                 f"of a pytest.raises block never runs if that one raises")
    return found


def _checks_something(func):
    for node in ast.walk(func):
        if isinstance(node, (ast.Assert, ast.Raise)):
            return True
        if isinstance(node, ast.Call) and any(w in _name(node).lower() for w in CHECKING):
            return True
    return False


@pytest.mark.parametrize("path", TEST_FILES, ids=[str(p.relative_to(ROOT)) for p in TEST_FILES])
def test_test_asserts_can_fail(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = problems_in(tree, path.name)
    for node in ast.walk(tree):
        if (isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
                and not _checks_something(node)):
            found.append(f"{path.name}:{node.lineno}: {node.name} checks nothing, so it "
                         f"cannot fail")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_asserts_are_well_formed(path):
    found = []
    for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        if cell["cell_type"] == "code":
            found += problems_in(ast.parse("".join(cell["source"])), f"{path.stem} cell {i}")
    assert not found, "\n".join(found)


def test_the_scan_finds_what_it_looks_for():
    bad = ast.parse("assert True\nassert (x > 0, 'positive')\nassert y == y\n"
                    "with pytest.raises(ValueError):\n    f()\n    assert g()\n"
                    "np.testing.assert_allclose(W @ x, W @ x)\n")
    assert len(problems_in(bad, "bad")) == 5
    good = ast.parse("assert x > 0, 'positive'\nwith pytest.raises(ValueError):\n    f()\n")
    assert problems_in(good, "good") == []
    lazy = ast.parse("def test_nothing():\n    x = 1\n").body[0]
    assert not _checks_something(lazy)
