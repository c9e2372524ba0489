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
from typing import Literal, get_args

from pydantic import ValidationError
from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    event,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import OperationalError, SQLAlchemyError, StatementError

from ..errors import BadCorrection, StoreError, UnknownEvent
from ..model import Article, CasualtyReport, Event, Evidence, Rejected, Report, Revision
from ..resolve.events import notes
from ..resources import Taxonomy, load_taxonomy
from . import fusion, migrate, schema
from .batch import Batch, casualty_row, event_row, evidence_rows
from .candidates import Candidates
from .copies import add_copy, is_new_copy

# Events by whether ACLED's data holds them too (see `acled_is`).
AcledFilter = Literal["also", "not", "only"]
ACLED_FILTERS: tuple[str, ...] = get_args(AcledFilter)


@dataclass
class SaveResult:
    """What storing one report did."""

    article_id: str
    stored: bool = True  # False: the article was already in the store; nothing changed
    created: list[str] = field(default_factory=list)  # new event ids
    merged: list[str] = field(default_factory=list)  # stored events the article reported again
    # Stored events whose article this one copies (same text, another outlet or address):
    # each gained it as a source (see copies.py).
    copied: list[str] = field(default_factory=list)
    error: StoreError | None = None


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # Python's sqlite3 opens transactions on its own terms (never before a SAVEPOINT, so a
    # savepoint would commit on release): let SQLAlchemy say BEGIN itself (_sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; one fsync per checkpoint
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


# The PostgreSQL advisory lock taken while a store's schema is created or upgraded ("veille"
# in ASCII: any fixed number other programs are unlikely to use).
_UPGRADE_LOCK = 0x7665696C6C65

# The execution option that marks a connection that writes (`Store.writer`).
WRITES = "veille_writes"


def _sqlite_begin(conn) -> None:
    # A transaction that writes takes the write lock at BEGIN (IMMEDIATE), waiting up to
    # busy_timeout for another writer. Begun as a reader (deferred), it would fail with
    # "database is locked" the moment it wrote after another connection had committed (SQLite
    # cannot move a reader's snapshot forward; busy_timeout does not help), and what it had
    # read would be stale: two `veille run` at once, or concurrent PATCH /events, failed so.
    # Reads stay deferred, so they never wait for a writer.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITES)
                         else "BEGIN")


def store_url(where: str) -> str:
    """The store URL of `--db` or `[store] url`: a URL as given (`sqlite:///veille.db`,
    `postgresql://user@host/db`), or a file path (`veille.db`, `./data/events.sqlite`,
    `/srv/veille.db`) as the SQLite database in that file, as sqlite-utils, Datasette and
    DuckDB take it."""
    where = where.strip()
    if "://" in where:
        return where
    if not where:
        raise StoreError(url=where, detail="no store given: a file path or a database URL")
    return "sqlite:///" + where


def engine_url(url: str) -> str:
    """The SQLAlchemy URL for a store URL: `postgresql://` means psycopg 3."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def open_store(url: str, taxonomy: Taxonomy | None = None) -> Store:
    """Open the store at `url` (a file path `veille.db`, or a URL `sqlite:///veille.db`,
    `postgresql://user@host/db`), creating it or upgrading its schema as needed."""
    url = store_url(url)
    try:
        engine = create_engine(engine_url(url))
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        with engine.begin() as conn:
            current = migrate.is_current(conn)
        if not current:  # checked and upgraded again under the write lock (see _sqlite_begin)
            with engine.execution_options(**{WRITES: True}).begin() as conn:
                if engine.dialect.name == "postgresql":
                    # PostgreSQL has no database-wide write lock: two processes opening a new
                    # store at once would both create its tables, and one would fail. This
                    # lock, held to the end of the transaction, makes the second wait, then
                    # find the schema current.
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                 {"key": _UPGRADE_LOCK})
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
        self.writer = engine.execution_options(**{WRITES: True})  # transactions that write
        self.url = url
        self.taxonomy = taxonomy

    # --- writing ----------------------------------------------------------------------

    def save(self, report: Report) -> SaveResult:
        """Store one report in its own transaction."""
        return self.save_all([report])[0]

    def save_all(self, reports: Iterable[Report], batch_size: int = 2000) -> list[SaveResult]:
        """Store many reports, `batch_size` to a transaction (the write lock is held about a
        second for 2,000), each batch in order of
        publication (so an event's revisions follow its story); results in input order. A
        report the database refuses is rolled back alone (its `SaveResult.error` says why)."""
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
        order = sorted(range(len(reports)), key=lambda i: (
            reports[i].article.published or dt.date.max, reports[i].article.id))
        ordered = [reports[i] for i in order]
        try:
            try:
                with self.writer.begin() as conn:
                    done = self._write(conn, ordered)
            except StatementError as exc:
                if isinstance(exc, OperationalError):  # the database itself failed: say so
                    raise
                done = self._write_one_by_one(ordered)  # find the report it refused
        except SQLAlchemyError as exc:
            raise StoreError(url=self.url, detail=str(exc).splitlines()[0]) from exc
        results: list[SaveResult] = [None] * len(reports)  # type: ignore[list-item]
        for i, result in zip(order, done, strict=True):
            results[i] = result
        return results

    def _write_one_by_one(self, reports: list[Report]) -> list[SaveResult]:
        results = []
        with self.writer.begin() as conn:
            for report in reports:
                try:
                    with conn.begin_nested():  # a savepoint: a refused report fails alone
                        results += self._write(conn, [report])
                except StatementError as exc:
                    if isinstance(exc, OperationalError):
                        raise
                    results.append(SaveResult(report.article.id, stored=False, error=StoreError(
                        url=self.url, detail=str(exc.orig or exc).splitlines()[0])))
        return results

    def _write(self, conn: Connection, reports: list[Report]) -> list[SaveResult]:
        """Store `reports` (in this order) on `conn`: new articles and their events, fused
        with the stored events they report again."""
        now = dt.datetime.now(dt.UTC)
        known = self._stored_articles(conn, [r.article.id for r in reports])
        fresh, copies = [], []
        results = []
        for report in reports:
            article = report.article
            result = SaveResult(article.id, stored=article.id not in known)
            if result.stored and _holds_nul(report):
                result.stored = False
                result.error = StoreError(url=self.url, detail=(
                    f"article {article.id!r} holds a NUL character (U+0000), which "
                    "PostgreSQL cannot store; not stored (on any database, so both agree)"))
            elif not result.stored and is_new_copy(article, known[article.id]):
                copies.append((article, result))
            known.setdefault(article.id, (article.url, article.outlet))
            results.append(result)
            if result.stored:
                fresh.append((report, result))
        batch = Batch(now)
        candidates = Candidates(self.taxonomy)
        candidates.load(conn, [e for r, _ in fresh for e in r.events])
        for report, result in fresh:
            article = report.article
            batch.rows["articles"].append({**article.model_dump(), "stored_at": now})
            for new in report.events:
                twin = candidates.find(new, article.id)
                if twin is None:
                    batch.create(new)
                    result.created.append(new.event_id)
                    candidates.add(new, article.id)
                else:
                    if twin not in batch.fused:
                        batch.load(conn, twin)
                    fused = batch.merge(twin, new, article.id, self.taxonomy)
                    result.merged.append(twin)
                    candidates.add(fused, article.id)
            batch.rows["casualty_reports"] += [casualty_row(c, article.id)
                                               for c in report.casualty_reports]
            for c in report.casualty_reports:
                batch.rows["evidence"] += evidence_rows(c.report_id, c.evidence)
            batch.rows["repairs"] += [{"article_id": article.id, **r.model_dump()}
                                      for r in report.repairs]
        batch.write(conn)
        for article, result in copies:  # after the write: a copy may follow its original
            result.copied = add_copy(conn, article, now)
        return results

    @staticmethod
    def _stored_articles(conn: Connection, ids: list[str]) -> dict[str, tuple]:
        """Of `ids`, the stored articles' (url, outlet)."""
        a = schema.articles.c
        return {row.id: (row.url, row.outlet) for part in _bounded(ids)
                for row in conn.execute(select(a.id, a.url, a.outlet).where(a.id.in_(part)))}

    def correct(self, event_id: str, values: dict[str, object], *, author: str,
                reason: str | None = None) -> Event:
        """Correct fields of a stored event by hand (`{"fatalities": {"low": 3, "best": 4,
        "high": 4}, "actor2": "Civilians (Syria)"}`): written as a revision with who and why.
        A corrected field keeps its value when later articles report the event again."""
        unknown = sorted(set(values) - set(fusion.TRACKED))
        if unknown:
            raise BadCorrection(event_id=event_id, detail=f"fields that cannot be corrected: "
                                f"{', '.join(unknown)} (correctable: {', '.join(fusion.TRACKED)})")
        if not author or not author.strip():
            raise BadCorrection(event_id=event_id, detail="say who corrects it (author)")
        try:
            with self.writer.begin() as conn:
                # FOR UPDATE: PostgreSQL makes a concurrent correction of the same event wait
                # and read what this one wrote, instead of both reading the same record and
                # the second overwriting the first (a lost update). SQLite: see _sqlite_begin.
                t = schema.events.c
                query = select(t.record, t.number).where(t.event_id == event_id).with_for_update()
                found = conn.execute(query).one_or_none()
                if found is None:
                    raise UnknownEvent(event_id=event_id, url=self.url)
                old = Event.model_validate_json(found.record)
                old.number = found.number
                try:
                    new = Event.model_validate({**old.model_dump(), **values})
                except ValidationError as exc:
                    detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                                       for e in exc.errors())
                    raise BadCorrection(event_id=event_id, detail=detail) from exc
                changed = fusion.changes(old, new)
                if not changed:
                    return old
                first = old.sources[0].article_id if old.sources else ""
                for name in changed:  # a person's word, not the text's: the revision says who
                    new.evidence[name] = Evidence(article_id=first, basis="correction")
                new.notes = notes(new)
                now = dt.datetime.now(dt.UTC)
                row = event_row(new, now)
                del row["event_id"]
                conn.execute(update(schema.events).where(
                    schema.events.c.event_id == event_id).values(**row))
                conn.execute(insert(schema.revisions), [{
                    "event_id": event_id, "article_id": None, "at": now, "changes": changed,
                    "author": author.strip(), "reason": reason}])
        except SQLAlchemyError as exc:
            raise StoreError(url=self.url, detail=str(exc).splitlines()[0]) from exc
        new.updated_at = now
        return new

    def save_rejects(self, rejects: Iterable[Rejected]) -> int:
        """Record articles a run could not read; one already recorded (same key) is kept as
        it was. Returns how many were new."""
        now = dt.datetime.now(dt.UTC)
        rows = {r.key: {"key": r.key, "article_id": r.article_id, "source": r.source,
                        "stage": r.stage, "code": r.code, "message": r.message, "at": now}
                for r in rejects}
        if not rows:
            return 0
        try:
            with self.writer.begin() as conn:
                known = _existing(conn, schema.rejects.c.key, list(rows))
                fresh = [row for key, row in rows.items() if key not in known]
                if fresh:
                    conn.execute(insert(schema.rejects), fresh)
        except SQLAlchemyError as exc:
            raise StoreError(url=self.url, detail=str(exc).splitlines()[0]) from exc
        return len(fresh)

    # --- reading ----------------------------------------------------------------------

    def seen(self, keys: list[str]) -> set[str]:
        """Of `keys` (article ids, or reject keys), those already stored or rejected: what a
        resumed batch skips."""
        with self.engine.connect() as conn:
            return (_existing(conn, schema.articles.c.id, keys)
                    | _existing(conn, schema.rejects.c.key, keys))

    def copies(self, articles: list[Article]) -> list[Article]:
        """Of `articles`, those whose text is a stored article's but which name another address
        or outlet: saving them (even without events) adds them as sources (copies.py)."""
        with self.engine.connect() as conn:
            stored = self._stored_articles(conn, [a.id for a in articles])
        return [a for a in articles if a.id in stored and is_new_copy(a, stored[a.id])]

    def rejects(self, *, limit: int | None = None) -> list[Rejected]:
        """Recorded rejects, oldest first."""
        t = schema.rejects.c
        query = select(t.article_id, t.source, t.stage, t.code, t.message).order_by(t.at, t.key)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [Rejected(**row._mapping) for row in conn.execute(query)]

    def events(self, *, since: dt.date | None = None, country: str | None = None,
               acled: AcledFilter | None = None) -> Iterator[Event]:
        """Stored events, by date then id; `since` keeps events on or after a date, `country`
        those of one country (its name or ISO code, any case), `acled` those ACLED's data
        also holds, or not, or alone (see `acled_is`)."""
        t = schema.events.c
        query = select(t.record, t.updated_at, t.number).order_by(t.event_date, t.event_id)
        if since is not None:
            query = query.where(t.event_date >= since)
        if country:
            query = query.where(country_is(country))
        if acled:
            query = query.where(acled_is(acled))
        with self.engine.connect() as conn:
            for record, updated, number in conn.execute(query):
                yield read_event(record, updated, number)

    def event(self, event_id: str) -> Event | None:
        """One stored event, or None."""
        t = schema.events.c
        query = select(t.record, t.updated_at, t.number).where(t.event_id == event_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return None if row is None else read_event(*row)

    def sources(self, event_id: str) -> list[Event]:
        """Each article's own reading of a stored event, in the order they were stored."""
        t = schema.event_sources.c
        query = select(t.record).where(t.event_id == event_id).order_by(t.id)
        with self.engine.connect() as conn:
            return [Event.model_validate_json(r) for (r,) in conn.execute(query)]

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
                yield CasualtyReport.model_validate_json(record)

    def count(self, table: str) -> int:
        """Rows in one table (for summaries and tests)."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(
                schema.metadata.tables[table])).scalar_one()


def _holds_nul(report: Report) -> bool:
    """Whether the article holds U+0000 (everything the pipeline reads comes from its text;
    events a program builds itself are left to the database's own check)."""
    a = report.article
    return any("\x00" in (v or "") for v in (a.text, a.title, a.url, a.outlet, a.path, a.id))


def _existing(conn: Connection, column, keys: list[str]) -> set[str]:
    """Of `keys`, those present in `column`."""
    found: set[str] = set()
    for part in _bounded(keys):
        found.update(conn.execute(select(column).where(column.in_(part))).scalars())
    return found


def _bounded(keys: list[str], size: int = 500) -> Iterator[list[str]]:
    """`keys` in parts of `size`: IN lists a database accepts."""
    for i in range(0, len(keys), size):
        yield keys[i:i + size]


def country_is(country: str):
    """The condition on events of one country, given by name or ISO code (any case)."""
    t = schema.events.c
    wanted = country.strip()
    if len(wanted) == 2:  # an ISO code: the (iso, event_date) index answers it
        return t.iso == wanted.upper()
    return func.lower(t.country) == wanted.lower()


def acled_is(which: AcledFilter):
    """The condition on events that ACLED's data holds too (`also`: read by veille and
    imported from ACLED), that it does not hold (`not`: veille's alone) or that only it holds
    (`only`: imported from ACLED, found by veille in no article)."""
    t = schema.events.c
    if which == "also":
        return (t.acled_sources > 0) & (t.sources > t.acled_sources)
    if which == "not":
        return t.acled_sources == 0
    if which == "only":
        return t.acled_sources == t.sources
    raise ValueError(f"acled filter {which!r}: one of {', '.join(ACLED_FILTERS)}")


def read_event(record: str, updated: dt.datetime, number: int | None = None) -> Event:
    """An event from its stored record, the time its row was last updated and its number."""
    event = Event.model_validate_json(record)
    # The record is as fused; when it last changed is the row's (SQLite keeps no zone: UTC).
    event.updated_at = updated if updated.tzinfo else updated.replace(tzinfo=dt.UTC)
    event.number = number
    return event
