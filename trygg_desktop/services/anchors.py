"""External anchors of the audit chain (SECURITY.md R20).

Every user who can unlock holds the DEK and could rebuild the HMAC chain, or
simply put back an older copy of the database. What they cannot change is a
``(seq, mac)`` pair written down somewhere else at an earlier time: once the
log has passed seq N with mac M, every later honest copy still has M at N. So
each signed-off log review appends the chain head to a sidecar list beside the
database (``<db>.anchors``, JSON lines) and the reviewer is asked to keep a
copy elsewhere (a USB stick in the safe, the review binder): the sidecar beside
the database is rolled back along with it by anyone who copies the folder.

The file holds only sequence numbers, MACs, dates and the reviewer's user name:
no personal case data, so it may be plaintext (R1 is about case data).
Appending rewrites the whole file through a temp file and ``os.replace`` so a
crash leaves the old or the new list, never half a line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable

from ..domain.errors import ValidationError
from ..store.models import from_stored, to_stored
from ..vault.atomic import atomic_write

ANCHOR_SUFFIX = ".anchors"
_MAC_RE = re.compile(r"[0-9a-f]{64}")
MAX_ANCHOR_FILE_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Anchor:
    seq: int
    mac: str
    signed_at: datetime  # aware UTC; the file keeps the log's naive UTC text
    reviewer: str
    review_id: int | None = None

    def to_line(self) -> str:
        return json.dumps({"seq": self.seq, "mac": self.mac, "signed_at": to_stored(self.signed_at).isoformat(),
                           "reviewer": self.reviewer, "review_id": self.review_id},
                          ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    @property
    def pair(self) -> tuple[int, str]:
        return self.seq, self.mac


def anchor_path(db_path: Path) -> Path:
    """The sidecar beside the database: ``case.db`` → ``case.db.anchors``."""
    return Path(str(db_path) + ANCHOR_SUFFIX)


def _invalid(path: Path, line_no: int) -> ValidationError:
    return ValidationError(f"{path.name}: line {line_no} is not an anchor", code="anchors.invalid")


def _parse(path: Path, line_no: int, line: str) -> Anchor:
    try:
        raw = json.loads(line)
        seq, mac = raw["seq"], raw["mac"]
        signed_at = from_stored(raw["signed_at"])
        reviewer = str(raw.get("reviewer") or "")
        review_id = raw.get("review_id")
    except (ValueError, KeyError, TypeError):
        raise _invalid(path, line_no) from None
    if not isinstance(seq, int) or seq < 1 or not isinstance(mac, str) or not _MAC_RE.fullmatch(mac):
        raise _invalid(path, line_no)
    if review_id is not None and not isinstance(review_id, int):
        raise _invalid(path, line_no)
    return Anchor(seq=seq, mac=mac, signed_at=signed_at, reviewer=reviewer, review_id=review_id)


def read_anchors(path: Path) -> list[Anchor]:
    """Every anchor in one file; blank lines are skipped, anything else malformed is refused."""
    try:
        if path.stat().st_size > MAX_ANCHOR_FILE_BYTES:
            raise ValidationError(f"{path.name} is too large to be an anchor list", code="anchors.invalid")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValidationError(f"No anchor file {path.name}", code="anchors.not_found") from None
    except (OSError, UnicodeDecodeError):
        raise ValidationError(f"Cannot read {path.name}", code="anchors.unreadable") from None
    return [_parse(path, i, line) for i, line in enumerate(text.splitlines(), start=1) if line.strip()]


def merge(*lists: Iterable[Anchor]) -> list[Anchor]:
    """One list, each (seq, mac) once, in seq order. Two different macs for one seq both stay:
    verification then reports the one the log does not match."""
    seen: dict[tuple[int, str], Anchor] = {}
    for anchors in lists:
        for a in anchors:
            seen.setdefault(a.pair, a)
    return sorted(seen.values(), key=lambda a: (a.seq, a.mac))


def write_anchors(path: Path, anchors: Iterable[Anchor]) -> None:
    data = "".join(a.to_line() + "\n" for a in anchors).encode("utf-8")
    atomic_write(path, data)


def append_anchor(path: Path, anchor: Anchor) -> None:
    """Add one anchor (whole-file rewrite via temp + replace; existing anchors are kept)."""
    existing = read_anchors(path) if path.exists() else []
    write_anchors(path, merge(existing, [anchor]))


def anchor_pairs(anchors: Iterable[Anchor]) -> list[tuple[int, str]]:
    return [a.pair for a in anchors]
