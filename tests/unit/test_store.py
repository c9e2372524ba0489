"""The store (SQLite files in tmp_path) and the exports."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import select

from veille.errors import StoreError
from veille.export import write_export
from veille.model import Event
from veille.store import open_store, schema

TABLES = ["articles", "events", "event_sources", "evidence", "casualty_reports", "repairs",
          "revisions"]



def store_at(tmp_path):
    return open_store("sqlite:///" + str(tmp_path / "v.db"))


def test_store_report_has_events(fr_report):
    """The article of the store tests gives what they rely on."""
    assert len(fr_report.events) >= 2
    assert fr_report.casualty_reports
    assert fr_report.repairs


def test_store_events_round_trip(tmp_path, fr_report):
    store = store_at(tmp_path)
    store.save(fr_report)
    stored = sorted(store.events(), key=lambda e: e.event_id)
    assert all(e.updated_at is not None and e.updated_at.tzinfo for e in stored)
    assert sorted(e.number for e in stored) == list(range(1, len(stored) + 1))
    assert [e.model_copy(update={"updated_at": None, "number": None}) for e in stored] == sorted(
        fr_report.events, key=lambda e: e.event_id)


def test_store_events_read_by_a_new_store(tmp_path, fr_report):
    store_at(tmp_path).save(fr_report)
    assert {e.event_id for e in store_at(tmp_path).events()} == {
        e.event_id for e in fr_report.events}


def test_store_casualty_reports_round_trip(tmp_path, fr_report):
    store = store_at(tmp_path)
    store.save(fr_report)
    assert list(store.casualty_reports()) == sorted(fr_report.casualty_reports,
                                                    key=lambda c: c.report_id)


def test_store_events_ordered_by_date(tmp_path, fr_report):
    store = store_at(tmp_path)
    store.save(fr_report)
    keys = [(e.event_date, e.event_id) for e in store.events()]
    assert keys == sorted(keys)


def test_store_counts(tmp_path, fr_report):
    store = store_at(tmp_path)
    store.save(fr_report)
    assert store.count("articles") == 1
    assert store.count("events") == len(fr_report.events)
    assert store.count("casualty_reports") == len(fr_report.casualty_reports)
    assert store.count("repairs") == len(fr_report.repairs)


def test_store_save_twice_idempotent(tmp_path, fr_report):
    store = store_at(tmp_path)
    store.save(fr_report)
    before = {table: store.count(table) for table in TABLES}
    store.save(fr_report)
    assert {table: store.count(table) for table in TABLES} == before
    assert sorted(e.event_id for e in store.events()) == sorted(
        e.event_id for e in fr_report.events)


def test_store_save_all_counts_reports(tmp_path, fr_report):
    store = store_at(tmp_path)
    results = store.save_all([fr_report, fr_report])
    assert [r.stored for r in results] == [True, False]
    assert results[0].created == [e.event_id for e in fr_report.events]
    assert store.count("articles") == 1


def test_store_copy_in_the_same_batch_is_one_more_source(tmp_path, fr_report):
    """A copy of an article (same text, another outlet) saved with its original in one batch:
    every event of the article gains the copy as a source, once, and no second reading."""
    def published_by(outlet: str, url: str):
        where = {"url": url, "outlet": outlet}
        return fr_report.model_copy(update={
            "article": fr_report.article.model_copy(update=where),
            "events": [e.model_copy(update={"sources": [s.model_copy(update=where)
                                                        for s in e.sources]})
                       for e in fr_report.events]})

    store = store_at(tmp_path)
    original = published_by("Agence A", "https://a.example/1")
    copy = published_by("Journal B", "https://b.example/9")
    first, second, third = store.save_all([original, copy, copy])
    assert (first.stored, second.stored, third.stored) == (True, False, False)
    assert second.copied == first.created and third.copied == []
    for event in store.events():
        assert [(s.outlet, s.url) for s in event.sources] == [
            ("Agence A", "https://a.example/1"), ("Journal B", "https://b.example/9")]
        assert len(store.sources(event.event_id)) == 1  # one reading: the toll counts once
    assert store.count("revisions") == len(first.created)
    assert store.save(original).copied == []  # the original again adds nothing


def test_store_evidence_rows_for_each_event(tmp_path, fr_report):
    store = store_at(tmp_path)
    store.save(fr_report)
    with store.engine.connect() as conn:
        rows = conn.execute(select(schema.evidence.c.owner_id, schema.evidence.c.field)).all()
    for event in fr_report.events:
        fields = {f for owner, f in rows if owner == event.event_id}
        assert "event_type" in fields
        assert fields == {k for k, ev in event.evidence.items() if ev.spans}


def test_store_evidence_rows_quote_the_article(tmp_path, fr_report):
    store = store_at(tmp_path)
    store.save(fr_report)
    text = fr_report.article.text
    with store.engine.connect() as conn:
        rows = conn.execute(select(schema.evidence.c.start, schema.evidence.c.end,
                                   schema.evidence.c.text)).all()
    assert rows
    assert [t for s, e, t in rows if text[s:e] != t] == []


def test_store_sqlite_journal_mode_wal(tmp_path):
    store = store_at(tmp_path)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_store_sqlite_foreign_keys_on(tmp_path):
    store = store_at(tmp_path)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_store_file_created(tmp_path):
    store_at(tmp_path)
    assert (tmp_path / "v.db").is_file()


def test_store_bad_url_raises(tmp_path):
    with pytest.raises(StoreError) as info:
        open_store("nosuchdialect://x")
    assert info.value.one_line().startswith("error V300: store nosuchdialect://x: ")


# --- export ----------------------------------------------------------------------------


def test_export_acled_one_row_per_event(fr_report):
    out = io.StringIO()
    assert write_export("acled-csv", fr_report.events, out) == len(fr_report.events)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["event_id_cnty"] for r in rows] == [e.event_id for e in fr_report.events]
    assert [r["sub_event_type"] for r in rows] == [e.sub_event_type for e in fr_report.events]


def test_export_jsonl_lines_parse_back_as_events(fr_report):
    out = io.StringIO()
    assert write_export("jsonl", fr_report.events, out) == len(fr_report.events)
    lines = out.getvalue().splitlines()
    assert [Event.model_validate_json(line) for line in lines] == fr_report.events


def test_export_jsonl_one_object_per_line(fr_report):
    out = io.StringIO()
    write_export("jsonl", fr_report.events, out)
    assert all(isinstance(json.loads(line), dict) for line in out.getvalue().splitlines())
