"""The items of the four essays and where the notebooks teach them: the data behind
docs/essay_coverage.md (tools/essay_coverage.py renders it).

Each place is a text anchor that must occur in exactly one cell of the notebook, so the
rendered cell numbers follow the notebooks; a "checks" anchor must be a code cell that asserts.
"""

# Items: (id, essay line, item text, taught[(nb, anchor)], checks[(nb, anchor)], boxes[(nb, anchor)], err, note)
# err: None, "errata" (listed in ERRATA.md) or "own" (a slip the notebooks point out, not in ERRATA.md)
I = []
def item(id, line, text, taught=(), checks=(), boxes=(), err=None, note=""):
    I.append(dict(id=id, line=line, text=text, taught=list(taught), checks=list(checks), boxes=list(boxes), err=err, note=note))

# ---------------------------------------------------------------- essay 000
item("000-1", "l.8–9", "Gradient descent (recap of the linear model of parts I–II): input · W + B gives the output, compare with the truth, take the gradients of the loss, step down the slope, repeat",
     [("01", "## 4. The gradient, derived"), ("01", "## 5. One step downhill, by hand")],
     [("01", "assert err_dW < 1e-7"), ("01", "one step made it better")])
item("000-2", "l.8", "The lowest point of the loss is \"where the loss function is zero\"",
     [("01", "## 8. Full batch, mini-batch, stochastic"), ("04", "Neither valley reaches $f = 0$")],
     [("01", "assert best_loss > 0.05")],
     [("01", "Essay 000 calls gradient descent stochastic")], "errata",
     "the minimum of a loss is usually above zero; 04 repeats it for a loss with two valleys (text)")
item("000-3", "l.8", "Gradient descent \"is also known as Stochastic Gradient Descent, as we calculate the gradient after each step\"",
     [("01", "## 8. Full batch, mini-batch, stochastic")],
     [("01", "assert slow.max() < fast.min()")],
     [("01", "Essay 000 calls gradient descent stochastic")], "errata",
     "full batch vs one-sample SGD drawn on the loss surface (cells after the box); the assert checks SGD's noise (a smaller rate settles closer), not the definition itself")
item("000-4", "l.9–31", "A hidden vector: H = I W1 + B1 with I (1×n), W1 (n×m), B1 (1×m), then O = H W2 + B2 with W2 (m×z); the hidden size is ours to choose, the shapes must chain",
     [("02", "Essay 000 puts a vector in between")], [], [], "own",
     "the essay's text gives W2 the size \"1 × m\" (l.27), its formula the right m × z — the notebook says so in a parenthesis, not a box. The letter swap (essay m = course n_h) is in the table of 02 cell 0. The code cell after it prints the shapes, no assert")
item("000-5", "l.40–45", "Claim: without an activation the hidden vector adds nothing — (I W1 + B1) W2 + B2 is one transformation",
     [("02", "Here is essay 000's surprise"), ("02", "The same network, trained outside the widget")],
     [("02", "np.testing.assert_allclose(X @ W_prime + b_prime, O)"), ("02", "one_layer.predict_proba(X_xor)")], [], None,
     "also a trained 2-8-2 net equals its collapsed 2-2 layer. The essay's aside that collapsing \"just reduces the cost of computation\": 02 §7 counts 42 against 6 parameters (printed, not asserted)")
item("000-6", "l.45", "Two layers' weights and biases are \"a single matrix (even the biases)\"",
     [("02", '## 3. "Even the biases"?')],
     [("02", "the product IS the collapsed layer"), ("02", "homogeneous_at_zero[0, :2], two_layers_at_zero[0]")],
     [("02", "can simply be represented as a single matrix (even the biases)")], "errata",
     "one affine layer W' = W1 W2, b' = b1 W2 + b2; one matrix only with an appended 1 (homogeneous coordinates)")
item("000-7", "l.45", "A hidden layer should create \"artificial correlation\" where the inputs are not correlated with the output; a linear one only \"jumbles or mix-matches the existent correlations\"",
     [("02", "## 5. Why a hidden layer at all?"), ("02", "jumble or mix-match the existent correlations")],
     [("02", "assert corr_with_label(x1x2)[0] < -0.9"), ("02", "cov_with_label(X_xor) @ W1_r")], [], None,
     "XOR: x1, x2 uncorrelated with the label, x1·x2 strongly; c_H = c_X W1 for a linear hidden layer")
item("000-8", "l.45", "Claim: the stacked equation is linear, so it can only express a direct input–output relation",
     [("02", "## 6. The picture: a grid through linear layers"), ("02", "## 7. A linear network cannot learn XOR")],
     [("02", "assert max(bends) < 1e-10"), ("02", "assert accuracy_per_line.max() == 0.75")])
item("000-9", "l.45", "\"What we need is a little randomness\" to make the equation non-linear",
     [("03", "## 1. Why an activation")], [("03", "the same, no randomness")],
     [("03", "what we need is a little randomness")], "errata",
     "non-linearity, not randomness; ReLU is deterministic. 02 §5 already flags it in one sentence")
item("000-10", "l.45, l.61–66", "An activation function on the hidden vector makes the network non-linear; forward propagation O = act(I W1 + B1) W2 + B2",
     [("03", "## 1. Why an activation"), ("03", "## 10. Now XOR is learnable")],
     [("03", "assert misfit > 0.1"), ("03", "assert relu_net.accuracy(X_xor, y_xor) == 1.0")], [], None,
     "no single affine layer reproduces a ReLU network; the ReLU 2-8-2 net learns XOR")
item("000-11", "l.47, l.51–57", "ReLU: set negative entries to zero, leave the rest; written as ReLU(h) = ½(h + |h|)",
     [("03", "## 2. ReLU")], [("03", "0.5 * (z + np.abs(z))")], [], None,
     "ERRATA.md: correct; the notebook shows it equal to max(0, h) and derives ReLU′ = [h > 0] = ½(1 + sign h)")
item("000-12", "l.47", "ReLU works because it \"forces some random weights in the matrix to be zero\"",
     [("03", "## 1. Why an activation")], [("03", "the same, no randomness")],
     [("03", "what we need is a little randomness")], "errata",
     "ReLU zeroes activations whose pre-activation is negative, not weights, and which ones depends on the input")
item("000-13", "l.71", "Sigmoid activation 1 / (1 + e^(−h)), entry by entry",
     [("03", "## 4. The sigmoid")], [("03", "np.testing.assert_allclose(derived.max(), c * beta / 4)"), ("03", "np.testing.assert_allclose(sig * (1 - sig)")])
item("000-14", "l.71, l.76", "tanh activation (e^h − e^(−h)) / (e^h + e^(−h)) — the same as numpy.tanh",
     [("03", "## 5. tanh")], [("03", "essay 000's form")])
item("000-15", "l.80–102", "The loss of the two-layer sigmoid net: Z = (T − (σ(I W1 + B1) W2 + B2))², with four parameter sets to learn",
     [("04", "Essay 000 (part IV) uses a sigmoid hidden layer")], [("04", "swapped in pairs")], [], None,
     "the check cell builds this loss (essay_loss) for its finite differences")
item("000-16", "l.111, l.116", "The four gradients dZ/dW1 = −2(T−O)·H, dZ/dW2 = −2(T−O)·(I W2 σ′), dZ/dB1 = −2(T−O), dZ/dB2 = −2(T−O)·W2 σ′; \"some matrices need to be transposed\" (not shown)",
     [("04", "Essay 000 (part IV) uses a sigmoid hidden layer"), ("04", "The transposes are not decoration"), ("04", "But when the hidden layer happens to have as many units")],
     [("04", "swapped in pairs"), ("04", "chain rule = finite differences"), ("04", "the check catches it")],
     [("04", "their **labels are swapped**")], "errata",
     "labels swapped in pairs (W1↔W2, B1↔B2); the box writes all four with their transposes, finite differences say which parameter each formula belongs to; 04 §8 shows a missing transpose caught by a gradient check")
item("000-17", "l.116", "Much of each gradient is already computed in the forward pass: reuse it",
     [("04", "it never recomputes anything from the forward pass")], [], [], None,
     "the stepper lists, for every backward line, which forward results it reads; its numbers are checked (cell after the stepper) but the reuse itself is text")
item("000-18", "l.117", "Reaching very low or zero error \"means it has overfitted\"",
     [("05", "## 1. Overfitting, made visible")], [("05", "the gap is the sign")],
     [("05", '"has overfitted"')], "errata",
     "overfitting is the train/held-out gap; clean data reach near-zero training loss without it")
item("000-19", "l.118", "Overfitting: the network fits the given data so exactly that it is useless on other data",
     [("05", "That gap is overfitting")], [("05", "the gap is the sign")], [], None,
     "loss curves and decision regions of a 2-128-128-2 net on 40 noisy points")
item("000-20", "l.118", "More data is a remedy (but it may not be available)",
     [("05", "### A setting where dropout does not help")], [], [], None,
     "ten times more data: the validation loss barely leaves the training loss (printed; the asserts there are about dropout)")
item("000-21", "l.118", "Early stopping: stop before the error reaches zero — a \"premature\" but cheap cure",
     [("05", "## 2. Early stopping"), ("06", "## 6. A better network: 98 %")],
     [("05", "the best weights were restored")], [], None,
     "patience and restoring the best weights; the \"premature\" worry answered in the text; 06 keeps the best epoch by validation loss")
item("000-22", "l.118", "Dropout \"sets random elements of weights and biases to zero\"",
     [("05", "## 5. Dropping units, not weights")], [("05", "dropping a unit = dropping its row of outgoing weights")],
     [("05", "set random elements of weights and biases to zero")], "errata",
     "dropout zeroes units (hidden activations); zeroing weights is DropConnect. 05 §7's box repeats it")
item("000-23", "l.118", "Why dropout works: the network must look at the problem \"from different perspectives\"; signal repeats across the data and is learned, noise does not come up again and is not",
     [("05", "## 7. Why dropout helps")],
     [("05", "co-adapted units"), ("05", "dropout's regions follow the signal more closely")],
     [("05", "Two corrections to the essay's version")], "own",
     "the notebook keeps the signal/noise idea (co-adaptation, thinned networks) and corrects the reason: in full-batch training noisy points come up every step — dropout makes them hard to fit")
item("000-24", "l.122–127, l.131, l.143", "Dropout mask D: a 0/1 vector, each entry 1 with probability 50 %, multiplied element-wise with the hidden vector, H ⊙ D",
     [("05", "## 3. Dropout: the mask")], [("05", "np.testing.assert_allclose(mean_scaled, A_few, rtol=0.05)"), ("05", "masks only in training")], [], None,
     "the course's mask has the batch's shape (m, h), a new one per sample and step; keep-probability p")
item("000-25", "l.127", "The kept units are multiplied by 2 to counter-balance the dropped half",
     [("05", "### Why divide by"), ("05", "### At evaluation: no mask, no scale")],
     [("05", "np.testing.assert_allclose(mean_scaled, A_few, rtol=0.05)"), ("05", "masks only in training")],
     [("05", "Essay 000 multiplies the kept units by 2")], "errata",
     "right for p = 0.5; in general divide by the keep-probability (inverted dropout), E[Ã] = A; at evaluation no mask and no scale")
item("000-26", "l.138", "Dropout gradient dZ/dW1 = −2(T−O)·(σ(I W1 + B1) ⊙ D): the mask, but no ×2",
     [("05", "## 4. Dropout in the backward pass")],
     [("05", "mask and scale in the backward pass"), ("05", "masks=masks)"), ("05", "same D, same 1/p")],
     [("05", "Essay 000 writes the gradient with the mask")], "errata",
     "the backward pass uses the same mask and the same 1/p; the box also recalls that this formula belongs to W2")
item("000-27", "l.145", "\"Regularization\" is the study of tackling overfitting",
     [("05", "Regularisation is a remedy for overfitting")], [], [], None, "one sentence; the word is not defined further")
item("000-28", "l.145", "The network can be extended — more hidden layers, wider ones — on the same premise",
     [("04", "A deeper network, with a ReLU and a tanh layer"), ("06", "## 6. A better network: 98 %")],
     [("04", "check_network_gradients(deep,"), ("06", "the goal of this notebook")], [], None,
     "a 2-8-8-3 net gradient-checked; 784-256-10 reaches ≥ 98 % on MNIST")

# ---------------------------------------------------------------- essay 001
item("001-1", "l.19, l.44–46", "MNIST: 60 000 training and 10 000 test images (the essay's code uses 42 000), 10 classes 0–9",
     [("06", "## 1. Meet the data"), ("06", "### How many of each digit?")], [], [], None,
     "the course cuts 50 000 / 10 000 train / validation out of the training file; the 42 000 are mentioned in 06 §5's box")
item("001-2", "l.21–25", "An image is 28 × 28 = 784 pixels; its rows are concatenated into one 784-long vector",
     [("06", "### One image: a matrix, and a vector")], [("06", "pixel (r, c) is entry 28r + c")])
item("001-3", "l.31–42, l.92", "The data matrix X̄ (one image per row, m × 784) is transposed so that each column is an image: A[0] = X̄ᵀ (784 × m)",
     [("06", "## 2. Essay 001's network, in the essay's notation"), ("06", "## 4. The bridge")],
     [("06", "identical gradients")], [], None,
     "06 §4 translates the column layout to the course's rows (W = W[1]ᵀ, X = A[0]ᵀ) and proves it equal in code — the \"One notation\" section of ERRATA.md")
item("001-4", "l.48–61", "The network 784 → 10 (ReLU) → 10 (softmax); the prediction is the class with the largest softmax value",
     [("06", "### The forward pass, column by column"), ("02", "Essay 001's MNIST network")],
     [("06", "every column is a probability distribution")], [], None, "02 draws the 784-10-10 net (no assert)")
item("001-5", "l.56 vs l.93", "Layer 1 written as ReLU(X̄ᵀ W[1] + b[1]) (section 1.2) and as Z[1] = W[1]·A[0] + b[1] (section 2.1)",
     [("06", "Those are two different layouts mixed together")], [],
     [("06", "Those are two different layouts mixed together")], "errata",
     "two layouts mixed; W[1] A[0] is the working form. The cell after the box shows the ValueError of the other order (printed, no assert)")
item("001-6", "l.100", "The 10 × 784 matrix is labelled W[0]",
     [("06", "matrix $W^{[0]}$")], [],
     [("06", "matrix $W^{[0]}$")], "errata", "it is W[1] (same box as 001-5)")
item("001-7", "l.93–113", "Layer 1: Z[1] = W[1] A[0] + b[1], (10×784)(784×m) + (10×1) added to every column; A[1] = ReLU(Z[1]), ReLU(x) = x for x > 0, else 0",
     [("06", "### The forward pass, column by column")], [("06", "identical gradients")], [], None,
     "the bridge cell asserts the hidden pre-activations equal the course MLP's")
item("001-8", "l.117–125", "Claim: the non-linearity (ReLU, or sigmoid, tanh) is what makes a network more than linear/logistic regression; without it the network is a linear function",
     [("03", "## 1. Why an activation"), ("02", "## 2. Two layers collapse into one")],
     [("03", "assert misfit > 0.1"), ("02", "np.testing.assert_allclose(X @ W_prime + b_prime, O)")])
item("001-9", "l.120", "Linear algorithms \"tend to level out\" at a maximum accuracy of 70–90 %",
     [("06", "as a fair baseline"), ("06", 'linear methods "tend to level out"')], [("06", "clearly above the essay's 90 %")],
     [("06", 'linear methods "tend to level out"')], "errata",
     "a linear softmax classifier reaches 91.8 % on the MNIST test images")
item("001-10", "l.127–142", "Layer 2: Z[2] = W[2] A[1] + b[2], (10×10)(10×m) + (10×1)",
     [("06", "### The forward pass, column by column")], [("06", "identical gradients")], [], None,
     "outputs asserted equal to the course MLP's in the same cell")
item("001-11", "l.144–148", "A[2] = softmax(Z[2]), softmax(x_i) = e^(x_i) / Σ_j e^(x_j), column by column",
     [("03", "## 7. Softmax"), ("06", "### The forward pass, column by column")],
     [("03", "np.testing.assert_allclose(s_001.sum(), 1.0)"), ("06", "every column is a probability distribution")], [], None,
     "03 also: shift by the max for stability, temperature")
item("001-12", "l.150", "Worked example softmax([1.3, 5.1, 2.2]) = [0.020, 0.903, 0.0497]",
     [("03", "## 7. Softmax"), ("06", "### The forward pass, column by column")],
     [("03", "np.testing.assert_allclose(np.round(s_001, 4), [0.0208, 0.9282, 0.0511])"), ("06", "np.testing.assert_allclose(s.ravel(), [0.0208, 0.9282, 0.0511]")],
     [("03", "Essay 001 works the first example by hand"), ("06", "The softmax example computes")], "errata",
     "correct: [0.0208, 0.9282, 0.0511]; the essay's values sum to 0.9727")
item("001-13", "l.154–161", "Why softmax and not argmax at the output: an argmax one-hot row loses the information in the other scores; softmax keeps a probability for every class to learn from",
     [("03", "### Why softmax, and not argmax?")], [("03", "assert zo[0] == zo[1]"), ("03", "np.testing.assert_array_equal(g01, 0)")], [], None,
     "the notebook adds the stronger reason: the 0/1 loss of an argmax has zero gradient; softmax predicts the same class")
item("001-14", "l.156–157, l.194–196", "Labels as one-hot vectors (one column per image in Ŷ)",
     [("06", "## 2. Essay 001's network, in the essay's notation"), ("06", "**Exercise 1 — one-hot labels.**")], [], [], None,
     "built in code (Y, one-hot columns) and used by the checked cells, but not asserted itself; exercise 1 has a checker for the learner's one_hot")
item("001-15", "l.167", "Recipe: initial weights and biases drawn uniformly from (−0.5, 0.5)",
     [("06", "every weight **and** bias uniformly between −0.5 and 0.5")], [], [], None,
     "used as drawn; 06 §7 shows what this large start does to the learned weight images")
item("001-16", "l.75–82, l.165–176, l.290–295", "Learning: forward pass, backward pass (error, then each layer's share, from the last layer back), update W ← W − α dW, b ← b − α db, repeat",
     [("04", "## 2. The chain rule, one factor at a time"), ("06", "**The update**, with learning rate"), ("01", "## 5. One step downhill, by hand")],
     [("04", "chain rule = finite differences"), ("06", "still climbing when the recipe stops"), ("01", "one step made it better")])
item("001-17", "l.178–198", "dZ[2] = A[2] − Ŷ (probability columns minus one-hot columns); the loss is never named",
     [("06", "## 3. The backward pass, column by column"), ("04", "## 3. The classification form")],
     [("06", "the essay's formulas are the gradient of the cross-entropy"), ("04", "np.testing.assert_allclose(through_jacobian, s - t)")],
     [("06", "never says which loss this is the gradient of"), ("04", "Essay 001 (section 2.2) uses the same six steps")], "errata",
     "it is the gradient of the cross-entropy through the softmax; the check compares it with cross-entropy (passes) and squared error (fails)")
item("001-18", "l.200–219", "dW[2] = (1/m) dZ[2] A[1]ᵀ (10×10); each entry adds up error × activation over the images",
     [("06", "## 3. The backward pass, column by column"), ("04", "### Reading")],
     [("06", "the essay's formulas are the gradient of the cross-entropy"), ("04", "np.testing.assert_allclose(dW_one[i], a[0, i] * delta[0])")], [], None,
     "the essay flags its own reading as \"not 100 % accurate\"; 04 gives the exact one (a sum of one outer product per sample)")
item("001-19", "l.221–232", "db[2] = (1/m) Σ_{n=0}^{m} dZ[2], labelled \"m × 10\"",
     [("06", "## 3. The backward pass, column by column")],
     [("06", "a gradient has its parameter's shape"), ("06", "the essay's formulas are the gradient of the cross-entropy"), ("04", "np.testing.assert_allclose(db2_c[:, 0], db2)")],
     [("06", "Three small slips in section 2.2"), ("04", "Essay 001 (section 2.2) uses the same six steps")], "errata",
     "10 × 1: the mean of dZ[2] over its m columns, the sum from j = 1 to m")
item("001-20", "l.236–259", "dZ[1] = (W[2]ᵀ · dZ[2]) · g′(Z[1]); g′ marks the units ReLU switched off, which get no error",
     [("06", "## 3. The backward pass, column by column"), ("04", "its third column is all zeros")],
     [("06", "the essay's formulas are the gradient of the cross-entropy"), ("04", "chain rule = finite differences")],
     [("06", "Three small slips in section 2.2"), ("04", "Essay 001 (section 2.2) uses the same six steps")], "errata",
     "the second product is element-wise (⊙), g′(Z) = (Z > 0); 06 and 04 show the matrix-product reading failing (printed)")
item("001-21", "l.261–286", "Layer-1 gradients: dW[1] = (1/m) dZ[1] A[0]ᵀ (10×784), db[1] = (1/m) Σ dZ[1]",
     [("06", "## 3. The backward pass, column by column")],
     [("06", "the essay's formulas are the gradient of the cross-entropy"), ("06", "identical gradients")])
item("001-22", "l.270", "Note (b) of 2.2.2: the layer-1 results are used \"to update W[2] and b[2]\"",
     [("06", "## 3. The backward pass, column by column")], [],
     [("06", "Three small slips in section 2.2"), ("04", "Essay 001 (section 2.2) uses the same six steps")], "errata",
     "they update W[1] and b[1]")
item("001-23", "l.297", "α is a hyperparameter, typically 0.1–0.0001; rule of thumb: each decimal place less needs about 10× the updates (epochs)",
     [("01", "## 7. The learning rate: too small"), ("01", "### How many updates does a smaller rate cost?")],
     [("01", "updates[1:] / updates[:-1], 10, rtol=0.05"), ("01", 'assert count[just_above] == "diverges"'), ("01", "assert after[0.01] <= target < after[0.001]"), ("01", "mlp_updates[1:] / mlp_updates[:-1]")],
     [("01", "Essay 001 says typical values")], None,
     "derived (N ≈ t*/η updates) and tested over the essay's range, plus where it stops holding: near 2/λmax, with unscaled inputs, with a fixed budget, with mini-batch noise")
item("001-24", "l.301–303", "Claim: repeating the three steps reaches \"an accuracy of around 90%\"",
     [("06", "## 5. Training it exactly"), ("06", "### What closes the gap: more steps")],
     [("06", "still climbing when the recipe stops"), ("06", "500 more steps: clearly higher"), ("06", "mini-batches win clearly")],
     [("06", "should be able to achieve an accuracy of around 90%")], "errata",
     "the recipe (U(−0.5, 0.5), full batch, α = 0.1, 500 steps) gives 85.38 % on the test images — printed, not asserted; 10 epochs of mini-batches give 91–93 %, a linear classifier 91.8 %")

# ---------------------------------------------------------------- essay 002
item("002-1", "l.3–11", "The network and cost: Z1 = W1 X + B1, A1 = ReLU(Z1), Z2 = W2 A1 + B2, A2 = sigmoid(Z2), C = (A2 − Y)²",
     [("04", "## 1. The network of the essays"), ("04", "Essay 002's cost has neither the ½ nor the mean")],
     [("04", "chain rule = finite differences"), ("04", "np.testing.assert_allclose(grads[name], 2 * m * helper_grads[name])")], [], None,
     "in row form; C = 2m × the course's ½-mean MSE, checked")
item("002-2", "l.13–15", "Chain rule dz/dx = dz/dy × dy/dx, applied factor by factor",
     [("04", "## 2. The chain rule, one factor at a time")], [("04", "chain rule = finite differences")])
item("002-3", "l.17–19", "dC/dW2 = A1 · σ(1 − σ) · (2A2 − 2Y)",
     [("04", "## 2. The chain rule, one factor at a time")], [("04", "chain rule = finite differences")], [], None,
     "as A1ᵀ δ2 with δ2 = 2(A2 − Y) ⊙ σ′(Z2)")
item("002-4", "l.21", "dC/dB2 = 1 · σ(Z2)(1 − σ(Z2)) · (2A2 − 2Y)",
     [("04", "## 2. The chain rule, one factor at a time")], [("04", "chain rule = finite differences")])
item("002-5", "l.23–25", "dC/dW1 = (X)(Z1 > 0) · W2 · σ(1 − σ) · (2A2 − 2Y)",
     [("04", "## 2. The chain rule, one factor at a time")],
     [("04", "chain rule = finite differences"), ("04", 'dW1_col, grads["W1"].T')],
     [("04", "Essay 002 gets the chain rule right")], "errata",
     "right factors; as matrices order and transposes matter: column layout dW1 = [W2ᵀ δ2 ⊙ (Z1 > 0)] Xᵀ, the transpose of the course's Xᵀ δ1")
item("002-6", "l.27–33", "dC/dB1 = 1 · (Z1 > 0) · W2 · σ(Z2)(1 − σ(Z2)) · (2A2 − 2Y), with σ(Z2) labelled \"sigmoid prime\" and (1 − σ(Z2)) \"sigmoid\"; the \"delta\" passed back to the previous layer",
     [("04", "## 2. The chain rule, one factor at a time")],
     [("04", "chain rule = finite differences"), ("04", "only the product is σ′")],
     [("04", "Essay 002 gets the chain rule right")], "errata",
     "labels swapped: σ(Z2) is the sigmoid, only the product is σ′; the delta is 04's local gradient δ")
item("002-7", "l.35–41", "A layer computes Z = W X + B (one neuron: inputs × weights, summed, plus a bias that shifts it); A = activation adds non-linearity; C is the loss; dC/dW and dC/dB drive the updates",
     [("02", "works one unit out with"), ("03", "## 1. Why an activation")],
     [("02", "np.testing.assert_allclose(a_ours, [[3.0]])")])
item("002-8", "l.45–72", "Shape example, 4 inputs → 3 hidden: hidden unit 1 = x1w1 + x2w2 + x3w3 + x4w4, …; W stored (hidden, input) = 3 × 4, x (4 × 1) → (3 × 1)",
     [("02", "The handwritten notes (essay 002) work out a layer with 4 inputs")], [("02", "np.testing.assert_allclose(h_ours, h_notes.T)")], [], None,
     "the course stores the transpose, W (4, 3) with x a row; 04 §1 reuses the 4-3 shapes")
item("002-9", "l.174–176", "Worked example: dot product [10, 20, 30, 40] · [0, 1, 2, 3] = 0 + 20 + 60 + 120 = 200",
     [("02", "The notes work one out by hand"), ("04", "Essay 002's worked example")],
     [("02", "assert dot.Z[0, 0] == 200")], [], None,
     "ERRATA.md: correct; stepped through with the MatrixMultiplyStepper")
item("002-10", "l.178–183", "Worked example: outer product [10, 20, 30, 40]ᵀ [0, 1, 2, 3], the 4 × 4 table with rows 10·[0,1,2,3] … 40·[0,1,2,3]",
     [("02", "The notes' table is one"), ("04", "Essay 002's worked example")],
     [("02", "np.testing.assert_array_equal(table, np.outer("), ("04", "np.testing.assert_allclose(dW_one[i], a[0, i] * delta[0])")], [], None,
     "ERRATA.md: correct; 02 uses it for rank 1, 04 as dW = aᵀ δ for one sample")
item("002-11", "l.185", "Last line: Z1 = W_hidden × B_hidden",
     [("04", "(Its last line,")], [], [("04", "(Its last line,")], "errata",
     "means Z1 = W_hidden X + B_hidden; a parenthesis in 04's box")
item("002-12", "l.187", "A 3 × 3 W_hidden of numbers (0.05629, 0.596, 0.238; …)",
     [], [], [], None,
     "a fragment with no text; its 3 × 3 shape does not match the 3 × 4 example above. Nothing to teach, listed for completeness")

# ---------------------------------------------------------------- essay 003
item("003-1", "l.16–31", "Anatomy of a feedforward network: nodes hold activations; input, hidden and output layers; connections; fully connected (dense) layers",
     [("02", "## 1. A network, part by part")], [("02", "assert weights_drawn == W1.size + W2.size")], [], None,
     "one weight per connection, one bias per unit, counted on a drawn diagram")
item("003-2", "l.35–50", "A node takes a weighted sum of its inputs plus a bias; worked example a = wᵀx + b = [1, 0, −1]·[1, 2, 1] + 3 = 3",
     [("02", "works one unit out with")], [("02", "np.testing.assert_allclose(a_ours, [[3.0]])")])
item("003-3", "l.52–109", "Layer equations in column form: a(1) = W(1)ᵀ a(0) + b(1), a(2) = W(2)ᵀ a(1) + b(2), W shaped (inputs, outputs), for a 3 → 4 → 2 network",
     [("02", "the shape of essay 003's example network"), ("02", "Essay 003 substitutes one layer into the next")],
     [("02", "np.testing.assert_allclose((a2_layers - a2_no_bias).ravel(), b_prime)")], [], None,
     "02 uses the same 3 → 4 → 2 shapes in row form; the box cell's code checks the column form against the row form")
item("003-4", "l.111–116", "Substituting the layers: a(2) = W(2)ᵀ W(1)ᵀ x = W′ᵀ x — \"just a linear transformation\"",
     [("02", "## 2. Two layers collapse into one")], [("02", "np.testing.assert_allclose((a2_layers - a2_no_bias).ravel(), b_prime)")],
     [("02", "Essay 003 substitutes one layer into the next")], "errata",
     "the biases went missing: a(2) = W′ᵀ x + b′ with W′ = W(1) W(2), b′ = W(2)ᵀ b(1) + b(2)")
item("003-5", "l.118–120", "Claim: a linear model is rarely useful; a non-linear activation applied to a layer's activations lets it learn more general functions",
     [("03", "## 1. Why an activation")], [("03", "assert misfit > 0.1")])
item("003-6", "l.129–135", "Sigmoid σ(a) = 1/(1 + e^(−a)), or c/(1 + e^(−βa)) with scale c and steepness β; outputs in (0, 1), useful at a (binary) output",
     [("03", "## 4. The sigmoid"), ("03", "**One yes/no output: sigmoid with binary cross-entropy.**")],
     [("03", "np.testing.assert_allclose(derived.max(), c * beta / 4)"), ("03", "assert yes_no.accuracy(X_b, y_moons_b) > 0.85")], [], None,
     "that c and β \"may be learnt by the network\" is not mentioned")
item("003-7", "l.135", "The derivative expressed through the function itself is \"this property of loss functions\"",
     [("03", 'a property "of loss functions"')], [("03", "np.testing.assert_allclose(sig * (1 - sig)")],
     [("03", 'a property "of loss functions"')], "errata", "of activation functions")
item("003-8", "l.137–139", "σ′(a) = e^(−a)/(1 + e^(−a))² = σ(a)(1 − σ(a))",
     [("03", "## 4. The sigmoid"), ("03", "**Step by step, with numbers.** The derivation of")],
     [("03", "np.testing.assert_allclose(derived.max(), c * beta / 4)"), ("03", "np.testing.assert_allclose(quotient_rule, s3 * (1 - s3))")], [], None,
     "general form c β s(1 − s), peak cβ/4")
item("003-9", "l.142", "tanh scales to (−1, 1) and has a larger \"active region\" (where its slope is large)",
     [("03", "## 5. tanh"), ("03", "## 6. The active region")], [("03", "assert max(g_grad(-6.0), g_grad(6.0))")], [], None,
     "slope 1 at 0 against the sigmoid's ¼; saturation and its cost to learning")
item("003-10", "l.148–152", "tanh(a) = (1 − e^(−2a))/(1 + e^(−2a)) = 2σ(2a) − 1",
     [("03", "## 5. tanh")], [("03", "essay 000's form"), ("03", "assert off.min() > 0.1")])
item("003-11", "l.154–158", "tanh′(a) = 4σ(2a)(1 − σ(2a)) = 4·(tanh a + 1)/2·(1 − (tanh a − 1)/2) = 1 − tanh²(a)",
     [("03", "## 5. tanh")], [("03", "np.testing.assert_allclose(essay_middle, (1 + t) * (3 - t))"), ("03", "assert off.min() > 0.1")],
     [("03", "Essay 003's tanh derivative has a sign slip")], "errata",
     "the middle step needs (1 − tanh a)/2; the end result is right")
item("003-12", "l.160–167", "ReLU = max(0, a): used in hidden layers, helps models learn fairly quickly",
     [("03", "## 2. ReLU"), ("03", "**A whole network.** The same happens layer after layer")],
     [("03", "0.5 * (z + np.abs(z))"), ("03", 'assert shrink["sigmoid"] > 5 *')], [], None,
     "a deep sigmoid net brakes the gradient, tanh and ReLU do not")
item("003-13", "l.167–174", "Leaky ReLU: a for a ≥ 0, δ·a for a < 0",
     [("03", "## 3. Leaky ReLU")], [("03", "act.leaky_relu_grad(z_off, delta)")], [], None, "with its derivative and the \"dead unit\" motivation")
item("003-14", "l.180–184", "Softmax for classification outputs: values in (0, 1) that sum to 1, each depending on all nodes; softmax(a_k) = e^(a_k)/Σ e^(a_j)",
     [("03", "## 7. Softmax")], [("03", "np.testing.assert_allclose(s_001.sum(), 1.0)")])
item("003-15", "l.187–191", "Worked example softmax([0.3, 0.6]) = [0.4255, 0.5745]",
     [("03", "## 7. Softmax")], [("03", "np.testing.assert_allclose(s_001.sum(), 1.0)")], [], "own",
     "exactly 0.425557 / 0.574443: the essay's 0.4255 is cut off, not rounded, and 0.5745 = 1 − 0.4255 — said in the cell's printout and asserted, no box")
item("003-16", "l.193–210", "Softmax derivatives: ∂z0/∂a0 = z0(1 − z0), ∂z0/∂a1 = −z0 z1, arranged as a 3 × 3 matrix",
     [("03", "### The softmax Jacobian")], [("03", "assert relative_error(J, J_numeric) < 1e-7")])
item("003-17", "l.214–226", "The Jacobian \"reduces to\" softmax(a)·[I − softmaxᵀ(a)]",
     [("03", "### The softmax Jacobian")], [("03", "np.testing.assert_allclose(broadcast_reading, J)")],
     [("03", "Essay 003 arrives at the right matrix entry by entry")], "errata",
     "J = diag(s) − s sᵀ; the essay's form works only as row i of (I − 1sᵀ) scaled by s_i")
item("003-18", "l.229–241", "A loss measures how badly the model did; the plain difference has an arbitrary sign and cancels across examples, so square it and take the mean: MSE L = 1/(2N) Σ (y − ŷ)²",
     [("01", "## 3. How wrong is the model?"), ("01", "### Why square? The two other candidates")],
     [("01", "the helper computes the formula"), ("01", "errors cancel: a bad fit scores 0")], [], None,
     "01 gives its own reasons too (errors count as positive, large ones most; the mean makes it independent of m; the ½ cancels the 2)")
item("003-19", "l.238", "The absolute difference \"works sometimes\" but \"does not provide stable training\"",
     [("01", "### Why square? The two other candidates")], [("01", "the squared error settles")], [], None,
     "made precise: |O − T| has a slope of constant size, so with a fixed rate the steps never shrink and c hops across the minimum (the median), while the squared error settles at the mean")
item("003-20", "l.245–249", "Cross-entropy −Σ_j y_j log ŷ_j for one-hot targets: it wants the right class's probability high",
     [("03", "## 8. Which loss for a probability?"), ("04", "## 3. The classification form")],
     [("03", "the essay's are base 10"), ("04", "np.testing.assert_allclose(through_jacobian, s - t)")], [], None,
     "the essay's rationale \"MSE disregards individual elements\" is replaced by the gradient argument (003-22)")
item("003-21", "l.251", "Example: target [1, 0], output [0.9, 0.1] costs ≈ 0.046, output [0.1, 0.9] costs 1",
     [("03", "## 8. Which loss for a probability?")], [("03", "the essay's are base 10")],
     [("03", "Those numbers come from the **base-10** logarithm")], "errata",
     "base-10 log; with the natural log 0.1054 and 2.3026")
item("003-22", "l.253–259", "Cross-entropy penalises bad predictions much more than MSE (output [p, 1 − p], p from 0.01 to 1)",
     [("03", "## 8. Which loss for a probability?"), ("03", "**With a softmax output it matters even more.**")],
     [("03", "mse_slope, rtol=1e-6"), ("03", "0.5 * np.sum((act.softmax(z_wrong) - y_w) ** 2)")], [], None,
     "the slopes 2(1 − p) and 1/p, and through softmax s − y vs J(s − y). The essay's \"there are cases where a gentler loss (MSE) is wanted\" is not taken up")
item("003-23", "l.262–278, l.290–296", "Optimisation: where the slope is positive move left; θ := θ − η ∂L/∂θ, η the learning rate — gradient descent",
     [("01", "## 5. One step downhill, by hand")], [("01", "one step made it better")])
item("003-24", "l.280–282", "Take small steps: the surface is rugged and may have several minima; from A a big step can land in the worse L2, and from B even small steps end in L2",
     [("04", "## 10. Where descent ends"), ("04", "**Why small steps.**")], [("04", 'assert abs(runs["A, small steps"][-1] - L1)')], [], None,
     "f(w) = w⁴ − 3w² + w + 4; also η < 2/f″ to settle (01 §7's 2/λmax)")
item("003-25", "l.282", "Landing in the worse minimum \"is solved by random initialization\"",
     [("04", "this is solved by random initialization"), ("04", "### A random start is a random valley")], [("04", "assert twin_gap < 1e-12"), ("04", "assert min(final3) < 0.01 and max(final3) > 0.25")],
     [("04", "this is solved by random initialization")], "errata",
     "random init breaks the symmetry between hidden units (twins stay twins); different seeds end in different valleys")
item("003-26", "l.298–355", "Output layer, index by index: ∂L/∂w_ij(2) = −δ_j(2) z_i(1) with the local gradient δ_j(2) = (y_j − z_j)·φ′(a_j) — \"minus the local gradient times the incoming output\"; update w := w + η δ z",
     [("04", "## 4. Index by index"), ("04", "### Reading")],
     [("04", "the loops are the recursion"), ("04", "np.testing.assert_allclose(dW_one[i], a[0, i] * delta[0])"), ("04", "update_direction, -numerical_gradient(loss_one_sample, W2)")],
     [("04", "Essay 003's derivation is careful and correct in substance")], None,
     "the box explains the sign convention (δ = target − prediction, so +η is still descent); the course's δ = ∂L/∂Z and its loop check uses softmax + cross-entropy, not the essay's MSE regression")
item("003-27", "l.358–366", "Bias: ∂L/∂b_j = −δ_j, derived as ∂/∂w_ij (b_j z_i + b_j); b := b + η δ",
     [("04", "## 4. Index by index")], [], [("04", "Essay 003's derivation is careful and correct in substance")], "errata",
     "the line means ∂/∂b_j (w_ij z_i + b_j) = 1; the bias gradient itself is checked by finite differences in 04 §5 (cell after the six formulas)")
item("003-28", "l.368–391", "Vectorised: ∂L/∂W(2) = −Δ(2) (Z(1))ᵀ, update W(2) := W(2) + η Δ(2) (Z(1))ᵀ, b(2) := b(2) + η Δ(2)",
     [("04", "## 4. Index by index")], [("04", "update_direction, -numerical_gradient(loss_one_sample, W2)")],
     [("04", "Essay 003's derivation is careful and correct in substance")], "errata",
     "with W(2) shaped (n(1), n(2)) the outer product must be Z(1) Δ(2)ᵀ; Δ(2) Z(1)ᵀ has the transposed shape")
item("003-29", "l.393–437", "Hidden layer: every output depends on w_ij(1), so ∂L/∂w_ij(1) = −[(Σ_k δ_k(2) w_jk(2)) φ′(a_j(1))] x_i = −δ_j(1) x_i; W(1) := W(1) + η Δ(1) (Z(0))ᵀ",
     [("04", "## 4. Index by index"), ("04", "## 5. All samples at once")],
     [("04", "the loops are the recursion"), ("04", "formula = finite differences")])
item("003-30", "l.439–459", "Recursive local gradients: Δ(2) = (Y − Z(2)) ∗ ∇φ(2), Δ(1) = (W(2) Δ(2)) ∗ ∇φ(1) — W(2)'s own shape (n(1) × n(2)) makes it fit",
     [("04", "That is the whole of backpropagation"), ("04", "## 5. All samples at once")],
     [("04", "the loops are the recursion"), ("04", "formula = finite differences")], [], None,
     "row form dZ1 = (dZ2 W2ᵀ) ⊙ g′(Z1)")
item("003-31", "l.462–467", "Summary update: ΔW(L) := ΔW(L) + η Δ(L) [Z(L−1)]ᵀ, b(L) := b(L) + η Δ(L)",
     [("04", "## 4. Index by index")], [("04", "update_direction, -numerical_gradient(loss_one_sample, W2)")],
     [("04", "Essay 003's derivation is careful and correct in substance")], "errata",
     "update W(L), not ΔW(L); with W (n_in, n_out) it is Z(L−1) Δ(L)ᵀ; the sign convention makes +η descent")
item("003-32", "l.469–474", "Δ(L) = ∇L ∗ ∇φ(L) for the last layer, [W(L+1) Δ(L+1)] ∗ ∇φ(L) for any other — backprop for any depth",
     [("04", "## 5. All samples at once"), ("04", "A deeper network, with a ReLU and a tanh layer")],
     [("04", "formula = finite differences"), ("04", "check_network_gradients(deep,")], [], None,
     "a 2-8-8-3 network gradient-checked layer by layer")
item("003-33", "l.476–483", "∇L table: Y − Z for MSE, Y / Z for cross-entropy",
     [("04", "## 4. Index by index"), ("04", "## 3. The classification form")],
     [("04", "np.testing.assert_allclose(through_jacobian, s - t)"), ("03", "np.testing.assert_allclose(dZ_through_J, s - y_1)")],
     [("04", "Essay 003's derivation is careful and correct in substance")], "errata",
     "these are negative gradients (matching the +η updates); with a softmax output the Jacobian must be included and gives Y − Z. The checks sit before the box (04 §3) and in 03 §7")
item("003-34", "l.485–486", "Claim: this plain way of updating trains unstably and converges slowly; optimisers accelerate it",
     [("06", "**Mini-batches of 128 with momentum 0.9**"), ("01", "learning-rate *schedule*")], [], [], None,
     "momentum and a learning-rate schedule are named and used (06 §6), not compared with plain descent")
