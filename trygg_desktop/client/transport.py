"""HTTPS to ``trygg-server``: sign-in, the bearer token, one POST per service call, errors back
into the domain's exception classes.

A refusal from the server arrives as JSON ``{code, message, kind, params}`` and is raised here
as the same class (``AccessDenied``, ``ValidationError``, ``NotFound`` …) with the same code
and message, so the window's error banners and dialogs work as they do locally. A network
failure is ``ServerUnreachable``; a certificate that fails verification is
``UntrustedCertificate``; an unexpected server failure is ``ServerError`` (never a traceback).
"""

from __future__ import annotations

import ssl
from typing import Any, Callable

import httpx
from pydantic import TypeAdapter

from ..domain import errors as domain_errors
from ..domain.access import Actor
from ..api.errors import AuthenticationError, TryggError
from .errors import ServerError, ServerUnreachable, UntrustedCertificate

API = "/api/v1"


def _error_classes() -> dict[str, type[TryggError]]:
    """Every ``TryggError`` subclass loaded in this process, by name (the server's ``kind``)."""
    found: dict[str, type[TryggError]] = {}
    todo: list[type[TryggError]] = [TryggError]
    while todo:
        cls = todo.pop()
        found.setdefault(cls.__name__, cls)
        todo.extend(cls.__subclasses__())
    # The domain's own classes win a name clash: they are what the UI tests for.
    found.update({n: c for n, c in vars(domain_errors).items() if isinstance(c, type) and issubclass(c, TryggError)})
    return found


def rebuild_error(status: int, body: Any) -> TryggError:
    """The exception the server raised, as the same class with the same code and message."""
    if not isinstance(body, dict) or not isinstance(body.get("code"), str):
        return ServerError(code="server.error", status=status)
    cls = _error_classes().get(str(body.get("kind", "")), None)
    if cls is None:
        cls = {401: AuthenticationError, 403: domain_errors.AccessDenied, 404: domain_errors.NotFound,
               429: domain_errors.Throttled}.get(status, ServerError if status >= 500 else domain_errors.ValidationError)
    params = body.get("params") if isinstance(body.get("params"), dict) else {}
    if "retry_after" in body:
        params = {**params, "retry_after": body["retry_after"]}
    exc = cls.__new__(cls)  # not cls(...): a subclass may have its own constructor arguments
    TryggError.__init__(exc, str(body.get("message") or "") or None, code=body["code"], **params)
    return exc


def _is_certificate_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


#: How long the desktop reuses an idle connection to the server: shorter than the server keeps
#: one open (``server/main.py`` KEEP_ALIVE_SECONDS), so the server never closes one under a call.
KEEPALIVE_SECONDS = 15


class Transport:
    """One server, one TLS trust decision, at most one session token."""

    def __init__(self, url: str, context: ssl.SSLContext, *, timeout: float = 30.0) -> None:
        self.url = url.rstrip("/")
        self._client = httpx.Client(base_url=self.url, verify=context, timeout=timeout,
                                    headers={"User-Agent": "trygg-desktop"},
                                    limits=httpx.Limits(keepalive_expiry=KEEPALIVE_SECONDS))
        self.token: str | None = None
        self.idle_minutes: int | None = None

    def request(self, method: str, path: str, *, json: Any = None, auth: bool = True,
                params: dict[str, Any] | None = None, content: bytes | None = None,
                decode: Callable[[bytes], Any] | None = None) -> Any:
        """The answer's JSON, or ``decode`` of its bytes; ``content`` is a JSON body already
        encoded. An error answer is raised as the error class the server raised."""
        headers = {"Authorization": f"Bearer {self.token}"} if auth and self.token else {}
        if content is not None:
            headers["Content-Type"] = "application/json"
        try:
            response = self._client.request(method, path, json=json, content=content, headers=headers, params=params)
        except httpx.TransportError as exc:
            if _is_certificate_failure(exc):
                raise UntrustedCertificate(code="server.untrusted_certificate") from None
            raise ServerUnreachable(code="server.unreachable") from None
        if response.status_code < 400 and decode is not None:
            return decode(response.content)
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.status_code >= 400:
            raise rebuild_error(response.status_code, body)
        return body

    def sign_in(self, username: str, password: str) -> Actor:
        """Check the password on the server; keep the token; return who it signs in as."""
        info = self.request("POST", f"{API}/session", json={"username": username, "password": password}, auth=False)
        self.token, self.idle_minutes = info["token"], info.get("idle_minutes")
        return TypeAdapter(Actor).validate_python(self.request("GET", f"{API}/session/actor"))

    def sign_out(self) -> bool:
        """End the session on the server and forget the token (lock, logout). The token is
        forgotten even if the server cannot be reached: it then runs out there by itself."""
        if not self.token:
            return False
        try:
            return bool((self.request("DELETE", f"{API}/session") or {}).get("closed"))
        except TryggError:
            return False
        finally:
            self.token = None

    def close(self) -> None:
        self.sign_out()
        self._client.close()


__all__ = ["API", "Transport", "rebuild_error"]
