"""The whole generator: every kind of case on one shared, seeded state."""

from __future__ import annotations

from .avhoppare import AvhoppareCases
from .sspf import SspfCases
from .trefas import TrefasCases


class Generator(SspfCases, TrefasCases, AvhoppareCases):
    """Builds the rows of one batch at a time; holds only what spans batches (rng, used numbers).

    ``DemoService`` sets ``rows`` and ``cases_in_batch`` per batch and calls ``sspf``, ``trefas``
    and ``avhoppare`` once per case (and ``group_meetings`` once per run), in a fixed order.
    """
