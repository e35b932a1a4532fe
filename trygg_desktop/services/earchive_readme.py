"""README.txt of the e-archive package: Swedish and English, for the archivist who opens it
years from now without the program's documentation at hand (so it explains itself)."""

from __future__ import annotations

_TEXT = """\
TRYGG DESKTOP – E-ARKIVLEVERANS / E-ARCHIVE HAND-OVER PACKAGE
==============================================================
Format: {format} version {version}. Skapad / created: {created_at}. Program: {producer}.
Antal ärenden / cases: {cases}.

SVENSKA
-------
Vad detta är
  Ett leveranspaket med avslutade ärenden (SSPF, TREFAS, avhoppare) som lämnas
  till kommunens e-arkiv innan uppgifterna gallras i verksamhetssystemet.
  Paketet innehåller sekretessbelagda personuppgifter (OSL 26 kap.) och ska
  hanteras därefter.

Innehåll
  manifest.json                          beskriver paketet: format, version, när och av vilket
                                         program det skapades, och varje fil med SHA-256-
                                         kontrollsumma, storlek och medietyp
  schema/earchive-case.schema.json       JSON Schema (draft 2020-12) för case.json
  schema/exchange.schema.json            JSON Schema för ärendeposten; varje fält är beskrivet
  cases/<ÄRENDE>/case.json               ärendet: person, vårdnadshavare, status och historik,
                                         samtycken, bedömningar, åtagandeplaner, journal med
                                         rättelser, utlämnanden, möten med dagordningspunkter
  cases/<ÄRENDE>/protocols/<datum>-<id>.pdf
                                         justerade protokoll, fullständig version
  README.txt                             den här filen

Hur paketet öppnas
  Filen (.tdar) är krypterad (AES-256-GCM i 64 KiB-block, nyckeln skyddad med
  Argon2id och en lösenfras som lämnas över separat). Dekryptera med:
      trygg-desktop earchive open --in FIL.tdar --out MAPP
  Kommandot skriver filerna okrypterade till MAPP och kontrollerar varje fil mot
  manifest.json. Kontrollera utan att skriva något:
      trygg-desktop earchive verify --in FIL.tdar
  Behållarformatet (CMX1) är beskrivet i programmets SECURITY.md (krav R23): magiska
  byte "CMX1", en versionsbyte, ett JSON-huvud, och AES-256-GCM där nonce är ett
  slumpat prefix, en räknare och en flagga för sista blocket.

Om PDF-filerna
  Protokollen är "PDF/A-lika": typsnitten (DejaVu Sans) är inbäddade, dokumentet har
  titel, författare, ämne och skapandedatum, och inga skript, länkar eller kryptering.
  De är INTE certifierade PDF/A (verktyget reportlab kan inte skapa XMP-metadata och
  OutputIntent enligt PDF/A). Konvertera vid behov i e-arkivets mottagningskontroll,
  t.ex. med veraPDF för validering och Ghostscript eller ett PDF/A-verktyg för konvertering.

Om FGS
  Paketet är INTE ett FGS-paket (Förvaltningsgemensamma specifikationer, Riksarkivet).
  Det går att överföra till ett FGS Paketstruktur (SIP): manifest.json motsvarar
  METS-filen (filförteckning med kontrollsummor och medietyper), case.json med schema
  motsvarar ärendets metadata (FGS Ärendehantering), och PDF-filerna är handlingar.
  För ett äkta FGS-paket krävs: en METS-fil enligt FGS Paketstruktur, metadata enligt
  FGS Ärendehantering (ärende, handling, aktör) i XML, arkivbildare och
  klassificeringsstruktur enligt kommunens informationshanteringsplan, och PDF/A-filer.

ENGLISH
-------
What this is
  A hand-over package of closed cases (SSPF, TREFAS, defectors) for the
  municipality's e-archive, made before the data is disposed of (gallring) in the
  case system. It holds confidential personal data (Swedish Public Access to
  Information and Secrecy Act, chapter 26) and must be handled as such.

Contents
  manifest.json: the package's format, version, creation time, producer, and every
  file with its SHA-256, size and media type. schema/: JSON Schema (draft 2020-12)
  files that describe every field of case.json. cases/<REF>/case.json: the case with
  everything recorded in it. cases/<REF>/protocols/: the approved (justerade)
  meeting protocols, full version, as PDF.

How to open it
  The file (.tdar) is encrypted (AES-256-GCM over 64 KiB chunks; the file key is
  wrapped with Argon2id and a passphrase handed over separately). Decrypt with:
      trygg-desktop earchive open --in FILE.tdar --out FOLDER
  This writes the files UNENCRYPTED into FOLDER and checks every file against
  manifest.json. To check without writing anything:
      trygg-desktop earchive verify --in FILE.tdar
  The container format (CMX1) is described in the program's SECURITY.md (R23).

About the PDFs
  "PDF/A-like": embedded fonts, title/author/subject/creation date set, no
  JavaScript, links or encryption. NOT certified PDF/A (reportlab cannot write the
  XMP metadata and output intent PDF/A requires); convert on ingest if needed.

About FGS
  This is NOT an FGS SIP (the Swedish National Archives' common specifications). It
  maps cleanly: manifest.json ~ the METS file, case.json ~ FGS Case management
  (Ärendehantering) metadata, the PDFs ~ records. A real FGS SIP additionally needs a
  METS file per FGS Package structure, FGS case metadata in XML, the records creator
  and classification from the municipality's information management plan, and PDF/A.
"""


def readme_text(*, format: str, version: int, created_at: str, producer: str, cases: int) -> bytes:
    return _TEXT.format(format=format, version=version, created_at=created_at, producer=producer,
                        cases=cases).encode("utf-8")
