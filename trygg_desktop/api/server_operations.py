"""What ``trygg-server`` does to its PostgreSQL database outside a signed-in facade.

Creating and migrating the database, provisioning the application role, signing in, the
server's own backups and restores, the audit check, and moving a desktop file's data to the
server (``import_local``), and the state the server's workers share in it (sessions, the
change doorbell, the sign-in throttle). Apart from ``operations.py`` because these are the
server's, not a desktop file's: two of them share a name with the file operations
(``restore_backup``).
"""

from ..services.import_local import import_local
from ..services.server_backup import create_backup, restore_backup
from ..services.server_database import (create_database, database_error_text, init_server_database,
                                        masked_url, open_server_database, provision_app_role, sign_in)
from ..services.server_ops import admin_services, migrate, verify_audit
from ..services.server_state import (IDLE_MINUTES, TOUCH_SECONDS, ChangeAnswer, SharedChanges, SharedSessions,
                                     SharedThrottle, ringing_for, session_ended)

__all__ = [
    "IDLE_MINUTES", "ChangeAnswer", "SharedChanges", "SharedSessions", "SharedThrottle", "TOUCH_SECONDS", "admin_services", "create_backup",
    "create_database", "database_error_text", "import_local", "init_server_database", "masked_url", "migrate", "open_server_database", "provision_app_role",
    "restore_backup", "ringing_for", "session_ended", "sign_in", "verify_audit",
]
