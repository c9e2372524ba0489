"""Small helpers to move between mentions (character offsets) and spaCy tokens."""

from __future__ import annotations

import functools

from spacy.tokens import Doc

from ..document import Mention

# The English NER's label of nationalities, religious and political groups ("Malay", "Arab").
PEOPLE_LABEL = "NORP"


def token_range(parsed: Doc, mention: Mention) -> tuple[int, int]:
    """The token indices `[start, end)` a mention covers."""
    span = parsed.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:  # offsets between tokens: fall back to the nearest token
        i = min(range(len(parsed)), key=lambda t: abs(parsed[t].idx - mention.start))
        return i, i + 1
    return span.start, span.end


def token_gap(parsed: Doc, left: Mention, right: Mention) -> int:
    """Tokens between the end of `left` and the start of `right` (negative if they overlap)."""
    return token_range(parsed, right)[0] - token_range(parsed, left)[1]


def after_words(text: str, start: int, words: list[str]) -> bool:
    """Whether one of `words` ends right before `start` (across spaces, in any case)."""
    before = text[max(0, start - 30):start].rstrip().lower()
    lowered = _lowered(tuple(words))
    if not before.endswith(lowered):  # one C call rules most names out
        return False
    return any(before.endswith(w) and (len(before) == len(w) or not before[-len(w) - 1].isalnum())
               for w in lowered)


@functools.lru_cache(maxsize=64)
def _lowered(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w.lower() for w in words)
