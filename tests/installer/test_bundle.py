"""The Linux bundle, built for real: ``installer/build-linux.sh`` builds it and runs its
``--self-test`` with no Python on PATH; then the tarball is unpacked elsewhere and its
self-test runs again (the bundle must not depend on where it was built).

Slow (a few minutes and ~300 MB): runs only with ``TRYGG_BUILD_INSTALLER=1``. The build
uses a fresh venv in build/venv-installer unless ``TRYGG_BUILD_PYTHON`` names a Python
that already has ``.[build]`` installed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("TRYGG_BUILD_INSTALLER") != "1",
                       reason="builds the installer bundle; set TRYGG_BUILD_INSTALLER=1"),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle"),
    pytest.mark.timeout(3600),
]


def _version() -> str:
    text = (ROOT / "trygg_desktop" / "__init__.py").read_text()
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


@pytest.fixture(scope="module")
def build() -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    return subprocess.run(["bash", str(ROOT / "installer" / "build-linux.sh")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=3000)


def test_build_script_builds_and_the_bundle_passes_its_self_test(build) -> None:
    assert build.returncode == 0, build.stdout[-4000:] + build.stderr[-4000:]
    assert "SELF-TEST PASSED" in build.stdout
    assert "(bundle, linux)" in build.stdout  # sys.frozen: the bundle, not the checkout
    bundle = ROOT / "dist" / "TryggDesktop"
    for program in ("TryggDesktop", "trygg-desktop-cli"):
        assert os.access(bundle / program, os.X_OK)
    internal = bundle / "_internal"
    assert (internal / "trygg_desktop" / "_resources" / "translations" / "trygg_sv.qm").is_file()
    assert (internal / "trygg_desktop" / "_migrations" / "env.py").is_file()
    assert list((internal / "sqlcipher3").glob("_sqlite3*.so"))
    plugins = internal / "PySide6" / "Qt" / "plugins"
    assert (plugins / "platforms" / "libqoffscreen.so").is_file()
    assert (plugins / "platforms" / "libqxcb.so").is_file()
    assert list((plugins / "printsupport").iterdir())
    # What the spec leaves out on purpose.
    assert not list(internal.rglob("*Qt6Quick*")) and not list(internal.rglob("*qtvirtualkeyboard*"))
    assert not list(internal.rglob("qt_de.qm"))


def test_the_unpacked_tarball_runs_without_python(build, tmp_path: Path) -> None:
    assert build.returncode == 0
    tarball = ROOT / "dist" / f"TryggDesktop-{_version()}-linux-{os.uname().machine}.tar.gz"
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp_path / "opt", filter="tar")
    empty_bin, home = tmp_path / "bin", tmp_path / "home"
    empty_bin.mkdir()
    home.mkdir()
    start = time.perf_counter()
    done = subprocess.run([str(tmp_path / "opt" / "TryggDesktop" / "trygg-desktop-cli"), "--self-test"],
                          env={"PATH": str(empty_bin), "HOME": str(home), "LANG": "C.UTF-8"},
                          capture_output=True, text=True, timeout=300)
    took = time.perf_counter() - start
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SELF-TEST PASSED" in done.stdout
    assert took < 120, took
    version = subprocess.run([str(tmp_path / "opt" / "TryggDesktop" / "trygg-desktop-cli"), "--version"],
                             env={"PATH": str(empty_bin), "HOME": str(home)}, capture_output=True, text=True)
    assert version.stdout.strip() == f"trygg-desktop {_version()}"
    assert list(home.iterdir()) == []  # the self-test wrote nothing into the user's home


def test_install_script_adds_a_menu_entry_and_removes_only_the_program(build, tmp_path: Path) -> None:
    assert build.returncode == 0
    home = tmp_path / "home"
    home.mkdir()
    data = home / ".local" / "share" / "TryggDesktop"
    data.mkdir(parents=True)
    (data / "settings.ini").write_text("[ui]\n")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home)}
    done = subprocess.run(["sh", str(ROOT / "dist" / "TryggDesktop" / "install.sh")], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    target = home / ".local" / "opt" / "TryggDesktop"
    desktop = home / ".local" / "share" / "applications" / "trygg-desktop.desktop"
    entry = desktop.read_text()
    assert f'Exec="{target}/TryggDesktop"' in entry and "Icon=trygg-desktop" in entry
    assert (home / ".local/share/icons/hicolor/256x256/apps/trygg-desktop.png").is_file()
    assert os.access(target / "trygg-desktop-cli", os.X_OK)
    gone = subprocess.run(["sh", str(target / "install.sh"), "--uninstall"], env=env, capture_output=True,
                          text=True, timeout=120)
    assert gone.returncode == 0, gone.stderr
    assert not target.exists() and not desktop.exists()
    assert (data / "settings.ini").is_file()  # user data stays


def test_the_bundle_makes_the_demo_database(build, tmp_path: Path) -> None:
    """Faker's sv_SE providers and the demo generator are in the bundle (not part of --self-test)."""
    assert build.returncode == 0
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    env = {"PATH": str(empty_bin), "HOME": str(tmp_path), "LANG": "C.UTF-8", "TRYGG_KDF_CALIBRATE": "floor",
           "TRYGG_DATA_DIR": str(tmp_path / "data"), "TRYGG_STATE_DIR": str(tmp_path / "state")}
    done = subprocess.run([str(ROOT / "dist" / "TryggDesktop" / "trygg-desktop-cli"), "--demo", "--terminal"],
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "Öppna ärenden" in done.stdout and "SSPF-" in done.stdout
    demo = tmp_path / "data" / "demo" / "trygg-demo.db"
    assert demo.is_file() and not demo.read_bytes()[:16].startswith(b"SQLite format 3")
