"""JSON Lines: one full `Event` (evidence and sources included) per line."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from ..model import Event


def write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    """Write one JSON object per event; returns the count."""
    count = 0
    for event in events:
        out.write(event.model_dump_json() + "\n")
        count += 1
    return count
