"""Which server certificate the desktop trusts: a CA file, or a fingerprint pinned at first use.

TLS verification is always on (never ``verify=False``). Two ways to trust a server:

* ``--ca FILE``: the municipality's CA (or the server's own certificate); the system's CAs
  are not consulted, so only certificates that CA signed are accepted.
* Pinning, as SSH's ``known_hosts``: at the first connection the client reads the server's
  leaf certificate, shows its SHA-256 fingerprint and asks the user to compare it with the one
  ``trygg-server`` printed. Once trusted, the fingerprint is stored (owner-only file in the
  user's config folder) and that certificate becomes the *only* trust anchor for the host
  (``VERIFY_X509_PARTIAL_CHAIN``, host name checked too). A different certificate later is
  refused with a warning: it may be someone in between, or a renewal IT must announce.

Reading the leaf for the comparison is the one handshake that does not verify; nothing is
sent over it, and the connection that carries the password verifies against what was read.
"""

from __future__ import annotations

import json
import os
import ssl
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import platformdirs

from ..api.errors import ValidationError
from ..paths import APP_AUTHOR, APP_NAME
from ..vault.private_file import write_private
from .errors import CertificateChanged, ServerUnreachable, UntrustedCertificate

#: Asked at the first connection to a server: (host:port, fingerprint) → trust it?
ConfirmFingerprint = Callable[[str, str], bool]


def fingerprint(cert_pem: str | bytes) -> str:
    """SHA-256 of the certificate (DER), colon-separated hex, as ``trygg-server`` prints it."""
    import hashlib
    der = ssl.PEM_cert_to_DER_cert(cert_pem.decode() if isinstance(cert_pem, bytes) else cert_pem)
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def config_dir() -> Path:
    """The user's config folder (override: TRYGG_CONFIG_DIR, for tests and portable set-ups)."""
    override = os.environ.get("TRYGG_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


def server_address(url: str) -> tuple[str, int]:
    """(host, port) of an ``https://`` URL; anything else is refused (TLS is required)."""
    parts = urlsplit(url.strip())
    if parts.scheme != "https" or not parts.hostname:
        raise ValidationError("Serveradressen måste börja med https:// (till exempel https://trygg.kommun.se:8443).",
                              code="server.url_invalid")
    try:
        return parts.hostname, parts.port or 443
    except ValueError:
        raise ValidationError("Serveradressens port är ogiltig.", code="server.url_invalid") from None


class KnownServers:
    """``known_servers.json``: host:port → pinned fingerprint (like SSH's known_hosts)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else config_dir() / "known_servers.json"

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            raise UntrustedCertificate(f"Filen med betrodda servrar går inte att läsa ({self.path}). "
                                       "Ta bort den för att bekräfta servrarna igen.",
                                       code="server.known_servers_unreadable") from None
        return {str(k): str(v) for k, v in data.get("servers", {}).items()} if isinstance(data, dict) else {}

    def get(self, host_port: str) -> str | None:
        return self._load().get(host_port)

    def trust(self, host_port: str, fp: str) -> None:
        servers = self._load()
        servers[host_port] = fp
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_private(self.path, json.dumps({"servers": servers}, indent=2, sort_keys=True).encode("utf-8"))


def fetch_certificate(host: str, port: int, *, timeout: float = 10.0) -> str:
    """The leaf certificate the server presents (PEM), read for the fingerprint comparison."""
    try:
        return ssl.get_server_certificate((host, port), timeout=timeout)
    except (OSError, ssl.SSLError):
        raise ServerUnreachable(code="server.unreachable", host=f"{host}:{port}") from None


def pinned_context(cert_pem: str) -> ssl.SSLContext:
    """A context that trusts exactly this certificate (leaf or CA), with host name checking."""
    context = ssl.create_default_context(cadata=cert_pem)
    context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    return context


def ca_context(cafile: Path) -> ssl.SSLContext:
    try:
        return ssl.create_default_context(cafile=str(cafile))
    except (OSError, ssl.SSLError):
        raise UntrustedCertificate(f"CA-filen går inte att läsa: {cafile}", code="server.ca_unreadable") from None


def trust_for(url: str, *, ca: Path | None = None, confirm: ConfirmFingerprint | None = None,
              known: KnownServers | None = None) -> ssl.SSLContext:
    """The SSL context to reach ``url`` with, after the trust decision (see the module docstring).

    Raises ``CertificateChanged`` if a pinned server shows another certificate, and
    ``UntrustedCertificate`` if a new one is not confirmed (``confirm`` absent or says no)."""
    if ca is not None:
        return ca_context(ca)
    host, port = server_address(url)
    host_port = f"{host}:{port}"
    known = known or KnownServers()
    pinned = known.get(host_port)
    pem = fetch_certificate(host, port)
    seen = fingerprint(pem)
    if pinned is None:
        if confirm is None or not confirm(host_port, seen):
            raise UntrustedCertificate(code="server.untrusted_certificate", fingerprint=seen)
        known.trust(host_port, seen)
    elif pinned != seen:
        raise CertificateChanged(
            f"VARNING: serverns certifikat har ändrats sedan förra anslutningen ({host_port}).\n"
            f"Betrott: {pinned}\nNu: {seen}\nDet kan betyda att någon försöker avlyssna anslutningen. "
            "Anslutningen avbröts; kontakta IT.", code="server.certificate_changed", expected=pinned, seen=seen)
    return pinned_context(pem)


__all__ = ["ConfirmFingerprint", "KnownServers", "ca_context", "config_dir", "fetch_certificate", "fingerprint",
           "pinned_context", "server_address", "trust_for"]
