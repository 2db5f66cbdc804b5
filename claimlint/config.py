"""Configuration: built-in defaults < `.claimlint.yml` < command-line flags.

The file is found from the current folder upward, stopping at the
repository root (the folder holding `.git`) or the home folder. Every key is
validated: unknown keys get a did-you-mean, wrong types name the line.
"""
from __future__ import annotations

import dataclasses
import fnmatch
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimlint.finding import SEVERITY_NAMES, Severity
from claimlint.yamlfile import LocatedDict, YamlError, check_keys, line_of, load

CONFIG_NAMES = (".claimlint.yml", ".claimlint.yaml")
DEFAULT_INCLUDE = ("*.html", "*.htm", "*.md", "*.markdown", "*.mdx", "*.txt")
FAIL_ON = ("error", "warning", "info", "never")
MARKETS = ("us", "uk", "au")
TOPIC_PACKS = ("ketamine", "addiction-treatment")
KEYS = frozenset(
    {
        "packs", "market", "include", "exclude", "fail_on", "disable", "severity", "ignore",
        "front_matter_keys", "require_reason", "baseline",
    }
)


@dataclass(frozen=True)
class Config:
    """Everything a scan needs to know besides the paths; immutable once built."""

    packs: tuple[str, ...] = ()
    market: str = "us"
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    fail_on: str = "error"
    disable: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    ignore: tuple[tuple[str, tuple[str, ...]], ...] = ()
    front_matter_keys: tuple[str, ...] = ("title", "description", "summary", "excerpt")
    require_reason: bool = True
    baseline: str = ""
    root: str = "."
    path: str = ""

    def pack_names(self) -> tuple[str, ...]:
        """The packs to run: the configured list, or core + topic packs + the market's pack."""
        if self.packs:
            return self.packs
        return ("core", self.market, *TOPIC_PACKS)

    def with_overrides(self, **changes: Any) -> "Config":
        """A copy with the command-line values that were actually given."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v not in (None, ())})


def find_config(start: Path) -> Path | None:
    """The nearest config file from `start` upward, stopping at the repository root or home."""
    home = Path.home().resolve()
    for folder in (start.resolve(), *start.resolve().parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        if (folder / ".git").exists() or folder == home:
            return None
    return None


def load_config(path: Path) -> Config:
    """Read and validate a config file; raise YamlError naming the line to fix."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlError(shown, 0, f"cannot read config: {exc}") from None
    data = load(text, shown)
    if data is None:
        return Config(root=str(path.parent), path=shown)
    if not isinstance(data, LocatedDict):
        raise YamlError(shown, 1, "the config must be a mapping of keys such as packs, exclude, fail_on")
    check_keys(data, KEYS, shown, "config")
    values: dict[str, Any] = {"root": str(path.parent), "path": shown}
    for key in ("packs", "include", "exclude", "disable", "front_matter_keys"):
        if key in data:
            values[key] = tuple(_string_list(data, key, shown))
    for key, allowed in (("fail_on", FAIL_ON), ("market", MARKETS)):
        if key in data:
            values[key] = _one_of(data, key, allowed, shown)
    if "severity" in data:
        values["severity"] = _severities(data, shown)
    if "ignore" in data:
        values["ignore"] = _ignores(data, shown)
    if "require_reason" in data:
        if not isinstance(data["require_reason"], bool):
            raise YamlError(shown, line_of(data, "require_reason"), "'require_reason' must be true or false")
        values["require_reason"] = data["require_reason"]
    if "baseline" in data:
        values["baseline"] = _string(data, "baseline", shown)
    return Config(**values)


def _string(data: LocatedDict, key: str, path: str) -> str:
    if not isinstance(data[key], str):
        raise YamlError(path, line_of(data, key), f"{key!r} must be a string")
    return str(data[key])


def _string_list(data: LocatedDict, key: str, path: str) -> list[str]:
    value = data[key]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise YamlError(path, line_of(data, key), f"{key!r} must be a list of strings")
    return list(value)


def _one_of(data: LocatedDict, key: str, allowed: tuple[str, ...], path: str) -> str:
    if data[key] not in allowed:
        raise YamlError(path, line_of(data, key), f"{key} must be one of {', '.join(allowed)}, not {data[key]!r}")
    return str(data[key])


def _severities(data: LocatedDict, path: str) -> tuple[tuple[str, Severity], ...]:
    value = data["severity"]
    if not isinstance(value, LocatedDict):
        raise YamlError(path, line_of(data, "severity"), "'severity' must map a rule id or pack prefix to error/warning/info")
    out = []
    for rule, level in value.items():
        if level not in SEVERITY_NAMES:
            raise YamlError(path, line_of(value, rule), f"severity for {rule!r} must be error, warning or info, not {level!r}")
        out.append((str(rule), Severity(level)))
    return tuple(out)


def _ignores(data: LocatedDict, path: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    value = data["ignore"]
    if not isinstance(value, LocatedDict):
        raise YamlError(path, line_of(data, "ignore"), "'ignore' must map a path glob to a list of rule ids or pack prefixes")
    out = []
    for glob, rules in value.items():
        if isinstance(rules, str):
            rules = [rules]
        if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
            raise YamlError(path, line_of(value, glob), f"ignore {glob!r} must list rule ids or pack prefixes")
        out.append((str(glob), tuple(rules)))
    return tuple(out)


def selects(prefix: str, rule_id: str) -> bool:
    """Does a rule id or pack/rule prefix ("core", "core.safe") name this rule?"""
    return prefix in ("all", "*") or rule_id == prefix or rule_id.startswith(prefix + ".")


def severity_for(config: Config, rule_id: str, default: Severity) -> Severity:
    """The configured severity, the most specific matching prefix winning."""
    matches = [(len(p), level) for p, level in config.severity if selects(p, rule_id)]
    return max(matches, key=lambda m: m[0])[1] if matches else default


def ignored_rules(config: Config, relative_path: str) -> tuple[str, ...]:
    """Rule ids or prefixes ignored for this path by the `ignore` map."""
    out: list[str] = []
    for glob, rules in config.ignore:
        if fnmatch.fnmatch(relative_path, glob) or fnmatch.fnmatch(relative_path, glob.rstrip("/") + "/*"):
            out.extend(rules)
    return tuple(out)
