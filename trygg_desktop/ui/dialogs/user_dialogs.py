"""Dialogs of the Users page: add a user, set units, reset a password, add a unit.

Each dialog only collects and checks input; the page runs the service call on the
executor and calls ``finish_ok`` or ``fail`` back, so the dialog stays open (with its
input) when the service refuses, and the error appears inline where it happened.
The password fields come from ``widgets.password`` (shared with first run and recovery).
"""

from __future__ import annotations

from typing import Any, Iterable

from PySide6.QtCore import QCoreApplication, QSize, QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QVBoxLayout, QWidget)

from ...domain import vocab
from ...api.errors import TryggError
from ...api.results import UnitDTO, UserDTO
from ..errors import error_text
from ..widgets.banner import Banner
from ..widgets.forms import busy_bar
from ..widgets.password import PasswordPair


# Service codes that ui/errors.py does not word yet (see the report).
LOCAL_MESSAGES = {
    "unit.exists": QT_TRANSLATE_NOOP("UserDialogs", "A unit with that name already exists."),
    "unit.name": QT_TRANSLATE_NOOP("UserDialogs", "A unit needs a name (at most 200 characters)."),
    "user.roles": QT_TRANSLATE_NOOP("UserDialogs", "Choose at least one role."),
    "user.remove_self": QT_TRANSLATE_NOOP("UserDialogs", "You cannot remove your own account."),
    "user.not_found": QT_TRANSLATE_NOOP("UserDialogs", "There is no such user."),
    "db.no_folder": QT_TRANSLATE_NOOP("UserDialogs", "The folder does not exist."),
}


def message_for(exc: BaseException) -> str:
    """Like ``error_text`` but also words the codes listed in ``LOCAL_MESSAGES``."""
    if isinstance(exc, TryggError) and exc.code in LOCAL_MESSAGES:
        return QCoreApplication.translate("UserDialogs", LOCAL_MESSAGES[exc.code])
    return error_text(exc)


class FormDialog(QDialog):
    """A banner, a form and OK/Cancel; ``submitted(values)`` when the input checks out."""

    submitted = Signal(object)

    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self.form)
        self.progress = busy_bar()
        layout.addWidget(self.progress)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        # Not setMinimumWidth: that would override the layout's minimum and clip at 200 %.
        if self.width() < 480:
            self.resize(self.sizeHint().expandedTo(QSize(480, 0)))
        super().showEvent(event)

    def row(self, text: str, field: QWidget, accessible: str) -> QWidget:
        label = QLabel(text)
        label.setBuddy(field)
        field.setAccessibleName(accessible)
        self.form.addRow(label, field)
        return field

    def show_banner(self, text: str, kind: str = "error") -> None:
        self.banner.show_message(text, kind)

    def values(self) -> dict[str, Any] | None:
        """The checked input, or None after showing what is wrong."""
        return {}

    def submit(self) -> None:
        values = self.values()
        if values is None:
            return
        self.banner.clear()
        self.set_busy(True)
        self.submitted.emit(values)

    def set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.ok_button.setEnabled(not busy)
        for i in range(self.form.rowCount()):
            item = self.form.itemAt(i, QFormLayout.ItemRole.FieldRole)
            if item is not None and item.widget() is not None:
                item.widget().setEnabled(not busy)

    def finish_ok(self, _result: object = None) -> None:
        self.set_busy(False)
        self.accept()

    def fail(self, exc: BaseException) -> None:
        self.set_busy(False)
        if isinstance(exc, TryggError):
            self.show_banner(message_for(exc), "error")
        else:
            from ..errors import show_error
            show_error(self, exc)


def _check_list(items: Iterable[tuple[str, object]], checked: Iterable[object], name: str) -> QListWidget:
    """A list of checkable items (text, data); sized to show a handful of rows."""
    widget = QListWidget()
    chosen = set(checked)
    for text, data in items:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, data)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if data in chosen else Qt.CheckState.Unchecked)
        widget.addItem(item)
    widget.setAccessibleName(name)
    widget.setMinimumHeight(min(8, max(widget.count(), 3)) * 22)
    return widget


def checked_data(widget: QListWidget) -> list:
    return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]


def set_checked(widget: QListWidget, data: Iterable[object]) -> None:
    chosen = set(data)
    for i in range(widget.count()):
        item = widget.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in chosen
                           else Qt.CheckState.Unchecked)


def _agency_combo() -> QComboBox:
    combo = QComboBox()
    for term in vocab.AGENCIES:
        combo.addItem(term.sv, term.code)
    return combo


class AddUserDialog(FormDialog):
    def __init__(self, units: list[UnitDTO], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add user"), self.tr("Add user"), parent)
        self.username = self.row(self.tr("&User name:"), QLineEdit(), self.tr("User name"))
        self.username.setPlaceholderText(self.tr("e.g. anna.svensson"))
        self.display_name = self.row(self.tr("&Name:"), QLineEdit(), self.tr("Display name"))
        self.title_edit = self.row(self.tr("&Title:"), QLineEdit(), self.tr("Title"))
        self.agency = self.row(self.tr("A&gency:"), _agency_combo(), self.tr("Agency"))
        self.roles = self.row(self.tr("&Roles:"), _check_list(((t.sv, t.code) for t in vocab.ROLES), (),
                                                               self.tr("Roles")), self.tr("Roles"))
        self.units = self.row(self.tr("U&nits:"), _check_list(((u.name, u.id) for u in units), (),
                                                               self.tr("Units")), self.tr("Units"))
        self.passwords = PasswordPair()
        self.passwords.add_to(self.form, self.tr("&Password:"), self.tr("Re&peat password:"))
        self.username.setFocus()

    def values(self) -> dict[str, Any] | None:
        username = self.username.text().strip()
        roles = checked_data(self.roles)
        problem = (self.tr("Enter a user name.") if not username else
                   self.tr("Choose at least one role.") if not roles else self.passwords.problem())
        if problem:
            self.show_banner(problem, "error")
            return None
        return {"username": username, "password": self.passwords.password(), "agency": self.agency.currentData(),
                "roles": roles, "units": checked_data(self.units),
                "display_name": self.display_name.text().strip() or None,
                "title": self.title_edit.text().strip() or None}

    def finish_ok(self, _result: object = None) -> None:
        self.passwords.clear()
        super().finish_ok()


class SetUnitsDialog(FormDialog):
    def __init__(self, user: UserDTO, units: list[UnitDTO], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Units of %1").replace("%1", user.username), self.tr("Save"), parent)
        self.form.addRow(QLabel(self.tr("A user sees the cases of the units they belong to, "
                                        "as far as their role and the consent allow.")))
        self.units = self.row(self.tr("U&nits:"), _check_list(((u.name, u.id) for u in units), user.unit_ids,
                                                               self.tr("Units")), self.tr("Units"))

    def values(self) -> dict[str, Any] | None:
        return {"units": checked_data(self.units)}


class ResetPasswordDialog(FormDialog):
    def __init__(self, user: UserDTO, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Reset the password of %1").replace("%1", user.username),
                         self.tr("Set password"), parent)
        note = QLabel(self.tr("Give the new password to the user in person. Ask them to change it "
                              "the next time they log in."))
        note.setWordWrap(True)
        self.form.addRow(note)
        self.passwords = PasswordPair()
        self.passwords.add_to(self.form, self.tr("New &password:"), self.tr("Re&peat password:"))
        self.passwords.first.setFocus()

    def values(self) -> dict[str, Any] | None:
        problem = self.passwords.problem()
        if problem:
            self.show_banner(problem, "error")
            return None
        return {"password": self.passwords.password()}

    def finish_ok(self, _result: object = None) -> None:
        self.passwords.clear()
        super().finish_ok()


class AddUnitDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add unit"), self.tr("Add unit"), parent)
        self.name = self.row(self.tr("&Name:"), QLineEdit(), self.tr("Unit name"))
        self.name.setPlaceholderText(self.tr("e.g. SSPF Tureberg"))
        self.agency = self.row(self.tr("A&gency:"), _agency_combo(), self.tr("Agency"))
        kinds = QComboBox()
        kinds.addItem(self.tr("(no case kind)"), None)
        for term in vocab.CASE_KINDS:
            kinds.addItem(term.sv, term.code)
        self.case_kind = self.row(self.tr("&Case kind:"), kinds, self.tr("Case kind"))
        self.area = self.row(self.tr("&Area:"), QLineEdit(), self.tr("Area"))
        self.name.setFocus()

    def values(self) -> dict[str, Any] | None:
        name = self.name.text().strip()
        if not name:
            self.show_banner(self.tr("Enter a name for the unit."), "error")
            return None
        return {"name": name, "agency": self.agency.currentData(), "case_kind": self.case_kind.currentData(),
                "area": self.area.text().strip() or None}
