"""WARC web archives (plain or gzip): each HTML response with status 200 is an article."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from ..errors import BadDate, DamagedArchive, InputTooLarge, VeilleError
from ..model import Article
from .html import article_from_html
from .text import parse_date

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_BLOCK = 1 << 16


def warc_records(path: Path, *, max_bytes: int, published: dt.date | None = None,
                 lang: str | None = None) -> Iterator[Article | VeilleError]:
    """The HTML pages of a WARC file as articles, in archive order, and one error per problem.

    Only `response` records with status 200 and an HTML content type are read; other records
    are skipped silently. The archive is streamed, so `max_bytes` limits each page, not the
    file. A truncated or corrupt archive ends with one `DamagedArchive` error naming the record
    and byte offset where it broke; the articles before it have been yielded. The page's own
    date wins, then the WARC-Date (when it was archived), then `published`.
    """
    size = path.stat().st_size
    kept = number = 0
    with path.open("rb") as handle:
        archive = ArchiveIterator(handle)
        records = iter(archive)
        while True:
            try:
                with _quiet():
                    record = next(records)
            except StopIteration:
                break
            except Exception as exc:  # warcio fails in many ways on damaged bytes, even AttributeError
                # `archive.offset` was moved past the previous record before the failure.
                yield _damaged(path, number + 1, archive.offset, _say(exc), kept)
                return
            number += 1
            start = archive.offset  # this record's first byte (not get_record_offset: it reads)
            try:
                with _quiet():
                    page = _html_page(record, max_bytes)
                    complete = _drain(record)
            except Exception as exc:  # same: a damaged body (bad gzip, bad chunking)
                yield _damaged(path, number, start, _say(exc), kept)
                return
            if not complete:
                yield _damaged(path, number, start, "the file ends inside this record", kept)
                return
            if page is None:
                continue
            item = _article(record, page, name=f"{path}#record-{number}", max_bytes=max_bytes,
                            published=published, lang=lang)
            kept += isinstance(item, Article)
            yield item
        if archive.offset < size:  # a gzip member cut short ends the iteration without an error
            yield _damaged(path, number + 1, archive.offset, "the file ends inside this record",
                           kept)


def is_html_page(record) -> bool:
    """Whether a WARC record is an HTML 200 response: the records read as articles."""
    headers = record.http_headers
    if record.rec_type != "response" or headers is None or headers.get_statuscode() != "200":
        return False
    content_type = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return content_type in _HTML_TYPES


def _html_page(record, max_bytes: int) -> bytes | None:
    """The body of an HTML 200 response (up to one byte past `max_bytes`), else None."""
    if not is_html_page(record):
        return None
    return record.content_stream().read(max_bytes + 1)


def _drain(record) -> bool:
    """Read the rest of the record; False when it is cut short: its headers end before the
    (mandatory) Content-Length, or the file holds fewer bytes than that length says."""
    if record.rec_headers.get_header("Content-Length") is None:
        return False
    while record.raw_stream.read(_BLOCK):
        pass
    return getattr(record.raw_stream, "limit", 0) == 0


def _article(record, page: bytes, *, name: str, max_bytes: int, published: dt.date | None,
             lang: str | None) -> Article | VeilleError:
    if len(page) > max_bytes:
        return InputTooLarge(path=name, size=record.length, limit=max_bytes)
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    try:
        archived = parse_date(record.rec_headers.get_header("WARC-Date"))
    except BadDate:
        archived = None
    try:
        return article_from_html(page, name=name, url=url, published=archived or published,
                                 lang=lang)
    except VeilleError as exc:
        return exc


def _damaged(path: Path, record: int, offset: int, detail: str, kept: int) -> DamagedArchive:
    return DamagedArchive(path=str(path), record=record, offset=offset, detail=detail, kept=kept)


def _say(exc: Exception) -> str:
    """A one-line reason from warcio's exception (its messages can span many lines)."""
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


@contextlib.contextmanager
def _quiet():
    """Keep warcio's warnings about damaged records off the user's terminal: the damage is
    reported once, as an error."""
    with contextlib.redirect_stderr(io.StringIO()):
        yield
