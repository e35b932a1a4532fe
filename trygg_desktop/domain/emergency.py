"""The rules of emergency access (nödåtkomst, break-the-glass; DOMAIN.md 6.6).

Need-to-know access is tied to the case (ärendekoppling), but an emergency does
not wait for the coordinator to assign someone. A user may therefore open a case
of their own agency outside their assignment for a short while, but only after
stating why: a purpose code (for statistics and log review) and a free-text
reason long enough to mean something. The access policy (``access.decide``)
turns an active grant into READ-only access; the service writes the grant and
flags every audit event made under it.
"""

from __future__ import annotations

from datetime import timedelta

from .errors import ValidationError
from .vocab import Vocabulary

PURPOSES = Vocabulary("emergency_purpose", [
    ("ACUTE_RISK", "Akut risk för den unge eller andra", "Acute risk to the young person or others"),
    ("CHILD_SAFETY", "Barnets säkerhet (skyddsbedömning)", "Child safety (protection assessment)"),
    ("OTHER", "Annat akut behov", "Other urgent need"),
])

# A reason shorter than this says nothing a reviewer can check ("brådskande").
MIN_REASON_LENGTH = 15
MAX_REASON_LENGTH = 1000
# A grant ends after this long, or at logout/lock, whichever comes first.
GRANT_DURATION = timedelta(hours=4)


def check_request(purpose: str, reason: str) -> str:
    """The trimmed reason, or a ValidationError with a stable code."""
    if purpose not in PURPOSES:
        raise ValidationError("Unknown purpose", code="emergency.purpose")
    text = (reason or "").strip()
    if len(text) < MIN_REASON_LENGTH:
        raise ValidationError("The reason is too short", code="emergency.reason_short",
                              minimum=MIN_REASON_LENGTH)
    if len(text) > MAX_REASON_LENGTH:
        raise ValidationError("The reason is too long", code="emergency.reason_long", maximum=MAX_REASON_LENGTH)
    return text
