"""Background: sentences that speak of the past (`depuis 2016`, `il y a 13 ans`, `en 2015`)."""

from __future__ import annotations

from ..document import Document, Mention
from .tokens import token_range

# A sentence dated before this year tells history, whatever else it says (`le 12 mars 1850`).
HISTORY_BEFORE = 1900
_DATE_KINDS = ("date", "weekday", "relative_day")


def is_background_sentence(doc: Document, sent: int) -> bool:
    """Whether sentence `sent` holds a background marker dated before the publication year
    (a marker with no year, such as `il y a dix ans`, always counts), or a date before 1900."""
    return _history(doc, sent) or bool(_past_markers(doc, sent))


def is_background_at(doc: Document, mention: Mention) -> bool:
    """Whether `mention` tells the past. In a sentence that also dates something to the
    report's own time ("On 21 April, activists marched to commemorate the 2013 collapse"), a
    past marker dates only the clause it belongs to and the clauses below it; elsewhere it
    dates the whole sentence, as `is_background_sentence` says."""
    sent = mention.sent
    if _history(doc, sent):
        return True
    markers = _past_markers(doc, sent)
    if not markers or not _dated_now(doc, sent) or not doc.doc.has_annotation("DEP"):
        return bool(markers)
    word = _clause(doc.doc[slice(*token_range(doc.doc, mention))].root)
    for marker in markers:
        clause = _clause(doc.doc[slice(*token_range(doc.doc, marker))].root.head)
        if clause.i == word.i or any(a.i == clause.i for a in word.ancestors):
            return True
    return False


def _history(doc: Document, sent: int) -> bool:
    return any(int(m.data.get("y1") or m.data.get("y2") or HISTORY_BEFORE) < HISTORY_BEFORE
               for m in doc.of_kind("date", sent))


def _past_markers(doc: Document, sent: int) -> list[Mention]:
    published = doc.article.published
    found = []
    # "On 28 February, nurses protested against pay withheld for three years": in a sentence
    # dated to the report's own time, a duration tells how long the grievance lasted. Parsers
    # hang it on the main verb as often as on the noun it qualifies.
    now = _dated_now(doc, sent)
    for marker in doc.of_kind("background", sent):
        if now and marker.data.get("duration"):
            continue
        years = [int(v) for k, v in marker.data.items() if k.startswith("year")]
        months = [int(k.rsplit("_", 1)[1]) for k in marker.data if "month_" in k]
        if months:  # with no publication date, only a year says it is past ("in May 2019")
            if (_months_back(months[0], years, published) >= 2 if published is not None
                    else bool(years)):
                found.append(marker)
        elif not years or published is None or min(years) < published.year:
            found.append(marker)
    return found


def _months_back(month: int, years: list[int], published) -> int:
    """How many calendar months before publication a month named in the text is: the latest
    such month on or before it when the text gives no year ("en août" in a March story is
    last August). Two or more is background; the month before may be news that reached the
    report late."""
    year = min(years) if years else published.year - (month > published.month)
    return (published.year - year) * 12 + published.month - month


def _dated_now(doc: Document, sent: int) -> bool:
    """Whether the sentence holds a date of the report's own year, or one with no year."""
    published = doc.article.published
    return published is not None and any(
        int(m.data.get("y1") or m.data.get("y2") or published.year) >= published.year
        for m in doc.in_sentence(sent) if m.kind in _DATE_KINDS)


def _clause(token):
    """The verb heading the clause `token` belongs to (the sentence's root if none)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token
