"""One batch of reports on its way into the store: rows gathered per table, and the full
records of the events the batch creates or changes (with every source's reading of them, from
which fatalities are computed), written in one pass at the end, parents before children."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from sqlalchemy import Connection, bindparam, func, insert, select, text, update

from ..model import CasualtyReport, Event, Evidence
from ..resolve.events import notes
from ..resources import Taxonomy
from . import fusion, schema


class Batch:
    """What one transaction writes: rows per table, and the full records of the events it
    creates or changes, with every source's reading of them (fatalities come from those)."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now
        self.rows: dict[str, list[dict]] = defaultdict(list)
        self.fused: dict[str, Event] = {}
        self.sources: dict[str, list[fusion.SourceEvent]] = {}
        self.created: dict[str, None] = {}  # in the order created (they are numbered so)
        self.json: dict[str, str] = {}  # a new event's record, until a merge changes it
        self.corrected: dict[str, set[str]] = {}  # fields a person corrected, per event

    def create(self, new: Event) -> None:
        self.fused[new.event_id] = new
        self.sources[new.event_id] = [_source_event(new)]
        self.created[new.event_id] = None
        self.json[new.event_id] = new.model_dump_json()  # its record and its first source's
        self._add_source(new.event_id, new, self.json[new.event_id])

    def load(self, conn: Connection, event_id: str) -> None:
        """Read a stored event and its sources' readings, to merge a new one into it."""
        # FOR UPDATE: on PostgreSQL a concurrent merge or correction of this event waits for
        # this transaction, and this one reads what a committed one wrote (else the later write
        # overwrote the earlier: sources and corrections were lost). SQLite writers are
        # serialised already (BEGIN IMMEDIATE, see db.py).
        query = select(schema.events.c.record).where(
            schema.events.c.event_id == event_id).with_for_update()
        self.fused[event_id] = Event.model_validate_json(conn.execute(query).scalar_one())
        t = schema.event_sources.c
        rows = conn.execute(select(t.record, t.published).where(t.event_id == event_id)
                            .order_by(t.id))
        self.sources[event_id] = [fusion.SourceEvent(Event.model_validate_json(r), p)
                                  for r, p in rows]
        r = schema.revisions.c
        hand = conn.execute(select(r.changes).where(r.event_id == event_id,
                                                    r.author.is_not(None)))
        self.corrected[event_id] = {name for (changes,) in hand for name in changes}

    def merge(self, event_id: str, new: Event, article_id: str, taxonomy: Taxonomy) -> Event:
        stored = self.fused[event_id]
        self.sources[event_id].append(_source_event(new))
        fused = fusion.merge(stored, new, self.sources[event_id], taxonomy)
        for name in self.corrected.get(event_id, ()):  # a person's correction stands
            setattr(fused, name, getattr(stored, name))
            if name in stored.evidence:
                fused.evidence[name] = stored.evidence[name]
        fused.notes = notes(fused)  # the pipeline's own sentence, from the fused fields
        self.fused[event_id] = fused
        self.json.pop(event_id, None)
        self.rows["revisions"].append({"event_id": event_id, "article_id": article_id,
                                       "at": self.now, "changes": fusion.changes(stored, fused)})
        self._add_source(event_id, new, new.model_dump_json())
        return fused

    def _add_source(self, event_id: str, new: Event, record: str) -> None:
        source = new.sources[0]
        self.rows["event_sources"].append({
            "event_id": event_id, "article_id": source.article_id,
            "source_event_id": new.event_id, "published": source.published,
            "attributed_to": source.attributed_to, "added_at": self.now,
            "record": record})
        self.rows["evidence"] += evidence_rows(event_id, new.evidence)

    def write(self, conn: Connection) -> None:
        """Insert and update, parents before children."""
        events = [event_row(self.fused[i], self.now, created=self.now, record=self.json.get(i))
                  for i in self.created]
        for number, row in enumerate(events, start=_next_number(conn) if events else 1):
            row["number"] = number
        changed = [event_row(e, self.now) for i, e in self.fused.items()
                   if i not in self.created]
        for table, rows in (("articles", self.rows["articles"]), ("events", events)):
            if rows:
                conn.execute(insert(schema.metadata.tables[table]), rows)
        if changed:
            for row in changed:
                row["key"] = row.pop("event_id")
            conn.execute(update(schema.events).where(
                schema.events.c.event_id == bindparam("key")), changed)
        for table in ("event_sources", "casualty_reports", "repairs", "revisions"):
            if self.rows[table]:
                conn.execute(insert(schema.metadata.tables[table]), self.rows[table])
        if self.rows["evidence"]:
            insert_plain(conn, schema.evidence, self.rows["evidence"])


# Held to the end of a PostgreSQL transaction that numbers new events, so that two writers
# never give one number twice (SQLite writers are serialised already: see db.py).
_NUMBER_LOCK = 0x7665696C6C6E


def _next_number(conn: Connection) -> int:
    """The number of the store's next new event: one more than the largest."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _NUMBER_LOCK})
    return (conn.execute(select(func.max(schema.events.c.number))).scalar() or 0) + 1


def insert_plain(conn: Connection, table, rows: list[dict]) -> None:
    """Insert rows of plain text and integers. On SQLite, straight through the driver: there
    SQLAlchemy's per-row parameter handling costs more than the insert (evidence is about
    five rows an event). PostgreSQL's dialect already sends rows in multi-row batches."""
    if conn.dialect.paramstyle != "qmark":
        conn.execute(insert(table), rows)
        return
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=list(rows[0]))
    names = compiled.positiontup
    conn.exec_driver_sql(str(compiled), [tuple(row[n] for n in names) for row in rows])


def _source_event(e: Event) -> fusion.SourceEvent:
    return fusion.SourceEvent(e, e.sources[0].published if e.sources else None)


def event_row(e: Event, now: dt.datetime, created: dt.datetime | None = None,
               record: str | None = None) -> dict:
    fat = e.fatalities
    row = {
        "event_id": e.event_id, "event_date": e.event_date, "date_precision": e.date_precision,
        "published": e.sources[0].published if e.sources else None, "event_type": e.event_type,
        "sub_event_type": e.sub_event_type, "actor1": e.actor1, "actor2": e.actor2,
        "country": e.country, "iso": e.iso, "admin1": e.admin1, "admin2": e.admin2,
        "location": e.location, "latitude": e.latitude, "longitude": e.longitude,
        "geo_precision": e.geo_precision,
        "fatalities_low": fat.low if fat else None, "fatalities_best": fat.best if fat else None,
        "fatalities_high": fat.high if fat else None, "sources": len(e.sources),
        "acled_sources": sum(1 for s in e.sources if s.acled_event_id),
        "updated_at": now, "record": record or e.model_dump_json(),
    }
    if created is not None:
        row["created_at"] = created
    return row


def casualty_row(c: CasualtyReport, article_id: str) -> dict:
    return {
        "report_id": c.report_id, "article_id": article_id, "outcome": c.outcome,
        "total_low": c.total.low, "total_best": c.total.best, "total_high": c.total.high,
        "cumulative": c.cumulative, "record": c.model_dump_json(),
    }


def evidence_rows(owner: str, fields: dict[str, Evidence]) -> Iterator[dict]:
    for name, ev in fields.items():
        for span in ev.spans:
            yield {"owner_id": owner, "article_id": ev.article_id, "field": name,
                   "start": span.start, "end": span.end, "text": span.text,
                   "basis": ev.basis}
