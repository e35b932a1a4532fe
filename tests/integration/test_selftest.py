"""``trygg-desktop --self-test`` from the source tree: every step passes, a failing step
is named with a non-zero exit code, and nothing the test made is left behind."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from trygg_desktop import selftest

ROOT = Path(__file__).resolve().parents[2]
STEP_NAMES = [name for name, _ in selftest.STEPS]


def _env(tmp_path: Path) -> dict[str, str]:
    """A child environment whose temp, data, state and log folders we can inspect."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRYGG_")}
    for name in ("tmp", "data", "state", "logs", "home"):
        (tmp_path / name).mkdir()
    env.update(TMPDIR=str(tmp_path / "tmp"), HOME=str(tmp_path / "home"), TRYGG_DATA_DIR=str(tmp_path / "data"),
               TRYGG_STATE_DIR=str(tmp_path / "state"), TRYGG_LOG_DIR=str(tmp_path / "logs"))
    env.pop("QT_QPA_PLATFORM", None)  # the self-test must choose offscreen itself
    return env


def test_self_test_passes_and_leaves_nothing_behind(tmp_path: Path) -> None:
    env = _env(tmp_path)
    done = subprocess.run([sys.executable, "-m", "trygg_desktop", "--self-test"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    for name in STEP_NAMES:
        assert f"OK   {name}" in out, (name, out)
    assert "FAIL" not in out
    assert "temporary files removed: yes" in out
    assert "SELF-TEST PASSED: 9 steps" in out
    assert f"(source, {sys.platform})" in out
    assert "platform offscreen" in out
    assert "'Unsaved changes' → 'Osparade ändringar'" in out
    # Everything lived in one temporary folder that is gone; the user's folders are untouched.
    for name in ("tmp", "data", "state", "logs", "home"):
        assert list((tmp_path / name).iterdir()) == [], name


def _failing(name: str, seen: dict):
    def step(ctx: selftest.Context) -> str:
        seen["ctx"] = ctx
        seen["files"] = sorted(p.name for p in ctx.folder.rglob("*") if p.is_file())
        raise RuntimeError(f"forced failure in {name}")
    return step


@pytest.mark.parametrize("victim", ["integrity", "protocol_pdf"])
def test_a_failing_step_is_named_exits_non_zero_and_cleans_up(victim: str, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict = {}
    steps = [(name, _failing(name, seen) if name == victim else fn) for name, fn in selftest.STEPS]
    monkeypatch.setattr(selftest, "STEPS", steps)
    before = {k: os.environ.get(k) for k in ("TRYGG_DATA_DIR", "TRYGG_STATE_DIR", "TRYGG_LOG_DIR",
                                              "TRYGG_KDF_CALIBRATE")}
    out = io.StringIO()
    code = selftest.run(out, base_dir=tmp_path)
    text = out.getvalue()
    assert code == selftest.EXIT_FAILED != 0
    assert f"FAIL {victim}" in text
    assert f"SELF-TEST FAILED at step '{victim}'" in text
    assert f"RuntimeError: forced failure in {victim}" in text
    later = STEP_NAMES[STEP_NAMES.index(victim) + 1:]
    assert all(f" {name} " not in text for name in later), text  # stops at the first failure
    # The failing step ran on a real encrypted database, which was then closed and deleted.
    assert "selftest.db" in seen["files"] and "selftest.db.keys" in seen["files"]
    assert seen["ctx"].db.key.wiped
    assert list(tmp_path.iterdir()) == []
    assert "temporary files removed: yes" in text
    assert {k: os.environ.get(k) for k in before} == before  # the user's folders are restored


def test_cli_flag_runs_the_self_test(monkeypatch: pytest.MonkeyPatch) -> None:
    from trygg_desktop.cli import main

    calls = []
    monkeypatch.setattr(selftest, "run", lambda *a, **k: calls.append(a) or 7)
    assert main(["--self-test"]) == 7
    assert calls == [()]


def test_without_a_console_the_summary_goes_to_the_log_folder(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """TryggDesktop.exe is windowed (no stdout): the summary lands in self-test.txt."""
    logs = tmp_path / "logs"
    monkeypatch.setenv("TRYGG_LOG_DIR", str(logs))
    monkeypatch.setattr(selftest, "STEPS", [("qt", selftest.step_qt)])
    monkeypatch.setattr(sys, "stdout", None)
    assert selftest.run(base_dir=tmp_path) == 0
    text = (logs / "self-test.txt").read_text(encoding="utf-8")
    assert "OK   qt" in text and "SELF-TEST PASSED: 1 steps" in text
