"""GET /sources (the sources `veille watch` polls, with their health), POST /sources."""

# No `from __future__ import annotations` here: FastAPI reads the routes' annotations at run
# time.

import datetime as dt
from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, Security
from fastapi.security import HTTPAuthorizationCredentials

from ..errors import BadParameter, BadSources, FetchFailed
from ..store.sources import register, sources
from ..watch.fetch import Fetcher
from ..watch.sources import parse_source
from .auth import BEARER
from .context import Context, json_response
from .schemas import ErrorBody, NewSource, SourceHealth, SourceList


def sources_router(ctx: Context) -> APIRouter:
    router = APIRouter()
    store = ctx.store
    allow_private = ctx.settings.pipeline.watch.allow_private

    @router.get("/sources", response_model=SourceList, tags=["sources"])
    def list_sources() -> Response:
        """The sources `veille watch` polls: last poll, last new article, articles stored,
        errors in a row, next poll, and the last error (why a source backs off)."""
        return json_response(SourceList(sources=[SourceHealth(**asdict(s))
                                                 for s in sources(store)]))

    def author(request: Request,
               _token: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)]) -> str:
        return ctx.writers.author(request)

    @router.post("/sources", response_model=SourceHealth, status_code=201, tags=["sources"],
                 responses={401: {"model": ErrorBody, "description": "No valid token (V400)."},
                            422: {"model": ErrorBody, "description": "A bad source (V403)."}})
    def add_source(new: NewSource, _who: Annotated[str, Depends(author)]) -> Response:
        """Add a source for `veille watch` to poll (needs a token); an address on a private
        network is refused unless the server's config allows them ([watch] allow_private).
        A source already known takes the new name, language, country and interval."""
        try:
            source = parse_source(new.model_dump(exclude_none=True), "source", "request")
            Fetcher(user_agent="veille", allow_private=allow_private).check(source.url)
        except (BadSources, FetchFailed) as exc:
            raise BadParameter(detail=exc.fields["detail"]) from exc
        register(store, [source], dt.datetime.now(dt.UTC))
        (state,) = sources(store, [source.url])
        return json_response(SourceHealth(**asdict(state)), status_code=201)

    return router
