"""The generated RPC routes of trygg-server: one POST per allowed service method.

``POST /api/v1/call/{service}/{method}`` with a JSON body of the method's parameters (a pydantic
model made from its signature, ``services/surface.py``) runs ``getattr(Services(db, actor),
service).method(**body)`` as the session's user, exactly as the hand-made routes do: the
access policy, the transaction and its audit event stay in the services. The answer is the
method's return annotation, serialised by pydantic; FastAPI publishes both in ``/openapi.json``
with the real DTO types. A domain error goes back through the API's ``TryggError`` handler
(JSON ``{code, message, kind, params}``), so the client can raise the same class again.

Also here: ``GET /api/v1/session/actor`` (who the token is, with roles and units, so the
desktop shows the same pages as a local sign-in would), and a 422 in the same JSON shape
for a body that does not fit the signature (never pydantic's raw report: it echoes input).
"""

from __future__ import annotations

import inspect
from typing import Annotated, Any, Callable, ContextManager

from fastapi import Depends, FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ..domain.access import Actor
from ..api.facade import Services
from ..api.remote import MethodSpec, service_classes, surface
from .changes import ChangeAnswer, caller_key, ringing_for

CALL = "/api/v1/call"


def _endpoint(spec: MethodSpec, services_during: Callable[..., ContextManager[Services]]) -> Callable[..., Any]:
    """A route function for ``spec`` whose signature FastAPI reads: the body model, the request
    and its ``Authorization`` header (checked by ``api.services_during``)."""
    names = list(spec.signature.parameters)

    def run(body: Any, request: Request, authorization: str | None) -> Any:
        with services_during(request, authorization) as s:
            return invoke(s, body, request, authorization)

    def invoke(s: Services, body: Any, request: Request, authorization: str | None) -> Any:
        bound = getattr(getattr(s, spec.service), spec.method)
        # Only what the caller sent: the method's own defaults apply to the rest, as locally.
        sent = body.model_fields_set
        arguments = {name: getattr(body, name) for name in names if name in sent}
        if not spec.changes:
            return bound(**arguments)
        # The colleagues' doorbell (server/changes.py) rings in the call's own transactions; a
        # refusal rings nothing, and a call that wrote without one is rung after it.
        key = caller_key(authorization)
        with ringing_for(key) as bell:
            result = bound(**arguments)
        if not bell.rang:
            request.app.state.changes.record(key)
        return result

    async def call(body: Any, request: Request, authorization: str | None = None) -> Any:
        # The session check, the service and the doorbell in one trip to a worker thread. As a
        # plain function with the session check as a dependency, FastAPI made three (the
        # dependency, the function, the answer's validation), some 0.1 ms each.
        return await run_in_threadpool(run, body, request, authorization)

    call.__name__ = f"{spec.service}_{spec.method}"
    call.__doc__ = inspect.getdoc(getattr(service_classes()[spec.service], spec.method))
    call.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
        inspect.Parameter("body", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=spec.request),
        inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request),
        inspect.Parameter("authorization", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                          annotation=Annotated[str | None, Header()], default=None)])
    return call


def include_rpc(app: FastAPI, services_for: Callable[..., Services],
                services_during: Callable[..., ContextManager[Services]]) -> int:
    """Register the generated routes on ``app``; returns how many. ``services_for`` checks the
    session before a call (a dependency), ``services_during`` around it (a context manager)."""
    authed = Annotated[Services, Depends(services_for)]
    specs = surface()
    for spec in specs.values():
        app.add_api_route(spec.path, _endpoint(spec, services_during), methods=["POST"], response_model=spec.returns,
                          tags=[spec.service], operation_id=f"{spec.service}.{spec.method}",
                          summary=f"{spec.service}.{spec.method}")

    def session_actor(s: Services) -> Actor:
        return s.actor

    session_actor.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter("s", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=authed)], return_annotation=Actor)
    app.add_api_route("/api/v1/session/actor", session_actor, methods=["GET"], response_model=Actor,
                      tags=["session"], summary="Who the bearer token signs in as")

    def changes(s: Services, request: Request, since: int | None = None) -> ChangeAnswer:
        return request.app.state.changes.since(since, caller_key(request.headers.get("authorization")))

    changes.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
        inspect.Parameter("s", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=authed),
        inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request),
        inspect.Parameter("since", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=int | None, default=None)],
        return_annotation=ChangeAnswer)
    app.add_api_route("/api/v1/changes", changes, methods=["GET"], response_model=ChangeAnswer, tags=["session"],
                      summary="Has a colleague changed anything since the last poll (no data, not audited)")

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        fields = sorted({".".join(str(p) for p in e.get("loc", ())[1:2]) for e in exc.errors()} - {""})
        return JSONResponse({"code": "request.invalid", "kind": "ValidationError",
                             "message": "Uppgifterna i anropet passar inte.", "params": {"fields": fields}},
                            status_code=422)

    return len(specs)


__all__ = ["CALL", "include_rpc"]
