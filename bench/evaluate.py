#!/usr/bin/env python3
"""Measure the rule packs against gold labels: precision and recall per category.

Usage: python bench/evaluate.py LABELS.jsonl DOCS_FOLDER [--packs core,us] [--pack FILE] [--market us]
                                [--market-of "uk-*=uk" ...]

A finding matches a label when its copy span overlaps the label's quote and
its category is one of the label's categories; page-level labels match any
finding of that category on the page. Precision is counted over distinct
(sentence, category) predictions, recall over labels. A set that mixes
markets names each page's market with `--market-of GLOB=MARKET` (pages no
glob matches use `--market`).
"""
from __future__ import annotations

import argparse
import dataclasses
import fnmatch
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimlint.config import Config  # noqa: E402
from claimlint.decode import decode  # noqa: E402
from claimlint.discover import format_for  # noqa: E402
from claimlint.extract import extract  # noqa: E402
from claimlint.pipeline import Setup, lint_source, load_packs, prepare  # noqa: E402
from claimlint.rulepack import builtin_packs  # noqa: E402


# The categories of page rules (one finding per page), read off the built-in packs.
PAGE_CATEGORIES = frozenset(r.category for p in load_packs(tuple(builtin_packs()))[0] for r in p.rules if r.scope == "page")

# A scored prediction: its doc, category, spans, first finding and whether it matched a label.
Prediction = dict[str, Any]


@dataclass
class Label:
    doc: str
    quote: str
    categories: tuple[str, ...]
    page: bool
    found_in: set[str] = field(default_factory=set)

    @property
    def found(self) -> bool:
        return bool(self.found_in)


def load_labels(path: Path) -> list[Label]:
    labels = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        if "page_categories" in item:
            labels.append(Label(item["doc"], "", tuple(item["page_categories"]), True))
            continue
        # A page-level category is matched per page even when the label quotes where it shows (TAXONOMY.md).
        page = tuple(c for c in item["categories"] if c in PAGE_CATEGORIES)
        sentence = tuple(c for c in item["categories"] if c not in PAGE_CATEGORIES)
        if page:
            labels.append(Label(item["doc"], "", page, True))
        if sentence:
            labels.append(Label(item["doc"], item["quote"], sentence, False))
    return labels


def norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split()).lower()


def quote_span(copy: str, quote: str) -> tuple[int, int] | None:
    """Where the quote sits in the normalised copy (the copy is whitespace-collapsed already)."""
    index = norm(copy).find(norm(quote))
    return None if index < 0 else (index, index + len(norm(quote)))


def evaluate(
    labels_path: Path, folder: Path, config: Config, extra: tuple[str, ...], market_of: tuple[tuple[str, str], ...] = ()
) -> int:
    labels = load_labels(labels_path)
    setups: dict[str, Setup] = {}

    def setup_for(doc_name: str) -> Setup:
        market = next((m for glob, m in market_of if fnmatch.fnmatch(doc_name, glob)), config.market)
        if market not in setups:
            setups[market], problems = prepare(dataclasses.replace(config, market=market), extra)
            for p in problems:
                print(p.render(), file=sys.stderr)
        return setups[market]

    predictions: dict[tuple[str, int, str], Prediction] = {}
    missing_quotes = []
    by_doc = defaultdict(list)
    for label in labels:
        by_doc[label.doc].append(label)
    for doc_name in sorted(by_doc | {p.relative_to(folder).as_posix(): [] for p in folder.rglob("*") if p.is_file() and p.suffix in (".txt", ".html", ".htm", ".md", ".markdown", ".mdx")}):
        path = folder / doc_name
        if not path.is_file():
            print(f"missing document {path}", file=sys.stderr)
            continue
        fmt = format_for(str(path))
        source = decode(path.read_bytes(), doc_name, fmt)
        copy = extract(source, fmt).text
        ncopy = norm(copy)
        result = lint_source(source, fmt, setup_for(doc_name))
        for f in result.findings:
            nstart = len(norm(copy[: f.copy_start] + "x")) - 1
            nend = nstart + len(norm(f.text))
            key = (doc_name, nstart - f.in_sentence, f.category)
            entry = predictions.setdefault(key, {"doc": doc_name, "category": f.category, "spans": [], "finding": f, "tp": False})
            entry["spans"].append((nstart, nend))
        for label in by_doc[doc_name]:
            if label.page:
                continue
            span = quote_span(copy, label.quote)
            if span is None:
                missing_quotes.append(label)
                continue
            for key, entry in predictions.items():
                if key[0] != doc_name or entry["category"] not in label.categories:
                    continue
                if any(s < span[1] and e > span[0] for s, e in entry["spans"]):
                    label.found_in.add(entry["category"])
                    entry["tp"] = True
        for label in by_doc[doc_name]:
            if label.page:
                for key, entry in predictions.items():
                    if key[0] == doc_name and entry["category"] in label.categories:
                        label.found_in.add(entry["category"])
                        entry["tp"] = True
        del ncopy
    return report(labels, predictions, missing_quotes)


def report(labels: list[Label], predictions: dict[tuple[str, int, str], Prediction], missing_quotes: list[Label]) -> int:
    cats = sorted({c for l in labels for c in l.categories} | {e["category"] for e in predictions.values()})
    print(f"{'category':<32} {'labels':>6} {'found':>6} {'recall':>7} {'preds':>6} {'tp':>5} {'precision':>9}")
    total_p = total_tp = 0
    total_l, total_f = len(labels), sum(1 for l in labels if l.found)
    for cat in cats:
        ls = [l for l in labels if cat in l.categories]
        found = sum(1 for l in ls if cat in l.found_in)
        ps = [e for e in predictions.values() if e["category"] == cat]
        tp = sum(1 for e in ps if e["tp"])
        total_p += len(ps)
        total_tp += tp
        rec = f"{found / len(ls):.2f}" if ls else "-"
        prec = f"{tp / len(ps):.2f}" if ps else "-"
        print(f"{cat:<32} {len(ls):>6} {found:>6} {rec:>7} {len(ps):>6} {tp:>5} {prec:>9}")
    print(f"{'overall':<32} {total_l:>6} {total_f:>6} {total_f / max(total_l, 1):>7.2f} {total_p:>6} {total_tp:>5} {total_tp / max(total_p, 1):>9.2f}")
    print("\nMisses:")
    for l in labels:
        missed = [c for c in l.categories if c not in l.found_in]
        if missed:
            print(f"  {l.doc}: [{', '.join(missed)}] {l.quote or '(page-level)'}")
    print("\nFalse alarms:")
    for e in predictions.values():
        if not e["tp"]:
            f = e["finding"]
            print(f"  {f.path}:{f.line}: [{f.category}] {f.rule} “{f.text}” in: {f.sentence[:110]}")
    for l in missing_quotes:
        print(f"  warning: quote not found in {l.doc}: {l.quote}", file=sys.stderr)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", type=Path)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--packs", default="")
    parser.add_argument("--pack", action="append", default=[])
    parser.add_argument("--market", default="us")
    parser.add_argument("--market-of", action="append", default=[], metavar="GLOB=MARKET",
                        help="lint the pages whose names match GLOB with that market's packs")
    args = parser.parse_args()
    config = Config(packs=tuple(p for p in args.packs.split(",") if p), market=args.market)
    market_of = []
    for item in args.market_of:
        glob, sep, market = item.partition("=")
        if not sep or not glob or not market:
            parser.error(f"--market-of wants GLOB=MARKET, e.g. 'uk-*=uk'; got {item!r}")
        market_of.append((glob, market))
    return evaluate(args.labels, args.folder, config, tuple(args.pack), tuple(market_of))


if __name__ == "__main__":
    sys.exit(main())
