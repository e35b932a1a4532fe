"""Emergency access ("Nödåtkomst", break-the-glass; DOMAIN.md 6.6).

The user finds a case of their own agency by its reference or the person's
personnummer, chooses a purpose, writes a reason and opens the case READ-only.
The dialog says plainly, before anything happens, that the access is logged and
reviewed: break-the-glass works because people know it is looked at. The
services decide everything (who may, which cases, how long); the dialog only
mirrors the rules so the user is not surprised by a refusal.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QFrame, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QPushButton, QTableView, QVBoxLayout, QWidget)

from ...domain import vocab
from ...domain.emergency import GRANT_DURATION, MAX_REASON_LENGTH, MIN_REASON_LENGTH, PURPOSES
from ...api.errors import TryggError
from ...domain.timefmt import CLOCK, fmt_instant
from ...api.results import EmergencyCandidate, EmergencyGrantDTO
from ..errors import error_text
from ..models.simple_table import Column, DtoTableModel, setup_table_view
from ..tasks import MutationOp, QueryOp
from ..widgets.banner import Banner

CONTEXT = "EmergencyDialog"

# The refusals of EmergencyAccessService, in words (ui/errors.py knows the general ones).
MESSAGES = {
    "emergency.no_role": QT_TRANSLATE_NOOP(
        "EmergencyDialog", "Your role does not include case work, so emergency access is not available to you."),
    "emergency.other_agency": QT_TRANSLATE_NOOP(
        "EmergencyDialog", "Emergency access never crosses agency boundaries: this case belongs to another agency. "
                           "Ask its coordinator to connect you to the case."),
    "emergency.restricted_kind": QT_TRANSLATE_NOOP(
        "EmergencyDialog", "TREFAS and defector cases cannot be opened with emergency access. "
                           "Contact the unit's coordinator."),
    "emergency.reason_short": QT_TRANSLATE_NOOP("EmergencyDialog", "Write a reason of at least %1 characters."),
    "emergency.reason_long": QT_TRANSLATE_NOOP("EmergencyDialog", "The reason is too long."),
    "emergency.purpose": QT_TRANSLATE_NOOP("EmergencyDialog", "Choose a purpose."),
    "emergency.not_needed": QT_TRANSLATE_NOOP(
        "EmergencyDialog", "You already have access to this case: open it from the case list."),
    "emergency.already_active": QT_TRANSLATE_NOOP(
        "EmergencyDialog", "You already have emergency access to this case."),
    "emergency.lookup_empty": QT_TRANSLATE_NOOP("EmergencyDialog", "Enter a case reference or a personnummer."),
}


def emergency_error_text(exc: BaseException) -> str:
    if isinstance(exc, TryggError) and exc.code in MESSAGES:
        return QCoreApplication.translate(CONTEXT, MESSAGES[exc.code]).replace("%1", str(MIN_REASON_LENGTH))
    return error_text(exc)


class EmergencyDialog(QDialog):
    """Find → choose → give a reason → open the case READ-only."""

    def __init__(self, ctx, parent: QWidget | None = None, *, query: str = "", case_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_value: EmergencyGrantDTO | None = None
        self.setWindowTitle(self.tr("Emergency access (nödåtkomst)"))
        self.setMinimumWidth(640)
        outer = QVBoxLayout(self)
        outer.addWidget(self._warning())
        self.banner = Banner(self)
        outer.addWidget(self.banner)

        find_row = QHBoxLayout()
        self.search = QLineEdit(query)
        self.search.setAccessibleName(self.tr("Case reference or personnummer"))
        self.search.setPlaceholderText(self.tr("e.g. SSPF-2026-0012 or 20110503-1234"))
        self.search.setMaxLength(40)
        self.search.returnPressed.connect(self.find)
        label = QLabel(self.tr("Case &reference or personnummer:"))
        label.setBuddy(self.search)
        self.find_button = QPushButton(self.tr("&Find"))
        self.find_button.setAutoDefault(False)
        self.find_button.clicked.connect(self.find)
        find_row.addWidget(label)
        find_row.addWidget(self.search, 1)
        find_row.addWidget(self.find_button)
        outer.addLayout(find_row)

        self.model = DtoTableModel([
            Column(self.tr("Reference"), lambda c: c.reference),
            Column(self.tr("Kind"), lambda c: vocab.CASE_KINDS.label(c.kind)),
            Column(self.tr("Unit"), lambda c: c.unit_name),
            Column(self.tr("Your access"), self._access_text, stretch=True),
        ], parent=self)
        self.table = QTableView()
        setup_table_view(self.table, self.model, self.tr("Cases found"), sortable=False)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 3 + 8)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.table.activated.connect(lambda _i: self.submit())
        outer.addWidget(self.table)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color:#555; padding:4px;")
        self.empty.setText(self.tr("Search for the case by its exact reference or the person's personnummer."))
        outer.addWidget(self.empty)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.purpose = QComboBox()
        self.purpose.setAccessibleName(self.tr("Purpose"))
        for term in PURPOSES:
            self.purpose.addItem(term.sv, term.code)
        form.addRow(self._buddy(self.tr("&Purpose:"), self.purpose), self.purpose)
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("Why do you need to read this case now? Write it so a reviewer "
                                               "can understand it afterwards."))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.fontMetrics().height() * 5 + 12)
        self.reason.textChanged.connect(self._update)
        self.counter = QLabel()
        self.counter.setAccessibleName(self.tr("Reason length"))
        reason_box = QVBoxLayout()
        reason_box.setSpacing(2)
        reason_box.addWidget(self.reason)
        reason_box.addWidget(self.counter, 0, Qt.AlignmentFlag.AlignRight)
        form.addRow(self._buddy(self.tr("Rea&son:"), self.reason), reason_box)
        outer.addLayout(form)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = self.buttons.addButton(self.tr("&Open with emergency access"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setStyleSheet("QPushButton:enabled{background:#9b1c1c; color:white; font-weight:600;"
                                       "border:1px solid #6e1212; border-radius:3px; padding:4px 14px;}")
        bold = self.open_button.font()
        bold.setBold(True)
        width = max(QFontMetrics(bold).horizontalAdvance(t) for t in (
            self.tr("Open with emergency access"), self.tr("Open case")))
        self.open_button.setMinimumWidth(width + 40)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+S"), self, self.submit)
        for first, second in ((self.search, self.find_button), (self.find_button, self.table),
                              (self.table, self.purpose), (self.purpose, self.reason),
                              (self.reason, self.open_button)):
            QWidget.setTabOrder(first, second)
        self._update()
        if case_id is not None:
            services = self.ctx.services
            self._run_lookup(lambda: services.emergency.lookup_case(case_id))
        # A prefilled ``query`` is not searched by itself: every lookup is logged, so
        # only the user's own click on Find (or Enter) makes one.

    # -- construction helpers -----------------------------------------------------------
    def _warning(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("emergencyWarning")
        frame.setStyleSheet("QFrame#emergencyWarning{background:#fde8e8; border:1px solid #e0a0a0;"
                            "border-radius:4px;} QFrame#emergencyWarning QLabel{color:#7a1010;}")
        box = QVBoxLayout(frame)
        title = QLabel(self.tr("Emergency access is logged and reviewed"))
        title.setStyleSheet("font-weight:700; font-size:11pt;")
        hours = str(int(GRANT_DURATION.total_seconds() // 3600))
        text = QLabel(self.tr(
            "Use emergency access only when you must read a case you are not connected to in order to act in an "
            "urgent situation. You get read-only access to one case of your own agency for %1 hours, or until you "
            "lock or log out. Your reason and every read are logged and reviewed by the log reviewer and your "
            "manager. Other agencies' cases and TREFAS/defector cases cannot be opened this way.").replace("%1", hours))
        text.setWordWrap(True)
        self.warning_text = text
        box.addWidget(title)
        box.addWidget(text)
        return frame

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        # A wrapped label's minimum height does not follow its width: keep the whole
        # warning readable on small screens and at 200 % (the list shrinks instead).
        super().resizeEvent(event)
        width = self.warning_text.width()
        if width > 0:
            self.warning_text.setMinimumHeight(self.warning_text.heightForWidth(width))

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    def _access_text(self, c: EmergencyCandidate) -> str:
        if c.has_access:
            return self.tr("Connected – open it normally")
        if c.emergency_until is not None:
            return self.tr("Emergency access until %1").replace("%1", fmt_instant(c.emergency_until, CLOCK))
        return self.tr("Not connected")

    # -- state ---------------------------------------------------------------------------
    def selected(self) -> EmergencyCandidate | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def _needs_grant(self, c: EmergencyCandidate | None) -> bool:
        return c is not None and not c.has_access and c.emergency_until is None

    def _update(self) -> None:
        length = len(self.reason_text())
        enough = MIN_REASON_LENGTH <= length <= MAX_REASON_LENGTH
        self.counter.setText(self.tr("%1 characters (at least %2)").replace("%1", str(length))
                             .replace("%2", str(MIN_REASON_LENGTH)))
        self.counter.setStyleSheet("color:#145a23;" if enough else "color:#7a1010;")
        c = self.selected()
        needs = self._needs_grant(c)
        for widget in (self.purpose, self.reason):
            widget.setEnabled(c is None or needs)
        self.open_button.setText(self.tr("&Open with emergency access") if c is None or needs
                                 else self.tr("&Open case"))
        self.open_button.setEnabled(c is not None and (enough or not needs))

    # -- actions -------------------------------------------------------------------------
    def find(self) -> None:
        text = self.search.text().strip()
        if not text:
            self.banner.show_message(emergency_error_text(_code("emergency.lookup_empty")), "error")
            return
        services = self.ctx.services
        self._run_lookup(lambda: services.emergency.lookup(text))

    def _run_lookup(self, fn) -> None:
        self.banner.clear()
        QueryOp(fn).success(self._found).failure(self._failed).run(self.ctx.executor)

    def _found(self, rows: list[EmergencyCandidate]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
            self.empty.setText(self.tr("%n case(s) found.", "", len(rows)))
        else:
            self.empty.setText(self.tr("No case of your agency matches. Check the reference or personnummer. "
                                       "Other agencies' cases and TREFAS/defector cases are not shown here."))
        self._update()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, TryggError):
            from ..errors import show_error
            show_error(self, exc)
            return
        self.banner.show_message(emergency_error_text(exc), "error")

    def submit(self) -> None:
        c = self.selected()
        if c is None or not self.open_button.isEnabled():
            return
        if not self._needs_grant(c):
            self._open(c.case_id)
            return
        services, purpose, reason = self.ctx.services, self.purpose.currentData(), self.reason_text()
        self.open_button.setEnabled(False)
        MutationOp.call(services.emergency.grant, c.case_id, purpose, reason, notify=self.ctx.notify) \
            .success(self._granted).failure(self._grant_failed).run(self.ctx.executor)

    def _grant_failed(self, exc: BaseException) -> None:
        self._failed(exc)
        self._update()

    def _granted(self, grant: EmergencyGrantDTO) -> None:
        self.result_value = grant
        self._open(grant.case_id)

    def _open(self, case_id: int) -> None:
        self.accept()
        self.ctx.open_case(case_id)

    def clear(self) -> None:
        """Lock: drop the candidates and the typed reason."""
        self.model.clear()
        self.search.clear()
        self.reason.clear()

    def done(self, result: int) -> None:
        # However the dialog ends (open, cancel, the lock rejecting it), nothing typed
        # or found stays in a widget that waits for deletion.
        super().done(result)
        self.clear()


def _code(code: str) -> TryggError:
    return TryggError(code=code)
