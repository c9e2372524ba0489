"""Tables of the store. Each row keeps its full typed record as JSON text (`record`, written
and read by pydantic, several times faster than a JSON column's round trip through Python
objects) beside the columns that are queried, so nothing is lost and nothing needs
re-extracting to export.

An event here is a *living record*: the fusion of every article that reported it. Each
article's own reading of it is a row of `event_sources` (with its evidence in `evidence`), and
each change an article (or a person) made to it is a row of `revisions`.

The schema is created and upgraded by the Alembic migrations in `store/migrations/`; a test
checks that these tables and the migrations agree.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", String(64), primary_key=True),
    Column("url", Text), Column("outlet", Text), Column("title", Text),
    Column("published", Date), Column("lang", String(16)), Column("path", Text),
    Column("text", Text, nullable=False),
    Column("stored_at", DateTime(timezone=True), nullable=False),
)

events = Table(
    "events", metadata,
    Column("event_id", String(64), primary_key=True),
    Column("event_date", Date), Column("date_precision", Integer),
    Column("published", Date),  # the first source's: it dates an undated event for fusion
    Column("event_type", Text, nullable=False), Column("sub_event_type", Text, nullable=False),
    Column("actor1", Text), Column("actor2", Text),
    Column("country", Text), Column("iso", String(8)),
    Column("admin1", Text), Column("admin2", Text), Column("location", Text),
    Column("latitude", Float), Column("longitude", Float), Column("geo_precision", Integer),
    Column("fatalities_low", Integer), Column("fatalities_best", Integer),
    Column("fatalities_high", Integer),
    Column("sources", Integer, nullable=False),
    # Of those, rows of ACLED's data (`veille import acled`): "also coded by ACLED" and
    # "not in ACLED" are conditions on this column and `sources`.
    Column("acled_sources", Integer, nullable=False, server_default="0"),
    # The store's serial number of the event (ACLED's `event_id_cnty` is ISO3 + number).
    Column("number", Integer, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("record", Text, nullable=False),
    # Fusion looks for candidates by country and date; listings page through the other three
    # in (value, id) order (keyset pagination reads an index range, however deep the page).
    Index("ix_events_iso_date", "iso", "event_date"),
    Index("ix_events_date_id", "event_date", "event_id"),
    Index("ix_events_fatalities_id", "fatalities_best", "event_id"),
    Index("ix_events_updated_id", "updated_at", "event_id"),
    Index("ux_events_number", "number", unique=True),
)

event_sources = Table(
    "event_sources", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.event_id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("source_event_id", String(64), nullable=False),  # the event as this article read it
    Column("published", Date), Column("attributed_to", Text),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("record", Text, nullable=False),
    UniqueConstraint("event_id", "source_event_id", name="uq_event_sources_event_source"),
)

evidence = Table(
    "evidence", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner_id", String(64), nullable=False, index=True),  # an event or casualty report
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("field", String(64), nullable=False),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False), Column("basis", String(16), nullable=False),
)

casualty_reports = Table(
    "casualty_reports", metadata,
    Column("report_id", String(64), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("outcome", String(16), nullable=False),
    Column("total_low", Integer), Column("total_best", Integer), Column("total_high", Integer),
    Column("cumulative", Boolean, nullable=False),
    Column("record", Text, nullable=False),
)

repairs = Table(
    "repairs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("kind", String(32), nullable=False),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("original", Text, nullable=False), Column("replacement", Text, nullable=False),
)

revisions = Table(
    "revisions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.event_id", ondelete="CASCADE"),
           nullable=False, index=True),
    # The article whose report changed the event; null for a correction made by a person.
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="SET NULL")),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("changes", JSON, nullable=False),  # {field: {"old": ..., "new": ...}}
    Column("author", Text), Column("reason", Text),
)

# Articles (or unreadable records) a run could not read: kept so that a batch reports them,
# `veille rejects` lists them and a resumed batch does not try them again. `key` is the
# article id, or for a record with no article (a bad JSON line) its file and position.
rejects = Table(
    "rejects", metadata,
    Column("key", String(512), primary_key=True),
    Column("article_id", String(64)),
    Column("source", Text),
    Column("stage", String(32), nullable=False),
    Column("code", String(8), nullable=False),
    Column("message", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
)

# The sources `veille watch` polls (a SOURCES.toml), with what it knows of each: the last
# answer's validators (a conditional GET costs an unchanged feed one 304), when it was polled,
# when it last gave a new article, how many articles it gave, its run of errors and the last
# one, and when it is next due (later while it backs off).
sources = Table(
    "sources", metadata,
    Column("url", String(2048), primary_key=True),
    Column("name", Text, nullable=False),
    Column("lang", String(8)),
    Column("country", String(2)),
    Column("every_seconds", Integer, nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_poll", DateTime(timezone=True)),
    Column("last_new", DateTime(timezone=True)),
    Column("next_poll", DateTime(timezone=True), index=True),
    Column("articles", Integer, nullable=False),
    Column("errors", Integer, nullable=False),
    Column("last_error", Text),
)

# Every feed entry `veille watch` has seen, by canonical URL (tracking parameters out): never
# fetched again. `article_id` is the article read from it (two outlets' copies of one wire
# story share it); `outcome` is stored, duplicate (that article was stored already) or
# rejected (unreadable: the rejects table says why).
source_entries = Table(
    "source_entries", metadata,
    Column("url", String(2048), primary_key=True),
    Column("source_url", String(2048), ForeignKey("sources.url", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("article_id", String(64)),
    Column("outcome", String(16), nullable=False),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)

# Alerts (`veille alert add`): what a new or updated record must match, and where it is sent.
# `filters` holds country, admin1, event_type, actor (lists) and min_fatalities.
alerts = Table(
    "alerts", metadata,
    Column("name", String(128), primary_key=True),
    Column("filters", JSON, nullable=False),
    Column("webhook", Text),
    Column("secret", Text),
    Column("email", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Every delivery attempted: to which alert, of which event in which state (`fingerprint`, a
# hash of the fields an alert can match: an update that changes none of them does not alert
# again), whether it went through, after how many attempts, and what the other end said.
alert_deliveries = Table(
    "alert_deliveries", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("alert", String(128), ForeignKey("alerts.name", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("event_id", String(64), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("ok", Boolean, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("detail", Text),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
)
