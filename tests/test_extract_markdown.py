"""The Markdown extractor: block texts and kinds, and every block's source range."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimlint.decode import Source, decode
from claimlint.extract import from_markdown
from claimlint.extract.copy import Document, ExtractOptions

ROOT = Path(__file__).resolve().parent.parent


def run(md: str | bytes, path: str = "page.md") -> tuple[Source, Document]:
    data = md if isinstance(md, bytes) else md.encode("utf-8")
    source = decode(data, path, "markdown")
    doc = from_markdown.extract(source, ExtractOptions())
    check_map(source, doc)
    return source, doc


def check_map(source: Source, doc: Document) -> None:
    """Verbatim segments copy the source character for character (a line break may read as a space)."""
    m = doc.offset_map
    for cs, ss, se, verbatim in zip(m.copy_starts, m.source_starts, m.source_ends, m.verbatim):
        if verbatim:
            copy, src = doc.text[cs:cs + se - ss], source.text[ss:se]
            assert all(a == b or a.isspace() and b.isspace() for a, b in zip(copy, src)), (copy, src)


def blocks(md: str | bytes, path: str = "page.md") -> list[tuple[str, str, str]]:
    """(kind, copy, source text the block maps to) for each block."""
    source, doc = run(md, path)
    found = []
    for b in doc.blocks:
        s, e = doc.offset_map.source_span(b.start, b.end)
        found.append((b.kind, doc.text[b.start:b.end], source.text[s:e]))
    return found


def phrase_source(md: str, phrase: str) -> str:
    """The source range a copy phrase maps to (the phrase is looked up in the copy, never the source)."""
    source, doc = run(md)
    start = doc.text.index(phrase)
    s, e = doc.offset_map.source_span(start, start + len(phrase))
    return source.text[s:e]


def texts(md: str, path: str = "page.md") -> list[str]:
    return [text for _, text, _ in blocks(md, path)]


# Blocks


def test_atx_and_setext_headings() -> None:
    md = "# Safe care\n\n## Closing hashes ##\n\nSetext one\n==========\n\nSetext two\n---\n"
    assert blocks(md) == [
        ("heading", "Safe care", "Safe care"),
        ("heading", "Closing hashes", "Closing hashes"),
        ("heading", "Setext one", "Setext one"),
        ("heading", "Setext two", "Setext two"),
    ]


def test_hashtag_without_space_is_no_heading() -> None:
    assert blocks("#1 clinic in town\n") == [("paragraph", "#1 clinic in town", "#1 clinic in town")]


def test_paragraph_lines_are_joined_and_blank_lines_split() -> None:
    md = "First line\n  second line.\n\nNext paragraph.\n"
    assert blocks(md) == [
        ("paragraph", "First line second line.", "First line\n  second line."),
        ("paragraph", "Next paragraph.", "Next paragraph."),
    ]


def test_thematic_break_separates_blocks() -> None:
    md = "Before.\n\n***\n\n- - -\n\n___\nAfter.\n"
    assert texts(md) == ["Before.", "After."]


def test_bullet_and_ordered_items_without_markers() -> None:
    md = "- Painless\n* Risk-free\n+ Fast\n\n1. First\n2) Second\n10. Tenth\n"
    assert blocks(md) == [
        ("list-item", "Painless", "Painless"),
        ("list-item", "Risk-free", "Risk-free"),
        ("list-item", "Fast", "Fast"),
        ("list-item", "First", "First"),
        ("list-item", "Second", "Second"),
        ("list-item", "Tenth", "Tenth"),
    ]


def test_item_continuation_and_lazy_lines_are_joined() -> None:
    md = "- Our treatment is\n  completely safe.\n- It works\nfor everyone.\n"
    assert blocks(md) == [
        ("list-item", "Our treatment is completely safe.", "Our treatment is\n  completely safe."),
        ("list-item", "It works for everyone.", "It works\nfor everyone."),
    ]


def test_nested_list_continuation() -> None:
    md = (
        "1. Detox\n"
        "   with nurses\n"
        "   - nested item\n"
        "     continued with **no** risk\n"
        "       even deeper indent\n"
        "2. Counseling\n"
    )
    assert blocks(md) == [
        ("list-item", "Detox with nurses", "Detox\n   with nurses"),
        (
            "list-item",
            "nested item continued with no risk even deeper indent",
            "nested item\n     continued with **no** risk\n       even deeper indent",
        ),
        ("list-item", "Counseling", "Counseling"),
    ]


def test_loose_item_keeps_indented_paragraph_but_not_item_code() -> None:
    md = "- First para\n\n  Second para\n\n      code in the item\n- Next\n"
    assert texts(md) == ["First para", "Second para", "Next"]


def test_numbered_line_inside_paragraph_is_no_list() -> None:
    md = "We opened in\n1986. Since then we have grown.\n"
    assert blocks(md) == [
        ("paragraph", "We opened in 1986. Since then we have grown.", "We opened in\n1986. Since then we have grown.")
    ]


def test_task_list_box_is_no_copy() -> None:
    assert texts("- [ ] Book a visit\n- [x] Fill in the form\n") == ["Book a visit", "Fill in the form"]


def test_blockquote_strips_markers() -> None:
    md = "> Thirty days and I am\n> cured **for good**.\nlazy line\n\n>> nested quote\n"
    assert blocks(md) == [
        (
            "quote",
            "Thirty days and I am cured for good. lazy line",
            "Thirty days and I am\n> cured **for good**.\nlazy line",
        ),
        ("quote", "nested quote", "nested quote"),
    ]


def test_list_inside_quote() -> None:
    md = "> - item one\n>   continued\n> - item two\n"
    assert blocks(md) == [
        ("list-item", "item one continued", "item one\n>   continued"),
        ("list-item", "item two", "item two"),
    ]


def test_table_cells_are_blocks_and_delimiter_row_is_no_copy() -> None:
    md = "| Step | Time |\n|:-----|-----:|\n| Check-in | 15 **min** |\n| a \\| b | `x` |\n| `y` | 30 min |\n"
    assert blocks(md) == [
        ("table-row-start", "Step", "Step"),
        ("table-cell", "Time", "Time"),
        ("table-row-start", "Check-in", "Check-in"),
        ("table-cell", "15 min", "15 **min"),
        ("table-row-start", "a | b", "a \\| b"),
        ("table-row-start", "30 min", "30 min"),
    ]


def test_table_without_outer_pipes() -> None:
    assert texts("Drug | Dose\n--- | ---\nKetamine | 0.5 mg/kg\n") == ["Drug", "Dose", "Ketamine", "0.5 mg/kg"]


def test_pipe_line_without_delimiter_row_is_a_paragraph() -> None:
    assert texts("Fast | safe | proven\n") == ["Fast | safe | proven"]


# Never copy


def test_fenced_code_is_never_copy() -> None:
    md = "Before.\n\n```python title=\"x\"\ncures = True\n```\n\n~~~\nguaranteed results\n~~~\n\nAfter.\n"
    assert texts(md) == ["Before.", "After."]


def test_longer_fence_only_closes_with_a_long_enough_fence() -> None:
    md = "````\n```\nstill code\n````\nAfter.\n"
    assert texts(md) == ["After."]


def test_unclosed_fence_runs_to_end() -> None:
    md = "Kept text.\n\n```\nno copy here\n\nnor here\n"
    assert texts(md) == ["Kept text."]


def test_indented_code_is_never_copy_but_continuation_is() -> None:
    md = "Para.\n\n    indented code cures all\n\nParagraph with\n    an indented continuation.\n"
    assert blocks(md) == [
        ("paragraph", "Para.", "Para."),
        ("paragraph", "Paragraph with an indented continuation.", "Paragraph with\n    an indented continuation."),
    ]


def test_html_comments_are_recorded_not_copied() -> None:
    md = (
        "<!-- claimlint-disable no-cure -->\n"
        "Our drips cure cravings.\n\n"
        "Inline <!-- claimlint-disable-line x --> comment.\n\n"
        "<!--\nmulti-line\n-->\n"
    )
    source, doc = run(md)
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph"]
    assert doc.text.split("\n\n")[:2] == ["Our drips cure cravings.", "Inline comment."]
    assert [c.text for c in doc.comments] == [
        " claimlint-disable no-cure ",
        " claimlint-disable-line x ",
        "\nmulti-line\n",
    ]
    for c in doc.comments:
        assert source.text[c.start:c.end] == f"<!--{c.text}-->"
    assert "claimlint" not in doc.text


def test_link_reference_definitions_are_no_copy() -> None:
    md = "See [our team][t].\n\n[t]: https://example.com/team \"The team\"\n[other]: <https://x.example>\n"
    assert blocks(md) == [("paragraph", "See our team.", "See [our team][t].")]


# Inline


def test_phrase_split_by_emphasis_is_one_phrase() -> None:
    md = "Our treatment is completely **safe** and _very_ __gentle__ ~~always~~.\n"
    assert texts(md) == ["Our treatment is completely safe and very gentle always."]
    assert phrase_source(md, "completely safe") == "completely **safe"
    assert blocks("completely **safe**\n") == [("paragraph", "completely safe", "completely **safe")]


def test_emphasis_at_block_edges_maps_inside_markers() -> None:
    assert blocks("***Guaranteed results***\n") == [("paragraph", "Guaranteed results", "Guaranteed results")]


def test_intraword_underscore_and_lone_asterisks_stay() -> None:
    md = "Use snake_case_name and 5 * 6 and 2*3*4.\n"
    assert texts(md) == ["Use snake_case_name and 5 * 6 and 234."]


def test_backslash_escapes_emit_the_character() -> None:
    md = "Not \\*emphasis\\* and \\[brackets\\] and a hard\\\nbreak.\n"
    assert blocks(md) == [
        ("paragraph", "Not *emphasis* and [brackets] and a hard break.", md.rstrip("\n")),
    ]


def test_code_span_is_a_space() -> None:
    md = "Take `aspirin` daily and ``a ` b`` too.\n"
    assert blocks(md) == [("paragraph", "Take daily and too.", md.rstrip("\n"))]


def test_link_text_is_kept_and_target_dropped() -> None:
    md = (
        "It is [completely safe](https://x.example/(a) \"Title\") today. "
        "Read [the study][s] or [s] or [S][].\n\n[s]: /study\n"
    )
    assert texts(md) == ["It is completely safe today. Read the study or s or S."]
    assert phrase_source(md, "completely safe") == "completely safe"
    assert phrase_source(md, "the study") == "the study"


def test_undefined_reference_stays_literal() -> None:
    assert texts("Results vary [sic] and [1].\n") == ["Results vary [sic] and [1]."]


def test_image_alt_is_an_aside_block() -> None:
    md = "Before ![A patient *cured* in one visit](/img/a.jpg \"t\") after.\n"
    assert blocks(md) == [
        ("paragraph", "Before after.", "Before ![A patient *cured* in one visit](/img/a.jpg \"t\") after."),
        ("alt", "A patient cured in one visit", "A patient *cured* in one visit"),
    ]


def test_linked_image_keeps_alt() -> None:
    assert blocks("[![Badge text](b.svg)](https://x.example)\n") == [("alt", "Badge text", "Badge text")]


def test_autolink_keeps_the_url() -> None:
    md = "Visit <https://clinic.example/a?b=1&copy=2> or <care@clinic.example>.\n"
    assert texts(md) == ["Visit https://clinic.example/a?b=1&copy=2 or care@clinic.example."]
    assert phrase_source(md, "https://clinic.example/a?b=1&copy=2") == "https://clinic.example/a?b=1&copy=2"


def test_entities_are_decoded() -> None:
    md = "Safe&nbsp;&amp;&#160;effective &mdash; R&amp;D.\n"
    source, doc = run(md)
    assert doc.text.split("\n\n")[0] == "Safe & effective \u2014 R&D."
    assert phrase_source(md, "\u2014") == "&mdash;"


def test_inline_html_tags_go_and_text_stays() -> None:
    md = 'One <span class="x">visit</span> cures<br>all <b>pain</b>. <img src="a.png" alt="Inline alt">\n'
    assert blocks(md) == [
        ("paragraph", "One visit cures all pain.", 'One <span class="x">visit</span> cures<br>all <b>pain</b>.'),
        ("alt", "Inline alt", "Inline alt"),
    ]


def test_footnote_reference_is_copy_and_definition_is_reference() -> None:
    md = "Works for 85% of patients[^2].\n\n[^2]: Okafor *et al.*, 2021,\n    page 4.\n"
    source, doc = run(md)
    assert [(b.kind, b.role, doc.text[b.start:b.end]) for b in doc.blocks] == [
        ("paragraph", "copy", "Works for 85% of patients[^2]."),
        ("footnote", "reference", "Okafor et al., 2021, page 4."),
    ]
    assert phrase_source(md, "[^2]") == "[^2]"


# HTML blocks and MDX


def test_html_block_goes_through_the_html_tokenizer() -> None:
    md = (
        "<div class=\"callout\">\n  <p>Relief in <b>one</b> hour</p>\n  <p>Second</p>\n</div>\n\n"
        "<script>\nvar claim = \"cures\";\n\nvar more = 1;\n</script>\n\n"
        "Back to **markdown**.\n"
    )
    assert blocks(md) == [
        ("paragraph", "Relief in one hour", "Relief in <b>one</b> hour"),
        ("paragraph", "Second", "Second"),
        ("paragraph", "Back to markdown.", "Back to **markdown**."),
    ]


def test_details_html_around_markdown() -> None:
    md = "<details>\n<summary>Is it safe?</summary>\n\nYes, **completely** safe.\n\n</details>\n"
    assert blocks(md) == [
        ("summary", "Is it safe?", "Is it safe?"),
        ("paragraph", "Yes, completely safe.", "Yes, **completely** safe."),
    ]


def test_html_block_inside_quote_skips_markers() -> None:
    assert blocks("> <p>Quoted\n> html</p>\n") == [("paragraph", "Quoted html", "Quoted\n> html")]


def test_mdx_skips_import_export_and_jsx_tags() -> None:
    md = (
        'import Callout from "./callout"\nexport const meta = {\n  title: "x",\n}\n\n'
        '# Hello\n\n<Callout type="warn">\nThis is **safe**.\n</Callout>\n\n<Chart data={points} />\n'
    )
    assert blocks(md, "post.mdx") == [
        ("heading", "Hello", "Hello"),
        ("paragraph", "This is safe.", "This is **safe**."),
    ]


def test_import_line_in_plain_markdown_is_copy() -> None:
    assert texts("import the file first\n") == ["import the file first"]


# Front matter


FRONT_MATTER = (
    "---\n"
    'title: "What to Expect: It\'s \\"Painless\\""\n'
    "description: >\n"
    "  Folded line one\n"
    "  and line two.\n"
    "summary: Plain value\n"
    "  continued\n"
    "excerpt: 'It''s risk-free'\n"
    "date: 2026-05-12\n"
    "author: Nora\n"
    "tags: [a, b]\n"
    "---\n"
    "# Body\n"
)


def test_front_matter_keys_become_blocks_positioned_inside_it() -> None:
    source, doc = run(FRONT_MATTER)
    found = [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks]
    assert found == [
        ("front-matter", 'What to Expect: It\'s "Painless"'),
        ("front-matter", "Folded line one and line two."),
        ("front-matter", "Plain value continued"),
        ("front-matter", "It's risk-free"),
        ("heading", "Body"),
    ]
    spans = [doc.offset_map.source_span(b.start, b.end) for b in doc.blocks]
    assert [source.text[s:e] for s, e in spans] == [
        'What to Expect: It\'s \\"Painless\\"',
        "Folded line one\n  and line two.",
        "Plain value\n  continued",
        "It''s risk-free",
        "Body",
    ]
    closing = FRONT_MATTER.index("---\n#")
    assert all(e <= closing for s, e in spans[:4])


def test_front_matter_verbatim_value_maps_each_word() -> None:
    md = '---\ntitle: "Painless and risk-free"\n---\n'
    assert phrase_source(md, "risk-free") == "risk-free"


def test_invalid_front_matter_is_a_diagnostic_and_body_survives() -> None:
    md = "---\ntitle: [unclosed\ndescription: x\n---\nBody text.\n"
    source, doc = run(md)
    assert [doc.text[b.start:b.end] for b in doc.blocks] == ["Body text."]
    assert len(doc.diagnostics) == 1
    line, message = doc.diagnostics[0]
    assert 2 <= line <= 4
    assert message.startswith("front matter is not valid YAML: ")


def test_unclosed_front_matter_is_body() -> None:
    assert texts("---\ntitle: Safe\n") == ["title: Safe"]


def test_front_matter_custom_keys() -> None:
    source = decode(b"---\nheadline: Cures all\ntitle: T\n---\n", "x.md", "markdown")
    doc = from_markdown.extract(source, ExtractOptions(front_matter_keys=("headline",)))
    assert doc.text.split("\n\n")[0] == "Cures all"
    assert len(doc.blocks) == 1


# Line ends and malformed input


def test_crlf_file_keeps_offsets() -> None:
    md = b"---\r\ntitle: Safe care\r\n---\r\n# Title\r\n\r\nLine one\r\nline **two**\r\n\r\n- item\r\n  more\r\n"
    assert blocks(md) == [
        ("front-matter", "Safe care", "Safe care"),
        ("heading", "Title", "Title"),
        ("paragraph", "Line one line two", "Line one\r\nline **two"),
        ("list-item", "item more", "item\r\n  more"),
    ]


def test_cr_only_file_keeps_offsets() -> None:
    md = b"# Title\r\rLine one\rline two\r"
    assert blocks(md) == [
        ("heading", "Title", "Title"),
        ("paragraph", "Line one line two", "Line one\rline two"),
    ]


@pytest.mark.parametrize(
    "md, expected",
    [
        ("Unclosed **bold text\n", "Unclosed **bold text"),
        ("A stray < sign and a<b\n", "A stray < sign and a<b"),
        ("Open [bracket and ![image\n", "Open [bracket and ![image"),
        ("Lone `backtick here\n", "Lone `backtick here"),
        ("Unclosed <!-- comment\n", "Unclosed <!-- comment"),
        ("Trailing backslash \\\n", "Trailing backslash \\"),
        ("<div\n", "<div"),
        ("&bogus; & &#xZZ;\n", "&bogus; & &#xZZ;"),
    ],
)
def test_malformed_input_loses_no_text(md: str, expected: str) -> None:
    assert texts(md) == [expected]


def test_empty_and_blank_input() -> None:
    for md in ("", "\n\n", "   \n"):
        source, doc = run(md)
        assert doc.text == "" and doc.blocks == []


def test_deep_nesting_does_not_recurse_forever() -> None:
    md = "> " * 500 + "deep\n\n" + "- " * 500 + "item\n\n" + "[" * 300 + "x" + "](y)" * 300 + "\n"
    source, doc = run(md)
    assert "deep" in doc.text and "item" in doc.text and "x" in doc.text


def test_fixture_blog_post_has_no_markup_in_copy() -> None:
    for path in sorted((ROOT / "fixtures" / "site" / "blog").glob("*.md")):
        source, doc = run(path.read_bytes(), str(path))
        kinds = {b.kind for b in doc.blocks}
        assert {"front-matter", "heading", "paragraph"} <= kinds
        for marker in ("**", "](", "| ", "# ", "---"):
            assert marker not in doc.text, (path.name, marker)


def test_inline_script_and_code_tags_in_a_paragraph_are_not_copy() -> None:
    source = decode(b"Before <script>cures()</script> middle <code>cures</code> after.\n", "p.md", "markdown")
    doc = from_markdown.extract(source, ExtractOptions())
    assert "cures" not in doc.text
    assert "Before middle after." in doc.text
