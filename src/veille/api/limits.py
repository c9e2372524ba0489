"""Request bodies larger than `max_body_bytes` are refused with 413, counted as they arrive:
a `Content-Length` over the limit is refused before the body is read, and a body sent without
one (chunked) or longer than it claims is cut off as soon as it passes the limit."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import BadParameter, BodyTooLarge, VeilleError
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


async def _answer(send: Send, error: VeilleError) -> None:
    body = json.dumps(error_body(error.code, error.message)).encode()
    await send({"type": "http.response.start", "status": status_of(error),
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
