"""Idle lock (R14): any keyboard or mouse input counts as activity; after the
configured minutes without it the window locks. The clock is injectable so tests
can move time instead of waiting."""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

DEFAULT_MINUTES = 5
MIN_MINUTES, MAX_MINUTES = 1, 15

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
             QEvent.Type.TouchBegin}


class AutoLock(QObject):
    idle = Signal()

    def __init__(self, minutes: int = DEFAULT_MINUTES, clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.minutes = max(MIN_MINUTES, min(MAX_MINUTES, int(minutes)))
        self.clock = clock
        self.last_activity = clock()
        self.enabled = False
        self.timer = QTimer(self)
        self.timer.setInterval(5_000)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.last_activity = self.clock()
        self.enabled = True
        self.timer.start()

    def stop(self) -> None:
        self.enabled = False
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in _ACTIVITY:
            self.last_activity = self.clock()
        return False

    def check(self) -> bool:
        """Lock if idle long enough; returns True when it fired."""
        if self.enabled and self.clock() - self.last_activity >= self.minutes * 60:
            self.stop()
            self.idle.emit()
            return True
        return False
