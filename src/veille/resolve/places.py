"""Places: mentions to gazetteer entries, disambiguated by the article's country."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from ..document import Document, Mention
from ..geo import km
from ..resources.schemas import ActorEntry
from .gazetteer import Gazetteer, Place, normalize
from .gazetteer.store import WORLD_CITY, is_town_of_note, towns_before_renamed_regions

TOWN = 1  # ACLED geo_precision: the place itself
NEAR = 2  # part of or near a place
REGION = 3  # only the region or country is known
LARGE_TOWN = 100_000  # people: a town named after "in" is meant even abroad


def country_support(doc: Document, gazetteer: Gazetteer,
                    actors: Mapping[str, ActorEntry] | None = None) -> Counter[str]:
    """How strongly the article's names point at each country. A name counted once gives
    one vote, shared among the countries that have a place of that name (`Nawa` is in Syria
    and, as Naha, in Japan: half a vote each), except namesakes a tenth the size of the largest;
    a region (`Dara countryside`, or a name only regions bear: `Paktia`) gives two, since it
    names the area around the event, and votes only for regions of that name when the
    gazetteer has one; a name found only by a transliteration (`Mambasa` for Mombasa) gives
    half (`Mambasa` is not Mombasa); a country named gives one. The article's armed groups
    give half a vote each, shared among the countries the catalogue places them in (a reader
    knows where the Taliban or JNIM fight); a state's forces or government and a nationality
    word ("Afghan forces", "syriens") give a quarter, since states also fight abroad
    ("Russian strikes on Kharkiv"), and so does a country that acts or speaks ("Israël a
    frappé")."""
    # A country acting or speaking ("Israël a frappé", "Israel said") is a state: its forces'
    # quarter vote, below, is all it gives; one that qualifies a thing ("the US dollar") or
    # names a lake ("le lac Tchad") gives none.
    shares: dict[str, dict[str, float]] = {m.label: {m.label: 1.0} for m in doc.mentions
                                           if m.kind == "country" and m.data.get("elsewhere")
                                           not in ("actor", "speaker", "neighbour", "modifier",
                                                   "feature", "topic")}
    for m in doc.mentions:  # "près du Nigeria": a neighbour of the scene, a quarter vote
        if m.kind == "country" and m.data.get("elsewhere") == "neighbour":
            shares.setdefault(f"neighbour:{m.label}", {m.label: 0.25})
    for m in doc.of_kind("place"):
        if m.data.get("elsewhere") in ("modifier", "feature"):
            continue  # "a London-based monitor", "l'école Kerbala" say nothing of where
        if share := name_votes(m, doc, gazetteer):
            shares[normalize(m.name(doc.text))] = share
    for m in doc.mentions:
        where, weight = _actor_countries(m, actors or {})
        if where:  # each actor once, however often named
            shares.setdefault(f"{m.kind}:{m.label or sorted(where)}",
                              {code: weight / len(where) for code in where})
    votes: Counter[str] = Counter()
    for name in sorted(shares):
        for code, vote in shares[name].items():
            votes[code] += vote
    return votes


def name_votes(m: Mention, doc: Document, gazetteer: Gazetteer) -> dict[str, float]:
    """The votes one place name gives each country (see `country_support`)."""
    name = normalize(m.name(doc.text))
    largest: dict[str, int] = {}
    places = towns_before_renamed_regions(gazetteer.candidates(name, variants=True), name)
    if m.data.get("region"):  # "Chin state": the region, not a town of that name abroad
        places = [p for p in places if p.is_area] or places
    elif m.data.get("settlement"):  # "Amara city": a town, not a region of that name
        places = [p for p in places if not p.is_area] or places
    for place in places:
        if place.country_code:
            largest[place.country_code] = max(largest.get(place.country_code, 0),
                                              place.population)
    # Namesakes a tenth the size of the largest do not count (London, Ontario); a region
    # always does: its size is that of the towns the embedded gazetteer holds (Yemen's Al
    # Jawf counts 18,000 people, Saudi Arabia's 300,000).
    # Nor do towns of note that bear the name as their own ("Valence" in France) for a larger
    # place that only another language calls so (Valencia).
    own = {p.country_code for p in places if is_town_of_note(p, name)}
    biggest = max(places, key=lambda p: p.population, default=None)
    if biggest is None or normalize(biggest.name) == name:
        own = set()
    top = max((pop for code, pop in largest.items() if code in own or not own), default=0)
    regions = {p.country_code for p in places if p.is_area}
    largest = {code: pop for code, pop in largest.items() if pop * 10 >= top or code in regions}
    if not largest:
        return {}
    region = m.data.get("region") or all(p.is_area for p in places)
    # A name found only by a transliteration says little, region or not ("Al Maton district"
    # is no Mattoon, Illinois).
    weight = (2.0 if region else 1.0) if gazetteer.has_name(name) else 0.5
    # Between countries with as many votes, the larger places win (a tiny fraction, so that
    # ties never depend on the order of a set).
    return {code: weight / len(largest) + min(pop, 10**8) / 10**10
            for code, pop in largest.items()}


def _actor_countries(m: Mention, actors: Mapping[str, ActorEntry]) -> tuple[frozenset[str], float]:
    """The countries an actor or nationality mention points at, and its vote: a catalogue
    actor's countries (three at most: a group of the whole Sahel says little), "Afghan
    forces", "syriens"."""
    none: tuple[frozenset[str], float] = (frozenset(), 0.0)
    if m.kind == "demonym":
        return (frozenset([m.label]), 0.25) if len(m.label) == 2 else none
    if m.kind != "actor":
        return none
    if m.data.get("military_of"):
        return frozenset([m.data["military_of"]]), 0.25
    # A name several actors bear ("al-Shabaab": Somalia's, and Mozambique's insurgents)
    # points at all their countries.
    entries = [actors.get(name) for name in m.data.get("alternatives") or [m.label]]
    if any(e is None or not e.where for e in entries):
        return none
    where = frozenset().union(*(e.where for e in entries))
    if len(where) > 3:
        return none
    return where, (0.5 if all(e.kind == "armed" for e in entries) else 0.25)


def resolve_place(mention: Mention, doc: Document, gazetteer: Gazetteer, support: Counter[str],
                  *, far: bool = False) -> tuple[Place | None, int | None, str]:
    """The gazetteer entry of a place mention, with ACLED's geo precision and the reason it
    won, or why none did (the evidence's `reason`).

    Among homonyms, the article's main country wins, unless a world city bears the name
    (`Gazetteer.lookup`). A name found only in a country that nothing else in the article
    points at (`Badia` in Italy, in a story about Syria) is taken for a place the gazetteer
    lacks, and left unresolved; with `far` (what a toponym names, rather than where an event
    of the article is), a continent or a world city is kept there too ("diplomats met in
    London").
    """
    if mention.kind == "country":
        return gazetteer.country(mention.label), REGION, "a country named"
    name = mention.name(doc.text)
    if mention.data.get("area"):  # "Wash.": the state, not the capital of that name
        areas = [p for p in gazetteer.candidates(name) if p.feature_code == "ADM1"]
        if areas:
            return max(areas, key=lambda p: p.population), REGION, "a state or province"
    country = support.most_common(1)[0][0] if support else None
    inside = gazetteer.within(name, mention.data.get("inside") or mention.data.get("said_in"),
                              country)
    if inside is not None:
        return inside, TOWN, "the one of its name inside the area the text names"
    place = gazetteer.lookup(name, country_code=country,
                             towns=bool(mention.data.get("settlement")))
    if place is None:
        return None, None, "not in the gazetteer"
    if _not_where_said(place, mention, gazetteer):
        return None, None, ("abstained: the text puts it in a region where no place of that "
                            "name lies")
    if not place.country_code and not far:  # "in Europe", "in the Middle East"
        return None, None, "a continent or a part of the world, which is no event's place"
    # Abroad: the article points at that country by nothing but this very name (a region
    # gives itself two votes: "Sinai", in a Colombian story, is a Colombian village).
    own = name_votes(mention, doc, gazetteer).get(place.country_code, 0.0)
    abroad = (bool(country) and place.country_code != country
              and support[place.country_code] - own < 1)
    # A national capital or a world city named by its own name (not another language's:
    # "Colonia" is a part of a Mexican town, not Cologne; "Al Quds" in a West Bank story is
    # not Israel's capital) is no gap of the gazetteer: "rallied in Athens against the
    # invasion of Ukraine" happened in Athens, whatever the story is about.
    # So is a town of some size the text says something happened in ("people gathered in
    # Nottingham to protest a policy of deporting migrants to Rwanda"). The embedded
    # gazetteer's towns have no feature code: only a region's or a continent's is no town.
    # Not a name towns of three countries or more bear ("San Jose", "San Juan"): a village of
    # the story's country is as likely.
    town = not (place.is_area or place.feature_code == "CONT")
    big = ((town and place.population >= WORLD_CITY)
           or (town and mention.data.get("locative") and place.population >= LARGE_TOWN))
    known = ((place.feature_code == "PPLC" or (big and _few_countries(name, place, gazetteer)))
             and normalize(name) == normalize(place.name))
    if abroad and not known and not (far and not place.country_code):
        return None, None, (f"abstained: only in {place.country_code or 'no country'}, which "
                            "nothing else in the article points at")
    namesakes = gazetteer.candidates(name, variants=True)
    neighbour = _near_the_others(place, namesakes, name, doc, gazetteer)
    if neighbour is not None:
        near, anchor = neighbour
        return near, TOWN, f"the namesake near {anchor}, another place the article names"
    return place, TOWN, _why(place, namesakes, country, spelled=gazetteer.has_name(name))


def _not_where_said(place: Place, mention: Mention, gazetteer: Gazetteer) -> bool:
    """Whether the text says the place is in a region of its country that it is not in:
    "Nyaung Kone village in the Sagaing region" is no Nyaung Gon of Yangon, "Maliha town in
    Dara countryside" no Al Mulayhah of Rif Dimashq. Not read from
    brackets ("(At Tuhayat, Al Hudaydah)"), whose areas, a coder's, may draw a border where
    the gazetteer's does not."""
    said = [a for n in mention.data.get("said_in") or ()
            for a in gazetteer.candidates(n, variants=True)
            if a.country_code == place.country_code and a.admin1]
    # The region itself, else the region of the town it is named after ("Western Maliha town
    # in Dara countryside": Daraa, where Dar'a lies).
    areas = [a for a in said if a.feature_code == "ADM1"] or said
    return bool(areas) and all(a.admin1 != place.admin1 for a in areas)


def _few_countries(name: str, place: Place, gazetteer: Gazetteer) -> bool:
    """Whether the towns of `name` a tenth of `place`'s size or more lie in two countries at
    most."""
    return len({p.country_code for p in gazetteer.candidates(name)
                if p.population * 10 >= place.population}) <= 2


NEAR_KM = 50.0  # a namesake this close to another place of the article is the one meant
FAR_KM = 200.0  # ... when the most populous namesake is this far from all of them


def _near_the_others(place: Place, namesakes: list[Place], name: str, doc: Document,
                     gazetteer: Gazetteer) -> tuple[Place, str] | None:
    """Among namesakes in the same country ("Franklin", "Riverdale", a village name shared by
    three provinces), the one within 50 km of a place the article names unambiguously, when
    the most populous is 200 km or more from all of them; None otherwise. A capital or a
    world city is never displaced."""
    if place.feature_code in ("PPLC", "CONT") or place.population >= WORLD_CITY:
        return None
    local = [p for p in namesakes if p.country_code == place.country_code
             and p.geonameid != place.geonameid and p.latitude is not None
             and not p.is_area]
    if not local or place.latitude is None:
        return None
    anchors = _anchors(doc, gazetteer, normalize(name))
    if not anchors or min(km(place.latitude, place.longitude, a.latitude, a.longitude)
                          for a in anchors) < FAR_KM:
        return None
    best = min(((km(p.latitude, p.longitude, a.latitude, a.longitude), p, a)
                for p in local for a in anchors), key=lambda t: t[0])
    return (best[1], best[2].name) if best[0] <= NEAR_KM else None


def _anchors(doc: Document, gazetteer: Gazetteer, skip: str) -> list[Place]:
    """The towns the article names that have one place of their name only."""
    anchors = []
    for m in doc.of_kind("place"):
        key = normalize(m.name(doc.text))
        if key == skip or m.data.get("unresolved"):
            continue
        found = {p.geonameid: p for p in gazetteer.candidates(key)
                 if p.latitude is not None and not p.is_area and p.feature_code != "CONT"}
        if len(found) == 1:
            anchors.extend(found.values())
    return anchors


def _why(place: Place, namesakes: list[Place], country: str | None, *, spelled: bool) -> str:
    """Why `lookup` chose `place` among its namesakes, in words."""
    others = len({p.geonameid for p in namesakes}) - 1
    if others <= 0:
        why = "the only place of that name"
    elif place.feature_code == "CONT":
        why = "the continent"
    elif not place.country_code:
        why = "the part of the world"
    elif place.feature_code == "PPLC":
        why = f"the national capital, over {others} other place(s) of that name"
    elif country and place.country_code == country:
        why = f"in the article's country ({country}), over {others} namesake(s) elsewhere"
    elif country and place.population >= WORLD_CITY:
        why = f"a world city, over a smaller namesake in the article's country ({country})"
    else:
        why = f"the most populous of {others + 1} places of that name"
    return why if spelled else why + ", found by a transliteration of the name"


def same_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.geonameid == b.geonameid or normalize(a.name) == normalize(b.name)
