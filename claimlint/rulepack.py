"""Rule packs: load `rules/*.yaml`, validate them, compile them into Rules.

A pack is one YAML file (id, version, description, references, rules). A
rule is data: phrases and regex patterns, `unless` patterns that clear a
match, and its own flag/pass examples. Every problem is reported as a
YamlError naming the file, the line and the fix.
"""
from __future__ import annotations

import functools
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from claimlint import guards, packcache
from claimlint.finding import SEVERITY_NAMES, Reference, Severity
from claimlint.prefilter import Clauses, LiteralSet, pattern_anchors, pattern_clauses, rule_literals
from claimlint.taxonomy import CATEGORIES
from claimlint.yamlfile import LocatedDict, YamlError, check_keys, line_of, load

FLAGS = regex.IGNORECASE | regex.UNICODE | regex.VERSION0
PACK_KEYS = frozenset({"pack", "version", "description", "tags", "references", "define", "rules"})
RULE_KEYS = frozenset(
    {
        "id", "category", "severity", "message", "why", "patterns", "phrases", "unless", "negation",
        "hedge", "questions", "scope", "requires", "suggest", "references", "examples", "literals",
    }
)
HEDGE_MODES = ("lower", "clear", "keep")
QUESTION_MODES = ("affirmed", "skip", "include")
_DEFINE = re.compile(r"\{\{\s*([a-z][a-z0-9_-]*)\s*\}\}")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Rule:
    id: str
    pack: str
    category: str
    severity: Severity
    message: str
    patterns: tuple[str, ...]
    why: str = ""
    unless: tuple[str, ...] = ()
    unless_guards: tuple[str, ...] = ()
    negation: str = "inside"  # "inside": cues around and inside the span; "outside": around only; "": off
    hedge: str = "lower"
    questions: str = "affirmed"
    scope: str = "sentence"
    requires: tuple[str, ...] = ()
    suggest: str = ""
    references: tuple[Reference, ...] = ()
    flag_examples: tuple[str, ...] = ()
    pass_examples: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    literals: frozenset[str] | None = None
    clauses: tuple[Clauses, ...] = ()
    anchors: tuple[LiteralSet | None, ...] = ()  # per pattern: the prefixes its matches start with
    path: str = ""
    line: int = 0


@dataclass(frozen=True)
class Pack:
    id: str
    version: str
    description: str
    path: str
    rules: tuple[Rule, ...]
    tags: dict[str, tuple[str, ...]] = field(default_factory=dict)
    references: dict[str, Reference] = field(default_factory=dict)


def builtin_dir() -> Path:
    """Where the built-in packs live: inside the installed package, or `rules/` in a checkout."""
    from importlib import resources  # only needed here; keeps start-up light

    try:
        installed = Path(str(resources.files("claimlint") / "rules"))
        if installed.is_dir():
            return installed
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / "rules"


def builtin_packs() -> dict[str, Path]:
    """Pack id (file stem) -> path of every built-in pack."""
    return {p.stem: p for p in sorted(builtin_dir().glob("*.yaml"))}


def load_pack(path: str | Path) -> Pack:
    """Read and validate one pack file, through the on-disk cache when its content is known."""
    path = str(path)
    try:
        content = Path(path).read_bytes()
        text = content.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlError(path, 0, f"cannot read pack: {exc}") from None
    key = packcache.key(content, path)
    entry = packcache.read(key)
    if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], Pack):
        _PICKLED.update(entry[1])
        return entry[0]
    pack = parse_pack(text, path)
    packcache.write(key, (pack, {s: pickle.dumps(_PATTERNS[s]) for s in _sources(pack) if s in _PATTERNS}))
    return pack


def _sources(pack: Pack) -> set[str]:
    return {s for r in pack.rules for s in (*r.patterns, *r.unless, *r.requires)}


def parse_pack(text: str, path: str) -> Pack:
    """Validate a pack's YAML and build its rules; raise YamlError naming the line to fix."""
    data = load(text, path)
    if not isinstance(data, LocatedDict):
        raise YamlError(path, 1, "a pack must be a mapping with 'pack', 'version', 'description' and 'rules'")
    check_keys(data, PACK_KEYS, path, "pack")
    for key in ("pack", "version", "description", "rules"):
        if key not in data:
            raise YamlError(path, data.line, f"missing required key {key!r} in pack")
    pack_id = _text(data, "pack", path)
    if not _ID.match(pack_id):
        raise YamlError(path, line_of(data, "pack"), f"pack id {pack_id!r} must be lowercase letters, digits and '-'")
    references = _references(data, path)
    defines = _defines(data, path)
    rules_data = data["rules"]
    if not isinstance(rules_data, list) or not rules_data:
        raise YamlError(path, line_of(data, "rules"), "'rules' must be a non-empty list of rules")
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(rules_data):
        rule = _rule(item, pack_id, references, defines, path, line_of(rules_data, index))
        if rule.id in seen:
            raise YamlError(path, rule.line, f"duplicate rule id {rule.id!r} (first on line {seen[rule.id]})")
        seen[rule.id] = rule.line
        rules.append(rule)
    return Pack(
        pack_id, str(data["version"]), _text(data, "description", path), path, tuple(rules),
        _tags(data, path), references,
    )


def _text(mapping: LocatedDict, key: str, path: str, required: bool = True) -> str:
    value = mapping.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise YamlError(path, line_of(mapping, key), f"{key!r} must be a non-empty string")
    return value.strip()


def _strings(mapping: LocatedDict, key: str, path: str) -> list[str]:
    value = mapping.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise YamlError(path, line_of(mapping, key), f"{key!r} must be a list of non-empty strings")
    return list(value)


def _references(data: LocatedDict, path: str) -> dict[str, Reference]:
    refs = data.get("references", LocatedDict())
    if not isinstance(refs, LocatedDict):
        raise YamlError(path, line_of(data, "references"), "'references' must map an id to {title, url}")
    out: dict[str, Reference] = {}
    for ref_id, value in refs.items():
        if not isinstance(value, LocatedDict):
            raise YamlError(path, line_of(refs, ref_id), f"reference {ref_id!r} must have 'title' and 'url'")
        check_keys(value, {"title", "url"}, path, f"reference {ref_id!r}")
        url = _text(value, "url", path)
        if not url.startswith(("http://", "https://")):
            raise YamlError(path, line_of(value, "url"), f"reference {ref_id!r}: url must start with https://")
        out[str(ref_id)] = Reference(str(ref_id), _text(value, "title", path), url)
    return out


def _defines(data: LocatedDict, path: str) -> dict[str, str]:
    defines = data.get("define", LocatedDict())
    if not isinstance(defines, LocatedDict) or not all(isinstance(v, str) for v in defines.values()):
        raise YamlError(path, line_of(data, "define"), "'define' must map a name to a regex fragment")
    for name, fragment in defines.items():
        _compile(fragment, path, line_of(defines, name), f"define {name!r}")
    return {str(k): v for k, v in defines.items()}


def _tags(data: LocatedDict, path: str) -> dict[str, tuple[str, ...]]:
    tags = data.get("tags", {})
    if not isinstance(tags, dict):
        raise YamlError(path, line_of(data, "tags"), "'tags' must map a name (jurisdiction, topics) to a list")
    return {str(k): tuple(v if isinstance(v, list) else [v]) for k, v in tags.items()}


def _rule(
    item: Any, pack_id: str, references: dict[str, Reference], defines: dict[str, str], path: str, line: int
) -> Rule:
    if not isinstance(item, LocatedDict):
        raise YamlError(path, line, "each rule must be a mapping with id, category, severity, message")
    check_keys(item, RULE_KEYS, path, "rule")
    for key in ("id", "category", "severity", "message", "examples"):
        if key not in item:
            raise YamlError(path, item.line, f"rule is missing required key {key!r}")
    local = _text(item, "id", path)
    if not _ID.match(local):
        raise YamlError(path, line_of(item, "id"), f"rule id {local!r} must be lowercase letters, digits and '-'")
    rule_id = f"{pack_id}.{local}"
    category = _choice(item, "category", tuple(CATEGORIES), path)
    severity = Severity(_choice(item, "severity", SEVERITY_NAMES, path))
    scope = _choice(item, "scope", ("sentence", "page"), path, "sentence")
    where = f"rule {rule_id!r}"
    phrases = _strings(item, "phrases", path)
    patterns = [_compile(_expand(p, defines, path, line_of(item, "patterns")), path, _item_line(item, "patterns", i), f"{where} pattern {i + 1}") for i, p in enumerate(_strings(item, "patterns", path))]
    patterns += [_compile(phrase_regex(p), path, _item_line(item, "phrases", i), f"{where} phrase {i + 1}") for i, p in enumerate(phrases)]
    if not patterns:
        raise YamlError(path, item.line, f"{where} needs 'phrases' or 'patterns'")
    unless_texts = _strings(item, "unless", path)
    unless_guards = tuple(u[1:] for u in unless_texts if u.startswith("@"))
    for name in unless_guards:
        if name not in guards.NAMED:
            raise YamlError(path, line_of(item, "unless"), f"{where}: unknown guard '@{name}' (known: {', '.join('@' + g for g in sorted(guards.NAMED))})")
    unless = tuple(
        _compile(_expand(u, defines, path, line_of(item, "unless")), path, _item_line(item, "unless", i), f"{where} unless {i + 1}")
        for i, u in enumerate(unless_texts) if not u.startswith("@")
    )
    requires = tuple(
        _compile(_expand(r, defines, path, line_of(item, "requires")), path, _item_line(item, "requires", i), f"{where} requires {i + 1}")
        for i, r in enumerate(_strings(item, "requires", path))
    )
    if scope == "page" and not requires:
        raise YamlError(path, item.line, f"{where}: a page rule needs 'requires' (the disclosure whose absence it flags)")
    flag, passing = _examples(item, path, where)
    refs = []
    for ref_id in _strings(item, "references", path):
        if ref_id not in references:
            raise YamlError(path, line_of(item, "references"), f"{where}: reference {ref_id!r} is not defined in the pack's 'references'")
        refs.append(references[ref_id])
    declared = frozenset(x.lower() for x in _strings(item, "literals", path))
    literals = declared or rule_literals(patterns)
    clauses = tuple((declared,) for _ in patterns) if declared else tuple(pattern_clauses(p) for p in patterns)
    negation = {True: "inside", False: "", "outside": "outside"}.get(item.get("negation", True), None)
    if negation is None:
        raise YamlError(path, line_of(item, "negation"), f"{where}: 'negation' must be true, false or outside")
    return Rule(
        id=rule_id, pack=pack_id, category=category, severity=severity,
        message=_text(item, "message", path), patterns=tuple(patterns), why=_text(item, "why", path, False),
        unless=unless, unless_guards=unless_guards, negation=negation,
        hedge=_choice(item, "hedge", HEDGE_MODES, path, "clear" if category == "rapid-results" else "lower"),
        questions=_choice(item, "questions", QUESTION_MODES, path, "affirmed"), scope=scope, requires=requires,
        suggest=_text(item, "suggest", path, False), references=tuple(refs), flag_examples=tuple(flag),
        pass_examples=tuple(passing), sources=tuple(phrases), literals=literals,
        clauses=clauses, anchors=tuple(pattern_anchors(p) for p in patterns), path=path, line=item.line,
    )


def _item_line(item: LocatedDict, key: str, index: int) -> int:
    return line_of(item[key], index) if isinstance(item.get(key), list) else line_of(item, key)


def _choice(item: LocatedDict, key: str, allowed: tuple[str, ...], path: str, default: str | None = None) -> str:
    value = item.get(key, default)
    if value not in allowed:
        import difflib

        close = difflib.get_close_matches(str(value), allowed, n=1)
        hint = f"did you mean {close[0]!r}?" if close else "one of: " + ", ".join(allowed)
        raise YamlError(path, line_of(item, key), f"{key} {value!r} is not known ({hint})")
    return str(value)


def _examples(item: LocatedDict, path: str, where: str) -> tuple[list[str], list[str]]:
    examples = item["examples"]
    if not isinstance(examples, LocatedDict):
        raise YamlError(path, line_of(item, "examples"), f"{where}: 'examples' must have 'flag' and 'pass' lists")
    check_keys(examples, {"flag", "pass"}, path, f"{where} examples")
    flag = _strings(examples, "flag", path)
    passing = _strings(examples, "pass", path)
    if not flag or not passing:
        raise YamlError(path, examples.line, f"{where}: give at least one 'flag' and one 'pass' example")
    return flag, passing


MAX_DEFINE_DEPTH = 8


def _expand(pattern: str, defines: dict[str, str], path: str, line: int) -> str:
    """Replace `{{name}}` with the pack's define (defines may use other defines)."""
    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in defines:
            raise YamlError(path, line, f"'{{{{{name}}}}}' is not in the pack's 'define' map")
        return f"(?:{defines[name]})"

    for _ in range(MAX_DEFINE_DEPTH):
        if not _DEFINE.search(pattern):
            return pattern
        pattern = _DEFINE.sub(sub, pattern)
    raise YamlError(path, line, f"defines nest deeper than {MAX_DEFINE_DEPTH} levels (is one defined through itself?)")


# Compiled patterns by source. Compiling is slow (the `regex` parser is Python), so the pack cache
# stores the compiled form too, and loading a cached pack fills this in without parsing anything.
# Each pattern stays pickled until a sentence needs it, so a one-page run unpickles only a few.
_PATTERNS: dict[str, regex.Pattern[str]] = {}
_PICKLED: dict[str, bytes] = {}


def compiled_one(source: str) -> regex.Pattern[str]:
    """A compiled pattern: from the cached pack if it brought it, else compiled now."""
    pattern = _PATTERNS.get(source)
    if pattern is None:
        pattern = _PATTERNS[source] = _revive(source)
    return pattern


@functools.lru_cache(maxsize=None)
def compiled(sources: tuple[str, ...]) -> tuple[regex.Pattern[str], ...]:
    """All of a rule's patterns of one kind (`unless`, `requires`), compiled."""
    return tuple(compiled_one(s) for s in sources)


def _revive(source: str) -> regex.Pattern[str]:
    blob = _PICKLED.pop(source, None)
    if blob is not None:
        try:
            revived = pickle.loads(blob)
            if isinstance(revived, regex.Pattern):
                return revived
        except Exception:  # a damaged entry: compile instead
            pass
    return regex.compile(source, FLAGS)


def _compile(pattern: str, path: str, line: int, where: str) -> str:
    """Check that `pattern` compiles (keeping the result); return its source."""
    try:
        _PATTERNS[pattern] = regex.compile(pattern, FLAGS)
        return pattern
    except regex.error as exc:
        at = f" at position {exc.pos}" if getattr(exc, "pos", None) is not None else ""
        raise YamlError(path, line, f"{where} does not compile: {exc.msg}{at} in {pattern!r} (fix the regex)") from None


_PHRASE_TOKEN = re.compile(r"(\s+|[-‐‑‒–—]|['’ʼ])")
_DASHES = "-‐‑‒–—"


def phrase_regex(phrase: str) -> str:
    """A literal phrase as a regex: whole words, any case, flexible spaces, hyphens and apostrophes."""
    parts = []
    for token in _PHRASE_TOKEN.split(phrase.strip()):
        if not token:
            continue
        if token.isspace():
            parts.append(rf"(?:\s|[{_DASHES}])+")
        elif token in _DASHES:
            parts.append(rf"(?:\s|[{_DASHES}])*")
        elif token in "'’ʼ":
            parts.append("['’ʼ‘]")
        else:
            parts.append(regex.escape(token))
    return r"(?<!\w)" + "".join(parts) + r"(?!\w)"
