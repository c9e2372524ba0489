"""Request and response bodies of the API (their JSON Schemas are in /openapi.json).

Responses reuse veille's own records (`Event`, `Revision`, `Report`, ...), so the API says
exactly what the library and the exports say."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..model import CasualtyReport, Event, Repair, Report, Revision
from ..store.db import AcledFilter
from .inputs import MAX_INTEGER, unstorable
from .pagination import SortName


class Strict(BaseModel):
    """Unknown keys or query parameters are an error: a typo (`contry=`) must not pass as
    "no filter". A value that no store can hold (text with a NUL character or a lone UTF-16
    surrogate, a number that is not finite or past an SQL INTEGER) is an error too, wherever
    it is in the input, rather than a store failure later."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _storable(cls, data: Any) -> Any:
        problem = unstorable(data)
        if problem:
            raise ValueError(problem)
        return data


class EventFilters(Strict):
    """The query of `GET /events`."""

    since: dt.date | None = Field(default=None, description="Events on or after this date.")
    until: dt.date | None = Field(default=None, description="Events on or before this date.")
    event_type: str | None = Field(default=None, max_length=200, description="ACLED event "
                                   "type, exactly (`Battles`).")
    sub_event_type: str | None = Field(default=None, max_length=200, description="ACLED "
                                       "sub-event type, exactly (`Armed clash`).")
    actor: str | None = Field(default=None, min_length=1, max_length=200, description="Part of "
                              "actor1 or actor2, any case.")
    country: str | None = Field(default=None, min_length=1, max_length=200, description=
                                "Country name or ISO 3166-1 alpha-2 code, any case.")
    admin1: str | None = Field(default=None, min_length=1, max_length=200, description=
                               "First-level region, any case.")
    bbox: str | None = Field(default=None, max_length=200, description="`min_lon,min_lat,"
                             "max_lon,max_lat` (WGS84); min_lon > max_lon crosses the "
                             "antimeridian.", examples=["35.5,35.5,37.5,36.8"])
    min_fatalities: int | None = Field(default=None, ge=0, le=MAX_INTEGER, description="Best "
                                       "toll at least this.")
    acled: AcledFilter | None = Field(default=None, description="`also`: events ACLED's data "
                                      "(`veille import acled`) holds too; `not`: events it does "
                                      "not hold; `only`: events only ACLED's data holds.")
    q: str | None = Field(default=None, min_length=1, max_length=200, description="Text found "
                          "in the location, admin1, admin2, actor1 or actor2, any case.")
    sort: SortName = Field(default="-date", description="Order; unknown values are last "
                           "either way.")
    limit: int = Field(default=100, ge=1, le=1000, description="Events per page.")
    cursor: str | None = Field(default=None, max_length=2000, description="`next_cursor` of "
                               "the previous page.")

    @field_validator("bbox")
    @classmethod
    def _bbox(cls, value: str | None) -> str | None:
        if value is not None:
            parse_bbox(value)
        return value

    def box(self) -> tuple[float, float, float, float] | None:
        return None if self.bbox is None else parse_bbox(self.bbox)


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """`min_lon,min_lat,max_lon,max_lat` as four numbers within the globe."""
    parts = value.split(",")
    try:
        if len(parts) != 4:
            raise ValueError
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError:
        raise ValueError("bbox must be four numbers: min_lon,min_lat,max_lon,max_lat") from None
    if not all(math.isfinite(v) for v in (min_lon, min_lat, max_lon, max_lat)):
        raise ValueError("bbox values must be finite numbers")
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise ValueError("bbox longitudes must be within -180..180")
    if not (-90 <= min_lat <= max_lat <= 90):
        raise ValueError("bbox latitudes must be within -90..90, min_lat <= max_lat")
    return min_lon, min_lat, max_lon, max_lat


class EventPage(BaseModel):
    """One page of events; `count` is the number of events on this page."""

    events: list[Event]
    next_cursor: str | None
    count: int


class EvidenceRow(BaseModel):
    """One span of an article supporting one field of an event or casualty report
    (`owner_id`)."""

    owner_id: str
    article_id: str
    field: str
    start: int
    end: int
    text: str
    basis: str


class EventDetail(BaseModel):
    """A stored event with every article's own reading of it (`sources`), the evidence of all
    of them, and its revisions (oldest first)."""

    event: Event
    sources: list[Event]
    evidence: list[EvidenceRow]
    revisions: list[Revision]


class ArticleDetail(BaseModel):
    """A stored article: its original text and every evidence span into it."""

    id: str
    url: str | None
    outlet: str | None
    title: str | None
    published: dt.date | None
    lang: str | None
    text: str
    spans: list[EvidenceRow]
    casualty_reports: list[CasualtyReport]
    repairs: list[Repair]
    event_ids: list[str] = Field(description="Stored events this article is a source of.")


class ExtractRequest(Strict):
    """An article to read: `text` (optionally with front matter) or `html`, not both."""

    text: str | None = Field(default=None, min_length=1)
    html: str | None = Field(default=None, min_length=1)
    published: dt.date | None = Field(default=None, description="Publication date: anchors "
                                      "relative dates (`hier`).")
    lang: str | None = Field(default=None, min_length=2, max_length=16, description="Language "
                             "code; skips detection.")
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    store: bool = Field(default=False, description="Also store the report (a write: needs a "
                        "token).")

    @model_validator(mode="after")
    def _one_text(self) -> ExtractRequest:
        if (self.text is None) == (self.html is None):
            raise ValueError("give either text or html")
        return self


class Stored(BaseModel):
    """What storing the report did: `stored` is false when the article was already stored."""

    article_id: str
    stored: bool
    created: list[str]
    merged: list[str]


class ExtractResponse(BaseModel):
    report: Report
    stored: Stored | None = Field(description="Null unless the request asked to store.")


class Correction(Strict):
    """A person's correction of stored fields (`{"fatalities": {"low": 3, "best": 4, "high":
    4}}`), signed with the token's author."""

    values: dict[str, Any] = Field(min_length=1)
    reason: str | None = Field(default=None, max_length=2000)


class AdminCount(BaseModel):
    country: str | None
    admin1: str
    events: int


class Stats(BaseModel):
    """Counts over the whole store. `by_week` keys are ISO weeks (`2025-W10`) of the event
    date (undated events are in no week); `by_admin1` holds the 50 largest."""

    events: int
    articles: int
    by_event_type: dict[str, int]
    by_week: dict[str, int]
    by_admin1: list[AdminCount]


class ErrorDetail(BaseModel):
    code: str = Field(examples=["V301"])
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


class NewSource(Strict):
    """The body of `POST /sources`: a source as a SOURCES.toml [[source]] table gives it."""

    name: str = Field(min_length=1, max_length=200)
    url: str = Field(min_length=1, max_length=2048, description="An RSS or Atom feed.")
    lang: str | None = Field(default=None, description="Two-letter language code (`fr`).")
    country: str | None = Field(default=None, description="ISO 3166-1 code, a hint (`SD`).")
    every: str = Field(default="15m", description="How often to poll: `15m`, `1h`, `1d`.")


class SourceHealth(Strict):
    """A source `veille watch` polls, and how it is doing."""

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
    errors: int = Field(description="Failed polls in a row.")
    last_error: str | None = Field(description="Why the source backs off, if it does.")


class SourceList(Strict):
    sources: list[SourceHealth]
