"""Read YAML (packs and config) with the safe loader, keeping line numbers.

Validation messages must name the line of the offending key, so mappings
and sequences come back as `Located` containers that remember where each
key and item was written. Only `yaml.SafeLoader` ever reads user YAML.
"""
from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml


class YamlError(Exception):
    """A problem in a YAML file, with the 1-based line (and column) to fix."""

    def __init__(self, path: str, line: int, message: str, column: int = 0) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.column = column
        self.message = message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")
        return f"{where}: {self.message}"


class LocatedDict(dict):  # type: ignore[type-arg]
    """A mapping that knows the line of each key (`key_lines`) and its own `line`."""

    line: int = 0

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.key_lines: dict[Any, int] = {}


class LocatedList(list):  # type: ignore[type-arg]
    """A sequence that knows the line of each item (`item_lines`) and its own `line`."""

    line: int = 0
    item_lines: list[int]


def load(text: str, path: str) -> Any:
    """Parse `text`; raise YamlError naming the line for syntax errors and duplicate keys."""
    import yaml  # only when a file is actually parsed: cached packs and no config need none

    try:
        loader = yaml.SafeLoader(text)
    except yaml.YAMLError as exc:  # a character YAML does not allow, found while reading
        raise YamlError(path, _reader_line(text, exc), f"YAML error: {exc}".splitlines()[0]) from None
    try:
        node = loader.get_single_node()
        return None if node is None else _build(loader, node, path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 0
        context = ""
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            context = f" ({exc.context} started on line {exc.context_mark.line + 1})"
        raise YamlError(path, line, f"YAML syntax error: {exc.problem or exc}{context}", column) from None
    except yaml.YAMLError as exc:
        raise YamlError(path, 1, f"YAML error: {exc}") from None
    finally:
        loader.dispose()


def _reader_line(text: str, exc: yaml.YAMLError) -> int:
    position = getattr(exc, "position", 0) or 0
    return text.count("\n", 0, position) + 1


def _build(loader: yaml.SafeLoader, node: yaml.Node, path: str) -> Any:
    import yaml

    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        mapping = LocatedDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if key in mapping.key_lines:
                raise YamlError(path, line, f"duplicate key {key!r} (first set on line {mapping.key_lines[key]})")
            mapping.key_lines[key] = line
            mapping[key] = _build(loader, value_node, path)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        items = LocatedList(_build(loader, item, path) for item in node.value)
        items.line = node.start_mark.line + 1
        items.item_lines = [item.start_mark.line + 1 for item in node.value]
        return items
    return loader.construct_object(node, deep=True)


def line_of(container: Any, key: Any = None) -> int:
    """Best line for `container[key]` (or the container itself)."""
    if key is not None and isinstance(container, LocatedDict):
        return container.key_lines.get(key, container.line)
    if isinstance(key, int) and isinstance(container, LocatedList) and key < len(container.item_lines):
        return container.item_lines[key]
    return getattr(container, "line", 1)


def check_keys(mapping: LocatedDict, allowed: set[str] | frozenset[str], path: str, what: str) -> None:
    """Reject unknown keys, suggesting the closest known one."""
    for key in mapping:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "allowed: " + ", ".join(sorted(allowed))
            raise YamlError(path, line_of(mapping, key), f"unknown key {key!r} in {what} ({hint})")
