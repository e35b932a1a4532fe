"""The SQLCipher service suites, run again on the PostgreSQL backend (``world`` is the server
database in this folder, see conftest): the same tests, unchanged, on the other backend."""

from ..integration.test_case_work import *  # noqa: F401,F403
