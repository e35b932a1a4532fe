"""Samtycke: the case's consents, what each covers and who has signed.

Why signatories are listed against the required ones: a consent is valid only
when everyone the rules require (both guardians under joint custody, the youth
from 15, only the youth from 18) has signed; showing the gap is what tells the
coordinator whose signature to collect.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel

from ....domain import vocab
from ....domain.access import Act, Rec
from ....domain.timefmt import fmt_date
from ....api.results import CaseDetail, ConsentDTO, SignatoryDTO
from ...widgets.consent_light import COLOURS
from .common import (DTO_ROLE, GREEN, GREY, RED, CaseTab, Column, DtoTableModel, group, hint_label, labels,
                     make_table, select_first, selected_dto, value_label)


@dataclass(frozen=True)
class SignatoryRow:
    role: str
    required: bool
    signature: SignatoryDTO | None


class ConsentTab(CaseTab):
    def __init__(self, page) -> None:
        super().__init__(page)
        self.new_button = self.button(self.tr("&New consent…"), page.new_consent)
        self.sign_button = self.button(self.tr("Register si&gnature…"), page.sign_consent)
        self.revoke_button = self.button(self.tr("&Revoke…"), page.revoke_consent)
        self.layout_.addLayout(self.button_row(self.new_button, self.sign_button, self.revoke_button))
        self.model = DtoTableModel([
            Column(self.tr("Status"), lambda c: vocab.CONSENT_STATUSES.label(c.status), width=130,
                   foreground=lambda c: QColor(COLOURS.get(c.light, COLOURS["NONE"])[2]), bold=lambda c: True),
            Column(self.tr("Purpose"), lambda c: c.purpose, width=260),
            Column(self.tr("Valid from"), lambda c: fmt_date(c.valid_from), sort_key=lambda c: c.valid_from, width=95),
            Column(self.tr("Valid to"), lambda c: fmt_date(c.valid_to), sort_key=lambda c: c.valid_to, width=95),
            Column(self.tr("Agencies"), lambda c: labels(vocab.AGENCIES, (a for a, _ in c.scope_agencies)), width=200),
            Column(self.tr("Signed"), self._signed_text, width=80, stretch=True),
        ], self)
        self.view = make_table(self.model, self.tr("Consents"), sort_column=2, descending=True)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.layout_.addWidget(self.view, 2)
        self.empty = hint_label(self.tr(
            "No consent is registered. Without a valid consent the agencies may not share information about "
            "the young person; the alternatives are an anonymised case discussion or a statutory route."))
        self.layout_.addWidget(self.empty)

        details = QHBoxLayout()
        scope, scope_layout = group(self.tr("What the consent covers"))
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for key, caption in (("agencies", self.tr("Agencies:")), ("information", self.tr("Information:")),
                             ("period", self.tr("Valid:")), ("custody", self.tr("Custody:")),
                             ("opinion", self.tr("The young person's opinion:")),
                             ("revoked", self.tr("Revoked:"))):
            self.values[key] = value_label()
            self.values[key].setAccessibleName(caption.rstrip(":"))
            form.addRow(caption, self.values[key])
        self.scope_form = form
        scope_layout.addLayout(form)
        scope_layout.addStretch(1)
        details.addWidget(scope, 3)
        signatures, sig_layout = group(self.tr("Signatures"))
        self.signatories = DtoTableModel([
            Column(self.tr("Signatory"), lambda r: vocab.SIGNATORY_ROLES.label(r.role), width=160),
            Column(self.tr("Required"), lambda r: self.tr("Yes") if r.required else self.tr("No"), width=75),
            Column(self.tr("Answer"), self._answer, width=120, foreground=self._answer_colour, bold=lambda r: True),
            Column(self.tr("Date"), lambda r: fmt_date(r.signature.signed_at) if r.signature else "", width=95),
            Column(self.tr("Method"), lambda r: vocab.SIGNING_METHODS.label(r.signature.method)
                   if r.signature and r.signature.method else "", stretch=True),
        ], self)
        self.signatory_view = make_table(self.signatories, self.tr("Signatures"), sortable=False)
        sig_layout.addWidget(self.signatory_view)
        details.addWidget(signatures, 4)
        self.layout_.addLayout(details, 3)

    # -- presentation ---------------------------------------------------------
    def _signed_text(self, c: ConsentDTO) -> str:
        done = {s.role for s in c.signatories if s.signed_at and not s.declined}
        required = set(c.required_signatories)
        return self.tr("%1 of %2").replace("%1", str(len(done & required))).replace("%2", str(len(required)))

    def _answer(self, r: SignatoryRow) -> str:
        if r.signature is None:
            return self.tr("Missing") if r.required else ""
        return self.tr("Declined") if r.signature.declined else self.tr("Signed")

    def _answer_colour(self, r: SignatoryRow) -> QColor:
        if r.signature is None:
            return RED if r.required else GREY
        return RED if r.signature.declined else GREEN

    def selected(self) -> ConsentDTO | None:
        return selected_dto(self.view)

    def select_consent(self, consent_id: int) -> bool:
        """Select the row of that consent (the table is sorted through a proxy)."""
        model = self.view.model()
        for row in range(model.rowCount()):
            if model.index(row, 0).data(DTO_ROLE).id == consent_id:
                self.view.selectRow(row)
                return True
        return False

    def _selected(self, *_args) -> None:
        c = self.selected()
        may_update = self.ctx.can(Act.UPDATE, Rec.CONSENT)
        open_consent = c is not None and c.revoked_at is None and c.status not in ("EXPIRED",)
        self.sign_button.setEnabled(may_update and open_consent)
        self.revoke_button.setEnabled(may_update and c is not None and c.revoked_at is None)
        v = self.values
        if c is None:
            for label in v.values():
                label.clear()
            self.signatories.clear()
            return
        v["agencies"].setText("\n".join(
            vocab.AGENCIES.label(a) + (f" – {org}" if org else "") for a, org in c.scope_agencies))
        v["information"].setText(labels(vocab.INFORMATION_CATEGORIES, c.scope_information))
        v["period"].setText(f"{fmt_date(c.valid_from)} – {fmt_date(c.valid_to)}")
        if c.joint_custody and not c.single_guardian_exception:
            v["custody"].setText(self.tr("Joint custody: both guardians sign"))
        elif c.single_guardian_exception:
            v["custody"].setText(self.tr("One guardian signs: %1").replace("%1", c.single_guardian_exception))
        else:
            v["custody"].setText(self.tr("One guardian signs"))
        v["opinion"].setText(c.youth_opinion or self.tr("Not recorded"))
        revoked = c.revoked_at is not None
        v["revoked"].setText(" – ".join(x for x in (fmt_date(c.revoked_at), c.revocation_channel,
                                                     c.revocation_note) if x) if revoked else "")
        self.scope_form.setRowVisible(v["revoked"], revoked)
        by_role = {s.role: s for s in c.signatories}
        roles = list(c.required_signatories) + sorted(r for r in by_role if r not in c.required_signatories)
        self.signatories.set_rows(SignatoryRow(r, r in c.required_signatories, by_role.get(r)) for r in roles)

    # -- fill / clear ---------------------------------------------------------
    def fill(self, detail: CaseDetail) -> None:
        super().fill(detail)
        self.new_button.setVisible(self.ctx.can(Act.CREATE, Rec.CONSENT))
        for b in (self.sign_button, self.revoke_button):
            b.setVisible(self.ctx.can(Act.UPDATE, Rec.CONSENT))
        self.model.set_rows(detail.consents)
        self.view.setVisible(bool(detail.consents))
        self.empty.setVisible(not detail.consents)
        select_first(self.view)
        self._selected()

    def clear(self) -> None:
        super().clear()
        self.model.clear()
        self.signatories.clear()
        for label in self.values.values():
            label.clear()
