"""Stage 1 of 7: turn the paths on the command line into the files to scan.

Folders are walked recursively in sorted order, skipping hidden folders,
`node_modules` and `exclude` globs; only files matching `include` are taken.
A file named explicitly is always scanned. The format (html, markdown,
text) comes from the extension.
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from claimlint.config import Config
from claimlint.finding import Diagnostic

FORMATS = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html", ".php": "html", ".njk": "html",
    ".liquid": "html", ".hbs": "html", ".erb": "html", ".jinja": "html", ".j2": "html",
    ".md": "markdown", ".markdown": "markdown", ".mdx": "markdown", ".mdown": "markdown",
    ".txt": "text", ".text": "text",
}
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})


@dataclass(frozen=True)
class Target:
    """A file to scan: its path as shown in reports and its format."""

    path: str
    format: str


def format_for(path: str) -> str:
    """The extractor for a file name: html, markdown or text (the default)."""
    return FORMATS.get(os.path.splitext(path)[1].lower(), "text")


def discover(paths: list[str], config: Config) -> tuple[list[Target], list[Diagnostic]]:
    """Files to scan, in a stable order, and a diagnostic for each path that does not exist."""
    targets: list[Target] = []
    problems: list[Diagnostic] = []
    seen: set[str] = set()
    for given in paths:
        if os.path.isfile(given):
            found = [given]
        elif os.path.isdir(given):
            found = list(_walk(given, config))
        else:
            problems.append(Diagnostic(given, "no such file or folder", hint="check the path"))
            continue
        for path in found:
            shown = _shown(path)
            if shown not in seen:
                seen.add(shown)
                targets.append(Target(shown, format_for(path)))
    return targets, problems


def _walk(top: str, config: Config) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(top):
        dirs[:] = sorted(
            d for d in dirs
            if not d.startswith(".") and d not in SKIPPED_FOLDERS and not excluded(os.path.join(folder, d), config)
        )
        for name in sorted(files):
            path = os.path.join(folder, name)
            if name.startswith(".") or excluded(path, config):
                continue
            if any(fnmatch.fnmatch(name.lower(), pattern.lower()) for pattern in config.include):
                found.append(path)
    return found


def excluded(path: str, config: Config) -> bool:
    """Does an `exclude` glob match the path (relative to the config folder), its name or a folder in it?"""
    if not config.exclude:
        return False
    rel = relative_to_root(path, config)
    parts = PurePosixPath(rel).parts
    for glob in config.exclude:
        glob = glob.rstrip("/")
        if fnmatch.fnmatch(rel, glob) or fnmatch.fnmatch(parts[-1], glob) or any(
            fnmatch.fnmatch("/".join(parts[: i + 1]), glob) for i in range(len(parts) - 1)
        ):
            return True
    return False


def relative_to_root(path: str, config: Config) -> str:
    """`path` relative to the config's folder, with forward slashes."""
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(config.root))
    except ValueError:
        rel = path
    return Path(rel).as_posix()


def _shown(path: str) -> str:
    """Paths are shown relative to the current folder when below it."""
    rel = os.path.relpath(path)
    return Path(path if rel.startswith("..") else rel).as_posix()
