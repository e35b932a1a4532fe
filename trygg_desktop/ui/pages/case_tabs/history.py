"""Historik: this case's audit trail (who read or changed what, and when).

Reading the trail is itself logged, so it is fetched only when the tab is
opened, not with every load of the case. Actions, users and records are shown by
name (``ui/audit_text.py``), never by code or internal id.
"""

from __future__ import annotations

from ....domain import vocab
from ....domain.timefmt import fmt_instant
from ....api.results import AuditEventDTO, CaseDetail
from ...audit_text import action_text, record_text, user_text
from ..audit_log import flag_label
from .common import AMBER, CaseTab, Column, DtoTableModel, hint_label, make_table


def role_text(role: str | None) -> str:
    return ", ".join(vocab.ROLES.label(r) for r in role.split(",")) if role else ""


class HistoryTab(CaseTab):
    def __init__(self, page) -> None:
        super().__init__(page)
        self.loaded_for: int | None = None
        self.refresh_button = self.button(self.tr("&Refresh"), self.reload)
        self.layout_.addLayout(self.button_row(self.refresh_button))
        self.model = DtoTableModel([
            Column(self.tr("Time"), lambda e: fmt_instant(e.ts), sort_key=lambda e: e.seq, width=130),
            Column(self.tr("User"), lambda e: user_text(e.user_name, e.username), width=170),
            Column(self.tr("Role"), lambda e: role_text(e.role), width=200),
            Column(self.tr("Action"), lambda e: action_text(e.action), width=230),
            Column(self.tr("Record"), lambda e: record_text(e.entity, e.entity_id, e.record_name), width=190),
            Column(self.tr("Flags"), lambda e: ", ".join(flag_label(f) for f in (e.flags or "").split(",") if f),
                   stretch=True, foreground=lambda e: AMBER if e.flags else None),
        ], self)
        self.view = make_table(self.model, self.tr("Case history"), sort_column=0, descending=True)
        self.layout_.addWidget(self.view, 1)
        self.layout_.addWidget(hint_label(self.tr("Every read and change of the case is logged; reading this "
                                                  "history is logged too.")))

    def fill(self, detail: CaseDetail) -> None:
        if self.detail is None or self.detail.summary.id != detail.summary.id:
            self.model.clear()
        super().fill(detail)
        self.loaded_for = None  # the case changed (or was read again): fetch again when the tab is shown

    def ensure_loaded(self) -> None:
        if self.case_id is not None and self.loaded_for != self.case_id:
            self.reload()

    def reload(self) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        services = self.ctx.services

        def shown(events: list[AuditEventDTO]) -> None:
            if self.case_id == case_id:
                self.model.set_rows(events)
                self.loaded_for = case_id

        self.page.query(lambda: services.audit_view.case_history(case_id), shown)

    def clear(self) -> None:
        super().clear()
        self.loaded_for = None
        self.model.clear()
