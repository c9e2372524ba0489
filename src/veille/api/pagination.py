"""Cursor pagination of `GET /events` (keyset, not offset: a page costs the same however deep,
and events written meanwhile never shift a page over rows already seen).

Rows are ordered by the sort column, empty values last whatever the direction, then by
`event_id` in the same direction, so the order is total. A cursor is the last row's sort
value and id, as base64url JSON: opaque to clients, checked when read back.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import operator
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, or_

from ..errors import BadParameter
from ..store import schema
from .inputs import MAX_INTEGER, unstorable

SortName = Literal["date", "-date", "fatalities", "-fatalities", "updated", "-updated"]

_COLUMNS = {
    "date": schema.events.c.event_date,
    "fatalities": schema.events.c.fatalities_best,
    "updated": schema.events.c.updated_at,
}


@dataclass(frozen=True)
class Sort:
    """One of `SortName`: a column and a direction."""

    name: str

    @property
    def field(self) -> str:
        return self.name.lstrip("-")

    @property
    def descending(self) -> bool:
        return self.name.startswith("-")

    @property
    def column(self) -> Any:
        return _COLUMNS[self.field]

    def order_by(self) -> list:
        key, tie = self.column, schema.events.c.event_id
        if self.descending:
            return [key.desc(), tie.desc()]
        return [key.asc(), tie.asc()]

    def segments(self, cursor: Cursor | None) -> list[ColumnElement[bool]]:
        """The rows after the cursor (all rows without one), as conditions to read in turn:
        first the rows with a sort value, then those without (they come last). Each one is
        a range of an index on (sort column, event_id), read in index order, so a deep page
        costs what the first does; one OR over both would make the database sort them all."""
        key, tie = self.column, schema.events.c.event_id
        beyond = operator.lt if self.descending else operator.gt
        reach = operator.le if self.descending else operator.ge
        if cursor is None:
            return [key.is_not(None), key.is_(None)]
        if cursor.key is None:  # among the empty values already: only ids remain
            return [and_(key.is_(None), beyond(tie, cursor.event_id))]
        return [and_(reach(key, cursor.key),
                     or_(beyond(key, cursor.key), beyond(tie, cursor.event_id))),
                key.is_(None)]

    def encode(self, key: Any, event_id: str) -> str:
        """The cursor after a row whose sort value is `key` (as the column gives it)."""
        if isinstance(key, dt.date | dt.datetime):
            key = key.isoformat()
        data = json.dumps({"sort": self.name, "key": key, "id": event_id},
                          separators=(",", ":"))
        return base64.urlsafe_b64encode(data.encode()).decode().rstrip("=")

    def decode(self, cursor: str) -> Cursor:
        """The position a cursor of this sort order names; `BadParameter` for anything else
        (a cursor of another sort, edited or truncated)."""
        bad = BadParameter(detail="cursor: not a cursor of this listing; pass next_cursor as "
                                  "it was given, with the same sort")
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
            data = json.loads(raw)
        except (binascii.Error, ValueError) as exc:
            raise bad from exc
        if (not isinstance(data, dict) or data.get("sort") != self.name
                or not isinstance(data.get("id"), str) or unstorable(data["id"])):
            raise bad
        try:
            key = self._key(data.get("key"))
        except (TypeError, ValueError) as exc:
            raise bad from exc
        return Cursor(key=key, event_id=data["id"])

    def _key(self, value: Any) -> Any:
        if value is None:
            if self.field == "updated":  # never empty in the store
                raise ValueError("no update time")
            return None
        if self.field == "date":
            return dt.date.fromisoformat(value)
        if self.field == "updated":
            # As the column gave it: SQLite's are naive (UTC), PostgreSQL's carry their zone.
            return dt.datetime.fromisoformat(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("a toll is an integer")
        if not 0 <= value <= MAX_INTEGER:
            raise ValueError("no stored toll is so large")
        return value


@dataclass(frozen=True)
class Cursor:
    """A position in a listing: the sort value and id of the last row seen."""

    key: Any
    event_id: str
