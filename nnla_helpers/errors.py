"""The exceptions nnla_helpers raises, each meant to be read by a learner.

Every one is an ``NnlaError`` (catch that for "any mistake the package explained") and also
a standard Python exception (ValueError, ArithmeticError, OSError), so ``except ValueError``
catches them as well. Each message names the argument or file, says what was wrong and
what to do about it.
"""


class NnlaError(Exception):
    """Base class of every error nnla_helpers raises on purpose."""


class ShapeError(NnlaError, ValueError):
    """Two arrays whose shapes cannot work together (e.g. X @ W with mismatched sizes)."""


class BadValueError(NnlaError, ValueError):
    """An array holds NaN/inf, is empty, or is not numeric."""


class LabelError(NnlaError, ValueError):
    """Class labels that are not whole numbers in 0 .. n_classes-1, or one-hot rows that are not."""


class SettingError(NnlaError, ValueError):
    """A setting outside what is allowed: a learning rate, a number of epochs, a batch size,
    keep_prob, a temperature, a layer size, a name such as "relu"."""


class DivergenceError(NnlaError, ArithmeticError):
    """Training ran away: the loss grew many times its starting value or became NaN/infinite.
    ``.step`` and ``.history`` say when and what came before."""

    def __init__(self, message, step=None, history=None):
        super().__init__(message)
        self.step = step
        self.history = history


class DataFileError(NnlaError, OSError):
    """A data file is missing, unreadable or does not match its recorded checksum."""
