"""`veille eval`: run the pipeline over a gold file and measure it. Returns plain data."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ..pipeline import process_documents, to_report
from ..runtime import Runtime
from . import events_eval, places_eval
from .actor_names import ActorNames
from .admin_names import AdminNames
from .gold import gold_kind, read_gold


@dataclass
class EvalResult:
    """The figures of one gold file, and every error for analysis."""

    gold: str
    kind: str
    figures: dict
    errors: list[dict]


def evaluate(path: Path, runtime: Runtime, *, limit: int | None = None) -> EvalResult:
    """Score veille on the gold file at `path` (its first `limit` articles)."""
    gold = read_gold(path, limit=limit)
    kind = gold_kind(gold)
    if kind == "places":  # every toponym of the text is scored, not only those near events
        runtime = runtime.every_sentence()
    start = time.perf_counter()
    docs = process_documents([g.article for g in gold], runtime)
    seconds = time.perf_counter() - start
    if kind == "places":
        scores = places_eval.PlaceScores()
        for item, doc in zip(gold, docs, strict=True):
            places_eval.score_article(scores, item, doc, runtime.gazetteer)
        return EvalResult(str(path), kind, places_eval.figures(scores, seconds), scores.errors)
    actors, admins = ActorNames(), AdminNames(runtime.gazetteer)
    event_scores = events_eval.EventScores()
    for item, doc in zip(gold, docs, strict=True):
        events_eval.score_article(event_scores, item, to_report(doc), actors, admins)
    return EvalResult(str(path), kind, events_eval.figures(event_scores, seconds),
                      event_scores.errors)
