"""Typed records that flow out of veille: articles, evidence, events, casualty reports, reports.

Every value veille extracts carries `Evidence`: the article id and the character spans of the
*original* article text (before repair) that support it. Spans are half-open `[start, end)`.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Record(BaseModel):
    """Base for output records: unknown keys are an error, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid")


class Article(Record):
    """One input article, as ingested. `text` is the original text, never modified."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    lang: str | None = None
    path: str | None = None


class Span(Record):
    """A half-open character span `[start, end)` of the original article text."""

    start: int
    end: int
    text: str


class Evidence(Record):
    """Where a value comes from: spans of the original text, or a stated basis when no words are.

    `basis` is "text" when the spans say it, "published" when a date falls back to the
    publication date, "context" when it is inherited from another sentence (an earlier one; for
    a lede that names no place, one just after it), "correction" when a person corrected it
    (the event's revisions say who and why).
    """

    article_id: str
    spans: list[Span] = Field(default_factory=list)
    basis: str = "text"
    # Why the value won where there was a choice: for a place, how the gazetteer entry was
    # chosen among its namesakes ("in the article's country (SY), over 2 namesake(s) elsewhere").
    reason: str | None = None


class Fatalities(Record):
    """A count as UCDP gives it: low, best, high. Any of them is None when the text does not say."""

    low: int | None = None
    best: int | None = None
    high: int | None = None


class Source(Record):
    """One article an event was read from, and the body the article attributes it to."""

    article_id: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    attributed_to: str | None = None
    # The source is a row of ACLED's data (`veille import acled`): its `event_id_cnty`.
    acled_event_id: str | None = None


class Event(Record):
    """An ACLED-compatible event record (a superset of ACLED's columns); see DESIGN.md."""

    event_id: str
    event_date: dt.date | None = None
    date_precision: int | None = None
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    assoc_actor1: list[str] = Field(default_factory=list)
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor2: list[str] = Field(default_factory=list)
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: bool = False
    country: str | None = None
    iso: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    sub_location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    geonames_id: int | None = None
    fatalities: Fatalities | None = None
    sources: list[Source] = Field(default_factory=list)
    evidence: dict[str, Evidence] = Field(default_factory=dict)
    notes: str | None = None
    confidence: float = 0.5
    # When the store last changed this record (ACLED's `timestamp`); None outside a store.
    updated_at: dt.datetime | None = None
    # The store's serial number of this record, given when it is created and never reused
    # (ACLED's `event_id_cnty` is the country's ISO3 code and this number); None outside a store.
    number: int | None = None

    def date_window(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day the event's date stands for, by its time precision: the day
        itself (1), three days either side (2: a week), its calendar month (3)."""
        day = self.event_date
        if day is None:
            return None
        if self.date_precision == 3:
            after = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return day.replace(day=1), after - dt.timedelta(days=1)
        if self.date_precision == 2:
            return day - dt.timedelta(days=3), day + dt.timedelta(days=3)
        return day, day

    @model_validator(mode="after")
    def _point(self) -> Event:
        # Found by the store's fuzz suite: fusion and exports measure distances between points,
        # and half a point is none.
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("latitude and longitude go together: give both or neither")
        return self


class BreakdownItem(Record):
    """One party's share of a casualty total (`183 combattants ...`)."""

    party: str
    count: int
    evidence: Evidence


class CasualtyReport(Record):
    """A reported toll that is not one event's fatalities: a running total, with its breakdown."""

    report_id: str
    outcome: str = "killed"
    total: Fatalities
    cumulative: bool = False
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    area: str | None = None
    breakdown: list[BreakdownItem] = Field(default_factory=list)
    breakdown_sums_to_total: bool | None = None
    attributed_to: str | None = None
    evidence: dict[str, Evidence] = Field(default_factory=dict)


class Repair(Record):
    """One change the repair stage made, located in the original text."""

    kind: str
    start: int
    end: int
    original: str
    replacement: str


class Revision(Record):
    """One change to a stored event: what changed (`{field: {"old", "new"}}`), from which
    article (or by whom and why, for a correction), and when."""

    event_id: str
    at: dt.datetime
    article_id: str | None = None
    changes: dict[str, dict] = Field(default_factory=dict)
    author: str | None = None
    reason: str | None = None


class Rejected(Record):
    """An article (or a record with no article: `article_id` None) that a run could not
    read: which stage failed, with an error code of the catalogue and a message."""

    article_id: str | None = None
    source: str | None = None  # the file (and record) it came from
    stage: str
    code: str
    message: str

    @property
    def key(self) -> str:
        """The article id; for a record with no article, where it is and what was wrong."""
        return self.article_id or f"{self.source or ''}|{self.message}"[:512]


class Report(Record):
    """What veille read from one article."""

    article: Article
    lang: str | None = None
    events: list[Event] = Field(default_factory=list)
    casualty_reports: list[CasualtyReport] = Field(default_factory=list)
    repairs: list[Repair] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
