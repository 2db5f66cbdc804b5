#!/usr/bin/env python3
"""Throughput and memory of claimlint on a synthetic clinic site (prints numbers; not a test).

    python bench/bench.py                 # 2,000 pages (about 100 MB)
    python bench/bench.py --pages 250 --pages 1000 --pages 4000   # scaling series

For each size it builds a deterministic site from realistic page skeletons
(head with meta tags, stylesheets, analytics scripts, JSON-LD, navigation,
footer) filled with paragraphs of clinic copy taken from fixtures/, then
measures, in the same run:
  floor A   reading every file
  floor B   decoding and extracting the copy (no matching)
  claimlint `check --format json` end to end, with --jobs 1 and with every core
and prints pages/s, MB/s, peak RSS and the ratios that matter.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimlint.decode import decode  # noqa: E402
from claimlint.discover import format_for  # noqa: E402
from claimlint.extract import extract  # noqa: E402

PAGE_BYTES = 50_000
_PARAGRAPH = re.compile(r"<(p|li|h2|h3)\b[^>]*>(.*?)</\1>", re.S | re.I)


COMPLIANT_WEIGHT = 4  # compliant paragraphs are drawn this many times as often as the sample site's


def copy_pool() -> list[tuple[str, str]]:
    """Paragraphs of clinic copy from the fixture pages: the risky sample site and the compliant pages.

    The compliant pages are weighted so that a page holds a few dozen claims, about the density of
    the real clinic pages in the evaluation corpus, rather than a claim in every paragraph.
    """
    pool = []
    for folder, weight in (("site", 1), ("pages", COMPLIANT_WEIGHT)):
        for path in sorted((ROOT / "fixtures" / folder).rglob("*.html")):
            text = path.read_text(encoding="utf-8")
            paragraphs = [(m.group(1).lower(), " ".join(m.group(2).split())) for m in _PARAGRAPH.finditer(text)]
            pool += [p for p in paragraphs if len(p[1]) > 20] * weight
    return pool


CLINICS = ("Harbor Light", "Northfield", "Blue Ridge", "Cedar Park", "Lakeside", "Summit", "Riverbend", "Oak Hollow")
CITIES = ("Riverton", "Maple Falls", "Port Avery", "Greenvale", "Westbrook", "Clearwater Bay", "Hillcrest", "Ashford")
_NUMBER = re.compile(r"\d+")
_STOP = re.compile(r"(?<=\w{3})(?<!\bYes)([.!?])(\s|$)")
_ANY_STOP = re.compile(r"(?<=\w)([.!?])(\s|$)")


def vary(text: str, rng: random.Random, distinct: bool = False) -> str:
    """The same kind of copy with other names, numbers and places, so many sentences are distinct.

    With `distinct`, every sentence gets a place name and a number of its own: the worst case for
    claimlint's per-sentence memo, as on a site whose pages share no boilerplate at all.
    """
    text = text.replace("Harbor Light", rng.choice(CLINICS))
    if distinct:
        marked, count = _ANY_STOP.subn(lambda m: f" ({rng.choice(CITIES)} {rng.randrange(10**6)}){m.group(1)}{m.group(2)}", text)
        return marked if count else f"{text} ({rng.choice(CITIES)} {rng.randrange(10**6)})"
    text = _NUMBER.sub(lambda m: str(rng.randrange(10 ** (len(m.group()) - 1), 10 ** len(m.group()))), text)
    if rng.random() < 0.8 and len(text.split()) > 6:
        text = _STOP.sub(lambda m: f" in {rng.choice(CITIES)}{m.group(1)}{m.group(2)}", text, count=1)
    return text


def skeleton_parts(rng: random.Random) -> tuple[str, str, str]:
    css = "\n".join(f".c{i} {{ margin: {i % 7}px; color: #{rng.randrange(0x1000000):06x}; }}" for i in range(120))
    js = "\n".join(f"function f{i}(a){{ return a*{i} + '{rng.random():.6f}'; }}" for i in range(120))
    nav = "".join(f'<li><a href="/p/{i}.html" title="Section {i}">Section {i}</a></li>' for i in range(25))
    head = (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>Harbor Light Ketamine &amp; Wellness | Page {n}</title>"
        "<meta name=\"description\" content=\"Ketamine infusions and supportive care in Harbor City, page {n}.\">"
        "<meta property=\"og:title\" content=\"Harbor Light page {n}\">"
        f"<style>{css}</style><script>{js}</script>"
        "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@type\": \"MedicalClinic\", "
        "\"name\": \"Harbor Light\", \"description\": \"Ketamine cures depression\"}</script></head>"
        f"<body><header><nav><ul>{nav}</ul></nav></header><main>"
    )
    footer = (
        "</main><footer><p>Harbor Light Ketamine &amp; Wellness, 1200 Fictional Pier Road, Harbor City.</p>"
        f"<script>{js}</script></footer></body></html>"
    )
    return head, footer, css


def build_site(folder: Path, pages: int, seed: int = 7, distinct: bool = False) -> int:
    rng = random.Random(seed)
    pool = copy_pool()
    head, footer, _ = skeleton_parts(rng)
    total = 0
    for n in range(pages):
        parts = [head.replace("{n}", str(n))]
        size = len(parts[0]) + len(footer)
        while size < PAGE_BYTES:
            kind, text = rng.choice(pool)
            text = vary(text, rng, distinct)
            tag = "p" if kind in ("li",) else kind
            block = f'<section class="c{rng.randrange(120)}"><{tag}>{text}</{tag}></section>\n'
            parts.append(block)
            size += len(block)
        parts.append(footer)
        data = "".join(parts).encode("utf-8")
        path = folder / f"section-{n % 40:02d}" / f"page-{n:05d}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        total += len(data)
    return total


def floor_a(files: list[Path]) -> float:
    start = time.perf_counter()
    for f in files:
        f.read_bytes()
    return time.perf_counter() - start


def floor_b(files: list[Path]) -> float:
    start = time.perf_counter()
    for f in files:
        source = decode(f.read_bytes(), str(f), format_for(str(f)))
        extract(source, format_for(str(f)))
    return time.perf_counter() - start


def end_to_end(folder: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one `claimlint check` run in a child process."""
    runner = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False)\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    command = [sys.executable, "-m", "claimlint", "check", "--no-config", "--format", "json", "--jobs", str(jobs), str(folder)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", runner, *command], capture_output=True, text=True, env=env, check=True)
    seconds, rss_kb = out.stdout.split()
    return float(seconds), int(rss_kb) / 1024


def distinct_share(files: list[Path]) -> float:
    """Share of the site's sentences that occur once (what the per-sentence memo cannot save)."""
    from claimlint.segment import segment

    seen: list[str] = []
    for f in files:
        doc = extract(decode(f.read_bytes(), str(f), "html"), "html")
        seen += [doc.text[s.start:s.end] for s in segment(doc)]
    return len(set(seen)) / max(len(seen), 1)


def measure(pages: int, jobs: int, keep: Path | None, distinct: bool) -> None:
    folder = Path(tempfile.mkdtemp(prefix="claimlint-bench-")) if keep is None else keep
    try:
        size = build_site(folder, pages, distinct=distinct)
        files = sorted(folder.rglob("*.html"))
        mb = size / 1e6
        subprocess.run([sys.executable, "-m", "claimlint", "rules"], capture_output=True, cwd=ROOT)  # warm the pack cache
        a, b = floor_a(files), floor_b(files)
        e1, rss1 = end_to_end(folder, 1)
        en, rssn = end_to_end(folder, jobs)
        share = distinct_share(files[:200])
        print(f"\n{pages} pages, {mb:.1f} MB, {os.cpu_count()} CPUs, distinct sentences {share:.0%} (first 200 pages)")
        row = "  {:<26} {:>8.2f} s {:>9.0f} pages/s {:>7.1f} MB/s {:>9}"
        print(row.format("floor A (read)", a, pages / a, mb / a, ""))
        print(row.format("floor B (decode+extract)", b, pages / b, mb / b, ""))
        print(row.format("claimlint --jobs 1", e1, pages / e1, mb / e1, f"{rss1:.0f} MB"))
        print(row.format(f"claimlint --jobs {jobs}", en, pages / en, mb / en, f"{rssn:.0f} MB"))
        print(f"  end-to-end/floor B throughput (jobs 1): {b / e1:.2f}   jobs {jobs}/jobs 1 speed-up: {e1 / en:.2f}"
              f"   ms per page (jobs 1): {1000 * e1 / pages:.2f}")
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, action="append", help="site size; repeat for a scaling series")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="build the site in this folder and keep it")
    parser.add_argument("--distinct", action="store_true", help="make every sentence unique (no repeated copy)")
    args = parser.parse_args()
    for pages in args.pages or [2000]:
        measure(pages, args.jobs, args.keep, args.distinct)
    return 0


if __name__ == "__main__":
    sys.exit(main())
