"""Översikt: the referral, the young person and guardians, follow-up date,
responsible worker and assignments, closure and the status history.

Address, school and contact details of a person with protected identity (and of a
protected child's guardians) arrive as None with ``details_hidden``: the tab says they
are hidden and offers "Show", enabled only for the readers the service would answer
(``CaseDetail.may_reveal_protected``). Showing asks the service (one audited call per
person) and keeps the answer for this view only: the next fill, a refresh or a lock
hides them again."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFormLayout, QGridLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout,
                               QWidget)

from ....domain import vocab
from ....domain.consent import age_on
from ....domain.access import Act, Rec
from ....domain.lifecycle import CASE_MACHINES
from ....domain.timefmt import fmt_date, fmt_instant
from ....api.results import CaseDetail, GuardianDTO, PersonDTO, StatusChangeDTO
from ...errors import show_error
from ...tasks import QueryOp
from ...widgets.forms import with_button
from ...clipboard import not_selectable
from .common import (RED, CaseTab, Column, DtoTableModel, group, hint_label, labels, make_table,
                     value_label)


class OverviewTab(CaseTab):
    def __init__(self, page) -> None:
        super().__init__(page)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 4, 0)
        scroll.setWidget(body)
        self.layout_.addWidget(scroll)
        self.values: dict[str, QLabel] = {}
        # Protected details shown on request, for this view only (person id → the answer).
        self.revealed: dict[int, PersonDTO] = {}

        referral, ref_layout = group(self.tr("Referral"))
        self.referral_form = self._form(ref_layout, [
            ("referral_date", self.tr("Referral date:")), ("referring_agency", self.tr("Referring agency:")),
            ("referring_person", self.tr("Referred by:")), ("concerns", self.tr("Concerns:")),
            ("urgency", self.tr("Urgency:")), ("orosanmalan", self.tr("Report of concern:")),
            ("environment", self.tr("Environment:")), ("description", self.tr("Description:"))])
        grid.addWidget(referral, 0, 0)

        person, person_layout = group(self.tr("Young person"))
        self.person_box = person   # "Person" for an adult (TREFAS and avhoppare are mostly adults)
        self.person_form = self._form(person_layout, [
            ("pnr", self.tr("Personal identity number:")), ("birth", self.tr("Born:")),
            ("gender", self.tr("Legal gender:")), ("school", self.tr("School and class:")),
            ("address", self.tr("Address:")), ("phone", self.tr("Phone:")), ("email", self.tr("E-mail:"))])
        not_selectable(*(self.values[k] for k in ("pnr", "address", "phone", "email")))
        self.reveal_button = self._reveal_button(
            self.tr("Sho&w"), self.tr("Show the young person's address, school and contact details"),
            self.reveal_person)
        # Why the button is disabled, in words a keyboard user reaches too (a tooltip needs a mouse).
        self.reveal_hint = hint_label()
        self.reveal_hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.reveal_row = QWidget()
        reveal_layout = QVBoxLayout(self.reveal_row)
        reveal_layout.setContentsMargins(0, 0, 0, 0)
        reveal_layout.setSpacing(2)
        reveal_layout.addLayout(self.button_row(self.reveal_button))
        reveal_layout.addWidget(self.reveal_hint)
        self.person_form.addRow("", self.reveal_row)
        self.person_form.setRowVisible(self.reveal_row, False)
        grid.addWidget(person, 0, 1)

        guardians, g_layout = group(self.tr("Guardians"))
        self.guardians_box = guardians
        self.guardians = DtoTableModel([
            Column(self.tr("Name"), lambda g: g.person.name, width=180),
            Column(self.tr("Relation"), lambda g: g.relation or "", width=110),
            Column(self.tr("Custody"), lambda g: self.tr("Yes") if g.has_custody else self.tr("No"), width=70),
            Column(self.tr("Phone"), lambda g: self._hidden_or(g, g.person.phone), width=120,
                   foreground=self._hidden_colour),
            Column(self.tr("Address"), self._guardian_address, stretch=True, foreground=self._hidden_colour),
        ], self)
        self.guardian_view = make_table(self.guardians, self.tr("Guardians"), min_rows=1, fit_rows=6)
        self.guardians_empty = hint_label(self.tr("No guardians are registered."))
        g_layout.addWidget(self.guardian_view)
        g_layout.addWidget(self.guardians_empty)
        self.reveal_guardians_button = self._reveal_button(
            self.tr("Show guardians' &details"), self.tr("Show the guardians' address and contact details"),
            self.reveal_guardians)
        self.reveal_guardians_button.hide()
        self.reveal_guardians_hint = hint_label()
        self.reveal_guardians_hint.hide()
        g_layout.addLayout(self.button_row(self.reveal_guardians_button))
        g_layout.addWidget(self.reveal_guardians_hint)
        grid.addWidget(guardians, 1, 0, 1, 2)

        work, w_layout = group(self.tr("Follow-up and responsibility"))
        form = QFormLayout()
        w_layout.addLayout(form)
        self.values["responsible"] = value_label()
        self.values["follow_up"] = value_label()
        self.values["closure"] = value_label()
        self.assign_button = QPushButton(self.tr("&Assign user…"))
        self.assign_button.clicked.connect(lambda: self.page.assign_user())
        self.follow_up_button = QPushButton(self.tr("Set &follow-up date…"))
        self.follow_up_button.clicked.connect(lambda: self.page.set_follow_up())
        self.linked_button = QPushButton(self.tr("Open &linked case"))
        self.linked_button.clicked.connect(lambda: self.page.open_linked_case())
        form.addRow(self.tr("Responsible:"), with_button(self.values["responsible"], self.assign_button))
        form.addRow(self.tr("Follow-up date:"), with_button(self.values["follow_up"], self.follow_up_button))
        self.closure_caption = QLabel(self.tr("Closed:"))
        form.addRow(self.closure_caption, self.values["closure"])
        self.linked_caption = QLabel(self.tr("Linked case:"))
        form.addRow(self.linked_caption, self.linked_button)
        self.work_form = form
        grid.addWidget(work, 2, 0, 1, 2)

        history, h_layout = group(self.tr("Status history"))
        self.history = DtoTableModel([
            Column(self.tr("Date"), lambda s: fmt_instant(s.changed_at), sort_key=lambda s: s.changed_at, width=130),
            Column(self.tr("From"), lambda s: self._status(s.from_status), width=150),
            Column(self.tr("To"), lambda s: self._status(s.to_status), width=150),
            Column(self.tr("Reason"), self._reason, width=220),
            Column(self.tr("By"), lambda s: self.session.user_name(s.changed_by), stretch=True),
        ], self)
        self.history_view = make_table(self.history, self.tr("Status history"), sort_column=0, descending=True,
                                       min_rows=2, fit_rows=12)
        h_layout.addWidget(self.history_view)
        grid.addWidget(history, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(4, 1)

    # -- building blocks ------------------------------------------------------
    def _form(self, layout, rows: list[tuple[str, str]]) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, caption in rows:
            self.values[key] = value_label()
            self.values[key].setAccessibleName(caption.rstrip(":"))
            form.addRow(caption, self.values[key])
        layout.addLayout(form)
        layout.addStretch(1)
        return form

    def _reveal_button(self, text: str, accessible: str, slot) -> QPushButton:
        button = self.button(text, slot, accessible)
        button.setStyleSheet("QPushButton{color:#7a1010;} QPushButton:disabled{color:#8a8d91;}")
        return button

    def _protected_text(self) -> str:
        return self.tr("Hidden (protected identity)")

    def _reveal_tooltip(self, allowed: bool) -> str:
        if allowed:
            return self.tr("Shows them in this view only, until the case is read again. Showing them is logged.")
        return self.tr("Only the case's responsible worker or the unit's coordinator, in the agency that owns the "
                       "case, may show protected details.")

    # -- protected details shown on request -------------------------------------
    def shown_person(self) -> PersonDTO | None:
        if self.detail is None:
            return None
        p = self.detail.person
        return self.revealed.get(p.id, p)

    def shown_guardians(self) -> tuple[GuardianDTO, ...]:
        if self.detail is None:
            return ()
        return tuple(replace(g, person=self.revealed[g.person.id]) if g.person.id in self.revealed else g
                     for g in self.detail.guardians)

    def reveal_person(self) -> None:
        person = self.shown_person()
        if person is not None and person.details_hidden and self.detail is not None:
            self._reveal([person.id])

    def reveal_guardians(self) -> None:
        self._reveal([g.person.id for g in self.shown_guardians() if g.person.details_hidden])

    def _reveal(self, person_ids: list[int]) -> None:
        """One audited service call per person; the answers live in this view only."""
        if self.detail is None or not self.detail.may_reveal_protected or not person_ids:
            return
        case_id, persons = self.detail.summary.id, self.ctx.services.persons
        QueryOp(lambda: [persons.reveal_protected(pid, case_id=case_id) for pid in person_ids]) \
            .success(lambda shown: self._revealed(case_id, shown)) \
            .failure(lambda exc: show_error(self.page, exc)).run(self.ctx.executor)

    def _revealed(self, case_id: int, shown: list[PersonDTO]) -> None:
        if self.detail is None or self.detail.summary.id != case_id:
            return  # another case was opened meanwhile: the answer is not for this view
        for person in shown:
            self.revealed[person.id] = person
        self._show_person()
        self._show_guardians()
        self.session.show_revealed(bool(self.revealed))

    @staticmethod
    def _hidden_colour(g: GuardianDTO) -> str | None:
        return "#7a1010" if g.person.details_hidden else None

    def _hidden_or(self, g: GuardianDTO, value: str | None) -> str:
        return self._protected_text() if g.person.details_hidden else (value or "")

    def _guardian_address(self, g: GuardianDTO) -> str:
        p = g.person
        if p.details_hidden:
            return self._protected_text()
        return ", ".join(x for x in (p.address, " ".join(y for y in (p.postal_code, p.city) if y)) if x)

    def _status(self, code: str | None) -> str:
        if code is None or self.detail is None:
            return ""
        return vocab.CASE_STATUSES[self.detail.summary.kind].label(code)

    def _reason(self, s: StatusChangeDTO) -> str:
        if s.reason is None or self.detail is None:
            return ""
        return vocab.CLOSURE_REASONS[self.detail.summary.kind].label(s.reason)

    # -- fill / clear ---------------------------------------------------------
    def fill(self, detail: CaseDetail) -> None:
        super().fill(detail)
        s, p, v = detail.summary, detail.person, self.values
        v["referral_date"].setText(fmt_date(s.referral_date))
        v["referring_agency"].setText(vocab.AGENCIES.label(detail.referring_agency) if detail.referring_agency else "")
        v["referring_person"].setText(detail.referring_person or "")
        v["concerns"].setText(labels(vocab.REFERRAL_CONCERNS, detail.concerns))
        v["urgency"].setText(vocab.URGENCY.label(detail.urgency))
        v["urgency"].setStyleSheet(f"color:{RED.name()}; font-weight:600;" if detail.urgency == "AKUT" else "")
        v["orosanmalan"].setText(vocab.OROSANMALAN.label(detail.orosanmalan))
        v["orosanmalan"].setStyleSheet(
            "background:#fde8e8; color:#7a1010; font-weight:600; padding:2px 6px; border-radius:3px;"
            if detail.orosanmalan == "BEHOVS" else "")
        v["environment"].setText(detail.environment or "")
        self.referral_form.setRowVisible(v["environment"], bool(detail.environment))
        v["description"].setText(detail.description or "")
        self.revealed = {}   # a new answer from the service: nothing stays shown
        v["pnr"].setText(p.pnr or p.reserve_id or "")
        v["birth"].setText(fmt_date(p.birth_date))
        v["gender"].setText(vocab.LEGAL_GENDER.label(p.legal_gender))
        for key in ("referral_date", "referring_agency", "referring_person", "concerns", "description", "pnr",
                    "birth"):
            if not v[key].text():
                v[key].setText("–")  # a dash says "not recorded"; an empty cell looks unfinished
        self._show_person()
        self._show_guardians()
        v["responsible"].setText(self.session.user_name(s.responsible_user_id))
        v["follow_up"].setText(fmt_date(s.follow_up_date) if s.follow_up_date else self.tr("No follow-up date"))
        closed = detail.closed_at is not None
        if closed:
            reason = (vocab.CLOSURE_REASONS[s.kind].label(detail.closure_reason) if detail.closure_reason else "")
            v["closure"].setText(" – ".join(x for x in (fmt_date(detail.closed_at), reason, detail.closure_note) if x))
        self.work_form.setRowVisible(self.values["closure"], closed)
        self.work_form.setRowVisible(self.linked_button, detail.linked_case_id is not None)
        may_update = self.ctx.can(Act.UPDATE, Rec.CASE) and not CASE_MACHINES[s.kind].is_terminal(s.status)
        self.assign_button.setVisible(may_update)
        self.follow_up_button.setVisible(may_update)
        self.history.set_rows(detail.status_history)

    def _show_person(self) -> None:
        p, v = self.shown_person(), self.values
        if p is None or self.detail is None:
            return
        keys = ("school", "address", "phone", "email")
        if p.details_hidden:
            for key in keys:
                v[key].setText(self._protected_text())
                v[key].setStyleSheet("color:#7a1010; font-style:italic;")
        else:
            v["school"].setText(" – ".join(x for x in (p.school, p.school_class) if x))
            v["address"].setText(", ".join(x for x in (p.address, " ".join(
                y for y in (p.postal_code, p.city) if y)) if x))
            v["phone"].setText(p.phone or "")
            v["email"].setText(p.email or "")
            for key in keys:
                v[key].setStyleSheet("")
                if not v[key].text():
                    v[key].setText("–")
        # An adult's school is asked for only when one is registered (adult education, say).
        self.person_form.setRowVisible(v["school"], not self._adult() or bool(
            not p.details_hidden and (p.school or p.school_class)))
        allowed = self.detail.may_reveal_protected
        self.person_form.setRowVisible(self.reveal_row, p.details_hidden)
        self.reveal_button.setEnabled(allowed)
        self.reveal_button.setToolTip(self._reveal_tooltip(allowed))
        self.reveal_button.setAccessibleDescription(self._reveal_tooltip(allowed))
        self.reveal_hint.setText("" if allowed else self._reveal_tooltip(False))
        self.reveal_hint.setVisible(not allowed)

    def _adult(self) -> bool:
        """TREFAS and avhoppare are mostly adults: no "young person", guardians or school for them."""
        birth = self.detail.person.birth_date if self.detail is not None else None
        return birth is not None and age_on(birth, self.session.today()) >= vocab.ADULT_AGE

    def _show_guardians(self) -> None:
        guardians = self.shown_guardians()
        # An adult has no guardians to register: the box is shown only when some are (or for a minor).
        adult = self._adult()
        self.person_box.setTitle(self.tr("Person") if adult else self.tr("Young person"))
        self.guardians_box.setVisible(bool(guardians) or not adult)
        self.guardians.set_rows(guardians)
        self.guardian_view.setVisible(bool(guardians))
        self.guardians_empty.setVisible(not guardians)
        allowed = self.detail is not None and self.detail.may_reveal_protected
        hidden = any(g.person.details_hidden for g in guardians)
        self.reveal_guardians_button.setVisible(hidden)
        self.reveal_guardians_button.setEnabled(allowed)
        self.reveal_guardians_button.setToolTip(self._reveal_tooltip(allowed))
        self.reveal_guardians_button.setAccessibleDescription(self._reveal_tooltip(allowed))
        person = self.shown_person()
        person_hint = person is not None and person.details_hidden   # the reason already stands there
        self.reveal_guardians_hint.setText("" if allowed else self._reveal_tooltip(False))
        self.reveal_guardians_hint.setVisible(hidden and not allowed and not person_hint)

    def clear(self) -> None:
        super().clear()
        self.revealed = {}
        for label in self.values.values():
            label.clear()
            label.setStyleSheet("")
        self.person_form.setRowVisible(self.reveal_row, False)
        self.reveal_guardians_button.hide()
        self.reveal_guardians_hint.hide()
        self.guardians.clear()
        self.history.clear()
