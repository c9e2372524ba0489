"""Tables of the store. Each row keeps its full typed record as JSON (`record`) beside the
columns that are queried, so nothing is lost and nothing needs re-extracting to export."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
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
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("event_date", Date, index=True),
    Column("event_type", Text, nullable=False), Column("sub_event_type", Text, nullable=False),
    Column("actor1", Text), Column("actor2", Text),
    Column("country", Text, index=True), Column("admin1", Text), Column("location", Text),
    Column("latitude", Float), Column("longitude", Float),
    Column("fatalities", Integer),
    Column("record", JSON, nullable=False),
)

evidence = Table(
    "evidence", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner_id", String(64), nullable=False, index=True),  # an event or casualty report
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False),
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
    Column("record", JSON, nullable=False),
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
