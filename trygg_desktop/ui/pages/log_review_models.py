"""Table models of the log review tab: the reviewed events (with their computed flags,
tinted) and the signed-off reviews. Timestamps are UTC in the DTOs, local on screen."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex,
                            QPersistentModelIndex, Qt)
from PySide6.QtGui import QColor

from ...domain import vocab
from ...services.log_review import ReviewRow, ReviewSignOff
from .audit_log import local_time

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex

REVIEW_FLAGS = {
    "OUTSIDE_UNIT": QT_TRANSLATE_NOOP("LogReview", "Outside unit"),
    "NO_ASSIGNMENT": QT_TRANSLATE_NOOP("LogReview", "No assignment"),
    "PROTECTED_IDENTITY": QT_TRANSLATE_NOOP("LogReview", "Protected identity"),
    "PRINT_EXPORT": QT_TRANSLATE_NOOP("LogReview", "Print/export"),
    "UNUSUAL_HOURS": QT_TRANSLATE_NOOP("LogReview", "Unusual hours"),
    "FAILED_LOGIN": QT_TRANSLATE_NOOP("LogReview", "Failed login"),
    "EMERGENCY": QT_TRANSLATE_NOOP("LogReview", "Emergency access"),
    "DENIED": QT_TRANSLATE_NOOP("LogReview", "Denied"),
}
# Flags that point at possible misuse get the red tint; the rest the yellow one.
ALARM = frozenset({"DENIED", "FAILED_LOGIN", "EMERGENCY", "PROTECTED_IDENTITY", "OUTSIDE_UNIT"})


def review_flag_label(code: str) -> str:
    source = REVIEW_FLAGS.get(code)
    return QCoreApplication.translate("LogReview", source) if source else code


class ReviewModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[ReviewRow] = []
        self.headers = [self.tr("No."), self.tr("Time"), self.tr("User"), self.tr("Role / agency"),
                        self.tr("Action"), self.tr("Case"), self.tr("Flags")]

    def set_rows(self, rows: list[ReviewRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def text(self, r: ReviewRow, column: int) -> str:
        if column == 0:
            return str(r.seq)
        if column == 1:
            return local_time(r.ts).strftime("%Y-%m-%d %H:%M:%S")
        if column == 2:
            return r.username or self.tr("(system)")
        if column == 3:
            roles = ", ".join(vocab.ROLES.label(x) for x in (r.role or "").split(",") if x)
            return " / ".join(x for x in (roles, vocab.AGENCIES.label(r.agency) if r.agency else "") if x)
        if column == 4:
            return r.action
        if column == 5:
            return r.case_reference or ("" if r.case_id is None else f"#{r.case_id}")
        return ", ".join(review_flag_label(f) for f in r.flags)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(r, column)
        if role == SORT_ROLE:
            return r.seq if column in (0, 1) else self.text(r, column).casefold()
        if role == Qt.ItemDataRole.BackgroundRole and r.flags:
            return QColor("#fde2e2") if set(r.flags) & ALARM else QColor("#fff1c9")
        if role == Qt.ItemDataRole.ForegroundRole and set(r.flags) & ALARM:
            return QColor("#6b0f0f")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return r
        return None


class ReviewsModel(QAbstractTableModel):
    """The signed-off reviews, newest first."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[ReviewSignOff] = []
        self.headers = [self.tr("Signed"), self.tr("Reviewer"), self.tr("Period"), self.tr("Flagged"),
                        self.tr("Anchor"), self.tr("Comment")]

    def set_rows(self, rows: list[ReviewSignOff]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        r = self.rows[index.row()]
        last_day = local_time(r.period_end - timedelta(microseconds=1))
        values = (local_time(r.signed_at).strftime("%Y-%m-%d %H:%M"), r.reviewer,
                  f"{local_time(r.period_start):%Y-%m-%d} – {last_day:%Y-%m-%d}", str(r.flagged_count),
                  f"{r.head_seq}:{r.head_mac[:12]}…", r.comment.replace("\n", " "))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4:
            return f"{r.head_seq}:{r.head_mac}"
        return values[index.column()]
