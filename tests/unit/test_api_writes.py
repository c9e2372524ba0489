"""The HTTP API's writes and limits: tokens, corrections (PATCH), POST /extract with the real
pipeline (the session's `runtime`), the body size limit, the request rate limit, the `[api]`
configuration, CORS, and `veille serve` as a real server process."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from test_api import AUTHOR, TOKEN, assert_error, client_for, counts, filled_store, make_app

from builders import FR_ARTICLE, report, strike, toll
from veille.api import ApiSettings, create_app
from veille.api.limits import RateLimit
from veille.config import load_config
from veille.errors import BadConfig
from veille.store import open_store

pytestmark = pytest.mark.anyio

BEARER = {"Authorization": f"Bearer {TOKEN}"}
@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def store(store_url):
    yield from filled_store(store_url)


@pytest.fixture
async def client(store):
    async with client_for(make_app(store)) as client:
        yield client


CORRECTION = {"values": {"fatalities": {"low": 10, "best": 11, "high": 15},
                         "actor2": "Civilians (Syria)"},
              "reason": "hospital records"}


# --- corrections ------------------------------------------------------------------------------


async def test_patch_with_token_writes_a_signed_revision(client, store):
    before = counts(store)
    response = await client.patch("/events/day1-e", json=CORRECTION, headers=BEARER)
    assert response.status_code == 200, response.text
    event = response.json()
    assert event["event_id"] == "day1-e"
    assert event["fatalities"] == {"low": 10, "best": 11, "high": 15}
    assert event["evidence"]["fatalities"]["basis"] == "correction"
    assert counts(store) == {**before, "revisions": before["revisions"] + 1}
    detail = (await client.get("/events/day1-e")).json()
    assert detail["event"]["fatalities"]["best"] == 11
    last = detail["revisions"][-1]
    assert (last["author"], last["reason"], last["article_id"]) == (
        AUTHOR, "hospital records", None)
    assert last["changes"]["fatalities"]["old"] == {"low": 9, "best": 14, "high": 14}
    assert last["changes"]["fatalities"]["new"]["best"] == 11


BAD_HEADERS = [
    {}, {"Authorization": "Bearer wrong-token-0123456789"}, {"Authorization": TOKEN},
    {"Authorization": f"Basic {TOKEN}"}, {"Authorization": "Bearer "},
    {"Authorization": f"Bearer {TOKEN}x"}, {"Authorization": f"Bearer {TOKEN[:-1]}"},
]


async def test_patch_without_a_valid_token_is_401_and_changes_nothing(client, store):
    before, event = counts(store), store.event("day1-e")
    for headers in BAD_HEADERS:
        response = await client.patch("/events/day1-e", json=CORRECTION, headers=headers)
        assert_error(response, 401, "V400")
        assert response.headers["www-authenticate"] == "Bearer"
    assert counts(store) == before
    assert store.event("day1-e") == event


async def test_no_token_configured_means_no_writes(store):
    before = counts(store)
    async with client_for(make_app(store, tokens={})) as client:
        error = assert_error(await client.patch("/events/day1-e", json=CORRECTION,
                                                headers=BEARER), 401, "V400")
    assert "disabled" in error["message"]
    assert counts(store) == before


BAD_CORRECTIONS = [
    ({"values": {"colour": "red"}}, 422, "V302"),  # not a field
    ({"values": {"fatalities": {"best": "many"}}}, 422, "V302"),  # not a number
    ({"values": {"event_date": "yesterday"}}, 422, "V302"),
    ({"values": {}}, 422, "V403"),  # nothing to correct
    ({"values": {"actor2": "X"}, "author": "me"}, 422, "V403"),  # the token says who
    ({"reason": "no values"}, 422, "V403"),
    # Values no store can hold: refused before the store sees them (they were a 500 on
    # SQLite, a 503 on PostgreSQL, and a NaN coordinate broke the record for every later read).
    ({"values": {"actor2": "a\x00b"}}, 422, "V403"),
    ({"values": {"actor2": "ok"}, "reason": "a\x00b"}, 422, "V403"),
    (b'{"values": {"actor2": "\\ud800"}}', 422, "V403"),  # a lone surrogate
    (b'{"values": {"latitude": NaN, "longitude": 36.6}}', 422, "V403"),
    (b'{"values": {"latitude": 1e400, "longitude": 36.6}}', 422, "V403"),  # infinite
    ({"values": {"fatalities": {"low": 1, "best": 10**40, "high": 10**40}}}, 422, "V403"),
    ({"values": {"fatalities": {"low": 1, "best": 3_000_000_000, "high": 3_000_000_000}}},
     422, "V403"),  # past PostgreSQL's INTEGER
    ({"values": {"inter1": -(10**20)}}, 422, "V403"),
]


async def test_bad_corrections_are_refused(client, store):
    before, event = counts(store), store.event("day1-e")
    for body, status, code in BAD_CORRECTIONS:
        if isinstance(body, bytes):  # not JSON that httpx would write
            response = await client.patch("/events/day1-e", content=body, headers={
                **BEARER, "Content-Type": "application/json"})
        else:
            response = await client.patch("/events/day1-e", json=body, headers=BEARER)
        assert response.status_code == status, body
        assert_error(response, status, code)
    assert counts(store) == before
    assert store.event("day1-e") == event
    assert (await client.get("/events/day1-e")).status_code == 200


async def test_patch_of_unknown_event_is_404(client, store):
    before = counts(store)
    assert_error(await client.patch("/events/nope", json=CORRECTION, headers=BEARER), 404,
                 "V301")
    assert counts(store) == before


async def test_patch_body_that_is_not_json_is_422(client):
    response = await client.patch("/events/day1-e", content=b"{not json",
                                  headers={**BEARER, "Content-Type": "application/json"})
    assert_error(response, 422, "V403")


async def test_veille_token_writes_as_operator(store):
    token = "operator-token-from-env-123"
    settings = ApiSettings.from_config(load_config(), {"VEILLE_TOKEN": token})
    async with client_for(create_app(store, settings)) as client:
        response = await client.patch("/events/clash-e", json={"values": {"actor2": None}},
                                      headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200, response.text
        assert response.json()["actor2"] is None
    assert store.history("clash-e")[-1].author == "operator"


# --- POST /extract with the real pipeline -------------------------------------------------------


@pytest.fixture
async def reader(store, runtime):
    async with client_for(make_app(store, runtime=runtime)) as client:
        yield client


ARTICLE = {"text": FR_ARTICLE, "published": "2024-03-14", "lang": "fr", "title": "Syrie",
           "url": "https://example.org/syrie"}


async def test_extract_without_store_reads_and_stores_nothing(reader, store):
    before = counts(store)
    response = await reader.post("/extract", json=ARTICLE)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["stored"] is None
    report_ = body["report"]
    assert report_["article"]["title"] == "Syrie"
    assert report_["article"]["url"] == "https://example.org/syrie"
    assert {e["location"] for e in report_["events"]} >= {"Aleppo"}
    strike_ = next(e for e in report_["events"] if e["location"] == "Aleppo")
    assert strike_["fatalities"]["best"] == 12
    assert report_["casualty_reports"] and report_["repairs"]  # the typographic apostrophe
    for span in strike_["evidence"]["location"]["spans"]:
        assert FR_ARTICLE[span["start"]:span["end"]] == span["text"]
    assert counts(store) == before


async def test_extract_and_store_needs_a_token(reader, store):
    before = counts(store)
    assert_error(await reader.post("/extract", json={**ARTICLE, "store": True}), 401, "V400")
    assert_error(await reader.post("/extract", json={**ARTICLE, "store": True}, headers={
        "Authorization": "Bearer not-the-token-000000"}), 401, "V400")
    assert counts(store) == before


async def test_extract_and_store_with_a_token(reader, store):
    before = counts(store)
    response = await reader.post("/extract", json={**ARTICLE, "store": True}, headers=BEARER)
    assert response.status_code == 200, response.text
    body = response.json()
    article_id = body["report"]["article"]["id"]
    stored = body["stored"]
    assert stored["article_id"] == article_id and stored["stored"] is True
    assert len(stored["created"]) == len(body["report"]["events"]) >= 2
    assert store.count("articles") == before["articles"] + 1
    assert store.count("events") == before["events"] + len(stored["created"])
    article = (await reader.get(f"/articles/{article_id}")).json()
    assert article["text"] == FR_ARTICLE
    assert sorted(article["event_ids"]) == sorted(stored["created"])
    assert article["spans"] and article["casualty_reports"] and article["repairs"]
    for span in article["spans"]:  # offsets into the original text, before repair
        assert FR_ARTICLE[span["start"]:span["end"]] == span["text"]
    event = (await reader.get(f"/events/{stored['created'][0]}")).json()
    assert event["event"]["sources"][0]["article_id"] == article_id
    # The same article again changes nothing.
    again = await reader.post("/extract", json={**ARTICLE, "store": True}, headers=BEARER)
    assert again.json()["stored"]["stored"] is False
    assert store.count("articles") == before["articles"] + 1


async def test_extract_html(reader):
    page = ("<html><head><title>Syrie</title></head><body><nav>Accueil | Monde</nav>"
            "<article><h1>Frappe sur Alep</h1><p>" + FR_ARTICLE.replace("\n", "</p><p>")
            + "</p></article><footer>Mentions légales</footer></body></html>")
    response = await reader.post("/extract", json={"html": page, "published": "2024-03-14"})
    assert response.status_code == 200, response.text
    report_ = response.json()["report"]
    assert "Accueil" not in report_["article"]["text"]
    assert any(e["location"] == "Aleppo" for e in report_["events"])


UNREADABLE = [
    ({"text": "Des combats à Alep.", "published": "2024-13-01"}, "V403"),
    ({"text": "a", "html": "<p>a</p>"}, "V403"),  # one or the other
    ({}, "V403"),
    ({"text": ""}, "V403"),
    ({"text": "   \n  "}, "V101"),  # no text to read
    ({"text": "---\ntitle: [\n---\nCorps."}, "V107"),  # broken front matter
    ({"html": "<html><body><script>var a;</script></body></html>"}, "V110"),  # no text
    ({"text": "Des combats.", "stor": True}, "V403"),  # a typo is no silent default
]


async def test_unreadable_articles_are_422(reader, store):
    before = counts(store)
    for body, code in UNREADABLE:
        response = await reader.post("/extract", json=body)
        assert response.status_code == 422, body
        assert_error(response, 422, code)
    assert counts(store) == before


# --- body limit ---------------------------------------------------------------------------------


async def test_body_over_the_limit_is_413(store):
    before = counts(store)
    big = {"values": {"notes": "x" * 5000}, "reason": "too long"}
    async with client_for(make_app(store, max_body_bytes=2048)) as client:
        # With a Content-Length over the limit: refused before the body is read.
        error = assert_error(await client.patch("/events/day1-e", json=big, headers=BEARER),
                             413, "V401")
        assert "2048" in error["message"]

        # Without one (chunked): refused when the counted bytes pass the limit.
        async def chunks():
            data = json.dumps(big).encode()
            for i in range(0, len(data), 500):
                yield data[i:i + 500]

        response = await client.patch("/events/day1-e", content=chunks(),
                                      headers={**BEARER, "Content-Type": "application/json"})
        assert "content-length" not in response.request.headers
        assert_error(response, 413, "V401")

        # A chunked body under the limit goes through.
        async def small():
            yield json.dumps({"values": {"actor2": "Civilians (Syria)"}}).encode()

        response = await client.patch("/events/clash-e", content=small(),
                                      headers={**BEARER, "Content-Type": "application/json"})
        assert response.status_code == 200, response.text
    assert counts(store) == {**before, "revisions": before["revisions"] + 1}


async def test_extract_text_over_the_limit_is_413_before_the_pipeline(store):
    # No runtime is loaded by this app: a 413 must come before any pipeline work.
    async with client_for(make_app(store, max_body_bytes=1000)) as client:
        assert_error(await client.post("/extract", json={"text": "Alep. " * 500}), 413, "V401")


# --- rate limit ---------------------------------------------------------------------------------


def assert_too_many(response: httpx.Response, limit: int, window: str) -> int:
    """The response is the 429 of a client over `limit` requests per `window` seconds; its
    Retry-After, in seconds."""
    error = assert_error(response, 429, "V405")
    retry = int(response.headers["retry-after"])
    assert retry >= 1
    assert error["message"] == (
        f"too many requests from this address: the limit is {limit} requests per {window} "
        f"seconds (api.rate_limit, api.rate_window); retry in {retry} s")
    return retry


async def test_rate_limit_answers_429_with_retry_after(store):
    before = counts(store)
    app = make_app(store, rate_limit=5, rate_window=60)
    async with client_for(app) as client:
        start = time.monotonic()
        for path in ["/stats", "/events", "/events/day1-e", "/articles/day1", "/export"]:
            assert (await client.get(path)).status_code == 200, path
        # One request regained every 60 / 5 = 12 s: the sixth waits for it.
        retry = assert_too_many(await client.get("/events"), 5, "60")
        assert 12 - (time.monotonic() - start) <= retry <= 12
        # Every request counts: writes (refused before the token is even read), the page and
        # its files, unknown paths.
        response = await client.patch("/events/day1-e", json={"values": {"actor2": "X"}},
                                      headers=BEARER)
        assert_too_many(response, 5, "60")
        assert response.headers["connection"] == "close"  # its body was not read
        for path in ["/", "/static/app.js", "/docs", "/nothing/here"]:
            assert_too_many(await client.get(path), 5, "60")
    assert counts(store) == before  # the refused PATCH wrote nothing
    # Another address is counted on its own; IPv6 addresses by their /64.
    async with client_for(app, client=("192.0.2.7", 40000)) as other:
        assert (await other.get("/stats")).status_code == 200
    for host, status in [("2001:db8::1", 200), ("2001:db8::2", 200), ("2001:db8::3", 200),
                         ("2001:db8::4", 200), ("2001:db8::5", 200), ("2001:db8::6", 429),
                         ("2001:db8:0:1::1", 200), ("::ffff:192.0.2.7", 200)]:
        async with client_for(app, client=(host, 40000)) as other:
            assert (await other.get("/stats")).status_code == status, host


async def test_rate_limit_lets_a_client_in_again_after_retry_after(store):
    async with client_for(make_app(store, rate_limit=2, rate_window=1)) as client:
        assert [(await client.get("/stats")).status_code for _ in range(2)] == [200, 200]
        retry = assert_too_many(await client.get("/stats"), 2, "1")
        assert retry == 1  # one request back every 0.5 s: rounded up to whole seconds
        # Refused requests do not count: hammering does not push the wait further.
        for _ in range(20):
            assert_too_many(await client.get("/stats"), 2, "1")
        await asyncio.sleep(retry)
        assert (await client.get("/stats")).status_code == 200


async def test_rate_limit_0_is_off_and_the_default_is_on(store):
    # The default: 600 requests at once, then one more every 0.1 s (600 per 60 s).
    passed, start = 0, time.monotonic()
    async with client_for(make_app(store)) as client:
        while passed < 2000 and (await client.get("/nothing")).status_code == 404:
            passed += 1
    assert 600 <= passed <= 600 + (time.monotonic() - start) * 10 + 1
    async with client_for(make_app(store, rate_limit=0)) as client:
        answers = [(await client.get("/nothing")).status_code for _ in range(700)]
    assert set(answers) == {404}


async def test_rate_limit_forgets_idle_clients_and_remembers_a_bounded_number(store):
    app = make_app(store, rate_limit=0)
    # At most 20 clients remembered: the least recently seen is forgotten first.
    capped = RateLimit(app, limit=3, window=60, max_clients=20)
    for i in range(30):
        async with client_for(capped, client=(f"198.51.100.{i}", 1)) as client:
            assert (await client.get("/nothing")).status_code == 404
    assert len(capped) == 20
    async with client_for(capped, client=("198.51.100.29", 1)) as client:  # remembered
        assert [(await client.get("/nothing")).status_code for _ in range(3)] == [404, 404, 429]
    async with client_for(capped, client=("198.51.100.0", 1)) as client:  # forgotten
        assert [(await client.get("/nothing")).status_code for _ in range(3)] == [404] * 3
    # A client whose bucket is full again is forgotten at the next sweep (once a window).
    idle = RateLimit(app, limit=4, window=0.3)
    for i in range(10):
        async with client_for(idle, client=(f"203.0.113.{i}", 1)) as client:
            assert (await client.get("/nothing")).status_code == 404
    assert 1 <= len(idle) <= 10
    await asyncio.sleep(0.4)
    async with client_for(idle, client=("203.0.113.200", 1)) as client:
        assert (await client.get("/nothing")).status_code == 404
    assert len(idle) == 1


# --- configuration and CORS -------------------------------------------------------------------


def test_api_section_is_read_from_the_config_file(tmp_path):
    config = tmp_path / "veille.toml"
    config.write_text('[api]\ntokens = { "a-long-enough-token-1" = "Grace" }\n'
                      "max_body_bytes = 5000\ncors = true\nrate_limit = 30\nrate_window = 1.5\n",
                      "utf-8")
    cfg = load_config(config)
    assert cfg.api.tokens == {"a-long-enough-token-1": "Grace"}
    settings = ApiSettings.from_config(cfg, {"VEILLE_TOKEN": "another-long-token-22"})
    assert settings.tokens == {"a-long-enough-token-1": "Grace",
                               "another-long-token-22": "operator"}
    assert (settings.max_body_bytes, settings.cors) == (5000, True)
    assert (settings.rate_limit, settings.rate_window) == (30, 1.5)
    default = load_config().api
    assert (default.tokens, default.max_body_bytes, default.cors) == ({}, 1_000_000, False)
    assert (default.rate_limit, default.rate_window) == (600, 60)
    assert ApiSettings.from_config(load_config(), {}).rate_limit == ApiSettings().rate_limit
    config.write_text("[api]\nrate_limit = 0\n", "utf-8")
    assert load_config(config).api.rate_limit == 0  # off


@pytest.mark.parametrize("section", [
    'tokens = { "short" = "Grace" }',
    'tokens = { "a-long-enough-token-1" = 3 }',
    'tokens = { "a long token with spaces" = "Grace" }',
    "max_body_bytes = 0", "max_body_bytes = true", 'cors = "yes"', "colour = 1",
])
def test_bad_api_section_is_a_config_error(tmp_path, section):
    config = tmp_path / "veille.toml"
    config.write_text(f"[api]\n{section}\n", "utf-8")
    with pytest.raises(BadConfig) as raised:
        load_config(config)
    assert raised.value.code == "V202"


@pytest.mark.parametrize("section", [
    "rate_limit = -1", "rate_limit = true", "rate_limit = 1.5", 'rate_limit = "600"',
    "rate_window = 0", "rate_window = -60", "rate_window = nan", "rate_window = inf",
    "rate_window = false", 'rate_window = "60"', "rate_window = 86401",
])
def test_bad_rate_limit_is_a_config_error_naming_the_key(tmp_path, section):
    config = tmp_path / "veille.toml"
    config.write_text(f"[api]\n{section}\n", "utf-8")
    with pytest.raises(BadConfig) as raised:
        load_config(config)
    assert raised.value.code == "V202"
    assert f"[api] {section.split()[0]} must be" in raised.value.message


def test_short_veille_token_is_refused():
    with pytest.raises(BadConfig):
        ApiSettings.from_config(load_config(), {"VEILLE_TOKEN": "1234"})


async def test_cors_only_when_configured(store):
    origin = {"Origin": "https://maps.example.org"}
    async with client_for(make_app(store)) as client:
        assert "access-control-allow-origin" not in (await client.get("/stats",
                                                                      headers=origin)).headers
    async with client_for(make_app(store, cors=True)) as client:
        response = await client.get("/stats", headers=origin)
        assert response.headers["access-control-allow-origin"] == "*"


# --- veille serve -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_veille_serve_answers_over_http(tmp_path):
    url = f"sqlite:///{tmp_path / 'served.db'}"
    store = open_store(url)
    store.save_all([report("served", 3, strike("served", toll=toll(2, 2, 2)))])
    store.engine.dispose()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("VEILLE_TOKEN", "FORWARDED_ALLOW_IPS")}
    config = tmp_path / "veille.toml"
    config.write_text("[api]\nrate_limit = 5\nrate_window = 60\n", "utf-8")
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "veille.cli", "serve", "--db", url, "--port", str(port),
             "--config", str(config)],
            stdout=out, stderr=subprocess.STDOUT, env=env, cwd=tmp_path)
    try:
        stats = wait_for(f"http://127.0.0.1:{port}/stats", server, log, seconds=20)
        assert stats == {"events": 1, "articles": 1,
                         "by_event_type": {"Explosions/Remote violence": 1},
                         "by_week": {"2025-W10": 1},
                         "by_admin1": [{"country": "Syria", "admin1": "Idlib", "events": 1}]}
        event = httpx.get(f"http://127.0.0.1:{port}/events/served-e", timeout=5).json()
        assert event["event"]["fatalities"]["best"] == 2
        # The config's rate limit, over real HTTP: 5 requests, then 429 with Retry-After.
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5) as client:
            assert [client.get("/stats").status_code for _ in range(3)] == [200] * 3
            refused = client.get("/stats")
            assert_error(refused, 429, "V405")
            assert 1 <= int(refused.headers["retry-after"]) <= 12
            # Behind a reverse proxy on this machine, the client is the one it names.
            proxied = client.get("/stats", headers={"X-Forwarded-For": "203.0.113.9"})
            assert proxied.status_code == 200
    finally:
        stop(server)
    assert f"http://127.0.0.1:{port}" in log.read_text("utf-8")
    assert "writes disabled" in log.read_text("utf-8")


def stop(server: subprocess.Popen) -> None:
    """End a server started by a test: politely, then for sure."""
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def wait_for(url: str, server: subprocess.Popen, log: Path, seconds: float) -> dict:
    """The JSON answer of `url` once the server answers, polling for at most `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"veille serve exited with {server.returncode}:\n"
                        f"{log.read_text('utf-8')}")
        try:
            response = httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.2)
            continue
        assert response.status_code == 200, response.text
        return response.json()
    pytest.fail(f"veille serve did not answer within {seconds} s:\n{log.read_text('utf-8')}")

