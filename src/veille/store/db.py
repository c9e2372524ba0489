"""Write reports to the store and read living records back.

Storing a report adds its article once (an article already stored is left as it is, so
re-running the same input changes nothing), then each of its events either becomes a new
event or joins the stored event it reports (`fusion.py`): that event gains a source, and what
the new source changed is written as a revision. An article is stored whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    create_engine,
    event,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..geo import km
from ..model import CasualtyReport, Event, Evidence, Report, Revision
from ..resolve.events import notes
from ..resources import Taxonomy, load_taxonomy
from . import fusion, migrate, schema

# How far apart in days a stored event may be dated and still be a candidate (a month: the
# widest window of fusion.window_days).
_CANDIDATE_DAYS = 31
# Degrees of latitude around a precisely placed event to look for candidates (> 25 km).
_CANDIDATE_DEGREES = 0.3


@dataclass
class SaveResult:
    """What storing one report did."""

    article_id: str
    stored: bool = True  # False: the article was already in the store; nothing changed
    created: list[str] = field(default_factory=list)  # new event ids
    merged: list[str] = field(default_factory=list)  # stored events the article reported again
    error: StoreError | None = None


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; one fsync per checkpoint
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def engine_url(url: str) -> str:
    """The SQLAlchemy URL for a store URL: `postgresql://` means psycopg 3."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def open_store(url: str, taxonomy: Taxonomy | None = None) -> Store:
    """Open the store at `url` (`sqlite:///veille.db`, `postgresql://user@host/db`), creating
    it or upgrading its schema as needed."""
    try:
        engine = create_engine(engine_url(url))
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        with engine.begin() as conn:
            migrate.upgrade(conn, url)
    except StoreError:
        raise
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StoreError(url=url, detail=str(exc).splitlines()[0]) from exc
    return Store(engine, url, taxonomy or load_taxonomy())


class Store:
    """A database of articles and the living event records read from them."""

    def __init__(self, engine: Engine, url: str, taxonomy: Taxonomy) -> None:
        self.engine = engine
        self.url = url
        self.taxonomy = taxonomy

    # --- writing ----------------------------------------------------------------------

    def save(self, report: Report) -> SaveResult:
        """Store one report in its own transaction."""
        try:
            with self.engine.begin() as conn:
                return self._save(conn, report)
        except SQLAlchemyError as exc:
            raise StoreError(url=self.url, detail=str(exc).splitlines()[0]) from exc

    def save_all(self, reports: Iterable[Report], batch_size: int = 500) -> list[SaveResult]:
        """Store many reports, `batch_size` to a transaction. A report the database refuses is
        rolled back alone (its `SaveResult.error` says why); the others are stored."""
        results: list[SaveResult] = []
        batch: list[Report] = []
        for report in reports:
            batch.append(report)
            if len(batch) >= batch_size:
                results += self._save_batch(batch)
                batch = []
        if batch:
            results += self._save_batch(batch)
        return results

    def _save_batch(self, reports: list[Report]) -> list[SaveResult]:
        results = []
        try:
            with self.engine.begin() as conn:
                for report in reports:
                    try:
                        with conn.begin_nested():  # a savepoint: one bad report alone fails
                            results.append(self._save(conn, report))
                    except SQLAlchemyError as exc:
                        results.append(SaveResult(report.article.id, stored=False, error=StoreError(
                            url=self.url, detail=str(exc).splitlines()[0])))
        except SQLAlchemyError as exc:
            raise StoreError(url=self.url, detail=str(exc).splitlines()[0]) from exc
        return results

    def _save(self, conn: Connection, report: Report) -> SaveResult:
        article = report.article
        result = SaveResult(article.id)
        if conn.execute(select(schema.articles.c.id).where(
                schema.articles.c.id == article.id)).first():
            result.stored = False
            return result
        now = dt.datetime.now(dt.UTC)
        conn.execute(insert(schema.articles), [{**article.model_dump(), "stored_at": now}])
        for new in report.events:
            twin = self._find_twin(conn, new, article.id)
            if twin is None:
                self._insert_event(conn, new, now)
                result.created.append(new.event_id)
            else:
                self._merge_event(conn, twin, new, article.id, now)
                result.merged.append(twin.event_id)
        if report.casualty_reports:
            conn.execute(insert(schema.casualty_reports),
                         [_casualty_row(c, article.id) for c in report.casualty_reports])
        rows = [row for c in report.casualty_reports
                for row in _evidence_rows(c.report_id, c.evidence)]
        if rows:
            conn.execute(insert(schema.evidence), rows)
        if report.repairs:
            conn.execute(insert(schema.repairs), [
                {"article_id": article.id, **r.model_dump()} for r in report.repairs])
        return result

    def _find_twin(self, conn: Connection, new: Event, article_id: str) -> Event | None:
        """The stored event `new` reports again, if any (the closest in time, then space)."""
        day = fusion.event_day(new)
        if new.iso is None:
            return None
        t = schema.events.c
        query = select(t.record).where(t.iso == new.iso, t.sub_event_type.in_(
            self._compatible_types(new)))
        if day is not None:
            span = dt.timedelta(days=_CANDIDATE_DAYS)
            query = query.where(or_(t.event_date.between(day - span, day + span),
                                    t.event_date.is_(None)))
        near = []
        if new.admin1 is not None:
            near.append(t.admin1 == new.admin1)
        if new.latitude is not None:
            d = _CANDIDATE_DEGREES
            near.append(and_(t.latitude.between(new.latitude - d, new.latitude + d),
                             t.longitude.between(new.longitude - 2 * d, new.longitude + 2 * d)))
        if not near:
            return None
        query = query.where(or_(*near))
        twins = []
        for (record,) in conn.execute(query):
            stored = Event.model_validate(record)
            if any(s.article_id == article_id for s in stored.sources):
                continue  # the article's own events were already fused with each other
            if fusion.same_event(stored, new, self.taxonomy):
                twins.append(stored)
        return min(twins, key=lambda s: _distance(s, new), default=None)

    def _compatible_types(self, new: Event) -> list[str]:
        key = self.taxonomy.key(new.event_type, new.sub_event_type)
        names = {new.sub_event_type}
        for other in self.taxonomy.keys():  # noqa: SIM118 (a Taxonomy, not a dict)
            if self.taxonomy.subsumes(key, other) or self.taxonomy.subsumes(other, key):
                names.add(self.taxonomy.names(other)[1])
        return sorted(names)

    def _insert_event(self, conn: Connection, new: Event, now: dt.datetime) -> None:
        conn.execute(insert(schema.events), [_event_row(new, now, created=now)])
        self._add_source(conn, new.event_id, new, now)

    def _merge_event(self, conn: Connection, stored: Event, new: Event, article_id: str,
                     now: dt.datetime) -> None:
        sources = [*self._source_events(conn, stored.event_id), _source_event(new)]
        fused = fusion.merge(stored, new, sources, self.taxonomy)
        fused.notes = notes(fused)  # the pipeline's own sentence, from the fused fields
        row = _event_row(fused, now)
        del row["event_id"]
        conn.execute(update(schema.events).where(
            schema.events.c.event_id == stored.event_id).values(**row))
        self._add_source(conn, stored.event_id, new, now)
        conn.execute(insert(schema.revisions), [{
            "event_id": stored.event_id, "article_id": article_id, "at": now,
            "changes": fusion.changes(stored, fused)}])

    def _add_source(self, conn: Connection, event_id: str, new: Event,
                    now: dt.datetime) -> None:
        source = new.sources[0]
        conn.execute(insert(schema.event_sources), [{
            "event_id": event_id, "article_id": source.article_id,
            "source_event_id": new.event_id, "published": source.published,
            "attributed_to": source.attributed_to, "added_at": now,
            "record": new.model_dump(mode="json")}])
        rows = list(_evidence_rows(event_id, new.evidence))
        if rows:
            conn.execute(insert(schema.evidence), rows)

    def _source_events(self, conn: Connection, event_id: str) -> list[fusion.SourceEvent]:
        t = schema.event_sources.c
        rows = conn.execute(select(t.record, t.published).where(t.event_id == event_id)
                            .order_by(t.id))
        return [fusion.SourceEvent(Event.model_validate(r), p) for r, p in rows]

    # --- reading ----------------------------------------------------------------------

    def events(self, *, since: dt.date | None = None,
               country: str | None = None) -> Iterator[Event]:
        """Stored events, by date then id; `since` keeps events on or after a date, `country`
        those of one country (its name or ISO code, any case)."""
        t = schema.events.c
        query = select(t.record).order_by(t.event_date, t.event_id)
        if since is not None:
            query = query.where(t.event_date >= since)
        if country:
            wanted = country.strip().lower()
            query = query.where(or_(func.lower(t.country) == wanted, func.lower(t.iso) == wanted))
        with self.engine.connect() as conn:
            for (record,) in conn.execute(query):
                yield Event.model_validate(record)

    def event(self, event_id: str) -> Event | None:
        """One stored event, or None."""
        query = select(schema.events.c.record).where(schema.events.c.event_id == event_id)
        with self.engine.connect() as conn:
            record = conn.execute(query).scalar_one_or_none()
        return None if record is None else Event.model_validate(record)

    def sources(self, event_id: str) -> list[Event]:
        """Each article's own reading of a stored event, in the order they were stored."""
        with self.engine.connect() as conn:
            return [s.event for s in self._source_events(conn, event_id)]

    def history(self, event_id: str) -> list[Revision]:
        """The revisions of a stored event, oldest first."""
        t = schema.revisions.c
        query = select(t.event_id, t.at, t.article_id, t.changes, t.author, t.reason).where(
            t.event_id == event_id).order_by(t.id)
        with self.engine.connect() as conn:
            return [Revision(**row._mapping) for row in conn.execute(query)]

    def casualty_reports(self) -> Iterator[CasualtyReport]:
        """Every stored casualty report."""
        query = select(schema.casualty_reports.c.record).order_by(
            schema.casualty_reports.c.report_id)
        with self.engine.connect() as conn:
            for (record,) in conn.execute(query):
                yield CasualtyReport.model_validate(record)

    def count(self, table: str) -> int:
        """Rows in one table (for summaries and tests)."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(
                schema.metadata.tables[table])).scalar_one()


def _distance(stored: Event, new: Event) -> tuple[int, float]:
    da, db = fusion.event_day(stored), fusion.event_day(new)
    days = abs((da - db).days) if da and db else 0
    placed = stored.latitude is not None and new.latitude is not None
    return days, (km(stored.latitude, stored.longitude, new.latitude, new.longitude)
                  if placed else 0.0)


def _source_event(e: Event) -> fusion.SourceEvent:
    return fusion.SourceEvent(e, e.sources[0].published if e.sources else None)


def _event_row(e: Event, now: dt.datetime, created: dt.datetime | None = None) -> dict:
    fat = e.fatalities
    row = {
        "event_id": e.event_id, "event_date": e.event_date, "event_type": e.event_type,
        "sub_event_type": e.sub_event_type, "actor1": e.actor1, "actor2": e.actor2,
        "country": e.country, "iso": e.iso, "admin1": e.admin1, "admin2": e.admin2,
        "location": e.location, "latitude": e.latitude, "longitude": e.longitude,
        "geo_precision": e.geo_precision,
        "fatalities_low": fat.low if fat else None, "fatalities_best": fat.best if fat else None,
        "fatalities_high": fat.high if fat else None, "sources": len(e.sources),
        "updated_at": now, "record": e.model_dump(mode="json"),
    }
    if created is not None:
        row["created_at"] = created
    return row


def _casualty_row(c: CasualtyReport, article_id: str) -> dict:
    return {
        "report_id": c.report_id, "article_id": article_id, "outcome": c.outcome,
        "total_low": c.total.low, "total_best": c.total.best, "total_high": c.total.high,
        "cumulative": c.cumulative, "record": c.model_dump(mode="json"),
    }


def _evidence_rows(owner: str, fields: dict[str, Evidence]) -> Iterator[dict]:
    for name, ev in fields.items():
        for span in ev.spans:
            yield {"owner_id": owner, "article_id": ev.article_id, "field": name,
                   "start": span.start, "end": span.end, "text": span.text,
                   "basis": ev.basis}
