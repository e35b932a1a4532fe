"""The Linux pre-flight before Qt starts (trygg_desktop/cli/qt_preflight.py).

Real behaviour only: ``ldd`` on real libraries (one built here that needs a library
which does not exist), the real xcb plugin of the installed PySide6 compared with
what Qt itself does, and the real CLI in a subprocess.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from trygg_desktop.cli import qt_preflight
from trygg_desktop.cli.qt_preflight import check, parse_ldd, preflight

ROOT = Path(__file__).resolve().parents[2]
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ldd") is None,
                                reason="Linux with ldd")


def _clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """No display, no Qt platform choice, and user folders inside tmp_path."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE",
                        "TRYGG_SKIP_QT_PREFLIGHT", "QT_QPA_PLATFORM_PLUGIN_PATH"}}
    env.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_STATE_HOME=str(tmp_path / "state"),
               XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_RUNTIME_DIR=str(tmp_path / "run"),
               PYTHONPATH=str(ROOT))
    env.update(extra)
    return env


def _xcb_plugin() -> Path:
    from PySide6.QtCore import QLibraryInfo  # independent of the module's own lookup
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms" / "libqxcb.so"


@linux_only
def test_ldd_on_a_real_library_that_resolves_reports_nothing_missing() -> None:
    core = _xcb_plugin().parents[2] / "lib" / "libQt6Core.so.6"  # PySide6/Qt/lib, found through RUNPATH too
    assert core.is_file()
    assert qt_preflight.ldd_missing(core) == []
    assert parse_ldd(subprocess.run(["ldd", str(core)], capture_output=True, text=True).stdout) == []


@linux_only
@pytest.mark.skipif(shutil.which("cc") is None, reason="needs a C compiler to build the test library")
def test_ldd_not_found_lines_are_mapped_to_debian_packages(tmp_path: Path) -> None:
    """A real .so that needs ``libtrygg-gone.so.0``, which is deleted after linking."""
    (tmp_path / "gone.c").write_text("int gone(void) { return 1; }\n")
    (tmp_path / "probe.c").write_text("int gone(void);\nint probe(void) { return gone(); }\n")
    gone = tmp_path / "libtrygg-gone.so.0"
    subprocess.run(["cc", "-shared", "-fPIC", "-Wl,-soname,libtrygg-gone.so.0", "-o", str(gone),
                    str(tmp_path / "gone.c")], check=True)
    probe = tmp_path / "libprobe.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(probe), str(tmp_path / "probe.c"), str(gone)], check=True)
    gone.unlink()
    output = subprocess.run(["ldd", str(probe)], capture_output=True, text=True).stdout
    assert parse_ldd(output) == ["libtrygg-gone.so.0"]
    assert qt_preflight.ldd_missing(probe) == ["libtrygg-gone.so.0"]

    # ... and the whole check with that library standing in for the xcb plugin.
    plugins = tmp_path / "platforms"
    plugins.mkdir()
    shutil.copy(probe, plugins / "libqxcb.so")
    message = check({"DISPLAY": ":0"}, system="linux", platforms_dir=plugins,
                    packages={"libtrygg-gone.so.0": "trygg-gone0"})
    assert message is not None
    assert message.splitlines()[0].startswith("Trygg Desktop kan inte öppna fönstret")
    assert "sudo apt install trygg-gone0" in message


def test_parse_ldd_keeps_order_and_drops_duplicates() -> None:
    output = ("\tlinux-vdso.so.1 (0x00007ffc)\n\tlibxcb-icccm.so.4 => not found\n"
              "\tlibGL.so.1 => /lib/x86_64-linux-gnu/libGL.so.1 (0x00007f)\n"
              "\tlibxcb-keysyms.so.1 => not found\n\tlibxcb-icccm.so.4 => not found\n")
    assert parse_ldd(output) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


def test_an_injected_missing_library_gives_the_apt_line_and_exit_1(capsys) -> None:
    libc = "libc.so.6" if sys.platform.startswith("linux") else None
    required = [s for s in (libc, "libxcb-doesnotexist.so.0") if s]
    packages = {**qt_preflight.SONAME_PACKAGES, "libxcb-doesnotexist.so.0": "libxcb-doesnotexist0"}
    code = preflight({"DISPLAY": ":0"}, system="linux", platforms_dir=Path("/nonexistent"), required=required,
                     packages=packages)
    assert code == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("Trygg Desktop kan inte öppna fönstret") and "libxcb-doesnotexist.so.0" in lines[0]
    assert lines[1].startswith("Trygg Desktop cannot open its window")
    assert lines[-1].strip() == "sudo apt install libxcb-doesnotexist0"
    assert "libc" not in "\n".join(lines)


def test_an_unknown_library_is_named_without_a_guessed_package() -> None:
    message = check({"DISPLAY": ":0"}, system="linux", platforms_dir=Path("/nonexistent"),
                    required=["libtrygg-unknown.so.9"])
    assert message is not None and "sudo apt" not in message
    assert "package unknown for: libtrygg-unknown.so.9" in message


@pytest.mark.parametrize("env", [
    {"QT_QPA_PLATFORM": "offscreen"}, {"QT_QPA_PLATFORM": "minimal", "DISPLAY": ":0"},
    {"QT_QPA_PLATFORM": "xcb;offscreen", "DISPLAY": ":0"}, {"DISPLAY": ":0", "TRYGG_SKIP_QT_PREFLIGHT": "1"},
])
def test_platforms_we_do_not_check_pass(env: dict[str, str]) -> None:
    assert check(env, system="linux", platforms_dir=Path("/nonexistent"),
                 required=["libxcb-doesnotexist.so.0"]) is None


@pytest.mark.parametrize("system", ["win32", "darwin"])
def test_windows_and_macos_are_not_checked(system: str) -> None:
    assert check({}, system=system, platforms_dir=Path("/nonexistent"), required=["libxcb-doesnotexist.so.0"]) is None


def test_no_display_is_reported(tmp_path: Path) -> None:
    message = check({"XDG_RUNTIME_DIR": str(tmp_path)}, system="linux", platforms_dir=tmp_path, required=[])
    assert message is not None
    first, second = message.splitlines()[:2]
    assert first.startswith("Trygg Desktop behöver en skrivbordssession") and "DISPLAY" in first
    assert second.startswith("Trygg Desktop needs a desktop session")
    assert "--demo --terminal" in message


def test_wayland_session_that_loads_needs_no_xcb(tmp_path: Path) -> None:
    """Qt tries Wayland first in a Wayland session; a loadable Wayland plugin is enough."""
    env = {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    assert qt_preflight.candidate_platforms(env) == ["wayland", "xcb"]
    (tmp_path / "wayland-0").touch()
    assert check({"QT_QPA_PLATFORM": "wayland", "XDG_RUNTIME_DIR": str(tmp_path)}, system="linux",
                 platforms_dir=tmp_path, required=["libc.so.6"] if sys.platform.startswith("linux") else []) is None


@linux_only
def test_the_machine_check_agrees_with_ldd_and_with_qt(tmp_path: Path) -> None:
    """On this machine: what the check says about xcb matches ``ldd`` on libqxcb.so, and
    Qt itself (a child process, no X server on that display) fails to *load* the plugin
    exactly when the check reports missing libraries."""
    plugin = _xcb_plugin()
    assert plugin.is_file()
    assert qt_preflight.qt_platforms_dir({}) == plugin.parent
    ldd_out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True).stdout
    expected = list(dict.fromkeys(line.split()[0] for line in ldd_out.splitlines() if "not found" in line))
    display = ":97"
    assert not Path(f"/tmp/.X11-unix/X{display[1:]}").exists()
    message = check({"DISPLAY": display}, system="linux")
    if expected:
        assert message is not None and all(soname in message for soname in expected), (expected, message)
    else:
        assert message is None

    qt = subprocess.run([sys.executable, "-c", "from PySide6.QtWidgets import QApplication; QApplication([])"],
                        env=_clean_env(tmp_path, DISPLAY=display, QT_QPA_PLATFORM="xcb"),
                        capture_output=True, text=True, timeout=60)
    assert qt.returncode != 0
    plugin_failed = "even though it was found" in qt.stderr
    assert plugin_failed == bool(expected), qt.stderr


def test_the_check_is_fast() -> None:
    import time
    start = time.perf_counter()
    check({"DISPLAY": ":97"}, system="linux")
    assert time.perf_counter() - start < 0.5  # ~20 ms on the 2-core machine; generous for busy CI


@linux_only
@pytest.mark.parametrize("args", [["--demo"], ["--db", "DB"]])
def test_cli_without_display_exits_1_before_qt_and_creates_nothing(tmp_path: Path, args: list[str]) -> None:
    args = [str(tmp_path / "x.db") if a == "DB" else a for a in args]
    done = subprocess.run([sys.executable, "-m", "trygg_desktop", *args], env=_clean_env(tmp_path),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("Trygg Desktop behöver en skrivbordssession")
    assert not (tmp_path / "data").exists() and not (tmp_path / "x.db").exists()


@linux_only
def test_cli_commands_without_a_window_are_not_checked(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "trygg_desktop", "user", "list", "--db", str(tmp_path / "x.db"),
                           "--as", "admin"], env=_clean_env(tmp_path, TRYGG_PASSWORD="x"),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode not in (0, 1) and "DISPLAY" not in done.stderr, done.stderr
