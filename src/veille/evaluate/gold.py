"""Gold files (JSON Lines, the format of DESIGN.md): articles with their gold events or places."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BadJsonLine, InputNotFound
from ..ingest.decode import read_text
from ..ingest.text import parse_published
from ..model import Article


@dataclass
class GoldArticle:
    """One gold line: the article and what it should give."""

    article: Article
    events: list[dict] | None = None  # event gold
    places: list[dict] | None = None  # place gold
    unresolved: list[dict] = field(default_factory=list)  # toponyms with no coordinates


def read_gold(path: Path, *, limit: int | None = None, max_bytes: int = 200_000_000) -> list[GoldArticle]:
    """The first `limit` articles of a gold file (all when None)."""
    if not path.is_file():
        raise InputNotFound(path=str(path))
    gold = []
    for number, line in enumerate(read_text(path, max_bytes=max_bytes).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            article = Article(id=str(row["id"]), text=row["text"], lang=row.get("lang"),
                              published=parse_published(row.get("published")), path=f"{path}:{number}")
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise BadJsonLine(path=str(path), line=number, detail=f"not a gold line ({exc})") from exc
        gold.append(GoldArticle(article=article, events=row.get("events"),
                                places=row.get("places"), unresolved=row.get("unresolved", [])))
        if limit is not None and len(gold) >= limit:
            break
    return gold


def gold_kind(gold: list[GoldArticle]) -> str:
    """"events" or "places": what the file scores."""
    return "places" if gold and gold[0].places is not None else "events"
