"""The account rules a password form shows before the service checks them.

A module of its own because the unlock window's password fields import it before the services
(SQLAlchemy, the models) are loaded: it pulls in ``services/account_rules.py`` and nothing
else. Limits that belong to a heavier service stay beside its inputs (``inputs.py``) or
operations (``operations.py``).
"""

from ..services.account_rules import MIN_PASSWORD_LENGTH

__all__ = ["MIN_PASSWORD_LENGTH"]
