"""Stage 3 (HTML): visible copy and reader-facing attributes, with offsets.

A small tokenizer walks the source once. Text between tags becomes copy
(entities decoded, whitespace collapsed as a browser would); script, style,
template, code and comments are skipped; block-level tags end blocks so
sentences never run across them; `<title>`, meta description, Open Graph
text, `alt`, `title` and `aria-label` become blocks of their own. Anything
that does not parse as a tag is kept as text, so malformed markup never
loses copy.
"""
from __future__ import annotations

import html
import re
from html.entities import html5 as _HTML5_ENTITIES

from claimlint.decode import Source
from claimlint.extract.copy import ROW_START, Comment, CopyBuilder, Document, ExtractOptions

_ATTR = r"""(?:\s+[^\s/>"'=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|\{[^}]*\}|[^\s"'=<>`]+))?)*"""
_TOKEN = re.compile(
    r"<!--(?P<comment>.*?)(?:-->|\Z)"
    r"|<(?P<end>/)?(?P<name>[A-Za-z][A-Za-z0-9:_-]*)(?P<attrs>" + _ATTR + r")\s*/?>"
    r"|<[!?][^>]*>",
    re.DOTALL,
)
_ATTR_ITEM = re.compile(
    r"""([^\s/>"'=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|(\{[^}]*\})|([^\s"'=<>`]+)))?"""
)
_TEXT_PIECE = re.compile(
    r"(?P<run>[^\s&\u00ad\u200b\u200c\u200d\u2060\ufeff]+(?: [^\s&\u00ad\u200b\u200c\u200d\u2060\ufeff]+)*)"
    r"|(?P<ws>\s+)"
    r"|(?P<ent>&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?))"
    r"|(?P<drop>[\u00ad\u200b\u200c\u200d\u2060\ufeff]+)"
    r"|(?P<word>[^\s&\u00ad\u200b\u200c\u200d\u2060\ufeff]+|&)"
)
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_RAW_TEXT = frozenset({"script", "style", "textarea", "xmp", "iframe", "noembed", "noframes", "plaintext"})
_SKIPPED = frozenset({"template", "code", "pre", "kbd", "samp", "svg", "math", "noscript", "select", "object"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
BLOCK_KINDS = {
    **{f"h{n}": "heading" for n in range(1, 7)},
    "p": "paragraph", "li": "list-item", "dt": "term", "dd": "definition",
    "td": "table-cell", "th": "table-cell", "caption": "caption", "blockquote": "quote",
    "figcaption": "caption", "summary": "summary", "legend": "caption", "button": "button",
    "option": "option", "label": "label",
}
_STRUCTURE = frozenset(
    {
        "address", "article", "aside", "body", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
        "figure", "footer", "form", "header", "hgroup", "hr", "html", "main", "menu", "nav", "ol", "section",
        "table", "tbody", "tfoot", "thead", "tr", "ul", "br", "frameset", "search",
    }
)
_META_NAMES = frozenset(
    {"description", "og:title", "og:description", "twitter:title", "twitter:description", "dc.description"}
)
_TEXT_ATTRIBUTES = ("title", "aria-label")
# Attributes the walker reads; a tag with none of them (most: class, href, id) is not parsed further.
_READ_ATTRIBUTES = re.compile(r"(?i)\b(?:title|aria-label|alt|role|name|property|content)\s*=")
_SUP_CITE = re.compile(r"(?:\s*<a\b[^>]*>)?\s*([0-9][0-9,\s–-]{0,11}?)\s*(?:</a\s*>)?\s*</sup\s*>", re.IGNORECASE)
_SUPERSCRIPT = str.maketrans("0123456789-–", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻")


def extract(source: Source, options: ExtractOptions) -> Document:
    """Extract the copy of an HTML page."""
    walker = _Walker(source.text)
    walker.run()
    return walker.out.finish()


def decode_entity(ref: str) -> str | None:
    """The text an entity reference stands for, or None if it is not one."""
    if ref.startswith("&#"):
        return html.unescape(ref if ref.endswith(";") else ref + ";")
    name = ref[1:]
    if name in _HTML5_ENTITIES:
        return _HTML5_ENTITIES[name]
    return None


def add_text(out: CopyBuilder, src: str, start: int, end: int, entities: bool = True) -> None:
    """Emit source text [start, end) as copy: decode entities, collapse whitespace."""
    for m in _TEXT_PIECE.finditer(src, start, end):
        kind = m.lastgroup
        if kind == "run" or kind == "word" or kind == "ent" and not entities:
            out.text(m.group(), m.start())
        elif kind == "ws":
            out.space(m.start(), m.end())
        elif kind == "ent":
            value = decode_entity(m.group())
            if value is None:
                out.text(m.group(), m.start())
            elif value.isspace():
                out.space(m.start(), m.end())
            elif value and value not in _INVISIBLE:
                out.text(value, m.start(), verbatim=False, source_end=m.end())


def walk(out: CopyBuilder, src: str, ranges: list[tuple[int, int]]) -> None:
    """Feed HTML embedded in another format (a Markdown HTML block) into `out`.

    `ranges` are the source lines of the block, without any container prefix
    (such as a Markdown `>`) between them; each gap between two becomes a space.
    """
    walker = _Walker(src, out)
    for n, (start, end) in enumerate(ranges):
        if n:
            out.space(ranges[n - 1][1], start)
        walker.run(start, end)
    if ranges:
        walker.break_block(ranges[-1][1])


class _Walker:
    """One pass over the tokens of a page, feeding a CopyBuilder."""

    def __init__(self, src: str, out: CopyBuilder | None = None) -> None:
        self.src = src
        self.out = out if out is not None else CopyBuilder()
        self.end = len(src)
        self.stack: list[str] = []
        self.skip_depth = 0
        self.roles: list[str] = []
        self.block_kind = "paragraph"
        self.cite_start = -1
        self.cited = 0
        self.row_open = False  # a <tr> has begun and none of its cells has held copy yet

    def run(self, start: int = 0, end: int | None = None) -> None:
        self.end = len(self.src) if end is None else end
        src, pos, n = self.src, start, self.end
        while pos < n:
            lt = src.find("<", pos, n)
            if lt < 0:
                self.data(pos, n)
                break
            m = _TOKEN.match(src, lt, n)
            if m is None:
                self.data(pos, lt + 1)
                pos = lt + 1
                continue
            self.data(pos, lt)
            pos = m.end()
            if m.group("comment") is not None:
                self.out.comments.append(Comment(m.group("comment"), lt, m.end()))
            elif m.group("name"):
                name = m.group("name").lower()
                if m.group("end"):
                    self.end_tag(name, lt)
                else:
                    pos = self.start_tag(name, m, pos)

    def data(self, start: int, end: int) -> None:
        if start < end and not self.skip_depth:
            add_text(self.out, self.src, start, end)

    @property
    def role(self) -> str:
        return self.roles[-1] if self.roles else "copy"

    def start_tag(self, name: str, m: re.Match[str], pos: int) -> int:
        raw_attrs = m.group("attrs")
        attrs = _attributes(m) if raw_attrs and _READ_ATTRIBUTES.search(raw_attrs) else {}
        if name in _RAW_TEXT:
            close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(self.src, pos, self.end)
            return close.end() if close else self.end
        if name == "title" and not self.skip_depth:
            return self.title(pos)
        if name == "sup" and not self.skip_depth:
            cite = _SUP_CITE.match(self.src, pos, self.end)
            if cite:
                digits = cite.group(1)
                self.out.text(digits.translate(_SUPERSCRIPT), cite.start(1), verbatim=False, source_end=cite.end(1))
                return cite.end()
        if name == "meta":
            self.meta(attrs)
            return pos
        if not self.skip_depth:
            self.attribute_blocks(name, attrs)
        if name in _VOID:
            if name in ("br", "hr"):
                self.break_block(m.start())
            return pos
        if m.group().endswith("/>") and name not in BLOCK_KINDS and name not in _STRUCTURE:
            return pos
        self.open(name, attrs, m.start())
        return pos

    def open(self, name: str, attrs: dict[str, tuple[str, int]], at: int) -> None:
        if name == "p" and "p" in self.stack:
            self.end_tag("p", at)
        if name in ("li", "dt", "dd", "td", "th", "tr", "option") and name in self.stack[-3:]:
            self.end_tag(name, at)
        if name in BLOCK_KINDS or name in _STRUCTURE:
            self.break_block(at)
            self.block_kind = BLOCK_KINDS.get(name, "paragraph")
        self.row_open = self.row_open or name == "tr"
        self.stack.append(name)
        if name in _SKIPPED:
            self.skip_depth += 1
        role = _role_of(name, attrs)
        self.roles.append(role or self.role)
        if role == "reference":
            self.cite_start = self.out.length

    def end_tag(self, name: str, at: int) -> None:
        if name not in self.stack:
            if name in BLOCK_KINDS or name in _STRUCTURE:
                self.break_block(at)
            return
        while self.stack:
            top = self.stack[-1]
            if top in BLOCK_KINDS or top in _STRUCTURE:
                self.break_block(at)
            self.stack.pop()
            self.roles.pop()
            if top == "cite" and self.cite_start >= 0:
                self.cited += self.out.length - self.cite_start
                self.cite_start = -1
            if top in _SKIPPED:
                self.skip_depth -= 1
            if top == name:
                break
        self.block_kind = BLOCK_KINDS.get(self.stack[-1], "paragraph") if self.stack else "paragraph"

    def break_block(self, at: int) -> None:
        """End the block; a block that is mostly a `<cite>` is a reference, not a claim."""
        size = self.out.length - self.out.block_start
        role = "reference" if self.role == "copy" and size and 2 * self.cited >= size else self.role
        kind = self.block_kind
        if self.row_open and size:  # the row's first copy: a cell's own text starts the row in the report
            kind, self.row_open = ROW_START if kind == "table-cell" else kind, False
        self.out.end_block(kind, role, at)
        self.cited = 0
        self.block_kind = BLOCK_KINDS.get(self.stack[-1], "paragraph") if self.stack else "paragraph"

    def title(self, pos: int) -> int:
        close = re.compile(r"</title\s*>", re.IGNORECASE).search(self.src, pos, self.end)
        end = close.start() if close else self.end
        add_text(self.out.aside("title"), self.src, pos, end)
        return close.end() if close else end

    def meta(self, attrs: dict[str, tuple[str, int]]) -> None:
        key = (attrs.get("name") or attrs.get("property") or ("", 0))[0].lower()
        if key in _META_NAMES and "content" in attrs:
            self.attribute_text("meta", attrs["content"])

    def attribute_blocks(self, name: str, attrs: dict[str, tuple[str, int]]) -> None:
        if name in ("img", "area") and "alt" in attrs:
            self.attribute_text("alt", attrs["alt"])
        for key in _TEXT_ATTRIBUTES:
            if key in attrs:
                self.attribute_text("attribute", attrs[key])

    def attribute_text(self, kind: str, value: tuple[str, int]) -> None:
        raw, start = value
        if raw.strip() and not raw.startswith("{"):
            add_text(self.out.aside(kind, self.role), self.src, start, start + len(raw))


def _attributes(m: re.Match[str]) -> dict[str, tuple[str, int]]:
    """Attribute name -> (raw value, source offset of the value)."""
    found: dict[str, tuple[str, int]] = {}
    for a in _ATTR_ITEM.finditer(m.string, m.start("attrs"), m.end("attrs")):
        for group in (2, 3, 4, 5):
            if a.group(group) is not None:
                found.setdefault(a.group(1).lower(), (a.group(group), a.start(group)))
                break
        else:
            found.setdefault(a.group(1).lower(), ("", a.end()))
    return found


def _role_of(name: str, attrs: dict[str, tuple[str, int]]) -> str:
    if name == "nav" or attrs.get("role", ("", 0))[0].lower() in ("navigation", "menu", "menubar"):
        return "navigation"
    if name == "cite":
        return "reference"
    return ""
