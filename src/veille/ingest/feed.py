"""RSS and Atom files: each entry with a content or summary is an article."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator

import feedparser
from feedparser.exceptions import CharacterEncodingOverride, NonXMLContentType
from lxml import etree
from lxml import html as lxml_html

from ..errors import BadFeed, NoArticleText, VeilleError
from ..model import Article
from .ids import article_id

# Elements that end a line of text: paragraph breaks survive the conversion to text.
_BREAKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
           "pre", "section", "article", "figcaption", "dd", "dt", "table", "ul", "ol"}
_SPACES = re.compile(r"\s+")
# Problems feedparser flags that leave the entries intact: nothing to report then.
_HARMLESS = (CharacterEncodingOverride, NonXMLContentType)


def feed_records(data: bytes, *, name: str, published: dt.date | None = None,
                 lang: str | None = None) -> Iterator[Article | VeilleError]:
    """The entries of an RSS/Atom document as articles, in order, and one error per problem.

    An entry without text is a `NoArticleText` error; broken XML is one `BadFeed` error with
    the line, yielded before the entries feedparser could still recover. `published` fills in
    entries without a date. Nothing is fetched: feedparser reads from memory.
    """
    parsed = feedparser.parse(io.BytesIO(data))
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and not (parsed.entries and isinstance(problem, _HARMLESS)):
        # First: it explains the entries that follow, and `read_file` raises the first error.
        yield _bad_feed(name, problem, recovered=len(parsed.entries))
    elif not parsed.entries:
        yield NoArticleText(path=name, detail="the feed has no entries")
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            item: Article | VeilleError = _entry_article(
                entry, where=f"{name}#entry-{number}", outlet=outlet, published=published,
                lang=lang)
        except VeilleError as exc:
            item = exc
        yield item


def _entry_article(entry, *, where: str, outlet: str | None, published: dt.date | None,
                   lang: str | None) -> Article:
    text = _entry_text(entry)
    if not text:
        raise NoArticleText(path=where, detail="the entry has no content or summary")
    when = entry.get("published_parsed") or entry.get("updated_parsed")  # UTC struct_time
    return Article(id=article_id(text), text=text, url=entry.get("link") or None, outlet=outlet,
                   title=entry.get("title") or None,
                   published=dt.date(*when[:3]) if when else published, lang=lang, path=where)


def _entry_text(entry) -> str:
    """The entry's longest content (Atom may give several), else its summary, as text."""
    contents = entry.get("content") or []
    detail = max(contents, key=lambda c: len(c.get("value") or ""), default=None)
    detail = detail or entry.get("summary_detail")
    if not detail:
        return ""
    value = detail.get("value") or ""
    if detail.get("type") == "text/plain":
        return value.strip()
    return html_to_text(value)


def html_to_text(markup: str) -> str:
    """The text of an HTML fragment, one line per paragraph, spaces within lines folded."""
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return " ".join(markup.split())
    for element in list(root.iter(etree.Element)):
        if element.tag in ("script", "style"):
            element.drop_tree()
            continue
        # A line break in the source is a space; the text's line breaks are the elements'.
        element.text = _SPACES.sub(" ", element.text) if element.text else element.text
        element.tail = _SPACES.sub(" ", element.tail) if element.tail else element.tail
        if element.tag in _BREAKS:
            element.tail = "\n" + (element.tail or "")
            if element.tag != "br":
                element.text = "\n" + (element.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _bad_feed(name: str, problem: Exception, *, recovered: int) -> BadFeed:
    line = problem.getLineNumber() if hasattr(problem, "getLineNumber") else None
    message = problem.getMessage() if hasattr(problem, "getMessage") else str(problem)
    outcome = f"entries recovered: {recovered}" if recovered else "no entry could be read"
    return BadFeed(where=f"{name}:{line}" if line else name,
                   detail=f"{' '.join(str(message).split())}; {outcome}")
