"""When a colleague saved first: both versions side by side, and the user chooses.

Server mode puts several people on one protocol (the chair and the secretary, two PCs). A save
made over a colleague's newer version is refused by the service (``EditConflict``) and writes
nothing; this dialog shows what is saved now beside what the user typed, field by field, and
offers three ways on: keep editing (the form keeps the user's text, now based on the saved
version), take the saved text into the form, or save one's own text over it knowingly.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QPlainTextEdit, QPushButton, \
    QVBoxLayout, QWidget

KEEP_EDITING, TAKE_SAVED, SAVE_MINE = 0, 1, 2


class EditConflictDialog(QDialog):
    """``fields``: (label, saved text, my text); ``choice`` is one of the three constants after closing."""

    def __init__(self, fields: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Saved by someone else in the meantime"))
        self.choice = KEEP_EDITING
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Someone else saved this item after you opened it. Nothing of yours has been "
                               "saved and nothing of theirs has been overwritten. Compare and choose."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("<b>Saved now</b>")), 0, 1)
        grid.addWidget(QLabel(self.tr("<b>Your text</b>")), 0, 2)
        self.views: list[tuple[QPlainTextEdit, QPlainTextEdit]] = []
        for row, (label, saved, mine) in enumerate(fields, start=1):
            grid.addWidget(QLabel(label), row, 0)
            pair = []
            for column, text in ((1, saved), (2, mine)):
                view = QPlainTextEdit(text)
                view.setReadOnly(True)
                view.setAccessibleName(f"{label} – {'sparat' if column == 1 else 'din'}")
                view.setMaximumHeight(110 if len(text) > 60 else 40)
                grid.addWidget(view, row, column)
                pair.append(view)
            self.views.append((pair[0], pair[1]))
        layout.addLayout(grid)
        buttons = QDialogButtonBox()
        self.keep_button = QPushButton(self.tr("&Keep editing"))
        self.take_button = QPushButton(self.tr("&Use the saved text"))
        self.mine_button = QPushButton(self.tr("&Save mine over it"))
        for button, choice in ((self.keep_button, KEEP_EDITING), (self.take_button, TAKE_SAVED),
                               (self.mine_button, SAVE_MINE)):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.clicked.connect(lambda _c=False, value=choice: self._choose(value))
        layout.addWidget(buttons)
        self.keep_button.setDefault(True)
        self.resize(760, 0)

    def _choose(self, value: int) -> None:
        self.choice = value
        self.accept()


__all__ = ["EditConflictDialog", "KEEP_EDITING", "SAVE_MINE", "TAKE_SAVED"]
