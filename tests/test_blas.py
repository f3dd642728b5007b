"""BLAS threads: one for the course's small products, the idle cores for large ones."""

import os
import subprocess
import sys

import numpy as np
import pytest
from threadpoolctl import threadpool_info

from nnla_helpers import MLP, Trainer, blas, data
from nnla_helpers.train import train


def _blas_threads():
    return max(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas")


def _run(code, **env):
    full = {k: v for k, v in os.environ.items()
            if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "NNLA_BLAS_THREADS")}
    full.update(env)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=full)


def test_importing_the_course_puts_blas_on_one_thread():
    out = _run("import threadpoolctl, numpy\n"
               "before = threadpoolctl.threadpool_info()[0]['num_threads']\n"
               "import nnla_helpers\n"
               "print(before, threadpoolctl.threadpool_info()[0]['num_threads'],"
               " nnla_helpers.blas.MAX_THREADS)", OPENBLAS_NUM_THREADS="2")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["2", "1", "2"]


@pytest.mark.parametrize("env, expected", [({"OPENBLAS_NUM_THREADS": "1"}, "1"),
                                           ({"NNLA_BLAS_THREADS": "1"}, "1"),
                                           ({"NNLA_BLAS_THREADS": "3"}, "3")])
def test_large_products_respect_the_environment(env, expected):
    out = _run("from nnla_helpers import blas; print(blas.large_threads())", **env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == expected


@pytest.mark.parametrize("value", ["two", "0", "-1", "1.5"])
def test_a_bad_nnla_blas_threads_is_named_with_the_fix(value):
    out = _run("import nnla_helpers", NNLA_BLAS_THREADS=value)
    assert out.returncode != 0
    assert "NNLA_BLAS_THREADS must be a whole number of threads" in out.stderr
    assert repr(value) in out.stderr and "Unset it" in out.stderr


def test_limit_switches_and_restores():
    assert _blas_threads() == 1
    with blas.limit(2):
        assert _blas_threads() == 2
    assert _blas_threads() == 1


@pytest.mark.parametrize("busy, cores, expected", [(0.0, 2, 2), (0.3, 2, 2), (0.6, 2, 1),
                                                   (1.4, 2, 1), (0.0, 8, 8), (3.2, 8, 5)])
def test_large_products_get_the_cores_others_leave_idle(monkeypatch, busy, cores, expected):
    monkeypatch.setattr(blas, "FIXED_THREADS", None)
    monkeypatch.setattr(blas, "MAX_THREADS", 8)
    monkeypatch.setattr(blas, "_cores", lambda: cores)
    monkeypatch.setattr(blas, "_busy_elsewhere", lambda: busy)
    assert blas.large_threads() == expected


def test_busy_elsewhere_measures_the_machine_less_this_program(monkeypatch):
    samples = iter([(10.0, 100.0, 5.0), (11.0, 101.5, 5.9), (11.1, 101.6, 6.0)])
    monkeypatch.setattr(blas, "_cpu_sample", lambda: next(samples))
    monkeypatch.setattr(blas, "_last_sample", None)
    monkeypatch.setattr(blas, "_last_estimate", 0.0)
    assert blas._busy_elsewhere() == 0.0                     # the first look only starts a window
    assert blas._busy_elsewhere() == pytest.approx(0.6)      # 1.5 s busy in 1 s, 0.9 s of it ours
    assert blas._busy_elsewhere() == pytest.approx(0.6)      # 0.1 s later: too short, keep it


def test_small_work_stays_on_one_thread_and_mnist_batches_may_not(monkeypatch):
    monkeypatch.setattr(blas, "large_threads", lambda: 2)
    assert blas.threads_for(32, [2, 16, 16, 3]) == 1
    assert blas.threads_for(400, [2, 128, 128, 2]) == 1            # notebook 05's networks
    assert blas.threads_for(128, [784, 10, 10]) == 1
    assert blas.threads_for(64, [784, 128, 10]) == 1               # notebook 07's batches of 64
    assert blas.threads_for(128, [784, 128, 10]) == 2              # make bench's network
    assert blas.threads_for(128, [784, 256, 10]) == 2              # notebook 06's better network
    assert blas.threads_for(60000, [784, 10, 10]) == 2             # a full batch of MNIST


def test_trainer_asks_at_every_epoch_and_uses_the_answer(monkeypatch):
    answers = iter([2, 2, 1, 1, 1])
    seen = []
    monkeypatch.setattr(blas, "large_threads", lambda: next(answers))
    rng = np.random.default_rng(0)
    X, y = rng.random((300, 784), dtype=np.float32), rng.integers(0, 10, 300)
    net = MLP([784, 256, 10], dtype=np.float32, seed=0)
    trainer = Trainer(net, X, y, batch_size=150)
    assert trainer.blas_threads == 2
    real_forward = net.loss_and_gradients

    def spy(*args, **kwargs):
        seen.append(_blas_threads())
        return real_forward(*args, **kwargs)

    monkeypatch.setattr(net, "loss_and_gradients", spy)
    trainer.run_epoch()
    trainer.run_epoch()
    assert seen == [2, 2, 1, 1]                  # epoch 1 on two threads, epoch 2 on one
    assert _blas_threads() == 1                  # and back to the default after each step


def test_results_do_not_depend_on_the_switching():
    X, y = data.spirals(50, 3, seed=0)
    nets = [MLP([2, 16, 3], seed=1) for _ in range(2)]
    Trainer(nets[0], X, y, batch_size=30).run_epoch()
    with blas.limit(1):
        Trainer(nets[1], X, y, batch_size=30).run_epoch()
    for name in nets[0].parameters():
        np.testing.assert_array_equal(nets[0].parameters()[name], nets[1].parameters()[name])


def test_a_limit_inside_a_limit_has_its_own_count_and_gives_the_outer_one_back():
    with blas.limit(2):
        with blas.limit(1):                      # a small product inside a large block
            assert _blas_threads() == 1
        assert _blas_threads() == 2
        with blas.limit(2):                      # already in force: nothing to change
            assert _blas_threads() == 2
        assert _blas_threads() == 2
    assert _blas_threads() == 1


def _large_trainer(monkeypatch, threads=2):
    monkeypatch.setattr(blas, "large_threads", lambda: threads)
    rng = np.random.default_rng(0)
    X, y = rng.random((300, 784), dtype=np.float32), rng.integers(0, 10, 300)
    return MLP([784, 256, 10], dtype=np.float32, seed=0), X, y


def test_an_epoch_sets_the_blas_count_once_not_at_every_step(monkeypatch):
    net, X, y = _large_trainer(monkeypatch)
    counts = []
    real_limit = blas._controller.limit
    monkeypatch.setattr(blas._controller, "limit",
                        lambda **kw: counts.append(kw["limits"]) or real_limit(**kw))
    trainer = Trainer(net, X, y, batch_size=100)          # 3 steps an epoch
    trainer.run_epoch()
    assert counts == [2] and trainer.step_count == 3
    train(MLP([784, 256, 10], dtype=np.float32, seed=0), X, y, epochs=2, batch_size=100)
    assert counts == [2] + [2, 2] * 2          # train(): once for each epoch's steps, once for its evaluation
    assert _blas_threads() == 1


def test_a_training_callback_runs_on_the_default_count(monkeypatch):
    net, X, y = _large_trainer(monkeypatch)
    seen = []
    train(net, X, y, epochs=2, batch_size=100, callback=lambda trainer: seen.append(_blas_threads()))
    assert seen == [1] * 6                        # its own products stay small: one thread
