"""The Document every extractor returns, and CopyBuilder, which extractors fill."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from claimlint.decode import Source
from claimlint.sourcemap import OffsetMap

BLOCK_GAP = "\n\n"


ROW_START = "table-row-start"  # the kind of a table row's first cell holding copy; the others are "table-cell"


@dataclass(frozen=True)
class Block:
    """A run of copy that sentences never cross.

    `kind` names what holds it: "paragraph", "heading", "list-item",
    "table-cell" (or ROW_START for the first cell of a row)...
    `role` is "copy" for what the page claims, "navigation" for menus and
    "reference" for citation lists; sentence rules only read "copy" blocks.
    """

    kind: str
    start: int
    end: int
    role: str = "copy"


@dataclass(frozen=True)
class Comment:
    """A source comment (HTML or Markdown `<!-- -->`, a directive line in text)."""

    text: str
    start: int
    end: int


@dataclass
class Document:
    text: str
    blocks: list[Block]
    offset_map: OffsetMap
    comments: list[Comment] = field(default_factory=list)
    diagnostics: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class ExtractOptions:
    front_matter_keys: tuple[str, ...] = ("title", "description", "summary", "excerpt")


class Extractor(Protocol):
    def __call__(self, source: Source, options: ExtractOptions) -> Document: ...


class CopyBuilder:
    """Accumulates copy and its offset map, block by block.

    Whitespace is collapsed the way a browser renders it: a run of spaces and
    line breaks becomes one space, and none is kept at a block's edges.
    Attribute text (alt, meta description...) goes to `aside` blocks, placed
    after the body so that it never splits a sentence of the body.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.offset_map = OffsetMap()
        self.blocks: list[Block] = []
        self.block_start = 0
        self.pending_space: tuple[int, int] | None = None
        self.asides: list[tuple[str, str, "CopyBuilder"]] = []
        self.comments: list[Comment] = []
        self.diagnostics: list[tuple[int, str]] = []

    def text(self, chunk: str, source_start: int, verbatim: bool = True, source_end: int = -1) -> None:
        """Add non-space copy; `verbatim` copies map one to one onto the source."""
        if not chunk:
            return
        self._flush_space()
        end = source_start + len(chunk) if verbatim else source_end
        self.offset_map.add(self.length, source_start, end, verbatim)
        self.parts.append(chunk)
        self.length += len(chunk)

    def space(self, source_start: int, source_end: int) -> None:
        """A run of whitespace in the source; emitted lazily as one space."""
        if self.length == self.block_start:
            return
        if self.pending_space is None:
            self.pending_space = (source_start, source_end)
        else:
            self.pending_space = (self.pending_space[0], source_end)

    def _flush_space(self) -> None:
        if self.pending_space is None:
            return
        s, e = self.pending_space
        self.pending_space = None
        self.offset_map.add(self.length, s, e, e - s == 1)
        self.parts.append(" ")
        self.length += 1

    def end_block(self, kind: str, role: str = "copy", at: int = 0) -> None:
        """Close the current block (if it holds copy) and start a new one."""
        self.pending_space = None
        if self.length > self.block_start:
            self.blocks.append(Block(kind, self.block_start, self.length, role))
            self.offset_map.add(self.length, at, at, False)
            self.parts.append(BLOCK_GAP)
            self.length += len(BLOCK_GAP)
        self.block_start = self.length

    def aside(self, kind: str, role: str = "copy") -> "CopyBuilder":
        """A builder for one attribute block, appended after the body."""
        sub = CopyBuilder()
        self.asides.append((kind, role, sub))
        return sub

    def finish(self, last_kind: str = "paragraph", role: str = "copy") -> Document:
        self.end_block(last_kind, role)
        for kind, arole, sub in self.asides:
            sub.pending_space = None
            if sub.length == 0:
                continue
            base = self.length
            m = sub.offset_map
            for cs, ss, se, vb in zip(m.copy_starts, m.source_starts, m.source_ends, m.verbatim):
                self.offset_map.add(base + cs, ss, se, vb)
            self.parts.extend(sub.parts)
            self.length += sub.length
            self.blocks.append(Block(kind, base, self.length, arole))
            end_at = m.source_ends[-1] if m.source_ends else 0
            self.offset_map.add(self.length, end_at, end_at, False)
            self.parts.append(BLOCK_GAP)
            self.length += len(BLOCK_GAP)
        return Document("".join(self.parts), self.blocks, self.offset_map, self.comments, self.diagnostics)
