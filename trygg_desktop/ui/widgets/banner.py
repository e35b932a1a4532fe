"""An inline message banner (KeePassXC-style): errors and warnings where they happened."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

STYLES = {
    "error": "background:#fde8e8; color:#7a1010; border:1px solid #e0a0a0;",
    "warning": "background:#fff4d6; color:#5c4100; border:1px solid #e6c66e;",
    "info": "background:#e7f1fb; color:#0d3a66; border:1px solid #9cc2e8;",
    "success": "background:#e3f4e6; color:#145a23; border:1px solid #8cc79a;",
    "protected": "background:#7a1010; color:white; font-weight:bold; border:none;",
}


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None, *, closable: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAccessibleName(self.tr("Close message"))
        self.close_button.clicked.connect(self.hide)
        self.close_button.setVisible(closable)
        layout.addWidget(self.close_button)
        self.kind = ""
        self.hide()

    def show_message(self, text: str, kind: str = "error") -> None:
        self.kind = kind
        style = STYLES.get(kind, STYLES["info"])
        colour = next((part.split(":", 1)[1] for part in style.split(";") if part.strip().startswith("color:")), "")
        self.setStyleSheet(f"QFrame#banner {{{style} border-radius:4px;}} "
                           f"QFrame#banner QLabel, QFrame#banner QToolButton {{color:{colour.strip()};}}")
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.show()

    def clear(self) -> None:
        self.label.clear()
        self.hide()
