"""`veille watch`: feeds and pages served by a real HTTP server on 127.0.0.1 that the tests
start (the feeds and articles are written here; nothing reaches the internet), read with the
real pipeline into a real SQLite store: new entries stored once, an unchanged feed one 304,
tracking parameters and robots.txt respected, private addresses refused unless allowed, and
each hostile or broken server an error of its own source only, bounded in time."""

from __future__ import annotations

import gzip
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import text

from veille.errors import BadSources, FetchFailed
from veille.pipeline import read_articles
from veille.store import open_store
from veille.store.sources import sources as stored_sources
from veille.watch import Fetcher, FetchLimits, canonical_url, read_sources, watch

ARTICLES = {
    "/news/segou.html": (
        "Attaque contre un poste de gendarmerie à Ségou",
        ["Des hommes armés ont attaqué lundi un poste de gendarmerie à Ségou, dans le centre du "
         "Mali, tuant trois gendarmes, selon une source sécuritaire jointe par téléphone.",
         "Les assaillants, arrivés à moto en fin de journée, ont incendié deux véhicules avant "
         "de se replier vers la brousse, a précisé cette source sous couvert d'anonymat.",
         "L'attaque n'avait pas été revendiquée mardi matin. La région est régulièrement visée "
         "par des groupes jihadistes depuis plusieurs années."]),
    "/news/mopti.html": (
        "Manifestation à Mopti",
        ["Plusieurs centaines de personnes ont manifesté mardi à Mopti pour réclamer le retour "
         "de l'électricité, coupée depuis dix jours dans plusieurs quartiers de la ville.",
         "Les manifestants ont défilé dans le calme jusqu'à la préfecture, où une délégation a "
         "été reçue par le gouverneur, selon des témoins.",
         "Aucun incident n'a été signalé, a indiqué la police locale dans la soirée."]),
}


def page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title><meta name='date' content='2024-05-07'></head>"
            f"<body><nav><a href='/'>Accueil</a></nav><article><h1>{title}</h1>{body}"
            f"</article><footer>Tous droits réservés</footer></body></html>").encode()


def rss(links: list[str]) -> bytes:
    items = "".join(f"<item><title>Dépêche {i}</title><link>{link}</link>"
                    f"<pubDate>Tue, 07 May 2024 08:00:00 GMT</pubDate></item>"
                    for i, link in enumerate(links))
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>Le Courrier du Sahel</title>{items}</channel></rss>").encode()


class Site:
    """The test server: what it serves, and a log of what it was asked."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.log: list[tuple[str, dict[str, str]]] = []
        self.active = 0
        self.most_at_once = 0
        self.lock = threading.Lock()

    def serve(self, path: str, body: bytes, status: int = 200, **headers: str) -> None:
        self.routes[path] = (status, headers, body)

    def asked(self, path: str) -> int:
        return sum(1 for p, _ in self.log if p == path)


@pytest.fixture
def site():
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            with state.lock:
                state.active += 1
                state.most_at_once = max(state.most_at_once, state.active)
                state.log.append((self.path, dict(self.headers)))
            try:
                self._answer()
            finally:
                with state.lock:
                    state.active -= 1

        def _answer(self):
            path = self.path.split("?")[0]
            if path == "/drip":  # a byte a second, for ever
                self.send_response(200)
                self.send_header("Content-Length", "100000")
                self.end_headers()
                for _ in range(30):
                    try:
                        self.wfile.write(b"<")
                        self.wfile.flush()
                    except OSError:
                        return
                    time.sleep(1)
                return
            status, headers, body = state.routes.get(path, (404, {}, b"not found"))
            etag = headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    state.serve("/robots.txt", b"User-agent: *\nDisallow: /private/\n")
    for path, (title, paragraphs) in ARTICLES.items():
        state.serve(path, page(title, paragraphs), **{"Content-Type": "text/html; charset=utf-8"})
    yield state
    server.shutdown()


def fetcher(**limits) -> Fetcher:
    return Fetcher(user_agent="veille-tests", allow_private=True,
                   limits=FetchLimits(host_delay=0, **limits))


def reader(runtime):
    return lambda article: read_articles([article], runtime)[0]


def sources_file(tmp_path, *tables: dict) -> object:
    text = "".join("[[source]]\n" + "".join(f"{k} = {v!r}\n".replace("'", '"')
                                            for k, v in t.items()) for t in tables)
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_once_stores_new_articles_and_an_unchanged_feed_costs_one_304(site, tmp_path, runtime,
                                                                      store_url):
    site.serve("/feed.xml", rss([
        site.base + "/news/segou.html",
        site.base + "/news/segou.html?utm_source=rss&utm_medium=feed",  # the same, tracked
        "/news/mopti.html",  # relative to the feed
        site.base + "/private/report.html",  # robots.txt says no
    ]), ETag='"v1"', **{"Content-Type": "application/rss+xml"})
    path = sources_file(tmp_path, {"name": "Courrier", "url": site.base + "/feed.xml",
                                   "lang": "fr", "country": "ML", "every": "15m"})
    store = open_store(store_url)  # SQLite, and PostgreSQL with the postgres suite
    (first,) = watch(read_sources(path), store, fetcher(), reader(runtime), once=True)
    assert (first.status, first.entries, first.stored, first.rejected) == ("new", 3, 2, 1)
    assert first.events, "the attack in Ségou is an event"
    assert site.asked("/news/segou.html") == 1 and site.asked("/private/report.html") == 0
    (state,) = stored_sources(store)
    assert (state.articles, state.errors, state.etag) == (2, 0, '"v1"')
    assert state.next_poll > state.last_poll

    # Restarted (a new fetcher, the same store): the feed answers 304, nothing is fetched.
    before = len(site.log)
    (second,) = watch(read_sources(path), store, fetcher(), reader(runtime), once=True)
    assert second.status == "unchanged" and second.fetched == 0
    asked = [p for p, _ in site.log[before:] if p != "/robots.txt"]
    assert asked == ["/feed.xml"]
    assert site.log[-1][1].get("If-None-Match") == '"v1"'

    # A new entry in a changed feed: only it is fetched.
    site.serve("/feed.xml", rss([site.base + "/news/segou.html", "/news/new.html"]),
               ETag='"v2"')
    site.serve("/news/new.html", page(*ARTICLES["/news/mopti.html"]))  # a copy of a story
    (third,) = watch(read_sources(path), store, fetcher(), reader(runtime), once=True)
    assert (third.fetched, third.stored, third.duplicates) == (1, 0, 1)
    # The copy is one more source of the story's events, at its own address.
    (copied,) = {e for e in third.events}
    urls = [s.url for s in store.event(copied).sources]
    assert urls == [site.base + "/news/mopti.html", site.base + "/news/new.html"]
    assert site.asked("/news/segou.html") == 1
    assert site.most_at_once == 1  # never two requests at once to one host


def test_private_addresses_are_refused_unless_allowed(site):
    with pytest.raises(FetchFailed, match="private or local address"):
        Fetcher(user_agent="veille-tests").get(site.base + "/robots.txt")
    with pytest.raises(FetchFailed, match="only http and https"):
        fetcher().get("file:///etc/passwd")
    assert fetcher().get(site.base + "/robots.txt", robots=False).status == 200


def test_hostile_and_broken_servers_fail_their_source_alone(site, tmp_path, runtime):
    site.serve("/loop", b"", status=302, Location="/loop2")
    site.serve("/loop2", b"", status=302, Location="/loop")
    site.serve("/bomb.xml", gzip.compress(b"<rss>" + b" " * 20_000_000),
               **{"Content-Encoding": "gzip"})
    site.serve("/broken.xml", b"<rss><channel><item><title>oops</ti", )
    site.serve("/gone.xml", b"gone", status=410)
    site.serve("/busy.xml", b"busy", status=429, **{"Retry-After": "120"})
    site.serve("/feed.xml", rss(["/news/segou.html"]))
    names = ["loop", "bomb.xml", "broken.xml", "gone.xml", "busy.xml", "drip", "feed.xml"]
    path = sources_file(tmp_path, *({"name": n, "url": f"{site.base}/{n}"} for n in names))
    store = open_store(str(tmp_path / "watch.db"))
    started = time.monotonic()
    results = {r.source.rsplit("/", 1)[1]: r for r in watch(
        read_sources(path), store, fetcher(total=3.0, max_bytes=1_000_000), reader(runtime),
        once=True)}
    assert time.monotonic() - started < 30
    assert results["feed.xml"].stored == 1
    reasons = {name: results[name].error for name in names[:-1]}
    assert "redirect loop" in reasons["loop"]
    assert "larger than 1000000 bytes" in reasons["bomb.xml"]
    assert "not a readable feed" in reasons["broken.xml"]
    assert reasons["gone.xml"] == "HTTP 410"
    assert "retry after 120 s" in reasons["busy.xml"]
    assert "within 3 s" in reasons["drip"]
    states = {s.url.rsplit("/", 1)[1]: s for s in stored_sources(store)}
    busy = states["busy.xml"]
    assert busy.errors == 1 and 110 <= (busy.next_poll - busy.last_poll).total_seconds() <= 130
    assert states["feed.xml"].errors == 0


def test_a_failing_source_backs_off_longer_each_time(site, tmp_path, runtime):
    path = sources_file(tmp_path, {"name": "down", "url": site.base + "/down.xml",
                                   "every": "1m"})
    store = open_store(str(tmp_path / "watch.db"))
    waits = []
    for _ in range(3):
        watch(read_sources(path), store, fetcher(), reader(runtime), once=True)
        (state,) = stored_sources(store)
        waits.append((state.next_poll - state.last_poll).total_seconds())
    assert state.errors == 3 and state.last_error == "HTTP 404"
    assert 50 <= waits[0] < waits[1] < waits[2] <= 4 * 60 * 1.1


def test_a_huge_feed_is_read_a_bounded_number_of_entries_at_a_time(site, tmp_path, runtime):
    site.serve("/huge.xml", rss([f"/missing/{i}.html" for i in range(10_000)]))
    path = sources_file(tmp_path, {"name": "huge", "url": site.base + "/huge.xml"})
    store = open_store(str(tmp_path / "watch.db"))
    (result,) = watch(read_sources(path), store, fetcher(), reader(runtime), once=True,
                      max_entries=5)
    assert (result.entries, result.fetched, result.rejected) == (5, 5, 5)
    assert len(store.rejects()) == 5  # each says why: HTTP 404


def test_canonical_urls_leave_tracking_out():
    assert canonical_url("https://Example.org/a?utm_source=x&id=3#top") == \
        "https://example.org/a?id=3"
    assert canonical_url("/b", "https://example.org/feed") == "https://example.org/b"
    assert canonical_url("mailto:x@example.org") is None
    assert canonical_url("http://[bad") is None  # found by make fuzz: urljoin raised


@pytest.mark.parametrize(("text", "message"), [
    ("[[source]]\nname = 'a'\n", "`url` must be an http or https address"),
    ("[[source]]\nname = 'a'\nurl = 'ftp://x.org/feed'\n", "`url` must be an http"),
    ("[[source]]\nname = 'a'\nurl = 'https://x.org/f'\nevery = '10s'\n", "at least 1m"),
    ("[[source]]\nname = 'a'\nurl = 'https://x.org/f'\nevery = 'often'\n", "a duration"),
    ("[[source]]\nname = 'a'\nurl = 'https://x.org/f'\nfeed = 'x'\n", "unknown key(s) feed"),
    ("[[source]]\nname = 'a'\nurl = 'https://x.org/f'\n[[source]]\nname = 'b'\n"
     "url = 'https://x.org/f'\n", "listed twice"),
    ("name = 'a'\n", "no [[source]] table"),
    ("[[source]\n", "sources file"),
])
def test_a_bad_sources_file_is_a_clear_error(tmp_path, text, message):
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BadSources) as caught:
        read_sources(path)
    assert caught.value.code == "V700" and message in caught.value.message


def test_cli_watch_once_then_sources(site, tmp_path):
    site.serve("/feed.xml", rss(["/news/segou.html"]), ETag='"v1"')
    path = sources_file(tmp_path, {"name": "Courrier", "url": site.base + "/feed.xml",
                                   "lang": "fr"})
    db = str(tmp_path / "cli.db")
    veille = [sys.executable, "-m", "veille"]
    done = subprocess.run([*veille, "watch", str(path), "--db", db, "--once"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 3 and "private or local address" in done.stderr
    done = subprocess.run([*veille, "watch", str(path), "--db", db, "--once",
                           "--allow-private"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "new: 1 articles stored" in done.stderr
    listed = subprocess.run([*veille, "sources", "--db", db, "--json"], capture_output=True,
                            text=True, timeout=120)
    assert listed.returncode == 0 and '"articles": 1' in listed.stdout
    assert '"errors": 0' in listed.stdout


def test_a_sitemap_and_a_section_page_are_sources_too(site, tmp_path, runtime):
    site.serve("/sitemap.xml", (
        "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"<url><loc>{site.base}/news/segou.html</loc><lastmod>2024-05-07</lastmod></url>"
        "</urlset>").encode(), **{"Content-Type": "application/xml"})
    site.serve("/afrique/", (
        "<html><body><nav><a href='/'>Accueil</a> <a href='/category/sport/'>Sport</a></nav>"
        "<main><h2><a href='/news/mopti.html'>Manifestation à Mopti</a></h2></main>"
        "</body></html>").encode(), **{"Content-Type": "text/html"})
    path = sources_file(tmp_path, {"name": "map", "url": site.base + "/sitemap.xml"},
                        {"name": "section", "url": site.base + "/afrique/"})
    store = open_store(str(tmp_path / "watch.db"))
    results = {r.source.rsplit("/", 2)[-2] or r.source.rsplit("/", 1)[1]: r for r in
               watch(read_sources(path), store, fetcher(), reader(runtime), once=True)}
    assert sorted((r.entries, r.stored) for r in results.values()) == [(1, 1), (1, 1)]
    assert site.asked("/category/sport/") == 0 and site.asked("/") == 0


def test_sigterm_finishes_the_article_in_flight_and_exits(site, tmp_path):
    site.serve("/feed.xml", rss(["/news/segou.html", "/news/mopti.html"]))
    path = sources_file(tmp_path, {"name": "Courrier", "url": site.base + "/feed.xml",
                                   "lang": "fr", "every": "1m"})
    db = tmp_path / "term.db"
    process = subprocess.Popen([sys.executable, "-m", "veille", "watch", str(path), "--db",
                                str(db), "--allow-private"], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 240
        while site.asked("/news/mopti.html") == 0:  # both pages fetched: reading them now
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=120) == 0, process.stderr.read()
    finally:
        process.kill()
    store = open_store(str(db))
    (state,) = stored_sources(store)
    assert state.last_poll is not None and state.errors == 0
    # The article in flight was stored whole, and what was stored is what the source counts;
    # what was not read waits for the next poll.
    with store.engine.connect() as conn:
        stored = conn.execute(text("SELECT count(*) FROM articles")).scalar()
    assert 1 <= state.articles == stored <= 2
