"""Översikt: what needs the logged-in user's attention today (DOMAIN.md, "what a social
worker would expect" 6: my actions due, meetings this week, consents expiring).

Five cards, one per list of ``services.dashboard.for_me()``, each with its count in
the heading and an empty-state text; a row opens its case (or, for a group-level
meeting, the meeting). The page keeps the DTOs only inside its table models, so
``clear()`` (lock) leaves nothing behind.
"""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QStackedWidget,
                               QTableView, QVBoxLayout, QWidget)

from ...domain import vocab
from ...domain.access import Act, Rec
from ...domain.timefmt import fmt_date
from ...api.changes import Topic
from ...api.results import Dashboard, DashboardRow
from ..models.simple_table import ROW_ROLE, Column, DtoTableModel, setup_table_view, sorting_proxy
from .base import Context, Page

OVERDUE_RED = "#b00020"
CARD_STYLE = ("QFrame#card { background: palette(base); border: 1px solid #c9d3de; border-radius: 6px; }"
              "QLabel#cardTitle { font-size: 11pt; font-weight: 600; }")
BADGE_STYLE = "background:%s; color:white; border-radius:9px; padding:1px 8px; font-weight:600;"


def case_status_label(code: str, kind: str | None = None) -> str:
    """A case status in words; the kind is optional because the codes rarely collide."""
    if kind in vocab.CASE_STATUSES:
        return vocab.CASE_STATUSES[kind].label(code)
    for statuses in vocab.CASE_STATUSES.values():
        if code in statuses:
            return statuses.label(code)
    return code


class DashboardCard(QFrame):
    """One section: heading with a count badge, a sortable table, or an empty-state text."""

    row_activated = Signal(object)  # DashboardRow

    def __init__(self, title: str, columns: list[Column], min_rows: int = 4, parent: QWidget | None = None, *,
                 overdue_text: Callable[[int], str] | None = None) -> None:
        super().__init__(parent)
        # What the red note says of the n rows past their date ("2 overdue"; "2 expired" for consents).
        self.overdue_text = overdue_text or (lambda n: self.tr("%n overdue", "", n))
        self.setObjectName("card")
        self.setStyleSheet(CARD_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        heading = QHBoxLayout()
        self.title = QLabel(title)
        self.title.setObjectName("cardTitle")
        self.title.setWordWrap(True)
        self.count = QLabel("0")
        self.count.setAccessibleName(self.tr("Number of rows"))
        self.note = QLabel()  # e.g. "2 overdue"
        self.note.setStyleSheet(f"color:{OVERDUE_RED}; font-weight:600;")
        heading.addWidget(self.title, 1)
        heading.addWidget(self.note)
        heading.addWidget(self.count)
        layout.addLayout(heading)
        self.model = DtoTableModel(columns, parent=self)
        self.proxy = sorting_proxy(self.model, self)
        self.view = QTableView()
        setup_table_view(self.view, self.proxy, title)
        self.view.activated.connect(lambda index: self.row_activated.emit(index.data(ROW_ROLE)))
        self.view.setToolTip(self.tr("Double-click or press Enter to open"))
        row_height = self.view.verticalHeader().defaultSectionSize()
        self.view.setMinimumHeight(self.view.horizontalHeader().sizeHint().height() + row_height * min_rows + 4)
        self.empty = QLabel(self.tr("Nothing to show right now."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color:#5f6b7a; font-style:italic; padding:18px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self.set_rows(())

    def set_rows(self, rows: tuple[DashboardRow, ...], overdue: int = 0) -> None:
        self.model.set_rows(rows)
        self.count.setText(str(len(rows)))
        colour = OVERDUE_RED if overdue else ("#2f6fb3" if rows else "#8a96a3")
        self.count.setStyleSheet(BADGE_STYLE % colour)
        self.note.setText(self.overdue_text(overdue) if overdue else "")
        self.stack.setCurrentWidget(self.view if rows else self.empty)

    def clear(self) -> None:
        self.set_rows(())


class DashboardPage(Page):
    title = "Overview"
    cares_about = frozenset({Topic.CASES, Topic.PLANS, Topic.MEETINGS, Topic.CONSENTS})

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        header = QHBoxLayout()
        heading = QLabel(self.tr("Overview"))
        heading.setStyleSheet("font-size:16pt; font-weight:600;")
        self.today_label = QLabel()
        self.today_label.setStyleSheet("color:#5f6b7a;")
        self.refresh_button = QPushButton(self.tr("&Update"))
        self.refresh_button.setToolTip(self.tr("Update the overview (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        header.addWidget(heading)
        header.addSpacing(12)
        header.addWidget(self.today_label, 1, Qt.AlignmentFlag.AlignBottom)
        header.addWidget(self.refresh_button)
        self.root.addLayout(header)

        self.actions_card = DashboardCard(self.tr("My actions (overdue/due soon)"), self._action_columns(), 5)
        self.meetings_card = DashboardCard(self.tr("Meetings in the coming 7 days"), self._meeting_columns())
        self.consents_card = DashboardCard(self.tr("Consents expiring within 30 days or expired"),
                                           self._consent_columns(), overdue_text=lambda n: self.tr("%n expired", "", n))
        self.follow_up_card = DashboardCard(self.tr("Cases without a follow-up date"), self._follow_up_columns())
        self.referrals_card = DashboardCard(self.tr("New referrals to assess"), self._referral_columns())
        # Only case owners get rows in these two: a contact person's overview stays uncluttered.
        self.follow_up_card.setVisible(ctx.can(Act.UPDATE, Rec.CASE))
        self.referrals_card.setVisible(ctx.can(Act.CHANGE_STATUS, Rec.CASE))
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        grid.addWidget(self.actions_card, 0, 0, 1, 2)
        grid.addWidget(self.meetings_card, 1, 0)
        grid.addWidget(self.consents_card, 1, 1)
        grid.addWidget(self.referrals_card, 2, 0)
        grid.addWidget(self.follow_up_card, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grid_host)
        self.root.addWidget(scroll, 1)
        for card in self.cards:
            card.row_activated.connect(self.open_row)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    @property
    def cards(self) -> tuple[DashboardCard, ...]:
        return (self.actions_card, self.meetings_card, self.consents_card, self.referrals_card,
                self.follow_up_card)

    # -- columns --------------------------------------------------------------
    def _action_columns(self) -> list[Column]:
        red = lambda r: OVERDUE_RED if r.overdue else None  # noqa: E731
        return [
            Column(self.tr("Due"), lambda r: r.when, foreground=red, bold=lambda r: r.overdue,
                   tooltip=lambda r: self.tr("Overdue") if r.overdue else None),
            Column(self.tr("Case"), lambda r: r.reference, foreground=red),
            Column(self.tr("Name"), lambda r: r.person_name, foreground=red),
            Column(self.tr("Action"), lambda r: r.title, foreground=red, stretch=True, tooltip=lambda r: r.title),
            Column(self.tr("Status"), lambda r: self.tr("Overdue") if r.overdue
                   else vocab.ACTION_STATUSES.label(r.status), foreground=red, bold=lambda r: r.overdue),
        ]

    def _meeting_columns(self) -> list[Column]:
        return [
            Column(self.tr("Time"), lambda r: r.when),
            Column(self.tr("Type"), lambda r: vocab.MEETING_TYPES.label(r.title)),
            Column(self.tr("Case"), lambda r: r.reference or self.tr("Group level")),
            Column(self.tr("Name"), lambda r: r.person_name or "", stretch=True, tooltip=lambda r: r.person_name),
            Column(self.tr("Protocol"), lambda r: vocab.PROTOCOL_STATUSES.label(r.status)),
        ]

    def _consent_columns(self) -> list[Column]:
        red = lambda r: OVERDUE_RED if r.overdue else None  # noqa: E731
        return [
            Column(self.tr("Valid to"), lambda r: r.when, foreground=red, bold=lambda r: r.overdue),
            Column(self.tr("Case"), lambda r: r.reference),
            Column(self.tr("Name"), lambda r: r.person_name, stretch=True),
            Column(self.tr("Consent"), self._consent_state, foreground=red),
        ]

    def _consent_state(self, row: DashboardRow) -> str:
        """"Expired", or how many days are left of a valid consent."""
        if row.status != "VALID" or row.when is None:
            return vocab.CONSENT_STATUSES.label(row.status)
        days = (row.when - (self.ctx.services.today or date.today())).days
        return self.tr("Valid, %n day(s) left", "", days)

    def _follow_up_columns(self) -> list[Column]:
        return [
            Column(self.tr("Case"), lambda r: r.reference),
            Column(self.tr("Name"), lambda r: r.person_name, stretch=True),
            Column(self.tr("Status"), lambda r: case_status_label(r.status)),
        ]

    def _referral_columns(self) -> list[Column]:
        return [
            Column(self.tr("Referred"), lambda r: r.when),
            Column(self.tr("Case"), lambda r: r.reference),
            Column(self.tr("Name"), lambda r: r.person_name, stretch=True),
            Column(self.tr("Status"), lambda r: case_status_label(r.status, r.title)),
        ]

    # -- data -----------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        self.query(self.ctx.services.dashboard.for_me, self._show)

    def _show(self, board: Dashboard) -> None:
        today = self.ctx.services.today or date.today()
        self.today_label.setText(self.tr("Today %1").replace("%1", fmt_date(today)))
        self.actions_card.set_rows(board.my_actions, sum(r.overdue for r in board.my_actions))
        self.meetings_card.set_rows(board.meetings_this_week)
        self.consents_card.set_rows(board.consents_expiring, sum(r.overdue for r in board.consents_expiring))
        self.follow_up_card.set_rows(board.without_follow_up)
        self.referrals_card.set_rows(board.new_referrals)

    def open_row(self, row: DashboardRow | None) -> None:
        """A case row opens the case; a group-level meeting (no case) opens the meeting."""
        if row is None:
            return
        if row.case_id is not None:
            self.ctx.open_case(row.case_id)
        elif row.item_id is not None:
            self.ctx.open_meeting(row.item_id)

    def clear(self) -> None:
        super().clear()
        for card in self.cards:
            card.clear()
        self.today_label.clear()
