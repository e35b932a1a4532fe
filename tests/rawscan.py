"""Raw-bytes marker scanner for the "no plaintext on disk" tests (R1, R10, R22).

Every file under a folder is read as bytes (no SQLite, no decoding) and searched
for each marker in several encodings: UTF-8, UTF-16LE, lower-cased UTF-8 (the
FTS5 tokenizer stores folded tokens) and, for NFC text, the NFD form as well.
A marker that looks like a personnummer is also searched without its separator
(the database stores 12 digits) and in its 10-digit short form.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_PNR = re.compile(r"^(\d{2})?(\d{6})[-+](\d{4})$")


def marker_variants(marker: str) -> dict[str, bytes]:
    """Label → encoded needle. Labels say which encoding matched in a report."""
    texts: dict[str, str] = {"": marker}
    match = _PNR.match(marker)
    if match:
        century, date_part, serial = match.groups()
        texts["digits"] = f"{century or ''}{date_part}{serial}"
        texts["short"] = f"{date_part}{serial}"
        texts["short-sep"] = f"{date_part}-{serial}"
    nfd = unicodedata.normalize("NFD", marker)
    if nfd != marker:
        texts["nfd"] = nfd
    variants: dict[str, bytes] = {}
    for label, text in texts.items():
        prefix = f"{label}/" if label else ""
        variants[f"{prefix}utf-8"] = text.encode("utf-8")
        variants[f"{prefix}utf-16le"] = text.encode("utf-16-le")
        variants[f"{prefix}lower-utf-8"] = text.lower().encode("utf-8")
        variants[f"{prefix}casefold-utf-8"] = text.casefold().encode("utf-8")
    # Drop duplicates (e.g. digits have no case) but keep the first label.
    seen: set[bytes] = set()
    unique: dict[str, bytes] = {}
    for label, needle in variants.items():
        if needle not in seen:
            seen.add(needle)
            unique[label] = needle
    return unique


def scan_for_markers(folder: Path, markers: list[str]) -> list[tuple[Path, str, str]]:
    """Return ``(file, marker, encoding label)`` for every marker variant found.

    Reads files that appear while scanning too (``-wal``, ``-shm``); a file that
    disappears between listing and reading is skipped.
    """
    folder = Path(folder)
    needles = [(marker, label, needle) for marker in markers
               for label, needle in marker_variants(marker).items()]
    hits: list[tuple[Path, str, str]] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue
        for marker, label, needle in needles:
            if needle and needle in data:
                hits.append((path, marker, label))
    return hits
