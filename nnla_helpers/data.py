"""Data for the course: MNIST from ``data/mnist`` (checksummed, no network), one-hot
labels, seeded splits (train / validation / test) and seeded 2-D toy sets.

Every toy set returns X (n, 2) float64 and integer labels y (n,) — except ``noisy_line``,
whose targets are numbers, shaped (n, 1).
"""

import gzip
import hashlib
import os
import zlib
from pathlib import Path

import numpy as np

from . import checks
from .checks import as_array, check_labels, check_same_shape
from .errors import DataFileError, LabelError, SettingError, ShapeError

# SHA-256 of each *uncompressed* IDX file (also listed in data/README.md).
MNIST_FILES = {
    "train-images-idx3-ubyte.gz": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte.gz": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte.gz": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte.gz": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}

RESTORE_HINT = ("Restore it with `git checkout -- data/mnist` (or copy the four .gz files of "
                "MNIST back into that folder), or set NNLA_DATA_DIR to a folder that holds them.")


def default_data_dir():
    """Where ``load_mnist`` looks for the four files, in this order:

    1. the folder named by the environment variable NNLA_DATA_DIR (``~`` allowed), e.g. a
       shared read-only folder on a JupyterHub; a relative path is looked for in the working
       directory and the folders above it (a notebook runs in notebooks/, a shell in the clone);
    2. ``data/mnist`` of the repository this package sits in (a clone, ``pip install -e .``);
    3. ``data/mnist`` in the working directory or a folder above it — a notebook opened from
       a clone while the package was installed as a wheel (``pip install .``).
    If none holds the files, 2 is returned and ``load_mnist`` names the missing file.
    Notebook 06.
    """
    env = os.environ.get("NNLA_DATA_DIR")
    if env:
        return _env_folder(env)
    beside_package = Path(__file__).resolve().parent.parent / "data" / "mnist"
    candidates = [beside_package] + [folder / "data" / "mnist"
                                     for folder in (Path.cwd(), *Path.cwd().parents)]
    for folder in candidates:
        if all((folder / name).is_file() for name in MNIST_FILES):
            return folder
    return beside_package


def _env_folder(env):
    """The folder NNLA_DATA_DIR names: absolute as given, relative looked for upwards from here."""
    folder = Path(env).expanduser()
    if folder.is_absolute():
        return folder
    tried = [base / folder for base in (Path.cwd(), *Path.cwd().parents)]
    for candidate in tried:
        if candidate.is_dir():
            return candidate.resolve()
    raise DataFileError(f"NNLA_DATA_DIR is the relative path {env!r}, and no folder of that name "
                        f"is in the working directory {Path.cwd()} or above it. Give the full "
                        f"path, e.g. NNLA_DATA_DIR={tried[0]}, or unset it to use data/mnist of "
                        "the clone.")


def _read_idx(path, expected_sha256):
    """Decompress one IDX file, check its SHA-256 and return it as a NumPy array (uint8)."""
    if not path.is_file():
        raise DataFileError(f"MNIST file {path.name} is missing from {path.parent}. {RESTORE_HINT}")
    try:
        raw = gzip.decompress(path.read_bytes())
    except PermissionError:
        raise DataFileError(f"MNIST file {path} cannot be read: permission denied. Ask for read "
                            f"access, or {RESTORE_HINT[0].lower()}{RESTORE_HINT[1:]}") from None
    except (OSError, EOFError, zlib.error) as err:     # gzip.BadGzipFile is an OSError
        raise DataFileError(f"MNIST file {path.name} in {path.parent} is corrupted: it does not "
                            f"decompress as gzip ({err}). {RESTORE_HINT}") from None
    actual = hashlib.sha256(raw).hexdigest()
    if expected_sha256 is not None and actual != expected_sha256:
        raise DataFileError(f"MNIST file {path.name} does not match its checksum: expected "
                            f"SHA-256 {expected_sha256}, got {actual}. The file is damaged or "
                            f"not the original. {RESTORE_HINT}")
    # IDX: 2 zero bytes, a type byte (0x08 = uint8), the number of dimensions, then each
    # dimension as a big-endian uint32, then the data.
    if len(raw) < 4 or raw[:2] != b"\x00\x00" or raw[2] != 0x08:
        raise DataFileError(f"MNIST file {path.name} is not an IDX file of bytes. {RESTORE_HINT}")
    ndim = raw[3]
    dims = tuple(int(d) for d in np.frombuffer(raw, dtype=">u4", count=ndim, offset=4))
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim)
    if data.size != int(np.prod(dims)):
        raise DataFileError(f"MNIST file {path.name} says it holds {dims} but has {data.size} "
                            f"values. {RESTORE_HINT}")
    return data.reshape(dims)


def load_mnist(n_train=None, n_test=None, data_dir=None, verify=True):
    """Load MNIST: (X_train (60000, 784), y_train (60000,), X_test (10000, 784), y_test (10000,)).

    Pixels become float32 in [0, 1] (divided by 255), one image per row; labels are int64
    digits 0–9. n_train / n_test keep only the first n images (a quick subset). Every file's
    SHA-256 is checked (verify=False skips it, for files you made yourself).
    Notebook 06.
    """
    if data_dir is not None and not isinstance(data_dir, (str, os.PathLike)):
        raise SettingError(f"data_dir must be a folder path (a str or Path), but it is "
                           f"{data_dir!r}.")
    folder = Path(data_dir).expanduser() if data_dir is not None else default_data_dir()
    if data_dir is not None and not folder.is_dir():
        raise DataFileError(f"data_dir {str(data_dir)!r} is not a folder (looked at "
                            f"{folder.absolute()}). {RESTORE_HINT}")
    limits = {}
    for split, n, total in (("train", n_train, 60_000), ("t10k", n_test, 10_000)):
        if n is not None:
            limits[split] = checks.whole("n_train" if split == "train" else "n_test", n,
                                         at_least=1, at_most=total,
                                         hint=f" It is how many of the {total} images to keep; None keeps all.")
    arrays = {name: _read_idx(folder / name, sha if verify else None)
              for name, sha in MNIST_FILES.items()}
    out = []
    for split, n in (("train", n_train), ("t10k", n_test)):
        images = arrays[f"{split}-images-idx3-ubyte.gz"]
        labels = arrays[f"{split}-labels-idx1-ubyte.gz"]
        if images.shape[0] != labels.shape[0]:
            raise DataFileError(f"MNIST {split}: {images.shape[0]} images but {labels.shape[0]} "
                                f"labels. {RESTORE_HINT}")
        if n is not None:
            if limits[split] > images.shape[0]:
                raise SettingError(f"asked for {n} {split} images; {folder} holds "
                                   f"{images.shape[0]}.")
            images, labels = images[:n], labels[:n]
        X = images.reshape(images.shape[0], -1).astype(np.float32)
        X /= 255.0
        out += [X, labels.astype(np.int64)]
    return tuple(out)


ONE_HOT_LIMIT = 50_000_000     # entries (400 MB of float64): more means a label is wrong


def one_hot(labels, n_classes=None):
    """Integer labels (m,) → one-hot rows (m, n_classes): row i has a 1 in column labels[i].
    Notebooks 04, 05, 06."""
    if n_classes is not None:
        n_classes = checks.whole("n_classes", n_classes, at_least=1)
    y = check_labels("labels", labels, n_classes)
    n_classes = int(y.max()) + 1 if n_classes is None else n_classes
    if y.shape[0] * n_classes > ONE_HOT_LIMIT:
        raise LabelError(f"one_hot would make a ({y.shape[0]}, {n_classes}) array — "
                         f"{y.shape[0] * n_classes * 8 / 1e9:.1f} GB — because the largest label "
                         f"is {int(y.max())}. Labels run 0 … n_classes − 1: is {int(y.max())} "
                         "really a class? Pass n_classes to say how many classes there are.")
    Y = np.zeros((y.shape[0], n_classes))
    Y[np.arange(y.shape[0]), y] = 1.0
    return Y


def as_targets(P, Y, p_name="prediction", y_name="Y"):
    """Y as a float array shaped like the predictions P (m, k): integer labels (m,) become
    one-hot rows when k > 1, a plain vector becomes a column when k = 1 — notebooks 03–06."""
    Y_arr = as_array(y_name, Y)
    if Y_arr.ndim == 1 and P.ndim == 2 and P.shape[1] > 1 and Y_arr.shape[0] == P.shape[0]:
        return one_hot(check_labels(y_name, Y_arr, P.shape[1]), P.shape[1]).astype(P.dtype)
    if Y_arr.ndim == 1 and P.ndim == 2 and P.shape == (Y_arr.shape[0], 1):
        Y_arr = Y_arr.reshape(-1, 1)          # one output: a plain vector of targets is fine
    Y_arr = Y_arr.astype(P.dtype, copy=False)
    check_same_shape(p_name, P, y_name, Y_arr)
    return Y_arr


def as_images(images, image_shape=(28, 28)):
    """(n, 784) rows or (n, 28, 28) images → (n, 28, 28) — notebook 06."""
    images = as_array("images", images, ndim=(1, 2, 3)).astype(float, copy=False)
    if images.ndim == 1:
        images = images[None]
    if images.ndim == 2:
        if images.shape[1] != image_shape[0] * image_shape[1]:
            raise ShapeError(f"images have {images.shape[1]} values each, which is not "
                             f"{image_shape[0]}×{image_shape[1]} = {image_shape[0] * image_shape[1]}.")
        images = images.reshape(-1, *image_shape)
    if images.ndim != 3:
        raise ShapeError(f"images must be (n, {image_shape[0] * image_shape[1]}) rows or "
                         f"(n, {image_shape[0]}, {image_shape[1]}); got shape {images.shape}.")
    return images


def train_test_split(X, y, test_fraction=0.25, seed=0):
    """Shuffle (seeded) and split: returns X_train, X_test, y_train, y_test — notebook 05."""
    X, y = checks.check_xy(X, y)
    seed = checks.whole("seed", seed, at_least=0)
    test_fraction = checks.number("test_fraction", test_fraction, above=0, below=1,
                                  hint=" It is the share of samples held out, e.g. 0.25.")
    order = np.random.default_rng(seed).permutation(X.shape[0])
    n_test = max(1, int(round(test_fraction * X.shape[0])))
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]


def split(X, Y, sizes, seed=0):
    """Shuffle the samples (seeded) and cut them into parts — train / validation / test.

    sizes: the size of every part, in order: whole numbers of samples that add up to the
    number of samples, e.g. (40, 400, 400), or fractions that add up to 1, e.g.
    (0.6, 0.2, 0.2). Two parts are fine too, e.g. (50_000, 10_000). Fractions are turned
    into whole numbers that add up exactly (the leftover samples go to the parts that lost
    the most in rounding).
    Returns X_1, Y_1, X_2, Y_2, …: each part's rows of X and their entries (rows) of Y,
    in the order of ``sizes``. Every sample lands in exactly one part, still beside its
    label; the same seed gives the same parts on every machine. Notebooks 05, 06.
    """
    X = as_array("X", X, ndim=(1, 2))
    as_array("Y", Y, ndim=(0, 1, 2))          # numbers, finite; Y keeps its dtype (labels stay int)
    Y = np.asarray(Y)
    seed = checks.whole("seed", seed, at_least=0)
    if Y.ndim == 0:
        raise ShapeError(f"X and Y must hold one sample per row; got shapes {X.shape} and "
                         f"{Y.shape}.")
    m = X.shape[0]
    if Y.shape[0] != m:
        raise ShapeError(f"X has {m} samples (rows) but Y has {Y.shape[0]}; every sample needs "
                         f"exactly one label or target, so they must match.")
    counts = _part_sizes(sizes, m)
    order = np.random.default_rng(seed).permutation(m)
    parts, start = [], 0
    for n in counts:
        rows = order[start:start + n]
        parts += [X[rows], Y[rows]]
        start += n
    return tuple(parts)


def _part_sizes(sizes, m):
    """The whole number of samples of each part that ``split`` makes from m samples."""
    example = "(0.6, 0.2, 0.2) or (40, 400, 400)"
    sizes = checks.listed("sizes", sizes, "list the size of every part, at least two", example,
                          at_least=2, hint=" (For two parts by one fraction there is "
                                           "train_test_split.)")
    values = [checks.number(f"sizes[{i}]", v, above=0,
                            hint=" Every part needs a positive size: a fraction or a number of "
                                 "samples.") for i, v in enumerate(sizes)]
    whole = all(v == int(v) for v in values)
    if whole and sum(values) > 1:
        counts = [int(v) for v in values]
        if sum(counts) != m:
            raise SettingError(f"sizes {tuple(counts)} add up to {sum(counts)}, but X has {m} "
                             f"samples: every sample must go into one part (change a size, or "
                             f"add a part for the rest).")
        return counts
    if max(values) >= 1:
        raise SettingError(f"sizes mixes fractions and numbers of samples: {sizes!r}. Use "
                         f"fractions that add up to 1, or whole numbers that add up to {m}.")
    if abs(sum(values) - 1) > 1e-9:
        raise SettingError(f"the fractions in sizes {sizes!r} add up to {sum(values):g}, not 1: every "
                         f"sample must go into one part (did you leave a part out?).")
    exact = np.array(values) * m
    counts = np.floor(exact).astype(int)
    leftover = m - counts.sum()
    counts[np.argsort(-(exact - counts), kind="stable")[:leftover]] += 1
    if counts.min() == 0:
        raise SettingError(f"with {m} samples, the fractions in sizes {sizes!r} leave part "
                         f"{int(counts.argmin()) + 1} empty; use fewer parts or more samples.")
    return [int(n) for n in counts]


# ---- seeded 2-D toy sets -----------------------------------------------------------------
def _rng_and_n(n, seed, noise=0.0, name="n"):
    n = checks.whole(name, n, at_least=1, hint=" It is a number of samples.")
    checks.number("noise", noise, at_least=0, hint=" It is a standard deviation.")
    return np.random.default_rng(checks.whole("seed", seed, at_least=0)), n


def noisy_line(n=50, slope=2.0, intercept=1.0, noise=0.5, seed=0):
    """x ~ U(−2, 2), t = slope·x + intercept + N(0, noise²). Returns X (n, 1), T (n, 1).
    Notebook 01."""
    rng, n = _rng_and_n(n, seed, noise)
    slope, intercept = checks.number("slope", slope), checks.number("intercept", intercept)
    x = rng.uniform(-2, 2, (n, 1))
    return x, slope * x + intercept + rng.normal(0, noise, (n, 1))


def xor(n=200, noise=0.1, seed=0):
    """Four clusters at (±1, ±1); label 1 where the signs differ (x1·x2 < 0) — notebooks 02, 03."""
    rng, n = _rng_and_n(n, seed, noise)
    corners = rng.choice([-1.0, 1.0], size=(n, 2))
    X = corners + rng.normal(0, noise, (n, 2))
    return X, (corners[:, 0] != corners[:, 1]).astype(np.int64)


def two_moons(n=200, noise=0.1, seed=0):
    """Two interleaved half circles (label 0 on top, 1 below) — notebooks 03, 05."""
    rng, n = _rng_and_n(n, seed, noise)
    y = np.arange(n) % 2
    t = rng.uniform(0, np.pi, n)
    X = np.where(y[:, None] == 0,
                 np.column_stack([np.cos(t), np.sin(t)]),
                 np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)]))
    return X + rng.normal(0, noise, (n, 2)), y.astype(np.int64)


def circles(n=200, noise=0.05, factor=0.5, seed=0):
    """A circle of radius 1 (label 0) around one of radius ``factor`` (label 1) — notebook 03."""
    rng, n = _rng_and_n(n, seed, noise)
    factor = checks.number("factor", factor, above=0, hint=" It is the inner circle's radius.")
    y = np.arange(n) % 2
    t = rng.uniform(0, 2 * np.pi, n)
    r = np.where(y == 0, 1.0, factor)
    X = np.column_stack([r * np.cos(t), r * np.sin(t)])
    return X + rng.normal(0, noise, (n, 2)), y.astype(np.int64)


def spirals(n_per_class=100, n_classes=3, noise=0.2, seed=0):
    """``n_classes`` interleaved spiral arms, ``n_per_class`` points each (the CS231n classic).
    Notebook 04."""
    rng, n = _rng_and_n(n_per_class, seed, noise, "n_per_class")
    n_classes = checks.whole("n_classes", n_classes, at_least=1)
    X, y = [], []
    for k in range(n_classes):
        r = np.linspace(0.0, 1.0, n)
        t = np.linspace(k * 4.0, (k + 1) * 4.0, n) + rng.normal(0, noise, n)
        X.append(np.column_stack([r * np.sin(t), r * np.cos(t)]))
        y.append(np.full(n, k))
    return np.vstack(X), np.concatenate(y).astype(np.int64)

