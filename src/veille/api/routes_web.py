"""GET / (the web page: map, timeline, table and record panel over this API) and /static/...
(its files, from the package folder `veille/web/static`, so the page works offline)."""

# No `from __future__ import annotations` here: FastAPI reads the routes' annotations at run
# time.

from importlib.resources import files

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

# Only files of this package are scripts or styles of the page, and article text is
# untrusted: a strict policy means that even a bug that put data into HTML could not run it.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


def static_folder() -> str:
    """The folder of the page's files, as a path (the package is installed as files)."""
    return str(files("veille.web") / "static")


def add_web(app: FastAPI) -> None:
    folder = static_folder()

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(f"{folder}/index.html", media_type="text/html", headers={
            "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer", "Cache-Control": "no-cache"})

    # StaticFiles resolves each path inside `folder` and refuses `..`.
    app.mount("/static", StaticFiles(directory=folder), name="static")
