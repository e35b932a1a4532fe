"""The register extract (GDPR art. 15) PDF, read back with pypdf."""

from __future__ import annotations

import io
import time
from dataclasses import replace

from pypdf import PdfReader

from trygg_desktop.reports.register_extract import render_extract
from trygg_desktop.services.documents import ExtractSection

from .conftest import body_text, make_extract, pdf_pages


def test_sections_withheld_and_swedish_characters() -> None:
    data = render_extract(make_extract())
    pages = pdf_pages(data)
    text = " ".join(pages)
    for expected in (
        "Registerutdrag enligt artikel 15 dataskyddsförordningen",
        "Den registrerade: Elin Öberg", "Personnummer: 20110423-9812",
        "Personuppgiftsansvarig: Sollentuna kommun – Socialnämnden",
        "Avsnitt 1: Journalanteckningar å ä ö", "Avsnitt 4: Journalanteckningar å ä ö",
        "Uppgifterna i avsnitt 1 kommer från socialtjänstens akt.",
        "Datum Typ Anteckning Registrerad av",
        "Rad 3 i avsnitt 2: Ärendet följs upp med skolan och vårdnadshavare.",
        "Personuppgifter", "Namn Elin Öberg", "Adress Ängsvägen 3",
        "Uppgifter som inte lämnas ut (sekretess)",
        "Polisens underrättelseuppgifter (35 kap. 1 § OSL).",
        "Uppgifter om annan enskild i anteckning 2026-03-14 (26 kap. 1 § OSL).",
    ):
        assert expected in text, expected
    assert text.index("Avsnitt 4") < text.index("Uppgifter som inte lämnas ut (sekretess)")
    for ch in "åäöÅÄÖ":
        assert ch in text
    for number, page in enumerate(pages, start=1):
        assert "SEKRETESS – registerutdrag till den registrerade" in page
        assert f"Sida {number} av {len(pages)}" in page
    meta = PdfReader(io.BytesIO(data)).metadata
    assert meta.title == "Registerutdrag (art. 15 GDPR)"
    values = " ".join(str(v) for v in meta.values())
    assert "Öberg" not in values and "20110423" not in values


def test_nothing_withheld_is_said_plainly() -> None:
    text = " ".join(pdf_pages(render_extract(make_extract(withheld=()))))
    assert "Uppgifter som inte lämnas ut (sekretess) Inga uppgifter har undantagits." in text


def test_ragged_wide_and_oversized_sections_still_render() -> None:
    huge = "Lång anteckning om skolgång och fritid. " * 400          # ~16 000 characters in one cell
    sections = (
        ExtractSection("Ojämna rader", headers=("A", "B"), rows=(("1",), ("1", "2", "3"), ())),
        ExtractSection("Många kolumner", headers=tuple(f"K{i}" for i in range(12)),
                       rows=(tuple(f"v{i}" for i in range(12)),)),
        ExtractSection("Stor cell", headers=("Datum", "Anteckning"), rows=(("2026-01-01", huge),
                                                                            ("2026-01-02", "kort"))),
        ExtractSection("Tomt avsnitt", rows=()),
    )
    pages = pdf_pages(render_extract(replace(make_extract(), sections=sections)))
    text = body_text(pages, "Utskrivet 2026-11-22 kl. 09.05 av Åsa Öberg för den registrerade")
    assert "Ojämna rader A B 1 1 2 3" in text
    assert "K11: v11" in text                      # more than 8 columns: printed as labelled lines
    assert "Anteckning: Lång anteckning om skolgång" in text
    assert text.count("Lång anteckning om skolgång och fritid.") == 400
    assert "Tomt avsnitt Inga uppgifter." in text


def test_hundred_page_extract_is_fast_and_numbered(capsys) -> None:
    doc = make_extract(sections=60, rows=44)
    render_extract(make_extract())  # warm: fonts and modules loaded
    start = time.perf_counter()
    data = render_extract(doc)
    elapsed = time.perf_counter() - start
    reader = PdfReader(io.BytesIO(data))
    total = len(reader.pages)
    with capsys.disabled():
        print(f"\n[reports] register extract 60 sections x 44 rows: {elapsed:.2f} s, {total} pages, "
              f"{len(data) // 1024} KiB")
    assert total >= 100
    assert elapsed < 20
    # check a spread of pages (reading all 100+ back is slower than writing them)
    for index in (0, 1, total // 2, total - 2, total - 1):
        page = " ".join((reader.pages[index].extract_text() or "").split())
        assert f"Sida {index + 1} av {total}" in page
        assert "SEKRETESS" in page
        if 0 < index < total - 1:  # a continuation page of some section's table shows the header
            assert "Datum Typ Anteckning Registrerad av" in page
    last = " ".join((reader.pages[-1].extract_text() or "").split())
    assert "Uppgifter som inte lämnas ut (sekretess)" in last


def test_a_header_too_tall_for_any_page_falls_back_to_blocks() -> None:
    """reportlab cannot split a table row: when a row still outgrows the page, the document
    is built again with every table printed as labelled lines, and nothing is lost."""
    header = "rubrik " * 2000
    doc = replace(make_extract(), sections=(
        ExtractSection("Jättelik rubrik", headers=(header, "B", "C"), rows=(("a", "b", "c"),)),))
    text = " ".join(pdf_pages(render_extract(doc)))
    assert "B: b" in text and "C: c" in text
    assert text.count("rubrik") >= 2000
