"""GET /articles/{article_id} and POST /extract."""

# No `from __future__ import annotations` here: FastAPI reads the routes' annotations at run
# time, and a dependency defined inside a router factory cannot be found from a string.

from typing import Annotated

from fastapi import APIRouter, Request, Response, Security
from fastapi.security import HTTPAuthorizationCredentials

from ..errors import UnknownArticle
from . import queries
from .auth import BEARER
from .context import Context, json_response
from .extracting import posted_article
from .schemas import ArticleDetail, ErrorBody, ExtractRequest, ExtractResponse, Stored


def articles_router(ctx: Context) -> APIRouter:
    router = APIRouter(tags=["articles"])
    store = ctx.store

    @router.get("/articles/{article_id}", response_model=ArticleDetail, responses={
        404: {"model": ErrorBody, "description": "No such article (V402)."}})
    def get_article(article_id: str) -> Response:
        """A stored article's original text, and every evidence span into it (`start`, `end`
        are character offsets of `text`), with its casualty reports."""
        row = queries.article(store, article_id)
        if row is None:
            raise UnknownArticle(article_id=article_id)
        spans = queries.evidence(store, article_id=article_id)
        return json_response(ArticleDetail(**row, spans=spans))

    @router.post("/extract", response_model=ExtractResponse, responses={
        401: {"model": ErrorBody, "description": "`store` without a valid token (V400)."},
        422: {"model": ErrorBody, "description": "Unreadable article (V1xx) or body (V403)."}})
    def extract(body: ExtractRequest, request: Request,
                _token: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)]
                ) -> Response:
        """Read one article (`text` or `html`) and return its report: events, casualty
        reports, repairs, and the evidence of every value. With `"store": true` (a write:
        needs a token) the report is also stored, as `veille run` would."""
        if body.store:  # refused before the pipeline's work, not after
            ctx.writers.author(request)
        report = ctx.extractor.read(posted_article(body))
        stored = None
        if body.store:
            result = store.save(report)
            if result.error is not None:
                raise result.error
            stored = Stored(article_id=result.article_id, stored=result.stored,
                            created=result.created, merged=result.merged)
        return json_response(ExtractResponse(report=report, stored=stored))

    return router
