"""ACLED's data in and compared: `veille import acled` on ACLED-format files the tests write
(never ACLED's own data), fused with veille's records on a real store of each kind; the
`--acled` filter of `veille export`, `GET /events` and `GET /export`; the ACLED CSV export read
back with pandas as a real ACLED export is read; `--db` given as a file path."""

from __future__ import annotations

import csv
import datetime as dt
import io

import httpx
import pandas as pd
import pytest
from typer.testing import CliRunner

from builders import report, strike
from veille.api import ApiSettings, create_app
from veille.cli import app
from veille.errors import NotAnAcledFile
from veille.export.acled import ACLED_COLUMNS
from veille.ingest.acled import read_acled
from veille.model import Rejected, Report
from veille.resources import load_taxonomy
from veille.store import open_store
from veille.store.db import store_url as as_store_url

runner = CliRunner()
TAX = load_taxonomy()

# ACLED's columns as today's exports write them, and rows written by the team in ACLED's form.
HEADER = ",".join(ACLED_COLUMNS)
# Binnish, Idlib: the builders' strike (2025-03-03, Russia) told by ACLED too.
BINNISH_ROW = ("SYR90001,2025-03-03,2025,1,Political violence,Explosions/Remote violence,"
               "Air/drone strike,Military Forces of Russia (2000-),,8,Civilians (Syria),,7,78,"
               "Civilian targeting,760,Middle East,Syria,Idlib,Idlib,Binnish,Binnish,35.9566,"
               "36.7138,1,SOHR; Enab Baladi,National-International,Team-written note: a strike "
               "on Binnish.,4,,1741564800")
HOMS_ROW = ("SYR90002,2025-03-05,2025,1,Political violence,Battles,Armed clash,"
            "Hayat Tahrir al-Sham,Jaish al-Izza; Ahrar al-Sham,2,"
            "Military Forces of Syria (2000-2024),,1,12,,760,Middle East,Syria,Homs,Homs,,Homs,"
            "34.7308,36.7094,1,SOHR,National,\"Team-written note: a clash, near Homs.\",0,,"
            "1741564800")
# The older column set: data_id and event_id_no_cnty, no disorder_type, civilian_targeting or
# tags; the date written out; inter codes as names, as newer API answers give them.
OLD_HEADER = ("data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,"
              "event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,"
              "inter2,interaction,region,country,admin1,admin2,admin3,location,latitude,"
              "longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,iso3")
OLD_ROW = ("7001,466,MLI4001,4001,9 May 2020,2020,1,Protests,Peaceful protest,Protesters (Mali),"
           "Teachers (Mali),Protesters,,,,,Western Africa,Mali,Bamako,Bamako,,Bamako,12.65,-8.0,"
           "1,Malijet,National,Team-written note: teachers marched in Bamako.,0,1589500000,MLI")


def write(tmp_path, *lines: str, name: str = "acled.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def imported(path) -> tuple[list[Report], list[Rejected]]:
    items = list(read_acled(path, TAX))
    return ([i for i in items if isinstance(i, Report)],
            [i for i in items if isinstance(i, Rejected)])


# --- reading ACLED's files ---------------------------------------------------------------------


def test_a_row_becomes_one_event_whose_source_is_acled(tmp_path):
    (rep,), rejects = imported(write(tmp_path, HEADER, HOMS_ROW))
    assert rejects == []
    event = rep.events[0]
    assert rep.article.id == "acled:SYR90002"
    assert event.sources[0].acled_event_id == "SYR90002"
    assert event.sources[0].outlet == "ACLED" and event.sources[0].attributed_to == "SOHR"
    assert (event.event_date, event.event_type, event.sub_event_type) == (
        dt.date(2025, 3, 5), "Battles", "Armed clash")
    assert event.assoc_actor1 == ["Jaish al-Izza", "Ahrar al-Sham"]  # ACLED joins them with ;
    assert (event.inter1, event.inter2, event.interaction) == (2, 1, 12)
    assert (event.country, event.iso, event.admin1, event.location) == ("Syria", "SY", "Homs", "Homs")
    assert event.notes == "Team-written note: a clash, near Homs."
    # ACLED's 0 is "none or unknown": unknown, never a count.
    assert event.fatalities is None


def test_the_older_column_set_and_inter_names_are_read(tmp_path):
    (rep,), rejects = imported(write(tmp_path, OLD_HEADER, OLD_ROW))
    assert rejects == []
    event = rep.events[0]
    assert event.event_date == dt.date(2020, 5, 9)
    assert (event.actor1, event.assoc_actor1, event.inter1) == (
        "Protesters (Mali)", ["Teachers (Mali)"], 6)
    assert event.interaction == 60  # formed from the inter codes, as ACLED forms it
    assert (event.iso, event.civilian_targeting) == ("ML", False)


def test_acled_spellings_of_countries_are_read(tmp_path):
    row = HOMS_ROW.replace(",Syria,Homs,Homs,", ",Democratic Republic of Congo,Nord-Kivu,Goma,")
    row = row.replace(",760,", ",,")  # no ISO number: the name alone must do
    (rep,), _ = imported(write(tmp_path, HEADER, row))
    assert rep.events[0].iso == "CD"


def test_a_semicolon_separated_file_is_read(tmp_path):
    rows = list(csv.reader(io.StringIO(HEADER + "\n" + HOMS_ROW)))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    (rep,), _ = imported(write(tmp_path, buffer.getvalue().strip()))
    assert rep.events[0].assoc_actor1 == ["Jaish al-Izza", "Ahrar al-Sham"]


@pytest.mark.parametrize(("change", "reason"), [
    (("2025-03-05", "5 Marchember 2025"), "is not a date"),
    (("Armed clash", "Armed hug"), "not one of ACLED's event and sub-event types"),
    (("SYR90002", ""), "is not an ACLED event id"),
    ((",Syria,", ",Atlantis,"), "country 'Atlantis' is unknown"),
    ((",1741564800", ",1741564800,extra,fields"), "fields where the header names"),
])
def test_a_malformed_row_is_one_reported_reject(tmp_path, change, reason):
    bad = HOMS_ROW.replace(*change, 1)
    if "Atlantis" in bad:
        bad = bad.replace(",760,", ",,")
    reports, rejects = imported(write(tmp_path, HEADER, BINNISH_ROW, bad))
    assert [r.events[0].sources[0].acled_event_id for r in reports] == ["SYR90001"]
    (reject,) = rejects
    assert reject.code == "V116" and reject.stage == "import"
    assert reject.source.endswith("acled.csv:3")  # the line of the bad row
    assert reason in reject.message


@pytest.mark.parametrize("content", [b"a,b,c\n1,2,3\n", b"", b"\xff\xfe\x00garbage\x00\n"])
def test_a_file_that_is_no_acled_export_is_a_clear_error(tmp_path, content):
    path = tmp_path / "other.csv"
    path.write_bytes(content)
    with pytest.raises(NotAnAcledFile) as caught:
        imported(path)
    assert caught.value.code == "V115"


# --- into the store, fused with veille's records -----------------------------------------------


def test_acled_rows_fuse_with_veilles_records_and_filter(store_url, tmp_path):
    store = open_store(store_url)
    # veille read the Binnish strike from an article; ACLED coded it, and a clash veille missed.
    store.save(report("a1", 3, strike("a1")))
    store.save(report("a9", 9, strike("a9", day=9, admin1="Aleppo", location="Aleppo",
                                      at=(36.20124, 37.16117))))
    path = write(tmp_path, HEADER, BINNISH_ROW, HOMS_ROW)
    result = runner.invoke(app, ["import", "acled", str(path), "--db", store_url])
    assert result.exit_code == 0, result.output
    assert "3 rows" not in result.stderr and "2 rows read" in result.stderr
    assert "1 new events, 1 fused with events already stored" in result.stderr
    assert store.count("events") == 3
    fused = store.event("a1-e")
    assert [s.acled_event_id for s in fused.sources] == [None, "SYR90001"]
    assert fused.fatalities.best == 4  # ACLED's toll, the latest report
    by = {which: {e.event_id for e in store.events(acled=which)}
          for which in ("also", "not", "only")}
    assert by == {"also": {"a1-e"}, "not": {"a9-e"}, "only": {"acled-SYR90002"}}
    # Importing again adds nothing.
    again = runner.invoke(app, ["import", "acled", str(path), "--db", store_url])
    assert again.exit_code == 0, again.output
    assert "0 new events, 0 fused with events already stored, 2 already imported" in again.stderr
    assert store.count("events") == 3 and store.count("event_sources") == 4
    # `veille export --acled` selects the same events.
    out = runner.invoke(app, ["export", "--db", store_url, "--acled", "only"])
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [(r["veille_event_id"], r["acled_event_ids"]) for r in rows] == [
        ("acled-SYR90002", "SYR90002")]


def test_two_acled_rows_are_never_one_event(tmp_path):
    """ACLED codes an event once: two rows alike (two protest groups in one town on one day)
    are two events, and a record that holds a row takes no other."""
    url = as_store_url(str(tmp_path / "s.db"))
    twin = BINNISH_ROW.replace("SYR90001", "SYR90003")
    path = write(tmp_path, HEADER, BINNISH_ROW, twin)
    assert runner.invoke(app, ["import", "acled", str(path), "--db", url]).exit_code == 0
    assert open_store(url).count("events") == 2


def test_rejected_rows_are_listed_and_the_others_stored(tmp_path):
    db = str(tmp_path / "s.db")
    path = write(tmp_path, HEADER, HOMS_ROW.replace("2025-03-05", "soon"), BINNISH_ROW)
    result = runner.invoke(app, ["import", "acled", str(path), "--db", db])
    assert result.exit_code == 0, result.output
    assert "1 rejected" in result.stderr
    (reject,) = open_store(db).rejects()  # what `veille rejects` lists
    assert reject.code == "V116" and reject.source.endswith("acled.csv:2")
    assert open_store(db).count("events") == 1


def test_import_of_a_file_that_is_no_acled_export_fails_cleanly(tmp_path):
    path = write(tmp_path, "title,body", "a,b")
    result = runner.invoke(app, ["import", "acled", str(path), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error V115: ") and "Traceback" not in result.output


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.anyio
async def test_the_api_filters_on_acled(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    store.save(report("a1", 3, strike("a1")))
    reports, _ = imported(write(tmp_path, HEADER, BINNISH_ROW, HOMS_ROW))
    store.save_all(reports)
    application = create_app(store, ApiSettings(tokens={}))
    transport = httpx.ASGITransport(app=application)
    async with httpx.AsyncClient(transport=transport, base_url="http://veille.test") as client:
        page = (await client.get("/events", params={"acled": "also"})).json()
        assert [e["event_id"] for e in page["events"]] == ["a1-e"]
        exported = await client.get("/export", params={"acled": "only"})
        rows = list(csv.DictReader(io.StringIO(exported.text)))
        assert [r["acled_event_ids"] for r in rows] == ["SYR90002"]
        wrong = await client.get("/events", params={"acled": "maybe"})
        assert wrong.status_code == 422


# --- the ACLED CSV export, read as ACLED's own files are read ------------------------------------

# The types of the columns of an ACLED export, as an analyst reads one with pandas (nullable
# dtypes: ACLED leaves some of these empty): whole numbers, decimals, text.
_INT, _FLOAT, _TEXT = "Int64", "Float64", "string"
ACLED_DTYPES = {
    "event_id_cnty": _TEXT, "event_date": _TEXT, "year": _INT, "time_precision": _INT,
    "disorder_type": _TEXT, "event_type": _TEXT, "sub_event_type": _TEXT, "actor1": _TEXT,
    "assoc_actor_1": _TEXT, "inter1": _INT, "actor2": _TEXT, "assoc_actor_2": _TEXT,
    "inter2": _INT, "interaction": _INT, "civilian_targeting": _TEXT, "iso": _INT,
    "region": _TEXT, "country": _TEXT, "admin1": _TEXT, "admin2": _TEXT, "admin3": _TEXT,
    "location": _TEXT, "latitude": _FLOAT, "longitude": _FLOAT, "geo_precision": _INT,
    "source": _TEXT, "source_scale": _TEXT, "notes": _TEXT, "fatalities": _INT, "tags": _TEXT,
    "timestamp": _INT,
}


def test_the_export_reads_like_an_acled_export(tmp_path):
    db = str(tmp_path / "s.db")
    store = open_store(db)
    store.save(report("a1", 3, strike("a1", actor2="Civilians (Syria)", inter1=8, inter2=7,
                                      interaction=78, civilian_targeting=True)))
    store.save(report("a2", 5, strike("a2", day=5, event_type="Protests", actor1="Protesters (Syria)",
                                      sub_event_type="Peaceful protest", inter1=6,
                                      interaction=60, admin1="Homs", location="Homs",
                                      at=(34.7308, 36.7094))))
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["export", "--db", db, "-o", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, dtype=ACLED_DTYPES)  # a value of the wrong type raises
    assert list(frame.columns[:31]) == list(ACLED_DTYPES)
    assert {c: str(frame[c].dtype) for c in ACLED_DTYPES} == ACLED_DTYPES
    # Numbers read as numbers without being told, as in ACLED's files.
    plain = pd.read_csv(out)
    assert all(pd.api.types.is_numeric_dtype(plain[c]) for c, kind in ACLED_DTYPES.items()
               if kind != _TEXT)
    assert list(frame["event_id_cnty"]) == ["SYR1", "SYR2"]
    assert list(frame["civilian_targeting"].fillna("")) == ["Civilian targeting", ""]
    assert frame["fatalities"].isna().all()  # unknown stays empty, never 0
    assert list(frame["region"]) == ["Middle East"] * 2


def test_event_numbers_are_stable_and_never_given_twice(tmp_path):
    db = str(tmp_path / "s.db")
    store = open_store(db)
    store.save(report("a1", 3, strike("a1")))
    store.save(report("a2", 4, strike("a2", published=4)))  # the same strike: fused, no number
    store.save(report("a3", 9, strike("a3", day=9)))
    assert [e.number for e in store.events()] == [1, 2]
    assert store.event("a3-e").number == 2
    assert open_store(db).event("a1-e").number == 1  # reopened: the same numbers


# --- --db takes a path -------------------------------------------------------------------------


@pytest.mark.parametrize(("given", "url"), [
    ("veille.db", "sqlite:///veille.db"),
    ("./data/events.sqlite", "sqlite:///./data/events.sqlite"),
    ("/srv/veille.db", "sqlite:////srv/veille.db"),
    ("sqlite:///veille.db", "sqlite:///veille.db"),
    ("postgres://u@h/db", "postgres://u@h/db"),
])
def test_a_store_is_a_path_or_a_url(given, url):
    assert as_store_url(given) == url


def test_db_takes_a_relative_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    path = write(tmp_path, HEADER, HOMS_ROW)
    result = runner.invoke(app, ["import", "acled", str(path), "--db", "./data/events.sqlite"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "events.sqlite").is_file()
    listed = runner.invoke(app, ["export", "--db", "data/events.sqlite", "--format", "jsonl"])
    assert listed.exit_code == 0 and "SYR90002" in listed.stdout


def test_a_store_path_in_a_missing_folder_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "nowhere" / "v.db")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error V300: ") and "Traceback" not in result.output
