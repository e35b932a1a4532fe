"""Look at a leftover write-ahead log before SQLite does (R29).

Why: when SQLite opens a database whose ``-wal`` holds a frame with a bad
checksum, it treats that frame and everything after it as a torn write from a
crash and silently drops them, even transactions that were committed and
fsynced long before. With ``synchronous=FULL`` only the LAST transaction can be
torn by a crash (every commit waits for its fsync before the next one starts),
so a damaged frame followed by frames of two or more later, internally
consistent commits is not a crash: it is damage, and opening the file would
quietly lose acknowledged work. We report that instead of opening.

The check reads only; it must run before the first connection, because the
last connection's close would checkpoint the shortened log and delete the evidence.

Residual: damage inside the last transaction of the log looks exactly like an
interrupted write and is not reported (SQLite drops that one transaction).

WAL format (sqlite.org/fileformat2.html#walformat): a 32-byte header (magic,
version, page size, checkpoint sequence, salt-1, salt-2, checksum-1, checksum-2)
then frames of a 24-byte header (page number, database size after commit or 0,
salt-1, salt-2, checksum-1, checksum-2) and one page. Checksums are cumulative.
"""

from __future__ import annotations

import struct
from pathlib import Path

WAL_MAGIC_LE, WAL_MAGIC_BE = 0x377F0682, 0x377F0683
HEADER = 32
FRAME_HEADER = 24
MASK = 0xFFFFFFFF


def _checksum(data: bytes, endian: str, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{endian}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & MASK
        s1 = (s1 + words[i + 1] + s0) & MASK
    return s0, s1


def _scan(data: bytes, endian: str, frames: int, frame_size: int, seed: tuple[int, int]) -> list[tuple[bool, bool]]:
    """For each frame: (belongs to this log generation and its checksum is right
    given its predecessor's STORED checksum, so one bad frame does not hide the
    rest; is a commit frame of this generation)."""
    header_salts = data[16:24]
    checked: list[tuple[bool, bool]] = []
    for i in range(frames):
        start = HEADER + i * frame_size
        fh = data[start:start + FRAME_HEADER]
        _pgno, commit_size, _s1, _s2, f_ck1, f_ck2 = struct.unpack(">6I", fh)
        ours = fh[8:16] == header_salts
        sums = _checksum(fh[:8], endian, *seed)
        sums = _checksum(data[start + FRAME_HEADER:start + frame_size], endian, *sums)
        checked.append((ours and sums == (f_ck1, f_ck2), ours and commit_size != 0))
        seed = (f_ck1, f_ck2)
    return checked


def wal_problems(db_path: Path) -> list[str]:
    """Empty when the WAL is absent, healthy, or only torn at its tail; otherwise
    lines saying which frame is damaged and how many later commits it would hide."""
    wal = Path(f"{db_path}-wal")
    try:
        data = wal.read_bytes()
    except OSError:
        return []
    if len(data) < HEADER:
        return []
    magic, _version, page_size, _seq, _salt1, _salt2, ck1, ck2 = struct.unpack(">8I", data[:HEADER])
    frame_size = FRAME_HEADER + page_size if 512 <= page_size <= 65536 else 0
    header_salts = data[16:24]
    frames = (len(data) - HEADER) // frame_size if frame_size else 0
    if magic not in (WAL_MAGIC_LE, WAL_MAGIC_BE) or not frame_size:
        salts_seen = any(data[HEADER + i * (FRAME_HEADER + 4096) + 8:HEADER + i * (FRAME_HEADER + 4096) + 16]
                         == header_salts for i in range(min(8, (len(data) - HEADER) // (FRAME_HEADER + 4096))))
        return ["wal header damaged (magic or page size)"] if salts_seen else []
    endian = "<" if magic == WAL_MAGIC_LE else ">"
    header_ok = _checksum(data[:24], endian, 0, 0) == (ck1, ck2)
    if not header_ok:
        # A flipped magic bit can even swap the byte order: try both before deciding.
        later = max(sum(1 for ok, commit in _scan(data, e, frames, frame_size, (ck1, ck2)) if ok and commit)
                    for e in "<>")
        # As for frames: only the last transaction can be torn by a crash.
        return [f"wal header damaged; {later} committed transaction(s) would be lost"] if later >= 2 else []
    checked = _scan(data, endian, frames, frame_size, (ck1, ck2))
    bad = next((i for i, (ok, _c) in enumerate(checked) if not ok), None)
    if bad is None:
        return []
    later_commits = sum(1 for ok, commit in checked[bad + 1:] if ok and commit)
    if later_commits + (1 if checked[bad][1] else 0) >= 2:
        return [f"wal frame {bad + 1} damaged; {later_commits} later committed transaction(s) would be lost"]
    return []
