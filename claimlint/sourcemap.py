"""Offsets: OffsetMap (copy offset -> source offset) and LineIndex (offset -> line, column).

Every extractor records, for each piece of copy it emits, where that piece
came from in the decoded source. Findings are located through this map and
never by searching the source text again.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Turns code-point offsets of a decoded source into 1-based line and column.

    Line breaks are LF, CRLF and lone CR, as editors and GitHub count them.
    A page has hundreds of lines but only a few dozen findings, so for text
    without CR the line is counted from the last offset asked about (findings
    come in order) instead of indexing every line up front.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)] if "\r" in text else None
        self._last = (0, 1)  # an offset asked about, and its line

    def position(self, offset: int) -> tuple[int, int]:
        if self.starts is not None:
            line = bisect.bisect_right(self.starts, offset) - 1
            return line + 1, offset - self.starts[line] + 1
        at, line = self._last
        if offset >= at:
            line += self.text.count("\n", at, offset)
        else:
            line -= self.text.count("\n", offset, at)
        self._last = (offset, line)
        return line, offset - self.text.rfind("\n", 0, offset)


@dataclass
class OffsetMap:
    """Segments of copy, each tied to a source range.

    A *verbatim* segment copies source characters one to one. A *replacement*
    segment (an entity, a collapsed run of whitespace, a separator) stands for
    its whole source range: a span touching it maps to all of that range.
    """

    copy_starts: list[int] = field(default_factory=list)
    source_starts: list[int] = field(default_factory=list)
    source_ends: list[int] = field(default_factory=list)
    verbatim: list[bool] = field(default_factory=list)

    def add(self, copy_start: int, source_start: int, source_end: int, verbatim: bool) -> None:
        """Append a segment; adjacent verbatim segments that line up are merged."""
        if (
            verbatim
            and self.verbatim
            and self.verbatim[-1]
            and self.source_ends[-1] == source_start
            and self.copy_starts[-1] + (self.source_ends[-1] - self.source_starts[-1]) == copy_start
        ):
            self.source_ends[-1] = source_end
            return
        self.copy_starts.append(copy_start)
        self.source_starts.append(source_start)
        self.source_ends.append(source_end)
        self.verbatim.append(verbatim)

    def _segment(self, offset: int) -> int:
        return max(bisect.bisect_right(self.copy_starts, offset) - 1, 0)

    def source_start(self, offset: int) -> int:
        """Source offset of the copy character at `offset`."""
        i = self._segment(offset)
        if self.verbatim[i]:
            return self.source_starts[i] + offset - self.copy_starts[i]
        return self.source_starts[i]

    def source_end(self, offset: int) -> int:
        """Source offset just past the copy character before `offset` (an exclusive end)."""
        i = self._segment(offset - 1)
        if self.verbatim[i]:
            return self.source_starts[i] + offset - self.copy_starts[i]
        return self.source_ends[i]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source range of the copy range [start, end)."""
        return self.source_start(start), self.source_end(end)


def align(value: str, source: str, base: int, offset_map: OffsetMap, copy_start: int) -> None:
    """Map `value` onto `source` (which renders as `value`) character by character.

    Used where a parser hands back a value without positions (a YAML scalar):
    equal characters map verbatim and a run of whitespace in the value maps to
    the run of whitespace in the source. If the two diverge, the rest of the
    value maps to the rest of the source as one replacement.
    """
    i = j = 0
    while i < len(value):
        if j >= len(source):
            break
        if value[i].isspace() and source[j].isspace():
            i0, j0 = i, j
            while i < len(value) and value[i].isspace():
                i += 1
            while j < len(source) and source[j].isspace():
                j += 1
            offset_map.add(copy_start + i0, base + j0, base + j, i - i0 == j - j0 and value[i0:i] == source[j0:j])
        elif value[i] == source[j]:
            offset_map.add(copy_start + i, base + j, base + j + 1, True)
            i += 1
            j += 1
        else:
            break
    if i < len(value):
        offset_map.add(copy_start + i, base + min(j, len(source)), base + len(source), False)
