"""The store on both backends (a SQLite file and a real PostgreSQL server, see `store_url` in
conftest.py): living records, revisions, idempotence, migrations, a refused report alone."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from builders import KAFR_NUBL, report, strike, toll
from veille.errors import BadCorrection, StoreError, UnknownEvent
from veille.export import write_export
from veille.model import CasualtyReport, Fatalities
from veille.store import migrate, open_store, schema
from veille.store.db import engine_url

TABLES = ["articles", "events", "event_sources", "evidence", "casualty_reports", "repairs",
          "revisions"]


def three_outlets() -> list:
    """One strike reported over three days with a rising toll, and another 40 km away."""
    return [
        report("day1", 3, strike("day1", toll=toll(9, 9, 9), actor2="Civilians (Syria)")),
        report("other", 3, strike("other", toll=toll(4, 4, 4), at=KAFR_NUBL,
                                  location="Kafr Nubl")),
        report("day2", 4, strike("day2", published=4, toll=toll(12, 12, 12))),
        report("day3", 5, strike("day3", published=5, toll=toll(14, 14, None))),
    ]


def counts(store) -> dict[str, int]:
    return {table: store.count(table) for table in TABLES}


def test_one_strike_three_sources_two_revisions(store_url):
    store = open_store(store_url)
    results = store.save_all(three_outlets())
    assert [(r.created, r.merged) for r in results] == [
        (["day1-e"], []), (["other-e"], []), ([], ["day1-e"]), ([], ["day1-e"])]
    event = store.event("day1-e")
    assert [s.article_id for s in event.sources] == ["day1", "day2", "day3"]
    assert event.fatalities == Fatalities(low=9, best=14, high=14)
    assert event.actor2 == "Civilians (Syria)"
    assert event.evidence["fatalities"].article_id == "day3"
    assert "14 reported killed" in event.notes
    history = store.history("day1-e")
    assert [r.article_id for r in history] == ["day2", "day3"]
    assert [r.changes["fatalities"]["new"]["best"] for r in history] == [12, 14]
    assert history[0].changes["fatalities"]["old"] == {"low": 9, "best": 9, "high": 9}
    assert [e.event_id for e in store.sources("day1-e")] == ["day1-e", "day2-e", "day3-e"]


def test_strike_40_km_away_stays_separate(store_url):
    store = open_store(store_url)
    store.save_all(three_outlets())
    other = store.event("other-e")
    assert [s.article_id for s in other.sources] == ["other"]
    assert other.fatalities == Fatalities(low=4, best=4, high=4)
    assert store.history("other-e") == []
    assert store.count("events") == 2


def test_every_source_keeps_its_evidence(store_url):
    store = open_store(store_url)
    store.save_all(three_outlets())
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT article_id FROM evidence WHERE owner_id = 'day1-e'"))
        assert sorted(r[0] for r in rows) == ["day1", "day2", "day3"]


def test_running_the_same_input_again_changes_nothing(store_url):
    store = open_store(store_url)
    store.save_all(three_outlets())
    before, event = counts(store), store.event("day1-e")
    results = store.save_all(three_outlets())
    assert [r.stored for r in results] == [False] * 4
    assert counts(store) == before
    assert store.event("day1-e") == event


def test_order_of_arrival_does_not_change_the_toll(store_url):
    store = open_store(store_url)
    store.save_all(three_outlets()[::-1])
    fused = [e for e in store.events() if len(e.sources) == 3]
    assert len(fused) == 1
    assert fused[0].fatalities == Fatalities(low=9, best=14, high=14)


def test_events_filtered_by_date_and_country(store_url):
    store = open_store(store_url)
    store.save_all([*three_outlets(), report("tr", 6, strike("tr", day=6, iso="TR",
                                                             country="Turkey"))])
    assert len(list(store.events())) == 3
    assert [e.event_id for e in store.events(country="tr")] == ["tr-e"]
    assert [e.event_id for e in store.events(country="Turkey")] == ["tr-e"]
    assert [e.event_id for e in store.events(since=dt.date(2025, 3, 6))] == ["tr-e"]


def test_a_refused_report_is_rolled_back_alone(store_url):
    """Two reports claiming one casualty report id: the second breaks the primary key."""
    store = open_store(store_url)
    total = CasualtyReport(report_id="same", total=Fatalities(low=1, best=1, high=1))
    first = report("r1", 3, strike("r1"))
    first.casualty_reports = [total]
    second = report("r2", 3, strike("r2", at=KAFR_NUBL))
    second.casualty_reports = [total]
    third = report("r3", 7, strike("r3", day=7))
    results = store.save_all([first, second, third])
    assert [r.error is None for r in results] == [True, False, True]
    assert results[1].error.code == "V300"
    assert store.event("r2-e") is None
    assert store.count("articles") == 2
    assert {e.event_id for e in store.events()} == {"r1-e", "r3-e"}


def test_schema_is_at_head_and_matches_the_tables(store_url):
    store = open_store(store_url)
    with store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == migrate.head()
        assert compare_metadata(MigrationContext.configure(conn), schema.metadata) == []


def test_reopening_a_store_keeps_its_data(store_url):
    open_store(store_url).save_all(three_outlets())
    store = open_store(store_url)
    assert store.count("events") == 2
    assert len(store.history("day1-e")) == 2


def test_store_written_before_migrations_is_refused_clearly(tmp_path):
    url = "sqlite:///" + str(tmp_path / "old.db")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE articles (id TEXT PRIMARY KEY)"))
    with pytest.raises(StoreError) as info:
        open_store(url)
    assert "older veille without schema versions" in info.value.one_line()


def test_store_from_a_newer_veille_is_refused_clearly(tmp_path):
    url = "sqlite:///" + str(tmp_path / "new.db")
    open_store(url)
    with create_engine(url).begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError) as info:
        open_store(url)
    assert "newer than this veille knows" in info.value.one_line()


@pytest.mark.parametrize("url", ["postgresql://u@h/db", "postgres://u@h/db"])
def test_postgresql_urls_use_psycopg3(url):
    assert engine_url(url) == "postgresql+psycopg://u@h/db"


def test_acled_timestamp_is_when_the_store_last_changed_the_event(store_url):
    store = open_store(store_url)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    store.save_all(three_outlets())
    out = io.StringIO()
    write_export("acled-csv", store.events(), out)
    stamps = {r["veille_event_id"]: int(r["timestamp"]) for r in csv.DictReader(io.StringIO(
        out.getvalue()))}
    assert set(stamps) == {"day1-e", "other-e"}
    assert all(before.timestamp() <= s <= before.timestamp() + 600 for s in stamps.values())


# --- corrections by hand ---------------------------------------------------------------


def test_a_correction_is_a_revision_with_who_and_why(store_url):
    store = open_store(store_url)
    store.save_all(three_outlets()[:2])
    fixed = store.correct("day1-e", {"fatalities": {"low": 10, "best": 10, "high": 10},
                                     "actor2": "Civilians (Syria)"},
                          author="analyst@example.org", reason="hospital list, 10 names")
    assert fixed.fatalities == Fatalities(low=10, best=10, high=10)
    assert fixed.evidence["fatalities"].basis == "correction"
    assert store.event("day1-e").fatalities == Fatalities(low=10, best=10, high=10)
    [revision] = store.history("day1-e")
    assert (revision.author, revision.reason, revision.article_id) == (
        "analyst@example.org", "hospital list, 10 names", None)
    assert revision.changes["fatalities"]["old"] == {"low": 9, "best": 9, "high": 9}
    assert set(revision.changes) == {"fatalities"}  # actor2 already said so


def test_a_correction_stands_when_the_event_is_reported_again(store_url):
    store = open_store(store_url)
    store.save_all(three_outlets()[:2])
    store.correct("day1-e", {"fatalities": {"low": 10, "best": 10, "high": 10}},
                  author="analyst")
    store.save_all(three_outlets()[2:])
    event = store.event("day1-e")
    assert len(event.sources) == 3
    assert event.fatalities == Fatalities(low=10, best=10, high=10)


def test_the_same_correction_twice_changes_nothing(store_url):
    store = open_store(store_url)
    store.save_all(three_outlets()[:1])
    for _ in range(2):
        store.correct("day1-e", {"actor1": "Military Forces of Syria"}, author="analyst")
    assert len(store.history("day1-e")) == 1


@pytest.mark.parametrize(("values", "author", "message"), [
    ({"sources": []}, "a", "fields that cannot be corrected: sources"),
    ({"fatalities": {"best": "many"}}, "a", "fatalities.best: Input should be a valid integer"),
    ({"latitude": 1.0}, " ", "say who corrects it"),
])
def test_bad_corrections_are_refused_clearly(store_url, values, author, message):
    store = open_store(store_url)
    store.save_all(three_outlets()[:1])
    before = store.event("day1-e")
    with pytest.raises(BadCorrection) as info:
        store.correct("day1-e", values, author=author)
    assert info.value.code == "V302"
    assert message in info.value.one_line()
    assert store.event("day1-e") == before
    assert store.history("day1-e") == []


def test_correcting_an_unknown_event_is_a_clear_error(store_url):
    with pytest.raises(UnknownEvent):
        open_store(store_url).correct("nope", {"actor1": "X"}, author="a")


def test_a_store_of_an_older_schema_is_upgraded_with_its_data(store_url):
    """A store taken back to the first schema (0001) with its data gains the later
    migrations when opened again, and keeps what it held; its events are numbered."""
    first = open_store(store_url)
    first.save_all(three_outlets())
    first.engine.dispose()
    engine = create_engine(engine_url(store_url))
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0001")
        assert "number" not in {c["name"] for c in inspect(conn).get_columns("events")}
    engine.dispose()
    store = open_store(store_url)
    with store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == migrate.head() != "0001"
        assert compare_metadata(MigrationContext.configure(conn), schema.metadata) == []
    assert store.event("day1-e").fatalities == Fatalities(low=9, best=14, high=14)
    assert len(store.history("day1-e")) == 2
    assert sorted(e.number for e in store.events()) == [1, 2]
