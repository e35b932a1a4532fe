"""Texts printed on documents (protocols, plan printouts, register extracts), kept as data.

Legal references and local wording change (DOMAIN.md warns that SoL and OSL moved
in 2025; §2.1 asks for the secrecy marking to be editable per agency copy), so the
services look the words up here and nothing else spells them. Everything is plain
data: a municipality edits this module, or overrides the organisation name with a
``meta`` row (key ``organisation``, read by ``services.protocols.organisation_name``).
"""

from __future__ import annotations

# Header name when the database has no ``meta`` row "organisation".
DEFAULT_ORGANISATION = "Sollentuna kommun – Socialförvaltningen"
META_ORGANISATION_KEY = "organisation"

_REVIEW = " – får ej lämnas ut utan sekretessprövning"

# The secrecy marking (OSL 5 kap. 5 §) depends on which agency holds the copy
# (DOMAIN.md 2.1). ``None`` is the combined text, used for the full (internal)
# version and for any agency without its own entry.
SECRECY_MARKINGS: dict[str | None, str] = {
    "SOC": "SEKRETESS enligt 26 kap. 1 § OSL (socialtjänst)" + _REVIEW,
    "SKOLA": "SEKRETESS enligt 23 kap. 2 § OSL (skola)" + _REVIEW,
    "POLIS": "SEKRETESS enligt 35 kap. 1 § OSL (polis), i förekommande fall 18 kap. 1–2 §§ OSL" + _REVIEW,
    # Leisure run by social services: 26 kap. Otherwise the municipality's own assessment applies.
    "FRITID": "SEKRETESS enligt 26 kap. 1 § OSL (fritid i socialtjänstens regi)" + _REVIEW,
    # [UNVERIFIED §, DOMAIN.md 3.3]: Kriminalvård secrecy is in the OSL 35 kap. series.
    "KRIMINALVARD": "SEKRETESS enligt 35 kap. OSL (kriminalvård)" + _REVIEW,
    None: ("SEKRETESS enligt 26 kap. 1 § OSL (socialtjänst), 23 kap. 2 § OSL (skola), "
           "35 kap. 1 § OSL (polis)" + _REVIEW),
}

# The OSL chapter protecting an agency's own records: named when a register extract
# withholds them (dataskyddslagen 5 kap. 1 §: data under secrecy may be withheld).
OSL_CHAPTER: dict[str, str] = {
    "SOC": "OSL 26 kap.",
    "SKOLA": "OSL 23 kap.",
    "POLIS": "OSL 35 kap.",
    "FRITID": "OSL 26 kap.",
    "KRIMINALVARD": "OSL 35 kap.",
}

# Title per meeting type, after a prefix per case kind ("SSPF – MINNESANTECKNINGAR / PROTOKOLL").
PROTOCOL_TITLES: dict[str, str] = {
    "NATVERKSMOTE": "MINNESANTECKNINGAR / PROTOKOLL",
    "UPPFOLJNINGSMOTE": "MINNESANTECKNINGAR / PROTOKOLL",
    "ARBETSGRUPPSMOTE": "MINNESANTECKNINGAR – ARBETSGRUPP (AVIDENTIFIERAD GENOMGÅNG)",
    "STYRGRUPPSMOTE": "PROTOKOLL – STYRGRUPP",
    "TREFASMOTE": "MINNESANTECKNINGAR / PROTOKOLL",
    "ESTMOTE": "EST – PROTOKOLL LÄGESBILDSMÖTE",
}
DEFAULT_PROTOCOL_TITLE = "MINNESANTECKNINGAR / PROTOKOLL"
KIND_TITLE_PREFIX: dict[str, str] = {"SSPF": "SSPF", "TREFAS": "TREFAS", "AVHOPPARE": "AVHOPPARVERKSAMHET"}

# Lines of the protocol (DOMAIN.md 2.2).
PROTECTED_PERSON_LINE = "Skyddad identitet – se akt"
PNR_MINIMISED_SUFFIX = "XXXX"          # YYYYMMDD-XXXX: data minimisation on paper
CONSENT_VALID_MARK = "✔"
CONSENT_INVALID_MARK = "✘"
NO_CONSENT = "Samtycke saknas"
ANONYMISED_CONSENT_LINE = "Ej samtycke – avidentifierad genomgång"
LEGAL_BASIS_LINE = "Uppgiftslämnande med stöd av {basis}"
RESTRICTED_NO_CONSENT_LINE = "Inget samtycke registrerat – uppgifterna delas inom samverkan i {unit}"
FULL_VERSION_RECIPIENT = "Fullständig version ({agency})"
INTERNAL_PRINT_BASIS_TEXT = "Utskrift inom den egna myndigheten"
RESTRICTED_PRINT_BASIS_TEXT = "Samverkan inom {unit} – lagrum ej angivet vid utskriften"
PRINT_CHANNEL = "utskrift"

# "omitted": one sentence per kind of omission, so the reader knows a section was left out.
RECIPIENT_VERSION = "mottagarversion"
OWN_VERSION = "version"


def omitted_internal(count: int, agency_label: str, version: str = RECIPIENT_VERSION) -> str:
    if count == 1:
        return f"1 anteckning som är myndighetsintern för {agency_label} har utelämnats i denna {version}."
    return f"{count} anteckningar som är myndighetsinterna för {agency_label} har utelämnats i denna {version}."


OMITTED_OUTSIDE_CONSENT = "Uppgifter utanför samtyckets omfattning har utelämnats."
OMITTED_OUTSIDE_BASIS = ("Uppgifter från andra myndigheter än {agency} har utelämnats "
                         "(uppgiftslämnandet avser endast {agency}).")


def omitted_plan(count: int) -> str:
    if count == 1:
        return "1 åtgärd i åtagandeplanen ligger utanför samtyckets omfattning och har utelämnats."
    return f"{count} åtgärder i åtagandeplanen ligger utanför samtyckets omfattning och har utelämnats."


OMITTED_PLAN_ALL = "Åtagandeplanen har utelämnats."
OMITTED_PROTECTED = "Adress, skola och mötesplats har utelämnats (skyddade personuppgifter)."

# Plan printout for the young person and the family: plain words, current actions only.
PLAN_PRINT_STATUSES = frozenset({"PLANERAD", "PAGAR", "GENOMFORD"})
PLAIN_AGENCY: dict[str, str] = {
    "SOC": "socialtjänsten", "SKOLA": "skolan", "POLIS": "polisen", "FRITID": "fritidsverksamheten",
    "KRIMINALVARD": "Kriminalvården", "BOSTAD": "bostadsbolaget", "OTHER": "annan verksamhet",
}

# Register extract (GDPR art. 15, DOMAIN.md 6.3).
# Always printed, whether or not such cases exist: naming, counting or even hinting at a case
# the compiler may not read (another unit's, a TREFAS or defector case) would disclose it.
EXTRACT_OTHER_CASES = ("Uppgifter och loggposter i ärenden som den som sammanställt utdraget inte är kopplad till "
                       "ingår inte. Om sådana ärenden finns prövas begäran av den enhet som ansvarar för dem.")
EXTRACT_GUARDIAN_WITHHELD = ("Uppgifter om personen som vårdnadshavare i ärenden som gäller barn ingår inte – "
                             "begär prövning hos ansvarig enhet")
EXTRACT_PROTECTED_WITHHELD = ("Adress, skola och kontaktuppgifter: skyddade personuppgifter – "
                              "lämnas ut efter särskild prövning")
EXTRACT_LOG_LIMIT = 5000


def extract_internal(count: int, what: tuple[str, str], agency: str, agency_label: str, reference: str) -> str:
    """"3 journalanteckningar som är myndighetsinterna för Polis (OSL 35 kap.), ärende SSPF-2026-0001"."""
    noun = what[0] if count == 1 else what[1]
    adjective = "myndighetsintern" if count == 1 else "myndighetsinterna"
    chapter = OSL_CHAPTER.get(agency)
    ground = f" ({chapter})" if chapter else ""
    return f"{count} {noun} som är {adjective} för {agency_label}{ground}, ärende {reference}"


def extract_outside(count: int, what: tuple[str, str], reference: str) -> str:
    noun = what[0] if count == 1 else what[1]
    return f"{count} {noun} utanför samtyckets omfattning eller din behörighet, ärende {reference}"


JOURNAL_NOUN = ("journalanteckning", "journalanteckningar")
ASSESSMENT_NOUN = ("kartläggning", "kartläggningar")
AGENDA_NOUN = ("protokollanteckning", "protokollanteckningar")
ACTION_NOUN = ("åtgärd i åtagandeplanen", "åtgärder i åtagandeplanen")


def secrecy_marking(agency: str | None) -> str:
    return SECRECY_MARKINGS.get(agency, SECRECY_MARKINGS[None])


def protocol_title(meeting_type: str, case_kind: str | None) -> str:
    title = PROTOCOL_TITLES.get(meeting_type, DEFAULT_PROTOCOL_TITLE)
    prefix = KIND_TITLE_PREFIX.get(case_kind or "")
    return f"{prefix} – {title}" if prefix else title


# The access log in a register extract, in words the person can read; unknown codes print as is.
AUDIT_ACTION_LABELS: dict[str, str] = {
    "PERSON_CREATE": "Registrerade personen", "PERSON_READ": "Läste personuppgifter",
    "GUARDIAN_SET": "Registrerade vårdnadshavare",
    "CASE_CREATE": "Registrerade ärendet", "CASE_READ": "Öppnade ärendet",
    "CASE_STATUS": "Ändrade ärendets status",
    "CASE_UPDATE": "Ändrade ärendet", "CASE_EXPORT": "Exporterade ärendet",
    "CONSENT_CREATE": "Registrerade samtycke", "CONSENT_SIGN": "Registrerade underskrift av samtycke",
    "CONSENT_DECLINE": "Registrerade avböjt samtycke", "CONSENT_REVOKE": "Registrerade återkallat samtycke",
    "CONSENT_READ": "Läste samtycken",
    "ASSESSMENT_CREATE": "Registrerade kartläggning", "INSTRUMENT_CREATE": "Registrerade bedömningsinstrument",
    "RISK_LEVEL_CREATE": "Registrerade risknivå", "THREAT_CREATE": "Registrerade hotbedömning",
    "CONDITIONS_CREATE": "Registrerade villkor", "CONDITIONS_BREACH": "Registrerade villkorsbrott",
    "PLAN_VERSION": "Upprättade åtagandeplan", "PLAN_READ": "Läste åtagandeplanen",
    "PLAN_PRINT": "Skrev ut åtagandeplanen",
    "GOAL_CREATE": "Registrerade mål", "ACTION_CREATE": "Registrerade åtgärd", "ACTION_STATUS": "Ändrade åtgärd",
    "JOURNAL_CREATE": "Skrev journalanteckning", "JOURNAL_CORRECT": "Rättade journalanteckning",
    "JOURNAL_READ": "Läste journalen",
    "DISCLOSURE_CREATE": "Registrerade utlämnande", "DISCLOSURE_READ": "Läste utlämnanden",
    "PROTOCOL_PRINT": "Skrev ut protokoll", "PROTOCOL_PREVIEW": "Förhandsgranskade protokoll",
    "REGISTER_EXTRACT": "Tog fram registerutdrag", "ACCESS_DENIED": "Nekades åtkomst",
    "PROTECTED_DETAILS_SHOWN": "Visade skyddade personuppgifter",
}


def access_log_label(action: str) -> str:
    """The words for an audit action in a register extract: the person's wording above, else the
    log's own label (vocab.AUDIT_ACTIONS names every code), never the bare code."""
    from .vocab import AUDIT_ACTIONS
    return AUDIT_ACTION_LABELS.get(action) or AUDIT_ACTIONS.label(action)
