"""Utlämnanden: every disclosure of information about the person, with its legal
basis, recipient and harm assessment (the utlämnandelogg, DOMAIN.md 1.5/6.2)."""

from __future__ import annotations

from ....domain import vocab
from ....domain.access import Act, Rec
from ....domain.timefmt import fmt_instant
from ....api.results import CaseDetail, DisclosureDTO
from .common import CaseTab, Column, DtoTableModel, hint_label, make_table


def basis_text(d: DisclosureDTO) -> str:
    label = vocab.LEGAL_BASES.label(d.legal_basis)
    return f"{label}: {d.legal_basis_text}" if d.legal_basis_text else label


class DisclosuresTab(CaseTab):
    def __init__(self, page) -> None:
        super().__init__(page)
        self.add_button = self.button(self.tr("&Register disclosure…"), page.record_disclosure)
        self.layout_.addLayout(self.button_row(self.add_button))
        self.model = DtoTableModel([
            Column(self.tr("Date"), lambda d: fmt_instant(d.disclosed_at), sort_key=lambda d: d.disclosed_at, width=130),
            Column(self.tr("What"), lambda d: d.what.replace("\n", " "), width=240),
            Column(self.tr("Recipient"), lambda d: " – ".join(
                x for x in (vocab.AGENCIES.label(d.recipient_agency), d.recipient_name) if x), width=180),
            Column(self.tr("Legal basis"), basis_text, width=220),
            Column(self.tr("Harm assessment"), lambda d: (d.harm_assessment or "").replace("\n", " "), width=200),
            Column(self.tr("Channel"), lambda d: d.channel or "", width=110),
            Column(self.tr("Decided by"), lambda d: self.session.user_name(d.decided_by_user_id), stretch=True),
        ], self)
        self.view = make_table(self.model, self.tr("Disclosures"), sort_column=0, descending=True)
        self.layout_.addWidget(self.view, 1)
        self.empty = hint_label(self.tr(
            "No disclosures are registered. Register every disclosure outside the consent (for example to the "
            "police under OSL 10:18 a) with its legal basis and harm assessment."))
        self.layout_.addWidget(self.empty)
        self.end_with_stretch()

    def fill(self, detail: CaseDetail) -> None:
        super().fill(detail)
        self.add_button.setVisible(self.ctx.can(Act.CREATE, Rec.DISCLOSURE))
        self.model.set_rows(detail.disclosures)
        self.view.setVisible(bool(detail.disclosures))
        self.empty.setVisible(not detail.disclosures)

    def clear(self) -> None:
        super().clear()
        self.model.clear()
