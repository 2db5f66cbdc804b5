#!/usr/bin/env python3
"""Where the time goes: milliseconds per page for each pipeline stage (prints numbers; not a test).

    python bench/stages.py                  # 300 pages of the synthetic site of bench.py
    python bench/stages.py --pages 1000 --rounds 3
    python bench/stages.py --folder site/   # your own HTML pages

Each round runs every page through read -> decode -> extract -> segment ->
reference lists -> match -> locate in one process, with every memo emptied
first (`pipeline.forget`), so every round pays for distinct copy as a first run does.
CPU time per stage is summed over the pages; the fastest round is printed,
as the machine's other load only ever adds time.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench import build_site  # noqa: E402
from claimlint import guards  # noqa: E402
from claimlint.config import Config  # noqa: E402
from claimlint.decode import decode  # noqa: E402
from claimlint.discover import Target, discover  # noqa: E402
from claimlint.extract import extract  # noqa: E402
from claimlint.match import match_document  # noqa: E402
from claimlint.pipeline import forget, locate, prepare  # noqa: E402
from claimlint.segment import segment  # noqa: E402

STAGES = ("read", "decode", "extract", "segment", "references", "match", "locate")


def one_round(files: list[Target]) -> dict[str, float]:
    """CPU seconds per stage over all files, starting with every memo empty."""
    setup, _ = prepare(Config())
    forget(setup)
    spent = dict.fromkeys(STAGES, 0.0)
    clock = time.process_time
    for target in files:
        fmt = target.format
        t0 = clock()
        data = Path(target.path).read_bytes()
        t1 = clock()
        source = decode(data, target.path, fmt)
        t2 = clock()
        doc = extract(source, fmt)
        t3 = clock()
        sentences = segment(doc)
        t4 = clock()
        skip = guards.reference_blocks(doc)
        t5 = clock()
        hits = match_document(doc, sentences, setup.rules, skip, setup.prefilter)
        t6 = clock()
        locate(hits, doc.text, doc.offset_map, source)
        t7 = clock()
        for stage, took in zip(STAGES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6)):
            spent[stage] += took
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300, help="size of the synthetic site")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--folder", type=Path, help="time these pages instead of a synthetic site")
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="claimlint-stages-"))
    try:
        if args.folder is None:
            build_site(folder, args.pages)
        files, _ = discover([str(folder)], Config())
        rounds = [one_round(files) for _ in range(args.rounds)]
        best = min(rounds, key=lambda r: sum(r.values()))
        total = sum(best.values())
        print(f"{len(files)} pages, fastest of {args.rounds} rounds, CPU ms per page:")
        for stage in STAGES:
            print(f"  {stage:<11} {1000 * best[stage] / len(files):7.2f}  {best[stage] / total:5.1%}")
        print(f"  {'total':<11} {1000 * total / len(files):7.2f}")
        print(f"  stages after extraction / extraction: {(total - best['read'] - best['decode'] - best['extract']) / best['extract']:.2f}")
    finally:
        if args.folder is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
