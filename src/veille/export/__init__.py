"""Exports of stored events: ACLED CSV, GeoJSON, JSON Lines, Parquet and PLOVER.

Every writer takes an iterable of `Event`s and writes them one by one (a store's events are
never all in memory at once). The text formats write to a text stream; Parquet is binary and
writes to a file path or a binary stream. `write_export` takes either and picks.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO, TextIO

from ..errors import OutputNotWritable, OutputRequired, UnknownFormat
from ..model import Event
from .acled import write_acled_csv
from .geojson import write_geojson
from .jsonl import write_jsonl
from .parquet import write_parquet
from .plover import write_plover

TEXT_WRITERS: dict[str, Callable[[Iterable[Event], TextIO], int]] = {
    "acled-csv": write_acled_csv,
    "geojson": write_geojson,
    "jsonl": write_jsonl,
    "plover": write_plover,
}
BINARY_WRITERS: dict[str, Callable[[Iterable[Event], str | Path | BinaryIO], int]] = {
    "parquet": write_parquet,
}
WRITERS: dict[str, Callable] = dict(sorted({**TEXT_WRITERS, **BINARY_WRITERS}.items()))

Output = TextIO | BinaryIO | str | os.PathLike


def is_binary(fmt: str) -> bool:
    """Whether format `fmt` writes bytes (and so needs a file, not a terminal)."""
    return fmt in BINARY_WRITERS


def write_export(fmt: str, events: Iterable[Event], out: Output) -> int:
    """Write `events` in format `fmt`; returns the number of events written.

    `out` is an open stream (text for the text formats, binary for Parquet) or a file path.
    A path is written whole or not at all: the export goes to a temporary file beside it,
    renamed over it once complete, so a failed export never leaves a truncated file.
    """
    writer = WRITERS.get(fmt)
    if writer is None:
        raise UnknownFormat(value=fmt, choices=", ".join(WRITERS))
    if not isinstance(out, str | os.PathLike):
        if is_binary(fmt) and isinstance(out, io.TextIOBase):
            raise OutputRequired(fmt=fmt)
        return writer(events, out)
    path = Path(out)
    part = path.with_name(f".{path.name}.part")
    try:
        if is_binary(fmt):
            count = writer(events, part)
        else:
            # newline="": the writers choose their line ends (csv would double \r otherwise).
            with part.open("w", encoding="utf-8", newline="") as handle:
                count = writer(events, handle)
        part.replace(path)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise OutputNotWritable(path=str(path), detail=exc.strerror or str(exc)) from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return count
