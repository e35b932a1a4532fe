"""``RemoteServices``: the ``Services`` facade, answered by a ``trygg-server``.

The same attribute names as ``api.facade.Services`` (``cases``, ``journal`` …); each is a
proxy whose methods have the real method's signature (``inspect.signature`` shows it), encode
the arguments with the generated request model, POST them and decode the answer into the
same DTO classes (``services/surface.py``). So a page cannot tell the two backends apart; the
one thing it may ask is ``services.local_file``: ``None`` here, so local-file functions
(backup, restore, files written by the services) are hidden or refused with ``LocalOnly``.
"""

from __future__ import annotations

import inspect
from typing import Any, Callable

from ..domain.access import Actor
from ..api.remote import CHANGES_ATTR, LOCAL_ONLY_SERVICES, MethodSpec, public_methods, service_classes, surface
from .errors import LocalOnly
from .transport import Transport


def _remote(spec: MethodSpec, transport: Transport) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        return transport.request("POST", spec.path, content=spec.encode(*args, **kwargs), decode=spec.decode)

    call.__signature__ = spec.signature  # type: ignore[attr-defined]
    call.__name__ = call.__qualname__ = spec.method
    if spec.topics is not None:  # what the service method declares it changes (services.base.changes)
        setattr(call, CHANGES_ATTR, spec.topics)
    return call


def _local_only(service: str, method: str, func: Callable[..., Any]) -> Callable[..., Any]:
    def call(*_args: Any, **_kwargs: Any) -> Any:
        raise LocalOnly(code="server.local_only", function=f"{service}.{method}")

    signature = inspect.signature(func)
    call.__signature__ = signature.replace(parameters=list(signature.parameters.values())[1:])  # type: ignore
    call.__name__ = call.__qualname__ = method
    return call


class ServiceProxy:
    """One service's methods, remote where the server offers them, ``LocalOnly`` otherwise."""

    def __init__(self, name: str, cls: type, transport: Transport) -> None:
        self._name = name
        specs = surface()
        for method in public_methods(cls):
            spec = specs.get((name, method))
            setattr(self, method, _remote(spec, transport) if spec is not None
                    else _local_only(name, method, getattr(cls, method)))

    def __repr__(self) -> str:
        return f"<remote {self._name}>"


class LocalOnlyService:
    """A service that needs the local file: any method of it is refused with ``LocalOnly``."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, method: str) -> Any:
        if method.startswith("__"):
            raise AttributeError(method)
        raise LocalOnly(code="server.local_only", function=f"{self._name}.{method}")

    def __repr__(self) -> str:
        return f"<local only {self._name}>"


class RemoteServices:
    """What the window holds after a server sign-in; see the module docstring."""

    #: No local database file: backup, restore and other file functions are not offered.
    local_file = None

    def __init__(self, transport: Transport, actor: Actor) -> None:
        self.transport, self.actor, self.today = transport, actor, None
        self.location = transport.url
        self._changes_seen: int | None = None
        for name, cls in service_classes(skip=LOCAL_ONLY_SERVICES).items():
            setattr(self, name, ServiceProxy(name, cls, transport))
        # The local-only services (backup, demo, integrity) are there, but every method of theirs
        # is ``LocalOnly``, and their modules (the demo's Faker) are never loaded for it.
        for name in LOCAL_ONLY_SERVICES:
            setattr(self, name, LocalOnlyService(name))

    #: Colleagues write to the same database: the window polls ``colleague_changes``.
    shared_database = True

    def colleague_changes(self) -> bool:
        """Has someone else changed anything since the last call (``GET /api/v1/changes``)?
        The first call only takes the server's current number."""
        answer = self.transport.request("GET", "/api/v1/changes", params=(
            {"since": self._changes_seen} if self._changes_seen is not None else None))
        self._changes_seen = answer["latest"]
        return bool(answer["others"])

    def __getattr__(self, name: str):
        """What a local ``Services`` has and a server does not (``db``, a key, a file path): a clear
        refusal instead of a traceback, in the CLI and the window alike."""
        if name.startswith("__"):
            raise AttributeError(name)
        raise LocalOnly(code="server.local_only", function=name)

    def as_user(self, actor: Actor) -> "RemoteServices":
        raise LocalOnly(code="server.local_only", function="as_user")

    def close(self) -> None:
        """Discard the token (lock, logout) and the connection."""
        self.transport.close()


__all__ = ["LocalOnlyService", "RemoteServices", "ServiceProxy"]
