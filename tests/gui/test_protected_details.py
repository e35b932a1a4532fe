"""Protected identity in the real case view (issue 12, item 7): the banner says the
address, school and contact details are not shown, and they are not, anywhere in the
widget tree, for any reader; the case's owner shows them with "Show" (mouse or
keyboard), after one audited service call, for this view only; other readers see the
button disabled with the reason."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QLineEdit
from sqlalchemy import func, select

from trygg_desktop.services.persons import PersonInput
from trygg_desktop.store.models import AuditEvent

from ..conftest import World, test_pnr
from ..scenarios import sspf_case
from .conftest import screenshot

SECRETS = ("Hemliga gatan 7", "Edsbergsskolan", "070-111 22 33", "maja@example.se", "070-444 55 66")


def _case(world: World):
    built = sspf_case(world, first="Maja", last="Ek", protected="SKYDDAD_FOLKBOKFORING", address="Hemliga gatan 7",
                      postal_code="191 99", city="Sollentuna", school="Edsbergsskolan", school_class="8B",
                      phone="070-111 22 33", email="maja@example.se")
    s = world.as_("samordnare")
    mother = s.persons.register(PersonInput("Lena", "Ek", pnr=test_pnr(1980, 3, 4, 990), phone="070-444 55 66",
                                            address="Hemliga gatan 7", city="Sollentuna"))
    s.persons.add_guardian(built.person_id, mother.id, has_custody=True, relation="Mamma")
    return built


def _open(window_for, username: str, case_id: int):
    window = window_for(username)
    window.open_case(case_id)
    QApplication.processEvents()
    return window, window.pages["case"]


def _screen_texts(widget) -> list[str]:
    """Every text the page can show: labels, line edits, tooltips and every table cell."""
    texts = [w.text() for w in widget.findChildren(QLabel)] + [w.text() for w in widget.findChildren(QLineEdit)]
    texts += [w.toolTip() for w in widget.findChildren(QLabel)]
    for view in widget.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        root = view.rootIndex()
        try:
            columns = model.columnCount(root)
        except TypeError:   # list models (combo boxes) keep columnCount private
            columns = 1
        for r in range(model.rowCount(root)):
            for c in range(columns):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.index(r, c, root).data(role)
                    if value is not None:
                        texts.append(str(value))
    return texts


def _shows(widget, secret: str) -> bool:
    return any(secret in t for t in _screen_texts(widget))


def _events(world: World, action: str) -> list[AuditEvent]:
    with world.db.session() as s:
        rows = list(s.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq)))
        s.expunge_all()
        return rows


def _last_seq(world: World) -> int:
    with world.db.session() as s:
        return s.scalar(select(func.max(AuditEvent.seq))) or 0


def test_owner_sees_hidden_details_and_shows_them_with_the_keyboard(world: World, window_for, qtbot) -> None:
    built = _case(world)
    window, page = _open(window_for, "samordnare", built.case_id)
    overview = page.overview
    assert page.protected_banner.isVisible() and "visas inte" in page.protected_banner.label.text()
    assert not any(_shows(window, s) for s in SECRETS), [s for s in SECRETS if _shows(window, s)]
    assert all(overview.values[k].text() == overview._protected_text() for k in ("address", "school", "phone", "email"))
    assert overview.guardians.index(0, 3).data() == overview._protected_text()   # the guardian's phone
    button = overview.reveal_button
    assert button.isVisible() and button.isEnabled() and button.accessibleName()
    assert overview.reveal_guardians_button.isVisible() and overview.reveal_guardians_button.isEnabled()
    assert not overview.reveal_hint.isVisible()
    screenshot(window, "case_protected_hidden_owner")
    assert _events(world, "PROTECTED_DETAILS_SHOWN") == []

    before = _last_seq(world)
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)                           # keyboard-usable
    QApplication.processEvents()
    shown = _events(world, "PROTECTED_DETAILS_SHOWN")
    assert [(e.seq > before, e.case_id, e.person_id) for e in shown] == [(True, built.case_id, built.person_id)]
    assert overview.values["address"].text() == "Hemliga gatan 7, 191 99 Sollentuna"
    assert overview.values["school"].text() == "Edsbergsskolan – 8B"
    assert overview.values["phone"].text() == "070-111 22 33" and overview.values["email"].text() == "maja@example.se"
    assert not button.isVisible()
    assert "lämna inte ut" in page.protected_banner.label.text()
    assert not _shows(window, "070-444 55 66"), "the guardian's details stay hidden until asked for"

    overview.reveal_guardians_button.click()
    QApplication.processEvents()
    assert len(_events(world, "PROTECTED_DETAILS_SHOWN")) == 2
    assert overview.guardians.index(0, 3).data() == "070-444 55 66"
    assert not overview.reveal_guardians_button.isVisible()
    screenshot(window, "case_protected_shown_owner")

    # Not remembered: reading the case again hides them.
    page.refresh()
    QApplication.processEvents()
    assert not any(_shows(window, s) for s in SECRETS)
    assert button.isVisible() and overview.reveal_guardians_button.isVisible()
    assert len(_events(world, "PROTECTED_DETAILS_SHOWN")) == 2


def test_others_see_the_reason_and_cannot_show(world: World, window_for) -> None:
    built = _case(world)
    for user in ("skola", "socialsekreterare"):
        window, page = _open(window_for, user, built.case_id)
        overview = page.overview
        assert page.protected_banner.isVisible()
        assert not any(_shows(window, s) for s in SECRETS), (user, [s for s in SECRETS if _shows(window, s)])
        button = overview.reveal_button
        assert button.isVisible() and not button.isEnabled()
        assert button.toolTip() and button.toolTip() == button.accessibleDescription()
        assert overview.reveal_hint.isVisible() and overview.reveal_hint.text() == button.toolTip()  # keyboard users
        assert not overview.reveal_guardians_button.isEnabled()
        button.click()                     # disabled: nothing happens
        overview.reveal_person()           # and the slot itself refuses without asking the service
        QApplication.processEvents()
        assert overview.values["address"].text() == overview._protected_text()
        if user == "skola":
            screenshot(window, "case_protected_skola_hidden")
    assert _events(world, "PROTECTED_DETAILS_SHOWN") == []


def test_a_person_without_protected_identity_has_no_show_button(world: World, window_for) -> None:
    built = sspf_case(world, address="Lingonvägen 3", city="Sollentuna")
    window, page = _open(window_for, "skola", built.case_id)
    assert not page.protected_banner.isVisible()
    assert not page.overview.reveal_button.isVisible() and not page.overview.reveal_guardians_button.isVisible()
    assert page.overview.values["address"].text() == "Lingonvägen 3, Sollentuna"
