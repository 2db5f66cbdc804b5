from __future__ import annotations

from claimlint.sourcemap import LineIndex, OffsetMap, align


def test_line_index_counts_lf_crlf_and_lone_cr() -> None:
    text = "a\nbc\r\nd\re"
    index = LineIndex(text)
    assert index.position(0) == (1, 1)
    assert index.position(2) == (2, 1)
    assert index.position(3) == (2, 2)
    assert index.position(6) == (3, 1)
    assert index.position(8) == (4, 1)


def test_offset_map_verbatim_and_replacement_segments() -> None:
    m = OffsetMap()
    m.add(0, 10, 14, True)  # "safe" copied from 10..14
    m.add(4, 14, 20, False)  # "&nbsp;" -> " "
    m.add(5, 20, 23, True)  # "now"
    assert m.source_span(0, 4) == (10, 14)
    assert m.source_span(2, 5) == (12, 20)
    assert m.source_span(4, 8) == (14, 23)


def test_adjacent_verbatim_segments_merge() -> None:
    m = OffsetMap()
    m.add(0, 5, 8, True)
    m.add(3, 8, 10, True)
    assert m.copy_starts == [0]
    assert m.source_span(1, 5) == (6, 10)


def test_align_maps_a_folded_value_onto_its_source() -> None:
    m = OffsetMap()
    source = "Ketamine is\n  completely safe"
    align("Ketamine is completely safe", source, 100, m, 0)
    start = "Ketamine is completely safe".index("completely")
    assert m.source_span(start, start + len("completely safe")) == (114, 129)


def test_line_index_agrees_with_counting_in_any_order() -> None:
    text = "one\ntwo\n\nthree four\nfive\n"
    index = LineIndex(text)
    offsets = [12, 0, 25, 3, 4, 9, 8, 20, 14, 26]
    for offset in offsets:
        before = text[:offset]
        assert index.position(offset) == (before.count("\n") + 1, offset - before.rfind("\n")), offset
