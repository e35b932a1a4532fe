"""The referral (aktualisering) page of the new-case wizard: DOMAIN 1.3's fields.

Kind and unit follow the user's roles and units (a case is registered only in
one's own unit, in a unit that handles that kind); the orosanmälan question is
shown prominently with the reminder that consent never replaces the duty to
report concern for a child.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFormLayout, QFrame, QGridLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QVBoxLayout, QWidget, QWizardPage)

from ...domain import vocab
from ...api.inputs import Referral
from ...api.results import UnitDTO
from ..widgets.banner import Banner

if TYPE_CHECKING:
    from ..pages.base import Context

MAX_DESCRIPTION = 100_000


def allowed_kinds(roles: frozenset[str]) -> list[str]:
    """Coordinators register cases of their kind; case workers (HANDLAGGARE) may register SSPF."""
    kinds = [kind for kind, role in vocab.COORDINATOR_ROLE_FOR_KIND.items() if role in roles]
    if "HANDLAGGARE" in roles and "SSPF" not in kinds:
        kinds.insert(0, "SSPF")
    return [k for k in vocab.CASE_KINDS.codes if k in kinds]


class ReferralPage(QWizardPage):
    def __init__(self, ctx: "Context", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.units: list[UnitDTO] = []
        self.today: date = ctx.services.today or date.today()
        self.setTitle(self.tr("Referral"))
        self.setSubTitle(self.tr("Who referred the person, and what is the concern?"))
        outer = QVBoxLayout(self)
        self.banner = Banner(self)
        outer.addWidget(self.banner)
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(18)
        outer.addLayout(grid, 1)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        grid.addLayout(self.form, 0, 0)
        self._build_fields()
        grid.addLayout(self._build_concerns(), 0, 1)
        outer.addWidget(self._build_orosanmalan())
        description_label = QLabel(self.tr("&Description of the concern:"))
        self.description = QPlainTextEdit()
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(60)
        self.description.setMaximumHeight(130)
        description_label.setBuddy(self.description)
        outer.addWidget(description_label)
        outer.addWidget(self.description)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        for kind in allowed_kinds(ctx.actor.roles):
            self.kind.addItem(vocab.CASE_KINDS.label(kind), kind)

    # -- construction ----------------------------------------------------------------
    def _row(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        self.form.addRow(label, widget)
        return label

    def _build_fields(self) -> None:
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of case"))
        self.unit = QComboBox()
        self.unit.setAccessibleName(self.tr("Unit"))
        self.area = QComboBox()
        self.area.setEditable(True)
        self.area.setAccessibleName(self.tr("Area"))
        self.referral_date = QDateEdit(QDate(self.today))
        self.referral_date.setDisplayFormat("yyyy-MM-dd")
        self.referral_date.setCalendarPopup(True)
        self.referral_date.setMaximumDate(QDate(self.today))
        self.referral_date.setAccessibleName(self.tr("Referral date"))
        self.agency = QComboBox()
        self.agency.setAccessibleName(self.tr("Referring agency"))
        self.agency.addItem(self.tr("(not given)"), None)
        for term in vocab.AGENCIES:
            self.agency.addItem(term.sv, term.code)
        self.referrer = QLineEdit()
        self.referrer.setAccessibleName(self.tr("Referring person"))
        self.referrer.setPlaceholderText(self.tr("Name and title"))
        self.urgency = QComboBox()
        self.urgency.setAccessibleName(self.tr("Urgency"))
        for term in vocab.URGENCY:
            self.urgency.addItem(term.sv, term.code)
        self.environment = QComboBox()
        self.environment.setAccessibleName(self.tr("Environment"))
        self.environment.addItem(self.tr("(choose)"), None)
        for term in vocab.CASE_ENVIRONMENTS:
            self.environment.addItem(term.sv, term.code)
        self._row(self.tr("&Kind of case:"), self.kind)
        self._row(self.tr("&Unit:"), self.unit)
        self._row(self.tr("&Area:"), self.area)
        self._row(self.tr("Referral &date:"), self.referral_date)
        self._row(self.tr("Referring a&gency:"), self.agency)
        self._row(self.tr("Referring &person:"), self.referrer)
        self._row(self.tr("U&rgency:"), self.urgency)
        self._row(self.tr("&Environment:"), self.environment)

    def _build_concerns(self) -> QVBoxLayout:
        box = QVBoxLayout()
        label = QLabel(self.tr("Grounds for &concern:"))
        self.concerns = QListWidget()
        self.concerns.setAccessibleName(self.tr("Grounds for concern"))
        self.concerns.setWordWrap(True)
        self.concerns.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for term in vocab.REFERRAL_CONCERNS:
            item = QListWidgetItem(term.sv)
            item.setData(Qt.ItemDataRole.UserRole, term.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.concerns.addItem(item)
        self.concerns.itemActivated.connect(self._toggle_item)
        label.setBuddy(self.concerns)
        box.addWidget(label)
        box.addWidget(self.concerns, 1)
        return box

    def _build_orosanmalan(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("orosanmalan")
        frame.setStyleSheet("QFrame#orosanmalan{background:#fff4d6; border:1px solid #e6c66e; border-radius:4px;}")
        layout = QFormLayout(frame)
        self.orosanmalan = QComboBox()
        self.orosanmalan.setAccessibleName(self.tr("Report of concern (orosanmälan)"))
        for term in vocab.OROSANMALAN:
            self.orosanmalan.addItem(term.sv, term.code)
        self.orosanmalan.setCurrentIndex(self.orosanmalan.findData("OKANT"))
        question = QLabel(self.tr("Has a report of concern (&orosanmälan) been made, or is one needed?"))
        question.setStyleSheet("font-weight:600; color:#5c4100;")
        question.setWordWrap(True)
        question.setBuddy(self.orosanmalan)
        layout.addRow(question, self.orosanmalan)
        hint = QLabel(self.tr("Consent to SSPF does not replace the duty to report concern for a child to social "
                              "services."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#5c4100;")
        layout.addRow(hint)
        return frame

    # -- behaviour ----------------------------------------------------------------------
    def show_banner(self, text: str, kind: str = "error") -> None:
        self.banner.show_message(text, kind)

    def set_units(self, units: list[UnitDTO]) -> None:
        self.units = list(units)
        areas = sorted({u.area for u in units if u.area})
        current = self.area.currentText()
        self.area.clear()
        self.area.addItems(areas)
        self.area.setEditText(current)
        self._kind_changed()
        if self.kind.count() == 0:
            self.show_banner(self.tr("Your role cannot register new cases."), "warning")

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        mine = [u for u in self.units if u.id in self.ctx.actor.unit_ids and u.case_kind in (None, kind)]
        self.unit.blockSignals(True)
        self.unit.clear()
        for u in mine:
            self.unit.addItem(u.name, u.id)
        self.unit.blockSignals(False)
        self._unit_changed()
        self.form.setRowVisible(self.environment, kind == "AVHOPPARE")
        if kind is not None and self.units and not mine:
            self.show_banner(self.tr("You are not a member of a unit that handles this kind of case."), "warning")
        else:
            self.banner.clear()
        self.completeChanged.emit()

    def _unit_changed(self) -> None:
        unit = self.selected_unit()
        self.area.setEditText((unit.area or "") if unit else "")
        self.completeChanged.emit()

    def _toggle_item(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def selected_unit(self) -> UnitDTO | None:
        unit_id = self.unit.currentData()
        return next((u for u in self.units if u.id == unit_id), None)

    def set_concerns(self, codes: set[str]) -> None:
        for i in range(self.concerns.count()):
            item = self.concerns.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in codes
                               else Qt.CheckState.Unchecked)

    def checked_concerns(self) -> tuple[str, ...]:
        return tuple(self.concerns.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.concerns.count())
                     if self.concerns.item(i).checkState() == Qt.CheckState.Checked)

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.kind.currentData() is not None and self.unit.currentData() is not None

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        problem = None
        if self.referral_date.date().toPython() > self.today:
            problem, widget = self.tr("The referral date is in the future."), self.referral_date
        elif self.kind.currentData() == "AVHOPPARE" and self.environment.currentData() is None:
            problem, widget = self.tr("Choose the environment the person is leaving."), self.environment
        elif len(self.description.toPlainText()) > MAX_DESCRIPTION:
            problem, widget = self.tr("The description is too long."), self.description
        if problem:
            self.show_banner(problem, "error")
            widget.setFocus()
            return False
        return True

    def referral(self, person_id: int) -> Referral:
        kind = self.kind.currentData()
        return Referral(
            kind=kind, person_id=person_id, unit_id=self.unit.currentData(),
            referral_date=self.referral_date.date().toPython(), area=self.area.currentText().strip() or None,
            referring_agency=self.agency.currentData(), referring_person=self.referrer.text().strip() or None,
            concerns=self.checked_concerns(), description=self.description.toPlainText().strip() or None,
            urgency=self.urgency.currentData(), orosanmalan=self.orosanmalan.currentData(),
            environment=self.environment.currentData() if kind == "AVHOPPARE" else None)
