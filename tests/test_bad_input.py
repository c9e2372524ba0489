"""Bad input through every entry point: a clear coded error, or a clean (possibly empty)
result; never a traceback, a hang or an invented number.

The corpus is generated here (`bad_corpus`): empty, blank and binary files, UTF-16 without a
BOM, Latin-1, mixed and Cyrillic legacy encodings, a 100 MB file, a 1 MB single line, deeply
nested and malformed HTML, a gzip bomb, a truncated WARC, JSON Lines of wrong types, dates
before 1900 and in the future, absurd numbers, an unsupported language, a recipe and a code
listing. It goes through `veille extract` (each file), `veille run` and `veille batch` (the
folder, in subprocesses, with a bound on their peak memory), `POST /extract` and
`veille.extract` (each text). Every error message is pinned.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import veille
from veille.cli import app
from veille.ingest import article_from_text, read_records

pytestmark = pytest.mark.anyio

VEILLE = str(Path(sys.executable).with_name("veille"))
TODAY = dt.date.today()
# Every command must finish within this (a hang guard, not a speed test: the slowest, batch,
# takes well under a minute) and stay within this much memory (peak resident set).
HANG_GUARD = 600
PEAK_MEMORY = 2_500_000_000

STRIKE = ("Une frappe aérienne de l'armée syrienne a tué cinq civils à Idleb mardi, selon des "
          "secouristes. Les blessés ont été transportés vers un hôpital de la ville.\n")
ABSURD = ("Une frappe aérienne de l'armée syrienne a fait 1e9 morts à Idleb mardi. "
          "Un bombardement de l'armée a fait -5 blessés à Alep. "
          "Des combats entre l'armée et les rebelles ont fait 99999999999999999999 morts à Hama, "
          "selon une source locale.\n")
HISTORY = "Le 12 mars 1850, une attaque de l'armée ottomane a fait 5 morts à Alep.\n"
JAPANESE = "シリア北部のイドリブで空爆があり、民間人五人が死亡したと救助隊が発表した。\n"
RECIPE = ("Tarte aux pommes. Préchauffez le four à 180 degrés. Coupez 6 pommes en fines "
          "tranches, disposez-les sur la pâte et faites cuire 35 minutes.\n")
CODE = ("def attaque(cibles):\n    for cible in cibles:\n        tuer(cible)  # 3 morts\n"
        "    return len(cibles)\n")
BIG = 100_000_000  # the "100 MB file": refused from its size, before any byte is read
LINE = 1_048_576  # the "1 MB single line"


def _write_warc(path: Path, pages: int) -> int:
    """A WARC of `pages` HTML responses; returns where the last record starts."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    last = 0
    for n in range(pages):
        last = buffer.tell()
        html = f"<html><body><article><p>{STRIKE * 3}</p><p>Page {n}.</p></article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://example.org/{n}", "response", payload=io.BytesIO(html.encode()),
            http_headers=headers))
    path.write_bytes(buffer.getvalue())
    return last


def _gzip_bomb(path: Path, size: int) -> None:
    """`size` bytes of one word repeated, gzipped (a few hundred kilobytes on disk)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"bombe " * ((1 << 20) // 6) + b"bombe"[:(1 << 20) % 6]
    with path.open("wb") as out:
        for _ in range(size // len(chunk)):
            out.write(packer.compress(chunk))
        out.write(packer.flush())


JSONL_LINES = [
    '{"text": 5}',
    '{"title": "Sans texte"}',
    "[1, 2, 3]",
    '"une chaîne"',
    '{"text": "Des combats à Alep.", "published": 20240101}',
    '{"text": "Des combats à Alep.", "published": "2999-01-01"}',
    '{"text": "Des combats à Alep.", "published": "1850-03-01"}',
    '{"text": "Des combats à Alep.", "lang": ["fr"]}',
    '{"text": "Des combats à Alep.",',
    json.dumps({"text": STRIKE, "published": "2024-03-05", "id": "good-line"}),
]
JSONL_ERRORS = [
    '"text" must be a non-empty string',
    '"text" must be a non-empty string',
    "each line must be a JSON object",
    "each line must be a JSON object",
    '"published" must be a "YYYY-MM-DD" string',
    f"invalid publication date '2999-01-01': it is in the future (today is {TODAY})",
    "invalid publication date '1850-03-01': it is before 1900",
    '"lang" must be a string',
    "invalid JSON (Expecting property name enclosed in double quotes)",
]


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bad") / "articles"
    folder.mkdir()
    dated = "---\npublished: 2024-03-05\n---\n"
    files = {
        "empty.txt": b"",
        "blank.txt": b"  \n\t\n   \n",
        "binary.txt": bytes(range(256)) * 64,
        "utf16.txt": (dated + STRIKE + "Édition UTF-16.\n").encode("utf-16-le"),
        "latin1.txt": (dated + STRIKE + "Édition Latin-1.\n").encode("latin-1"),
        "mixed.txt": (dated + STRIKE).encode() + "Élèves évacués à Idleb.\n".encode("cp1252"),
        "cyrillic.txt": "Удар по Идлибу: погибли пять мирных жителей.\n".encode("cp1251"),
        "one-line.txt": ("une frappe a tué cinq civils, " * (LINE // 30 + 1))[:LINE].encode(),
        "nested.html": ("<html><body>" + "<div>" * 5000 + f"<p>{STRIKE}</p>" + "</div>" * 5000
                        + "</body></html>").encode(),
        "malformed.html": (f"<html><body><p>{STRIKE}<div><span><b>Suite</p></div><table><tr>"
                           f"<td>{STRIKE}</body>").encode(),
        "bad.jsonl": ("\n".join(JSONL_LINES) + "\n").encode(),
        "future.txt": f"---\npublished: 2999-01-01\n---\n{STRIKE}".encode(),
        "old.txt": f"---\npublished: 1850-03-01\n---\n{STRIKE}".encode(),
        "absurd.txt": (dated + ABSURD).encode(),
        "history.txt": (dated + HISTORY).encode(),
        "japanese.txt": (dated + JAPANESE).encode(),
        "recipe.txt": (dated + RECIPE).encode(),
        "code.txt": (dated + CODE).encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    with (folder / "huge.txt").open("wb") as handle:
        line = STRIKE.encode()
        for _ in range(BIG // len(line)):
            handle.write(line)
        handle.write(line[:BIG % len(line)])
    _gzip_bomb(folder / "bomb.txt.gz", 200 * (1 << 20))
    last = _write_warc(folder / "truncated.warc", 2)
    whole = (folder / "truncated.warc").read_bytes()
    (folder / "truncated.warc").write_bytes(whole[:last + (len(whole) - last) // 2])
    return folder


def errors(folder: Path) -> dict[str, str]:
    """File name -> the one-line error each unreadable file or record gives (JSON Lines:
    several, joined)."""
    p = lambda name: str(folder / name)  # noqa: E731
    return {
        "empty.txt": f"error V101: {p('empty.txt')}: the file is empty (no text to read)",
        "blank.txt": f"error V101: {p('blank.txt')}: the file is empty (no text to read)",
        "binary.txt": f"error V102: {p('binary.txt')}: this looks like a binary file, not text "
                      "(found NUL bytes)",
        "cyrillic.txt": f"error V103: {p('cyrillic.txt')}: the text is not valid UTF-8 (byte 0): "
                        "it looks like another alphabet's legacy encoding, not cp1252 ([ingest] "
                        "legacy_encoding); re-encode it to UTF-8 or set that encoding",
        "huge.txt": f"error V108: {p('huge.txt')}: {BIG} bytes is more than the limit of "
                    "20000000 bytes (ingest.max_bytes)",
        "bomb.txt.gz": f"error V108: {p('bomb.txt.gz')}: {200 * (1 << 20)} bytes is more than "
                       "the limit of 20000000 bytes (ingest.max_bytes)",
        "nested.html": f"error V110: {p('nested.html')}: no article text found (the page holds "
                       "only navigation and boilerplate, or nothing)",
        "future.txt": f"error V107: {p('future.txt')}: bad front matter: invalid publication "
                      f"date '2999-01-01': it is in the future (today is {TODAY})",
        "old.txt": f"error V107: {p('old.txt')}: bad front matter: invalid publication date "
                   "'1850-03-01': it is before 1900",
    }


def too_long(article_id: str) -> str:
    return (f"error V114: article {article_id}: {LINE} characters is more than the limit of "
            "200000 ([ingest] max_article_chars); split it into articles")


ONE_LINE_ID = article_from_text(
    ("une frappe a tué cinq civils, " * (LINE // 30 + 1))[:LINE], name="x").id
READABLE = {"utf16.txt", "latin1.txt", "mixed.txt", "malformed.html", "absurd.txt",
            "history.txt", "japanese.txt", "recipe.txt", "code.txt", "bad.jsonl",
            "truncated.warc"}


def _run(*args: str, **kwargs) -> tuple[subprocess.CompletedProcess, int]:
    """A veille command in a subprocess, and the peak memory of the processes it ran."""
    result = subprocess.run([VEILLE, *args], capture_output=True, text=True, timeout=HANG_GUARD,
                            **kwargs)
    return result, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024


# --- veille extract, one file at a time -------------------------------------------------------


@pytest.mark.parametrize("name", sorted(errors(Path("x"))))
def test_extract_gives_one_pinned_error_line(bad_corpus, name):
    result = CliRunner().invoke(app, ["extract", str(bad_corpus / name)])
    assert result.exit_code == 1
    assert result.stderr == errors(bad_corpus)[name] + "\n"


def test_extract_reports_each_bad_json_line_and_reads_the_good_one(bad_corpus, runtime):
    path = bad_corpus / "bad.jsonl"
    items = list(read_records(path, max_bytes=20_000_000))
    messages = [i.one_line() for i in items if isinstance(i, veille.VeilleError)]
    assert messages == [f"error V105: {path}:{n}: {m}" for n, m in enumerate(JSONL_ERRORS, 1)]
    (good,) = [i for i in items if not isinstance(i, veille.VeilleError)]
    assert good.id == "good-line" and veille.process(good, runtime).events


def test_extract_keeps_the_pages_before_the_damage(bad_corpus):
    path = bad_corpus / "truncated.warc"
    items = list(read_records(path, max_bytes=20_000_000))
    assert [type(i).__name__ for i in items] == ["Article", "DamagedArchive"]
    assert items[1].one_line().startswith(f"error V112: {path}: the WARC archive is damaged at "
                                          "record 2 (byte ")
    assert items[1].one_line().endswith("articles kept from before it: 1")


def test_extract_refuses_a_text_too_long_without_reading_it(bad_corpus):
    result = CliRunner().invoke(app, ["extract", str(bad_corpus / "one-line.txt")])
    assert result.exit_code == 1
    assert result.stderr == too_long(ONE_LINE_ID) + "\n"


# --- veille run and veille batch on the whole folder ------------------------------------------


@pytest.fixture(scope="module")
def run_result(bad_corpus, tmp_path_factory, runtime):
    _ = runtime.gazetteer  # built once, not by each command
    db = tmp_path_factory.mktemp("run") / "run.db"
    result, peak = _run("run", str(bad_corpus), "--db", f"sqlite:///{db}")
    return result, peak, db


def test_run_reads_what_it_can_and_names_each_bad_file(bad_corpus, run_result):
    result, peak, db = run_result
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    for message in errors(bad_corpus).values():
        assert f"skipped {message}" in lines
    for n, message in enumerate(JSONL_ERRORS, 1):
        assert f"skipped error V105: {bad_corpus / 'bad.jsonl'}:{n}: {message}" in lines
    assert any(line.startswith(f"skipped error V112: {bad_corpus / 'truncated.warc'}")
               for line in lines)
    assert (f"rejected article {ONE_LINE_ID} ({bad_corpus / 'one-line.txt'}): "
            + too_long(ONE_LINE_ID)) in lines
    assert peak < PEAK_MEMORY
    stored = _stored(db)
    # Every readable file gave its article (the WARC one page, JSON Lines one line).
    assert sorted(Path(s.split("#")[0].rsplit(":", 1)[0]).name for s in stored["paths"]) == \
        sorted(READABLE)
    assert stored["rejects"] == expected_rejects(bad_corpus)


def test_run_invents_no_number_and_no_history(run_result):
    events = _stored(run_result[2])["events"]
    assert all(e["fatalities"] is None or e["fatalities"]["best"] <= 1_000_000 for e in events)
    assert not any((e["event_date"] or "9999") < "1900" for e in events)
    assert not any(e["location"] in ("Hama",) and e["fatalities"] for e in events)


@pytest.mark.ray
def test_batch_stores_what_run_stores_and_rejects_the_rest(bad_corpus, run_result,
                                                           tmp_path_factory):
    db = tmp_path_factory.mktemp("batch") / "batch.db"
    with tempfile.TemporaryDirectory(prefix="vray", dir="/tmp") as ray_tmp:
        env = {**os.environ, "RAY_TMPDIR": ray_tmp, "RAY_AUTH_MODE": "disabled"}
        result, peak = _run("batch", str(bad_corpus), "--workers", "1", "--quiet",
                            "--db", f"sqlite:///{db}", env=env)
    assert result.returncode == 3, result.stderr  # finished, with rejects
    assert "Traceback" not in result.stderr + result.stdout
    assert peak < PEAK_MEMORY
    batch, run = _stored(db), _stored(run_result[2])
    assert batch["paths"] == run["paths"]
    assert batch["rejects"] == run["rejects"] == expected_rejects(bad_corpus)


def expected_rejects(folder: Path) -> dict[str, str]:
    """Where each reject comes from -> its code."""
    expected = {str(folder / name): message.split(":")[0].removeprefix("error ")
                for name, message in errors(folder).items()}
    for n in range(1, len(JSONL_ERRORS) + 1):
        expected[f"{folder / 'bad.jsonl'}:{n}"] = "V105"
    expected[str(folder / "one-line.txt")] = "V114"
    expected[str(folder / "truncated.warc")] = "V112"
    return expected


def _stored(db: Path) -> dict:
    conn = sqlite3.connect(db)
    try:
        return {
            "paths": sorted(r[0] for r in conn.execute("SELECT path FROM articles")),
            "events": [json.loads(r[0]) for r in conn.execute("SELECT record FROM events")],
            "rejects": dict(conn.execute("SELECT source, code FROM rejects").fetchall()),
        }
    finally:
        conn.close()


# --- POST /extract and the Python API, text by text -------------------------------------------

TEXTS = {
    "blank": ("  \n\t ", "V101", "<text>: the file is empty (no text to read)"),
    "future": (f"---\npublished: 2999-01-01\n---\n{STRIKE}", "V107",
               "<text>: bad front matter: invalid publication date '2999-01-01': it is in the "
               f"future (today is {TODAY})"),
    "old": (f"---\npublished: 1850-03-01\n---\n{STRIKE}", "V107",
            "<text>: bad front matter: invalid publication date '1850-03-01': it is before 1900"),
}
CLEAN = {"absurd": ABSURD, "history": HISTORY, "japanese": JAPANESE, "recipe": RECIPE,
         "code": CODE}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_python_api_raises_the_pinned_error(name, runtime):
    text, code, message = TEXTS[name]
    with pytest.raises(veille.VeilleError) as info:
        veille.extract(text, runtime=runtime)
    assert (info.value.code, info.value.message) == (code, message)


@pytest.mark.parametrize(("published", "detail"), [
    ("2999-01-01", f"it is in the future (today is {TODAY})"),
    ("1850-03-01", "it is before 1900"), ("mardi", "use YYYY-MM-DD")])
def test_python_api_refuses_a_publication_date_out_of_bounds(published, detail, runtime):
    with pytest.raises(veille.VeilleError) as info:
        veille.extract(STRIKE, published=published, runtime=runtime)
    assert info.value.one_line() == f"error V106: invalid publication date {published!r}: {detail}"


def test_python_api_refuses_a_text_too_long_before_any_stage(runtime):
    text = ("une frappe a tué cinq civils, " * (LINE // 30 + 1))[:LINE]
    with pytest.raises(veille.VeilleError) as info:
        veille.extract(text, runtime=runtime)
    assert info.value.one_line() == too_long(article_from_text(text, name="x").id)


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_python_api_gives_a_clean_result(name, runtime):
    report = veille.extract(CLEAN[name], published="2024-03-05", runtime=runtime)
    for event in report.events:
        assert event.fatalities is None or event.fatalities.best <= 1_000_000
        assert event.event_date.year >= 1900
    if name == "absurd":  # the strikes are read, their absurd tolls are not
        assert report.events and not report.casualty_reports
    elif name == "code":  # no event; the comment's "3 morts" is quoted as what it says
        assert report.events == []
    else:
        assert report.events == [] and report.casualty_reports == []


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def reader(runtime, tmp_path):
    from httpx import ASGITransport, AsyncClient

    from veille.api import ApiSettings, create_app
    from veille.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'api.db'}")
    application = create_app(store, ApiSettings(), runtime=runtime)
    async with AsyncClient(transport=ASGITransport(app=application),
                           base_url="http://veille.test") as client:
        yield client


@pytest.mark.parametrize("name", sorted(TEXTS))
async def test_post_extract_answers_the_pinned_error(reader, name):
    text, code, message = TEXTS[name]
    response = await reader.post("/extract", json={"text": text})
    assert response.status_code == 422
    assert response.json() == {"error": {"code": code, "message": message.replace(
        "<text>", "<request>")}}


async def test_post_extract_refuses_bodies_and_dates_out_of_bounds(reader):
    big = await reader.post("/extract", json={"text": "a" * LINE})
    assert big.status_code == 413 and big.json()["error"]["code"] == "V401"
    future = await reader.post("/extract", json={"text": STRIKE, "published": "2999-01-01"})
    assert future.status_code == 422
    assert future.json()["error"] == {"code": "V106", "message": "invalid publication date "
                                      f"'2999-01-01': it is in the future (today is {TODAY})"}


@pytest.mark.parametrize("name", sorted(CLEAN))
async def test_post_extract_gives_a_clean_result(reader, name):
    response = await reader.post("/extract", json={"text": CLEAN[name],
                                                   "published": "2024-03-05"})
    assert response.status_code == 200, response.text
    report = response.json()["report"]
    assert all(e["fatalities"] is None for e in report["events"])
    assert (report["events"] != []) == (name == "absurd")


def test_gzip_bomb_is_refused_without_inflating_it(bad_corpus):
    # Decompression stops one byte past the limit: memory stays near the limit, not 200 MB.
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    items = list(read_records(bad_corpus / "bomb.txt.gz", max_bytes=1_000_000))
    assert [i.code for i in items] == ["V108"]
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
    assert grown < 50_000_000
