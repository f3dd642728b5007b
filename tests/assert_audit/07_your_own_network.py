"""Assert audit of notebook 07: for each assert, a change that makes its claim false.

The two asserts of section 6 that judge the learner's own network run only once exercises 1, 2
and 5 are correct; their mutants load the worked solutions first (the audit runs in the
notebooks' folder) and then break the learner's run.
"""
WORKED = ('exec(open("solutions/07_your_own_network.py").read())      # the worked solutions\n'
          "yours_ready = True")

MUTANTS = [
    # ---- 1. one layer's pair, and the MLP at every depth ----------------------------------------
    dict(cell="A_prev = rng.normal(size=(5, 4))",                 # A_prev changed after the forward kept it
         old="Z, dense_cache = layers.dense_forward(A_prev, W, b)",
         new="Z, dense_cache = layers.dense_forward(A_prev, W, b)\nA_prev = A_prev * 2",
         breaks="np.testing.assert_allclose(dW, A_prev.T @ dZ)          # ✔ dW = A_prevᵀ dZ"),
    dict(cell="A_prev = rng.normal(size=(5, 4))",                 # the weights changed after the forward
         old="dA_prev, dW, db = layers.dense_backward(dZ, dense_cache)",
         new="dA_prev, dW, db = layers.dense_backward(dZ, dense_cache)\nW = W + 1",
         breaks="np.testing.assert_allclose(dA_prev, dZ @ W.T)          # ✔ dA_prev = dZ Wᵀ"),
    dict(cell="X_small = rng.normal(size=(6, 4))",                # a backward that forgets g′ (tanh: every layer)
         old="errors = check_network_gradients(MLP(sizes, hidden=hidden, seed=depth), X_small, y_small)",
         new="net = MLP(sizes, hidden=hidden, seed=depth)\n"
             "        import nnla_helpers.network as network_module\n"
             "        real_backward = network_module.activation_backward\n"
             "        def no_slope(dA, cache): return dA\n"
             "        no_slope.formula = no_slope\n"
             "        network_module.activation_backward = no_slope\n"
             "        try:\n"
             "            errors = check_network_gradients(net, X_small, y_small)\n"
             "        finally:\n"
             "            network_module.activation_backward = real_backward",
         breaks="assert worst < 1e-6                              # ✔ backprop = finite differences"),
    # ---- 2. mini-batches --------------------------------------------------------------------------
    dict(cell="X_10k, y_10k = X_train[:10_000], y_train[:10_000]",   # batches of 128 with a tiny step
         old='("batches of 128", 128, 0.5)', new='("batches of 128", 128, 0.0005)',
         breaks='assert after["batches of 128"] < 0.5 * after["the whole 10 000 per step"]   # ✔ mini-batches win per example'),
    # ---- 3. train / validation / test -------------------------------------------------------------
    dict(cell="best_lr, best_epoch = min(",                         # the chosen weights never loaded: an untrained network
         old="chosen.set_state(nets[best_lr][best_epoch - 1])", new="pass",
         breaks="assert test_acc > 0.94   # ✔ (its last digit varies between machines: float32 sums)"),
    dict(cell="best_lr, best_epoch = min(",                         # chosen by the highest validation loss
         old='key=lambda pick: runs[pick[0]]["val_loss"][pick[1] - 1])',
         new='key=lambda pick: -runs[pick[0]]["val_loss"][pick[1] - 1])',
         breaks="assert best_lr == 0.3                                    # ✔ the middle rate: 0.03 is slow, 3.0 overshoots"),
    dict(cell="best_lr, best_epoch = min(",                         # lr 3.0's runs replaced by a working rate
         old="best_lr, best_epoch = min(", new='runs[3.0] = runs[0.3]\nbest_lr, best_epoch = min(',
         breaks='assert all(abs(v - np.log(10)) < 0.25 for v in runs[3.0]["val_loss"])  # ✔ lr 3.0: stuck at chance, ln 10'),
    # ---- 4. updates -------------------------------------------------------------------------------
    dict(cell="loss0, grad0 = optim.valley(np.array([-4.0, 1.5]))",  # a round bowl, not a valley
         old="loss0, grad0 = optim.valley(np.array([-4.0, 1.5]))",
         new="loss0, grad0 = optim.valley(np.array([-4.0, 1.5]), steep=1.0, shallow=1.0)",
         breaks="assert abs(grad0[1]) > 10 * abs(grad0[0])                 # ✔ steep across, flat along"),
    dict(cell="rule = optim.Momentum(params, momentum=0.9)",         # the sum without the shrinking μ^(t−k)
         old="running_sum = -0.1 * sum(0.9 ** (6 - k) * g for k, g in enumerate(grads, start=1))",
         new="running_sum = -0.1 * sum(g for k, g in enumerate(grads, start=1))",
         breaks='np.testing.assert_allclose(rule.velocity["P"], running_sum)     # ✔ v is the running sum'),
    dict(cell="adam = optim.Adam(params)",                           # Adam with another β₁ than the sum says
         old="adam = optim.Adam(params)", new="adam = optim.Adam(params, beta1=0.8)",
         breaks='np.testing.assert_allclose(adam.m["P"], (1 - 0.9 ** t) * g)             # ✔ m_t = (1 − β₁ᵗ) g'),
    dict(cell="adam = optim.Adam(params)",                           # Adam without its bias correction
         old="adam.step(params, {\"P\": g}, lr=0.01)",
         new="adam.step(params, {\"P\": g}, lr=0.01)\n"
             "    params[\"P\"] = before - 0.01 * adam.m[\"P\"] / (np.sqrt(adam.s[\"P\"]) + 1e-8)",
         breaks="np.testing.assert_allclose(step, np.sign(g), rtol=1e-6)                # ✔ every step is lr in size"),
    dict(cell='params = {"W1": np.random.default_rng(2).normal(size=(3, 2)), "b1": np.ones(2)}',   # the penalty without ½
         old='numeric = numerical_gradient(lambda: optim.l2_penalty(params, 0.1), params["W1"])',
         new='numeric = numerical_gradient(lambda: 2 * optim.l2_penalty(params, 0.1), params["W1"])',
         breaks='assert relative_error(optim.l2_gradient(params, 0.1)["W1"], numeric) < 1e-8    # ✔ d(λ/2 ‖W‖²)/dW = λW'),
    dict(cell='params = {"W1": np.random.default_rng(2).normal(size=(3, 2)), "b1": np.ones(2)}',   # a penalty on the biases too
         old='"b1": np.ones(2)}',
         new='"b1": np.ones(2)}\nimport types\nreal_optim = optim\n'
             'optim = types.SimpleNamespace(l2_penalty=real_optim.l2_penalty,\n'
             '                              l2_gradient=lambda p, lam: {k: lam * v for k, v in p.items()})',
         breaks='assert "b1" not in optim.l2_gradient(params, 0.1)                               # ✔ the biases are not penalised'),
    dict(cell="def distance_after(rule_of, lr, steps=150):",        # momentum too heavy to settle in 150 steps
         old='"momentum": lambda p: optim.Momentum(p, 0.9)', new='"momentum": lambda p: optim.Momentum(p, 0.995)',
         breaks='assert far["momentum"] < 0.01 and far["Adam"] < 0.01                          # ✔ both arrive'),
    dict(cell="def distance_after(rule_of, lr, steps=150):",        # steps enough for descent to arrive too
         old="def distance_after(rule_of, lr, steps=150):", new="def distance_after(rule_of, lr, steps=3000):",
         breaks='assert far["gradient descent"] > 0.5 if lr == 0.1 else not far["gradient descent"] < 1e6   # ✔ crawls; bounces off'),
    dict(cell='settings = {"gradient descent, lr 0.1": dict(lr=0.1),',   # momentum with a step too small to matter
         old='"momentum 0.9, lr 0.1": dict(lr=0.1, momentum=0.9)', new='"momentum 0.9, lr 0.1": dict(lr=0.001, momentum=0.9)',
         breaks='assert val_acc["momentum 0.9, lr 0.1"] > val_acc["gradient descent, lr 0.1"]      # ✔ momentum helps'),
    dict(cell='settings = {"gradient descent, lr 0.1": dict(lr=0.1),',   # Adam with a step too small
         old='"Adam, lr 0.001": dict(lr=0.001, optimizer="adam")', new='"Adam, lr 0.001": dict(lr=0.000001, optimizer="adam")',
         breaks='assert val_acc["Adam, lr 0.001"] > val_acc["gradient descent, lr 0.1"]            # ✔ so does Adam'),
    dict(cell='settings = {"gradient descent, lr 0.1": dict(lr=0.1),',   # a decay too weak to show
         old='weight_decay=1e-3)}', new='weight_decay=1e-7)}',
         breaks="assert shrink <= 0.8                                                              # ✔ decay keeps the weights smaller"),
    # ---- 5. initialisation ------------------------------------------------------------------------
    dict(cell='X_probe = np.random.default_rng(3).normal(size=(500, 256))',   # Xavier's numbers shown as the essay's
         old='    stds[scheme] = [float(np.std(layer.A)) for layer in cache.layers[:10]]',
         new='    stds[scheme] = [float(np.std(layer.A)) for layer in cache.layers[:10]]\n'
             '    if scheme == "he":\n        stds["uniform"] = stds["xavier"]',
         breaks='assert stds["uniform"][9] > 1e4 * stds["uniform"][0]    # ✔ the essay\'s scale explodes: ×10 000 in ten layers'),
    dict(cell='X_probe = np.random.default_rng(3).normal(size=(500, 256))',   # Xavier drawn with He's scale
         old='net = MLP([256] * 11 + [10], hidden="relu", init=scheme, seed=0)',
         new='net = MLP([256] * 11 + [10], hidden="relu", init="he" if scheme == "xavier" else scheme, seed=0)',
         breaks='assert stds["xavier"][9] < 0.1                           # ✔ Xavier\'s 1/n_in halves the variance per ReLU layer: it fades'),
    dict(cell='X_probe = np.random.default_rng(3).normal(size=(500, 256))',   # He with tanh's scale, through ReLU
         old='net = MLP([256] * 11 + [10], hidden="relu", init=scheme, seed=0)',
         new='net = MLP([256] * 11 + [10], hidden="relu", init="xavier" if scheme == "he" else scheme, seed=0)',
         breaks='assert 0.3 < stds["he"][9] / stds["he"][0] < 3           # ✔ He keeps it steady'),
    # ---- 6. the result ----------------------------------------------------------------------------
    dict(cell="EPOCHS, BATCH, SEED = 10, 32, 0",                    # one epoch is not enough
         old="EPOCHS, BATCH, SEED = 10, 32, 0", new="EPOCHS, BATCH, SEED = 1, 32, 0",
         breaks="assert helpers_acc >= 0.98                              # ✔ the target of this notebook"),
    dict(cell="yours_ready = {",                                     # the learner's batches one row larger
         old='yours_ready = {"check_backprop", "check_sgd_epoch", "check_he_init"} <= done',
         new=WORKED + "\nBATCH = BATCH + 1",
         breaks="assert difference < 1e-3                        # ✔ you rebuilt the package"),
    dict(cell="yours_ready = {",                                     # the learner's run stopped after one epoch
         old='yours_ready = {"check_backprop", "check_sgd_epoch", "check_he_init"} <= done',
         new=WORKED + "\nEPOCHS = 1",
         breaks="assert your_acc >= 0.98                                     # ✔ 98 % with your own code"),
]
GUARDS = {
}
