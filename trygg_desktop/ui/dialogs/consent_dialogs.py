"""Information-sharing dialogs: consent (DOMAIN.md 1.4) – a new consent form, a
signature (or a refusal), revocation – and registering a disclosure with its
legal basis (DOMAIN.md 1.5).

A consent must never be general: it names each agency (with the organisation,
e.g. the school) and each kind of information, and it always has an end date.
Revocation is irreversible and stops sharing at once, so it is confirmed.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from ...domain import vocab
from ...api.inputs import ConsentInput
from ...api.results import ConsentDTO
from .form_dialog import Call, FormDialog, date_edit, from_qdate, plain, text_edit, vocab_combo


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError("unreachable")


class NewConsentDialog(FormDialog):
    def __init__(self, ctx, case_id: int, kind: str, person_name: str, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("New consent"), parent, ok_text=self.tr("Create consent"), intro=self.tr(
            "Name every agency and every kind of information the consent covers. "
            "The consent becomes valid when all required signatures are registered."))
        self.setMinimumWidth(680)
        self.case_id = case_id
        purpose = (self.tr("SSPF collaboration about %1") if kind == "SSPF"
                   else self.tr("Exchange of information about %1"))
        self.purpose = self.add_row(self.tr("&Purpose:"), QLineEdit(purpose.replace("%1", person_name)))
        agencies_box = QWidget()
        grid = QGridLayout(agencies_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.agencies: dict[str, tuple[QCheckBox, QLineEdit]] = {}
        for r, code in enumerate(vocab.AGENCIES.codes):
            check, org = QCheckBox(vocab.AGENCIES.label(code)), QLineEdit()
            check.setAccessibleName(vocab.AGENCIES.label(code))
            org.setAccessibleName(self.tr("Organisation: %1").replace("%1", vocab.AGENCIES.label(code)))
            org.setPlaceholderText(self.tr("Named organisation, e.g. school, unit or police area"))
            org.setEnabled(False)
            check.toggled.connect(org.setEnabled)
            grid.addWidget(check, r, 0)
            grid.addWidget(org, r, 1)
            self.agencies[code] = (check, org)
        grid.setColumnStretch(1, 1)
        self.add_row(self.tr("&Agencies:"), agencies_box, self.tr("Agencies"))
        self.form.labelForField(agencies_box).setBuddy(self.agencies["SOC"][0])
        categories_box = QWidget()
        cat_grid = QGridLayout(categories_box)
        cat_grid.setContentsMargins(0, 0, 0, 0)
        self.categories: dict[str, QCheckBox] = {}
        for i, code in enumerate(vocab.INFORMATION_CATEGORIES.codes):
            check = QCheckBox(vocab.INFORMATION_CATEGORIES.label(code))
            check.setAccessibleName(vocab.INFORMATION_CATEGORIES.label(code))
            if code == "HALSA":
                check.setToolTip(self.tr("Health information is shared only when it is explicitly listed."))
            cat_grid.addWidget(check, i // 2, i % 2)
            self.categories[code] = check
        self.add_row(self.tr("&Information:"), categories_box, self.tr("Information categories"))
        self.form.labelForField(categories_box).setBuddy(self.categories["SKOLGANG_NARVARO"])
        self.valid_from = self.add_row(self.tr("Valid &from:"), date_edit(today))
        self.valid_to = self.add_row(self.tr("Valid &to:"), date_edit(
            add_months(today, vocab.DEFAULT_CONSENT_MONTHS), minimum=today))
        self.joint = self.add_row(self.tr("&Custody:"), QCheckBox(self.tr("Joint custody – both guardians sign")))
        self.joint.setChecked(True)
        self.exception = self.add_row(self.tr("&Exception:"), QLineEdit())
        self.exception.setPlaceholderText(self.tr("Documented exception, e.g. sole custody by court decision"))
        self.opinion = self.add_row(self.tr("The young person's &opinion:"), text_edit(lines=2))
        self.finish_layout()

    def build_call(self) -> Call | None:
        purpose = plain(self.purpose)
        if not purpose:
            self.warn(self.tr("Write the purpose of the consent."))
            return None
        agencies = tuple((code, org.text().strip()) for code, (check, org) in self.agencies.items() if check.isChecked())
        if not agencies:
            self.warn(self.tr("Choose the agencies the consent covers."))
            return None
        categories = tuple(code for code, check in self.categories.items() if check.isChecked())
        if not categories:
            self.warn(self.tr("Choose the kinds of information the consent covers."))
            return None
        valid_from, valid_to = from_qdate(self.valid_from.date()), from_qdate(self.valid_to.date())
        if valid_to < valid_from:
            self.warn(self.tr("The consent must end after it starts."))
            return None
        data = ConsentInput(case_id=self.case_id, purpose=purpose, scope_agencies=agencies,
                            scope_information=categories, valid_from=valid_from, valid_to=valid_to,
                            joint_custody=self.joint.isChecked(), single_guardian_exception=plain(self.exception),
                            youth_opinion=plain(self.opinion))
        services = self.ctx.services
        return partial(services.consents.create, data)


class SignConsentDialog(FormDialog):
    def __init__(self, ctx, consent: ConsentDTO, today: date, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Register signature"), parent, ok_text=self.tr("Register"))
        self.consent_id = consent.id
        signed = {s.role for s in consent.signatories if s.signed_at and not s.declined}
        roles = list(consent.required_signatories) or list(vocab.SIGNATORY_ROLES.codes)
        self.role = self.add_row(self.tr("&Signatory:"), QComboBox())
        for code in roles:
            text = vocab.SIGNATORY_ROLES.label(code)
            if code in signed:
                text += " " + self.tr("(already signed)")
            self.role.addItem(text, code)
        unsigned = [i for i, code in enumerate(roles) if code not in signed]
        if unsigned:
            self.role.setCurrentIndex(unsigned[0])
        self.signed_at = self.add_row(self.tr("&Date:"), date_edit(today, maximum=today))
        self.method = self.add_row(self.tr("&Method:"), vocab_combo(vocab.SIGNING_METHODS))
        self.declined = self.add_row(self.tr("&Answer:"), QCheckBox(self.tr("Declined to consent")))
        self.finish_layout()

    def build_call(self) -> Call | None:
        services, cid = self.ctx.services, self.consent_id
        role, when, method = self.role.currentData(), from_qdate(self.signed_at.date()), self.method.currentData()
        declined = self.declined.isChecked()
        return partial(services.consents.sign, cid, role, when, method=method, declined=declined)


class RevokeConsentDialog(FormDialog):
    def __init__(self, ctx, consent: ConsentDTO, kind: str, today: date, parent: QWidget | None = None) -> None:
        effect = (self.tr("Sharing stops at once and the open SSPF case is closed (consent withdrawn).")
                  if kind == "SSPF" else self.tr("Sharing under this consent stops at once."))
        super().__init__(ctx, self.tr("Revoke consent"), parent, ok_text=self.tr("Revoke consent"),
                         confirm=self.tr("I understand: the revocation cannot be undone."),
                         intro=effect + " " + self.tr("Registered records are kept."))
        self.consent_id = consent.id
        purpose = QLabel(consent.purpose)
        purpose.setWordWrap(True)
        self.add_row(self.tr("Consent:"), purpose)
        self.revoked_at = self.add_row(self.tr("&Revoked on:"), date_edit(today, maximum=today))
        self.channel = self.add_row(self.tr("&Channel:"), QComboBox())
        self.channel.setEditable(True)
        self.channel.addItems([self.tr("Telephone"), self.tr("Letter"), self.tr("E-mail"), self.tr("In person"),
                               self.tr("In a meeting")])
        self.note = self.add_row(self.tr("&Note:"), text_edit(lines=3))
        self.note.setPlaceholderText(self.tr("Who revoked, and who has been told"))
        self.finish_layout()

    def build_call(self) -> Call | None:
        channel = self.channel.currentText().strip()
        if not channel:
            self.warn(self.tr("Say how the revocation came in."))
            return None
        services, cid, when, note = self.ctx.services, self.consent_id, from_qdate(self.revoked_at.date()), plain(self.note)
        return partial(services.consents.revoke, cid, when, channel=channel, note=note)


# -- disclosures outside (or under) the consent ------------------------------------
class DisclosureDialog(FormDialog):
    """Every disclosure with its legal basis and the harm assessment (menprövning)."""

    def __init__(self, ctx, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Register disclosure"), parent, ok_text=self.tr("Register"))
        self.case_id = case_id
        self.what = self.add_row(self.tr("&What was disclosed:"), text_edit(lines=3))
        self.agency = self.add_row(self.tr("Recipient &agency:"), vocab_combo(vocab.AGENCIES, current="POLIS"))
        self.recipient = self.add_row(self.tr("Recipient &name:"), QLineEdit())
        self.basis = self.add_row(self.tr("&Legal basis:"), vocab_combo(vocab.LEGAL_BASES))
        self.basis_text = self.add_row(self.tr("Other &basis:"), QLineEdit())
        self.harm = self.add_row(self.tr("&Harm assessment:"), text_edit(lines=3))
        self.harm.setPlaceholderText(self.tr("Menprövning: why the disclosure does not harm the person"))
        self.channel = self.add_row(self.tr("C&hannel:"), QComboBox())
        self.channel.setEditable(True)
        self.channel.addItems([self.tr("Secure e-mail"), self.tr("Paper"), self.tr("Telephone"),
                               self.tr("In a meeting")])
        self.basis.currentIndexChanged.connect(self._basis_changed)
        self.finish_layout()
        self._basis_changed()

    def _basis_changed(self, *_args: Any) -> None:
        self.set_row_visible(self.basis_text, self.basis.currentData() == "OTHER")

    def build_call(self) -> Call | None:
        what, basis = plain(self.what), self.basis.currentData()
        if not what:
            self.warn(self.tr("Say what was disclosed."))
            return None
        basis_text = plain(self.basis_text) if basis == "OTHER" else None
        if basis == "OTHER" and not basis_text:
            self.warn(self.tr("Name the legal basis."))
            return None
        services, case_id = self.ctx.services, self.case_id
        kwargs = dict(what=what, recipient_agency=self.agency.currentData(), legal_basis=basis,
                      recipient_name=plain(self.recipient), legal_basis_text=basis_text,
                      harm_assessment=plain(self.harm), channel=self.channel.currentText().strip() or None)
        return partial(services.disclosures.record, case_id, **kwargs)
