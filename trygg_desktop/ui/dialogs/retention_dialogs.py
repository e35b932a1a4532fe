"""Dialogs of the Gallring page: set a legal hold on a case by its reference.

The archive manager works from case references (the e-archive and the dry run speak
in references), not from the case view, which they cannot open: so the hold is set
here by reference. The dialog only collects input; the page calls the service and
reports a refusal inline in the dialog, which stays open with its input.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from ...api.errors import TryggError
from ..errors import error_text
from ..widgets.banner import Banner

MAX_REASON = 500

# Service codes the shared error table does not word (kept here, next to their only use).
LOCAL_MESSAGES = {
    "case.not_found": QT_TRANSLATE_NOOP("RetentionDialogs", "There is no case with that reference."),
    "retention.hold_reason": QT_TRANSLATE_NOOP("RetentionDialogs", "Write why the case must be kept."),
    "retention.hold_reason_long": QT_TRANSLATE_NOOP("RetentionDialogs",
                                                    "The reason may be at most 500 characters."),
    "access.no_capability": QT_TRANSLATE_NOOP("RetentionDialogs",
                                              "Only the archive manager or the case's coordinator can set a "
                                              "legal hold."),
}


def hold_error_text(exc: BaseException) -> str:
    if isinstance(exc, TryggError) and exc.code in LOCAL_MESSAGES:
        return QCoreApplication.translate("RetentionDialogs", LOCAL_MESSAGES[exc.code])
    return error_text(exc)


class LegalHoldDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, reference: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set legal hold"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        intro = QLabel(self.tr("A case under legal hold is never disposed, whatever the retention rule says. "
                               "Only the archive manager can lift the hold. Write why, without names or "
                               "personal identity numbers."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.reference = QLineEdit(reference)
        self.reference.setPlaceholderText("SSPF-2019-0012")
        self.reference.setAccessibleName(self.tr("Case reference"))
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.fontMetrics().height() * 5)
        ref_label = QLabel(self.tr("Case &reference:"))
        ref_label.setBuddy(self.reference)
        reason_label = QLabel(self.tr("Rea&son:"))
        reason_label.setBuddy(self.reason)
        form.addRow(ref_label, self.reference)
        form.addRow(reason_label, self.reason)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Set legal hold"))
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.submitted = None  # set by the page: called with (reference, reason)

    def values(self) -> tuple[str, str]:
        return self.reference.text().strip(), self.reason.toPlainText().strip()

    def _check(self) -> None:
        reference, reason = self.values()
        if not reference or not reason:
            self.banner.show_message(self.tr("Give the case reference and a reason."), "error")
            return
        if len(reason) > MAX_REASON:
            self.banner.show_message(self.tr("The reason may be at most 500 characters."), "error")
            return
        if self.submitted is not None:
            self.buttons.setEnabled(False)
            self.submitted(reference, reason)
        else:
            self.accept()

    def fail(self, text: str) -> None:
        self.buttons.setEnabled(True)
        self.banner.show_message(text, "error")


def case_hold_dialog(page, case_id: int, reference: str) -> LegalHoldDialog:
    """The same dialog opened from the case view by the case's owner (the coordinator is
    the first to learn of an appeal or a request for documents). The reference is fixed;
    the service checks the OWNER connection, this only saves the caller the wiring."""
    from ..tasks import MutationOp  # the dialog module stays free of executor imports otherwise

    dialog = LegalHoldDialog(page, reference)
    dialog.reference.setReadOnly(True)
    svc = page.ctx.services.retention

    def done(_hold) -> None:
        dialog.accept()
        page.show_banner(QCoreApplication.translate("RetentionDialogs", "Legal hold set: the case will not be "
                                                    "disposed until the archive manager lifts the hold."), "info")

    def submitted(_reference: str, reason: str) -> None:
        MutationOp.call(svc.set_legal_hold, case_id, reason, notify=page.ctx.notify) \
            .success(done).failure(lambda e: dialog.fail(hold_error_text(e))).run(page.ctx.executor)

    dialog.submitted = submitted
    return dialog
