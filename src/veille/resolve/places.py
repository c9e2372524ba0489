"""Places: mentions to gazetteer entries, disambiguated by the article's country."""

from __future__ import annotations

from collections import Counter

from ..document import Document, Mention
from .gazetteer import Gazetteer, Place, normalize

TOWN = 1  # ACLED geo_precision: the place itself
NEAR = 2  # part of or near a place
REGION = 3  # only the region or country is known


def article_country(doc: Document, gazetteer: Gazetteer) -> str | None:
    """The country an article is about: named countries first, then its places' countries."""
    votes: Counter[str] = Counter(m.label for m in doc.mentions if m.kind == "country")
    if not votes:
        for m in doc.of_kind("place"):
            place = gazetteer.lookup(doc.text[m.start:m.end])
            if place is not None:
                votes[place.country_code] += 1
    return votes.most_common(1)[0][0] if votes else None


def resolve_place(mention: Mention, doc: Document, gazetteer: Gazetteer,
                  country: str | None) -> tuple[Place | None, int | None]:
    """The gazetteer entry of a place mention, with ACLED's geo precision."""
    if mention.kind == "country":
        return gazetteer.country(mention.label), REGION
    place = gazetteer.lookup(doc.text[mention.start:mention.end], country_code=country)
    if place is None:
        return None, None
    return place, TOWN


def same_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.geonameid == b.geonameid or normalize(a.name) == normalize(b.name)
