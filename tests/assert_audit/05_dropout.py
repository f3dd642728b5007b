"""Assert audit of notebook 05: for each assert, a change that makes its claim false."""
MUTANTS = [
    # ---- 1. overfitting: the gap, not a small training loss, is the sign ----------------------------
    dict(cell="X_clean, y_clean = data.two_moons(440, noise=0.05, seed=0)",   # "clean" data that is just as noisy
         old="data.two_moons(440, noise=0.05, seed=0)", new="data.two_moons(440, noise=0.35, seed=0)",
         breaks="assert h_clean.val_loss[-1] < 0.1 and history.val_loss[-1] > 10 * history.train_loss[-1]   # ✔ the gap is the sign"),
    # ---- 2. early stopping ------------------------------------------------------------------------------
    dict(cell="h_stop = train(stopped, X_train, y_train",                     # the last weights kept, not the best
         old="patience=50)", new="patience=50, restore_best=False)",
         breaks="np.testing.assert_allclose(stopped.loss(X_val, y_val), min(h_stop.val_loss))   # ✔ the best weights were restored"),
    dict(cell="h_stop = train(stopped, X_train, y_train",                     # too little patience: stops at the first bump
         old="patience=50)", new="patience=2)",
         breaks="assert h_stop.best_epoch == history.best_epoch                                  # ✔ the same epoch as the long run"),
    # choosing flatters: with no choice (one candidate fixed in advance) the chooser's score is no better
    dict(cell="X_fresh, y_fresh = data.two_moons(2000",
         old="chosen = acc.argmax(axis=0)", new="chosen = np.full(20, 10)                             # no choice made",
         breaks="assert on_own.mean() > on_others.mean() + 0.01 and np.sum(on_own > on_others) > 10   # ✔ choosing flatters the chooser"),
    # ---- 3. the mask and the scale ----------------------------------------------------------------------
    dict(cell="D_many = layers.dropout_mask((10_000,) + A_few.shape, p, rng)",   # the essay's ×2 for every p
         old="mean_scaled = (A_few * D_many / p).mean(axis=0)", new="mean_scaled = (A_few * D_many * 2).mean(axis=0)",
         breaks="np.testing.assert_allclose(mean_scaled, A_few, rtol=0.05)        # ✔ unchanged on average"),
    dict(cell="drop_net = MLP([2, 128, 128, 2], keep_prob=0.5, seed=0)",     # masks also at evaluation
         old="eval_a, eval_b = drop_net.predict_proba(x3), drop_net.predict_proba(x3)",
         new="eval_a, eval_b = drop_net.forward(x3, training=True)[0], drop_net.forward(x3, training=True)[0]",
         breaks="assert not np.allclose(train_a, train_b) and np.array_equal(eval_a, eval_b)     # ✔ masks only in training"),
    # ---- 4. the backward pass ---------------------------------------------------------------------------
    dict(cell="def grads_with_dropout(scale_in_backward=True):",             # the essay's backward: mask without 1/p
         old="right, essay_like = grads_with_dropout(True), grads_with_dropout(False)",
         new="right, essay_like = grads_with_dropout(False), grads_with_dropout(True)",
         breaks="np.testing.assert_allclose(right[name], numeric, rtol=1e-6, atol=1e-9)     # ✔ mask and scale in the backward pass"),
    dict(cell="small_drop = MLP([2, 16, 16, 2], keep_prob=0.5, seed=0)",     # MLP.backward with the mask but not the 1/p
         old="errors = check_network_gradients(small_drop, X_train[:8], y_train[:8], masks=masks)",
         new="import nnla_helpers.network as network_module\n"
             "real_dropout_backward = network_module.dropout_backward\n"
             "def mask_only(dA, cache): return dA * cache[0]                        # the mask, without 1/p\n"
             "mask_only.formula = mask_only\n"
             "network_module.dropout_backward = mask_only\n"
             "try:\n"
             "    errors = check_network_gradients(small_drop, X_train[:8], y_train[:8], masks=masks)\n"
             "finally:\n"
             "    network_module.dropout_backward = real_dropout_backward",
         breaks="assert max(errors.values()) < 1e-6                                                    # ✔ every parameter"),
    dict(cell="A_drop, drop_cache = layers.dropout_forward(A_s, D_s, p_s)",  # a forward pass without the 1/p
         old="A_drop, drop_cache = layers.dropout_forward(A_s, D_s, p_s)", new="A_drop, drop_cache = A_s * D_s, (D_s, p_s)",
         breaks="np.testing.assert_allclose(A_drop, A_s * D_s / p_s)                  # ✔ the forward line"),
    dict(cell="A_drop, drop_cache = layers.dropout_forward(A_s, D_s, p_s)",  # the essay's backward: no ×2
         old="dA_s = layers.dropout_backward(dA_drop, drop_cache)", new="dA_s = dA_drop * D_s",
         breaks="np.testing.assert_allclose(dA_s, dA_drop * D_s / p_s)                # ✔ the backward line: same D, same 1/p"),
    dict(cell="A_drop, drop_cache = layers.dropout_forward(A_s, D_s, p_s)",  # W2 fed the activations before dropout
         old="layers.dense_forward(A_drop, W2_s, b2_s)", new="layers.dense_forward(A_s, W2_s, b2_s)",
         breaks="np.testing.assert_allclose(dW2_s, A_drop.T @ dZ2_s)                  # ✔ W2 sees the dropped activations"),
    dict(cell="A_drop, drop_cache = layers.dropout_forward(A_s, D_s, p_s)",  # a backward pass that forgets the mask
         old="dA_s = layers.dropout_backward(dA_drop, drop_cache)", new="dA_s = dA_drop / p_s",
         breaks="assert np.all(dA_s[D_s == 0] == 0)                                   # ✔ a dropped unit gets no gradient"),
    # ---- 5. units, not weights --------------------------------------------------------------------------
    dict(cell="unit_dropout = (a * d) @ W",                                  # the rows of the wrong units removed
         old="rows_removed = a @ (d[:, None] * W)", new="rows_removed = a @ (np.roll(d, 1)[:, None] * W)",
         breaks="np.testing.assert_allclose(unit_dropout, rows_removed) # ✔ dropping a unit = dropping its row of outgoing weights"),
    # ---- 6. side by side --------------------------------------------------------------------------------
    dict(cell="results = {1.0: [(history.val_loss[-1]",                       # the labels of seeds 1 and 2 mixed up
         old="results[keep].append((h.val_loss[-1], h.val_acc[-1]))", new="results[1.5 - keep].append((h.val_loss[-1], h.val_acc[-1]))",
         breaks="assert np.all(with_drop[:, 0] < no_drop[:, 0]) and np.all(with_drop[:, 1] >= no_drop[:, 1])   # ✔ every seed"),
    dict(cell="results = {1.0: [(history.val_loss[-1]",                       # early stopping that kept the last weights
         old="no_drop, with_drop = np.array(results[1.0]), np.array(results[0.5])",
         new="stopped = big                    # the weights of the last epoch, not the best\n"
             "no_drop, with_drop = np.array(results[1.0]), np.array(results[0.5])",
         breaks="assert stopped.loss(X_val, y_val) < with_drop[:, 0].min()                                       # ✔ early stopping: lower still"),
    dict(cell="X_more, y_more = data.two_moons(800, noise=0.35, seed=1)",   # not more data but as little as before
         old="data.split(X_more, y_more, (400, 400), seed=1)", new="data.split(X_more, y_more, (40, 760), seed=1)",
         breaks="assert more[0.5][1] >= more[1.0][1] and more[0.5][2] <= more[1.0][2]     # ✔ no gain from dropout here"),
    # ---- 7. signal and noise ----------------------------------------------------------------------------
    dict(cell="def accuracy_with_half_the_units(net, X, y, n_masks=200):",   # if dropout changed no reliance
         old='("dropout p = 0.5", dropped)', new='("dropout p = 0.5", big)',
         breaks='assert loss_of["no dropout"] > 0.1 and loss_of["no dropout"] > 2 * loss_of["dropout p = 0.5"]   # ✔ co-adapted units'),
    dict(cell="def nearer_moon(P):",                                         # if dropout followed the noise as closely
         old='("dropout p = 0.5", dropped)', new='("dropout p = 0.5", big)',
         breaks='assert agree["dropout p = 0.5"] > agree["no dropout"] + 0.03      # ✔ dropout\'s regions follow the signal more closely'),
    # ---- 8. the test set, once --------------------------------------------------------------------------
    dict(cell='finished = {"no dropout": big',                               # an early stopping that kept the last weights
         old='"early stopping": stopped}', new='"early stopping": big}',
         breaks='assert choice == "early stopping"                                     # ✔ the lowest validation loss'),
    dict(cell='finished = {"no dropout": big',                               # the choice made on the training set
         old="val_scores = {name: (net.loss(X_val, y_val), net.accuracy(X_val, y_val))",
         new="val_scores = {name: (net.loss(X_train, y_train), net.accuracy(X_train, y_train))",
         breaks='assert test_scores[choice][0] < test_scores["no dropout"][0] and test_scores[choice][1] > test_scores["no dropout"][1] + 0.03   # ✔ the choice holds on new data'),
]
# asserts that guard no claim of the text (a precondition, an input check): first line -> why
GUARDS = {
}
