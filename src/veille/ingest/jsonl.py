"""JSON Lines articles: one `{"id", "url", "title", "published", "lang", "text"}` per line.

A file is streamed line by line (gzip too), so it may be of any size: `max_bytes` bounds each
line, as it bounds each page of a WARC archive, not the file.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import BadGzip, BadJsonLine, EmptyInput, VeilleError
from ..model import Article
from .decode import GZIP_MAGIC, decode_bytes, read_bytes, utf16_encoding
from .ids import article_id
from .text import parse_published

_SKIP = 1 << 20  # bytes read at a time past the end of a line too long to keep


def read_jsonl(path: Path, *, max_bytes: int) -> Iterator[Article]:
    """Articles of a JSON Lines file; a bad line raises an error naming the file and line."""
    for item in jsonl_file_records(path, max_bytes=max_bytes):
        if isinstance(item, VeilleError):
            raise item
        yield item


def jsonl_file_records(path: Path, *, max_bytes: int,
                       legacy_encoding: str = "cp1252") -> Iterator[Article | VeilleError]:
    """Each non-blank line of the JSON Lines file `path` (gzip or not) as an article, or as
    the error naming its line (a line over `max_bytes`, undecodable or not an article); a bad
    line does not stop the lines after it. Damaged gzip ends the file with `BadGzip`."""
    name = str(path)
    with path.open("rb") as probe:
        head = probe.read(4096)
    if head.startswith(GZIP_MAGIC):
        with gzip.open(path, "rb") as handle:
            try:
                yield from _lines(handle, name, max_bytes, legacy_encoding)
            except (OSError, EOFError, zlib.error) as exc:
                yield BadGzip(path=name, detail=str(exc) or type(exc).__name__)
    elif utf16_encoding(head):  # lines cannot be cut apart before decoding: read it whole
        text = decode_bytes(read_bytes(path, max_bytes=max_bytes), name,
                            legacy_encoding=legacy_encoding)
        yield from jsonl_records(text, name=name)
    else:
        with path.open("rb") as handle:
            yield from _lines(handle, name, max_bytes, legacy_encoding)


def _lines(handle: BinaryIO, name: str, max_bytes: int,
           legacy_encoding: str) -> Iterator[Article | VeilleError]:
    number = read = 0
    while raw := handle.readline(max_bytes + 1):
        number += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while (rest := handle.readline(_SKIP)) and not rest.endswith(b"\n"):
                pass  # the rest of the line, read in bounded pieces and dropped
            yield BadJsonLine(path=name, line=number, detail=f"the line is longer than "
                              f"{max_bytes} bytes (ingest.max_bytes)")
            continue
        if not raw.strip():
            continue
        read += 1
        try:
            line = decode_bytes(raw, name, legacy_encoding=legacy_encoding)
        except VeilleError as exc:  # the message without the file name the error repeats
            yield BadJsonLine(path=name, line=number, detail=exc.message.removeprefix(f"{name}: "))
            continue
        yield _record(line, name, number)
    if not read:
        yield EmptyInput(path=name)


def count_lines(path: Path) -> int:
    """The non-blank lines of a JSON Lines file (gzip or not), counted without decoding them."""
    with path.open("rb") as probe:
        gzipped = probe.read(2) == GZIP_MAGIC
    count, blank = 0, True
    with (gzip.open(path, "rb") if gzipped else path.open("rb")) as handle:
        for piece in iter(lambda: handle.readline(_SKIP), b""):  # a long line comes in pieces
            blank = blank and not piece.strip()
            if piece.endswith(b"\n"):
                count, blank = count + (not blank), True
    return count + (not blank)


def jsonl_records(text: str, *, name: str) -> Iterator[Article | BadJsonLine]:
    """Each non-blank line of JSON Lines `text` (from the file `name`) as an article, or as the
    error naming its line: a bad line does not stop the lines after it."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _record(line, name, number)


def _record(line: str, name: str, number: int) -> Article | BadJsonLine:
    """Line `number` of `name` as an article, or the error saying why it is none."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return BadJsonLine(path=name, line=number, detail=f"invalid JSON ({exc.msg})")
    except RecursionError:
        return BadJsonLine(path=name, line=number, detail="invalid JSON (nested too deeply)")
    try:
        return article_from_record(record, name=f"{name}:{number}")
    except BadJsonLine as exc:
        return exc


def article_from_record(record: object, *, name: str) -> Article:
    """An `Article` from one decoded JSON object."""
    path, _, line = name.rpartition(":")
    if not isinstance(record, dict):
        raise BadJsonLine(path=path, line=line, detail="each line must be a JSON object")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise BadJsonLine(path=path, line=line, detail='"text" must be a non-empty string')
    published = record.get("published")
    if published is not None and not isinstance(published, str):
        raise BadJsonLine(path=path, line=line, detail='"published" must be a "YYYY-MM-DD" string')
    try:
        published = parse_published(published)
    except VeilleError as exc:
        raise BadJsonLine(path=path, line=line, detail=exc.message) from exc
    optional = {k: record.get(k) for k in ("url", "title", "lang", "outlet")}
    for key, value in optional.items():
        if value is not None and not isinstance(value, str):
            raise BadJsonLine(path=path, line=line, detail=f'"{key}" must be a string')
    return Article(id=str(record.get("id") or article_id(body)), text=body, published=published,
                   path=name, **optional)
