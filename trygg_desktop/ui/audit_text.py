"""The words for audit rows, shared by the Log page's search, the log review and a case's
history: the action and the record kind by their labels (vocab.AUDIT_ACTIONS and
AUDIT_RECORDS, Swedish like every vocabulary on screen), the case by its reference and
the user by name, as the services resolved them. No internal id or event code is shown
where a name is known; a record without a name people read keeps its number ("Möte nr 12"),
except a person, whom the log only names through the case.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..domain import vocab


def action_text(code: str | None) -> str:
    return vocab.AUDIT_ACTIONS.label(code) if code else ""


def user_text(user_name: str | None, username: str | None = None) -> str:
    """"Anna Lind (alind)"; "(system)" for events no user caused (or an unknown account)."""
    return user_name or username or QCoreApplication.translate("AuditText", "(system)")


def case_text(reference: str | None, case_id: int | None, disposed: bool = False) -> str:
    """The case's reference; for a disposed case what is known of it."""
    if case_id is None:
        return ""
    if reference:
        if not disposed:
            return reference
        return QCoreApplication.translate("AuditText", "%1 (disposed)").replace("%1", reference)
    if disposed:
        return QCoreApplication.translate("AuditText", "disposed case")
    return QCoreApplication.translate("AuditText", "unknown case")


def record_text(entity: str | None, entity_id: str | None, record_name: str | None) -> str:
    """What the event is about: "Ärende SSPF-2026-0012", "Användare Anna Lind (alind)", "Möte nr 12"."""
    if not entity:
        return ""
    kind = entity.lower()
    label = vocab.AUDIT_RECORDS.label(kind)
    if record_name:
        return f"{label} {record_name}"
    if entity_id and entity_id.isdigit() and kind not in ("person", "case", "user"):
        return QCoreApplication.translate("AuditText", "%1 no. %2").replace("%1", label) \
            .replace("%2", entity_id)
    return label
