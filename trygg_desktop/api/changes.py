"""What a service call changes, for the window's refresh (DESIGN.md §4).

A changing service method declares its topics (``services.base.changes``); the UI reads them
with ``changes_of(method)`` (or of a ``functools.partial`` of it) instead of typing names, and
the pages say which ``Topic`` they care about. ``EVERYTHING`` is what a colleague's change
on the server means: every page refreshes.
"""

from ..domain.topics import EVERYTHING, Topic
from ..services.base import changes_of

__all__ = ["EVERYTHING", "Topic", "changes_of"]
