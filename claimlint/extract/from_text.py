"""Stage 3 (text): plain-text copy; blank lines, bullets and title lines separate blocks.

The copy is the source itself (an identity map, line breaks read as
spaces). A short line without closing punctuation is a title. A line holding
a `claimlint-` directive is a comment, not copy.
"""
from __future__ import annotations

import re

from claimlint.decode import Source
from claimlint.extract.copy import Comment, CopyBuilder, Document, ExtractOptions
from claimlint.extract.from_html import add_text

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_BULLET = re.compile(r"[ \t]*(?:[-*+•◦▪‣●·–]|\(?\d{1,3}[.)]|[a-z][.)])[ \t]+")
_DIRECTIVE = re.compile(r"^[\s#/*;!-]*claimlint-[a-z]")
_CLOSED = re.compile(r"""[.!:;,…"'”’)\]]\s*$""")
TITLE_LENGTH = 80


def extract(source: Source, options: ExtractOptions) -> Document:
    """Extract the copy of a plain-text file."""
    out = CopyBuilder()
    block: list[tuple[int, int, int]] = []  # (start, end, end with line break)
    bullet = False
    for start, end, stop, line in _lines(source.text):
        marker = _BULLET.match(line)
        directive = _DIRECTIVE.match(line)
        blank = not line.strip()
        if block and (blank or directive or marker or _is_title(source.text, block, line)):
            _emit(out, source.text, block, bullet)
            block = []
        if directive:
            out.comments.append(Comment(line, start, end))
        elif not blank:
            if not block:
                bullet = bool(marker)
            block.append((start + (marker.end() if marker else 0), end, stop))
    if block:
        _emit(out, source.text, block, bullet)
    return out.finish()


def _lines(text: str) -> list[tuple[int, int, int, str]]:
    lines = []
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        line = m.group().rstrip("\r\n")
        lines.append((m.start(), m.start() + len(line), m.end(), line))
    return lines


def _emit(out: CopyBuilder, text: str, block: list[tuple[int, int, int]], bullet: bool) -> None:
    for start, end, stop in block:
        add_text(out, text, start, end, entities=False)
        out.space(end, stop)
    first = text[block[0][0]:block[0][1]]
    kind = "list-item" if bullet else "heading" if len(block) == 1 and _title_like(first) else "paragraph"
    out.end_block(kind, at=block[-1][1])


def _title_like(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) < TITLE_LENGTH and (not _CLOSED.search(stripped) or stripped.endswith("?"))


def _is_title(text: str, block: list[tuple[int, int, int]], line: str) -> bool:
    """A one-line block that reads as a title ends at its line break (hard-wrapped copy does not)."""
    if len(block) != 1:
        return False
    first = text[block[0][0]:block[0][1]].strip()
    return _title_like(first) and (first.endswith("?") or line.lstrip()[:1].isupper())
