"""Signing in to a ``trygg-server``: the unlock window's fields and banners, over HTTPS.

The same widgets as the local unlock (``ui/unlock.py``: user name, masked password, the
throttle countdown, banners by error code), with the server's address instead of the file
and no recovery code or restore (those belong to a local file). The first connection to a
server shows the certificate's SHA-256 fingerprint and asks whether to trust it, as SSH does;
the user compares it with what ``trygg-server`` printed (or IT announced). Which backend this
is stays out of the window: the sign-in function comes from ``app.py`` and hands back services.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ...api.errors import IntegrityFailure, TryggError
from ..errors import error_text
from ..tasks import Executor
from ..unlock import UnlockDialog


def ask_trust(parent: QWidget | None, server: str, fingerprint: str) -> bool:
    """The first-time question; tests monkeypatch this."""
    title = QCoreApplication.translate("ServerSignInDialog", "Trust this server?")
    box = QMessageBox(QMessageBox.Icon.Question, title, "", QMessageBox.StandardButton.NoButton, parent)
    box.setText(QCoreApplication.translate(
        "ServerSignInDialog", "This is the first connection to %1 from this computer.").replace("%1", server))
    box.setInformativeText(QCoreApplication.translate(
        "ServerSignInDialog", "Compare the certificate's fingerprint with the one the server's administrator "
                              "gave you. Trust it only if every character is the same:\n\n%1")
        .replace("%1", fingerprint))
    trust = box.addButton(QCoreApplication.translate("ServerSignInDialog", "&Trust this server"),
                          QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is trust


class ServerSignInDialog(UnlockDialog):
    """Emits ``unlocked(services)`` with what ``sign_in_fn(username, password)`` returned.

    ``trust_fn(fingerprint)`` pins a fingerprint the user accepted; the sign-in then runs again
    with the same password (the server is asked for the certificate once more and must show
    the one just trusted)."""

    def __init__(self, url: str, sign_in_fn: Callable[[str, str], object], trust_fn: Callable[[str], None],
                 executor: Executor, *, username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(Path("."), lambda _path, user, password: sign_in_fn(user, password), executor,
                         username=username, parent=parent)
        self.url, self.trust_fn = url, trust_fn
        self.setWindowTitle(self.tr("Trygg Desktop – sign in"))
        self.title_label.setText(self.tr("Sign in to the server"))
        self.path_label.setText(url)
        self.recovery_button.hide()  # a forgotten server password is reset by an administrator
        self.unlock_button.setText(self.tr("&Sign in"))

    def _failed(self, exc: BaseException) -> None:
        fingerprint = exc.params.get("fingerprint") if isinstance(exc, TryggError) else None
        if isinstance(exc, TryggError) and exc.code == "server.untrusted_certificate" and fingerprint:
            self._busy(False)
            if ask_trust(self, self.url.removeprefix("https://"), str(fingerprint)):
                self.trust_fn(str(fingerprint))
                self.attempt()
            else:
                self.password.clear()
                self.show_banner(error_text(exc), "error")
            return
        if isinstance(exc, IntegrityFailure):  # the server's own trouble: no local restore to offer
            self._busy(False)
            self.password.clear()
            self.show_banner(error_text(exc), "error")
            return
        super()._failed(exc)
