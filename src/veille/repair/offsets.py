"""Offset maps: from a span of repaired text back to the characters of the original text.

A repair pass is a list of non-overlapping `Edit`s on its input text. `OffsetMap` records the
segments of the output that are copies of the input and those that replace something; a
`RepairChain` stacks the maps of every pass, so any span of the final text maps back to the
original text through all of them.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace `text[start:end]` with `replacement` (an insertion has start == end)."""

    start: int
    end: int
    replacement: str
    kind: str
    # The word around the edit, for the repair log ("Alepdans" -> "Alep dans"); the map itself
    # keeps the smallest edit so that "Alep" still maps to exactly "Alep".
    word_start: int | None = None
    word_end: int | None = None


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, OffsetMap]:
    """Apply non-overlapping edits to `text`; return the new text and its map back to `text`."""
    edits = sorted(edits, key=lambda e: (e.start, e.end))
    pieces: list[str] = []
    segments: list[tuple[int, int, int, int, bool]] = []  # new_start, new_end, old_start, old_end, copied
    old = new = 0
    for edit in edits:
        if edit.start < old:
            raise ValueError(f"overlapping edits at {edit.start}")
        if edit.start > old:
            length = edit.start - old
            pieces.append(text[old:edit.start])
            segments.append((new, new + length, old, edit.start, True))
            new += length
        pieces.append(edit.replacement)
        segments.append((new, new + len(edit.replacement), edit.start, edit.end, False))
        new += len(edit.replacement)
        old = edit.end
    if old < len(text) or not segments:
        pieces.append(text[old:])
        segments.append((new, new + len(text) - old, old, len(text), True))
    return "".join(pieces), OffsetMap(segments)


@dataclass(frozen=True)
class OffsetMap:
    """Segments of one pass's output, each a copy of, or a replacement for, part of its input."""

    segments: list[tuple[int, int, int, int, bool]]
    _starts: list[int] = field(init=False, repr=False)
    _ends: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Zero-length segments (deletions) cover no output character: look-ups skip them.
        kept = [s for s in self.segments if s[1] > s[0]] or self.segments[:1]
        object.__setattr__(self, "segments", kept)
        object.__setattr__(self, "_starts", [s[0] for s in kept])
        object.__setattr__(self, "_ends", [s[1] for s in kept])

    def _source(self, pos: int, *, is_end: bool) -> int:
        if is_end:  # an end offset belongs to the segment it closes
            i = max(0, min(bisect_right(self._starts, pos - 1) - 1, len(self.segments) - 1))
        else:
            i = max(0, min(bisect_right(self._starts, pos) - 1, len(self.segments) - 1))
        new_start, _new_end, old_start, old_end, copied = self.segments[i]
        if copied:
            return old_start + min(max(pos - new_start, 0), old_end - old_start)
        return old_end if is_end else old_start

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map `[start, end)` of this pass's output to its input."""
        if end <= start:
            point = self._source(start, is_end=False)
            return point, point
        return self._source(start, is_end=False), self._source(end, is_end=True)


@dataclass
class RepairChain:
    """The maps of every repair pass, oldest first; maps spans of the latest text to the original."""

    maps: list[OffsetMap] = field(default_factory=list)

    def add(self, offset_map: OffsetMap) -> None:
        self.maps.append(offset_map)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map `[start, end)` of the repaired text to the original text."""
        for offset_map in reversed(self.maps):
            start, end = offset_map.to_source(start, end)
        return start, end
