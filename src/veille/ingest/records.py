"""One file to its records, whatever its format: articles and the errors met on the way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from ..errors import BinaryInput, VeilleError
from ..model import Article, Rejected
from .decode import decode_bytes, read_bytes
from .detect import detect_format
from .feed import feed_records
from .html import article_from_html
from .jsonl import count_lines, jsonl_file_records
from .text import article_from_text
from .warc import is_html_page, warc_records


def file_records(file: Path, *, max_bytes: int, published: dt.date | None = None,
                 lang: str | None = None,
                 legacy_encoding: str = "cp1252") -> Iterator[Article | VeilleError]:
    """The articles of `file`, in file order, with an error object in place of each record that
    cannot be read. A problem with the whole file (empty, binary, too large, undecodable, no
    article text) is one error, and ends the file. Text that is not UTF-8 is decoded as
    `decode_bytes` says, with `legacy_encoding`."""
    name = str(file)
    try:
        fmt = detect_format(file)
        if fmt == "warc":  # streamed: an archive may be far larger than max_bytes
            yield from warc_records(file, max_bytes=max_bytes, published=published, lang=lang)
            return
        if fmt == "binary":
            raise BinaryInput(path=name)
        if fmt == "jsonl":  # streamed too: max_bytes bounds each line
            yield from jsonl_file_records(file, max_bytes=max_bytes,
                                          legacy_encoding=legacy_encoding)
            return
        data = read_bytes(file, max_bytes=max_bytes)
        if fmt == "html":
            yield article_from_html(data, name=name, published=published, lang=lang)
        elif fmt == "feed":
            yield from feed_records(data, name=name, published=published, lang=lang)
        else:
            yield article_from_text(decode_bytes(data, name, legacy_encoding=legacy_encoding),
                                    name=name, published=published,
                                    lang=lang)
    except VeilleError as exc:
        yield exc


def ingest_reject(error: VeilleError, file: Path) -> Rejected:
    """A record or file of `file` that could not be read, as a reject: its source is where the
    error says (a JSON line as `file:line`, a feed as `file:line`, else the file)."""
    fields = error.fields
    source = fields.get("where") or fields.get("path") or file
    if "line" in fields:
        source = f"{source}:{fields['line']}"
    return Rejected(source=str(source), stage="ingest", code=error.code, message=error.message)


def count_records(file: Path, *, max_bytes: int) -> int:
    """About how many articles `file` gives, for a progress bar: cheaper than reading them
    (WARC records are counted from their headers, JSON Lines by line, without extracting any
    text). A file that cannot be read counts as one (it gives one error); a damaged archive
    counts its pages before the damage (or one more, where the damage raises)."""
    try:
        fmt = detect_format(file)
        if fmt == "warc":
            return _count_warc_pages(file)
        if fmt == "jsonl":
            return max(1, count_lines(file))
        if fmt == "feed":
            data = read_bytes(file, max_bytes=max_bytes)
            return max(1, sum(1 for _ in feed_records(data, name=str(file))))
    except (OSError, VeilleError):
        pass
    return 1


def _count_warc_pages(file: Path) -> int:
    count = 0
    try:
        with file.open("rb") as handle:
            for record in ArchiveIterator(handle):
                count += is_html_page(record)
    except Exception:  # a damaged archive: what was counted, plus its error
        count += 1
    return max(count, 1)
