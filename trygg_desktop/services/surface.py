"""The remotable surface of the service layer: which methods a ``trygg-server`` offers, with
their types, generated from the services' own signatures.

Why generated: the desktop calls about a hundred service methods. Writing a route, a request
model and a client stub for each by hand would be three more copies of every signature to
keep in step, and a mismatch shows only at run time. Here each allowed method's parameters and
return annotation become pydantic types once (``MethodSpec``): the server builds one POST route
per method from them (``server/rpc.py``, published in ``/openapi.json``), the client encodes
the arguments and decodes the answer into the *same* frozen DTO classes with the same adapters
(``client/remote.py``). A changed signature changes all three at once.

Only an explicit allow-list is offered (``REMOTE``): a new service method is local until
someone adds it here. Left out on purpose (``local_file`` operations of one desktop file):
backups, restore, key rotation, the e-archive written to disk, anchor files, statistics written
to a path, and the file-level integrity check. They need the database file or the user's disk,
which a server client has neither of.

This module lives in the service layer (not in ``server/`` or ``client/``) because both ends
need it and the layers only import downwards.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, Callable

import base64
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer, TypeAdapter, WithJsonSchema, create_model

from ..domain.topics import Topic
from .base import CHANGES_ATTR
from .facade import Services

#: Method names that only read (the rest change something): ``MethodSpec.changes``.
READ_PREFIXES = ("get", "list", "search", "open", "for_", "directory", "recipients", "allowed_", "possible_",
                 "case_history", "eligible", "active_", "lookup", "picture", "setup", "collect", "plan_printout",
                 "attachment", "actions", "duplicates", "report", "trend", "periods", "preview", "check", "defaults",
                 "disposal_log", "due", "hold_of", "legal_holds", "rules", "options", "record_output", "export",
                 "candidates")


#: (service attribute → methods) offered over the network: what the desktop's pages and dialogs
#: call (``grep -r "services\\." trygg_desktop/ui``), minus the local-file operations.
REMOTE: dict[str, tuple[str, ...]] = {
    "users": ("add_unit", "add_user", "change_own_password", "directory", "list_units", "list_users",
              "remove_user", "reset_password", "set_units"),
    "persons": ("add_guardian", "get", "possible_duplicates", "register", "reveal_protected", "search"),
    "cases": ("allowed_transitions", "assign", "change_status", "create", "list", "set_follow_up", "unassign"),
    "case_view": ("open",),
    "consents": ("create", "list_for_case", "revoke", "sign"),
    "assessments": ("add_assessment", "add_breach", "add_instrument", "add_risk_level", "add_threat_assessment",
                    "set_conditions"),
    "plans": ("add_action", "add_goal", "get_current", "new_version", "set_action_status"),
    "meetings": ("add_attendee", "add_correction", "create", "get", "list", "set_agenda_item", "set_next_meeting",
                 "set_protocol_status"),
    "journal": ("add", "correct", "list", "search"),
    "disclosures": ("list", "record"),
    "dashboard": ("for_me",),
    "audit_view": ("case_history", "search"),
    "exchange": ("export", "export_bytes", "import_bytes"),
    "protocols": ("plan_printout", "protocol", "recipients"),
    "emergency": ("active_grants", "eligible", "end_all", "grant", "lookup", "lookup_case", "review"),
    "extract": ("collect",),
    "log_review": ("check_anchors", "list_reviews", "record_output", "report", "sign_off"),
    "retention": ("clear_legal_hold", "disposal_log", "due", "hold_of", "legal_holds", "rules", "run",
                  "set_legal_hold", "set_rule"),
    "statistics": ("options", "record_output", "report"),
    "earchive": ("candidates",),
    "est_setup": ("add_area", "add_category", "add_place", "import_areas", "set_category_active", "setup"),
    "est_incidents": ("check", "defaults", "get", "list", "register", "update"),
    "est_import": ("import_file",),
    "est_actions": ("create", "list", "set_status"),
    "est_picture": ("export_json", "picture", "record_output"),
    "est_meetings": ("actions", "add_action", "attachment", "create", "list"),
}

#: Services whose methods are all local-file work (the client's proxy refuses each clearly).
LOCAL_ONLY_SERVICES = ("backup", "demo", "integrity")


class _ClassOf:
    """Stands in for a ``Services`` so a facade property hands back its service *class*:
    the facade stays the one list of services (``Services._make(cls)`` → ``cls``)."""

    db = actor = today = None

    def _make(self, cls: type) -> type:
        return cls


@cache
def service_classes(skip: tuple[str, ...] = ()) -> dict[str, type]:
    """Attribute name → service class, for every service the facade hands out but ``skip``
    (a remote client skips ``LOCAL_ONLY_SERVICES``: it never imports them, e.g. the demo's Faker)."""
    return {name: attr.func(_ClassOf()) for name, attr in vars(Services).items()
            if isinstance(attr, cached_property) and name not in skip}


def _from_base64(value: Any) -> Any:
    return base64.b64decode(value, validate=True) if isinstance(value, str) else value


#: bytes on the wire: base64 text in JSON, real bytes on both ends (pydantic's own Base64Bytes
#: would decode the caller's raw bytes as if they were base64).
WireBytes = Annotated[bytes, BeforeValidator(_from_base64),
                      PlainSerializer(lambda b: base64.b64encode(b).decode("ascii"), return_type=str, when_used="json"),
                      WithJsonSchema({"type": "string", "contentEncoding": "base64"})]


def _wire(annotation: Any) -> Any:
    """The type as it travels: bytes as base64 text, iterables as lists (JSON has no stream)."""
    if annotation is bytes:
        return WireBytes
    origin = typing.get_origin(annotation)
    if origin in (Iterable, Sequence):
        (item,) = typing.get_args(annotation) or (Any,)
        return list[_wire(item)]
    if origin in (typing.Union, types.UnionType):
        args = tuple(_wire(a) for a in typing.get_args(annotation))
        return typing.Union[args]
    return annotation


@dataclass(frozen=True)
class MethodSpec:
    """One remotable method: its signature, request model and response adapter."""

    service: str
    method: str
    signature: inspect.Signature  # without ``self``
    request: type[BaseModel]
    returns: Any  # the wire return annotation (None for a method that returns nothing)
    #: What a call changes, as the method declares it (``services.base.changes``); None: undeclared.
    topics: frozenset[Topic] | None = None

    @property
    def path(self) -> str:
        return f"/api/v1/call/{self.service}/{self.method}"

    @property
    def changes(self) -> bool:
        """Does a call change data (and ring the colleagues' doorbell, ``server/changes.py``)?
        By name: the services name their reads get/list/search/open/…; everything else writes
        or records a disclosure."""
        return not self.method.startswith(READ_PREFIXES)

    @cached_property
    def response(self) -> TypeAdapter:
        return TypeAdapter(self.returns)

    def encode(self, *args: Any, **kwargs: Any) -> bytes:
        """The JSON body for a call, checked against the signature as a local call would be."""
        bound = self.signature.bind(*args, **kwargs)
        return self.request.model_validate(bound.arguments).model_dump_json(exclude_unset=True).encode()

    def decode(self, body: bytes) -> Any:
        """The answer's DTO from the response's JSON, parsed and checked in one pass by pydantic
        (``json.loads`` and then the check took twice as long: 0.4 ms for a case view)."""
        return None if self.returns is None else self.response.validate_json(body)


def _spec(service: str, method: str, func: Callable[..., Any]) -> MethodSpec:
    hints = typing.get_type_hints(func)
    signature = inspect.signature(func)
    params = list(signature.parameters.values())[1:]
    fields: dict[str, Any] = {}
    for p in params:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            raise TypeError(f"{service}.{method}: *args/**kwargs cannot be offered remotely")
        default = ... if p.default is inspect.Parameter.empty else p.default
        fields[p.name] = (_wire(hints[p.name]), default)
    title = "".join(part.title() for part in f"{service}_{method}".split("_"))
    request = create_model(f"{title}Request", __config__=ConfigDict(extra="forbid", arbitrary_types_allowed=False),
                           **fields)
    returns = hints.get("return", type(None))
    return MethodSpec(service, method, signature.replace(parameters=params), request,
                      None if returns is type(None) else _wire(returns), getattr(func, CHANGES_ATTR, None))


@cache
def surface() -> dict[tuple[str, str], MethodSpec]:
    """Every allowed (service, method) with its spec; built once per process."""
    classes = service_classes(skip=LOCAL_ONLY_SERVICES)   # none of their methods is remotable
    specs: dict[tuple[str, str], MethodSpec] = {}
    for service, methods in REMOTE.items():
        for method in methods:
            specs[service, method] = _spec(service, method, getattr(classes[service], method))
    return specs


def public_methods(cls: type) -> list[str]:
    """The methods a caller of ``cls`` may use (what a remote proxy must answer for too)."""
    return [name for name, _f in inspect.getmembers(cls, inspect.isfunction)
            if not name.startswith("_") and name != "tx"]


__all__ = ["LOCAL_ONLY_SERVICES", "MethodSpec", "REMOTE", "public_methods", "service_classes", "surface"]
