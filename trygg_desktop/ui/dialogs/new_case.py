"""The new-case wizard (Ctrl+N): person → guardians → referral → the case is open.

DOMAIN "what a social worker would expect" #1: a referral in under two minutes,
with personnummer validation, a duplicate warning and the orosanmälan prompt.

Nothing is written until Finish. Then three service calls run one after the
other (register the person, register/link the guardians, create the case), each
through a ``MutationOp``; a failure is shown on the page it belongs to, and a
step that succeeded is not repeated on the next try (the registered person is
kept as "existing person", guardians are found again by personnummer).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (QCheckBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget, QWizard,
                               QWizardPage)

from ...domain import personnummer, vocab
from ...api.changes import Topic, changes_of
from ...api.errors import TryggError, ValidationError
from ...api.results import CaseSummary, PersonDTO
from ...api.inputs import PersonInput
from ..errors import error_text, show_error
from ..tasks import MutationOp, QueryOp
from ..widgets.banner import Banner
from ..widgets.person_form import PersonForm, today_of
from ..widgets.personnummer_edit import PersonnummerEdit
from .referral_page import ReferralPage

if TYPE_CHECKING:
    from ..pages.base import Context

PERSON_PAGE, GUARDIANS_PAGE, REFERRAL_PAGE = range(3)


@dataclass(frozen=True)
class GuardianInput:
    person: PersonInput
    has_custody: bool


class PersonPage(QWizardPage):
    def __init__(self, ctx: "Context", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Person"))
        self.setSubTitle(self.tr("Type the personnummer first: a person who is already registered is suggested."))
        layout = QVBoxLayout(self)
        self.form = PersonForm(ctx, self)
        layout.addWidget(self.form)
        self.form.changed.connect(self.completeChanged)

    def show_banner(self, text: str, kind: str = "error") -> None:
        self.form.show_banner(text, kind)

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.form.is_complete()

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        return self.form.validate() is None

    def nextId(self) -> int:  # noqa: N802 - Qt API
        birth = self.form.birth_date()
        today = today_of(self.form.ctx)
        if birth is not None and birth <= today and _age(birth, today) >= vocab.ADULT_AGE:
            return REFERRAL_PAGE  # adults have no guardians
        return GUARDIANS_PAGE


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


class GuardianBox(QGroupBox):
    """One guardian: personnummer, names, custody. Unchecked means "no guardian here"."""

    def __init__(self, title: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setCheckable(True)
        self.setChecked(False)
        form = QFormLayout(self)
        self.pnr = PersonnummerEdit(today=today, allow_samordningsnummer=True)
        self.first = QLineEdit()
        self.last = QLineEdit()
        self.custody = QCheckBox(self.tr("Has &custody (vårdnadshavare)"))
        self.custody.setChecked(True)
        for widget, label in ((self.pnr, self.tr("P&ersonnummer:")), (self.first, self.tr("&First name:")),
                              (self.last, self.tr("&Last name:"))):
            text = QLabel(label)
            text.setBuddy(widget)
            form.addRow(text, widget)
        form.addRow("", self.custody)
        name = title.replace("&", "")
        self.pnr.edit.setAccessibleName(self.tr("%1: personnummer").replace("%1", name))
        self.first.setAccessibleName(self.tr("%1: first name").replace("%1", name))
        self.last.setAccessibleName(self.tr("%1: last name").replace("%1", name))
        self.custody.setAccessibleName(self.tr("%1: has custody").replace("%1", name))

    def guardian(self) -> GuardianInput | None:
        if not self.isChecked():
            return None
        return GuardianInput(PersonInput(self.first.text(), self.last.text(), pnr=self.pnr.text().strip() or None),
                             self.custody.isChecked())

    def is_complete(self) -> bool:
        return not self.isChecked() or (self.pnr.is_valid() and bool(self.first.text().strip())
                                        and bool(self.last.text().strip()))

    def clear(self) -> None:
        for w in (self.first, self.last):
            w.clear()
        self.pnr.clear()
        self.setChecked(False)


class GuardiansPage(QWizardPage):
    def __init__(self, ctx: "Context", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Guardians"))
        self.setSubTitle(self.tr("Up to two guardians. A guardian who is already registered is linked, not "
                                 "registered again. You can also add guardians later."))
        layout = QVBoxLayout(self)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        today = today_of(ctx)
        self.boxes = [GuardianBox(self.tr("Guardian &1"), today), GuardianBox(self.tr("Guardian &2"), today)]
        self._warned_alone = False  # a minor without guardians: warned once, Next again goes on
        for box in self.boxes:
            layout.addWidget(box)
            box.toggled.connect(self.completeChanged)
            box.toggled.connect(lambda _on: setattr(self, "_warned_alone", False))
            for signal in (box.pnr.changed, box.first.textChanged, box.last.textChanged):
                signal.connect(self.completeChanged)
        layout.addStretch(1)

    def show_banner(self, text: str, kind: str = "error") -> None:
        self.banner.show_message(text, kind)

    def guardians(self) -> list[GuardianInput]:
        return [g for g in (box.guardian() for box in self.boxes) if g is not None]

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return all(box.is_complete() for box in self.boxes)

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        child = self.wizard().person_page.form  # type: ignore[attr-defined]
        child_pnr = child.pnr.value() if child.chosen is None and not child.no_pnr.isChecked() else None
        seen: set[str] = set()
        for box in self.boxes:
            if not box.isChecked():
                continue
            value = box.pnr.value()
            if value is None:
                self.show_banner(error_text(ValidationError(code=box.pnr.error_code() or "personnummer.format")))
                box.pnr.setFocus()
                return False
            if (child_pnr is not None and value.digits == child_pnr.digits) or value.digits in seen:
                self.show_banner(self.tr("A guardian cannot have the same personnummer as the child or the other "
                                         "guardian."))
                box.pnr.setFocus()
                return False
            seen.add(value.digits)
        if not seen and not self._warned_alone:
            # This page is shown for minors only (adults skip it): the consent for SSPF work needs
            # the guardians' signatures, so a child registered without them is usually a slip.
            self._warned_alone = True
            self.show_banner(self.tr("No guardian is registered for this child. The consent needs the guardians' "
                                     "signatures (or a reason why one signs alone). Press Next again to go on "
                                     "without guardians; you can add them later."), "warning")
            return False
        self.banner.clear()
        return True


class NewCaseWizard(QWizard):
    """Register a referral; emits nothing itself: on success it opens the new case."""

    def __init__(self, ctx: "Context", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created: CaseSummary | None = None
        self._guardians_done = False
        self._busy = False
        self.setWindowTitle(self.tr("New case"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Register case"))
        self.setMinimumSize(820, 700)
        self.person_page = PersonPage(ctx)
        self.guardians_page = GuardiansPage(ctx)
        self.referral_page = ReferralPage(ctx)
        self.setPage(PERSON_PAGE, self.person_page)
        self.setPage(GUARDIANS_PAGE, self.guardians_page)
        self.setPage(REFERRAL_PAGE, self.referral_page)
        self.person_page.form.changed.connect(self._person_changed)
        users = ctx.services.users
        QueryOp(users.list_units).success(self.referral_page.set_units) \
            .failure(lambda exc: show_error(self.referral_page, exc)).run(ctx.executor)

    def _person_changed(self) -> None:
        self._guardians_done = False  # another child: the guardians must be linked to it

    # -- finishing -----------------------------------------------------------------------
    def accept(self) -> None:
        """Finish: register the person, the guardians, then the case (each step once)."""
        if self._busy:
            return
        if not self.referral_page.validatePage():
            return
        self._busy = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        form = self.person_page.form
        if form.chosen is None:
            data, persons = form.person_input(), self.ctx.services.persons
            self._run(partial(persons.register, data), self._person_registered, PERSON_PAGE)
        else:
            self._link_guardians(form.chosen.id)

    def _person_registered(self, person: PersonDTO) -> None:
        self.person_page.form.set_chosen(person)
        self._link_guardians(person.id)

    def _link_guardians(self, person_id: int) -> None:
        guardians = [] if self._guardians_done or not self.hasVisitedPage(GUARDIANS_PAGE) \
            else self.guardians_page.guardians()
        if not guardians:
            self._create_case(person_id)
            return
        persons = self.ctx.services.persons

        def work() -> int:
            for g in guardians:
                persons.add_guardian(person_id, _find_or_register(persons, g.person), has_custody=g.has_custody)
            return person_id

        self._run(work, self._guardians_linked, GUARDIANS_PAGE, changes_of(persons.add_guardian, persons.register))

    def _guardians_linked(self, person_id: int) -> None:
        self._guardians_done = True
        self._create_case(person_id)

    def _create_case(self, person_id: int) -> None:
        referral, cases = self.referral_page.referral(person_id), self.ctx.services.cases
        self._run(partial(cases.create, referral), self._created, REFERRAL_PAGE)

    def _created(self, case: CaseSummary) -> None:
        self.created = case
        self._busy = False
        super().accept()
        self.ctx.open_case(case.id)

    def _run(self, fn, on_success, page_id: int, changes: frozenset[Topic] | None = None) -> None:
        """``fn``: a ``partial`` of one service method, or a closure with the ``changes`` it makes."""
        MutationOp(fn, changes, self.ctx.notify).success(on_success) \
            .failure(lambda exc: self._failed(exc, page_id)).run(self.ctx.executor)

    def _failed(self, exc: BaseException, page_id: int) -> None:
        self._busy = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        if isinstance(exc, TryggError):
            code = exc.code
            if code.startswith(("person.", "personnummer.")) and page_id == REFERRAL_PAGE:
                page_id = PERSON_PAGE
            while self.currentId() != page_id and self.currentId() != PERSON_PAGE \
                    and page_id in self.visitedIds():
                self.back()
        show_error(self.page(page_id), exc)

    def reject(self) -> None:
        self.person_page.form.clear()
        for box in self.guardians_page.boxes:
            box.clear()
        super().reject()


def _find_or_register(persons, data: PersonInput) -> int:
    """The guardian's person id: the registered person with that number, else a new one.

    Runs on the worker thread (inside the guardians step).
    """
    wanted = personnummer.parse(data.pnr, today=persons.today).digits if data.pnr else None
    for found in persons.possible_duplicates(data):
        if wanted and found.pnr and not found.pnr_masked \
                and personnummer.parse(found.pnr, today=persons.today).digits == wanted:
            return found.id
    return persons.register(data).id
