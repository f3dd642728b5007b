"""Assert audit of notebook 06: for each assert, a change that makes its claim false.

Notebook 06 trains for a while, so the mutants sit in cheap cells where a claim allows:
they change the compared quantity, not the long training runs.
"""
MUTANTS = [
    # ---- 1. one image: a matrix and a vector ------------------------------------------------------
    dict(cell="image = X_train[0].reshape(28, 28)",                   # the pixels read column by column
         old="image = X_train[0].reshape(28, 28)", new='image = X_train[0].reshape(28, 28, order="F")',
         breaks="np.testing.assert_array_equal(image.reshape(784), X_train[0])     # ✔ flattening is just a reshape"),
    dict(cell="image = X_train[0].reshape(28, 28)",                   # the picture transposed
         old="image = X_train[0].reshape(28, 28)", new="image = X_train[0].reshape(28, 28).T",
         breaks="assert image[r, c] == X_train[0][28 * r + c]                        # ✔ pixel (r, c) is entry 28r + c"),
    # ---- 2. the essay's network in columns --------------------------------------------------------
    dict(cell="def softmax_columns(Z):",                              # the softmax normalised along the rows
         old="return E / E.sum(axis=0, keepdims=True)", new="return E / E.sum(axis=1, keepdims=True)",
         breaks="np.testing.assert_allclose(A2.sum(axis=0), 1, rtol=1e-5)      # ✔ every column is a probability distribution"),
    dict(cell="essay_values = np.array([0.020, 0.903, 0.0497])",      # the essay's softmax values
         old="s = softmax_columns(np.array([[1.3], [5.1], [2.2]]))", new="s = np.array([[0.020], [0.903], [0.0497]])",
         breaks="np.testing.assert_allclose(s.ravel(), [0.0208, 0.9282, 0.0511], atol=5e-5)    # ✔"),
    # ---- 3. the backward pass ---------------------------------------------------------------------
    dict(cell="def backward(W1, b1, W2, b2, A0, Y, Z1, A1, A2):",     # db2 as a mean over the images (axis 0)
         old="db2 = dZ2.mean(axis=1, keepdims=True)", new="db2 = dZ2.mean(axis=0, keepdims=True)",
         breaks="assert g.shape == p.shape                  # ✔ a gradient has its parameter's shape"),
    dict(cell="def cross_entropy_t():",                               # a summed, not averaged, cross-entropy
         old="return -np.sum(Y_t * np.log(forward(*params_t, A0_t)[3])) / A0_t.shape[1]",
         new="return -np.sum(Y_t * np.log(forward(*params_t, A0_t)[3]))",
         breaks="assert err_ce < 1e-7          # ✔ the essay's formulas are the gradient of the cross-entropy"),
    # ---- 4. the bridge ----------------------------------------------------------------------------
    dict(cell="def essay_to_course(W1, b1, W2, b2):",                 # the square W2 left untransposed
         old='"W2": W2.T', new='"W2": W2',
         breaks="np.testing.assert_allclose(P_rows, A2_e.T, rtol=1e-12, atol=1e-15)        # ✔ identical outputs"),
    dict(cell="def essay_to_course(W1, b1, W2, b2):",                 # the bias laid flat in the wrong order
         old='"b1": b1.ravel()', new='"b1": b1.ravel()[::-1]',
         breaks="np.testing.assert_allclose(cache.Z[0], Z1_e.T, rtol=1e-12, atol=1e-12)     # ✔ and hidden layers"),
    dict(cell="def essay_to_course(W1, b1, W2, b2):",                 # the course's gradients for other labels
         old="grads_rows = net64.backward(cache, y_train[:1000])", new="grads_rows = net64.backward(cache, y_train[1:1001])",
         breaks="np.testing.assert_allclose(g_row, g_as_row, rtol=1e-10, atol=1e-15)    # ✔ identical gradients"),
    dict(cell="W1_rows = np.ascontiguousarray(W1.T)",                 # a reshape is not a transpose
         old="W1_rows = np.ascontiguousarray(W1.T)", new="W1_rows = np.ascontiguousarray(W1.reshape(784, 10))",
         breaks="np.testing.assert_allclose(W1 @ A0, (X_train @ W1_rows).T, rtol=1e-4, atol=1e-4)   # ✔ the same numbers"),
    dict(cell="W1_rows = np.ascontiguousarray(W1.T)",                 # the essay's product without the ReLU's mask
         old="G = dZ1 @ A0.T", new="G = (W2.T @ (A2 - Y)) @ A0.T",
         breaks="np.testing.assert_allclose((A0 @ dZ1.T).T, G, rtol=1e-4, atol=1e-5 * np.abs(G).max())  # ✔ the same numbers"),
    # ---- 5. the essay's recipe, measured ----------------------------------------------------------
    dict(cell='essay_val_acc = essay_log["val_acc"][-1]',             # a curve that had levelled out
         old='gain_last_100 = essay_log["val_acc"][-1] - essay_log["val_acc"][-5]',
         new='essay_log["val_acc"][-4:] = [essay_log["val_acc"][-5]] * 4      # flat for the last 100 steps\n'
             'gain_last_100 = essay_log["val_acc"][-1] - essay_log["val_acc"][-5]',
         breaks="assert gain_last_100 > 0.005                  # ✔ still climbing when the recipe stops"),
    dict(cell='steps_all = essay_log["step"] + [STEPS + s for s in more_log["step"]]',   # 500 steps that moved nothing
         old='acc_all = 100 * np.array(essay_log["val_acc"] + more_log["val_acc"])',
         new='acc_all = 100 * np.array(essay_log["val_acc"] + essay_log["val_acc"][-1:] * len(more_log["val_acc"]))',
         breaks='assert acc_all[-1] > acc_all[len(essay_log["step"]) - 1] + 1     # ✔ 500 more steps: clearly higher'),
    dict(cell="def essay_start_net():",                               # the same 10 passes, but full batch: 10 steps
         old="history = train(net, X_train, y_train, epochs=10, lr=0.1, batch_size=batch, seed=0)",
         new="history = train(net, X_train, y_train, epochs=10, lr=0.1, batch_size=None, seed=0)",
         breaks="assert min(test_acc for *_, test_acc in results.values()) > more_test_acc + 0.02   # ✔ mini-batches win clearly"),
    dict(cell='print(f"linear softmax (784-10): {linear_acc:.1%}',    # a linear classifier that saw 1000 images
         old='print(f"linear softmax (784-10): {linear_acc:.1%}',
         new='linear_small = MLP([784, 10], init="uniform", seed=0, dtype=np.float32)\n'
             'train(linear_small, X_train[:1000], y_train[:1000], epochs=10, lr=0.1, batch_size=32, seed=0)\n'
             'linear_acc = linear_small.accuracy(X_test, y_test)\n'
             'print(f"linear softmax (784-10): {linear_acc:.1%}',
         breaks="assert linear_acc > 0.91                      # ✔ clearly above the essay's 90 %"),
    # ---- 6. the better network --------------------------------------------------------------------
    dict(cell="test accuracy {'at least 98 % ✔' if big_test_acc >= 0.98",   # the essay's 784-10-10 instead
         old='print(f"784-256-10 after', new="big_test_acc = minibatch_net.accuracy(X_test, y_test)\nprint(f\"784-256-10 after",
         breaks="assert big_test_acc >= 0.98         # ✔ the goal of this notebook"),
    # ---- 7. looking inside ------------------------------------------------------------------------
    dict(cell="P_test = big.predict_proba(X_test)",                   # the confusions of the essay's small network
         old="P_test = big.predict_proba(X_test)", new="P_test = minibatch_net.predict_proba(X_test)",
         breaks="assert per_digit.min() > 0.95 and counts.sum() == len(y_test)      # ✔ every digit is read right 95 % of the time"),
    dict(cell="essay_net.set_state(essay_to_course(*essay_params))",  # the square W2 forgotten in the bridge
         old="essay_net.set_state(essay_to_course(*essay_params))",
         new='essay_net.set_state({**essay_to_course(*essay_params), "W2": essay_params[2]})',
         breaks="assert same == 1.0"),
    dict(cell="k = 3                                                    # a test image; try others",   # a digit it gets wrong
         old="k = 3 ", new="k = int(np.flatnonzero(predicted != y_test)[0]) ",
         breaks="assert p.argmax() == y_test[k] and 0 < np.count_nonzero(a1) < 256     # ✔ right, with a few units doing the work"),
]
# asserts that guard no claim of the text (a precondition, an input check): first line -> why
GUARDS = {
}
