"""Print preview for protocols (with recipient versions) and the family's plan.

The PDF is built in memory (services assemble the content, ``reports`` lays it
out) and shown with Qt PDF from a ``QBuffer``: nothing is written to disk while
previewing (SECURITY.md R24/R25). The preview itself is logged by the service
(PROTOCOL_PREVIEW). Printing or saving any version first asks the service again
with ``disclose=True``: that records the disclosure (for the full version: a
print within the own agency) and the PROTOCOL_PRINT event, and refuses when
neither a valid consent nor a chosen legal basis covers the recipient – then
nothing is printed or saved. What is printed or saved is exactly the version
the service produced for that call.

Agencies the consent does not cover are offered too, marked as needing a legal
basis: disclosing to them can be lawful (OSL 10 kap.), but only on a named basis.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from ...domain import vocab
from ...api.changes import changes_of
from ...api.errors import TryggError
from ...api.results import PlanPrintout, ProtocolDocument
from .. import printing
from ..errors import error_text, show_error
from ..tasks import MutationOp, QueryOp
from ..widgets.banner import Banner

# Bases a user may choose for a recipient the consent does not cover ("anonymised" is
# not a basis for disclosing a named protocol; consent is what the recipient lacks).
CHOSEN_BASES = tuple(c for c in vocab.LEGAL_BASES.codes if c not in ("SAMTYCKE", "ANONYMISERAD"))
ERRORS = {
    "protocol.legal_basis_text": QT_TRANSLATE_NOOP("PrintPreviewDialog", "Name the law and section for the "
                                                   "disclosure."),
    "plan.not_found": QT_TRANSLATE_NOOP("PrintPreviewDialog", "The case has no plan to print yet."),
    "print.unavailable": QT_TRANSLATE_NOOP("PrintPreviewDialog", "Printing is not available in this installation "
                                           "(the report module is missing). Contact IT."),
}
ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


def file_part(text: str) -> str:
    """A safe piece of a file name (case references may hold slashes or spaces)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "dokument"


class PrintPreviewDialog(QDialog):
    """``meeting_id`` previews the protocol (recipient versions); ``case_id`` the plan for the family."""

    def __init__(self, ctx, *, meeting_id: int | None = None, case_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if (meeting_id is None) == (case_id is None):
            raise ValueError("give either meeting_id or case_id")
        self.ctx = ctx
        self.meeting_id, self.case_id = meeting_id, case_id
        self.service = ctx.services.protocols  # the window's backend, local or the server's
        self.source: ProtocolDocument | PlanPrintout | None = None
        self.data: bytes | None = None
        self._request = 0
        self._closed = False
        self.saved_path: Path | None = None
        self.setWindowTitle(self.tr("Print preview – protocol") if meeting_id is not None
                            else self.tr("Print preview – plan for the family"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        layout = QVBoxLayout(self)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        self.recipient_row = self._build_recipient_row()
        layout.addWidget(self.recipient_row)
        self.recipient_row.setVisible(meeting_id is not None)
        self.view = printing.PdfPreview(self)
        self.view.setAccessibleName(self.tr("Preview"))
        self.view.setMinimumSize(360, 240)
        self.pdf = self.view.pdf
        layout.addWidget(self.view, 1)
        layout.addLayout(self._build_bottom_row())
        self._set_ready(False)
        self._fit_to_screen()
        self._start()

    # -- building -------------------------------------------------------------------------
    def _build_recipient_row(self) -> QWidget:
        host = QWidget()
        grid = QGridLayout(host)
        grid.setContentsMargins(0, 0, 0, 0)
        self.recipient = QComboBox()
        self.recipient.setAccessibleName(self.tr("Version"))
        self.recipient.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.recipient.addItem(self.tr("Full version (internal)"), None)
        self.recipient.currentIndexChanged.connect(self._recipient_changed)
        label = QLabel(self.tr("&Version for:"))
        label.setBuddy(self.recipient)
        self.basis = QComboBox()
        self.basis.setAccessibleName(self.tr("Legal basis"))
        self.basis.addItem(self.tr("– choose a legal basis –"), None)
        for code in CHOSEN_BASES:
            self.basis.addItem(vocab.LEGAL_BASES.label(code), code)
        self.basis.currentIndexChanged.connect(self._basis_changed)
        self.basis_label = QLabel(self.tr("Legal &basis:"))
        self.basis_label.setBuddy(self.basis)
        self.basis_text = QLineEdit()
        self.basis_text.setAccessibleName(self.tr("Law and section"))
        self.basis_text.setPlaceholderText(self.tr("Law and section, e.g. OSL 10 kap. 19 §"))
        self.basis_text.editingFinished.connect(self._basis_text_changed)
        self.basis_hint = QLabel()
        self.basis_hint.setWordWrap(True)
        self.basis_hint.setStyleSheet("color:#5c4100;")
        grid.addWidget(label, 0, 0)
        grid.addWidget(self.recipient, 0, 1)
        grid.addWidget(self.basis_label, 1, 0)
        grid.addWidget(self.basis, 1, 1)
        grid.addWidget(self.basis_text, 1, 2)
        grid.addWidget(self.basis_hint, 2, 1, 1, 2)
        grid.setColumnStretch(2, 1)
        self.covered: set[str] = set()
        self._show_basis(False)
        return host

    def _build_bottom_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.pages_label = QLabel()
        self.pages_label.setAccessibleName(self.tr("Number of pages"))
        self.zoom = QComboBox()
        self.zoom.setAccessibleName(self.tr("Zoom"))
        self.zoom.addItem(self.tr("Fit width"), "width")
        self.zoom.addItem(self.tr("Whole page"), "page")
        for factor in ZOOM_STEPS:
            self.zoom.addItem(f"{round(factor * 100)} %", factor)
        self.zoom.currentIndexChanged.connect(self._zoom_changed)
        zoom_label = QLabel(self.tr("&Zoom:"))
        zoom_label.setBuddy(self.zoom)
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setToolTip(self.tr("Print on paper (Ctrl+P). No file is made."))
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.save_button.setToolTip(self.tr("Save an unencrypted PDF file (Ctrl+S)."))
        self.save_button.clicked.connect(self.save_document)
        # Besides the buttons' Alt mnemonics; a disabled button ignores click().
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.print_button.click)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save_button.click)
        self.close_button = QPushButton(self.tr("&Close"))
        self.close_button.clicked.connect(self.reject)
        row.addWidget(self.pages_label)
        row.addSpacing(16)
        row.addWidget(zoom_label)
        row.addWidget(self.zoom)
        row.addStretch(1)
        for button in (self.print_button, self.save_button, self.close_button):
            button.setAutoDefault(False)
            row.addWidget(button)   # no default button: Enter must never print
        return row

    def _fit_to_screen(self) -> None:
        """Tall enough to read a page, never larger than the screen."""
        width, height = 860, 960
        screen = self.screen() or (self.parentWidget().screen() if self.parentWidget() else None)
        if screen is not None:
            free = screen.availableGeometry()
            width, height = min(width, free.width() - 40), min(height, free.height() - 60)
        self.resize(max(width, 600), max(height, 520))

    def _show_basis(self, visible: bool) -> None:
        """The legal basis is asked for only for a recipient no valid consent covers."""
        for widget in (self.basis_label, self.basis, self.basis_hint):
            widget.setVisible(visible)
        self.basis_text.setVisible(visible and self.basis.currentData() == "OTHER")
        if visible:
            self.basis_hint.setText(self.tr("No valid consent covers %1. Printing or saving this version is a "
                                            "disclosure: choose the legal basis for it.")
                                    .replace("%1", vocab.AGENCIES.label(self.for_agency or "")))

    # -- state ----------------------------------------------------------------------------
    @property
    def for_agency(self) -> str | None:
        return self.recipient.currentData() if self.meeting_id is not None else None

    @property
    def uncovered(self) -> bool:
        """A recipient outside what the service offers (its own agency and the consent's)."""
        return self.for_agency is not None and self.for_agency not in self.covered

    @property
    def legal_basis(self) -> str | None:
        return self.basis.currentData() if self.uncovered else None

    @property
    def legal_basis_text(self) -> str | None:
        return self.basis_text.text().strip() or None if self.legal_basis == "OTHER" else None

    @property
    def page_count(self) -> int:
        return self.view.page_count

    def show_banner(self, text: str, kind: str = "error") -> None:
        self.banner.show_message(text, kind)

    def _set_ready(self, ready: bool) -> None:
        for button in (self.print_button, self.save_button):
            button.setEnabled(ready)

    def _error(self, exc: BaseException) -> None:
        """Expected refusals inline; a refusal for lack of consent points at the legal basis."""
        if isinstance(exc, TryggError) and exc.code == "protocol.no_basis":
            self.show_banner(self.tr("No valid consent covers this recipient. Nothing was printed or saved. "
                                     "Choose a legal basis for the disclosure, or choose another version."))
            self._show_basis(True)
            self.basis.setFocus()
        elif isinstance(exc, TryggError) and exc.code in ERRORS:
            self.show_banner(self.tr(ERRORS[exc.code]))
        elif isinstance(exc, TryggError):
            self.show_banner(error_text(exc))
        else:
            show_error(self, exc)

    # -- rendering (preview) ------------------------------------------------------------------
    def _start(self) -> None:
        service, meeting_id = self.service, self.meeting_id
        if meeting_id is None:
            self._render()
            return
        self._request += 1
        request = self._request
        build = self._build(False)
        self.pages_label.setText(self.tr("Preparing the preview…"))

        def fetch() -> tuple[list[tuple[str, str]], Any, bytes]:
            recipients = service.recipients(meeting_id)
            document, data = build()
            return recipients, document, data

        def loaded(result) -> None:
            if self._closed:
                return
            recipients, document, data = result
            self.recipient.blockSignals(True)
            for code, label in recipients:
                self.recipient.addItem(label, code)
            self.covered = {code for code, _label in recipients}
            others = [c for c in vocab.AGENCIES.codes if c not in self.covered]
            if others:
                self.recipient.insertSeparator(self.recipient.count())
            for code in others:
                self.recipient.addItem(self.tr("%1 – needs a legal basis").replace(
                    "%1", vocab.AGENCIES.label(code)), code)
            self.recipient.blockSignals(False)
            self._rendered(request, (document, data))
        QueryOp(fetch).success(loaded).failure(lambda e: self._render_failed(request, e)).run(self.ctx.executor)

    def _build(self, disclose: bool) -> Callable[[], tuple[Any, bytes]]:
        """The worker function: the service decides the content, reports lay it out, in memory."""
        service, meeting_id, case_id = self.service, self.meeting_id, self.case_id
        agency, basis, basis_text = self.for_agency, self.legal_basis, self.legal_basis_text
        render = printing.renderer("protocol" if meeting_id is not None else "plan")

        def run() -> tuple[Any, bytes]:
            if render is None:
                raise TryggError("No report renderer installed", code="print.unavailable")
            if meeting_id is not None:
                document = service.protocol(meeting_id, for_agency=agency, disclose=disclose, legal_basis=basis,
                                            legal_basis_text=basis_text)
            else:
                document = service.plan_printout(case_id, printing=disclose)
            return document, render(document)
        return run

    def _render(self) -> None:
        self._request += 1
        request = self._request
        self._drop_pdf()   # never show one recipient's version while another is chosen
        self.pages_label.setText(self.tr("Preparing the preview…"))
        QueryOp(self._build(False)).success(lambda r: self._rendered(request, r)) \
            .failure(lambda e: self._render_failed(request, e)).run(self.ctx.executor)

    def _rendered(self, request: int, result: tuple[Any, bytes]) -> None:
        if self._closed or request != self._request:
            return  # a newer version was asked for, or the dialog is gone
        source, data = result
        if not self.view.show_pdf(data):
            self._drop_pdf()
            self.show_banner(self.tr("The document could not be shown."))
            return
        self.source, self.data = source, data
        self.pages_label.setText(self.tr("%n page(s)", "", self.page_count))
        self._zoom_changed()
        self._set_ready(True)

    def _render_failed(self, request: int, exc: BaseException) -> None:
        if self._closed or request != self._request:
            return
        self._drop_pdf()
        self._error(exc)

    def _drop_pdf(self) -> None:
        self.view.drop()
        self.source = self.data = None
        self.pages_label.clear()
        self._set_ready(False)

    def _recipient_changed(self, _index: int) -> None:
        self.banner.clear()
        self.basis.blockSignals(True)
        self.basis.setCurrentIndex(0)
        self.basis.blockSignals(False)
        self.basis_text.clear()
        self._show_basis(self.uncovered)
        self._render()

    def _basis_changed(self, _index: int) -> None:
        self.banner.clear()
        self._show_basis(self.uncovered)
        if self.legal_basis == "OTHER" and not self.legal_basis_text:
            self._request += 1
            self._drop_pdf()   # the version depends on the basis: wait for the law and section
            self.basis_text.setFocus()
            return
        self._render()

    def _basis_text_changed(self) -> None:
        if self.legal_basis == "OTHER" and self.legal_basis_text:
            self.banner.clear()
            self._render()

    def _zoom_changed(self, _index: int = 0) -> None:
        self.view.apply_zoom(self.zoom.currentData())

    # -- printing and saving --------------------------------------------------------------
    def _final(self, then: Callable[[bytes], None]) -> None:
        """Ask the service for the version to hand out (records disclosure and print event), then act."""
        self.banner.clear()
        self._set_ready(False)

        def done(result: tuple[Any, bytes]) -> None:
            if not self._closed:   # closed meanwhile: the event is logged, but nothing is handed out
                self._set_ready(self.data is not None)
                then(result[1])

        def failed(exc: BaseException) -> None:
            if not self._closed:
                self._set_ready(self.data is not None)
                self._error(exc)
        changes = changes_of(self.service.protocol if self.meeting_id is not None else self.service.plan_printout)
        build = self._build(True)
        MutationOp(build, changes, self.ctx.notify).success(done).failure(failed).run(self.ctx.executor)

    def print_document(self) -> None:
        if self.data is None:
            return
        printer = printing.ask_printer(self)
        if printer is None:
            return

        def send(data: bytes) -> None:
            if printing.print_to(printer, data) > 0:
                self.show_banner(self._done_text(self.tr("Sent to the printer.")), "success")
            else:
                self.show_banner(self.tr("Nothing was printed: the printer did not accept the document."))
        self._final(send)

    def save_document(self) -> None:
        if self.data is None:
            return
        path = printing.choose_save_path(self, self.suggested_name())
        if path is None:
            return

        def write(data: bytes) -> None:
            try:
                printing.write_pdf(path, data)
            except OSError:
                self.show_banner(self.tr("The file could not be saved there. Choose another folder."))
                return
            self.saved_path = path
            self.show_banner(self._done_text(self.tr("Saved as %1. The file is not encrypted.")
                                             .replace("%1", str(path))), "warning")
        self._final(write)

    def _done_text(self, text: str) -> str:
        if self.for_agency is None:
            return text
        return text + " " + self.tr("The disclosure to %1 is recorded.").replace(
            "%1", vocab.AGENCIES.label(self.for_agency))

    def suggested_name(self) -> str:
        source = self.source
        reference = file_part(getattr(source, "reference", None) or "")
        if isinstance(source, PlanPrintout):
            return f"atagandeplan-{reference}.pdf"
        day = source.starts_at.date() if isinstance(source, ProtocolDocument) else date.today()
        agency = f"-{self.for_agency.lower()}" if self.for_agency else ""
        return f"protokoll-{reference}-{day.isoformat()}{agency}.pdf"

    # -- closing --------------------------------------------------------------------------
    def done(self, result: int) -> None:
        """Forget the document on every close (also when the window locks)."""
        self._closed = True
        self._drop_pdf()
        super().done(result)
