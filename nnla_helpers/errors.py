"""The exceptions nnla_helpers raises, each meant to be read by a learner.

Every one of them is also a standard Python exception (ValueError, ArithmeticError,
OSError), so ``except ValueError`` catches them as well.
"""


class ShapeError(ValueError):
    """Two arrays whose shapes cannot work together (e.g. X @ W with mismatched sizes)."""


class BadValueError(ValueError):
    """An array holds NaN/inf, is empty, or is not numeric."""


class LabelError(ValueError):
    """Class labels that are not whole numbers in 0 .. n_classes-1, or one-hot rows that are not."""


class DivergenceError(ArithmeticError):
    """Training produced a NaN or infinite loss. ``.step`` and ``.history`` say when and what came before."""

    def __init__(self, message, step=None, history=None):
        super().__init__(message)
        self.step = step
        self.history = history


class DataFileError(OSError):
    """A data file is missing, unreadable or does not match its recorded checksum."""
