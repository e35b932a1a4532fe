"""``python -m trygg_desktop`` is the same program as ``trygg-desktop``."""

import sys

from .cli import main

sys.exit(main())
