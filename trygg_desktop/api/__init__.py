"""The services' API: the one way in for the layers above the services.

``ui/``, ``reports/``, ``client/``, ``app.py``, ``cli/``, ``server/`` and ``selftest.py`` import
what they need of the services from here, never from ``services/`` itself (an import-linter
contract in ``pyproject.toml`` forbids it). The services can then be reorganised inside
without touching their callers, and what the desktop depends on is written down in one place.

Each module re-exports, and defines nothing but typing: it names a purpose, not a service.

- ``results``: the frozen DTOs the services answer with (and the printed documents' headings).
- ``inputs``: the input and filter dataclasses callers build, with the limits they check first.
- ``changes``: the topics a service call changes (``Topic``, ``changes_of``), for the refresh.
- ``errors``: the exceptions callers catch and the CLI's exit codes.
- ``limits``: the account rules the unlock window checks before the services are loaded.
- ``facade``: the ``Services`` facade and ``Backend``, the interface both backends satisfy.
- ``remote``: the remotable surface the client and the server build their calls from.
- ``operations``: what runs on a database file without a signed-in facade (create, unlock,
  backup, restore, the e-archive package, the integrity report).
- ``server_operations``: the same for ``trygg-server``'s PostgreSQL database.
- ``demo``: the demo accounts (the demo data itself is ``Backend.demo``).

The package imports none of its modules: each costs what its services cost, and the window's
start loads only ``errors`` and ``limits`` (tests/integration/test_startup.py).
"""

__all__ = ["changes", "demo", "errors", "facade", "inputs", "limits", "operations", "remote", "results",
           "server_operations"]
