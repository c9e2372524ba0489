"""Every error the API answers is JSON, `{"error": {"code": "V...", "message": "..."}}`, with a
code from `veille.errors`; a bug answers V999 with no detail (the server's log has the
traceback), so no stack trace or internal path ever reaches a client."""

from __future__ import annotations

import logging
from pathlib import PurePath

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from starlette.exceptions import HTTPException

from ..errors import (
    BadCorrection,
    BadDate,
    BadParameter,
    BodyTooLarge,
    NoSuchEndpoint,
    NotAuthorised,
    StoreError,
    TooManyRequests,
    UnknownArticle,
    UnknownEvent,
    UnknownFormat,
    VeilleError,
)

log = logging.getLogger("veille.api")

INTERNAL = "V999"

# HTTP status of each error the API raises; other input errors (V1xx: text that cannot be read)
# are the client's (422), anything else is the server's (500).
STATUS: dict[type[VeilleError], int] = {
    NotAuthorised: 401,
    BodyTooLarge: 413,
    TooManyRequests: 429,
    UnknownArticle: 404,
    UnknownEvent: 404,
    NoSuchEndpoint: 404,
    BadParameter: 422,
    BadCorrection: 422,
    BadDate: 422,
    UnknownFormat: 422,
    StoreError: 503,
}


def status_of(exc: VeilleError) -> int:
    for kind, status in STATUS.items():
        if isinstance(exc, kind):
            return status
    return 422 if exc.code.startswith("V1") else 500


def error_body(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


def error_response(exc: VeilleError, status: int | None = None,
                   hide: tuple[str, str] | None = None) -> JSONResponse:
    """The JSON answer for `exc`; `hide` replaces a text in the message (the store's URL by
    its form without password)."""
    message = " ".join(exc.message.split())
    if hide and hide[0]:
        message = message.replace(*hide)
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, NotAuthorised) else None
    return JSONResponse(error_body(exc.code, message), status_code=status or status_of(exc),
                        headers=headers)


def public_url(url: str) -> str:
    """A store URL fit to show a client: a SQLite file by its name only (not where it lies on
    the server), a database server's by its database name only (no user, password, host, port
    or options: `postgresql:///veille`)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "(the store)"
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            parsed = parsed.set(database=PurePath(parsed.database).name)
    else:
        parsed = URL.create(parsed.drivername, database=parsed.database)
    return parsed.render_as_string(hide_password=True)


def install_error_handlers(app: FastAPI, store_url: str) -> None:
    """Answer every error as JSON with its code."""
    hide = (store_url, public_url(store_url))
    try:  # the log names the store in full, but without its password
        logged = make_url(store_url).render_as_string(hide_password=True)
    except ArgumentError:
        logged = "(the store)"

    def store_failed(exc: Exception) -> JSONResponse:
        # The database's own message may name hosts, tables or paths: it goes to the log.
        text = " ".join(str(exc).split())
        if store_url:
            text = text.replace(store_url, logged)
        log.error("store error: %s", text[:500])
        return JSONResponse(error_body(StoreError.code, "the store failed; the server's log "
                                                        "has the details"), status_code=503)

    async def veille_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, VeilleError)
        if isinstance(exc, StoreError):
            return store_failed(exc)
        return error_response(exc, hide=hide)

    async def database_error(_request: Request, exc: Exception) -> JSONResponse:
        return store_failed(exc)  # raised by a Store method, which does not wrap reads

    async def validation_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        # "query.limit: Input should be ..." per problem; the input itself is not echoed.
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}"
                             for e in exc.errors())
        return error_response(BadParameter(detail=problems or "invalid request"))

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        if exc.status_code in (404, 405):  # Starlette's own: no route, or not this method
            error: VeilleError = NoSuchEndpoint(method=request.method, path=request.url.path)
        else:
            error = BadParameter(detail=str(exc.detail))
        return error_response(error, status=exc.status_code)

    async def internal_error(_request: Request, _exc: Exception) -> JSONResponse:
        # The server logs the traceback itself (Starlette re-raises after this answer).
        return JSONResponse(error_body(INTERNAL, "internal error; the server's log has the "
                                                 "details"), status_code=500)

    app.add_exception_handler(VeilleError, veille_error)
    app.add_exception_handler(SQLAlchemyError, database_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, internal_error)
