"""Name keys: how place names are compared."""

from __future__ import annotations

import unicodedata

# Apostrophes, hyphens and the ayn/hamza marks of romanised Arabic all count as spaces.
_MARKS = str.maketrans({m: " " for m in "-'`\u2018\u2019\u02bb\u02bf\u02be"})


def normalize(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key: `Al-Bāb` and `al bab` are one name."""
    letters = name.casefold()
    if not letters.isascii():  # most names are ASCII: skip the Unicode work for them
        decomposed = unicodedata.normalize("NFKD", letters)
        letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.translate(_MARKS).split())


def usable_alias(name: str) -> bool:
    """Alternate names worth indexing: Latin script (the languages we read), not codes."""
    latin = name.isascii() or all(ord(c) < 0x250 or c in "\u2018\u2019\u02bb\u02bf\u02be"
                                  for c in name)
    return len(name) >= 3 and latin and not (name.isupper() and len(name) <= 4)
