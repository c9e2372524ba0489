"""Event measures over matched pairs (accuracies are over matched pairs, as DESIGN.md says)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from ..geo import km
from ..model import Event, Report
from ..resolve.gazetteer import normalize
from .actor_names import ActorNames
from .admin_names import AdminNames
from .gold import GoldArticle
from .matching import _date, match

LOCATION_KM = 25.0


@dataclass
class Tally:
    """Right / scored counts of one measure."""

    right: int = 0
    scored: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.scored += 1

    def value(self) -> float | None:
        return round(self.right / self.scored, 4) if self.scored else None


@dataclass
class EventScores:
    """Everything counted over one gold file."""

    articles: int = 0
    gold_events: int = 0
    predicted_events: int = 0
    matched: int = 0
    typed_gold: int = 0  # gold events that give an event type
    typed_right: int = 0  # matched pairs that agree on it
    tallies: dict[str, Tally] = field(default_factory=dict)
    km_errors: list[float] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)

    def tally(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally())


_FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "admin1")


def score_article(scores: EventScores, gold: GoldArticle, report: Report,
                  actors: ActorNames, admins: AdminNames) -> None:
    """Add one article's predictions to `scores`."""
    golds = gold.events or []
    preds = report.events
    scores.articles += 1
    scores.gold_events += len(golds)
    scores.typed_gold += sum(1 for g in golds if g.get("event_type"))
    scores.predicted_events += len(preds)
    pairs = match(preds, golds, actors, admins)
    scores.matched += len(pairs)
    for i, j in pairs:
        _score_pair(scores, preds[i], golds[j], actors, admins, gold)
    paired_p, paired_g = {i for i, _ in pairs}, {j for _, j in pairs}
    for i, pred in enumerate(preds):
        if i not in paired_p:
            scores.errors.append(_error("unmatched_prediction", gold, pred=pred))
    for j, event in enumerate(golds):
        if j not in paired_g:
            scores.errors.append(_error("unmatched_gold", gold, want=event))


def _score_pair(scores: EventScores, pred: Event, want: dict, actors: ActorNames,
                admins: AdminNames, gold: GoldArticle) -> None:
    wrong = []
    for name in _FIELDS:
        if name not in want:
            continue
        got = getattr(pred, name)
        if name.startswith("actor"):
            ok = actors.same(got, want[name])
        elif name == "admin1":
            ok = admins.same(got, want[name], pred.iso)
        else:
            ok = got is not None and normalize(got) == normalize(str(want[name]))
        scores.tally(f"{name}_accuracy").add(ok)
        scores.typed_right += ok and name == "event_type"
        if not ok:
            wrong.append(name)
    if want.get("latitude") is not None:
        ok = pred.latitude is not None
        if ok:
            error = km(pred.latitude, pred.longitude, want["latitude"], want["longitude"])
            scores.km_errors.append(error)
            ok = error <= LOCATION_KM
        scores.tally("location_within_25km").add(ok)
        if not ok:
            wrong.append("location")
    if "fatalities" in want:
        best = pred.fatalities.best if pred.fatalities else None
        # ACLED writes 0 where no number is reported; veille writes null: they agree.
        ok = best == want["fatalities"] or (best is None and want["fatalities"] == 0)
        scores.tally("fatalities_exact").add(ok)
        if not ok:
            wrong.append("fatalities")
        if want.get("fatalities_low") is not None and want.get("fatalities_high") is not None:
            inside = best is not None and want["fatalities_low"] <= best <= want["fatalities_high"]
            scores.tally("fatalities_within_range").add(
                inside or (best is None and want["fatalities_high"] == 0))
    if want.get("event_date"):
        ok = pred.event_date == _date(want["event_date"])
        scores.tally("date_exact").add(ok)
        if not ok:
            wrong.append("event_date")
    if wrong:
        scores.errors.append(_error("wrong_fields", gold, pred=pred, want=want, fields=wrong))


def _error(kind: str, gold: GoldArticle, *, pred: Event | None = None, want: dict | None = None,
           fields: list[str] | None = None) -> dict:
    record: dict = {"kind": kind, "id": gold.article.id, "text": gold.article.text}
    if pred is not None:
        record["predicted"] = {
            k: v for k, v in pred.model_dump(mode="json", exclude={"sources", "notes"}).items()
            if k != "evidence"}
        record["evidence"] = {k: [s.text for s in ev.spans] for k, ev in pred.evidence.items()}
    if want is not None:
        record["gold"] = want
    if fields:
        record["fields"] = fields
    return record


def figures(scores: EventScores, seconds: float) -> dict:
    """The measures `veille eval` prints for event gold."""
    precision = scores.matched / scores.predicted_events if scores.predicted_events else None
    recall = scores.matched / scores.gold_events if scores.gold_events else None
    f1 = (2 * precision * recall / (precision + recall)
          if precision and recall else (0.0 if precision is not None and recall is not None
                                        else None))
    out = {
        "articles": scores.articles, "gold_events": scores.gold_events,
        "predicted_events": scores.predicted_events, "matched": scores.matched,
        "precision": _round(precision), "recall": _round(recall), "f1": _round(f1),
    }
    # A pair counts only when its event type is right (POPCORN's "event-type F1").
    typed_p = scores.typed_right / scores.predicted_events if scores.predicted_events else None
    typed_r = scores.typed_right / scores.typed_gold if scores.typed_gold else None
    out["event_type_f1"] = _round(2 * typed_p * typed_r / (typed_p + typed_r)
                                  if typed_p and typed_r else None)
    for name in ("event_type_accuracy", "sub_event_type_accuracy", "actor1_accuracy",
                 "actor2_accuracy", "admin1_accuracy", "location_within_25km",
                 "fatalities_exact", "fatalities_within_range", "date_exact"):
        out[name] = scores.tallies[name].value() if name in scores.tallies else None
    out["median_km_error"] = (round(statistics.median(scores.km_errors), 2)
                              if scores.km_errors else None)
    out["articles_per_second"] = round(scores.articles / seconds, 2) if seconds else None
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
