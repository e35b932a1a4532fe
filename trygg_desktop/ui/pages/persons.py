"""Persons ("Personer"): search the person register, see one person, register a person.

Searching returns names, so it is a read of personal data: the service audits it
and allows it only for roles that register referrals (coordinators, case
workers). Everyone else reaches persons through their cases, and the page says
so instead of showing a search that would only be refused. Persons with
protected identity never appear in search results (DOMAIN 6.7); fields hidden
from this reader show "protected – see the file".
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLayout, QLineEdit, QPushButton, QSplitter, QStackedWidget, QTableView, QVBoxLayout,
                               QWidget)

from ...domain import vocab
from ...domain.access import Act, Rec
from ...domain.timefmt import fmt_date
from ...api.changes import Topic
from ...api.results import PersonDTO
from ..errors import show_error
from ..models.person_table import ID_ROLE, SORT_ROLE, PersonTableModel
from ..tasks import MutationOp
from ..widgets.banner import Banner
from ..widgets.person_form import PersonForm
from .base import Context, Page

# Shown in full but never mouse-selectable: copied only through ``copy_sensitive``.
SENSITIVE_FIELDS = frozenset({"pnr", "reserve_id", "phone", "email", "address"})

SEARCH_DELAY_MS = 300


class RegisterPersonDialog(QDialog):
    """Register one person with the wizard's person form (same checks, same duplicate warning)."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person: PersonDTO | None = None
        self.setWindowTitle(self.tr("Register person"))
        layout = QVBoxLayout(self)
        # The layout sets the minimum (no fixed one of our own), so the dialog grows when the
        # duplicate list or the protected-identity note appears instead of squashing fields.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.form = PersonForm(ctx, self)
        layout.addWidget(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(self.tr("&Register"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.form.changed.connect(self._update)
        self._update()
        self.resize(max(660, self.sizeHint().width()), self.sizeHint().height())

    def _update(self) -> None:
        self.save_button.setEnabled(self.form.is_complete())
        self.save_button.setText(self.tr("&Show person") if self.form.chosen else self.tr("&Register"))

    def save(self) -> None:
        if self.form.chosen is not None:  # an existing person was picked: nothing to register
            self.person = self.form.chosen
            self.accept()
            return
        if self.form.validate() is not None:
            return
        data, persons = self.form.person_input(), self.ctx.services.persons
        self.save_button.setEnabled(False)
        MutationOp.call(persons.register, data, notify=self.ctx.notify) \
            .success(self._registered) \
            .failure(self._failed).run(self.ctx.executor)

    def _registered(self, person: PersonDTO) -> None:
        self.person = person
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._update()
        show_error(self.form, exc)

    def reject(self) -> None:
        self.form.clear()
        super().reject()


class PersonsPage(Page):
    title = "Persons"
    cares_about = frozenset({Topic.PERSONS})

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.may_search = ctx.can(Act.CREATE, Rec.PERSON)  # the service's rule for searching the register
        self.dialog: RegisterPersonDialog | None = None
        self._current: PersonDTO | None = None
        self._pinned: PersonDTO | None = None   # just registered: shown even if a search leaves it out
        self._generation = 0
        heading = QLabel(self.tr("Persons"))
        heading.setStyleSheet("font-size:16pt; font-weight:600;")
        self.root.insertWidget(0, heading)
        bar = QHBoxLayout()
        search_label = QLabel(self.tr("&Search:"))
        self.search = QLineEdit()
        self.search.setAccessibleName(self.tr("Search persons"))
        self.search.setPlaceholderText(self.tr("Name or personnummer (at least two characters)"))
        self.search.setClearButtonEnabled(True)
        search_label.setBuddy(self.search)
        self.register_button = QPushButton(self.tr("&Register person…"))
        self.register_button.clicked.connect(self.register_person)
        bar.addWidget(search_label)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.register_button)
        self.root.addLayout(bar)
        self.model = PersonTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Persons found"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(PersonTableModel.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in ((0, 220), (1, 150), (2, 110)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self._add_copy_action()
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color:#555; font-size:11pt; padding:24px;")
        self.results = QStackedWidget()
        self.results.addWidget(self.table)
        self.results.addWidget(self.empty)
        splitter = QSplitter()
        splitter.addWidget(self.results)
        splitter.addWidget(self._build_details())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([620, 440])
        self.splitter = splitter
        self.root.addWidget(splitter, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(self._typed)
        self.search.returnPressed.connect(self.run_search)
        if not self.may_search:
            for w in (search_label, self.search, self.register_button):
                w.hide()
            self.details_box.hide()
        self.register_button.setVisible(self.may_search)
        self._show_empty()

    def _build_details(self) -> QWidget:
        box = QGroupBox(self.tr("Details"))
        box.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 26)
        v = QVBoxLayout(box)
        self.protected_banner = Banner(box, closable=False)
        v.addWidget(self.protected_banner)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.detail_labels: dict[str, QLabel] = {}
        for key, text in (("name", self.tr("Name:")), ("pnr", self.tr("Personnummer:")),
                          ("reserve_id", self.tr("Reserve id:")), ("birth_date", self.tr("Birth date:")),
                          ("legal_gender", self.tr("Legal gender:")), ("protected", self.tr("Protected identity:")),
                          ("school", self.tr("School:")), ("school_class", self.tr("Class:")),
                          ("phone", self.tr("Phone:")), ("email", self.tr("E-mail:")),
                          ("address", self.tr("Address:"))):
            value = QLabel()
            if key not in SENSITIVE_FIELDS:
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(text.rstrip(":"))
            form.addRow(QLabel(text), value)
            self.detail_labels[key] = value
        v.addLayout(form)
        self.details_hint = QLabel(self.tr("Select a person to see the details."))
        self.details_hint.setStyleSheet("color:#555;")
        self.details_hint.setWordWrap(True)
        v.addWidget(self.details_hint)
        v.addStretch(1)
        self.details_box = box
        return box

    def _add_copy_action(self) -> None:
        """Right-click (or Ctrl+Shift+C) on a row: copy the personnummer safely
        (hinted "not for clipboard history", cleared after 30 s; ui/clipboard.py)."""
        from PySide6.QtGui import QAction, QKeySequence
        self.copy_pnr_action = QAction(self.tr("Copy &personnummer"), self.table)
        self.copy_pnr_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_pnr_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_pnr_action.triggered.connect(self.copy_personnummer)
        self.table.addAction(self.copy_pnr_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.copy_pnr_action.setEnabled(False)

    def _copyable_pnr(self) -> str | None:
        index = self.table.currentIndex()
        person = self.model.person(self.proxy.mapToSource(index).row()) if index.isValid() else None
        return person.pnr if person is not None and person.pnr and not person.pnr_masked else None

    def copy_personnummer(self) -> bool:
        return self.copy_personnummer_value(self._copyable_pnr())

    # -- searching ---------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        if self.may_search and len(self.search.text().strip()) >= 2:
            self.run_search()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _typed(self, _text: str) -> None:
        self._pinned = None
        self._timer.start()

    def run_search(self) -> None:
        self._timer.stop()
        text = self.search.text().strip()
        self._generation += 1
        if not self.may_search or len(text) < 2:
            self._show_results([])
            return
        generation, persons = self._generation, self.ctx.services.persons
        self.query(lambda: persons.search(text),
                   lambda found: self._show_results(found) if generation == self._generation else None)

    def _show_results(self, found: list[PersonDTO], select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else (self._current.id if self._current else None)
        if self._pinned is not None and all(p.id != self._pinned.id for p in found):
            found = [self._pinned, *found]
        self.model.set_rows(found)
        if not found:
            self._show_details(None)
        self._show_empty()
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(ID_ROLE) == keep:
                self.table.selectRow(row)
                break
        else:
            self._show_details(None)

    def _show_empty(self) -> None:
        if not self.may_search:
            text = self.tr("Persons are reached through their cases: open a case from the case list to see the "
                           "person and the guardians.")
        elif len(self.search.text().strip()) < 2:
            text = self.tr("Type at least two characters of a name, or a personnummer. Persons with protected "
                           "identity are not shown in searches.")
        else:
            text = self.tr("No persons found. Check the spelling, or register the person.")
        self.empty.setText(text)
        self.results.setCurrentWidget(self.table if self.model.rowCount() else self.empty)

    # -- details -------------------------------------------------------------------------
    def _selected(self, current, _previous) -> None:
        person_id = current.data(ID_ROLE) if current.isValid() else None
        if hasattr(self, "copy_pnr_action"):
            self.copy_pnr_action.setEnabled(self._copyable_pnr() is not None)
        if person_id is None:
            self._show_details(None)
            return
        if self._current is not None and self._current.id == person_id:
            return
        persons = self.ctx.services.persons
        self.query(lambda: persons.get(person_id), self._show_details)

    def selected_person(self) -> PersonDTO | None:
        return self._current

    def _show_details(self, person: PersonDTO | None) -> None:
        self._current = person
        self.details_hint.setVisible(person is None)
        self.protected_banner.clear()
        if person is None:
            for label in self.detail_labels.values():
                label.clear()
            return
        hidden = self.tr("Protected – see the file")

        def shown(value: str | None) -> str:
            if person.details_hidden and not value:
                return hidden
            return value or "–"

        address = ", ".join(x for x in (person.address, " ".join(x for x in (person.postal_code, person.city) if x))
                            if x)
        values = {
            "name": person.name, "pnr": person.pnr or "–", "reserve_id": person.reserve_id or "–",
            "birth_date": fmt_date(person.birth_date) or "–",
            "legal_gender": vocab.LEGAL_GENDER.label(person.legal_gender),
            "protected": vocab.PROTECTED_IDENTITY.label(person.protected_identity),
            "school": shown(person.school), "school_class": shown(person.school_class),
            "phone": shown(person.phone), "email": shown(person.email), "address": shown(address),
        }
        for key, value in values.items():
            self.detail_labels[key].setText(value)
        if person.protected_identity != "NONE":
            self.protected_banner.show_message(
                self.tr("Protected identity: %1. Never give out address, school or placement.")
                .replace("%1", vocab.PROTECTED_IDENTITY.label(person.protected_identity)), "protected")

    # -- registering ----------------------------------------------------------------------
    def register_person(self) -> None:
        if not self.may_search:
            return
        dialog = RegisterPersonDialog(self.ctx, self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._registered(dialog.person))
        dialog.finished.connect(self._dialog_closed)
        dialog.open()

    def _registered(self, person: PersonDTO | None) -> None:
        """Show the registered (or picked) person, also one a search would leave out."""
        if person is None:
            return
        self._timer.stop()
        self._generation += 1
        self.search.blockSignals(True)
        self.search.setText(person.name)
        self.search.blockSignals(False)
        self._pinned = person
        self._show_details(person)
        self._show_results([], person.id)

    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def clear(self) -> None:
        self._timer.stop()
        self._generation += 1
        self._pinned = None
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.clear()
        self._show_details(None)
        if self.dialog is not None:
            self.dialog.reject()
        self._show_empty()
        super().clear()
