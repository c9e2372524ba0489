"""Fusion across articles: when a newly read event is one the store already holds, and how the
living record changes when another article reports it.

Plain functions over `Event`s; the store (`db.py`) finds the candidates and writes the result.

Two events are one when
- their types agree: the same sub-event type, or one subsumes the other (taxonomy.yaml);
- their dates are within a day, or within the vaguer one's precision (a week, a month); an
  event without a date is dated by its article's publication;
- their places agree: within 25 km when both are placed at a town, else the same admin2 (or
  the same admin1 when either has no admin2) of the same country;
- their actors agree: actor1 the same, allies, or one unknown; or the same two sides named the
  other way round;
- not both are in ACLED's data (`veille import acled`): ACLED codes an event once, so two of
  its rows are two events, and an event that holds one row takes no other.

Fatalities over the sources are low/best/high as UCDP gives them: low the smallest toll any
source gave, high the largest, best the toll of the latest report. Reports of one event are
counts of the same dead, so they are never added up: a later, higher toll replaces the earlier.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..geo import km
from ..model import Event, Fatalities
from ..resolve.actors import UNKNOWN, compatible_actors, same_actor
from ..resources import Taxonomy

NEAR_KM = 25.0
_DAYS_BY_PRECISION = {1: 1, 2: 7, 3: 31}
MAX_WINDOW = max(_DAYS_BY_PRECISION.values())
# Fields a later source may fill when the stored event lacks them; type, place, date and
# fatalities have rules of their own below.
_FILLABLE = ("actor1", "inter1", "actor2", "inter2", "interaction", "sub_location")
_PLACE = ("country", "iso", "admin1", "admin2", "location", "sub_location", "latitude",
          "longitude", "geo_precision", "geonames_id")
# What a revision records: every value of the record except its bookkeeping.
TRACKED = tuple(name for name in Event.model_fields
                if name not in ("event_id", "sources", "evidence", "notes", "confidence",
                                "updated_at", "number"))


@dataclass(frozen=True)
class SourceEvent:
    """One article's reading of an event, with the date it was published."""

    event: Event
    published: dt.date | None


def event_day(event: Event) -> dt.date | None:
    """The event's date, else its first source's publication date."""
    if event.event_date is not None:
        return event.event_date
    return next((s.published for s in event.sources if s.published), None)


def own_window(event: Event) -> int:
    """How far, in days, an event's date may be from the day it happened (its precision)."""
    return _DAYS_BY_PRECISION.get(event.date_precision or 1, 1)


def window_days(a: Event, b: Event) -> int:
    """How many days apart two reports of one event may date it."""
    return max(own_window(a), own_window(b))


def same_event(stored: Event, new: Event, taxonomy: Taxonomy,
               allies: dict[str, list[str]] | None = None) -> bool:
    """Whether `new` reports the event `stored` already holds."""
    return (_types_agree(stored, new, taxonomy) and _dates_agree(stored, new)
            and _places_agree(stored, new) and _actors_agree(stored, new, allies or {})
            and not (from_acled(stored) and from_acled(new)))


def from_acled(event: Event) -> bool:
    """Whether a row of ACLED's data is among the event's sources (a stored candidate, which
    holds only the columns fusion compares, counts them in `acled_sources`)."""
    counted = getattr(event, "acled_sources", None)
    if counted is not None:
        return counted > 0
    return any(s.acled_event_id for s in event.sources)


def _types_agree(a: Event, b: Event, taxonomy: Taxonomy) -> bool:
    if a.sub_event_type == b.sub_event_type:
        return True
    ka, kb = (taxonomy.key(e.event_type, e.sub_event_type) for e in (a, b))
    return taxonomy.subsumes(ka, kb) or taxonomy.subsumes(kb, ka)


def _dates_agree(a: Event, b: Event) -> bool:
    da, db = event_day(a), event_day(b)
    if da is None or db is None:
        return da is None and db is None
    return abs((da - db).days) <= window_days(a, b)


def _places_agree(a: Event, b: Event) -> bool:
    if a.iso is None or a.iso != b.iso:
        return False
    precise = all(e.latitude is not None and (e.geo_precision or 1) == 1 for e in (a, b))
    if precise:
        return km(a.latitude, a.longitude, b.latitude, b.longitude) <= NEAR_KM
    if a.admin2 and b.admin2:
        return a.admin2 == b.admin2 and a.admin1 == b.admin1
    return a.admin1 is not None and a.admin1 == b.admin1


def _actors_agree(a: Event, b: Event, allies: dict[str, list[str]]) -> bool:
    if compatible_actors(a.actor1, b.actor1, allies):
        return True
    return a.actor1 is not None and same_actor(a.actor1, b.actor2) and same_actor(a.actor2,
                                                                               b.actor1)


def merge(stored: Event, new: Event, sources: list[SourceEvent], taxonomy: Taxonomy) -> Event:
    """The living record once `new` (one of `sources`, which hold every source's reading,
    `new` included) is added to `stored`. `stored` is not changed."""
    # A shallow copy with fresh containers: the code below rebinds values and changes only
    # these containers, and a deep copy of the evidence costs more than the whole merge.
    fused = stored.model_copy(update={
        "sources": [*stored.sources, *(s.model_copy() for s in new.sources)],
        "evidence": dict(stored.evidence), "assoc_actor1": list(stored.assoc_actor1),
        "assoc_actor2": list(stored.assoc_actor2)})
    if stored.sub_event_type != new.sub_event_type and taxonomy.subsumes(
            taxonomy.key(new.event_type, new.sub_event_type),
            taxonomy.key(stored.event_type, stored.sub_event_type)):
        _take(fused, new, ("event_type", "sub_event_type"))
    if _sharper_date(new, fused):
        _take(fused, new, ("event_date", "date_precision"))
    if _sharper_place(new, fused):
        _take(fused, new, _PLACE)
    for name in _FILLABLE:
        current = getattr(fused, name)
        unknown = current is None or (isinstance(current, str) and current.startswith(UNKNOWN))
        if unknown and getattr(new, name) is not None:
            _take(fused, new, (name,))
    for name in ("assoc_actor1", "assoc_actor2"):
        extra = [a for a in getattr(new, name) if a not in getattr(fused, name)]
        getattr(fused, name).extend(extra)
    fused.civilian_targeting = fused.civilian_targeting or new.civilian_targeting
    fused.fatalities, toll_source = fatalities_over(sources)
    if toll_source is not None and "fatalities" in toll_source.evidence:
        fused.evidence["fatalities"] = toll_source.evidence["fatalities"]
    fused.confidence = max(fused.confidence, new.confidence)
    return fused


def _sharper_date(new: Event, old: Event) -> bool:
    if new.event_date is None or "event_date" not in new.evidence:
        return False
    if new.evidence["event_date"].basis != "text":
        return False
    return old.event_date is None or (new.date_precision or 9) < (old.date_precision or 9)


def _sharper_place(new: Event, old: Event) -> bool:
    if new.latitude is None:
        return False
    return old.latitude is None or (new.geo_precision or 9) < (old.geo_precision or 9)


def _take(into: Event, other: Event, names: tuple[str, ...]) -> None:
    for name in names:
        setattr(into, name, getattr(other, name))
        if name in other.evidence:
            into.evidence[name] = other.evidence[name]
        elif name in into.evidence:
            del into.evidence[name]


def fatalities_over(sources: list[SourceEvent]) -> tuple[Fatalities | None, Event | None]:
    """Low/best/high over the sources' tolls, and the source whose toll is `best`."""
    tolls = []
    for order, source in enumerate(sources):
        f = source.event.fatalities
        if f is None:
            continue
        best = f.best if f.best is not None else f.low
        if best is None:
            continue
        low = f.low if f.low is not None else best
        high = f.high if f.high is not None else best
        when = source.published or event_day(source.event) or dt.date.min
        tolls.append(((when, best, order), low, best, high, source.event))
    if not tolls:
        return None, None
    latest = max(tolls, key=lambda t: t[0])
    best = latest[2]
    return Fatalities(low=min(min(t[1] for t in tolls), best), best=best,
                      high=max(max(t[3] for t in tolls), best)), latest[4]


def changes(old: Event, new: Event) -> dict[str, dict]:
    """What differs between two states of a record, as {field: {"old", "new"}} (JSON values)."""
    a, b = old.model_dump(mode="json"), new.model_dump(mode="json")
    return {name: {"old": a[name], "new": b[name]} for name in TRACKED if a[name] != b[name]}
