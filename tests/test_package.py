"""The project's own promises: the package stays NumPy-only on import, and the two
dependency lists (pyproject.toml for pip, environment.yml for conda/Binder) agree."""

import re
import subprocess
import sys
from pathlib import Path

import yaml

try:
    import tomllib
except ModuleNotFoundError:   # Python 3.10
    from pip._vendor import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def _split(requirement):
    """'ipywidgets>=8.1,<9' -> ('ipywidgets', '<9,>=8.1') with the specifiers in a fixed order."""
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    name, spec = m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")
    return name, ",".join(sorted(s for s in spec.split(",") if s))


def test_environment_yml_lists_exactly_the_pyproject_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(_split(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda, pip_section = {}, []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip_section += dep.get("pip", [])
        else:
            conda.__setitem__(*_split(dep))
    python_spec = conda.pop("python")
    conda.pop("pip")
    assert conda == wanted
    assert python_spec == ">=3.10" and project["requires-python"] == ">=3.10"
    assert "-e ." in pip_section or "." in pip_section      # the package itself


def test_import_does_not_pull_in_matplotlib_or_widgets():
    code = ("import sys, nnla_helpers; "
            "print(sorted(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_mnist_files_are_in_the_repository():
    names = sorted(p.name for p in (ROOT / "data" / "mnist").glob("*.gz"))
    assert names == ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
                     "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"]
