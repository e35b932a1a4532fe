"""Dialogs of the log review: the PDF report preview and the sign-off (R20, R21).

The report is built in memory (the service computes it, ``reports`` lays it out
through the renderer the app installs) and shown from a buffer; printing or
saving it is logged by the service (AUDIT_REPORT_PRINT/EXPORT). The sign-off
needs a comment; afterwards the dialog shows the anchor (event number and the
start of its MAC) and offers to save a copy of the anchor list elsewhere,
because a copy beside the database is rolled back with it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QPlainTextEdit,
                               QPushButton, QVBoxLayout, QWidget)

from ...api.inputs import ReviewFilter
from ...api.results import ReviewSignOff
from .. import printing
from ..errors import error_text, show_error
from ..tasks import MutationOp, QueryOp
from ..widgets.banner import Banner


def ask_anchor_path(parent: QWidget | None, suggested: str) -> Path | None:
    """The file dialog for the anchor copy (module level so tests replace it)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    start = str(Path(folder) / suggested) if folder else suggested
    path, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("LogReview", "Save anchor copy"),
                                          start, QCoreApplication.translate("LogReview", "Anchor lists (*.anchors)"))
    return Path(path) if path else None


def save_anchor_copy(parent: QWidget, ctx, on_done=None) -> None:
    """Ask where, then write every anchor there; the result is reported in ``parent``'s banner."""
    path = ask_anchor_path(parent, f"loggankare-{date.today().isoformat()}.anchors")
    if path is None:
        return
    service = ctx.services.log_review
    banner = getattr(parent, "banner", None)

    def done(count: int) -> None:
        text = QCoreApplication.translate("LogReview", "%1 anchor(s) saved in %2. Keep the file outside this "
                                                       "computer, e.g. on a USB stick in the safe.")
        if banner is not None:
            banner.show_message(text.replace("%1", str(count)).replace("%2", str(path)), "success")
        if on_done is not None:
            on_done(path)

    def failed(exc: BaseException) -> None:
        if banner is not None:
            banner.show_message(error_text(exc), "error")
        else:
            show_error(parent, exc)
    QueryOp(lambda: service.export_anchors(path)).success(done).failure(failed).run(ctx.executor)


class SignOffDialog(QDialog):
    """Comment → sign off → show the anchor and offer a copy."""

    signed = Signal(object)

    def __init__(self, ctx, start: date, end: date, flagged: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.start, self.end = ctx, start, end
        self.result_signoff: ReviewSignOff | None = None
        self.saved_copy: Path | None = None
        self.setWindowTitle(self.tr("Sign off log review"))
        layout = QVBoxLayout(self)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        period = self.tr("Period: %1 – %2").replace("%1", start.isoformat()).replace("%2", end.isoformat())
        if flagged is not None:
            period += "  ·  " + self.tr("%n flagged event(s) in the last report", "", flagged)
        self.period_label = QLabel(period)
        layout.addWidget(self.period_label)
        label = QLabel(self.tr("&Comment (what you checked, what you found, what was done):"))
        self.comment = QPlainTextEdit()
        self.comment.setAccessibleName(self.tr("Comment"))
        self.comment.setTabChangesFocus(True)
        self.comment.textChanged.connect(self._update)
        label.setBuddy(self.comment)
        layout.addWidget(label)
        layout.addWidget(self.comment, 1)
        self.anchor_label = QLabel()
        self.anchor_label.setWordWrap(True)
        self.anchor_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.anchor_label.setAccessibleName(self.tr("Anchor"))
        self.anchor_label.hide()
        layout.addWidget(self.anchor_label)
        buttons = QHBoxLayout()
        self.copy_button = QPushButton(self.tr("Save &anchor copy…"))
        self.copy_button.clicked.connect(self.save_copy)
        self.copy_button.hide()
        self.box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_button = self.box.addButton(self.tr("&Sign off"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.box.accepted.connect(self.sign)
        self.box.rejected.connect(self.reject)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.box)
        layout.addLayout(buttons)
        self.resize(560, 360)
        self._update()

    def _update(self) -> None:
        self.sign_button.setEnabled(self.result_signoff is None and bool(self.comment.toPlainText().strip()))

    def sign(self) -> None:
        if self.result_signoff is not None:
            self.accept()
            return
        comment = self.comment.toPlainText().strip()
        if not comment:
            self.banner.show_message(self.tr("Write what the review found before signing off."), "warning")
            return
        self.sign_button.setEnabled(False)
        service, start, end = self.ctx.services.log_review, self.start, self.end
        MutationOp.call(service.sign_off, start, end, comment, notify=self.ctx.notify) \
            .success(self._signed).failure(self._failed).run(self.ctx.executor)

    def _failed(self, exc: BaseException) -> None:
        self._update()
        self.banner.show_message(error_text(exc), "error")

    def _signed(self, signed: ReviewSignOff) -> None:
        self.result_signoff = signed
        self.comment.setReadOnly(True)
        text = self.tr("Signed off. Anchor: event %1, MAC %2…").replace("%1", str(signed.head_seq)) \
            .replace("%2", signed.head_mac[:16])
        if signed.anchor_file:
            text += " " + self.tr("It was added to the anchor list beside the database. Save a copy elsewhere "
                                  "too: a copy beside the database is rolled back with it.")
            kind = "success"
        else:
            text += " " + self.tr("It could not be added to the anchor list beside the database: save a copy now.")
            kind = "warning"
        self.banner.show_message(text, kind)
        self.anchor_label.setText(f"{signed.head_seq}:{signed.head_mac}")
        self.anchor_label.show()
        self.copy_button.show()
        self.box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Close"))
        self.sign_button.hide()
        self.signed.emit(signed)

    def save_copy(self) -> None:
        save_anchor_copy(self, self.ctx, on_done=lambda p: setattr(self, "saved_copy", p))


class ReviewReportDialog(QDialog):
    """Preview of the PDF report from memory; print or save it (both logged)."""

    def __init__(self, ctx, review_filter: ReviewFilter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.review_filter = ctx, review_filter
        self.data: bytes | None = None
        self.report = None
        self.saved_path: Path | None = None
        self._closed = False
        self.setWindowTitle(self.tr("Log review report"))
        layout = QVBoxLayout(self)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        self.view = printing.PdfPreview(self)
        self.view.setAccessibleName(self.tr("Preview"))
        self.view.setMinimumSize(360, 240)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.pages_label = QLabel()
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.save_button.clicked.connect(self.save_document)
        self.close_button = QPushButton(self.tr("&Close"))
        self.close_button.clicked.connect(self.reject)
        row.addWidget(self.pages_label)
        row.addStretch(1)
        for button in (self.print_button, self.save_button, self.close_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        layout.addLayout(row)
        self.finished.connect(self._on_finished)
        self.resize(820, 900)
        self._set_ready(False)
        self._start()

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def _start(self) -> None:
        render = printing.renderer("audit_report")
        service, review_filter = self.ctx.services.log_review, self.review_filter
        self.pages_label.setText(self.tr("Preparing the report…"))

        def build():
            if render is None:
                from ...api.errors import TryggError
                raise TryggError("No report renderer installed", code="print.unavailable")
            report = service.report(review_filter)
            chain = service.verify()
            return report, render(report, chain)
        QueryOp(build).success(self._rendered).failure(self._failed).run(self.ctx.executor)

    def _rendered(self, result) -> None:
        if self._closed:
            return
        report, data = result
        if not self.view.show_pdf(data):
            self.banner.show_message(self.tr("The report could not be shown."), "error")
            return
        self.report, self.data = report, data
        self.pages_label.setText(self.tr("%n page(s)", "", self.view.page_count))
        self._set_ready(True)

    def _failed(self, exc: BaseException) -> None:
        if self._closed:
            return
        self.pages_label.clear()
        from ...api.errors import TryggError
        if isinstance(exc, TryggError) and exc.code == "print.unavailable":
            self.banner.show_message(self.tr("Printing is not available in this installation (the report module "
                                             "is missing). Contact IT."), "error")
        else:
            self.banner.show_message(error_text(exc), "error")

    def _logged(self, kind: str, then) -> None:
        """Log the output first (the service refuses a user without the right), then hand it out."""
        report, service = self.report, self.ctx.services.log_review
        QueryOp(lambda: service.record_output(kind, report.period_start, report.period_end)) \
            .success(lambda _r: then()).failure(self._failed).run(self.ctx.executor)

    def print_document(self) -> None:
        if self.data is None:
            return
        printer = printing.ask_printer(self)
        if printer is None:
            return
        data = self.data

        def send() -> None:
            if printing.print_to(printer, data) > 0:
                self.banner.show_message(self.tr("Sent to the printer."), "success")
            else:
                self.banner.show_message(self.tr("Nothing was printed: the printer did not accept the document."))
        self._logged("PRINT", send)

    def save_document(self) -> None:
        if self.data is None or self.report is None:
            return
        start = self.review_filter.start
        path = printing.choose_save_path(self, f"logggranskning-{start}.pdf")
        if path is None:
            return
        data = self.data

        def write() -> None:
            try:
                printing.write_pdf(path, data)
            except OSError:
                self.banner.show_message(self.tr("The file could not be saved there. Choose another folder."))
                return
            self.saved_path = path
            self.banner.show_message(self.tr("Saved as %1. The file is not encrypted.").replace("%1", str(path)),
                                     "warning")
        self._logged("EXPORT", write)

    def _on_finished(self, _result: int) -> None:
        self._closed = True
        self.view.drop()
        self.data = self.report = None
