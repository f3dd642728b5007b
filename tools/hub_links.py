"""The nbgitpuller links that give each learner of a JupyterHub their own copy of the course.

    python tools/hub_links.py https://hub.example.edu https://github.com/you/nnla [--branch main]

prints one link per notebook. A learner who opens one gets the repository pulled into
~/nnla (or updated, keeping their edits) and the notebook open in JupyterLab; the hub needs
nbgitpuller installed (`pip install nbgitpuller` in the hub's user image).
"""

import argparse
import sys
from pathlib import Path
from urllib.parse import urlencode

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def link(hub, repo, notebook, branch="main"):
    """The nbgitpuller link that opens ``notebook`` of the clone of ``repo`` on ``hub``."""
    folder = repo.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")   # nbgitpuller's target
    query = urlencode({"repo": repo, "branch": branch,
                       "urlpath": f"lab/tree/{folder}/notebooks/{notebook}"})
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("hub", help="the hub's address, e.g. https://hub.example.edu")
    parser.add_argument("repo", help="the course repository's git URL, e.g. https://github.com/you/nnla")
    parser.add_argument("--branch", default="main")
    args = parser.parse_args(argv)
    if not args.hub.startswith(("https://", "http://")):
        parser.error(f"the hub's address should start with https://, not {args.hub!r}")
    for path in sorted(NOTEBOOKS.glob("0*.ipynb")):
        print(f"{path.stem}: {link(args.hub, args.repo, path.name, args.branch)}")


if __name__ == "__main__":
    sys.exit(main())
