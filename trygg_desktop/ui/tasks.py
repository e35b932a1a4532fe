"""Background operations: every service call runs off the UI thread.

``QueryOp(fn).success(cb).failure(cb).run()`` (Anki's pattern) queues ``fn`` on the
single DB worker thread (so writes stay serialised as SQLite wants) and delivers
the result to the UI thread by a queued signal. ``MutationOp`` does the same and
then tells the window what changed so pages refresh only if they care.

``Executor.sync`` runs operations inline: tests use it to drive widgets without
waiting, while one test per dialog keeps the real thread (the unlock KDF).
"""

from __future__ import annotations

import logging
import traceback
from functools import partial
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

if TYPE_CHECKING:  # the unlock window loads this module before the services exist
    from ..api.changes import Topic

log = logging.getLogger(__name__)

BUSY_DELAY_MS = 300


class _Relay(QObject):
    """Lives in the UI thread; the worker emits, Qt queues the call back here."""

    done = Signal(object, object, object)  # callback, result, error


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay, on_success: Callable[[Any], None],
                 on_failure: Callable[[BaseException], None]) -> None:
        super().__init__()
        self.fn, self.relay, self.on_success, self.on_failure = fn, relay, on_success, on_failure

    def run(self) -> None:  # worker thread
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - delivered to the UI thread
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.relay.done.emit(self.on_failure, None, exc)
        else:
            self.relay.done.emit(self.on_success, result, None)


class Executor(QObject):
    """One worker thread for all database work, plus the "busy" signal for progress."""

    busy_changed = Signal(bool)

    def __init__(self, *, sync: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sync = sync
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)  # keep the one thread: SQLite work stays on it
        self._relay = _Relay()
        self._relay.done.connect(self._deliver)
        self._running = 0
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.timeout.connect(lambda: self.busy_changed.emit(True))

    def submit(self, fn: Callable[[], Any], on_success: Callable[[Any], None],
               on_failure: Callable[[BaseException], None]) -> None:
        if self.sync:
            try:
                result = fn()
            except BaseException as exc:  # noqa: BLE001
                exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
                on_failure(exc)
            else:
                on_success(result)
            return
        self._running += 1
        if self._running == 1:
            self._busy_timer.start(BUSY_DELAY_MS)
        self._pool.start(_Job(fn, self._relay, on_success, on_failure))

    @Slot(object, object, object)
    def _deliver(self, callback: Callable[[Any], None], result: Any, error: BaseException | None) -> None:
        self._running -= 1
        if self._running == 0:
            self._busy_timer.stop()
            self.busy_changed.emit(False)
        callback(error if error is not None else result)

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Block until queued work is done (the lock sequence waits for a running write)."""
        return self._pool.waitForDone(msecs)

    @property
    def running(self) -> int:
        return self._running


_default: Executor | None = None


def set_executor(executor: Executor) -> None:
    global _default
    _default = executor


def executor() -> Executor:
    global _default
    if _default is None:
        _default = Executor()
    return _default


class QueryOp:
    """A read: ``QueryOp(lambda: svc.get(1)).success(show).failure(show_error).run()``."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        self._fn = fn
        self._success: Callable[[Any], None] = lambda _r: None
        self._failure: Callable[[BaseException], None] | None = None

    def success(self, cb: Callable[[Any], None]) -> "QueryOp":
        self._success = cb
        return self

    def failure(self, cb: Callable[[BaseException], None]) -> "QueryOp":
        self._failure = cb
        return self

    def run(self, on: Executor | None = None) -> None:
        failure = self._failure or default_failure
        (on or executor()).submit(self._fn, self._success, failure)


class MutationOp(QueryOp):
    """A change: after success, ``notify(changes)`` lets every page decide to refresh.

    ``changes`` is what the service method declares, ``changes_of(services.x.method)``
    (trygg_desktop.api.changes), never names typed at the call site. Left out (None), ``fn``
    must be a ``functools.partial`` of one service method, whose declaration is taken: the
    method is then named once, so the call and its change set cannot differ."""

    def __init__(self, fn: Callable[[], Any], changes: frozenset[Topic] | None,
                 notify: Callable[[frozenset[Topic]], None]) -> None:
        super().__init__(fn)
        if changes is None:
            from ..api.changes import changes_of   # here, not at import: the unlock window loads this module first
            changes = changes_of(fn)               # a lambda declares nothing: TypeError
        self._changes, self._notify = changes, notify

    @classmethod
    def call(cls, method: Callable[..., Any], *args: Any, notify: Callable[[frozenset[Topic]], None],
             **kwargs: Any) -> "MutationOp":
        """``method(*args, **kwargs)`` as a change announcing what ``method`` declares."""
        return cls(partial(method, *args, **kwargs), None, notify)

    def run(self, on: Executor | None = None) -> None:
        user_success = self._success

        def done(result: Any) -> None:
            user_success(result)
            self._notify(self._changes)

        self._success = done
        super().run(on)


def default_failure(exc: BaseException) -> None:
    from .errors import show_error
    show_error(None, exc)
