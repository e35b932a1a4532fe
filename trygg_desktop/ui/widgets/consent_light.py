"""The consent traffic light (DOMAIN.md "What a social worker would expect", 2).

Always visible on a case: a coloured dot and the Swedish word, so the colour is
never the only signal (colour-blind users, grey-scale printouts).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from ...domain.consent import TRAFFIC_LIGHTS

# light → (dot colour, background, text colour)
COLOURS = {
    "VALID": ("#1e8e3e", "#e3f4e6", "#0f5223"),
    "EXPIRING": ("#e8a200", "#fff4d6", "#5c4100"),
    "EXPIRED": ("#c5221f", "#fde8e8", "#7a1010"),
    "REVOKED": ("#c5221f", "#fde8e8", "#7a1010"),
    "NONE": ("#80868b", "#eef0f1", "#3c4043"),
}


class ConsentLight(QFrame):
    """``set_light("VALID")`` … ``set_light("NONE")``; ``clear()`` shows nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consentLight")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 12, 4)
        row.setSpacing(8)
        self.dot = QLabel("●")
        self.caption = QLabel(self.tr("Consent:"))
        self.word = QLabel()
        self.word.setStyleSheet("font-weight:600;")
        row.addWidget(self.dot)
        row.addWidget(self.caption)
        row.addWidget(self.word)
        self.dot.setAlignment(Qt.AlignmentFlag.AlignVCenter)
        self.light = ""
        self.clear()

    def set_light(self, light: str) -> None:
        dot, background, text = COLOURS.get(light, COLOURS["NONE"])
        self.light = light
        self.setStyleSheet(f"QFrame#consentLight {{background:{background}; border:1px solid {dot};"
                           f" border-radius:12px;}} QLabel {{color:{text}; background:transparent;}}")
        self.dot.setStyleSheet(f"color:{dot}; font-size:16pt; background:transparent;")
        self.word.setText(TRAFFIC_LIGHTS.label(light))
        label = self.tr("Consent: %1").replace("%1", TRAFFIC_LIGHTS.label(light))
        self.setAccessibleName(label)
        self.setToolTip(label)
        self.show()

    def clear(self) -> None:
        self.light = ""
        self.word.clear()
        self.setToolTip("")
        self.setAccessibleName("")
        self.hide()
