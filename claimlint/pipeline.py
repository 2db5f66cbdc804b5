"""The pipeline: discover -> decode -> extract -> segment -> match -> suppress -> (report).

This is the only module that chains the stages. `prepare` loads the packs
once per run; `lint_source` takes one decoded file through every stage and
returns its findings, located through the extractor's offset map.
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from claimlint import guards, segment as segment_stage, suppress
from claimlint.baseline import normalise_sentence
from claimlint.config import Config, ignored_rules, selects, severity_for
from claimlint.decode import BinaryFile, Source, decode
from claimlint.discover import Target, discover, relative_to_root
from claimlint.extract import ExtractOptions, extract
from claimlint.finding import Diagnostic, FileResult, Finding, PageCopy
from claimlint.match import Hit, RuleTimeout, match_document
from claimlint.prefilter import MEMO_SIZE, Memo, Prefilter
from claimlint.rulepack import Pack, Rule, builtin_packs, load_pack
from claimlint.segment import segment
from claimlint.yamlfile import YamlError


@dataclass(frozen=True)
class Setup:
    """What every file of a run shares: the selected rules and the config."""

    config: Config
    rules: tuple[Rule, ...]
    packs: tuple[Pack, ...]
    keep_copy: bool = False
    prefilter: Prefilter | None = None


def load_packs(names: tuple[str, ...]) -> tuple[list[Pack], list[Diagnostic]]:
    """Built-in packs by id, or pack files by path; problems become diagnostics."""
    builtin = builtin_packs()
    packs: list[Pack] = []
    problems: list[Diagnostic] = []
    for name in names:
        path = builtin.get(name)
        if path is None and not (name.endswith((".yaml", ".yml")) or os.sep in name or "/" in name):
            problems.append(Diagnostic(name, f"unknown pack {name!r}", hint="built-in packs: " + ", ".join(builtin) + "; or give the path of a .yaml pack"))
            continue
        try:
            packs.append(load_pack(path or name))
        except YamlError as exc:
            problems.append(Diagnostic(exc.path, exc.message, line=exc.line, column=exc.column))
    return packs, problems


def prepare(
    config: Config, extra_packs: tuple[str, ...] = (), use_prefilter: bool = True
) -> tuple[Setup, list[Diagnostic]]:
    """Load and select the rules for a run: packs, then `disable`, then `severity` overrides."""
    names = tuple(dict.fromkeys(config.pack_names() + extra_packs))
    packs, problems = load_packs(names)
    rules: list[Rule] = []
    seen: set[str] = set()
    for pack in packs:
        for rule in pack.rules:
            if rule.id in seen:
                problems.append(Diagnostic(rule.path, f"rule id {rule.id!r} is defined twice", line=rule.line, hint="rename one of them"))
                continue
            seen.add(rule.id)
            if any(selects(p, rule.id) for p in config.disable):
                continue
            level = severity_for(config, rule.id, rule.severity)
            rules.append(rule if level == rule.severity else dataclasses.replace(rule, severity=level))
    prefilter = Prefilter(
        [r.clauses or ((),) * len(r.patterns) for r in rules], (a for r in rules for a in r.anchors if a is not None)
    ) if use_prefilter else None
    return Setup(config, tuple(rules), tuple(packs), prefilter=prefilter), problems


def lint_target(target: Target, setup: Setup) -> FileResult:
    """Read, decode and lint one file; unreadable and binary files become diagnostics."""
    result = FileResult(target.path)
    try:
        data = Path(target.path).read_bytes()
    except OSError as exc:
        result.diagnostics.append(Diagnostic(target.path, f"cannot read file: {exc.strerror or exc}"))
        result.scanned = False
        return result
    try:
        source = decode(data, target.path, target.format)
    except BinaryFile:
        result.diagnostics.append(Diagnostic(target.path, "binary file skipped", level="notice"))
        result.scanned = False
        return result
    return lint_source(source, target.format, setup, result)


def lint_source(source: Source, fmt: str, setup: Setup, result: FileResult | None = None) -> FileResult:
    """Take one decoded file through extract, segment and match."""
    result = result or FileResult(source.path)
    result.diagnostics.extend(Diagnostic(source.path, w, level="warning") for w in source.warnings)
    doc = extract(source, fmt, ExtractOptions(setup.config.front_matter_keys))
    result.diagnostics.extend(Diagnostic(source.path, msg, level="warning", line=line) for line, msg in doc.diagnostics)
    sentences = segment(doc)
    rules = _rules_for(source.path, setup)
    prefilter = setup.prefilter if rules is setup.rules else None
    references = guards.reference_blocks(doc)
    try:
        hits = match_document(doc, sentences, rules, references, prefilter)
    except RuleTimeout as exc:
        rule = exc.rule
        result.diagnostics.append(Diagnostic(
            rule.path, f"rule {rule.id!r} timed out on {source.path} (its pattern backtracks catastrophically)",
            line=rule.line, hint="simplify the pattern: avoid nested quantifiers such as (a+)+",
        ))
        remaining = [r for r in rules if r.id != rule.id]
        hits = match_document(doc, sentences, remaining, references)
    findings = locate(hits, doc.text, doc.offset_map, source)
    findings, problems = suppress.apply(findings, doc.comments, source, setup.config.require_reason)
    result.findings.extend(findings)
    result.diagnostics.extend(problems)
    if setup.keep_copy:
        result.copy = PageCopy(doc.text, tuple((b.kind, b.start, b.end, b.role) for b in doc.blocks))
    return result


def forget(setup: Setup | None = None) -> None:
    """Empty every memo of this process: sentences' hits (of `setup`), blocks' splits, guards' and baselines' work.

    A run keeps them, as sites repeat their copy; a benchmark round starts
    without them, to pay for the copy it reads as a first run would.
    """
    if setup is not None and setup.prefilter is not None:
        setup.prefilter.memo = Memo(MEMO_SIZE)
    for remembered in (
        segment_stage._sentences_of, guards._clause_breaks, guards._reference_parts, normalise_sentence,
    ):
        remembered.cache_clear()


def _rules_for(path: str, setup: Setup) -> tuple[Rule, ...]:
    ignored = ignored_rules(setup.config, relative_to_root(path, setup.config)) if setup.config.ignore else ()
    if not ignored:
        return setup.rules
    return tuple(r for r in setup.rules if not any(selects(p, r.id) for p in ignored))


def locate(hits: list[Hit], copy: str, offset_map, source: Source) -> list[Finding]:  # type: ignore[no-untyped-def]
    """Turn hits (copy offsets) into Findings (source offsets, lines, columns) via the offset map."""
    findings: list[Finding] = []
    occurrences: dict[tuple[str, str], int] = {}
    for hit in hits:
        start, end = offset_map.source_span(hit.start, hit.end)
        line, column = source.lines.position(start)
        end_line, end_column = source.lines.position(end)
        text = copy[hit.start:hit.end]
        sentence = copy[hit.sentence.start:hit.sentence.end]
        key = (hit.rule.id, normalise_sentence(sentence))
        occurrences[key] = occurrences.get(key, -1) + 1
        message = hit.rule.message.replace("{match}", text)
        if hit.note:
            message = f"{message} ({hit.note})"
        findings.append(Finding(
            path=source.path, rule=hit.rule.id, pack=hit.rule.pack, category=hit.rule.category,
            severity=hit.severity, message=message, line=line, column=column, end_line=end_line,
            end_column=end_column, start=start, end=end, text=text, sentence=sentence,
            suggestion=hit.rule.suggest, references=hit.rule.references, occurrence=occurrences[key],
            copy_start=hit.start, copy_end=hit.end, in_sentence=hit.start - hit.sentence.start,
        ))
    return findings


@dataclass
class Scan:
    """A run under way: the files found, and their results as they come (in file order)."""

    targets: list[Target]
    problems: list[Diagnostic]
    results: Iterator[FileResult]


def run(paths: list[str], setup: Setup, jobs: int = 1) -> Scan:
    """Discover the files and lint them, in order, on `jobs` processes."""
    targets, problems = discover(paths, setup.config)
    return Scan(targets, problems, lint_all(targets, setup, jobs))


MIN_FILES_PER_JOB = 4  # below this a process pool costs more than it saves


def lint_all(targets: list[Target], setup: Setup, jobs: int = 1) -> Iterator[FileResult]:
    """Results in the order of `targets`; files are spread over worker processes when worth it."""
    jobs = min(jobs, len(targets) // MIN_FILES_PER_JOB)
    if jobs <= 1:
        yield from (lint_target(t, setup) for t in targets)
        return
    import multiprocessing  # only parallel runs pay for it

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(1, min(16, len(targets) // (jobs * 8)))
    with context.Pool(jobs, initializer=_start_worker, initargs=(setup,)) as pool:
        yield from pool.imap(_lint_in_worker, targets, chunksize=chunk)


_WORKER_SETUP: Setup | None = None


def _start_worker(setup: Setup) -> None:
    global _WORKER_SETUP
    _WORKER_SETUP = setup


def _lint_in_worker(target: Target) -> FileResult:
    assert _WORKER_SETUP is not None
    return lint_target(target, _WORKER_SETUP)
