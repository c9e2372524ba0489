"""`veille watch`: poll each source when it is due, read its new entries, store their events.

A source is polled with a conditional GET (its last ETag and Last-Modified), so an unchanged
feed costs one 304. Each entry is known by its canonical URL (courlan: tracking parameters
out) and never fetched twice; its page is read by trafilatura and the pipeline, and stored.
Two outlets' copies of one wire story give one article (its id is its text's hash). A source
that fails backs off exponentially, with jitter, or as its `Retry-After` says; its error is
recorded and the other sources go on. Everything a run learns lives in the store, so a
restarted watcher resumes where the last one stopped.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import random
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import courlan
import feedparser
from lxml import etree, html

from ..errors import FetchFailed, VeilleError
from ..ingest.html import article_from_html
from ..model import Article, Rejected, Report
from ..store import sources as book
from ..store.db import Store
from .fetch import Fetcher
from .sources import Source

log = logging.getLogger("veille.watch")

MAX_BACKOFF = 6 * 3600  # seconds: a failing source is still tried four times a day
MAX_ENTRIES = 200  # entries read per poll, newest first: a 10,000-entry feed is bounded
Reader = Callable[[Article], "Report | Rejected"]


@dataclass
class PollResult:
    """What one poll of one source did."""

    source: str
    status: str  # new, unchanged (304 or nothing new), error, skipped (stopped)
    entries: int = 0  # entries in the feed (at most MAX_ENTRIES)
    fetched: int = 0  # pages fetched
    stored: int = 0  # articles stored
    duplicates: int = 0  # articles stored already (another outlet's copy, a re-post)
    rejected: int = 0  # pages that could not be read
    events: list[str] = field(default_factory=list)  # events created or updated
    error: str | None = None


def canonical_url(link: str, base: str | None = None) -> str | None:
    """An entry's URL as veille knows it: absolute, normalised, tracking parameters
    (`utm_*`, `fbclid` ...) and fragments out; None when it is no web address."""
    try:
        url = urljoin(base or "", link.strip()) if link else ""
        cleaned = courlan.clean_url(url)
        if not cleaned or not cleaned.startswith(("http://", "https://")):
            return None
        return courlan.normalize_url(cleaned, strict=True)
    except ValueError:  # "http://[bad": no URL at all
        return None


def watch(sources: list[Source], store: Store, fetcher: Fetcher, read: Reader, *,
          once: bool = False, stop: threading.Event | None = None,
          on_poll: Callable[[PollResult], None] | None = None,
          max_entries: int = MAX_ENTRIES, workers: int = 4) -> list[PollResult]:
    """Poll the sources: each once (`once`), or each when due until `stop` is set. Returns
    the results of the polls made. `workers` sources are fetched at once (the fetcher keeps
    one request at a time per host); their pages are read and stored one by one, here."""
    stop = stop or threading.Event()
    book.register(store, sources, _now())
    urls = [s.url for s in sources]
    results: list[PollResult] = []
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="watch") as pool:
        while not stop.is_set():
            now = _now()
            states = book.sources(store, urls)
            due = states if once else [s for s in states
                                       if s.next_poll is None or s.next_poll <= now]
            due.sort(key=lambda s: (s.next_poll or now, s.url))
            futures = [pool.submit(gather, state, store, fetcher, stop=stop,
                                   max_entries=max_entries) for state in due]
            for future in as_completed(futures):
                result = settle(future.result(), store, read, stop=stop)
                results.append(result)
                if on_poll is not None:
                    on_poll(result)
            if once:
                break
            states = book.sources(store, urls)
            wake = min((s.next_poll for s in states if s.next_poll is not None), default=None)
            pause = 60.0 if wake is None else (wake - _now()).total_seconds()
            stop.wait(min(max(pause, 0.5), 60.0))
    return results


def poll(state: book.SourceState, store: Store, fetcher: Fetcher, read: Reader, *,
         stop: threading.Event | None = None, max_entries: int = MAX_ENTRIES) -> PollResult:
    """Poll one source now and read its new entries; record what happened."""
    return settle(gather(state, store, fetcher, stop=stop, max_entries=max_entries), store,
                  read, stop=stop)


@dataclass
class Gathered:
    """What a poll fetched: the feed's answer, and the pages of its new entries (or why a
    page could not be fetched), before anything is read or stored."""

    state: book.SourceState
    at: dt.datetime
    failure: str | None = None
    wait: int | None = None  # the server's Retry-After, in seconds
    etag: str | None = None
    modified: str | None = None
    entries: int = 0
    pages: list[tuple[str, dt.date | None, bytes | None, VeilleError | None]] = \
        field(default_factory=list)


def gather(state: book.SourceState, store: Store, fetcher: Fetcher, *,
           stop: threading.Event | None = None, max_entries: int = MAX_ENTRIES) -> Gathered:
    """Fetch the feed (conditionally) and the pages of its entries not seen before."""
    got = Gathered(state=state, at=_now(), etag=state.etag, modified=state.last_modified)
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    try:
        answer = fetcher.get(state.url, headers=headers)
    except FetchFailed as exc:
        got.failure = exc.message
        return got
    if answer.status == 304:
        return got
    if answer.status in (429, 503) and "retry-after" in answer.headers:
        got.wait = _retry_after(answer.headers["retry-after"], got.at)
        got.failure = f"HTTP {answer.status}, retry after {got.wait} s"
        return got
    if answer.status >= 400:
        got.failure = f"HTTP {answer.status}"
        return got
    feed = feedparser.parse(answer.body, response_headers=dict(answer.headers))
    entries = _entries(feed.entries[:max_entries], answer.url)
    if not feed.entries:  # no feed: a sitemap, or a site's section page
        entries = _sitemap(answer.body, answer.url) or _section(answer.body, answer.url)
        entries = entries[:max_entries]
    if not entries and feed.bozo:  # a feed so broken that no entry with a link survives
        reason = " ".join(str(feed.get("bozo_exception", "")).split())[:200]
        got.failure = f"not a readable feed ({reason})"
        return got
    got.etag, got.modified = answer.headers.get("etag"), answer.headers.get("last-modified")
    got.entries = len(entries)
    seen = book.seen_entries(store, [url for url, _ in entries])
    for url, published in entries:
        if url in seen:
            continue
        if stop is not None and stop.is_set():
            break  # the rest waits for the next poll
        try:
            page = fetcher.get(url)
            if page.status >= 400:
                raise FetchFailed(url=url, detail=f"HTTP {page.status}")
            got.pages.append((url, published, page.body, None))
        except FetchFailed as exc:
            got.pages.append((url, published, None, exc))
    return got


def settle(got: Gathered, store: Store, read: Reader, *,
           stop: threading.Event | None = None) -> PollResult:
    """Read and store what a poll fetched, and record the poll."""
    state = got.state
    result = PollResult(source=state.url, status="unchanged", entries=got.entries)
    if got.failure is not None:
        return _failed(store, state, result, got.failure, got.at, wait=got.wait)
    for url, published, body, error in got.pages:
        if stop is not None and stop.is_set():
            break  # the article in flight is done and stored; the rest waits for next time
        _read_entry(url, published, body, error, state, store, read, result)
    if result.stored:
        result.status = "new"
    _succeeded(store, state, result, got.at, etag=got.etag, modified=got.modified)
    return result


def _entries(entries: Iterable, base: str) -> list[tuple[str, dt.date | None]]:
    """(canonical URL, date) of the entries that link somewhere, each URL once."""
    found: dict[str, dt.date | None] = {}
    for entry in entries:
        url = canonical_url(entry.get("link") or "", base)
        if url is None or url in found:
            continue
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        try:
            found[url] = dt.date(*parsed[:3]) if parsed else None
        except (TypeError, ValueError):
            found[url] = None
    return list(found.items())


def _sitemap(body: bytes, base: str) -> list[tuple[str, dt.date | None]]:
    """The pages of a sitemap (`<urlset><url><loc>`), the last modified first."""
    if b"<urlset" not in body[:2000]:
        return []
    try:  # no entity is resolved and nothing is fetched: a hostile file stays text
        root = etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True,
                                                      huge_tree=False))
    except etree.XMLSyntaxError:
        return []
    found: dict[str, dt.date | None] = {}
    for item in root.iter("{*}url"):
        loc, modified = item.findtext("{*}loc"), item.findtext("{*}lastmod")
        url = canonical_url(loc or "", base)
        if url is None or url in found:
            continue
        try:
            found[url] = dt.date.fromisoformat((modified or "").strip()[:10])
        except ValueError:
            found[url] = None
    return sorted(found.items(), key=lambda item: item[1] or dt.date.min, reverse=True)


def _section(body: bytes, base: str) -> list[tuple[str, dt.date | None]]:
    """The article links of a site's section page, in page order: links to the same host,
    not to the site's root, to this page, or to navigation, category or login pages
    (courlan's filters). lxml reads the links: courlan's own extractor drops hosts that are
    IP addresses, such as a source on the user's network."""
    try:
        page = html.fromstring(body)
    except (etree.ParserError, ValueError):
        return []
    host, here = urlsplit(base).netloc, canonical_url(base)
    found: list[tuple[str, dt.date | None]] = []
    for href in page.xpath("//a/@href"):
        url = canonical_url(str(href), base)
        if (url is None or urlsplit(url).netloc != host or not urlsplit(url).path.strip("/")
                or url == here or courlan.is_navigation_page(url)
                or courlan.is_not_crawlable(url)):
            continue
        found.append((url, None))
    return list(dict.fromkeys(found))


def _read_entry(url: str, published: dt.date | None, body: bytes | None,
                error: VeilleError | None, state: book.SourceState, store: Store,
                read: Reader, result: PollResult) -> None:
    """Read and store one entry's page; record the entry whatever happens."""
    result.fetched += 1
    article_id, outcome = None, "rejected"
    try:
        if error is not None:
            raise error
        article = article_from_html(body or b"", name=url, url=url, published=published,
                                    lang=state.lang)
        article = article.model_copy(update={"outlet": article.outlet or state.name})
        article_id = article.id
        report = read(article)
        if isinstance(report, Rejected):
            store.save_rejects([report])
        else:
            saved = store.save(report)
            if saved.error is not None:
                raise saved.error
            outcome = "stored" if saved.stored else "duplicate"
            result.events += saved.created + saved.merged + saved.copied
    except VeilleError as exc:
        log.warning("%s: %s", state.name, exc.one_line())
        store.save_rejects([Rejected(article_id=article_id, source=url, stage="watch",
                                     code=exc.code, message=exc.message)])
    if outcome == "stored":
        result.stored += 1
    elif outcome == "duplicate":
        result.duplicates += 1
    else:
        result.rejected += 1
    book.add_entry(store, url=url, source_url=state.url, article_id=article_id,
                   outcome=outcome, now=_now())


def _succeeded(store: Store, state: book.SourceState, result: PollResult, now: dt.datetime, *,
               etag: str | None, modified: str | None) -> None:
    book.record_poll(store, state.url, etag=etag, last_modified=modified, last_poll=now,
                     last_new=now if result.stored else state.last_new,
                     articles=state.articles + result.stored, errors=0, last_error=None,
                     next_poll=now + dt.timedelta(seconds=state.every_seconds))


def _failed(store: Store, state: book.SourceState, result: PollResult, reason: str,
            now: dt.datetime, *, wait: int | None = None) -> PollResult:
    """Record a failed poll: the source backs off (exponentially, with jitter, at most six
    hours; or as long as the server's Retry-After asks), the others go on."""
    errors = state.errors + 1
    if wait is None:
        wait = int(min(state.every_seconds * 2 ** (errors - 1), MAX_BACKOFF)
                   * random.uniform(0.9, 1.1))  # jitter: failing sources do not resynchronise
    log.warning("%s: %s; next try in %d s", state.name, reason, wait)
    book.record_poll(store, state.url, last_poll=now, errors=errors,
                     last_error=reason, next_poll=now + dt.timedelta(seconds=wait))
    result.status, result.error = "error", reason
    return result


def _retry_after(value: str, now: dt.datetime) -> int:
    """Seconds a `Retry-After` header asks for (a number or an HTTP date), at least a
    minute and at most the longest backoff."""
    try:
        seconds = int(value.strip())
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
            seconds = int((when - now).total_seconds())
        except (TypeError, ValueError, OverflowError):
            seconds = 0
    return max(60, min(seconds, MAX_BACKOFF))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
