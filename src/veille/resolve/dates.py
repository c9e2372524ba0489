"""Dates: time expressions to calendar dates, relative to the publication date (dateparser)."""

from __future__ import annotations

import datetime as dt
import warnings

import dateparser

from ..document import Mention
from ..resources import Lexicon

DAY = 1  # ACLED time_precision: the day is known
DAYS = 2  # a week or a few days
MONTH = 3  # the month is known


def resolve_date(mention: Mention, published: dt.date | None,
                 lexicon: Lexicon) -> tuple[dt.date, int] | None:
    """The calendar date a date mention names, or None when it cannot be known.

    Relative expressions (`hier`, `mardi`, `le 27 novembre` without a year) need the
    publication date; without one they stay unresolved rather than guessed.
    """
    # "hier", "last week": so many days from publication, to the day or to the week
    offsets = {"relative_day": (lexicon.dates.relative_days, DAY),
               "week": (lexicon.dates.weeks, DAYS)}
    if mention.kind in offsets:
        table, precision = offsets[mention.kind]
        offset = _phrase_value(mention.label, table)
        if published is None or offset is None:
            return None
        return published + dt.timedelta(days=offset), precision
    if mention.kind == "weekday":
        return _weekday(mention.label, published, lexicon)
    if mention.kind == "month":
        return _month(mention, published)
    if mention.kind != "date":
        return None
    has_year = bool(mention.data.get("y1") or mention.data.get("y2"))
    if published is None and not has_year:
        return None
    text = _strip_prefix(mention.label, lexicon)
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time(12))
    with warnings.catch_warnings():  # dateparser warns about pytz internals on some versions
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(text, languages=[lexicon.lang], settings=settings)
    if parsed is None:
        return None
    day = parsed.date()
    if published is not None and day > published + dt.timedelta(days=0 if not has_year else 1):
        # A day after publication is a misreading (no year) or a plan, not news; a dated day
        # after it is allowed one day, for datelines written east of the publisher.
        return None
    return day, mention.data.get("precision", DAY)


def _month(mention: Mention, published: dt.date | None) -> tuple[dt.date, int] | None:
    """A month named without its day: its 15th, as ACLED codes it (time precision 3); with no
    year, the latest such month on or before publication; "earlier this month" names the
    report's own. Never after publication."""
    months = [int(k.rsplit("_", 1)[1]) for k in mention.data if "month_" in k]
    years = [int(v) for k, v in mention.data.items() if k.startswith("year")]
    if published is None and not (months and years):
        return None
    month = months[0] if months else published.month
    year = years[0] if years else published.year - (month > published.month)
    day = dt.date(year, month, 15)
    if published is not None and day > published:
        if (year, month) != (published.year, published.month):
            return None  # a month to come: a plan, not news
        day = published
    return day, MONTH


def _weekday(text: str, published: dt.date | None,
             lexicon: Lexicon) -> tuple[dt.date, int] | None:
    """`mardi` in a report: the latest such day on or before publication (the same day when the
    report is published on a Tuesday: news speaks of the past week, not of the next)."""
    names = [w.lower() for w in lexicon.dates.weekdays]
    if published is None or text.lower() not in names:
        return None
    back = (published.weekday() - names.index(text.lower())) % 7
    return published - dt.timedelta(days=back), DAY


def _phrase_value(text: str, table: dict[str, int]) -> int | None:
    lowered = text.lower()
    for phrase, offset in table.items():
        if phrase.lower() == lowered:
            return offset
    return None


def _strip_prefix(text: str, lexicon: Lexicon) -> str:
    lowered = text.lower()
    for prefix in sorted(lexicon.dates.day_prefixes, key=len, reverse=True):
        if lowered.startswith(prefix.lower() + " "):
            return text[len(prefix) + 1:]
    return text
