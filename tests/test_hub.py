"""The README's JupyterHub instructions: the nbgitpuller links (tools/hub_links.py) open each
notebook of a learner's pulled copy, and the admin's commands are the ones `make test-install`
runs (tools/install_check.py reads them from the README's hub-setup block)."""

import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import hub_links  # noqa: E402  (tools/hub_links.py)
import install_check  # noqa: E402  (tools/install_check.py)


@pytest.mark.parametrize("repo, folder", [("https://github.com/you/nnla", "nnla"),
                                          ("https://gitlab.example.org/t/nn-course.git/", "nn-course")])
def test_a_link_opens_the_notebook_in_the_learners_pulled_copy(repo, folder):
    url = urlsplit(hub_links.link("https://hub.example.edu/", repo, "04_backpropagation.ipynb"))
    assert (url.scheme, url.netloc, url.path) == ("https", "hub.example.edu", "/hub/user-redirect/git-pull")
    assert parse_qs(url.query) == {"repo": [repo], "branch": ["main"],
                                   "urlpath": [f"lab/tree/{folder}/notebooks/04_backpropagation.ipynb"]}


def test_the_script_prints_one_link_per_notebook_and_refuses_a_bare_host():
    done = subprocess.run([sys.executable, "tools/hub_links.py", "https://hub.example.edu",
                           "https://github.com/you/nnla"], cwd=ROOT, capture_output=True, text=True)
    lines = done.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == sorted(p.stem for p in (ROOT / "notebooks").glob("0*.ipynb"))
    bare = subprocess.run([sys.executable, "tools/hub_links.py", "hub.example.edu", "x"], cwd=ROOT,
                          capture_output=True, text=True)
    assert bare.returncode != 0 and "should start with https://" in bare.stderr


def test_the_readme_shows_the_link_form_and_the_commands_the_install_check_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "/hub/user-redirect/git-pull?repo=" in readme and "tools/hub_links.py" in readme
    commands = install_check.hub_commands()
    assert commands[0].startswith("git clone ") and commands[1].startswith("pip install ")
    assert " -e " not in " ".join(commands)              # the hub installs a real package
    assert any(c.startswith("export NNLA_DATA_DIR=") for c in commands)
    assert install_check.hub_path(Path("/tmp/h"), "NNLA_DATA_DIR=/srv/nnla/data") == \
        "NNLA_DATA_DIR=/tmp/h/srv/nnla/data"
