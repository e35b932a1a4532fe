"""The common frame of the meeting screens' data-entry dialogs.

A dialog only collects and checks input and emits ``submitted(input)``; the caller
runs the service call and closes the dialog on success or shows the refusal in the
dialog's own banner (``show_error(dialog, exc)``), so the user corrects one field
instead of retyping everything, e.g. an agency outside the consent
(``meeting.attendee_consent``). Dialogs are opened with ``open()`` (window-modal,
not a nested event loop), which keeps the lock sequence and the tests simple.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from ..errors import show_error
from ..widgets.banner import Banner

WARNING_STYLE = "color:#8a5a00;"


class MeetingFormDialog(QDialog):
    """A banner, a form and OK/Cancel; OK emits ``submitted(collect())`` when the input is complete."""

    submitted = Signal(object)

    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(480)
        self.layout_ = QVBoxLayout(self)
        self.banner = Banner(self)
        self.layout_.addWidget(self.banner)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.buttons)

    def show_banner(self, text: str, kind: str = "error") -> None:
        self.banner.show_message(text, kind)

    def failed(self, exc: BaseException) -> None:
        show_error(self, exc)

    def submit(self) -> None:
        self.banner.clear()
        value = self.collect()
        if value is not None:
            self.submitted.emit(value)

    def collect(self) -> object | None:
        raise NotImplementedError

    def _line(self, label: str, accessible: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        self.form.addRow(label, edit)
        return edit


def combo_box(accessible: str, items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(accessible)
    for text, data in items:
        combo.addItem(text, data)
    return combo


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)

