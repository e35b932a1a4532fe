"""Who a protocol copy is for and on what ground, and so each record's fate in it.

The recipient version (DOMAIN.md 2.3): another agency's internal notes are left out, shared
notes only when the valid consent covers both the recipient and the agency the note came from,
and a copy under a legal basis other than consent holds only the printing agency's own records.
Split from ``protocols.py`` (issue 16); ``ProtocolService`` assembles the document with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.access import RESTRICTED_KINDS, CaseFacts, consent_covers


@dataclass(frozen=True, slots=True)
class RecipientScope:
    """Who the copy is for and on what ground; decides each record's fate."""

    recipient: str | None        # agency code; None = the actor's full version
    actor_agency: str
    facts: CaseFacts | None
    anonymised: bool
    basis: str | None            # a legal basis other than consent, when given

    @property
    def open_within(self) -> bool:
        """Group meetings, anonymised reviews and restricted collaborations share within the unit."""
        return self.facts is None or self.anonymised or self.facts.kind in RESTRICTED_KINDS

    @property
    def consent_mode(self) -> bool:
        f, x = self.facts, self.recipient
        if f is None or x is None:
            return True
        return x == f.case_agency or consent_covers(f, x) or not self.basis

    def verdict(self, owner: str | None, visibility: str, category: str | None,
                actor_reads: bool) -> tuple[str, str | None] | None:
        """None = print it; else (reason, agency): internal | consent | basis."""
        if not actor_reads:
            if visibility == "INTERNAL" and owner and owner != self.actor_agency:
                return ("internal", owner)
            return ("consent", None)
        x = self.recipient
        if x is None or owner == x:
            return None
        if owner is None:  # the collaboration's own note or goal: only its category limits it
            f = self.facts
            if (category is None or self.open_within or f is None or x == f.case_agency or not self.consent_mode
                    or consent_covers(f, x, category)):
                return None
            return ("consent", None)
        if visibility == "INTERNAL":
            return ("internal", owner)
        if self.open_within:
            return None
        f = self.facts
        assert f is not None
        if self.consent_mode:
            if x == f.case_agency:
                ok = consent_covers(f, owner, category)
            else:
                ok = consent_covers(f, x, category) and consent_covers(f, owner)
            return None if ok else ("consent", None)
        return None if owner == self.actor_agency else ("basis", None)
