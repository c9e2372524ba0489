"""SOURCES.toml: the feeds and pages `veille watch` polls, one `[[source]]` table each."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import BadSources

DEFAULT_EVERY = 15 * 60  # seconds: GDELT's own rhythm
MIN_EVERY = 60  # a source polled more often than once a minute is not being polite
_EVERY = re.compile(r"^\s*(\d+)\s*(s|m|h|d)\s*$")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_KEYS = {"name", "url", "lang", "country", "every"}


@dataclass(frozen=True, slots=True)
class Source:
    """One source: an RSS/Atom feed (or a site's section page or sitemap) and how to read it.
    `lang` skips language detection; `country` is an ISO 3166-1 code, a hint kept with it;
    `every` is how often it is polled, in seconds."""

    name: str
    url: str
    lang: str | None = None
    country: str | None = None
    every: int = DEFAULT_EVERY


def read_sources(path: Path) -> list[Source]:
    """The sources a SOURCES.toml file lists, checked; `BadSources` (V700) says what is wrong
    and where."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise BadSources(path=str(path), detail=" ".join(str(exc).split())) from exc
    tables = data.get("source")
    if not isinstance(tables, list) or not tables:
        raise BadSources(path=str(path), detail="no [[source]] table (each needs a name and a url)")
    sources, urls = [], set()
    for n, table in enumerate(tables, start=1):
        where = f"source {n}"
        if not isinstance(table, dict):
            raise BadSources(path=str(path), detail=f"{where}: not a table")
        unknown = sorted(set(table) - _KEYS)
        if unknown:
            raise BadSources(path=str(path), detail=f"{where}: unknown key(s) {', '.join(unknown)} "
                             f"(known: {', '.join(sorted(_KEYS))})")
        source = parse_source(table, where, str(path))
        if source.url in urls:
            raise BadSources(path=str(path), detail=f"{where}: {source.url} is listed twice")
        urls.add(source.url)
        sources.append(source)
    return sources


def parse_source(table: dict, where: str, path: str) -> Source:
    """One source from its table (a [[source]] of the file, a POST /sources body)."""
    name, url = table.get("name"), table.get("url")
    if not isinstance(name, str) or not name.strip():
        raise BadSources(path=path, detail=f"{where}: `name` is missing")
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") \
            or not urlsplit(url).hostname:
        raise BadSources(path=path, detail=f"{where} ({name}): `url` must be an http or https "
                         f"address, not {url!r}")
    lang, country = table.get("lang"), table.get("country")
    if lang is not None and not (isinstance(lang, str) and re.fullmatch(r"[a-z]{2}", lang)):
        raise BadSources(path=path, detail=f"{where} ({name}): `lang` is a two-letter code (fr)")
    if country is not None and not (isinstance(country, str)
                                    and re.fullmatch(r"[A-Za-z]{2}", country)):
        raise BadSources(path=path, detail=f"{where} ({name}): `country` is an ISO code (SD)")
    return Source(name=name.strip(), url=url.strip(), lang=lang,
                  country=country.upper() if country else None,
                  every=parse_every(table.get("every", "15m"), f"{where} ({name})", path))


def parse_every(value: object, where: str, path: str) -> int:
    """`"15m"`, `"1h"`, `"90s"`, `"1d"` as seconds, at least a minute."""
    match = _EVERY.match(value) if isinstance(value, str) else None
    if match is None:
        raise BadSources(path=path, detail=f"{where}: `every` is a duration such as \"15m\" or "
                         f"\"1h\", not {value!r}")
    seconds = int(match.group(1)) * _UNIT[match.group(2)]
    if seconds < MIN_EVERY:
        raise BadSources(path=path, detail=f"{where}: `every` is at least 1m (polite polling)")
    return seconds
