"""The HTTPS API of trygg-server (FastAPI): the service layer, over the network.

Every request runs the same services as the desktop does locally, as the signed-in user
(``Services(db, actor)``): the same access policy, the same transaction with its audit event,
the same frozen DTOs, serialised by FastAPI/pydantic from their type hints (the OpenAPI
document is at ``/openapi.json``). No business rule lives here: this module maps HTTP to the
services and the errors back.

Errors: a ``TryggError`` becomes JSON ``{"code", "message"}`` with a status by kind (401 sign-in,
403 refused, 404 not found, 409 conflict, 422 invalid, 429 throttled, 503 integrity); anything
else is a 500 with ``{"code": "server.error"}`` and no traceback (the log has the type and
place only, as in the desktop: ``ui.errors.safe_details`` style).

Sign-in: ``POST /api/v1/session`` checks the password (Argon2id verifier) under the same
throttle as the desktop, per account and per client address; the token is sent back as
``Authorization: Bearer …`` on every call. Removing a user ends their sessions at once.
"""

from __future__ import annotations

import logging
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Iterator

from fastapi import Depends, FastAPI, Header, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ..domain.access import Actor
from ..api.errors import (AccessDenied, AuthenticationError, IntegrityFailure, NotFound, Throttled, TryggError,
                          ValidationError, WrongPassword)
from ..api.inputs import CaseFilter
from ..api.operations import Database
from ..api.results import CaseSummary, JournalDTO
from ..api.facade import Services
from ..api.server_operations import SharedChanges, SharedSessions, SharedThrottle, session_ended, sign_in
from ..store.migrate import head_revision
from .rpc import include_rpc
from .sessions import IDLE_MINUTES, SessionStore, bearer_token

log = logging.getLogger(__name__)
API = "/api/v1"


class SignIn(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)


@dataclass(frozen=True)
class SessionInfo:
    token: str
    idle_minutes: int
    username: str
    display_name: str
    agency: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class CaseList:
    cases: list[CaseSummary]
    total: int


@dataclass(frozen=True)
class Health:
    status: str
    schema_revision: str


_STATUS = ((Throttled, 429), (WrongPassword, 401), (AuthenticationError, 401), (AccessDenied, 403), (NotFound, 404),
           (IntegrityFailure, 503), (ValidationError, 422))


def _status(exc: TryggError) -> int:
    if exc.code.endswith(".conflict"):
        return 409
    return next((status for kind, status in _STATUS if isinstance(exc, kind)), 422)


def services_for(request: Request, authorization: Annotated[str | None, Header()] = None) -> Services:
    """The services as the session's user, the session checked first: every API call but
    sign-in and health goes through this or ``services_during``."""
    state = request.app.state
    token = bearer_token(authorization)
    actor = state.sessions.get(token) if token else None
    if actor is None:
        raise session_ended()
    return Services(state.db, actor, today=state.today)


@contextmanager
def services_during(request: Request, authorization: str | None) -> Iterator[Services]:
    """The services as the session's user for one generated call (server/rpc.py): a token this
    worker checked in full moments ago is checked again inside the call's first statement
    (``SessionStore.checked_in_call``), any other before the call, as ``services_for`` does."""
    state = request.app.state
    token = bearer_token(authorization)
    actor = state.sessions.recent(token) if token else None
    if actor is None:
        yield services_for(request, authorization)
        return
    with state.sessions.checked_in_call(token, actor):
        yield Services(state.db, actor, today=state.today)


Authed = Annotated[Services, Depends(services_for)]


def create_app(db: Database, *, today: date | None = None) -> FastAPI:
    """The API over an open server database. Sessions, the change doorbell and the sign-in
    throttle live in that database (``services/server_state.py``), so any number of workers,
    each with its own ``create_app``, serve the same users."""
    app = FastAPI(title="Trygg Desktop server", version=head_revision(), docs_url=None, redoc_url=None)
    sessions = SessionStore(SharedSessions(db.engine))
    throttle = SharedThrottle(db.engine)
    app.state.sessions, app.state.db, app.state.today = sessions, db, today
    app.state.changes = SharedChanges(db.engine)

    @app.exception_handler(TryggError)
    async def trygg_error(_request: Request, exc: TryggError) -> JSONResponse:
        # ``kind`` and ``params`` let the desktop's remote backend raise the same class again
        # (client/remote.py); the params go back only to the user whose call raised them.
        body = {"code": exc.code, "message": exc.message, "kind": type(exc).__name__,
                "params": _jsonable(exc.params)}
        if isinstance(exc, Throttled):
            body["retry_after"] = int(exc.params.get("retry_after", 0))
        return JSONResponse(body, status_code=_status(exc))

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        frames = traceback.extract_tb(exc.__traceback__)
        where = f"{frames[-1].filename.rsplit('trygg_desktop', 1)[-1]}:{frames[-1].lineno}" if frames else "?"
        log.error("unexpected %s at %s", type(exc).__name__, where)  # never the message: it may hold data
        return JSONResponse({"code": "server.error", "message": "Serverfel. Försök igen eller kontakta IT."},
                            status_code=500)

    include_rpc(app, services_for, services_during)  # POST /api/v1/call/{service}/{method}, generated (server/rpc.py)

    @app.get("/health")
    def health() -> Health:
        return Health(status="ok", schema_revision=head_revision())

    @app.post(f"{API}/session")
    def open_session(body: SignIn, request: Request) -> SessionInfo:
        client = request.client.host if request.client else "?"
        account = SharedThrottle.key_for(db.db_uuid, "account:" + body.username.strip().casefold())
        address = SharedThrottle.key_for(db.db_uuid, "address:" + client)
        for key in (account, address):
            throttle.check(key)
        try:
            actor = sign_in(db, body.username, body.password)  # one Argon2id check at a time (vault/kdf.py)
        except WrongPassword:
            for key in (account, address):
                throttle.record_failure(key)
            raise
        throttle.record_success(account)
        return _session_info(sessions.open(actor, client), actor)

    @app.delete(f"{API}/session")
    def close_session(authorization: Annotated[str | None, Header()] = None) -> dict[str, bool]:
        return {"closed": sessions.close(bearer_token(authorization))}

    @app.get(f"{API}/cases")
    def list_cases(s: Authed, query: str | None = None, kind: str | None = None, open_only: bool = False,
                   offset: int = 0, limit: int = 100) -> CaseList:
        cases, total = s.cases.list(CaseFilter(query=query, kind=kind, open_only=open_only, offset=offset,
                                               limit=limit))
        return CaseList(cases=list(cases), total=total)

    @app.get(f"{API}/journal/search")
    def search_journal(s: Authed, q: str, limit: int = 50) -> list[JournalDTO]:
        return s.journal.search(q, limit=limit)

    @app.post(f"{API}/users/{{username}}/remove")
    def remove_user(s: Authed, username: str) -> dict[str, int]:
        user_id = next((u.id for u in s.users.list_users() if u.username == username), None)
        s.users.remove_user(username)
        return {"sessions_ended": sessions.end_user(user_id) if user_id is not None else 0}

    return app


def _jsonable(params: dict) -> dict:
    try:
        return jsonable_encoder(params)
    except (TypeError, ValueError):  # an odd parameter must not turn a clear refusal into a 500
        return {}


def _session_info(token: str, actor: Actor) -> SessionInfo:
    return SessionInfo(token=token, idle_minutes=IDLE_MINUTES, username=actor.username,
                       display_name=actor.display_name or actor.username, agency=actor.agency,
                       roles=tuple(sorted(actor.roles)))


__all__ = ["API", "create_app"]
