"""``trygg-server serve`` stops on SIGTERM while desktops hold their connection open (systemd's
stop): running requests get a few seconds, idle keep-alive connections do not hold it up."""

from __future__ import annotations

import signal
import time
from typing import Iterator

import pytest

from trygg_desktop.client.connect import connect
from trygg_desktop.server.main import GRACEFUL_SECONDS

from ..conftest import PASSWORD
from .remote_support import RemoteWorld, build_remote_world


@pytest.fixture(scope="module")
def remote(pg_cluster, pg_template) -> Iterator[RemoteWorld]:
    yield from build_remote_world(pg_cluster, pg_template)


def test_sigterm_ends_the_server_with_a_desktop_connected(remote: RemoteWorld) -> None:
    desktop = connect(remote.url, "samordnare", PASSWORD, ca=remote.cert)
    try:
        desktop.cases.list()                       # the connection is open and idle now
        started = time.monotonic()
        remote.process.send_signal(signal.SIGTERM)
        remote.process.wait(timeout=GRACEFUL_SECONDS + 10)
        assert time.monotonic() - started < GRACEFUL_SECONDS + 5
    finally:
        desktop.transport._client.close()          # the server is gone: no sign-out to send
