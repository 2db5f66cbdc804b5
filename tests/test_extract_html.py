from __future__ import annotations

from claimlint.decode import decode
from claimlint.extract import Document, extract


def _doc(html: str) -> tuple[str, Document]:
    source = decode(html.encode(), "page.html", "html")
    return source.text, extract(source, "html")


def _blocks(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks]


def _source_of(src: str, doc: Document, phrase: str) -> str:
    start = doc.text.index(phrase)
    s, e = doc.offset_map.source_span(start, start + len(phrase))
    return src[s:e]


def test_phrase_split_by_inline_tags_is_one_phrase() -> None:
    src, doc = _doc("<p>Ketamine is completely\n   <strong>safe</strong> here.</p>")
    assert _blocks(doc) == [("paragraph", "Ketamine is completely safe here.")]
    assert _source_of(src, doc, "completely safe") == "completely\n   <strong>safe"


def test_entities_are_decoded_and_mapped_to_their_source() -> None:
    src, doc = _doc("<p>It&rsquo;s&nbsp;safe &amp; fast &#8212; &#x2713; &bogus; AT&T</p>")
    assert doc.text.startswith("It’s safe & fast — ✓ &bogus; AT&T")
    assert _source_of(src, doc, "It’s safe") == "It&rsquo;s&nbsp;safe"


def test_script_style_template_comments_and_code_are_not_copy() -> None:
    _, doc = _doc(
        "<script>cures()</script><style>/* cures */</style><template><p>cures</p></template>"
        "<!-- cures --><script type='application/ld+json'>{\"d\": \"cures\"}</script>"
        "<noscript>cures</noscript><pre>cures</pre><p>Visible <code>cures</code> text</p>"
    )
    assert "cures" not in doc.text
    assert [c.text for c in doc.comments] == [" cures "]
    assert _blocks(doc) == [("paragraph", "Visible text")]


def test_reader_facing_attributes_become_blocks_of_their_own() -> None:
    _, doc = _doc(
        '<head><title>Safe care</title><meta name="description" content="Cures pain">'
        '<meta property="og:title" content="OG claim"><meta name="viewport" content="width=device-width"></head>'
        '<p>Our <img src="x.png" alt="miracle cure"> clinic <a title="risk-free" aria-label="fast relief">here</a>.</p>'
    )
    blocks = _blocks(doc)
    assert ("paragraph", "Our clinic here.") in blocks
    assert {("title", "Safe care"), ("meta", "Cures pain"), ("meta", "OG claim"), ("alt", "miracle cure"),
            ("attribute", "risk-free"), ("attribute", "fast relief")} <= set(blocks)
    assert "device-width" not in doc.text


def test_block_tags_end_blocks_and_headings_are_marked() -> None:
    _, doc = _doc("<h2>Is it safe?</h2><p>Yes<br>really</p><ul><li>One<li>Two</ul><table><tr><td>A<td>B</table>")
    assert _blocks(doc) == [
        ("heading", "Is it safe?"), ("paragraph", "Yes"), ("paragraph", "really"),
        ("list-item", "One"), ("list-item", "Two"), ("table-row-start", "A"), ("table-cell", "B"),
    ]


def test_a_table_rows_first_cell_holding_copy_starts_the_row() -> None:
    _, doc = _doc(
        "<table><thead><tr><th></th><th>Price</th></tr></thead>"
        "<tr><td>Spravato<td>$200"
        "<tr><td><p>IV infusion</p><p>(each)</p></td><td>$550</td></table><p>After</p>"
    )
    # a paragraph inside a cell stays a paragraph, and the cell after it does not start a row
    assert _blocks(doc) == [
        ("table-row-start", "Price"),
        ("table-row-start", "Spravato"), ("table-cell", "$200"),
        ("paragraph", "IV infusion"), ("paragraph", "(each)"), ("table-cell", "$550"), ("paragraph", "After"),
    ]


def test_navigation_and_citations_have_their_own_role() -> None:
    _, doc = _doc("<nav><ul><li>Cures</li></ul></nav><p>Body</p><ol><li><cite>Efficacy of ketamine</cite></li></ol>")
    roles = {doc.text[b.start:b.end]: b.role for b in doc.blocks}
    assert roles == {"Cures": "navigation", "Body": "copy", "Efficacy of ketamine": "reference"}


def test_malformed_html_loses_no_text() -> None:
    src, doc = _doc("<div><p>Dose 5 < 10 mg <b>bold <i>both</b> end<p>Second <a href=x>link</a> <unclosed")
    assert "Dose 5 < 10 mg bold both end" in doc.text
    assert "Second link <unclosed" in doc.text
    assert _source_of(src, doc, "< 10 mg") == "< 10 mg"


def test_superscript_citation_numbers_are_kept_as_superscripts() -> None:
    _, doc = _doc("<p>Most patients improved.<sup><a href='#r2'>2</a></sup> Next.</p>")
    assert doc.text.startswith("Most patients improved.² Next.")


def test_crlf_source_maps_positions() -> None:
    src = "<p>\r\nKetamine is\r\ncompletely safe.\r\n</p>"
    source = decode(src.encode(), "p.html", "html")
    doc = extract(source, "html")
    start = doc.text.index("completely safe")
    s, _ = doc.offset_map.source_span(start, start + 15)
    assert source.lines.position(s) == (3, 1)


def test_a_quote_with_a_cite_attribution_stays_copy() -> None:
    _, doc = _doc("<blockquote>“I felt like myself again after two sessions.” <cite>— Dana, 34</cite></blockquote>")
    assert [(b.kind, b.role) for b in doc.blocks] == [("quote", "copy")]
