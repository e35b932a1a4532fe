"""The one password field of the application, and the pair with a strength meter.

Every place that takes a secret (unlock, first run, user dialogs, recovery reset,
restore, the e-archive passphrase) uses ``PasswordEdit``: the field is masked,
carries its accessible name (a screen reader must not read a bare "edit"), and
stays a ``QLineEdit`` so forms, buddies and ``setRowVisible`` treat it like any
other field. In Password echo mode Qt also refuses copy and cut and tells input
methods the text is sensitive (no prediction, no learning), which is why no
copy sets those itself. ``PasswordPair`` (two fields, a meter, the mismatch
note) is what the dialogs that set a password share.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QProgressBar, QSizePolicy, QVBoxLayout, QWidget

# The service's rule, shown here as an early hint (the service refuses a shorter one anyway).
from ...api.limits import MIN_PASSWORD_LENGTH



class PasswordEdit(QLineEdit):
    """A masked line edit for a password or passphrase, named for assistive technology."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setAccessibleName(accessible_name)


def password_score(password: str) -> int:
    """0 = too short for the service, 1–4 = weak … strong (length counts most)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return 0
    classes = sum(any(test(ch) for ch in password) for test in
                  (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum()))
    return 1 + (len(password) >= 14) + (len(password) >= 20) + (classes >= 3)


class PasswordPair(QWidget):
    """Password twice, a meter (length and character classes) and an inline mismatch note."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = PasswordEdit(self.tr("Password"))
        self.second = PasswordEdit(self.tr("Repeat password"))
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(8)
        self.meter.setAccessibleName(self.tr("Password strength"))
        self.hint = QLabel()
        self.hint.setStyleSheet("color:#555;")
        self.mismatch = QLabel(self.tr("The passwords do not match."))
        self.mismatch.setStyleSheet("color:#a01010;")
        self.mismatch.hide()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # no stray gap in forms
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(3)
        box.addWidget(self.meter)
        box.addWidget(self.hint)
        box.addWidget(self.mismatch)
        for edit in (self.first, self.second):
            edit.textChanged.connect(self._update)
        self._update()

    def add_to(self, form: QFormLayout, first_label: str, second_label: str) -> None:
        """Put both fields (with mnemonic labels) and the meter into ``form``."""
        for text, edit in ((first_label, self.first), (second_label, self.second)):
            label = QLabel(text)
            label.setBuddy(edit)
            form.addRow(label, edit)
        form.addRow("", self)

    def _update(self) -> None:
        password = self.first.text()
        score = password_score(password)
        self.meter.setValue(score)
        colour = ["#c0392b", "#e67e22", "#d4ac0d", "#7dae3a", "#2e8b57"][score]
        self.meter.setStyleSheet(f"QProgressBar::chunk {{background:{colour};}}")
        if score == 0:
            self.hint.setText(self.tr("At least %1 characters (now %2). A few unrelated words make a good password.")
                              .replace("%1", str(MIN_PASSWORD_LENGTH)).replace("%2", str(len(password))))
        else:
            words = [self.tr("Weak: make it longer or mix letters, digits and signs."), self.tr("Fair."),
                     self.tr("Good."), self.tr("Strong.")]
            self.hint.setText(words[score - 1])
        self.mismatch.setVisible(bool(self.second.text()) and self.second.text() != password)
        self.changed.emit()

    def problem(self) -> str | None:
        """The first thing wrong with the pair, worded for the user, or None."""
        if len(self.first.text()) < MIN_PASSWORD_LENGTH:
            return self.tr("The password must have at least %1 characters.").replace("%1", str(MIN_PASSWORD_LENGTH))
        if self.first.text() != self.second.text():
            self.mismatch.show()
            return self.tr("The passwords do not match.")
        return None

    def password(self) -> str:
        return self.first.text()

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()
