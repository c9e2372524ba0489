"""The API's read queries, in SQLAlchemy Core over the store's tables (values are always bound
parameters, never spliced into SQL). The store's own `Store` methods serve what they already
answer (an event, its sources, its history, a correction); these add the filtered listing,
evidence rows, articles and counts."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, func, or_, select
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..model import CasualtyReport, Event, Repair
from ..store import Store, schema
from ..store.db import acled_is, country_is, read_event
from .pagination import Cursor, Sort
from .schemas import AdminCount, EventFilters, EvidenceRow, Stats

E = schema.events.c


@contextmanager
def reading(store: Store) -> Iterator[Connection]:
    """A connection to the store; a database failure is a `StoreError`."""
    try:
        with store.engine.connect() as conn:
            yield conn
    except SQLAlchemyError as exc:
        raise StoreError(url=store.url, detail=str(exc).splitlines()[0]) from exc


def conditions(f: EventFilters) -> list[Any]:
    """The WHERE clauses of a filter."""
    where: list[Any] = []
    if f.since is not None:
        where.append(E.event_date >= f.since)
    if f.until is not None:
        where.append(E.event_date <= f.until)
    if f.event_type:
        where.append(E.event_type == f.event_type)
    if f.sub_event_type:
        where.append(E.sub_event_type == f.sub_event_type)
    if f.actor:
        # autoescape: `%` and `_` in the text are letters, not wildcards.
        where.append(or_(E.actor1.icontains(f.actor, autoescape=True),
                         E.actor2.icontains(f.actor, autoescape=True)))
    if f.country:
        where.append(country_is(f.country))
    if f.admin1:
        where.append(func.lower(E.admin1) == f.admin1.strip().lower())
    box = f.box()
    if box is not None:
        min_lon, min_lat, max_lon, max_lat = box
        where.append(E.latitude.between(min_lat, max_lat))
        if min_lon <= max_lon:
            where.append(E.longitude.between(min_lon, max_lon))
        else:  # across the antimeridian
            where.append(or_(E.longitude >= min_lon, E.longitude <= max_lon))
    if f.acled:
        where.append(acled_is(f.acled))
    if f.min_fatalities is not None:
        where.append(E.fatalities_best >= f.min_fatalities)
    if f.q:
        where.append(or_(*(column.icontains(f.q, autoescape=True) for column in (
            E.location, E.admin1, E.admin2, E.actor1, E.actor2))))
    return where


def events_page(store: Store, f: EventFilters) -> tuple[list[Event], str | None]:
    """One page of the events `f` selects, in its order, and the cursor of the next page
    (None on the last)."""
    sort = Sort(f.sort)
    cursor: Cursor | None = sort.decode(f.cursor) if f.cursor else None
    where = conditions(f)
    rows: list = []
    with reading(store) as conn:
        for segment in sort.segments(cursor):  # values first, then empty values
            wanted = f.limit + 1 - len(rows)
            if wanted <= 0:
                break
            query = (select(E.event_id, sort.column.label("sort_key"), E.record, E.updated_at,
                            E.number)
                     .where(*where, segment).order_by(*sort.order_by()).limit(wanted))
            rows += conn.execute(query).all()
    more = len(rows) > f.limit
    rows = rows[:f.limit]
    events = [read_event(row.record, row.updated_at, row.number) for row in rows]
    after = sort.encode(rows[-1].sort_key, rows[-1].event_id) if more else None
    return events, after


def evidence(store: Store, *, owner_id: str | None = None,
             article_id: str | None = None) -> list[EvidenceRow]:
    """Evidence rows of one event or casualty report, or into one article."""
    t = schema.evidence.c
    query = select(t.owner_id, t.article_id, t.field, t.start, t.end, t.text, t.basis)
    if owner_id is not None:
        query = query.where(t.owner_id == owner_id).order_by(t.id)
    if article_id is not None:
        query = query.where(t.article_id == article_id).order_by(t.start, t.end, t.id)
    with reading(store) as conn:
        return [EvidenceRow(**row._mapping) for row in conn.execute(query)]


def article(store: Store, article_id: str) -> dict | None:
    """A stored article's row with its casualty reports, repairs and events, or None."""
    a = schema.articles.c
    cr, rp, es = schema.casualty_reports.c, schema.repairs.c, schema.event_sources.c
    with reading(store) as conn:
        row = conn.execute(select(a.id, a.url, a.outlet, a.title, a.published, a.lang, a.text)
                           .where(a.id == article_id)).first()
        if row is None:
            return None
        reports = [CasualtyReport.model_validate_json(r) for (r,) in conn.execute(
            select(cr.record).where(cr.article_id == article_id).order_by(cr.report_id))]
        repairs = [Repair(**r._mapping) for r in conn.execute(
            select(rp.kind, rp.start, rp.end, rp.original, rp.replacement)
            .where(rp.article_id == article_id).order_by(rp.start, rp.id))]
        events = list(dict.fromkeys(conn.execute(
            select(es.event_id).where(es.article_id == article_id).order_by(es.id)).scalars()))
    return {**row._mapping, "casualty_reports": reports, "repairs": repairs,
            "event_ids": events}


class StatsCache:
    """The last `stats` answer, kept until the store changes: the counts read the whole events
    table, while what tells a change (how many events and articles, the latest update) comes
    from indexes. One per app; requests may share it from several threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._value: Stats | None = None

    def get(self, store: Store) -> Stats:
        with reading(store) as conn:
            key = (*conn.execute(select(func.count(), func.max(E.updated_at))
                                 .select_from(schema.events)).one(),
                   conn.execute(select(func.count()).select_from(schema.articles)).scalar_one())
        with self._lock:
            if key == self._key and self._value is not None:
                return self._value
        value = stats(store)
        with self._lock:
            self._key, self._value = key, value
        return value


def stats(store: Store) -> Stats:
    """Counts by event type, ISO week and admin1 (the 50 largest), and totals."""
    a = schema.articles
    with reading(store) as conn:
        total = conn.execute(select(func.count()).select_from(schema.events)).scalar_one()
        articles = conn.execute(select(func.count()).select_from(a)).scalar_one()
        types = conn.execute(select(E.event_type, func.count()).group_by(E.event_type)
                             .order_by(func.count().desc(), E.event_type)).all()
        # Per day in SQL, folded into ISO weeks here: each database spells weeks its own way.
        days = conn.execute(select(E.event_date, func.count()).where(E.event_date.is_not(None))
                            .group_by(E.event_date)).all()
        count = func.count().label("n")
        admin1 = conn.execute(select(E.country, E.admin1, count).where(E.admin1.is_not(None))
                              .group_by(E.country, E.admin1)
                              .order_by(count.desc(), E.country, E.admin1).limit(50)).all()
    weeks: Counter[str] = Counter()
    for day, n in days:
        weeks[_iso_week(day)] += n
    return Stats(events=total, articles=articles, by_event_type=dict(types),
                 by_week=dict(sorted(weeks.items())),
                 by_admin1=[AdminCount(country=c, admin1=r, events=n) for c, r, n in admin1])


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
