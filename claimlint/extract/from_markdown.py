"""Stage 3 (Markdown): placeholder until the Markdown extractor lands."""
from __future__ import annotations

from claimlint.decode import Source
from claimlint.extract.copy import Document, ExtractOptions
from claimlint.extract import from_text


def extract(source: Source, options: ExtractOptions) -> Document:
    return from_text.extract(source, options)
