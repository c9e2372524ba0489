"""Read bytes as text, refusing binary and non-UTF-8 input with a clear error."""

from __future__ import annotations

import zlib
from pathlib import Path

from ..errors import (
    BadGzip,
    BinaryInput,
    EmptyInput,
    InputNotFound,
    InputTooLarge,
    UnreadableEncoding,
)

GZIP_MAGIC = b"\x1f\x8b"


def read_text(path: Path, *, max_bytes: int) -> str:
    """The UTF-8 text of a file (a BOM is dropped). Empty, binary, over-large or non-UTF-8
    files raise the matching `VeilleError`."""
    return decode_bytes(read_bytes(path, max_bytes=max_bytes, gunzip=False), str(path))


def read_bytes(path: Path, *, max_bytes: int, gunzip: bool = True) -> bytes:
    """The bytes of a file, decompressed if they are gzip (and `gunzip`). A file, or its
    decompressed content, over `max_bytes` raises `InputTooLarge`."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputTooLarge(path=str(path), size=size, limit=max_bytes)
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputNotFound(path=str(path)) from exc
    if gunzip and data.startswith(GZIP_MAGIC):
        return gunzip_bytes(data, str(path), limit=max_bytes)
    return data


def gunzip_bytes(data: bytes, name: str, *, limit: int) -> bytes:
    """Decompress gzip `data` (every member), stopping past `limit` bytes: a small file must
    not expand into gigabytes in memory."""
    parts: list[bytes] = []
    total = 0
    rest = data
    while any(rest):  # NUL padding after the last member is no member
        inflater = zlib.decompressobj(wbits=31)
        try:
            part = inflater.decompress(rest, limit + 1 - total)
        except zlib.error as exc:
            raise BadGzip(path=name, detail=str(exc)) from exc
        total += len(part)
        if total > limit:
            # The gzip trailer holds the size modulo 2**32: the true size in most cases.
            raise InputTooLarge(path=name, size=max(total, int.from_bytes(data[-4:], "little")),
                                limit=limit)
        if not inflater.eof:
            raise BadGzip(path=name, detail="the data ends before the compressed stream does")
        parts.append(part)
        rest = inflater.unused_data
    return b"".join(parts)


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
