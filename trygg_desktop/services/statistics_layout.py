"""The follow-up report's tables before suppression: one ``Spec`` per table, with its shared totals.

``statistics_build`` fills a :class:`Layout` from one period's raw counts, suppresses its
specs together (``statistics_tables.suppress_linked``) and derives the figures. Each spec
names the entries that stand for a quantity other tables print too (``links``): the new
cases per kind ``N:<kind>``, active ``A:``, closed ``C:``, open at the end ``E:``, from
earlier ``S:``, reached a valid consent ``V:``; a sum over kinds is ``N:SSPF+TREFAS+…``
(or the kind's own key when there is one kind).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ..domain import vocab
from ..domain.suppression import band_counts, choose_banding, suppress
from .statistics_period import (ACTION_CATEGORIES, CONSENT_KINDS, CONSENT_OUTCOMES, FOLLOW_UP_WINDOW_DAYS,
                                MEASURES, MEETING_BUCKETS, THREAT_CHANGES, PeriodData)
from .statistics_tables import Spec

KIND = vocab.CASE_KINDS.label
MEASURE_LABEL = {"CONSENT": "giltigt samtycke", "ASSESSMENT": "kartläggning", "PLAN": "första plan"}
CORE_AGENCIES = ("SOC", "SKOLA", "POLIS", "FRITID", "KRIMINALVARD")
CONSENT_LABELS = {"VALID": "Giltigt samtycke", "DECLINED": "Avböjt", "NONE": "Inget giltigt samtycke",
                  "NOT_APPLICABLE": "Ej tillämpligt"}
ACTION_LABELS = {"ON_TIME": "Genomförda i tid", "LATE": "Genomförda sent", "NOT_DONE": "Ej genomförda",
                 "STRUCK": "Strukna", "OVERDUE": "Försenade", "OPEN": "Ej förfallna"}
THREAT_LABELS = {"FIRST": "Första hotbedömningen", "UP": "Höjd hotnivå", "SAME": "Oförändrad hotnivå",
                 "DOWN": "Sänkt hotnivå"}
MEETING_LABELS = ("Inga möten", "1 möte", "2 möten", "3 möten", f"{MEETING_BUCKETS} eller fler")

#: Age bandings, finest first; the finest without a small cell is printed (``choose_banding``).
OPEN_TOP = 150
AGE_BANDINGS: tuple[tuple[tuple[int, int], ...], ...] = (
    ((0, 11),) + tuple((a, a) for a in range(12, 22)) + ((22, 25), (26, 29), (30, OPEN_TOP)),
    ((0, 12), (13, 15), (16, 17), (18, 21), (22, 25), (26, OPEN_TOP)),
    ((0, 15), (16, 17), (18, 21), (22, OPEN_TOP)),
    ((0, 17), (18, OPEN_TOP)),
    ((0, OPEN_TOP),),
)


def band_text(low: int, high: int) -> str:
    if low == 0 and high == OPEN_TOP:
        return "Alla åldrar"
    if low == 0:
        return f"{high} år eller yngre"
    if high == OPEN_TOP:
        return f"{low} år eller äldre"
    return f"{low} år" if low == high else f"{low}–{high} år"


#: A finer banding is kept while its table, suppressed on its own, hides at most this share of entries.
MAX_HIDDEN_SHARE = 0.15


def _banding(known: dict[int, list[int]], threshold: int) -> int:
    """The age banding to print: the finest without a small cell (``choose_banding``), or a
    finer one still whose suppressed table is not blanked and hides few entries, so that one
    kind's few young defectors do not coarsen every kind's bands to "under/over 18"."""
    coarse = choose_banding(known, AGE_BANDINGS, threshold)
    width = len(next(iter(known.values())))
    for index in range(coarse):
        banded = band_counts(known, AGE_BANDINGS[index])
        rows = [r for r in banded if any(r)]  # empty bands cost nothing
        if not rows:
            continue
        table = suppress(rows, [str(i) for i in range(len(rows))], [str(j) for j in range(width)], threshold)
        entries = (len(rows) + 1) * (width + 1)
        if not table.blanked and len(table.primary | table.secondary) <= MAX_HIDDEN_SHARE * entries:
            return index
    return coarse


def band_code(low: int, high: int) -> str:
    """"-12", "13-15", "14", "26-", "ALL"."""
    if low == 0 and high == OPEN_TOP:
        return "ALL"
    if low == 0:
        return f"-{high}"
    if high == OPEN_TOP:
        return f"{low}-"
    return str(low) if low == high else f"{low}-{high}"


@dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    kind: str | None


@dataclass(frozen=True)
class Meta:
    kind: str | None
    unit_id: int | None
    unit_name: str | None
    threshold: int
    generated_at: datetime
    generated_by: str
    organisation: str
    today: date


def total_key(prefix: str, kinds: tuple[str, ...] | list[str]) -> str:
    """The key of a sum over ``kinds``: the kind's own key when there is only one."""
    return f"{prefix}:{kinds[0]}" if len(kinds) == 1 else f"{prefix}:{'+'.join(kinds)}"


def _codes(vocab_codes, data_codes) -> list[str]:
    """Vocabulary order, then any stored code the vocabulary does not know (imported data)."""
    out = list(vocab_codes)
    out += sorted(c for c in set(data_codes) if c not in out)
    return out


class Layout:
    """The report's tables for one period's data, before suppression."""

    def __init__(self, data: PeriodData, units: list[UnitRow], meta: Meta) -> None:
        self.d = data
        self.kinds = data.kinds
        self.ck = [k for k in self.kinds if k in CONSENT_KINDS]
        self.units = units
        self.meta = meta
        self.specs: list[Spec] = []

    def add(self, spec: Spec) -> Spec:
        self.specs.append(spec)
        return spec

    def _kind_columns(self, key: str, title: str, rows: list[str], labels: list[str], counts: list[list[int]],
                      prefix: str | None, row_header: str, note: str = "", total_label: str = "Summa") -> Spec:
        links: dict[tuple[int, int], str] = {}
        if prefix:
            n = len(rows)
            links = {(n, j): f"{prefix}:{k}" for j, k in enumerate(self.kinds)}
            links[(n, len(self.kinds))] = total_key(prefix, self.kinds)
        return self.add(Spec(key, title, rows, labels, list(self.kinds), [KIND(k) for k in self.kinds], counts,
                             links, row_header, total_label, note))

    def build(self) -> None:
        d, kinds = self.d, self.kinds
        for k in kinds:
            f = d.flow[k]
            self.add(Spec(
                f"flow:{k}", f"Ärenden under perioden – {KIND(k)}", ["EARLIER", "NEW"],
                ["Pågående från tidigare", "Nya under perioden"], ["CLOSED", "OPEN"],
                ["Avslutade under perioden", "Öppna vid periodens slut"],
                [[f["EARLIER", "CLOSED"], f["EARLIER", "OPEN"]], [f["NEW", "CLOSED"], f["NEW", "OPEN"]]],
                {(0, 2): f"S:{k}", (1, 2): f"N:{k}", (2, 0): f"C:{k}", (2, 1): f"E:{k}", (2, 2): f"A:{k}"},
                row_header="Ärenden", note="Summan är alla ärenden som var öppna någon gång under perioden."))

        reasons: list[str] = []
        labels: list[str] = []
        for k in kinds:
            for code in _codes(vocab.CLOSURE_REASONS[k].codes, d.closure[k].keys()):
                if code not in reasons:
                    reasons.append(code)
                    labels.append(vocab.CLOSURE_REASONS[k].label(code) if code in vocab.CLOSURE_REASONS[k]
                                  else next((vocab.CLOSURE_REASONS[o].label(code) for o in kinds
                                             if code in vocab.CLOSURE_REASONS[o]), code))
        self._kind_columns("closure", "Avslutade ärenden efter avslutsorsak", reasons, labels,
                           [[d.closure[k][r] for k in kinds] for r in reasons], "C", "Avslutsorsak")

        if self.units:
            self._kind_columns("units", "Nya ärenden per enhet", [str(u.id) for u in self.units],
                               [u.name for u in self.units],
                               [[d.new_by_unit[u.id, k] for k in kinds] for u in self.units], "N", "Enhet")

        agencies = list(vocab.AGENCIES.codes) + [""]
        self._kind_columns("referral_source", "Nya ärenden efter aktualiserande myndighet",
                           [a or "UNKNOWN" for a in agencies],
                           [vocab.AGENCIES.label(a) if a else "Ej angiven" for a in agencies],
                           [[d.source[k][a] for k in kinds] for a in agencies], "N", "Myndighet")

        concerns = _codes(vocab.REFERRAL_CONCERNS.codes, {c for k in kinds for c in d.concerns[k]})
        self._kind_columns("concerns", "Nya ärenden efter oroskategori", concerns,
                           [vocab.REFERRAL_CONCERNS.label(c) for c in concerns],
                           [[d.concerns[k][c] for k in kinds] for c in concerns], None, "Oroskategori",
                           note="Ett ärende kan ha flera oroskategorier: summorna räknar omnämnanden, inte ärenden.",
                           total_label="Summa omnämnanden")

        self._age()

        genders = _codes(vocab.LEGAL_GENDER.codes, {g for k in kinds for g in d.gender[k]})
        self._kind_columns("gender", "Nya ärenden efter juridiskt kön", genders,
                           [vocab.LEGAL_GENDER.label(g) for g in genders],
                           [[d.gender[k][g] for k in kinds] for g in genders], "N", "Kön")

        if self.ck:
            self._consent()
        self._durations_n()

        self.add(Spec("meetings", "Ärenden efter antal möten under perioden", list(kinds), [KIND(k) for k in kinds],
                      [str(b) for b in range(MEETING_BUCKETS + 1)], list(MEETING_LABELS),
                      [[d.meetings[k][b] for b in range(MEETING_BUCKETS + 1)] for k in kinds],
                      {**{(i, MEETING_BUCKETS + 1): f"A:{k}" for i, k in enumerate(kinds)},
                       (len(kinds), MEETING_BUCKETS + 1): total_key("A", kinds)},
                      row_header="Ärendetyp", note="Möten med ärendet som hölls under perioden, för varje ärende "
                                                   "som var öppet någon gång under perioden."))
        self.add(Spec("meetings_held", "Hållna möten under perioden", list(kinds), [KIND(k) for k in kinds],
                      ["MEETINGS"], ["Möten"], [[d.meetings_total[k]] for k in kinds], {}, row_header="Ärendetyp",
                      note="Möten kopplade till ett ärende; gruppmöten utan ärende räknas inte."))

        agencies = [a for a in vocab.AGENCIES.codes if a in CORE_AGENCIES or sum(d.actions[a].values())
                    or sum(d.follow_ups[a].values())]
        agencies += sorted(a for a in set(d.actions) | set(d.follow_ups) if a not in agencies
                           and (sum(d.actions[a].values()) or sum(d.follow_ups[a].values())))
        names = [vocab.AGENCIES.label(a) for a in agencies]
        self.add(Spec("actions", "Åtgärder med förfallodag under perioden, per ansvarig myndighet", agencies, names,
                      list(ACTION_CATEGORIES), [ACTION_LABELS[c] for c in ACTION_CATEGORIES],
                      [[d.actions[a][c] for c in ACTION_CATEGORIES] for a in agencies], {}, row_header="Myndighet",
                      note="Status på rapportdagen. Försenad = inte avslutad och förfallodagen har passerat. "
                           "Genomförd sent = avslutad på ett möte efter förfallodagen."))
        self.add(Spec("follow_ups", "Uppföljningsdatum under perioden, per ansvarig myndighet", agencies, names,
                      ["MET", "MISSED"], ["Följdes upp", "Följdes inte upp"],
                      [[d.follow_ups[a]["MET"], d.follow_ups[a]["MISSED"]] for a in agencies], {},
                      row_header="Myndighet",
                      note=f"Följdes upp = åtgärden är avslutad, eller ett möte i ärendet hölls inom "
                           f"{FOLLOW_UP_WINDOW_DAYS} dagar från uppföljningsdatumet."))
        if "AVHOPPARE" in kinds:
            self._defectors()

    def _age(self) -> None:
        d, kinds = self.d, self.kinds
        known = {age: [d.ages[age][k] for k in kinds] for age in d.ages if age is not None}
        index = _banding(known, self.meta.threshold) if known else 1
        banding = AGE_BANDINGS[index]
        counts = band_counts(known, banding) if known else [[0] * len(kinds) for _ in banding]
        codes = [band_code(lo, hi) for lo, hi in banding]
        labels = [band_text(lo, hi) for lo, hi in banding]
        unknown = [d.ages[None][k] for k in kinds] if None in d.ages else []
        if any(unknown):
            codes.append("UNKNOWN")
            labels.append("Okänd ålder")
            counts.append(unknown)
        note = "Ålder vid aktualiseringen."
        if index > 0:
            note += " Grövre åldersgrupper än ettårsklasser, så att färre värden behöver döljas."
        self._kind_columns("age", "Nya ärenden efter ålder", codes, labels, counts, "N", "Ålder", note=note)

    def _consent(self) -> None:
        """Consent outcome of the new cases; every kind is a row so that the row totals are the
        new cases per kind (shared with the other tables), TREFAS under "not applicable"."""
        d, kinds = self.d, self.kinds
        n = len(kinds)
        outcomes = list(CONSENT_OUTCOMES) + (["NOT_APPLICABLE"] if "TREFAS" in kinds else [])
        width = len(outcomes)
        counts = [[d.consent[k][o] for o in CONSENT_OUTCOMES] + ([d.new(k) if k not in CONSENT_KINDS else 0]
                                                               if width > len(CONSENT_OUTCOMES) else [])
                  for k in kinds]
        links = {(i, width): f"N:{k}" for i, k in enumerate(kinds)}
        links.update({(i, 0): f"V:{k}" for i, k in enumerate(kinds)})
        links[(n, 0)] = total_key("V", kinds)
        links[(n, width)] = total_key("N", kinds)
        note = ("Giltigt samtycke = något samtycke i ärendet blev giltigt (alla som ska skriva under hade gjort det) "
                "fram till rapportdagen.")
        if width > len(CONSENT_OUTCOMES):
            note += " TREFAS bygger inte på samtycke (DOMAIN 3.3) och redovisas som ej tillämpligt."
        self.add(Spec("consent", "Nya ärenden efter samtycke", list(kinds), [KIND(k) for k in kinds], outcomes,
                      [CONSENT_LABELS[o] for o in outcomes], counts, links, row_header="Ärendetyp", note=note))
        self.add(Spec("revocations", "Återkallade samtycken under perioden", list(self.ck),
                      [KIND(k) for k in self.ck], ["REVOKED"], ["Återkallade"], [[d.revocations[k]] for k in self.ck],
                      {}, row_header="Ärendetyp"))

    def _durations_n(self) -> None:
        """The n behind each duration, protected like a table (it is printed beside the medians)."""
        d, kinds = self.d, self.kinds
        links = {(i, 0): f"V:{k}" for i, k in enumerate(kinds)}
        links[(len(kinds), 0)] = total_key("V", kinds)
        self.add(Spec("durations_n", "", list(kinds), [KIND(k) for k in kinds], list(MEASURES), list(MEASURES),
                      [[len(d.days[m, k]) for m in MEASURES] for k in kinds], links, printed=False))

    def _defectors(self) -> None:
        d = self.d
        statuses = _codes(vocab.AVHOPPARE_STATUSES.codes, d.avh_phase_end.keys())
        closed = statuses.index("AVSLUTAD")
        n = len(statuses)
        self.add(Spec("avh_phase_end", "Avhoppare: fas vid periodens slut", statuses,
                      [vocab.AVHOPPARE_STATUSES.label(s) for s in statuses], ["CASES"], ["Ärenden"],
                      [[d.avh_phase_end[s]] for s in statuses],
                      {(n, 0): "A:AVHOPPARE", (n, 1): "A:AVHOPPARE", (closed, 0): "C:AVHOPPARE",
                       (closed, 1): "C:AVHOPPARE"}, row_header="Fas",
                      note="Avhopparärenden som var öppna någon gång under perioden."))
        initial = "FORFRAGAN"
        steps = [s for s in _codes(vocab.AVHOPPARE_STATUSES.codes, d.avh_reached.keys()) if s != initial]
        closed = steps.index("AVSLUTAD")
        self.add(Spec("avh_phase_reached", "Avhoppare: steg till en ny fas under perioden", steps,
                      [vocab.AVHOPPARE_STATUSES.label(s) for s in steps], ["STEPS"], ["Steg"],
                      [[d.avh_reached[s]] for s in steps],
                      {(closed, 0): "C:AVHOPPARE", (closed, 1): "C:AVHOPPARE"}, row_header="Fas",
                      note="Ett ärende kan ta flera steg under perioden. Nya förfrågningar redovisas som nya ärenden.",
                      total_label="Summa steg"))
        self.add(Spec("avh_threats", "Avhoppare: hotbedömningar under perioden", list(THREAT_CHANGES),
                      [THREAT_LABELS[c] for c in THREAT_CHANGES], ["ASSESSMENTS"], ["Hotbedömningar"],
                      [[d.avh_threats[c]] for c in THREAT_CHANGES], {}, row_header="Jämfört med föregående",
                      note="Varje hotbedömning under perioden jämförs med ärendets föregående bedömning."))
