"""Exports as HTTP bodies, produced while they are sent: the store's events are never all in
memory at once.

The export writers write to a stream in one call, so a text export runs in its own thread and
hands its output over in chunks through a small queue (the writer waits while the client is
slow; it stops when the client leaves). Parquet's writer needs a seekable file: it is written
to a temporary file first, then sent from it and deleted.
"""

from __future__ import annotations

import io
import queue
import shutil
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import suppress
from pathlib import Path

from ..export import write_export
from ..model import Event

CHUNK = 64 * 1024
_END = object()


class _Stopped(Exception):
    """The client is gone: the writer stops."""


def _put(chunks: queue.Queue, item: object, stopped: threading.Event) -> None:
    while not stopped.is_set():
        try:
            chunks.put(item, timeout=0.2)
            return
        except queue.Full:
            continue
    raise _Stopped


class _ChunkStream(io.TextIOBase):
    """A text stream whose writes go, UTF-8 encoded and in chunks of about `CHUNK`, to a
    queue."""

    def __init__(self, chunks: queue.Queue, stopped: threading.Event) -> None:
        super().__init__()
        self._chunks = chunks
        self._stopped = stopped
        self._parts: list[str] = []
        self._size = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= CHUNK:
            self.flush()
        return len(text)

    def close(self) -> None:
        # No flush on close (IOBase's default, also run when the stream is collected): the
        # producer flushes explicitly, and what a stopped export still holds is dropped.
        self._parts.clear()
        super().close()

    def flush(self) -> None:
        if self._parts:
            data = "".join(self._parts).encode("utf-8")
            self._parts, self._size = [], 0
            _put(self._chunks, data, self._stopped)


def text_export(fmt: str, events: Iterable[Event]) -> Iterator[bytes]:
    """The bytes of a text export (`fmt` one of the text formats), chunk by chunk. An error of
    the writer is raised by the iterator where it happened (after the first chunk, the status
    is sent already: the response then ends early)."""
    chunks: queue.Queue = queue.Queue(maxsize=8)
    stopped = threading.Event()

    def produce() -> None:
        try:
            out = _ChunkStream(chunks, stopped)
            write_export(fmt, events, out)
            out.flush()
            _put(chunks, _END, stopped)
        except _Stopped:
            pass
        except Exception as exc:  # handed to the reader, which raises it in the response
            with suppress(_Stopped):
                _put(chunks, exc, stopped)
        finally:
            close = getattr(events, "close", None)
            if close is not None:  # the store's cursor, closed in the thread that opened it
                close()

    threading.Thread(target=produce, name=f"veille-export-{fmt}", daemon=True).start()
    try:
        while True:
            item = chunks.get()
            if item is _END:
                return
            if isinstance(item, Exception):
                raise item
            yield item
    finally:
        stopped.set()


def file_export(fmt: str, events: Iterable[Event]) -> tuple[Iterator[bytes], Path]:
    """A binary export (Parquet) written to a temporary folder, and an iterator over its bytes
    that deletes the folder when done; the folder is returned too, for a cleanup after the
    response in case the iterator is never finished."""
    folder = Path(tempfile.mkdtemp(prefix="veille-export-"))
    path = folder / f"events.{fmt}"
    try:
        write_export(fmt, events, path)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise

    def read() -> Iterator[bytes]:
        try:
            with path.open("rb") as handle:
                while block := handle.read(CHUNK):
                    yield block
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    return read(), folder
