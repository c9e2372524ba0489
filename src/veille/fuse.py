"""Fuse stage: merge the events of one article that report the same thing twice.

Two events merge when they have the same sub-event type, the same date and the same place
(or one has no place). The merged event keeps every piece of evidence; values the first
event lacks are taken from the second. Fusion across articles belongs to the store.
"""

from __future__ import annotations

from .document import Document
from .model import Event
from .resolve.events import event_key, notes


def fuse_events(doc: Document) -> Document:
    """Merge duplicate events of `doc.events` in place, keeping the first one's order."""
    fused: list[Event] = []
    for event in doc.events:
        twin = next((f for f in fused if _same(f, event)), None)
        if twin is None:
            fused.append(event)
        else:
            _absorb(twin, event)
    for event in fused:
        event.event_id = event_key(doc.article.id, event)
        event.notes = notes(event)
    doc.events = fused
    return doc


def _same(a: Event, b: Event) -> bool:
    if a.sub_event_type != b.sub_event_type or a.event_date != b.event_date:
        return False
    if a.geonames_id and b.geonames_id and a.geonames_id != b.geonames_id:
        return False
    return not (a.actor1 and b.actor1 and a.actor1 != b.actor1)


def _absorb(into: Event, other: Event) -> None:
    for name in Event.model_fields:
        if name in ("event_id", "evidence", "sources", "notes", "confidence"):
            continue
        if getattr(into, name) in (None, []) and getattr(other, name) not in (None, []):
            setattr(into, name, getattr(other, name))
            if name in other.evidence:
                into.evidence[name] = other.evidence[name]
    for name, evidence in other.evidence.items():
        if name in into.evidence and evidence.basis == "text":
            known = {(s.start, s.end) for s in into.evidence[name].spans}
            into.evidence[name].spans.extend(s for s in evidence.spans
                                             if (s.start, s.end) not in known)
    if into.sources[0].attributed_to is None and other.sources[0].attributed_to:
        into.sources[0].attributed_to = other.sources[0].attributed_to
    into.confidence = max(into.confidence, other.confidence)
