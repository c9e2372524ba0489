"""Pair predicted and gold events of one article (DESIGN.md, "Evaluation").

A pair is allowed when the places agree (within 50 km, or the same admin1 where either has no
coordinates, or, where the gold has only a name, the same name or words of it (`Grand Tunis`),
the country it names, or a gazetteer place of that name within 50 km: POPCORN writes `Marrakech`
where GeoNames says `Marrakesh`) and the dates are within
two days (where both have one; a prediction's date counts by its precision: "in November" is the
month). Among allowed pairs, the assignment that maximises agreement wins (Hungarian algorithm,
scipy); event type breaks ties.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from scipy.optimize import linear_sum_assignment

from ..geo import km
from ..model import Event
from ..resolve.gazetteer import normalize
from .actor_names import ActorNames
from .admin_names import AdminNames

PAIR_KM = 50.0
PAIR_DAYS = 2
_GOLD_LANGUAGES = ("fr", "en")  # of the place names gold sets write


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def place_agrees(pred: Event, gold: dict, admins: AdminNames) -> bool:
    """Whether a predicted event may pair with a gold one by place. A prediction placed at
    region level (geo precision 3) has no point to measure from: its admin1 decides."""
    precise = pred.latitude is not None and pred.geo_precision != 3
    if precise and gold.get("latitude") is not None:
        return km(pred.latitude, pred.longitude, gold["latitude"], gold["longitude"]) <= PAIR_KM
    if pred.admin1 and gold.get("admin1"):
        return admins.same(pred.admin1, gold["admin1"], pred.iso)
    names = [gold["location"]] if gold.get("location") else gold.get("location_candidates", [])
    if pred.location and names:
        if any(_names_within(pred.location, n) for n in names):
            return True
        if pred.iso and any(_country_code(n, admins) == pred.iso for n in names):
            return True  # the gold says only the country ("Tunisie"): the prediction is in it
        found = [admins.gazetteer.lookup(n, country_code=pred.iso) for n in names]
        if precise:
            return any(_near(pred, place) for place in found)
        # A region named in another language (`Californie`): the gazetteer's region itself.
        return any(place is not None and normalize(place.name) == normalize(pred.location)
                   for place in found)
    return True


def _country_code(name: str, admins: AdminNames) -> str | None:
    """The ISO code of a country named in the gold's languages, else None."""
    key = normalize(name)
    return next((table[key] for lang in _GOLD_LANGUAGES
                 if key in (table := admins.gazetteer.country_names(lang))), None)


def _names_within(location: str, gold_name: str) -> bool:
    """Whether a predicted place's name is the gold's, or words of it ("Tunis" in the gold's
    "Grand Tunis": the metropolitan area of the town)."""
    words, gold = normalize(location).split(), normalize(gold_name).split()
    return any(gold[i:i + len(words)] == words for i in range(len(gold) - len(words) + 1))


def _near(pred: Event, place) -> bool:
    return (place is not None and place.latitude is not None
            and km(pred.latitude, pred.longitude, place.latitude, place.longitude) <= PAIR_KM)


def date_agrees(pred: Event, gold: dict) -> bool:
    """Whether a predicted event may pair with a gold one by date: within two days of the days
    its date stands for (a month-precision date stands for its month)."""
    window, b = pred.date_window(), _date(gold.get("event_date"))
    if window is None or b is None:
        return True
    return (window[0] - b).days <= PAIR_DAYS and (b - window[1]).days <= PAIR_DAYS


def agreement(pred: Event, gold: dict, actors: ActorNames) -> float:
    """How much of a gold event a prediction gets right; event type counts double (tie-break)."""
    score = 2.0 * (pred.event_type == gold.get("event_type"))
    score += pred.sub_event_type == gold.get("sub_event_type")
    score += actors.same(pred.actor1, gold.get("actor1"))
    score += actors.same(pred.actor2, gold.get("actor2"))
    return score + 0.1  # an allowed pair always beats no pair


def match(preds: list[Event], golds: list[dict], actors: ActorNames,
          admins: AdminNames) -> list[tuple[int, int]]:
    """(prediction index, gold index) pairs of the best assignment."""
    if not preds or not golds:
        return []
    scores = np.zeros((len(preds), len(golds)))
    for i, pred in enumerate(preds):
        for j, gold in enumerate(golds):
            if place_agrees(pred, gold, admins) and date_agrees(pred, gold):
                scores[i, j] = agreement(pred, gold, actors)
    rows, cols = linear_sum_assignment(-scores)
    return [(i, j) for i, j in zip(rows, cols, strict=True) if scores[i, j] > 0]
