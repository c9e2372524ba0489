"""The same text published again, by another outlet or at another address (a wire story that
several papers carry): one article, and one more source for each event read from it.

An article is known by its text's hash, so a copy is not read again: its events are the
stored article's. What the copy adds is who else published it. Each of those events gains a
`Source` naming the copy's outlet, address, title and date, with a revision saying so; the
readings (`event_sources`) stay one per article, so a copy never counts as a second report of
the toll (fusion's low/best/high are over readings).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, insert, select, update

from ..model import Article, Event, Source
from . import schema


def is_new_copy(article: Article, stored: tuple[str | None, str | None]) -> bool:
    """Whether `article` names an address or an outlet other than the stored article's
    (`stored` is its (url, outlet)): a re-run over the same files adds nothing."""
    if article.url is not None:
        return article.url != stored[0]
    return article.outlet is not None and article.outlet != stored[1]


def add_copy(conn: Connection, article: Article, now: dt.datetime) -> list[str]:
    """Add `article` (a copy of a stored one, same id) as a source of every event read from
    the stored article that does not name it yet. Returns the ids of the events changed."""
    es, ev = schema.event_sources.c, schema.events.c
    event_ids = dict.fromkeys(conn.execute(
        select(es.event_id).where(es.article_id == article.id).order_by(es.id)).scalars())
    changed = []
    for event_id in event_ids:
        # FOR UPDATE: a concurrent merge of this event (PostgreSQL) waits, then reads this.
        record = conn.execute(select(ev.record).where(ev.event_id == event_id)
                              .with_for_update()).scalar_one()
        event = Event.model_validate_json(record)
        mine = [s for s in event.sources if s.article_id == article.id]
        if not mine or any(_names(s, article) for s in mine):
            continue
        event.sources.append(Source(
            article_id=article.id, url=article.url, outlet=article.outlet,
            title=article.title, published=article.published,
            attributed_to=mine[0].attributed_to))  # the same text credits the same body
        conn.execute(update(schema.events).where(ev.event_id == event_id).values(
            sources=len(event.sources), record=event.model_dump_json(), updated_at=now))
        where = article.outlet or article.url
        conn.execute(insert(schema.revisions), [{
            "event_id": event_id, "article_id": article.id, "at": now, "changes": {},
            "author": None, "reason": f"the same text, published by {where}"}])
        changed.append(event_id)
    return changed


def _names(source: Source, article: Article) -> bool:
    """Whether `source` already is this copy."""
    if article.url is not None:
        return source.url == article.url
    return source.outlet == article.outlet
