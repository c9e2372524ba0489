"""Limits on requests, as ASGI middleware that answers with the catalogue's errors.

`BodyLimit`: request bodies larger than `max_body_bytes` are refused with 413, counted as they
arrive: a `Content-Length` over the limit is refused before the body is read, and a body sent
without one (chunked) or longer than it claims is cut off as soon as it passes the limit.

`RateLimit`: each client address may send `limit` requests per `window` seconds (a token
bucket); more are refused with 429 and `Retry-After`, before the application sees them.

`NoNul`: a path or query holding a NUL character is refused with 422.
"""

from __future__ import annotations

import ipaddress
import json
import math
import time
from collections import OrderedDict
from urllib.parse import unquote

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import BadParameter, BodyTooLarge, TooManyRequests, VeilleError
from .errors import error_body, status_of


class BodyLimit:
    """ASGI middleware: at most `max_bytes` of request body reach the application."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await _answer(send, BadParameter(detail="Content-Length is not a number"))
                return
            if size > self.max_bytes:
                await _answer(send, BodyTooLarge(limit=self.max_bytes))
                return

        received = 0
        refused = False  # once refused, the 413 is the answer; the application's is dropped
        started = False

        async def counted_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    refused = True
                    if not started:
                        await _answer(send, BodyTooLarge(limit=self.max_bytes))
                    # The application sees the client leave, and stops reading.
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except Exception:
            if not refused:  # a failure of the cut-off body's reading is expected; others not
                raise


class NoNul:
    """ASGI middleware: a request whose path or query string holds a NUL character (`%00`) is
    refused (422, V403) before any route, query or file sees it. No stored text can hold one
    (PostgreSQL refuses NUL in text: the store would fail, 503), and code that hands a path
    to the system would see it cut there."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and (
                "\x00" in scope.get("path", "")
                or "\x00" in unquote(scope.get("query_string", b"").decode("latin-1"))):
            await _answer(send, BadParameter(detail="the URL holds a NUL character (%00)"),
                          close=scope.get("method") not in ("GET", "HEAD", "OPTIONS"))
            return
        await self.app(scope, receive, send)


# Written here rather than taken from a library: slowapi (the rate limiter for Starlette)
# exempts every request its router does not match, so /static/ files and unknown paths would
# go unlimited, and it answers with its own error body; `limits`, under it, keeps its memory
# storage tidy with a timer thread and sets no bound on how many clients it remembers. A token
# bucket is one number per client.
class RateLimit:
    """ASGI middleware: each client address may send `limit` requests at once, then regains
    one every `window / limit` seconds (a token bucket, kept as the "theoretical arrival time"
    of GCRA: the moment the client's bucket is full again). A request over the limit is
    answered 429 (V405) with `Retry-After`, the seconds until the next one is allowed; it does
    not count. IPv6 addresses count per /64 (what one host is usually given).

    Memory is bounded: a client whose bucket is full again is forgotten (swept once a
    `window`), and at most `max_clients` are remembered (the least recently seen is forgotten
    first: forgetting only ever lets a client through, never shuts one out). The state lives in
    this object, used by one event loop: no lock."""

    def __init__(self, app: ASGIApp, limit: int, window: float,
                 max_clients: int = 100_000) -> None:
        if limit <= 0 or window <= 0 or max_clients <= 0:
            raise ValueError("RateLimit needs a positive limit, window and max_clients")
        self.app = app
        self.limit = limit
        self.window = float(window)
        self.max_clients = max_clients
        self._interval = self.window / limit  # one request's share of the window
        # The rounding of limit * interval must not refuse the limit's last request.
        self._slack = self._interval * 1e-6
        self._full_at: OrderedDict[str, float] = OrderedDict()  # client -> bucket full again
        self._next_sweep = time.monotonic() + self.window

    def __len__(self) -> int:
        """How many clients are remembered now."""
        return len(self._full_at)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        wait = self._take(client_key(scope), time.monotonic())
        if wait is not None:
            retry = max(1, math.ceil(wait))
            # A request that may carry a body is answered without reading it: the connection
            # is then closed rather than reused.
            await _answer(send, TooManyRequests(limit=self.limit, window=f"{self.window:g}",
                                                retry=retry),
                          headers=((b"retry-after", str(retry).encode()),),
                          close=scope.get("method") not in ("GET", "HEAD", "OPTIONS"))
            return
        await self.app(scope, receive, send)

    def _take(self, client: str, now: float) -> float | None:
        """Count one request of `client` at `now`: None when allowed, else the seconds until
        one would be."""
        if now >= self._next_sweep:
            self._sweep(now)
        full_at = max(self._full_at.get(client, now), now)
        after = full_at + self._interval
        if after - now > self.window + self._slack:
            return after - self.window - now
        if client not in self._full_at and len(self._full_at) >= self.max_clients:
            self._sweep(now)
            while len(self._full_at) >= self.max_clients:
                self._full_at.popitem(last=False)  # the least recently seen
        self._full_at[client] = after
        self._full_at.move_to_end(client)
        return None

    def _sweep(self, now: float) -> None:
        """Forget the clients whose bucket is full again: they are as if never seen."""
        for client in [c for c, full_at in self._full_at.items() if full_at <= now]:
            del self._full_at[client]
        self._next_sweep = now + self.window


def client_key(scope: Scope) -> str:
    """The address a request counts against: the client's IP (an IPv6 one by its /64); the
    server gives none for some transports (a Unix socket): those share one key."""
    client = scope.get("client")
    host = client[0] if client else ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


async def _answer(send: Send, error: VeilleError,
                  headers: tuple[tuple[bytes, bytes], ...] = (), close: bool = True) -> None:
    """Answer `error` as the API's JSON error, without the application; `close`: the request's
    body is left unread, so the connection is not reused."""
    body = json.dumps(error_body(error.code, " ".join(error.message.split()))).encode()
    await send({"type": "http.response.start", "status": status_of(error),
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            *([(b"connection", b"close")] if close else []), *headers]})
    await send({"type": "http.response.body", "body": body})
