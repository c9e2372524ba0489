"""Exports of stored events: ACLED CSV and JSON Lines."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from ..errors import UnknownFormat
from ..model import Event
from .acled import write_acled_csv
from .jsonl import write_jsonl

WRITERS = {"acled-csv": write_acled_csv, "jsonl": write_jsonl}


def write_export(fmt: str, events: Iterable[Event], out: TextIO) -> int:
    """Write `events` to `out` in format `fmt`; returns the number of events written."""
    writer = WRITERS.get(fmt)
    if writer is None:
        raise UnknownFormat(value=fmt, choices=", ".join(WRITERS))
    return writer(events, out)
