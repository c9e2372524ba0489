"""Events stage: attach actors, place, date, toll and source to each trigger.

Syntax is not used yet: arguments are found by position in the trigger's sentence (proximity
first), with the place carried over from earlier sentences when the sentence names none.
Triggers in a sentence that speaks of the past (`depuis 2016`, `il y a 13 ans`) are dropped.
"""

from __future__ import annotations

from ..document import Candidate, Document, Mention
from .attribution import attributions, sources_in

_PLACE_KINDS = ("place", "country")
_DATE_KINDS = ("date", "weekday", "relative_day")


def build_events(doc: Document) -> Document:
    """Fill `doc.candidates`: one per trigger type per sentence, background ones left out."""
    seen: set[tuple[int, str]] = set()
    for trigger in doc.of_kind("trigger"):
        key = (trigger.sent, trigger.label)
        if key in seen or _is_background(doc, trigger):
            continue
        seen.add(key)
        doc.candidates.append(_candidate(doc, trigger))
    return doc


def _is_background(doc: Document, trigger: Mention) -> bool:
    published = doc.article.published
    for marker in doc.of_kind("background", trigger.sent):
        years = [int(v) for k, v in marker.data.items() if k.startswith("year")]
        if not years or published is None or min(years) < published.year:
            return True
    return False


def _candidate(doc: Document, trigger: Mention) -> Candidate:
    sent = trigger.sent
    sources = sources_in(doc, sent)
    actors = [a for a in doc.of_kind("actor", sent) if (a.start, a.end) not in sources]
    before = [a for a in actors if a.end <= trigger.start]
    after = [a for a in actors if a.start >= trigger.end]
    actor1 = before[0] if before else (after.pop(0) if after else None)
    assoc = [a for a in before[1:] if a.label != actor1.label] if actor1 else []
    actor2 = next((a for a in after if actor1 is None or a.label != actor1.label), None)
    place, basis = _place(doc, trigger)
    dates = [m for m in doc.mentions if m.kind in _DATE_KINDS and m.sent == sent]
    counts = [c for c in doc.of_kind("count", sent)
              if c.label == "killed" and not c.data["cumulative"]
              and not c.data.get("in_breakdown")]
    found = attributions(doc, sent)
    return Candidate(
        trigger=trigger, actor1=actor1, assoc_actor1=_unique(assoc), actor2=actor2,
        place=place, place_basis=basis, date=_nearest(dates, trigger),
        fatalities=_nearest(counts, trigger), attribution=found[0] if found else None,
    )


def _place(doc: Document, trigger: Mention) -> tuple[Mention | None, str]:
    here = [m for m in doc.mentions if m.kind in _PLACE_KINDS and m.sent == trigger.sent]
    cities = [m for m in here if m.kind == "place" and not m.data.get("unresolved")]
    if cities:
        after = [m for m in cities if m.start >= trigger.end]
        return (after[0] if after else cities[-1]), "text"
    earlier = [m for m in doc.mentions if m.kind == "place" and not m.data.get("unresolved")
               and m.sent < trigger.sent]
    if earlier:
        return earlier[-1], "context"
    if here:
        return here[0], "text"
    return None, "text"


def _nearest(mentions: list[Mention], trigger: Mention) -> Mention | None:
    if not mentions:
        return None
    return min(mentions, key=lambda m: abs(m.start - trigger.start))


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen, unique = set(), []
    for m in mentions:
        if m.label not in seen:
            seen.add(m.label)
            unique.append(m)
    return unique
