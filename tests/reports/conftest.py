"""Sample document DTOs built by hand (no database): the reports only lay out what they get."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from trygg_desktop.services.documents import (AgendaSection, AttendeeLine, CorrectionLine, ExtractSection,
                                              PlanLine, PlanPrintout, ProtocolDocument, RegisterExtract)

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"

MARKING = ("SEKRETESS enligt 26 kap. 1 § OSL (socialtjänst), 23 kap. 2 § OSL (skola), 35 kap. 1 § OSL "
           "(polis) – får ej lämnas ut utan sekretessprövning")
HASH = "9f2c4e1ab37d5c0e8b6a4f2d1c3e5a7b9d0f1e2c3b4a5968778695a4b3c2d1e0"

AGENDA_HEADINGS = [
    "Mötets öppnande, presentation, genomgång av samtycke och sekretess",
    "Val av justerare",
    "Föregående möte – uppföljning av åtaganden",
    "Aktuell situation (ungdomens och vårdnadshavarnas bild; skola; socialtjänst; polis; fritid)",
    "Risk- och skyddsfaktorer / kartläggning",
    "Mål och åtaganden – beslut",
    "Övrigt",
    "Polisens lägesbild",
    "Nästa möte",
    "Mötets avslutande",
]


def attendees() -> tuple[AttendeeLine, ...]:
    return (
        AttendeeLine("Åsa Öberg", "SSPF-koordinator", "Socialförvaltningen", "Ordförande", True),
        AttendeeLine("Björn Ärlig", "Mentor", "Turebergsskolan", "Sekreterare", True),
        AttendeeLine("Kalle Ström", "Kommunpolis", "Polisen LPO Sollentuna", "Justerare", True),
        AttendeeLine("Märta Åkesson", "Fältassistent", "Fritid/fält", "", True),
        AttendeeLine("Örjan Lindström", "Vårdnadshavare", "", "", True),
        AttendeeLine("Elin Öberg", "Ungdom", "", "", True, part_note="deltog del av mötet: §§ 1–4"),
        AttendeeLine("Göran Häll", "Socialsekreterare", "Socialtjänsten, barn och unga", "", False),
    )


def agenda(n: int = 10, note_words: int = 60) -> tuple[AgendaSection, ...]:
    items = []
    for i in range(1, n + 1):
        heading = AGENDA_HEADINGS[(i - 1) % len(AGENDA_HEADINGS)]
        note = (f"Skolan uppger att närvaron har förbättrats under vecka {i}. " +
                " ".join(f"anteckning{i}ord{j}" if j % 9 == 0 else "ungdomen återkommer till fritidsgården"
                         for j in range(note_words // 4)))
        decision = f"Beslut i § {i}: åtgärden fortsätter och följs upp vid nästa möte." if i % 2 == 0 else ""
        items.append(AgendaSection(i, heading, note, decision, internal_of="Polis" if i == 8 else ""))
    return tuple(items)


def plan_lines(n: int = 3) -> tuple[PlanLine, ...]:
    """Plan lines as the protocol facts make them: each goal carries its number in the plan."""
    base = [
        ("1. Närvaro ≥ 85 % ht-26", "Närvaroplan och daglig kontakt med mentor", "Björn Ärlig, Turebergsskolan",
         "Planerad"),
        ("2. Meningsfull fritid", "Introduktion i fotbollsklubben Sollentuna FK", "Märta Åkesson, Fritid",
         "Pågår"),
        ("3. Föräldrastöd", "Erbjuda föräldraskapsstöd (ABC)", "Göran Häll, Socialtjänsten", "Genomförd"),
    ]
    return tuple(PlanLine(*base[i % 3][:3], due=date(2026, 10, 31), follow_up=date(2026, 11, 25),
                          status=base[i % 3][3]) for i in range(n))


def make_protocol(**changes) -> ProtocolDocument:
    doc = ProtocolDocument(
        organisation="Sollentuna kommun – Socialnämnden",
        title="SSPF – MINNESANTECKNINGAR / PROTOKOLL",
        secrecy_marking=MARKING,
        reference="SSPF-2026-0142",
        meeting_type="Nätverksmöte (individ)",
        unit_area="SSPF Tureberg / Tureberg",
        starts_at=datetime(2026, 10, 14, 14, 0),
        ends_at=datetime(2026, 10, 14, 15, 15),
        place="Turebergsskolan, konferensrum Ängen",
        person_line="Elin Öberg, 20110423-9812, skola/klass: Turebergsskolan 8B",
        consent_line=("Giltigt. Undertecknat av: Vårdnadshavare 1 (2026-09-02), Ungdom (2026-09-02). "
                      "Omfattar: Skola (Turebergsskolan), Socialtjänst (Barn och unga), Polis (LPO Sollentuna), "
                      "Fritid (Fritidsgården Örnen). Giltigt t.o.m.: 2027-09-01."),
        attendees=attendees(),
        agenda=agenda(),
        plan=plan_lines(),
        plan_version="gäller från 2026-10-14, version 2",
        next_meeting="2026-12-02 kl. 14.00, Turebergsskolan. Kallas av: SSPF-koordinator.",
        chair="Åsa Öberg",
        secretary="Björn Ärlig",
        adjuster="Kalle Ström",
        distribution=("Socialtjänst (Barn och unga)", "Skola (Turebergsskolan)", "Polis (LPO Sollentuna)"),
        guardians_informed="2026-10-15, per telefon (Örjan Lindström)",
        status="Utkast",
        approved=False,
        content_hash=None,
        approved_at=None,
        corrections=(),
        printed_at=datetime(2026, 11, 22, 9, 5),
        printed_by="Åsa Öberg",
        recipient="Fullständig version (intern)",
    )
    return replace(doc, **changes)


def approved_protocol(**changes) -> ProtocolDocument:
    base = dict(
        status="Justerat", approved=True, content_hash=HASH, approved_at=datetime(2026, 10, 20, 10, 30),
        corrections=(CorrectionLine(datetime(2026, 10, 25, 8, 15), "Björn Ärlig",
                                    "Rättelse till § 4: närvaron avsåg vecka 41, inte vecka 40. Ändrat på begäran av skolan."),),
    )
    base.update(changes)
    return make_protocol(**base)


def make_plan(**changes) -> PlanPrintout:
    doc = PlanPrintout(
        organisation="Sollentuna kommun",
        person_name="Elin Öberg",
        reference="SSPF-2026-0142",
        valid_from=date(2026, 10, 14),
        goals=("Gå till skolan varje dag – minst 85 % närvaro i höst.",
               "Hitta en fritidsaktivitet som känns rolig.",
               "Familjen får stöd när det blir bråkigt hemma."),
        rows=(("Elin träffar sin mentor varje måndag.", "Elin och Björn (mentor)", "Varje måndag"),
              ("Prova på fotbollsträning i Sollentuna FK.", "Elin och Märta (fältassistent)", "Före 15 november"),
              ("Föräldrakurs ABC för mamma och pappa.", "Örjan och Göran (socialtjänsten)", "Start 1 november")),
        contact="Åsa Öberg, SSPF-koordinator, 08-579 210 00",
        printed_at=datetime(2026, 11, 22, 9, 5),
        printed_by="Åsa Öberg",
    )
    return replace(doc, **changes)


def make_extract(sections: int = 4, rows: int = 5, **changes) -> RegisterExtract:
    secs = []
    for i in range(sections):
        secs.append(ExtractSection(
            title=f"Avsnitt {i + 1}: Journalanteckningar å ä ö",
            headers=("Datum", "Typ", "Anteckning", "Registrerad av"),
            rows=tuple((f"2026-0{1 + r % 9}-1{r % 10}", "Journal", f"Rad {r} i avsnitt {i + 1}: Ärendet följs upp "
                        "med skolan och vårdnadshavare. Öppen fråga om fritid.", "Åsa Öberg")
                       for r in range(rows)),
            text=f"Uppgifterna i avsnitt {i + 1} kommer från socialtjänstens akt." if i % 2 == 0 else "",
        ))
    secs.append(ExtractSection(title="Personuppgifter", rows=(("Namn", "Elin Öberg"), ("Adress", "Ängsvägen 3"))))
    doc = RegisterExtract(
        organisation="Sollentuna kommun – Socialnämnden",
        person_name="Elin Öberg",
        personnummer="20110423-9812",
        sections=tuple(secs),
        withheld=("Polisens underrättelseuppgifter (35 kap. 1 § OSL).",
                  "Uppgifter om annan enskild i anteckning 2026-03-14 (26 kap. 1 § OSL)."),
        printed_at=datetime(2026, 11, 22, 9, 5),
        printed_by="Åsa Öberg",
    )
    return replace(doc, **changes)


def pdf_pages(data: bytes) -> list[str]:
    """The text of every page, with whitespace (incl. NBSP) normalised to single spaces."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return [re.sub(r"\s+", " ", (page.extract_text() or "").replace("\u00a0", " ")) for page in reader.pages]


def body_text(pages: list[str], footer: str) -> str:
    """The pages' content joined without the running header and footer.

    In the text layer each page starts with what the page template draws (watermark,
    header, "Utskrivet …") and ends with "Sida X av Y"; text split over a page break
    becomes contiguous again.
    """
    out = []
    for page in pages:
        start = page.find(footer)
        content = page[start + len(footer):] if start >= 0 else page
        out.append(re.sub(r"\s*Sida \d+ av \d+\s*$", "", content).strip())
    return " ".join(out)


@pytest.fixture
def protocol() -> ProtocolDocument:
    return make_protocol()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
