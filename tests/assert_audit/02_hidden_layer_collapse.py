"""Assert audit of notebook 02: for each assert, a change that makes its claim false."""
MUTANTS = [
    # ---- 1. a network, part by part ----------------------------------------------------------------
    dict(cell="a_ours = x_unit @ w_unit + b_unit",           # a weight with the wrong sign
         old="w_unit = np.array([[1.0], [0.0], [-1.0]])", new="w_unit = np.array([[1.0], [0.0], [1.0]])",
         breaks="np.testing.assert_allclose(a_ours, [[3.0]])       # ✔ the essay's 3"),
    dict(cell="a_ours = x_unit @ w_unit + b_unit",           # the column form without its bias
         old="a_essay = w_unit.T @ x_unit.T + b_unit", new="a_essay = w_unit.T @ x_unit.T",
         breaks="np.testing.assert_allclose(a_essay, a_ours.T)     # ✔ its column form gives the same number"),
    dict(cell="weights_drawn = sum(",                        # the drawing of another network
         old="ax = diagram.axes[0]", new="ax = plots.network_diagram([3, 5, 2]).axes[0]",
         breaks="assert weights_drawn == W1.size + W2.size       # ✔ one line per weight"),
    dict(cell="weights_drawn = sum(",                        # biases for the input units too
         old="biases_drawn = sum(units_drawn[1:])", new="biases_drawn = sum(units_drawn)",
         breaks="assert biases_drawn == b1.size + b2.size        # ✔ one bias per hidden or output unit"),
    dict(cell="mnist_diagram = plots.network_diagram",       # the default cap: 10-unit layers as 4 + ⋮ + 1
         old="plots.network_diagram(mnist_net, max_units=10)", new="plots.network_diagram(mnist_net)",
         breaks="assert units_drawn == [9, 10, 10]   # ✔ both 10-unit layers whole; of the 784 inputs the first 8 and the last"),
    dict(cell="W_notes = np.arange(1, 13)",                  # reshape is not a transpose
         old="W = W_notes.T ", new="W = W_notes.reshape(4, 3) ",
         breaks="np.testing.assert_allclose(h_ours, h_notes.T)    # ✔ the same three numbers, transposed"),
    dict(cell="assert dot.Z[0, 0] == 200",                   # a slip in the notes' numbers
         old="dot.position.value = dot.n_positions",
         new="dot = widgets.MatrixMultiplyStepper.dot([10, 20, 30, 40], [0, 1, 2, 4])\n"
             "dot.position.value = dot.n_positions",
         breaks="assert dot.Z[0, 0] == 200                       # ✔ 0 + 20 + 60 + 120 = 200, as in the notes"),
    # ---- 2. the collapse ---------------------------------------------------------------------------
    dict(cell="W_prime = W1 @ W2 ",                          # b1 forgotten: it does not go through W2
         old="b_prime = b1 @ W2 + b2", new="b_prime = b2",
         breaks="np.testing.assert_allclose(X @ W_prime + b_prime, O)          # ✔ one layer = the two layers"),
    dict(cell="W_prime = W1 @ W2 ",                          # fits our two samples only ((7, −3, 1) ⊥ rows of X)
         old="W_prime = W1 @ W2 ", new="W_prime = W1 @ W2 + np.outer([7.0, -3.0, 1.0], [1.0, 1.0]) ",
         breaks="assert gap < 1e-12"),
    dict(cell="a2_layers = W2.T @ (W1.T @ x_col",            # the collapsed column form without b1
         old="a2_collapsed = (W1 @ W2).T @ x_col + (W2.T @ b1_col + b2_col)",
         new="a2_collapsed = (W1 @ W2).T @ x_col + b2_col",
         breaks="np.testing.assert_allclose(a2_collapsed, a2_layers)                     # ✔ with the biases"),
    dict(cell="a2_layers = W2.T @ (W1.T @ x_col",            # another sample than O[0]
         old="x_col = X[0].reshape(-1, 1)", new="x_col = X[1].reshape(-1, 1)",
         breaks="np.testing.assert_allclose(a2_layers.ravel(), O[0])                     # ✔ = our row form, transposed"),
    dict(cell="a2_layers = W2.T @ (W1.T @ x_col",            # only b1 missing: the gap is W2ᵀ b1, not b′
         old="a2_no_bias = W2.T @ W1.T @ x_col", new="a2_no_bias = W2.T @ W1.T @ x_col + b2_col",
         breaks="np.testing.assert_allclose((a2_layers - a2_no_bias).ravel(), b_prime)   # ✔ what was missing is b'"),
    # ---- 3. homogeneous coordinates ------------------------------------------------------------------
    dict(cell="M1 = np.block(",                              # the corner 0: the 1 does not survive
         old="[b1, 1.0]]", new="[b1, 0.0]]",
         breaks="np.testing.assert_allclose(X1 @ M1, np.hstack([H, np.ones((2, 1))]))   # ✔ one product = layer 1, and the 1 survives"),
    dict(cell="M1 = np.block(",                              # b2 with the wrong sign
         old="[b2, 1.0]]", new="[-b2, 1.0]]",
         breaks="np.testing.assert_allclose(X1 @ M1 @ M2, np.hstack([O, np.ones((2, 1))]))   # ✔ two products = both layers"),
    dict(cell="M1 = np.block(",                              # a collapsed bias without b2
         old="M1 = np.block(", new="b_prime = b1 @ W2\nM1 = np.block(",
         breaks="np.testing.assert_allclose(M1 @ M2, np.block([[W_prime, np.zeros((3, 1))], [b_prime, 1.0]]))   # ✔ the product IS the collapsed layer"),
    dict(cell="two_layers_at_zero = ",                       # layers without biases: a matrix would do
         old="zero = np.zeros((1, 3))", new="b1, b2 = np.zeros(4), np.zeros(2)\nzero = np.zeros((1, 3))",
         breaks="assert np.abs(two_layers_at_zero).max() > 0.1                        # ✔ 0 goes to b' ≠ 0: no plain matrix does that"),
    dict(cell="two_layers_at_zero = ",                       # M2 without its bias row
         old="zero = np.zeros((1, 3))",
         new="M2 = np.block([[W2, np.zeros((4, 1))], [np.zeros(2), 1.0]])\nzero = np.zeros((1, 3))",
         breaks="np.testing.assert_allclose(homogeneous_at_zero[0, :2], two_layers_at_zero[0])   # ✔ with the 1 it works"),
    # ---- 4. rank ---------------------------------------------------------------------------------------
    dict(cell="rank = np.linalg.matrix_rank(table)",         # a hidden width of 2, not 1
         old="outer.position.value = outer.n_positions",
         new="outer = widgets.MatrixMultiplyStepper(np.arange(8.0).reshape(4, 2), np.arange(8.0).reshape(2, 4))\n"
             "outer.position.value = outer.n_positions",
         breaks="assert rank == 1                                                                 # ✔ (4, 1)(1, 4): rank 1"),
    dict(cell="rank = np.linalg.matrix_rank(table)",         # a slip in the notes' numbers
         old="outer.position.value = outer.n_positions",
         new="outer = widgets.MatrixMultiplyStepper.outer([10, 20, 30, 40], [0, 1, 2, 4])\n"
             "outer.position.value = outer.n_positions",
         breaks="np.testing.assert_array_equal(table, np.outer([10, 20, 30, 40], [0, 1, 2, 3]))   # ✔ the notes' table"),
    dict(cell="held in 200 random cases",                    # a hidden layer wider than the bound says
         old="Wa, Wb = rng.normal(size=(n, n_h)), rng.normal(size=(n_h, k))",
         new="Wa, Wb = rng.normal(size=(n, n_h + 3)), rng.normal(size=(n_h + 3, k))",
         breaks="assert np.linalg.matrix_rank(Wa @ Wb) <= min(n, n_h, k)"),
    dict(cell="W1_n, b1_n = rng.normal(size=(5, 2))",        # a hidden layer of 3
         old="W1_n, b1_n = rng.normal(size=(5, 2)), rng.normal(size=2)       # 5 → 2\n"
             "W2_n, b2_n = rng.normal(size=(2, 5)), rng.normal(size=5)       # 2 → 5",
         new="W1_n, b1_n = rng.normal(size=(5, 3)), rng.normal(size=3)\n"
             "W2_n, b2_n = rng.normal(size=(3, 5)), rng.normal(size=5)",
         breaks="assert np.linalg.matrix_rank(W_n) == 2           # ✔ W' is 5 × 5, but of rank 2"),
    dict(cell="W1_n, b1_n = rng.normal(size=(5, 2))",        # a shortcut from input to output
         old="O_out = (X_in @ W1_n + b1_n) @ W2_n + b2_n",
         new="O_out = (X_in @ W1_n + b1_n) @ W2_n + b2_n + 0.1 * X_in",
         breaks="assert sv[2] < 1e-9 * sv[0]                      # ✔ the outputs fill only a 2-D plane in 5-D"),
    dict(cell="U, s, Vt = np.linalg.svd(W1_n)",              # a direction layer 1 does see
         old="v = U[:, 2] ", new="v = U[:, 1] ",
         breaks="np.testing.assert_allclose(v @ W1_n, 0, atol=1e-12)     # ✔ v is invisible to layer 1"),
    dict(cell="U, s, Vt = np.linalg.svd(W1_n)",              # x_b differs in a visible direction too
         old="x_b = x_a + 3.0 * v ", new="x_b = x_a + 3.0 * v + 0.5 * U[:, 0] ",
         breaks="np.testing.assert_allclose(out_a, out_b)                 # ✔ different inputs, identical outputs"),
    # ---- 5. artificial correlation ------------------------------------------------------------------
    dict(cell="def corr_with_label(F):",                     # a label that x1 carries on its own
         old="m = len(X_xor)", new="y_xor = (X_xor[:, 0] > 0).astype(np.int64)\nm = len(X_xor)",
         breaks="assert np.abs(corr_with_label(X_xor)).max() < 0.1      # ✔ no single input tells the label"),
    dict(cell="def corr_with_label(F):",                     # labels no feature explains
         old="m = len(X_xor)",
         new="y_xor = np.random.default_rng(0).permutation(y_xor)\nm = len(X_xor)",
         breaks="assert corr_with_label(x1x2)[0] < -0.9                 # ✔ their product does"),
    dict(cell="W1_r, b1_r = rng.normal(",                    # a ReLU hidden layer creates new features
         old="H_r = X_xor @ W1_r + b1_r", new="H_r = np.maximum(0, X_xor @ W1_r + b1_r)",
         breaks="np.testing.assert_allclose(cov_with_label(H_r), cov_with_label(X_xor) @ W1_r, atol=1e-12)   # ✔ c_H = c_X W1"),
    dict(cell="W1_r, b1_r = rng.normal(",                    # a fit without the column of ones
         old="fit = X1_xor @ np.linalg.lstsq(X1_xor, y_xor, rcond=None)[0]",
         new="fit = X_xor @ np.linalg.lstsq(X_xor, y_xor, rcond=None)[0]",
         breaks="assert np.abs(corr_with_label(H_r)).max() <= best + 1e-12         # ✔ no linear unit beats the fit"),
    # ---- 6. the grid --------------------------------------------------------------------------------
    dict(cell="net_view = grid_view.network()",              # an activation between the layers
         old="net_view = grid_view.network()",
         new='grid_view = widgets.LayerGridView(layer_sizes=(2, 2, 2), activation="tanh", seed=21)\n'
             "net_view = grid_view.network()",
         breaks="assert max(bends) < 1e-10                            # ✔ every line is still straight"),
    dict(cell="net_view = grid_view.network()",              # b′ without b2
         old="net_view.biases[0] @ net_view.weights[1] + net_view.biases[1]",
         new="net_view.biases[0] @ net_view.weights[1]",
         breaks="assert max(gaps) < 1e-12                             # ✔ the output panel = one layer W', b'"),
    # ---- 7. XOR -------------------------------------------------------------------------------------
    dict(cell="best of 100 000 random lines",                # OR instead of XOR: a line separates it
         old="labels = np.array([0, 0, 1, 1])", new="labels = np.array([0, 1, 1, 1])",
         breaks="assert accuracy_per_line.max() == 0.75            # ✔ never all four"),
    dict(cell="player.speed.value = 25",                     # ReLU in the hidden layer learns XOR
         old="player.speed.value = 25",
         new='player = widgets.TrainingPlayer(X_xor, y_xor, hidden_sizes=(8,), activation="relu", '
             "lr=0.5, seed=0)\nplayer.speed.value = 25",
         breaks='assert abs(player.shown["loss"] - np.log(2)) < 0.01 and player.shown["acc"] < 0.6   # ✔ stuck at "50/50"'),
    dict(cell="linear_net = MLP([2, 8, 2]",                  # b1 forgotten in b′
         old="b1_t @ W2_t + b2_t", new="b2_t",
         breaks="np.testing.assert_allclose(cache.Z[-1], X_xor @ W_t + b_t)      # ✔ the same logits"),
    dict(cell="linear_net = MLP([2, 8, 2]",                  # W′ transposed in the one layer
         old='one_layer.set_state({"W1": W_t, "b1": b_t})', new='one_layer.set_state({"W1": W_t.T, "b1": b_t})',
         breaks="np.testing.assert_allclose(linear_net.predict_proba(X_xor), one_layer.predict_proba(X_xor))  # ✔ same probabilities"),
    dict(cell="d_w, d_b = W_t[:, 1]",                        # a network that is not linear
         old="fig = plots.decision_boundary(linear_net",
         new='linear_net = MLP([2, 8, 2], hidden="relu", seed=0)\n'
             "train(linear_net, X_xor, y_xor, epochs=300, lr=0.5)\n"
             "fig = plots.decision_boundary(linear_net",
         breaks="assert 0.4 < P1.min() and P1.max() < 0.6                   # ✔ unsure everywhere"),
    dict(cell="d_w, d_b = W_t[:, 1]",                        # the boundary without the biases
         old="d_w, d_b = W_t[:, 1] - W_t[:, 0], b_t[1] - b_t[0]", new="d_w, d_b = W_t[:, 1] - W_t[:, 0], 0.0",
         breaks="np.testing.assert_allclose(linear_net.predict_proba(np.column_stack([x1, x2]))[:, 1], 0.5, atol=1e-9)   # ✔ on the line: 50/50"),
]
# asserts that guard no claim of the text (a precondition, an input check): first line -> why
GUARDS = {
}
