"""Stage 2 of 7: read bytes and decode them into a Source.

UTF-8 (with or without BOM), UTF-16/32 with BOM, an HTML `<meta charset>`,
then cp1252 as the last resort (with a warning). Line ends are kept as they
are, so offsets and line numbers match what an editor shows.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from claimlint.sourcemap import LineIndex

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
# The HTML standard reads these labels as windows-1252.
_WINDOWS_1252_ALIASES = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii", "l1"}


class BinaryFile(Exception):
    """The file holds binary data, not copy."""


@dataclass
class Source:
    """A decoded file: its text exactly as an editor shows it, BOM removed."""

    path: str
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)
    _lines: LineIndex | None = None

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines


def decode(data: bytes, path: str, fmt: str = "text") -> Source:
    """Decode `data`; raise BinaryFile for binary content."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(encoding, errors="replace")
            return Source(path, text, encoding.replace("-le", "").replace("-be", ""))
    if b"\x00" in data[:8192]:
        raise BinaryFile(path)
    warnings: list[str] = []
    if fmt == "html":
        declared = _declared_charset(data)
        if declared:
            try:
                return Source(path, data.decode(declared), declared)
            except (LookupError, UnicodeDecodeError):
                warnings.append(f"declared charset {declared!r} does not decode this file")
    try:
        return Source(path, data.decode("utf-8"), "utf-8", warnings)
    except UnicodeDecodeError as exc:
        where = _line_of(data, exc.start)
        warnings.append(
            f"not valid UTF-8 (first bad byte on line {where}); read as cp1252 — save the file as UTF-8 to be sure"
        )
        return Source(path, data.decode("cp1252", errors="replace"), "cp1252", warnings)


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace").lower()
    if label in _WINDOWS_1252_ALIASES:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return label


def _line_of(data: bytes, index: int) -> int:
    return data.count(b"\n", 0, index) + 1
