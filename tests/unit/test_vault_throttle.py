"""Failed-attempt throttling with a fake clock (SECURITY.md R13)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from trygg_desktop.domain.errors import Throttled
from trygg_desktop.vault.throttle import Throttle

KEY = Throttle.key_for("0" * 32, "tag-alice")


class FakeClock:
    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "local" / "throttle.json"


def retry_after(throttle: Throttle, key: str = KEY) -> int:
    with pytest.raises(Throttled) as info:
        throttle.check(key)
    assert info.value.code == "auth.throttled"
    return int(info.value.params["retry_after"])


def test_delay_schedule() -> None:
    throttle = Throttle(Path("unused.json"))
    assert [throttle.delay_for(n) for n in range(5)] == [0, 0, 0, 0, 0]
    assert [throttle.delay_for(n) for n in range(5, 12)] == [30, 60, 120, 240, 480, 900, 900]
    assert throttle.delay_for(10_000) == 900
    assert throttle.delay_for(10**12) == 900


def test_five_free_then_growing_delays(state: Path, clock: FakeClock) -> None:
    throttle = Throttle(state, clock)
    for expected in range(1, 6):
        throttle.check(KEY)  # the first five attempts are free
        assert throttle.record_failure(KEY) == expected
    assert retry_after(throttle) == 30  # the 6th attempt must wait

    clock.advance(29)
    assert retry_after(throttle) == 1
    clock.advance(1)
    throttle.check(KEY)  # allowed after 30 s

    waits = []
    for _ in range(6):
        throttle.record_failure(KEY)
        wait = retry_after(throttle)
        waits.append(wait)
        clock.advance(wait)
        throttle.check(KEY)
    assert waits == [60, 120, 240, 480, 900, 900]


def test_retry_after_rounds_up(state: Path, clock: FakeClock) -> None:
    throttle = Throttle(state, clock)
    for _ in range(5):
        throttle.record_failure(KEY)
    clock.advance(0.2)
    assert retry_after(throttle) == 30


def test_counter_survives_restart(state: Path, clock: FakeClock) -> None:
    for _ in range(6):
        Throttle(state, clock).record_failure(KEY)
    fresh = Throttle(state, clock)  # "app restarted"
    assert fresh.failures(KEY) == 6
    assert retry_after(fresh) == 60


def test_success_resets_and_no_permanent_lockout(state: Path, clock: FakeClock) -> None:
    throttle = Throttle(state, clock)
    for _ in range(40):
        throttle.record_failure(KEY)
    assert retry_after(throttle) == 900  # capped, never "locked forever"
    clock.advance(900)
    throttle.check(KEY)
    throttle.record_success(KEY)
    assert throttle.failures(KEY) == 0
    throttle.check(KEY)
    assert throttle.record_failure(KEY) == 1


def test_keys_are_independent(state: Path, clock: FakeClock) -> None:
    throttle = Throttle(state, clock)
    other = Throttle.key_for("0" * 32, "tag-bertil")
    for _ in range(5):
        throttle.record_failure(KEY)
    retry_after(throttle)
    throttle.check(other)


def test_clock_going_backwards_does_not_extend_the_wait(state: Path, clock: FakeClock) -> None:
    throttle = Throttle(state, clock)
    for _ in range(5):
        throttle.record_failure(KEY)
    clock.advance(-86_400)  # user set the clock back a day
    assert retry_after(throttle) == 30


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b"\xff\xfe", b"[]", b'{"version": 99}', b'{"version": 1, "failures": {"k": 5}}', b"[" * 100_000],
)
def test_corrupt_state_is_treated_as_empty(state: Path, clock: FakeClock, content: bytes) -> None:
    state.parent.mkdir(parents=True)
    state.write_bytes(content)
    throttle = Throttle(state, clock)
    throttle.check(KEY)
    assert throttle.failures(KEY) == 0
    assert throttle.take_pending() == []
    assert throttle.record_failure(KEY) == 1  # and it recovers by rewriting the file
    assert json.loads(state.read_text())["failures"][KEY]["count"] == 1


def test_missing_state_is_empty(tmp_path: Path, clock: FakeClock) -> None:
    throttle = Throttle(tmp_path / "nope" / "state.json", clock)
    throttle.check(KEY)
    assert throttle.take_pending() == []
    throttle.record_success(KEY)  # nothing to reset: no file is created
    assert not (tmp_path / "nope").exists()


def test_pending_taken_and_cleared(state: Path, clock: FakeClock) -> None:
    throttle = Throttle(state, clock)
    other = Throttle.key_for("0" * 32, "tag-bertil")
    throttle.record_failure(KEY)
    clock.advance(5)
    throttle.record_failure(other)
    throttle.record_success(KEY)  # success does not drop what must be audited
    pending = Throttle(state, clock).take_pending()
    assert pending == [{"key": KEY, "at": clock.now - 5}, {"key": other, "at": clock.now}]
    assert throttle.take_pending() == []


def test_pending_is_capped(state: Path, clock: FakeClock) -> None:
    throttle = Throttle(state, clock)
    doc = {
        "version": 1,
        "failures": {},
        "pending": [{"key": KEY, "at": float(i)} for i in range(1000)],
    }
    state.parent.mkdir(parents=True)
    state.write_text(json.dumps(doc))
    throttle.record_failure(KEY)
    pending = throttle.take_pending()
    assert len(pending) == 1000
    assert pending[0]["at"] == 1.0  # the oldest was dropped
    assert pending[-1]["at"] == clock.now


def test_state_file_holds_no_names_and_is_private(state: Path, clock: FakeClock) -> None:
    key = Throttle.key_for("ab" * 16, "some-lookup-tag")
    assert len(key) == 64 and int(key, 16) >= 0
    assert key != Throttle.key_for("ab" * 16, "other-tag")
    assert key != Throttle.key_for("cd" * 16, "some-lookup-tag")
    Throttle(state, clock).record_failure(key)
    raw = state.read_bytes()
    assert b"some-lookup-tag" not in raw
    if os.name == "posix":
        assert stat.S_IMODE(state.stat().st_mode) == 0o600


def test_throttled_message_has_no_key(state: Path, clock: FakeClock) -> None:
    throttle = Throttle(state, clock)
    for _ in range(5):
        throttle.record_failure(KEY)
    with pytest.raises(Throttled) as info:
        throttle.check(KEY)
    assert KEY not in str(info.value)
    assert set(info.value.params) == {"retry_after"}
