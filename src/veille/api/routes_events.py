"""GET /events (filtered, sorted, paginated), GET and PATCH /events/{event_id}, GET /stats."""

# No `from __future__ import annotations` here: FastAPI reads the routes' annotations at run
# time, and a dependency defined inside a router factory cannot be found from a string.

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, Security
from fastapi.security import HTTPAuthorizationCredentials

from ..errors import UnknownEvent
from ..export.atom import atom_feed
from ..model import Event
from . import queries
from .auth import BEARER
from .context import Context, json_response
from .schemas import Correction, ErrorBody, EventDetail, EventFilters, EventPage, Stats

NOT_FOUND = {404: {"model": ErrorBody, "description": "No such event (V301)."}}
BAD_REQUEST = {422: {"model": ErrorBody, "description": "A bad parameter (V403)."}}


def events_router(ctx: Context) -> APIRouter:
    router = APIRouter()
    store = ctx.store
    stats_cache = queries.StatsCache()

    @router.get("/events", response_model=EventPage, responses=BAD_REQUEST, tags=["events"])
    def list_events(filters: Annotated[EventFilters, Query()]) -> Response:
        """Stored events matching every filter given, one page at a time: pass `next_cursor`
        back as `cursor` (with the same filters and sort) for the next page."""
        events, after = queries.events_page(store, filters)
        return json_response(EventPage(events=events, next_cursor=after, count=len(events)))

    @router.get("/events.atom", responses={**BAD_REQUEST, 200: {
        "content": {"application/atom+xml": {}},
        "description": "An Atom feed of the records, newest change first."}}, tags=["events"])
    def events_feed(request: Request, filters: Annotated[EventFilters, Query()]) -> Response:
        """The events `GET /events` would give for the same filters, as an Atom feed, the
        records changed last first (unless `sort` says otherwise): subscribe to "Sudan, 10
        dead or more" in any feed reader."""
        if "sort" not in request.query_params:
            filters = filters.model_copy(update={"sort": "-updated"})
        events, _ = queries.events_page(store, filters)
        base = str(request.base_url).rstrip("/")
        title = "veille: " + (", ".join(f"{k}={v}" for k, v in request.query_params.items()
                                        if k not in ("limit", "cursor", "sort"))
                              or "all events")
        body = atom_feed(events, feed_url=str(request.url), title=title,
                         event_url=base + "/events/{event_id}")
        return Response(body, media_type="application/atom+xml; charset=utf-8")

    @router.get("/events/{event_id}", response_model=EventDetail, responses=NOT_FOUND,
                tags=["events"])
    def get_event(event_id: str) -> Response:
        """One living record, each article's own reading of it, every evidence span of them,
        and its revisions."""
        event = store.event(event_id)
        if event is None:
            raise UnknownEvent(event_id=event_id, url=store.url)
        return json_response(EventDetail(
            event=event, sources=store.sources(event_id),
            evidence=queries.evidence(store, owner_id=event_id),
            revisions=store.history(event_id)))

    def author(request: Request,
               _token: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)]) -> str:
        return ctx.writers.author(request)

    @router.patch("/events/{event_id}", response_model=Event, tags=["events"], responses={
        **NOT_FOUND, 401: {"model": ErrorBody, "description": "No valid token (V400)."},
        422: {"model": ErrorBody, "description": "Bad values (V302) or body (V403)."}})
    def correct_event(event_id: str, correction: Correction,
                      who: Annotated[str, Depends(author)]) -> Response:
        """Correct fields of a stored event (needs a token) and return it: written as a
        revision signed with the token's author and the reason; later articles no longer
        change those fields."""
        return json_response(store.correct(event_id, correction.values, author=who,
                                           reason=correction.reason))

    @router.get("/stats", response_model=Stats, tags=["stats"])
    def get_stats() -> Response:
        """Counts of stored events by type, ISO week and admin1, and totals."""
        return json_response(stats_cache.get(store))

    return router
