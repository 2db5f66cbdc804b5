"""Annotated HTML report: escaping, one highlight per finding, self-contained, readable without JS."""
from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from claimlint.cli import main
from claimlint.config import Config
from claimlint.finding import Finding, PageCopy, Severity
from claimlint.report import Run
from claimlint.report.to_html import render

from conftest import ROOT

INJECTION_TEXT = (
    "Our infusions are completely safe. <script>alert(1)</script> is not a claim.\n\n"
    "Try \"><img src=x onerror=alert(1)> today, it is risk-free.\n\n"
    "Templates like {{ 7*7 }} and {% raw %} stay text, and ketamine cures depression.\n"
)
INJECTION_HTML = """<!doctype html><html><head>
<title>{{ 7*7 }} &lt;script&gt;alert(1)&lt;/script&gt;</title>
<meta name="description" content='&quot;&gt;&lt;img src=x onerror=alert(1)&gt; completely safe'>
</head><body>
<h1>&lt;script&gt;alert(1)&lt;/script&gt; is completely safe</h1>
<p>&quot;&gt;&lt;img src=x onerror=alert(1)&gt; Ketamine cures depression. {{ 7*7 }}</p>
<img src="logo.png" alt='"><script>alert(1)</script> risk-free'>
</body></html>
"""


class Tags(HTMLParser):
    """Counts start tags and collects highlight ids and classes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, int] = {}
        self.marks: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] = self.tags.get(tag, 0) + 1
        values = dict(attrs)
        if tag == "mark" and "finding" in (values.get("class") or "").split():
            self.marks.append(values)


def _parse(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


def _report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *paths: str) -> str:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "report.html"
    assert main(["check", "--no-config", "--packs", "core", "--format", f"html:{out}", *paths]) in (0, 1)
    return out.read_text(encoding="utf-8")


def test_scanned_copy_cannot_inject_markup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "inject.txt").write_text(INJECTION_TEXT, encoding="utf-8")
    (tmp_path / "inject.html").write_text(INJECTION_HTML, encoding="utf-8")
    html = _report(tmp_path, monkeypatch, "inject.txt", "inject.html")
    tags = _parse(html)
    assert tags.tags.get("script") == 1, "only the report's own script"
    assert "img" not in tags.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html or "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "{{ 7*7 }}" in html and "{% raw %}" in html and ">49<" not in html
    assert "<img src=x" not in html and "onerror=alert(1)>" not in html
    assert len(tags.marks) >= 4, "the risky claims beside the injections are still highlighted"


def _finding(start: int, end: int, rule: str, text: str, severity: Severity = Severity.ERROR) -> Finding:
    return Finding(
        path="page.txt", rule=rule, pack="core", category="absolute-safety", severity=severity,
        message=f"“{text[start:end]}” is risky.", line=1, column=start + 1, end_line=1, end_column=end + 1,
        start=start, end=end, text=text[start:end], sentence=text, copy_start=start, copy_end=end, in_sentence=start,
    )


def test_overlapping_findings_each_get_exactly_one_highlight() -> None:
    text = "Ketamine is completely safe and cures depression for good."
    spans = [(12, 27, "a"), (20, 38, "b"), (12, 27, "c"), (28, 48, "d"), (0, len(text), "e"), (32, 32, "f")]
    findings = tuple(_finding(s, e, f"core.{name}", text) for s, e, name in spans)
    copy = PageCopy(text, (("paragraph", 0, len(text), "copy"),))
    run = Run(findings, (), ("page.txt",), (), (), Config(), 1, copies={"page.txt": copy})
    html = render(run)
    marks = _parse(html).marks
    assert len(marks) == len(findings)
    assert len({m["id"] for m in marks}) == len(findings)
    body = re.search(r'<p class="copy-p">(.*?)</p>', html, re.S)
    assert body is not None
    shown = re.sub(r'<a class="fn"[^>]*>\d+</a>', "", body.group(1))
    assert re.sub(r"<[^>]+>", "", shown) == text, "highlights nest without losing or repeating copy"


def test_findings_without_copy_are_still_highlighted_once() -> None:
    text = "Our infusions are completely safe."
    findings = (_finding(18, 33, "core.safe-claim", text),)
    run = Run(findings, (), ("page.txt",), (), (), Config(), 1)
    html = render(run)
    assert len(_parse(html).marks) == 1
    assert "completely safe" in html


def test_report_is_self_contained_and_readable_without_js(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "risky.txt").write_text("Our infusions are completely safe.\n", encoding="utf-8")
    (tmp_path / "clean.txt").write_text("We offer assessments for depression.\n", encoding="utf-8")
    html = _report(tmp_path, monkeypatch, "risky.txt", "clean.txt")
    tags = _parse(html)
    assert not re.search(r"\s(src|srcset)=", html), "no images or scripts by URL"
    assert "link" not in tags.tags and "@import" not in html and "url(" not in html
    assert "No risky claims found on this page." in html
    assert 'class="no-js"' in html and ".no-js .js-only { display: none" in html
    assert 'id="item-f1"' in html and "Suggested rewrite" in html and "risky.txt:1:" in html
    script = re.search(r"<script>(.*?)</script>", html, re.S)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in html, "the CSP allows exactly the report's own script"


def test_site_report_has_one_highlight_per_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    monkeypatch.chdir(ROOT)
    out, data = tmp_path / "site.html", tmp_path / "site.json"
    main(["check", "--no-config", "--format", f"html:{out}", "--format", f"json:{data}", "fixtures/site"])
    findings = json.loads(data.read_text(encoding="utf-8"))["findings"]
    marks = _parse(out.read_text(encoding="utf-8")).marks
    assert len(marks) == len(findings) > 0
    assert sorted(m["data-category"] or "" for m in marks) == sorted(f["category"] for f in findings)


class Table(HTMLParser):
    """The cell texts of each row of the report's copy tables (without the findings' numbers)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.in_table = self.in_cell = self.in_number = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and dict(attrs).get("class") == "copy-table":
            self.in_table = True
        elif self.in_table and tag == "tr":
            self.rows.append([])
        elif self.in_table and tag == "td":
            self.in_cell = True
            self.rows[-1].append("")
        elif tag == "a" and dict(attrs).get("class") == "fn":
            self.in_number = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.in_number = False
        elif tag == "table":
            self.in_table = False
        elif tag == "td":
            self.in_cell = False

    def handle_data(self, data: str) -> None:
        if self.in_cell and not self.in_number:
            self.rows[-1][-1] += data


@pytest.mark.parametrize("name, page", [
    ("prices.html", "<table><tr><th>Service</th><th>Price</th></tr><tr><td>IV infusion</td><td>$550, 100% free for new patients</td></tr>"
                    "<tr><td>Spravato</td><td>$200</td></tr></table>"),
    ("prices.md", "| Service | Price |\n|---|---|\n| IV infusion | $550, 100% free for new patients |\n| Spravato | $200 |\n"),
])
def test_a_table_keeps_its_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, page: str) -> None:
    (tmp_path / name).write_text(page, encoding="utf-8")
    html = _report(tmp_path, monkeypatch, name)
    table = Table()
    table.feed(html)
    assert _parse(html).marks, "the claim in the table is highlighted"
    assert table.rows == [["Service", "Price"], ["IV infusion", "$550, 100% free for new patients"], ["Spravato", "$200"]]
