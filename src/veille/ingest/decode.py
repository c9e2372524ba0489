"""Read bytes as text, refusing binary and non-UTF-8 input with a clear error."""

from __future__ import annotations

import codecs
import re
import unicodedata
import zlib
from functools import lru_cache
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


def read_text(path: Path, *, max_bytes: int, legacy_encoding: str = "cp1252") -> str:
    """The text of a file, decoded by `decode_bytes`. Empty, binary, over-large or undecodable
    files raise the matching `VeilleError`."""
    return decode_bytes(read_bytes(path, max_bytes=max_bytes, gunzip=False), str(path),
                        legacy_encoding=legacy_encoding)


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


def decode_bytes(data: bytes, name: str, *, legacy_encoding: str = "cp1252") -> str:
    """Decode `data` (named `name` in errors) to text, as its bytes say it is written:

    - UTF-8 (a BOM is dropped);
    - UTF-16, with a BOM or without one (ASCII letters then leave a NUL in every other byte);
    - UTF-8 with stray bytes of `legacy_encoding` (pages pasted together from two sources):
      each stray run is read in `legacy_encoding`;
    - no UTF-8 at all: the whole text in `legacy_encoding` (Windows-1252, the legacy encoding
      of Western European news, by default), unless most of its letters then fall outside
      ASCII, the mark of another alphabet's code page, which is refused (V103) rather than
      turned into plausible-looking nonsense.

    `legacy_encoding=""` refuses any text that is not UTF-8 or UTF-16.
    """
    text = _utf16(data)
    if text is None:
        if b"\x00" in data[:8192]:
            raise BinaryInput(path=name)
        text = _utf8(data, name, legacy_encoding)
    if "\x00" in text:
        raise BinaryInput(path=name)
    if not text.strip():
        raise EmptyInput(path=name)
    return text


_UTF16_BOMS = {codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}


def utf16_encoding(data: bytes) -> str | None:
    """`utf-16-le` or `utf-16-be` when `data` starts like UTF-16 text, else None."""
    if data[:2] in _UTF16_BOMS:
        return _UTF16_BOMS[data[:2]]
    head = data[:8192]
    even, odd = head[0::2], head[1::2]
    # Latin-script text in UTF-16 has a NUL in (nearly) every other byte, on one side only.
    if len(head) >= 4 and odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if len(head) >= 4 and even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _utf16(data: bytes) -> str | None:
    """The text of UTF-16 `data` (its BOM dropped), or None when the bytes are not UTF-16."""
    encoding = utf16_encoding(data)
    if encoding is None:
        return None
    try:
        return data.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None


def _utf8(data: bytes, name: str, legacy_encoding: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if not legacy_encoding:
            raise UnreadableEncoding(path=name, offset=exc.start,
                                     detail="re-encode it to UTF-8") from exc
        first_bad = exc.start
    # Bytes that are not UTF-8 come back as lone surrogates U+DC80-U+DCFF, one per byte.
    escaped = data.decode("utf-8-sig", errors="surrogateescape")
    if any(ord(c) > 0x7F and not _STRAY.match(c) for c in escaped):
        return _STRAY.sub(lambda m: _legacy(m.group(), legacy_encoding), escaped)  # mixed
    text = _legacy(escaped, legacy_encoding)
    letters = [c for c in text if c.isalpha()]
    if _latin(legacy_encoding) and sum(not c.isascii() for c in letters) > 0.3 * len(letters):
        raise UnreadableEncoding(
            path=name, offset=first_bad,
            detail=f"it looks like another alphabet's legacy encoding, not {legacy_encoding} "
                   "([ingest] legacy_encoding); re-encode it to UTF-8 or set that encoding")
    return text


@lru_cache(maxsize=8)
def _latin(encoding: str) -> bool:
    """Whether `encoding`'s upper half writes Latin letters (Windows-1252 does, 1251 not):
    then a text of mostly non-ASCII letters was written in some other encoding."""
    upper = bytes(range(0xC0, 0x100)).decode(encoding, errors="replace")
    return all(unicodedata.name(c, "").startswith("LATIN") for c in upper if c.isalpha())


_STRAY = re.compile("[\udc80-\udcff]+")


def _legacy(escaped: str, encoding: str) -> str:
    """`escaped` with each stray byte (a surrogate escape) read in `encoding`; a byte that
    encoding leaves undefined (five in Windows-1252) is read as Latin-1, which defines all."""
    raw = escaped.encode("utf-8", errors="surrogateescape")
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return "".join(_one_byte(bytes([b]), encoding) for b in raw)


def _one_byte(byte: bytes, encoding: str) -> str:
    try:
        return byte.decode(encoding)
    except UnicodeDecodeError:
        return byte.decode("latin-1")
