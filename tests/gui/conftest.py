"""GUI fixtures: real widgets (pytest-qt, offscreen), real services on an encrypted
copy of the template database, and a synchronous executor so tests can drive the
widgets step by step (one test per dialog keeps the real worker thread)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from trygg_desktop.services.facade import Services
from trygg_desktop.ui import i18n
from trygg_desktop.ui.main_window import MainWindow
from trygg_desktop.ui.tasks import Executor, set_executor

from ..conftest import World

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="session", autouse=True)
def swedish(qapp):
    i18n.install(qapp, "sv")
    yield


@pytest.fixture
def sync_executor(qapp) -> Executor:
    executor = Executor(sync=True)
    set_executor(executor)
    return executor


@pytest.fixture
def window_for(world: World, sync_executor: Executor, qtbot):
    """``window_for("skola")`` → a shown MainWindow logged in as that user."""
    def make(username: str) -> MainWindow:
        services = Services(world.db, world.actors[username], today=world.today)
        window = MainWindow(services, sync_executor, world.path)
        qtbot.addWidget(window)
        window.show()
        return window
    return make


def screenshot(widget, name: str) -> Path:
    """Save a PNG of a widget under tests/artifacts/ (look at them)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    widget.grab().save(str(path))
    return path


os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
