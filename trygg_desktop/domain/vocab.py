"""Every controlled vocabulary of the domain, kept as data in one place.

Codes are stable identifiers stored in the database and in exports; labels are
for people (Swedish first, English second). Local routines and legal texts
change (DOMAIN.md warns that SoL and OSL moved in 2025), so nothing outside this
module spells a code's meaning; the UI and reports look labels up here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator


@dataclass(frozen=True, slots=True)
class Term:
    code: str
    sv: str
    en: str


class Vocabulary:
    """An ordered, immutable set of terms with lookup by code."""

    def __init__(self, name: str, terms: list[tuple[str, str, str]]) -> None:
        self.name = name
        self._terms = tuple(Term(*t) for t in terms)
        self._by_code = {t.code: t for t in self._terms}
        if len(self._by_code) != len(self._terms):
            raise ValueError(f"duplicate code in vocabulary {name}")

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Term]:
        return iter(self._terms)

    def __len__(self) -> int:
        return len(self._terms)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self._terms)

    def label(self, code: str, lang: str = "sv") -> str:
        term = self._by_code.get(code)
        if term is None:
            return code
        return term.sv if lang == "sv" else term.en

    def check(self, code: str) -> str:
        """Return ``code`` if it belongs here, else raise ValueError (callers wrap it)."""
        if code not in self._by_code:
            raise ValueError(f"{code!r} is not in {self.name}")
        return code


AGENCIES = Vocabulary("agency", [
    ("SOC", "Socialtjänst", "Social services"),
    ("SKOLA", "Skola", "School"),
    ("POLIS", "Polis", "Police"),
    ("FRITID", "Fritid", "Leisure services"),
    ("KRIMINALVARD", "Kriminalvård", "Prison and Probation Service"),
    ("BOSTAD", "Bostadsbolag", "Housing company"),
    ("OTHER", "Annan", "Other"),
])

CASE_KINDS = Vocabulary("case_kind", [
    ("SSPF", "SSPF", "SSPF"),
    ("TREFAS", "TREFAS", "TREFAS"),
    ("AVHOPPARE", "Avhoppare", "Defector"),
])

ROLES = Vocabulary("role", [
    ("SSPF_KOORDINATOR", "SSPF-samordnare", "SSPF coordinator"),
    ("TREFAS_KOORDINATOR", "TREFAS-samordnare", "TREFAS coordinator"),
    ("AVHOPPARSAMORDNARE", "Avhopparsamordnare", "Defector coordinator"),
    ("HANDLAGGARE", "Socialsekreterare/handläggare", "Case worker"),
    ("KONTAKTPERSON", "Kontaktperson (myndighet)", "Agency contact"),
    ("ORDFORANDE", "Ordförande", "Chair"),
    ("SEKRETERARE", "Sekreterare", "Secretary"),
    ("JUSTERARE", "Justerare", "Adjuster"),
    ("STYRGRUPP", "Styrgrupp (statistik)", "Steering group (statistics)"),
    ("SYSTEMADMIN", "Systemadministratör", "System administrator"),
    ("LOGGGRANSKARE", "Logggranskare", "Log reviewer"),
    ("ARKIVANSVARIG", "Arkivansvarig", "Archive manager"),
    # EST (DOMAIN 5): the coordinator owns areas, categories, actions and the weekly picture;
    # reporters of every agency register incidents and read the joint picture.
    ("TRYGGHETSSAMORDNARE", "Trygghetssamordnare (EST)", "Community safety coordinator (EST)"),
    ("EST_RAPPORTOR", "EST-rapportör", "EST reporter"),
])

# Roles that coordinate cases of one kind: they own cases in their units.
COORDINATOR_ROLE_FOR_KIND = {
    "SSPF": "SSPF_KOORDINATOR",
    "TREFAS": "TREFAS_KOORDINATOR",
    "AVHOPPARE": "AVHOPPARSAMORDNARE",
}

# Roles that take part in case work (as opposed to admin, review and statistics).
CASE_WORK_ROLES = frozenset({
    "SSPF_KOORDINATOR", "TREFAS_KOORDINATOR", "AVHOPPARSAMORDNARE", "HANDLAGGARE",
    "KONTAKTPERSON", "ORDFORANDE", "SEKRETERARE", "JUSTERARE",
})

PROTECTED_IDENTITY = Vocabulary("protected_identity", [
    ("NONE", "Inga skyddade uppgifter", "None"),
    ("SEKRETESSMARKERING", "Sekretessmarkering", "Confidentiality marking"),
    ("SKYDDAD_FOLKBOKFORING", "Skyddad folkbokföring", "Protected registration"),
    ("FINGERADE", "Fingerade personuppgifter", "Fictitious identity"),
])

LEGAL_GENDER = Vocabulary("legal_gender", [
    ("KVINNA", "Kvinna", "Female"),
    ("MAN", "Man", "Male"),
    ("OKAND", "Okänt", "Unknown"),
])

REFERRAL_CONCERNS = Vocabulary("referral_concern", [
    ("MISSTANKE_BROTT", "Misstänkt för eller har begått brott", "Suspected of or committed crime"),
    ("KAMRATER_BROTT", "Kamrater som begår brott", "Friends who commit crimes"),
    ("ALKOHOL_DROGER_EGET", "Eget bruk eller försäljning av alkohol/droger", "Own alcohol or drug use or selling"),
    ("KAMRATER_DROGER", "Kamrater som använder droger", "Friends who use drugs"),
    ("RISKMILJOER", "Vistas i riskmiljöer", "Moves in risky environments"),
    ("AGGRESSIVT_BETEENDE", "Aggressivt beteende", "Aggressive behaviour"),
    ("NORMBRYTANDE_BETEENDE", "Normbrytande beteende", "Rule-breaking behaviour"),
    ("BETEENDEFORANDRING", "Beteendeförändring", "Behaviour change"),
    ("HOG_FRANVARO", "Hög frånvaro", "High absence"),
    ("SKOLPROBLEMATIK", "Skolproblematik", "School problems"),
    ("KONCENTRATIONSSVARIGHETER", "Koncentrationssvårigheter", "Concentration difficulties"),
    ("SAKNAR_POSITIV_FRITID", "Saknar positiv fritid", "No positive leisure activity"),
    ("REKRYTERING_KRIMINELLT_NATVERK", "Risk för rekrytering till kriminellt nätverk", "Recruitment risk"),
    ("OVRIGT", "Övrigt", "Other"),
])

URGENCY = Vocabulary("urgency", [
    ("NORMAL", "Normal", "Normal"),
    ("SKYNDSAM", "Skyndsam", "Urgent"),
    ("AKUT", "Akut", "Acute"),
])

OROSANMALAN = Vocabulary("orosanmalan", [
    ("GJORD", "Orosanmälan gjord", "Report of concern made"),
    ("BEHOVS", "Orosanmälan behövs", "Report of concern needed"),
    ("EJ_AKTUELL", "Ej aktuell", "Not needed"),
    ("OKANT", "Ej bedömt", "Not assessed"),
])

SSPF_STATUSES = Vocabulary("sspf_status", [
    ("AKTUALISERAD", "Aktualiserad", "Referred"),
    ("FORHANDSBEDOMNING", "Förhandsbedömning", "Pre-assessment"),
    ("SAMTYCKE_INHAMTAS", "Samtycke inhämtas", "Obtaining consent"),
    ("KARTLAGGNING", "Kartläggning", "Mapping"),
    ("MOTE_PLANERAT", "Möte planerat", "Meeting planned"),
    ("AKTIV_PLAN", "Aktiv plan", "Active plan"),
    ("VILANDE_SAMTYCKE_UTGATT", "Vilande – samtycke utgått", "Dormant – consent expired"),
    ("EJ_AKTUELL", "Ej aktuell", "Not relevant"),
    ("AVSLUTAD", "Avslutad", "Closed"),
])

TREFAS_STATUSES = Vocabulary("trefas_status", [
    ("IDENTIFIERAD", "Identifierad", "Identified"),
    ("BEDOMD", "Bedömd", "Assessed"),
    ("AKTIV", "Aktiv", "Active"),
    ("FRIHETSBEROVAD", "Frihetsberövad", "Deprived of liberty"),
    ("OVERFORD_AVHOPPARARENDE", "Överförd till avhopparärende", "Transferred to defector case"),
    ("AVSLUTAD", "Avslutad", "Closed"),
])

AVHOPPARE_STATUSES = Vocabulary("avhoppare_status", [
    ("FORFRAGAN", "Förfrågan", "Enquiry"),
    ("FORHANDSBEDOMNING", "Förhandsbedömning", "Pre-assessment"),
    ("AKUT_SKYDD", "Akut skydd", "Acute protection"),
    ("UTREDNING", "Utredning", "Investigation"),
    ("BESLUT", "Beslut", "Decision"),
    ("GENOMFORANDE", "Genomförande", "Implementation"),
    ("UPPFOLJNING", "Uppföljning", "Follow-up"),
    ("AVSLUTAD", "Avslutad", "Closed"),
])

CASE_STATUSES = {"SSPF": SSPF_STATUSES, "TREFAS": TREFAS_STATUSES, "AVHOPPARE": AVHOPPARE_STATUSES}

SSPF_CLOSURE_REASONS = Vocabulary("sspf_closure", [
    ("MAL_UPPNATT", "Målen uppnådda", "Goals met"),
    ("SAMTYCKE_SAKNAS", "Samtycke saknas", "No consent"),
    ("SAMTYCKE_ATERKALLAT", "Samtycke återkallat", "Consent withdrawn"),
    ("SAMTYCKE_UTGATT_EJ_FORNYAT", "Samtycke utgått, ej förnyat", "Consent expired, not renewed"),
    ("OVERGANG_SOCIALTJANSTARENDE", "Övergång till socialtjänstärende", "Moved to a social services case"),
    ("FLYTT", "Flytt", "Moved away"),
    ("ALDERSGRANS", "Åldersgräns", "Age limit"),
    ("ANNAN_SAMVERKANSFORM", "Annan samverkansform", "Other collaboration form"),
    ("EJ_AKTUELLT_EFTER_BEDOMNING", "Ej aktuellt efter bedömning", "Not relevant after assessment"),
    ("OVRIGT", "Övrigt", "Other"),
])

TREFAS_CLOSURE_REASONS = Vocabulary("trefas_closure", [
    ("RISK_UPPHORD", "Risken har upphört", "Risk ended"),
    ("FLYTT", "Flytt", "Moved away"),
    ("AVHOPP_FULLFOLJT", "Avhopp fullföljt", "Defection completed"),
    ("AVLIDEN", "Avliden", "Deceased"),
    ("OVRIGT", "Övrigt", "Other"),
])

AVHOPPARE_CLOSURE_REASONS = Vocabulary("avhoppare_closure", [
    ("FULLFOLJT", "Fullföljt", "Completed"),
    ("AVBRUTET_AV_INDIVID", "Avbrutet av individen", "Ended by the individual"),
    ("AVBRUTET_VILLKORSBROTT", "Avbrutet – villkorsbrott", "Ended – breach of conditions"),
    ("FLYTT_OVERLAMNAD_ANNAN_KOMMUN", "Flytt – överlämnad till annan kommun", "Moved – handed to another municipality"),
    ("EJ_AVHOPPARE_ENL_DEF", "Ej avhoppare enligt definitionen", "Not a defector by definition"),
])

CASE_ENVIRONMENTS = Vocabulary("case_environment", [
    ("GANG", "Gängkriminalitet", "Gang crime"),
    ("VALDSBEJAKANDE_EXTREMISM", "Våldsbejakande extremism", "Violent extremism"),
    ("HEDER", "Hedersrelaterad miljö", "Honour-related environment"),
])

# A user's part in one case (ärendekoppling).
CASE_ROLES = Vocabulary("case_role", [
    ("ANSVARIG", "Ansvarig", "Responsible"),
    ("DELTAGARE", "Deltagare", "Participant"),
    ("KONTAKT", "Kontaktperson", "Contact person"),
])

GOAL_STATUSES = Vocabulary("goal_status", [
    ("PAGAR", "Pågår", "In progress"),
    ("UPPNATT", "Uppnått", "Met"),
    ("EJ_UPPNATT", "Ej uppnått", "Not met"),
    ("STRUKET", "Struket", "Cancelled"),
])

CLOSURE_REASONS = {
    "SSPF": SSPF_CLOSURE_REASONS,
    "TREFAS": TREFAS_CLOSURE_REASONS,
    "AVHOPPARE": AVHOPPARE_CLOSURE_REASONS,
}

CONSENT_STATUSES = Vocabulary("consent_status", [
    ("DRAFT", "Utkast", "Draft"),
    ("PARTIAL", "Delvis undertecknat", "Partly signed"),
    ("VALID", "Giltigt", "Valid"),
    ("EXPIRED", "Utgånget", "Expired"),
    ("REVOKED", "Återkallat", "Revoked"),
    ("DECLINED", "Avböjt", "Declined"),
])

SIGNATORY_ROLES = Vocabulary("signatory_role", [
    ("YOUTH", "Ungdom", "Young person"),
    ("GUARDIAN_1", "Vårdnadshavare 1", "Guardian 1"),
    ("GUARDIAN_2", "Vårdnadshavare 2", "Guardian 2"),
    ("ADULT_SELF", "Den enskilde (vuxen)", "Adult self"),
])

SIGNING_METHODS = Vocabulary("signing_method", [
    ("WRITTEN_PAPER", "Skriftligt på papper", "Written on paper"),
    ("WRITTEN_DIGITAL", "Skriftligt digitalt (BankID)", "Written digitally (BankID)"),
    ("ORAL_DOCUMENTED", "Muntligt, dokumenterat", "Oral, documented"),
])

INFORMATION_CATEGORIES = Vocabulary("information_category", [
    ("SKOLGANG_NARVARO", "Skolgång och närvaro", "Schooling and attendance"),
    ("BETEENDE", "Beteende", "Behaviour"),
    ("FAMILJESITUATION", "Familjesituation", "Family situation"),
    ("SOCIALTJANST_INSATSER", "Socialtjänstens insatser", "Social services interventions"),
    ("POLISIARA_UPPGIFTER", "Polisiära uppgifter", "Police information"),
    ("FRITID", "Fritid", "Leisure"),
    ("HALSA", "Hälsa", "Health"),
])

LEGAL_BASES = Vocabulary("legal_basis", [
    ("SAMTYCKE", "Samtycke (OSL 12 kap.)", "Consent"),
    ("OSL_10_18a", "OSL 10 kap. 18 a §", "OSL 10:18 a"),
    ("UPPGIFTSSKYLDIGHET_LAG_2025", "Uppgiftsskyldighet till brottsbekämpande myndigheter (2025)", "Duty to inform law enforcement (2025)"),
    ("OSL_10_28_ANMALNINGSPLIKT", "OSL 10 kap. 28 § (uppgiftsskyldighet)", "OSL 10:28 statutory duty"),
    ("OSL_10_2_NODVANDIGT_UTLAMNANDE", "OSL 10 kap. 2 § (nödvändigt utlämnande)", "OSL 10:2 necessary disclosure"),
    ("OSL_10_21_23_BROTT", "OSL 10 kap. 21–23 §§ (brott)", "OSL 10:21–23 crime"),
    ("ANONYMISERAD", "Avidentifierad", "Anonymised"),
    ("OTHER", "Annat lagrum", "Other basis"),
])

ASSESSMENT_DOMAINS = Vocabulary("assessment_domain", [
    ("INDIVID", "Individ", "Individual"),
    ("FAMILJ", "Familj", "Family"),
    ("SKOLA", "Skola", "School"),
    ("KAMRATER", "Kamrater", "Peers"),
    ("FRITID", "Fritid", "Leisure"),
    ("NARMILJO", "Närmiljö", "Neighbourhood"),
    ("KRIMINALITET", "Kriminalitet", "Crime"),
    ("STYRKOR_INTRESSEN", "Styrkor och intressen", "Strengths and interests"),
])

RISK_LEVELS = Vocabulary("risk_level", [
    ("GRON", "Grön", "Green"),
    ("GUL", "Gul", "Yellow"),
    ("ROD", "Röd", "Red"),
])

THREAT_LEVELS = Vocabulary("threat_level", [
    ("LAG", "Låg", "Low"),
    ("MEDEL", "Medel", "Medium"),
    ("HOG", "Hög", "High"),
])

INSTRUMENTS = Vocabulary("instrument", [
    ("ESTER_SCREENING", "ESTER-screening", "ESTER screening"),
    ("ESTER_BEDOMNING", "ESTER-bedömning", "ESTER assessment"),
    ("SAVRY", "SAVRY", "SAVRY"),
    ("OVRIGT", "Övrigt instrument", "Other instrument"),
])

TREFAS_MEASURE_TYPES = Vocabulary("trefas_measure", [
    ("STOD", "Stöd", "Support"),
    ("KONTROLL", "Kontroll", "Control"),
    ("REPRESSIV", "Repressiv", "Repressive"),
])

AVHOPPARE_SUPPORT_AREAS = Vocabulary("avhoppare_support_area", [
    ("SKYDD", "Skydd", "Protection"),
    ("BOENDE", "Boende", "Housing"),
    ("FORSORJNING", "Försörjning", "Income support"),
    ("SYSSELSATTNING_UTBILDNING", "Sysselsättning och utbildning", "Employment and education"),
    ("SKULDER", "Skulder", "Debts"),
    ("MISSBRUK", "Missbruk", "Substance misuse"),
    ("PSYKISK_HALSA", "Psykisk hälsa", "Mental health"),
    ("SOCIALT_NATVERK", "Socialt nätverk", "Social network"),
    ("VARDAGSRUTINER", "Vardagsrutiner", "Daily routines"),
    ("SAMTALSSTOD", "Samtalsstöd", "Counselling"),
    ("KONTAKTPERSON", "Kontaktperson", "Contact person"),
    ("GOD_MAN", "God man", "Trustee"),
    ("TATUERINGSBORTTAGNING", "Tatueringsborttagning", "Tattoo removal"),
    ("FAMILJ_ANHORIGA", "Familj och anhöriga", "Family and relatives"),
])

ACTION_TYPES = Vocabulary("action_type", [
    ("ANPASSNING_SKOLA", "Anpassning i skolan", "School adjustment"),
    ("KONTAKT_ELEVHALSA", "Kontakt med elevhälsan", "Pupil health contact"),
    ("LAXLASNING", "Läxläsning", "Homework help"),
    ("NARVAROPLAN", "Närvaroplan", "Attendance plan"),
    ("MENTORSSAMTAL", "Mentorssamtal", "Mentor talks"),
    ("SAMTALSKONTAKT", "Samtalskontakt", "Counselling contact"),
    ("FORALDRASTOD", "Föräldrastöd", "Parenting support"),
    ("KONTAKTPERSON", "Kontaktperson", "Contact person"),
    ("OPPENVARDSINSATS", "Öppenvårdsinsats", "Outpatient intervention"),
    ("UTREDNING_INLEDS", "Utredning inleds", "Investigation opened"),
    ("ORIENTERING_OROSANMALAN", "Orientering om orosanmälan", "Report of concern"),
    ("OROSSAMTAL_POLIS", "Orossamtal (polis)", "Concern talk (police)"),
    ("POLISIAR_NARVARO_PLATS", "Polisiär närvaro på plats", "Police presence"),
    ("FRITIDSAKTIVITET", "Fritidsaktivitet", "Leisure activity"),
    ("FALTARKONTAKT", "Fältarkontakt", "Field worker contact"),
    ("SOMMARJOBB_FERIEARBETE", "Sommarjobb/feriearbete", "Summer job"),
    ("REMISS_BUP_BEROENDE", "Remiss BUP/beroende", "Referral to CAMHS/addiction care"),
    ("OVRIGT", "Övrigt", "Other"),
])

# Which agency normally performs an action type (DOMAIN.md 1.8); None = any agency.
ACTION_TYPE_AGENCY: dict[str, str | None] = {
    "ANPASSNING_SKOLA": "SKOLA", "KONTAKT_ELEVHALSA": "SKOLA", "LAXLASNING": "SKOLA",
    "NARVAROPLAN": "SKOLA", "MENTORSSAMTAL": "SKOLA",
    "SAMTALSKONTAKT": "SOC", "FORALDRASTOD": "SOC", "KONTAKTPERSON": "SOC",
    "OPPENVARDSINSATS": "SOC", "UTREDNING_INLEDS": "SOC", "ORIENTERING_OROSANMALAN": "SOC",
    "OROSSAMTAL_POLIS": "POLIS", "POLISIAR_NARVARO_PLATS": "POLIS",
    "FRITIDSAKTIVITET": "FRITID", "FALTARKONTAKT": "FRITID", "SOMMARJOBB_FERIEARBETE": "FRITID",
    "REMISS_BUP_BEROENDE": None, "OVRIGT": None,
}

ACTION_STATUSES = Vocabulary("action_status", [
    ("PLANERAD", "Planerad", "Planned"),
    ("PAGAR", "Pågår", "In progress"),
    ("GENOMFORD", "Genomförd", "Done"),
    ("EJ_GENOMFORD", "Ej genomförd", "Not done"),
    ("STRUKEN", "Struken", "Cancelled"),
])

MEETING_TYPES = Vocabulary("meeting_type", [
    ("NATVERKSMOTE", "Nätverksmöte", "Network meeting"),
    ("UPPFOLJNINGSMOTE", "Uppföljningsmöte", "Follow-up meeting"),
    ("ARBETSGRUPPSMOTE", "Arbetsgruppsmöte", "Working group meeting"),
    ("STYRGRUPPSMOTE", "Styrgruppsmöte", "Steering group meeting"),
    ("TREFASMOTE", "TREFAS-möte", "TREFAS meeting"),
    # EST (DOMAIN 5.1): the weekly lägesbild meeting; places and situations, never a case.
    ("ESTMOTE", "EST-möte", "EST meeting"),
])

MEETING_ROLES = Vocabulary("meeting_role", [
    ("ORDFORANDE", "Ordförande", "Chair"),
    ("SEKRETERARE", "Sekreterare", "Secretary"),
    ("JUSTERARE", "Justerare", "Adjuster"),
    ("DELTAGARE", "Deltagare", "Participant"),
])

PROTOCOL_STATUSES = Vocabulary("protocol_status", [
    ("UTKAST", "Utkast", "Draft"),
    ("JUSTERING", "Justering pågår", "Awaiting approval"),
    ("JUSTERAT", "Justerat", "Approved"),
])

JOURNAL_TYPES = Vocabulary("journal_type", [
    ("SAMTAL", "Samtal", "Conversation"),
    ("MOTE", "Möte", "Meeting"),
    ("TELEFON", "Telefon", "Telephone"),
    ("INKOMMEN_HANDLING", "Inkommen handling", "Incoming document"),
    ("ANTECKNING", "Anteckning", "Note"),
])

VISIBILITY = Vocabulary("visibility", [
    ("INTERNAL", "Myndighetsintern", "Agency-internal"),
    ("SHARED", "Delad enligt samtycke", "Shared under consent"),
])

# EST (DOMAIN 5.2): who reported an incident. Wider than AGENCIES: security guards and citizens
# through the contact centre report too, and the housing company is a reporter of its own.
EST_SOURCES = Vocabulary("est_source", [
    ("SOC", "Socialtjänst", "Social services"),
    ("SKOLA", "Skola", "School"),
    ("FRITID", "Fritid", "Leisure services"),
    ("POLIS", "Polis", "Police"),
    ("BOSTAD", "Bostadsbolag", "Housing company"),
    ("VAKTARE", "Väktare/ordningsvakt", "Security guards"),
    ("KONTAKTCENTER", "Medborgare via kontaktcenter", "Citizen via the contact centre"),
    ("OTHER", "Annan", "Other"),
])

# The status level of a cell in the lägesbild (DOMAIN 5.2, configurable thresholds).
EST_LEVELS = Vocabulary("est_level", [
    ("NORMAL", "Normalt", "Normal"),
    ("FORHOJD", "Förhöjt", "Elevated"),
    ("ALLVARLIG", "Allvarligt", "Serious"),
])

# Gallring (DOMAIN.md 6.5): the record types that carry a retention rule
# (domain/retention.py). EST reports exist only as instrument references inside a
# case, so they follow their case.
RETENTION_RECORD_TYPES = Vocabulary("retention_record_type", [
    ("SSPF_CASE", "SSPF-ärende", "SSPF case"),
    ("TREFAS_CASE", "TREFAS-ärende", "TREFAS case"),
    ("AVHOPP_CASE", "Avhopparärende", "Defector case"),
    ("CONSENT", "Samtycke", "Consent"),
    ("PROTOCOL", "Protokoll", "Protocol"),
    ("JOURNAL", "Journal", "Journal"),
    ("AUDIT_LOG", "Loggen", "Audit log"),
])

RETENTION_START_EVENTS = Vocabulary("retention_start_event", [
    ("CASE_CLOSED", "Efter avslut", "After closure"),
    ("LAST_ENTRY", "Efter sista anteckningen", "After the last entry"),
    ("CREATED", "Efter tillkomst", "After creation"),
    ("CONSENT_ENDED", "Efter att samtycket upphörde", "After the consent ended"),
    ("MEETING_HELD", "Efter mötet", "After the meeting"),
])

RETENTION_BLOCKS = Vocabulary("retention_block", [
    ("LEGAL_HOLD", "Bevarandebeslut (legal hold)", "Legal hold"),
    ("RESEARCH_SAMPLE", "Forskningsurval (född 5, 15, 25)", "Research sample (born 5th, 15th, 25th)"),
])

# The audit log (DOMAIN.md 6.6): what each event code means, for the log, the log review,
# a case's history and the review report. Every code the services write has a term here
# (tests/unit/test_audit_vocab.py collects them from the source).
AUDIT_ACTIONS = Vocabulary("audit_action", [
    ("ACCESS_DENIED", "Nekades åtkomst", "Access denied"),
    ("LOGIN", "Loggade in", "Logged in"),
    ("LOGIN_FAILED", "Misslyckad inloggning", "Failed login"),
    ("LOGIN_RECOVERY", "Låste upp med återställningskoden", "Unlocked with the recovery code"),
    ("PASSWORD_CHANGE", "Bytte lösenord", "Changed the password"),
    ("PASSWORD_RESET", "Återställde lösenord", "Reset a password"),
    ("KEY_ROTATION", "Bytte databasnyckel", "Rotated the database key"),
    ("DB_INIT", "Skapade databasen", "Created the database"),
    ("BACKUP_CREATED", "Gjorde säkerhetskopia", "Made a backup"),
    ("BACKUP_RESTORED", "Återställde säkerhetskopia", "Restored a backup"),
    ("BULK_EXPORT", "Exporterade databasen", "Exported the database"),
    ("BULK_IMPORT", "Importerade uppgifter", "Imported data"),
    ("DEMO_GENERATE", "Skapade demodata", "Generated demo data"),
    ("USER_CREATE", "Lade upp användare", "Added a user"),
    ("USER_LIST", "Läste användarlistan", "Read the user list"),
    ("USER_UNITS", "Ändrade användarens enheter", "Changed a user's units"),
    ("USER_REMOVE", "Tog bort användare", "Removed a user"),
    ("UNIT_CREATE", "Lade upp enhet", "Added a unit"),
    ("DASHBOARD_READ", "Läste översikten", "Read the overview"),
    ("STATS_REPORT", "Tog fram uppföljningsstatistik", "Compiled follow-up statistics"),
    ("STATS_PRINT", "Skrev ut uppföljningsstatistiken", "Printed the follow-up statistics"),
    ("STATS_EXPORT", "Sparade uppföljningsstatistiken som CSV", "Saved the follow-up statistics as CSV"),
    ("PERSON_CREATE", "Registrerade personen", "Registered the person"),
    ("PERSON_READ", "Läste personuppgifter", "Read personal details"),
    ("PERSON_SEARCH", "Sökte personer", "Searched for persons"),
    ("PERSON_DUPLICATE_CHECK", "Sökte efter redan registrerad person", "Checked for an already registered person"),
    ("PROTECTED_DETAILS_SHOWN", "Visade skyddade personuppgifter", "Showed protected personal details"),
    ("GUARDIAN_SET", "Registrerade vårdnadshavare", "Registered a guardian"),
    ("REGISTER_EXTRACT", "Tog fram registerutdrag", "Compiled a register extract"),
    ("CASE_CREATE", "Registrerade ärendet", "Registered the case"),
    ("CASE_LIST", "Listade ärenden", "Listed cases"),
    ("CASE_READ", "Öppnade ärendet", "Opened the case"),
    ("CASE_UPDATE", "Ändrade ärendet", "Changed the case"),
    ("CASE_STATUS", "Ändrade ärendets status", "Changed the case status"),
    ("CASE_ASSIGN", "Kopplade användare till ärendet", "Assigned a user to the case"),
    ("CASE_UNASSIGN", "Tog bort användare från ärendet", "Removed a user from the case"),
    ("CASE_HISTORY_READ", "Läste ärendets historik", "Read the case history"),
    ("CASE_EXPORT", "Exporterade ärendet", "Exported the case"),
    ("CONSENT_CREATE", "Registrerade samtycke", "Registered a consent"),
    ("CONSENT_SIGN", "Registrerade underskrift av samtycke", "Recorded a consent signature"),
    ("CONSENT_DECLINE", "Registrerade avböjt samtycke", "Recorded a declined consent"),
    ("CONSENT_REVOKE", "Registrerade återkallat samtycke", "Recorded a revoked consent"),
    ("CONSENT_READ", "Läste samtycken", "Read the consents"),
    ("ASSESSMENT_CREATE", "Registrerade kartläggning", "Recorded an assessment"),
    ("INSTRUMENT_CREATE", "Registrerade bedömningsinstrument", "Recorded an instrument result"),
    ("RISK_LEVEL_CREATE", "Registrerade risknivå", "Recorded a risk level"),
    ("THREAT_CREATE", "Registrerade hotbedömning", "Recorded a threat assessment"),
    ("CONDITIONS_CREATE", "Registrerade villkor", "Recorded conditions"),
    ("CONDITIONS_BREACH", "Registrerade villkorsbrott", "Recorded a breach of conditions"),
    ("PLAN_VERSION", "Upprättade åtagandeplan", "Saved a plan version"),
    ("PLAN_READ", "Läste åtagandeplanen", "Read the plan"),
    ("PLAN_PREVIEW", "Förhandsgranskade åtagandeplanen", "Previewed the plan"),
    ("PLAN_PRINT", "Skrev ut åtagandeplanen", "Printed the plan"),
    ("GOAL_CREATE", "Registrerade mål", "Added a goal"),
    ("ACTION_CREATE", "Registrerade åtgärd", "Added an action"),
    ("ACTION_STATUS", "Ändrade åtgärd", "Changed an action"),
    ("JOURNAL_CREATE", "Skrev journalanteckning", "Wrote a journal entry"),
    ("JOURNAL_CORRECT", "Rättade journalanteckning", "Corrected a journal entry"),
    ("JOURNAL_READ", "Läste journalen", "Read the journal"),
    ("JOURNAL_SEARCH", "Sökte i journalerna", "Searched the journals"),
    ("DISCLOSURE_CREATE", "Registrerade utlämnande", "Recorded a disclosure"),
    ("DISCLOSURE_READ", "Läste utlämnanden", "Read the disclosures"),
    ("DISCLOSURE_REFUSED", "Stoppades från att lämna ut protokoll", "Was stopped from disclosing a protocol"),
    ("MEETING_CREATE", "Registrerade möte", "Added a meeting"),
    ("MEETING_LIST", "Listade möten", "Listed meetings"),
    ("MEETING_READ", "Läste möte", "Read a meeting"),
    ("MEETING_UPDATE", "Ändrade möte", "Changed a meeting"),
    ("PROTOCOL_UPDATE", "Ändrade protokoll", "Changed a protocol"),
    ("PROTOCOL_STATUS", "Ändrade protokollets status", "Changed a protocol's status"),
    ("PROTOCOL_CORRECTION", "Rättade protokoll", "Corrected a protocol"),
    ("PROTOCOL_PREVIEW", "Förhandsgranskade protokoll", "Previewed a protocol"),
    ("PROTOCOL_PRINT", "Skrev ut protokoll", "Printed a protocol"),
    ("EMERGENCY_LOOKUP", "Sökte ärende för nödåtkomst", "Looked up a case for emergency access"),
    ("EMERGENCY_ACCESS", "Tog nödåtkomst till ärendet", "Took emergency access to the case"),
    ("EMERGENCY_END", "Avslutade nödåtkomst", "Ended emergency access"),
    ("EMERGENCY_REVIEW", "Läste nödåtkomster för granskning", "Read emergency access grants for review"),
    ("RETENTION_RULE", "Ändrade gallringsregel", "Changed a retention rule"),
    ("LEGAL_HOLD_SET", "Registrerade bevarandebeslut", "Set a legal hold"),
    ("LEGAL_HOLD_CLEARED", "Hävde bevarandebeslut", "Cleared a legal hold"),
    ("GALLRING_DRY_RUN", "Listade vad som ska gallras", "Listed what is due for disposal"),
    ("GALLRING", "Gallrade", "Disposed of records"),
    ("EARCHIVE_EXPORT", "Lämnade ärendet till e-arkivet", "Handed the case over to the e-archive"),
    ("AUDIT_SEARCH", "Sökte i loggen", "Searched the log"),
    ("AUDIT_VERIFY", "Kontrollerade loggkedjan", "Verified the log chain"),
    ("AUDIT_REPORT", "Tog fram logggranskning", "Compiled a log review"),
    ("AUDIT_REPORT_PRINT", "Skrev ut logggranskningen", "Printed the log review"),
    ("AUDIT_REPORT_EXPORT", "Sparade logggranskningen som PDF", "Saved the log review as PDF"),
    ("AUDIT_REVIEW_SIGNED", "Signerade logggranskning", "Signed off a log review"),
    ("AUDIT_REVIEW_LIST", "Läste tidigare logggranskningar", "Read the previous log reviews"),
    ("AUDIT_ANCHORS_EXPORT", "Sparade kopia av loggankarna", "Saved a copy of the log anchors"),
    ("EST_INCIDENT_CREATE", "Registrerade EST-händelse", "Registered an EST incident"),
    ("EST_INCIDENT_UPDATE", "Ändrade EST-händelse", "Changed an EST incident"),
    ("EST_INCIDENT_READ", "Läste EST-händelser", "Read EST incidents"),
    ("EST_IMPORT", "Importerade EST-händelser", "Imported EST incidents"),
    ("EST_SETUP_READ", "Läste EST-områden och kategorier", "Read the EST areas and categories"),
    ("EST_SETUP_UPDATE", "Ändrade EST-områden eller kategorier", "Changed the EST areas or categories"),
    ("EST_AREAS_IMPORT", "Importerade EST-områdenas gränser", "Imported the EST area shapes"),
    ("EST_REPORT", "Tog fram EST-lägesbild", "Compiled an EST situation picture"),
    ("EST_PRINT", "Skrev ut EST-lägesbilden", "Printed the EST situation picture"),
    ("EST_EXPORT", "Sparade EST-lägesbilden som fil", "Saved the EST situation picture as a file"),
    ("EST_ACTION_CREATE", "Registrerade EST-åtgärd", "Added an EST action"),
    ("EST_ACTION_UPDATE", "Ändrade EST-åtgärd", "Changed an EST action"),
    ("EST_ACTION_READ", "Läste EST-åtgärder", "Read the EST actions"),
])

# What an audit event is about (its ``entity``): the services' own record names and, for
# a refusal, the access policy's record kinds (``access.Rec``, looked up in lower case).
AUDIT_RECORDS = Vocabulary("audit_record", [
    ("person", "Person", "Person"),
    ("session", "Inloggning (server)", "Sign-in (server)"),
    ("case", "Ärende", "Case"),
    ("case_history", "Ärendets historik", "Case history"),
    ("consent", "Samtycke", "Consent"),
    ("assessment", "Kartläggning", "Assessment"),
    ("instrument", "Bedömningsinstrument", "Instrument result"),
    ("risk_level", "Risknivå", "Risk level"),
    ("threat_assessment", "Hotbedömning", "Threat assessment"),
    ("conditions", "Villkor", "Conditions"),
    ("plan", "Åtagandeplan", "Plan"),
    ("goal", "Mål", "Goal"),
    ("action", "Åtgärd", "Action"),
    ("meeting", "Möte", "Meeting"),
    ("protocol", "Protokoll", "Protocol"),
    ("journal", "Journalanteckning", "Journal entry"),
    ("disclosure", "Utlämnande", "Disclosure"),
    ("emergency_grant", "Nödåtkomst", "Emergency access"),
    ("dashboard", "Översikt", "Overview"),
    ("statistics", "Statistik", "Statistics"),
    ("user", "Användare", "User"),
    ("user_account", "Användarkonto", "User account"),
    ("unit", "Enhet", "Unit"),
    ("database", "Databasen", "Database"),
    ("integrity", "Databaskontroll", "Database check"),
    ("bulk", "Massuttag", "Bulk operation"),
    ("demo", "Demodata", "Demo data"),
    ("retention", "Gallring", "Disposal"),
    ("retention_rule", "Gallringsregel", "Retention rule"),
    ("audit_log", "Loggen", "Audit log"),
    ("audit_review", "Logggranskning", "Log review"),
    ("est_incident", "EST-händelse", "EST incident"),
    ("est_import", "EST-import", "EST import"),
    ("est_setup", "EST-områden och kategorier", "EST areas and categories"),
    ("est_area", "EST-område", "EST area"),
    ("est_category", "EST-kategori", "EST category"),
    ("est_picture", "EST-lägesbild", "EST situation picture"),
    ("est_action", "EST-åtgärd", "EST action"),
    ("est_meeting", "EST-möte", "EST meeting"),
])

# Agency whose information category it mostly is: used to decide which category a
# journal entry of an agency falls under when the author does not say.
AGENCY_DEFAULT_CATEGORY = {
    "SOC": "SOCIALTJANST_INSATSER",
    "SKOLA": "SKOLGANG_NARVARO",
    "POLIS": "POLISIARA_UPPGIFTER",
    "FRITID": "FRITID",
    "KRIMINALVARD": "POLISIARA_UPPGIFTER",
    "BOSTAD": "FAMILJESITUATION",
    "OTHER": "BETEENDE",
}

# Municipal defaults (DOMAIN.md 1.4, 1.2): configurable per installation.
DEFAULT_YOUTH_SIGNATURE_AGE = 15
ADULT_AGE = 18
DEFAULT_CONSENT_MONTHS = 12
CONSENT_EXPIRY_WARNING_DAYS = 30
