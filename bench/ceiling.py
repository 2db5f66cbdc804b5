#!/usr/bin/env python3
"""How fast end to end could be with a free matcher (prints numbers; not a test).

    python bench/ceiling.py                 # 1,000 pages of the synthetic site of bench.py
    python bench/ceiling.py --pages 2000

It runs `check --format json --jobs 1` in this process twice over the same
site: once as usual, keeping every page's hits, then with the match stage
replaced by handing back those hits. The second run pays for everything but
matching: reading, decoding, extraction, segmentation, reference lists,
locating, suppressions and the JSON report. Its throughput over floor B's is
the most any matcher could reach, and the difference between the two runs
is what matching costs today. Every memo is emptied before each run.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench import build_site, floor_b  # noqa: E402
from claimlint import pipeline  # noqa: E402
from claimlint.cli import cli  # noqa: E402

TARGET = 0.6  # end-to-end throughput over floor B that the performance work aims at


def check(folder: Path) -> float:
    """Wall seconds of one in-process `claimlint check` run, its report and exit status thrown away."""
    pipeline.forget()  # each run's setup brings an empty sentence memo of its own
    start = time.perf_counter()
    with open(os.devnull, "w") as null, contextlib.redirect_stdout(null), contextlib.suppress(SystemExit):
        cli.main(["check", "--no-config", "--format", "json", "--jobs", "1", str(folder)], standalone_mode=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="size of the synthetic site")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="claimlint-ceiling-"))
    real_match = getattr(pipeline, "match_document")  # the name the pipeline calls, replaced below
    kept: dict[str, Any] = {}

    def keeping(doc, *rest, **options):  # type: ignore[no-untyped-def]
        kept[doc.text] = hits = real_match(doc, *rest, **options)
        return hits

    def replaying(doc, *rest, **options):  # type: ignore[no-untyped-def]
        return kept[doc.text]

    try:
        build_site(folder, args.pages)
        files = sorted(folder.rglob("*.html"))
        b = min(floor_b(files) for _ in range(2))
        setattr(pipeline, "match_document", keeping)
        whole = check(folder)
        setattr(pipeline, "match_document", replaying)
        free = min(check(folder) for _ in range(2))
    finally:
        setattr(pipeline, "match_document", real_match)
        shutil.rmtree(folder, ignore_errors=True)
    per_page = 1000 / args.pages
    print(f"{args.pages} pages, {os.cpu_count()} CPUs, ms per page:")
    print(f"  floor B (decode+extract)         {b * per_page:7.2f}")
    print(f"  check --jobs 1                   {whole * per_page:7.2f}   throughput / floor B {b / whole:.2f}")
    print(f"  check --jobs 1, matching free    {free * per_page:7.2f}   throughput / floor B {b / free:.2f}")
    print(f"  matching today                   {(whole - free) * per_page:7.2f}")
    print(f"  matching allowed for {TARGET} x floor B {(b / TARGET - free) * per_page:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
