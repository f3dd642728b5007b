"""`make test-install`: the package as users install it, not as the checkout imports it.

`pip install -e .` hides packaging mistakes (a subpackage left out of the wheel still imports
from the checkout), so this checks the two other ways the course is installed:

1. **A wheel, outside the checkout** (`pip install .`, a JupyterHub image built with pip).
   The wheel is built, checked to hold every module of nnla_helpers/, and installed with the
   locked dependencies into a new virtualenv in a temporary folder. Then, from a copy of the
   course that holds only notebooks/ and data/ (no package source to import by mistake):
   every module imports from that virtualenv; the unit tests and exercise checkers run
   against it; every notebook runs under nbval strict.
2. **The JupyterHub instructions of the README**, as written: the commands of its
   `<!-- hub-setup -->` block run in an environment that has the dependencies but not the
   package (the same virtualenv, wheel removed) — the clone (a copy here), the non-editable
   `pip install`, the NNLA_DATA_DIR export. Then a learner's nbgitpuller copy of the
   repository (without data/mnist, so the data must come from NNLA_DATA_DIR, made read-only)
   runs the data tests and notebooks 01 and 06 under nbval, importing the installed package.

Exits non-zero with the failing step named. The temporary folder is removed on success.
Usage: python tools/install_check.py [--keep]
"""

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "constraints.txt"


class CheckFailed(Exception):
    pass


def step(title):
    print(f"\n== {title}", flush=True)


def sh(*cmd, cwd=None, env=None):
    print("$ " + " ".join(str(c) for c in cmd), flush=True)
    code = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env).returncode
    if code != 0:
        raise CheckFailed(f"exit {code}: {' '.join(str(c) for c in cmd)}")


def clean_env(**extra):
    """The environment without anything that points Python at the checkout."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "NNLA_DATA_DIR")}
    env.update(extra)
    return env


def source_modules():
    return sorted(".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                  for p in (ROOT / "nnla_helpers").rglob("*.py") if "__pycache__" not in p.parts)


def copy_course(dest):
    """What a learner gets handed out: the notebooks and the data, no package source."""
    shutil.copytree(ROOT / "notebooks", dest / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    shutil.copytree(ROOT / "data", dest / "data")


def copy_repository(dest, without=("data/mnist/",)):
    """The repository's files as git sees them (tracked, or new and not ignored), less the
    folders named."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True,
                           check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        if name.startswith(without) or not (ROOT / name).is_file():
            continue
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest / name)


def hub_commands():
    """The commands of the README's JupyterHub block (the ```bash block after its marker)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- hub-setup[^>]*-->\s*```bash\n(.*?)```", text, re.S)
    if not m:
        raise CheckFailed("README.md has no <!-- hub-setup --> block of commands to check")
    lines = [line.split("#")[0].strip() for line in m.group(1).splitlines()]
    return [line for line in lines if line]


def hub_path(hub, word):
    """The README's /srv/… paths, inside the temporary hub folder."""
    return re.sub(r"(^|=)/srv/", lambda m: f"{m.group(1)}{hub}/srv/", word)


IMPORT_ALL = """
import importlib, sys
from pathlib import Path
site = Path(sys.argv[1]).resolve()
for name in sys.argv[2:]:
    module = importlib.import_module(name)
    where = Path(module.__file__).resolve()
    assert where.is_relative_to(site), f"{name} was imported from {where}, not from {site}"
print(f"{len(sys.argv) - 2} modules import from {site}")
"""


def read_only(folder, cmd):
    """``cmd`` run with ``folder`` read-only: a read-only bind mount in a private mount
    namespace when we are root (root ignores file modes), else the files' write bits off."""
    if os.geteuid() == 0 and shutil.which("unshare"):
        probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
        if probe.returncode == 0:
            script = 'mount --bind -o ro "$0" "$0" && exec "$@"'
            return ["unshare", "-m", "sh", "-c", script, str(folder), *cmd]
    for path in [folder, *folder.rglob("*")]:
        path.chmod(path.stat().st_mode & ~0o222)
    return list(cmd)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="nnla-install-check-"))
    venv, course, hub = tmp / "venv", tmp / "course", tmp / "hub"
    py = venv / "bin" / "python"
    started = time.monotonic()
    try:
        step("build the wheel from a clean copy of the repository")
        # A clean copy: setuptools reuses build/lib of an earlier build, which can hold a
        # module that the package list no longer includes.
        copy_repository(tmp / "src")
        sh(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp / "dist", tmp / "src")
        wheel = next((tmp / "dist").glob("nnla_helpers-*.whl"))
        inside = set(zipfile.ZipFile(wheel).namelist())
        wanted = {str(p.relative_to(ROOT)) for p in (ROOT / "nnla_helpers").rglob("*.py")
                  if "__pycache__" not in p.parts}
        wanted.add("nnla_lab/__init__.py")
        version = wheel.name.split("-")[1]
        # the Jupyter server's setting for fast widget messages, installed into <env>/etc/jupyter
        wanted.add(f"nnla_helpers-{version}.data/data/etc/jupyter/jupyter_server_config.d/nnla_lab.json")
        if wanted - inside:
            raise CheckFailed(f"the wheel {wheel.name} lacks {sorted(wanted - inside)}")
        print(f"{wheel.name} holds all {len(wanted)} modules")

        step("install it into a new virtualenv outside the checkout")
        sh(sys.executable, "-m", "venv", venv)
        sh(py, "-m", "pip", "install", "-q", "-c", LOCK, f"{wheel}[dev]")
        site = subprocess.run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                              capture_output=True, text=True, check=True).stdout.strip()
        copy_course(course)

        step("every module imports from the installed wheel")
        sh(py, "-c", IMPORT_ALL, site, *source_modules(), cwd=course, env=clean_env())

        step("unit tests and exercise checkers against the installed wheel")
        env = clean_env(NNLA_EXPECT_PACKAGE_UNDER=site)
        # (the assert audit re-runs every notebook with its mutants; nbval below runs them here)
        sh(py, "-m", "pytest", "-q", "-p", "no:cacheprovider", ROOT / "tests",
           f"--ignore={ROOT / 'tests' / 'browser'}", f"--ignore={ROOT / 'tests' / 'nbgrader'}", "-k", "not test_every_mutant_makes_its_assert_fail",
           cwd=course, env=env)

        step("every notebook under nbval strict, from the installed wheel")
        sh(py, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
           "--nbval-cell-timeout=600", *sorted(p.name for p in (course / "notebooks").glob("*.ipynb")),
           cwd=course / "notebooks", env=env)

        step("JupyterHub path: the README's admin commands, then a learner's nbgitpuller copy")
        sh(py, "-m", "pip", "uninstall", "-q", "-y", "nnla-helpers")
        env = clean_env()
        for line in hub_commands():
            print(f"README: {line}", flush=True)
            words = [hub_path(hub, w) for w in shlex.split(line)]
            if words[:2] == ["git", "clone"]:          # no network here: the clone is a copy
                copy_repository(Path(words[3]), without=())
            elif words[:2] == ["pip", "install"]:
                sh(py, "-m", *words, env=env)
            elif words[0] == "export" and "=" in words[1]:
                name, value = words[1].split("=", 1)
                env[name] = value
            else:
                raise CheckFailed(f"README's hub block has a line this check cannot run: {line}")
        shared = Path(env["NNLA_DATA_DIR"])
        learner = hub / "home" / "learner" / "nnla"   # what nbgitpuller puts in a learner's home
        copy_repository(learner)                      # (here without data/mnist: NNLA_DATA_DIR is used)
        env["NNLA_EXPECT_PACKAGE_UNDER"] = site       # the non-editable install, not the clone
        write_probe = ("import os, sys; p = os.path.join(os.environ['NNLA_DATA_DIR'], 'probe')\n"
                       "try:\n    open(p, 'w')\nexcept OSError:\n    print('NNLA_DATA_DIR is read-only')\n"
                       "else:\n    sys.exit('NNLA_DATA_DIR could be written to')")
        sh(*read_only(shared, [py, "-c", write_probe]), env=env)
        sh(*read_only(shared, [py, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                               "../tests/test_data.py", "--nbval", "--nbval-current-env",
                               "--nbval-cell-timeout=600", "01_linear_regression.ipynb",
                               "06_mnist.ipynb"]),
           cwd=learner / "notebooks", env=env)
    except CheckFailed as err:
        print(f"\ntest-install FAILED: {err}\n(the files are kept in {tmp})", file=sys.stderr)
        return 1
    print(f"\ntest-install: the wheel outside the checkout and the JupyterHub path both work "
          f"({time.monotonic() - started:.0f} s)")
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
