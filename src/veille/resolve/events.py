"""Resolve stage: turn each `Candidate` into an `Event` with canonical, evidenced values."""

from __future__ import annotations

import hashlib
from collections import Counter

from ..document import Candidate, Document
from ..model import Event, Fatalities, Source
from ..resources import Lexicon, Taxonomy
from ..resources.schemas import ActorEntry
from .actors import actor_name, inter_code, interaction
from .dates import DAYS, resolve_date
from .gazetteer import Gazetteer
from .places import country_support, resolve_place


def resolve_events(doc: Document, *, lexicon: Lexicon, taxonomy: Taxonomy,
                   actors: dict[str, ActorEntry], gazetteer: Gazetteer) -> Document:
    """Fill `doc.events` from `doc.candidates`."""
    support = country_support(doc, gazetteer)
    doc.events = [
        _event(doc, c, lexicon=lexicon, taxonomy=taxonomy, actors=actors, gazetteer=gazetteer,
               support=support)
        for c in doc.candidates
    ]
    return doc


def _event(doc: Document, c: Candidate, *, lexicon: Lexicon, taxonomy: Taxonomy,
           actors: dict[str, ActorEntry], gazetteer: Gazetteer, support: Counter[str]) -> Event:
    event_type, sub_event_type = taxonomy.names(c.trigger.label)
    evidence = {"event_type": doc.evidence(c.trigger), "sub_event_type": doc.evidence(c.trigger)}
    values: dict = {}

    place, precision = (None, None)
    if c.place is not None:
        place, precision = resolve_place(c.place, doc, gazetteer, support)
    if place is not None:
        basis = c.place_basis
        values.update(country=place.country, iso=place.country_code, admin1=place.admin1,
                      admin2=place.admin2, latitude=place.latitude, longitude=place.longitude,
                      geo_precision=precision, geonames_id=place.geonameid)
        if not place.is_country:
            values["location"] = place.name
        for name in ("country", "admin1", "location", "latitude", "longitude"):
            if values.get(name) is not None:
                evidence[name] = doc.evidence(c.place, basis=basis)
    event_country = values.get("country")

    for role, mention in (("actor1", c.actor1), ("actor2", c.actor2)):
        if mention is not None:
            values[role] = actor_name(mention.label, event_country)
            values["inter" + role[-1]] = inter_code(mention.label, actors)
            evidence[role] = doc.evidence(mention)
    if c.assoc_actor1:
        values["assoc_actor1"] = [actor_name(m.label, event_country) for m in c.assoc_actor1]
        evidence["assoc_actor1"] = doc.evidence(*c.assoc_actor1)
    if c.actor2 is None and c.trigger.label in taxonomy.file.loser_is_state and event_country:
        loser = _state_forces(doc, actors, values.get("iso"))
        if loser is not None:  # the ground was taken from the state: ACLED's actor2
            values["actor2"], values["inter2"] = loser.label, inter_code(loser.label, actors)
            evidence["actor2"] = doc.evidence(loser, basis="context")
    values["interaction"] = interaction(values.get("inter1"), values.get("inter2"))
    values["civilian_targeting"] = values.get("inter2") == 7

    resolved = resolve_date(c.date, doc.article.published, lexicon) if c.date else None
    if resolved is not None:
        values["event_date"], values["date_precision"] = resolved
        evidence["event_date"] = doc.evidence(c.date)
    elif doc.article.published is not None:
        # No usable date in the sentence: the report's day, marked as less precise.
        values["event_date"], values["date_precision"] = doc.article.published, DAYS
        evidence["event_date"] = doc.evidence(c.trigger, basis="published")

    if c.fatalities is not None:
        data = c.fatalities.data
        values["fatalities"] = Fatalities(low=data["low"], best=data["best"], high=data["high"])
        evidence["fatalities"] = doc.evidence(c.fatalities, data["outcome_word"])

    if c.sub_location is not None:
        values["sub_location"] = c.sub_location.label
        evidence["sub_location"] = doc.evidence(c.sub_location)

    attributed_to = None
    if c.attribution is not None:
        attributed_to = c.attribution.source_text
        evidence["attributed_to"] = doc.evidence(c.attribution.marker, c.attribution.source)
    article = doc.article
    source = Source(article_id=article.id, url=article.url, outlet=article.outlet,
                    title=article.title, published=article.published, attributed_to=attributed_to)
    event = Event(event_id="", event_type=event_type, sub_event_type=sub_event_type,
                  sources=[source], evidence=evidence, confidence=_confidence(c, place), **values)
    event.event_id = event_key(article.id, event)
    event.notes = notes(event)
    return event


def _state_forces(doc: Document, actors: dict[str, ActorEntry], iso: str | None):
    """The first mention of the state forces of country `iso` in the article, if any."""
    for mention in doc.of_kind("actor"):
        entry = actors.get(mention.label)
        if entry and entry.kind == "state" and entry.country == iso:
            return mention
    return None


def event_key(article_id: str, event: Event) -> str:
    """A stable id: the same article read twice gives the same ids."""
    parts = (article_id, event.sub_event_type, str(event.event_date), str(event.geonames_id),
             str(event.actor1))
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def notes(event: Event) -> str:
    """One short factual sentence made from the fields (never from invented facts)."""
    who = event.actor1 or "Unidentified actors"
    where = event.location or event.country or "an unknown place"
    when = f"On {event.event_date.isoformat()}, " if event.event_date else ""
    target = f" against {event.actor2}" if event.actor2 else ""
    toll = ""
    if event.fatalities and event.fatalities.best is not None:
        toll = f" {event.fatalities.best} reported killed."
    return f"{when}{who}: {event.sub_event_type.lower()}{target} in {where}.{toll}".strip()


def _confidence(c: Candidate, place) -> float:
    score = 0.3
    score += 0.2 if c.actor1 is not None else 0.0
    score += 0.2 if place is not None and c.place_basis == "text" else 0.1 if place else 0.0
    score += 0.15 if c.date is not None else 0.0
    score += 0.15 if c.attribution is not None else 0.0
    return round(min(score, 1.0), 2)
