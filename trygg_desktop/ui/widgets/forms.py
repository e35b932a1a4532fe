"""Small form parts that several dialogs build alike: a field with a button, a typed path, a busy bar.

Paths can be typed as well as chosen, so the dialogs work without native file
dialogs (and in tests); ``typed_path`` reads what was typed the way Explorer's
"Copy as path" writes it (quotes stripped, ``~`` expanded).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QProgressBar, QPushButton, QWidget


def with_button(field: QWidget, button: QPushButton) -> QWidget:
    """A form field stretching with its button beside it (Browse…, Assign…), no extra margins."""
    row = QWidget()
    h = QHBoxLayout(row)
    h.setContentsMargins(0, 0, 0, 0)
    h.addWidget(field, 1)
    h.addWidget(button)
    return row


def typed_path(edit: QLineEdit) -> Path | None:
    """The path typed into ``edit``, or None when it is empty."""
    text = edit.text().strip().strip('"')
    return Path(text).expanduser() if text else None


def busy_bar() -> QProgressBar:
    """A thin indeterminate bar, hidden until the dialog's work starts."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(6)
    bar.hide()
    return bar
