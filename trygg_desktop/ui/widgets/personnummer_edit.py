"""A personnummer field that validates as you type (DOMAIN 6.8).

It accepts every form Skatteverket uses (``YYYYMMDD-NNNC``, ``YYYYMMDDNNNC``,
``YYMMDD-NNNC``, ``YYMMDD+NNNC``) through the pure ``domain.personnummer.parse``
and shows, under the field, either a green check or the specific reason the
number is wrong (the error *code* is translated by ``ui.errors.error_text``), so a
typo in the check digit is caught at the desk and not in the register.

While fewer than ten digits are typed the field only shows the expected format:
a "wrong format" warning on every keystroke would be noise.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...domain import personnummer
from ...api.errors import PersonnummerError
from ..errors import error_text

OK_STYLE = "color:#1b6e20;"
ERROR_STYLE = "color:#9b1111;"
HINT_STYLE = "color:#666;"
FIELD_ERROR_STYLE = "QLineEdit{border:1px solid #c62828; border-radius:3px; padding:2px;}"
COMPLETE_DIGITS = 10


class PersonnummerEdit(QWidget):
    """Line edit plus a status line; ``value()`` is the parsed number or None."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, today: date | None = None,
                 allow_samordningsnummer: bool = True) -> None:
        super().__init__(parent)
        self._today = today
        self._allow_samordning = allow_samordningsnummer
        self._value: personnummer.Personnummer | None = None
        self._code: str | None = "personnummer.empty"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setMaxLength(personnummer.MAX_INPUT_LENGTH)
        self.edit.setPlaceholderText(self.tr("YYYYMMDD-NNNN"))
        self.edit.setAccessibleName(self.tr("Personnummer"))
        self.edit.setMinimumWidth(150)
        self.check = QLabel()
        self.check.setMinimumWidth(18)
        row.addWidget(self.edit, 1)
        row.addWidget(self.check)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setWordWrap(False)  # one line: wrapped labels squash forms in dialogs (height-for-width)
        layout.addWidget(self.status)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._validate)
        self.edit.editingFinished.connect(self._normalise)
        self._validate("")

    # -- API ------------------------------------------------------------------
    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        self.edit.setText(text)

    def clear(self) -> None:
        self.edit.clear()

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 - Qt naming
        self.edit.setReadOnly(read_only)

    def value(self) -> personnummer.Personnummer | None:
        return self._value

    def error_code(self) -> str | None:
        """The domain error code of the current text; None when valid."""
        return self._code

    def is_valid(self) -> bool:
        return self._value is not None

    def is_empty(self) -> bool:
        return not self.edit.text().strip()

    def today(self) -> date:
        return self._today or date.today()

    # -- behaviour --------------------------------------------------------------
    def _validate(self, text: str, *, finished: bool = False) -> None:
        try:
            self._value = personnummer.parse(text, today=self.today(),
                                             allow_samordningsnummer=self._allow_samordning)
            self._code = None
        except PersonnummerError as exc:
            self._value, self._code = None, exc.code
        digits = sum(ch.isdigit() for ch in text)
        if self._value is not None:
            kind = (self.tr("Valid samordningsnummer") if self._value.is_samordningsnummer
                    else self.tr("Valid personnummer"))
            self._show("✔", kind, OK_STYLE, error=False)
        elif not text.strip():
            self._show("", self.tr("Format: YYYYMMDD-NNNN (all forms accepted)"), HINT_STYLE, error=False)
        elif (digits < COMPLETE_DIGITS and self._code == "personnummer.format" and self.edit.hasFocus()
              and not finished):
            self._show("", self.tr("Format: YYYYMMDD-NNNN (all forms accepted)"), HINT_STYLE, error=False)
        else:
            self._show("✖", error_text(PersonnummerError(code=self._code)), ERROR_STYLE, error=True)
        self.changed.emit()

    def _show(self, mark: str, text: str, style: str, *, error: bool) -> None:
        self.check.setText(mark)
        self.check.setStyleSheet(style + "font-weight:bold;")
        self.status.setText(text)
        self.status.setStyleSheet(style)
        self.edit.setStyleSheet(FIELD_ERROR_STYLE if error else "")
        self.edit.setAccessibleDescription(text)
        self.status.setProperty("error_code", self._code or "")

    def _normalise(self) -> None:
        """On leaving the field: show the canonical long form, or the full error."""
        if self._value is not None and self.edit.text() != self._value.long_form():
            self.edit.setText(self._value.long_form())
        elif self._value is None:
            self._validate(self.edit.text(), finished=True)
