"""Fast checks of the installer sources that cannot be built on this machine (Inno Setup,
the Windows parts of the spec): the promises the README makes are in the files."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from trygg_desktop import paths

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
ISS = (INSTALLER / "trygg-desktop.iss").read_text(encoding="utf-8")
SPEC = (INSTALLER / "trygg-desktop.spec").read_text(encoding="utf-8")


def _setup_directives() -> dict[str, str]:
    section = re.search(r"^\[Setup\]\n(.*?)^\[", ISS, re.S | re.M).group(1)
    return dict(line.split("=", 1) for line in section.splitlines()
                if "=" in line and not line.startswith((";", "#")))


def test_inno_setup_installs_per_user_by_default_with_an_all_users_choice() -> None:
    d = _setup_directives()
    assert d["PrivilegesRequired"] == "lowest"
    assert d["PrivilegesRequiredOverridesAllowed"] == "dialog"
    assert d["DefaultDirName"].startswith("{autopf}\\")  # %LOCALAPPDATA%\Programs per user
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", d["AppId"])
    assert d["ArchitecturesAllowed"] == d["ArchitecturesInstallIn64BitMode"] == "x64compatible"
    assert d["MinVersion"] == "10.0.17763"
    assert d["SetupIconFile"] == "..\\resources\\icons\\trygg.ico"
    assert '{autoprograms}\\{#AppName}"; Filename: "{app}\\{#AppExe}"' in ISS  # Start-menu shortcut


def test_inno_setup_speaks_swedish_and_english() -> None:
    assert 'Name: "sv"; MessagesFile: "compiler:Languages\\Swedish.isl"' in ISS
    assert 'Name: "en"; MessagesFile: "compiler:Default.isl"' in ISS
    custom = re.search(r"^\[CustomMessages\]\n(.*?)^\[", ISS, re.S | re.M).group(1)
    names: dict[str, set[str]] = {}
    for line in custom.splitlines():
        if "=" in line:
            lang, name = line.split("=", 1)[0].split(".")
            names.setdefault(name, set()).add(lang)
    assert names and all(langs == {"sv", "en"} for langs in names.values()), names


def test_uninstall_keeps_user_data_unless_asked() -> None:
    # The folder it offers to delete is exactly paths.user_data_dir() on Windows.
    assert f'#define UserDataDir "{{localappdata}}\\{paths.APP_AUTHOR}\\{paths.APP_NAME}"' in ISS
    code = ISS.split("[Code]", 1)[1]
    assert "usPostUninstall" in code
    assert "SuppressibleMsgBox(" in code and "MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES" in code
    assert "HasParam('/DELETEUSERDATA')" in code
    assert "[UninstallDelete]" in ISS and "filesandordirs" not in ISS.split("[UninstallDelete]", 1)[1]


def _unwanted():
    tree = ast.parse(SPEC)
    fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "_unwanted")
    scope: dict = {"re": re}
    exec(compile(ast.Module([fn], []), "spec", "exec"), scope)
    return scope["_unwanted"]


@pytest.mark.parametrize("dest, dropped", [
    ("PySide6/Qt/lib/libQt6Quick.so.6", True),
    ("PySide6/Qt6Quick.dll", True),
    ("PySide6/Qt/lib/libQt6QmlModels.so.6", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", True),
    ("PySide6/Qt/translations/qt_de.qm", True),
    ("PySide6/translations/qtbase_fi.qm", True),
    ("PySide6/Qt/translations/qtbase_sv.qm", False),
    ("PySide6/translations/qt_en.qm", False),
    ("trygg_desktop/_resources/translations/trygg_sv.qm", False),
    ("PySide6/Qt/lib/libQt6Pdf.so.6", False),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", False),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
])
def test_spec_drops_only_what_the_app_never_uses(dest: str, dropped: bool) -> None:
    assert _unwanted()(dest) is dropped


def test_spec_bundles_resources_migrations_and_two_programs() -> None:
    compile(SPEC, "trygg-desktop.spec", "exec")
    assert 'data_tree(ROOT / "resources", "trygg_desktop/_resources")' in SPEC
    assert 'data_tree(ROOT / "migrations", "trygg_desktop/_migrations")' in SPEC
    assert '"sqlcipher3.dbapi2"' in SPEC and '"alembic.op"' in SPEC
    assert re.search(r'name="TryggDesktop",\s*\n\s*console=False', SPEC)
    assert re.search(r'name="trygg-desktop-cli",\s*\n\s*console=True', SPEC)



def test_the_frozen_app_looks_where_the_spec_puts_the_data(monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.migrations_dir() == tmp_path / "trygg_desktop" / "_migrations"
    assert paths.resources_dir() == tmp_path / "trygg_desktop" / "_resources"


def test_icons_exist_in_every_windows_size() -> None:
    from PIL import Image

    with Image.open(ROOT / "resources" / "icons" / "trygg.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(ROOT / "resources" / "icons" / "trygg.png") as png:
        assert png.size == (256, 256)


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_build_script_is_valid_bash() -> None:
    subprocess.run(["bash", "-n", str(INSTALLER / "build-linux.sh")], check=True)
    ps1 = (INSTALLER / "build-windows.ps1").read_text(encoding="utf-8")
    assert "installer\\trygg-desktop.spec" in ps1 and "trygg-desktop.iss" in ps1
    assert "--self-test" in ps1
