#!/usr/bin/env python3
"""Instructions per page of the lint stages, counted by valgrind (prints numbers; not a test).

    python bench/instructions.py               # 80 pages of the synthetic site of bench.py
    python bench/instructions.py --pages 200

Timings on a shared machine move by 10-20% from one run to the next, which
hides most single changes to the matcher. An instruction count does not
move: this runs the same pages three times under `valgrind --tool=callgrind`:
decoding them only, then also extracting their copy, then taking them
through extract, segment, match and locate (`lint_source`, with empty
memos), and prints the differences per page. Compare two versions of claimlint by running it on
each; a change worth keeping lowers the number.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# What each child runs: decode every page, then extract each (STAGES=extract) or lint each (STAGES=lint).
CHILD = """
import os, sys
from pathlib import Path
from claimlint.config import Config
from claimlint.decode import decode
from claimlint.extract import extract
from claimlint.pipeline import lint_source, prepare
from claimlint.rulepack import compiled
setup, _ = prepare(Config())
for rule in setup.rules:
    compiled(rule.patterns + rule.unless + rule.requires)
sources = [decode(p.read_bytes(), str(p), "html") for p in sorted(Path(sys.argv[1]).rglob("*.html"))]
for source in sources:
    if os.environ.get("STAGES") == "extract":
        extract(source, "html")
    elif os.environ.get("STAGES") == "lint":
        lint_source(source, "html", setup)
"""


def instructions(folder: Path, stages: str) -> int:
    """Instructions the child process executes, as callgrind counts them."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "STAGES": stages}
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", CHILD, str(folder)]
    out = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    found = re.search(r"Collected : (\d+)", out.stderr)
    if found is None:
        raise SystemExit(f"valgrind printed no count:\n{out.stderr[-2000:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=80, help="size of the synthetic site")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    from bench import build_site

    folder = Path(tempfile.mkdtemp(prefix="claimlint-instructions-"))
    try:
        build_site(folder, args.pages, seed=11)
        subprocess.run([sys.executable, "-c", CHILD, str(folder)], env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)  # warm the pack cache
        base, extracted, linted = (instructions(folder, stages) for stages in ("", "extract", "lint"))
        extract_cost, lint_cost = (extracted - base) / args.pages / 1e6, (linted - base) / args.pages / 1e6
        print(f"{args.pages} pages, M instructions per page (empty memos):")
        print(f"  extract                              {extract_cost:7.1f}")
        print(f"  extract, segment, match, locate      {lint_cost:7.1f}")
        print(f"  stages after extraction / extraction {(lint_cost - extract_cost) / extract_cost:7.2f}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
