"""What every page of the main window has in common.

A page gets the ``Context`` (services of the logged-in user, the executor, the
window's ``changed`` notifier), refreshes when shown or when a change it cares
about happens, and empties itself completely when the window locks (R14).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...domain.access import Act, Actor, Rec, capable
from ...api.changes import Topic
from ...api.facade import Backend
from ..errors import show_error
from ..tasks import Executor, MutationOp, QueryOp
from ..widgets.banner import Banner


@dataclass
class Context:
    services: Backend  # the local Services or client.RemoteServices
    executor: Executor
    notify: Callable[[frozenset[Topic]], None]  # the window's ``changed`` signal
    open_case: Callable[[int], None]
    open_meeting: Callable[[int], None]

    @property
    def actor(self) -> Actor:
        return self.services.actor

    def can(self, act: Act, rec: Rec) -> bool:
        return capable(self.actor, act, rec)


class Page(QWidget):
    """Base page: a banner on top, ``query``/``mutate`` helpers, ``refresh``/``clear``."""

    title = ""
    #: The topics whose change makes this page read again (``Topic.ALL``: every change).
    cares_about: frozenset[Topic] = frozenset()
    status_message = Signal(str)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.root = QVBoxLayout(self)
        self.banner = Banner(self)
        self.root.addWidget(self.banner)
        self._stale = True

    def show_banner(self, text: str, kind: str = "error") -> None:
        self.banner.show_message(text, kind)

    def copy_personnummer_value(self, pnr: str | None) -> bool:
        """Copy a full personnummer with the clipboard safeguards (ui/clipboard.py) and say so."""
        if not pnr:
            return False
        from ..clipboard import copy_sensitive
        copy_sensitive(pnr)
        self.status_message.emit(QCoreApplication.translate(
            "Page", "Personnummer copied; the clipboard is cleared in 30 seconds."))
        return True

    def query(self, fn: Callable[[], Any], on_success: Callable[[Any], None]) -> None:
        QueryOp(fn).success(on_success).failure(lambda e: show_error(self, e)).run(self.ctx.executor)

    def mutate(self, fn: Callable[[], Any], changes: frozenset[Topic] | None = None,
               on_success: Callable[[Any], None] = lambda _r: None) -> None:
        """Run ``fn`` as a change: a ``partial`` of one service method announces what it declares;
        a closure names ``changes`` (``changes_of(the service methods)``)."""
        MutationOp(fn, changes, self.ctx.notify).success(on_success) \
            .failure(lambda e: show_error(self, e)).run(self.ctx.executor)

    def on_changed(self, changes: frozenset[Topic]) -> None:
        if changes & self.cares_about or Topic.ALL in changes:
            self._stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False

    def clear(self) -> None:
        """Drop every piece of case data this page holds (lock)."""
        self.banner.clear()
        self._stale = True
