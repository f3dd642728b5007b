"""Assert audit of notebook 01: for each assert, a change that makes its claim false."""
MUTANTS = [
    # 2 · the matrix product is the double loop: not if the bias is forgotten
    dict(cell="O_loops = np.zeros((2, 2))",
         old="O_matrix = X_small @ W_small + b_small", new="O_matrix = X_small @ W_small",
         breaks="np.testing.assert_allclose(O_matrix, O_loops)   # ✔ the matrix product is the double loop"),
    # 3 · the helper's loss is the formula with the ½: not the mean squared error without it
    dict(cell="def mse_by_hand(O, T):", old="/ (2 * m)", new="/ m",
         breaks="np.testing.assert_allclose(L, mse_by_hand(X @ W + b, T))   # ✔ the helper computes the formula"),
    # 4 · step 3: the error E carries the 1/m
    dict(cell="E = (X_small @ W_small + b_small - T_small) / X_small.shape[0]",
         old="E = (X_small @ W_small + b_small - T_small) / X_small.shape[0]",
         new="E = (X_small @ W_small + b_small - T_small)",
         breaks="np.testing.assert_allclose(dW, X_small.T @ E)            # ✔ step 3"),
    # 4 · step 4: the bias gradient sums E; a mean divides by m a second time
    dict(cell="E = (X_small @ W_small + b_small - T_small) / X_small.shape[0]",
         old="E = (X_small @ W_small + b_small - T_small) / X_small.shape[0]",
         new="E = (X_small @ W_small + b_small - T_small) / X_small.shape[0]\n"
             "db = db / X_small.shape[0]                     # a bias gradient divided by m twice",
         breaks="np.testing.assert_allclose(db, E.sum(axis=0))            # ✔ step 4"),
    # 4 · the derived gradients agree with finite differences of L — not of a loss without its ½
    dict(cell="E = (X_small @ W_small + b_small - T_small) / X_small.shape[0]",
         old="loss = lambda: linear.loss(X_small, W_small, b_small, T_small)",
         new="loss = lambda: 2 * linear.loss(X_small, W_small, b_small, T_small)   # the loss without its ½",
         breaks="assert err_dW < 1e-7 and err_db < 1e-7   # ✔ steps 3 and 4 agree with finite differences"),
    # 5 · one step downhill lowers the loss; a step along the gradient (uphill) raises it
    dict(cell="W1, b1 = W - lr * dW, b - lr * db",
         old="W1, b1 = W - lr * dW, b - lr * db", new="W1, b1 = W + lr * dW, b + lr * db",
         breaks="assert linear.loss(X, W1, b1, T) < linear.loss(X, W, b, T)    # ✔ one step made it better"),
    # 6 · the normal equations give [w, b]: with the ones column first they give [b, w]
    dict(cell="theta = np.linalg.solve(X1.T @ X1, X1.T @ T)",
         old="X1 = np.hstack([X, np.ones((X.shape[0], 1))])",
         new="X1 = np.hstack([np.ones((X.shape[0], 1)), X])",
         breaks="np.testing.assert_allclose(theta.ravel(), [W_star[0, 0], b_star[0]])   # ✔ same answer"),
    # 6 · 200 steps arrive at the least-squares answer; 20 do not
    dict(cell="theta = np.linalg.solve(X1.T @ X1, X1.T @ T)",
         old="for step in range(200):", new="for step in range(20):",
         breaks="np.testing.assert_allclose([W_gd[0, 0], b_gd[0]], [W_star[0, 0], b_star[0]], atol=1e-6)   # ✔ descent arrives there"),
    # 7 · the limit 2/λ_max of the right Hessian: with H halved, "just below" is far past the true limit
    dict(cell="lr_limit = 2 / lam_max",
         old="H = X1.T @ X1 / X.shape[0]", new="H = X1.T @ X1 / (2 * X.shape[0])",
         breaks='assert final["just below the limit"] < start_loss    # ✔ just below 2/λ_max the loss comes down ...'),
    # 7 · ... and with the factor 2 missing (1/λ_max), "just above" still converges
    dict(cell="lr_limit = 2 / lam_max",
         old="lr_limit = 2 / lam_max", new="lr_limit = 1 / lam_max",
         breaks='assert final["just above"] > start_loss              # ✔ ... just above it, it climbs'),
    # 7 · the gradient is H d, with d = θ − θ*, not θ* − θ
    dict(cell="d0 = np.array([W[0, 0], b[0]]) - theta_star",
         old="d0 = np.array([W[0, 0], b[0]]) - theta_star",
         new="d0 = theta_star - np.array([W[0, 0], b[0]])",
         breaks="np.testing.assert_allclose([dW0[0, 0], db0[0]], H @ d0)   # ✔ the gradient is H d"),
    # 7 · the loss is quadratic in d: its excess shrinks by (1 − ηλ)^(2N), not (1 − ηλ)^N
    dict(cell="d0 = np.array([W[0, 0], b[0]]) - theta_star",
         old="** (2 * N)", new="** N",
         breaks="np.testing.assert_allclose(measured, excess(0.1, 10))    # ✔ L_N − L* = ½ Σ λ_i c_i² (1 − ηλ_i)^(2N)"),
    # 7 · the rule of thumb over the essay's range; from the top (1.0 → 0.1) it fails: 28/5 = 5.6
    dict(cell="rates = np.array([0.1, 0.01, 0.001, 0.0001])",
         old="rates = np.array([0.1, 0.01, 0.001, 0.0001])",
         new="rates = np.array([1.0, 0.1, 0.01, 0.001])",
         breaks="np.testing.assert_allclose(updates[1:] / updates[:-1], 10, rtol=0.05)   # ✔ a decimal place less: ≈ 10× the updates"),
    # 7 · t* of the small-step formula: forgetting that the loss shrinks twice as fast as the error
    dict(cell="rates = np.array([0.1, 0.01, 0.001, 0.0001])",
         old="np.exp(-2 * np.outer(t, lam))", new="np.exp(-np.outer(t, lam))",
         breaks="np.testing.assert_allclose(rates * updates, t_star, rtol=0.05)          # ✔ updates ≈ t*/lr"),
    # 7 · up to 0.8 a larger rate pays: not for inputs 1.3 times larger (λ_max 2.33; 0.8 needs 25 updates)
    dict(cell="just_below, just_above = 0.98 * lr_limit, 1.02 * lr_limit",
         old="count[lr] = linear.updates_to_reach(X, T, W, b, lr, target)",
         new="count[lr] = linear.updates_to_reach(1.3 * X, T, W, b, lr, target)",
         breaks="assert count[0.1] > count[0.3] > count[0.5] > count[0.8]     # ✔ up to 0.8 a larger rate needs fewer updates ..."),
    # 7 · ... and from 1 on it stops paying: not for inputs 0.7 times as large (λ_max 1.02; 1.2 needs 3)
    dict(cell="just_below, just_above = 0.98 * lr_limit, 1.02 * lr_limit",
         old="count[lr] = linear.updates_to_reach(X, T, W, b, lr, target)",
         new="count[lr] = linear.updates_to_reach(0.7 * X, T, W, b, lr, target)",
         breaks="assert count[0.8] < count[1.0] < count[1.2]                  # ✔ ... from 1 on it needs more"),
    # 7 · measured against the rule: a rule that promised half the updates (t* of a loss shrinking
    #     4× as fast as the distance) would be beaten nowhere; one that forgot the 2 (t* = 5.78) everywhere
    dict(cell="just_below, just_above = 0.98 * lr_limit, 1.02 * lr_limit",
         old="just_below, just_above = 0.98 * lr_limit, 1.02 * lr_limit",
         new="t_star = t[np.argmax(0.5 * (lam * c0**2 * np.exp(-4 * np.outer(t, lam))).sum(axis=1) <= target - L_star)]\n"
             "just_below, just_above = 0.98 * lr_limit, 1.02 * lr_limit",
         breaks="assert all(count[lr] < t_star / lr for lr in (0.1, 0.3, 0.5, 0.8))           # ✔ up to 0.8: fewer than the rule promises"),
    dict(cell="just_below, just_above = 0.98 * lr_limit, 1.02 * lr_limit",
         old="just_below, just_above = 0.98 * lr_limit, 1.02 * lr_limit",
         new="t_star = t[np.argmax(0.5 * (lam * c0**2 * np.exp(-np.outer(t, lam))).sum(axis=1) <= target - L_star)]\n"
             "just_below, just_above = 0.98 * lr_limit, 1.02 * lr_limit",
         breaks="assert all(count[lr] > t_star / lr for lr in (1.0, 1.2, just_below))         # ✔ from 1 on: more than the rule promises"),
    # 7 · slow just below the limit — not at 0.6 of it, which is about the fastest rate
    dict(cell="just_below, just_above = 0.98 * lr_limit, 1.02 * lr_limit",
         old="just_below, just_above = 0.98 * lr_limit, 1.02 * lr_limit",
         new="just_below, just_above = 0.6 * lr_limit, 1.02 * lr_limit",
         breaks="assert count[just_below] > count[0.1]      # ✔ just below the limit, a 14× larger rate needs *more* updates"),
    # 7 · diverges past 2/λ_max — a rate below it (0.9 of the limit) converges
    dict(cell="just_below, just_above = 0.98 * lr_limit, 1.02 * lr_limit",
         old="just_below, just_above = 0.98 * lr_limit, 1.02 * lr_limit",
         new="just_below, just_above = 0.98 * lr_limit, 0.9 * lr_limit",
         breaks='assert count[just_above] == "diverges"     # ✔ past 2/λ_max descent never gets there'),
    # 7 · a fixed budget of 300 updates leaves lr = 0.001 short; 3000 are enough for it
    dict(cell="budget = 300", old="budget = 300", new="budget = 3000",
         breaks="assert after[0.01] <= target < after[0.001]   # ✔ the same budget: 0.01 gets within 1%, 0.001 does not"),
    # 7 · the MLP follows the rule at small rates; from 0.3 down it does not (8 → 52 is 6.5×)
    dict(cell="def updates_mlp(lr, target=0.2):",
         old="mlp_rates = np.array([0.1, 0.01, 0.001])", new="mlp_rates = np.array([0.3, 0.03, 0.003])",
         breaks="np.testing.assert_allclose(mlp_updates[1:] / mlp_updates[:-1], 10, rtol=0.15)   # ✔ the rule holds here too"),
    # 8 · the lowest loss is above zero because the data are noisy: points exactly on a line reach 0
    dict(cell="best_loss = linear.loss(X, W_star, b_star, T)",
         old="best_loss = linear.loss(X, W_star, b_star, T)",
         new="T = 2.0 * X + 1.0                              # points exactly on a line: no noise\n"
             "W_star, b_star = linear.least_squares(X, T)\n"
             "best_loss = linear.loss(X, W_star, b_star, T)",
         breaks="assert best_loss > 0.05      # ✔ well above zero: no line passes through every noisy point"),
    # 8 · seed 0 of the 20 orders is the run of the cell above: not if it started elsewhere (at θ*)
    dict(cell="def sgd_excess(lr, steps, seed):",
         old='model.set_state({"W1": W.copy(), "b1": b.copy()})',
         new='model.set_state({"W1": W_star.copy(), "b1": b_star.copy()})',
         breaks='assert np.isclose(fast[0], finals["one sample (SGD)"] / best_loss - 1)   # the same run as in the cell above'),
    # 8 · a tenth of the rate and ten times the steps settles closer in every order; the same rate for
    #     1500 steps does not (it keeps jittering as far as in 150)
    dict(cell="def sgd_excess(lr, steps, seed):",
         old="slow = np.array([sgd_excess(0.005, 1500, seed)",
         new="slow = np.array([sgd_excess(0.05, 1500, seed)",
         breaks="assert slow.max() < fast.min()     # ✔ a tenth of the rate, ten times the steps: every order ends closer"),
    # §3 "Why square?": the plain difference cancels, |·| never settles, the square does
    dict(cell="signed = np.mean(t.mean() - t)", old="signed = np.mean(t.mean() - t)",
         new="signed = np.mean(np.abs(t.mean() - t))",
         breaks="assert signed == 0 and np.abs(t.mean() - t).min() >= 1       # ✔ errors cancel: a bad fit scores 0"),
    dict(cell="signed = np.mean(t.mean() - t)", old="squared = descend(lambda c: np.mean(c - t))",
         new="squared = descend(lambda c: np.mean(np.sign(c - t)) + 0 * np.mean(c - t))",
         breaks="assert abs(squared[-1] - squared[-2]) < 1e-9                 # ✔ the squared error settles"),
    dict(cell="signed = np.mean(t.mean() - t)",
         old="absolute = descend(lambda c: np.mean(np.sign(c - t)))",
         new="absolute = descend(lambda c: np.mean(np.sign(c - t)) * min(1.0, abs(np.median(t) - c)))",
         breaks="assert hops.min() > 0.05 and absolute[-20:].min() < 2 < absolute[-20:].max()   # ✔ |·| never does"),
]
# asserts that guard no claim of the text (a precondition, an input check): first line -> why
GUARDS = {
}
