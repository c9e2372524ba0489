"""HTML pages: the main text and metadata by trafilatura, menus, footers and comments left out."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import trafilatura

from ..errors import BadDate, NoArticleText
from ..model import Article
from .ids import article_id
from .text import parse_published

# Dates from the page's metadata only (meta tags, JSON-LD, time elements): a date guessed from
# the running text could be any date the article mentions. Prefer publication to update.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def article_from_html(page: bytes | str, *, name: str, url: str | None = None,
                      published: dt.date | None = None, lang: str | None = None) -> Article:
    """An `Article` from one HTML page (trafilatura guesses the encoding of bytes).

    `url` (e.g. an archived page's address) wins over the page's canonical URL; `published`
    is used only when the page's metadata gives no date. `lang` is not read from the page:
    `<html lang>` is often a site-wide default, so language detection decides when it is None.
    A page with no main text raises `NoArticleText`. Nothing is fetched.
    """
    doc = trafilatura.bare_extraction(page, url=url, with_metadata=True, favor_precision=True,
                                      include_comments=False, date_extraction_params=_DATE_PARAMS)
    text = (doc.text or "").strip() if doc is not None else ""
    if not text:
        raise NoArticleText(path=name, detail="the page holds only navigation and boilerplate, "
                            "or nothing")
    url = url or doc.url or None
    return Article(id=article_id(text), text=text, url=url,
                   outlet=doc.sitename or doc.hostname or _hostname(url), title=doc.title or None,
                   published=_date(doc.date) or published, lang=lang, path=name)


def _date(value: str | None) -> dt.date | None:
    try:
        return parse_published(value)
    except BadDate:  # a malformed metadata date is no date, not a reason to drop the page
        return None


def _hostname(url: str | None) -> str | None:
    return urlsplit(url).hostname if url else None
