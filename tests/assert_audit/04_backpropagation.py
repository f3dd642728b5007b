"""Assert audit of notebook 04: for each assert, a change that makes its claim false."""
MUTANTS = [
    # 1 · the chain rule for one sample: forget the ReLU mask in δ1
    dict(cell="delta1 = (delta2 @ w2.T) * (z1 > 0)", old="delta1 = (delta2 @ w2.T) * (z1 > 0)",
         new="delta1 = delta2 @ w2.T",
         breaks="np.testing.assert_allclose(grads[name], numeric, rtol=1e-6, atol=1e-9)   # ✔ chain rule = finite differences"),
    # the factor 2m holds for the ½-mean MSE only: with another loss it does not
    dict(cell="net_002 = MLP([4, 3, 1]", old='loss="mse")', new='loss="binary_cross_entropy")',
         breaks="np.testing.assert_allclose(grads[name], 2 * m * helper_grads[name])   # ✔ dC = 2m · dL"),
    # essay 002's labels: the factor it calls "sigmoid prime" alone is not σ′
    dict(cell="sigma_prime = s * (1 - s)", old="sigma_prime = s * (1 - s)", new="sigma_prime = 1 - s",
         breaks="np.testing.assert_allclose(sigma_prime, numeric_slope, rtol=1e-6)      # ✔ only the product is σ′"),
    # the column layout without the ReLU mask is not our dW1ᵀ
    dict(cell="dW1_col = ((w2_col.T @ delta2_col)", old=" * (z1_col > 0)", new="",
         breaks='np.testing.assert_allclose(dW1_col, grads["W1"].T)       # ✔ the column-layout gradient is our dW1, transposed'),
    # 3 · only the diagonal of the softmax Jacobian: no collapse to s − y
    dict(cell="through_jacobian = softmax_jacobian", old="through_jacobian = softmax_jacobian(Z2[0]) @ (-t / s)",
         new="through_jacobian = np.diag(s) @ (-t / s)",
         breaks="np.testing.assert_allclose(through_jacobian, s - t)     # ✔ the Jacobian collapses to s − y"),
    # a summed (not mean) cross-entropy has gradient A2 − Y, without the 1/m
    dict(cell="through_jacobian = softmax_jacobian", old="np.log(softmax(Z2_work))) / m)",
         new="np.log(softmax(Z2_work))))",
         breaks="np.testing.assert_allclose((A2 - Y) / m, numeric, rtol=1e-6, atol=1e-10)"),
    # 4 · index by index: the loop forgets g′, or multiplies the wrong thing, or mixes up i and j
    dict(cell="dW2_loops = np.array(", old=" * relu_grad(z1_[0, j])", new="",
         breaks="np.testing.assert_allclose(delta1, W2 @ delta2 * relu_grad(z1_[0]))    # ✔ the loops are the recursion δ(1) = (W(2) δ(2)) ⊙ φ′"),
    dict(cell="dW2_loops = np.array(", old="delta2[j] * a1_[0, i]", new="delta2[j] * z1_[0, i]",
         breaks="np.testing.assert_allclose(dW2_loops, numerical_gradient(loss_one_sample, W2), rtol=1e-6, atol=1e-9)  # ✔"),
    dict(cell="dW2_loops = np.array(", old="delta1[j] * x1[0, i]", new="delta1[j] * x1[0, j]",
         breaks="np.testing.assert_allclose(dW1_loops, numerical_gradient(loss_one_sample, W1), rtol=1e-6, atol=1e-9)  # ✔"),
    # essay 003's δ has the opposite sign: taken as ours, the update would go uphill
    dict(cell="delta_essay = -delta2", old="delta_essay = -delta2", new="delta_essay = delta2",
         breaks="np.testing.assert_allclose(update_direction, -numerical_gradient(loss_one_sample, W2), rtol=1e-6, atol=1e-9)"),
    # 5 · the six formulas: a bias gradient kept as a (1, k) row, a forgotten ReLU mask, another net
    dict(cell="dZ2 = (A2 - Y) / m                            # (2, 2)", old="db2 = dZ2.sum(axis=0)",
         new="db2 = dZ2.sum(axis=0, keepdims=True)",
         breaks="assert analytic.shape == param.shape                                    # ✔ a gradient has its parameter's shape"),
    dict(cell="dZ2 = (A2 - Y) / m                            # (2, 2)", old="dZ1 = (dZ2 @ W2.T) * relu_grad(Z1)",
         new="dZ1 = dZ2 @ W2.T",
         breaks="np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-10)    # ✔ formula = finite differences"),
    # section 4's δ belongs to one sample's loss: without the mean's 1/m, dZ2's rows would be δ(2) itself;
    # and without the ReLU mask dZ1's rows would not be δ(1)/m
    dict(cell="dZ2 = (A2 - Y) / m                            # (2, 2)", old="dZ2 = (A2 - Y) / m ",
         new="dZ2 = (A2 - Y) ",
         breaks="np.testing.assert_allclose(dZ2[0], delta2 / m)       # ✔ row s of dZ2 is sample s's δ(2), divided by m"),
    dict(cell="dZ2 = (A2 - Y) / m                            # (2, 2)", old="dZ1 = (dZ2 @ W2.T) * relu_grad(Z1)",
         new="dZ1 = dZ2 @ W2.T",
         breaks="np.testing.assert_allclose(dZ1[0], delta1 / m)       # ✔ and row s of dZ1 is its δ(1), divided by m"),
    dict(cell="dZ2 = (A2 - Y) / m                            # (2, 2)",
         old='MLP([4, 3, 2], hidden="relu", output="softmax")', new='MLP([4, 3, 2], hidden="tanh", output="softmax")',
         breaks="np.testing.assert_allclose(helper[name], ours)                 # ✔ same numbers"),
    # row-wise dW: a and δ swapped (rows would be δ_i · a); one sample left out of the sum
    dict(cell="_, dW_one, _ = layers.dense_backward", old="_, dW_one, _ = layers.dense_backward(delta, cache_one)",
         new="dW_one = delta.T @ a",
         breaks="np.testing.assert_allclose(dW_one[i], a[0, i] * delta[0])        # ✔ row i of dW is a_i · δ"),
    dict(cell="_, dW_one, _ = layers.dense_backward", old="for s in range(m)]", new="for s in range(1)]",
         breaks="np.testing.assert_allclose(dW2_layer, sum(per_sample))            # ✔ A1ᵀ dZ2 = one outer product per sample, added"),
    # essay 001: a sum over the columns is not the mean; dW without its 1/m
    dict(cell="db2_c = dZ2_c.mean(axis=1", old="db2_c = dZ2_c.mean(axis=1, keepdims=True)",
         new="db2_c = dZ2_c.sum(axis=1, keepdims=True)",
         breaks="np.testing.assert_allclose(db2_c[:, 0], db2)              # ✔ the mean over the m columns"),
    dict(cell="db2_c = dZ2_c.mean(axis=1", old="dW1_c = dZ1_c @ X_c.T / m", new="dW1_c = dZ1_c @ X_c.T",
         breaks="np.testing.assert_allclose(dW1_c, dW1.T)                  # ✔ the column layout's dW is our dWᵀ"),
    # 6 · the helper's walk on other data (rows of X shuffled against Y) gives other gradients
    dict(cell="fb = widgets.forward_backward_steps", old="widgets.forward_backward_steps(net, X, Y)",
         new="widgets.forward_backward_steps(net, X[::-1], Y)",
         breaks="np.testing.assert_allclose(last[name], ours)    # ✔ the same dW1 and dW2 as the stepper above"),
    # 7 · if the essay's first label were right, finite differences would say so
    dict(cell="essay_formulas = {", old='"W1": H.T @ E,', new='"W1": I.T @ ((E @ P["W2"].T) * S),',
         breaks='assert really == [{"W1": "W2", "W2": "W1", "B1": "B2", "B2": "B1"}[label]]     # ✔ swapped in pairs'),
    # 8 · a "correct" gradient that forgot the ReLU mask
    dict(cell="one_entry_wrong = g.copy()", old="g = dW1", new="g = X.T @ (dZ2 @ W2.T)",
         breaks="assert relative_error(g, g_numeric) < 1e-7 and relative_error(-g, g_numeric) > 0.99     # ✔"),
    # with a symmetric W2 the missing transpose is no bug, and the check rightly finds nothing
    dict(cell="def backward(X, Y, W1, b1, W2, b2, forget_transpose=False):", old="loss_s = lambda:",
         new='Ps["W2"] = Ps["W2"] + Ps["W2"].T\nloss_s = lambda:',
         breaks='assert relative_error(backward(Xs, Ys, *Ps.values(), forget_transpose=True)["W1"],'),
    # a network whose backward pass is off by a factor 2
    dict(cell="deep = MLP([2, 8, 8, 3]", old='deep = MLP([2, 8, 8, 3], hidden=["relu", "tanh"], seed=0)',
         new='deep = MLP([2, 8, 8, 3], hidden=["relu", "tanh"], seed=0)\n'
             'deep.backward = lambda cache, Y, fast=False: {k: 2 * v for k, v in MLP.backward(deep, cache, Y).items()}',
         breaks="assert max(errors.values()) < 1e-6                                       # ✔ every layer's gradient"),
    # 10 · the 1-D valleys: a mirrored f (left valley shallower); B left of the hump; a small step
    #      from A; a step that fits L1
    dict(cell="def f_slope(w):", old="return w**4 - 3 * w**2 + w + 4", new="return w**4 - 3 * w**2 - w + 4",
         breaks="assert min(curvature.values()) > 0 and f(L1) < f(L2)                # ✔ two minima, L1 the deeper"),
    dict(cell="def f_slope(w):", old="A, B = -2.0, 0.5", new="A, B = -2.0, 0.1",
         breaks='assert abs(runs["A, small steps"][-1] - L1) < 1e-6 and abs(runs["B, small steps"][-1] - L2) < 1e-6  # ✔ the start decides'),
    dict(cell="def f_slope(w):", old='"A, η = 0.13": descend(A, 0.13)', new='"A, η = 0.13": descend(A, 0.05)',
         breaks='assert runs["A, η = 0.13"][1] > hump and abs(runs["A, η = 0.13"][-1] - L2) < 1e-6   # ✔ a big step jumps the hump'),
    dict(cell="def f_slope(w):", old='"B, η = 0.15": descend(B, 0.15)', new='"B, η = 0.15": descend(B, 0.22)',
         breaks='assert abs(runs["B, η = 0.15"][-1] - L2) < 1e-6 and 0.15 < 2 / curvature["L2"]    # ✔ ... but the same η settles in L2'),
    dict(cell="def f_slope(w):", old="descend(-0.5, 0.15)", new="descend(-0.5, 0.13)",
         breaks='assert abs(bounce[-1] - bounce[-2]) > 0.1 and 0.15 > 2 / curvature["L1"]          # ✔ η > 2/f″: it cannot settle in L1'),
    # symmetry: units that start 0.001 apart are no twins; one unit without the factor h; a
    # "random" net given the twins' start; a random start whose network is linear
    dict(cell="twins = MLP([2, h, 2], seed=0)", old='"W1": np.full((2, h), 0.5)',
         new='"W1": np.full((2, h), 0.5) + 1e-3 * np.arange(h)',
         breaks="assert twin_gap < 1e-12                                                # ✔ the twins are still twins"),
    dict(cell="twins = MLP([2, h, 2], seed=0)", old='"W2": h * W2_t[:1]', new='"W2": W2_t[:1]',
         breaks="np.testing.assert_allclose(one_unit.predict_proba(X_xor), twins.predict_proba(X_xor), rtol=0, atol=1e-12)  # ✔ 8 twins = 1 unit"),
    dict(cell="twins = MLP([2, h, 2], seed=0)", old="randomly = MLP([2, h, 2], seed=0)",
         new="randomly = MLP([2, h, 2], seed=0); randomly.set_state(twins.get_state())",
         breaks="assert closest > 1e-3                                                  # ✔ the random start's units all differ"),
    dict(cell="twins = MLP([2, h, 2], seed=0)", old="randomly = MLP([2, h, 2], seed=0)",
         new='randomly = MLP([2, h, 2], hidden="identity", seed=0)',
         breaks='assert curves["random start"][-1] < curves["constant start"][-1] / 100   # ✔ and reach a far lower loss'),
    # seeds: runs that are slow (small lr), not stuck, do move; 8 units everywhere; 2 units
    dict(cell="def final_loss(h_units, seed", old="trainer = Trainer(net_, X_xor, y_xor, lr=1.0)",
         new="trainer = Trainer(net_, X_xor, y_xor, lr=0.05)",
         breaks="assert seed not in stuck or abs(more[-1] - curve[-1]) < 1e-3       # ✔ the stuck runs have landed: more steps don't help"),
    dict(cell="def final_loss(h_units, seed", old="runs3 = {seed: final_loss(3, seed) for seed in seeds}",
         new="runs3 = {seed: final_loss(8, seed) for seed in seeds}",
         breaks="assert min(final3) < 0.01 and max(final3) > 0.25                      # ✔ different random starts, different final losses"),
    dict(cell="def final_loss(h_units, seed", old="final8 = [final_loss(8, seed)[0][-1] for seed in seeds]",
         new="final8 = [final_loss(2, seed)[0][-1] for seed in seeds]",
         breaks="assert max(final8) < 0.01                                              # ✔ with 8 units every seed solves XOR here"),
]
# asserts that guard no claim of the text (a precondition, an input check): first line -> why
GUARDS = {
}
