"""Assert audit of notebook 03: for each assert, a change that makes its claim false."""


def buggy(module, name, expr):
    """A first line for a cell: `module` (activations as `act`, or `losses`) with one function
    replaced by a wrong one, for that cell only."""
    return (f"import types; {module} = types.SimpleNamespace(**vars({module})); "
            f"{module}.{name} = {expr}\n")


# ---- section 1: why an activation ----------------------------------------------------------------
MUTANTS = [
    # with an activation in the "no activation" network, one affine layer no longer fits it
    dict(cell="best single affine layer misses", old='("identity", act.identity)',
         new='("identity", act.tanh)',
         breaks="assert misfit < 1e-10        # ✔ no activation, or an affine one: one layer does it exactly"),
    # nor with a g that only looks affine: 2z + z² bends
    dict(cell="best single affine layer misses", old='lambda z: 2 * z + 1', new='lambda z: 2 * z + z ** 2',
         breaks="assert misfit < 1e-10        # ✔ no activation, or an affine one: one layer does it exactly"),
    # a linear "ReLU": the two layers collapse again
    dict(cell="best single affine layer misses", old='("relu", act.relu)', new='("relu", act.identity)',
         breaks="assert misfit > 0.1          # ✔ with ReLU no single layer can"),
    # leaky ReLU does not zero the negative entries
    dict(cell="X02 = np.array", old="H = act.relu(Z)", new="H = act.leaky_relu(Z, 0.1)",
         breaks="np.testing.assert_array_equal(H == 0, Z <= 0)          # ✔ zeros exactly where Z was negative"),
    # the essay's "little randomness": a ReLU that also drops entries at random
    dict(cell="X02 = np.array", old="X02 = np.array([[1.0",
         new="_rng = np.random.default_rng(0)\n"
             + buggy("act", "relu", "lambda Z: np.maximum(Z, 0) * (_rng.random(np.shape(Z)) < 0.5)")
             + "X02 = np.array([[1.0",
         breaks="np.testing.assert_array_equal(act.relu(Z), H)          # ✔ run it again: the same, no randomness"),
    # the essay's "forces some weights to be zero": the same units zeroed whatever the input
    dict(cell="X02 = np.array", old="X02 = np.array([[1.0",
         new=buggy("act", "relu", "lambda Z: Z * np.array([1.0, 0.0, 0.0, 1.0])") + "X02 = np.array([[1.0",
         breaks="assert not np.array_equal(zeros_other, H == 0)         # ✔ which units are zeroed depends on the input"),

    # ---- section 2: ReLU -------------------------------------------------------------------------
    dict(cell="z = np.linspace(-3, 3, 13)", old="z = np.linspace(-3, 3, 13)",
         new=buggy("act", "relu", "np.abs") + "z = np.linspace(-3, 3, 13)",
         breaks="np.testing.assert_allclose(act.relu(z), 0.5 * (z + np.abs(z)))            # ✔ max(0, z) = (z + |z|)/2"),
    # the essay's form without its ½
    dict(cell="z = np.linspace(-3, 3, 13)", old="z = np.linspace(-3, 3, 13)",
         new=buggy("act", "relu_abs_form", "lambda Z: Z + np.abs(Z)") + "z = np.linspace(-3, 3, 13)",
         breaks="np.testing.assert_allclose(act.relu_abs_form(z), act.relu(z))                   # ✔ the helper's essay form"),
    # the gate the wrong way round
    dict(cell="z = np.linspace(-3, 3, 13)", old="z = np.linspace(-3, 3, 13)",
         new=buggy("act", "relu_grad", "lambda Z: (Z < 0).astype(float)") + "z = np.linspace(-3, 3, 13)",
         breaks="np.testing.assert_allclose(act.relu_grad(z_off), numeric_slope(act.relu, z_off), atol=1e-8)   # ✔"),
    dict(cell="z = np.linspace(-3, 3, 13)", old="z = np.linspace(-3, 3, 13)",
         new=buggy("act", "relu_grad", "lambda Z: np.ones_like(Z)") + "z = np.linspace(-3, 3, 13)",
         breaks="np.testing.assert_allclose(act.relu_grad(z_off), 0.5 * (1 + np.sign(z_off)))                 # ✔"),

    # ---- section 3: leaky ReLU -------------------------------------------------------------------
    # δ not passed on: the curve has the default δ = 0.01, the derivative the chosen one
    dict(cell="for delta in (0.01, 0.2):", old="g = lambda z: act.leaky_relu(z, delta)",
         new="g = lambda z: act.leaky_relu(z)",
         breaks="np.testing.assert_allclose(act.leaky_relu_grad(z_off, delta), numeric_slope(g, z_off), atol=1e-8)   # ✔"),

    # ---- section 4: sigmoid ----------------------------------------------------------------------
    # the chain rule's β forgotten
    dict(cell="for c, beta in [(1.0, 1.0), (2.0, 3.0), (0.5, 0.2)]:", old="derived = c * beta * s * (1 - s)",
         new="derived = c * s * (1 - s)",
         breaks="np.testing.assert_allclose(act.sigmoid_grad(z, c, beta), derived)                  # ✔ the helper = the formula"),
    dict(cell="for c, beta in [(1.0, 1.0), (2.0, 3.0), (0.5, 0.2)]:", old="derived = c * beta * s * (1 - s)",
         new="derived = c * s * (1 - s)",
         breaks="assert relative_error(derived, numeric) < 1e-7                                     # ✔"),
    dict(cell="for c, beta in [(1.0, 1.0), (2.0, 3.0), (0.5, 0.2)]:", old="derived = c * beta * s * (1 - s)",
         new="derived = c * s * (1 - s)",
         breaks="np.testing.assert_allclose(derived.max(), c * beta / 4)                            # ✔ the peak (at z = 0) is cβ/4"),
    # σ(1 − σ) of the pre-activation z instead of the activation σ(z)
    dict(cell="sig = act.sigmoid(z)", old="sig = act.sigmoid(z)", new="sig = z",
         breaks="np.testing.assert_allclose(sig * (1 - sig), numeric_slope(act.sigmoid, z), atol=1e-9)   # ✔ σ' = σ(1 − σ)"),
    # the quotient rule without the square
    dict(cell="z3 = np.array([-2.0, 0.0, 1.5])", old="quotient_rule = e / (1 + e) ** 2",
         new="quotient_rule = e / (1 + e)",
         breaks="np.testing.assert_allclose(quotient_rule, s3 * (1 - s3))                 # ✔ the two forms agree"),
    dict(cell="z3 = np.array([-2.0, 0.0, 1.5])", old="z3 = np.array([-2.0, 0.0, 1.5])",
         new=buggy("act", "sigmoid_grad", "act.sigmoid") + "z3 = np.array([-2.0, 0.0, 1.5])",
         breaks="np.testing.assert_allclose(s3 * (1 - s3), act.sigmoid_grad(z3))          # ✔ and the helper"),

    # ---- section 5: tanh -------------------------------------------------------------------------
    # tanh as 2σ(a) − 1: the 2 inside forgotten
    *[dict(cell="a = np.linspace(-3, 3, 13)", old="a = np.linspace(-3, 3, 13)",
           new=buggy("act", "tanh", "lambda a: 2 * act.sigmoid(a) - 1") + "a = np.linspace(-3, 3, 13)",
           breaks=breaks)
      for breaks in ["np.testing.assert_allclose(t, (np.exp(a) - np.exp(-a)) / (np.exp(a) + np.exp(-a)))          # ✔ essay 000's form",
                     "np.testing.assert_allclose(t, 2 * act.sigmoid(2 * a) - 1)                                   # ✔ = 2σ(2a) − 1",
                     "np.testing.assert_allclose(1 - t ** 2, numeric_slope(act.tanh, a), atol=1e-9)               # ✔ tanh' = 1 − tanh²"]],
    # 1 − tanh without the square
    dict(cell="a = np.linspace(-3, 3, 13)", old="a = np.linspace(-3, 3, 13)",
         new=buggy("act", "tanh_grad", "lambda Z: 1 - np.tanh(Z)") + "a = np.linspace(-3, 3, 13)",
         breaks="np.testing.assert_allclose(act.tanh_grad(a), 4 * act.sigmoid(2 * a) * (1 - act.sigmoid(2 * a)))   # ✔ via σ"),
    # the "corrected" line with the essay's slip in it
    dict(cell="essay_middle = 4 * (t + 1) / 2 * (1 - (t - 1) / 2)",
         old="fixed_middle = 4 * (t + 1) / 2 * (1 - t) / 2",
         new="fixed_middle = 4 * (t + 1) / 2 * (1 - (t - 1) / 2)",
         breaks="np.testing.assert_allclose(fixed_middle, 1 - t ** 2)             # ✔ the corrected line gives 1 − tanh²"),
    # had the essay printed the right sign
    dict(cell="essay_middle = 4 * (t + 1) / 2 * (1 - (t - 1) / 2)",
         old="essay_middle = 4 * (t + 1) / 2 * (1 - (t - 1) / 2)",
         new="essay_middle = 4 * (t + 1) / 2 * (1 - (t + 1) / 2)",
         breaks="np.testing.assert_allclose(essay_middle, (1 + t) * (3 - t))      # ✔ the printed line is (1 + t)(3 − t)"),
    dict(cell="essay_middle = 4 * (t + 1) / 2 * (1 - (t - 1) / 2)",
         old="essay_middle = 4 * (t + 1) / 2 * (1 - (t - 1) / 2)",
         new="essay_middle = 4 * (t + 1) / 2 * (1 - (t + 1) / 2)",
         breaks="assert not np.allclose(essay_middle, 1 - t ** 2)                 # ✔ and that is not tanh' (they agree only at t = −1)"),
    # the stepper's lines, each made wrong the way a learner might (checked in the cell after it)
    dict(cell="slope = numeric_slope(act.tanh, a4)", old="slope = numeric_slope(act.tanh, a4)",
         new="from_sigma = 2 * act.sigmoid(a4) - 1\nslope = numeric_slope(act.tanh, a4)",
         breaks="np.testing.assert_allclose(from_sigma, t4)                 # ✔ step 2: tanh(a) = 2σ(2a) − 1"),
    dict(cell="slope = numeric_slope(act.tanh, a4)", old="slope = numeric_slope(act.tanh, a4)",
         new="up = (t4 - 1) / 2                                  # the essay's σ(2a)\nslope = numeric_slope(act.tanh, a4)",
         breaks="np.testing.assert_allclose(up, s2a)                        # ✔ step 4: σ(2a) = (1 + tanh a)/2"),
    dict(cell="slope = numeric_slope(act.tanh, a4)", old="slope = numeric_slope(act.tanh, a4)",
         new="down = 1 - (t4 - 1) / 2                            # the essay's factor\nslope = numeric_slope(act.tanh, a4)",
         breaks="np.testing.assert_allclose(down, 1 - s2a)                  # ✔ step 4: 1 − σ(2a) = (1 − tanh a)/2"),
    dict(cell="slope = numeric_slope(act.tanh, a4)", old="slope = numeric_slope(act.tanh, a4)",
         new="chain_rule = 2 * s2a * (1 - s2a)                   # one factor 2 only\nslope = numeric_slope(act.tanh, a4)",
         breaks="assert relative_error(chain_rule, slope) < 1e-8            # ✔ step 3 is the slope of tanh"),
    dict(cell="slope = numeric_slope(act.tanh, a4)", old="slope = numeric_slope(act.tanh, a4)",
         new="right_line = 4 * up * (1 - (t4 - 1) / 2)           # the essay's factor\nslope = numeric_slope(act.tanh, a4)",
         breaks="assert relative_error(right_line, slope) < 1e-8            # ✔ step 6 is the slope of tanh"),
    dict(cell="slope = numeric_slope(act.tanh, a4)", old="slope = numeric_slope(act.tanh, a4)",
         new=buggy("act", "tanh_grad", "lambda Z: 1 - np.tanh(Z)") + "slope = numeric_slope(act.tanh, a4)",
         breaks="np.testing.assert_allclose(act.tanh_grad(a4), right_line)  # ✔ and so is the package's tanh_grad"),
    dict(cell="slope = numeric_slope(act.tanh, a4)", old="slope = numeric_slope(act.tanh, a4)",
         new="essay_line = right_line                            # had the essay been right\nslope = numeric_slope(act.tanh, a4)",
         breaks="assert off.min() > 0.1                                     # ✔ the printed line misses the slope at every input"),

    # ---- section 6: saturation -------------------------------------------------------------------
    # σ' written as σ: no flat tail on the right
    dict(cell="for edge in (-6, 6):", old="z = np.linspace(-8, 8, 801)",
         new=buggy("act", "sigmoid_grad", "act.sigmoid") + "z = np.linspace(-8, 8, 801)",
         breaks="assert max(g_grad(-6.0), g_grad(6.0)) < 0.01 * g_grad(0.0)     # ✔ at |z| = 6: under 1% of the peak slope"),
    # a unit whose slope never flattens (0.25 everywhere): the tail start is no slower
    dict(cell="passes = {}", old="w -= 2.0 * (a_out - 0.9) * act.sigmoid_grad(w)",
         new="w -= 2.0 * (a_out - 0.9) * 0.25",
         breaks="assert passes[-6.0] > 10 * passes[-2.0]                       # ✔ from the flat tail it takes over ten times longer"),
    # the "sigmoid" network secretly tanh: no brake, no lag
    dict(cell="curves, shrink = {}, {}", old='hidden=name, init="xavier"',
         new='hidden="tanh" if name == "sigmoid" else name, init="xavier"',
         breaks='assert shrink["sigmoid"] > 5 * max(shrink["tanh"], shrink["relu"])                 # ✔ the sigmoid brakes the gradient'),
    dict(cell="curves, shrink = {}, {}", old='hidden=name, init="xavier"',
         new='hidden="tanh" if name == "sigmoid" else name, init="xavier"',
         breaks='assert curves["sigmoid"][-1] > 10 * max(curves["tanh"][-1], curves["relu"][-1])   # ✔ sigmoid is far behind'),

    # ---- section 7: softmax ----------------------------------------------------------------------
    # dividing by the sum of the logits instead of the sum of their exponentials
    dict(cell="s_001 = act.softmax(np.array([1.3, 5.1, 2.2]))", old="s_001 = act.softmax(np.array([1.3, 5.1, 2.2]))",
         new=buggy("act", "softmax", "lambda z: np.exp(z) / np.sum(z)") + "s_001 = act.softmax(np.array([1.3, 5.1, 2.2]))",
         breaks="np.testing.assert_allclose(s_001, np.exp([1.3, 5.1, 2.2]) / np.exp([1.3, 5.1, 2.2]).sum())   # ✔ the formula"),
    dict(cell="s_001 = act.softmax(np.array([1.3, 5.1, 2.2]))", old="s_001 = act.softmax(np.array([1.3, 5.1, 2.2]))",
         new=buggy("act", "softmax", "lambda z: np.exp(z) / np.sum(z)") + "s_001 = act.softmax(np.array([1.3, 5.1, 2.2]))",
         breaks="np.testing.assert_allclose(s_001.sum(), 1.0)                                                # ✔"),
    # logits for which cutting off and rounding give the same four digits
    dict(cell="s_001 = act.softmax(np.array([1.3, 5.1, 2.2]))", old="np.array([0.3, 0.6])",
         new="np.array([0.3, 0.6001])",
         breaks="assert np.floor(s_003[0] * 1e4) / 1e4 == 0.4255 != round(s_003[0], 4)       # ✔ 0.4255 is cut off, not rounded"),
    dict(cell="s_001 = act.softmax(np.array([1.3, 5.1, 2.2]))", old="np.array([0.3, 0.6])",
         new="np.array([0.3, 0.6001])",
         breaks="assert round(1 - 0.4255, 4) == 0.5745 != round(s_003[1], 4)                  # ✔ 0.5745 is 1 − 0.4255"),
    # had essay 001 computed it right
    dict(cell="essay_001 = np.array([0.020, 0.903, 0.0497])", old="essay_001 = np.array([0.020, 0.903, 0.0497])",
         new="essay_001 = np.array([0.021, 0.928, 0.051])",
         breaks="assert abs(essay_001.sum() - 1) > 0.01                                       # ✔ so they are not a softmax"),
    dict(cell="essay_001 = np.array([0.020, 0.903, 0.0497])", old="essay_001 = np.array([0.020, 0.903, 0.0497])",
         new="s_001 = act.softmax(np.array([1.3, 5.0, 2.2]))      # a logit misread\n"
             "essay_001 = np.array([0.020, 0.903, 0.0497])",
         breaks="np.testing.assert_allclose(np.round(s_001, 4), [0.0208, 0.9282, 0.0511])     # ✔"),
    # small logits: the naive formula does not overflow
    dict(cell="big = np.array([1000.0, 1001.0])", old="big = np.array([1000.0, 1001.0])",
         new="big = np.array([10.0, 11.0])",
         breaks="assert np.isnan(naive).all()                                                 # ✔ e^1000 overflows"),
    # softmax without the shift by the maximum
    dict(cell="big = np.array([1000.0, 1001.0])", old="big = np.array([1000.0, 1001.0])",
         new=buggy("act", "softmax", "lambda z: np.exp(z) / np.exp(z).sum()") + "big = np.array([1000.0, 1001.0])",
         breaks="np.testing.assert_allclose(act.softmax(big), act.softmax(big - 1000))        # ✔ shifting changes nothing"),
    dict(cell="big = np.array([1000.0, 1001.0])", old="big = np.array([1000.0, 1001.0])",
         new=buggy("act", "softmax", "lambda z: np.exp(z) / np.exp(z).sum()") + "big = np.array([1000.0, 1001.0])",
         breaks="np.testing.assert_allclose(act.softmax(big), act.softmax(np.array([0.0, 1.0])))   # ✔ = softmax([0, 1])"),
    # the picture at another temperature than the one the check uses
    dict(cell="softmax_explorer.temperature.value = 3.0", old="softmax_explorer.temperature.value = 3.0",
         new="softmax_explorer.temperature.value = 1.0",
         breaks="np.testing.assert_allclose(softmax_explorer.shown_probabilities, act.softmax(np.array([1.3, 5.1, 2.2]) / 3.0))  # ✔"),
    # the Jacobian: only its diagonal; or the index slip s_i s_i for s_i s_j
    dict(cell="J_numeric = np.array", old="J = np.diag(s) - np.outer(s, s)", new="J = np.diag(s * (1 - s))",
         breaks="assert relative_error(J, J_numeric) < 1e-7                   # ✔ diag(s) − s sᵀ"),
    dict(cell="J_numeric = np.array", old="J = np.diag(s) - np.outer(s, s)", new="J = np.diag(s * (1 - s))",
         breaks="np.testing.assert_allclose(J, act.softmax_jacobian(z_j))     # ✔ the helper"),
    dict(cell="J_numeric = np.array", old="J = np.diag(s) - np.outer(s, s)",
         new="J = np.diag(s) - np.outer(s ** 2, np.ones(3))",
         breaks="np.testing.assert_allclose(J, J.T)                           # ✔ symmetric"),
    # columns: the outputs' sum 1 forgotten in the off-diagonal (−s_j² for every i instead of −s_i s_j)
    dict(cell="J_numeric = np.array", old="J = np.diag(s) - np.outer(s, s)",
         new="J = np.diag(s) - np.outer(np.ones(3), s ** 2)",
         breaks="np.testing.assert_allclose(J.sum(axis=0), 0, atol=1e-15)     # ✔ columns sum to 0: Σ s_i = 1 always"),
    # a "softmax" with a fourth logit fixed at 0 (an extra 1 below the line) is not shift-invariant
    dict(cell="J_numeric = np.array", old="z_j = np.array([1.3, 5.1, 2.2])",
         new=buggy("act", "softmax", "lambda z, axis=-1, temperature=1.0: np.exp(z) / (1 + np.exp(z).sum())")
             + "z_j = np.array([1.3, 5.1, 2.2])",
         breaks="np.testing.assert_allclose(act.softmax(z_j + 7.0), s)        # ✔ the same number added to every logit changes nothing ..."),
    dict(cell="J_numeric = np.array", old="J = np.diag(s) - np.outer(s, s)", new="J = np.diag(s * (1 - s))",
         breaks="np.testing.assert_allclose(J.sum(axis=1), 0, atol=1e-15)     # ✔ ... so the rows sum to 0"),
    # the essay's bracket read with the column subtracted instead of the row
    dict(cell="broadcast_reading = ", old="broadcast_reading = s.reshape(3, 1) * (I - s.reshape(1, 3))",
         new="broadcast_reading = s.reshape(3, 1) * (I - s.reshape(3, 1))",
         breaks="np.testing.assert_allclose(broadcast_reading, J)               # ✔ the broadcast reading is J"),
    # back through softmax without the −(dS·s) term; and the cross-entropy's gradient with its sign lost
    dict(cell="dS = -y_1 / s", old="dZ_without_J = act.softmax_backward(s, dS)", new="dZ_without_J = s * dS",
         breaks="np.testing.assert_allclose(dZ_through_J, dZ_without_J)     # ✔ the same gradient"),
    dict(cell="dS = -y_1 / s", old="dS = -y_1 / s", new="dS = y_1 / s",
         breaks="np.testing.assert_allclose(dZ_through_J, s - y_1)          # ✔ and it is s − y"),

    # ---- section 7: softmax rather than argmax -----------------------------------------------------
    # a "0/1 loss" that looks at the scores after all
    dict(cell="def zero_one_loss(Z, labels):", old="return 1 - accuracy(Z.argmax(axis=1), labels)",
         new="return 1 - act.softmax(Z)[np.arange(len(Z)), labels].mean()",
         breaks="assert zo[0] == zo[1]                      # ✔ the argmax cannot tell the two apart"),
    # the squared error of the probabilities, not of the one-hot rows, does see the scores
    dict(cell="def zero_one_loss(Z, labels):", old="hard = data.one_hot(Z_two.argmax(axis=1), 3)",
         new="hard = act.softmax(Z_two)",
         breaks="assert se == [2 * z for z in zo]           # ✔ nor can the squared error of its one-hot row: twice the 0/1 loss"),
    # cross-entropy computed from the argmax's one-hot output: it loses the scores too
    dict(cell="def zero_one_loss(Z, labels):",
         old="ce = [layers.softmax_cross_entropy(Z_two[[i]], Y_one)[0] for i in range(2)]",
         new="ce = [layers.softmax_cross_entropy(1000 * hard[[i]], Y_one)[0] for i in range(2)]",
         breaks="assert abs(ce[0] - ce[1]) > 0.5            # ✔ cross-entropy can"),
    # at a tie (the one place the staircase is not flat) the 0/1 loss jumps under a nudge
    dict(cell="g01 = numerical_gradient", old="y_two = np.array([0, 1])",
         new="Z_two = np.array([[1.3, 5.1, 2.2], [5.1, 5.1, 5.0]])      # row 1 at a tie\ny_two = np.array([0, 1])",
         breaks="np.testing.assert_array_equal(g01, 0)                                   # ✔ the 0/1 loss is flat: no signal"),
    # the hard one-hot in place of the probabilities
    dict(cell="g01 = numerical_gradient", old="y_two = np.array([0, 1])",
         new="P_two = hard\ny_two = np.array([0, 1])",
         breaks="np.testing.assert_allclose(dZ_fd, (P_two - Y_two) / m_two, atol=1e-8)   # ✔ softmax + cross-entropy: (P − Y)/m"),
    # essay 003's sign convention (Y − P) taken for the gradient
    dict(cell="g01 = numerical_gradient", old="L_two, dZ_two = layers.softmax_cross_entropy(Z_two, Y_two)",
         new="L_two, dZ_two = layers.softmax_cross_entropy(Z_two, Y_two); dZ_two = (Y_two - P_two) / m_two",
         breaks="np.testing.assert_allclose(dZ_two, dZ_fd, atol=1e-8)                    # ✔ the helper's backward agrees"),
    # e^(−z): a softmax that favours the smallest logit
    dict(cell="g01 = numerical_gradient", old="Z_many = np.random.default_rng(3)",
         new=buggy("act", "softmax", "lambda Z, temperature=1.0: np.exp(-Z / temperature) / "
                                     "np.exp(-Z / temperature).sum(axis=-1, keepdims=True)")
             + "Z_many = np.random.default_rng(3)",
         breaks="np.testing.assert_array_equal(act.softmax(Z_many).argmax(axis=1), Z_many.argmax(axis=1))   # ✔ the same class"),
    # a temperature that is not near 0
    dict(cell="g01 = numerical_gradient", old="cold = act.softmax(Z_two, temperature=1e-3)",
         new="cold = act.softmax(Z_two, temperature=0.1)",
         breaks="np.testing.assert_allclose(cold, hard, atol=1e-12)                      # ✔ the hard argmax is its limit"),

    # ---- section 8: MSE vs cross-entropy ---------------------------------------------------------
    # the 2 of the square lost; the slope of the base-10 log
    dict(cell="mse_slope, ce_slope =", old="-2 * (1 - p_check)", new="-(1 - p_check)",
         breaks="np.testing.assert_allclose(numeric_slope(lambda q: (1 - q) ** 2, p_check), mse_slope, rtol=1e-6)   # ✔"),
    dict(cell="mse_slope, ce_slope =", old="-1 / p_check", new="-1 / (p_check * np.log(10))",
         breaks="np.testing.assert_allclose(numeric_slope(lambda q: -np.log(q), p_check), ce_slope, rtol=1e-6)      # ✔"),
    # another base does not give the essay's numbers
    dict(cell="for p_hat, essay_says in", old="np.log10(p_hat)", new="np.log2(p_hat)",
         breaks="np.testing.assert_allclose(ce_base10, essay_says, atol=5e-4)                                        # ✔ the essay's are base 10"),
    # a cross-entropy with the essay's base-10 log
    *[dict(cell="for p_hat, essay_says in", old="y_target = np.array([[1.0, 0.0]])",
           new=buggy("losses", "cross_entropy", "lambda P, Y: float(-np.sum(Y * np.log10(P)) / len(P))")
               + "y_target = np.array([[1.0, 0.0]])",
           breaks=breaks)
      for breaks in ["np.testing.assert_allclose(losses.cross_entropy(np.array([[0.9, 0.1]]), y_target), 0.1054, atol=1e-4)   # ✔",
                     "np.testing.assert_allclose(losses.cross_entropy(np.array([[0.1, 0.9]]), y_target), 2.3026, atol=1e-4)   # ✔"]],
    # essay 003's negative gradient; MSE through softmax without the Jacobian
    dict(cell="z_wrong = np.log", old="grad_ce = s_w - y_w", new="grad_ce = y_w - s_w",
         breaks="np.testing.assert_allclose(grad_ce, numerical_gradient(lambda: -np.log(act.softmax(z_wrong)[0]), z_wrong), atol=1e-7)   # ✔"),
    dict(cell="z_wrong = np.log", old="grad_mse = act.softmax_jacobian(z_wrong) @ (s_w - y_w)",
         new="grad_mse = (s_w - y_w)",
         breaks="np.testing.assert_allclose(grad_mse, numerical_gradient(lambda: 0.5 * np.sum((act.softmax(z_wrong) - y_w) ** 2), z_wrong), atol=1e-7)  # ✔"),
    # binary cross-entropy: the (1 − y) term forgotten; the gradient without 1/m; a backward with a
    # stray factor 2 in dW1; gradient ascent (the update's sign slipped)
    dict(cell="z_b = np.array", old="textbook = -np.mean(y_b * np.log(a_b) + (1 - y_b) * np.log(1 - a_b + 1e-300))",
         new="textbook = -np.mean(y_b * np.log(a_b))",
         breaks="np.testing.assert_allclose(losses.binary_cross_entropy(z_b, y_b), textbook)          # ✔ the same loss"),
    dict(cell="z_b = np.array", old="dz = losses.binary_cross_entropy_grad(z_b, y_b)",
         new="dz = losses.binary_cross_entropy_grad(z_b, y_b) * len(z_b)",
         breaks="assert relative_error(dz, numeric) < 1e-7                                            # ✔ the shortcut"),
    dict(cell="z_b = np.array", old="print(yes_no)",
         new="yes_no.backward = (lambda *args, _b=yes_no.backward, **kw: "
             "{k: 2 * v if k == 'W1' else v for k, v in _b(*args, **kw).items()}); print(yes_no)",
         breaks="assert max(check_network_gradients(yes_no, X_b[:10], y_moons_b[:10].reshape(-1, 1)).values()) < 1e-6   # ✔ backprop"),
    dict(cell="z_b = np.array", old="epochs=300, lr=0.5)", new="epochs=300, lr=1e-5)",  # a step too small to learn
         breaks="assert yes_no.accuracy(X_b, y_moons_b) > 0.85                                        # ✔ it learns"),

    # ---- section 9: the grid bends ---------------------------------------------------------------
    # the widget left at identity: nothing bends
    dict(cell="def largest_bend(view):", old="grid_view.activation.value = name",
         new='grid_view.activation.value = "identity"',
         breaks='assert (largest_bend(grid_view) < 1e-9) == (name == "identity")      # ✔ only identity keeps lines straight'),

    # ---- section 10: XOR -------------------------------------------------------------------------
    # without the activation the network is linear: it fails XOR, and its collapse is the same network
    dict(cell="collapsed = MLP([2, 2], seed=0)", old="net = MLP([2, 8, 2], hidden=hidden, seed=0)",
         new='net = MLP([2, 8, 2], hidden="identity", seed=0)',
         breaks="assert relu_net.accuracy(X_xor, y_xor) == 1.0          # ✔ every point right"),
    dict(cell="collapsed = MLP([2, 2], seed=0)", old="net = MLP([2, 8, 2], hidden=hidden, seed=0)",
         new='net = MLP([2, 8, 2], hidden="identity", seed=0)',
         breaks="assert collapsed.accuracy(X_xor, y_xor) < relu_net.accuracy(X_xor, y_xor) - 0.3   # ✔ a different, worse network"),
    # the logits of the linear network: no flat boundary separates XOR there
    dict(cell="margin = Z2[:, 1] - Z2[:, 0]", old="_, cache = relu_net.forward(X_xor)",
         new='_, cache = results["identity"].forward(X_xor)',
         breaks="assert margin[y_xor == 1].min() > 0 > margin[y_xor == 0].max()      # ✔ a flat boundary in the hidden space"),
]

# asserts that guard no claim of the text (a precondition, an input check): first line -> why
GUARDS = {
}
