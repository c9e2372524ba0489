"""Read bytes as text, refusing binary and non-UTF-8 input with a clear error."""

from __future__ import annotations

from pathlib import Path

from ..errors import BinaryInput, EmptyInput, InputNotFound, InputTooLarge, UnreadableEncoding


def read_text(path: Path, *, max_bytes: int) -> str:
    """The UTF-8 text of a file (a BOM is dropped). Empty, binary, over-large or non-UTF-8
    files raise the matching `VeilleError`."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputTooLarge(path=str(path), size=size, limit=max_bytes)
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputNotFound(path=str(path)) from exc
    return decode_bytes(data, str(path))


def decode_bytes(data: bytes, name: str) -> str:
    """Decode `data` (named `name` in errors) as UTF-8."""
    if b"\x00" in data[:8192]:
        raise BinaryInput(path=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableEncoding(path=name, offset=exc.start) from exc
    if not text.strip():
        raise EmptyInput(path=name)
    return text
