"""Where PostgreSQL's programs are: the server binaries of the demo and test clusters, and
``pg_dump``/``pg_restore`` of the server backup (Debian's ``postgresql`` package puts them in
``/usr/lib/postgresql/<major>/bin``; elsewhere ``pg_config --bindir`` or ``PATH``).

Below the services so the server backup (a service) and the throwaway cluster (the server
process) find the same programs the same way.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

MIN_MAJOR = 15
#: What to install when no server binaries are found (said to the user as is).
INSTALL_HINT = ("PostgreSQL 15 eller senare behövs. Debian/Ubuntu: sudo apt install postgresql "
                "(endast programmen används; ingen systemtjänst behöver vara igång).")



def find_bindir() -> Path | None:
    """The newest PostgreSQL ≥ 15 server binaries (a folder with initdb, pg_ctl, postgres)."""
    candidates: list[tuple[int, Path]] = []
    for folder in Path("/usr/lib/postgresql").glob("*/bin"):
        if folder.parent.name.isdigit():
            candidates.append((int(folder.parent.name), folder))
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run([pg_config, "--bindir", "--version"], capture_output=True, text=True,
                                 check=True, timeout=10).stdout.split("\n")
            match = re.search(r"(\d+)", out[1] if len(out) > 1 else "")
            if match:
                candidates.append((int(match.group(1)), Path(out[0].strip())))
        except (OSError, subprocess.SubprocessError):
            pass
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append((_major(Path(on_path).parent), Path(on_path).parent))
    usable = [(major, folder) for major, folder in candidates
              if major >= MIN_MAJOR and all((folder / b).exists() for b in ("initdb", "pg_ctl", "postgres"))]
    return max(usable)[1] if usable else None


def _major(bindir: Path) -> int:
    try:
        out = subprocess.run([str(bindir / "initdb"), "--version"], capture_output=True, text=True,
                             timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return 0
    match = re.search(r"(\d+)\.", out)
    return int(match.group(1)) if match else 0
