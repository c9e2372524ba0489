"""Word lists as regular expressions: whole words, in any case. Shared by the stages that look
for a resource file's words in the text (the extract stage's matchers, the resolve stage's
coding rules), so that neither imports the other."""

from __future__ import annotations

import functools
import re


def words_regex(words: list[str]) -> re.Pattern[str] | None:
    """One of `words` as a whole word, case-insensitively (None for no words)."""
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", re.IGNORECASE)


@functools.lru_cache(maxsize=32)
def cached_words_regex(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """`words_regex`, compiled once per word list (lists from the lexicon, read per article)."""
    return words_regex(list(words))
