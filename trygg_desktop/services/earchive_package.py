"""The e-archive hand-over package: a self-describing ZIP, sealed in an R23 container.

Closed cases are handed over to the municipality's e-archive before gallring
(DOMAIN.md §6.5). The package is built completely in memory (SECURITY.md R24:
no plaintext temp file), then encrypted with ``vault.container.write_container``
for a passphrase the archivist receives separately. Inside the container::

    manifest.json                          what this is, who made it, every file with SHA-256 and media type
    README.txt                             Swedish and English: what it is and how to open it
    schema/earchive-case.schema.json       JSON Schema 2020-12 of case.json (refers to the one below)
    schema/exchange.schema.json            JSON Schema 2020-12 of the case record (every field described)
    cases/<REF>/case.json                  the case and everything recorded in it
    cases/<REF>/protocols/<date>-<id>.pdf  the justerade protocols, full version

This module knows nothing about the database: the service (``earchive``) hands it
the files; the CLI's ``open`` and ``verify`` use the reading half without a database.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Any, Iterator

from ..domain.errors import IntegrityFailure, ValidationError
from ..paths import resource
from ..vault.container import PassphraseRecipient, PassphraseSecret, read_container, write_container
from ..vault.private_file import write_private

FORMAT = "trygg-earchive"
VERSION = 1
CASE_FORMAT = "trygg-earchive-case"
CASE_SCHEMA_NAME = "earchive-case.schema.json"
EXCHANGE_SCHEMA_NAME = "exchange.schema.json"
CASE_SCHEMA_PATH = f"schema/{CASE_SCHEMA_NAME}"
EXCHANGE_SCHEMA_PATH = f"schema/{EXCHANGE_SCHEMA_NAME}"
MANIFEST = "manifest.json"
README = "README.txt"
MIN_PASSPHRASE = 12
CHUNK = 64 * 1024
# Reading is defensive even though the container is authenticated: whoever knows the
# passphrase can seal anything. Caps against ZIP bombs and absurd member counts.
MAX_MEMBERS = 100_000
MAX_UNPACKED = 4 * 1024 * 1024 * 1024

MEDIA_TYPES = {".json": "application/json", ".pdf": "application/pdf", ".txt": "text/plain; charset=utf-8"}

_SAFE_SEGMENT = re.compile(r"[^A-Za-z0-9_-]")

# The manifest describes itself, so an archivist needs nothing outside the package.
MANIFEST_FIELDS = {
    "format": "Always 'trygg-earchive'.",
    "version": "Package format version (1).",
    "created_at": "When the package was made, UTC (YYYY-MM-DDTHH:MM:SSZ).",
    "producer": "The program (name, version) that made the package.",
    "organisation": "The organisation named in the program's settings (protocol header).",
    "exported_by": "The archive manager's user name and roles in the program.",
    "description": "What the package is, in one sentence.",
    "cases": ("One entry per case: reference, kind (SSPF, TREFAS, AVHOPPARE), closed_on, folder, case_json "
              "(path of case.json) and protocols (paths of the PDF files)."),
    "files": ("Every file in the package except manifest.json: path, sha256 (lower-case hex), size (bytes), "
              "media_type and description."),
    "manifest_fields": "This list.",
    "field_documentation": "Where the fields of case.json are described (JSON Schema files in schema/).",
}


def case_folder(reference: str) -> str:
    """``cases/<REF>``: a reference may hold ``/`` or ``.``; the folder name may not."""
    return f"cases/{_SAFE_SEGMENT.sub('_', reference) or 'case'}"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_passphrase(passphrase: str) -> None:
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise ValidationError(f"The passphrase needs at least {MIN_PASSPHRASE} characters",
                              code="earchive.passphrase_short", minimum=MIN_PASSPHRASE)


def utc_now_text() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def json_bytes(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


@dataclass(frozen=True, slots=True)
class PackageFile:
    path: str
    data: bytes
    media_type: str
    description: str


class PackageBuilder:
    """Collects the files, then writes the ZIP (with the manifest) into memory."""

    def __init__(self) -> None:
        self.files: list[PackageFile] = []

    def add(self, path: str, data: bytes, description: str, media_type: str | None = None) -> str:
        if any(f.path == path for f in self.files):
            raise ValueError(f"duplicate package path {path}")
        media = media_type or MEDIA_TYPES.get(PurePosixPath(path).suffix, "application/octet-stream")
        self.files.append(PackageFile(path, data, media, description))
        return sha256_hex(data)

    def add_schemas(self) -> None:
        self.add(CASE_SCHEMA_PATH, resource(CASE_SCHEMA_NAME).read_bytes(),
                 "JSON Schema (draft 2020-12) of cases/*/case.json; its 'record' is described by exchange.schema.json")
        self.add(EXCHANGE_SCHEMA_PATH, resource(EXCHANGE_SCHEMA_NAME).read_bytes(),
                 "JSON Schema (draft 2020-12) of the Trygg exchange format; a 'description' for every field")

    def manifest(self, head: dict[str, Any]) -> dict[str, Any]:
        return {
            **head,
            "format": FORMAT,
            "version": VERSION,
            "files": [{"path": f.path, "sha256": sha256_hex(f.data), "size": len(f.data),
                       "media_type": f.media_type, "description": f.description} for f in self.files],
            "manifest_fields": MANIFEST_FIELDS,
            "field_documentation": {
                "schema": CASE_SCHEMA_PATH,
                "also": EXCHANGE_SCHEMA_PATH,
                "note": ("Every field of case.json is described by a 'description' keyword in these two "
                         "JSON Schema (draft 2020-12) files; case.json's 'record' is a Trygg exchange "
                         "document (format 'trygg-exchange', scope 'case')."),
            },
        }

    def zip_bytes(self, head: dict[str, Any]) -> bytes:
        buffer = io.BytesIO()
        stamp = datetime.now().timetuple()[:6]
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            for path, data in [(MANIFEST, json_bytes(self.manifest(head)))] + [(f.path, f.data) for f in self.files]:
                info = zipfile.ZipInfo(path, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                z.writestr(info, data)
        return buffer.getvalue()


# -- sealing and unsealing --------------------------------------------------------------------------

def _chunks(data: bytes) -> Iterator[bytes]:
    view = memoryview(data)
    for start in range(0, len(data), CHUNK):
        yield bytes(view[start:start + CHUNK])


def seal(out: Path, data: bytes, passphrase: str, meta: dict[str, Any]) -> None:
    """Encrypt the package to ``out`` (atomic; the temp sibling holds ciphertext only)."""
    check_passphrase(passphrase)
    write_container(out, _chunks(data), [PassphraseRecipient(passphrase)], meta=meta)


def unseal(path: Path, passphrase: str) -> bytes:
    """The package bytes, in memory; ``ContainerError`` on a wrong passphrase or tampering."""
    buffer = io.BytesIO()
    for chunk in read_container(path, PassphraseSecret(passphrase)):
        buffer.write(chunk)
    return buffer.getvalue()


# -- reading a package -------------------------------------------------------------------------------

class PackageError(IntegrityFailure):
    """The decrypted content is not an intact e-archive package (exit code 5)."""

    code = "earchive.invalid"
    default_message = "Not an intact e-archive package"


@dataclass(frozen=True, slots=True)
class Package:
    manifest: dict[str, Any]
    manifest_bytes: bytes            # as stored, so ``extract`` writes it unchanged
    files: dict[str, bytes]          # every member except manifest.json, by path


def _safe_member(name: str) -> bool:
    return (bool(name) and "\\" not in name and ":" not in name and "\x00" not in name
            and all(part not in ("", ".", "..") for part in name.split("/")))


def open_package(data: bytes) -> Package:
    """Parse the ZIP in memory and check it is a package of this format (not yet the hashes)."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise PackageError("The decrypted content is not a ZIP file", code="earchive.not_package") from None
    with z:
        infos = [i for i in z.infolist() if not i.is_dir()]
        if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_UNPACKED:
            raise PackageError("The package is too large to open", code="earchive.too_large")
        files: dict[str, bytes] = {}
        for info in infos:
            if not _safe_member(info.filename) or info.filename in files:
                raise PackageError("The package holds an unsafe file name", code="earchive.unsafe_name")
            files[info.filename] = z.read(info)
    raw = files.pop(MANIFEST, None)
    if raw is None:
        raise PackageError("The package has no manifest.json", code="earchive.no_manifest")
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PackageError("manifest.json is not valid JSON", code="earchive.manifest") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackageError("Not a Trygg e-archive package", code="earchive.not_package")
    if manifest.get("version") != VERSION:
        raise PackageError("Unknown e-archive package version", code="earchive.version")
    return Package(manifest, raw, files)


@dataclass(frozen=True, slots=True)
class VerifyReport:
    files: int
    bytes: int
    cases: int


def verify_package(package: Package) -> VerifyReport:
    """Every listed file present with its SHA-256, and nothing unlisted."""
    listed = package.manifest.get("files")
    if not isinstance(listed, list):
        raise PackageError("manifest.json lists no files", code="earchive.manifest")
    seen: set[str] = set()
    total = 0
    for entry in listed:
        path = entry.get("path") if isinstance(entry, dict) else None
        if not isinstance(path, str) or path in seen:
            raise PackageError("manifest.json has a bad file entry", code="earchive.manifest")
        seen.add(path)
        data = package.files.get(path)
        if data is None:
            raise PackageError("A file listed in the manifest is missing", code="earchive.missing_file", path=path)
        if sha256_hex(data) != entry.get("sha256"):
            raise PackageError("A file does not match its SHA-256 in the manifest", code="earchive.hash_mismatch",
                               path=path)
        total += len(data)
    extra = sorted(set(package.files) - seen)
    if extra:
        raise PackageError("The package holds a file the manifest does not list", code="earchive.unlisted_file",
                           path=extra[0])
    return VerifyReport(files=len(seen), bytes=total, cases=len(package.manifest.get("cases", [])))


def extract(package: Package, out_dir: Path) -> list[Path]:
    """Write the package's files (plaintext!) under ``out_dir``, which must be new or empty.

    Every file is owner-only (0600, see ``vault.private_file``) and every folder
    made here 0700: the folder names are case references, the files personal data.
    """
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise ValidationError("The output folder exists and is not empty", code="earchive.out_not_empty")
    out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)  # (``mode`` is for the last folder only)
    written = []
    for path, data in [(MANIFEST, package.manifest_bytes)] + sorted(package.files.items()):
        parts = PurePosixPath(path).parts
        folder = out_dir
        for part in parts[:-1]:
            folder = folder / part
            folder.mkdir(mode=0o700, exist_ok=True)
        target = folder / parts[-1]
        write_private(target, data)
        written.append(target)
    return written
