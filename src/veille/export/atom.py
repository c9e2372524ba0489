"""Records as an Atom feed (RFC 4287), so that an analyst can follow a filter ("Sudan, 10 dead
or more") in any feed reader. Written with the standard library's ElementTree: a feed of
records is a few elements, not worth a dependency."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from xml.etree import ElementTree as ET

from ..model import Event

ATOM = "http://www.w3.org/2005/Atom"


def atom_feed(events: Iterable[Event], *, feed_url: str, event_url: str, title: str) -> bytes:
    """An Atom document of `events`: one entry per record, its link `event_url` formatted
    with the event id, updated when the record last changed."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    events = list(events)
    updated = max((e.updated_at for e in events if e.updated_at), default=None)
    _text(feed, "id", feed_url)
    _text(feed, "title", title)
    _text(feed, "updated", _stamp(updated or dt.datetime.now(dt.UTC)))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=feed_url)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "veille")
    _text(feed, "generator", "veille")
    for event in events:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", f"urn:veille:event:{event.event_id}")
        _text(entry, "title", headline(event))
        _text(entry, "updated", _stamp(event.updated_at or dt.datetime.now(dt.UTC)))
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate",
                      href=event_url.format(event_id=event.event_id))
        for source in event.sources:
            if source.url:
                ET.SubElement(entry, f"{{{ATOM}}}link", rel="related", href=source.url)
        _text(entry, "summary", event.notes or headline(event))
        for term in (event.event_type, event.sub_event_type, event.country):
            if term:
                ET.SubElement(entry, f"{{{ATOM}}}category", term=term)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def headline(event: Event) -> str:
    """`Armed clash: Segou, Mali (2024-05-06), 3 dead`."""
    where = ", ".join(p for p in (event.location or event.admin1, event.country) if p)
    deaths = event.fatalities.best if event.fatalities else None
    return (f"{event.sub_event_type}: {where or 'place unknown'} "
            f"({event.event_date or 'undated'})" + (f", {deaths} dead" if deaths else ""))


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def _stamp(when: dt.datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
