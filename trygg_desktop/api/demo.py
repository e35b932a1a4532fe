"""The demo accounts and their shared password, for the demo unlock screen and ``--demo``.

Apart from ``operations.py`` because the demo package loads Faker (about a tenth of a second)
that no other command needs. The demo data itself is a service like any other:
``Backend.demo.generate``.
"""

from ..services.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, EST_DEMO_ACCOUNTS

__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "EST_DEMO_ACCOUNTS"]
