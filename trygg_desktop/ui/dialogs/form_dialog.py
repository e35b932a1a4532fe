"""The base of the data-entry dialogs (``FormDialog``) and its widget helpers: dates, an
optional date, vocabulary and category choices, text fields.

Why the dialog runs the service call itself: when the service rejects the
input (a lifecycle guard, a missing consent) the message appears inside the
dialog and nothing typed is lost; only a successful write closes it. The call
still goes through ``MutationOp`` on the executor, never on the UI thread.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable, Iterable

from PySide6.QtCore import QCoreApplication, QDate, QSize
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItemModel
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget)

from ...domain import vocab
from ...api.changes import Topic, changes_of
from ...api.errors import EditConflict
from ..errors import show_error
from ..tasks import MutationOp
from ..widgets.banner import Banner

Call = Callable[[], Any]


# -- small widget helpers -------------------------------------------------------
def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(value: date, *, maximum: date | None = None, minimum: date | None = None) -> QDateEdit:
    edit = QDateEdit(to_qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if minimum is not None:
        edit.setMinimumDate(to_qdate(minimum))
    if maximum is not None:
        edit.setMaximumDate(to_qdate(maximum))
    return edit


class OptionalDate(QWidget):
    """A date that may be left out: a checkbox enables the date field."""

    def __init__(self, value: date, check_text: str, *, checked: bool = False) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(check_text)
        self.edit = date_edit(value)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.setChecked(checked)
        self.edit.setEnabled(checked)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)
        self.setFocusProxy(self.check)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt API
        super().setAccessibleName(name)
        self.check.setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None


def vocab_combo(voc: vocab.Vocabulary, codes: Iterable[str] | None = None, *, empty: str | None = None,
                current: str | None = None) -> QComboBox:
    """A combo of Swedish labels with the code in itemData (``empty`` adds a "none" item)."""
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, None)
    for code in (codes if codes is not None else voc.codes):
        combo.addItem(voc.label(code), code)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def category_combo() -> QComboBox:
    """The information category of what is shared (the consent names which categories may
    go to whom); "automatic" lets the service derive it from type, area and text."""
    combo = vocab_combo(vocab.INFORMATION_CATEGORIES, empty=QCoreApplication.translate(
        "CategoryCombo", "– automatic (from type, area or text) –"))
    combo.setToolTip(QCoreApplication.translate(
        "CategoryCombo", "Agencies see this only if the consent covers its category for them. "
                         "Automatic: health-related types, areas and words count as Health."))
    combo.setAccessibleName(QCoreApplication.translate("CategoryCombo", "Information category"))
    return combo


def add_header_item(combo: QComboBox, text: str) -> None:
    """A disabled group heading inside a combo (action types grouped by agency)."""
    combo.addItem(text, None)
    model = combo.model()
    if isinstance(model, QStandardItemModel):
        item = model.item(combo.count() - 1)
        item.setEnabled(False)
        font = item.font()
        font.setBold(True)
        item.setFont(font)


class _TextEdit(QPlainTextEdit):
    """A plain-text field whose preferred height is ``lines`` lines (Tab moves focus)."""

    def __init__(self, text: str, lines: int) -> None:
        super().__init__(text)
        self.lines = lines
        self.setTabChangesFocus(True)
        self.setMinimumHeight(self._height(min(lines, 2)))

    def _height(self, lines: int) -> int:
        return self.fontMetrics().lineSpacing() * lines + 2 * self.frameWidth() + 12

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(super().sizeHint().width(), self._height(self.lines))


def text_edit(text: str = "", lines: int = 3) -> QPlainTextEdit:
    return _TextEdit(text, lines)


def plain(edit: QPlainTextEdit | QLineEdit) -> str | None:
    """The stripped text of an edit, or None when empty."""
    value = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
    value = value.strip()
    return value or None


# -- the base -------------------------------------------------------------------
class FormDialog(QDialog):
    """A form with a banner; ``build_call`` returns the service call, or None after a local error.

    The call is a ``functools.partial`` of one service method, so what the save changes (the
    pages that refresh) is what that method declares: ``changes_of(call)``."""

    def __init__(self, ctx, title: str, parent: QWidget | None = None, *, ok_text: str | None = None,
                 confirm: str | None = None, intro: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_value: Any = None
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.outer = QVBoxLayout(self)
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            label.setStyleSheet("color:#444;")
            self.outer.addWidget(label)
        self.banner = Banner(self)
        self.outer.addWidget(self.banner)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.outer.addLayout(self.form)
        self.confirm_box: QCheckBox | None = None
        if confirm:
            self.confirm_box = QCheckBox(confirm)
            self.confirm_box.setStyleSheet("QCheckBox{font-weight:600; color:#7a1010;}")
            self.confirm_box.setAccessibleName(confirm)
            self.confirm_box.toggled.connect(self._update_ok)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok_text:
            self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, self.submit)

    def finish_layout(self) -> None:
        """Add the confirmation and the buttons last, below whatever the subclass added."""
        if self.confirm_box is not None:
            self.outer.addWidget(self.confirm_box)
        self.outer.addWidget(self.buttons)
        self._update_ok()

    def add_row(self, label: str, widget: QWidget, accessible: str | None = None) -> Any:
        """A form row with a mnemonic label as buddy and an accessible name on the input."""
        caption = QLabel(label)
        caption.setBuddy(widget)
        widget.setAccessibleName(accessible or label.replace("&", "").rstrip(":").strip())
        self.form.addRow(caption, widget)
        return widget

    def set_row_visible(self, widget: QWidget, visible: bool) -> None:
        self.form.setRowVisible(widget, visible)

    def needs_confirmation(self) -> bool:
        return self.confirm_box is not None

    def _update_ok(self, *_args: Any) -> None:
        confirmed = not self.needs_confirmation() or (self.confirm_box is not None and self.confirm_box.isChecked())
        self.ok_button.setEnabled(confirmed)

    def show_banner(self, text: str, kind: str = "error") -> None:
        self.banner.show_message(text, kind)

    def warn(self, text: str) -> None:
        self.show_banner(text, "warning")

    def build_call(self) -> Call | None:
        raise NotImplementedError

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        call = self.build_call()
        if call is None:
            return
        self.banner.clear()
        self.ok_button.setEnabled(False)
        self.changes = changes_of(call)
        MutationOp(call, self.changes, self.ctx.notify).success(self._done).failure(self._failed) \
            .run(self.ctx.executor)

    def _done(self, result: Any) -> None:
        self.result_value = result
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._update_ok()
        if isinstance(exc, EditConflict) and self.expected_version is not None:
            self.conflicted(exc.params.get("saved") or {})
            return
        show_error(self, exc)

    #: What the last submitted call changes (``changes_of`` of it), notified again after a conflict.
    changes: frozenset[Topic] = frozenset()
    #: The version of the record this dialog changes, given back with the save so a colleague's
    #: change in between is a conflict (services/versions.py); None: the dialog creates something.
    expected_version: int | None = None
    #: After a conflict, may the user save again over the colleague's version? Not where what
    #: the dialog offers depends on the state that changed (a status's next steps).
    may_save_over: bool = False

    def conflicted(self, saved: dict[str, Any]) -> None:
        """A colleague saved in between and nothing was written: say what is saved now, let the
        page behind read the record again, and either take the saved version as the base (saving
        again then replaces it knowingly) or ask the user to open the dialog again."""
        what = self.saved_text(saved)
        if self.may_save_over:
            self.expected_version = saved.get("version", self.expected_version)
            text = QCoreApplication.translate(
                "FormDialog", "Someone else changed this in the meantime; nothing was overwritten. {saved} "
                "Save again to replace it with yours, or Cancel.")
        else:
            self.ok_button.setEnabled(False)
            text = QCoreApplication.translate(
                "FormDialog", "Someone else changed this in the meantime; nothing was overwritten. {saved} "
                "Cancel and open the dialog again.")
        self.warn(text.replace("{saved}", what).replace("  ", " "))
        self.ctx.notify(self.changes)

    def saved_text(self, saved: dict[str, Any]) -> str:
        """What is saved now, in a sentence, for the conflict message ("" when nothing to add)."""
        return ""
