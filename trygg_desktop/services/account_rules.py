"""What a user name and a password must look like: checked by every service that sets one.

Creating a database (embedded or on the server), adding a user, changing or
resetting a password and seeding the demo all apply the same two rules, so they
live here, below ``database`` and ``users``, as public functions. The UI shows
``MIN_PASSWORD_LENGTH`` as an early hint; the service's refusal stays the rule.
"""

from __future__ import annotations

from ..domain.errors import ValidationError

MIN_PASSWORD_LENGTH = 10


def check_username(username: str) -> None:
    """2–64 letters, digits or ``. _ - @`` (after trimming), else ``user.username``."""
    name = username.strip()
    if not (2 <= len(name) <= 64) or not all(ch.isalnum() or ch in "._-@" for ch in name):
        raise ValidationError("A user name is 2–64 letters, digits or . _ - @", code="user.username")


def check_password(password: str) -> None:
    """At least ``MIN_PASSWORD_LENGTH`` characters, else ``user.password_short``."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(f"A password needs at least {MIN_PASSWORD_LENGTH} characters",
                              code="user.password_short", minimum=MIN_PASSWORD_LENGTH)
