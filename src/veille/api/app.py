"""`create_app(store, settings)`: one FastAPI application over one store."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from .. import __version__
from ..runtime import Runtime
from ..store import Store
from .auth import Writers
from .context import Context
from .docs import add_docs
from .errors import install_error_handlers
from .extracting import Extractor
from .limits import BodyLimit, NoNul, RateLimit
from .routes_articles import articles_router
from .routes_events import events_router
from .routes_export import export_router
from .routes_sources import sources_router
from .routes_web import add_web
from .settings import ApiSettings

DESCRIPTION = """\
Sourced, geocoded conflict event records read from news articles (ACLED-compatible).

Reads are open. Writes (`PATCH /events/{event_id}`, `POST /extract` with `"store": true`)
need `Authorization: Bearer <token>`. Errors are `{"error": {"code": "V...", "message": ...}}`.
"""


def create_app(store: Store, settings: ApiSettings | None = None, *,
               runtime: Runtime | None = None) -> FastAPI:
    """The API over `store`. `runtime` serves POST /extract (default: a new one for
    `settings.pipeline`, which loads its models on the first article)."""
    settings = settings or ApiSettings()
    ctx = Context(store=store, settings=settings, writers=Writers(settings.tokens),
                  extractor=Extractor(runtime or Runtime(settings.pipeline)))
    app = FastAPI(title="veille", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None)  # /docs is served offline by add_docs
    install_error_handlers(app, store.url)
    app.include_router(events_router(ctx))
    app.include_router(articles_router(ctx))
    app.include_router(export_router(ctx))
    app.include_router(sources_router(ctx))
    add_docs(app)
    add_web(app)
    if settings.cors:
        # Any page may read; a write still needs a token, which no cookie carries.
        app.add_middleware(CORSMiddleware, allow_origins=["*"],
                           allow_methods=["GET", "POST", "PATCH"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(NoNul)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    if settings.rate_limit:  # outermost: a request over the rate costs nothing more
        app.add_middleware(RateLimit, limit=settings.rate_limit, window=settings.rate_window)
    return app
