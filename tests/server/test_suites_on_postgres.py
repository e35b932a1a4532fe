"""The SQLCipher service suites, run again on the PostgreSQL backend (``world`` is the server
database in this folder, see conftest): the same tests, unchanged, on the other backend.

Not here yet, because their SQL is still SQLite's own: log review's flag query (instr, text
timestamps), gallring's FTS maintenance, backup/restore of the file, the statistics' page-cache
pragma, and the CLI (which opens a file)."""

import pytest

from ..integration.test_case_work import *  # noqa: F401,F403
from ..integration.test_dashboard import *  # noqa: F401,F403
from ..integration.test_edit_conflicts import *  # noqa: F401,F403
from ..integration.test_est_incidents import *  # noqa: F401,F403
from ..integration.test_est_meeting import *  # noqa: F401,F403
from ..integration.test_est_picture import *  # noqa: F401,F403
from ..integration.test_extract import *  # noqa: F401,F403
from ..integration.test_information_categories import *  # noqa: F401,F403
from ..integration.test_meeting_legal_basis import *  # noqa: F401,F403
from ..integration.test_protected_details import *  # noqa: F401,F403
from ..integration.test_protocol_as_of_meeting import *  # noqa: F401,F403
from ..integration.test_protocols import *  # noqa: F401,F403
from ..security.test_r17_read_audit import *  # noqa: F401,F403


@pytest.fixture
def est_world(pg_app_world):  # noqa: F811 - the EST suites' world, here the server database
    """The EST suites import ``est_world`` (a SQLCipher copy); here it is the server database,
    whose template holds the same EST users, areas and places."""
    return pg_app_world
