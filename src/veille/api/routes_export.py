"""GET /export: the stored events in one of the export formats, streamed."""

# No `from __future__ import annotations` here: FastAPI reads the routes' annotations at run
# time, and a dependency defined inside a router factory cannot be found from a string.

import datetime as dt
import shutil
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from pydantic import Field
from starlette.background import BackgroundTask

from ..errors import UnknownFormat
from ..export import WRITERS, is_binary
from ..store.db import AcledFilter
from .context import Context
from .schemas import ErrorBody, Strict
from .streaming import file_export, text_export

# Media type and file name suffix of each format (a test checks every format has one).
MEDIA: dict[str, tuple[str, str]] = {
    "acled-csv": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "plover": ("application/x-ndjson", "plover.jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}


class ExportQuery(Strict):
    format: str = Field(default="acled-csv", max_length=100, description="One of: "
                        + ", ".join(WRITERS) + ".", json_schema_extra={"enum": list(WRITERS)})
    since: dt.date | None = Field(default=None, description="Events on or after this date.")
    country: str | None = Field(default=None, min_length=1, max_length=200,
                                description="Country name or ISO code, any case.")
    acled: AcledFilter | None = Field(default=None, description="`also`, `not` or `only`: "
                                      "as in GET /events.")


def export_router(ctx: Context) -> APIRouter:
    router = APIRouter(tags=["export"])

    @router.get("/export", response_class=StreamingResponse, responses={
        200: {"description": "The export file.",
              "content": {media: {} for media, _ in MEDIA.values()}},
        422: {"model": ErrorBody, "description": "Unknown format (V203) or parameter (V403)."}})
    def export(query: Annotated[ExportQuery, Query()]) -> StreamingResponse:
        """The stored events (all, or those `since` a date, in a `country`, and held by
        ACLED's data or not), as
        `veille export` writes them, sent as they are written."""
        fmt = query.format
        # Only a name from the fixed table is used: the format is never part of a path.
        if fmt not in WRITERS or fmt not in MEDIA:
            raise UnknownFormat(value=fmt, choices=", ".join(WRITERS))
        media, suffix = MEDIA[fmt]
        events = ctx.store.events(since=query.since, country=query.country, acled=query.acled)
        cleanup = None
        if is_binary(fmt):
            body, folder = file_export(fmt, events)
            cleanup = BackgroundTask(shutil.rmtree, folder, ignore_errors=True)
        else:
            chunks = text_export(fmt, events)
            # The first chunk (or the error that stopped the writer) before any header is
            # sent: a store that fails answers a JSON error, not a truncated 200.
            body = _resumed(next(chunks, b""), chunks)
        return StreamingResponse(body, media_type=media, background=cleanup, headers={
            "Content-Disposition": f'attachment; filename="veille-events.{suffix}"'})

    return router


def _resumed(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    try:
        if first:
            yield first
        yield from rest
    finally:
        close = getattr(rest, "close", None)
        if close is not None:
            close()
