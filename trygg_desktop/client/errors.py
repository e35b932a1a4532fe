"""The failures only a remote backend has, as domain errors with Swedish messages (the UI
shows them by code like every other refusal, ``domain/error_messages.py``)."""

from __future__ import annotations

from ..api.errors import AuthenticationError, TryggError, ValidationError


class ServerUnreachable(TryggError):
    """The server did not answer (network down, server stopped, timeout). Nothing was saved by
    this call on the client's side; an open editor keeps what was typed."""

    code = "server.unreachable"
    default_message = "Servern går inte att nå. Kontrollera nätverket och försök igen; inget har sparats."


class UntrustedCertificate(AuthenticationError):
    """The server's certificate is not trusted: not signed by the given CA, or its fingerprint
    was not accepted at the first connection."""

    code = "server.untrusted_certificate"
    default_message = "Serverns certifikat är inte betrott. Anslutningen avbröts."


class CertificateChanged(AuthenticationError):
    """The server shows another certificate than the one pinned for it: possibly an attack
    (someone in between), possibly a renewed certificate. Refused until IT confirms."""

    code = "server.certificate_changed"
    default_message = ("VARNING: serverns certifikat har ändrats sedan förra anslutningen. Det kan betyda att "
                       "någon försöker avlyssna anslutningen. Anslutningen avbröts; kontakta IT.")


class LocalOnly(ValidationError, AttributeError):
    """A function that works on the local database file (backup, restore, files on disk) was
    asked of a server backend. Also an AttributeError, so ``getattr(services, name, default)``
    and ``hasattr`` keep working on ``RemoteServices``."""

    code = "server.local_only"
    default_message = "Det här går bara med en lokal databasfil, inte mot en server."


class ServerError(TryggError):
    """The server failed unexpectedly (HTTP 500) or answered something that is not our API."""

    code = "server.error"
    default_message = "Serverfel. Försök igen eller kontakta IT."


__all__ = ["CertificateChanged", "LocalOnly", "ServerError", "ServerUnreachable", "UntrustedCertificate"]
