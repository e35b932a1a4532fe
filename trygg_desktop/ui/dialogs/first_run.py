"""First run: create a new database or open an existing one (placeholder)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QPushButton, QVBoxLayout


class FirstRunDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.chosen_path: Path | None = None
        self.setWindowTitle(self.tr("Trygg Desktop"))
        layout = QVBoxLayout(self)
        open_button = QPushButton(self.tr("Open an existing database…"))
        open_button.clicked.connect(self._open)
        layout.addWidget(open_button)

    def _open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open database"), "", self.tr("Databases (*.db)"))
        if path:
            self.chosen_path = Path(path)
            self.accept()
