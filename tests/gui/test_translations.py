"""Swedish is complete, matches the code, and the shipped .qm is current."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("translations", ROOT / "installer" / "translations.py")
translations = importlib.util.module_from_spec(spec)
spec.loader.exec_module(translations)  # type: ignore[union-attr]


def _keys(path: Path) -> set[tuple[str, str]]:
    return {(context, message.findtext("source") or "") for _t, context, message in translations.messages(path)}


def test_catalogue_is_complete_and_placeholders_match() -> None:
    assert translations.problems() == []


def test_every_string_in_the_code_is_in_the_catalogue(tmp_path: Path) -> None:
    scratch = tmp_path / "scan.ts"
    subprocess.run([translations.tool("lupdate"), "-no-obsolete", "-locations", "none", *translations.sources(),
                    "-ts", str(scratch)], cwd=ROOT, check=True, capture_output=True)
    missing = _keys(scratch) - _keys(translations.TS)
    assert not missing, f"run `python installer/translations.py update` and translate: {sorted(missing)[:10]}"
    obsolete = _keys(translations.TS) - _keys(scratch)
    assert not obsolete, f"obsolete entries in the catalogue: {sorted(obsolete)[:10]}"


def test_shipped_qm_is_built_from_the_catalogue(tmp_path: Path) -> None:
    built = tmp_path / "built.qm"
    translations.release(built)
    assert built.read_bytes() == translations.QM.read_bytes(), "run `python installer/translations.py release`"


def test_qt_loads_swedish(qapp) -> None:
    from PySide6.QtCore import QCoreApplication
    from trygg_desktop.ui import i18n
    assert i18n.install(qapp, "sv")
    assert QCoreApplication.translate("MainWindow", "Cases") == "Ärenden"
    # Qt's own standard buttons and dialogs come from qtbase_sv.qm.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Avbryt"
