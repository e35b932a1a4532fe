"""One worker of ``trygg-server serve --workers N`` (N > 1).

uvicorn starts each worker as a fresh process and asks it for its application by import
string, so the worker opens its own connection pool from ``TRYGG_SERVER_DSN`` (set by
``serve``, which has already brought the schema to the program's version: the workers never
migrate, and never race to). Everything the workers must agree on (sessions, the change
doorbell, the sign-in throttle) lives in the database (``services/server_state.py``).
"""

from __future__ import annotations

import os
from contextlib import asynccontextmanager

from fastapi import FastAPI

from ..api.server_operations import open_server_database
from .api import create_app


def app() -> FastAPI:
    """The worker's application (uvicorn's ``factory=True``); its pool closes with it."""
    db = open_server_database(os.environ["TRYGG_SERVER_DSN"])
    application = create_app(db)
    inner = application.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a: FastAPI):
        async with inner(a) as state:
            try:
                yield state
            finally:
                db.close()

    application.router.lifespan_context = lifespan
    return application


__all__ = ["app"]
