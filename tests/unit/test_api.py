"""The HTTP API's reads (`veille serve`): the real application over HTTP (httpx against the
ASGI app) on a real store of each kind (`store_url`), filled with hand-built reports: filters,
sorting and cursor pagination, event and article details, exports, stats, docs and the JSON
shape of errors. Writes, limits and the server itself are in test_api_writes.py."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
import re
import time
from typing import get_args
from urllib.parse import quote

import duckdb
import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from builders import report, strike, toll
from veille.api import ApiSettings, create_app
from veille.api.pagination import SortName
from veille.api.routes_export import MEDIA
from veille.errors import VeilleError
from veille.export import WRITERS
from veille.model import CasualtyReport, Event, Evidence, Fatalities, Span
from veille.store import open_store

pytestmark = pytest.mark.anyio

TOKEN = "tests-token-0123456789"
AUTHOR = "Ada Lovelace"
TABLES = ["articles", "events", "event_sources", "evidence", "casualty_reports", "repairs",
          "revisions"]

ALEPPO = (36.20124, 37.16117)
BAMAKO = (12.65, -8.0)
DEIR_EZ_ZOR = (35.33588, 40.14084)
BULK = 20


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def corpus() -> list:
    """26 stored events: one strike told by three outlets (three sources, two revisions, a
    casualty report), a clash in Aleppo, a protest in Bamako, three undated events and 20
    strikes two days apart with many equal tolls (ties for the sort orders)."""
    day1 = report("day1", 3, strike("day1", toll=toll(9, 9, 9), actor2="Civilians (Syria)"))
    day1.casualty_reports = [CasualtyReport(
        report_id="cr1", total=Fatalities(low=30, best=30, high=30),
        evidence={"total": Evidence(article_id="day1",
                                    spans=[Span(start=5, end=10, text="morts")])})]
    reports = [
        day1,
        report("day2", 4, strike("day2", published=4, toll=toll(12, 12, 12))),
        report("day3", 5, strike("day3", published=5, toll=toll(14, 14, None))),
        report("clash", 10, strike(
            "clash", day=10, event_type="Battles", sub_event_type="Armed clash",
            actor1="Hayat Tahrir al-Sham", actor2="Military Forces of Syria", admin1="Aleppo",
            location="Aleppo", at=ALEPPO, toll=toll(4, 4, 4))),
        report("bamako", 20, strike(
            "bamako", published=20, event_date=dt.date(2025, 2, 20), event_type="Protests",
            sub_event_type="Peaceful protest", actor1="Protesters (Mali)", country="Mali",
            iso="ML", admin1="Bamako", location="Bamako", at=BAMAKO)),
    ]
    for i, actor in enumerate(["Islamic State", "Military Forces of Turkey",
                               "Syrian Democratic Forces"]):
        reports.append(report(f"undated{i}", 6, strike(
            f"undated{i}", day=6, event_date=None, date_precision=None, actor1=actor,
            admin1="Deir ez-Zor", location="Deir ez-Zor", at=DEIR_EZ_ZOR,
            toll=[None, toll(2, 2, 2), toll(7, 7, 7)][i])))
    for i in range(BULK):
        reports.append(report(f"b{i:02d}", 7, strike(
            f"b{i:02d}", day=7, event_date=dt.date(2024, 1, 1) + dt.timedelta(days=2 * i),
            actor1="Military Forces of Syria",
            toll=None if i % 5 == 0 else toll(i % 4, i % 4, i % 4))))
    return reports


ALL_IDS = {"day1-e", "clash-e", "bamako-e", "undated0-e", "undated1-e", "undated2-e",
           *(f"b{i:02d}-e" for i in range(BULK))}
BULK_IDS = {f"b{i:02d}-e" for i in range(BULK)}
UNDATED = {"undated0-e", "undated1-e", "undated2-e"}


def filled_store(store_url: str):
    """The `store` fixture's body (test_api_writes.py has the same fixture): a store of
    `corpus()`, closed after the test."""
    store = open_store(store_url)
    results = store.save_all(corpus())
    assert all(r.error is None for r in results)
    assert store.count("events") == len(ALL_IDS)
    yield store
    store.engine.dispose()


@pytest.fixture
def store(store_url):
    yield from filled_store(store_url)


def make_app(store, runtime=None, **settings):
    settings.setdefault("tokens", {TOKEN: AUTHOR})
    return create_app(store, ApiSettings(**settings), runtime=runtime)


def client_for(app, **kwargs) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, **kwargs),
                             base_url="http://veille.test")


@pytest.fixture
async def client(store):
    async with client_for(make_app(store)) as client:
        yield client


def counts(store) -> dict[str, int]:
    return {table: store.count(table) for table in TABLES}


def assert_error(response: httpx.Response, status: int, code: str) -> dict:
    """The response is the API's JSON error with this status and code, and no traceback."""
    assert response.status_code == status, response.text
    assert "Traceback" not in response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code, body
    assert body["error"]["message"]
    return body["error"]


async def ids(client, **params) -> list[str]:
    response = await client.get("/events", params=params)
    assert response.status_code == 200, response.text
    return [e["event_id"] for e in response.json()["events"]]


# --- filters ---------------------------------------------------------------------------------


# One store serves every case of a test below (a store per case would cost a PostgreSQL schema
# each); the failing case is named in the assertion.
FILTERS = [
    ({"since": "2025-03-01"}, {"day1-e", "clash-e"}),
    ({"until": "2024-01-05"}, {"b00-e", "b01-e", "b02-e"}),
    ({"since": "2025-01-01", "until": "2025-02-28"}, {"bamako-e"}),
    ({"event_type": "Protests"}, {"bamako-e"}),
    ({"sub_event_type": "Armed clash"}, {"clash-e"}),
    ({"actor": "tahrir"}, {"clash-e"}),  # actor1, any case
    ({"actor": "CIVILIANS"}, {"day1-e"}),  # actor2
    ({"actor": "forces of syria"}, {"clash-e"} | BULK_IDS),
    ({"country": "mali"}, {"bamako-e"}),
    ({"country": "ml"}, {"bamako-e"}),
    ({"country": "Syria"}, ALL_IDS - {"bamako-e"}),
    ({"admin1": "ALEPPO"}, {"clash-e"}),
    ({"bbox": "-9,12,-7,13"}, {"bamako-e"}),
    ({"bbox": "37,36,37.5,36.5"}, {"clash-e"}),
    ({"bbox": "40,12,-7,13"}, {"bamako-e"}),  # min_lon > max_lon: across the antimeridian
    ({"bbox": "170,-10,-170,10"}, set()),
    ({"min_fatalities": "4"}, {"day1-e", "clash-e", "undated2-e"}),
    ({"min_fatalities": "10"}, {"day1-e"}),
    ({"q": "binnish"}, {"day1-e"} | BULK_IDS),  # location
    ({"q": "Deir"}, UNDATED),
    ({"q": "hayat"}, {"clash-e"}),  # actor
    ({"country": "SY", "min_fatalities": "4", "since": "2025-01-01"}, {"day1-e", "clash-e"}),
]


async def test_each_filter_selects_its_events(client):
    for params, expected in FILTERS:
        found = await ids(client, limit="1000", **params)
        assert len(found) == len(set(found)), params
        assert set(found) == expected, params


async def test_the_atom_feed_holds_what_the_same_filters_select(client):
    """GET /events.atom: an Atom document a feed reader accepts, whose entries are the events
    GET /events gives for the same filters, the records changed last first."""
    from xml.etree import ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    for params, expected in FILTERS[:6]:
        response = await client.get("/events.atom", params={**params, "limit": "1000"})
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/atom+xml")
        feed = ET.fromstring(response.content)
        assert feed.tag == atom + "feed" and feed.find(atom + "updated") is not None
        entries = feed.findall(atom + "entry")
        found = {e.find(atom + "id").text.rsplit(":", 1)[1] for e in entries}
        assert found == expected, params
        stamps = [e.find(atom + "updated").text for e in entries]
        assert stamps == sorted(stamps, reverse=True)
        assert all(e.find(atom + "link").get("href").startswith("http://veille.test/events/")
                   for e in entries)
    bad = await client.get("/events.atom", params={"min_fatalities": "-1"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "V403"


async def test_no_filter_lists_everything_newest_first(client):
    response = await client.get("/events")
    body = response.json()
    assert body["count"] == len(ALL_IDS) and body["next_cursor"] is None
    found = [e["event_id"] for e in body["events"]]
    assert found[:2] == ["clash-e", "day1-e"]  # 2025-03-10, 2025-03-03
    dates = [e["event_date"] for e in body["events"]]
    dated = [d for d in dates if d is not None]
    assert dated == sorted(dated, reverse=True)
    assert dates[-3:] == [None, None, None]  # unknown dates last
    assert {e["event_id"] for e in body["events"]} == ALL_IDS


# --- sorting and pagination --------------------------------------------------------------------

SORT_KEYS = {
    "date": lambda e: e["event_date"],
    "fatalities": lambda e: (e["fatalities"] or {}).get("best"),
    "updated": lambda e: dt.datetime.fromisoformat(e["updated_at"]),
}


async def pages(client, limit: int, **params) -> tuple[list[dict], int]:
    """Every event, page after page; and how many pages it took."""
    events, cursor, count = [], None, 0
    while True:
        query = {**params, "limit": str(limit)} | ({"cursor": cursor} if cursor else {})
        response = await client.get("/events", params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["count"] == len(body["events"]) <= limit
        events += body["events"]
        count += 1
        cursor = body["next_cursor"]
        if cursor is None:
            return events, count
        assert count < 100, "pagination does not end"


@pytest.mark.parametrize("sort", ["date", "-date", "fatalities", "-fatalities", "updated",
                                  "-updated"])
async def test_cursor_pages_cover_every_event_once_in_order(client, sort):
    # A correction makes one event the most recently updated one.
    response = await client.patch("/events/b07-e", headers={"Authorization": f"Bearer {TOKEN}"},
                                  json={"values": {"actor2": "Civilians (Syria)"}})
    assert response.status_code == 200, response.text
    paged, n_pages = await pages(client, 7, sort=sort)
    found = [e["event_id"] for e in paged]
    assert n_pages == 4  # 26 events, 7 a page
    assert len(found) == len(set(found)) == len(ALL_IDS)  # no duplicates, no gaps
    assert set(found) == ALL_IDS
    one_page = await ids(client, sort=sort, limit="1000")
    assert found == one_page  # the same order as without pages
    keys = [SORT_KEYS[sort.lstrip("-")](e) for e in paged]
    known = [k for k in keys if k is not None]
    assert known == sorted(known, reverse=sort.startswith("-"))
    assert all(k is None for k in keys[len(known):])  # unknown values come last
    if sort == "-updated":
        assert found[0] == "b07-e"
    if sort == "updated":
        assert found[-1] == "b07-e"


async def test_cursor_keeps_the_filters_given(client):
    paged, _ = await pages(client, 3, country="SY", min_fatalities="1", sort="-fatalities")
    assert all(e["iso"] == "SY" and e["fatalities"]["best"] >= 1 for e in paged)
    assert len(paged) == len({e["event_id"] for e in paged}) == len(
        await ids(client, country="SY", min_fatalities="1", limit="1000"))


async def test_cursor_of_another_sort_or_edited_is_refused(client):
    first = (await client.get("/events", params={"limit": "2", "sort": "date"})).json()
    cursor = first["next_cursor"]
    assert cursor
    assert_error(await client.get("/events", params={"cursor": cursor, "sort": "-fatalities"}),
                 422, "V403")
    assert_error(await client.get("/events", params={"cursor": cursor[:-3] + "!!!"}), 422,
                 "V403")
    assert_error(await client.get("/events", params={"cursor": "bm90IGpzb24"}), 422, "V403")


BAD_PARAMETERS = [
    {"limit": "0"}, {"limit": "1001"}, {"sort": "size"}, {"since": "2025-02-30"},
    {"bbox": "1,2,3"}, {"bbox": "a,b,c,d"}, {"bbox": "0,10,1,5"}, {"bbox": "0,0,200,1"},
    {"bbox": "nan,0,1,1"}, {"min_fatalities": "-1"}, {"contry": "Syria"},
]


async def test_bad_parameters_answer_422_v403(client):
    for params in BAD_PARAMETERS:
        error = assert_error(await client.get("/events", params=params), 422, "V403")
        assert next(iter(params)) in error["message"], params


# --- SQL-looking values ------------------------------------------------------------------------

# Classic SQL injection payloads: tautologies, comments, stacked queries, UNION, wildcards, time
# delays (SQLite and PostgreSQL), quotes of other scripts, numbers out of range, oversized text.
INJECTIONS = [
    "' OR 1=1 --", "' OR '1'='1", "SY' OR '1'='1", '" OR ""="', "') OR ('a'='a", "admin'/*",
    "1' OR '1'='1' /*", "\\' OR 1=1 --", "Battles' OR 'a'='a", "'; DROP TABLE events; --",
    "1; DELETE FROM articles", "1 UNION SELECT event_id, record FROM events --",
    "' UNION SELECT NULL, sqlite_version(), NULL --",
    "' AND 1=(SELECT COUNT(*) FROM articles) --", "'; SELECT pg_sleep(3); --",
    "1' AND (SELECT 1 FROM pg_sleep(3)) IS NULL --", "$$; DROP TABLE events; $$", "%", "_",
    "%' --", "\x00", "' \x00 OR 1=1 --", "’ OR ‘1’=‘1", "＇ OR 1=1 －－",
    "ʼ; DROP TABLE events; --", "-1", "1e309", "9" * 40, "2025-01-01' OR '1'='1",
    "x" * 10_000, "' OR 1=1 --" * 300,
]
# Sent as written, already percent-encoded (not encoded again): NUL, bytes that are not UTF-8,
# an overlong encoding of a quote, a double encoding, a typographic quote.
RAW_INJECTIONS = ["%00", "%27%20OR%201=1--", "%ff%fe%27%20OR%201=1--", "%c0%a7%20OR%201=1--",
                  "%2527%20OR%201=1--", "%E2%80%99%20OR%201=1--",
                  "1%27%3B%20DROP%20TABLE%20events--"]
# A stored value for each path parameter, for the requests whose payload is elsewhere.
PATH_VALUES = {"event_id": "day1-e", "article_id": "day1"}
# Words only a database error or a traceback would put into an answer.
LEAKS = ["Traceback", "sqlalchemy", "psycopg", "sqlite3", "OperationalError",
         "ProgrammingError", "DataError", "syntax error"]


def catalogue() -> set[str]:
    """Every error code of `veille.errors`."""
    kinds, codes = [VeilleError], set()
    while kinds:
        kind = kinds.pop()
        codes.add(kind.code)
        kinds.extend(kind.__subclasses__())
    return codes - {VeilleError.code}


def injected(spec: dict, values: list[str], raw: list[str] = ()) -> list[tuple[str, str, dict]]:
    """(method, URL, parameter) of one request per value and parameter of every operation of
    the OpenAPI description `spec`: the value in that parameter (percent-encoded, or as
    written for `raw` ones), every other path parameter at a stored value. A GET without
    parameters gets the value as an undeclared `q`; an operation without parameters that is
    no GET (POST /extract: a body only) gets none."""
    sent = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            params = operation.get("parameters", [])
            if not params and method != "get":
                continue
            for param in params or [{"name": "q", "in": "query"}]:
                assert param["in"] in ("path", "query"), param  # a new kind: teach this test
                encoded = [quote(v, safe="") for v in values]
                if param["in"] == "path":  # else the client would resolve `.` and `..` itself
                    encoded = [v.replace(".", "%2E") for v in encoded]
                for value in encoded + list(raw):
                    fill = {p["name"]: quote(PATH_VALUES[p["name"]], safe="")
                            for p in params if p["in"] == "path" and p is not param}
                    if param["in"] == "path":
                        fill[param["name"]] = value
                    url = path.format(**fill)
                    if param["in"] == "query":
                        url += f"?{quote(param['name'])}={value}"
                    sent.append((method.upper(), url, param))
    return sent


async def send(client, method: str, url: str) -> tuple[httpx.Response, float]:
    """The answer to one request (a PATCH with a valid correction and token), and its time."""
    start = time.monotonic()
    if method == "PATCH":
        response = await client.patch(url, json={"values": {"actor2": "Civilians (Syria)"}},
                                      headers={"Authorization": f"Bearer {TOKEN}"})
    else:
        response = await client.request(method, url)
    return response, time.monotonic() - start


def check_injected(response: httpx.Response, seconds: float, method: str, url: str,
                   param: dict, stats: dict, codes: set[str]) -> None:
    """An answer to a request with a payload: 200 that found nothing (or /stats as before), or
    404/422 with a catalogue error; never a failure, a database message or a delay."""
    context = (method, url[:150], response.status_code, response.text[:300])
    assert response.status_code in (200, 404, 422), context
    assert seconds < 2.5, context  # pg_sleep(3) would have run
    for leak in LEAKS:
        assert leak not in response.text, context
    if response.status_code != 200:
        body = response.json()
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, context
        assert body["error"]["code"] in codes, context
        return
    assert param["in"] == "query", context  # a payload is no stored event or article id
    if url.startswith("/stats"):
        assert response.json() == stats, context
    else:  # as SQL, a tautology would have selected every event
        assert [i for i in sorted(ALL_IDS) if i in response.text] == [], context


async def test_sql_looking_values_are_plain_text(store):
    """Every payload in every parameter (read or write) on a real store of each kind: answers
    as a plain value would, and no table changes."""
    before, records = counts(store), [e.model_dump_json() for e in store.events()]
    codes = catalogue()
    async with client_for(make_app(store, rate_limit=0)) as client:
        spec = (await client.get("/openapi.json")).json()
        stats = (await client.get("/stats")).json()
        sent = injected(spec, INJECTIONS, RAW_INJECTIONS)
        # Every parameter of the reads is covered, and the write's path too.
        covered = {(method, p["name"]) for method, _, p in sent}
        assert {("GET", name) for name in ("since", "until", "event_type", "sub_event_type",
                                           "actor", "country", "admin1", "bbox",
                                           "min_fatalities", "q", "sort", "limit", "cursor",
                                           "event_id", "article_id", "format")} <= covered
        assert ("PATCH", "event_id") in covered
        for method, url, param in sent:
            response, seconds = await send(client, method, url)
            check_injected(response, seconds, method, url, param, stats, codes)
        assert (await client.get("/stats")).json() == stats
        assert set(await ids(client, limit="1000")) == ALL_IDS  # nothing was dropped
    assert counts(store) == before
    assert [e.model_dump_json() for e in store.events()] == records  # nor changed


async def test_sql_looking_values_inside_cursors_are_plain_values(store):
    """Cursors are opaque to clients, but a client can write one. A payload as its sort value
    is refused; as its event id, it is a bound value: the page is the one after the cursor's
    sort value (one no event has, so the id decides nothing), whatever the id says."""
    before = counts(store)
    # Sort values no stored event has; every event was updated after 2025-03-01.
    keys = {"date": "2025-03-05", "fatalities": 5, "updated": "2025-03-01T00:00:00"}
    value_of = {"date": lambda e: e["event_date"],
                "fatalities": lambda e: (e["fatalities"] or {}).get("best"),
                "updated": lambda e: e["updated_at"]}
    async with client_for(make_app(store, rate_limit=0)) as client:
        for sort in get_args(SortName):
            field, key = sort.lstrip("-"), keys[sort.lstrip("-")]
            everything = (await client.get("/events", params={"sort": sort, "limit": "1000"}
                                           )).json()["events"]
            assert all(value_of[field](e) != key for e in everything)
            after = [e["event_id"] for e in everything
                     if value_of[field](e) is None
                     or (value_of[field](e) < key if sort.startswith("-")
                         else value_of[field](e) > key)]
            for payload in [p for p in INJECTIONS if len(p) < 100] + ["\ud800"]:
                response = await client.get("/events", params={
                    "sort": sort, "cursor": cursor_of(sort, payload, "day1-e")})
                assert_error(response, 422, "V403")
                response = await client.get("/events", params={
                    "sort": sort, "cursor": cursor_of(sort, key, payload), "limit": "1000"})
                if "\x00" in payload or payload == "\ud800":  # no stored text holds them
                    assert_error(response, 422, "V403")
                    continue
                assert response.status_code == 200, (sort, payload, response.text)
                found = [e["event_id"] for e in response.json()["events"]]
                assert found == after, (sort, payload)
    assert counts(store) == before


def cursor_of(sort: str, key: object, event_id: object) -> str:
    """A cursor as `Sort.encode` writes one, with any values."""
    data = json.dumps({"sort": sort, "key": key, "id": event_id}).encode()
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


async def test_sql_looking_ids_and_cursor_are_not_found_or_refused(client, store):
    before = counts(store)
    assert_error(await client.get("/events/x' OR '1'='1"), 404, "V301")
    assert_error(await client.get("/articles/x'; DROP TABLE events; --"), 404, "V402")
    assert_error(await client.get("/events", params={"bbox": "1,2,3,4; DROP TABLE events"}),
                 422, "V403")
    assert_error(await client.get("/events", params={"cursor": "JyBPUiAxPTEgLS0"}), 422,
                 "V403")
    assert counts(store) == before


async def test_percent_and_underscore_match_literally(store):
    store.save_all([report("pct", 25, strike("pct", day=25, location="Camp_5 %north"))])
    async with client_for(make_app(store)) as client:
        assert await ids(client, q="_5 %") == ["pct-e"]
        # As wildcards these would match "Camp_5 %north"; as letters they do not.
        assert await ids(client, q="am__5") == []
        assert await ids(client, q="camp%north") == []


# --- one event, one article ------------------------------------------------------------------


async def test_event_detail_has_sources_evidence_and_revisions(client):
    response = await client.get("/events/day1-e")
    assert response.status_code == 200
    body = response.json()
    event = Event.model_validate(body["event"])
    assert [s.article_id for s in event.sources] == ["day1", "day2", "day3"]
    assert event.fatalities == Fatalities(low=9, best=14, high=14)
    assert event.updated_at is not None
    assert [s["event_id"] for s in body["sources"]] == ["day1-e", "day2-e", "day3-e"]
    assert [s["fatalities"]["best"] for s in body["sources"]] == [9, 12, 14]
    assert sorted(e["article_id"] for e in body["evidence"]) == ["day1", "day2", "day3"]
    assert {(e["owner_id"], e["field"], e["text"]) for e in body["evidence"]} == {
        ("day1-e", "fatalities", "neuf")}
    revisions = body["revisions"]
    assert [r["article_id"] for r in revisions] == ["day2", "day3"]
    assert [r["changes"]["fatalities"]["new"]["best"] for r in revisions] == [12, 14]


async def test_unknown_event_is_404_without_server_paths(client, store_url):
    error = assert_error(await client.get("/events/nope"), 404, "V301")
    assert "nope" in error["message"]
    if store_url.startswith("sqlite"):
        assert store_url.removeprefix("sqlite:///") not in error["message"]
    else:  # a database server: by its database name only, not where it is nor who logs in
        url = make_url(store_url)
        assert f"postgresql:///{url.database}" in error["message"]
        assert "@" not in error["message"] and f":{url.port}" not in error["message"]
        for secret in (url.host, url.password):
            assert not secret or secret not in error["message"]


async def test_article_spans_quote_the_text_exactly(client):
    response = await client.get("/articles/day1")
    assert response.status_code == 200
    body = response.json()
    assert body["text"] == "neuf morts" and body["outlet"] == "outlet day1"
    assert body["published"] == "2025-03-03"
    assert body["event_ids"] == ["day1-e"]
    assert [c["report_id"] for c in body["casualty_reports"]] == ["cr1"]
    spans = body["spans"]
    assert {(s["owner_id"], s["field"]) for s in spans} == {("day1-e", "fatalities"),
                                                           ("cr1", "total")}
    for span in spans:
        assert body["text"][span["start"]:span["end"]] == span["text"]
        assert span["basis"] == "text"


async def test_later_article_points_to_the_event_it_joined(client):
    body = (await client.get("/articles/day3")).json()
    assert body["event_ids"] == ["day1-e"]
    assert [s["owner_id"] for s in body["spans"]] == ["day1-e"]


async def test_unknown_article_is_404(client):
    assert_error(await client.get("/articles/nope"), 404, "V402")


# --- exports --------------------------------------------------------------------------------


async def export(client, fmt: str, **params) -> httpx.Response:
    response = await client.get("/export", params={"format": fmt, **params})
    assert response.status_code == 200, response.text
    media, suffix = MEDIA[fmt]
    assert response.headers["content-type"] == media
    assert response.headers["content-disposition"] == (
        f'attachment; filename="veille-events.{suffix}"')
    return response


def test_every_export_format_has_a_media_type():
    assert set(MEDIA) == set(WRITERS)


async def test_export_acled_csv(client):
    rows = list(csv.DictReader(io.StringIO((await export(client, "acled-csv")).text)))
    assert {r["veille_event_id"] for r in rows} == ALL_IDS
    day1 = next(r for r in rows if r["veille_event_id"] == "day1-e")
    assert (day1["fatalities"], day1["fatalities_low"], day1["fatalities_high"]) == (
        "14", "9", "14")


async def test_export_geojson(client):
    data = (await export(client, "geojson")).json()
    assert data["type"] == "FeatureCollection"
    by_id = {f["id"]: f for f in data["features"]}
    assert set(by_id) == ALL_IDS
    assert by_id["bamako-e"]["geometry"]["coordinates"] == [BAMAKO[1], BAMAKO[0]]


async def test_export_jsonl(client):
    lines = (await export(client, "jsonl")).text.splitlines()
    events = [Event.model_validate_json(line) for line in lines]
    assert {e.event_id for e in events} == ALL_IDS


async def test_export_plover(client):
    records = [json.loads(line) for line in (await export(client, "plover")).text.splitlines()]
    assert {r["id"] for r in records} == ALL_IDS
    assert next(r for r in records if r["id"] == "clash-e")["acled"]["sub_event_type"] == (
        "Armed clash")


async def test_export_parquet_reads_in_duckdb(client, tmp_path):
    path = tmp_path / "events.parquet"
    path.write_bytes((await export(client, "parquet")).content)
    rows = duckdb.sql(f"SELECT event_id, fatalities_best FROM read_parquet('{path}') "
                      "ORDER BY event_id").fetchall()
    assert {r[0] for r in rows} == ALL_IDS
    assert dict(rows)["day1-e"] == 14
    assert dict(rows)["bamako-e"] is None


async def test_export_filters_since_and_country(client):
    lines = (await export(client, "jsonl", since="2025-01-01", country="sy")).text.splitlines()
    assert {json.loads(line)["event_id"] for line in lines} == {"day1-e", "clash-e"}
    parquet = (await export(client, "parquet", country="ML")).content
    assert parquet.startswith(b"PAR1")


async def test_export_of_nothing_is_a_valid_empty_file(client):
    assert (await export(client, "jsonl", country="Norway")).text == ""
    assert (await export(client, "geojson", country="Norway")).json()["features"] == []


async def test_export_larger_than_a_chunk_streams_whole(store):
    # ~200 events of ~1.5 kB each: several chunks go through the writer's thread.
    store.save_all([report(f"m{i:03d}", 8, strike(
        f"m{i:03d}", day=8, event_date=dt.date(2023, 1, 1) + dt.timedelta(days=2 * i),
        notes="x" * 1000)) for i in range(200)])
    async with client_for(make_app(store)) as client:
        lines = (await export(client, "jsonl")).text.splitlines()
    assert len(lines) == len(ALL_IDS) + 200
    assert len({json.loads(line)["event_id"] for line in lines}) == len(lines)


async def test_unknown_export_format_is_422_v203(client):
    for fmt in ["csv", "../../../../etc/passwd", "parquet/../x", "JSONL", ""]:
        error = assert_error(await client.get("/export", params={"format": fmt}), 422, "V203")
        assert "acled-csv" in error["message"], fmt


# Values that name files elsewhere: parent folders, absolute paths, other systems' separators,
# URLs, NUL; RAW_TRAVERSALS are sent as written (encoded slashes and dots, overlong UTF-8,
# double encoding).
TRAVERSALS = [
    "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "/etc/passwd", "....//....//etc/passwd",
    "..\\..\\..\\pyproject.toml", "../" * 12 + "etc/passwd", "/proc/self/environ",
    "file:///etc/passwd", "C:\\Windows\\win.ini", "~/.ssh/id_rsa", "..／..／pyproject.toml",
    "acled-csv/../../../pyproject.toml", "parquet/../x", "../src/veille/api/app.py", ".", "..",
    ".env", "veille-events.csv", "app.js\x00.csv", "../pyproject.toml", "static/app.js",
]
RAW_TRAVERSALS = ["..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fpyproject.toml",
                  "%2e%2e/%2e%2e/pyproject.toml", "..%5c..%5cpyproject.toml",
                  "%c0%ae%c0%ae%c0%afetc%c0%afpasswd", "..%252f..%252fetc%252fpasswd", "%00",
                  "app.js%00.png", "%2fetc%2fpasswd", "%2e%2e/%2e%2e/%2e%2e/etc/passwd"]
# What the files they name hold: none may appear in an answer.
FILE_MARKERS = [b"root:x:0:0", b"[build-system]", b"[project]", b"def create_app",
                b"PRIVATE KEY", b"PATH=", b"HOME="]
# The routes that serve files, outside the OpenAPI description: the page's and /docs' files.
FILE_ROUTES = {"/static/{path}": {"get": {"parameters": [{"name": "path", "in": "path"}]}},
               "/docs/assets/{name}": {"get": {"parameters": [{"name": "name", "in": "path"}]}}}


async def test_path_like_values_never_reach_the_file_system(store):
    """Every parameter of every operation, and the file routes, with paths: a path parameter
    (ids, file names) or an export format is refused, a filter finds nothing; no answer holds
    a file's content, and an export's file name is always veille's own."""
    async with client_for(make_app(store, rate_limit=0)) as client:
        spec = (await client.get("/openapi.json")).json()
        spec = {"paths": {**spec["paths"], **FILE_ROUTES}}
        sent = injected(spec, TRAVERSALS, RAW_TRAVERSALS)
        assert {p["name"] for _, _, p in sent} >= {"event_id", "article_id", "format", "path",
                                                   "name", "country", "q"}
        for method, url, param in sent:
            response, _ = await send(client, method, url)
            context = (method, url[:150], response.status_code, response.text[:200])
            if param["in"] == "path" or param["name"] == "format":
                assert response.status_code in (404, 422), context
                assert response.json()["error"]["code"] in {"V203", "V301", "V402", "V403",
                                                            "V404"}, context
            else:
                assert response.status_code in (200, 404, 422), context
            for marker in FILE_MARKERS:
                assert marker not in response.content, context
            disposition = response.headers.get("content-disposition")
            assert disposition is None or re.fullmatch(
                r'attachment; filename="veille-events\.[a-z]+(\.[a-z]+)?"', disposition), context
        # The files themselves are served, by their own names only.
        assert (await client.get("/static/app.js")).status_code == 200
        assert (await client.get("/docs/assets/swagger-ui.css")).status_code == 200


# --- stats, docs, errors -----------------------------------------------------------------------


async def test_stats_count_by_type_week_and_admin1(client, store):
    body = (await client.get("/stats")).json()
    assert body["events"] == store.count("events") == len(ALL_IDS)
    assert body["articles"] == store.count("articles")
    assert body["by_event_type"] == {"Explosions/Remote violence": 24, "Battles": 1,
                                     "Protests": 1}
    assert body["by_week"]["2025-W10"] == 1  # day1, 2025-03-03 (a Monday)
    assert body["by_week"]["2025-W11"] == 1  # clash, 2025-03-10
    assert body["by_week"]["2024-W01"] == 4  # 2024-01-01 (a Monday), -03, -05, -07
    assert sum(body["by_week"].values()) == len(ALL_IDS) - len(UNDATED)
    assert body["by_admin1"][0] == {"country": "Syria", "admin1": "Idlib", "events": 21}
    assert {"country": "Mali", "admin1": "Bamako", "events": 1} in body["by_admin1"]


async def test_stats_follow_each_change_of_the_store(client, store):
    """/stats is kept between requests; a new event or a correction shows at once."""
    first = (await client.get("/stats")).json()
    assert (await client.get("/stats")).json() == first
    store.save_all([report("late", 28, strike("late", day=28, iso="TR", country="Turkey",
                                              admin1="Hatay"))])
    second = (await client.get("/stats")).json()
    assert (second["events"], second["articles"]) == (first["events"] + 1,
                                                      first["articles"] + 1)
    store.correct("late-e", {"event_type": "Battles", "sub_event_type": "Armed clash"},
                  author="analyst")
    third = (await client.get("/stats")).json()
    assert third["by_event_type"]["Battles"] == second["by_event_type"]["Battles"] + 1


async def test_openapi_lists_the_paths(client):
    spec = (await client.get("/openapi.json")).json()
    paths = spec["paths"]
    assert {"/events", "/events/{event_id}", "/articles/{article_id}", "/export", "/extract",
            "/stats"} <= set(paths)
    assert set(paths["/events/{event_id}"]) == {"get", "patch"}
    names = {p["name"] for p in paths["/events"]["get"]["parameters"]}
    assert {"since", "until", "actor", "country", "bbox", "q", "sort", "limit",
            "cursor"} <= names
    # The writes declare the bearer token, so /docs offers "Authorize".
    assert spec["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
    assert paths["/events/{event_id}"]["patch"]["security"] == [{"token": []}]
    assert "security" not in paths["/events/{event_id}"]["get"]


async def test_docs_page_needs_no_network(client):
    page = await client.get("/docs")
    assert page.status_code == 200
    assert "https://" not in page.text and "http://" not in page.text
    for asset in ("/docs/assets/swagger-ui-bundle.js", "/docs/assets/swagger-ui.css"):
        assert asset in page.text
        response = await client.get(asset)
        assert response.status_code == 200 and len(response.content) > 10_000
    assert_error(await client.get("/docs/assets/..%2F..%2F__init__.py"), 404, "V404")
    assert_error(await client.get("/docs/assets/index.html"), 404, "V404")


async def test_unknown_path_and_method_are_json_errors(client):
    assert_error(await client.get("/nothing/here"), 404, "V404")
    assert_error(await client.delete("/events/day1-e"), 405, "V404")


async def test_a_store_failure_answers_503_and_logs_no_password(store_url, caplog):
    """A database that fails (here: its events table gone) answers V300 without the database's
    message; the server's log has it, with the store's URL but not its password."""
    url = make_url(store_url)
    if url.get_backend_name() != "sqlite":  # the test server trusts every login: any password
        store_url = url.set(password="hunter2-not-logged").render_as_string(hide_password=False)
    store = next(filled_store(store_url))
    with store.engine.begin() as conn:
        conn.execute(text("ALTER TABLE events RENAME TO events_gone"))
    try:
        async with client_for(make_app(store)) as client:
            for path in ["/events", "/events/day1-e", "/stats", "/export"]:
                error = assert_error(await client.get(path), 503, "V300")
                assert "events" not in error["message"] and "hunter2" not in error["message"]
    finally:
        with store.engine.begin() as conn:
            conn.execute(text("ALTER TABLE events_gone RENAME TO events"))
        store.engine.dispose()
    logged = [r.getMessage() for r in caplog.records if r.name == "veille.api"]
    assert len(logged) == 4 and all("store error" in m for m in logged), logged
    assert not any("hunter2" in m for m in logged), logged


async def test_a_bug_answers_v999_without_details(store):
    app = make_app(store)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internal detail")

    # The server re-raises after answering (so it logs the traceback): the client sees 500.
    async with client_for(app, raise_app_exceptions=False) as client:
        error = assert_error(await client.get("/boom"), 500, "V999")
    assert "secret" not in error["message"] and "RuntimeError" not in error["message"]


async def test_sources_are_listed_and_added_with_a_token(client):
    """GET /sources lists what `veille watch` polls; POST /sources adds one (a token needed;
    a private address refused, as the config does not allow them; a bad interval refused)."""
    assert (await client.get("/sources")).json() == {"sources": []}
    new = {"name": "Wire", "url": "https://93.184.216.34/feed.xml", "lang": "fr",
           "country": "sd", "every": "1h"}
    assert (await client.post("/sources", json=new)).status_code == 401
    auth = {"Authorization": f"Bearer {TOKEN}"}
    added = await client.post("/sources", json=new, headers=auth)
    assert added.status_code == 201, added.text
    body = added.json()
    assert (body["country"], body["every_seconds"], body["errors"]) == ("SD", 3600, 0)
    listed = (await client.get("/sources")).json()["sources"]
    assert [s["url"] for s in listed] == [new["url"]]
    private = await client.post("/sources", headers=auth,
                                json={**new, "url": "http://127.0.0.1:8080/feed.xml"})
    assert private.status_code == 422 and "private or local" in private.json()["error"]["message"]
    fast = await client.post("/sources", headers=auth, json={**new, "every": "5s"})
    assert fast.status_code == 422 and "at least 1m" in fast.json()["error"]["message"]
