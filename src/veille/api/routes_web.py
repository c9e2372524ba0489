"""GET / (the web page: map, timeline, table and record panel over this API) and /static/...
(its files, from the package folder `veille/web/static`, so the page works offline)."""

# No `from __future__ import annotations` here: FastAPI reads the routes' annotations at run
# time.

from importlib.resources import files

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Only files of this package are scripts or styles of the page, and article text is
# untrusted: a strict policy means that even a bug that put data into HTML could not run it.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
# Sent with the page and with every file under /static/ (index.html is one of them too).
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "no-referrer"}


def static_folder() -> str:
    """The folder of the page's files, as a path (the package is installed as files)."""
    return str(files("veille.web") / "static")


def add_web(app: FastAPI) -> None:
    """GET / (the page, with its security headers) and /static/ (its files, with the same)."""
    folder = static_folder()

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(f"{folder}/index.html", media_type="text/html",
                            headers={**HEADERS, "Cache-Control": "no-cache"})

    # StaticFiles resolves each path inside `folder` and refuses `..`.
    app.mount("/static", WithHeaders(StaticFiles(directory=folder), HEADERS), name="static")


class WithHeaders:
    """ASGI wrapper: `headers` added to every response of `app` (its errors are raised, and
    answered by the API's handlers)."""

    def __init__(self, app: ASGIApp, headers: dict[str, str]) -> None:
        self.app = app
        self.headers = [(name.lower().encode(), value.encode()) for name, value in headers.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", ()), *self.headers]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
