"""The exceptions callers catch, and the exit codes the CLI maps them to.

They live in ``domain/errors.py`` (every layer raises them); they are named here so a caller
has one place for everything it takes from below the services' API. Light on purpose: the
window's start imports it before the services load.
"""

from ..domain.errors import (EXIT_INTEGRITY, EXIT_INVALID, EXIT_OK, EXIT_USAGE, AccessDenied,
                             AuthenticationError, EditConflict, IntegrityFailure, NetworkPathRefused, NotFound,
                             PersonnummerError, Throttled, TryggError, ValidationError,
                             WrongPassword)

__all__ = ["EXIT_INTEGRITY", "EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "AccessDenied",
           "AuthenticationError", "EditConflict", "IntegrityFailure", "NetworkPathRefused", "NotFound",
           "PersonnummerError", "Throttled", "TryggError", "ValidationError", "WrongPassword"]
