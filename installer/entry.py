"""PyInstaller's entry script: the frozen program is exactly ``trygg-desktop`` (cli.main)."""

import sys

from trygg_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
