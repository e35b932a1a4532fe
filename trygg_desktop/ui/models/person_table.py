"""A small table of persons (search results, duplicate warnings) over ``PersonDTO``.

Person searches return at most a few dozen rows, so the model holds the DTOs
the service returned and sorts client-side through a ``QSortFilterProxyModel``
on ``SORT_ROLE`` (``ROW_ROLE`` gives the DTO). The personnummer column shows
exactly what the service gave: the service masks it for roles that must not see
the full number.
"""

from __future__ import annotations

from ...domain import vocab
from ...api.results import PersonDTO
from .simple_table import ID_ROLE, SORT_ROLE, Column, DtoTableModel

__all__ = ["ID_ROLE", "SORT_ROLE", "PersonTableModel"]

PROTECTED_COLOUR = "#9b1111"


def _protected(p: PersonDTO) -> bool:
    return p.protected_identity != "NONE"


def _protected_label(p: PersonDTO) -> str:
    return vocab.PROTECTED_IDENTITY.label(p.protected_identity)


class PersonTableModel(DtoTableModel):
    NAME, PNR, BIRTH, PROTECTED = range(4)

    def __init__(self, parent=None) -> None:
        super().__init__([
            Column(self.tr("Name"), lambda p: p.name, sort_key=lambda p: f"{p.last_name} {p.first_name}"),
            Column(self.tr("Personnummer"), self._pnr),
            Column(self.tr("Birth date"), lambda p: p.birth_date),
            Column(self.tr("Protected identity"), lambda p: "⚠ " + _protected_label(p) if _protected(p) else "",
                   foreground=lambda p: PROTECTED_COLOUR if _protected(p) else None,
                   tooltip=lambda p: _protected_label(p) if _protected(p) else None),
        ], parent=parent)

    def _pnr(self, p: PersonDTO) -> str:
        return p.pnr or (self.tr("Reserve id %1").replace("%1", p.reserve_id) if p.reserve_id else "")

    def person(self, row: int) -> PersonDTO | None:
        return self.row_or_none(row)
