"""The two tables of the Users page: accounts and units (organisation data only).

Administrators never see case content (DOMAIN.md §1.10), so these rows hold no
case data: a user's unit ids are shown by name, role codes as Swedish labels, and
a unit's count of active members. Both are the shared ``DtoTableModel``; they
only add what ``set_rows`` needs to know besides the rows.
"""

from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import Qt

from ...domain import vocab
from ...api.results import UnitDTO, UserDTO
from .simple_table import Column, DtoTableModel

REMOVED_COLOUR = "#888888"


class UsersModel(DtoTableModel):
    """Accounts as rows; removed accounts greyed; every cell's tooltip is its text."""

    def __init__(self, parent=None) -> None:
        super().__init__((), parent=parent, text_tooltips=True)
        self.unit_names: dict[int, str] = {}

        def grey(user: UserDTO) -> str | None:
            return None if user.active else REMOVED_COLOUR

        self.columns = tuple(Column(title, getter, foreground=grey) for title, getter in (
            (self.tr("User name"), lambda u: u.username),
            (self.tr("Name"), lambda u: u.display_name),
            (self.tr("Title"), lambda u: u.title or ""),
            (self.tr("Agency"), lambda u: vocab.AGENCIES.label(u.agency)),
            (self.tr("Roles"), lambda u: ", ".join(vocab.ROLES.label(r) for r in u.roles)),
            (self.tr("Units"), lambda u: ", ".join(sorted(self.unit_names.get(i, str(i)) for i in u.unit_ids))),
            (self.tr("Status"), lambda u: self.tr("Active") if u.active else self.tr("Removed")),
        ))

    def set_rows(self, rows: Iterable[UserDTO], unit_names: dict[int, str] | None = None) -> None:
        self.unit_names = dict(unit_names or {})
        super().set_rows(rows)


class UnitsModel(DtoTableModel):
    """Units with their agency, case kind, area and number of active members."""

    def __init__(self, parent=None) -> None:
        super().__init__((), parent=parent)
        self.members: dict[int, int] = {}
        self.columns = (
            Column(self.tr("Unit"), lambda u: u.name),
            Column(self.tr("Agency"), lambda u: vocab.AGENCIES.label(u.agency)),
            Column(self.tr("Case kind"), lambda u: vocab.CASE_KINDS.label(u.case_kind) if u.case_kind else ""),
            Column(self.tr("Area"), lambda u: u.area or ""),
            Column(self.tr("Members"), lambda u: self.members.get(u.id, 0), align=Qt.AlignmentFlag.AlignRight),
        )

    def set_rows(self, rows: Iterable[UnitDTO], users: Iterable[UserDTO] = ()) -> None:
        rows, users = tuple(rows), tuple(users)
        self.members = {u.id: sum(1 for x in users if x.active and u.id in x.unit_ids) for u in rows}
        super().set_rows(rows)
