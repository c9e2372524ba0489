"""Counts stage: numbers of dead or injured (`au moins 12 morts`), with low/best/high.

ACLED's conventions for vague numbers come from the language's casualties.yaml. A number is
only a count when a word for dead or injured stands near it; otherwise it is left alone.
"""

from __future__ import annotations

from ..document import Document, Mention
from ..resources import Lexicon
from .tokens import token_range

_QUALIFIER_GAP = 2  # tokens between "au moins" and its number
_BEFORE = 4  # "tuant 12 personnes": a killed word up to this many tokens before the number


def find_counts(doc: Document, lexicon: Lexicon, window: int) -> Document:
    """Add `count` mentions: each number or vague quantity that counts dead or injured."""
    parsed = doc.doc
    dates = [m for m in doc.mentions if m.kind in ("date", "background")]
    words = doc.of_kind("casualty_word")
    counts = []
    vague = [w for w in words if w.label == "vague"]
    # A number inside a date (`27 novembre`) or a vague quantity (`une vingtaine`) is not one.
    quantities = [m for m in doc.of_kind("number")
                  if not any(d.start <= m.start < d.end for d in dates + vague)]
    quantities += vague
    for quantity in quantities:
        q_start, q_end = token_range(parsed, quantity)
        outcome_word = _outcome(parsed, quantity, q_start, q_end, words, window)
        if outcome_word is None:
            continue
        low, best, high = _values(quantity, q_start, parsed, words, lexicon)
        cumulative = any(w.label == "cumulative" and w.sent == quantity.sent for w in words)
        counts.append(Mention(
            "count", outcome_word.label, quantity.start, quantity.end, quantity.sent,
            {"low": low, "best": best, "high": high, "cumulative": cumulative,
             "outcome_word": outcome_word},
        ))
    for total in counts:
        region = breakdown_region(doc, total) if total.data["cumulative"] else None
        for count in counts if region else ():
            count.data["in_breakdown"] = region[0] <= count.start < region[1]
    doc.mentions = sorted(doc.mentions + counts, key=lambda m: (m.start, m.end))
    return doc


def breakdown_region(doc: Document, total: Mention) -> tuple[int, int] | None:
    """Where a total's breakdown stands: from a breakdown marker (`parmi eux`) in the total's
    sentence or the next, to the end of that paragraph (machine translation often cuts a
    breakdown into sentences at its semicolons)."""
    markers = [w for w in doc.of_kind("casualty_word") if w.label == "breakdown"
               and total.sent <= w.sent <= total.sent + 1 and w.start > total.end]
    if not markers:
        return None
    end = doc.text.find("\n", markers[0].end)
    return markers[0].end, len(doc.text) if end < 0 else end


def _outcome(parsed, quantity: Mention, q_start: int, q_end: int, words: list[Mention],
             window: int) -> Mention | None:
    best, best_gap = None, None
    for word in words:
        if word.label not in ("killed", "injured") or word.sent != quantity.sent:
            continue
        w_start, w_end = token_range(parsed, word)
        if w_start >= q_end:
            gap = w_start - q_end
            if gap > window // 2:
                continue
        elif w_end <= q_start:
            gap = q_start - w_end
            if gap > _BEFORE:
                continue
        else:
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = word, gap
    return best


def _values(quantity: Mention, q_start: int, parsed, words: list[Mention],
            lexicon: Lexicon) -> tuple[int | None, int | None, int | None]:
    if quantity.kind == "casualty_word":  # a vague quantity: "des dizaines"
        for phrase, value in lexicon.casualties.vague.items():
            if phrase.lower() == _text(parsed, quantity):
                return value.low, value.best, value.high
        return None, None, None
    n = int(quantity.data["value"])
    for word in words:
        if word.sent != quantity.sent or word.label not in ("at_least", "at_most", "about"):
            continue
        _w_start, w_end = token_range(parsed, word)
        if 0 <= q_start - w_end <= _QUALIFIER_GAP:
            if word.label == "at_least":
                return n, n, None  # ACLED codes "at least N" as N; N is also the floor
            if word.label == "at_most":
                return None, None, n
            return None, n, None
    return n, n, n


def _text(parsed, mention: Mention) -> str:
    return parsed.text[mention.start:mention.end].lower()
