"""The web page of `veille serve` in a real browser: Debian's Chromium (/usr/bin/chromium)
driven by Playwright, against a real server over a SQLite store (`served.py`). The map's
dots, the record panel and its evidence highlight, corrections with and without a token,
untrusted text shown as text (nothing run, nothing loaded from elsewhere), the page's files
safe from path traversal, filters in the URL and the timeline's brush."""

from __future__ import annotations

import http.client
import os
import re
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx
import pytest
from served import (
    AUTHOR,
    PAYLOAD_ACTOR,
    PAYLOAD_AUTHOR,
    PAYLOAD_TEXT,
    PAYLOAD_TOKEN,
    PAYLOADS,
    SOURCE_PAYLOAD,
    TOKEN,
    fill,
    serving,
)

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
# No GPU, no network services of the browser's own: the page's requests are the only ones.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _absent(reason: str) -> None:
    """Skip, except in CI (`.ci/run` installs Chromium), where a missing browser fails."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI runs the browser tests (.ci/run installs chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _absent("no /usr/bin/chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _absent("playwright is not installed (make install)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> str:
    """A server over a store of `served.corpus()`, for this module."""
    url = "sqlite:///" + str(tmp_path_factory.mktemp("web") / "store.db")
    fill(url)
    with serving(url) as base:
        yield base


# Run in the page before its own scripts: records the Content-Security-Policy's refusals (a
# payload read as HTML that the policy then stopped is still a bug of the page).
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
    (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


def origin(url: str) -> tuple:
    """A URL's origin: scheme, host and port."""
    parts = urlsplit(url)
    return parts.scheme, parts.hostname, parts.port


class Watch:
    """What a page did that it must not: dialogs (alert), requests to any other origin,
    scripts of the data (a payload sets `window.__xss`), refusals of the CSP."""

    def __init__(self, page, base: str) -> None:
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.base = base
        self.page = page
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        page.on("request", lambda request: self.requests.append(request.url))
        page.add_init_script(RECORD_VIOLATIONS)

    def foreign(self) -> list[str]:
        """Every request the page made whose origin is not the server's."""
        return [url for url in self.requests if origin(url) != origin(self.base)]

    def ran(self) -> dict:
        """What the data's scripts left in the page (nothing, if none ran) and the CSP's
        refusals so far."""
        return self.page.evaluate(
            "() => ({xss: window.__xss ?? null, violations: window.__violations ?? []})")


@pytest.fixture
def page(browser, base):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.watch = Watch(page, base)
    yield page
    context.close()


def open_page(page, base: str, query: str = "") -> None:
    page.goto(base + "/" + query)
    page.wait_for_selector("body[data-loaded]")


def api_events(base: str, **filters) -> list[dict]:
    body = httpx.get(base + "/events", params={**filters, "limit": 1000}, timeout=10).json()
    assert body["next_cursor"] is None
    return body["events"]


def open_record(page, event_id: str) -> None:
    page.click(f'#events tr[data-event-id="{event_id}"]')
    page.wait_for_selector(f'#record[data-loaded="{event_id}"]')


def on_map(page) -> int:
    """Events shown on the map: single dots plus the counts of the clusters."""
    return page.evaluate("""() => {
        const dots = document.querySelectorAll('#map path.veille-dot').length;
        const clusters = [...document.querySelectorAll('#map .marker-cluster span')]
            .reduce((n, span) => n + Number(span.textContent), 0);
        return dots + clusters;
    }""")


def wait_for_map(page, expected: int) -> None:
    """Clusters form once the map has zoomed to the events: wait for the count to settle."""
    page.wait_for_function("""n => document.querySelectorAll('#map path.veille-dot').length
        + [...document.querySelectorAll('#map .marker-cluster span')]
          .reduce((s, x) => s + Number(x.textContent), 0) === n""", arg=expected)


@pytest.mark.parametrize("query", ["", "?country=SY"])
def test_the_map_shows_every_located_event(page, base, query):
    open_page(page, base, query)
    filters = {"country": "SY"} if query else {}
    located = [e for e in api_events(base, **filters) if e["latitude"] is not None]
    wait_for_map(page, len(located))
    assert on_map(page) == len(located)
    assert page.locator("#map .marker-cluster").count() > 0  # clustered when zoomed out
    if query:  # zoomed in on Syria: some events stand alone
        assert page.locator("#map path.veille-dot").count() > 0
    assert page.locator("#map path").count() > 100  # the basemap's countries
    assert page.locator("#events tbody tr").count() == len(api_events(base, **filters))
    assert page.watch.foreign() == []


def test_a_row_and_a_dot_open_the_record(page, base):
    open_page(page, base, "?country=SY")
    open_record(page, "w03-e")
    assert page.text_content('#record dd[data-field="event_id"]') == "w03-e"
    page.click("#close-record")
    dot = page.locator("#map path.veille-dot[data-event-id]").first
    event_id = dot.get_attribute("data-event-id")
    dot.click()
    page.wait_for_selector(f'#record[data-loaded="{event_id}"]')
    assert page.text_content('#record dd[data-field="event_id"]') == event_id


def test_the_evidence_is_highlighted_in_the_article_text(page, base):
    open_page(page, base)
    open_record(page, "payload-e")
    detail = httpx.get(base + "/events/payload-e", timeout=10).json()
    spans = sorted((row["start"], row["text"]) for row in detail["evidence"])
    marks = page.locator('#record .article-text[data-article-id="payload"] mark').all_text_contents()
    assert marks == [text for _, text in spans] == ["Neuf", "Sarmada"]
    # The marks are the spans' own words, in place: the whole block is the article's text.
    assert page.text_content('#record .article-text[data-article-id="payload"]') == PAYLOAD_TEXT
    sources = page.text_content("#record")
    assert "outlet payload" in sources


def test_a_correction_with_the_token_shows_the_new_revision(page, base):
    open_page(page, base)
    open_record(page, "w05-e")
    page.select_option("#correct select[name=field]", "fatalities")
    page.fill("#correct input[name=value]", '{"low": 30, "best": 31, "high": 32}')
    page.fill("#correct input[name=reason]", "hospital list")
    page.fill("#correct input[name=token]", TOKEN)
    page.click("#correct button[type=submit]")
    page.wait_for_selector("#correct .message.ok")
    revisions = page.text_content("#record .revisions")
    assert AUTHOR in revisions and "hospital list" in revisions and "31 (30–32)" in revisions
    assert page.text_content('#record dd[data-field="fatalities"]') == "31 (30–32)"
    event = httpx.get(base + "/events/w05-e", timeout=10).json()["event"]
    assert event["fatalities"] == {"low": 30, "best": 31, "high": 32}


def test_a_correction_without_a_token_is_refused(page, base):
    before = httpx.get(base + "/events/w07-e", timeout=10).json()
    open_page(page, base)
    page.evaluate("sessionStorage.clear()")
    open_record(page, "w07-e")
    page.select_option("#correct select[name=field]", "location")
    page.fill("#correct input[name=value]", "Nowhere")
    page.fill("#correct input[name=token]", "")
    page.click("#correct button[type=submit]")
    page.wait_for_selector("#correct .message.error")
    assert "V400" in page.text_content("#correct .message")
    assert httpx.get(base + "/events/w07-e", timeout=10).json() == before


# Elements that a payload would make, were it read as HTML, where the page shows data.
INJECTED = (":is(#record, #events, #filters, .leaflet-tooltip-pane) :is(img, script, iframe, "
            "object, embed, link, style, svg, math, a, b, marquee)")


def test_payloads_are_shown_as_text_and_never_run(page, base):
    """HTML and script payloads in article text, titles, outlets, URLs, actor names, places,
    sub-event types, attributions, and in corrections (values, reason, the author a token
    signs with), in a filter of the URL and in a refused correction's message: all shown as
    text; no dialog, no script, no request to another origin, no element made, no CSP refusal."""
    reason = PAYLOADS["text"]
    response = httpx.patch(f"{base}/events/payload2-e", timeout=10, headers={
        "Authorization": f"Bearer {PAYLOAD_TOKEN}"}, json={
        "values": {"actor2": PAYLOAD_ACTOR, "admin2": PAYLOADS["title"]}, "reason": reason})
    assert response.status_code == 200, response.text

    open_page(page, base, "?country=ML")  # zoomed in on Mali: the Kidal event is a dot alone
    row = page.locator('#events tr[data-event-id="payload2-e"]').text_content()
    for value in (PAYLOADS["sub_event_type"], PAYLOADS["location"], PAYLOAD_ACTOR):
        assert value in row
    page.locator('#map path.veille-dot[data-event-id="payload2-e"]').hover()
    page.wait_for_selector(".leaflet-tooltip")
    assert PAYLOADS["location"] in page.text_content(".leaflet-tooltip")

    open_page(page, base)
    assert PAYLOAD_ACTOR in page.locator('#events tr[data-event-id="payload-e"]').text_content()
    open_record(page, "payload-e")
    text = page.text_content("#record")
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(2)>" in text
    assert PAYLOAD_ACTOR in text

    open_record(page, "payload2-e")
    text = page.text_content("#record")
    for field in ("title", "outlet", "url", "location", "sub_event_type", "attributed_to"):
        assert PAYLOADS[field] in text, field
    assert page.text_content('#record .article-text[data-article-id="payload2"]') == (
        PAYLOADS["text"])
    revisions = page.text_content("#record .revisions")
    for value in (PAYLOAD_AUTHOR, PAYLOAD_ACTOR, PAYLOADS["title"], reason):
        assert value in revisions
    # A correction the API refuses: its message (which quotes the value) is text too.
    page.select_option("#correct select[name=field]", "event_date")
    page.fill("#correct input[name=value]", PAYLOADS["location"])
    page.fill("#correct input[name=token]", PAYLOAD_TOKEN)
    page.click("#correct button[type=submit]")
    page.wait_for_selector("#correct .message.error")
    assert "V302" in page.text_content("#correct .message")
    assert page.locator("#correct .message *").count() == 0

    page.wait_for_timeout(300)  # time for an injected image's onerror to fire, were there one
    assert page.locator(INJECTED).count() == 0
    assert page.watch.ran() == {"xss": None, "violations": []}

    # Filters from a shared URL: into the form as values, to the API as parameters.
    open_page(page, base, "?" + urlencode({"actor": PAYLOADS["title"],
                                           "q": PAYLOADS["location"]}))
    assert page.input_value("#filters input[name=actor]") == PAYLOADS["title"]
    assert page.input_value("#filters input[name=q]") == PAYLOADS["location"]
    page.wait_for_timeout(300)
    assert page.locator(INJECTED).count() == 0
    assert page.watch.ran() == {"xss": None, "violations": []}
    assert page.watch.dialogs == []
    assert page.watch.foreign() == []
    assert page.watch.requests  # the watch saw the page's own requests


def test_the_page_sends_a_strict_content_security_policy(base):
    response = httpx.get(base + "/", timeout=10)
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy
    assert "<script" in response.text and "onclick" not in response.text  # no inline handlers
    assert httpx.get(base + "/static/leaflet.js", timeout=10).status_code == 200
    # The same page as a file of /static/ has the same policy: no way around it.
    static = httpx.get(base + "/static/index.html", timeout=10)
    assert static.status_code == 200 and static.text == response.text
    for name in ("content-security-policy", "x-content-type-options", "referrer-policy"):
        assert static.headers[name] == response.headers[name], name


ROOT = Path(__file__).parents[2]
# Request targets sent as they are written (no client resolves their `..`): each names a file
# outside the page's folder, src/veille/web/static.
TRAVERSALS = [
    "/static/../../../../pyproject.toml", "/static/../../api/app.py",
    "/static/..%2f..%2f..%2f..%2fpyproject.toml", "/static/%2e%2e/%2e%2e/api/app.py",
    "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fpyproject.toml",
    "/static/....//....//....//....//pyproject.toml", "/static/..\\..\\api\\app.py",
    "/static/..%5c..%5capi%5capp.py", "/static/%c0%ae%c0%ae/%c0%ae%c0%ae/api/app.py",
    "/static/..%252f..%252fapi%252fapp.py", "/static//etc/passwd", "/static/%2fetc%2fpasswd",
    "/static/" + "../" * 12 + "etc/passwd", "/static/images/../../../api/app.py",
    "/static/app.js%00.png", "/static/%00../../api/app.py", "/../../../etc/passwd",
    "/docs/assets/../../../../etc/passwd", "/docs/assets/..%2f..%2f..%2fapi%2fapp.py",
    f"/static/{ROOT}/pyproject.toml", "/static/file:///etc/passwd",
]
FILE_MARKERS = [b"root:x:0:0", b"[build-system]", b"def create_app"]


def test_the_page_files_are_safe_from_path_traversal(base):
    """Raw request targets over HTTP to the real server: refused (400 from the server itself,
    404, or 422 for a NUL) without the content of any file outside the page's folder."""
    host, port = urlsplit(base).hostname, urlsplit(base).port
    assert (ROOT / "pyproject.toml").read_bytes().count(b"[build-system]") == 1
    for target in TRAVERSALS:
        connection = http.client.HTTPConnection(host, port, timeout=10)
        try:
            connection.request("GET", target)
            response = connection.getresponse()
            body = response.read()
        finally:
            connection.close()
        assert response.status in (400, 404, 422), (target, response.status, body[:200])
        for marker in FILE_MARKERS:
            assert marker not in body, target
    # The folder's own files are there, so the refusals above are no accident of the setup.
    assert httpx.get(base + "/static/images/../app.js", timeout=10).status_code == 200


def test_filters_in_the_url_reproduce_the_view(page, base):
    open_page(page, base, "?event_type=Protests&country=ML")
    wanted = {e["event_id"] for e in api_events(base, event_type="Protests", country="ML")}
    assert wanted
    rows = page.locator("#events tbody tr")
    assert {rows.nth(i).get_attribute("data-event-id") for i in range(rows.count())} == wanted
    assert page.input_value("#filters select[name=event_type]") == "Protests"
    assert page.input_value("#filters input[name=country]") == "ML"
    # Changing a filter writes the URL, so the view can be shared.
    page.fill("#filters input[name=min_fatalities]", "5")
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(r"min_fatalities=5"))


def test_the_acled_filter_and_column(page, base):
    open_page(page, base, "?acled=only")
    wanted = [e["event_id"] for e in api_events(base, acled="only")]
    assert wanted == ["acled:SYR90009-e"]
    rows = page.locator("#events tbody tr")
    assert rows.count() == 1
    assert rows.nth(0).get_attribute("data-event-id") == wanted[0]
    assert rows.nth(0).locator("td").last.inner_text() == "SYR90009"
    assert page.input_value("#filters select[name=acled]") == "only"
    # "not in ACLED" lists every other event, with a dash in the column.
    page.select_option("#filters select[name=acled]", "not")
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(r"acled=not"))
    page.locator("#events tbody tr").nth(1).wait_for()
    assert page.locator("#events tbody tr").first.locator("td").last.inner_text() == "–"


def test_brushing_the_timeline_narrows_the_table(page, base):
    open_page(page, base)
    everything = page.locator("#events tbody tr").count()
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.25, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.4, y, steps=5)
    page.mouse.up()
    page.wait_for_url(re.compile(r"since=\d{4}-\d\d-\d\d&until=\d{4}-\d\d-\d\d"))
    page.wait_for_function("n => document.querySelectorAll('#events tbody tr').length < n",
                           arg=everything)
    since = page.input_value("#filters input[name=since]")
    until = page.input_value("#filters input[name=until]")
    dates = page.locator("#events tbody tr td:first-child").all_text_contents()
    assert dates and all(since <= day <= until for day in dates)
    assert len(dates) == len(api_events(base, since=since, until=until))


@pytest.fixture(scope="module")
def examples_base(tmp_path_factory, runtime) -> str:
    """A server over the example database: `examples/` read by the real pipeline."""
    import veille
    from veille.ingest import read_file
    from veille.store import open_store

    url = "sqlite:///" + str(tmp_path_factory.mktemp("examples") / "veille.db")
    folder = Path(__file__).parents[2] / "examples"
    articles = [a for f in sorted(folder.glob("*.txt"))
                for a in read_file(f, max_bytes=1_000_000)]
    open_store(url).save_all(veille.process_many(articles, runtime))
    with serving(url) as base:
        yield base


def test_the_example_database_on_the_page(browser, examples_base):
    """The page over what `make run` stores: every located event on the map, and a record's
    marks equal to its evidence in the article."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.watch = Watch(page, examples_base)
    try:
        open_page(page, examples_base)
        events = api_events(examples_base)
        located = [e for e in events if e["latitude"] is not None]
        assert len(events) >= 10
        wait_for_map(page, len(located))
        assert page.locator("#events tbody tr").count() == len(events)
        event = max(events, key=lambda e: len(e["evidence"]))
        open_record(page, event["event_id"])
        article = event["sources"][0]["article_id"]
        detail = httpx.get(f"{examples_base}/events/{event['event_id']}", timeout=10).json()
        spans = sorted({(r["start"], r["end"], r["text"]) for r in detail["evidence"]
                        if r["article_id"] == article})
        marks = page.locator(f'#record .article-text[data-article-id="{article}"] mark')
        text = httpx.get(f"{examples_base}/articles/{article}", timeout=10).json()["text"]
        assert marks.all_text_contents() == _clipped(spans, text)
        assert page.watch.foreign() == [] and page.watch.dialogs == []
    finally:
        context.close()


def _clipped(spans: list[tuple[int, int, str]], text: str) -> list[str]:
    """Spans as marks show them: each character marked once, so a span inside another is
    not marked again and one that overlaps the one before is marked from where it ends."""
    marked, at = [], 0
    for start, end, _ in sorted(spans, key=lambda s: (s[0], -s[1])):
        start = max(start, at)
        if end <= start:
            continue
        marked.append(text[start:end])
        at = end
    return marked


def test_the_sources_watched_and_the_atom_link(page, base):
    """The sources `veille watch` polls, with their health (a failing one stands out, a name
    that is a payload stays text); the Atom link follows the filters."""
    open_page(page, base, "?country=ML")
    rows = page.locator("#sources tbody tr")
    assert rows.count() == 2
    failing = page.locator("#sources tbody tr.failing")
    assert failing.count() == 1
    assert failing.locator("td").first.inner_text() == SOURCE_PAYLOAD
    assert failing.locator("td").last.inner_text() == "HTTP 503, retry after 120 s"
    assert page.locator("#sources img").count() == 0
    assert page.get_attribute("#atom", "href") == "/events.atom?country=ML"
