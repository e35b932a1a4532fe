"""Demo data: a realistic, deterministic municipality for training, demos and load tests.

``DemoService.generate`` fills an (empty or used) database with SSPF, TREFAS and
avhoppare cases in Sollentuna and Sigtuna: persons and guardians, referrals,
consents in every status, kartläggning, risk and threat records, plans, meetings
with protocols, journal entries and disclosures, plus demo accounts to log in with.

Rules the generator keeps, so the demo behaves like real data in every view:

* **Recognisable as demo data.** Every personnummer uses a birth number in
  980–999 (``personnummer.TEST_SERIAL_RANGE``); schools, meeting rooms and
  phone numbers are fictional (PTS's fiction series 070-174 06 05…99); the
  ``meta`` table gets a ``demo_data`` row.
* **Deterministic.** Same seed and same ``today`` on the same database give the
  same data: one ``random.Random(seed)`` and one ``Faker("sv_SE")`` seeded with
  ``seed_instance(seed)``, used in a fixed order, no iteration over sets, and no
  wall clock in the data (timestamps are derived from the generated dates).
  Only the audit events carry the real time.
* **Consistent with the domain rules.** Case statuses follow the walks the state
  machines allow (a ``CaseStatusChange`` row per step); consents are built from
  ``required_signatories`` and stored with ``derive_status(facts, today)`` so
  stored and derived status agree; references come from ``cases.next_reference``
  so the counter continues correctly for real cases; justerade protocols carry
  ``meetings.protocol_hash``.
* **Fast and bounded.** Rows are built as plain dicts with primary keys assigned
  inside the batch transaction (``max(id)`` + n, under BEGIN IMMEDIATE) and
  written with SQLAlchemy's ORM bulk INSERT (``session.execute(insert(Model),
  rows)``): no per-row unit of work, no per-row service call, no query per row.
  One transaction and one ``DEMO_GENERATE`` audit event (flag ``BULK``, counts
  only) per batch of ``BATCH_CASES`` cases; memory holds one batch at a time
  (plus the set of used personnummer), and the batch connection gets a larger
  page cache so index inserts into big tables stay flat (about 1 s per batch).

Only an actor allowed ``CREATE`` on ``BULK`` (SYSTEMADMIN) may run it.
"""

from __future__ import annotations

import json
import os
import random
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any, Callable, Sequence

from faker import Faker
from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from ..domain import personnummer, vocab
from ..domain.access import Act, Rec
from ..domain.consent import ConsentFacts, Signature, age_on, derive_status, required_signatories
from ..domain.errors import ValidationError
from ..store.models import (Action, AgendaItem, Assessment, AssessmentItem, Attendee, Case, CaseAssignment,
                            CaseStatusChange, ConditionBreach, Conditions, Consent, ConsentSignatory, Disclosure,
                            Goal, Guardianship, InstrumentReference, JournalEntry, Meeting, Meta, Person, Plan,
                            RiskLevelEntry, ThreatAssessment, Unit, User)
from ..vault.kdf import calibrate
from .base import Service, Tx
from .cases import next_reference
from .database import _check_password
from .meetings import AGENDA_TEMPLATES, protocol_hash
from .users import UserService

__all__ = ["BATCH_CASES", "DEMO_ACCOUNTS", "DEMO_PASSWORD", "DEMO_UNITS", "MAX_CASES", "META_DEMO_DATA",
           "DemoService", "DemoSummary"]


@dataclass(frozen=True)
class DemoSummary:
    """What one run wrote. ``accounts``: the demo accounts this run created (existing ones are left alone)."""

    persons: int
    cases: int
    consents: int
    meetings: int
    journal_entries: int
    accounts: tuple[str, ...]
    seconds: float


#: The documented password of demo accounts when neither ``password`` nor TRYGG_NEW_PASSWORD is given.
DEMO_PASSWORD = "Trygg-demo-2026"

#: Cases per transaction (and per audit event and progress call).
BATCH_CASES = 500
#: Upper bound of one run: the test serial range gives 20 numbers per birth date, which
#: is plenty for this, and it keeps a mistyped count from filling the disk.
MAX_CASES = 50_000

META_DEMO_DATA = "demo_data"
#: Page cache of a batch connection, in KiB.
CACHE_KIB = 64 * 1024

SSPF_UNITS = ("SSPF Tureberg", "SSPF Edsberg", "SSPF Rotebro", "SSPF Märsta", "SSPF Valsta")
TREFAS_UNIT = "TREFAS Sollentuna"
AVHOPPARE_UNIT = "Avhopparverksamhet"

#: name → (case kind, area, municipality); all run by social services (agency SOC).
DEMO_UNITS: dict[str, tuple[str, str, str]] = {
    "SSPF Tureberg": ("SSPF", "Tureberg", "Sollentuna"),
    "SSPF Edsberg": ("SSPF", "Edsberg", "Sollentuna"),
    "SSPF Rotebro": ("SSPF", "Rotebro", "Sollentuna"),
    "SSPF Märsta": ("SSPF", "Märsta", "Sigtuna"),
    "SSPF Valsta": ("SSPF", "Valsta", "Sigtuna"),
    TREFAS_UNIT: ("TREFAS", "Sollentuna", "Sollentuna"),
    AVHOPPARE_UNIT: ("AVHOPPARE", "Sollentuna", "Sollentuna"),
}

#: username → (agency, roles, unit names, display name, title).
DEMO_ACCOUNTS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], str, str]] = {
    "samordnare": ("SOC", ("SSPF_KOORDINATOR", "ORDFORANDE"), SSPF_UNITS, "Karin Lindqvist", "SSPF-samordnare"),
    "socialsekreterare": ("SOC", ("HANDLAGGARE",), SSPF_UNITS, "Johan Ekström", "Socialsekreterare"),
    "skola": ("SKOLA", ("KONTAKTPERSON",), SSPF_UNITS, "Maria Holm", "Skolkurator"),
    "polis": ("POLIS", ("KONTAKTPERSON",), SSPF_UNITS + (TREFAS_UNIT,), "Anders Nyberg", "Kommunpolis"),
    "fritid": ("FRITID", ("KONTAKTPERSON",), SSPF_UNITS, "Sara Öberg", "Fältassistent"),
    "kriminalvard": ("KRIMINALVARD", ("KONTAKTPERSON",), (TREFAS_UNIT,), "Peter Sjöberg", "Frivårdsinspektör"),
    "trefas": ("SOC", ("TREFAS_KOORDINATOR",), (TREFAS_UNIT,), "Leila Karimi", "TREFAS-samordnare"),
    "avhopparsamordnare": ("SOC", ("AVHOPPARSAMORDNARE",), (AVHOPPARE_UNIT,), "Mikael Strand",
                           "Avhopparsamordnare"),
    "granskare": ("SOC", ("LOGGGRANSKARE",), (), "Eva Bergström", "Informationssäkerhetssamordnare"),
    "styrgrupp": ("SOC", ("STYRGRUPP",), (), "Lars Wikström", "Verksamhetschef individ- och familjeomsorg"),
}

# --- places (fictional where it matters: schools, rooms) -------------------------------

_KOMMUN = {
    "Sollentuna": dict(soc="Socialtjänsten Sollentuna", polis="Polisen, lokalpolisområde Sollentuna",
                       city="Sollentuna", house="Kommunhuset Sollentuna", gymnasium="Sollentuna gymnasium"),
    "Sigtuna": dict(soc="Socialtjänsten Sigtuna", polis="Polisen, lokalpolisområde Märsta",
                    city="Märsta", house="Kommunhuset Märsta", gymnasium="Märsta gymnasium"),
}
_AREAS: dict[str, dict[str, Any]] = {
    "Tureberg": dict(kommun="Sollentuna", postal="191 4", schools=("Turebergsskolan", "Sjöängsskolan",
                     "Runbackaskolan"), fritid="Fritidsgården Tureberg", falt="Fältgruppen Sollentuna",
                     places=("Tureberg centrum", "pendeltågsstationen", "Malmparken", "Sollentuna centrum")),
    "Edsberg": dict(kommun="Sollentuna", postal="191 6", schools=("Edsbergsskolan", "Edsviksskolan",
                    "Sofielundsskolan"), fritid="Fritidsgården Edsberg", falt="Fältgruppen Sollentuna",
                    places=("Edsbergs centrum", "Edsbergsparken", "busshållplatsen vid Edsberg")),
    "Rotebro": dict(kommun="Sollentuna", postal="192 7", schools=("Rotebroskolan", "Norrvikenskolan",
                    "Vaxmoraskolan"), fritid="Fritidsgården Rotebro", falt="Fältgruppen Sollentuna",
                    places=("Rotebro centrum", "Norrviken", "Rotebro station")),
    "Märsta": dict(kommun="Sigtuna", postal="195 3", schools=("Centralskolan Märsta", "Ekillaskolan",
                   "Oxbackens skola"), fritid="Fritidsgården Märsta", falt="Fältarna Sigtuna",
                   places=("Märsta centrum", "Märsta station", "Ekillaparken")),
    "Valsta": dict(kommun="Sigtuna", postal="195 6", schools=("Valstaskolan", "Steningehöjdens skola",
                   "Ekebyskolan"), fritid="Fritidsgården Valsta", falt="Fältarna Sigtuna",
                   places=("Valsta centrum", "Valstaskogen", "Valsta torg")),
}
_TREFAS_AREAS = ("Tureberg", "Edsberg", "Rotebro", "Sollentuna centrum", "Häggvik", "Helenelund")
_ROOMS = ("Björken", "Linden", "Eken", "Tallen", "Aspen", "Rönnen")
_KRIMINALVARD_ORG = "Kriminalvården, frivården Norrort"
_SPORTS = ("fotboll", "basket", "boxning", "innebandy", "brottning", "friidrott", "kampsport")
_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december")

# --- texts --------------------------------------------------------------------------

_CONCERN_TEXT = {
    "MISSTANKE_BROTT": ("{namn} är misstänkt för {brott} vid {plats} i {manad}.",
                        "Polisen har registrerat {namn} som misstänkt för {brott} under hösten."),
    "KAMRATER_BROTT": ("{namn} umgås med äldre kamrater som är kända av polisen.",
                       "Kamratkretsen har förändrats och flera i den är misstänkta för brott."),
    "ALKOHOL_DROGER_EGET": ("Uppgifter om att {namn} röker cannabis på helgerna.",
                            "{namn} har vid flera tillfällen setts påverkad i skolan."),
    "KAMRATER_DROGER": ("Fältassistenterna uppger att kamraterna använder narkotika.",),
    "RISKMILJOER": ("{namn} har setts sent på kvällarna vid {plats}, en känd samlingsplats.",),
    "AGGRESSIVT_BETEENDE": ("Flera incidenter med hot och våld mot andra elever under terminen.",
                            "Skolan beskriver utbrott och hotfullt beteende mot personal."),
    "NORMBRYTANDE_BETEENDE": ("Upprepade regelbrott i skolan och på fritidsgården.",),
    "BETEENDEFORANDRING": ("Skolan och vårdnadshavare beskriver en tydlig beteendeförändring sedan {manad}.",),
    "HOG_FRANVARO": ("Frånvaron är {pct} % under innevarande termin, till stor del ogiltig.",),
    "SKOLPROBLEMATIK": ("Saknar godkända betyg i flera ämnen och har svårt att komma till lektionerna.",),
    "KONCENTRATIONSSVARIGHETER": ("Har svårt att koncentrera sig; elevhälsan har diskuterat en utredning.",),
    "SAKNAR_POSITIV_FRITID": ("{namn} har slutat med {sport} och saknar i dag organiserad fritid.",),
    "REKRYTERING_KRIMINELLT_NATVERK": (
        "Polisen har sett {namn} tillsammans med personer i ett kriminellt nätverk; risk för rekrytering.",),
    "OVRIGT": ("Vårdnadshavare har själva hört av sig och uttrycker oro.",),
}
_CRIMES = ("snatteri", "skadegörelse", "ringa narkotikabrott", "rån", "misshandel", "olaga hot", "stöld",
           "olovlig körning")

_SSPF_CONCERN_BY_REFERRER = {
    "SKOLA": ("HOG_FRANVARO", "SKOLPROBLEMATIK", "AGGRESSIVT_BETEENDE", "BETEENDEFORANDRING",
              "KONCENTRATIONSSVARIGHETER", "NORMBRYTANDE_BETEENDE", "KAMRATER_BROTT"),
    "POLIS": ("MISSTANKE_BROTT", "KAMRATER_BROTT", "RISKMILJOER", "REKRYTERING_KRIMINELLT_NATVERK",
              "ALKOHOL_DROGER_EGET"),
    "SOC": ("BETEENDEFORANDRING", "KAMRATER_BROTT", "ALKOHOL_DROGER_EGET", "HOG_FRANVARO", "OVRIGT"),
    "FRITID": ("RISKMILJOER", "KAMRATER_DROGER", "SAKNAR_POSITIV_FRITID", "NORMBRYTANDE_BETEENDE"),
    "OTHER": ("BETEENDEFORANDRING", "KAMRATER_BROTT", "OVRIGT", "HOG_FRANVARO"),
}

_TREFAS_DESCRIPTIONS = (
    "Polisens lägesbild: {namn} förekommer i en konflikt mellan grupperingar i {plats}. "
    "Bedöms ha tillgång till vapen genom äldre kamrater.",
    "{namn} har nyligen frigivits från anstalt och återvänt till {plats}; polisen ser risk för våld i samband "
    "med en pågående konflikt.",
    "Efter en skottlossning i {plats} har polisen identifierat {namn} som en person i nära anslutning till "
    "händelsen, både som möjlig gärningsperson och som möjligt offer.",
    "Frivården uppger att {namn} umgås med personer i det kriminella nätverket och har brutit mot villkor.",
)
_AVHOPPARE_DESCRIPTIONS = (
    "{namn} har själv hört av sig och vill lämna {miljo}. Uppger att hen har en skuld till nätverket "
    "och känner sig hotad.",
    "Polisens avhopparsamordnare förmedlar kontakt: {namn} vill lämna {miljo} och har tackat ja till "
    "informationsutbyte.",
    "Frivården har förmedlat kontakt inför frigivning; {namn} vill inte återvända till {miljo}.",
    "Anhörig har kontaktat socialtjänsten; {namn} vill lämna {miljo} men vågar inte bo kvar i området.",
)
_ENVIRONMENT_TEXT = {"GANG": "den kriminella gängmiljön", "VALDSBEJAKANDE_EXTREMISM": "en våldsbejakande miljö",
                     "HEDER": "en hedersrelaterad miljö"}

_JOURNAL = {
    ("SSPF", "SOC"): (
        "Samtal med {namn} och vårdnadshavare på socialkontoret. {namn} beskriver att skolan känns jobbig "
        "och att kompisarna är viktigast just nu.",
        "Telefonsamtal med vårdnadshavare som berättar att {namn} kommer hem sent och inte vill säga var hen "
        "har varit.",
        "Hembesök genomfört. Familjen är positiv till SSPF-samverkan och vill ha stöd i föräldraskapet.",
        "Förhandsbedömning: oron bedöms som befogad; SSPF erbjuds. Vårdnadshavare informerade om samtycke.",
        "Uppföljande samtal med {namn}. Närvaron har blivit bättre och hen har börjat på {sport}.",
    ),
    ("SSPF", "SKOLA"): (
        "Mentor rapporterar närvaro på {pct} % de senaste fyra veckorna.",
        "Elevhälsomöte hållet; beslut om anpassningar i matematik och svenska.",
        "{namn} har varit inblandad i en konflikt på rasten; vårdnadshavare kontaktade samma dag.",
        "Närvaroplanen följs upp varje fredag med mentor. Positiv utveckling sedan förra mötet.",
    ),
    ("SSPF", "POLIS"): (
        "Vid kontroll {datum} antecknades {namn} i sällskap med äldre ungdomar vid {plats}.",
        "Orossamtal genomfört med {namn} och vårdnadshavare på polisstationen.",
        "Inga nya registreringar sedan förra nätverksmötet.",
    ),
    ("SSPF", "FRITID"): (
        "Fältassistenterna träffade {namn} vid {plats} fredag kväll; samtal om fritidsaktiviteter.",
        "{namn} har varit på {fritid} tre kvällar i veckan och deltar i {sport}.",
        "Introduktion till föreningen genomförd tillsammans med fältassistent.",
    ),
    ("TREFAS", "SOC"): (
        "Motiverande samtal genomfört. {namn} uttrycker vilja att lämna gänget men oroar sig för konsekvenserna.",
        "Kontakt med familjen; yngre syskon erbjuds stöd via öppenvården.",
        "Planering inför frigivning tillsammans med frivården; boende och sysselsättning diskuterades.",
        "{namn} uteblev från bokat samtal. Ny tid skickad.",
    ),
    ("TREFAS", "POLIS"): (
        "Polisens bedömning: fortsatt förhöjd risk efter konflikt i {plats}.",
        "{namn} har kontrollerats vid {plats} tillsammans med personer i nätverket.",
        "Underrättelse om ökade spänningar mellan grupperingarna; riskbedömningen ses över.",
    ),
    ("TREFAS", "KRIMINALVARD"): (
        "Övervakningsmöte genomfört, inga anmärkningar.",
        "Frivården informerar om planerad villkorlig frigivning {datum}; övervakningsplan upprättas.",
        "Misskötsamhet: uteblivet övervakningsmöte. Varning meddelad.",
    ),
    ("AVHOPPARE", "SOC"): (
        "Samtal om skyddsbehov. Akut boende ordnat i annan kommun i samråd med polisen.",
        "Drogtest taget enligt schema, negativt.",
        "Kontakt med Kronofogden angående skuldsanering; ansökan påbörjad.",
        "Polisens avhopparsamordnare uppger att hotbilden kvarstår. Skyddsåtgärderna behålls.",
        "Samtalsstöd: {namn} beskriver att det är svårt att bryta med gamla vänner men att hen vill fortsätta.",
        "Möte med arbetsförmedlingen om praktikplats.",
    ),
}
_CORRECTION_TEXT = "Rättelse av anteckning {datum}: rätt datum för händelsen och rätt plats är {plats}."

_YOUTH_VIEWS = (
    "{namn} vill ha hjälp med skolan men tycker att polisen inte ska vara med.",
    "{namn} säger att det mesta är bra och att vuxna oroar sig för mycket.",
    "{namn} vill börja träna igen och vill ha hjälp att hitta en förening.",
    "{namn} tycker att det är jobbigt hemma och vill prata med någon.",
)
_GUARDIAN_VIEWS = (
    "Vårdnadshavarna är oroliga för kamratkretsen och vill ha stöd.",
    "Vårdnadshavare upplever att de inte når fram och är positiva till samverkan.",
    "Vårdnadshavarna vill främst ha hjälp med skolgången.",
)
_OPINIONS = (
    "Ungdomen är positiv till samverkan och vill ha hjälp med skolan.",
    "Ungdomen vill att skolan och fritid är med men är tveksam till polisen.",
    "Ungdomen har fått information och förstår vad samtycket innebär.",
)
_DOMAIN_NOTES = {
    "INDIVID": "Impulsivitet beskrivs av skola och vårdnadshavare.",
    "FAMILJ": "Bristande tillsyn kvällstid; vårdnadshavare vill ha stöd.",
    "SKOLA": "Närvaro {pct} %; saknar betyg i flera ämnen.",
    "KAMRATER": "Umgås med äldre kamrater som är kända av polisen.",
    "FRITID": "Ingen strukturerad fritid; tidigare aktiv i {sport}.",
    "NARMILJO": "Vistas vid {plats} där det förekommer öppen narkotikahandel.",
    "KRIMINALITET": "En misstanke om {brott} senaste halvåret.",
    "STYRKOR_INTRESSEN": "Intresserad av {sport} och musik; god relation till en lärare.",
}
_DOMAIN_SOURCE = {"SKOLA": "SKOLA", "KRIMINALITET": "POLIS", "FRITID": "FRITID", "NARMILJO": "POLIS"}

_GOALS = {
    "SKOLA": ("Regelbunden skolgång", "Närvaro i procent", "{pct} %", "Minst 85 %"),
    "FRITID": ("Meningsfull fritid", "Deltar i organiserad aktivitet", "Ingen aktivitet", "En aktivitet i veckan"),
    "FAMILJ": ("Stärkt föräldraskap", "Vårdnadshavare deltar i föräldrastöd", "Ej påbörjat",
               "Genomfört program"),
    "KAMRATER": ("Minskat umgänge med kriminella kamrater", "Fältarnas och polisens iakttagelser",
                 "Ses varje vecka med äldre kamrater", "Inga iakttagelser"),
    "KRIMINALITET": ("Inga nya brottsmisstankar", "Polisens registreringar", "En misstanke senaste halvåret",
                     "Inga nya misstankar"),
    "INDIVID": ("Minskat bruk av droger", "Drogtest och samtal", "Uppgifter om helgbruk", "Drogfri"),
}
_ACTIONS_FOR_AREA = {
    "SKOLA": ("NARVAROPLAN", "MENTORSSAMTAL", "LAXLASNING", "ANPASSNING_SKOLA", "KONTAKT_ELEVHALSA"),
    "FRITID": ("FRITIDSAKTIVITET", "FALTARKONTAKT", "SOMMARJOBB_FERIEARBETE"),
    "FAMILJ": ("FORALDRASTOD", "SAMTALSKONTAKT"),
    "KAMRATER": ("OROSSAMTAL_POLIS", "FALTARKONTAKT", "KONTAKTPERSON"),
    "KRIMINALITET": ("OROSSAMTAL_POLIS", "POLISIAR_NARVARO_PLATS"),
    "INDIVID": ("REMISS_BUP_BEROENDE", "OPPENVARDSINSATS", "SAMTALSKONTAKT"),
}
_ACTION_TEXT = {
    "ANPASSNING_SKOLA": "Anpassad studiegång i matematik och svenska",
    "KONTAKT_ELEVHALSA": "Kontakt med skolsköterska och kurator",
    "LAXLASNING": "Läxläsning två eftermiddagar i veckan",
    "NARVAROPLAN": "Närvaroplan med daglig kontakt mellan mentor och hemmet",
    "MENTORSSAMTAL": "Mentorssamtal varje vecka",
    "SAMTALSKONTAKT": "Samtalskontakt med socialsekreterare varannan vecka",
    "FORALDRASTOD": "Erbjuda föräldrastödsprogram i grupp",
    "KONTAKTPERSON": "Utreda behov av kontaktperson",
    "OPPENVARDSINSATS": "Insats från öppenvården (ungdomsmottagning för beroende)",
    "UTREDNING_INLEDS": "Utredning enligt SoL inleds",
    "ORIENTERING_OROSANMALAN": "Orientera vårdnadshavare om orosanmälan",
    "OROSSAMTAL_POLIS": "Orossamtal med ungdomen och vårdnadshavare",
    "POLISIAR_NARVARO_PLATS": "Förstärkt polisiär närvaro vid samlingsplatsen fredagar",
    "FRITIDSAKTIVITET": "Introduktion i förening med stöd av fältassistent",
    "FALTARKONTAKT": "Fältassistent håller kontakt kvällstid",
    "SOMMARJOBB_FERIEARBETE": "Hjälp att söka feriearbete",
    "REMISS_BUP_BEROENDE": "Remiss till BUP för bedömning",
    "OVRIGT": "Övrig åtgärd enligt överenskommelse",
}
_TREFAS_ACTIONS = (  # (agency, measure, action type, text)
    ("SOC", "STOD", "SAMTALSKONTAKT", "Motiverande samtal varannan vecka"),
    ("SOC", "STOD", "KONTAKTPERSON", "Kontaktperson med erfarenhet av avhopp"),
    ("SOC", "STOD", "OPPENVARDSINSATS", "Missbruksbehandling i öppenvård"),
    ("SOC", "STOD", "FORALDRASTOD", "Stöd till familjen och yngre syskon"),
    ("POLIS", "KONTROLL", "POLISIAR_NARVARO_PLATS", "Ökad polisiär närvaro vid kända samlingsplatser"),
    ("POLIS", "KONTROLL", "OROSSAMTAL_POLIS", "Orossamtal med den unge och familjen"),
    ("POLIS", "REPRESSIV", "OVRIGT", "Prioriterad utredning av misstänkt vapenbrott"),
    ("KRIMINALVARD", "KONTROLL", "OVRIGT", "Täta kontroller inom övervakningen"),
    ("KRIMINALVARD", "STOD", "OVRIGT", "Frigivningsplanering tillsammans med socialtjänsten"),
)
_AVH_ACTIONS = {  # support area → (agency, action type, text)
    "SKYDD": ("POLIS", "OVRIGT", "Skyddsåtgärder och skyddade personuppgifter i samråd med polisen"),
    "BOENDE": ("SOC", "OVRIGT", "Långsiktigt boende i annan kommun"),
    "FORSORJNING": ("SOC", "OVRIGT", "Ekonomiskt bistånd under etableringen"),
    "SYSSELSATTNING_UTBILDNING": ("SOC", "OVRIGT", "Praktikplats via arbetsförmedlingen"),
    "SKULDER": ("SOC", "OVRIGT", "Budget- och skuldrådgivning"),
    "MISSBRUK": ("SOC", "OPPENVARDSINSATS", "Missbruksbehandling och drogtester"),
    "PSYKISK_HALSA": ("SOC", "REMISS_BUP_BEROENDE", "Bedömning och traumabehandling"),
    "SOCIALT_NATVERK": ("SOC", "OVRIGT", "Stöd att bygga ett nytt socialt nätverk"),
    "VARDAGSRUTINER": ("SOC", "OVRIGT", "Stöd med vardagsrutiner"),
    "SAMTALSSTOD": ("SOC", "SAMTALSKONTAKT", "Samtalsstöd varje vecka"),
    "KONTAKTPERSON": ("SOC", "KONTAKTPERSON", "Kontaktperson enligt SoL"),
    "GOD_MAN": ("SOC", "OVRIGT", "Ansökan om god man"),
    "TATUERINGSBORTTAGNING": ("SOC", "OVRIGT", "Borttagning av gängtatueringar"),
    "FAMILJ_ANHORIGA": ("SOC", "FORALDRASTOD", "Stöd till anhöriga"),
}
_THREAT_SUMMARIES = (
    "Hot från tidigare gängmedlemmar efter avhoppet; känd konflikt i {plats}.",
    "Skuld till nätverket; hot via sociala medier. Polisen bedömer våldskapitalet som högt.",
    "Inga konkreta hot sedan flytten, men fortsatt risk vid besök i hemområdet.",
    "Anhöriga har fått hot; skyddsbehovet omfattar även familjen.",
)
_CONDITIONS = ("Inga nya brott", "Ingen användning av narkotika", "Drogtester enligt schema",
               "Samtal med avhopparsamordnaren varannan vecka", "Ingen kontakt med det tidigare nätverket",
               "Berätta om egen inblandning i brott för riskbedömningen")
_BREACHES = (("Positivt drogtest", "Samtal och tätare provtagning under en månad"),
             ("Uteblivet samtal", "Påminnelse och ny tid"),
             ("Kontakt med tidigare nätverk", "Allvarligt samtal; skyddsbedömningen görs om"),
             ("Misstanke om nytt brott", "Avstämning med polisen om fortsatt stöd"))
_CLOSURE_NOTES = {
    "MAL_UPPNATT": "Målen i åtagandeplanen är uppnådda; närvaron är stabil och ungdomen har en aktiv fritid.",
    "SAMTYCKE_ATERKALLAT": "Vårdnadshavare återkallade samtycket; ärendet avslutas och informationsdelningen upphör.",
    "SAMTYCKE_SAKNAS": "Samtycke lämnades inte; alternativ stödväg har erbjudits.",
    "SAMTYCKE_UTGATT_EJ_FORNYAT": "Samtycket gick ut och har inte förnyats.",
    "OVERGANG_SOCIALTJANSTARENDE": "Ärendet övergår till en utredning enligt SoL.",
    "FLYTT": "Familjen har flyttat från kommunen.",
    "ALDERSGRANS": "Ungdomen har passerat åldersgränsen för SSPF.",
    "ANNAN_SAMVERKANSFORM": "Ärendet förs över till annan samverkansform.",
    "EJ_AKTUELLT_EFTER_BEDOMNING": "Efter förhandsbedömning bedöms SSPF inte vara rätt insats.",
    "OVRIGT": "Avslutat efter gemensam bedömning.",
    "RISK_UPPHORD": "Polisen bedömer att risken har upphört.",
    "AVHOPP_FULLFOLJT": "Avhoppet är fullföljt.",
    "AVLIDEN": "Personen har avlidit.",
    "FULLFOLJT": "Avhoppet är fullföljt; egen försörjning och eget boende.",
    "AVBRUTET_AV_INDIVID": "Individen har själv valt att avbryta.",
    "AVBRUTET_VILLKORSBROTT": "Avbrutet efter upprepade villkorsbrott.",
    "FLYTT_OVERLAMNAD_ANNAN_KOMMUN": "Flyttat; ärendet är överlämnat till mottagande kommun.",
    "EJ_AVHOPPARE_ENL_DEF": "Uppfyller inte definitionen av avhoppare; erbjuds annat stöd.",
}
_HARM = ("Menprövning gjord: uppgifterna är nödvändiga för samverkan och bedöms inte skada den enskilde.",
         "Uppgifterna lämnas för att förebygga brott; men för den enskilde bedöms som ringa.",
         "Sekretessprövning gjord av ansvarig samordnare tillsammans med jurist.")
_CHANNELS = ("Säker e-post", "Brev", "Muntligen vid möte", "Telefon")
_REVOKE = (("Telefon", "Vårdnadshavare återkallar samtycket; vill inte att polisen får information."),
           ("Brev", "Skriftlig återkallelse från vårdnadshavare."),
           ("Muntligt vid möte", "Ungdomen återkallar sitt samtycke vid uppföljningsmötet."))
_DECISIONS_NEXT = "Nästa möte {datum} kl. {tid}, {plats}."

_DAY = timedelta(days=1)


def _dt(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _template(model: type) -> dict[str, Any]:
    """Every column with its scalar default (None without one); columns with a callable
    default are left out unless the generator passes them (it passes all the dated ones)."""
    row: dict[str, Any] = {}
    for col in model.__table__.columns:
        default = col.default
        if default is not None and not default.is_scalar:
            continue
        row[col.key] = default.arg if default is not None else None
    return row


# Parents before children: foreign keys are checked row by row.
_INSERT_ORDER: tuple[type, ...] = (
    Person, Guardianship, Case, CaseStatusChange, CaseAssignment, Consent, ConsentSignatory, Assessment,
    AssessmentItem, InstrumentReference, RiskLevelEntry, ThreatAssessment, Conditions, ConditionBreach, Meeting,
    Attendee, AgendaItem, Plan, Goal, Action, JournalEntry, Disclosure,
)
_TEMPLATES = {model: _template(model) for model in _INSERT_ORDER}


class _Rows:
    """One batch of rows, with primary keys assigned from the table maxima read in this transaction."""

    def __init__(self, session: Session) -> None:
        self.next_id = {m: session.scalar(select(func.max(m.id))) or 0 for m in _INSERT_ORDER}
        self.rows: dict[type, list[dict[str, Any]]] = {m: [] for m in _INSERT_ORDER}
        self.case_links: list[dict[str, Any]] = []

    def add(self, model: type, **values: Any) -> int:
        self.next_id[model] += 1
        row = dict(_TEMPLATES[model])
        row.update(values)
        row["id"] = self.next_id[model]
        self.rows[model].append(row)
        return row["id"]

    def count(self, model: type) -> int:
        return len(self.rows[model])

    def write(self, session: Session) -> None:
        for model in _INSERT_ORDER:
            if self.rows[model]:
                # render_nulls: None is sent as NULL instead of leaving the column out, so every
                # row has the same columns and the whole list goes to one executemany().
                session.execute(insert(model).execution_options(render_nulls=True), self.rows[model])
        if self.case_links:
            session.execute(update(Case), self.case_links)


@dataclass(frozen=True)
class _Acct:
    key: str
    user_id: int | None
    name: str
    title: str
    agency: str


@dataclass(frozen=True)
class _UnitInfo:
    id: int
    name: str
    kind: str
    area: str
    kommun: str


@dataclass
class _Youth:
    id: int
    first: str
    last: str
    birth: date
    protected: str
    school: str | None
    guardians: list[tuple[int, str, bool]]   # (person id, full name, has custody)

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class _ConsentPlan:
    mode: str                 # ALL | PARTIAL | DECLINED | NONE
    sd: date                  # the day of the (last) signature, or the form date
    valid_to: date
    revoked_at: date | None = None
    accept: tuple[str, ...] = ()


@dataclass
class _Walk:
    """A case's path through its state machine: (status, date, reason) per step."""

    steps: list[tuple[str, date, str | None]]

    @property
    def status(self) -> str:
        return self.steps[-1][0]

    def date_of(self, status: str) -> date | None:
        for s, d, _ in self.steps:
            if s == status:
                return d
        return None

    @property
    def last_date(self) -> date:
        return self.steps[-1][1]


# --- scenarios ------------------------------------------------------------------------

# SSPF: name → weight. The coverage list comes first so even a small run has every
# consent status and every case status.
_SSPF_SCENARIOS = {
    "AKTUALISERAD": 6, "FORHANDSBEDOMNING": 7, "EJ_AKTUELL": 5, "INHAMTAS_DRAFT": 3, "INHAMTAS_PARTIAL": 5,
    "INHAMTAS_DECLINED": 2, "KARTLAGGNING": 10, "MOTE_PLANERAT": 8, "AKTIV_PLAN": 27, "VILANDE": 4,
    "AVSLUTAD_MAL": 10, "AVSLUTAD_ATERKALLAT": 4, "AVSLUTAD_SAKNAS": 3, "AVSLUTAD_UTGATT": 2,
    "AVSLUTAD_TIDIGT": 4,
}
_SSPF_COVERAGE = ("AKTIV_PLAN", "INHAMTAS_DRAFT", "INHAMTAS_PARTIAL", "INHAMTAS_DECLINED", "VILANDE",
                  "AVSLUTAD_ATERKALLAT", "MOTE_PLANERAT", "KARTLAGGNING", "AVSLUTAD_MAL", "AKTUALISERAD",
                  "FORHANDSBEDOMNING", "EJ_AKTUELL", "AVSLUTAD_SAKNAS", "AVSLUTAD_UTGATT", "AVSLUTAD_TIDIGT")
_SSPF_PATH = ("AKTUALISERAD", "FORHANDSBEDOMNING", "SAMTYCKE_INHAMTAS", "KARTLAGGNING", "MOTE_PLANERAT",
              "AKTIV_PLAN")
_SSPF_GAP = {"FORHANDSBEDOMNING": 6, "SAMTYCKE_INHAMTAS": 9, "KARTLAGGNING": 16, "MOTE_PLANERAT": 12,
             "AKTIV_PLAN": 20}
_SSPF_WINDOW = {
    "AKTUALISERAD": (0, 14), "FORHANDSBEDOMNING": (3, 30), "EJ_AKTUELL": (20, 500), "INHAMTAS_DRAFT": (10, 60),
    "INHAMTAS_PARTIAL": (12, 70), "INHAMTAS_DECLINED": (12, 60), "KARTLAGGNING": (25, 150),
    "MOTE_PLANERAT": (35, 160), "AKTIV_PLAN": (60, 560), "VILANDE": (220, 700), "AVSLUTAD_MAL": (150, 720),
    "AVSLUTAD_ATERKALLAT": (60, 600), "AVSLUTAD_SAKNAS": (30, 500), "AVSLUTAD_UTGATT": (300, 720),
    "AVSLUTAD_TIDIGT": (20, 600),
}
# Days kept free after the walk to the last pre-closure status, per scenario.
_SSPF_TAIL = {"EJ_AKTUELL": 1, "AVSLUTAD_TIDIGT": 1, "AVSLUTAD_SAKNAS": 3, "AVSLUTAD_MAL": 40,
              "AVSLUTAD_ATERKALLAT": 8, "VILANDE": 50, "AVSLUTAD_UTGATT": 80}
_SSPF_AGES = {12: 5, 13: 9, 14: 14, 15: 17, 16: 16, 17: 13, 18: 9, 19: 7, 20: 6, 21: 4}

_TREFAS_SCENARIOS = {"IDENTIFIERAD": 10, "BEDOMD": 14, "AKTIV": 30, "AKTIV_ATER": 6, "FRIHETSBEROVAD": 12,
                     "OVERFORD": 6, "AVSLUTAD": 22}
_TREFAS_COVERAGE = ("AKTIV", "FRIHETSBEROVAD", "OVERFORD", "AVSLUTAD", "BEDOMD", "IDENTIFIERAD")
_TREFAS_WINDOW = {"IDENTIFIERAD": (0, 40), "BEDOMD": (10, 90), "AKTIV": (40, 600), "AKTIV_ATER": (150, 650),
                  "FRIHETSBEROVAD": (60, 600), "OVERFORD": (90, 600), "AVSLUTAD": (90, 720)}
_TREFAS_AGES = {15: 3, 16: 6, 17: 9, 18: 10, 19: 10, 20: 9, 21: 8, 22: 7, 23: 6, 24: 5, 25: 4, 26: 3, 27: 2,
                28: 2, 29: 1, 30: 1}

_AVH_SCENARIOS = {"FORFRAGAN": 7, "FORHANDSBEDOMNING": 9, "AKUT_SKYDD": 9, "UTREDNING": 12, "BESLUT": 8,
                  "GENOMFORANDE": 25, "UPPFOLJNING": 12, "AVSLUTAD": 18}
_AVH_COVERAGE = ("GENOMFORANDE", "AVSLUTAD", "AKUT_SKYDD", "UTREDNING", "UPPFOLJNING", "BESLUT", "FORFRAGAN",
                 "FORHANDSBEDOMNING")
_AVH_WINDOW = {"FORFRAGAN": (0, 20), "FORHANDSBEDOMNING": (5, 40), "AKUT_SKYDD": (5, 60), "UTREDNING": (20, 120),
               "BESLUT": (40, 160), "GENOMFORANDE": (60, 600), "UPPFOLJNING": (120, 700), "AVSLUTAD": (120, 720)}
_AVH_AGES = {15: 1, 16: 2, 17: 3, 18: 6, 19: 8, 20: 9, 21: 9, 22: 8, 23: 7, 24: 6, 25: 5, 26: 4, 27: 3, 28: 3,
             29: 2, 30: 2}


class _Generator:
    """Builds the rows of one batch at a time; holds only what spans batches (rng, used numbers)."""

    def __init__(self, seed: int, today: date, accounts: dict[str, _Acct], units: dict[str, _UnitInfo]) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("sv_SE")
        self.fake.seed_instance(seed)
        self.today = today
        self.acct = accounts
        self.units = units
        self.used_pnrs: set[str] = set()
        self.seen_person_id = 0
        self.pending_links: list[tuple[int, _Youth, date]] = []  # TREFAS cases handed to avhoppare
        self.sspf_no = self.trefas_no = self.avh_no = 0
        self.rows: _Rows
        self.cases_in_batch: list[dict[str, Any]] = []

    # -- small helpers ---------------------------------------------------------------
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, seq: Sequence[Any]) -> Any:
        return seq[self.rng.randrange(len(seq))]

    def wpick(self, weights: dict[Any, float]) -> Any:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def between(self, lo: date, hi: date) -> date:
        if hi <= lo:
            return lo
        return lo + timedelta(days=self.rng.randint(0, (hi - lo).days))

    def clamp(self, day: date) -> date:
        return min(day, self.today)

    def ctx(self, youth: _Youth | None = None, area: str | None = None) -> dict[str, Any]:
        info = _AREAS.get(area or "", _AREAS["Tureberg"])
        return dict(namn=youth.first if youth else "ungdomen", plats=self.pick(info["places"]),
                    manad=self.pick(_MONTHS), brott=self.pick(_CRIMES), pct=self.rng.randint(35, 80),
                    sport=self.pick(_SPORTS), fritid=info["fritid"],
                    datum=(self.today - timedelta(days=self.rng.randint(3, 60))).isoformat())

    def staff_name(self) -> str:
        if self.chance(0.5):
            return f"{self.fake.first_name_female()} {self.fake.last_name()}"
        return f"{self.fake.first_name_male()} {self.fake.last_name()}"

    def phone(self) -> str:
        # PTS reserves 070-174 06 05 – 070-174 06 99 for fiction.
        return f"070-174 06 {self.rng.randint(5, 99):02d}"

    def walk_dates(self, start: date, gaps: Sequence[float], limit: date) -> list[date]:
        """Forward gaps of roughly the nominal size, squeezed to end no later than ``limit``."""
        raw = [g * self.rng.uniform(0.5, 1.6) for g in gaps]
        room = max(0, (limit - start).days)
        total = sum(raw)
        if total > room:
            factor = room / total * self.rng.uniform(0.7, 1.0) if total else 0
            raw = [g * factor for g in raw]
        out, acc = [], 0.0
        for g in raw:
            acc += g
            out.append(start + timedelta(days=int(acc)))
        return out

    # -- persons ---------------------------------------------------------------------
    def new_pnr(self, birth: date, gender: str) -> str | None:
        serials = [s for s in personnummer.TEST_SERIAL_RANGE if (s % 2 == 1) == (gender == "MAN")]
        start = self.rng.randrange(len(serials))
        for i in range(len(serials)):
            digits = personnummer.make(birth, serials[(start + i) % len(serials)]).digits
            if digits not in self.used_pnrs:
                return digits
        return None

    def birth_for_age(self, ref: date, age: int) -> date:
        """A birth date giving exactly ``age`` completed years on ``ref``."""
        hi = _years_before(ref, age)
        lo = _years_before(ref, age + 1) + _DAY
        return self.between(lo, hi)

    def add_person(self, *, first: str, last: str, birth: date, gender: str, pnr: str, created: date,
                   protected: str = "NONE", school: str | None = None, school_class: str | None = None,
                   kommun: str = "Sollentuna", postal: str = "191 4", with_contact: bool = True,
                   address: tuple[str | None, str | None, str | None] | None = None) -> int:
        self.used_pnrs.add(pnr)
        if address is None:
            address = self.address(postal, kommun, protected)
        return self.rows.add(
            Person, pnr=pnr, first_name=first, last_name=last, birth_date=birth, legal_gender=gender,
            protected_identity=protected, school=school, school_class=school_class,
            phone=self.phone() if with_contact and self.chance(0.7) else None,
            email=(f"{first}.{last}@example.com".lower().replace("å", "a").replace("ä", "a").replace("ö", "o")
                   .replace(" ", "") if with_contact and self.chance(0.4) else None),
            address=address[0], postal_code=address[1], city=address[2],
            created_at=_dt(created, 8, 30), updated_at=_dt(created, 8, 30))

    def address(self, postal: str, kommun: str, protected: str) -> tuple[str | None, str | None, str | None]:
        street = f"{self.fake.street_name()} {self.rng.randint(1, 60)}"
        if protected == "SKYDDAD_FOLKBOKFORING":
            return None, None, None  # the real address is not in the register
        return street, f"{postal}{self.rng.randint(0, 9)}", _KOMMUN[kommun]["city"]

    def first_name(self, gender: str) -> str:
        return self.fake.first_name_male() if gender == "MAN" else self.fake.first_name_female()

    def school_for(self, area: str, age: int) -> tuple[str | None, str | None]:
        info = _AREAS.get(area)
        if info is None or age > 18:
            return None, None
        if age >= 16:
            return _KOMMUN[info["kommun"]]["gymnasium"], f"{self.pick(('NA', 'SA', 'EK', 'BA', 'EL'))}{age - 15}"
        return self.pick(info["schools"]), f"{age - 6}{self.pick('ABC')}"

    def youth(self, *, kind: str, ref: date, ages: dict[int, float], male_share: float, area: str, kommun: str,
              protected: str, plan: _ConsentPlan | None, family: str,
              created: date) -> tuple[_Youth, list[tuple[str, date, bool]], bool, str | None]:
        """The subject of a case; with a consent plan, resampled until the consent's derived
        status on ``today`` is one the scenario accepts (a birthday between signing and today
        can add a required signatory)."""
        gender = "MAN" if self.chance(male_share) else "KVINNA"
        birth = pnr = None
        sigs: list[tuple[str, date, bool]] = []
        joint, exception = True, None
        for _attempt in range(60):
            age = self.wpick(ages)
            cand = self.birth_for_age(ref, age)
            minor = age_on(cand, ref) < vocab.ADULT_AGE
            joint = minor and family == "JOINT"
            exception = None if joint or not minor else self.pick((
                "Ensam vårdnad enligt dom", "Ensam vårdnad; den andra föräldern saknar vårdnad"))
            if plan is not None:
                cand_sigs = self.signatures(cand, plan, joint, exception)
                if cand_sigs is None:
                    continue
                status = derive_status(self.facts(cand, joint, exception, cand_sigs, plan), self.today)
                if status not in plan.accept:
                    continue
                sigs = cand_sigs
            found = self.new_pnr(cand, gender)
            if found is None:
                continue
            birth, pnr = cand, found
            break
        if birth is None or pnr is None:
            raise ValidationError("The test serial range is exhausted for these birth dates",
                                  code="demo.pnr_exhausted")
        first, last = self.first_name(gender), self.fake.last_name()
        age_now = age_on(birth, self.today)
        school, klass = self.school_for(area, age_now) if kind == "SSPF" else (None, None)
        info = _AREAS.get(area, _AREAS["Tureberg"])
        address = self.address(info["postal"], kommun, protected)
        pid = self.add_person(first=first, last=last, birth=birth, gender=gender, pnr=pnr, created=created,
                              protected=protected, school=school, school_class=klass, kommun=kommun,
                              postal=info["postal"], address=address, with_contact=kind != "AVHOPPARE")
        y = _Youth(id=pid, first=first, last=last, birth=birth, protected=protected, school=school, guardians=[])
        if age_on(birth, ref) < vocab.ADULT_AGE:
            self.guardians(y, family, kommun, info["postal"], address, created)
        return y, sigs, joint, exception

    def guardians(self, y: _Youth, family: str, kommun: str, postal: str,
                  home: tuple[str | None, str | None, str | None], created: date) -> None:
        youth_age = age_on(y.birth, self.today)
        count = 1 if family == "SOLE" else 2
        genders = ["KVINNA", "MAN"] if self.chance(0.65) else ["MAN", "KVINNA"]
        for i in range(count):
            gender = genders[i]
            lo, hi = max(30, youth_age + 20), min(60, youth_age + 45)
            for _attempt in range(30):
                birth = self.birth_for_age(self.today, self.rng.randint(lo, max(lo, hi)))
                pnr = self.new_pnr(birth, gender)
                if pnr is not None:
                    break
            else:
                continue
            last = y.last if self.chance(0.75) else self.fake.last_name()
            first = self.first_name(gender)
            custody = not (family == "SPLIT" and i == 1)
            separate = family != "JOINT" and i == 1
            address = self.address(postal, kommun, y.protected) if separate else home
            gid = self.add_person(first=first, last=last, birth=birth, gender=gender, pnr=pnr, created=created,
                                  protected=y.protected, kommun=kommun, postal=postal, address=address)
            relation = "Mor" if gender == "KVINNA" else "Far"
            self.rows.add(Guardianship, child_id=y.id, guardian_id=gid, has_custody=custody, relation=relation)
            y.guardians.append((gid, f"{first} {last}", custody))

    # -- consents --------------------------------------------------------------------
    def signatures(self, birth: date, plan: _ConsentPlan, joint: bool,
                   exception: str | None) -> list[tuple[str, date, bool]] | None:
        required = sorted(required_signatories(birth, plan.sd, joint, exception))
        if plan.mode == "NONE":
            return []
        if plan.mode == "ALL":
            return [(role, plan.sd, False) for role in required]
        if plan.mode == "PARTIAL":
            if len(required) < 2:
                return None
            drop = self.pick(required)
            return [(role, plan.sd, False) for role in required if role != drop]
        # DECLINED: one required signatory refuses; the others may have signed already.
        refuser = "YOUTH" if "YOUTH" in required and self.chance(0.5) else self.pick(required)
        return [(role, plan.sd, role == refuser) for role in required if role == refuser or self.chance(0.5)]

    def facts(self, birth: date, joint: bool, exception: str | None, sigs: list[tuple[str, date, bool]],
              plan: _ConsentPlan) -> ConsentFacts:
        return ConsentFacts(youth_birth_date=birth, joint_custody=joint, single_guardian_exception=exception,
                            signatures=tuple(Signature(role=r, signed_at=d, declined=x) for r, d, x in sigs),
                            valid_from=plan.sd, valid_to=plan.valid_to, revoked_at=plan.revoked_at)

    def add_consent(self, case_id: int, y: _Youth, plan: _ConsentPlan, sigs: list[tuple[str, date, bool]],
                    joint: bool, exception: str | None, *, kind: str, scope: list[dict[str, str]],
                    info: list[str], coordinator: _Acct, created: date) -> str:
        status = derive_status(self.facts(y.birth, joint, exception, sigs, plan), self.today)
        revoke = self.pick(_REVOKE) if plan.revoked_at else (None, None)
        purpose = (f"SSPF-samverkan kring {y.name}" if kind == "SSPF"
                   else f"Informationsutbyte inom avhopparverksamheten kring {y.name}")
        cid = self.rows.add(
            Consent, case_id=case_id, subject_person_id=y.id, purpose=purpose, scope_agencies=scope,
            scope_information=info, valid_from=plan.sd, valid_to=plan.valid_to, joint_custody=joint,
            single_guardian_exception=exception,
            youth_opinion=(self.pick(_OPINIONS) if kind == "SSPF" else
                           "Den enskilde samtycker till informationsutbyte med polisen för att kunna genomföra "
                           "avhoppet."),
            status=status, revoked_at=plan.revoked_at,
            revoked_by_user_id=coordinator.user_id if plan.revoked_at else None,
            revocation_channel=revoke[0], revocation_note=revoke[1], created_at=_dt(min(created, plan.sd), 10),
            version=1)
        guardian_ids = [g[0] for g in y.guardians]
        for role, signed, declined in sigs:
            person_id = y.id if role in ("YOUTH", "ADULT_SELF") else (
                guardian_ids[0] if role == "GUARDIAN_1" and guardian_ids else
                guardian_ids[1] if role == "GUARDIAN_2" and len(guardian_ids) > 1 else None)
            self.rows.add(ConsentSignatory, consent_id=cid, person_id=person_id, role=role, signed_at=signed,
                          method=self.wpick({"WRITTEN_PAPER": 6, "WRITTEN_DIGITAL": 3, "ORAL_DOCUMENTED": 1}),
                          declined=declined, recorded_by_user_id=coordinator.user_id)
        return status

    def sspf_scope(self, y: _Youth, area: str, kommun: str) -> tuple[list[dict[str, str]], list[str]]:
        info_area = _AREAS.get(area, _AREAS["Tureberg"])
        scope = [{"agency": "SOC", "detail": _KOMMUN[kommun]["soc"]}]
        categories = ["SKOLGANG_NARVARO", "BETEENDE", "FAMILJESITUATION", "SOCIALTJANST_INSATSER"]
        if y.school and self.chance(0.95):
            scope.append({"agency": "SKOLA", "detail": y.school})
        if self.chance(0.8):
            scope.append({"agency": "POLIS", "detail": _KOMMUN[kommun]["polis"]})
            categories.append("POLISIARA_UPPGIFTER")
        if self.chance(0.7):
            scope.append({"agency": "FRITID", "detail": self.pick((info_area["fritid"], info_area["falt"]))})
            categories.append("FRITID")
        if self.chance(0.12):
            scope.append({"agency": "OTHER", "detail": self.pick(("BUP Norrort", "Idrottsföreningen (demo)"))})
        if self.chance(0.2):
            categories.append("HALSA")  # only when explicitly listed
        return scope, categories

    # -- case rows -------------------------------------------------------------------
    def add_case(self, *, kind: str, y: _Youth, unit: _UnitInfo, area: str, walk: _Walk, coordinator: _Acct,
                 referring_agency: str, referring_person: str, concerns: list[str], description: str,
                 urgency: str, orosanmalan: str, environment: str | None = None, follow_up: date | None = None,
                 closure: str | None = None, linked_case_id: int | None = None,
                 previous_status: str | None = None) -> int:
        closed = walk.status in ("AVSLUTAD", "EJ_AKTUELL")
        referral = walk.steps[0][1]
        case_id = self.rows.add(
            Case, kind=kind, reference="", person_id=y.id, unit_id=unit.id, area=area, status=walk.status,
            previous_status=previous_status, responsible_user_id=coordinator.user_id, referral_date=referral,
            referring_agency=referring_agency, referring_person=referring_person, concerns=concerns,
            description=description, urgency=urgency, orosanmalan=orosanmalan, environment=environment,
            follow_up_date=follow_up, closed_at=walk.last_date if closed else None,
            closure_reason=closure if closed else None,
            closure_note=_CLOSURE_NOTES.get(closure or "") if closed else None, linked_case_id=linked_case_id,
            legal_hold=False, created_at=_dt(referral, 9, 15), updated_at=_dt(walk.last_date, 16))
        self.cases_in_batch.append(self.rows.rows[Case][-1])
        prev = None
        for i, (status, day, reason) in enumerate(walk.steps):
            self.rows.add(CaseStatusChange, case_id=case_id, from_status=prev, to_status=status, reason=reason,
                          changed_at=_dt(day, 9 + i % 7, 5 * (i % 12)), changed_by=coordinator.user_id)
            prev = status
        self.assign(case_id, coordinator, "ANSVARIG", referral)
        return case_id

    def assign(self, case_id: int, acct: _Acct | None, role: str, day: date) -> None:
        if acct is not None and acct.user_id is not None:
            self.rows.add(CaseAssignment, case_id=case_id, user_id=acct.user_id, role_in_case=role,
                          assigned_at=_dt(day, 9, 30), ended_at=None)

    # -- SSPF ------------------------------------------------------------------------
    def sspf(self) -> None:
        scenario = (_SSPF_COVERAGE[self.sspf_no] if self.sspf_no < len(_SSPF_COVERAGE)
                    else self.wpick(_SSPF_SCENARIOS))
        protected = ("SEKRETESSMARKERING" if self.sspf_no == 3 else "SKYDDAD_FOLKBOKFORING" if self.sspf_no == 7
                     else self.wpick({"NONE": 970, "SEKRETESSMARKERING": 20, "SKYDDAD_FOLKBOKFORING": 10}))
        self.sspf_no += 1
        unit = self.units[self.wpick(dict(zip(SSPF_UNITS, (25, 20, 18, 22, 15))))]
        area, kommun = unit.area, unit.kommun
        coord = self.acct["samordnare"]
        lo, hi = _SSPF_WINDOW[scenario]
        referral = self.today - timedelta(days=self.rng.randint(lo, hi))

        # How far along the normal path the case got before its tail (closure, pause).
        upto = {"AKTUALISERAD": 0, "FORHANDSBEDOMNING": 1, "EJ_AKTUELL": 1, "INHAMTAS_DRAFT": 2,
                "INHAMTAS_PARTIAL": 2, "INHAMTAS_DECLINED": 2, "KARTLAGGNING": 3, "MOTE_PLANERAT": 4,
                "AKTIV_PLAN": 5, "AVSLUTAD_MAL": 5, "AVSLUTAD_SAKNAS": 2}.get(scenario)
        if upto is None:
            upto = (self.rng.randint(0, 1) if scenario == "AVSLUTAD_TIDIGT"
                    else self.wpick({3: 2, 4: 1, 5: 3}))
        limit = self.today - timedelta(days=_SSPF_TAIL.get(scenario, 0))
        path = list(_SSPF_PATH[:upto + 1])
        days = [referral] + self.walk_dates(referral, [_SSPF_GAP[s] for s in path[1:]], max(referral, limit))
        steps: list[tuple[str, date, str | None]] = list(zip(path, days, [None] * len(path)))
        last = days[-1]

        # Consent plan and the tail of the walk.
        plan: _ConsentPlan | None = None
        renewals: list[_ConsentPlan] = []
        closure = None
        previous_status = None
        if upto >= 3:
            sd = max(days[2], days[3] - timedelta(days=self.rng.randint(0, 3)))
        else:
            sd = self.clamp(days[-1] + timedelta(days=self.rng.randint(2, 20)))
        if scenario in ("INHAMTAS_DRAFT", "INHAMTAS_PARTIAL", "INHAMTAS_DECLINED", "AVSLUTAD_SAKNAS"):
            mode = {"INHAMTAS_DRAFT": "NONE", "INHAMTAS_PARTIAL": "PARTIAL"}.get(scenario, "DECLINED")
            target = {"NONE": "DRAFT", "PARTIAL": "PARTIAL", "DECLINED": "DECLINED"}[mode]
            if scenario == "AVSLUTAD_SAKNAS":
                sd = min(sd, self.today - timedelta(days=2))
            plan = _ConsentPlan(mode, sd, sd + timedelta(days=365), accept=(target,))
            if scenario == "AVSLUTAD_SAKNAS":
                closure = "SAMTYCKE_SAKNAS"
                steps.append(("AVSLUTAD", self.clamp(sd + timedelta(days=self.rng.randint(0, 14))), closure))
        elif scenario in ("KARTLAGGNING", "MOTE_PLANERAT", "AKTIV_PLAN"):
            sd, renewals = self.renew(sd, self.today, ahead=20)
            valid_to = (self.today + timedelta(days=self.rng.randint(0, 30)) if self.chance(0.15)
                        else sd + timedelta(days=365))
            plan = _ConsentPlan("ALL", sd, valid_to, accept=("VALID",))
        elif scenario == "AVSLUTAD_MAL":
            close = self.clamp(last + timedelta(days=self.rng.randint(60, 400)))
            sd, renewals = self.renew(sd, close)
            plan = _ConsentPlan("ALL", sd, sd + timedelta(days=365), accept=("VALID", "EXPIRED"))
            closure = self.wpick({"MAL_UPPNATT": 50, "FLYTT": 12, "ALDERSGRANS": 8, "OVERGANG_SOCIALTJANSTARENDE": 12,
                                  "ANNAN_SAMVERKANSFORM": 10, "OVRIGT": 8})
            steps.append(("AVSLUTAD", close, closure))
        elif scenario == "AVSLUTAD_ATERKALLAT":
            revoked = self.clamp(last + timedelta(days=self.rng.randint(7, 150)))
            sd, renewals = self.renew(sd, revoked)
            plan = _ConsentPlan("ALL", sd, sd + timedelta(days=365), revoked_at=revoked, accept=("REVOKED",))
            closure = "SAMTYCKE_ATERKALLAT"
            steps.append(("AVSLUTAD", revoked, closure))
        elif scenario in ("VILANDE", "AVSLUTAD_UTGATT"):
            end = self.today - timedelta(days=1 if scenario == "VILANDE" else 30)
            pause = self.between(min(end, last + timedelta(days=45)), end)
            valid_to = max(sd + timedelta(days=30), pause - timedelta(days=self.rng.randint(0, 14)))
            valid_to = min(valid_to, self.today - _DAY)
            pause = max(pause, valid_to + _DAY)
            plan = _ConsentPlan("ALL", sd, valid_to, accept=("EXPIRED",))
            previous_status = steps[-1][0]
            steps.append(("VILANDE_SAMTYCKE_UTGATT", pause, None))
            if scenario == "AVSLUTAD_UTGATT":
                previous_status = None
                closure = "SAMTYCKE_UTGATT_EJ_FORNYAT"
                steps.append(("AVSLUTAD", self.clamp(pause + timedelta(days=self.rng.randint(14, 60))), closure))
        elif scenario == "EJ_AKTUELL":
            closure = self.wpick({"EJ_AKTUELLT_EFTER_BEDOMNING": 5, "ANNAN_SAMVERKANSFORM": 2,
                                  "OVERGANG_SOCIALTJANSTARENDE": 2, "OVRIGT": 1})
            steps.append(("EJ_AKTUELL", self.clamp(last + timedelta(days=self.rng.randint(3, 20))), closure))
        elif scenario == "AVSLUTAD_TIDIGT":
            closure = self.wpick({"FLYTT": 3, "EJ_AKTUELLT_EFTER_BEDOMNING": 4, "OVRIGT": 1})
            steps.append(("AVSLUTAD", self.clamp(last + timedelta(days=self.rng.randint(3, 40))), closure))
        walk = _Walk(steps)
        closed = walk.status in ("AVSLUTAD", "EJ_AKTUELL")
        end = walk.last_date if closed or walk.status == "VILANDE_SAMTYCKE_UTGATT" else self.today

        family = self.wpick({"JOINT": 60, "SOLE": 25, "SPLIT": 15})
        y, sigs, joint, exception = self.youth(kind="SSPF", ref=referral, ages=_SSPF_AGES, male_share=0.66,
                                               area=area, kommun=kommun, protected=protected, plan=plan,
                                               family=family, created=referral)
        if closure == "ALDERSGRANS" and age_on(y.birth, walk.last_date) < 20:
            closure = "MAL_UPPNATT"  # only someone near the upper age limit leaves for that reason
            steps[-1] = (steps[-1][0], steps[-1][1], closure)
        ctx = self.ctx(y, area)
        referrer = self.wpick({"SKOLA": 40, "POLIS": 22, "SOC": 18, "FRITID": 12, "OTHER": 8})
        pool = _SSPF_CONCERN_BY_REFERRER[referrer]
        concerns = sorted(set(self.rng.sample(pool, self.rng.randint(1, min(4, len(pool))))),
                          key=vocab.REFERRAL_CONCERNS.codes.index)
        description = " ".join(self.pick(_CONCERN_TEXT[c]).format(**ctx) for c in concerns)
        referring_person = {
            "SKOLA": f"{self.staff_name()}, mentor på {y.school or 'skolan'}",
            "POLIS": f"{self.staff_name()}, kommunpolis", "SOC": f"{self.staff_name()}, socialsekreterare",
            "FRITID": f"{self.staff_name()}, fältassistent", "OTHER": "Vårdnadshavare (egen kontakt)"}[referrer]
        orosanmalan = ("OKANT" if upto == 0 and not closed else
                       self.wpick({"GJORD": 30, "BEHOVS": 8, "EJ_AKTUELL": 50, "OKANT": 12}))
        urgency = self.wpick({"NORMAL": 75, "SKYNDSAM": 20, "AKUT": 5})
        scope: list[dict[str, str]] = []
        categories: list[str] = []
        if plan is not None:
            scope, categories = self.sspf_scope(y, area, kommun)
        scope_agencies = [s["agency"] for s in scope] if upto >= 3 else []

        meetings = (self.sspf_meetings(walk, upto, scenario, end, y, unit, plan, ctx, scope_agencies)
                    if upto >= 4 else [])
        follow_up = None
        upcoming = [m for m in meetings if m["starts_at"].date() > self.today]
        if upcoming and not closed:
            follow_up = upcoming[0]["starts_at"].date()
        elif closed and closure == "MAL_UPPNATT" and self.chance(0.4):
            follow_up = walk.last_date + timedelta(days=182)
        case_id = self.add_case(kind="SSPF", y=y, unit=unit, area=area, walk=walk, coordinator=coord,
                                referring_agency=referrer, referring_person=referring_person, concerns=concerns,
                                description=description, urgency=urgency, orosanmalan=orosanmalan,
                                follow_up=follow_up, closure=closure, previous_status=previous_status)

        consent_status = "NONE"
        if plan is not None:
            for old in renewals:
                old_sigs = self.signatures(y.birth, old, joint, exception) or []
                self.add_consent(case_id, y, old, old_sigs, joint, exception, kind="SSPF", scope=scope,
                                 info=categories, coordinator=coord, created=old.sd)
            consent_status = self.add_consent(case_id, y, plan, sigs, joint, exception, kind="SSPF", scope=scope,
                                              info=categories, coordinator=coord, created=steps[2][1])

        # Assignments: the case worker, and the contact persons of the agencies the consent covers.
        if len(steps) > 1 and self.chance(0.5):
            self.assign(case_id, self.acct.get("socialsekreterare"), "HANDLAGGARE", steps[1][1])
        for agency, key in (("SKOLA", "skola"), ("POLIS", "polis"), ("FRITID", "fritid")):
            if agency in scope_agencies:
                self.assign(case_id, self.acct.get(key), "KONTAKT", steps[3][1])
            elif upto < 3 and agency == referrer and self.chance(0.5):
                self.assign(case_id, self.acct.get(key), "KONTAKT", referral)

        if upto >= 3:
            k_day = steps[3][1]
            self.assessment(case_id, y, self.clamp(k_day + timedelta(days=self.rng.randint(3, 20))), ctx,
                            coord, end)
            if self.chance(0.35):
                screening = min(end, self.clamp(k_day + timedelta(days=self.rng.randint(5, 30))))
                self.instrument(case_id, "ESTER_SCREENING", screening)
                if self.chance(0.4):
                    self.instrument(case_id, "ESTER_BEDOMNING",
                                    min(end, self.clamp(screening + timedelta(days=self.rng.randint(14, 90)))))
        self.write_meetings(case_id, meetings)
        if upto >= 5:
            self.sspf_plans(case_id, meetings, scope_agencies, y, ctx, end)
            later = [m for m in meetings if m["meeting_type"] == "UPPFOLJNINGSMOTE"
                     and m["starts_at"].date() <= self.today]
            if later and self.chance(0.5):
                self.assessment(case_id, y, later[-1]["starts_at"].date(), ctx, coord, end, better=True)

        # Journal: before consent only social services writes; after it the covered agencies too.
        agencies = ["SOC"] + [a for a in ("SKOLA", "POLIS", "FRITID") if a in scope_agencies]
        n = self.rng.choices((0, 1, 2, 3, 4, 5), weights=(3, 5, 2, 0, 0, 0) if upto < 3 else (0, 2, 4, 4, 2, 1))[0]
        consent_day = steps[3][1] if upto >= 3 else None
        for _ in range(n):
            agency = self.pick(agencies)
            lo_day = consent_day if agency != "SOC" and consent_day else referral
            self.journal(case_id, "SSPF", agency, self.between(lo_day, end), y, area, categories, coord)
        # Disclosures with their legal basis.
        if "POLIS" in scope_agencies and consent_status in ("VALID", "EXPIRED", "REVOKED") and self.chance(0.2):
            self.disclosure(case_id, y, "POLIS", "SAMTYCKE", self.between(steps[3][1], min(end, plan.valid_to)),
                            "Uppgifter om skolnärvaro och pågående insatser inför nätverksmötet", coord, kommun)
        elif upto < 3 and age_on(y.birth, referral) < 21 and self.chance(0.08):
            self.disclosure(case_id, y, "POLIS", "OSL_10_18a", self.between(referral, end),
                            "Uppgift om att socialtjänsten bedömer risk för fortsatt brottslighet", coord, kommun)
        if referrer == "SKOLA" and orosanmalan == "GJORD" and self.chance(0.3):
            self.disclosure(case_id, y, "SOC", "OSL_10_28_ANMALNINGSPLIKT", referral,
                            "Orosanmälan från skolan enligt anmälningsplikten", self.acct.get("skola") or coord,
                            kommun)

    def renew(self, sd: date, until: date, ahead: int = 0) -> tuple[date, list[_ConsentPlan]]:
        """Consents run a year: a case longer than that has older consents, each renewed
        shortly before it ran out (and no later than ``until``), before the current one."""
        older: list[_ConsentPlan] = []
        until = min(until, self.today)
        while sd + timedelta(days=365) < until + timedelta(days=ahead):
            nxt = min(sd + timedelta(days=365 - self.rng.randint(0, 30)), until)
            if nxt <= sd:
                break
            older.append(_ConsentPlan("ALL", sd, nxt - _DAY))
            sd = nxt
        return sd, older

    def sspf_meetings(self, walk: _Walk, upto: int, scenario: str, end: date, y: _Youth, unit: _UnitInfo,
                      plan: _ConsentPlan | None, ctx: dict[str, Any], scope: list[str]) -> list[dict[str, Any]]:
        """Nätverksmöte and uppföljningsmöten as meeting specs (written by ``write_meetings``)."""
        out: list[dict[str, Any]] = []
        if upto == 4:
            m_day = walk.date_of("MOTE_PLANERAT") or walk.last_date
            day = m_day + timedelta(days=self.rng.randint(7, 21))
            if scenario == "MOTE_PLANERAT" and self.chance(0.5):
                day = self.today + timedelta(days=self.rng.randint(1, 7))
            if scenario == "MOTE_PLANERAT" or day <= end:
                out.append(dict(meeting_type="NATVERKSMOTE", day=day))
        else:
            nm = walk.date_of("AKTIV_PLAN") or walk.last_date
            out.append(dict(meeting_type="NATVERKSMOTE", day=nm))
            count = self.rng.choices((0, 1, 2), weights=(60, 32, 8))[0]
            day = nm
            for _ in range(count):
                day = day + timedelta(days=self.rng.randint(42, 70))
                if day > end:
                    break
                out.append(dict(meeting_type="UPPFOLJNINGSMOTE", day=day))
            if walk.status == "AKTIV_PLAN":
                if self.chance(0.2):
                    out.append(dict(meeting_type="UPPFOLJNINGSMOTE",
                                    day=self.today + timedelta(days=self.rng.randint(1, 7))))
                elif self.chance(0.2):
                    out.append(dict(meeting_type="UPPFOLJNINGSMOTE",
                                    day=self.today + timedelta(days=self.rng.randint(8, 40))))
        place = self.sspf_place(y, unit)
        for spec in out:
            spec.update(self.meeting_time(spec.pop("day")))
            spec.update(place=place, unit_id=unit.id, kind="SSPF", youth=y, ctx=ctx, plan=plan,
                        kommun=unit.kommun, area=unit.area, scope=scope)
        return out

    def sspf_place(self, y: _Youth, unit: _UnitInfo) -> str:
        soc = _KOMMUN[unit.kommun]["soc"]
        if y.protected != "NONE" or not y.school or self.chance(0.4):
            return f"{soc}, rum {self.pick(_ROOMS)}"  # never the school of a protected person
        return f"{y.school}, konferensrummet"

    def meeting_time(self, day: date) -> dict[str, Any]:
        hour = self.pick((8, 9, 10, 13, 14, 15))
        minute = self.pick((0, 30))
        starts = _dt(day, hour, minute)
        return dict(starts_at=starts, ends_at=starts + timedelta(minutes=self.pick((60, 75, 90))))

    def protocol_status(self, starts: datetime) -> str:
        if starts.date() > self.today:
            return "UTKAST"
        if (self.today - starts.date()).days < 3:
            return self.wpick({"UTKAST": 6, "JUSTERING": 4})
        return self.wpick({"JUSTERAT": 75, "JUSTERING": 12, "UTKAST": 13})

    def write_meetings(self, case_id: int | None, specs: list[dict[str, Any]]) -> None:
        for i, spec in enumerate(specs):
            nxt = specs[i + 1] if i + 1 < len(specs) else None
            spec["id"] = self.meeting(case_id, spec, nxt)

    def meeting(self, case_id: int | None, spec: dict[str, Any], nxt: dict[str, Any] | None) -> int:
        starts: datetime = spec["starts_at"]
        held = starts.date() <= self.today
        status = self.protocol_status(starts)
        kind = spec["kind"]
        coord = self.acct["trefas" if kind == "TREFAS" else "samordnare"]
        attendees = self.attendees(spec, coord)
        chair = next((a for a in attendees if a["meeting_role"] == "ORDFORANDE"), None)
        secretary = next((a for a in attendees if a["meeting_role"] == "SEKRETERARE"), None)
        adjuster = next((a for a in attendees if a["meeting_role"] == "JUSTERARE"), None)
        agenda = self.agenda(spec, held, attendees, nxt)
        place = spec["place"]
        justerat_at = content_hash = None
        if status == "JUSTERAT":
            justerat_at = _dt(self.clamp(starts.date() + timedelta(days=self.rng.randint(1, 7))), 16)
            content_hash = protocol_hash(SimpleNamespace(  # the same content the service hashes
                meeting_type=spec["meeting_type"], starts_at=starts, place=place,
                attendees=[SimpleNamespace(**a) for a in attendees], agenda=[SimpleNamespace(**a) for a in agenda]))
        guardians_informed = None
        if held and kind == "SSPF" and spec.get("youth") and spec["youth"].guardians and status != "UTKAST":
            guardians_informed = self.pick((
                "Vårdnadshavare deltog och informerades om besluten vid mötet.",
                f"Vårdnadshavare informerades per telefon {(starts.date() + _DAY).isoformat()}."))
        mid = self.rows.add(
            Meeting, case_id=case_id, unit_id=spec["unit_id"], meeting_type=spec["meeting_type"], starts_at=starts,
            ends_at=spec["ends_at"], place=place, chair_user_id=chair["user_id"] if chair else None,
            secretary_user_id=secretary["user_id"] if secretary else None,
            adjuster_user_id=adjuster["user_id"] if adjuster else None, anonymised=case_id is None,
            protocol_status=status, next_meeting_at=nxt["starts_at"] if nxt and held else None,
            next_meeting_place=nxt["place"] if nxt and held else None, guardians_informed=guardians_informed,
            justerat_at=justerat_at, content_hash=content_hash, created_by=coord.user_id,
            created_at=_dt(min(starts.date() - timedelta(days=self.rng.randint(3, 14)), self.today), 11))
        for a in attendees:
            self.rows.add(Attendee, meeting_id=mid, **a)
        for item in agenda:
            self.rows.add(AgendaItem, meeting_id=mid, **item)
        return mid

    def attendees(self, spec: dict[str, Any], coord: _Acct) -> list[dict[str, Any]]:
        kind, kommun = spec["kind"], spec["kommun"]
        out: list[dict[str, Any]] = []

        def staff(acct: _Acct | None, role: str, organisation: str, agency: str, function: str | None = None) -> None:
            if acct is None:
                return
            out.append(dict(name=acct.name, function=function or acct.title, organisation=organisation,
                            agency_code=agency, meeting_role=role, present=True, part_note=None, person_id=None,
                            user_id=acct.user_id))

        soc = _KOMMUN[kommun]["soc"]
        if kind == "TREFAS":
            staff(coord, "ORDFORANDE", soc, "SOC")
            staff(self.acct.get("polis"), "JUSTERARE", _KOMMUN[kommun]["polis"], "POLIS")
            staff(self.acct.get("kriminalvard"), "DELTAGARE", _KRIMINALVARD_ORG, "KRIMINALVARD")
            out.append(dict(name=self.staff_name(), function="Jurist", organisation=soc, agency_code="SOC",
                            meeting_role="DELTAGARE", present=True, part_note=None, person_id=None, user_id=None))
            out.append(dict(name=self.staff_name(), function="Socialsekreterare", organisation=soc, agency_code="SOC",
                            meeting_role="SEKRETERARE", present=True, part_note=None, person_id=None, user_id=None))
            return out
        area = _AREAS.get(spec["area"], _AREAS["Tureberg"])
        staff(coord, "ORDFORANDE", soc, "SOC")
        staff(self.acct.get("socialsekreterare"), "SEKRETERARE", soc, "SOC")
        if spec.get("group"):
            staff(self.acct.get("skola"), "DELTAGARE", self.pick(area["schools"]), "SKOLA")
            staff(self.acct.get("polis"), "JUSTERARE", _KOMMUN[kommun]["polis"], "POLIS")
            staff(self.acct.get("fritid"), "DELTAGARE", area["falt"], "FRITID")
            if spec["meeting_type"] == "STYRGRUPPSMOTE":
                staff(self.acct.get("styrgrupp"), "DELTAGARE", soc, "SOC")
            return out
        y: _Youth = spec["youth"]
        # Only the agencies the consent covers are invited (DOMAIN.md 1.4).
        scope = set(spec.get("scope") or ())
        adjuster_set = False
        if "SKOLA" in scope and y.school:
            out.append(dict(name=self.staff_name(), function="Mentor", organisation=y.school, agency_code="SKOLA",
                            meeting_role="DELTAGARE", present=True, part_note=None, person_id=None, user_id=None))
            staff(self.acct.get("skola"), "DELTAGARE", y.school, "SKOLA")
        if "POLIS" in scope:
            staff(self.acct.get("polis"), "JUSTERARE", _KOMMUN[kommun]["polis"], "POLIS")
            adjuster_set = self.acct.get("polis") is not None
        if "FRITID" in scope:
            staff(self.acct.get("fritid"), "DELTAGARE", area["falt"], "FRITID")
        if not adjuster_set:
            for a in out:
                if a["meeting_role"] == "DELTAGARE" and a["user_id"] is not None:
                    a["meeting_role"] = "JUSTERARE"
                    break
        part = self.pick((None, None, "Deltog §§ 1–4"))
        out.append(dict(name=y.name, function="Ungdom", organisation=None, agency_code=None, meeting_role="DELTAGARE",
                        present=True, part_note=part, person_id=y.id, user_id=None))
        for gid, gname, custody in y.guardians:
            if custody or self.chance(0.3):
                present = self.chance(0.85)
                out.append(dict(name=gname, function="Vårdnadshavare" if custody else "Förälder", organisation=None,
                                agency_code=None, meeting_role="DELTAGARE", present=present,
                                part_note=None if present else "Anmält förhinder", person_id=gid, user_id=None))
        return out

    def agenda(self, spec: dict[str, Any], held: bool, attendees: list[dict[str, Any]],
               nxt: dict[str, Any] | None) -> list[dict[str, Any]]:
        mtype = spec["meeting_type"]
        headings = AGENDA_TEMPLATES.get(mtype, ())
        items = []
        adjuster = next((a["name"] for a in attendees if a["meeting_role"] == "JUSTERARE"), None)
        ctx = dict(spec.get("ctx") or self.ctx(None, spec["area"]))
        for number, heading in enumerate(headings, start=1):
            note = decision = None
            if held:
                note, decision = self.agenda_text(mtype, number, heading, ctx, spec, adjuster, nxt)
            items.append(dict(number=number, heading=heading, note=note, decision=decision, owning_agency="SOC",
                              visibility="SHARED"))
        return items

    def agenda_text(self, mtype: str, number: int, heading: str, ctx: dict[str, Any], spec: dict[str, Any],
                    adjuster: str | None, nxt: dict[str, Any] | None) -> tuple[str | None, str | None]:
        h = heading.lower()
        plan: _ConsentPlan | None = spec.get("plan")
        if "justerare" in h:
            return None, f"{adjuster or 'Ordföranden'} väljs att justera protokollet."
        closing = h.startswith("nästa möte") or (
            h == "övrigt" and mtype in ("ARBETSGRUPPSMOTE", "STYRGRUPPSMOTE", "TREFASMOTE"))
        if closing:
            if nxt:
                when = nxt["starts_at"]
                return None, _DECISIONS_NEXT.format(datum=when.date().isoformat(), tid=when.strftime("%H.%M"),
                                                     plats=nxt["place"])
            return "Inga övriga frågor.", None
        if "öppnande" in h:
            if plan is not None and mtype in ("NATVERKSMOTE", "UPPFOLJNINGSMOTE"):
                return (f"Ordföranden hälsar välkommen. Samtycket gås igenom: giltigt t.o.m. "
                        f"{plan.valid_to.isoformat()}. Deltagarna påminns om sekretessen.", None)
            if mtype == "TREFASMOTE":
                return "Ordföranden hälsar välkommen. Juristen går igenom vilka uppgifter som får delas.", None
            return "Ordföranden hälsar välkommen.", None
        if mtype == "NATVERKSMOTE":
            if "föregående" in h:
                return "Första nätverksmötet – inga tidigare åtaganden.", None
            if "aktuell situation" in h:
                return (f"{ctx['namn']} berättar om skolan och fritiden. Vårdnadshavare uppger att det är lugnare "
                        f"hemma. Skolan uppger att närvaron är {ctx['pct']} %. Fritid: {ctx['namn']} har besökt "
                        f"{ctx['fritid']}.", None)
            if "risk" in h:
                return ("Kartläggningen visar förhöjd risk inom skola och kamrater. Skyddsfaktorer: engagerade "
                        f"vårdnadshavare och intresse för {ctx['sport']}.", None)
            if "mål" in h:
                return ("Åtagandeplan upprättas gemensamt.",
                        "Åtagandeplan version 1 fastställs enligt bilaga. Vårdnadshavare informeras om besluten.")
            if "övrigt" in h:
                return ("Behov av orosanmälan har diskuterats.",
                        self.pick(("Ingen ny orosanmälan behövs i nuläget.", "Orosanmälan är redan gjord.",
                                   "Socialtjänsten gör en orosanmälan.")))
        if mtype == "UPPFOLJNINGSMOTE":
            if "uppföljning" in h:
                return ("Närvaroplanen har följts; läxläsningen har inte kommit igång.", None)
            if "aktuell" in h:
                return (f"Positiv utveckling sedan förra mötet. Närvaron är nu {ctx['pct'] + 10} %.", None)
            if "mål" in h:
                return ("Målen revideras.", "Reviderad åtagandeplan fastställs. Vårdnadshavare informeras.")
            if "övrigt" in h:
                return ("Inga övriga frågor.", None)
        if mtype == "TREFASMOTE":
            if "lägesbild" in h:
                return (f"Polisen redogör för lägesbilden i {ctx['plats']}: spänningar mellan två grupperingar.", None)
            if "risknivå" in h:
                return ("Polisens bedömning per mötesdagen gås igenom för individärendet.", None)
            if "åtgärder" in h:
                return ("Socialtjänsten fortsätter samtalen; frivården skärper kontrollerna; polisen ökar närvaron.",
                        "Åtgärderna i handlingsplanen fastställs.")
        if mtype == "ARBETSGRUPPSMOTE":
            if "lägesbild" in h:
                return (f"Oro kring samlingsplats vid {ctx['plats']} fredagskvällar; fältarna förstärker närvaron.",
                        "Fältgruppen och polisen samordnar kvällsnärvaro kommande helg.")
            if "nya aktualiseringar" in h:
                return ("Tre nya aktualiseringar, två från skolan och en från polisen; samtliga i "
                        "förhandsbedömning. Genomgång utan personuppgifter.", None)
            if "status" in h:
                return ("Samordnaren redogör övergripande för aktiva ärenden och väntande samtycken.", None)
            if "insatser" in h:
                return ("Universell insats: föräldramöte om droger i årskurs 8. Selektiv insats: "
                        "samtalsgrupp på fritidsgården.", "Föräldramötet genomförs under nästa månad.")
        if mtype == "STYRGRUPPSMOTE":
            if "statistik" in h:
                return ("Tertialrapporten presenteras: antal aktualiseringar, samtycken och avslutade ärenden.", None)
            if "resurser" in h:
                return ("Samordnartiden bedöms vara tillräcklig.", "Nuvarande bemanning behålls.")
            if "metod" in h:
                return ("Erfarenheter av ESTER-screening diskuteras.", "En gemensam utbildningsdag planeras.")
        return None, None

    def sspf_plans(self, case_id: int, meetings: list[dict[str, Any]], scope: list[str], y: _Youth,
                   ctx: dict[str, Any], end: date) -> None:
        held = [m for m in meetings if m["starts_at"].date() <= self.today]
        if not held:
            return
        first = held[0]
        follow = held[1] if len(held) > 1 and self.chance(0.6) else None
        areas = self.rng.sample(list(_GOALS), self.rng.randint(2, 3))
        start = first["starts_at"].date()
        plan1 = self.rows.add(Plan, case_id=case_id, version=1, valid_from=start, created_in_meeting_id=first["id"],
                              created_by=self.acct["samordnare"].user_id, created_at=_dt(start, 16))
        goals = {}
        for area in areas:
            text, indicator, baseline, target = _GOALS[area]
            goals[area] = self.rows.add(Goal, plan_id=plan1, text=text, area=area, indicator=indicator,
                                        baseline=baseline.format(**ctx), target=target,
                                        target_date=start + timedelta(days=self.rng.randint(90, 200)),
                                        status="PAGAR")
        allowed = {"SOC"} | set(scope)
        carried: list[dict[str, Any]] = []
        cut = follow["starts_at"].date() if follow else None
        for area in areas:
            types = [t for t in _ACTIONS_FOR_AREA[area] if (vocab.ACTION_TYPE_AGENCY[t] or "SOC") in allowed]
            if not types:
                types = ["SAMTALSKONTAKT"]
            for t in self.rng.sample(types, min(len(types), self.rng.randint(1, 2))):
                due = start + timedelta(days=self.rng.randint(14, 90))
                row = self.action(plan1, goals[area], area, t, due, first["id"], cut,
                                  follow["id"] if follow else None, end)
                if row is not None:
                    carried.append(row)
        if follow is None:
            return
        fday = follow["starts_at"].date()
        plan2 = self.rows.add(Plan, case_id=case_id, version=2, valid_from=fday, created_in_meeting_id=follow["id"],
                              created_by=self.acct["samordnare"].user_id, created_at=_dt(fday, 16))
        goals2 = {}
        for area in areas:
            text, indicator, baseline, target = _GOALS[area]
            goals2[area] = self.rows.add(Goal, plan_id=plan2, text=text, area=area, indicator=indicator,
                                         baseline=baseline.format(**ctx), target=target,
                                         target_date=fday + timedelta(days=self.rng.randint(60, 150)),
                                         status="PAGAR")
        for row in carried:  # open actions carry over to the new version (PlanService.new_version does the same)
            self.action(plan2, goals2[row["area"]], row["area"], row["action_type"], row["due_date"],
                        row["created_in"], None, None, end, copy_of=row)
        area = self.pick(areas)
        types = [t for t in _ACTIONS_FOR_AREA[area] if (vocab.ACTION_TYPE_AGENCY[t] or "SOC") in allowed] or [
            "SAMTALSKONTAKT"]
        self.action(plan2, goals2[area], area, self.pick(types), fday + timedelta(days=self.rng.randint(14, 60)),
                    follow["id"], None, None, end)

    def action_status(self, due: date, end: date) -> tuple[str, str | None, str | None]:
        if due < end:
            status = self.wpick({"GENOMFORD": 50, "EJ_GENOMFORD": 14, "PAGAR": 20, "PLANERAD": 10, "STRUKEN": 6})
        else:
            status = self.wpick({"PLANERAD": 50, "PAGAR": 50})
        reason = outcome = None
        if status == "EJ_GENOMFORD":
            reason = self.pick(("Ungdomen uteblev från bokade tider.", "Familjen tackade nej.",
                                "Platsen blev inte tillgänglig."))
        if status == "GENOMFORD":
            outcome = self.pick(("Genomfört enligt plan.", "Genomfört; närvaron har ökat.",
                                 "Genomfört; ungdomen deltar regelbundet."))
        return status, reason, outcome

    def responsible(self, agency: str, org: str) -> tuple[str, int | None]:
        key = {"SKOLA": "skola", "POLIS": "polis", "FRITID": "fritid", "KRIMINALVARD": "kriminalvard"}.get(
            agency, self.pick(("samordnare", "socialsekreterare")))
        acct = self.acct.get(key)
        if acct is not None and self.chance(0.6):
            return f"{acct.name}, {org}", acct.user_id
        return f"{self.staff_name()}, {org}", None

    def action(self, plan_id: int, goal_id: int, area: str, action_type: str, due: date, created_in: int | None,
               cut: date | None, closed_in: int | None, end: date,
               copy_of: dict[str, Any] | None = None) -> dict[str, Any] | None:
        """Add one SSPF action; returns its spec when it is still open at ``cut`` (to carry over)."""
        agency = vocab.ACTION_TYPE_AGENCY[action_type] or "SOC"
        org = {"SKOLA": "skolan", "POLIS": "polisen", "FRITID": "fritid"}.get(agency, "socialtjänsten")
        if copy_of is not None:
            person, user_id = copy_of["person"], copy_of["user_id"]
        else:
            person, user_id = self.responsible(agency, org)
        if cut is not None and due < cut:
            status, reason, outcome = self.action_status(due, cut)
            closed_meeting = closed_in if status in ("GENOMFORD", "EJ_GENOMFORD", "STRUKEN") else None
        else:
            status, reason, outcome = self.action_status(due, min(end, self.today))
            closed_meeting = None
        self.rows.add(Action, plan_id=plan_id, goal_id=goal_id, description=_ACTION_TEXT[action_type],
                      action_type=action_type, measure_type=None, support_area=None, responsible_agency=agency,
                      responsible_person=person, responsible_user_id=user_id, due_date=due, status=status,
                      status_reason=reason, follow_up_date=due + timedelta(days=14), outcome=outcome,
                      created_in_meeting_id=created_in, closed_in_meeting_id=closed_meeting)
        if cut is not None and status in ("PLANERAD", "PAGAR"):
            return dict(area=area, action_type=action_type, due_date=max(due, cut + timedelta(days=14)),
                        created_in=created_in, person=person, user_id=user_id)
        return None

    def assessment(self, case_id: int, y: _Youth, day: date, ctx: dict[str, Any], author: _Acct, end: date,
                   better: bool = False) -> None:
        day = min(day, end, self.today)
        aid = self.rows.add(
            Assessment, case_id=case_id, assessed_on=day, author_user_id=author.user_id, owning_agency="SOC",
            visibility="SHARED", youth_view=self.pick(_YOUTH_VIEWS).format(**ctx),
            guardian_view=self.pick(_GUARDIAN_VIEWS) if y.guardians else None,
            note="Uppföljande kartläggning inför uppföljningsmöte." if better else "Kartläggande samtal med "
            "ungdom och vårdnadshavare inför nätverksmötet.", created_at=_dt(day, 15))
        for domain in vocab.ASSESSMENT_DOMAINS.codes:
            risk = self.rng.choices((0, 1, 2, 3), weights=(3, 4, 3, 2) if not better else (5, 4, 2, 1))[0]
            protection = self.rng.choices((0, 1, 2, 3), weights=(2, 4, 4, 2))[0]
            if domain == "STYRKOR_INTRESSEN":
                risk = 0
            self.rows.add(AssessmentItem, assessment_id=aid, domain=domain, risk=risk, protection=protection,
                          note=_DOMAIN_NOTES[domain].format(**ctx), source_agency=_DOMAIN_SOURCE.get(domain, "SOC"))

    def instrument(self, case_id: int, instrument: str, day: date) -> None:
        risk = self.wpick({"Låg": 3, "Måttlig": 4, "Hög": 2})
        if instrument == "SAVRY":
            assessor = f"Leg. psykolog {self.staff_name()}, BUP"
            summary = f"SAVRY: samlad risk {risk.lower()}; skyddsfaktorer: stöd från familjen. Rapport i akten."
        else:
            ss = self.acct.get("socialsekreterare")
            assessor = f"{ss.name if ss else self.staff_name()}, socialsekreterare"
            summary = (f"{vocab.INSTRUMENTS.label(instrument)}: förhöjd risk inom skola och kamrater, skyddsfaktorer "
                       f"inom familjen. Samlad risk: {risk.lower()}. PDF i akten.")
        self.rows.add(InstrumentReference, case_id=case_id, instrument=instrument, assessed_on=day, assessor=assessor,
                      overall_risk=risk, summary=summary, owning_agency="SOC")

    def journal(self, case_id: int, kind: str, agency: str, day: date, y: _Youth, area: str,
                categories: list[str], coord: _Acct) -> None:
        key = {"SKOLA": "skola", "POLIS": "polis", "FRITID": "fritid", "KRIMINALVARD": "kriminalvard"}.get(agency)
        if key is None:
            key = (coord.key if kind != "SSPF" or self.chance(0.5) else "socialsekreterare")
        author = self.acct.get(key) or coord
        text = self.pick(_JOURNAL[(kind, agency)]).format(**self.ctx(y, area))
        if kind == "SSPF":
            visibility = "SHARED" if self.chance(0.6) else "INTERNAL"
            default = vocab.AGENCY_DEFAULT_CATEGORY[agency]
            category = default if default in categories or not categories else self.pick(categories)
            if visibility == "SHARED" and category not in categories:
                visibility = "INTERNAL"
        else:
            visibility = "SHARED" if self.chance(0.6) else "INTERNAL"
            category = vocab.AGENCY_DEFAULT_CATEGORY[agency]
        entry_type = self.wpick({"SAMTAL": 4, "TELEFON": 3, "MOTE": 2, "ANTECKNING": 3, "INKOMMEN_HANDLING": 1})
        written = _dt(self.clamp(day + timedelta(days=self.rng.randint(0, 2))), self.rng.randint(8, 17),
                      self.rng.randint(0, 59))
        jid = self.rows.add(
            JournalEntry, case_id=case_id, event_date=day, written_at=written, author_user_id=author.user_id,
            author_name=author.name, author_title=author.title, entry_type=entry_type, text=text,
            source=None if agency != "SOC" else self.pick((None, "Vårdnadshavare uppger", "Egen iakttagelse")),
            owning_agency=agency, visibility=visibility, information_category=category, corrects_id=None)
        if self.chance(0.04):
            self.rows.add(
                JournalEntry, case_id=case_id, event_date=day, written_at=written + timedelta(days=1),
                author_user_id=author.user_id, author_name=author.name, author_title=author.title,
                entry_type=entry_type,
                text=_CORRECTION_TEXT.format(datum=day.isoformat(), plats=self.ctx(y, area)["plats"]),
                source=None, owning_agency=agency, visibility=visibility, information_category=category,
                corrects_id=jid)

    def disclosure(self, case_id: int, y: _Youth, recipient: str, basis: str, day: date, what: str,
                   decided_by: _Acct, kommun: str) -> None:
        name = {"POLIS": _KOMMUN[kommun]["polis"], "SOC": _KOMMUN[kommun]["soc"],
                "KRIMINALVARD": _KRIMINALVARD_ORG}.get(recipient, "Mottagande kommun")
        self.rows.add(Disclosure, case_id=case_id, person_id=y.id, what=what, recipient_agency=recipient,
                      recipient_name=name, legal_basis=basis,
                      legal_basis_text="SoL 2025:400 – överlämnande till annan kommun" if basis == "OTHER" else None,
                      harm_assessment=self.pick(_HARM), channel=self.pick(_CHANNELS),
                      decided_by_user_id=decided_by.user_id, disclosed_at=_dt(self.clamp(day), 14, 10))

    # -- TREFAS ----------------------------------------------------------------------
    def trefas(self) -> None:
        scenario = (_TREFAS_COVERAGE[self.trefas_no] if self.trefas_no < len(_TREFAS_COVERAGE)
                    else self.wpick(_TREFAS_SCENARIOS))
        self.trefas_no += 1
        unit = self.units[TREFAS_UNIT]
        coord = self.acct["trefas"]
        lo, hi = _TREFAS_WINDOW[scenario]
        referral = self.today - timedelta(days=self.rng.randint(lo, hi))
        paths = {"IDENTIFIERAD": ["IDENTIFIERAD"], "BEDOMD": ["IDENTIFIERAD", "BEDOMD"],
                 "AKTIV": ["IDENTIFIERAD", "BEDOMD", "AKTIV"],
                 "AKTIV_ATER": ["IDENTIFIERAD", "BEDOMD", "AKTIV", "FRIHETSBEROVAD", "AKTIV"],
                 "FRIHETSBEROVAD": ["IDENTIFIERAD", "BEDOMD", "AKTIV", "FRIHETSBEROVAD"],
                 "OVERFORD": ["IDENTIFIERAD", "BEDOMD", "AKTIV"] + (["FRIHETSBEROVAD"] if self.chance(0.3) else [])
                 + ["OVERFORD_AVHOPPARARENDE"]}
        closure = None
        if scenario == "AVSLUTAD":
            closure = self.wpick({"RISK_UPPHORD": 40, "FLYTT": 20, "AVHOPP_FULLFOLJT": 10, "AVLIDEN": 3,
                                  "OVRIGT": 27})
            depth = self.wpick({1: 1, 2: 2, 3: 5, 4: 2}) if closure != "AVHOPP_FULLFOLJT" else 3
            path = ["IDENTIFIERAD", "BEDOMD", "AKTIV", "FRIHETSBEROVAD"][:depth] + ["AVSLUTAD"]
        else:
            path = paths[scenario]
        gap = {"BEDOMD": 14, "AKTIV": 21, "FRIHETSBEROVAD": 90, "OVERFORD_AVHOPPARARENDE": 60, "AVSLUTAD": 150}
        gaps = [gap[s] if not (s == "AKTIV" and i > 2) else 120 for i, s in enumerate(path[1:], start=1)]
        days = [referral] + self.walk_dates(referral, gaps, self.today)
        steps = [(s, d, closure if s == "AVSLUTAD" else None) for s, d in zip(path, days)]
        walk = _Walk(steps)
        closed = walk.status == "AVSLUTAD"
        end = walk.last_date if closed else self.today

        protected = "SEKRETESSMARKERING" if self.chance(0.06) else "NONE"
        area = self.pick(_TREFAS_AREAS)
        y, _, _, _ = self.youth(kind="TREFAS", ref=referral, ages=_TREFAS_AGES, male_share=0.92, area="Tureberg",
                                kommun="Sollentuna", protected=protected, plan=None,
                                family=self.wpick({"JOINT": 40, "SOLE": 45, "SPLIT": 15}), created=referral)
        ctx = self.ctx(y, "Tureberg")
        ctx["plats"] = area
        minor = age_on(y.birth, referral) < vocab.ADULT_AGE
        referrer = self.wpick({"POLIS": 65, "KRIMINALVARD": 15, "SOC": 20})
        concerns = sorted({"MISSTANKE_BROTT", *self.rng.sample(("REKRYTERING_KRIMINELLT_NATVERK", "KAMRATER_BROTT",
                                                                "RISKMILJOER", "ALKOHOL_DROGER_EGET",
                                                                "AGGRESSIVT_BETEENDE"), self.rng.randint(1, 3))},
                          key=vocab.REFERRAL_CONCERNS.codes.index)
        b_day = walk.date_of("BEDOMD")
        risk_entries = self.risk_levels(b_day, end, closure) if b_day else []
        level = risk_entries[-1][1] if risk_entries else None
        urgency = {"ROD": "AKUT", "GUL": "SKYNDSAM"}.get(level or "", "NORMAL")
        meetings: list[dict[str, Any]] = []
        # Individuals are mostly handled in the recurring TREFAS meeting; a case gets a meeting
        # of its own when its action plan is set up, and sometimes when it is first assessed.
        a_day = walk.date_of("AKTIV")
        plan_meeting = bool(a_day) and self.chance(0.6)
        if plan_meeting:
            meetings.append(dict(meeting_type="TREFASMOTE", day=a_day))
        elif b_day and not a_day and self.chance(0.25):
            meetings.append(dict(meeting_type="TREFASMOTE", day=b_day))
        if not closed and walk.status in ("AKTIV", "FRIHETSBEROVAD", "BEDOMD"):
            if self.chance(0.15):
                meetings.append(dict(meeting_type="TREFASMOTE",
                                     day=self.today + timedelta(days=self.rng.randint(1, 7))))
            elif self.chance(0.1):
                meetings.append(dict(meeting_type="TREFASMOTE",
                                     day=self.today + timedelta(days=self.rng.randint(8, 21))))
        place = self.pick(("Polishuset Sollentuna, sammanträdesrum",
                           f"Socialtjänsten Sollentuna, rum {self.pick(_ROOMS)}"))
        for spec in meetings:
            spec.update(self.meeting_time(spec.pop("day")))
            spec.update(place=place, unit_id=unit.id, kind="TREFAS", youth=y, ctx=ctx, kommun="Sollentuna",
                        area="Tureberg")
        upcoming = [m["starts_at"].date() for m in meetings if m["starts_at"].date() > self.today]
        case_id = self.add_case(
            kind="TREFAS", y=y, unit=unit, area=area, walk=walk, coordinator=coord, referring_agency=referrer,
            referring_person={"POLIS": "Polisens lägesbild (kartläggning av nätverk)",
                              "KRIMINALVARD": "Frivården", "SOC": "Socialtjänsten, ungdomsenheten"}[referrer],
            concerns=concerns, description=self.pick(_TREFAS_DESCRIPTIONS).format(**ctx), urgency=urgency,
            orosanmalan=self.wpick({"GJORD": 6, "EJ_AKTUELL": 4}) if minor else "EJ_AKTUELL",
            environment="GANG", follow_up=upcoming[0] if upcoming and not closed else None, closure=closure)
        if walk.status == "OVERFORD_AVHOPPARARENDE":
            self.pending_links.append((case_id, y, walk.last_date))
        self.assign(case_id, self.acct.get("polis"), "KONTAKT", referral)
        if walk.date_of("FRIHETSBEROVAD") or self.chance(0.6):
            self.assign(case_id, self.acct.get("kriminalvard"), "KONTAKT", walk.date_of("FRIHETSBEROVAD") or referral)
        for day, lvl in risk_entries:
            self.rows.add(RiskLevelEntry, case_id=case_id, level=lvl, assessed_on=day, assessing_agency="POLIS",
                          note=f"Polisens bedömning per {day.isoformat()}: {vocab.RISK_LEVELS.label(lvl).lower()}.",
                          recorded_by=coord.user_id, recorded_at=_dt(day, 15, 30))
        if b_day and age_on(y.birth, b_day) <= 18 and self.chance(0.4):
            self.instrument(case_id, "SAVRY", self.clamp(b_day + timedelta(days=self.rng.randint(5, 40))))
        self.write_meetings(case_id, meetings)
        if a_day:
            self.measure_plan(case_id, a_day, meetings[0]["id"] if plan_meeting else None, end, coord)
        for _ in range(self.rng.choices((0, 1, 2, 3, 4), weights=(1, 3, 4, 3, 1))[0]):
            agency = self.wpick({"SOC": 5, "POLIS": 4, "KRIMINALVARD": 2})
            self.journal(case_id, "TREFAS", agency, self.between(referral, end), y, "Tureberg", [], coord)
        if self.chance(0.35):
            day = self.between(referral, end)
            basis = "OSL_10_18a" if age_on(y.birth, day) < 21 else "UPPGIFTSSKYLDIGHET_LAG_2025"
            self.disclosure(case_id, y, "POLIS", basis, day,
                            "Uppgifter om pågående insatser och kontakter som kan förebygga brott", coord, "Sollentuna")
        if walk.date_of("FRIHETSBEROVAD") and self.chance(0.3):
            self.disclosure(case_id, y, "KRIMINALVARD", "OSL_10_2_NODVANDIGT_UTLAMNANDE",
                            walk.date_of("FRIHETSBEROVAD"), "Uppgifter för frigivningsplaneringen", coord,
                            "Sollentuna")

    def risk_levels(self, start: date, end: date, closure: str | None) -> list[tuple[date, str]]:
        """The police's colour over time (append-only history): a short random walk."""
        level = self.wpick({"ROD": 30, "GUL": 45, "GRON": 25})
        out: list[tuple[date, str]] = []
        day = start
        while day <= end and len(out) < 6:
            out.append((day, level))
            day = day + timedelta(days=self.rng.randint(30, 90))
            level = self.wpick({"ROD": 2, "GUL": 3, "GRON": 2} if level == "GUL" else {level: 5, "GUL": 3})
        if closure == "RISK_UPPHORD" and out:
            out[-1] = (out[-1][0], "GRON")
        return out

    def measure_plan(self, case_id: int, start: date, meeting_id: int | None, end: date, coord: _Acct) -> None:
        plan = self.rows.add(Plan, case_id=case_id, version=1, valid_from=start, created_in_meeting_id=meeting_id,
                             created_by=coord.user_id, created_at=_dt(start, 16))
        goal = self.rows.add(Goal, plan_id=plan, text="Minskad risk för grovt våld", area="KRIMINALITET",
                             indicator="Polisens risknivå", baseline="Röd eller gul", target="Grön",
                             target_date=start + timedelta(days=180), status="PAGAR")
        goal2 = self.rows.add(Goal, plan_id=plan, text="Stabil boende- och sysselsättningssituation", area="INDIVID",
                              indicator="Eget boende och sysselsättning", baseline="Saknas", target="Ordnat",
                              target_date=start + timedelta(days=270), status="PAGAR")
        for agency, measure, atype, text in self.rng.sample(_TREFAS_ACTIONS, self.rng.randint(3, 5)):
            due = start + timedelta(days=self.rng.randint(14, 120))
            status, reason, outcome = self.action_status(due, min(end, self.today))
            org = {"SOC": "socialtjänsten", "POLIS": "polisen", "KRIMINALVARD": "frivården"}[agency]
            person, user_id = self.responsible(agency, org) if agency != "SOC" else (
                f"{coord.name}, {org}", coord.user_id if self.chance(0.6) else None)
            self.rows.add(Action, plan_id=plan, goal_id=goal if measure != "STOD" else goal2, description=text,
                          action_type=atype, measure_type=measure, support_area=None, responsible_agency=agency,
                          responsible_person=person, responsible_user_id=user_id, due_date=due, status=status,
                          status_reason=reason, follow_up_date=due + timedelta(days=21), outcome=outcome,
                          created_in_meeting_id=meeting_id, closed_in_meeting_id=None)

    # -- avhoppare -------------------------------------------------------------------
    def avhoppare(self) -> None:
        scenario = (_AVH_COVERAGE[self.avh_no] if self.avh_no < len(_AVH_COVERAGE) else self.wpick(_AVH_SCENARIOS))
        protected = "SKYDDAD_FOLKBOKFORING" if self.avh_no == 0 else self.wpick(
            {"NONE": 60, "SKYDDAD_FOLKBOKFORING": 25, "SEKRETESSMARKERING": 15})
        self.avh_no += 1
        unit = self.units[AVHOPPARE_UNIT]
        coord = self.acct["avhopparsamordnare"]
        link = self.pending_links.pop(0) if self.pending_links and self.chance(0.6) else None
        if link is not None and age_on(link[1].birth, link[2]) > max(_AVH_AGES):
            link = None
        lo, hi = _AVH_WINDOW[scenario]
        referral = self.today - timedelta(days=self.rng.randint(lo, hi))
        if link is not None:
            referral = self.clamp(link[2] + timedelta(days=self.rng.randint(0, 14)))
        closure = None
        order = ["FORFRAGAN", "FORHANDSBEDOMNING"] + (["AKUT_SKYDD"] if self.chance(0.55) else []) + [
            "UTREDNING", "BESLUT", "GENOMFORANDE", "UPPFOLJNING"]
        if scenario == "AVSLUTAD":
            closure = self.wpick({"FULLFOLJT": 45, "AVBRUTET_AV_INDIVID": 20, "AVBRUTET_VILLKORSBROTT": 15,
                                  "FLYTT_OVERLAMNAD_ANNAN_KOMMUN": 12, "EJ_AVHOPPARE_ENL_DEF": 8})
            stop = {"FULLFOLJT": "UPPFOLJNING", "EJ_AVHOPPARE_ENL_DEF": "FORHANDSBEDOMNING",
                    "AVBRUTET_VILLKORSBROTT": self.pick(("GENOMFORANDE", "UPPFOLJNING")),
                    "FLYTT_OVERLAMNAD_ANNAN_KOMMUN": self.pick(("GENOMFORANDE", "UPPFOLJNING")),
                    "AVBRUTET_AV_INDIVID": self.pick(("UTREDNING", "BESLUT", "GENOMFORANDE"))}[closure]
            path = order[:order.index(stop) + 1] + ["AVSLUTAD"]
        else:
            if scenario == "AKUT_SKYDD" and "AKUT_SKYDD" not in order:
                order.insert(2, "AKUT_SKYDD")
            path = order[:order.index(scenario) + 1]
            if scenario == "UPPFOLJNING" and self.chance(0.3):
                path += ["GENOMFORANDE", "UPPFOLJNING"]
        gap = {"FORHANDSBEDOMNING": 5, "AKUT_SKYDD": 3, "UTREDNING": 12, "BESLUT": 30, "GENOMFORANDE": 10,
               "UPPFOLJNING": 150, "AVSLUTAD": 120}
        gaps = [gap[s] if not (s in ("GENOMFORANDE", "UPPFOLJNING") and s in path[:i]) else 45
                for i, s in enumerate(path[1:], start=1)]
        days = [referral] + self.walk_dates(referral, gaps, self.today)
        walk = _Walk([(s, d, closure if s == "AVSLUTAD" else None) for s, d in zip(path, days)])
        closed = walk.status == "AVSLUTAD"
        end = walk.last_date if closed else self.today

        u_day = walk.date_of("UTREDNING")
        plan = None
        if u_day:
            sd = max(walk.date_of("FORHANDSBEDOMNING") or referral, u_day - timedelta(days=self.rng.randint(0, 5)))
            revoked = None
            accept: tuple[str, ...] = ("VALID",)
            if closed:
                accept = ("VALID", "EXPIRED")
                if closure == "AVBRUTET_AV_INDIVID" and self.chance(0.6):
                    revoked, accept = walk.last_date, ("REVOKED",)
            # Renewed like SSPF consents; only the current one is kept here.
            sd, _older = self.renew(sd, end, ahead=0 if closed else 20)
            plan = _ConsentPlan("ALL", sd, sd + timedelta(days=365), revoked_at=revoked, accept=accept)
        env = self.wpick({"GANG": 80, "VALDSBEJAKANDE_EXTREMISM": 10, "HEDER": 10})
        if link is not None:
            y = link[1]
            sigs, joint, exception = [], False, None
            if plan is not None:
                joint = len(y.guardians) == 2 and all(g[2] for g in y.guardians)
                exception = None if joint or not y.guardians else "Ensam vårdnad enligt dom"
                sigs = self.signatures(y.birth, _ConsentPlan("ALL", plan.sd, plan.valid_to), joint, exception) or []
        else:
            y, sigs, joint, exception = self.youth(
                kind="AVHOPPARE", ref=referral, ages=_AVH_AGES, male_share=0.85, area="Tureberg",
                kommun="Sollentuna", protected=protected, plan=plan,
                family=self.wpick({"JOINT": 40, "SOLE": 45, "SPLIT": 15}), created=referral)
        ctx = self.ctx(y, "Tureberg")
        ctx["miljo"] = _ENVIRONMENT_TEXT[env]
        threats = []
        fh_day = walk.date_of("AKUT_SKYDD") or walk.date_of("FORHANDSBEDOMNING")
        if fh_day:
            threats.append(fh_day)
            if walk.date_of("GENOMFORANDE"):
                threats.append(walk.date_of("GENOMFORANDE"))
            if not closed and walk.status in ("GENOMFORANDE", "UPPFOLJNING") and self.chance(0.5):
                threats.append(self.between(walk.last_date, self.today))
        review = None
        levels = []
        for day in threats:
            levels.append(self.wpick({"HOG": 5, "MEDEL": 4, "LAG": 2} if walk.date_of("AKUT_SKYDD") else
                                     {"HOG": 2, "MEDEL": 4, "LAG": 3}))
            review = day + timedelta(days=self.rng.randint(45, 120))
        referrer = self.wpick({"POLIS": 35, "OTHER": 25, "KRIMINALVARD": 20, "SOC": 20})
        case_id = self.add_case(
            kind="AVHOPPARE", y=y, unit=unit, area=self.pick(("Sollentuna", "Sigtuna")), walk=walk, coordinator=coord,
            referring_agency=referrer,
            referring_person={"POLIS": "Polisens avhopparsamordnare", "OTHER": "Självhänvändelse",
                              "KRIMINALVARD": "Frivården", "SOC": "Socialtjänsten, vuxenenheten"}[referrer],
            concerns=["REKRYTERING_KRIMINELLT_NATVERK"] if env == "GANG" else ["OVRIGT"],
            description=self.pick(_AVHOPPARE_DESCRIPTIONS).format(**ctx),
            urgency="AKUT" if walk.date_of("AKUT_SKYDD") else self.wpick({"NORMAL": 1, "SKYNDSAM": 2}),
            orosanmalan="GJORD" if age_on(y.birth, referral) < 18 else "EJ_AKTUELL", environment=env,
            follow_up=review if not closed else None, closure=closure,
            linked_case_id=link[0] if link is not None else None)
        if link is not None:
            # updated_at given explicitly: the column's onupdate would put the wall clock in the data.
            self.rows.case_links.append({"id": link[0], "linked_case_id": case_id,
                                         "updated_at": _dt(referral, 9, 20)})
        if plan is not None:
            scope = [{"agency": "SOC", "detail": "Socialtjänsten Sollentuna, avhopparverksamheten"},
                     {"agency": "POLIS", "detail": "Polisens avhopparsamordnare, region Stockholm"}]
            info = ["SOCIALTJANST_INSATSER", "POLISIARA_UPPGIFTER", "FAMILJESITUATION"]
            if self.chance(0.3):
                scope.append({"agency": "KRIMINALVARD", "detail": _KRIMINALVARD_ORG})
            if self.chance(0.3):
                info.append("HALSA")
            self.add_consent(case_id, y, plan, sigs, joint, exception, kind="AVHOPPARE", scope=scope, info=info,
                             coordinator=coord, created=u_day or referral)
        for day, lvl in zip(threats, levels):
            agency = self.wpick({"POLIS": 6, "SOC": 4})
            self.rows.add(ThreatAssessment, case_id=case_id, assessed_by_agency=agency, assessed_on=day, level=lvl,
                          summary=self.pick(_THREAT_SUMMARIES).format(**ctx),
                          review_date=day + timedelta(days=self.rng.randint(45, 120)), recorded_by=coord.user_id,
                          recorded_at=_dt(day, 13))
        b_day = walk.date_of("BESLUT")
        if b_day:
            cond = self.rows.add(Conditions, case_id=case_id, signed_at=b_day,
                                 conditions=list(self.rng.sample(_CONDITIONS, self.rng.randint(3, 5))),
                                 drug_test_schedule=self.pick(("Urinprov varannan vecka (betalas av socialtjänsten)",
                                                               "Blodprov en gång i månaden",
                                                               "Slumpmässiga urinprov två gånger i månaden")),
                                 created_at=_dt(b_day, 11))
            breaches = self.rng.choices((0, 1, 2), weights=(6, 3, 1))[0]
            if closure == "AVBRUTET_VILLKORSBROTT":
                breaches = max(breaches, 2)
            for _ in range(breaches):
                kind_, consequence = self.pick(_BREACHES)
                self.rows.add(ConditionBreach, conditions_id=cond, occurred_on=self.between(b_day, end),
                              breach_type=kind_, consequence=consequence)
            self.support_plan(case_id, b_day, walk, end, coord)
        for _ in range(self.rng.choices((1, 2, 3, 4, 5), weights=(2, 4, 4, 2, 1))[0]):
            self.journal(case_id, "AVHOPPARE", "SOC", self.between(referral, end), y, "Tureberg", [], coord)
        if plan is not None and self.chance(0.3):
            self.disclosure(case_id, y, "POLIS", "SAMTYCKE", self.between(plan.sd, end),
                            "Uppgifter om skyddsbehov och insatser till polisens avhopparsamordnare", coord,
                            "Sollentuna")
        if closure == "FLYTT_OVERLAMNAD_ANNAN_KOMMUN":
            self.disclosure(case_id, y, "OTHER", "OTHER", walk.last_date,
                            "Överlämnande av ärendet till mottagande kommun", coord, "Sollentuna")

    def support_plan(self, case_id: int, start: date, walk: _Walk, end: date, coord: _Acct) -> None:
        versions = [start]
        upp = walk.date_of("UPPFOLJNING")
        if upp and self.chance(0.5):
            versions.append(upp)
        for version, day in enumerate(versions, start=1):
            plan = self.rows.add(Plan, case_id=case_id, version=version, valid_from=day, created_in_meeting_id=None,
                                 created_by=coord.user_id, created_at=_dt(day, 15))
            goal = self.rows.add(Goal, plan_id=plan, text="Fullföljt avhopp och ett liv utan kriminalitet",
                                 area="KRIMINALITET", indicator="Inga nya brott, villkoren följs",
                                 baseline="Nyligen lämnat miljön", target="Fullföljt", target_date=day + timedelta(
                                     days=365), status="PAGAR")
            areas = self.rng.sample(list(_AVH_ACTIONS), self.rng.randint(3, 6))
            if version == 1 and "SKYDD" not in areas and walk.date_of("AKUT_SKYDD"):
                areas[0] = "SKYDD"
            for area in areas:
                agency, atype, text = _AVH_ACTIONS[area]
                due = day + timedelta(days=self.rng.randint(14, 150))
                status, reason, outcome = self.action_status(due, min(end, self.today))
                if agency == "POLIS":
                    person, user_id = "Polisens avhopparsamordnare", None
                else:
                    person, user_id = f"{coord.name}, socialtjänsten", coord.user_id if self.chance(0.7) else None
                self.rows.add(Action, plan_id=plan, goal_id=goal, description=text, action_type=atype,
                              measure_type=None, support_area=area, responsible_agency=agency,
                              responsible_person=person, responsible_user_id=user_id, due_date=due, status=status,
                              status_reason=reason, follow_up_date=due + timedelta(days=30), outcome=outcome,
                              created_in_meeting_id=None, closed_in_meeting_id=None)

    # -- group-level meetings --------------------------------------------------------
    def group_meetings(self, total_cases: int) -> None:
        count = max(3, min(60, total_cases // 100))
        for i in range(count):
            unit = self.units[SSPF_UNITS[i % len(SSPF_UNITS)]]
            rnd = i // len(SSPF_UNITS)
            if rnd == 0 and i % 2 == 0:
                day = self.today + timedelta(days=self.rng.randint(1, 7))
            else:
                day = self.today - timedelta(days=14 * rnd + self.rng.randint(1, 10))
            spec = dict(meeting_type="ARBETSGRUPPSMOTE", **self.meeting_time(day), unit_id=unit.id, kind="SSPF",
                        group=True, kommun=unit.kommun, area=unit.area,
                        place=f"{_KOMMUN[unit.kommun]['house']}, rum {self.pick(_ROOMS)}")
            spec["ctx"] = self.ctx(None, unit.area)
            self.meeting(None, spec, None)
        for kommun, unit_name in (("Sollentuna", "SSPF Tureberg"), ("Sigtuna", "SSPF Märsta")):
            unit = self.units[unit_name]
            day = self.today - timedelta(days=self.rng.randint(20, 60))
            spec = dict(meeting_type="STYRGRUPPSMOTE", **self.meeting_time(day), unit_id=unit.id, kind="SSPF",
                        group=True, kommun=kommun, area=unit.area, place=f"{_KOMMUN[kommun]['house']}, sessionssalen")
            spec["ctx"] = self.ctx(None, unit.area)
            self.meeting(None, spec, None)


class DemoService(Service):
    """Generates demo data; SYSTEMADMIN only (``CREATE`` on ``BULK``)."""

    def generate(self, *, cases: int = 200, seed: int = 1, password: str | None = None,
                 create_accounts: bool = True,
                 progress: Callable[[int, int], None] | None = None) -> DemoSummary:
        if isinstance(cases, bool) or not isinstance(cases, int) or not 0 <= cases <= MAX_CASES:
            raise ValidationError("The number of demo cases is out of range", code="demo.cases", maximum=MAX_CASES)
        started = time.perf_counter()
        today = self.today
        secret = password or os.environ.get("TRYGG_NEW_PASSWORD") or DEMO_PASSWORD
        if create_accounts:
            _check_password(secret)  # fail before anything is written

        # 1. Access, units and the demo marker: one transaction, one audit event.
        with self.tx() as tx:
            tx.require(Act.CREATE, Rec.BULK)
            units_created = self._ensure_units(tx)
            marker = tx.session.get(Meta, META_DEMO_DATA)
            value = json.dumps({"seed": seed, "today": today.isoformat(), "cases": cases}, separators=(",", ":"))
            if marker is None:
                tx.session.add(Meta(key=META_DEMO_DATA, value=value))
            else:
                marker.value = value
            existing = set(tx.session.scalars(select(User.username)))
            tx.audit("DEMO_GENERATE", entity="demo", flags=["BULK"],
                     detail={"phase": "setup", "units_created": units_created, "cases_requested": cases})

        # 2. Accounts, through the user service (it writes the key-file slot and its own audit event).
        created: list[str] = []
        if create_accounts:
            users = UserService(self.db, self.actor, today=today)
            params = None
            for username, (agency, roles, unit_names, display, title) in DEMO_ACCOUNTS.items():
                if username in existing:
                    continue
                params = params or calibrate()  # measure once, not once per account
                users.add_user(username, secret, agency=agency, roles=list(roles), units=list(unit_names),
                               display_name=display, title=title, kdf_params=params)
                created.append(username)

        # 3. The cases, in batches.
        totals = dict(persons=0, cases=0, consents=0, meetings=0, journal_entries=0)
        kinds = self._kinds(cases, seed)
        gen: _Generator | None = None
        for batch_no, start in enumerate(range(0, cases, BATCH_CASES)):
            chunk = kinds[start:start + BATCH_CASES]
            with self.tx() as tx:
                tx.require(Act.CREATE, Rec.BULK)
                if gen is None:
                    gen = _Generator(seed, today, self._accounts(tx), self._units(tx))
                counts = self._batch(tx, gen, chunk, group_meetings=batch_no == 0, total=cases)
                tx.audit("DEMO_GENERATE", entity="demo", flags=["BULK"], detail={"batch": batch_no + 1, **counts})
            for key in totals:
                totals[key] += counts[key]
            if progress is not None:
                progress(start + len(chunk), cases)
        return DemoSummary(accounts=tuple(created), seconds=time.perf_counter() - started, **totals)

    # -- steps -----------------------------------------------------------------------
    def _ensure_units(self, tx: Tx) -> int:
        existing = set(tx.session.scalars(select(Unit.name).where(Unit.name.in_(list(DEMO_UNITS)))))
        missing = [name for name in DEMO_UNITS if name not in existing]
        for name in missing:
            kind, area, _kommun = DEMO_UNITS[name]
            tx.session.add(Unit(name=name, agency_code="SOC", case_kind=kind, area=area))
        tx.session.flush()
        return len(missing)

    @staticmethod
    def _kinds(cases: int, seed: int) -> list[str]:
        """About 70 % SSPF, 20 % TREFAS, 10 % avhoppare, shuffled by the seed; every kind from 3 cases."""
        trefas = round(cases * 0.2)
        avh = round(cases * 0.1)
        if cases >= 3:
            trefas, avh = max(1, trefas), max(1, avh)
        kinds = ["SSPF"] * (cases - trefas - avh) + ["TREFAS"] * trefas + ["AVHOPPARE"] * avh
        random.Random(seed * 7919 + 17).shuffle(kinds)
        return kinds

    def _accounts(self, tx: Tx) -> dict[str, _Acct]:
        """The demo accounts as they are in this database; a missing one falls back to any active
        user with the same first role, then to a name without a login."""
        users = list(tx.session.scalars(select(User).where(User.active.is_(True)).order_by(User.id)))
        by_name = {u.username: u for u in users}
        out: dict[str, _Acct] = {}
        for key, (agency, roles, _units, display, title) in DEMO_ACCOUNTS.items():
            user = by_name.get(key) or next((u for u in users if roles[0] in {r.role for r in u.roles}
                                             and u.agency_code == agency), None)
            if user is not None:
                out[key] = _Acct(key, user.id, user.display_name, user.title or title, user.agency_code)
            else:
                out[key] = _Acct(key, None, display, title, agency)
        return out

    def _units(self, tx: Tx) -> dict[str, _UnitInfo]:
        out = {}
        for unit in tx.session.scalars(select(Unit).where(Unit.name.in_(list(DEMO_UNITS)))):
            kind, area, kommun = DEMO_UNITS[unit.name]
            real_area = unit.area if unit.area in _AREAS else area
            out[unit.name] = _UnitInfo(unit.id, unit.name, kind, real_area, kommun)
        return out

    def _batch(self, tx: Tx, gen: _Generator, kinds: list[str], *, group_meetings: bool,
               total: int) -> dict[str, int]:
        session = tx.session
        # A bigger page cache for this connection only (NullPool: it closes with the transaction);
        # with the default 2000 pages every index insert into a large table decrypts pages again.
        session.connection().exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")
        # Numbers registered since the last batch (by anyone) are taken too.
        for pid, pnr in session.execute(select(Person.id, Person.pnr).where(Person.id > gen.seen_person_id)):
            if pnr:
                gen.used_pnrs.add(pnr)
            gen.seen_person_id = max(gen.seen_person_id, pid)
        gen.rows = rows = _Rows(session)
        gen.cases_in_batch = []
        if group_meetings:
            gen.group_meetings(total)
        for kind in kinds:
            {"SSPF": gen.sspf, "TREFAS": gen.trefas, "AVHOPPARE": gen.avhoppare}[kind]()
        # References in referral order within the batch, from the shared counter (next_reference).
        for row in sorted(gen.cases_in_batch, key=lambda r: (r["referral_date"], r["id"])):
            row["reference"] = next_reference(tx, row["kind"], row["referral_date"].year)
        session.flush()
        rows.write(session)
        gen.seen_person_id = max(gen.seen_person_id, rows.next_id[Person])
        return dict(persons=rows.count(Person), cases=rows.count(Case), consents=rows.count(Consent),
                    meetings=rows.count(Meeting), journal_entries=rows.count(JournalEntry))
