"""``python -m trygg_desktop.bench --out DIR [--scale S|M|XL] [--repeat N] [--only NAME ...]``."""

from __future__ import annotations

import sys

from . import main

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
