"""JSON Lines articles: one `{"id", "url", "title", "published", "lang", "text"}` per line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import BadJsonLine, VeilleError
from ..model import Article
from .decode import read_text
from .ids import article_id
from .text import parse_date


def read_jsonl(path: Path, *, max_bytes: int) -> Iterator[Article]:
    """Articles of a JSON Lines file; a bad line is an error naming the file and line."""
    text = read_text(path, max_bytes=max_bytes)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadJsonLine(path=str(path), line=number, detail=f"invalid JSON ({exc.msg})") from exc
        yield article_from_record(record, name=f"{path}:{number}")


def article_from_record(record: object, *, name: str) -> Article:
    """An `Article` from one decoded JSON object."""
    path, _, line = name.rpartition(":")
    if not isinstance(record, dict):
        raise BadJsonLine(path=path, line=line, detail="each line must be a JSON object")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise BadJsonLine(path=path, line=line, detail='"text" must be a non-empty string')
    try:
        published = parse_date(record.get("published"))
    except VeilleError as exc:
        raise BadJsonLine(path=path, line=line, detail=exc.message) from exc
    optional = {k: record.get(k) for k in ("url", "title", "lang", "outlet")}
    for key, value in optional.items():
        if value is not None and not isinstance(value, str):
            raise BadJsonLine(path=path, line=line, detail=f'"{key}" must be a string')
    return Article(id=str(record.get("id") or article_id(body)), text=body, published=published,
                   path=name, **optional)
