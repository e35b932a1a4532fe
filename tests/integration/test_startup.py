"""Start-up (issue 16): the unlock window should be up in ≤ 0.6 s, so what it does not need is
not imported before it: ``--version`` answers before the parser is built, the services
(SQLAlchemy, the models) load after the window is shown, and Alembic only when a migration
is due. Each check runs a fresh interpreter, as the program starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from trygg_desktop.store import migrate

from ..conftest import ADMIN_PASSWORD, copy_database


def _modules_after(code: str, **env: str) -> dict:
    """Run ``code`` in a new interpreter; it sets ``result``; returns it with the loaded top-level packages."""
    script = code + "\nimport json, sys\nprint(json.dumps({'result': result, " \
                    "'loaded': sorted({m.split('.')[0] for m in sys.modules})}))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env}, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_version_is_answered_without_the_services() -> None:
    out = _modules_after("import contextlib, io\n"
                         "from trygg_desktop.cli import main\n"
                         "buf = io.StringIO()\n"
                         "with contextlib.redirect_stdout(buf):\n"
                         "    code = main(['--version'])\n"
                         "result = [code, buf.getvalue()]")
    code, printed = out["result"]
    assert code == 0 and printed.startswith("trygg-desktop ")
    assert not {"sqlalchemy", "alembic", "sqlcipher3", "PySide6"} & set(out["loaded"]), out["loaded"]


def test_the_parser_and_the_window_module_load_no_database_code() -> None:
    """Building the whole CLI parser (the window's path goes through it) and importing the
    composition root load neither SQLAlchemy nor Alembic: the window is shown first and the
    services follow on a background thread (app.preload_services)."""
    out = _modules_after("from trygg_desktop.cli import build_parser\n"
                         "parser = build_parser()\n"
                         "import trygg_desktop.app\n"
                         "result = parser.parse_args(['--db', 'x.db']).gui_db")
    assert out["result"] == "x.db"
    assert "PySide6" in out["loaded"]
    assert not {"sqlalchemy", "alembic"} & set(out["loaded"]), out["loaded"]


def test_unlock_at_head_does_not_import_alembic(template_db: Path, tmp_path: Path) -> None:
    path = copy_database(template_db, tmp_path)
    out = _modules_after(
        "from pathlib import Path\n"
        "from trygg_desktop.services.database import unlock\n"
        f"db, actor = unlock(Path({str(path)!r}), 'admin', {ADMIN_PASSWORD!r}, health_check=False)\n"
        "result = actor.username\n"
        "db.close()", TRYGG_STATE_DIR=str(tmp_path / "state"), TRYGG_KDF_CALIBRATE="floor")
    assert out["result"] == "admin"
    assert "sqlalchemy" in out["loaded"] and "alembic" not in out["loaded"], out["loaded"]


def test_script_head_is_alembics_head(tmp_path: Path) -> None:
    """The head read from the scripts' headers is the one Alembic computes; anything it cannot
    read with certainty (a second head, a script without a revision) is left to Alembic."""
    from alembic.script import ScriptDirectory

    versions = migrate.migrations_dir() / "versions"
    alembic_head = ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()
    assert migrate._script_head(versions) == alembic_head == migrate.head_revision()

    copy = tmp_path / "versions"
    copy.mkdir()
    for script in versions.glob("*.py"):
        (copy / script.name).write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
    assert migrate._script_head(copy) == alembic_head
    (copy / "9999_branch.py").write_text('revision = "9999"\ndown_revision = "0001"\n', encoding="utf-8")
    assert migrate._script_head(copy) is None  # two heads
    (copy / "9999_branch.py").write_text(f'revision = "9999"\ndown_revision = {alembic_head!r}\n',
                                         encoding="utf-8")
    assert migrate._script_head(copy) == "9999"
    (copy / "9999_branch.py").write_text('"""no revision line"""\n', encoding="utf-8")
    assert migrate._script_head(copy) is None


def test_installing_the_renderers_loads_no_report_code_until_a_print() -> None:
    """The window starts with every renderer installed but none loaded: reportlab (and the
    services it pulls in) arrive with the first print, and that print works."""
    out = _modules_after("from trygg_desktop.app import RENDERERS, install_renderers\n"
                         "from trygg_desktop.ui import printing\n"
                         "install_renderers()\n"
                         "import sys\n"
                         "before = 'reportlab' in sys.modules or 'sqlalchemy' in sys.modules\n"
                         "installed = sorted(k for k in RENDERERS if printing.renderer(k) is not None)\n"
                         "from trygg_desktop.services.statistics_dto import Chart, ChartSeries\n"
                         "svg = printing.renderer('chart_svg')(Chart('k', 'Titel', ('A',), "
                         "(ChartSeries('n', (3.0,), ('3',)),)))\n"
                         "result = [before, installed, svg.lstrip().startswith(b'<?xml')]")
    before, installed, drawn = out["result"]
    assert before is False
    assert installed == sorted(["protocol", "plan", "extract", "audit_report", "statistics", "chart_svg", "est", "est_map"])
    assert drawn is True and "reportlab" in out["loaded"]
