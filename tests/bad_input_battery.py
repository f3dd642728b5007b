"""Bad inputs for every public function and widget constructor, and the judge of each answer.

A *case* is one public callable with a good call (fresh, valid arguments) and, for each
argument a learner could get wrong, a *kind*: what that argument must be. A kind turns the
good value into bad ones (hypothesis strategies: NaN at a drawn position, a drawn number of
extra columns, a drawn negative size, …) and into *equivalent* ones (the same numbers as a
list). ``judge`` calls the case with one argument replaced and sorts the answer:

    clear       one of the package's documented errors, naming the argument
    unnamed     a documented error whose message does not name the argument
    traceback   any other exception (a bare NumPy / matplotlib / Python error)
    silent      a bad value accepted: it returned as if nothing were wrong
    correct     an equivalent value gave the good call's result
    wrong       an equivalent value gave a different result

tests/test_bad_inputs.py asserts every answer is clear or correct; tools/bad_input_report.py
counts the answers (against this checkout, or an older one).
"""

import math
import warnings
from dataclasses import dataclass, field

import numpy as np
from hypothesis import strategies as st

import nnla_helpers
from nnla_helpers import errors

# Every exception class the package defines is "documented" (the base NnlaError, when present,
# covers them all; an older checkout without it still has its own classes).
DOCUMENTED = tuple(obj for obj in vars(errors).values()
                   if isinstance(obj, type) and issubclass(obj, Exception))
OK = ("clear", "correct")


@dataclass(frozen=True)
class Bad:
    label: str                  # what was done to the good value, e.g. "NaN at (2, 1)"
    value: object
    equivalent: bool = False    # True: the same input in another form; the answer must not change


def _strs(bad_values):
    return st.sampled_from([Bad(label, value) for label, value in bad_values])


# ---- kinds: what an argument must be ---------------------------------------------------------
class Kind:
    def strategy(self, good):
        raise NotImplementedError


@dataclass
class Array(Kind):
    """A finite numeric array. ``rows``/``cols``: its number of rows/columns must match
    something else (so one more is an error); ``ndim``: the dimensions it may have."""
    rows: bool = True
    cols: bool = True
    ndim: tuple = (2,)
    empty_ok: bool = False
    listable: bool = True
    none_ok: bool = False

    def strategy(self, good):
        good = np.asarray(good)
        out = [_nonfinite(good), _strs([("None", None)] * (not self.none_ok) + [("a string", "X"), ("a dict", {"a": 1}),
                                          ("strings", np.full(good.shape, "a")),
                                          ("complex numbers", good + 1j),
                                          ("objects", np.array([object()] * max(good.size, 1)))])]
        if not self.empty_ok:
            out.append(st.just(Bad("empty", np.zeros((0,) + good.shape[1:]))))
        if good.ndim == 2 and len(good) > 1:
            out.append(st.just(Bad("ragged rows", [list(r) for r in good[:-1]] + [list(good[-1, :-1])]
                                   if good.shape[1] > 1 else [[1.0, 2.0], [3.0]])))
        wrong_ndim = [d for d in (1, 2, 3) if d not in self.ndim]
        if wrong_ndim and good.size:
            out.append(st.sampled_from(wrong_ndim).map(lambda d: Bad(f"{d}-D", _to_ndim(good, d))))
        if self.cols and good.ndim == 2:
            out.append(st.integers(1, 3).map(lambda k: Bad(f"{k} extra column(s)", np.hstack(
                [good, np.ones((good.shape[0], k))]))))
            if good.shape[0] != good.shape[1]:
                out.append(st.just(Bad("transposed", good.T.copy())))
        if self.rows and good.ndim >= 1 and len(good) > 1:
            out.append(st.integers(1, len(good) - 1).map(lambda k: Bad(f"{k} row(s) short", good[k:])))
        if self.listable:
            out.append(st.just(Bad("as a list", good.tolist(), equivalent=True)))
        return st.one_of(out)


def _nonfinite(good):
    flat = max(good.size, 1)
    return st.tuples(st.integers(0, flat - 1), st.sampled_from([np.nan, np.inf, -np.inf])).map(
        lambda t: Bad(f"{t[1]} at entry {t[0]}", _poke(good, t[0], t[1])))


def _poke(good, i, v):
    a = np.array(good, dtype=float) if good.size else np.zeros((1,) + good.shape[1:])
    a.flat[i % a.size] = v
    return a


def _to_ndim(good, d):
    if d == 1:
        return good.reshape(-1)
    if d == 2:
        return good.reshape(1, -1) if good.ndim == 1 else good.reshape(good.shape[0], -1)
    return good.reshape(good.shape + (1,) * (3 - good.ndim)) if good.ndim < 3 else good


@dataclass
class Labels(Kind):
    """Whole-number class labels 0 … k−1 (k=None: no upper bound known), one per sample."""
    k: int = None
    rows: bool = True

    def strategy(self, good):
        good = np.asarray(good)
        m = len(good)
        out = [st.integers(0, m - 1).map(lambda i: Bad(f"−1 at {i}", _set(good, i, -1))),
               st.tuples(st.integers(0, m - 1), st.floats(0.05, 0.95)).map(
                   lambda t: Bad(f"{t[1]:.2f} at {t[0]}", _set(good.astype(float), t[0], t[1]))),
               st.integers(0, m - 1).map(lambda i: Bad(f"NaN at {i}", _set(good.astype(float), i, np.nan))),
               _strs([("None", None), ("a string", "0 1 2"), ("strings", np.array(["a"] * m)),
                      ("empty", np.array([], dtype=int))]),
               st.just(Bad("as a list", good.tolist(), equivalent=True))]
        if self.k is not None:
            out.append(st.tuples(st.integers(0, m - 1), st.integers(self.k, self.k + 5)).map(
                lambda t: Bad(f"label {t[1]} at {t[0]}", _set(good, t[0], t[1]))))
        if self.rows and m > 1:
            out.append(st.integers(1, m - 1).map(lambda k: Bad(f"{k} label(s) short", good[k:])))
        return st.one_of(out)


def _set(a, i, v):
    a = np.array(a)
    a[i] = v
    return a


@dataclass
class Number(Kind):
    """A finite number in a range: above/at_least/below/at_most as in ``checks.number``."""
    above: float = None
    at_least: float = None
    below: float = None
    at_most: float = None
    none_ok: bool = False

    def strategy(self, good):
        fixed = [("NaN", math.nan), ("inf", math.inf), ("−inf", -math.inf), ("a string", "0.1"),
                 ("True", True), ("a list", [good]), ("complex", 1j)]
        if not self.none_ok:
            fixed.append(("None", None))
        out = [_strs(fixed)]
        if self.above is not None:
            out.append(st.floats(1e-3, 1e3).map(lambda d: Bad(f"{self.above - d:g}", self.above - d)))
            out.append(st.just(Bad(f"{self.above:g} (the bound)", self.above)))
        if self.at_least is not None:
            out.append(st.floats(1e-3, 1e3).map(lambda d: Bad(f"{self.at_least - d:g}", self.at_least - d)))
        if self.below is not None:
            out.append(st.floats(0, 1e3).map(lambda d: Bad(f"{self.below + d:g}", self.below + d)))
        if self.at_most is not None:
            out.append(st.floats(1e-3, 1e3).map(lambda d: Bad(f"{self.at_most + d:g}", self.at_most + d)))
        return st.one_of(out)


@dataclass
class Whole(Kind):
    """A whole number ≥ at_least (≤ at_most); 2.0 is equivalent to 2, 2.5 is not whole."""
    at_least: int = 1
    at_most: int = None
    none_ok: bool = False

    def strategy(self, good):
        fixed = [("NaN", math.nan), ("inf", math.inf), ("a string", str(good)), ("True", True),
                 ("a list", [good])]
        if not self.none_ok:
            fixed.append(("None", None))
        out = [_strs(fixed),
               st.integers(1, 50).map(lambda d: Bad(f"{self.at_least - d}", self.at_least - d)),
               st.floats(0.1, 0.9).map(lambda f: Bad(f"{good + f:.2f}", good + f)),
               st.just(Bad("as a float", float(good), equivalent=True))]
        if self.at_most is not None:
            out.append(st.integers(1, 50).map(lambda d: Bad(f"{self.at_most + d}", self.at_most + d)))
        return st.one_of(out)


@dataclass
class Choice(Kind):
    """One of a few names."""
    def strategy(self, good):
        return _strs([("a misspelt name", str(good) + "x"), ("upper case", str(good).upper() + "_"),
                      ("None", None), ("a number", 3), ("empty", ""), ("a list", [good])])


@dataclass
class Callable(Kind):
    def strategy(self, good):
        return _strs([("a number", 3), ("a string", "f"), ("None", None), ("a list", [good])])


@dataclass
class Net(Kind):
    """An MLP; ``wrong`` makes a network of the wrong input or output size."""
    wrong: object = None
    none_ok: bool = False

    def strategy(self, good):
        out = [_strs([("None", None)] * (not self.none_ok) + [("a string", "net"), ("a dict", {"W1": 1}),
                      ("a list of sizes", list(good.sizes))])]
        if self.wrong is not None:
            out.append(st.integers(1, 3).map(lambda k: Bad(f"a net {k} size(s) off", self.wrong(k))))
        return st.one_of(out)


@dataclass
class Anything(Kind):
    """An argument with a fixed type: e.g. a History, a dict of parameters, a list of steps."""
    extra: tuple = ()

    def strategy(self, good):
        return _strs([("None", None), ("a string", "text"), ("a number", 3.0),
                      ("an object", object())] + list(self.extra))


# ---- cases ------------------------------------------------------------------------------------
@dataclass
class Case:
    name: str
    call: object                      # call(**kwargs)
    good: object                      # good() -> fresh valid kwargs
    kinds: dict                       # argument -> Kind
    names: dict = field(default_factory=dict)   # argument -> words a message may name it by
    examples: int = 12                # hypothesis examples per argument (widgets: fewer)

    def words(self, arg):
        return self.names.get(arg, (arg,))


def judge(case, arg, bad):
    """Call ``case`` with ``arg`` replaced by ``bad.value``; return (outcome, detail)."""
    kwargs = case.good()
    kwargs[arg] = bad.value
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)   # NumPy's overflow/invalid warnings
            result = case.call(**kwargs)
    except DOCUMENTED as err:
        message = str(err)
        if any(word in message for word in case.words(arg)):
            return "clear", message
        return "unnamed", f"{type(err).__name__}: {message}"
    except Exception as err:                                  # noqa: BLE001 — that is the point
        return "traceback", f"{type(err).__name__}: {err}"
    finally:
        _close_all()
    if not bad.equivalent:
        _close(result)
        return "silent", f"returned {_short(result)}"
    expected = case.call(**case.good())
    same = _same(result, expected)
    _close(result), _close(expected), _close_all()
    return ("correct", "") if same else ("wrong", f"{_short(result)} ≠ {_short(expected)}")


def _same(a, b):
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (np.ndarray, float, int, np.number)) and isinstance(b, (np.ndarray, float, int, np.number)):
        a, b = np.asarray(a), np.asarray(b)
        return a.shape == b.shape and bool(np.allclose(a, b, equal_nan=True, rtol=1e-12, atol=0))
    if hasattr(a, "train_loss") and hasattr(b, "train_loss"):          # a History
        return _same(a.train_loss, b.train_loss) and _same(a.val_loss, b.val_loss)
    return type(a) is type(b) and (not isinstance(a, str) or a == b)


def _short(x):
    text = repr(x)
    return text if len(text) < 80 else text[:77] + "…"


def _close(x):
    close = getattr(x, "close", None)
    if callable(close) and not isinstance(x, np.ndarray):
        try:
            close()
        except Exception:                                     # noqa: BLE001
            pass


def _close_all():
    import sys
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")


# ---- the good calls ---------------------------------------------------------------------------
def _rng():
    return np.random.default_rng(0)


def _Z():
    return _rng().normal(size=(4, 3))


def _labels(m=4, k=3):
    return np.arange(m) % k


def _spirals():
    from nnla_helpers import data
    return data.spirals(8, 3, seed=0)


def _net(sizes=(2, 5, 3), **kw):
    from nnla_helpers import MLP
    return MLP(list(sizes), seed=0, **kw)


def _linear():
    X = _rng().normal(size=(6, 2))
    W, b, T = np.array([[1.0], [-2.0]]), np.array([0.5]), X @ np.array([[2.0], [1.0]]) + 0.3
    return X, W, b, T


def _enter(context):
    with context:
        return True


def _cases():
    from nnla_helpers import (activations as act, blas, data, gradcheck, layers, linear, losses, optim,
                              metrics, network, train)

    cases = []
    Z = Array(rows=False, cols=False, ndim=(1, 2, 3), empty_ok=True)
    for name in ("relu", "relu_abs_form", "relu_grad", "tanh", "tanh_grad", "identity",
                 "identity_grad", "log_softmax"):
        cases.append(Case(f"activations.{name}", getattr(act, name), lambda: {"Z": _Z()}, {"Z": Z}))
    for name in ("leaky_relu", "leaky_relu_grad"):
        cases.append(Case(f"activations.{name}", getattr(act, name),
                          lambda: {"Z": _Z(), "delta": 0.01}, {"Z": Z, "delta": Number()}))
    for name in ("sigmoid", "sigmoid_grad"):
        cases.append(Case(f"activations.{name}", getattr(act, name),
                          lambda: {"Z": _Z(), "c": 2.0, "beta": 3.0},
                          {"Z": Z, "c": Number(), "beta": Number()}))
    cases.append(Case("activations.softmax", act.softmax, lambda: {"Z": _Z(), "temperature": 2.0},
                      {"Z": Z, "temperature": Number(above=0)}))
    cases.append(Case("activations.softmax_jacobian", act.softmax_jacobian,
                      lambda: {"z": np.array([1.0, 2.0, 0.5]), "temperature": 1.0},
                      {"z": Array(rows=False, cols=False, ndim=(1,)), "temperature": Number(above=0)}))
    cases.append(Case("activations.softmax_backward", act.softmax_backward,
                      lambda: {"S": act.softmax(_Z()), "dS": _Z()},
                      {"S": Array(), "dS": Array()}))
    cases.append(Case("activations.get_activation", act.get_activation, lambda: {"name": "tanh"},
                      {"name": Choice()}, names={"name": ("activation",)}))
    cases.append(Case("activations.with_params", lambda **kw: act.with_params(kw.pop("name"), **kw)[0](_Z()),
                      lambda: {"name": "sigmoid", "c": 2.0}, {"name": Choice(), "c": Number()},
                      names={"name": ("activation",)}))

    # losses: (prediction, target)
    def probs():
        return act.softmax(_Z())
    for name, P, Y, kind_Y in (
            ("mse", _Z, _Z, Array()), ("mse_grad", _Z, _Z, Array()),
            ("softmax_cross_entropy", _Z, lambda: data.one_hot(_labels(), 3), Array()),
            ("softmax_cross_entropy_grad", _Z, lambda: data.one_hot(_labels(), 3), Array()),
            ("cross_entropy", probs, lambda: data.one_hot(_labels(), 3), Array()),
            ("cross_entropy_grad", probs, lambda: data.one_hot(_labels(), 3), Array()),
            ("binary_cross_entropy", _Z, lambda: (_Z() > 0).astype(float), Array()),
            ("binary_cross_entropy_grad", _Z, lambda: (_Z() > 0).astype(float), Array())):
        p_name = {"mse": "Y_hat", "mse_grad": "Y_hat"}.get(name, "P" if "cross_entropy" in name and "softmax" not in name and "binary" not in name else "Z")
        cases.append(Case(f"losses.{name}", lambda f=getattr(losses, name), p=p_name, **kw: f(kw[p], kw["Y"]),
                          lambda P=P, Y=Y, p=p_name: {p: P(), "Y": Y()},
                          {p_name: Array(), "Y": kind_Y}))
    for name in ("softmax_cross_entropy", "cross_entropy"):
        P = _Z if name.startswith("softmax") else probs
        p_name = "Z" if name.startswith("softmax") else "P"
        cases.append(Case(f"losses.{name} (labels)", lambda f=getattr(losses, name), p=p_name, **kw: f(kw[p], kw["y"]),
                          lambda P=P, p=p_name: {p: P(), "y": _labels()},
                          {"y": Labels(k=3)}, names={"y": ("Y",)}))

    # layers (the learner calls the dropout pair and the dense pair in notebooks 04, 05)
    cases.append(Case("layers.dropout_forward", layers.dropout_forward,
                      lambda: {"A": np.abs(_Z()), "D": (_rng().random((4, 3)) < 0.5).astype(float),
                               "keep_prob": 0.5},
                      {"D": Array(), "keep_prob": Number(above=0, at_most=1)},
                      names={"D": ("D", "mask")}))
    cases.append(Case("layers.dropout_mask", layers.dropout_mask,
                      lambda: {"shape": (4, 3), "keep_prob": 0.8, "rng": _rng()},
                      {"keep_prob": Number(above=0, at_most=1),
                       "shape": Anything((("a fraction", (4, 2.5)), ("negative", (4, -3)), ("a list", [4, 3]))),
                       "rng": Anything((("the seed", 0), ("the old np.random", np.random)))}))
    cases.append(Case("layers.dense_forward", layers.dense_forward,
                      lambda: {"A_prev": _Z(), "W": _Z()[:3, :2], "b": np.array([1.0, -1.0])},
                      {"A_prev": Array(rows=False), "W": Array(), "b": Array(rows=False, ndim=(1, 2))}))
    cases.append(Case("layers.dense_backward", layers.dense_backward,
                      lambda: {"dZ": _Z()[:, :2], "cache": layers.dense_forward(_Z(), _Z()[:3, :2], np.zeros(2))[1]},
                      {"dZ": Array(), "cache": Anything((("a tuple of 2", (1, 2)), ("the output Z", _Z())))}))
    cases.append(Case("layers.activation_forward", layers.activation_forward,
                      lambda: {"Z": _Z(), "name": "tanh"},
                      {"Z": Array(rows=False, cols=False, ndim=(1, 2, 3)), "name": Choice()}))
    cases.append(Case("layers.activation_backward", layers.activation_backward,
                      lambda: {"dA": _Z(), "cache": layers.activation_forward(_Z(), "tanh")[1]},
                      {"dA": Array(), "cache": Anything((("a tuple of 2", (1, 2)),))}))
    cases.append(Case("layers.dropout_backward", layers.dropout_backward,
                      lambda: {"dA_dropped": _Z(), "cache": (np.ones((4, 3)), 0.5)},
                      {"dA_dropped": Array(), "cache": Anything((("a tuple of 3", (1, 2, 3)),
                                                                ("keep_prob 0", (np.ones((4, 3)), 0.0))))},
                      names={"cache": ("cache", "keep_prob")}))
    for name, P, Y in (("softmax_cross_entropy", _Z, lambda: data.one_hot(_labels(), 3)),
                       ("sigmoid_binary_cross_entropy", _Z, lambda: (_Z() > 0).astype(float)),
                       ("mse", _Z, _Z)):
        p_name = "A" if name == "mse" else "Z"
        cases.append(Case(f"layers.{name}", lambda f=getattr(layers, name), p=p_name, **kw: f(kw[p], kw["Y"]),
                          lambda P=P, Y=Y, p=p_name: {p: P(), "Y": Y()}, {p_name: Array(), "Y": Array()}))

    # data
    cases.append(Case("data.one_hot", data.one_hot, lambda: {"labels": _labels(), "n_classes": 3},
                      {"labels": Labels(k=3, rows=False), "n_classes": Whole(at_least=1, none_ok=True)}))
    cases.append(Case("data.as_images", data.as_images, lambda: {"images": np.zeros((2, 784))},
                      {"images": Array(rows=False, ndim=(1, 2, 3))}))
    cases.append(Case("data.train_test_split", data.train_test_split,
                      lambda: {"X": _spirals()[0], "y": _spirals()[1], "test_fraction": 0.25, "seed": 0},
                      {"X": Array(cols=False), "y": Array(cols=False, ndim=(1, 2)),
                       "test_fraction": Number(above=0, below=1),
                       "seed": Whole(at_least=0)}))
    cases.append(Case("data.split", data.split,
                      lambda: {"X": _spirals()[0], "Y": _spirals()[1], "sizes": (12, 12), "seed": 0},
                      {"X": Array(cols=False), "Y": Array(cols=False, ndim=(1, 2)), "sizes": Anything(
                          (("one part", (24,)), ("sizes not adding up", (10, 10)),
                           ("a negative size", (30, -6)), ("fractions over 1", (0.7, 0.7)),
                           ("NaN", (np.nan, 0.5)))), "seed": Whole(at_least=0)}))
    for name, n_arg in (("noisy_line", "n"), ("xor", "n"), ("two_moons", "n"), ("circles", "n"),
                        ("spirals", "n_per_class")):
        cases.append(Case(f"data.{name}", getattr(data, name), lambda n_arg=n_arg: {n_arg: 20, "noise": 0.1, "seed": 0},
                          {n_arg: Whole(at_least=1), "noise": Number(at_least=0), "seed": Whole(at_least=0)}))
    cases.append(Case("data.load_mnist", data.load_mnist, lambda: {"n_train": 10, "n_test": 10},
                      {"n_train": Whole(at_least=1, at_most=60_000, none_ok=True),
                       "n_test": Whole(at_least=1, at_most=10_000, none_ok=True)}, examples=6))

    # linear regression
    def lin(*names):
        return lambda: dict(zip(("X", "W", "b", "T"), _linear()))
    for name in ("predict", "loss", "gradients"):
        f = getattr(linear, name)
        args = ("X", "W", "b") if name == "predict" else ("X", "W", "b", "T")
        cases.append(Case(f"linear.{name}", lambda f=f, args=args, **kw: f(*(kw[a] for a in args)),
                          lambda args=args: {a: v for a, v in zip(("X", "W", "b", "T"), _linear()) if a in args},
                          {"X": Array(rows=False), "W": Array(), "b": Array(rows=False, ndim=(1, 2)),
                           **({"T": Array(cols=False, ndim=(1, 2))} if "T" in args else {})}))
    cases.append(Case("linear.gradient_step", linear.gradient_step,
                      lambda: {**dict(zip(("X", "W", "b", "T"), _linear())), "lr": 0.1},
                      {"X": Array(rows=False), "W": Array(), "lr": Number(above=0)}))
    cases.append(Case("linear.least_squares", linear.least_squares,
                      lambda: {"X": _linear()[0], "T": _linear()[3]},
                      {"X": Array(cols=False), "T": Array(cols=False, ndim=(1, 2))}))
    cases.append(Case("linear.updates_to_reach", linear.updates_to_reach,
                      lambda: {**dict(zip(("X", "W", "b", "T"), _linear())), "lr": 0.1, "target": 1.0,
                               "max_updates": 1000},
                      {"X": Array(rows=False), "lr": Number(above=0), "target": Number(),
                       "max_updates": Whole(at_least=1)}))

    # networks
    def wrong_net(k):
        return _net((2 + k, 5, 3))
    cases.append(Case("network.MLP", network.MLP,
                      lambda: {"layer_sizes": [2, 5, 3], "hidden": "relu", "output": "softmax",
                               "init": "he", "keep_prob": 1.0, "seed": 0},
                      {"layer_sizes": Anything((("a 0 size", [2, 0, 3]), ("a fraction", [2, 2.7, 3]),
                                                ("one size", [2]), ("a string", "2,5,3"),
                                                ("negative", [2, -5, 3]), ("NaN", [2, np.nan, 3]))),
                       "hidden": Anything((("a misspelt name", "relux"), ("softmax", "softmax"),
                                           ("two names for one layer", ["relu", "tanh"]),
                                           ("upper case", "RELU"))),
                       "output": Choice(), "init": Choice(),
                       "keep_prob": Number(above=0, at_most=1), "seed": Whole(at_least=0, none_ok=True)},
                      names={"layer_sizes": ("layer_sizes",)}))
    for method in ("predict", "predict_proba", "loss", "accuracy", "loss_and_gradients"):
        needs_y = method in ("loss", "accuracy", "loss_and_gradients")
        cases.append(Case(f"MLP.{method}",
                          lambda method=method, needs_y=needs_y, **kw: getattr(kw.pop("net"), method)(*kw.values()),
                          lambda needs_y=needs_y: {"net": _net(), "X": _spirals()[0],
                                                   **({"y": _spirals()[1]} if needs_y else {})},
                          {"X": Array(rows=needs_y), **({"y": Labels(k=3)} if needs_y else {})},
                          names={"y": ("Y", "y"), "X": ("X",)}))
    cases.append(Case("MLP.set_state", lambda **kw: kw["net"].set_state(kw["state"]),
                      lambda: {"net": _net(), "state": _net().get_state()},
                      {"state": Anything((("a transposed W", {**_net().get_state(),
                                                             "W1": _net().get_state()["W1"].T}),
                                          ("a missing b2", {k: v for k, v in _net().get_state().items() if k != "b2"}),
                                          ("NaN in W2", {**_net().get_state(),
                                                         "W2": _poke(_net().get_state()["W2"], 0, np.nan)})))}))
    cases.append(Case("network.accuracy", network.accuracy,
                      lambda: {"predicted": _labels(6), "y": _labels(6)},
                      {"predicted": Labels(), "y": Labels()}))
    cases.append(Case("gradcheck.numerical_gradient", gradcheck.numerical_gradient,
                      lambda: (lambda x: {"f": lambda: float(np.sum(x ** 3)), "x": x, "eps": 1e-6})(
                          np.array([1.0, -2.0, 0.5])),
                      {"f": Callable(), "eps": Number(above=0, below=1),
                       "x": Anything((("an int array", np.array([1, -2, 3])),
                                      ("float32", np.array([1.0, 2.0], dtype=np.float32)),
                                      ("a list", [1.0, 2.0])))}))
    cases.append(Case("gradcheck.relative_error", gradcheck.relative_error,
                      lambda: {"a": _Z(), "b": _Z() + 1e-3}, {"a": Array(), "b": Array()}))
    cases.append(Case("gradcheck.verdict", gradcheck.verdict, lambda: {"error": 1e-9, "tol": 1e-7},
                      {"tol": Number(above=0)}))
    cases.append(Case("gradcheck.check_network_gradients", gradcheck.check_network_gradients,
                      lambda: {"net": _net(), "X": _spirals()[0][:5], "Y": _spirals()[1][:5]},
                      {"net": Net(wrong_net), "X": Array(), "Y": Labels(k=3)},
                      names={"net": ("net", "network", "X")}, examples=8))
    cases.append(Case("metrics.confusion_counts", metrics.confusion_counts,
                      lambda: {"y_true": _labels(6), "y_pred": _labels(6)[::-1].copy(), "n_classes": 3},
                      {"y_true": Labels(k=3), "y_pred": Labels(k=3), "n_classes": Whole(none_ok=True)}))
    cases.append(Case("metrics.class_labels", metrics.class_labels,
                      lambda: {"y": data.one_hot(_labels(6), 3)},
                      {"y": Array(rows=False, cols=False, ndim=(1, 2))}))
    cases.append(Case("blas.limit", lambda n: _enter(blas.limit(n)), lambda: {"n": 1}, {"n": Whole(at_least=1)}))
    cases.append(Case("blas.threads_for", blas.threads_for, lambda: {"m": 100, "layer_sizes": [784, 10]},
                      {"m": Whole(at_least=1), "layer_sizes": Anything((("a fraction", [784, 2.5]),))}))
    cases.append(Case("blas.is_large", blas.is_large, lambda: {"m": 100, "layer_sizes": [784, 10]},
                      {"m": Whole(at_least=1), "layer_sizes": Anything((("a fraction", [784, 2.5]),))}))
    cases.append(Case("metrics.most_confident_mistakes", metrics.most_confident_mistakes,
                      lambda: {"P": act.softmax(_Z()), "y": _labels(), "n": 2},
                      {"P": Array(cols=False), "y": Labels(k=3), "n": Whole(at_least=1)}))

    # training
    def fit(**kw):
        return train.train(**kw)
    cases.append(Case("train.train", fit,
                      lambda: {"net": _net(), "X": _spirals()[0], "Y": _spirals()[1], "epochs": 3,
                               "lr": 0.1, "batch_size": 8, "momentum": 0.5,
                               "X_val": _spirals()[0][:6], "Y_val": _spirals()[1][:6], "seed": 0,
                               "optimizer": "sgd", "weight_decay": 1e-3},
                      {"net": Net(wrong_net), "X": Array(), "Y": Labels(k=3), "epochs": Whole(at_least=1),
                       "lr": Number(above=0), "batch_size": Whole(at_least=1, none_ok=True),
                       "momentum": Number(at_least=0, below=1), "X_val": Array(),
                       "Y_val": Labels(k=3), "seed": Whole(at_least=0), "optimizer": Choice(),
                       "weight_decay": Number(at_least=0)},
                      names={"net": ("net", "X"), "X": ("X",), "Y": ("Y",)}, examples=10))
    cases.append(Case("train.Trainer", train.Trainer,
                      lambda: {"net": _net(), "X": _spirals()[0], "Y": _spirals()[1], "lr": 0.1,
                               "optimizer": "adam", "weight_decay": 1e-3},
                      {"net": Net(wrong_net), "lr": Number(above=0), "optimizer": Choice(),
                       "weight_decay": Number(at_least=0)},
                      names={"net": ("net", "X")}, examples=8))
    cases.append(Case("optim.Adam", optim.Adam,
                      lambda: {"params": _net().parameters(), "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
                      {"beta1": Number(at_least=0, below=1), "beta2": Number(at_least=0, below=1),
                       "eps": Number(above=0)}))
    cases.append(Case("optim.Momentum", optim.Momentum,
                      lambda: {"params": _net().parameters(), "momentum": 0.9},
                      {"momentum": Number(at_least=0, below=1)}))
    cases.append(Case("optim.l2_penalty", optim.l2_penalty,
                      lambda: {"params": _net().parameters(), "weight_decay": 1e-3},
                      {"weight_decay": Number(at_least=0)}))
    cases.append(Case("optim.valley", optim.valley,
                      lambda: {"p": np.array([-4.0, 1.5]), "steep": 16.0, "shallow": 0.1, "angle": 0.0},
                      {"p": Array(cols=False, ndim=(1, 2, 3)), "steep": Number(above=0),
                       "shallow": Number(above=0), "angle": Number()}))
    cases.append(Case("optim.l2_gradient", optim.l2_gradient,
                      lambda: {"params": _net().parameters(), "weight_decay": 1e-3},
                      {"weight_decay": Number(at_least=0)}))
    cases.append(Case("train.EarlyStopping", train.EarlyStopping, lambda: {"patience": 3},
                      {"patience": Whole(at_least=1, none_ok=True)}))
    return cases


def _plot_and_widget_cases():
    from nnla_helpers import History, data, plots, widgets

    def hist():
        return History(train_loss=[1.0, 0.5, 0.25], val_loss=[1.1, 0.6, 0.4])

    X, y = _spirals()
    net = _net()
    cases = [
        Case("plots.function_and_derivative", plots.function_and_derivative,
             lambda: {"name": "sigmoid"}, {"name": Choice()}, names={"name": ("activation", "name")},
             examples=6),
        Case("plots.loss_curves", plots.loss_curves, lambda: {"history": hist()},
             {"history": Anything((("a dict", {"train_loss": [1.0]}),))},
             names={"history": ("history", "History")}, examples=6),
        Case("plots.decision_boundary", plots.decision_boundary,
             lambda: {"net": _net(), "X": _spirals()[0], "y": _spirals()[1]},
             {"net": Net(lambda k: _net((2 + k, 5, 3))), "X": Array(), "y": Labels(k=3)},
             names={"net": ("net", "X")}, examples=6),
        Case("plots.network_diagram", plots.network_diagram, lambda: {"sizes": [2, 3, 2]},
             {"sizes": Anything((("a 0 size", [2, 0, 3]), ("a fraction", [2.5, 3]), ("empty", []),
                                 ("NaN", [2, np.nan])))}, examples=6),
        Case("plots.weight_heatmap", plots.weight_heatmap, lambda: {"W": _Z()},
             {"W": Array(rows=False, cols=False, ndim=(1, 2))}, examples=6),
        Case("plots.digit_grid", plots.digit_grid,
             lambda: {"images": np.zeros((3, 784)), "labels": np.array([1, 2, 3])},
             {"images": Array(rows=False, ndim=(1, 2, 3)), "labels": Labels(k=10)}, examples=6),
        Case("plots.confusion_matrix", plots.confusion_matrix,
             lambda: {"y_true": _labels(6), "y_pred": _labels(6)},
             {"y_true": Labels(), "y_pred": Labels()}, examples=6),
        Case("plots.fitted_line", plots.fitted_line,
             lambda: {"X": data.noisy_line(10)[0], "T": data.noisy_line(10)[1],
                      "model": _net((1, 1), output="identity")},
             {"X": Array(), "T": Array(cols=False, ndim=(1, 2))}, examples=6),
        Case("plots.loss_surface", plots.loss_surface,
             lambda: {"X": data.noisy_line(10)[0], "T": data.noisy_line(10)[1]},
             {"X": Array(), "T": Array(cols=False, ndim=(1, 2))}, examples=4),
        Case("widgets.TrainingPlayer", widgets.TrainingPlayer,
             lambda: {"X": X, "y": y, "hidden_sizes": (4,), "lr": 0.1, "seed": 0},
             {"X": Array(listable=False), "y": Labels(k=None), "lr": Number(above=0),
              "hidden_sizes": Anything((("a fraction", (2.5,)), ("a 0", (0,)), ("negative", (-3,)))),
              "seed": Whole(at_least=0)}, examples=5),
        Case("widgets.MatrixMultiplyStepper", widgets.MatrixMultiplyStepper,
             lambda: {"X": _Z()[:2], "W": _Z()[:3, :2], "b": np.array([0.5, -1.0])},
             {"X": Array(rows=False, listable=False), "W": Array(listable=False),
              "b": Array(rows=False, ndim=(1, 2), listable=False, none_ok=True)}, examples=5),
        Case("widgets.forward_backward_steps", widgets.forward_backward_steps,
             lambda: {"net": _net(), "X": X[:2], "Y": y[:2]},
             {"net": Net(lambda k: _net((2 + k, 5, 3))), "X": Array(listable=False), "Y": Labels(k=3)},
             names={"net": ("net", "X")}, examples=5),
        Case("widgets.FunctionExplorer", widgets.FunctionExplorer,
             lambda: {"function": "sigmoid", "c": 1.0, "temperature": 1.0},
             {"function": Choice(), "c": Number(), "temperature": Number(above=0)}, examples=5),
        Case("widgets.LayerGridView", widgets.LayerGridView,
             lambda: {"net": _net((2, 2, 2)), "X": X, "y": y % 2},
             {"net": Net(lambda k: _net((2 + k, 2, 2)), none_ok=True), "X": Array(listable=False)},
             names={"net": ("net", "X")}, examples=4),
        Case("widgets.OptimizerRace", widgets.OptimizerRace,
             lambda: {"surface": "valley", "lr": 0.1, "start": (-4.0, 1.5),
                      "optimizer": "all three", "momentum": 0.9, "max_steps": 200},
             {"surface": Choice(), "lr": Number(above=0), "optimizer": Choice(),
              "start": Anything((("one number", (1.0,)), ("NaN", (np.nan, 0.0)),
                                 ("far away", (1e9, 0.0)), ("three numbers", (1.0, 2.0, 3.0)))),
              "momentum": Number(at_least=0, below=1), "max_steps": Whole(at_least=1)},
             examples=4),
        Case("widgets.InitExplorer", widgets.InitExplorer,
             lambda: {"scheme": "he", "activation": "relu", "depth": 4, "width": 16, "seed": 0,
                      "samples": 20},
             {"scheme": Choice(), "activation": Choice(), "depth": Whole(at_least=1, at_most=10),
              "width": Whole(at_least=1, at_most=1024), "seed": Whole(at_least=0),
              "samples": Whole(at_least=2, at_most=2000)}, examples=4),
    ]
    del net
    return cases


CASES = None


def cases():
    """Every case (built once: the plots and widgets need matplotlib and ipywidgets)."""
    global CASES
    if CASES is None:
        CASES = _cases() + _plot_and_widget_cases()
    return CASES


def arguments():
    """(case name, argument) for every argument of every case — one property test each."""
    return [(c.name, arg) for c in cases() for arg in c.kinds]


def case(name):
    return next(c for c in cases() if c.name == name)


__all__ = ["Bad", "Case", "judge", "cases", "case", "arguments", "OK", "nnla_helpers"]
