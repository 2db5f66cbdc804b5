"""On-disk cache of validated packs, keyed by pack content and claimlint version.

Parsing and validating YAML packs costs more than scanning a page, so a
validated pack is pickled in the user cache folder (`$CLAIMLINT_CACHE_DIR`,
else `$XDG_CACHE_HOME/claimlint`, else `~/.cache/claimlint`). A missing,
stale or corrupt entry is simply rebuilt; an unwritable folder disables the
cache. Entries hold the compiled patterns too (a pickled `regex` pattern keeps its
compiled code), because compiling them costs far more than reading them.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

import regex

from claimlint import __version__

FORMAT = 5
# The pickled classes and the code that builds them: a change to either makes old entries stale.
_CODE = ("rulepack.py", "prefilter.py", "finding.py", "yamlfile.py")


def _code_version() -> str:
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in _CODE:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.hexdigest()[:16]


_CODE_VERSION = _code_version()


def folder() -> Path:
    override = os.environ.get("CLAIMLINT_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "claimlint"


def key(content: bytes, path: str) -> str:
    """`<path hash>-<content hash>`: the second part changes with the pack, claimlint, regex or Python."""
    where = hashlib.sha256(os.path.abspath(path).encode()).hexdigest()[:16]
    salt = f"{FORMAT}|{__version__}|{_CODE_VERSION}|{regex.__version__}|{sys.version_info[:2]}"
    return f"{where}-{hashlib.sha256(salt.encode() + b'0' + content).hexdigest()[:32]}"


def read(entry: str) -> object | None:
    path = folder() / f"pack-{entry}.pickle"
    try:
        with open(path, "rb") as handle:
            value: object = pickle.load(handle)
            return value
    except FileNotFoundError:
        return None
    except Exception:  # a corrupt or foreign entry: drop it and rebuild
        try:
            path.unlink()
        except OSError:
            pass
        return None


def write(entry: str, value: object) -> None:
    target = folder()
    try:
        target.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".pack-", dir=target)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target / f"pack-{entry}.pickle")
        for stale in target.glob(f"pack-{entry.split('-')[0]}-*.pickle"):  # older versions of this pack
            if stale.name != f"pack-{entry}.pickle":
                stale.unlink()
    except OSError:
        return
