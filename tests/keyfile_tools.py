"""Editing a key file as an attacker with a text editor would, for the key file tests."""

from __future__ import annotations

import json
from typing import Any

from trygg_desktop.vault.keyfile_format import content_digest


def resealed(doc: dict[str, Any]) -> bytes:
    """The edited document with its plain SHA-256 digest recomputed (anyone can do that;
    the deeper checks, AEAD bindings and the keyed MAC, must still catch the edit)."""
    if isinstance(doc.get("slots"), list) and "digest" in doc:
        body = {k: v for k, v in doc.items() if k not in ("digest", "mac")}
        doc = {**doc, "digest": content_digest(body)}
    return json.dumps(doc).encode()
