"""The commented starter config that `claimlint init` writes."""
from __future__ import annotations

STARTER_CONFIG = """\
# claimlint configuration. Every key is optional; delete what you do not need.
# Docs: run `claimlint --help`, `claimlint rules` and `claimlint explain RULE`.

# Market whose regulator pack runs with the core and topic packs: us, uk or au.
market: us

# Or name the packs yourself (built-in ids or paths to your own .yaml packs):
# packs: [core, us, ketamine, addiction-treatment, ./rules/our-house-style.yaml]

# File names scanned inside folders.
include: ["*.html", "*.htm", "*.md", "*.markdown", "*.mdx", "*.txt"]

# Paths to skip (globs, relative to this file).
exclude:
  - "drafts/**"
  - "*.min.html"

# Lowest severity that makes `claimlint check` exit 1: error, warning, info or never.
fail_on: error

# Rules to turn off, by id or pack prefix.
disable: []
#  - core.hype-superlative

# Change a rule's severity (the most specific id or prefix wins).
severity: {}
#  core.pressure-tactic: warning

# Rules to turn off for some paths only.
ignore: {}
#  "legal/**": [core]

# Front matter keys of Markdown pages whose values are scanned.
front_matter_keys: [title, description, summary, excerpt]
"""
