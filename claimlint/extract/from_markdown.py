"""Stage 3 (Markdown): CommonMark/GFM (and MDX) copy, with exact offsets.

A line-based block parser (headings, paragraphs, list items, quotes, tables,
footnotes, HTML blocks) feeds an inline parser that drops markup and keeps
text. Containers are parsed recursively over "virtual lines": source ranges
with the `>` markers or item indentation cut off, so every copy character
still points into the source. Code, comments and link targets are never copy;
YAML front matter gives title/description blocks. Markup that does not parse
is kept as text, so malformed input never loses copy.
"""
from __future__ import annotations

import bisect
import re
import string
import unicodedata
from dataclasses import dataclass, field

import yaml

from claimlint.decode import Source
from claimlint.extract.copy import ROW_START, Comment, CopyBuilder, Document, ExtractOptions
from claimlint.extract.from_html import _TOKEN as _HTML_TOKEN
from claimlint.extract.from_html import _attributes, add_text, walk
from claimlint.sourcemap import align

Line = tuple[int, int]  # a (virtual) line: source range without its line break

_BREAK = re.compile(r"\r\n|\r|\n")
_FENCE = re.compile(r"`{3,}|~{3,}")
_ATX = re.compile(r"#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
_HR = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_LIST = re.compile(r"(?P<marker>[-+*]|(?P<num>\d{1,9})[.)])(?:[ \t]+|$)")
_TASK = re.compile(r"\[[ xX]\][ \t]+")
_BLOCK_TAGS = (
    "address|article|aside|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|"
    "fieldset|figcaption|figure|footer|form|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|"
    "nav|ol|optgroup|option|p|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|ul"
)
_HTML_BLOCK = re.compile(
    rf"<(?:(?P<comment>!--)|(?P<raw>script|pre|style|textarea)(?=[\s>]|$)|/?(?:{_BLOCK_TAGS})(?=[\s/>]|$))",
    re.IGNORECASE,
)
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]:[ \t]*")
_LINK_DEF = re.compile(
    r"""\[(?!\^)(?:\\.|[^\\\]])+\]:[ \t]*(?:<[^>]*>|\S+)"""
    r"""(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*$"""
)
_REF_LABEL = re.compile(r"(?:\A|(?<=[\r\n]))[ \t>]*\[(?!\^)((?:\\.|[^\\\]])+)\]:")
_TABLE_DELIM = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_MDX_ESM = re.compile(r"(?:import|export)\b")
_SPECIAL = re.compile(r"[\\`*_~\[!<]")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)>")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_PUNCT = frozenset(string.punctuation)
_MAX_DEPTH = 40  # deeper containers and links read as text (keeps recursion bounded)


_INLINE_SKIPPED = frozenset({"script", "style", "template", "code", "kbd", "samp", "textarea", "noscript", "svg"})


def extract(source: Source, options: ExtractOptions) -> Document:
    """Extract the copy of a Markdown or MDX file."""
    return _Markdown(source, options).run()


@dataclass
class _Ctx:
    """The virtual lines of one container, how its paragraphs are labelled, the open paragraph."""

    lines: list[Line]
    kind: str = "paragraph"
    role: str = "copy"
    depth: int = 0
    para: list[Line] = field(default_factory=list)


def _indent(src: str, s: int, e: int, limit: int = 1 << 30) -> tuple[int, int]:
    """Indent width (tab stops of 4) and its length in characters, up to `limit` columns."""
    width = k = 0
    while width < limit and s + k < e and src[s + k] in " \t":
        width = width + 4 - width % 4 if src[s + k] == "\t" else width + 1
        k += 1
    return width, k


def _norm(label: str) -> str:
    """Reference labels match case-insensitively, whitespace collapsed."""
    return " ".join(label.split()).casefold()


class _Markdown:
    """The block parser; one CopyBuilder for the whole file."""

    def __init__(self, source: Source, options: ExtractOptions) -> None:
        self.source, self.src, self.options = source, source.text, options
        self.out = CopyBuilder()
        self.mdx = source.path.lower().endswith(".mdx")
        self.refs = {_norm(m.group(1)) for m in _REF_LABEL.finditer(self.src)}

    def run(self) -> Document:
        lines, pos = [], 0
        for m in _BREAK.finditer(self.src):
            lines.append((pos, m.start()))
            pos = m.end()
        if pos < len(self.src):
            lines.append((pos, len(self.src)))
        self.blocks(_Ctx(lines[self.front_matter(lines):]))
        return self.out.finish()

    def front_matter(self, lines: list[Line]) -> int:
        """How many lines the front matter takes (0 if there is none)."""
        if not lines or self.src[lines[0][0]:lines[0][1]].rstrip() != "---":
            return 0
        for k in range(1, len(lines)):
            if self.src[lines[k][0]:lines[k][1]].rstrip() in ("---", "..."):
                self.parse_yaml(lines[1][0], lines[k][0])
                return k + 1
        return 0

    def parse_yaml(self, start: int, end: int) -> None:
        """Emit the reader-facing keys; composing (not loading) keeps each scalar's position."""
        try:
            root = yaml.compose(self.src[start:end], Loader=yaml.SafeLoader)
        except (yaml.YAMLError, RecursionError) as exc:
            mark = getattr(exc, "problem_mark", None)
            line = self.source.lines.position(start + (mark.index if mark else 0))[0]
            reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            self.out.diagnostics.append((line, f"front matter is not valid YAML: {reason}"))
            return
        for key, value in root.value if isinstance(root, yaml.MappingNode) else []:
            if isinstance(key, yaml.ScalarNode) and key.value in self.options.front_matter_keys:
                if isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:str":
                    self.scalar(value, start)

    def scalar(self, node: yaml.ScalarNode, base: int) -> None:
        """One front-matter block; `align` maps escapes and folded lines onto the source."""
        src, s, e = self.src, base + node.start_mark.index, base + node.end_mark.index
        if node.style in ("'", '"'):
            s, e = s + 1, e - 1
        elif node.style in ("|", ">"):
            header = _BREAK.search(src, s, e)
            s = header.end() if header else e
        while s < e and src[s].isspace():
            s += 1
        while e > s and src[e - 1].isspace():
            e -= 1
        value, out = " ".join(node.value.split()), self.out
        if value:
            align(value, src[s:e], s, out.offset_map, out.length)
            out.parts.append(value)
            out.length += len(value)
            out.end_block("front-matter", "copy", e)

    def blocks(self, c: _Ctx) -> None:
        """Parse one container's lines; what no block claims is paragraph text."""
        handlers = (self.fence, self.atx, self.rule, self.quote, self.html, self.table,
                    self.footnote, self.linkdef, self.esm, self.item)
        i = 0
        while i < len(c.lines):
            s, e = c.lines[i]
            width, lead = _indent(self.src, s, e)
            t, nxt = s + lead, None
            if t == e:
                self.flush(c)
            elif width < 4:
                nxt = next((k for k in (h(c, i, t, e) for h in handlers) if k is not None), None)
            elif not c.para:
                nxt = i + 1  # indented code
            if nxt is None and t < e:
                c.para.append((t, e))
            i = i + 1 if nxt is None else nxt
        self.flush(c)

    def flush(self, c: _Ctx, kind: str = "") -> None:
        if c.para:
            _Inline(self, _Para(self.src, c.para), self.out, c.role).run()
            self.out.end_block(kind or c.kind, c.role, c.para[-1][1])
            c.para.clear()

    def starts_block(self, s: int, e: int, sibling: bool = False) -> bool:
        """Whether a line interrupts a paragraph (else it is a lazy continuation); in an item any marker does."""
        width, lead = _indent(self.src, s, e)
        t, src = s + lead, self.src
        if t == e or width >= 4:
            return t == e
        if src[t] == ">" or any(r.match(src, t, e) for r in (_FENCE, _ATX, _HR, _HTML_BLOCK)):
            return True
        m = _LIST.match(src, t, e)
        if m is None:
            return False
        return sibling or bool(src[m.end():e].strip()) and m.group("num") in (None, "1")

    def fence(self, c: _Ctx, i: int, t: int, e: int) -> int | None:
        m = _FENCE.match(self.src, t, e)
        if not m or (m.group()[0] == "`" and "`" in self.src[m.end():e]):
            return None
        self.flush(c)
        for k in range(i + 1, len(c.lines)):
            s, e = c.lines[k]
            width, lead = _indent(self.src, s, e)
            close = self.src[s + lead:e].rstrip()
            if width < 4 and close.startswith(m.group()) and not close.strip(m.group()[0]):
                return k + 1
        return len(c.lines)  # an unclosed fence runs to the end of its container

    def atx(self, c: _Ctx, i: int, t: int, e: int) -> int | None:
        m = _ATX.match(self.src, t, e)
        if not m:
            return None
        self.flush(c)
        close = _ATX_CLOSE.search(self.src, m.end(), e)
        c.para.append((m.end(), close.start() if close else e))
        self.flush(c, "heading")
        return i + 1

    def rule(self, c: _Ctx, i: int, t: int, e: int) -> int | None:
        """Under a paragraph `===`/`---` makes it a heading; otherwise `---`, `***`, `___` only end blocks."""
        if c.para and _SETEXT.match(self.src, t, e):
            self.flush(c, "heading")
        elif _HR.match(self.src, t, e):
            self.flush(c)
        else:
            return None
        return i + 1

    def quote(self, c: _Ctx, i: int, t: int, e: int) -> int | None:
        if self.src[t] != ">" or c.depth > _MAX_DEPTH:
            return None
        self.flush(c)
        inner: list[Line] = []
        k = i
        while k < len(c.lines):
            s, e = c.lines[k]
            width, lead = _indent(self.src, s, e)
            t = s + lead
            if width < 4 and self.src.startswith(">", t):
                t += 2 if self.src.startswith((" ", "\t"), t + 1) else 1
            elif not (inner and inner[-1][0] < inner[-1][1] and not self.starts_block(s, e)):
                break
            inner.append((min(t, e), e))
            k += 1
        self.blocks(_Ctx(inner, "quote", c.role, c.depth + 1))
        return k

    def item(self, c: _Ctx, i: int, t: int, e: int) -> int | None:
        m = _LIST.match(self.src, t, e)
        empty = not m or not self.src[m.end():e].strip()
        if not m or c.depth > _MAX_DEPTH or c.para and (empty or m.group("num") not in (None, "1")):
            return None
        self.flush(c)
        indent, mark = _indent(self.src, c.lines[i][0], t)[0], m.end("marker")
        if empty or _indent(self.src, mark, e)[0] > 4:
            content, col = min(mark + 1, e), indent + mark - t + 1
        else:
            content, col = m.end(), indent + m.end() - t
        task = _TASK.match(self.src, content, e)
        inner, k = self.collect(c.lines, i, task.end() if task else content, col)
        self.blocks(_Ctx(inner, "list-item", c.role, c.depth + 1))
        return k

    def collect(self, lines: list[Line], i: int, first: int, col: int) -> tuple[list[Line], int]:
        """An item's lines: indented by `col`, lazy continuations, blanks followed by indented lines."""
        inner, k = [(first, lines[i][1])], i + 1
        while k < len(lines):
            s, e = lines[k]
            width, lead = _indent(self.src, s, e)
            if s + lead == e:
                after = k + 1
                while after < len(lines) and not self.src[lines[after][0]:lines[after][1]].strip(" \t"):
                    after += 1
                if after == len(lines) or _indent(self.src, *lines[after])[0] < col:
                    break
                inner.extend((ln[1], ln[1]) for ln in lines[k:after])
                k = after
                continue
            if width >= col:
                inner.append((s + _indent(self.src, s, e, col)[1], e))
            elif inner[-1][0] < inner[-1][1] and not self.starts_block(s, e, True):
                inner.append((s + lead, e))
            else:
                break
            k += 1
        return inner, k

    def footnote(self, c: _Ctx, i: int, t: int, e: int) -> int | None:
        m = _FOOTNOTE.match(self.src, t, e)
        if not m or c.depth > _MAX_DEPTH:
            return None
        self.flush(c)
        inner, k = self.collect(c.lines, i, m.end(), 4)
        self.blocks(_Ctx(inner, "footnote", "reference", c.depth + 1))
        return k

    def linkdef(self, c: _Ctx, i: int, t: int, e: int) -> int | None:
        return i + 1 if not c.para and _LINK_DEF.match(self.src, t, e) else None

    def esm(self, c: _Ctx, i: int, t: int, e: int) -> int | None:
        """MDX `import`/`export` statements (top level) are code up to the next blank line."""
        if not self.mdx or c.depth or c.para or t != c.lines[i][0] or not _MDX_ESM.match(self.src, t, e):
            return None
        k = i + 1
        while k < len(c.lines) and self.src[c.lines[k][0]:c.lines[k][1]].strip():
            k += 1
        return k

    def html(self, c: _Ctx, i: int, t: int, e: int) -> int | None:
        """An HTML block goes through the HTML extractor's tokenizer, line gaps as spaces."""
        m = _HTML_BLOCK.match(self.src, t, e)
        if not m:
            return None
        self.flush(c)
        k = self.html_end(c.lines, i, m)
        ranges: list[Line] = []
        for s2, e2 in [(t, e)] + c.lines[i + 1:k]:
            if ranges and not self.src[ranges[-1][1]:s2].strip():
                ranges[-1] = (ranges[-1][0], e2)  # only a line break between: one range
            else:
                ranges.append((s2, e2))
        walk(self.out, self.src, ranges)
        return k

    def html_end(self, lines: list[Line], i: int, m: re.Match[str]) -> int:
        """CommonMark: comments and raw-text elements end at their closer, other blocks at a blank line."""
        closer = None
        if m.group("comment"):
            closer = re.compile("-->")
        elif m.group("raw"):
            closer = re.compile(rf"</{m.group('raw')}\s*>", re.IGNORECASE)
        for k in range(i, len(lines)):
            s, e = lines[k]
            if closer is None and k > i and not self.src[s:e].strip():
                return k
            if closer is not None and closer.search(self.src, m.end() if k == i else s, e):
                return k + 1
        return len(lines)

    def table(self, c: _Ctx, i: int, t: int, e: int) -> int | None:
        if "|" not in self.src[t:e] or i + 1 >= len(c.lines):
            return None
        s, e2 = c.lines[i + 1]
        d, head = s + _indent(self.src, s, e2)[1], self.cells(t, e)
        if not _TABLE_DELIM.match(self.src, d, e2) or len(self.cells(d, e2)) != len(head):
            return None
        self.flush(c)
        rows, k = [head], i + 2
        while k < len(c.lines) and not self.starts_block(*c.lines[k]):
            s, e = c.lines[k]
            rows.append(self.cells(s + _indent(self.src, s, e)[1], e))
            k += 1
        for row in rows:
            starts = len(self.out.blocks)
            for cell in row:
                c.para.append(cell)
                self.flush(c, ROW_START if len(self.out.blocks) == starts else "table-cell")
        return k

    def cells(self, t: int, e: int) -> list[Line]:
        """Cell ranges of a table row, split on unescaped pipes."""
        src = self.src
        while e > t and src[e - 1] in " \t":
            e -= 1
        t += src.startswith("|", t)
        if e > t and src[e - 1] == "|" and (e - 2 < t or src[e - 2] != "\\"):
            e -= 1
        found, k, start = [], t, t
        while k < e:
            if src[k] == "|":
                found.append((start, k))
                start = k + 1
            k += 2 if src[k] == "\\" else 1
        return found + [(start, max(start, e))]


class _Para:
    """Inline content: its lines joined by "\\n" in `buf`, each index tied to the source."""

    def __init__(self, src: str, lines: list[Line]) -> None:
        self.src, self.lines, self.offs = src, lines, []
        pos = 0
        for s, e in lines:
            self.offs.append(pos)
            pos += e - s + 1
        self.buf = "\n".join(src[s:e] for s, e in lines)
        self.closers: dict[int, int] | None = None

    def close(self, i: int, j: int) -> int:
        """Index before `j` of the bracket closing the `[` or `(` at `i`, or -1 (one pass, then a lookup)."""
        if self.closers is None:
            stacks: dict[str, list[int]] = {"]": [], ")": []}
            self.closers, k = {}, 0
            while k < len(self.buf):
                ch = self.buf[k]
                if ch in "[(":
                    stacks["]" if ch == "[" else ")"].append(k)
                elif ch in "])" and stacks[ch]:
                    self.closers[stacks[ch].pop()] = k
                k += 2 if ch == "\\" else 1
        k = self.closers.get(i, -1)
        return k if k < j else -1

    def at(self, i: int) -> int:
        """Source offset of buffer index `i` (a line join maps to the end of its line)."""
        n = max(bisect.bisect_right(self.offs, i) - 1, 0)
        s, e = self.lines[n]
        return min(s + i - self.offs[n], e)

    def emit(self, out: CopyBuilder, i: int, j: int) -> None:
        """Emit buffer range [i, j) as copy line by line; a line join (and its prefix) is whitespace."""
        n = max(bisect.bisect_right(self.offs, i) - 1, 0)
        while n < len(self.lines) and self.offs[n] < j:
            (s, e), b0 = self.lines[n], self.offs[n]
            lo, hi = max(i, b0), min(j, b0 + e - s)
            if lo < hi:
                add_text(out, self.src, s + lo - b0, s + hi - b0)
            if n + 1 < len(self.lines) and i <= b0 + e - s < j:
                out.space(e, self.lines[n + 1][0])
            n += 1


def _class(ch: str) -> str:
    """Emphasis flanking rules see three classes of character."""
    if ch.isspace():
        return "space"
    return "punct" if ch in _PUNCT or unicodedata.category(ch)[0] in "PS" else "other"


class _Inline:
    """Tokenizes a buffer range, pairs emphasis delimiters, then emits what is left as copy.

    Tokens are (kind, start, end) over the buffer: "t" text, "d" delimiter run
    (text unless paired), "r" verbatim characters, "s" markup read as a space.
    """

    def __init__(self, md: _Markdown, para: _Para, out: CopyBuilder, role: str, depth: int = 0) -> None:
        self.md, self.para, self.out, self.role, self.depth = md, para, out, role, depth
        self.buf = para.buf
        self.tokens: list[tuple[str, int, int]] = []
        self.delims: list[tuple[int, str, bool, bool]] = []

    def run(self, i: int = 0, j: int | None = None) -> None:
        self.scan(i, len(self.buf) if j is None else j)
        dropped = self.pair()
        for n, (kind, a, b) in enumerate(self.tokens):
            if n in dropped:
                continue
            if kind in ("t", "d"):
                self.para.emit(self.out, a, b)
            elif kind == "r":
                self.out.text(self.buf[a:b], self.para.at(a))
            else:
                self.out.space(self.para.at(a), self.para.at(b))

    def add(self, kind: str, a: int, b: int) -> None:
        last = self.tokens[-1] if self.tokens else None
        if kind == "t" and last and last[0] == "t" and last[2] == a:
            self.tokens[-1] = ("t", last[1], b)
        elif a < b:
            self.tokens.append((kind, a, b))

    def scan(self, i: int, j: int) -> None:
        handlers = {"\\": self.escape, "`": self.code, "[": self.link, "!": self.image, "<": self.angle}
        while i < j:
            m = _SPECIAL.search(self.buf, i, j)
            if not m:
                self.add("t", i, j)
                return
            self.add("t", i, m.start())
            k = handlers.get(m.group(), self.delim)(m.start(), j)
            if k is None:
                self.add("t", m.start(), m.start() + 1)
            i = m.start() + 1 if k is None else k

    def escape(self, i: int, j: int) -> int | None:
        nxt = self.buf[i + 1:min(i + 2, j)]
        if nxt and nxt in _PUNCT:
            self.add("r", i + 1, i + 2)
        elif nxt == "\n":
            self.add("s", i, i + 2)  # a hard line break
        else:
            return None
        return i + 2

    def code(self, i: int, j: int) -> int:
        """A code span is no copy but reads as a space; an unmatched backtick run is text."""
        k = i
        while k < j and self.buf[k] == "`":
            k += 1
        close = re.compile(rf"(?<!`)`{{{k - i}}}(?!`)").search(self.buf, k, j)
        self.add("s" if close else "t", i, close.end() if close else k)
        return close.end() if close else k

    def delim(self, i: int, j: int) -> int:
        buf, k = self.buf, i
        while k < j and buf[k] == buf[i]:
            k += 1
        before = _class(buf[i - 1]) if i > 0 else "space"
        after = _class(buf[k]) if k < len(buf) else "space"
        left = after != "space" and (after != "punct" or before != "other")
        right = before != "space" and (before != "punct" or after != "other")
        opens, closes = left, right
        if buf[i] == "_":  # no intraword emphasis: snake_case stays
            opens, closes = left and (not right or before == "punct"), right and (not left or after == "punct")
        if buf[i] == "~" and k - i > 2:
            opens = closes = False
        self.delims.append((len(self.tokens), buf[i], opens, closes))
        self.tokens.append(("d", i, k))
        return k

    def pair(self) -> set[int]:
        """Token indices of delimiter runs that open or close emphasis: markup, not copy."""
        stack: list[tuple[int, str]] = []
        dropped: set[int] = set()
        waiting = dict.fromkeys("*_~", 0)  # openers on the stack, so a closer never searches in vain
        for n, ch, opens, closes in self.delims:
            if closes and waiting[ch]:
                x = len(stack) - 1
                while stack[x][1] != ch:
                    x -= 1
                dropped.update((stack[x][0], n))
                for _, skipped in stack[x:]:
                    waiting[skipped] -= 1
                del stack[x:]
            elif opens:
                stack.append((n, ch))
                waiting[ch] += 1
        return dropped

    def link(self, i: int, j: int) -> int | None:
        """A link keeps its text and drops its target; a footnote reference stays as copy."""
        ref = _FOOTNOTE_REF.match(self.buf, i, j)
        if ref:
            self.add("t", i, ref.end())
            return ref.end()
        found = self.link_at(i, j)
        if found is None:
            return None
        self.depth += 1
        self.scan(i + 1, found[0])
        self.depth -= 1
        return found[1]

    def image(self, i: int, j: int) -> int | None:
        found = self.link_at(i + 1, j) if self.buf.startswith("[", i + 1) else None
        if found is None:
            return None
        alt = _Inline(self.md, self.para, self.out.aside("alt", self.role), self.role, self.depth + 1)
        alt.run(i + 2, found[0])
        return found[1]

    def link_at(self, i: int, j: int) -> tuple[int, int] | None:
        """(end of text, end of link) for `[text](url)`, `[text][ref]`, `[ref]` at `i`."""
        buf, k = self.buf, self.para.close(i, j)
        if k < 0 or self.depth > _MAX_DEPTH:
            return None
        if buf.startswith("(", k + 1):
            p = self.para.close(k + 1, j)
            if p >= 0:
                return k, p + 1
        if buf.startswith("[", k + 1):
            q = self.para.close(k + 1, j)
            if q >= 0 and _norm(buf[k + 2:q] or buf[i + 1:k]) in self.md.refs:
                return k, q + 1
        return (k, k + 1) if _norm(buf[i + 1:k]) in self.md.refs else None

    def angle(self, i: int, j: int) -> int | None:
        """Autolinks keep their URL; HTML/JSX tags go and their text stays; `<br>` is a space."""
        m = _AUTOLINK.match(self.buf, i, j)
        if m:
            self.add("r", i + 1, m.end() - 1)
            return m.end()
        m = _HTML_TOKEN.match(self.buf, i, j)
        if not m or (m.group("comment") is not None and not m.group().endswith("-->")):
            return None
        name = (m.group("name") or "").lower()
        if m.group("comment") is not None:
            self.md.out.comments.append(Comment(m.group("comment"), self.para.at(i), self.para.at(m.end())))
        elif name in _INLINE_SKIPPED and not m.group("end"):
            close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(self.buf, m.end(), j)
            return close.end() if close else m.end()
        elif name == "br":
            self.add("s", i, m.end())
        elif name == "img" and not m.group("end"):
            raw, at = _attributes(m).get("alt", ("{", 0))
            if not raw.startswith("{"):  # a JSX expression is no text
                self.para.emit(self.out.aside("alt", self.role), at, at + len(raw))
        return m.end()
