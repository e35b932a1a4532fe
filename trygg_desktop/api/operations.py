"""What the desktop and the CLI do to a database file outside a signed-in facade.

Creating, unlocking and recovering a database; backups and restores of the file; opening and
checking an e-archive package (a file of its own, no database needed); and combining the
integrity report's chain problems with the anchors'. These work on the file and the user's
disk, which the remote backend has neither of: none of them is in the remotable surface.
``trygg-server``'s counterparts are in ``server_operations.py``.
"""

from ..services.backup import BackupInfo, auto_backup
from ..services.backup_files import SUFFIX as BACKUP_SUFFIX
from ..services.backup_files import default_backup_dir, list_backups, newest_backup
from ..services.database import Database, init_database, reset_password_with_recovery, unlock
from ..services.earchive_package import MIN_PASSPHRASE, check_passphrase, open_package, unseal, verify_package
from ..services.earchive_package import extract as extract_package
from ..services.log_review import merge_problems
from ..services.restore import restore_backup, verify_backup

__all__ = [
    "BACKUP_SUFFIX", "MIN_PASSPHRASE", "BackupInfo", "Database", "auto_backup", "check_passphrase",
    "default_backup_dir", "extract_package", "init_database", "list_backups", "merge_problems", "newest_backup",
    "open_package", "reset_password_with_recovery", "restore_backup", "unlock", "unseal", "verify_backup",
    "verify_package",
]
