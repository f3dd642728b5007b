"""Merge each code cell's neighbouring stdout (or stderr) outputs into one, in place.

A kernel may send one printed line in two messages; the stored notebook then holds two
stream outputs that GitHub and nbconvert show as a line broken in the middle. `make notebooks`
runs this after executing, so the stored text reads as it was printed.

Usage: python tools/merge_streams.py NOTEBOOK.ipynb ...
"""

import json
import sys
from pathlib import Path


def merged(outputs):
    out = []
    for o in outputs:
        if (out and o.get("output_type") == "stream" and out[-1].get("output_type") == "stream"
                and out[-1].get("name") == o.get("name")):
            text = "".join(out[-1]["text"]) + "".join(o["text"])
            out[-1]["text"] = text.splitlines(keepends=True)
        else:
            out.append(o)
    return out


def main(paths):
    for path in map(Path, paths):
        nb = json.loads(path.read_text(encoding="utf-8"))
        changed = 0
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                new = merged(cell.get("outputs", []))
                changed += len(cell["outputs"]) - len(new)
                cell["outputs"] = new
        if changed:
            # as nbformat writes it (sorted keys), so only the merged outputs change
            path.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                            encoding="utf-8")
            print(f"{path.name}: merged {changed} split stream output(s)")


if __name__ == "__main__":
    main(sys.argv[1:])
