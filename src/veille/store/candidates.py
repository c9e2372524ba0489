"""The stored events that a batch of new events may report again, held in memory for the
batch: loaded with one query per country (only the columns fusion compares), indexed by
country, sub-event type and day, and kept up to date as the batch creates and changes events.

Why by hand: fusion compares dates, places and actors under rules no database index answers
directly, and one query per new event costs more than the rest of storing it.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right, insort
from collections import defaultdict, namedtuple
from dataclasses import dataclass
from itertools import count

from sqlalchemy import Connection, select

from ..geo import km
from ..model import Event
from ..resources import Taxonomy
from . import fusion, schema

_LIGHT = ("event_id", "event_date", "date_precision", "event_type", "sub_event_type", "actor1",
          "actor2", "iso", "admin1", "admin2", "latitude", "longitude", "geo_precision")
_UNDATED = -1  # the ordinal of an event with no date and no publication date
_Published = namedtuple("_Published", "published")


@dataclass(slots=True)
class StoredEvent:
    """The columns of a stored event that fusion compares (building a full `Event` for every
    candidate would cost more than storing the batch)."""

    event_id: str
    event_date: dt.date | None
    date_precision: int | None
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    iso: str | None
    admin1: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    published: dt.date | None
    acled_sources: int

    @property
    def sources(self) -> tuple[_Published]:
        return (_Published(self.published),)


class Candidates:
    """Events fusion may join, by (country, sub-event type), sorted by day."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self._index: dict[tuple[str, str], list[tuple[int, int, Event | StoredEvent]]] = (
            defaultdict(list))
        self._where: dict[str, tuple[tuple[str, str], int, int]] = {}  # event id -> its entry
        self._articles: dict[str, set[str]] = defaultdict(set)  # event id -> this batch's articles
        self._types: dict[tuple[str, str], list[str]] = {}
        self._seq = count()

    def load(self, conn: Connection, events: list[Event]) -> None:
        """Read the stored events that `events` may join."""
        by_iso: dict[str, list[Event]] = defaultdict(list)
        for event in events:
            if event.iso is not None:
                by_iso[event.iso].append(event)
        t = schema.events.c
        columns = [getattr(t, name) for name in _LIGHT] + [t.published, t.acled_sources]
        wide = dt.timedelta(days=fusion.MAX_WINDOW)
        for iso, group in by_iso.items():
            dated = [(d, fusion.own_window(e)) for e in group
                     if (d := fusion.event_day(e)) is not None]
            # Indexed ranges per country (an OR of ranges would scan the table): stored events
            # dated to the day within the new events' own windows, those dated to a week or a
            # month within the widest window, and the undated ones.
            queries = [select(*columns).where(t.iso == iso, t.event_date.is_(None))]
            if dated:
                days = [d for d, _ in dated]
                lo = min(d - dt.timedelta(days=w) for d, w in dated)
                hi = max(d + dt.timedelta(days=w) for d, w in dated)
                queries.append(select(*columns).where(
                    t.iso == iso, t.event_date.between(lo, hi)))
                queries.append(select(*columns).where(
                    t.iso == iso, t.event_date.between(min(days) - wide, max(days) + wide),
                    ~t.event_date.between(lo, hi), t.date_precision > 1))
            for query in queries:
                for row in conn.execute(query):
                    self.add(StoredEvent(*row))

    def add(self, event: Event | StoredEvent, article_id: str | None = None) -> None:
        """Index `event` (new or changed); `article_id` is the batch article it came from."""
        self.remove(event.event_id)
        day = fusion.event_day(event)
        key = (event.iso or "", event.sub_event_type)
        entry = (day.toordinal() if day else _UNDATED, next(self._seq), event)
        insort(self._index[key], entry)
        self._where[event.event_id] = (key, entry[0], entry[1])
        if article_id is not None:
            self._articles[event.event_id].add(article_id)

    def remove(self, event_id: str) -> None:
        found = self._where.pop(event_id, None)
        if found is not None:
            key, ordinal, seq = found
            bucket = self._index[key]
            i = bisect_left(bucket, (ordinal, seq))
            del bucket[i]

    def find(self, new: Event, article_id: str) -> str | None:
        """The id of the event `new` reports again, if any (the closest in time, then space);
        never one the same article already reported."""
        if new.iso is None:
            return None
        day = fusion.event_day(new)
        twins = []
        for name in self._compatible(new):
            bucket = self._index.get((new.iso, name))
            if not bucket:
                continue
            found = bucket[:bisect_right(bucket, (_UNDATED, float("inf")))]
            if day is not None:
                lo = bisect_left(bucket, (day.toordinal() - fusion.MAX_WINDOW, -1))
                hi = bisect_right(bucket, (day.toordinal() + fusion.MAX_WINDOW, float("inf")))
                found += bucket[lo:hi]
            twins += [e for _, _, e in found
                      if article_id not in self._articles.get(e.event_id, ())
                      and fusion.same_event(e, new, self.taxonomy)]
        if not twins:
            return None
        return min(twins, key=lambda e: _distance(e, new)).event_id

    def _compatible(self, new: Event) -> list[str]:
        """Sub-event types that may be the same event as `new`'s (taxonomy `subsumes`)."""
        pair = (new.event_type, new.sub_event_type)
        if pair not in self._types:
            tax = self.taxonomy
            key = tax.key(*pair)
            names = {new.sub_event_type}
            for other in tax.keys():  # noqa: SIM118 (a Taxonomy, not a dict)
                if tax.subsumes(key, other) or tax.subsumes(other, key):
                    names.add(tax.names(other)[1])
            self._types[pair] = sorted(names)
        return self._types[pair]


def _distance(stored: Event, new: Event) -> tuple[int, float]:
    da, db = fusion.event_day(stored), fusion.event_day(new)
    days = abs((da - db).days) if da and db else 0
    placed = stored.latitude is not None and new.latitude is not None
    return days, (km(stored.latitude, stored.longitude, new.latitude, new.longitude)
                  if placed else 0.0)
