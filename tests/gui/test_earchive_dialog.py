"""The "Export for e-archive" dialog, driven directly (the Gallring page only opens it)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from trygg_desktop.reports.protocol import render_protocol
from trygg_desktop.services import earchive_package as pkg
from trygg_desktop.services.earchive import EArchiveCandidate
from trygg_desktop.store.models import AuditEvent
from trygg_desktop.ui import printing
from trygg_desktop.ui.dialogs import earchive_dialog
from trygg_desktop.ui.dialogs.earchive_dialog import EArchiveDialog, candidates_from_due

from ..conftest import World
from ..scenarios import sspf_case
from .conftest import screenshot

PASSPHRASE = "tre blå hästar dansar"


def _archivist_services(world: World):
    return world.as_("arkiv")  # the conftest world's ARKIVANSVARIG


@pytest.fixture
def renderers():
    printing.install_renderers(protocol=render_protocol)
    yield


def test_dialog_exports_the_ticked_closed_cases(world: World, sync_executor, qtbot, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch, renderers) -> None:
    closed = sspf_case(world)
    world.as_("samordnare").cases.change_status(closed.case_id, "AVSLUTAD", reason="MAL_UPPNATT")
    running = sspf_case(world, first="Bo")
    services = _archivist_services(world)
    cases = [EArchiveCandidate(closed.case_id, closed.reference, "SSPF", "AVSLUTAD", "2026-11-22", False),
             EArchiveCandidate(running.case_id, running.reference, "SSPF", "KARTLAGGNING", None, True)]
    ctx = SimpleNamespace(services=services, executor=sync_executor)
    dialog = EArchiveDialog(ctx, cases)
    qtbot.addWidget(dialog)
    dialog.show()

    # The open case is listed but cannot be ticked; the closed one is ticked.
    assert dialog.checked_ids() == [closed.case_id]
    assert not dialog.case_list.item(1).flags() & Qt.ItemFlag.ItemIsEnabled
    assert not dialog.export_button.isEnabled()

    qtbot.keyClicks(dialog.passphrase, "kort")
    assert "12" in dialog.hint.text() and not dialog.export_button.isEnabled()
    dialog.passphrase.setText(PASSPHRASE)
    dialog.repeat.setText(PASSPHRASE + "x")
    assert not dialog.export_button.isEnabled()  # the two differ
    dialog.repeat.setText(PASSPHRASE)
    out = tmp_path / "ut" / "leverans"
    out.parent.mkdir()
    monkeypatch.setattr(earchive_dialog, "ask_output_path", lambda _parent, _name: out)
    qtbot.mouseClick(dialog.choose, Qt.MouseButton.LeftButton)
    assert dialog.output_path() == out.with_name("leverans.tdar")
    assert dialog.export_button.isEnabled()
    screenshot(dialog, "earchive_dialog_filled")

    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    target = out.with_name("leverans.tdar")
    assert dialog.result_value is not None and dialog.result_value.references == (closed.reference,)
    assert target.exists() and dialog.banner.kind == "success"
    assert dialog.passphrase.text() == "" and not dialog.export_button.isEnabled()
    screenshot(dialog, "earchive_dialog_done")
    package = pkg.open_package(pkg.unseal(target, PASSPHRASE))
    assert pkg.verify_package(package).cases == 1
    with world.db.session() as s:
        events = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "EARCHIVE_EXPORT")))
    assert [e.case_id for e in events] == [closed.case_id]


def test_dialog_shows_the_services_refusal(world: World, sync_executor, qtbot, tmp_path: Path,
                                          renderers) -> None:
    """A user without the archive role gets the refusal in the banner; no file appears."""
    closed = sspf_case(world)
    world.as_("samordnare").cases.change_status(closed.case_id, "AVSLUTAD", reason="MAL_UPPNATT")
    ctx = SimpleNamespace(services=world.as_("samordnare"), executor=sync_executor)
    dialog = EArchiveDialog(ctx, [EArchiveCandidate(closed.case_id, closed.reference, "SSPF", "AVSLUTAD",
                                                    "2026-11-22", False)])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.passphrase.setText(PASSPHRASE)
    dialog.repeat.setText(PASSPHRASE)
    dialog.path.setText(str(tmp_path / "x.tdar"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.banner.kind == "error" and dialog.result_value is None
    assert not (tmp_path / "x.tdar").exists()
    assert dialog.export_button.isEnabled()  # the user may fix and retry
    screenshot(dialog, "earchive_dialog_refused")


def test_candidates_from_due_rows_one_per_case_without_held_ones() -> None:
    from datetime import date
    row = lambda cid, ref, closed, blocked=None: SimpleNamespace(  # noqa: E731
        case_id=cid, case_ref=ref, case_kind="SSPF", closed_at=closed, blocked_by=blocked)
    rows = [row(1, "A", date(2019, 3, 1)), row(1, "A", date(2019, 3, 1)), row(2, "B", None),
            row(3, "C", date(2018, 1, 1), "LEGAL_HOLD")]
    found = candidates_from_due(rows)
    assert [(c.id, c.open, c.closed_on) for c in found] == [(1, False, "2019-03-01"), (2, True, None)]
