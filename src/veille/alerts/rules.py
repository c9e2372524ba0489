"""An alert: what a record must match (every filter given), and where it goes."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from ..model import Event

# The fields an alert can match, and so the ones whose change makes an update worth telling.
WATCHED = ("event_type", "sub_event_type", "country", "iso", "admin1", "location", "actor1",
           "actor2", "assoc_actor1", "assoc_actor2", "event_date")


@dataclass(frozen=True, slots=True)
class Alert:
    """Filters (each a list of accepted values, any case; empty: anything) and a destination:
    a webhook (POSTed the record as JSON, signed with `secret` when set) or an email
    address."""

    name: str
    country: list[str] = field(default_factory=list)  # names or ISO codes
    admin1: list[str] = field(default_factory=list)
    event_type: list[str] = field(default_factory=list)  # event or sub-event types
    actor: list[str] = field(default_factory=list)  # any of the four actor fields
    min_fatalities: int | None = None
    webhook: str | None = None
    secret: str | None = None
    email: str | None = None

    @property
    def filters(self) -> dict:
        return {"country": self.country, "admin1": self.admin1, "event_type": self.event_type,
                "actor": self.actor, "min_fatalities": self.min_fatalities}

    def matches(self, event: Event) -> bool:
        """Whether `event` passes every filter of the alert."""
        if self.country and not _any(self.country, [event.country, event.iso]):
            return False
        if self.admin1 and not _any(self.admin1, [event.admin1]):
            return False
        if self.event_type and not _any(self.event_type, [event.event_type,
                                                          event.sub_event_type]):
            return False
        actors = [event.actor1, event.actor2, *event.assoc_actor1, *event.assoc_actor2]
        if self.actor and not _any(self.actor, actors):
            return False
        if self.min_fatalities is not None:
            best = event.fatalities.best if event.fatalities else None
            if best is None or best < self.min_fatalities:  # unknown is not "at least N"
                return False
        return True


def fingerprint(event: Event) -> str:
    """A hash of what an alert can see of the event: the same record updated with nothing new
    for an alert (another source, a longer note) keeps its fingerprint."""
    seen = {name: getattr(event, name) for name in WATCHED}
    seen["fatalities"] = event.fatalities.best if event.fatalities else None
    text = json.dumps(seen, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _any(wanted: list[str], values: list[str | None]) -> bool:
    have = {v.casefold() for v in values if v}
    return any(w.casefold() in have for w in wanted)
