"""The protocol and plan printout PDFs, read back with pypdf (DOMAIN.md §2.2–2.3, DESIGN.md §5)."""

from __future__ import annotations

import io
import shutil
import statistics
import subprocess
import time

import pytest
from pypdf import PdfReader

from trygg_desktop.reports.fonts import register_fonts
from trygg_desktop.reports.plan_printout import render_plan
from trygg_desktop.reports.protocol import render_protocol
from trygg_desktop.services.documents import PlanLine

from .conftest import (HASH, MARKING, agenda, approved_protocol, make_plan, make_protocol, pdf_pages,
                       plan_lines)

SWEDISH = "åäöÅÄÖ"


def _text(data: bytes) -> str:
    return " ".join(pdf_pages(data))


def test_every_section_is_present_with_swedish_characters(protocol) -> None:
    data = render_protocol(protocol)
    assert data.startswith(b"%PDF-")
    text = _text(data)
    expected = [
        "Sollentuna kommun – Socialnämnden",
        "SSPF – MINNESANTECKNINGAR / PROTOKOLL",
        "Dnr/Ärende-ID: SSPF-2026-0142",
        "Mötestyp: Nätverksmöte (individ)",
        "Datum: 2026-10-14",
        "Tid: 14.00–15.15",
        "Plats: Turebergsskolan, konferensrum Ängen",
        "SSPF-grupp/område: SSPF Tureberg / Tureberg",
        "Ärendet avser: Elin Öberg, 20110423-9812, skola/klass: Turebergsskolan 8B",
        "SAMTYCKE: Giltigt.",
        "NÄRVARANDE",
        "Namn Funktion Organisation/verksamhet Roll i mötet",
        "Åsa Öberg SSPF-koordinator Socialförvaltningen Ordförande",
        "Ungdom (deltog del av mötet: §§ 1–4)",
        "FRÅNVARANDE/ANMÄLT FÖRHINDER: Göran Häll (Socialsekreterare, Socialtjänsten, barn och unga)",
        "DAGORDNING",
        "§ 1 Mötets öppnande, presentation, genomgång av samtycke och sekretess",
        "§ 8 Polisens lägesbild (Intern anteckning – Polis)",
        "Anteckning: Skolan uppger att närvaron har förbättrats under vecka 4.",
        "Beslut: Beslut i § 4: åtgärden fortsätter och följs upp vid nästa möte.",
        "ÅTAGANDEPLAN (gäller från 2026-10-14, version 2)",
        "1. Närvaro ≥ 85 % ht-26",
        "2026-10-31",
        "2026-11-25",
        "Genomförd",
        "NÄSTA MÖTE",
        "2026-12-02 kl. 14.00, Turebergsskolan. Kallas av: SSPF-koordinator.",
        "JUSTERING",
        "Ordförande", "Sekreterare", "Justerare", "Datum:",
        "DISTRIBUTION: Socialtjänst (Barn och unga); Skola (Turebergsskolan); Polis (LPO Sollentuna)",
        "Informerade vårdnadshavare om beslut: 2026-10-15, per telefon (Örjan Lindström)",
        "UTKAST – ej justerat",
    ]
    missing = [e for e in expected if e not in text]
    assert not missing, missing
    for n in range(1, 11):
        assert f"§ {n} " in text
    for ch in SWEDISH:
        assert ch in text
    # plan table header (the cell "Klart senast" may wrap inside its column)
    for word in ("Mål", "Åtgärd", "Ansvarig", "Klart", "senast", "Uppföljning", "Status"):
        assert word in text


def test_group_meeting_has_no_person_line_and_no_empty_place() -> None:
    data = render_protocol(make_protocol(reference=None, person_line="", place="", plan=(), plan_version="",
                                         meeting_type="Arbetsgruppsmöte", consent_line=""))
    text = _text(data)
    assert "Dnr/Ärende-ID: Gruppnivå" in text
    assert "Ärendet avser" not in text
    assert "Plats:" not in text
    assert "SAMTYCKE" not in text
    assert "ÅTAGANDEPLAN" not in text
    meta = PdfReader(io.BytesIO(data)).metadata
    assert meta.title == "Protokoll gruppnivå 2026-10-14"


def test_marking_page_numbers_and_printing_details_on_every_page() -> None:
    doc = make_protocol(agenda=agenda(10, note_words=700), plan=plan_lines(40))
    pages = pdf_pages(render_protocol(doc))
    total = len(pages)
    assert total >= 5
    printed = "Utskrivet 2026-11-22 kl. 09.05 av Åsa Öberg för Fullständig version (intern)"
    for number, page in enumerate(pages, start=1):
        assert MARKING in page, number
        assert f"Sida {number} av {total}" in page
        assert printed in page
        assert "UTKAST – ej justerat" in page        # the watermark
        assert "Sollentuna kommun – Socialnämnden" in page
    # the long plan table repeats its header on the page it continues on
    plan_pages = [p for p in pages if "Närvaroplan och daglig kontakt" in p]
    assert len(plan_pages) >= 2
    assert all("Åtgärd Ansvarig" in p for p in plan_pages)


def test_recipient_version_lists_what_it_leaves_out() -> None:
    omitted = ("§ 8 är polisens interna anteckning och ingår inte i utskriften.",
               "Skolans kartläggning omfattas inte av samtycket för mottagaren.")
    text = _text(render_protocol(make_protocol(recipient="Socialtjänst", omitted=omitted)))
    assert "Mottagarversion – detta ingår inte i utskriften" in text
    for sentence in omitted:
        assert sentence in text
    assert "för Socialtjänst" in text
    assert "Mottagarversion" not in _text(render_protocol(make_protocol()))


def test_approved_protocol_ends_with_its_hash_and_corrections_follow_the_original() -> None:
    doc = approved_protocol(agenda=agenda(10, note_words=400))
    pages = pdf_pages(render_protocol(doc))
    assert len(pages) >= 3
    assert f"Justerat 2026-10-20 – innehållets kontrollsumma (SHA-256): {HASH}" in pages[-1]
    assert all(HASH not in p for p in pages[:-1])
    text = " ".join(pages)
    assert "UTKAST" not in text
    original_end = text.index("Informerade vårdnadshavare om beslut")
    correction = text.index("RÄTTELSE/TILLÄGG")
    assert original_end < correction < text.index("Rättelse till § 4: närvaron avsåg vecka 41")
    assert "2026-10-25 kl. 08.15 – Björn Ärlig" in text
    # the original § 4 text is still there, unchanged, before the correction
    assert text.index("förbättrats under vecka 4.") < correction


def test_metadata_carries_no_personal_data(protocol) -> None:
    data = render_protocol(protocol)
    meta = PdfReader(io.BytesIO(data)).metadata
    assert meta.title == "Protokoll SSPF-2026-0142"
    assert meta.author == "Sollentuna kommun – Socialnämnden"
    values = " ".join(str(v) for v in meta.values())
    for private in ("Öberg", "Ärlig", "Ström", "20110423", "Turebergsskolan"):
        assert private not in values


def test_fonts_register_once() -> None:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    before = len(pdfmetrics.getRegisteredFontNames())
    register_fonts()
    assert len(pdfmetrics.getRegisteredFontNames()) == before


def test_ten_item_protocol_renders_fast(protocol, capsys) -> None:
    render_protocol(protocol)  # fonts loaded, modules imported
    times = []
    for _ in range(5):
        start = time.perf_counter()
        data = render_protocol(protocol)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    with capsys.disabled():
        print(f"\n[reports] 10-item protocol: {median * 1000:.0f} ms median of 5, "
              f"{len(PdfReader(io.BytesIO(data)).pages)} pages, {len(data) // 1024} KiB")
    assert median < 2.0


def test_plan_printout_in_plain_language() -> None:
    data = render_plan(make_plan())
    pages = pdf_pages(data)
    text = " ".join(pages)
    for expected in ("Det här har vi kommit överens om", "Plan för Elin Öberg", "Planen gäller från 2026-10-14",
                     "Gå till skolan varje dag – minst 85 % närvaro i höst.", "Vad Vem När",
                     "Prova på fotbollsträning i Sollentuna FK.", "Före 15 november",
                     "Åsa Öberg, SSPF-koordinator, 08-579 210 00", "Sida 1 av 1", "SEKRETESS"):
        assert expected in text, expected
    assert "Intern" not in text
    meta = PdfReader(io.BytesIO(data)).metadata
    assert meta.title == "Åtagandeplan SSPF-2026-0142"
    assert "Öberg" not in " ".join(str(v) for v in meta.values())


def test_long_plan_printout_keeps_marking_on_every_page() -> None:
    rows = tuple((f"Uppgift {i}: träffa mentorn och gå igenom veckan.", "Elin och Björn", "Varje måndag")
                 for i in range(120))
    pages = pdf_pages(render_plan(make_plan(rows=rows)))
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert "SEKRETESS" in page
        assert f"Sida {number} av {len(pages)}" in page
        assert "Utskrivet 2026-11-22 kl. 09.05 av Åsa Öberg" in page


def test_plan_line_dates_may_be_missing() -> None:
    doc = make_protocol(plan=(PlanLine("Mål utan datum", "Åtgärd", "Ansvarig", None, None, "Planerad"),))
    assert "Mål utan datum" in _text(render_protocol(doc))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) not installed")
def test_render_protocol_pages_to_png_for_review(artifacts) -> None:
    """Writes tests/artifacts/report_protocol-N.png (git-ignored) for a human to look at."""
    cases = {
        "report_protocol_draft": render_protocol(make_protocol()),
        "report_protocol_approved": render_protocol(approved_protocol(
            recipient="Socialtjänst", omitted=("§ 8 är polisens interna anteckning och ingår inte.",))),
        "report_plan": render_plan(make_plan()),
    }
    for name, data in cases.items():
        for old in artifacts.glob(f"{name}-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-", str(artifacts / name)], input=data, check=True,
                       timeout=60)
        assert list(artifacts.glob(f"{name}-*.png"))
