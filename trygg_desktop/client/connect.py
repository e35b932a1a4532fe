"""Signing in to a server in one call: trust decision, TLS connection, password check."""

from __future__ import annotations

from pathlib import Path

from .remote import RemoteServices
from .transport import Transport
from .trust import ConfirmFingerprint, KnownServers, server_address, trust_for


def connect(url: str, username: str, password: str, *, ca: Path | None = None,
            confirm: ConfirmFingerprint | None = None, known: KnownServers | None = None,
            timeout: float = 30.0) -> RemoteServices:
    """``RemoteServices`` signed in as ``username`` on the server at ``url`` (https only).

    The certificate is trusted through ``ca`` or the pinned fingerprint (``trust.py``); a wrong
    password is ``WrongPassword``, a throttle ``Throttled``, as for a local unlock."""
    server_address(url)  # refuse anything but https:// before any network traffic
    transport = Transport(url, trust_for(url, ca=ca, confirm=confirm, known=known), timeout=timeout)
    try:
        actor = transport.sign_in(username, password)
    except BaseException:
        transport.close()
        raise
    return RemoteServices(transport, actor)


__all__ = ["connect"]
