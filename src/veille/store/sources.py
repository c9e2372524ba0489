"""What the store keeps for `veille watch`: its sources' state and the feed entries seen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from . import schema
from .db import Store, _existing


@dataclass(frozen=True, slots=True)
class SourceState:
    """A source as the store knows it (see `schema.sources`)."""

    url: str
    name: str
    lang: str | None
    country: str | None
    every_seconds: int
    etag: str | None
    last_modified: str | None
    last_poll: dt.datetime | None
    last_new: dt.datetime | None
    next_poll: dt.datetime | None
    articles: int
    errors: int
    last_error: str | None


def register(store: Store, sources: Iterable, now: dt.datetime) -> None:
    """Add the sources a SOURCES file lists (objects with `name`, `url`, `lang`, `country`,
    `every`), due now; for one already known, take its new name, language, country and
    interval and keep what was learnt (validators, counts, errors)."""
    t = schema.sources.c
    try:
        with store.writer.begin() as conn:
            for source in sources:
                known = conn.execute(select(t.url).where(t.url == source.url)).first()
                values = {"name": source.name, "lang": source.lang, "country": source.country,
                          "every_seconds": source.every}
                if known:
                    conn.execute(update(schema.sources).where(t.url == source.url)
                                 .values(**values))
                else:
                    conn.execute(insert(schema.sources).values(
                        url=source.url, next_poll=now, articles=0, errors=0, **values))
    except SQLAlchemyError as exc:
        raise StoreError(url=store.url, detail=str(exc).splitlines()[0]) from exc


def sources(store: Store, urls: Iterable[str] | None = None) -> list[SourceState]:
    """The stored sources (or those of `urls`), by name."""
    t = schema.sources.c
    query = select(schema.sources).order_by(t.name, t.url)
    if urls is not None:
        query = query.where(t.url.in_(list(urls)))
    with store.engine.connect() as conn:
        return [SourceState(**_aware(row._mapping)) for row in conn.execute(query)]


def record_poll(store: Store, url: str, **values) -> None:
    """Update a source after a poll (validators, times, counts, errors)."""
    try:
        with store.writer.begin() as conn:
            conn.execute(update(schema.sources).where(schema.sources.c.url == url)
                         .values(**values))
    except SQLAlchemyError as exc:
        raise StoreError(url=store.url, detail=str(exc).splitlines()[0]) from exc


def seen_entries(store: Store, urls: list[str]) -> set[str]:
    """Of these canonical entry URLs, those seen already."""
    with store.engine.connect() as conn:
        return _existing(conn, schema.source_entries.c.url, urls)


def add_entry(store: Store, *, url: str, source_url: str, article_id: str | None,
              outcome: str, now: dt.datetime) -> None:
    """Record an entry seen (once: a second record of the same URL is ignored)."""
    try:
        with store.writer.begin() as conn:
            if not _existing(conn, schema.source_entries.c.url, [url]):
                conn.execute(insert(schema.source_entries).values(
                    url=url, source_url=source_url, article_id=article_id, outcome=outcome,
                    seen_at=now))
    except SQLAlchemyError as exc:
        raise StoreError(url=store.url, detail=str(exc).splitlines()[0]) from exc


def _aware(row) -> dict:
    """SQLite gives back naive datetimes: they were written in UTC."""
    return {k: (v.replace(tzinfo=dt.UTC) if isinstance(v, dt.datetime) and v.tzinfo is None
                else v) for k, v in row.items()}
