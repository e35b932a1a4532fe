"""Users page ("Användare"): accounts, roles, units and passwords for system administrators.

Administrators never see case content (DOMAIN.md §1.10), so this page shows only
organisation data: accounts and units. Adding a user or setting a password runs
Argon2 calibration (about a second), so every change goes through the executor
and the dialog stays open, busy, until the service answers.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
                               QSplitter, QTableView, QVBoxLayout, QWidget)

from ...domain.access import Act, Rec
from ...api.changes import Topic, changes_of
from ...api.errors import TryggError
from ...api.results import UnitDTO, UserDTO
from ..dialogs.user_dialogs import (AddUnitDialog, AddUserDialog, FormDialog, ResetPasswordDialog, SetUnitsDialog,
                                   message_for)
from ..errors import show_error
from ..models.accounts import UnitsModel, UsersModel
from ..models.simple_table import ROW_ROLE as DTO_ROLE  # the page's tests read rows by this name
from ..models.simple_table import SORT_ROLE, DtoTableModel
from ..tasks import MutationOp
from .base import Page

def _table(model: DtoTableModel, name: str, stretch: tuple[int, ...]) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.setAccessibleName(name)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setResizeContentsPrecision(60)
    header.setHighlightSections(False)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return view, proxy


class UsersPage(Page):
    title = QT_TRANSLATE_NOOP("MainWindow", "Users")
    cares_about = frozenset({Topic.USERS})

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.users: list[UserDTO] = []
        self.units: list[UnitDTO] = []
        self.active_dialog: FormDialog | None = None
        self.confirm_box: QMessageBox | None = None
        heading = QLabel(self.tr("Users"))
        heading.setStyleSheet("font-size:15pt; font-weight:600;")
        self.root.addWidget(heading)
        intro = QLabel(self.tr("Accounts, roles and units. Administrators manage access only: "
                               "case content is never shown here."))
        intro.setWordWrap(True)
        intro.setStyleSheet("color:#555;")
        self.root.addWidget(intro)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._users_box())
        splitter.addWidget(self._units_box())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.root.addWidget(splitter, 1)
        self._update_buttons()

    # -- layout -----------------------------------------------------------------
    def _users_box(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add user…"))
        self.units_button = QPushButton(self.tr("Set &units…"))
        self.password_button = QPushButton(self.tr("Reset &password…"))
        self.remove_button = QPushButton(self.tr("&Remove user…"))
        for button, handler in ((self.add_button, self.add_user), (self.units_button, self.set_units),
                                (self.password_button, self.reset_password), (self.remove_button, self.remove_user)):
            button.clicked.connect(handler)
            bar.addWidget(button)
        bar.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color:#555;")
        bar.addWidget(self.count_label)
        v.addLayout(bar)
        self.model = UsersModel(self)
        self.view, self.proxy = _table(self.model, self.tr("Users"), (4, 5))
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.doubleClicked.connect(lambda _i: self.set_units())
        v.addWidget(self.view, 1)
        self.add_button.setEnabled(self.ctx.can(Act.CREATE, Rec.USER_ACCOUNT))
        return box

    def _units_box(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 6, 0, 0)
        bar = QHBoxLayout()
        heading = QLabel(self.tr("Units"))
        heading.setStyleSheet("font-size:12pt; font-weight:600;")
        bar.addWidget(heading)
        bar.addStretch(1)
        self.add_unit_button = QPushButton(self.tr("Add u&nit…"))
        self.add_unit_button.clicked.connect(self.add_unit)
        self.add_unit_button.setEnabled(self.ctx.can(Act.CREATE, Rec.USER_ACCOUNT))
        bar.addWidget(self.add_unit_button)
        v.addLayout(bar)
        self.units_model = UnitsModel(self)
        self.units_view, self.units_proxy = _table(self.units_model, self.tr("Units"), (0,))
        v.addWidget(self.units_view, 1)
        return box

    # -- data -------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        services = self.ctx.services
        self.query(lambda: (services.users.list_users(), services.users.list_units()), self._loaded)

    def _loaded(self, result: tuple[list[UserDTO], list[UnitDTO]]) -> None:
        selected = self.selected_user()
        self.users, self.units = result
        self.model.set_rows(self.users, {u.id: u.name for u in self.units})
        self.units_model.set_rows(self.units, self.users)
        active = sum(1 for u in self.users if u.active)
        self.count_label.setText(self.tr("%1 active, %2 removed").replace("%1", str(active))
                                 .replace("%2", str(len(self.users) - active)))
        if selected is not None:  # keep the admin's place after a change
            self.select_user(selected.username)
        self._update_buttons()

    def clear(self) -> None:
        super().clear()
        self.users, self.units = [], []
        self.model.clear()
        self.units_model.clear()
        self.count_label.clear()
        for dialog in (self.active_dialog, self.confirm_box):
            if dialog is not None:
                dialog.reject()
        self.active_dialog = self.confirm_box = None
        self._update_buttons()

    def selected_user(self) -> UserDTO | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(DTO_ROLE) if rows else None

    def select_user(self, username: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(DTO_ROLE).username == username:
                self.view.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        user = self.selected_user()
        live = user is not None and user.active
        self.units_button.setEnabled(live and self.ctx.can(Act.UPDATE, Rec.USER_ACCOUNT))
        self.password_button.setEnabled(live and self.ctx.can(Act.UPDATE, Rec.USER_ACCOUNT))
        self.remove_button.setEnabled(live and user.id != self.ctx.actor.user_id
                                      and self.ctx.can(Act.DELETE, Rec.USER_ACCOUNT))

    # -- actions ----------------------------------------------------------------
    def _run(self, dialog: FormDialog, method: Callable[..., Any], call: Callable[[dict[str, Any]], Any]) -> None:
        """Open ``dialog`` (not blocking); on submit run ``call(values)`` as a mutation on
        the executor (it calls the service ``method``, whose declaration says what changed);
        the dialog closes on success and shows the refusal otherwise."""
        changes = changes_of(method)

        def submitted(values: dict[str, Any]) -> None:
            MutationOp(lambda: call(values), changes, self.ctx.notify) \
                .success(dialog.finish_ok).failure(dialog.fail).run(self.ctx.executor)

        dialog.submitted.connect(submitted)
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        self.active_dialog = dialog
        dialog.open()

    def _dialog_closed(self, dialog: FormDialog) -> None:
        if self.active_dialog is dialog:
            self.active_dialog = None
        dialog.deleteLater()

    def add_user(self) -> None:
        users = self.ctx.services.users
        self._run(AddUserDialog(self.units, self), users.add_user, lambda v: users.add_user(
            v["username"], v["password"], agency=v["agency"], roles=v["roles"], units=v["units"],
            display_name=v["display_name"], title=v["title"]))

    def set_units(self) -> None:
        user = self.selected_user()
        if user is None or not user.active or not self.units_button.isEnabled():
            return
        users = self.ctx.services.users
        self._run(SetUnitsDialog(user, self.units, self), users.set_units,
                  lambda v: users.set_units(user.username, v["units"]))

    def reset_password(self) -> None:
        user = self.selected_user()
        if user is None or not user.active:
            return
        users = self.ctx.services.users
        self._run(ResetPasswordDialog(user, self), users.reset_password,
                  lambda v: users.reset_password(user.username, v["password"]))

    def add_unit(self) -> None:
        users = self.ctx.services.users
        self._run(AddUnitDialog(self), users.add_unit, lambda v: users.add_unit(
            v["name"], agency=v["agency"], case_kind=v["case_kind"], area=v["area"]))

    def remove_user(self) -> None:
        """Removal is irreversible and rotates the database key (R11): confirm first."""
        user = self.selected_user()
        if user is None or not user.active:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Remove user"),
                          self.tr("Remove the account %1 (%2)?").replace("%1", user.username)
                          .replace("%2", user.display_name), QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(self.tr(
            "The user can no longer log in and leaves every case they were assigned to. The database is "
            "then encrypted with a new key, so an old copy of the key file no longer opens it. This can "
            "take a moment and cannot be undone. Back up the new key file together with the database."))
        remove = box.addButton(self.tr("Remove user"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        users = self.ctx.services.users

        def answered(button) -> None:
            self.confirm_box = None
            box.deleteLater()
            if button is remove:
                done = self.tr("%1 was removed and the database key was changed.").replace("%1", user.username)
                MutationOp.call(users.remove_user, user.username, notify=self.ctx.notify) \
                    .success(lambda _r: self.show_banner(done, "info")).failure(self._failed).run(self.ctx.executor)

        box.buttonClicked.connect(answered)
        self.confirm_box = box
        box.open()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, TryggError):
            self.show_banner(message_for(exc), "error")
        else:
            show_error(self, exc)
