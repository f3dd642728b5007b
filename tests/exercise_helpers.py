"""What every exercise-checker test needs: the worked solutions, and a verdict assertion."""

import importlib.util
from pathlib import Path

SOLUTIONS = Path(__file__).resolve().parent.parent / "notebooks" / "solutions"


def solutions(name):
    """The module notebooks/solutions/<name>.py (its file name starts with a digit)."""
    spec = importlib.util.spec_from_file_location(name, SOLUTIONS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def verdict(feedback, correct, *phrases):
    """Assert a Feedback is (in)correct and its message contains every phrase."""
    assert feedback.correct is correct, feedback.message
    for phrase in phrases:
        assert phrase in feedback.message, feedback.message
    assert repr(feedback).startswith("✅" if correct else "❌")
