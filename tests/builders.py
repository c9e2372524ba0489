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


# --- generated articles ------------------------------------------------------------------------
# Short French wire items written from templates for the tests that need many real articles
# through the real pipeline (the crash and concurrency tests). Each event is told by one to
# three outlets, a day apart, so that the store fuses some reports; every article ends with its
# own dispatch number, so every article has its own id. Two templates write the typographic
# apostrophe, which the repair stage straightens (so reports have repairs too).

_TOWNS = [  # (town as written, where it is)
    ("Idleb", "dans le nord-ouest de la Syrie"), ("Alep", "dans le nord de la Syrie"),
    ("Raqqa", "dans le nord-est de la Syrie"), ("Homs", "dans le centre de la Syrie"),
    ("Gao", "dans le nord du Mali"), ("Mopti", "dans le centre du Mali"),
    ("Tombouctou", "dans le nord du Mali"), ("Djibo", "dans le nord du Burkina Faso"),
    ("Kaya", "dans le centre-nord du Burkina Faso"), ("Goma", "dans l'est de la RDC"),
    ("Bunia", "dans la province de l'Ituri, en RDC"), ("El Fasher", "dans l'ouest du Soudan"),
    ("Nyala", "au Darfour, dans l'ouest du Soudan"), ("Tillabéri", "dans l'ouest du Niger"),
]
_OUTLETS = ["Agence Sahel Info", "Le Courrier du Levant", "Radio Grands Lacs", "Dépêches Monde"]
_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_KINDS = [
    ("Frappe aérienne sur {town}",
     "Au moins {n} civils ont été tués {day} dans une frappe aérienne sur {town}, {where}, "
     "selon une ONG locale. Plusieurs maisons ont été détruites."),
    ("Combats près de {town}",
     "De violents affrontements ont opposé {day} l’armée à des hommes armés près de {town}, "
     "{where}. {n} soldats ont été tués, selon une source sécuritaire."),
    ("Attaque contre un village près de {town}",
     "Des hommes armés ont attaqué {day} un village proche de {town}, {where}, tuant {n} "
     "personnes, ont indiqué les autorités locales."),
    ("Manifestation à {town}",
     "Des centaines de personnes ont manifesté {day} à {town}, {where}, pour réclamer le "
     "retour de la sécurité. Le rassemblement s'est déroulé dans le calme."),
    ("Explosion à {town}",
     "L’explosion d’un engin piégé a tué {n} personnes {day} sur un marché de {town}, "
     "{where}, a annoncé la police."),
]


def conflict_news(count: int, seed: int = 0, first: int = 0) -> list[tuple[str, str]]:
    """`count` short French conflict-news articles as (file name, file text with front
    matter), the same for the same arguments; `first` numbers the dispatches (two sets with
    different `first` share no article)."""
    import random

    rng = random.Random(seed)
    articles: list[tuple[str, str]] = []
    while len(articles) < count:
        town, where = rng.choice(_TOWNS)
        title, body = rng.choice(_KINDS)
        happened = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(300))
        toll_ = rng.randrange(2, 40)
        for told in range(min(rng.choice([1, 1, 2, 3]), count - len(articles))):
            number = first + len(articles)
            published = happened + dt.timedelta(days=1 + told)
            text = body.format(n=toll_ + told, day=_DAYS[happened.weekday()], town=town,
                               where=where)
            articles.append((f"depeche-{number:05d}.txt", (
                f"---\ntitle: \"{title.format(town=town)}\"\npublished: {published}\nlang: fr\n"
                f"outlet: {rng.choice(_OUTLETS)}\n---\n{text}\n\nDépêche n° {number}.\n")))
    return articles


def write_conflict_news(folder, count: int, seed: int = 0, first: int = 0) -> list:
    """Write `conflict_news(...)` into `folder` (created); returns the paths, in order."""
    from pathlib import Path

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in conflict_news(count, seed, first):
        path = folder / name
        path.write_text(text, "utf-8")
        paths.append(path)
    return paths
