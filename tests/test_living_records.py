"""Three outlets report one air strike over three days with a rising toll (9, then 12, then at
least 14): as a saved web page, an RSS feed and a web archive. Another strike, 40 km away, is
reported the same day. `veille run` on the folder, with the real pipeline, into a real SQLite
file and a real PostgreSQL database, must give two living records: the first with three
sources and two revisions, the second alone. The articles are the team's own
(`tests/fixtures/living/`); the archive is written here from `for-warc/`."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from veille import cli
from veille.model import Fatalities
from veille.store import open_store, schema

FIXTURES = Path(__file__).parent / "fixtures" / "living"
OSDH = "Syrian Observatory for Human Rights"


def write_warc(page: Path, uri: str, out: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                            protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        uri, "response", payload=io.BytesIO(page.read_bytes()), http_headers=http,
        warc_headers_dict={"WARC-Date": "2025-03-05T09:00:00Z"}))
    out.write_bytes(buffer.getvalue())


@pytest.fixture
def inputs(tmp_path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("veilleur-du-levant.html", "agence-mediterranee.rss", "kafr-nubl.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    write_warc(FIXTURES / "for-warc" / "journal-du-nord.html",
               "https://journal-du-nord.example/2025/03/05/binnish", folder / "crawl.warc.gz")
    return folder


def run(inputs: Path, store_url: str):
    result = CliRunner().invoke(cli.app, ["run", str(inputs), "--db", store_url])
    assert result.exit_code == 0, result.output
    return result


def counts(store) -> dict[str, int]:
    return {t: store.count(t) for t in ("articles", "events", "event_sources", "evidence",
                                        "casualty_reports", "revisions")}


def test_three_outlets_one_living_record(inputs, store_url, runtime):
    result = run(inputs, store_url)
    assert "2 new events, 2 reports merged into stored events" in result.stderr
    store = open_store(store_url)
    assert store.count("articles") == 5  # the page, two feed entries, the archive, the text
    events = {e.location: e for e in store.events()}
    assert set(events) == {"Binnish", "Kafr Nubl"}

    strike = events["Binnish"]
    assert [s.outlet for s in strike.sources] == [
        "Le Veilleur du Levant", "Agence Méditerranée", "Journal du Nord"]
    assert [s.attributed_to for s in strike.sources] == [OSDH] * 3
    assert strike.fatalities == Fatalities(low=9, best=14, high=14)
    assert strike.sub_event_type == "Air/drone strike"
    assert strike.actor1 == "Military Forces of Russia"
    history = store.history(strike.event_id)
    assert [r.changes["fatalities"]["new"]["best"] for r in history] == [12, 14]
    assert [r.article_id for r in history] == [s.article_id for s in strike.sources[1:]]

    other = events["Kafr Nubl"]
    assert len(other.sources) == 1
    assert other.fatalities == Fatalities(low=4, best=4, high=4)
    assert store.history(other.event_id) == []


def test_evidence_of_every_source_quotes_its_article(inputs, store_url, runtime):
    run(inputs, store_url)
    store = open_store(store_url)
    with store.engine.connect() as conn:
        texts = dict(conn.execute(select(schema.articles.c.id, schema.articles.c.text)).all())
        t = schema.evidence.c
        rows = conn.execute(select(t.article_id, t.start, t.end, t.text)).all()
    assert {r.article_id for r in rows} >= set(texts) - {a for a, x in texts.items()
                                                         if "Tripoli" in x}
    assert [r for r in rows if texts[r.article_id][r.start:r.end] != r.text] == []


def test_running_again_changes_nothing(inputs, store_url, runtime):
    run(inputs, store_url)
    store = open_store(store_url)
    before, records = counts(store), list(store.events())
    result = run(inputs, store_url)
    assert "0 new events, 0 reports merged" in result.stderr
    assert counts(store) == before
    assert list(store.events()) == records


def test_a_copy_from_another_outlet_is_one_more_source_not_another_report(
        inputs, store_url, runtime, tmp_path):
    """The same wire story on a second outlet: one article (its text's hash), its events gain
    the outlet as a source with a revision saying so; the toll is not counted twice."""
    run(inputs, store_url)
    store = open_store(store_url)
    strike = next(e for e in store.events() if e.location == "Binnish")
    before = counts(store)
    copy = tmp_path / "copies" / "binnish.html"
    copy.parent.mkdir()
    page = (FIXTURES / "veilleur-du-levant.html").read_text(encoding="utf-8")
    copy.write_text(page.replace("Le Veilleur du Levant", "La Gazette du Golfe").replace(
        "veilleur-levant.example", "gazette-golfe.example"), encoding="utf-8")
    result = run(copy.parent, store_url)
    assert "0 new events, 0 reports merged" in result.stderr

    after = store.event(strike.event_id)
    assert [s.outlet for s in after.sources] == [s.outlet for s in strike.sources] + [
        "La Gazette du Golfe"]
    gazette = after.sources[-1]
    assert gazette.article_id == strike.sources[0].article_id
    assert gazette.url.startswith("https://gazette-golfe.example/")
    assert gazette.attributed_to == OSDH
    assert after.fatalities == strike.fatalities  # a copy is not a second report of the toll
    assert {**before, "revisions": before["revisions"] + 1} == counts(store)
    added = store.history(strike.event_id)[-1]
    assert added.changes == {} and added.reason == "the same text, published by La Gazette du Golfe"
    assert "La Gazette du Golfe" in next(iter(cli_export(store_url)))["source"]

    again = counts(store)
    run(copy.parent, store_url)  # the same copy again adds nothing
    assert counts(store) == again and len(store.event(strike.event_id).sources) == 4
    shown = CliRunner().invoke(cli.app, ["history", strike.event_id, "--db", store_url])
    assert shown.stdout.count("La Gazette du Golfe") == 2  # its source, its revision
    assert "(source added)" in shown.stdout


def cli_export(store_url: str) -> list[dict]:
    """`veille export --format acled` as rows of the Binnish strike."""
    import csv
    result = CliRunner().invoke(cli.app, ["export", "--format", "acled-csv", "--db", store_url])
    assert result.exit_code == 0, result.output
    return [r for r in csv.DictReader(io.StringIO(result.stdout)) if r["location"] == "Binnish"]


def test_history_tells_why_the_toll_changed(inputs, store_url, runtime):
    run(inputs, store_url)
    strike = next(e for e in open_store(store_url).events() if e.location == "Binnish")
    result = CliRunner().invoke(cli.app, ["history", strike.event_id, "--db", store_url])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if "│ fatalities" in line]
    assert len(lines) == 2
    assert "Agence Méditerranée" in lines[0] and "12 (9-12)" in lines[0]
    assert "Journal du Nord" in lines[1] and "14 (9-14)" in lines[1]


def test_history_of_an_unknown_event_is_a_clear_error(store_url):
    result = CliRunner().invoke(cli.app, ["history", "nosuchevent", "--db", store_url])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error V301: no event 'nosuchevent' in store {store_url}"


def test_bad_inputs_are_reported_and_change_nothing_stored(inputs, store_url, runtime):
    """A truncated archive, a feed with broken XML, a page with no text and a JSON Lines line
    of the wrong types: each named with its file and record, the good records of the same
    files stored, what was stored before untouched."""
    run(inputs, store_url)
    store = open_store(store_url)
    before, records = counts(store), list(store.events())
    bad = inputs.parent / "bad"
    bad.mkdir()
    archive = (inputs / "crawl.warc.gz").read_bytes()
    (bad / "cut.warc.gz").write_bytes(archive[:len(archive) // 2])
    (bad / "broken.rss").write_text("<?xml version='1.0'?>\n<rss><channel><title>x</title>\n"
                                    "<item><title>a</title></chanel></rss>\n", encoding="utf-8")
    (bad / "empty.html").write_text(
        "<!DOCTYPE html><html><head><title>Accueil</title></head><body><header><nav><ul>"
        "<li><a href='/'>Accueil</a></li><li><a href='/monde'>Monde</a></li></ul></nav>"
        "</header><footer><p>Tous droits réservés.</p></footer></body></html>", encoding="utf-8")
    (bad / "lines.jsonl").write_text(
        '{"text": "Des manifestants ont défilé mardi à Niamey contre la vie chère."}\n'
        '{"text": 5, "published": "2025-03-06"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli.app, ["run", str(bad), "--db", store_url])
    skipped = sorted(line for line in result.stderr.splitlines() if line.startswith("skipped"))
    assert len(skipped) == 5, result.stderr
    assert any("broken.rss:3:" in line and "V111" in line for line in skipped)
    assert any("broken.rss#entry-1:" in line and "V110" in line for line in skipped)
    assert any("cut.warc.gz" in line and "V112" in line for line in skipped)
    assert any("empty.html" in line and "V110" in line for line in skipped)
    assert any("lines.jsonl:2:" in line and "V105" in line for line in skipped)
    after = counts(store)
    assert after["articles"] == before["articles"] + 1  # the good JSON Lines line
    assert [e for e in store.events() if e.event_id in {r.event_id for r in records}] == records
