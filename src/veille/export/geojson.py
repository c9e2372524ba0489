"""GeoJSON (RFC 7946): one FeatureCollection, one Feature per event.

A Feature's geometry is a Point at `[longitude, latitude]` (RFC 7946's order), or null for an
event with no coordinates (it is still exported: its country, region and admin names are in its
properties). Its `id` is the event id; its properties are the ACLED columns then veille's
(`acled.acled_record`: null where unknown, `evidence` as `{field: [[start, end], ...]}`).

Features are written one at a time, so a large store never sits in memory as one string.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..model import Event
from .acled import acled_record


def feature(event: Event) -> dict[str, object]:
    """One event as a GeoJSON Feature."""
    located = event.latitude is not None and event.longitude is not None
    geometry = {"type": "Point", "coordinates": [event.longitude, event.latitude]} if located \
        else None
    return {"type": "Feature", "id": event.event_id, "geometry": geometry,
            "properties": acled_record(event)}


def write_geojson(events: Iterable[Event], out: TextIO) -> int:
    """Write a FeatureCollection, one feature per line; returns the count. Valid with no
    events too (an empty `features` list)."""
    out.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for event in events:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(feature(event), ensure_ascii=False, separators=(",", ":")))
        count += 1
    out.write("\n]}\n")
    return count
