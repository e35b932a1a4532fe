"""The information category of what reaches another agency (DOMAIN.md 1.4: consent names
*which information* may be exchanged).

Journal entries always carried a category; goals, actions and agenda items did not, so
a BUP referral or a drug-use goal reached the police version although the consent left
out Hälsa. Each now has one: the one the user chose, else one derived from its
structured fields (action type, goal area), else the responsible agency's default.
Free text is only *suggested* a category (the forms preselect it; a migration used it
for stored items); the user's choice always wins.
"""

from __future__ import annotations

import re

from .vocab import AGENCY_DEFAULT_CATEGORY, INFORMATION_CATEGORIES

# Action types that are health care by nature; every other type takes the responsible
# agency's category (a parenting programme is a social services intervention).
ACTION_TYPE_CATEGORY: dict[str, str] = {
    "KONTAKT_ELEVHALSA": "HALSA",
    "OPPENVARDSINSATS": "HALSA",
    "REMISS_BUP_BEROENDE": "HALSA",
}

# Goal areas (the kartläggning domains). INDIVID covers drug use and mental health, so it
# is Hälsa: failing closed hides an individual goal from an agency the consent does not
# give health information, rather than the other way round.
GOAL_AREA_CATEGORY: dict[str, str] = {
    "INDIVID": "HALSA",
    "FAMILJ": "FAMILJESITUATION",
    "SKOLA": "SKOLGANG_NARVARO",
    "KAMRATER": "BETEENDE",
    "FRITID": "FRITID",
    "NARMILJO": "BETEENDE",
    "KRIMINALITET": "POLISIARA_UPPGIFTER",
}

# Words that mark health information in Swedish case notes (word starts, case-insensitive).
HEALTH_WORDS = re.compile(
    r"\b(bup|barn- och ungdomspsykiatri|psykiatri|psykisk|psykolog|ungdomsmottagning|elevhälsa|skolsköterska|"
    r"skolläkare|vårdcentral|läkare|diagnos|adhd|autism|depression|ångest|självskad|suicid|medicin|"
    r"beroende|missbruk|drog|narkotika(?!brott|handel)|cannabis|hasch|alkohol|berusad|"
    r"behandling|öppenvård|abstinens|trauma)", re.IGNORECASE)


def check(category: str | None) -> str | None:
    """A category code or None; raises ValueError on an unknown code."""
    if category is not None and category not in INFORMATION_CATEGORIES:
        raise ValueError(category)
    return category


def suggest(*texts: str | None) -> str | None:
    """Hälsa when the text reads as health information, else None (no opinion)."""
    return "HALSA" if any(t and HEALTH_WORDS.search(t) for t in texts) else None


def of_action(explicit: str | None, action_type: str | None, agency: str | None) -> str | None:
    return explicit or ACTION_TYPE_CATEGORY.get(action_type or "") or AGENCY_DEFAULT_CATEGORY.get(agency or "")


def of_goal(explicit: str | None, area: str | None) -> str | None:
    return explicit or GOAL_AREA_CATEGORY.get(area or "")
