"""Exercise checkers, one module per notebook. Each ``check_…`` takes the learner's answer
(usually a function) and returns a ``Feedback``: "✅ Correct!" or "❌ Not yet: <what is
wrong and where to look>". A checker never raises because of the answer.

    from nnla_helpers.exercises import linear_regression as ex   # notebook 01
    ex.check_gradients(my_gradients)
    ex.progress()        # "1 of 3 exercises done ✔; next: …" — this session's verdicts, in memory
"""

from ._feedback import Feedback

__all__ = ["Feedback"]
