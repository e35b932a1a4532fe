"""The document commands of the CLI: meeting list, protocol PDF per recipient, register extract."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from trygg_desktop.cli import main

from ..conftest import PASSWORD, World, test_pnr
from .test_protocols import POLICE_NOTE, SOC_INTERNAL, build


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, state_dir: Path):
    def run(*args: str, password: str | None = None) -> int:
        if password is None:
            monkeypatch.delenv("TRYGG_PASSWORD", raising=False)
        else:
            monkeypatch.setenv("TRYGG_PASSWORD", password)
        return main(list(args))
    return run


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    return re.sub(r"\s+", " ", text)


def test_meeting_list(world: World, cli, capsys) -> None:
    x = build(world)
    world.db.close()
    db = str(world.path)
    assert cli("meeting", "list", "--db", db, "--as", "samordnare", "--json", password=PASSWORD) == 0
    rows = json.loads(capsys.readouterr().out)
    row = next(r for r in rows if r["id"] == x.meeting_id)
    assert row == {"id": x.meeting_id, "starts_at": "2026-11-20T14:00:00", "meeting_type": "NATVERKSMOTE",
                   "case_reference": x.reference, "protocol_status": "UTKAST", "anonymised": False}
    assert cli("meeting", "list", "--db", db, "--as", "skola", "--case", x.reference, "--json", password=PASSWORD) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [x.meeting_id]
    assert cli("meeting", "list", "--db", db, "--as", "samordnare", password=PASSWORD) == 0
    table = capsys.readouterr().out
    assert x.reference in table and "Nätverksmöte" in table and "Utkast" in table
    # A case the user is not connected to is not found (its existence is not confirmed); 3 = wrong password.
    assert cli("meeting", "list", "--db", db, "--as", "annan", "--case", x.reference, password=PASSWORD) == 4
    assert cli("meeting", "list", "--db", db, "--as", "samordnare", password="fel lösenord") == 3
    assert cli("meeting", "list", "--db", db, "--as", "granskare", password=PASSWORD) == 3


def test_protocol_pdf_for_the_school(world: World, cli, capsys, tmp_path: Path) -> None:
    pytest.importorskip("trygg_desktop.reports.protocol")
    x = build(world)
    world.db.close()
    db, out = str(world.path), tmp_path / "skola.pdf"
    assert cli("protocol", "--db", db, "--as", "samordnare", "--meeting", str(x.meeting_id), "--for-agency",
               "SKOLA", "--out", str(out), password=PASSWORD) == 0
    captured = capsys.readouterr()
    assert "inte krypterad" in captured.err and "Skola" in captured.out
    text = pdf_text(out)
    assert x.reference in text and "Sida 1 av" in text
    assert POLICE_NOTE not in text and "Polisens iakttagelse" not in text
    assert SOC_INTERNAL not in text
    # The police are not covered by the consent: refused without a legal basis (nothing written) ...
    police = tmp_path / "polis.pdf"
    assert cli("protocol", "--db", db, "--as", "samordnare", "--meeting", str(x.meeting_id), "--for-agency",
               "POLIS", "--out", str(police), password=PASSWORD) == 4
    assert not police.exists()
    # ... and allowed with one.
    assert cli("protocol", "--db", db, "--as", "samordnare", "--meeting", str(x.meeting_id), "--for-agency",
               "POLIS", "--legal-basis", "OSL_10_18a", "--out", str(police), password=PASSWORD) == 0
    assert "OSL 10 kap. 18 a §" in pdf_text(police)
    # 3: wrong password, or a user who may not print protocols; 2: an unknown agency.
    assert cli("protocol", "--db", db, "--as", "samordnare", "--meeting", str(x.meeting_id), "--out",
               str(tmp_path / "a.pdf"), password="fel lösenord") == 3
    assert cli("protocol", "--db", db, "--as", "skola", "--meeting", str(x.meeting_id), "--out",
               str(tmp_path / "b.pdf"), password=PASSWORD) == 3
    assert cli("protocol", "--db", db, "--as", "samordnare", "--meeting", str(x.meeting_id), "--for-agency",
               "NASA", "--out", str(tmp_path / "c.pdf"), password=PASSWORD) == 2
    assert not any((tmp_path / n).exists() for n in ("a.pdf", "b.pdf", "c.pdf"))


def test_register_extract_pdf_and_json(world: World, cli, capsys, tmp_path: Path) -> None:
    pytest.importorskip("trygg_desktop.reports.register_extract")
    x = build(world)
    pnr = world.as_("samordnare").persons.get(x.person_id).pnr
    world.db.close()
    db, pdf, js = str(world.path), tmp_path / "utdrag.pdf", tmp_path / "utdrag.json"
    assert cli("extract", "--db", db, "--as", "samordnare", "--person", pnr, "--out", str(pdf), "--json", str(js),
               password=PASSWORD) == 0
    err = capsys.readouterr().err
    assert str(pdf) in err and str(js) in err and "inte krypterad" in err
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["person"]["pnr"] == pnr and data["cases"][0]["reference"] == x.reference
    text = pdf_text(pdf)
    assert "Alva Berg" in text and x.reference in text and "Sida 1 av" in text
    # 4: not a personnummer, or no such person; 3: a role that does not register persons.
    assert cli("extract", "--db", db, "--as", "samordnare", "--person", "20110503-0000", "--out",
               str(tmp_path / "x.pdf"), password=PASSWORD) == 4
    assert cli("extract", "--db", db, "--as", "samordnare", "--person", test_pnr(1999, 9, 9, 999), "--out",
               str(tmp_path / "y.pdf"), password=PASSWORD) == 4
    assert cli("extract", "--db", db, "--as", "skola", "--person", pnr, "--out", str(tmp_path / "z.pdf"),
               password=PASSWORD) == 3
    assert not any((tmp_path / n).exists() for n in ("x.pdf", "y.pdf", "z.pdf"))
