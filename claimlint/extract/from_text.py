"""Stage 3 (text): plain-text copy; blank lines, bullets and title lines separate blocks.

The copy is the source itself (an identity map, line breaks collapsed to
spaces). A line holding a `claimlint-` directive is a comment, not copy.
"""
from __future__ import annotations

import re

from claimlint.decode import Source
from claimlint.extract.copy import Comment, CopyBuilder, Document, ExtractOptions
from claimlint.extract.from_html import add_text

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_BULLET = re.compile(r"[ \t]*(?:[-*+•◦▪‣●·–]|\(?\d{1,3}[.)]|[a-z][.)])[ \t]+")
_DIRECTIVE = re.compile(r"claimlint-(?:disable|enable)")
_SENTENCE_END = re.compile(r"""[.!?:;,…"'”’)\]]\s*$""")


def extract(source: Source, options: ExtractOptions) -> Document:
    """Extract the copy of a plain-text file."""
    out = CopyBuilder()
    text = source.text
    previous = ""
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        line = m.group().rstrip("\r\n")
        start, end = m.start(), m.start() + len(line)
        if _DIRECTIVE.search(line):
            out.end_block("paragraph")
            out.comments.append(Comment(line, start, end))
            previous = ""
            continue
        if not line.strip():
            out.end_block(_kind(previous), at=start)
            previous = ""
            continue
        bullet = _BULLET.match(line)
        if bullet or _is_title(previous, line):
            out.end_block(_kind(previous), at=start)
        if bullet:
            start += bullet.end()
        add_text(out, text, start, end, entities=False)
        out.space(end, m.end())
        previous = line if not bullet else "• " + line
    return out.finish()


def _kind(previous: str) -> str:
    return "list-item" if previous.startswith("• ") else "paragraph"


def _is_title(previous: str, line: str) -> bool:
    """A short line without closing punctuation, followed by a capitalised line, is a title."""
    prev = previous.strip()
    return bool(prev) and len(prev) < 70 and not _SENTENCE_END.search(prev) and line.lstrip()[:1].isupper()
