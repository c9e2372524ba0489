"""Ingest of HTML pages, RSS/Atom feeds and WARC archives; format detection by content; errors
per record (a bad JSON line, a feed entry, a damaged archive) that keep the good records.

The documents are written for these tests: `tests/fixtures/ingest/` and the WARC files built
here with warcio.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from typer.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from veille import cli
from veille.errors import (
    BadFeed,
    BadGzip,
    BadJsonLine,
    BinaryInput,
    DamagedArchive,
    InputTooLarge,
    NoArticleText,
    VeilleError,
)
from veille.ingest import detect_format, list_files, read_file, read_records
from veille.ingest.detect import sniff
from veille.ingest.feed import html_to_text
from veille.ingest.ids import article_id
from veille.model import Article
from veille.store import open_store, schema

MAX = 1_000_000
FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"
FORMATS = {"warc", "feed", "html", "jsonl", "text", "binary"}


def records(path: Path, **options) -> list[Article | VeilleError]:
    return list(read_records(path, max_bytes=options.pop("max_bytes", MAX), **options))


def copy(name: str, to: Path) -> Path:
    to.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FIXTURES / name, to)
    return to


# --- HTML ------------------------------------------------------------------------------------


def test_html_main_text_without_boilerplate(tmp_path):
    (article,) = read_file(copy("article.html", tmp_path / "kidal.html"), max_bytes=MAX)
    assert "Au moins quatre civils ont été blessés" in article.text
    for boilerplate in ("Accueil", "Abonnez-vous", "Tous droits réservés", "Mentions légales",
                        "Nous contacter"):
        assert boilerplate not in article.text
    assert article.id == article_id(article.text)
    assert article.path == str(tmp_path / "kidal.html")


def test_html_paragraphs_are_lines(tmp_path):
    (article,) = read_file(copy("article.html", tmp_path / "kidal.html"), max_bytes=MAX)
    lines = article.text.splitlines()
    assert any(line.startswith("Des tirs d'artillerie ont touché") for line in lines)
    assert any(line.startswith("L'origine des tirs") for line in lines)


def test_html_metadata_read(tmp_path):
    (article,) = read_file(copy("article.html", tmp_path / "kidal.html"), max_bytes=MAX)
    assert article.title == "Des tirs d'artillerie frappent Kidal"
    assert article.published == dt.date(2024, 5, 6)
    assert article.outlet == "Le Courrier du Sahel"
    assert article.url == "https://courrier-sahel.example/2024/05/06/kidal-tirs"
    assert article.lang is None  # left to language detection


def test_html_own_date_wins_over_the_fallback(tmp_path):
    path = copy("article.html", tmp_path / "kidal.html")
    (article,) = read_file(path, max_bytes=MAX, published=dt.date(2020, 1, 1))
    assert article.published == dt.date(2024, 5, 6)


def test_html_without_date_takes_the_fallback_and_hostname(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><head><link rel='canonical' href='https://nord.example/a'></head>"
                    "<body><article><p>Des combats ont éclaté lundi près de la frontière, selon "
                    "des témoins.</p></article></body></html>", encoding="utf-8")
    (article,) = read_file(path, max_bytes=MAX, published=dt.date(2024, 2, 3))
    assert (article.published, article.outlet, article.url) == (
        dt.date(2024, 2, 3), "nord.example", "https://nord.example/a")


def test_html_in_latin1_is_decoded_by_its_charset(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes("<html><head><meta charset='iso-8859-1'><title>Été</title></head><body>"
                     "<article><p>Des échanges de tirs ont été signalés près de la préfecture "
                     "dans la soirée.</p></article></body></html>".encode("latin-1"))
    (article,) = read_file(path, max_bytes=MAX)
    assert article.text.startswith("Des échanges de tirs ont été signalés")


def test_html_without_text_is_a_clean_error(tmp_path):
    path = copy("boilerplate-only.html", tmp_path / "accueil.html")
    with pytest.raises(NoArticleText) as info:
        read_file(path, max_bytes=MAX)
    assert info.value.one_line() == (
        f"error V110: {path}: no article text found (the page holds only navigation and "
        "boilerplate, or nothing)")
    assert [type(r) for r in records(path)] == [NoArticleText]


# --- feeds -----------------------------------------------------------------------------------


def test_rss_items_are_articles(tmp_path):
    path = copy("rss2.xml", tmp_path / "gazette.xml")
    first, second = read_file(path, max_bytes=MAX)
    assert first.title == "Heurts près du port de Mopti"
    assert first.url == "https://gazette-fleuve.example/mopti-heurts"
    assert first.published == dt.date(2024, 5, 7)
    assert first.outlet == second.outlet == "La Gazette du Fleuve"
    assert first.text == ("Des heurts ont opposé des pêcheurs à des hommes armés près du port "
                          "de Mopti mardi.\nDeux personnes ont été blessées, selon la mairie.")
    assert (first.path, second.path) == (f"{path}#entry-1", f"{path}#entry-2")
    assert second.published == dt.date(2024, 5, 8)
    assert second.text.startswith("Plusieurs centaines de commerçants")


def test_atom_content_wins_over_summary(tmp_path):
    (entry,) = read_file(copy("atom.xml", tmp_path / "ledger.atom"), max_bytes=MAX)
    assert entry.text == ("A drone struck a fuel depot outside the port town late on Wednesday, "
                          "officials said.\nNo casualties were reported.")
    assert (entry.title, entry.url, entry.outlet) == (
        "Drone strike reported near a fuel depot", "https://ledger.example/drone-depot",
        "Northern Ledger")
    assert entry.published == dt.date(2024, 5, 8)  # published, not updated


def test_atom_entry_without_published_takes_updated(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>E</title>'
        "<updated>2024-06-02T10:00:00Z</updated><summary>Un texte court.</summary></entry>"
        "</feed>", encoding="utf-8")
    (entry,) = read_file(path, max_bytes=MAX, published=dt.date(2020, 1, 1))
    assert entry.published == dt.date(2024, 6, 2)


def test_rss_broken_xml_names_file_and_line(tmp_path):
    path = copy("rss2-broken.xml", tmp_path / "gazette.xml")
    found = records(path)
    errors = [r for r in found if isinstance(r, BadFeed)]
    assert len(errors) == 1
    assert errors[0].code == "V111"
    assert errors[0].message.startswith(f"{path}:6: broken feed: mismatched tag")
    with pytest.raises(BadFeed, match=r":6: broken feed"):
        read_file(path, max_bytes=MAX)


def test_rss_cut_short_keeps_recovered_items_or_names_line(tmp_path):
    text = (FIXTURES / "rss2.xml").read_text(encoding="utf-8")
    path = tmp_path / "cut.xml"
    path.write_text(text[:text.index("<item>", text.index("</item>"))] + "<item><title>Man",
                    encoding="utf-8")
    found = records(path)
    (error,) = [r for r in found if isinstance(r, BadFeed)]
    assert error.message.startswith(f"{path}:")
    assert int(error.message[len(f"{path}:"):].split(":")[0]) > 1
    assert "Des heurts ont opposé" in " ".join(r.text for r in found if isinstance(r, Article))


def test_feed_without_entries_is_a_clean_error(tmp_path):
    path = tmp_path / "empty.rss"
    path.write_text('<rss version="2.0"><channel><title>Vide</title></channel></rss>',
                    encoding="utf-8")
    with pytest.raises(NoArticleText, match="the feed has no entries"):
        read_file(path, max_bytes=MAX)


def test_html_to_text_keeps_paragraphs_and_drops_scripts():
    markup = "<p>Un <b>premier</b>\n paragraphe.</p><script>var x;</script><p>Deux<br>Trois</p>"
    assert html_to_text(markup) == "Un premier paragraphe.\nDeux\nTrois"


# --- WARC ------------------------------------------------------------------------------------

PAGE_ONE = ("<html><head><title>Frappe sur un dépôt</title>"
            "<meta property='article:published_time' content='2024-05-02T08:00:00Z'></head>"
            "<body><nav><a href='/'>Accueil</a> <a href='/monde'>Monde</a></nav><article>"
            "<p>Une frappe a visé un dépôt de carburant à l'est de la ville jeudi matin, selon "
            "la protection civile.</p><p>Aucune victime n'a été signalée.</p></article></body>"
            "</html>")
PAGE_TWO = ("<html><head><title>Barrage levé</title></head><body><article><p>Les manifestants "
            "ont levé le barrage routier dressé depuis trois jours sur la route du nord.</p>"
            "</article></body></html>")


def build_warc(gzipped: bool) -> tuple[bytes, list[int]]:
    """Three records: two HTML pages and a PNG image. Returns the bytes and record offsets."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    pages = [("https://depeche.example/frappe", "text/html; charset=utf-8", PAGE_ONE.encode()),
             ("https://depeche.example/barrage", "text/html", PAGE_TWO.encode()),
             ("https://depeche.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00")]
    for uri, content_type, body in pages:
        http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=http,
            warc_headers_dict={"WARC-Date": "2024-05-10T06:00:00Z"}))
    data = buffer.getvalue()
    archive = ArchiveIterator(io.BytesIO(data))
    return data, [archive.get_record_offset() for _ in archive]


@pytest.mark.parametrize("gzipped", [False, True], ids=["warc", "warc.gz"])
def test_warc_html_responses_are_articles(tmp_path, gzipped):
    data, _ = build_warc(gzipped)
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    path.write_bytes(data)
    assert detect_format(path) == "warc"
    first, second = read_file(path, max_bytes=MAX)  # the PNG response is skipped silently
    assert first.url == "https://depeche.example/frappe"
    assert first.text.startswith("Une frappe a visé un dépôt")
    assert "Accueil" not in first.text
    assert first.published == dt.date(2024, 5, 2)  # the page's own date
    assert second.url == "https://depeche.example/barrage"
    assert second.published == dt.date(2024, 5, 10)  # no date in the page: the WARC-Date
    assert second.outlet == "depeche.example"
    assert (first.path, second.path) == (f"{path}#record-1", f"{path}#record-2")
    assert all(isinstance(r, Article) for r in records(path))


@pytest.mark.parametrize("gzipped", [False, True], ids=["warc", "warc.gz"])
@pytest.mark.parametrize("cut", [0.5, 0.9], ids=["middle", "in-the-page"])
def test_warc_truncated_keeps_first_article_and_names_record(tmp_path, gzipped, cut):
    data, offsets = build_warc(gzipped)
    path = tmp_path / "crawl.warc"
    path.write_bytes(data[:offsets[1] + int(cut * (offsets[2] - offsets[1]))])  # in record 2
    first, error = records(path)
    assert isinstance(first, Article) and first.url == "https://depeche.example/frappe"
    assert isinstance(error, DamagedArchive)
    assert error.code == "V112"
    assert error.message.startswith(
        f"{path}: the WARC archive is damaged at record 2 (byte {offsets[1]}): ")
    assert error.message.endswith("articles kept from before it: 1")


def test_warc_cut_in_the_first_record_is_an_error_not_nothing(tmp_path):
    data, offsets = build_warc(False)
    path = tmp_path / "crawl.warc"
    path.write_bytes(data[:offsets[1] // 3])
    with pytest.raises(DamagedArchive, match=r"at record 1 \(byte 0\)"):
        read_file(path, max_bytes=MAX)


def test_warc_page_over_the_limit_is_skipped_alone(tmp_path):
    data, _ = build_warc(False)
    path = tmp_path / "crawl.warc"
    path.write_bytes(data)
    found = records(path, max_bytes=len(PAGE_TWO) + 10)  # page one is longer than page two
    assert [type(r) for r in found] == [InputTooLarge, Article]
    assert found[0].message.startswith(f"{path}#record-1: ")


# --- detection -------------------------------------------------------------------------------


def jsonl_lines(*lines: object) -> str:
    return "".join((x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)) + "\n"
                   for x in lines)


@pytest.mark.parametrize(
    ("fixture", "name", "expected"),
    [("article.html", "article.txt", "html"), ("rss2.xml", "flux.xml", "feed"),
     ("atom.xml", "ledger", "feed"), ("article.html", "page", "html")],
)
def test_detection_ignores_misleading_names(tmp_path, fixture, name, expected):
    assert detect_format(copy(fixture, tmp_path / name)) == expected


def test_detection_html_saved_as_txt_is_read_as_html(tmp_path):
    (article,) = read_file(copy("article.html", tmp_path / "article.txt"), max_bytes=MAX)
    assert article.title == "Des tirs d'artillerie frappent Kidal"
    assert "<p>" not in article.text


def test_detection_jsonl_saved_as_data(tmp_path):
    path = tmp_path / "export.data"
    path.write_text(jsonl_lines({"text": "Un."}, {"text": "Deux."}), encoding="utf-8")
    assert detect_format(path) == "jsonl"
    assert [a.text for a in read_file(path, max_bytes=MAX)] == ["Un.", "Deux."]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        (gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n", mtime=0), "warc"),
        (b'<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0"><channel>', "feed"),
        (b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        (b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'>", "feed"),
        (b"<!DOCTYPE rss PUBLIC '-//Netscape//DTD RSS 0.91//EN' 'x'>\n<rss version='0.91'>",
         "feed"),
        (b"  <!doctype html><title>x</title>", "html"),
        (b"<?xml version='1.0'?><!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0//EN' 'x'><html>",
         "html"),
        (b"<div class='article'><p>Un.</p><p>Deux.</p></div>", "html"),
        (gzip.compress(b"<html><body><p>Un.</p></body></html>", mtime=0), "html"),
        (b'{"text": "Un."}\n{"text": "Deux."}\n', "jsonl"),
        (b'{"text": "une tr\xc3\xa8s longue ligne coup\xc3\xa9e', "jsonl"),
        (b"---\ntitle: Un titre\n---\nDes combats ont eu lieu.", "text"),
        (b"{pas du json}\n", "text"),
        (b"Des combats <b>violents</b> ont eu lieu.", "text"),
        (b"<urlset><url><loc>https://x.example/</loc></url></urlset>", "text"),
        (b"", "text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (gzip.compress(b"\x00\x01\x02", mtime=0), "binary"),
        (b"\x1f\x8b\x08\x00garbage", "text"),  # damaged gzip: the text reader says so
    ],
)
def test_detection_by_first_bytes(head, expected):
    assert sniff(head) == expected


def test_detection_jsonl_name_settles_a_broken_first_line():
    assert sniff(b'{"text": "pas ferm\n{"text": "Deux."}\n', name="a.jsonl") == "jsonl"
    assert sniff(b"pas du json\n", name="a.NDJSON") == "jsonl"
    assert sniff(gzip.compress(b"pas du json\n"), name="a.jsonl.gz") == "jsonl"
    assert sniff(b"pas du json\n", name="a.txt") == "text"


@given(st.binary(max_size=2048), st.sampled_from(["", "a.jsonl", "a.txt"]))
def test_detection_never_raises(data, name):
    assert sniff(data, name=name) in FORMATS
    assert sniff(b"\x1f\x8b" + data, name=name) in FORMATS


@given(st.text(max_size=500))
def test_detection_never_raises_on_text(text):
    assert sniff(text.encode("utf-8")) in FORMATS


# --- folders ---------------------------------------------------------------------------------


def test_folder_lists_article_formats_by_name_or_content(tmp_path):
    copy("article.html", tmp_path / "a" / "page.html")
    copy("rss2.xml", tmp_path / "a" / "flux.xml")  # listed by content
    copy("article.html", tmp_path / "b" / "sans-suffixe")  # listed by content
    (tmp_path / "b" / "export.data").write_text(jsonl_lines({"text": "Un."}), encoding="utf-8")
    (tmp_path / "b" / "vide.txt").write_bytes(b"\x00\x01")  # article name: listed, then refused
    (tmp_path / "notes.md").write_text("# Notes\nÀ relire.\n", encoding="utf-8")
    (tmp_path / "table.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "sitemap.xml").write_text("<urlset><url><loc>x</loc></url></urlset>",
                                          encoding="utf-8")
    (tmp_path / ".cache").mkdir()
    copy("rss2.xml", tmp_path / ".cache" / "flux.xml")
    expected = [tmp_path / "a" / "flux.xml", tmp_path / "a" / "page.html",
                tmp_path / "b" / "export.data", tmp_path / "b" / "sans-suffixe",
                tmp_path / "b" / "vide.txt"]
    assert list_files(tmp_path) == expected
    assert list_files(tmp_path) == expected  # deterministic


def test_folder_records_in_file_order_with_errors_in_place(tmp_path):
    copy("rss2.xml", tmp_path / "a.xml")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01")
    copy("article.html", tmp_path / "c.html")
    kinds = [type(r).__name__ for r in records(tmp_path)]
    assert kinds == ["Article", "Article", "BinaryInput", "Article"]


def test_binary_file_named_as_an_article_is_refused(tmp_path):
    path = tmp_path / "a.html"
    path.write_bytes(b"<html>\x00\x00")
    with pytest.raises(BinaryInput):
        read_file(path, max_bytes=MAX)


# --- gzip ------------------------------------------------------------------------------------


def test_gzipped_html_is_read(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress((FIXTURES / "article.html").read_bytes()))
    (article,) = read_file(path, max_bytes=MAX)
    assert article.title == "Des tirs d'artillerie frappent Kidal"


def test_gzip_cut_short_is_a_clean_error(tmp_path):
    data = gzip.compress((FIXTURES / "article.html").read_bytes())
    path = tmp_path / "page.html.gz"
    path.write_bytes(data[:len(data) // 2])
    with pytest.raises(BadGzip, match=r"^.*page\.html\.gz: the gzip data is damaged"):
        read_file(path, max_bytes=MAX)


def test_gzip_expanding_past_the_limit_is_refused(tmp_path):
    path = tmp_path / "big.txt.gz"
    path.write_bytes(gzip.compress(b"Des combats. " * 10_000))
    with pytest.raises(InputTooLarge, match=r"130000 bytes is more than the limit of 5000"):
        read_file(path, max_bytes=5000)


# --- JSON Lines, record by record ------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "detail"),
    [({"text": 5}, '"text" must be a non-empty string'),
     ({"text": "Deux.", "published": 12}, '"published" must be a "YYYY-MM-DD" string'),
     ('{"text": "Deux.",', "invalid JSON (")],
)
def test_jsonl_bad_line_does_not_drop_the_others(tmp_path, bad, detail):
    path = tmp_path / "articles.jsonl"
    path.write_text(jsonl_lines({"text": "Un."}, bad, {"text": "Trois."}), encoding="utf-8")
    first, error, third = records(path)
    assert (first.text, third.text) == ("Un.", "Trois.")
    assert (first.path, third.path) == (f"{path}:1", f"{path}:3")
    assert isinstance(error, BadJsonLine)
    assert error.message.startswith(f"{path}:2: ")
    assert detail in error.message
    assert [a.text for a in read_file(path, max_bytes=MAX)] == ["Un.", "Trois."]


def test_jsonl_file_of_bad_lines_raises_the_first(tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_text(jsonl_lines({"text": 1}, {"text": 2}), encoding="utf-8")
    with pytest.raises(BadJsonLine, match=r":1: "):
        read_file(path, max_bytes=MAX)


# --- the CLI ---------------------------------------------------------------------------------


def test_cli_run_reports_bad_records_and_goes_on(tmp_path, runtime):
    """The real pipeline and a real store: the good records are read and stored."""
    folder = tmp_path / "articles"
    copy("rss2.xml", folder / "flux.xml")
    (folder / "lignes.jsonl").write_text(jsonl_lines({"text": "Un."}, {"text": 5}),
                                         encoding="utf-8")
    data, offsets = build_warc(False)
    (folder / "crawl.warc").write_bytes(data[:offsets[1] + 40])
    result = CliRunner().invoke(cli.app, ["run", str(folder), "--db",
                                          f"sqlite:///{tmp_path}/t.db"])
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert skipped == [
        f"skipped error V112: {folder / 'crawl.warc'}: the WARC archive is damaged at record 2 "
        f"(byte {offsets[1]}): the file ends inside this record; articles kept from before it: 1",
        f'skipped error V105: {folder / "lignes.jsonl"}:2: "text" must be a non-empty string',
    ]
    store = open_store(f"sqlite:///{tmp_path}/t.db")
    with store.engine.connect() as conn:
        paths = [p for (p,) in conn.execute(select(schema.articles.c.path))]
    assert sorted(paths) == sorted([
        f"{folder / 'crawl.warc'}#record-1", f"{folder / 'flux.xml'}#entry-1",
        f"{folder / 'flux.xml'}#entry-2", f"{folder / 'lignes.jsonl'}:1"])
    assert "2 files or records skipped" in result.stderr


def test_cli_extract_reads_a_feed(tmp_path, runtime):
    path = copy("atom.xml", tmp_path / "ledger.xml")
    result = CliRunner().invoke(cli.app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["article"]["title"] == "Drone strike reported near a fuel depot"
