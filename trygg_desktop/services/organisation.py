"""The organisation named in every document's header.

Its own module because the protocols, the statistics, the register extract and the EST
lägesbild all print it, and the lägesbild is itself part of an EST meeting's protocol.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..domain import documents as texts
from ..store.models import Meta


def organisation_name(session: Session) -> str:
    """The header organisation: the ``meta`` row "organisation", else the default."""
    row = session.get(Meta, texts.META_ORGANISATION_KEY)
    value = row.value.strip() if row is not None and row.value else ""
    return value or texts.DEFAULT_ORGANISATION
