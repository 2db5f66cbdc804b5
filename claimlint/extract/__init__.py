"""Stage 3 of 7: extract the copy a reader sees, with a map back to the source.

Each format has one module with one entry function, `extract(source, options)
-> Document`. The Document's `text` is the copy; its `offset_map` ties every
copy character to the source; its `blocks` (heading, paragraph, list item,
table cell, attribute text...) keep sentences from running across blocks.
"""
from __future__ import annotations

from claimlint.decode import Source
from claimlint.extract import from_html, from_markdown, from_text
from claimlint.extract.copy import Block, Comment, Document, ExtractOptions, Extractor

EXTRACTORS: dict[str, Extractor] = {
    "html": from_html.extract,
    "markdown": from_markdown.extract,
    "text": from_text.extract,
}

__all__ = ["Block", "Comment", "Document", "ExtractOptions", "EXTRACTORS", "extract"]


def extract(source: Source, fmt: str, options: ExtractOptions | None = None) -> Document:
    """Run the extractor registered for `fmt` (html, markdown, text)."""
    return EXTRACTORS[fmt](source, options or ExtractOptions())
