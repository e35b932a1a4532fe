"""The open case of the case view: one ``CaseDetail``, the user directory, the case id.

The page owns one ``CaseSession``; the header and every tab connect to its signals
(``loaded(CaseDetail)`` after each audited read, ``cleared()`` when every DTO is
dropped) instead of reaching back into the page for data. The session does the one
read (``services.case_view.open`` with the directory), so "read the case again" is
``reload()`` wherever it is asked. ``clear()`` (lock) forgets the case entirely.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Signal

from ...api.results import CaseDetail, UserDTO
from ..tasks import QueryOp


class CaseSession(QObject):
    loaded = Signal(object)           # CaseDetail: a read of the open case succeeded
    cleared = Signal()                # every DTO dropped (another case, a refused read, the lock)
    failed = Signal(int, object)      # (case id, exception): the read of the open case was refused
    revealed = Signal(bool)           # protected details are shown on request (or no longer)

    def __init__(self, ctx, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id: int | None = None
        self.detail: CaseDetail | None = None
        self.users: dict[int, UserDTO] = {}

    @property
    def is_empty(self) -> bool:
        """True when the session holds no case data (after ``clear`` nor a case id)."""
        return self.case_id is None and self.detail is None and not self.users

    def today(self) -> date:
        return self.ctx.services.today or date.today()

    def user_name(self, user_id: int | None) -> str:
        user = self.users.get(user_id) if user_id is not None else None
        return (user.display_name or user.username) if user else ""

    def open(self, case_id: int) -> None:
        """Read ``case_id`` (one audited read); another case's DTOs are dropped first."""
        if case_id != self.case_id:
            self.drop()
        self.case_id = case_id
        self.reload()

    def reload(self) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        services = self.ctx.services
        QueryOp(lambda: (services.case_view.open(case_id), services.users.directory())) \
            .success(self._loaded).failure(lambda exc: self._failed(case_id, exc)).run(self.ctx.executor)

    def _loaded(self, result: tuple[CaseDetail, list[UserDTO]]) -> None:
        detail, users = result
        if detail.summary.id != self.case_id:
            return  # another case was opened meanwhile
        self.detail = detail
        self.users = {u.id: u for u in users}
        self.loaded.emit(detail)

    def _failed(self, case_id: int, exc: BaseException) -> None:
        if case_id != self.case_id:
            return  # a read of a case no longer shown
        self.drop()
        self.failed.emit(case_id, exc)

    def show_revealed(self, revealed: bool) -> None:
        """A tab showed (or hid) protected details on request: the page's banner follows."""
        self.revealed.emit(revealed)

    def drop(self) -> None:
        """Forget every DTO (the case id stays) and tell the views to empty themselves."""
        self.detail = None
        self.users = {}
        self.cleared.emit()

    def clear(self) -> None:
        """The lock: no DTO and no case id."""
        self.drop()
        self.case_id = None
