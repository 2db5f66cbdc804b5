"""`python -m claimlint` runs the command line."""
from __future__ import annotations

import sys

from claimlint.cli import main

if __name__ == "__main__":
    sys.exit(main())
