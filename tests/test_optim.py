"""The update rules and L2 weight decay (nnla_helpers.optim) and their use by the Trainer:
each against an independent reference (a plain per-number loop of the published formulas, or
finite differences of the penalty), and each shown to matter (bias correction, decay)."""

import numpy as np
import pytest

from nnla_helpers import MLP, Trainer, data, optim
from nnla_helpers.errors import SettingError
from nnla_helpers.gradcheck import numerical_gradient, relative_error
from nnla_helpers.train import train


def _params(seed=0):
    rng = np.random.default_rng(seed)
    return {"W1": rng.normal(size=(3, 4)), "b1": rng.normal(size=4),
            "W2": rng.normal(size=(4, 2)), "b2": rng.normal(size=2)}


def _grad_sequence(params, steps, seed=1):
    rng = np.random.default_rng(seed)
    return [{k: rng.normal(size=p.shape) for k, p in params.items()} for _ in range(steps)]


def _adam_reference(p0, gs, lr, b1=0.9, b2=0.999, eps=1e-8):
    """Adam for one array, number by number, with Python floats (Kingma & Ba, Algorithm 1)."""
    out = []
    for j, x in enumerate(p0.ravel().tolist()):
        m = s = 0.0
        for t, g in enumerate((g.ravel()[j] for g in gs), start=1):
            m = b1 * m + (1 - b1) * g
            s = b2 * s + (1 - b2) * g * g
            x = x - lr * (m / (1 - b1 ** t)) / ((s / (1 - b2 ** t)) ** 0.5 + eps)
        out.append(x)
    return np.array(out).reshape(p0.shape)


def test_momentum_is_a_running_sum_of_the_past_steps():
    params, lr, mu = _params(), 0.05, 0.8
    start = {k: p.copy() for k, p in params.items()}
    gs = _grad_sequence(params, 6)
    rule = optim.Momentum(params, momentum=mu)
    for g in gs:
        rule.step(params, g, lr)
    T = len(gs)
    for k in params:
        # v_t = −lr Σ_k μ^(t−k) g_k, and P_T = P_0 + Σ_t v_t
        v = [-lr * sum(mu ** (t - j) * gs[j][k] for j in range(t + 1)) for t in range(T)]
        np.testing.assert_allclose(rule.velocity[k], v[-1], rtol=1e-12)
        np.testing.assert_allclose(params[k], start[k] + sum(v), rtol=1e-12)


def test_momentum_zero_is_plain_gradient_descent():
    params = _params()
    start = {k: p.copy() for k, p in params.items()}
    g = _grad_sequence(params, 1)[0]
    optim.Momentum(params, 0.0).step(params, g, 0.1)
    for k in params:
        np.testing.assert_allclose(params[k], start[k] - 0.1 * g[k], rtol=1e-15)


@pytest.mark.parametrize("betas", [(0.9, 0.999), (0.5, 0.9), (0.0, 0.99)])
def test_adam_matches_the_published_algorithm_number_by_number(betas):
    params, lr = _params(), 0.01
    start = {k: p.copy() for k, p in params.items()}
    gs = _grad_sequence(params, 7)
    rule = optim.Adam(params, *betas)
    for g in gs:
        rule.step(params, g, lr)
    assert rule.t == 7
    for k in params:
        ref = _adam_reference(start[k], [g[k] for g in gs], lr, *betas)
        np.testing.assert_allclose(params[k], ref, rtol=1e-12, atol=1e-15)


def test_adams_bias_correction_makes_the_first_step_lr_in_size():
    # m̂ = g and ŝ = g² at t = 1, so every entry moves by lr·g/(|g| + ε) ≈ lr. Without the
    # correction the step would be lr·(1 − β₁)/√(1 − β₂) ≈ 3.16·lr.
    params, lr = _params(), 0.01
    start = {k: p.copy() for k, p in params.items()}
    g = _grad_sequence(params, 1)[0]
    optim.Adam(params).step(params, g, lr)
    for k in params:
        np.testing.assert_allclose(start[k] - params[k], lr * g[k] / (np.abs(g[k]) + 1e-8), rtol=1e-12)
        np.testing.assert_allclose(start[k] - params[k], lr * np.sign(g[k]), rtol=1e-4)


def test_the_l2_gradient_is_the_derivative_of_the_penalty():
    params, lam = _params(), 0.3
    grad = optim.l2_gradient(params, lam)
    assert sorted(grad) == ["W1", "W2"]                       # the biases are not penalised
    assert optim.l2_penalty(params, lam) == pytest.approx(
        0.5 * lam * (np.sum(params["W1"] ** 2) + np.sum(params["W2"] ** 2)))
    for name in params:
        numeric = numerical_gradient(lambda: optim.l2_penalty(params, lam), params[name])
        analytic = grad.get(name, np.zeros_like(params[name]))
        assert relative_error(analytic, numeric) < 1e-8 or np.abs(numeric).max() < 1e-9


def _xor():
    return data.xor(40, seed=0)


def test_trainer_with_weight_decay_steps_along_the_gradient_of_loss_plus_penalty():
    X, y = _xor()
    net, lam, lr = MLP([2, 5, 2], seed=3), 0.05, 0.2
    params = net.parameters()
    objective = lambda: net.loss(X, y) + optim.l2_penalty(params, lam)     # noqa: E731
    numeric = {name: numerical_gradient(objective, p) for name, p in params.items()}
    before = net.get_state()
    Trainer(net, X, y, lr=lr, weight_decay=lam).step()
    for name, p in net.parameters().items():
        step = (before[name] - p) / lr
        assert relative_error(step, numeric[name]) < 1e-6, name


def test_trainer_with_adam_takes_adams_steps():
    X, y = _xor()
    net, by_hand = MLP([2, 5, 2], seed=3), MLP([2, 5, 2], seed=3)
    trainer = Trainer(net, X, y, lr=0.01, optimizer="adam")
    rule = optim.Adam(by_hand.parameters())
    for _ in range(5):
        trainer.step()
        _, grads = by_hand.loss_and_gradients(X, y)
        rule.step(by_hand.parameters(), grads, 0.01)
    for name, p in net.parameters().items():
        np.testing.assert_allclose(p, by_hand.parameters()[name], rtol=1e-10, atol=1e-12)


def test_adam_and_decay_train_and_decay_shrinks_the_weights():
    X, y = data.two_moons(200, noise=0.2, seed=0)
    nets = {key: MLP([2, 16, 2], seed=0) for key in ("sgd", "adam", "decay")}
    settings = {"sgd": {}, "adam": {"optimizer": "adam", "lr": 0.01},
                "decay": {"optimizer": "adam", "lr": 0.01, "weight_decay": 0.05}}
    untrained = nets["sgd"].loss(X, y)
    h = {k: train(nets[k], X, y, epochs=30, batch_size=20, **{"lr": 0.1, **settings[k]})
         for k in nets}
    assert h["adam"].train_loss[-1] < 0.5 * untrained
    norm = {k: sum(np.sum(W ** 2) for W in nets[k].weights) for k in nets}
    assert norm["decay"] < 0.7 * norm["adam"]


@pytest.mark.parametrize("kwargs, words", [
    ({"optimizer": "Adam"}, "optimizer must be one of 'sgd', 'adam'"),
    ({"optimizer": None}, "optimizer must be one of"),
    ({"optimizer": "adam", "momentum": 0.9}, "momentum is a setting of optimizer='sgd'"),
    ({"weight_decay": -0.1}, "weight_decay must be a number ≥ 0"),
    ({"weight_decay": "1e-4"}, "weight_decay must be a finite number"),
    ({"momentum": 1.0}, "momentum must be a number"),
])
def test_bad_settings_are_refused_in_plain_words(kwargs, words):
    X, y = _xor()
    with pytest.raises(SettingError, match=words.replace("(", r"\(").replace(")", r"\)")):
        Trainer(MLP([2, 3, 2]), X, y, **kwargs)


@pytest.mark.parametrize("kwargs", [{"beta1": 1.0}, {"beta2": -0.1}, {"eps": 0}, {"beta1": True}])
def test_bad_adam_settings_are_refused(kwargs):
    with pytest.raises(SettingError):
        optim.Adam(_params(), **kwargs)


# ---- optim.valley: the loss surface of notebook 07's race ------------------------------------------

from nnla_helpers.errors import BadValueError, ShapeError  # noqa: E402


@pytest.mark.parametrize("kwargs", [{}, {"angle": 30.0}, {"steep": 3.0, "shallow": 0.5, "angle": -70.0}])
@pytest.mark.parametrize("point", [(-4.0, 1.5), (0.3, -2.0), (1e-3, 5.0)])
def test_valleys_gradient_is_the_derivative_of_its_loss(kwargs, point):
    p = np.array(point)
    loss, gradient = optim.valley(p, **kwargs)
    assert isinstance(loss, float) and gradient.shape == (2,)
    numeric = numerical_gradient(lambda: optim.valley(p, **kwargs)[0], p)
    assert relative_error(gradient, numeric) < 1e-8
    np.testing.assert_array_equal(p, point)                  # valley leaves p as it was


def test_valley_is_the_quadratic_form_of_its_curvatures():
    # L(p) = ½ pᵀ H p with H = R diag(shallow, steep) Rᵀ: along the floor's direction e the
    # loss is ½·shallow·t², across it ½·steep·t², and the minimum (0, 0) has L = 0, ∇L = 0.
    steep, shallow, angle = 16.0, 0.1, 30.0
    t = np.radians(angle)
    along, across = np.array([np.cos(t), np.sin(t)]), np.array([-np.sin(t), np.cos(t)])
    for s in (-2.0, 0.5, 3.0):
        assert optim.valley(s * along, steep, shallow, angle)[0] == pytest.approx(0.5 * shallow * s * s)
        assert optim.valley(s * across, steep, shallow, angle)[0] == pytest.approx(0.5 * steep * s * s)
    loss, gradient = optim.valley(np.zeros(2), steep, shallow, angle)
    assert loss == 0.0 and np.all(gradient == 0)
    H = np.column_stack([optim.valley(e, steep, shallow, angle)[1] for e in np.eye(2)])
    np.testing.assert_allclose(np.linalg.eigvalsh(H), [shallow, steep], rtol=1e-12)
    np.testing.assert_allclose(optim.valley(np.array([1.0, 2.0]))[0], 0.5 * (0.1 * 1 + 16 * 4))


def test_valley_takes_a_grid_of_points_at_once():
    xs, ys = np.meshgrid(np.linspace(-3, 3, 7), np.linspace(-2, 2, 5))
    loss, gradient = optim.valley(np.stack([xs, ys]), angle=20.0)
    assert loss.shape == xs.shape and gradient.shape == (2,) + xs.shape
    for i, j in [(0, 0), (2, 3), (4, 6)]:
        one, g = optim.valley(np.array([xs[i, j], ys[i, j]]), angle=20.0)
        assert loss[i, j] == pytest.approx(one, rel=1e-14)
        np.testing.assert_allclose(gradient[:, i, j], g, rtol=1e-14)


def _run(make_rule, lr, steps=300, start=(-4.0, 1.5)):
    params = {"p": np.array(start)}
    rule = make_rule(params)
    for _ in range(steps):
        _, g = optim.valley(params["p"])
        rule.step(params, {"p": g}, lr)
    return optim.valley(params["p"])[0]


def test_on_the_valley_gradient_descent_diverges_above_2_over_steep_and_momentum_later():
    # the docstring's numbers: gradient descent needs lr < 2/16 = 0.125, momentum 0.9 only
    # lr < 2(1 + 0.9)/16 = 0.2375
    start = optim.valley(np.array([-4.0, 1.5]))[0]
    gd = lambda params: optim.Momentum(params, 0.0)          # noqa: E731
    heavy = lambda params: optim.Momentum(params, 0.9)       # noqa: E731
    assert _run(gd, 0.12) < 0.1 * start
    assert _run(gd, 0.13) > 1e3 * start
    assert _run(heavy, 0.23, steps=600) < 1e-3 * start
    assert _run(heavy, 0.245, steps=600) > 1e3 * start


@pytest.mark.parametrize("p, error, words", [
    (np.ones(3), ShapeError, r"p must be a point \(x, y\).*shape \(3,\)"),
    (np.ones((3, 4)), ShapeError, r"shape \(3, 4\)"),
    (2.0, ShapeError, r"shape \(\)"),
    (np.array([1.0, np.nan]), BadValueError, "p contains"),
    ("xy", BadValueError, "p must hold numbers"),
])
def test_valley_refuses_what_is_no_point_in_plain_words(p, error, words):
    with pytest.raises(error, match=words):
        optim.valley(p)


@pytest.mark.parametrize("kwargs, words", [
    ({"steep": 0}, "steep must be a number > 0"),
    ({"shallow": -1.0}, "shallow must be a number > 0"),
    ({"angle": np.inf}, "angle must be a finite number"),
    ({"steep": "16"}, "steep must be a finite number"),
])
def test_valley_refuses_bad_constants(kwargs, words):
    with pytest.raises(SettingError, match=words):
        optim.valley(np.ones(2), **kwargs)


def test_momentum_overwriting_the_gradients_takes_the_same_steps():
    """The Trainer's fast path lets Momentum form lr·dP in the gradient's own array."""
    rng = np.random.default_rng(0)
    start = {"W1": rng.normal(size=(3, 2)).astype(np.float32), "b1": np.zeros(2, np.float32)}
    runs = []
    for overwrite in (False, True):
        params = {name: p.copy() for name, p in start.items()}
        rule = optim.Momentum(params, momentum=0.9)
        for t in range(3):
            grads = {name: np.full_like(p, 0.1 * (t + 1)) for name, p in params.items()}
            rule.step(params, grads, 0.05, overwrite_grads=overwrite)
        runs.append(params)
    for name in start:
        np.testing.assert_array_equal(runs[0][name], runs[1][name])
