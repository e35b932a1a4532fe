"""The remotable surface: which service methods ``trygg-server`` offers, with their types.

Generated from the services' own signatures (``services/surface.py`` says why). Both ends
build on it: the server's routes (``server/rpc.py``) and the client's proxies
(``client/remote.py``). A module of its own because it loads pydantic, which the local
desktop never needs.
"""

from ..services.base import CHANGES_ATTR
from ..services.surface import LOCAL_ONLY_SERVICES, MethodSpec, public_methods, service_classes, surface

__all__ = ["CHANGES_ATTR", "LOCAL_ONLY_SERVICES", "MethodSpec", "public_methods", "service_classes", "surface"]
