"""Stage 6b: fingerprints that identify a finding by content, not by line.

A fingerprint hashes the rule, the path and the normalised sentence (plus
the occurrence of that sentence for the rule), so that re-wrapping lines,
editing elsewhere or moving a paragraph keeps it, while editing the risky
sentence changes it.
"""
from __future__ import annotations

import hashlib
import unicodedata

from claimlint.finding import Finding

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})


def normalise_sentence(sentence: str) -> str:
    """Case, width, quote style and whitespace do not change what a sentence says."""
    text = unicodedata.normalize("NFKC", sentence).translate(_QUOTES).lower()
    return " ".join(text.split())


def fingerprint(finding: Finding, with_path: bool = True) -> str:
    """A stable 16-hex-digit id for the finding's content."""
    parts = [finding.rule, finding.path if with_path else "", normalise_sentence(finding.sentence), str(finding.occurrence)]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:16]
