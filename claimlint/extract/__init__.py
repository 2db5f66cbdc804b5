"""Stage 3 of 7: extract the copy a reader sees, with a map back to the source.

Each format has one module with one entry function, `extract(source, options)
-> Document`. The Document's `text` is the copy; its `offset_map` ties every
copy character to the source; its `blocks` (heading, paragraph, list item,
table cell, attribute text...) keep sentences from running across blocks.
"""
from __future__ import annotations

import importlib

from claimlint.decode import Source
from claimlint.extract.copy import Block, Comment, Document, ExtractOptions, Extractor

# Format -> module whose `extract` reads it (imported on first use: a run over HTML never loads
# the Markdown parser).
EXTRACTORS: dict[str, str] = {
    "html": "claimlint.extract.from_html",
    "markdown": "claimlint.extract.from_markdown",
    "text": "claimlint.extract.from_text",
}

__all__ = ["Block", "Comment", "Document", "ExtractOptions", "EXTRACTORS", "Extractor", "extract"]


def extract(source: Source, fmt: str, options: ExtractOptions | None = None) -> Document:
    """Run the extractor registered for `fmt` (html, markdown, text)."""
    extractor: Extractor = importlib.import_module(EXTRACTORS[fmt]).extract
    return extractor(source, options or ExtractOptions())
