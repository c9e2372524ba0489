"""What a value from a request must be before it reaches the store: every query binds values
(never splices them into SQL), but a database still refuses some values it is handed, and
its failure would be a 500 or 503 where the client's value is at fault (422)."""

from __future__ import annotations

import math
from typing import Any

from ..config import MAX_STORED_INTEGER as MAX_INTEGER


def unstorable(data: Any) -> str | None:
    """Why a value in `data` (nested dicts and lists, keys too) cannot be stored, or None when
    every one can: text must hold no NUL character (PostgreSQL refuses it in text) and be
    valid UTF-8 once encoded (no lone surrogate, which a JSON `\\ud800` escape gives); whole
    numbers must be within +-MAX_INTEGER, and numbers finite (JSON `NaN` and `1e400` are read
    as Python floats that no record holds)."""
    pending = [data]
    while pending:  # a loop, not recursion: a deeply nested body is no stack overflow
        value = pending.pop()
        if isinstance(value, str):
            if "\x00" in value:
                return "text must not hold a NUL character (\\u0000)"
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return "text must not hold a lone surrogate (\\ud800-\\udfff)"
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int):
            if abs(value) > MAX_INTEGER:
                return f"whole numbers must be within -{MAX_INTEGER}..{MAX_INTEGER}"
        elif isinstance(value, float):
            if not math.isfinite(value):
                return "numbers must be finite"
        elif isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list | tuple):
            pending.extend(value)
    return None
