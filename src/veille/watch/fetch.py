"""Fetching for `veille watch`: bounded, safe against hostile servers, polite.

httpx does the HTTP; what no library does for us is written here: each hop of a redirect is
checked before it is followed (scheme, private addresses, loops), a body is capped once
decoded (a gzip bomb is stopped at the cap, not after inflating), a total deadline bounds a
server that drips one byte a second (httpx's read timeout is per read), requests to one host
are spaced and never concurrent, and robots.txt (protego) is read once per host.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from ..errors import FetchFailed

_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """Bounds on one fetch: seconds to connect, between two reads and in all; the largest
    body once decoded; how many redirects are followed; seconds between two requests to one
    host (robots.txt's Crawl-delay may ask for more)."""

    connect: float = 10.0
    read: float = 20.0
    total: float = 60.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    host_delay: float = 1.0


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response: the final URL after redirects, its status, headers and body."""

    url: str
    status: int
    headers: httpx.Headers
    body: bytes


class Fetcher:
    """GET with the limits above. `allow_private` lets addresses in private, loopback and
    link-local ranges through (a source on the user's own network; the tests' 127.0.0.1);
    otherwise they are refused for the source and for every redirect."""

    def __init__(self, *, user_agent: str, limits: FetchLimits | None = None,
                 allow_private: bool = False) -> None:
        self.limits = limits or FetchLimits()
        self.allow_private = allow_private
        self.user_agent = user_agent
        self._hosts: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        self._delay: dict[str, float] = {}
        self._robots: dict[str, Protego | None] = {}
        self._guard = threading.Lock()

    def get(self, url: str, *, headers: dict[str, str] | None = None,
            robots: bool = True) -> Fetched:
        """The response to GET `url`, redirects followed (at most `max_redirects`, no loop);
        `FetchFailed` (V701) when it is refused or exceeds a bound. 4xx and 5xx answers are
        returned, not raised: the caller decides what they mean for its source."""
        seen: set[str] = set()
        for _ in range(self.limits.max_redirects + 1):
            self.check(url)
            if robots and not self.allowed(url):
                raise FetchFailed(url=url, detail="robots.txt does not allow veille to fetch it")
            if url in seen:
                raise FetchFailed(url=url, detail="redirect loop")
            seen.add(url)
            answer = self._once(url, headers or {})
            location = answer.headers.get("location")
            if answer.status not in _REDIRECTS or not location:
                return answer
            url = urljoin(url, location)
        raise FetchFailed(url=url, detail=f"more than {self.limits.max_redirects} redirects")

    def check(self, url: str) -> None:
        """Refuse a URL that is not http(s), or whose host resolves to a private, loopback,
        link-local or otherwise non-public address (unless `allow_private`)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchFailed(url=url, detail="only http and https addresses are fetched")
        if self.allow_private:
            return
        try:
            infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError) as exc:
            raise FetchFailed(url=url, detail=f"cannot resolve {parts.hostname}: {exc}") from exc
        for info in infos:
            address = ipaddress.ip_address(info[4][0].split("%")[0])
            if not address.is_global:
                raise FetchFailed(url=url, detail=(
                    f"{parts.hostname} is at {address}, a private or local address "
                    "(--allow-private, or [watch] allow_private in the config, allows it)"))

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets veille fetch `url` (read once per host: none,
        or a 4xx, allows everything; a server error or no answer disallows everything for
        now, as RFC 9309 says)."""
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        if key not in self._robots:
            try:
                answer = self.get(key + "/robots.txt", robots=False)
                if answer.status >= 500:
                    rules: Protego | None = Protego.parse("User-agent: *\nDisallow: /")
                elif answer.status >= 400:
                    rules = None
                else:
                    rules = Protego.parse(answer.body.decode("utf-8", "replace"))
            except FetchFailed:
                rules = Protego.parse("User-agent: *\nDisallow: /")
            self._robots[key] = rules
            delay = rules.crawl_delay(self.user_agent) if rules is not None else None
            if delay:
                self._delay[parts.netloc] = min(float(delay), 60.0)
        rules = self._robots[key]
        return rules is None or rules.can_fetch(url, self.user_agent)

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        host = urlsplit(url).netloc
        with self._guard:
            lock = self._hosts.setdefault(host, threading.Lock())
        with lock:  # one request at a time per host, spaced by the delay
            wait = self._last.get(host, 0.0) + max(self.limits.host_delay,
                                                   self._delay.get(host, 0.0)) - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                return self._read(url, headers)
            finally:
                self._last[host] = time.monotonic()

    def _read(self, url: str, headers: dict[str, str]) -> Fetched:
        # A client per request, closed by a watchdog at the deadline: httpx's timeouts are per
        # read, and a server that drips its headers a byte a second would hold it forever.
        client = httpx.Client(follow_redirects=False, headers={"User-Agent": self.user_agent},
                              timeout=httpx.Timeout(self.limits.read,
                                                    connect=self.limits.connect))
        watchdog = threading.Timer(self.limits.total, client.close)
        watchdog.daemon = True
        watchdog.start()
        deadline = time.monotonic() + self.limits.total
        late = FetchFailed(url=url, detail=f"no complete answer within {self.limits.total:g} s")
        try:
            with client.stream("GET", url, headers=headers) as response:
                chunks, size = [], 0
                for chunk in response.iter_bytes():  # decoded: a gzip bomb counts inflated
                    size += len(chunk)
                    if size > self.limits.max_bytes:
                        raise FetchFailed(url=url, detail=(
                            f"the body is larger than {self.limits.max_bytes} bytes"))
                    if time.monotonic() > deadline:
                        raise late
                    chunks.append(chunk)
                return Fetched(url=str(response.url), status=response.status_code,
                               headers=response.headers, body=b"".join(chunks))
        except httpx.TimeoutException as exc:
            raise FetchFailed(url=url, detail=f"timed out ({type(exc).__name__})") from exc
        except (httpx.HTTPError, httpx.InvalidURL, RuntimeError, OSError) as exc:
            if time.monotonic() > deadline:  # closed by the watchdog
                raise late from exc
            detail = " ".join(str(exc).split()) or type(exc).__name__
            raise FetchFailed(url=url, detail=detail[:200]) from exc
        finally:
            watchdog.cancel()
            client.close()
