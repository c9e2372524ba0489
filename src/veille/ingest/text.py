"""Plain-text articles, with optional YAML front matter (title, published, lang, url, outlet).

    ---
    title: Des frappes touchent Idleb
    published: 2024-03-12
    lang: fr
    ---
    Body of the article ...

Offsets are into the body: the front matter is metadata, not article text.
"""

from __future__ import annotations

import datetime as dt
import re

import yaml

from ..errors import BadDate, BadFrontMatter, EmptyInput
from ..model import Article
from .ids import article_id

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FIELDS = {"title", "published", "lang", "url", "outlet", "id"}


# A publication date outside these bounds is a mistake (a mistyped year): news before 1900 is
# not what veille reads, and no report comes out after today (a day's grace for the time
# zones ahead of this machine's).
EARLIEST_PUBLISHED = dt.date(1900, 1, 1)


def parse_date(value: object) -> dt.date | None:
    """A date from `YYYY-MM-DD`, a timestamp or a date/datetime; None and "" stay None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return _iso_day(str(value))


def parse_published(value: object, *, today: dt.date | None = None) -> dt.date | None:
    """A publication date, as `parse_date` reads it; one before 1900 or after `today` (default:
    the machine's date) plus a day raises `BadDate`."""
    day = parse_date(value)
    if day is None:
        return None
    now = today or dt.date.today()
    if day < EARLIEST_PUBLISHED:
        raise BadDate(value=str(value), detail="it is before 1900")
    if day > now + dt.timedelta(days=1):
        raise BadDate(value=str(value), detail=f"it is in the future (today is {now})")
    return day


def _iso_day(text: str) -> dt.date:
    text = text.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:  # a full timestamp, as feeds give: 2024-11-30T08:15:00Z
        return dt.datetime.fromisoformat(text).date()
    except ValueError as exc:
        raise BadDate(value=text, detail="use YYYY-MM-DD") from exc


def article_from_text(text: str, *, name: str, published: dt.date | None = None,
                      lang: str | None = None) -> Article:
    """An `Article` from text with optional front matter; arguments override the front matter."""
    meta: dict = {}
    match = _FRONT.match(text)
    if match:
        try:
            meta = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as exc:
            raise BadFrontMatter(path=name, detail=str(exc).splitlines()[0]) from exc
        if not isinstance(meta, dict) or set(meta) - _FIELDS:
            unknown = sorted(set(meta) - _FIELDS) if isinstance(meta, dict) else meta
            raise BadFrontMatter(path=name, detail=f"unknown fields {unknown}")
        for key, value in meta.items():
            # YAML reads `title: 1984` as a number and `lang: no` as false: say so plainly.
            if key != "published" and value is not None and not isinstance(value, str):
                raise BadFrontMatter(path=name, detail=f"{key!r} must be text, got {value!r}; "
                                     "quote it")
        text = text[match.end():]
    if not text.strip():
        raise EmptyInput(path=name)
    return Article(
        id=str(meta.get("id") or article_id(text)), text=text, url=meta.get("url"),
        outlet=meta.get("outlet"), title=meta.get("title"),
        published=published or _front_date(meta.get("published"), name),
        lang=lang or meta.get("lang"), path=name,
    )


def _front_date(value: object, name: str) -> dt.date | None:
    try:
        return parse_published(value)
    except BadDate as exc:
        raise BadFrontMatter(path=name, detail=exc.message) from exc

