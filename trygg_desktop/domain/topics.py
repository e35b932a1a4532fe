"""What a change touches: the typed names the window's change notification carries.

After a mutation the window emits ``changed(frozenset[Topic])`` and each page refreshes
only if the set meets its ``cares_about`` (DESIGN.md §4). The service methods declare
what they change (``services.base.changes``), so the UI no longer types these names by
hand and a typo is an ``AttributeError`` instead of a page that silently stops refreshing.
A ``StrEnum``: the values are the strings the notification carried before.
"""

from __future__ import annotations

from enum import StrEnum


class Topic(StrEnum):
    CASES = "cases"              # the case list (and a case's summary line)
    CASE = "case"                # the open case's detail
    PERSONS = "persons"
    CONSENTS = "consents"
    JOURNAL = "journal"
    PLANS = "plans"
    MEETINGS = "meetings"
    USERS = "users"
    ASSESSMENTS = "assessments"
    DISCLOSURES = "disclosures"
    EST = "est"
    RETENTION = "retention"
    ALL = "*"                    # anything may have changed (a colleague's change on the server)


#: Nothing a page shows changed (e.g. a read that is only logged).
NOTHING: frozenset[Topic] = frozenset()
EVERYTHING: frozenset[Topic] = frozenset({Topic.ALL})
