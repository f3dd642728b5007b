"""Exercise checkers, one module per notebook. Each ``check_…`` takes the learner's answer
(usually a function) and returns a ``Feedback``: "✅ Correct!" or "❌ Not yet: <what is
wrong and where to look>". A checker never raises because of the answer.

    from nnla_helpers.exercises import linear_regression as ex   # notebook 01
    ex.check_gradients(my_gradients)
    ex.progress()        # "1 of 3 exercises done ✔; next: …" — this session's verdicts, in memory
"""

from ._feedback import Feedback

__all__ = ["Feedback", "NOTEBOOKS"]

# Each notebook's exercises module and its exercises in the notebook's order: the checker and
# the names of the learner's functions the notebook passes to it. The grader
# (``nnla_helpers.grade``) and the classroom copies (tools/classroom.py) read it;
# tests/exercises/test_course_table.py ties it to the notebooks' cells.
NOTEBOOKS = {
    "01_linear_regression": ("linear_regression", (("check_predict", ("predict",)),
                                                   ("check_gradients", ("gradients",)),
                                                   ("check_gradient_step", ("step",)))),
    "02_hidden_layer_collapse": ("collapse", (("check_collapse", ("collapse",)),
                                              ("check_homogeneous", ("to_homogeneous",)))),
    "03_activations": ("activations", (("check_relu_grad", ("relu_grad",)),
                                       ("check_sigmoid_grad", ("sigmoid_grad",)),
                                       ("check_softmax", ("softmax",)))),
    "04_backpropagation": ("backprop", (("check_numerical_gradient", ("my_numerical_gradient",)),
                                        ("check_backward", ("my_backward",)))),
    "05_dropout": ("dropout", (("check_dropout", ("my_dropout_forward", "my_dropout_backward")),
                               ("check_early_stopping", ("my_early_stopping",)))),
    "06_mnist": ("mnist", (("check_one_hot", ("one_hot",)),
                           ("check_accuracy", ("accuracy",)),
                           ("check_to_row_layout", ("to_row_layout",)))),
    "07_your_own_network": ("capstone", (("check_backprop", ("model_forward", "model_backward")),
                                         ("check_sgd_epoch", ("sgd_epoch",)),
                                         ("check_choose_by_validation", ("choose_by_validation",)),
                                         ("check_momentum_step", ("momentum_step",)),
                                         ("check_adam_step", ("adam_step",)),
                                         ("check_weight_decay", ("l2_gradient",)),
                                         ("check_he_init", ("he_init",)))),
}
