"""Write reports to the store and read events back. One transaction per report: an article is
stored whole or not at all, and storing it again replaces it (idempotent)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from sqlalchemy import Engine, create_engine, delete, event, func, insert, select
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..model import CasualtyReport, Event, Evidence, Report
from . import schema


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def open_store(url: str) -> Store:
    """Open (and create if needed) the store at a SQLAlchemy URL such as `sqlite:///veille.db`."""
    try:
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        schema.metadata.create_all(engine)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StoreError(url=url, detail=str(exc).splitlines()[0]) from exc
    return Store(engine, url)


class Store:
    """A database of reports."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    def save(self, report: Report) -> None:
        """Store one report, replacing what was stored for the same article."""
        article = report.article
        try:
            with self.engine.begin() as conn:
                for table in (schema.evidence, schema.events, schema.casualty_reports,
                              schema.repairs):
                    conn.execute(delete(table).where(table.c.article_id == article.id))
                conn.execute(delete(schema.articles).where(schema.articles.c.id == article.id))
                conn.execute(insert(schema.articles), [{
                    **article.model_dump(), "stored_at": dt.datetime.now(dt.UTC)}])
                if report.events:
                    conn.execute(insert(schema.events), [_event_row(e, article.id)
                                                         for e in report.events])
                if report.casualty_reports:
                    conn.execute(insert(schema.casualty_reports),
                                 [_casualty_row(c, article.id) for c in report.casualty_reports])
                rows = list(_evidence_rows(report))
                if rows:
                    conn.execute(insert(schema.evidence), rows)
                if report.repairs:
                    conn.execute(insert(schema.repairs), [
                        {"article_id": article.id, **r.model_dump()} for r in report.repairs])
        except SQLAlchemyError as exc:
            raise StoreError(url=self.url, detail=str(exc).splitlines()[0]) from exc

    def save_all(self, reports: Iterable[Report]) -> int:
        """Store many reports; returns how many."""
        count = 0
        for report in reports:
            self.save(report)
            count += 1
        return count

    def events(self, *, since: dt.date | None = None,
               country: str | None = None) -> Iterator[Event]:
        """Stored events, by date then id; `since` keeps events on or after a date, `country`
        those of one country (its name or ISO code, any case)."""
        query = select(schema.events.c.record).order_by(schema.events.c.event_date,
                                                        schema.events.c.event_id)
        if since is not None:
            query = query.where(schema.events.c.event_date >= since)
        if country:
            query = query.where(func.lower(schema.events.c.country) == country.lower())
        with self.engine.connect() as conn:
            for (record,) in conn.execute(query):
                yield Event.model_validate(record)

    def casualty_reports(self) -> Iterator[CasualtyReport]:
        """Every stored casualty report."""
        query = select(schema.casualty_reports.c.record).order_by(
            schema.casualty_reports.c.report_id)
        with self.engine.connect() as conn:
            for (record,) in conn.execute(query):
                yield CasualtyReport.model_validate(record)

    def count(self, table: str) -> int:
        """Rows in one table (for summaries and tests)."""
        from sqlalchemy import func

        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(
                schema.metadata.tables[table])).scalar_one()


def _event_row(e: Event, article_id: str) -> dict:
    return {
        "event_id": e.event_id, "article_id": article_id, "event_date": e.event_date,
        "event_type": e.event_type, "sub_event_type": e.sub_event_type, "actor1": e.actor1,
        "actor2": e.actor2, "country": e.country, "admin1": e.admin1, "location": e.location,
        "latitude": e.latitude, "longitude": e.longitude,
        "fatalities": e.fatalities.best if e.fatalities else None,
        "record": e.model_dump(mode="json"),
    }


def _casualty_row(c: CasualtyReport, article_id: str) -> dict:
    return {
        "report_id": c.report_id, "article_id": article_id, "outcome": c.outcome,
        "total_low": c.total.low, "total_best": c.total.best, "total_high": c.total.high,
        "cumulative": c.cumulative, "record": c.model_dump(mode="json"),
    }


def _evidence_rows(report: Report) -> Iterator[dict]:
    owners: list[tuple[str, dict[str, Evidence]]] = [(e.event_id, e.evidence)
                                                     for e in report.events]
    owners += [(c.report_id, c.evidence) for c in report.casualty_reports]
    for owner, fields in owners:
        for name, ev in fields.items():
            for span in ev.spans:
                yield {"owner_id": owner, "article_id": ev.article_id, "field": name,
                       "start": span.start, "end": span.end, "text": span.text,
                       "basis": ev.basis}
