"""What the backup and restore dialogs share: the frame, file rows, the busy state.

Both dialogs are an explanation, a form, an inline banner, a busy bar and a
button row; both run one long call on the worker thread and must not close
while it runs (a half-written backup is removed by the service, a restore writes
a new file: either must finish). ``BackupTaskDialog`` holds that once; the
dialogs add their fields and their work. It holds no translatable text: the
strings stay in the dialogs' own translation contexts.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from ..integrity_text import message_for
from ..widgets.banner import Banner
from ..widgets.forms import busy_bar, with_button


def megabytes(size: int) -> str:
    """A file size in MB with a decimal comma, as the dialogs print it ("12,3")."""
    return f"{size / 1_000_000:.1f}".replace(".", ",")


class BackupTaskDialog(QDialog):
    """Intro, form, banner, busy bar and buttons; ``_busy`` disables ``inputs()`` while working."""

    def __init__(self, title: str, intro: str, min_width: int, standard: QDialogButtonBox.StandardButton,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._working = False
        self.setWindowTitle(title)
        self.setMinimumWidth(min_width)
        layout = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self.form)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        self.progress = busy_bar()
        layout.addWidget(self.progress)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(standard)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def add_file_row(self, label_text: str, edit: QLineEdit, browse_text: str, browse: Callable[[], None]) -> None:
        """A labelled path field (the label is its buddy) with a Browse button beside it."""
        button = QPushButton(browse_text)
        button.clicked.connect(browse)
        label = QLabel(label_text)
        label.setBuddy(edit)
        self.form.addRow(label, with_button(edit, button))

    def show_banner(self, text: str, kind: str = "error") -> None:
        self.banner.show_message(text, kind)

    def inputs(self) -> tuple[QWidget, ...]:
        """The fields and buttons that are off while the work runs."""
        return ()

    def _busy(self, busy: bool) -> None:
        self._working = busy
        self.progress.setVisible(busy)
        for widget in self.inputs():
            widget.setEnabled(not busy)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.show_banner(message_for(exc), "error")
        self.adjustSize()

    def reject(self) -> None:
        if not self._working:  # let the running backup or restore finish
            super().reject()
