import numpy as np
import pytest

from nnla_helpers import MLP, DivergenceError, Trainer, data
from nnla_helpers.errors import ShapeError
from nnla_helpers.train import EarlyStopping, train


def _moons():
    X, y = data.two_moons(200, noise=0.2, seed=0)
    return data.train_test_split(X, y, 0.3, seed=0)


def test_loss_goes_down_and_history_has_one_entry_per_epoch():
    X_tr, X_te, y_tr, y_te = _moons()
    net = MLP([2, 16, 2], seed=0)
    untrained_loss = net.loss(X_tr, y_tr)
    h = train(net, X_tr, y_tr, epochs=20, lr=0.2, batch_size=16, X_val=X_te, Y_val=y_te)
    assert len(h.train_loss) == len(h.val_loss) == len(h.train_acc) == 20
    assert h.train_loss[-1] < h.train_loss[0] < untrained_loss
    assert h.train_loss[-1] < 0.6 * untrained_loss
    assert h.val_acc[-1] > 0.8
    assert len(h.step_loss) == 20 * int(np.ceil(len(X_tr) / 16))


def test_full_batch_training_is_deterministic_and_one_step_per_epoch():
    X, y = data.xor(100, seed=1)
    runs = []
    for _ in range(2):
        net = MLP([2, 4, 2], hidden="tanh", seed=5)
        h = train(net, X, y, epochs=5, lr=0.5)
        runs.append(net.get_state())
        assert len(h.step_loss) == 5
    for name in runs[0]:
        np.testing.assert_array_equal(runs[0][name], runs[1][name])


def test_one_step_is_w_minus_lr_times_gradient():
    X, y = data.xor(20, seed=0)
    net = MLP([2, 3, 2], seed=0)
    before = net.get_state()
    _, cache = net.forward(X)
    grads = net.backward(cache, y)
    Trainer(net, X, y, lr=0.3).step()
    for name, p in net.parameters().items():
        np.testing.assert_allclose(p, before[name] - 0.3 * grads[name])


def test_momentum_accumulates_velocity():
    X, y = data.xor(20, seed=0)
    plain, heavy = MLP([2, 3, 2], seed=0), MLP([2, 3, 2], seed=0)
    t_plain, t_heavy = Trainer(plain, X, y, lr=0.1), Trainer(heavy, X, y, lr=0.1, momentum=0.9)
    for _ in range(2):
        t_plain.step(), t_heavy.step()
    assert not np.allclose(plain.weights[0], heavy.weights[0])
    with pytest.raises(ValueError, match="momentum"):
        Trainer(plain, X, y, momentum=1.0)


def test_learning_rate_schedule_is_called_per_epoch():
    X, y = data.xor(20, seed=0)
    seen = []
    train(MLP([2, 3, 2]), X, y, epochs=3, lr=lambda e: seen.append(e) or 0.1)
    assert seen == [0, 1, 2]


def test_divergence_stops_with_a_message():
    X, T = data.noisy_line(50, seed=0)
    net = MLP([1, 1], output="identity")
    with pytest.raises(DivergenceError, match=r"diverged at step \d+ .*try a smaller learning rate \(it is 50 now\)") as info:
        train(net, X * 100, T, epochs=200, lr=50)
    assert 1 <= info.value.step <= 200
    assert "more than 10000 times its starting value" in str(info.value)
    assert len(info.value.history.step_loss) in (info.value.step - 1, info.value.step)
    assert isinstance(info.value, ArithmeticError)


def test_divergence_on_nan_only_when_growth_is_allowed():
    X, T = data.noisy_line(50, seed=0)
    net = MLP([1, 1], output="identity")
    with pytest.raises(DivergenceError, match=r"the loss became (inf|nan)") as info:
        train(net, X * 100, T, epochs=2000, lr=50, diverge_above=None)
    assert info.value.step > 5            # far past the 10⁴ growth, stopped only by overflow


def test_early_stopping_keeps_the_best_weights():
    X, y = data.two_moons(60, noise=0.35, seed=3)
    X_tr, X_val, y_tr, y_val = data.train_test_split(X, y, 0.5, seed=0)
    net = MLP([2, 64, 64, 2], seed=0)
    h = train(net, X_tr, y_tr, epochs=400, lr=0.3, X_val=X_val, Y_val=y_val, patience=20)
    assert h.stopped_early and "stopped early" in h.message
    assert f"the validation loss last improved at epoch {h.best_epoch}" in h.message
    assert len(h.val_loss) < 400
    best = h.best_epoch
    assert h.val_loss[best - 1] == min(h.val_loss)
    assert net.loss(X_val, y_val) == pytest.approx(h.val_loss[best - 1])


def test_callback_runs_after_every_step_and_can_stop():
    X, y = data.xor(40, seed=0)
    calls = []
    h = train(MLP([2, 3, 2]), X, y, epochs=10, lr=0.1, batch_size=10,
              callback=lambda t: calls.append(t.step_count) or len(calls) < 7)
    assert calls == list(range(1, 8)) and "stopped by the callback" in h.message


def test_bad_training_input():
    net = MLP([2, 3, 2])
    with pytest.raises(ShapeError, match="X has 4 samples .* but Y has 3"):
        train(net, np.ones((4, 2)), [0, 1, 1])
    with pytest.raises(ValueError, match="pass X_val and Y_val"):
        train(net, np.ones((4, 2)), [0, 1, 1, 0], patience=3)
    with pytest.raises(ValueError, match="batch_size"):
        Trainer(net, np.ones((4, 2)), [0, 1, 1, 0], batch_size=0)


@pytest.mark.parametrize("batch_size, keep_prob", [(None, 1.0), (None, 0.7), (16, 1.0), (16, 0.7)])
def test_fast_path_gives_the_plain_paths_numbers(batch_size, keep_prob):
    X, y = data.spirals(60, 3)
    runs = []
    for fast in (True, False):
        net = MLP([2, 8, 8, 3], keep_prob=keep_prob, seed=3)
        trainer = Trainer(net, X, y, lr=0.3, batch_size=batch_size, momentum=0.5, seed=1)
        trainer.fast = fast
        losses = [trainer.step() for _ in range(25)]
        runs.append((losses, net.get_state()))
    (fast_losses, fast_state), (plain_losses, plain_state) = runs
    np.testing.assert_allclose(fast_losses, plain_losses, rtol=1e-12)
    for name in fast_state:
        np.testing.assert_allclose(fast_state[name], plain_state[name], rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("batch_size", [32, 100])
def test_fast_mini_batches_are_the_layer_pairs_bit_for_bit(batch_size):
    """float32 mini-batches, softmax, momentum: not a bit apart after 3 epochs. Notebook 07
    compares a learner's own loop (the layer pairs) with the Trainer after 1 563 updates,
    where a last-bit difference per step has grown past its 10⁻³ (a sum adding its terms
    in another order is enough)."""
    rng = np.random.default_rng(0)
    X, y = rng.random((400, 50), dtype=np.float32), rng.integers(0, 10, 400)
    states = []
    for fast in (True, False):
        net = MLP([50, 32, 10], dtype=np.float32, seed=0)
        trainer = Trainer(net, X, y, lr=0.3, batch_size=batch_size, momentum=0.9, seed=0)
        trainer.fast = fast
        for _ in range(3):
            trainer.run_epoch()
        states.append(net.get_state())
    for name in states[0]:
        np.testing.assert_array_equal(states[0][name], states[1][name])


def test_early_stopping_counts_epochs_from_one_and_never_looks_ahead():
    watch = EarlyStopping(patience=2)
    for loss in [1.0, 0.8, 0.9, 0.7, 0.75, 0.72, 0.5]:
        watch.update(loss)
        if watch.stop:
            break
    assert (watch.epoch, watch.best_epoch, watch.best_loss) == (6, 4, 0.7)
    never = EarlyStopping()
    for loss in [3, 2, 4, 5, 6]:
        never.update(loss)
    assert not never.stop and never.best_epoch == 2
