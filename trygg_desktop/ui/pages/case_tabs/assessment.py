"""Kartläggning: assessments with their domain × risk/protection grid, the young
person's and the guardians' views, instrument references (ESTER/SAVRY), and the
kind-specific restricted records (see ``risk.py``)."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ....domain import vocab
from ....domain.access import Act, Rec
from ....domain.timefmt import fmt_date
from ....api.results import AssessmentDTO, AssessmentItemDTO, CaseDetail
from .common import (CaseTab, Column, DtoTableModel, group, hint_label, make_table, select_first, selected_dto,
                     value_label)
from .risk import AvhoppareSection, TrefasSection

RISK_BG = {0: None, 1: QColor("#fff8e1"), 2: QColor("#ffe0b2"), 3: QColor("#ffcdd2")}
PROTECTION_BG = {0: None, 1: QColor("#eef7ee"), 2: QColor("#d5ecd8"), 3: QColor("#b9dfbf")}


class AssessmentTab(CaseTab):
    def __init__(self, page) -> None:
        super().__init__(page)
        self.new_button = self.button(self.tr("&New kartläggning…"), page.new_assessment)
        self.instrument_button = self.button(self.tr("Add &instrument reference…"), page.add_instrument)
        self.layout_.addLayout(self.button_row(self.new_button, self.instrument_button))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(0, 0, 4, 0)
        scroll.setWidget(body)
        self.layout_.addWidget(scroll)

        self.trefas = TrefasSection(self)
        self.avhoppare = AvhoppareSection(self)
        self.body.addWidget(self.trefas)
        self.body.addWidget(self.avhoppare)

        box, layout = group(self.tr("Kartläggning"))
        self.assessments = DtoTableModel([
            Column(self.tr("Date"), lambda a: fmt_date(a.assessed_on), sort_key=lambda a: a.assessed_on, width=100),
            Column(self.tr("Agency"), lambda a: vocab.AGENCIES.label(a.owning_agency), width=120),
            Column(self.tr("Visibility"), lambda a: vocab.VISIBILITY.label(a.visibility), width=160),
            Column(self.tr("Total risk"), lambda a: str(sum(i.risk for i in a.items)),
                   sort_key=lambda a: sum(i.risk for i in a.items), width=90),
            Column(self.tr("Total protection"), lambda a: str(sum(i.protection for i in a.items)),
                   sort_key=lambda a: sum(i.protection for i in a.items), width=110),
            Column(self.tr("Summary"), lambda a: (a.note or "").replace("\n", " "), stretch=True),
        ], self)
        self.view = make_table(self.assessments, self.tr("Assessments"), sort_column=0, descending=True, min_rows=1,
                               fit_rows=5)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        layout.addWidget(self.view)
        self.empty = hint_label(self.tr(
            "No kartläggning yet. Map risk and protection per domain before the network meeting."))
        layout.addWidget(self.empty)
        detail_row = QHBoxLayout()
        self.items = DtoTableModel([
            Column(self.tr("Domain"), lambda i: vocab.ASSESSMENT_DOMAINS.label(i.domain), width=150),
            Column(self.tr("Risk"), lambda i: str(i.risk), width=55, background=lambda i: RISK_BG.get(i.risk)),
            Column(self.tr("Protection"), lambda i: str(i.protection), width=75,
                   background=lambda i: PROTECTION_BG.get(i.protection)),
            Column(self.tr("Source"), lambda i: vocab.AGENCIES.label(i.source_agency), width=100),
            Column(self.tr("Note"), lambda i: i.note or "", stretch=True),
        ], self)
        self.item_view = make_table(self.items, self.tr("Risk and protection per domain"), sortable=False,
                                    min_rows=len(vocab.ASSESSMENT_DOMAINS), fit_rows=len(vocab.ASSESSMENT_DOMAINS))
        detail_row.addWidget(self.item_view, 3)
        views = QFormLayout()
        self.youth_view = value_label()
        self.guardian_view = value_label()
        for caption, value in ((self.tr("The young person's view:"), self.youth_view),
                               (self.tr("The guardians' view:"), self.guardian_view)):
            label = QLabel(caption)
            label.setStyleSheet("font-weight:600;")
            views.addRow(label)
            views.addRow(value)
        views_box = QWidget()
        views_box.setLayout(views)
        detail_row.addWidget(views_box, 2)
        self.detail_box = QWidget()
        self.detail_box.setLayout(detail_row)
        layout.addWidget(self.detail_box)
        self.body.addWidget(box)

        box, layout = group(self.tr("Instruments (ESTER, SAVRY)"))
        self.instruments = DtoTableModel([
            Column(self.tr("Date"), lambda i: fmt_date(i.assessed_on), sort_key=lambda i: i.assessed_on, width=100),
            Column(self.tr("Instrument"), lambda i: vocab.INSTRUMENTS.label(i.instrument), width=140),
            Column(self.tr("Assessor"), lambda i: i.assessor, width=160),
            Column(self.tr("Overall risk"), lambda i: i.overall_risk or "", width=100),
            Column(self.tr("Agency"), lambda i: vocab.AGENCIES.label(i.owning_agency), width=110),
            Column(self.tr("Summary"), lambda i: (i.summary or "").replace("\n", " "), stretch=True),
        ], self)
        self.instrument_view = make_table(self.instruments, self.tr("Instrument references"), sort_column=0,
                                          descending=True, min_rows=1, fit_rows=5)
        layout.addWidget(self.instrument_view)
        self.instruments_empty = hint_label(self.tr(
            "No instrument results. ESTER and SAVRY results are referenced here with date and assessor."))
        layout.addWidget(self.instruments_empty)
        self.body.addWidget(box)
        self.body.addStretch(1)

    def selected(self) -> AssessmentDTO | None:
        return selected_dto(self.view)

    def _selected(self, *_args) -> None:
        a = self.selected()
        self.detail_box.setVisible(a is not None)
        if a is None:
            self.items.clear()
            self.youth_view.clear()
            self.guardian_view.clear()
            return
        order = {code: i for i, code in enumerate(vocab.ASSESSMENT_DOMAINS.codes)}
        rows: list[AssessmentItemDTO] = sorted(a.items, key=lambda i: order.get(i.domain, 99))
        self.items.set_rows(rows)
        self.youth_view.setText(a.youth_view or self.tr("Not recorded"))
        self.guardian_view.setText(a.guardian_view or self.tr("Not recorded"))

    def fill(self, detail: CaseDetail) -> None:
        super().fill(detail)
        kind = detail.summary.kind
        self.trefas.setVisible(kind == "TREFAS")
        self.avhoppare.setVisible(kind == "AVHOPPARE")
        if kind == "TREFAS":
            self.trefas.fill(detail)
        elif kind == "AVHOPPARE":
            self.avhoppare.fill(detail)
        may_add = self.ctx.can(Act.CREATE, Rec.ASSESSMENT)
        self.new_button.setVisible(may_add)
        self.instrument_button.setVisible(may_add)
        self.assessments.set_rows(detail.assessments)
        self.view.setVisible(bool(detail.assessments))
        self.empty.setVisible(not detail.assessments)
        select_first(self.view)
        self._selected()
        self.instruments.set_rows(detail.instruments)
        self.instrument_view.setVisible(bool(detail.instruments))
        self.instruments_empty.setVisible(not detail.instruments)

    def clear(self) -> None:
        super().clear()
        self.trefas.clear()
        self.avhoppare.clear()
        self.assessments.clear()
        self.items.clear()
        self.instruments.clear()
        self.youth_view.clear()
        self.guardian_view.clear()
