"""Stage 7, annotated HTML: one self-contained page for marketing and compliance reviewers.

Each page's copy is shown as a reader sees it, with every finding
highlighted in place and explained underneath. This module only builds a
view model (plain dataclasses); `templates/annotated.html.j2` turns it into
HTML with Jinja2's autoescaping, so scanned copy is never trusted as markup.
Jinja2 is imported here only, when an HTML report is asked for.
"""
from __future__ import annotations

import base64
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from claimlint.extract.copy import ROW_START
from claimlint.finding import Finding, PageCopy, Severity
from claimlint.report import Run, summary, tool_info
from claimlint.rulepack import Rule
from claimlint.taxonomy import CATEGORIES

TEMPLATE = "annotated.html.j2"
META_KINDS = {
    "title": "Page title", "meta": "Search and social snippet", "alt": "Image text (alt)",
    "attribute": "Attribute text", "front-matter": "Front matter",
}
SEVERITIES = tuple(sorted(Severity, key=lambda s: -s.rank))
VERDICTS = {0: "No blocking findings", 1: "Changes needed before publishing", 2: "The run had errors"}


@dataclass
class Item:
    """One finding as the report shows it, with its place in the numbering."""

    number: int
    finding: Finding
    rule: Rule | None

    @property
    def anchor(self) -> str:
        return f"f{self.number}"

    @property
    def where(self) -> str:
        return f"{self.finding.path}:{self.finding.line}:{self.finding.column}"


@dataclass
class Mark:
    """A highlighted span; children are text and nested highlights."""

    item: Item
    children: list[Node] = field(default_factory=list)


Node = Union[str, Mark]


@dataclass
class BlockView:
    kind: str
    role: str
    nodes: list[Node]
    label: str = ""
    level: int = 2


@dataclass
class Group:
    """Consecutive blocks shown together: a list, a table, a navigation bar, or one block."""

    kind: str
    blocks: list[BlockView]

    def rows(self) -> list[list[BlockView]]:
        """A table's cells by row: each row begins at a cell the extractor marked as a row's first."""
        rows: list[list[BlockView]] = []
        for block in self.blocks:
            if block.kind == ROW_START or not rows:
                rows.append([])
            rows[-1].append(block)
        return rows


@dataclass
class PageView:
    path: str
    short: str
    anchor: str
    items: list[Item]
    groups: list[Group]
    meta: list[BlockView]
    unplaced: list[BlockView]
    has_copy: bool

    @property
    def meta_findings(self) -> int:
        """How many findings sit in the title, meta and alt text."""
        return sum(_marks(b.nodes) for b in self.meta)

    @property
    def counts(self) -> dict[str, int]:
        active = Counter(i.finding.severity.value for i in self.items if i.finding.suppressed is None)
        return {s.value: active.get(s.value, 0) for s in SEVERITIES}


def render(run: Run) -> str:
    """The whole report as one HTML document."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )
    env.filters["csp_hash"] = csp_hash
    return env.get_template(TEMPLATE).render(**context(run)).lstrip() + "\n"


def csp_hash(script: str) -> str:
    """The Content-Security-Policy source that allows exactly this inline script and no other."""
    digest = hashlib.sha256(str(script).encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def context(run: Run) -> dict[str, object]:
    """Everything the template shows, computed once."""
    items = number_findings(run)
    paths = _page_paths(run, items)
    names = short_names(paths)
    pages = [page_view(path, names[path], idx, items, run.copies.get(path)) for idx, path in enumerate(paths, 1)]
    return {
        "tool": tool_info(), "summary": summary(run), "run": run, "pages": pages, "items": items,
        "severities": [s.value for s in SEVERITIES], "categories": _category_rows(items),
        "page_rows": _page_rows(pages), "verdict": VERDICTS.get(run.exit_code, ""),
        "category_labels": {c: category_label(c) for c in {i.finding.category for i in items}},
        "category_help": CATEGORIES, "config": _config_rows(run),
    }


def number_findings(run: Run) -> list[Item]:
    """Every finding (suppressed ones too), numbered in page and reading order."""
    rules = {r.id: r for r in run.rules}
    ordered = sorted(run.findings, key=lambda f: (f.path, f.start, f.end, f.rule))
    return [Item(n, f, rules.get(f.rule)) for n, f in enumerate(ordered, 1)]


def category_label(category: str) -> str:
    """`absolute-safety` -> `Absolute safety`."""
    words = category.replace("-", " ")
    return words[:1].upper() + words[1:]


def short_names(paths: list[str]) -> dict[str, str]:
    """Paths without the folder they all share (`fixtures/site/faq.html` -> `faq.html`)."""
    parts = [p.replace("\\", "/").split("/") for p in paths]
    common = 0
    while parts and all(len(p) > common + 1 and p[common] == parts[0][common] for p in parts):
        common += 1
    return {path: "/".join(p[common:]) for path, p in zip(paths, parts)}


def _page_paths(run: Run, items: list[Item]) -> list[str]:
    return sorted(set(run.files) | {i.finding.path for i in items})


def page_view(path: str, short: str, index: int, items: list[Item], copy: PageCopy | None) -> PageView:
    """One page: its copy grouped into blocks with highlights, and its findings."""
    mine = [i for i in items if i.finding.path == path]
    blocks = list(copy.blocks) if copy else []
    placed: set[int] = set()
    views: list[BlockView] = []
    for kind, start, end, role in blocks:
        inside = [i for i in mine if i.number not in placed and start <= i.finding.copy_start < end]
        placed.update(i.number for i in inside)
        views.append(BlockView(kind, role, highlight(copy.text if copy else "", start, end, inside), META_KINDS.get(kind, "")))
    body = [v for v in views if v.kind not in META_KINDS]
    headings = [v for v in body if v.kind == "heading" and v.role == "copy"]
    if headings:
        headings[0].level = 1
    meta = [v for v in views if v.kind in META_KINDS]
    unplaced = [_sentence_view(i) for i in mine if i.number not in placed]
    return PageView(path, short, f"page-{index}", mine, group_blocks(body), meta, unplaced, copy is not None)


def _marks(nodes: list[Node]) -> int:
    return sum(1 + _marks(n.children) for n in nodes if isinstance(n, Mark))


def _sentence_view(item: Item) -> BlockView:
    """A finding that has no place in the kept copy, shown in its sentence."""
    f = item.finding
    at = f.in_sentence if 0 <= f.in_sentence <= len(f.sentence) else 0
    sentence = f.sentence or f.text
    end = min(len(sentence), at + len(f.text)) if f.sentence else len(sentence)
    return BlockView("paragraph", "copy", highlight(sentence, 0, len(sentence), [item], spans=[(at, end)]))


def highlight(text: str, start: int, end: int, items: list[Item], spans: list[tuple[int, int]] | None = None) -> list[Node]:
    """The text of `start:end` as nodes, each item's span wrapped in exactly one Mark."""
    if spans is None:
        spans = [(i.finding.copy_start, min(max(i.finding.copy_end, i.finding.copy_start), end)) for i in items]
    nested = untangle(sorted(((s, e, i) for (s, e), i in zip(spans, items)), key=lambda t: (t[0], -t[1], t[2].number)))
    root: list[Node] = []
    stack: list[tuple[list[Node], int]] = [(root, end)]
    pos = start
    for s, e, item in nested:
        pos = _close_until(text, stack, pos, s)
        _append_text(stack[-1][0], text[pos:s])
        pos = s
        mark = Mark(item)
        stack[-1][0].append(mark)
        stack.append((mark.children, e))
    _close_until(text, stack, pos, end, everything=True)
    return root


def untangle(spans: list[tuple[int, int, Item]]) -> list[tuple[int, int, Item]]:
    """Make overlapping spans nest: a span that crosses the end of an earlier one is cut there."""
    kept: list[tuple[int, int, Item]] = []
    for s, e, item in spans:
        crossed = True
        while crossed:
            crossed = False
            for ks, ke, _ in kept:
                if ks < s < ke < e:
                    e, crossed = ke, True
        kept.append((s, e, item))
    return sorted(kept, key=lambda t: (t[0], -t[1], t[2].number))


def _close_until(text: str, stack: list[tuple[list[Node], int]], pos: int, limit: int, everything: bool = False) -> int:
    """Close the open highlights that end at or before `limit`, emitting the text they still cover."""
    while len(stack) > 1 and (everything or stack[-1][1] <= limit):
        children, close_at = stack.pop()
        _append_text(children, text[pos:close_at])
        pos = max(pos, close_at)
    if everything:
        _append_text(stack[-1][0], text[pos:limit])
        pos = limit
    return pos


def _append_text(nodes: list[Node], chunk: str) -> None:
    if chunk:
        nodes.append(chunk)


def group_blocks(blocks: list[BlockView]) -> list[Group]:
    """Gather consecutive list items, table cells and navigation links; other blocks stand alone."""
    groups: list[Group] = []
    for block in blocks:
        kind = _group_kind(block)
        if groups and kind in ("list", "table", "nav", "references") and groups[-1].kind == kind:
            groups[-1].blocks.append(block)
        else:
            groups.append(Group(kind, [block]))
    return groups


def _group_kind(block: BlockView) -> str:
    if block.role == "navigation":
        return "nav"
    if block.role == "reference" and block.kind == "list-item":
        return "references"
    return {"list-item": "list", "table-cell": "table", ROW_START: "table"}.get(block.kind, block.kind)


def _category_rows(items: list[Item]) -> list[dict[str, object]]:
    counts = Counter(i.finding.category for i in items if i.finding.suppressed is None)
    top = max(counts.values(), default=1)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [{"id": c, "label": category_label(c), "count": n, "pct": round(100 * n / top)} for c, n in rows]


def _page_rows(pages: list[PageView]) -> list[dict[str, object]]:
    top = max((sum(p.counts.values()) for p in pages), default=1) or 1
    rows = []
    for page in pages:
        counts = page.counts
        total = sum(counts.values())
        widths = {s: round(100 * n / top, 1) for s, n in counts.items()}
        rows.append({"path": page.path, "short": page.short, "anchor": page.anchor, "total": total, "counts": counts, "widths": widths})
    return rows


def _config_rows(run: Run) -> list[tuple[str, str]]:
    c = run.config
    overrides = ", ".join(f"{rule} → {level.value}" for rule, level in c.severity)
    return [
        ("Config file", c.path or "built-in defaults"),
        ("Market", c.market),
        ("Packs requested", ", ".join(c.pack_names())),
        ("Fails on", c.fail_on),
        ("Disabled rules", ", ".join(c.disable) or "none"),
        ("Severity overrides", overrides or "none"),
    ]
