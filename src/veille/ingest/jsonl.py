"""JSON Lines articles: one `{"id", "url", "title", "published", "lang", "text"}` per line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import BadJsonLine, VeilleError
from ..model import Article
from .decode import read_text
from .ids import article_id
from .text import parse_published


def read_jsonl(path: Path, *, max_bytes: int) -> Iterator[Article]:
    """Articles of a JSON Lines file; a bad line raises an error naming the file and line."""
    for item in jsonl_records(read_text(path, max_bytes=max_bytes), name=str(path)):
        if isinstance(item, BadJsonLine):
            raise item
        yield item


def jsonl_records(text: str, *, name: str) -> Iterator[Article | BadJsonLine]:
    """Each non-blank line of JSON Lines `text` (from the file `name`) as an article, or as the
    error naming its line: a bad line does not stop the lines after it."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        item: Article | BadJsonLine
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            item = BadJsonLine(path=name, line=number, detail=f"invalid JSON ({exc.msg})")
        except RecursionError:
            item = BadJsonLine(path=name, line=number, detail="invalid JSON (nested too deeply)")
        else:
            try:
                item = article_from_record(record, name=f"{name}:{number}")
            except BadJsonLine as exc:
                item = exc
        yield item


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
