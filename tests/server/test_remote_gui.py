"""The real desktop window on a real ``trygg-server`` (pytest-qt, offscreen): sign in over
HTTPS with the first-time fingerprint question, open the case list and a case, lock with
Ctrl+L and by the idle timer (each ends the session on the server), a changed certificate
refused at sign-in, and the banner when the server cannot be reached."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import httpx
import pytest
from PySide6.QtWidgets import QApplication

from trygg_desktop.app import RemoteSession
from trygg_desktop.client.errors import CertificateChanged, ServerUnreachable
from trygg_desktop.client.remote import RemoteServices
from trygg_desktop.client.transport import Transport
from trygg_desktop.client.trust import KnownServers, fingerprint
from trygg_desktop.server.cluster import free_port
from trygg_desktop.server.tls import self_signed
from trygg_desktop.ui import i18n
from trygg_desktop.ui.dialogs import server_sign_in
from trygg_desktop.ui.errors import error_text
from trygg_desktop.ui.main_window import MainWindow
from trygg_desktop.ui.tasks import Executor, set_executor

from ..conftest import PASSWORD
from .remote_support import RemoteWorld, build_remote_world


@pytest.fixture(scope="module")
def remote(pg_cluster, pg_template) -> Iterator[RemoteWorld]:
    yield from build_remote_world(pg_cluster, pg_template)


@pytest.fixture
def executor(qapp) -> Executor:
    i18n.install(qapp, "sv")
    executor = Executor(sync=True)
    set_executor(executor)
    return executor


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _sign_in(session: RemoteSession, username: str, password: str = PASSWORD):
    dialog = session.dialog
    dialog.username.setText(username)
    dialog.password.setText(password)
    dialog.unlock_button.click()
    QApplication.processEvents()
    return dialog


def _token_refused(remote: RemoteWorld, token: str) -> bool:
    with httpx.Client(verify=remote.context()) as c:
        answer = c.post(f"{remote.url}/api/v1/call/cases/list", json={}, headers={"Authorization": f"Bearer {token}"})
    return answer.status_code == 401 and answer.json()["code"] == "session.required"


def test_the_window_signed_in_to_the_server_opens_the_case_list_and_a_case_and_locks(
        remote: RemoteWorld, executor: Executor, qtbot, tmp_path: Path, monkeypatch) -> None:
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(server_sign_in, "ask_trust", lambda _parent, host, fp: asked.append((host, fp)) or True)
    known = KnownServers(tmp_path / "known_servers.json")
    clock = Clock()
    session = RemoteSession(remote.url, executor, known=known, autolock_minutes=5, clock=clock)
    dialog = session.start()
    qtbot.addWidget(dialog)
    assert dialog.path_label.text() == remote.url and dialog.recovery_button.isHidden()
    _sign_in(session, "samordnare")
    host_port = remote.url.removeprefix("https://")
    assert asked == [(host_port, fingerprint(remote.cert.read_bytes()))]  # asked once, then pinned
    assert known.get(host_port) == asked[0][1]
    window = session.window
    assert isinstance(window, MainWindow) and isinstance(window.services, RemoteServices)
    qtbot.addWidget(window)
    assert window.db_label.text() == remote.url
    assert not window.backup_action.isVisible() and not window.restore_action.isVisible()
    cases = window.show_page("cases")
    QApplication.processEvents()
    qtbot.waitUntil(lambda: cases.model.rowCount() == 1, timeout=10_000)
    assert cases.model.case(0).reference == remote.built.reference
    cases.table.activated.emit(cases.model.index(0, 0))  # Enter / double-click on the row
    QApplication.processEvents()
    page = window.pages["case"]
    qtbot.waitUntil(lambda: page.fact_labels["reference"].text() == remote.built.reference, timeout=10_000)
    assert page.name_label.text() == "Alva Berg"
    assert page.consent.model.rowCount() == 1
    # Ctrl+L: the window goes, the token is dead on the server, the password is asked again.
    token = session.services.transport.token
    window.lock_requested.emit()
    assert session.window is None and session.services is None and _token_refused(remote, token)
    assert session.dialog.username.text() == "samordnare" and session.dialog.password.text() == ""
    qtbot.addWidget(session.dialog)
    _sign_in(session, "samordnare")
    assert len(asked) == 1 and session.window is not None  # pinned: not asked again
    qtbot.addWidget(session.window)
    token = session.services.transport.token
    clock.now += 5 * 60 + 1  # the idle lock
    assert session.autolock.check()
    assert session.window is None and _token_refused(remote, token)
    qtbot.addWidget(session.dialog)


def test_a_changed_certificate_is_refused_at_sign_in_with_a_warning(remote: RemoteWorld, executor: Executor, qtbot,
                                                                   tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(server_sign_in, "ask_trust", lambda *_: pytest.fail("a pinned server is never asked about"))
    known = KnownServers(tmp_path / "known_servers.json")
    stranger, _key = self_signed(tmp_path / "other", ["127.0.0.1"])
    known.trust(remote.url.removeprefix("https://"), fingerprint(stranger.read_bytes()))
    session = RemoteSession(remote.url, executor, known=known, autolock_minutes=5)
    qtbot.addWidget(session.start())
    dialog = _sign_in(session, "samordnare")
    assert session.window is None and dialog.banner.isVisible()
    assert dialog.banner.label.text() == error_text(CertificateChanged())  # the warning, in the UI's language


def test_an_unreachable_server_shows_a_banner_in_the_page(remote: RemoteWorld, executor: Executor, qtbot) -> None:
    actor = remote.world.actors["samordnare"]
    lost = RemoteServices(Transport(f"https://127.0.0.1:{free_port()}", remote.context(), timeout=2), actor)
    window = MainWindow(lost, executor, Path("127.0.0.1"))
    qtbot.addWidget(window)
    window.show()
    cases = window.show_page("cases")
    QApplication.processEvents()
    qtbot.waitUntil(lambda: cases.banner.isVisible(), timeout=10_000)
    assert cases.banner.label.text() == error_text(ServerUnreachable())


def test_an_open_editor_keeps_what_was_typed_when_the_server_goes_away(
        remote: RemoteWorld, executor: Executor, qtbot, tmp_path: Path, monkeypatch) -> None:
    """Last in the module: it stops the server process."""
    monkeypatch.setattr(server_sign_in, "ask_trust", lambda *_: True)
    session = RemoteSession(remote.url, executor, known=KnownServers(tmp_path / "known.json"), autolock_minutes=5)
    qtbot.addWidget(session.start())
    _sign_in(session, "samordnare")
    window = session.window
    qtbot.addWidget(window)
    window.open_case(remote.built.case_id)
    QApplication.processEvents()
    page = window.pages["case"]
    qtbot.waitUntil(lambda: page.detail is not None, timeout=10_000)
    page.tabs.setCurrentWidget(page.journal)
    page.journal.new_button.click()
    dialog = page.dialog
    dialog.text.setPlainText("Samtal med mentorn, skrivet när nätet gick ner")
    remote.process.kill()  # the server is gone (a crash, a cut cable)
    remote.process.wait(10)
    dialog.ok_button.click()
    QApplication.processEvents()
    assert page.dialog is dialog and dialog.isVisible()  # the editor stays open …
    assert dialog.text.toPlainText() == "Samtal med mentorn, skrivet när nätet gick ner"  # … with the text
    assert dialog.banner.isVisible() and dialog.banner.label.text() == error_text(ServerUnreachable())
    assert dialog.ok_button.isEnabled()  # to try again when the server is back
    session.lock(manual=False)  # the lock still goes through, offline: the token is forgotten
    assert session.window is None and session.services is None
    qtbot.addWidget(session.dialog)
