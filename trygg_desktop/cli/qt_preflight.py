"""Check, before Qt starts, that Linux can show the window; print the fix if not.

Why: on a fresh Linux machine Qt's X11 platform plugin (``libqxcb.so``) cannot load
because a system library is missing (since Qt 6.5 typically ``libxcb-cursor0``).
Qt then prints a long "could not load the Qt platform plugin xcb" text and
*aborts* the process (SIGABRT, core dump), which is no help to a social worker or
to IT. The same happens when there is no display at all (ssh, a text console).
So ``trygg-desktop`` (window / ``--demo``) asks this module first and, on a
problem, prints one short message (Swedish, then English) with the one-line fix
``sudo apt install ...`` and exits with code 1.

How: ``ldd`` on the platform plugin lists every shared library the dynamic loader
cannot find, transitively (``libqxcb.so`` → ``libQt6XcbQpa.so.6`` → the xcb
libraries), exactly as ``dlopen`` resolves them, including the plugin's
``RUNPATH`` and a frozen bundle's ``LD_LIBRARY_PATH``. Without ``ldd`` (not a
glibc system) the known list below is loaded with ``ctypes`` instead.

Qt-light on purpose: PySide6 is located with ``importlib.util.find_spec``, which
does not import it (importing QtGui would itself fail when ``libGL`` is missing,
and the layer contract keeps PySide6 out of ``trygg_desktop.cli``). The check
takes a few milliseconds plus one ``ldd`` run (about 10-30 ms).

It only ever says "no" when it is sure: other platforms (Windows, macOS), a
platform Qt is told to use that we do not know (``offscreen``, ``minimal``,
``vnc``, ``eglfs``...), a PySide6 layout without the plugin file, or any usable
candidate (e.g. Wayland in a Wayland session) mean "go ahead". If it is ever
wrong, ``TRYGG_SKIP_QT_PREFLIGHT=1`` skips it.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterable, Mapping

from . import io

EXIT_QT_PREFLIGHT = 1

# soname → the Debian/Ubuntu package that ships it (the libraries the xcb and
# Wayland platform plugins and QtGui/QtDBus link; ``ldd`` may name any of them).
SONAME_PACKAGES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}

# Only used when ``ldd`` cannot be run: what libqxcb.so needs from the system.
XCB_LIBRARIES: tuple[str, ...] = (
    "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-image.so.0",
    "libxcb-render-util.so.0", "libxcb-shape.so.0", "libxcb-xkb.so.1", "libxcb-util.so.1",
    "libxcb-randr.so.0", "libxkbcommon-x11.so.0", "libxkbcommon.so.0", "libX11-xcb.so.1",
    "libGL.so.1", "libEGL.so.1", "libfontconfig.so.1", "libdbus-1.so.3",
)

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$", re.MULTILINE)


def parse_ldd(output: str) -> list[str]:
    """The sonames ``ldd`` reports as ``not found``, in order, each once."""
    return list(dict.fromkeys(_NOT_FOUND.findall(output)))


def ldd_missing(library: Path) -> list[str] | None:
    """Sonames the dynamic loader cannot find for ``library``; None when ``ldd`` is unusable."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return None
    try:
        done = subprocess.run([ldd, str(library)], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    missing = parse_ldd(done.stdout)
    if done.returncode != 0 and not missing:  # "not a dynamic executable", a foreign architecture...
        return None
    return missing


def unloadable(sonames: Iterable[str]) -> list[str]:
    """The sonames ``dlopen`` (via ctypes) cannot load; the fallback without ``ldd``."""
    missing = []
    for soname in sonames:
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing.append(soname)
    return missing


def qt_platforms_dir(env: Mapping[str, str]) -> Path | None:
    """PySide6's ``Qt/plugins/platforms`` folder without importing PySide6 (see the module docstring)."""
    if env.get("QT_QPA_PLATFORM_PLUGIN_PATH"):
        return Path(env["QT_QPA_PLATFORM_PLUGIN_PATH"])
    roots: list[Path] = []
    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        roots += [Path(p) for p in spec.submodule_search_locations]
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):  # the PyInstaller bundle
        roots.append(Path(sys._MEIPASS) / "PySide6")
    for root in roots:
        folder = root / "Qt" / "plugins" / "platforms"
        if folder.is_dir():
            return folder
    return None


def candidate_platforms(env: Mapping[str, str]) -> list[str]:
    """The platform plugins Qt will try, in order (QGuiApplicationPrivate::createPlatformIntegration):
    ``QT_QPA_PLATFORM`` if set (``a;b``, ``name:options``), else Wayland then xcb in a
    Wayland session, else xcb."""
    chosen = env.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return [name.split(":", 1)[0].strip().lower() for name in chosen.split(";") if name.strip()]
    if env.get("XDG_SESSION_TYPE", "").lower() == "wayland":
        return ["wayland", "xcb"]
    return ["xcb"]


def _has_display(name: str, env: Mapping[str, str]) -> bool:
    if name == "xcb":
        return bool(env.get("DISPLAY"))
    if env.get("WAYLAND_DISPLAY") or env.get("WAYLAND_SOCKET"):
        return True
    runtime = env.get("XDG_RUNTIME_DIR")  # libwayland's default socket name is wayland-0
    return bool(runtime) and os.path.exists(os.path.join(runtime, "wayland-0"))


def _plugin_file(folder: Path, name: str) -> Path | None:
    names = [f"libq{name}.so"] + (["libqwayland.so", "libqwayland-generic.so"] if name.startswith("wayland") else [])
    for file_name in names:
        if (folder / file_name).is_file():
            return folder / file_name
    return None


def _missing_message(missing: list[str], packages: Mapping[str, str], names: list[str]) -> list[str]:
    listed = ", ".join(missing)
    plugins = "/".join(names)
    lines = [
        f"Trygg Desktop kan inte öppna fönstret: Qt ({plugins}) saknar systembibliotek: {listed}.",
        f"Trygg Desktop cannot open its window: Qt ({plugins}) needs system libraries that are missing: {listed}.",
    ]
    known = list(dict.fromkeys(packages[s] for s in missing if s in packages))
    unknown = [s for s in missing if s not in packages]
    if known:
        lines += ["Installera dem så här / Install them with (Debian, Ubuntu):",
                  f"    sudo apt install {' '.join(known)}"]
    if unknown:
        lines.append(f"Paket okänt för / package unknown for: {', '.join(unknown)} "
                     "(installera paketet som innehåller filen / install the package that provides it)")
    return lines


def check(env: Mapping[str, str] | None = None, *, system: str | None = None,
          platforms_dir: Path | None = None, required: Iterable[str] | None = None,
          packages: Mapping[str, str] = SONAME_PACKAGES) -> str | None:
    """The message to print when Qt would abort at start, else None.

    ``system`` stands in for ``sys.platform``; ``required`` replaces ``ldd`` with a fixed
    list of sonames to load (tests); ``platforms_dir`` replaces the plugin folder lookup.
    """
    env = os.environ if env is None else env
    if not (system or sys.platform).startswith("linux") or env.get("TRYGG_SKIP_QT_PREFLIGHT"):
        return None
    names = candidate_platforms(env)
    if not names or any(n != "xcb" and not n.startswith("wayland") for n in names):
        return None  # offscreen, minimal, vnc, eglfs...: nothing we know how to check
    folder = platforms_dir or qt_platforms_dir(env)
    if folder is None:
        return None  # let Qt report an odd installation itself

    def missing_for(name: str) -> list[str] | None:
        if required is not None:
            return unloadable(required)
        plugin = _plugin_file(folder, name)
        if plugin is None:
            return None
        found = ldd_missing(plugin)
        if found is None:
            return unloadable(XCB_LIBRARIES) if name == "xcb" else None
        return found

    shown = [n for n in names if _has_display(n, env)]
    if not shown:
        lines = [
            "Trygg Desktop behöver en skrivbordssession: varken DISPLAY eller WAYLAND_DISPLAY är satt "
            "(t.ex. via ssh eller i en textkonsol).",
            "Trygg Desktop needs a desktop session: neither DISPLAY nor WAYLAND_DISPLAY is set "
            "(e.g. over ssh or on a text console).",
            "Starta från skrivbordet, eller se demot i terminalen / Start it from the desktop, "
            "or see the demo in the terminal:",
            f"    {'trygg-desktop-cli' if getattr(sys, 'frozen', False) else 'trygg-desktop'} --demo --terminal",
        ]
        xcb_missing = missing_for("xcb") if "xcb" in names else None
        if xcb_missing:
            lines += _missing_message(xcb_missing, packages, ["xcb"])
        return "\n".join(lines)
    missing: list[str] = []
    for name in shown:
        found = missing_for(name)
        if not found:  # loads (or cannot be judged): Qt will get a window up this way
            return None
        missing += [s for s in found if s not in missing]
    return "\n".join(_missing_message(missing, packages, shown))


def preflight(env: Mapping[str, str] | None = None, **kwargs) -> int | None:
    """None when the window can start, else print the reason to stderr and return exit code 1."""
    message = check(env, **kwargs)
    if message is None:
        return None
    io.err(message)
    return EXIT_QT_PREFLIGHT
