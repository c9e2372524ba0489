"""Records built by hand for tests that need no pipeline (fusion, the store on each backend)."""

from __future__ import annotations

import datetime as dt

from veille.model import Article, Event, Evidence, Fatalities, Report, Source, Span

# A short French article written for the tests: two events (an air strike with a toll, a
# clash between two armed groups) and a running total with its breakdown. The first
# apostrophe is typographic, so the repair stage shifts offsets.
FR_ARTICLE = (
    "Une frappe aérienne de l’armée syrienne a fait au moins 12 morts à Alep hier, "
    "selon l'OSDH.\n"
    "De violents combats ont opposé les FDS à l'État islamique près de Raqqa mardi.\n"
    "Au moins 40 personnes ont été tuées depuis le début du mois. "
    "Parmi eux, 30 combattants et 10 civils.\n"
)

BINNISH = (35.95664, 36.7138)
KAFR_NUBL = (35.61376, 36.56449)  # 40 km south of Binnish


def strike(article: str = "a1", day: int = 3, toll: Fatalities | None = None,
           published: int | None = None, **fields) -> Event:
    """An air strike in Binnish (Idlib, Syria) on March `day`, 2025, as one article (published
    on March `published`, by default the same day) read it."""
    lat, lon = fields.pop("at", BINNISH)
    values = {
        "event_id": f"{article}-e", "event_date": dt.date(2025, 3, day), "date_precision": 1,
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "actor1": "Military Forces of Russia", "country": "Syria", "iso": "SY",
        "admin1": "Idlib", "location": "Binnish", "latitude": lat, "longitude": lon,
        "geo_precision": 1, "fatalities": toll,
        "sources": [Source(article_id=article, published=dt.date(2025, 3, published or day))],
        "evidence": {"fatalities": Evidence(article_id=article, spans=[Span(start=0, end=4,
                                                                              text="neuf")])},
    }
    values.update(fields)
    return Event(**values)


def toll(low, best, high) -> Fatalities:
    return Fatalities(low=low, best=best, high=high)




def report(article: str, day: int, *events: Event, text: str = "neuf morts") -> Report:
    """A report of article `article`, published on March `day`, 2025, holding `events`."""
    return Report(article=Article(id=article, text=text, published=dt.date(2025, 3, day),
                                  outlet=f"outlet {article}"), events=list(events))
