"""Stable article ids: a hash of the normalised text, so the same article is one article."""

from __future__ import annotations

import hashlib
import unicodedata


def article_id(text: str) -> str:
    """16 hex digits of SHA-1 over the NFC text with whitespace runs folded to one space."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()[:16]
