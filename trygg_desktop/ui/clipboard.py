"""Copying protected data (a personnummer) to the clipboard, carefully.

The clipboard is shared with every program on the desktop and, on modern
systems, with clipboard history and cloud sync. So a sensitive copy

* carries the hints the platforms define for password managers (KeePassXC does
  the same): on Windows the formats ``ExcludeClipboardContentFromMonitorProcessing``
  and ``CanIncludeInClipboardHistory`` / ``CanUploadToCloudClipboard`` = DWORD 0
  (not in Win+V history, not synced); on KDE ``x-kde-passwordManagerHint`` =
  ``secret`` (Klipper skips it); on macOS ``org.nspasteboard.ConcealedType``
  (honoured by clipboard managers that follow nspasteboard.org);
* is cleared after ``CLEAR_AFTER_MS`` (30 s) and when the app locks, but only if
  the clipboard still holds OUR copy: something the user copied since is left alone.

Residual risk (README): a clipboard manager that ignores the hints keeps its own
copy, and any program running as the user can read the clipboard in those 30 s.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QMimeData, QObject, Qt, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QLabel

CLEAR_AFTER_MS = 30_000
MARKER_FORMAT = "application/x-trygg-sensitive"
DWORD_ZERO = b"\x00\x00\x00\x00"

# mime type → bytes. Qt registers an unknown mime type as a clipboard format of the
# same name on Windows, so the plain names reach the Windows clipboard as named formats.
HINT_FORMATS: dict[str, bytes] = {
    "ExcludeClipboardContentFromMonitorProcessing": DWORD_ZERO,
    "CanIncludeInClipboardHistory": DWORD_ZERO,
    "CanUploadToCloudClipboard": DWORD_ZERO,
    "x-kde-passwordManagerHint": b"secret",
    "application/x-nspasteboard-concealed-type": b"secret",
    "org.nspasteboard.ConcealedType": b"secret",
}


class SensitiveClipboard(QObject):
    """One per application: remembers what it put on the clipboard and clears it."""

    def __init__(self, clear_after_ms: int = CLEAR_AFTER_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clear_after_ms = clear_after_ms
        self._token: bytes | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)

    @staticmethod
    def _clipboard() -> QClipboard:
        return QGuiApplication.clipboard()

    def copy(self, text: str) -> None:
        """Put ``text`` on the clipboard with the "do not keep" hints; clear it later."""
        token = os.urandom(16).hex().encode()
        mime = QMimeData()
        mime.setText(text)
        for fmt, value in HINT_FORMATS.items():
            mime.setData(fmt, value)
        mime.setData(MARKER_FORMAT, token)
        self._clipboard().setMimeData(mime, QClipboard.Mode.Clipboard)
        self._token = token
        self._timer.start(self.clear_after_ms)

    def holds_ours(self) -> bool:
        if self._token is None:
            return False
        data = self._clipboard().mimeData(QClipboard.Mode.Clipboard)
        return data is not None and data.hasFormat(MARKER_FORMAT) and bytes(data.data(MARKER_FORMAT)) == self._token

    def clear(self) -> bool:
        """Clear the clipboard if it still holds our copy; returns whether it did."""
        self._timer.stop()
        ours = self.holds_ours()
        if ours:
            self._clipboard().clear(QClipboard.Mode.Clipboard)
        self._token = None
        return ours

    @property
    def pending(self) -> bool:
        return self._timer.isActive()


_instance: SensitiveClipboard | None = None


def sensitive_clipboard() -> SensitiveClipboard:
    global _instance
    if _instance is None:
        _instance = SensitiveClipboard(parent=QGuiApplication.instance())
    return _instance


def copy_sensitive(text: str) -> None:
    """Copy a personnummer or other protected data (hinted, cleared after 30 s)."""
    sensitive_clipboard().copy(text)


def clear_sensitive() -> bool:
    """Lock: take our copy off the clipboard now (a no-op if the user copied something else)."""
    return _instance.clear() if _instance is not None else False



def not_selectable(*labels: QLabel) -> None:
    """Labels showing a personnummer or contact details: no mouse selection, so the
    only way to copy is ``copy_sensitive`` (hinted and cleared after 30 s), never a
    plain Ctrl+C that clipboard history would keep."""
    for label in labels:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
