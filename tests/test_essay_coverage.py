"""docs/essay_coverage.md — every essay item and where the course teaches it — matches the
notebooks: each anchor finds exactly one cell, each "checked" place is a code cell that
asserts, and the committed file is what tools/essay_coverage.py renders now."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import essay_coverage  # noqa: E402


def test_the_coverage_map_matches_the_notebooks():
    text, stats = essay_coverage.render()          # raises LookupError on a stale anchor
    committed = (ROOT / "docs" / "essay_coverage.md").read_text(encoding="utf-8")
    assert text == committed, ("docs/essay_coverage.md is out of date (a cell moved): run "
                               "`make coverage` and commit the result")
    assert stats["items"] >= 90 and stats["taught"] >= stats["items"] - 2


def test_a_check_without_an_assert_is_refused(monkeypatch):
    cells = [("markdown", "## 1. Intro\nsome text"), ("code", "x = 1\nprint(x)")]
    monkeypatch.setitem(essay_coverage._cache, "01", cells)
    try:
        essay_coverage.check_cell("01", "print(x)")
    except LookupError as error:
        assert "has no assert" in str(error)
    else:
        raise AssertionError("a code cell without an assert was counted as a check")
    monkeypatch.setitem(essay_coverage._cache, "01", cells + [("code", "print(x)")])
    try:
        essay_coverage.find("01", "print(x)")
    except LookupError as error:
        assert "2 hits" in str(error)
    else:
        raise AssertionError("an anchor in two cells was accepted")
