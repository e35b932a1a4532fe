"""The recovery sheet (SECURITY.md R10): the recovery code, shown once.

Like 1Password's Emergency Kit, the code is meant for paper in a safe. The sheet
can be printed (straight to the printer, no file) or saved as a PDF after a
warning, and it will not close until the user confirms the code is stored: there
is no second chance to see it. The code is never logged and is dropped (label
cleared, attribute emptied) when the dialog closes.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QSize, Qt
from PySide6.QtGui import QCloseEvent, QFont, QFontDatabase, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QCheckBox, QDialog, QFileDialog, QFrame, QGridLayout, QHBoxLayout, QLabel,
                               QMessageBox, QPushButton, QVBoxLayout, QWidget)

from ...domain.timefmt import fmt_date
from .. import printing
from ..widgets.banner import Banner


class RecoverySheetDialog(QDialog):
    """Shows ``code`` for ``db_path``; ``stored`` must be ticked before the dialog closes."""

    def __init__(self, code: str, db_path: Path, created: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._code = code
        self.db_path, self.created = Path(db_path), created
        self.setWindowTitle(self.tr("Recovery sheet"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        heading = QLabel(self.tr("Recovery code"))
        heading.setStyleSheet("font-size:16pt; font-weight:600;")
        layout.addWidget(heading)
        self.instructions = QLabel(self.instruction_text())
        self.instructions.setWordWrap(True)
        layout.addWidget(self.instructions)
        self.code_label = QLabel(code)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSize(22)
        mono.setWeight(QFont.Weight.DemiBold)
        mono.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 2)
        self.code_label.setFont(mono)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.code_label.setStyleSheet("background:#f7f7f2; border:2px dashed #999; padding:18px;")
        self.code_label.setAccessibleName(self.tr("Recovery code"))
        layout.addWidget(self.code_label)
        facts = QGridLayout()
        facts.setColumnStretch(1, 1)
        for row, (label, value) in enumerate(((self.tr("Database:"), str(self.db_path)),
                                              (self.tr("Created:"), fmt_date(created)))):
            key = QLabel(label)
            key.setStyleSheet("color:#555;")
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts.addWidget(key, row, 0, Qt.AlignmentFlag.AlignTop)
            facts.addWidget(shown, row, 1)
        layout.addLayout(facts)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        actions = QHBoxLayout()
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.clicked.connect(self.print_sheet)
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"))
        self.pdf_button.clicked.connect(self.save_pdf)
        actions.addWidget(self.print_button)
        actions.addWidget(self.pdf_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color:#ccc;")
        layout.addWidget(line)
        bottom = QHBoxLayout()
        self.stored = QCheckBox(self.tr("I have &stored the code on paper in a safe place"))
        self.stored.setAccessibleName(self.tr("I have stored the code"))
        self.close_button = QPushButton(self.tr("&Close"))
        self.close_button.setEnabled(False)
        self.close_button.clicked.connect(self.accept)
        self.stored.toggled.connect(self.close_button.setEnabled)
        self.stored.toggled.connect(lambda on: on and self.banner.clear())
        bottom.addWidget(self.stored, 1)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        self.print_button.setFocus()
        # The layout decides the minimum (the code must never be clipped); 620 px is the comfortable width.
        self.resize(self.sizeHint().expandedTo(QSize(620, 0)))

    def instruction_text(self) -> str:
        return self.tr("Print this sheet and keep it in a safe. The code opens the database if every password "
                       "is lost. It is not stored anywhere: this is the only time it is shown. Anyone who has "
                       "the code and the database files can read everything, so treat the sheet like a key.")

    # -- the document -------------------------------------------------------------
    def document(self) -> QTextDocument:
        """The printable sheet (HTML); built on demand so the code lives no longer than needed."""
        title = self.tr("Trygg Desktop – recovery sheet")
        usage = self.tr("To use the code when no one can log in: run “trygg-desktop recover” with the "
                        "database and a user name, type the code and choose a new password. O and I are read as "
                        "0 and 1; case and hyphens do not matter.")
        facts = ((self.tr("Database:"), str(self.db_path)), (self.tr("Created:"), fmt_date(self.created)),
                 (self.tr("Stored by:"), "_" * 30), (self.tr("Place:"), "_" * 30))
        rows = "".join("<tr><td style='color:#555; padding-right:12px'>%s</td><td>%s</td></tr>"
                       % (html.escape(k), html.escape(v)) for k, v in facts)
        doc = QTextDocument()
        doc.setHtml("<h1>%s</h1><p>%s</p>"
                    "<p align='center' style='font-family:monospace; font-size:24pt; font-weight:bold'>%s</p>"
                    "<table cellspacing='6'>%s</table><p>%s</p>"
                    % (html.escape(title), html.escape(self.instruction_text()), html.escape(self._code), rows,
                       html.escape(usage)))
        return doc

    def print_sheet(self) -> None:
        """Print straight to a printer: the page never touches the disk as a file."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print the recovery sheet"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.document().print_(printer)
            self.banner.show_message(self.tr("The sheet was sent to the printer. Check that it printed."), "info")

    def save_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the recovery sheet"),
                                              str(self.db_path.parent / "recovery-sheet.pdf"),
                                              self.tr("PDF files (*.pdf)"))
        if not path:
            return
        answer = QMessageBox.warning(
            self, self.tr("The PDF is not encrypted"),
            self.tr("The PDF file is not encrypted and contains the key to the database. Print it and delete "
                    "it, or keep it only on a USB stick in the safe. Never store it beside the database, on a "
                    "network drive or in e-mail.\n\nSave the PDF?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Save:
            self.write_pdf(Path(path))

    def pdf_bytes(self) -> bytes:
        """The sheet as PDF, rendered in memory (a ``QBuffer``): Qt never opens the file itself."""
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setTitle(self.tr("Recovery sheet"))
        self.document().print_(writer)
        del writer  # the PDF is complete once the painter of print_() has ended
        data = bytes(buffer.data())
        buffer.close()
        return data

    def write_pdf(self, path: Path) -> bool:
        """Save the sheet at ``path`` (".pdf" added), owner-only (0600 / owner ACL), never through a link.

        Returns whether it was saved; a failure (a link at the path is refused) is shown in the banner.
        """
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            printing.write_pdf(path, self.pdf_bytes())
        except OSError:
            self.banner.show_message(self.tr("The file could not be saved there. Choose another folder."), "error")
            return False
        self.banner.show_message(self.tr("Saved as %1. Remember: the file is not encrypted.")
                                 .replace("%1", str(path)), "warning")
        return True

    # -- closing --------------------------------------------------------------------
    def done(self, result: int) -> None:
        """Refuse to close until the code is confirmed stored; then forget it."""
        if not self.stored.isChecked():
            self.banner.show_message(self.tr("The code is shown only once. Print it or save it as PDF, then "
                                             "tick “I have stored the code” to close."), "warning")
            self.stored.setFocus()
            return
        self._code = ""
        self.code_label.clear()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not self.stored.isChecked():
            self.done(QDialog.DialogCode.Rejected)
            event.ignore()
            return
        super().closeEvent(event)
