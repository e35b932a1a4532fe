"""Gallring page: the due list (dry run), the approval, the rules, legal holds, the disposal log.

Shown to roles that may READ gallring metadata (archive manager, system admin).
Nothing here is case content: references, kinds, dates, rules and row counts. The
service decides and audits; this page only mirrors capabilities to enable buttons.
Approval disposes every due record that is not held, after a confirmation that
states the count and that it cannot be undone — a case that must survive is given
a legal hold first (the one way to take a record out of a run).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
                               QTableView, QTabWidget, QVBoxLayout, QWidget)

from ...domain.timefmt import local
from ...domain import vocab
from ...domain.access import Act, Rec
from ...api.changes import Topic, changes_of
from ...api.results import DisposalResult, DueRecord, LegalHoldDTO
from ..dialogs.earchive_dialog import EArchiveDialog, candidates_from_due
from ..dialogs.retention_dialogs import LegalHoldDialog, hold_error_text
from ..errors import error_text
from ..models.retention_rules import COL_SOURCE, RulesModel
from ..models.simple_table import ROW_ROLE, Column, DtoTableModel, apply_list_style, setup_table_view, sorting_proxy
from ..tasks import MutationOp
from .base import Page

GREY, RED = "#666666", "#a01010"


def _rule_text(years: int, start_event: str) -> str:
    return f"{years} år, {vocab.RETENTION_START_EVENTS.label(start_event).lower()}"


class RetentionPage(Page):
    title = QT_TRANSLATE_NOOP("MainWindow", "Gallring")
    cares_about = frozenset({Topic.RETENTION, Topic.CASES})

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.confirm_box: QMessageBox | None = None
        self.hold_dialog: LegalHoldDialog | None = None
        self.last_result: DisposalResult | None = None
        heading = QLabel(self.tr("Gallring"))
        heading.setStyleSheet("font-size:15pt; font-weight:600;")
        self.root.addWidget(heading)
        intro = QLabel(self.tr("Records whose retention time has run out, the rules that decide it, legal holds "
                               "and the log of what was disposed. Only references, dates and rules are shown, "
                               "never case content. Hand the cases over to the e-archive before approving."))
        intro.setWordWrap(True)
        intro.setStyleSheet("color:#555;")
        self.root.addWidget(intro)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Gallring"))
        self.tabs.addTab(self._due_tab(), self.tr("&Due for disposal"))
        self.tabs.addTab(self._rules_tab(), self.tr("&Rules"))
        self.tabs.addTab(self._holds_tab(), self.tr("&Legal holds"))
        self.tabs.addTab(self._log_tab(), self.tr("Disposal lo&g"))
        self.root.addWidget(self.tabs, 1)

    # -- tabs -----------------------------------------------------------------
    def _due_tab(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        bar = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        bar.addWidget(self.summary, 1)
        self.approve_button = QPushButton(self.tr("&Approve and dispose…"))
        self.approve_button.clicked.connect(self.approve)
        self.approve_button.setVisible(self.ctx.can(Act.APPROVE, Rec.RETENTION))
        bar.addWidget(self.approve_button)
        # The hand-over to the e-archive comes before disposal (DOMAIN.md 6.5).
        self.earchive_button = QPushButton(self.tr("Export for &e-archive…"))
        self.earchive_button.setVisible(self.ctx.can(Act.EXPORT, Rec.RETENTION)
                                        and self.ctx.services.local_file is not None)  # a file on this PC only
        self.earchive_button.clicked.connect(self.export_earchive)
        bar.addWidget(self.earchive_button)
        v.addLayout(bar)
        self.due_model = DtoTableModel([
            Column(self.tr("Case"), lambda d: d.case_ref, bold=lambda d: d.blocked_by is None),
            Column(self.tr("Type"), lambda d: vocab.RETENTION_RECORD_TYPES.label(d.record_type)),
            Column(self.tr("Closed"), lambda d: d.closed_at),
            Column(self.tr("Last entry"), lambda d: d.last_entry),
            Column(self.tr("Rule"), lambda d: _rule_text(d.rule_years, d.rule_start_event)),
            Column(self.tr("Due date"), lambda d: d.due_date),
            Column(self.tr("Dispose by"), lambda d: d.deadline,
                   foreground=lambda d: RED if d.overdue and not d.blocked_by else None,
                   tooltip=lambda d: self.tr("Past the statutory deadline") if d.overdue else None),
            Column(self.tr("E-archive"), lambda d: local(d.archived_at).date() if d.archived_at else self.tr("Not handed over"),
                   foreground=lambda d: None if d.archived_at or d.blocked_by else "#8a5a00"),
            Column(self.tr("Status"), self._status, stretch=True,
                   foreground=lambda d: GREY if d.blocked_by else None),
        ], parent=self)
        self.due_view = QTableView()
        setup_table_view(self.due_view, sorting_proxy(self.due_model, self), self.tr("Records due for disposal"))
        v.addWidget(self.due_view, 1)
        self.due_empty = QLabel(self.tr("Nothing is due for disposal today."))
        self.due_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.due_empty.setStyleSheet("color:#555; padding:24px;")
        v.addWidget(self.due_empty)
        return box

    def _status(self, d: DueRecord) -> str:
        if d.blocked_by:
            return self.tr("Kept: %1").replace("%1", vocab.RETENTION_BLOCKS.label(d.blocked_by))
        return self.tr("To be disposed")

    def _rules_tab(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        note = QLabel(self.tr("Years count from the event shown. Cases are disposed as a whole; consents and "
                              "protocols can also be disposed on their own while a case is open. The audit log is "
                              "kept: this version does not dispose of it."))
        note.setWordWrap(True)
        note.setStyleSheet("color:#555;")
        v.addWidget(note)
        self.rules_model = RulesModel(self)
        self.rules_model.editable = self.ctx.can(Act.UPDATE, Rec.RETENTION)
        self.rules_model.dataChanged.connect(lambda *_a: self._update_rule_buttons())
        self.rules_view = QTableView()
        self.rules_view.setModel(self.rules_model)
        self.rules_view.setAccessibleName(self.tr("Retention rules"))
        apply_list_style(self.rules_view)
        self.rules_view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked |
                                        QAbstractItemView.EditTrigger.EditKeyPressed |
                                        QAbstractItemView.EditTrigger.SelectedClicked)
        header = self.rules_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SOURCE, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        v.addWidget(self.rules_view, 1)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.revert_button = QPushButton(self.tr("Re&vert"))
        self.revert_button.clicked.connect(self.refresh)
        self.save_button = QPushButton(self.tr("&Save rules"))
        self.save_button.clicked.connect(self.save)
        for button in (self.revert_button, self.save_button):
            button.setVisible(self.rules_model.editable)
            bar.addWidget(button)
        v.addLayout(bar)
        self._update_rule_buttons()
        return box

    def _holds_tab(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.set_hold_button = QPushButton(self.tr("&Set legal hold…"))
        self.set_hold_button.clicked.connect(self.set_hold)
        self.clear_hold_button = QPushButton(self.tr("Li&ft legal hold…"))
        self.clear_hold_button.clicked.connect(self.clear_hold)
        self.set_hold_button.setVisible(self.ctx.can(Act.UPDATE, Rec.RETENTION))
        self.clear_hold_button.setVisible(self.ctx.can(Act.APPROVE, Rec.RETENTION))
        for button in (self.set_hold_button, self.clear_hold_button):
            bar.addWidget(button)
        v.addLayout(bar)
        self.holds_model = DtoTableModel([
            Column(self.tr("Case"), lambda h: h.case_ref),
            Column(self.tr("Set by"), lambda h: h.set_by),
            Column(self.tr("Set"), lambda h: h.set_at),
            Column(self.tr("Reason"), lambda h: h.reason, stretch=True),
        ], parent=self, text_tooltips=True)
        self.holds_view = QTableView()
        setup_table_view(self.holds_view, sorting_proxy(self.holds_model, self), self.tr("Legal holds"))
        self.holds_view.selectionModel().selectionChanged.connect(lambda *_a: self._update_hold_buttons())
        v.addWidget(self.holds_view, 1)
        self._update_hold_buttons()
        return box

    def _log_tab(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        self.log_model = DtoTableModel([
            Column(self.tr("Disposed"), lambda e: e.executed_at),
            Column(self.tr("Case"), lambda e: e.record_ref),
            Column(self.tr("Type"), lambda e: vocab.RETENTION_RECORD_TYPES.label(e.record_type)),
            Column(self.tr("Closed"), lambda e: e.closed_at),
            Column(self.tr("Last entry"), lambda e: e.last_entry),
            Column(self.tr("Rule"), lambda e: _rule_text(e.rule_years, e.rule_start_event)),
            Column(self.tr("Due date"), lambda e: e.due_date),
            Column(self.tr("Rows"), lambda e: sum(e.counts.values()), align=Qt.AlignmentFlag.AlignRight,
                   tooltip=lambda e: ", ".join(f"{k}: {n}" for k, n in sorted(e.counts.items()))),
            Column(self.tr("Approved by"), lambda e: e.approved_by, stretch=True),
        ], parent=self)
        self.log_view = QTableView()
        setup_table_view(self.log_view, sorting_proxy(self.log_model, self), self.tr("Disposal log"))
        v.addWidget(self.log_view, 1)
        return box

    # -- data -----------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        svc = self.ctx.services.retention
        self.query(lambda: (svc.due(), svc.rules(), svc.legal_holds(), svc.disposal_log()), self._loaded)

    def _loaded(self, result) -> None:
        due, rules, holds, log = result
        self.due_model.set_rows(due)
        self.rules_model.set_rows(rules)
        self.holds_model.set_rows(holds)
        self.log_model.set_rows(log)
        self.due_view.setVisible(bool(due))
        self.due_empty.setVisible(not due)
        eligible = self.eligible()
        blocked = len(due) - len(eligible)
        overdue = sum(1 for d in eligible if d.overdue)
        text = self.tr("To be disposed: %1. Kept by a legal hold or the research sample: %2.") \
            .replace("%1", str(len(eligible))).replace("%2", str(blocked))
        if overdue:
            text += " " + self.tr("%n past the statutory deadline.", "", overdue)
        self.summary.setText(text)
        self.approve_button.setEnabled(bool(eligible))
        self._update_rule_buttons()
        self._update_hold_buttons()

    def eligible(self) -> list[DueRecord]:
        return [d for d in self.due_model.rows if not d.blocked_by]

    def clear(self) -> None:
        super().clear()
        for model in (self.due_model, self.rules_model, self.holds_model, self.log_model):
            model.clear()
        self.summary.clear()
        self.last_result = None
        for box in (self.confirm_box, self.hold_dialog):
            if box is not None:
                box.reject()
        self.confirm_box = self.hold_dialog = None

    # -- approval -------------------------------------------------------------
    def export_earchive(self) -> None:
        EArchiveDialog(self.ctx, candidates_from_due(self.due_model.rows), self).exec()

    def approve(self) -> None:
        """Confirm with the count and the irreversibility, then run the service."""
        records = self.eligible()
        if not records:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Approve disposal"),
                          self.tr("Dispose of %n record(s) for good?", "", len(records)),
                          QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(self.tr(
            "Every case listed as \"To be disposed\" is deleted with its journal, consents, meetings, plans and "
            "assessments; a person is removed from the register when no other case on them remains. This cannot "
            "be undone. The disposal log keeps only the reference, dates, rule and your name. Backups still hold "
            "the data until they rotate out."))
        not_archived = sum(1 for d in records if d.archived_at is None)
        if not_archived:
            box.setText(box.text() + "\n" + self.tr(
                "%n not handed over to the e-archive: check the document management plan first.", "",
                not_archived))
        dispose = box.addButton(self.tr("Dispose"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        keys = [d.key for d in records]
        svc = self.ctx.services.retention
        username = self.ctx.actor.username

        def answered(button) -> None:
            self.confirm_box = None
            box.deleteLater()
            if button is dispose:
                MutationOp.call(svc.run, keys, approver=username, notify=self.ctx.notify) \
                    .success(self._disposed).failure(self._failed).run(self.ctx.executor)

        box.buttonClicked.connect(answered)
        self.confirm_box = box
        box.open()

    def _disposed(self, result: DisposalResult) -> None:
        self.last_result = result
        text = self.tr("%n record(s) disposed", "", len(result.disposed)) + " " + \
            self.tr("(run %1).").replace("%1", result.run_id)
        if result.skipped:
            text += " " + self.tr("%n skipped: no longer due, or held.", "", len(result.skipped))
        self.show_banner(text, "info")

    def _failed(self, exc: BaseException) -> None:
        self.show_banner(error_text(exc), "error")

    # -- rules ----------------------------------------------------------------
    def _update_rule_buttons(self) -> None:
        changed = bool(self.rules_model.changes())
        self.save_button.setEnabled(changed)
        self.revert_button.setEnabled(changed)

    def save(self) -> None:
        changes = self.rules_model.changes()
        if not changes:
            return
        svc = self.ctx.services.retention

        def apply() -> None:
            for record_type, (years, enabled, sample) in sorted(changes.items()):
                svc.set_rule(record_type, years, enabled, research_sample=sample)

        self.mutate(apply, changes_of(svc.set_rule),
                    lambda _r: self.show_banner(self.tr("The rules were saved."), "info"))

    # -- legal holds ----------------------------------------------------------
    def selected_hold(self) -> LegalHoldDTO | None:
        rows = self.holds_view.selectionModel().selectedRows() if self.holds_view.selectionModel() else []
        if not rows:
            return None
        return rows[0].data(ROW_ROLE)

    def _update_hold_buttons(self) -> None:
        self.clear_hold_button.setEnabled(self.selected_hold() is not None)

    def set_hold(self, reference: str = "") -> LegalHoldDialog:
        dialog = LegalHoldDialog(self, reference)
        svc = self.ctx.services.retention

        def submitted(ref: str, reason: str) -> None:
            MutationOp.call(svc.set_legal_hold, ref, reason, notify=self.ctx.notify) \
                .success(lambda _h: (dialog.accept(), self.show_banner(
                    self.tr("Legal hold set on %1.").replace("%1", ref), "info"))) \
                .failure(lambda e: dialog.fail(hold_error_text(e))).run(self.ctx.executor)

        dialog.submitted = submitted
        dialog.finished.connect(lambda _r: setattr(self, "hold_dialog", None))
        self.hold_dialog = dialog
        dialog.open()
        return dialog

    def clear_hold(self) -> None:
        hold = self.selected_hold()
        if hold is None:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Lift legal hold"),
                          self.tr("Lift the legal hold on %1?").replace("%1", hold.case_ref),
                          QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(self.tr("The case can then be disposed in the next approved run if its "
                                       "retention time has run out."))
        lift = box.addButton(self.tr("Lift hold"), QMessageBox.ButtonRole.DestructiveRole)
        svc = self.ctx.services.retention

        def answered(button) -> None:
            self.confirm_box = None
            box.deleteLater()
            if button is lift:
                self.mutate(partial(svc.clear_legal_hold, hold.case_id))

        box.buttonClicked.connect(answered)
        self.confirm_box = box
        box.open()
