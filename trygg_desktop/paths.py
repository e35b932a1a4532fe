"""Where things live: packaged resources and migrations, and per-user folders.

Resources and migrations ship inside the package (``trygg_desktop._resources`` and
``trygg_desktop._migrations``, mapped from the repository's top-level folders), so
an installed wheel or a frozen bundle finds them without the checkout.
"""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "TryggDesktop"
APP_AUTHOR = "Trygg"


def _package_dir(package: str, fallback: str) -> Path:
    try:
        found = resources.files(package)
    except ModuleNotFoundError:  # running from a checkout without an install
        return Path(__file__).resolve().parent.parent / fallback
    # A namespace package gives a MultiplexedPath: take its first real folder.
    paths = getattr(found, "_paths", None)
    return Path(paths[0]) if paths else Path(str(found))


def migrations_dir() -> Path:
    if getattr(sys, "frozen", False):  # PyInstaller bundle
        return Path(getattr(sys, "_MEIPASS")) / "trygg_desktop" / "_migrations"
    return _package_dir("trygg_desktop._migrations", "migrations")


def resources_dir() -> Path:
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS")) / "trygg_desktop" / "_resources"
    return _package_dir("trygg_desktop._resources", "resources")


def resource(name: str) -> Path:
    return resources_dir() / name


def user_data_dir() -> Path:
    """Demo database and other per-user data (override: TRYGG_DATA_DIR)."""
    override = os.environ.get("TRYGG_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def user_state_dir() -> Path:
    """Per-machine state such as the failed-attempt counter (override: TRYGG_STATE_DIR).

    Deliberately never beside the database: a failed unlock must leave the database
    folder byte-identical (R5).
    """
    override = os.environ.get("TRYGG_STATE_DIR")
    return Path(override) if override else Path(platformdirs.user_state_dir(APP_NAME, APP_AUTHOR))


def user_log_dir() -> Path:
    override = os.environ.get("TRYGG_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def key_file_for(db_path: Path) -> Path:
    """The key file sits beside the database: ``case.db`` → ``case.db.keys``."""
    return Path(str(db_path) + ".keys")
