"""Parquet (pyarrow), one row per event, with an explicit schema (`SCHEMA`).

Columns are the event's fields, flattened, plus ACLED's derived `disorder_type` and `region`:
`event_date` is a date32, `latitude`/`longitude` float64, `fatalities_low`/`_best`/`_high`
nullable int32 (null stays null: unknown is never 0), `assoc_actor1`/`assoc_actor2` lists of
strings, `iso` the ISO 3166-1 alpha-2 code (not ACLED's numeric `iso`).

`sources` and `evidence` are nested, typed columns rather than JSON strings, so they can be
queried without parsing (DuckDB: `select unnest(sources).outlet from 'events.parquet'`):
`sources` is a list of {article_id, url, outlet, title, published (date32), attributed_to};
`evidence` is a list of {field, article_id, basis, spans: list of {start, end, text}}, one entry
per field of the event that has evidence (the dict of `Event.evidence`, as a list).

Events are written in row groups of `batch_size` (10,000 by default), so memory stays bounded
however large the store is. Parquet is binary: it goes to a file path or a binary stream.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from ..model import Event
from .acled import DISORDER, acled_region

BATCH_SIZE = 10_000

SOURCE = pa.struct([
    ("article_id", pa.string()), ("url", pa.string()), ("outlet", pa.string()),
    ("title", pa.string()), ("published", pa.date32()), ("attributed_to", pa.string()),
    ("acled_event_id", pa.string()),
])
SPAN = pa.struct([("start", pa.int32()), ("end", pa.int32()), ("text", pa.string())])
EVIDENCE = pa.struct([
    ("field", pa.string()), ("article_id", pa.string()), ("basis", pa.string()),
    ("spans", pa.list_(SPAN)),
])

SCHEMA = pa.schema([
    pa.field("event_id", pa.string(), nullable=False),
    pa.field("event_date", pa.date32()),
    pa.field("date_precision", pa.int8()),
    pa.field("event_type", pa.string(), nullable=False),
    pa.field("sub_event_type", pa.string(), nullable=False),
    pa.field("disorder_type", pa.string()),
    pa.field("actor1", pa.string()),
    pa.field("assoc_actor1", pa.list_(pa.string()), nullable=False),
    pa.field("inter1", pa.int8()),
    pa.field("actor2", pa.string()),
    pa.field("assoc_actor2", pa.list_(pa.string()), nullable=False),
    pa.field("inter2", pa.int8()),
    pa.field("interaction", pa.int16()),
    pa.field("civilian_targeting", pa.bool_(), nullable=False),
    pa.field("country", pa.string()),
    pa.field("iso", pa.string()),
    pa.field("region", pa.string()),
    pa.field("admin1", pa.string()),
    pa.field("admin2", pa.string()),
    pa.field("location", pa.string()),
    pa.field("sub_location", pa.string()),
    pa.field("latitude", pa.float64()),
    pa.field("longitude", pa.float64()),
    pa.field("geo_precision", pa.int8()),
    pa.field("geonames_id", pa.int64()),
    pa.field("fatalities_low", pa.int32()),
    pa.field("fatalities_best", pa.int32()),
    pa.field("fatalities_high", pa.int32()),
    pa.field("notes", pa.string()),
    pa.field("confidence", pa.float64(), nullable=False),
    pa.field("updated_at", pa.timestamp("us", tz="UTC")),
    pa.field("number", pa.int64()),
    pa.field("sources", pa.list_(SOURCE), nullable=False),
    pa.field("evidence", pa.list_(EVIDENCE), nullable=False),
])


def parquet_row(event: Event) -> dict[str, object]:
    """One event as a row of `SCHEMA` (Python values pyarrow converts)."""
    fat = event.fatalities
    row = event.model_dump(exclude={"fatalities", "sources", "evidence"})
    row.update(
        disorder_type=DISORDER.get(event.event_type),
        region=acled_region(event.iso),
        fatalities_low=fat.low if fat else None,
        fatalities_best=fat.best if fat else None,
        fatalities_high=fat.high if fat else None,
        sources=[s.model_dump() for s in event.sources],
        evidence=[{"field": name, **ev.model_dump()} for name, ev in event.evidence.items()],
    )
    return row


def write_parquet(events: Iterable[Event], out: str | Path | BinaryIO, *,
                  batch_size: int = BATCH_SIZE) -> int:
    """Write `events` to `out` (a path or a binary stream), one row group per `batch_size`
    events; returns the count. With no events the file still holds the schema."""
    where = str(out) if isinstance(out, str | Path) else out
    count = 0
    with pq.ParquetWriter(where, SCHEMA) as writer:
        batch: list[dict[str, object]] = []
        for event in events:
            batch.append(parquet_row(event))
            count += 1
            if len(batch) == batch_size:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=SCHEMA))
                batch = []
        if batch:
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=SCHEMA))
    return count
