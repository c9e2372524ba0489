"""Places: mentions to gazetteer entries, disambiguated by the article's country."""

from __future__ import annotations

from collections import Counter

from ..document import Document, Mention
from .gazetteer import Gazetteer, Place, normalize

TOWN = 1  # ACLED geo_precision: the place itself
NEAR = 2  # part of or near a place
REGION = 3  # only the region or country is known


def country_support(doc: Document, gazetteer: Gazetteer) -> Counter[str]:
    """How many different names in the article point at each country: the countries it
    names and the countries of the places it names (a name repeated counts once)."""
    pairs = {(m.label, m.label): 0 for m in doc.mentions if m.kind == "country"}
    for m in doc.of_kind("place"):
        place = gazetteer.lookup(doc.text[m.start:m.end])
        if place is not None and place.country_code:
            pairs[(place.country_code, normalize(place.name))] = place.population
    votes: Counter[str] = Counter()
    for (code, _), population in sorted(pairs.items()):
        # One vote per name; between countries with as many names, the larger places win
        # (a tiny fraction, so that ties never depend on the order of a set).
        votes[code] += 1 + min(population, 10**8) / 10**10
    return votes


def resolve_place(mention: Mention, doc: Document, gazetteer: Gazetteer,
                  support: Counter[str]) -> tuple[Place | None, int | None]:
    """The gazetteer entry of a place mention, with ACLED's geo precision.

    Among homonyms, the article's main country wins. A name found only in a country that
    nothing else in the article points at (`Badia` in Italy, in a story about Syria) is taken
    for a place the gazetteer lacks, and left unresolved.
    """
    if mention.kind == "country":
        return gazetteer.country(mention.label), REGION
    country = support.most_common(1)[0][0] if support else None
    place = gazetteer.lookup(doc.text[mention.start:mention.end], country_code=country)
    if place is None:
        return None, None
    if country and place.country_code != country and int(support[place.country_code]) <= 1:
        return None, None
    return place, TOWN


def same_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.geonameid == b.geonameid or normalize(a.name) == normalize(b.name)
