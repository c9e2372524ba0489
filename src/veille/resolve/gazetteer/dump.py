"""Add a GeoNames country dump (`SY.txt` from GeoNames' export) to the gazetteer file.

The dump is tab-separated, 19 columns (geonameid, name, asciiname, alternatenames, latitude,
longitude, feature class, feature code, country code, cc2, admin1 code, admin2 code, admin3,
admin4, population, elevation, dem, timezone, modification date). Populated places (feature
class P, neighbourhoods included) are added as the user's places; admin1 names come from an
`admin1CodesASCII.txt` file when given, else from the embedded places of the same code, and
admin2 names from an `admin2Codes.txt` file when given (ACLED's admin2: a village's district).
"""

from __future__ import annotations

import csv
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ...errors import BadGazetteerFile
from .names import name_keys, usable_alias
from .schema import SCHEMA

_COLUMNS = 19
_POPULATED = "P"


@dataclass(frozen=True)
class DumpResult:
    """What `add_geonames_dump` did."""

    added: int
    skipped: int  # lines that were not populated places
    malformed: int  # lines that were not 19 tab-separated columns with numbers where due


def add_geonames_dump(db: Path, dump: Path, admin1_codes: Path | None = None,
                      admin2_codes: Path | None = None) -> DumpResult:
    """Add the populated places of `dump` to the gazetteer file `db` (replacing earlier user
    records of the same places)."""
    if not dump.is_file():
        raise BadGazetteerFile(path=str(dump), detail="no such file")
    admin1_names = _read_admin_codes(admin1_codes) if admin1_codes else {}
    admin2_names = _read_admin_codes(admin2_codes) if admin2_codes else {}
    conn = sqlite3.connect(db)
    try:
        conn.executescript(SCHEMA)
        conn.execute("PRAGMA foreign_keys=ON")
        result = _insert(conn, dump, admin1_names, admin2_names)
        conn.commit()
    finally:
        conn.close()
    if result.added == 0:
        raise BadGazetteerFile(path=str(dump), detail=(
            f"no populated place found ({result.malformed} malformed lines); is it a GeoNames "
            "country dump (19 tab-separated columns)?"))
    return result


def _read_admin_codes(path: Path) -> dict[tuple[str, str], str]:
    """`SY.09<TAB>Aleppo<TAB>Aleppo<TAB>170062` -> {("SY", "09"): "Aleppo"}; an admin2 line
    `SY.09.1234<TAB>...` -> {("SY", "09.1234"): name}."""
    table = {}
    try:
        with path.open(encoding="utf-8") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) >= 3 and "." in row[0]:
                    cc, code = row[0].split(".", 1)
                    table[(cc, code)] = row[2] or row[1]
    except (OSError, UnicodeDecodeError) as exc:
        raise BadGazetteerFile(path=str(path), detail=str(exc)) from exc
    return table


def _embedded_admin1(conn: sqlite3.Connection, cc: str, code: str,
                     cache: dict[tuple[str, str], str | None]) -> str | None:
    if (cc, code) not in cache:
        row = conn.execute(
            "SELECT admin1 FROM places WHERE country_code = ? AND admin1_code = ? "
            "AND admin1 IS NOT NULL GROUP BY admin1 ORDER BY count(*) DESC LIMIT 1",
            (cc, code)).fetchone()
        cache[(cc, code)] = row[0] if row else None
    return cache[(cc, code)]


def _insert(conn: sqlite3.Connection, dump: Path,
            admin1_names: dict[tuple[str, str], str],
            admin2_names: dict[tuple[str, str], str]) -> DumpResult:
    added = skipped = malformed = 0
    cache: dict[tuple[str, str], str | None] = {}
    try:
        handle = dump.open(encoding="utf-8")
    except OSError as exc:
        raise BadGazetteerFile(path=str(dump), detail=str(exc)) from exc
    with handle:
        try:
            for line in handle:
                row = line.rstrip("\n").split("\t")
                if len(row) != _COLUMNS:
                    malformed += 1
                    continue
                if row[6] != _POPULATED:
                    skipped += 1
                    continue
                try:
                    geonameid, lat, lon = int(row[0]), float(row[4]), float(row[5])
                    population = int(row[14] or 0)
                except ValueError:
                    malformed += 1
                    continue
                cc, code = row[8], row[10]
                admin1 = admin1_names.get((cc, code)) or _embedded_admin1(conn, cc, code, cache)
                name = row[2] or row[1]
                conn.execute("DELETE FROM places WHERE geonameid = ?", (geonameid,))
                admin2 = admin2_names.get((cc, f"{code}.{row[11]}")) if row[11] else None
                conn.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                             (geonameid, name, lat, lon, cc, admin1, admin2, code, population,
                              row[7], "user"))
                aliases = [a for a in row[3].split(",") if usable_alias(a)]
                conn.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)",
                                 [(k, geonameid) for k in name_keys([row[1], name, *aliases])])
                added += 1
        except UnicodeDecodeError as exc:
            raise BadGazetteerFile(path=str(dump), detail=f"not UTF-8 ({exc.reason})") from exc
    return DumpResult(added, skipped, malformed)
