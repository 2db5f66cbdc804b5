from __future__ import annotations

import codecs

import pytest

from claimlint.decode import BinaryFile, decode


@pytest.mark.parametrize(
    "data, encoding",
    [
        (codecs.BOM_UTF8 + "Café safe".encode(), "utf-8"),
        (codecs.BOM_UTF16_LE + "Café safe".encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + "Café safe".encode("utf-16-be"), "utf-16"),
        ("Café safe".encode(), "utf-8"),
    ],
)
def test_unicode_with_and_without_bom(data: bytes, encoding: str) -> None:
    source = decode(data, "page.txt")
    assert source.text == "Café safe"
    assert source.encoding == encoding
    assert not source.warnings


def test_meta_charset_is_honoured_for_html() -> None:
    data = '<meta charset="iso-8859-1"><p>Café</p>'.encode("latin-1")
    source = decode(data, "page.html", "html")
    assert "Café" in source.text
    assert source.encoding == "cp1252"


def test_invalid_utf8_falls_back_to_cp1252_with_a_warning() -> None:
    data = "line one\n“Completely safe” café".encode("cp1252")
    source = decode(data, "old.txt")
    assert source.text.endswith("“Completely safe” café")
    assert len(source.warnings) == 1
    assert "line 2" in source.warnings[0] and "UTF-8" in source.warnings[0]


def test_binary_data_is_refused() -> None:
    with pytest.raises(BinaryFile):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "logo.png")


def test_line_ends_are_kept_for_positions() -> None:
    source = decode(b"one\r\ntwo\rthree", "x.txt")
    assert source.text == "one\r\ntwo\rthree"
    assert source.lines.position(source.text.index("three")) == (3, 1)
