"""Turning errors into words: expected ones inline, unexpected ones in a crash dialog.

Domain errors carry a code; the text shown is looked up here (translated). A crash
dialog shows only exception types and code locations: messages from the database
layer can contain SQL parameters, that is, personal data.
"""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel, QMessageBox, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from ..domain.error_messages import CONTEXT, MESSAGES
from ..api.errors import TryggError

log = logging.getLogger(__name__)

def error_text(exc: BaseException) -> str:
    if isinstance(exc, TryggError):
        source = MESSAGES.get(exc.code)
        if source is not None:
            if exc.code == "auth.throttled":
                return QCoreApplication.translate(CONTEXT, source, "", int(exc.params.get("retry_after", 0)))
            return QCoreApplication.translate(CONTEXT, source)
        family = exc.code.split(".", 1)[0]
        if family in ("access",):
            return QCoreApplication.translate(CONTEXT, MESSAGES["access.denied"])
        return QCoreApplication.translate("Errors", "The input was not accepted (%1).").replace("%1", exc.code)
    return QCoreApplication.translate("Errors", "Something went wrong. The details can be copied for IT.")


def safe_details(exc: BaseException) -> str:
    """Exception types and code locations only: never messages (they may hold personal data)."""
    lines = [f"{type(exc).__module__}.{type(exc).__name__}"]
    if isinstance(exc, TryggError):
        lines.append(f"code: {exc.code}")
    for frame in traceback.extract_tb(exc.__traceback__):
        lines.append(f"  {frame.filename.rsplit('trygg_desktop', 1)[-1]}:{frame.lineno} in {frame.name}")
    return "\n".join(lines)


class CrashDialog(QDialog):
    def __init__(self, exc: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unexpected error"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Something went wrong. Nothing you saved earlier is lost.\n"
                                        "Copy the details below and send them to IT.")))
        self.details = QPlainTextEdit(safe_details(exc))
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Error details"))
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(self.details.toPlainText()))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Expected errors: inline banner where the parent has one, else a message box."""
    if isinstance(exc, TryggError):
        banner = getattr(parent, "show_banner", None)
        if callable(banner):
            banner(error_text(exc), "error")
        else:
            QMessageBox.warning(parent, QCoreApplication.translate("Errors", "Not possible"), error_text(exc))
        return
    log.error("unexpected error: %s", safe_details(exc))
    CrashDialog(exc, parent).exec()
