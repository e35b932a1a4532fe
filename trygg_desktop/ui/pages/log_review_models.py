"""Table models of the log review tab: the reviewed events (with their computed flags,
tinted) and the signed-off reviews. Timestamps are UTC in the DTOs, local on screen."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from operator import attrgetter

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt

from ...domain import vocab
from ...domain.timefmt import DATE, SECONDS, fmt_instant
from ...api.results import ReviewRow, ReviewSignOff
from ..audit_text import action_text, case_text, user_text
from ..models.simple_table import ROW_ROLE, SORT_ROLE, Column, DtoTableModel

__all__ = ["ALARM", "ROW_ROLE", "SORT_ROLE", "review_flag_label", "review_model", "reviews_model"]

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


def _role_agency(r: ReviewRow) -> str:
    roles = ", ".join(vocab.ROLES.label(x) for x in (r.role or "").split(",") if x)
    return " / ".join(x for x in (roles, vocab.AGENCIES.label(r.agency) if r.agency else "") if x)


def _tint(r: ReviewRow) -> str | None:
    if not r.flags:
        return None
    return "#fde2e2" if set(r.flags) & ALARM else "#fff1c9"


def _ink(r: ReviewRow) -> str | None:
    return "#6b0f0f" if set(r.flags) & ALARM else None


def review_model(parent: QObject | None = None) -> DtoTableModel:
    """The reviewed events, every cell tinted by the row's computed flags (red: possible misuse)."""
    col = partial(Column, foreground=_ink, background=_tint)
    by_seq = attrgetter("seq")  # the time sorts like the sequence
    return DtoTableModel([
        col(QCoreApplication.translate("ReviewModel", "No."), lambda r: str(r.seq), sort_key=by_seq,
            align=Qt.AlignmentFlag.AlignRight),
        col(QCoreApplication.translate("ReviewModel", "Time"),
            lambda r: fmt_instant(r.ts, SECONDS), sort_key=by_seq),
        col(QCoreApplication.translate("ReviewModel", "User"), lambda r: user_text(r.user_name, r.username)),
        col(QCoreApplication.translate("ReviewModel", "Role / agency"), _role_agency),
        col(QCoreApplication.translate("ReviewModel", "Action"), lambda r: action_text(r.action)),
        col(QCoreApplication.translate("ReviewModel", "Case"),
            lambda r: case_text(r.case_reference, r.case_id, r.case_disposed)),
        col(QCoreApplication.translate("ReviewModel", "Flags"),
            lambda r: ", ".join(review_flag_label(f) for f in r.flags)),
    ], parent=parent, text_tooltips=True)


def _period(r: ReviewSignOff) -> str:
    return f"{fmt_instant(r.period_start, DATE)} – {fmt_instant(r.period_end - timedelta(microseconds=1), DATE)}"


def reviews_model(parent: QObject | None = None) -> DtoTableModel:
    """The signed-off reviews, newest first."""
    return DtoTableModel([
        Column(QCoreApplication.translate("ReviewsModel", "Signed"),
               lambda r: fmt_instant(r.signed_at)),
        Column(QCoreApplication.translate("ReviewsModel", "Reviewer"), attrgetter("reviewer")),
        Column(QCoreApplication.translate("ReviewsModel", "Period"), _period),
        Column(QCoreApplication.translate("ReviewsModel", "Flagged"), lambda r: str(r.flagged_count),
               sort_key=attrgetter("flagged_count")),
        Column(QCoreApplication.translate("ReviewsModel", "Anchor"), lambda r: f"{r.head_seq}:{r.head_mac[:12]}…",
               tooltip=lambda r: f"{r.head_seq}:{r.head_mac}"),
        Column(QCoreApplication.translate("ReviewsModel", "Comment"), lambda r: r.comment.replace("\n", " ")),
    ], parent=parent, text_tooltips=True)
