"""The project's own promises: the package stays NumPy-only on import, every subpackage is
packaged, and the dependency files agree: pyproject.toml keeps ranges, constraints.txt (the
lock) pins a version inside each range, environment.yml installs through the lock."""

import importlib
import inspect
import pkgutil
import re
import subprocess
import sys
from fnmatch import fnmatch
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.markers import Marker
from packaging.requirements import Requirement

import nnla_helpers

try:
    import tomllib
except ModuleNotFoundError:   # Python 3.10
    from pip._vendor import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


LOCK = ROOT / "constraints.txt"
# The packages whose versions change what a notebook prints or draws.
PINS_THAT_MATTER = ("numpy", "matplotlib", "ipywidgets", "ipykernel", "jupyterlab", "nbval",
                    "threadpoolctl", "jupyterlab-slideshow")
PYTHONS = ("3.10", "3.11", "3.12", "3.13")


def _name(text):
    return text.strip().lower().replace("_", "-")


def _lock_rows():
    """[(name, version, marker or None)] of constraints.txt."""
    rows = []
    for line in LOCK.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement, _, marker = line.partition(";")
            name, version = requirement.split("==")
            rows.append((_name(name), version.strip(), Marker(marker) if marker.strip() else None))
    return rows


def _locked_for(python):
    """{name: version} that pip installs from the lock on Python ``python`` (Linux)."""
    env = {"python_version": python, "python_full_version": python + ".0",
           "sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
           "platform_machine": "x86_64", "implementation_name": "cpython",
           "platform_python_implementation": "CPython"}
    pins = {}
    for name, version, marker in _lock_rows():
        if marker is None or marker.evaluate(env):
            assert name not in pins, f"constraints.txt pins {name} twice for Python {python}"
            pins[name] = version
    return pins


def _project():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


@pytest.mark.parametrize("python", PYTHONS)
def test_the_lock_pins_every_dependency_inside_its_pyproject_range(python):
    project = _project()
    extras = project["optional-dependencies"]
    pins = _locked_for(python)
    for text in project["dependencies"] + extras["dev"] + extras["browser"]:
        req = Requirement(text)
        name = _name(req.name)
        assert name in pins, f"{name} is not in constraints.txt: run `make lock`"
        assert req.specifier.contains(pins[name]), \
            f"constraints.txt pins {name}=={pins[name]}, outside pyproject's {req.specifier}: run `make lock`"


def test_environment_yml_installs_the_locked_versions():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    # conda brings only Python (the one the notebooks were executed with) and pip; pip
    # installs the package through the lock.
    assert conda == ["python=3.11", "pip"]
    assert "python_full_version == '3.11.*'" in LOCK.read_text().split("\n\n")[0]
    assert pip_section == ["-c constraints.txt", "-e .[dev]"]
    assert _project()["requires-python"] == ">=3.10"


def test_this_environment_has_the_locked_versions_of_what_matters():
    pins = _locked_for(f"{sys.version_info[0]}.{sys.version_info[1]}")
    wrong = {name: (metadata.version(name), pins[name]) for name in PINS_THAT_MATTER
             if metadata.version(name) != pins[name]}
    assert not wrong, ("installed (left) is not what the notebooks were executed with (right): "
                       f"{wrong}. `make test` installs the locked versions into .venv.")


def test_every_subpackage_goes_into_the_wheel():
    find = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]
    on_disk = {".".join(p.parent.relative_to(ROOT).parts)
               for p in (ROOT / "nnla_helpers").rglob("*.py") if "__pycache__" not in p.parts}
    # setuptools' find matches the dotted names against these patterns, as fnmatch does.
    left_out = sorted(d for d in on_disk if not any(fnmatch(d, pat) for pat in find["include"]))
    assert not left_out, f"not in the wheel: {left_out}"
    missing_init = sorted(d for d in on_disk
                          if not (ROOT.joinpath(*d.split(".")) / "__init__.py").is_file())
    assert not missing_init, f"folders of code without __init__.py: {missing_init}"


def test_import_does_not_pull_in_matplotlib_or_widgets():
    code = ("import sys, nnla_helpers; "
            "print(sorted(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_mnist_files_are_in_the_repository():
    names = sorted(p.name for p in (ROOT / "data" / "mnist").glob("*.gz"))
    assert names == ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
                     "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"]


TEACHING_MODULES = ("activations", "layers", "network", "linear", "losses", "train", "optim", "gradcheck",
                    "metrics", "data", "plots", "widgets.explorers", "widgets.steppers",
                    "widgets.training", "widgets.optimizers", "exercises")
# drawing and table plumbing of the steppers: not an idea of a notebook
PLUMBING = {"format_number", "shape_text", "html_table", "draw_matrix", "mathtext_or_plain",
            "to_mathtext", "can_draw",
            "table_axes", "tables_width"}


def test_each_public_function_names_the_notebook_that_teaches_it():
    unnamed = []
    for info in pkgutil.walk_packages(nnla_helpers.__path__, "nnla_helpers."):
        short = info.name.removeprefix("nnla_helpers.")
        if not short.startswith(TEACHING_MODULES) or short.split(".")[-1].startswith("_"):
            continue
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if name.startswith("_") or name in PLUMBING or getattr(obj, "__module__", None) != module.__name__:
                continue
            if (inspect.isfunction(obj) or inspect.isclass(obj)) and \
                    not re.search(r"[Nn]otebooks? \d\d", inspect.getdoc(obj) or ""):
                unnamed.append(f"{short}.{name}")
    assert not unnamed, f"say which notebook teaches these: {unnamed}"
