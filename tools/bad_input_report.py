"""Count how the package answers the bad-input battery (tests/bad_input_battery.py).

    .venv/bin/python tools/bad_input_report.py            # this checkout
    .venv/bin/python tools/bad_input_report.py --package-from /tmp/old   # an older checkout's package
    ... --show traceback,silent                            # list the answers of those kinds

Runs tests/test_bad_inputs.py with NNLA_BAD_INPUT_REPORT set, so every answer is recorded
instead of asserted, then prints: inputs tried, and how many were clear errors, correct
results, unnamed errors, bare tracebacks, silently accepted, silently wrong.
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("clear", "correct", "unnamed", "traceback", "silent", "wrong")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package-from", help="a checkout whose nnla_helpers to judge")
    parser.add_argument("--show", default="", help="comma-separated outcomes to list")
    parser.add_argument("-k", default="", help="pytest -k filter")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "answers.jsonl"
        env = dict(os.environ, NNLA_BAD_INPUT_REPORT=str(report))
        pytest_args = ["tests/test_bad_inputs.py", "-q", "-p", "no:cacheprovider",
                       "-k", f"every_bad_input {args.k}".strip()]
        # Another checkout's package: put it first, and take the editable install's finder
        # (which would map nnla_helpers back to this checkout) out of the way.
        prelude = ("import sys; sys.meta_path = [f for f in sys.meta_path if 'editable' not in "
                   f"type(f).__module__.lower()]; sys.path.insert(0, {str(Path(args.package_from or ROOT).resolve())!r}); "
                   "import nnla_helpers, pytest; print('judging', nnla_helpers.__file__); "
                   f"sys.exit(pytest.main({pytest_args!r}))")
        cmd = [sys.executable, "-c", prelude]
        run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        print(run.stdout.splitlines()[0] if run.stdout else run.stderr[-2000:])
        rows = [json.loads(line) for line in report.read_text().splitlines()] if report.exists() else []
    unique = {(r["case"], r["arg"], r["input"]): r for r in rows}.values()
    counts = collections.Counter(r["outcome"] for r in unique)
    print(f"{len(unique)} distinct bad inputs over {len({r['case'] for r in unique})} functions "
          f"and widgets ({len(rows)} calls):")
    for kind in KINDS:
        print(f"  {kind:10s} {counts.get(kind, 0)}")
    show = [s for s in args.show.split(",") if s]
    for r in sorted(unique, key=lambda r: (r["outcome"], r["case"], r["arg"])):
        if r["outcome"] in show:
            print(f"- [{r['outcome']}] {r['case']}({r['arg']} = {r['input']}): {r['detail'][:200]}")


if __name__ == "__main__":
    main()
