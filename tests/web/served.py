"""A store for the web page's tests and screenshots, and a real HTTP server over it.

The corpus: strikes, clashes and protests in Syria and Mali over two months (so the map has
dots and clusters and the timeline has days), one article whose text holds HTML payloads,
and one event whose actor name holds one; one more article whose title, outlet, URL and text
hold payloads, with an event whose location, sub-event type and attribution hold some: the
page must show them all as text. A second token signs corrections with a payload as author."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

import uvicorn

from builders import report, strike, toll
from veille.api import ApiSettings, create_app
from veille.model import Article, Evidence, Report, Source, Span
from veille.store import open_store
from veille.store.sources import record_poll, register

TOKEN = "web-tests-token-0123456789"
AUTHOR = "Grace Hopper"

PAYLOAD_TEXT = ("Neuf morts à Sarmada. <script>alert(1)</script> Les secours "
                "<img src=x onerror=alert(2)> ont afflué vers Sarmada, selon l'OSDH.")
PAYLOAD_ACTOR = 'Militia <img src=x onerror=alert(3)> "Brigade"'
# The second payload article: every field the page shows. Each payload would run a script (an
# alert, or setting window.__xss) or load something from another origin (127.0.0.1:9, where
# nothing listens) if it were ever read as HTML.
PAYLOADS = {
    "title": '"><img src=//127.0.0.1:9/title.png onerror="window.__xss=\'title\'">Frappe',
    "outlet": "<script src=//127.0.0.1:9/outlet.js></script>Le Courrier",
    "url": "javascript:alert('url')",
    "location": "<svg onload=alert('location')>Kidal",
    "sub_event_type": "<iframe src=//127.0.0.1:9/frame onload=alert('sub')></iframe>Strike",
    "attributed_to": "<b onmouseover=alert('attributed')>OSDH</b>",
    "text": ("Douze morts à Kidal. <link rel=stylesheet href=//127.0.0.1:9/style.css>"
             "<style>@import url(//127.0.0.1:9/import.css);</style> <a href=javascript:alert(5)>"
             "lien</a> {{constructor.constructor('alert(6)')()}} <object data=//127.0.0.1:9/o>"
             "</object> <math><mtext><table><mglyph><style><img src=x onerror=alert(7)>"),
}
# Corrections (PATCH) written by the web tests: their values, reason and author are payloads.
PAYLOAD_TOKEN = "web-tests-payload-token-0123"
PAYLOAD_AUTHOR = "<img src=//127.0.0.1:9/author.png onerror=alert('author')>Mallory"

# Place name -> (point, country, ISO code, admin1).
PLACES = {
    "Aleppo": ((36.20124, 37.16117), "Syria", "SY", "Aleppo"),
    "Idlib": ((35.93062, 36.63393), "Syria", "SY", "Idlib"),
    "Deir ez-Zor": ((35.33588, 40.14084), "Syria", "SY", "Deir ez-Zor"),
    "Homs": ((34.72682, 36.72339), "Syria", "SY", "Homs"),
    "Damascus": ((33.5102, 36.29128), "Syria", "SY", "Damascus"),
    "Bamako": ((12.65, -8.0), "Mali", "ML", "Bamako"),
    "Gao": ((16.27167, -0.04472), "Mali", "ML", "Gao"),
    "Mopti": ((14.4843, -4.18296), "Mali", "ML", "Mopti"),
}
KINDS = [
    ("Battles", "Armed clash", "Hayat Tahrir al-Sham", "Military Forces of Syria"),
    ("Explosions/Remote violence", "Air/drone strike", "Military Forces of Russia", None),
    ("Violence against civilians", "Attack", "Islamic State", "Civilians"),
    ("Protests", "Peaceful protest", "Protesters", None),
    ("Riots", "Violent demonstration", "Rioters", None),
]


def spread(lat: float, lon: float, i: int) -> tuple[float, float]:
    """The `i`th event's point: up to 0.6 degrees around its town, so that zoomed in on a
    country the map shows single dots as well as clusters."""
    return lat + ((i * 7) % 5 - 2) * 0.3, lon + ((i * 3) % 5 - 2) * 0.3


def corpus() -> list:
    """40 events over 60 days in eight places, plus the two payload articles' events, an
    event imported from ACLED's data and an undated event with no place."""
    reports = []
    names = list(PLACES)
    for i in range(40):
        place = names[(i * 3) % len(names)]
        (lat, lon), country, iso, admin1 = PLACES[place]
        kind, sub, actor1, actor2 = KINDS[(i * 7) % len(KINDS)]
        deaths = None if i % 6 == 0 else (i * 5) % 23
        article = f"w{i:02d}"
        text = f"{deaths if deaths is not None else 'Des'} morts à {place}."
        at = text.index(place)
        reports.append(report(article, 1, strike(
            article, event_date=dt.date(2025, 2, 1) + dt.timedelta(days=(i * 11) % 60),
            event_type=kind, sub_event_type=sub, actor1=actor1, actor2=actor2, country=country,
            iso=iso, admin1=admin1, location=place, at=spread(lat, lon, i),
            toll=None if deaths is None else toll(deaths, deaths, deaths),
            evidence={"location": Evidence(article_id=article, spans=[
                Span(start=at, end=at + len(place), text=place)])}), text=text))
    at = PAYLOAD_TEXT.index("Sarmada")
    reports.append(report("payload", 2, strike(
        "payload", event_date=dt.date(2025, 3, 2), actor1=PAYLOAD_ACTOR, location="Sarmada",
        admin1="Idlib", at=(36.18, 36.72), toll=toll(9, 9, 9),
        evidence={"fatalities": Evidence(article_id="payload", spans=[
                      Span(start=0, end=4, text="Neuf")]),
                  "location": Evidence(article_id="payload", spans=[
                      Span(start=at, end=at + 7, text="Sarmada")])}), text=PAYLOAD_TEXT))
    text = PAYLOADS["text"]
    reports.append(Report(
        article=Article(id="payload2", text=text, published=dt.date(2025, 3, 4), title=
                        PAYLOADS["title"], outlet=PAYLOADS["outlet"], url=PAYLOADS["url"]),
        events=[strike("payload2", event_date=dt.date(2025, 3, 3), sub_event_type=PAYLOADS[
            "sub_event_type"], location=PAYLOADS["location"], country="Mali", iso="ML",
            admin1="Kidal", at=(18.44, 1.41), toll=toll(12, 12, 12),
            sources=[Source(article_id="payload2", published=dt.date(2025, 3, 4),
                            title=PAYLOADS["title"], outlet=PAYLOADS["outlet"],
                            url=PAYLOADS["url"], attributed_to=PAYLOADS["attributed_to"])],
            evidence={"fatalities": Evidence(article_id="payload2", spans=[
                Span(start=0, end=5, text=text[:5])])})]))
    # One event only ACLED's data holds (`veille import acled`): its row shows ACLED's id.
    reports.append(report("acled:SYR90009", 4, strike(
        "acled:SYR90009", event_date=dt.date(2025, 3, 4), location="Homs", admin1="Homs",
        at=PLACES["Homs"][0], sources=[Source(article_id="acled:SYR90009", outlet="ACLED",
                                              published=dt.date(2025, 3, 4),
                                              acled_event_id="SYR90009")])))
    # One undated event without coordinates: in the table, not on the map or the timeline.
    reports.append(report("nowhere", 3, strike(
        "nowhere", event_date=None, date_precision=None, latitude=None, longitude=None,
        location=None, geo_precision=None, at=(None, None))))
    return reports


# Sources `veille watch` polls: one healthy, one backing off; a name that is a payload.
SOURCE_PAYLOAD = "<img src=//127.0.0.1:9/source.png onerror=alert('source')>Wire"
SOURCES = [
    SimpleNamespace(name="Le Courrier du Sahel", url="https://93.184.216.34/sahel.xml",
                    lang="fr", country="ML", every=900),
    SimpleNamespace(name=SOURCE_PAYLOAD, url="https://93.184.216.35/wire.xml", lang=None,
                    country=None, every=3600),
]


def fill(url: str) -> None:
    store = open_store(url)
    results = store.save_all(corpus())
    assert all(r.error is None for r in results), [r.error for r in results if r.error]
    now = dt.datetime(2025, 3, 12, 8, 0, tzinfo=dt.UTC)
    register(store, SOURCES, now)
    record_poll(store, SOURCES[0].url, last_poll=now, last_new=now, articles=12, errors=0,
                next_poll=now + dt.timedelta(minutes=15))
    record_poll(store, SOURCES[1].url, last_poll=now, errors=2,
                last_error="HTTP 503, retry after 120 s", next_poll=now + dt.timedelta(hours=1))
    store.engine.dispose()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(url: str) -> Iterator[str]:
    """`veille serve`'s application over the store at `url`, on a free 127.0.0.1 port (uvicorn
    in a thread: the same server `veille serve` runs); yields its base URL."""
    store = open_store(url)
    app = create_app(store, ApiSettings(tokens={TOKEN: AUTHOR, PAYLOAD_TOKEN: PAYLOAD_AUTHOR}))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        store.engine.dispose()
