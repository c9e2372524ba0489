"""Name keys: how place names are compared."""

from __future__ import annotations

import re
import unicodedata

# Apostrophes, hyphens and the ayn/hamza marks of romanised Arabic all count as spaces.
_MARKS = str.maketrans({m: " " for m in "-'`\u2018\u2019\u02bb\u02bf\u02be"})
# Latin letters that Unicode does not decompose into a base letter and a mark (Turkish ı,
# Vietnamese đ, Polish ł): `Diyarbakır` is `Diyarbakir`.
_LETTERS = str.maketrans({"ı": "i", "đ": "d", "ð": "d", "ł": "l", "ø": "o", "ß": "ss",
                          "æ": "ae", "œ": "oe", "þ": "th", "ħ": "h", "Đ": "D", "Ð": "D",
                          "Ł": "L", "Ø": "O", "Æ": "Ae", "Œ": "Oe", "Þ": "Th", "Ħ": "H"})


def normalize(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key: `Al-Bāb` and `al bab` are one name."""
    letters = name.casefold()
    if not letters.isascii():  # most names are ASCII: skip the Unicode work for them
        decomposed = unicodedata.normalize("NFKD", letters.translate(_LETTERS))
        letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.translate(_MARKS).split())


def ascii_name(name: str) -> str:
    """`Fès-Meknès`, `Đa Nẵng` as `Fes-Meknes`, `Da Nang`: ACLED writes admin names in ASCII,
    case kept."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def usable_alias(name: str) -> bool:
    """Alternate names worth indexing: Latin script (the languages we read), not codes."""
    latin = name.isascii() or all(ord(c) < 0x250 or c in "\u2018\u2019\u02bb\u02bf\u02be"
                                  for c in name)
    return len(name) >= 3 and latin and not (name.isupper() and len(name) <= 4)


# Arabic articles written as words of their own ("Al Qamishli", "Deir ez-Zor").
_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "er", "es",
                       "ez", "ath", "adh", "ul"})
# Spellings the same sound takes in French and English transliterations, in the order they
# are folded: "Facher"/"Fasher", "Djibouti"/"Jibuti", "Khartoum"/"Hartum", "Qamishli"/"Kamishli".
_SPELLINGS = (("dj", "j"), ("ch", "sh"), ("kh", "h"), ("ou", "u"), ("q", "k"), ("gh", "g"))
VARIANT = "~"  # marks a variant key in the names table
_ASSIMILATED = re.compile(r"^[ae]([dnrstz])\1(?=[aeiou]\w)")


def variant_key(name: str) -> str:
    """A looser key for transliterations of one name: articles dropped, spellings folded,
    doubled letters single, a final `-ah`/`-eh` as `-a` ("El-Facher", "Al Fasher" and
    "Fasher" share one). Empty when too little is left to tell names apart."""
    if name.endswith(("'s", "’s")):
        return ""  # "China's": a possessive, never a transliteration
    words = normalize(name).split()
    # An article glued to the word it assimilates to, after the first word: "Deir Ezzor" is
    # Deir ez-Zor, "Tal Abyad" stays whole.
    words = words[:1] + [_ASSIMILATED.sub(r"\1", w) for w in words[1:]]
    words = [w for w in words if w not in _ARTICLES]
    letters = "".join(words)
    for written, folded in _SPELLINGS:
        letters = letters.replace(written, folded)
    letters = re.sub(r"(.)\1+", r"\1", letters)
    letters = re.sub(r"[ae]h$", "a", letters)
    return VARIANT + letters if len(letters) >= 4 and letters.isalpha() else ""


def name_keys(names) -> set[str]:
    """The keys a place is found by: each name normalized, and its variant key."""
    keys = {normalize(n) for n in names}
    keys |= {variant_key(k) for k in keys}
    return {k for k in keys if k}
