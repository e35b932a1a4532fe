"""Users page (system administrator) and Log page (log reviewer), through real widgets
and real services on an encrypted copy of the template database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from trygg_desktop.domain.access import Act, Rec, capable
from trygg_desktop.domain.errors import AccessDenied
from trygg_desktop.paths import key_file_for
from trygg_desktop.services.database import unlock
from trygg_desktop.ui.dialogs.user_dialogs import AddUnitDialog, AddUserDialog, ResetPasswordDialog, SetUnitsDialog
from trygg_desktop.ui.pages.audit_log import AuditLogPage
from trygg_desktop.ui.pages.users import DTO_ROLE, UsersPage

from ..conftest import World
from ..scenarios import sspf_case
from .conftest import screenshot

NEW_PASSWORD = "ny fin losenfras 7"


def _users_page(window) -> UsersPage:
    page = window.show_page("users")
    assert isinstance(page, UsersPage)
    return page


def _user(page: UsersPage, username: str):
    return next(u for u in page.model.rows if u.username == username)


def _check(widget, data) -> None:
    for i in range(widget.count()):
        if widget.item(i).data(Qt.ItemDataRole.UserRole) == data:
            widget.item(i).setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(f"{data!r} not in the list")


def test_admin_adds_a_user_through_the_dialog(window_for, world: World, qtbot) -> None:
    window = window_for("admin")
    page = _users_page(window)
    assert page.model.rowCount() == 13 and page.units_model.rowCount() == 4
    assert "Systemadministratör" in page.model.text(_user(page, "admin"), 4)
    assert "SSPF Tureberg" in page.model.text(_user(page, "skola"), 5)
    qtbot.wait(20)  # let pending layout requests settle before the grab
    screenshot(window, "users_page")

    page.add_button.click()
    dialog = page.active_dialog
    assert isinstance(dialog, AddUserDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.username, "bostad.anna")
    dialog.display_name.setText("Anna Öberg")
    dialog.title_edit.setText("Trygghetsvärd")
    dialog.agency.setCurrentIndex(dialog.agency.findData("BOSTAD"))
    _check(dialog.roles, "KONTAKTPERSON")
    _check(dialog.units, world.units["SSPF Tureberg"])
    qtbot.keyClicks(dialog.passwords.first, NEW_PASSWORD)
    qtbot.keyClicks(dialog.passwords.second, NEW_PASSWORD + "x")
    assert dialog.passwords.meter.value() >= 2
    qtbot.wait(20)  # let pending layout requests settle before the grab
    screenshot(dialog, "add_user_dialog")
    dialog.ok_button.click()  # mismatch: refused inline, nothing written
    assert dialog.isVisible() and dialog.banner.isVisible() and dialog.passwords.mismatch.isVisible()
    dialog.passwords.second.setText(NEW_PASSWORD)
    assert not dialog.passwords.mismatch.isVisible()
    dialog.ok_button.click()
    assert not dialog.isVisible()

    new = _user(page, "bostad.anna")
    assert new.active and new.roles == ("KONTAKTPERSON",) and new.agency == "BOSTAD"
    assert new.unit_ids == (world.units["SSPF Tureberg"],) and new.display_name == "Anna Öberg"
    assert page.model.rowCount() == 14
    assert page.units_model.members[world.units["SSPF Tureberg"]] == 6

    page.add_button.click()  # a taken user name: the dialog stays open with the service's refusal
    again = page.active_dialog
    again.username.setText("bostad.anna")
    _check(again.roles, "KONTAKTPERSON")
    again.passwords.first.setText(NEW_PASSWORD)
    again.passwords.second.setText(NEW_PASSWORD)
    again.ok_button.click()
    assert again.isVisible() and again.banner.kind == "error" and again.ok_button.isEnabled()
    again.reject()


def test_admin_sets_units_resets_a_password_and_adds_a_unit(window_for, world: World) -> None:
    page = _users_page(window_for("admin"))
    assert page.select_user("skola")
    page.units_button.click()
    dialog = page.active_dialog
    assert isinstance(dialog, SetUnitsDialog)
    for i in range(dialog.units.count()):
        dialog.units.item(i).setCheckState(Qt.CheckState.Unchecked)
    _check(dialog.units, world.units["SSPF Edsberg"])
    dialog.ok_button.click()
    assert _user(page, "skola").unit_ids == (world.units["SSPF Edsberg"],)

    assert page.select_user("skola")
    page.password_button.click()
    reset = page.active_dialog
    assert isinstance(reset, ResetPasswordDialog)
    reset.passwords.first.setText("short")
    reset.passwords.second.setText("short")
    reset.ok_button.click()
    assert reset.isVisible() and reset.banner.isVisible()
    reset.passwords.first.setText(NEW_PASSWORD)
    reset.passwords.second.setText(NEW_PASSWORD)
    reset.ok_button.click()
    assert not reset.isVisible() and reset.passwords.first.text() == ""
    db, actor = unlock(world.path, "skola", NEW_PASSWORD, throttle=world.throttle())
    assert actor.username == "skola"
    db.close()

    page.add_unit_button.click()
    unit = page.active_dialog
    assert isinstance(unit, AddUnitDialog)
    unit.name.setText("SSPF Väsjön")
    unit.case_kind.setCurrentIndex(unit.case_kind.findData("SSPF"))
    unit.area.setText("Väsjön")
    unit.ok_button.click()
    assert [u.name for u in page.units_model.rows if u.name == "SSPF Väsjön"] == ["SSPF Väsjön"]
    page.add_unit_button.click()  # the same name again: refused inline
    dup = page.active_dialog
    dup.name.setText("SSPF Väsjön")
    dup.ok_button.click()
    assert dup.isVisible() and dup.banner.kind == "error" and "unit.exists" not in dup.banner.label.text()
    dup.reject()


def test_removing_a_user_asks_first_and_rotates_the_key(window_for, world: World) -> None:
    page = _users_page(window_for("admin"))
    assert page.select_user("admin")
    assert not page.remove_button.isEnabled(), "an administrator cannot remove their own account"
    old_keys = key_file_for(world.path).read_bytes()
    assert page.select_user("fritid")
    page.remove_button.click()
    box = page.confirm_box
    assert box is not None and box.isVisible()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert _user(page, "fritid").active

    page.remove_button.click()
    box = page.confirm_box
    remove = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    remove.click()
    fritid = _user(page, "fritid")
    assert not fritid.active
    assert page.model.text(fritid, 6) != page.model.text(_user(page, "skola"), 6)
    assert page.banner.kind == "info"
    assert key_file_for(world.path).read_bytes() != old_keys
    page.select_user("fritid")
    assert not page.units_button.isEnabled() and not page.remove_button.isEnabled()
    assert world.as_("admin").users.list_users()  # the rotated database still opens with the new key

    page.clear()
    assert page.model.rowCount() == 0 and page.units_model.rowCount() == 0 and page.users == []


@pytest.mark.parametrize("username", ["granskare", "styrgrupp"])
def test_only_administrators_have_the_users_page(window_for, world: World, username: str) -> None:
    window = window_for(username)
    assert "users" not in window.pages
    assert not any(isinstance(p, UsersPage) for p in window.pages.values())
    # Case workers: the same rule the main window applies (their window needs the case pages).
    for other in ("samordnare", "skola", "granskare", "styrgrupp"):
        assert not capable(world.actors[other], Act.READ, Rec.USER_ACCOUNT)
    assert capable(world.actors["admin"], Act.READ, Rec.USER_ACCOUNT)


def test_log_reviewer_finds_a_denied_access_and_verifies_the_chain(window_for, world: World, qtbot) -> None:
    built = sspf_case(world)
    with pytest.raises(AccessDenied):
        world.as_("annan").case_view.open(built.case_id)  # another unit's case

    window = window_for("granskare")
    page = window.show_page("log")
    assert isinstance(page, AuditLogPage)
    assert page.model.rowCount() > 10
    page.flag_filter.setCurrentIndex(page.flag_filter.findData("DENIED"))
    page.search_button.click()
    rows = [page.proxy.index(r, 0).data(DTO_ROLE) for r in range(page.proxy.rowCount())]
    assert rows and all("DENIED" in (e.flags or "") for e in rows)
    denied = [e for e in rows if e.username == "annan"]
    assert denied and denied[0].case_id == built.case_id and denied[0].action == "ACCESS_DENIED"
    first = page.proxy.index(0, 0)
    assert page.proxy.data(first, Qt.ItemDataRole.BackgroundRole) is not None, "flagged rows are tinted"

    page.user_filter.setText("annan")
    page.flag_filter.setCurrentIndex(0)
    page.case_filter.setText(built.reference)
    page.search_button.click()
    assert {e.username for e in page.model.rows} == {"annan"}
    assert {e.case_id for e in page.model.rows} == {built.case_id}

    page.verify_button.click()
    report = page.verify_result
    assert report is not None and report.ok and report.events > 0
    assert page.verify_banner.isVisible() and page.verify_banner.kind == "success"
    assert str(report.events) in page.verify_banner.label.text()
    page.reset_filters()
    qtbot.wait(20)  # let pending layout requests settle before the grab
    screenshot(window, "audit_log_page")

    page.flag_filter.setCurrentIndex(page.flag_filter.findData("RECOVERY_CODE"))
    page.search_button.click()
    assert page.model.rowCount() == 0 and not page.empty_label.isHidden()

    page.clear()
    assert page.model.rowCount() == 0 and page.rows == [] and not page.verify_banner.isVisible()
