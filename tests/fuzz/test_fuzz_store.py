"""The store round trip: any event, stored and read back, is the event it was (or, on
PostgreSQL, one holding a NUL character is refused with a clear error)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from veille.model import Article, Event, Evidence, Fatalities, Report, Source, Span

TEXT = st.text(max_size=40)
MAYBE = st.none() | TEXT
COUNT = st.none() | st.integers(min_value=0, max_value=10**9)
DAY = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@st.composite
def events(draw) -> Event:
    low, best, high = sorted([draw(COUNT) or 0 for _ in range(3)])
    toll = draw(st.none() | st.just(Fatalities(low=low, best=best if draw(st.booleans()) else None,
                                               high=high)))
    span_text = draw(TEXT)
    return Event(
        event_id=draw(st.text(min_size=1, max_size=30)), event_date=draw(st.none() | DAY),
        date_precision=draw(st.none() | st.integers(1, 3)), event_type=draw(TEXT),
        sub_event_type=draw(TEXT), actor1=draw(MAYBE), actor2=draw(MAYBE),
        assoc_actor1=draw(st.lists(TEXT, max_size=3)), country=draw(MAYBE),
        iso=draw(st.none() | st.text(min_size=2, max_size=2)), admin1=draw(MAYBE),
        location=draw(MAYBE), notes=draw(MAYBE),
        **dict(zip(("latitude", "longitude"), draw(st.none() | st.tuples(
            st.floats(-90, 90), st.floats(-180, 180))) or (None, None), strict=True)),
        fatalities=toll, confidence=draw(st.floats(0, 1)),
        sources=[Source(article_id="fuzz-article", published=draw(st.none() | DAY))],
        evidence={"location": Evidence(article_id="fuzz-article", spans=[
            Span(start=0, end=len(span_text), text=span_text)])},
    )


@given(event=events())
def test_an_event_comes_back_from_the_store_unchanged(fuzz_store, event):
    store = fuzz_store
    run = uuid.uuid4().hex  # examples share one store: each its own article and event ids
    article = Article(id=run, text="fuzz", published=dt.date(2025, 1, 1))
    evidence = {k: e.model_copy(update={"article_id": run}) for k, e in event.evidence.items()}
    event = event.model_copy(update={"event_id": f"{run}-{event.event_id}",
                                     "sources": [Source(article_id=run)], "evidence": evidence})
    [result] = store.save_all([Report(article=article, events=[event])])
    if result.error is not None:  # PostgreSQL stores no NUL character in text: said plainly
        assert "\\u0000" in event.model_dump_json()  # JSON writes U+0000 so
        assert "cannot contain NUL" in result.error.message and not result.stored
        return
    assert result.stored
    if result.merged:  # fused with an earlier example's event: a living record, not this one
        return
    assert result.created == [event.event_id]
    back = store.event(event.event_id)
    assert back is not None and back.updated_at is not None and back.number is not None
    kept = {"updated_at", "number"}  # the store's own: when it last changed, its serial number
    assert back.model_dump(exclude=kept) == event.model_dump(exclude=kept)


def test_an_article_holding_nul_is_refused_on_every_backend(fuzz_store):
    """Found by this suite: PostgreSQL refuses U+0000 in text where SQLite keeps it. An article
    holding one is refused, with the same clear error, on both."""
    article = Article(id=uuid.uuid4().hex, text="Trois morts à Alep.\x00", lang="fr")
    [result] = fuzz_store.save_all([Report(article=article)])
    assert not result.stored
    assert "holds a NUL character (U+0000)" in result.error.message
    assert not fuzz_store.seen([article.id])


def test_half_a_point_is_refused():
    """Found by this suite: an event with a latitude and no longitude broke fusion (a distance
    to nowhere). The record now refuses it."""
    with pytest.raises(ValidationError, match="latitude and longitude go together"):
        Event(event_id="e", event_type="Battles", sub_event_type="Armed clash", latitude=0.0)
