"""Gradient descent for an ``MLP``: full-batch or mini-batch, with momentum or Adam and L2
weight decay, a history, early stopping, a callback after every step, and a clear stop when
training diverges.

One step on a batch (X_b, Y_b), for every parameter P with gradient dP:

    v ← μ·v − lr·dP        (μ = momentum; μ = 0 is plain gradient descent)
    P ← P + v

(optimizer="adam" steps by Adam instead, and weight_decay=λ adds λ·W to each dW first:
``optim`` holds both, notebook 07.)

"Stochastic" gradient descent means the gradient comes from a random mini-batch (or one
sample) instead of the whole training set; full-batch descent (batch_size=None) is
deterministic. Either way there is one update after each gradient.

Training has run away — diverged — when the loss becomes NaN or infinite, or grows past
``DIVERGE_ABOVE`` (10⁴) times the training set's loss before the first update: gradient
descent with a fitting learning rate lowers the loss, so growth like that means the steps
overshoot further and further. (The start is the whole set's mean loss, not the first
batch's: one sample's loss can be far below the mean.) ``runaway`` is that one rule;
``train``, the ``Trainer`` and every widget stop by it.
"""

from dataclasses import dataclass, field

import numpy as np

from . import blas
from . import checks
from . import optim
from .errors import DivergenceError, SettingError, ShapeError
from .network import MLP, accuracy, predictions

DIVERGE_ABOVE = 1e4     # the loss has run away once it is this many times its first value


def runaway(loss, start, diverge_above=DIVERGE_ABOVE):
    """Why training has run away, in words, or None if it has not: ``loss`` is NaN/inf, or
    more than ``diverge_above`` times ``start`` (the training set's loss before the first
    update; diverge_above=None: NaN/inf only). Notebooks 01, 03."""
    if not np.isfinite(loss):
        return f"the loss became {loss}"
    if diverge_above is not None and start is not None and start > 0 \
            and loss > diverge_above * start:
        return (f"the loss grew to {loss:.3g}, more than {diverge_above:g} times its "
                f"starting value {start:.3g}")
    return None


@dataclass
class History:
    """What happened, one entry per epoch (accuracies are None for regression) — notebooks 01–06."""
    train_loss: list = field(default_factory=list)
    train_acc: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    val_acc: list = field(default_factory=list)
    step_loss: list = field(default_factory=list)   # the batch loss of every step
    best_epoch: int = None        # epoch (1-based) with the lowest validation loss
    stopped_early: bool = False
    message: str = ""


class Trainer:
    """Holds everything a training run needs between steps, so a widget can step it.

    net:        an ``MLP``; its parameters are updated in place.
    X, Y:       training inputs (m, n_in) and targets (m, n_out) or integer labels (m,).
    lr:         learning rate, or a function epoch -> learning rate (a schedule).
    batch_size: None for full-batch descent, else the mini-batch size.
    X_val, Y_val: optional validation data (held out from training) for the history and
                  early stopping.
    seed:       seeds the shuffling of mini-batches.
    diverge_above: stop with a DivergenceError when the loss grows past this many times the
                training set's loss before the first update (``runaway``); None stops on
                NaN/inf only.
    optimizer:  "sgd" (gradient descent, with ``momentum``) or "adam" (``optim.Adam``).
    weight_decay: λ of the L2 penalty λ/2 Σ‖W‖²; its gradient λ·W is added to each dW
                (``optim.l2_gradient``). The history records the loss without the penalty.

    The attribute ``fast`` (True unless you set it to False) runs the fast path of
    ``MLP.forward``/``backward``: the data's values were checked once, here; products keep
    their memory order; no ∂L/∂X. The plain path computes the same equations; sums may add
    their terms in another order, so the last digits can differ (tests/test_train.py).
    Notebooks 01, 03, 06.
    """

    fast = True

    def __init__(self, net, X, Y, lr=0.1, batch_size=None, momentum=0.0, X_val=None,
                 Y_val=None, seed=0, diverge_above=DIVERGE_ABOVE, optimizer="sgd",
                 weight_decay=0.0):
        if not isinstance(net, MLP):
            raise SettingError(f"net must be an MLP (e.g. MLP([2, 8, 3])), but it is a "
                               f"{type(net).__name__}.")
        self.net = net
        self.X, self.Y = self._data(net, X, Y, "X", "Y")
        self.X_val = self.Y_val = None
        if X_val is not None or Y_val is not None:
            self.X_val, self.Y_val = self._data(net, X_val, Y_val, "X_val", "Y_val")
        if not callable(lr):
            lr = checks.number("lr", lr, above=0, hint=_LR_HINT)
        if batch_size is not None:
            batch_size = checks.whole("batch_size", batch_size, at_least=1,
                                      hint=" Use None for full-batch descent.")
        if seed is not None:
            seed = checks.whole("seed", seed, at_least=0)
        if diverge_above is not None:
            diverge_above = checks.number("diverge_above", diverge_above, above=1,
                                          hint=" Use None to stop on NaN/inf only.")
        self.update = optim.make(optimizer, net.parameters(), momentum)
        self.optimizer = optimizer
        self.weight_decay = checks.number("weight_decay", weight_decay, at_least=0,
                                          hint=optim._DECAY_HINT)
        self.lr, self.batch_size = lr, batch_size
        self.diverge_above, self.start_loss = diverge_above, None
        if batch_size is None or batch_size >= self.X.shape[0]:
            # Full batch: every step multiplies all of X. Stored column by column (Fortran
            # order — one image per column, as essay 001 lays it out), for the fast path's
            # products and row sums (layers.memory_order).
            self.X, self.Y = np.asfortranarray(self.X), np.asfortranarray(self.Y)
        # BLAS threads for a step's products: one, unless they are large (MNIST); asked again
        # at every epoch, as the machine gets busier or quieter.
        rows = self.X.shape[0] if batch_size is None else min(int(batch_size), self.X.shape[0])
        self._large = blas.is_large(rows, net.sizes)
        self.blas_threads = self._threads_now()
        self._threads_asked_at = None    # step_count when the epoch's count was last asked
        self.rng = np.random.default_rng(seed)
        self.history = History()
        self.step_count = 0      # updates made so far
        self.epoch = 0           # complete passes over the training set so far
        self._order, self._pos = None, 0
        self._batch = None       # the fast path's (X_b, Y_b) arrays, reused batch after batch

    @staticmethod
    def _data(net, X, Y, x_name, y_name):
        if X is None or Y is None:
            given, missing = (x_name, y_name) if Y is None else (y_name, x_name)
            raise ShapeError(f"{given} was given without {missing}: pass both, or neither.")
        X = net.check_input(X, x_name)
        checks.check_xy(X, Y, x_name, y_name)
        return X, net.targets(Y, X.shape[0], y_name)

    def current_lr(self):
        """The learning rate for the current epoch (calls the schedule if lr is a function)."""
        if not callable(self.lr):
            return self.lr
        return checks.number(f"the learning rate lr({self.epoch}) of the schedule",
                             self.lr(self.epoch), above=0, hint=_LR_HINT)

    def _next_batch(self):
        m = self.X.shape[0]
        if self.batch_size is None or self.batch_size >= m:
            self._pos = m
            return self.X, self.Y
        if self._order is None:
            self._order = self.rng.permutation(m)
        idx = self._order[self._pos:self._pos + self.batch_size]
        self._pos += self.batch_size
        if not self.fast:
            return self.X[idx], self.Y[idx]       # the rows idx of X and Y: new arrays
        # fast path: the same rows, copied into arrays kept from the last batch of this size
        # (mode="clip": idx is in range; the default mode would copy the rows twice)
        if self._batch is None or self._batch[0].shape[0] != idx.shape[0]:
            self._batch = (np.empty((idx.shape[0], self.X.shape[1]), self.X.dtype),
                           np.empty((idx.shape[0], self.Y.shape[1]), self.Y.dtype))
        X_b, Y_b = self._batch
        return (self.X.take(idx, axis=0, out=X_b, mode="clip"),
                self.Y.take(idx, axis=0, out=Y_b, mode="clip"))

    def _threads_now(self):
        """BLAS threads for this Trainer's products now: the idle cores' if they are large."""
        return blas.large_threads() if self._large else 1

    def _epoch_threads(self):
        """The BLAS threads for this epoch's steps, asked once, at its first step (run_epoch
        asks just before it, for the whole epoch): is the machine busier now?"""
        if self._pos == 0 and self._threads_asked_at != self.step_count:
            self.blas_threads = self._threads_now()
            self._threads_asked_at = self.step_count
        return self.blas_threads

    def step(self):
        """One update on the next batch. Returns the batch loss; raises DivergenceError on NaN/inf."""
        self._epoch_threads()
        X_b, Y_b = self._next_batch()
        lr = self.current_lr()
        # Overflow is how divergence shows itself; we test for it below and say so in plain
        # words, so NumPy's overflow warnings would only be noise.
        with np.errstate(over="ignore", invalid="ignore"), blas.limit(self.blas_threads):
            loss, grads = self.net.loss_and_gradients(X_b, Y_b, training=True, fast=self.fast)
            self.step_count += 1
            if self.start_loss is None:                  # before the first update
                self.start_loss = loss if X_b is self.X else self._loss_on(self.X, self.Y)
            self._check(loss, self.epoch + 1, lr)
            params = self.net.parameters()
            if self.weight_decay:                       # dW ← dW + λ·W
                for name, decay in optim.l2_gradient(params, self.weight_decay).items():
                    grads[name] = grads[name] + decay
            if self.fast:    # the fast path's gradients are its own scratch arrays
                self.update.step(params, grads, lr, overwrite_grads=True)
            else:
                self.update.step(params, grads, lr)
        self.history.step_loss.append(loss)
        if self._pos >= self.X.shape[0]:             # a full pass is done
            self.epoch += 1
            self._order, self._pos = None, 0
        return loss

    def _check(self, loss, epoch, lr=None):
        """Raise DivergenceError if training has run away (``runaway``), saying when and why."""
        why = runaway(loss, self.start_loss, self.diverge_above)
        if why is None:
            return
        lr = self.current_lr() if lr is None else lr
        msg = (f"diverged at step {self.step_count} (epoch {epoch}): {why} — try a smaller "
               f"learning rate (it is {lr:g} now).")
        self.history.message = msg
        raise DivergenceError(msg, step=self.step_count, history=self.history)

    def run_epoch(self):
        """Steps until the current pass over the training set is complete, all of them under
        the epoch's one BLAS limit (each step's own limit is then already in force)."""
        start = self.epoch
        with blas.limit(self._epoch_threads()):
            while self.epoch == start:
                self.step()

    def _loss_on(self, X, Y):
        """The loss on (X, Y) in evaluation mode (no dropout), with the threads its size needs."""
        with np.errstate(over="ignore", invalid="ignore"), \
                blas.limit(blas.threads_for(X.shape[0], self.net.sizes)):
            return self.net.loss_from_cache(self.net.forward(X, fast=self.fast)[1], Y)

    def evaluate(self):
        """Append this moment's losses/accuracies (evaluation mode, no dropout) to the history."""
        h = self.history
        for X, Y, losses, accs in ((self.X, self.Y, h.train_loss, h.train_acc),
                                   (self.X_val, self.Y_val, h.val_loss, h.val_acc)):
            if X is None:
                continue
            threads = blas.threads_for(X.shape[0], self.net.sizes)
            with np.errstate(over="ignore", invalid="ignore"), blas.limit(threads):
                A, cache = self.net.forward(X, fast=self.fast)
                loss = self.net.loss_from_cache(cache, Y)
            self._check(loss, max(self.epoch, 1))
            losses.append(loss)
            accs.append(_accuracy(self.net, A, Y))
        return h


def _accuracy(net, A, Y):
    """Classification accuracy from outputs A and (one-hot or 0/1) targets Y; None for regression."""
    if net.output == "softmax":
        return accuracy(predictions(net, A), Y)
    if net.output == "sigmoid":
        return accuracy(predictions(net, A), Y > 0.5)
    return None


class EarlyStopping:
    """Early stopping on the validation loss — notebook 05.

    ``update(loss)`` once per epoch; ``stop`` becomes True after ``patience`` epochs in a row
    without a new lowest loss. ``best_epoch`` (from 1) is the epoch of the lowest loss so far.
    patience=None never stops (and still tracks the best epoch).
    """

    def __init__(self, patience=None):
        if patience is not None:
            patience = checks.whole("patience", patience, at_least=1,
                                    hint=" It counts epochs without a new lowest validation loss; None never stops.")
        self.patience = patience
        self.best_loss, self.best_epoch, self.epoch, self.since_best = np.inf, None, 0, 0

    def update(self, loss):
        """Record one epoch's validation loss; True if it is a new lowest."""
        loss = checks.number("the validation loss", loss, hint=" Training has diverged if it is NaN or infinite.")
        self.epoch += 1
        if loss < self.best_loss:
            self.best_loss, self.best_epoch, self.since_best = loss, self.epoch, 0
            return True
        self.since_best += 1
        return False

    @property
    def stop(self):
        return self.patience is not None and self.since_best >= self.patience


def train(net, X, Y, epochs=10, lr=0.1, batch_size=None, momentum=0.0, X_val=None, Y_val=None,
          patience=None, restore_best=True, callback=None, seed=0, verbose=False,
          diverge_above=DIVERGE_ABOVE, optimizer="sgd", weight_decay=0.0):
    """Train ``net`` in place and return its ``History``.

    epochs:   passes over the training set (full-batch: one step per epoch).
    patience: early stopping — stop when the validation loss has not improved for this many
              epochs (needs X_val, Y_val); with restore_best the best weights are put back.
    callback: called as callback(trainer) after every step; return False to stop.
    optimizer, weight_decay: as for the ``Trainer`` ("sgd" or "adam"; λ of the L2 penalty).
    Raises DivergenceError ("diverged at step … — try a smaller learning rate") when the loss
    grows past ``diverge_above`` times its first value or becomes NaN/inf (``runaway``); the
    error carries .history with everything recorded before.
    Notebooks 01–06.
    """
    epochs = checks.whole("epochs", epochs, at_least=1, hint=" It counts passes over the training set.")
    if patience is not None and X_val is None:
        raise SettingError("early stopping (patience) watches the validation loss: pass X_val "
                           "and Y_val.")
    if callback is not None and not callable(callback):
        raise SettingError(f"callback must be a function called as callback(trainer), but it "
                           f"is {callback!r}.")
    watch = EarlyStopping(patience)
    trainer = Trainer(net, X, Y, lr, batch_size, momentum, X_val, Y_val, seed, diverge_above,
                      optimizer, weight_decay)
    h, best_state = trainer.history, None
    for epoch in range(1, epochs + 1):
        if callback is None:
            trainer.run_epoch()
        while trainer.epoch < epoch:        # with a callback: its own products on one thread
            trainer.step()
            if callback is not None and callback(trainer) is False:
                h.message = f"stopped by the callback at step {trainer.step_count}."
                return h
        trainer.evaluate()
        if verbose:
            print(_epoch_line(h, epoch))
        if X_val is not None:
            if watch.update(h.val_loss[-1]):
                h.best_epoch = watch.best_epoch
                if patience is not None and restore_best:
                    best_state = net.get_state()
            if watch.stop:
                h.stopped_early = True
                h.message = (f"stopped early after epoch {epoch}: the validation loss last "
                             f"improved at epoch {h.best_epoch}.")
                break
    if best_state is not None:
        net.set_state(best_state)
    return h


_LR_HINT = (" A step of −lr·gradient goes downhill only for lr > 0; try 0.1, and smaller if "
            "the loss grows.")


def _epoch_line(h, epoch):
    line = f"epoch {epoch:3d}  loss {h.train_loss[-1]:.4f}"
    if h.train_acc[-1] is not None:
        line += f"  acc {h.train_acc[-1]:.4f}"
    if h.val_loss:
        line += f"  val_loss {h.val_loss[-1]:.4f}"
        if h.val_acc[-1] is not None:
            line += f"  val_acc {h.val_acc[-1]:.4f}"
    return line
