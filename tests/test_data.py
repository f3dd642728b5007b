import gzip
import hashlib
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

from pathlib import Path

from nnla_helpers import data
from nnla_helpers.errors import DataFileError, LabelError, ShapeError

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def mnist():
    return data.load_mnist()


def test_mnist_shapes_dtypes_and_range(mnist):
    X_tr, y_tr, X_te, y_te = mnist
    assert X_tr.shape == (60000, 784) and X_te.shape == (10000, 784)
    assert y_tr.shape == (60000,) and y_te.shape == (10000,)
    assert X_tr.dtype == np.float32 and y_tr.dtype == np.int64
    assert X_tr.min() == 0.0 and X_tr.max() == 1.0
    assert set(np.unique(y_te)) == set(range(10))
    assert y_tr[:5].tolist() == [5, 0, 4, 1, 9]          # the famous first digits
    counts = np.bincount(y_tr)
    assert counts.sum() == 60000 and counts.min() > 5000


def test_checksums_in_code_match_files_and_data_readme():
    readme = (REPO / "data" / "README.md").read_text()
    for name, sha in data.MNIST_FILES.items():
        raw = gzip.decompress((data.default_data_dir() / name).read_bytes())
        assert hashlib.sha256(raw).hexdigest() == sha
        assert sha in readme and name.removesuffix(".gz") in readme


def test_subset_is_the_first_images(mnist):
    X_tr, y_tr, X_te, y_te = data.load_mnist(n_train=100, n_test=20)
    assert X_tr.shape == (100, 784) and X_te.shape == (20, 784)
    np.testing.assert_array_equal(X_tr, mnist[0][:100])
    np.testing.assert_array_equal(y_te, mnist[3][:20])
    with pytest.raises(ValueError, match="n_train must be a whole number ≥ 1 and ≤ 60000, but it is 70000"):
        data.load_mnist(n_train=70000)


def test_loading_works_from_any_working_directory(tmp_path):
    # From a clone (or `pip install -e .`) the data beside the package is found from anywhere.
    # A wheel has none beside it (`make test-install` runs these tests so): there the data is
    # wherever NNLA_DATA_DIR says (a JupyterHub sets it; here it names this repository's).
    env = dict(os.environ)
    beside = Path(data.__file__).resolve().parent.parent / "data" / "mnist"
    if "NNLA_DATA_DIR" not in env and not beside.is_dir():
        env["NNLA_DATA_DIR"] = str(REPO / "data" / "mnist")
    code = "from nnla_helpers import load_mnist; print(load_mnist(n_train=3, n_test=3)[1].tolist())"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[5, 0, 4]"


@pytest.fixture
def mnist_copy(tmp_path):
    """A temporary copy of data/mnist to damage — the real files are never touched."""
    for name in data.MNIST_FILES:
        shutil.copy(data.default_data_dir() / name, tmp_path / name)
    return tmp_path


def test_missing_file_is_named_with_the_fix(mnist_copy):
    (mnist_copy / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(DataFileError, match="t10k-labels-idx1-ubyte.gz is missing.*git checkout"):
        data.load_mnist(data_dir=mnist_copy)


def test_changed_bytes_fail_the_checksum(mnist_copy):
    path = mnist_copy / "t10k-labels-idx1-ubyte.gz"
    raw = bytearray(gzip.decompress(path.read_bytes()))
    raw[100] = (raw[100] + 1) % 10                     # one label changed
    path.write_bytes(gzip.compress(bytes(raw)))
    with pytest.raises(DataFileError, match=r"t10k-labels-idx1-ubyte.gz does not match its "
                       r"checksum: expected SHA-256 ff7bcfd4\w+, got \w+"):
        data.load_mnist(data_dir=mnist_copy)
    assert data.load_mnist(data_dir=mnist_copy, verify=False)[3][100 - 8] == raw[100]   # 8-byte header


def test_truncated_gzip_is_reported_as_corrupted(mnist_copy):
    path = mnist_copy / "train-labels-idx1-ubyte.gz"
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(DataFileError, match=r"train-labels-idx1-ubyte.gz in .* is corrupted"):
        data.load_mnist(data_dir=mnist_copy)


def test_not_an_idx_file(mnist_copy):
    (mnist_copy / "t10k-labels-idx1-ubyte.gz").write_bytes(gzip.compress(b"hello world"))
    with pytest.raises(DataFileError, match="not an IDX file"):
        data.load_mnist(data_dir=mnist_copy, verify=False)


def test_installed_package_finds_the_data_of_the_course_it_runs_in(mnist_copy, tmp_path_factory,
                                                                   monkeypatch):
    # A wheel install: no data/ beside the package; the notebook runs in a clone's notebooks/.
    monkeypatch.delenv("NNLA_DATA_DIR", raising=False)
    site = tmp_path_factory.mktemp("site-packages")
    monkeypatch.setattr(data, "__file__", str(site / "nnla_helpers" / "data.py"))
    course = tmp_path_factory.mktemp("course")
    shutil.copytree(mnist_copy, course / "data" / "mnist")
    (course / "notebooks").mkdir()
    monkeypatch.chdir(course / "notebooks")
    assert data.default_data_dir() == course / "data" / "mnist"
    monkeypatch.chdir(site)           # nowhere near a course: the error names the package's folder
    assert data.default_data_dir() == site / "data" / "mnist"
    with pytest.raises(DataFileError, match="missing from .*NNLA_DATA_DIR"):
        data.load_mnist()


def test_data_dir_from_environment_expands_the_home_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("NNLA_DATA_DIR", "~/mnist")
    assert data.default_data_dir() == tmp_path / "mnist"


def test_data_dir_from_environment(mnist_copy, monkeypatch):
    monkeypatch.setenv("NNLA_DATA_DIR", str(mnist_copy))
    assert data.default_data_dir() == mnist_copy
    os.remove(mnist_copy / "train-images-idx3-ubyte.gz")
    with pytest.raises(DataFileError, match="train-images"):
        data.load_mnist()


def test_one_hot():
    np.testing.assert_array_equal(data.one_hot([2, 0, 1]), np.eye(3)[[2, 0, 1]])
    assert data.one_hot([0, 1], n_classes=10).shape == (2, 10)
    with pytest.raises(LabelError, match="label 10, but there are only 10 classes"):
        data.one_hot([3, 10], n_classes=10)
    with pytest.raises(LabelError, match="1-D array of class labels"):
        data.one_hot([[0, 1]])


def test_split_is_seeded_and_complete():
    X, y = np.arange(20).reshape(10, 2), np.arange(10)
    a = data.train_test_split(X, y, 0.3, seed=1)
    b = data.train_test_split(X, y, 0.3, seed=1)
    for u, v in zip(a, b):
        np.testing.assert_array_equal(u, v)
    X_tr, X_te, y_tr, y_te = a
    assert len(y_te) == 3 and sorted(np.concatenate([y_tr, y_te])) == list(range(10))
    np.testing.assert_array_equal(X_tr[:, 0] // 2, y_tr)      # rows stay with their labels
    with pytest.raises(ValueError, match=r"X has 10 samples \(rows, shape \(10, 2\)\) but y has 9 entries"):
        data.train_test_split(X, y[:9])


@pytest.mark.parametrize("make", [data.xor, data.two_moons, data.circles,
                                  lambda n, seed: data.spirals(n, 3, seed=seed),
                                  lambda n, seed: data.noisy_line(n, seed=seed)])
def test_toy_sets_are_deterministic_per_seed(make):
    X1, y1 = make(60, seed=0)
    X2, y2 = make(60, seed=0)
    X3, _ = make(60, seed=1)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(X1, X3)
    assert X1.shape[0] == y1.shape[0] and X1.ndim == 2


def test_toy_set_labels():
    X, y = data.xor(400, noise=0.0, seed=0)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(int))
    X, y = data.spirals(50, n_classes=4, seed=0)
    assert X.shape == (200, 2) and np.bincount(y).tolist() == [50] * 4
    X, y = data.circles(100, noise=0.0, factor=0.3, seed=0)
    np.testing.assert_allclose(np.linalg.norm(X[y == 1], axis=1), 0.3)
    with pytest.raises(ValueError, match="n must be a whole number ≥ 1, but it is 0. It is a number of samples"):
        data.two_moons(0)


def test_split_into_train_validation_test_by_sizes():
    X, y = np.arange(40).reshape(20, 2), np.arange(20)
    X_tr, y_tr, X_val, y_val, X_te, y_te = data.split(X, y, (10, 6, 4), seed=3)
    assert (len(y_tr), len(y_val), len(y_te)) == (10, 6, 4)
    assert sorted(np.concatenate([y_tr, y_val, y_te]).tolist()) == list(range(20))   # each sample once
    for Xs, ys in [(X_tr, y_tr), (X_val, y_val), (X_te, y_te)]:
        np.testing.assert_array_equal(Xs[:, 0] // 2, ys)                             # rows keep their labels
    assert not np.array_equal(y_tr, np.arange(10))                                    # shuffled, not sliced
    again = data.split(X, y, (10, 6, 4), seed=3)
    other = data.split(X, y, (10, 6, 4), seed=4)
    np.testing.assert_array_equal(again[3], y_val)                                    # the same seed, the same cut
    assert not np.array_equal(other[3], y_val)


def test_split_by_fractions_and_into_two_parts():
    X, y = np.zeros((10, 3)), np.arange(10)
    parts = data.split(X, y, (0.6, 0.2, 0.2), seed=0)
    assert [len(p) for p in parts[1::2]] == [6, 2, 2]
    parts = data.split(X, y, (1 / 3, 1 / 3, 1 / 3), seed=0)           # 3.33… each: the leftover goes somewhere
    assert sorted(len(p) for p in parts[1::2]) == [3, 3, 4]
    X_tr, y_tr, X_val, y_val = data.split(X, y, (7, 3), seed=0)
    assert X_tr.shape == (7, 3) and X_val.shape == (3, 3)
    Y = np.eye(10)                                                     # 2-D targets (one-hot rows) work too
    _, Y_tr, _, Y_val = data.split(np.arange(10)[:, None], Y, (0.5, 0.5), seed=1)
    assert Y_tr.shape == (5, 10) and Y_tr.sum() + Y_val.sum() == 10


@pytest.mark.parametrize("sizes, message", [
    ((6, 3), "add up to 9, but X has 10 samples"),
    ((0.5, 0.4), "add up to 0.9, not 1"),
    ((0.5, 6), "mixes fractions and numbers of samples"),
    ((8, 0, 2), "positive size"),
    ((0.7, -0.1, 0.4), "positive size"),
    ((0.5, float("nan")), "sizes\\[1\\] must be a finite number"),
    ((10,), "at least two"),
    (0.3, "must list the size of every part"),
    ("55", "must list the size of every part"),
    ((0.5, "half"), "sizes\\[1\\] must be a finite number"),
    (("0.5", "0.5"), "sizes\\[0\\] must be a finite number"),
    ((True, False), "sizes\\[0\\] must be a finite number"),
    ((0.01, 0.99), "leave part 1 empty"),
])
def test_split_explains_bad_sizes(sizes, message):
    with pytest.raises(ValueError, match=message):
        data.split(np.zeros((10, 2)), np.arange(10), sizes)


def test_split_needs_one_label_per_sample():
    with pytest.raises(ShapeError, match="X has 10 samples .* but Y has 9"):
        data.split(np.zeros((10, 2)), np.arange(9), (5, 5))
