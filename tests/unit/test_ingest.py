"""Ingest: text files with front matter, JSON Lines, folders, article ids."""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import json

import pytest

import veille
from veille.errors import (
    BadDate,
    BadFrontMatter,
    BadJsonLine,
    BinaryInput,
    EmptyInput,
    InputNotFound,
    InputTooLarge,
    NoArticles,
    UnreadableEncoding,
    VeilleError,
)
from veille.ingest import (
    article_from_text,
    count_records,
    iter_articles,
    list_files,
    parse_date,
    read_file,
    read_records,
)
from veille.ingest.decode import decode_bytes
from veille.ingest.ids import article_id
from veille.ingest.jsonl import read_jsonl

MAX = 1_000_000
BODY = "Des combats ont éclaté à Alep hier.\nLes habitants ont fui vers le nord.\n"
FRONT = (
    "---\n"
    "title: Des combats à Alep\n"
    "published: 2024-03-12\n"
    "lang: fr\n"
    "url: https://example.org/alep\n"
    "outlet: Le Journal\n"
    "---\n"
)


def test_ingest_front_matter_parsed():
    article = article_from_text(FRONT + BODY, name="a.txt")
    assert article.title == "Des combats à Alep"
    assert article.published == dt.date(2024, 3, 12)
    assert article.lang == "fr"
    assert article.url == "https://example.org/alep"
    assert article.outlet == "Le Journal"


def test_ingest_body_offsets_exclude_front_matter():
    article = article_from_text(FRONT + BODY, name="a.txt")
    assert article.text == BODY
    start = BODY.index("Alep")
    assert article.text[start:start + 4] == "Alep"


def test_ingest_front_matter_does_not_change_id():
    assert article_from_text(FRONT + BODY, name="a.txt").id == article_id(BODY)


def test_ingest_front_matter_id_field_wins():
    text = "---\nid: article-7\n---\n" + BODY
    assert article_from_text(text, name="a.txt").id == "article-7"


def test_ingest_text_without_front_matter_kept_whole():
    article = article_from_text(BODY, name="a.txt")
    assert article.text == BODY
    assert (article.title, article.published, article.lang) == (None, None, None)


def test_ingest_arguments_override_front_matter():
    article = article_from_text(FRONT + BODY, name="a.txt", published=dt.date(2024, 1, 2),
                                lang="en")
    assert (article.published, article.lang) == (dt.date(2024, 1, 2), "en")


@pytest.mark.parametrize(
    ("front", "detail"),
    [
        ("titel: Des combats\n", "unknown fields ['titel']"),
        ("title: Des combats\nauthor: X\ndate: 2024-03-12\n", "unknown fields ['author', 'date']"),
        ("- une liste\n- pas un dictionnaire\n", "unknown fields"),
    ],
)
def test_ingest_unknown_front_matter_field_raises(front, detail):
    with pytest.raises(BadFrontMatter) as info:
        article_from_text(f"---\n{front}---\n{BODY}", name="a.txt")
    assert info.value.code == "V107"
    assert info.value.message.startswith("a.txt: bad front matter: ")
    assert detail in info.value.message


def test_ingest_malformed_front_matter_raises():
    with pytest.raises(BadFrontMatter, match=r"^a\.txt: bad front matter: "):
        article_from_text("---\ntitle: [pas fermé\n---\n" + BODY, name="a.txt")


def test_ingest_front_matter_without_body_raises():
    with pytest.raises(EmptyInput, match="no text to read"):
        article_from_text(FRONT + "\n  \n", name="a.txt")


def test_ingest_front_matter_bad_date_names_the_file():
    with pytest.raises(BadFrontMatter, match=r"^a\.txt: bad front matter: invalid publication date"):
        article_from_text("---\npublished: 12/03/2024\n---\n" + BODY, name="a.txt")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-12", dt.date(2024, 3, 12)),
        ("2024-03-12T08:30:00Z", dt.date(2024, 3, 12)),
        (dt.date(2024, 3, 12), dt.date(2024, 3, 12)),
        (dt.datetime(2024, 3, 12, 23, 59), dt.date(2024, 3, 12)),
        (None, None),
        ("", None),
    ],
)
def test_ingest_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["12/03/2024", "2024-13-01", "hier", "2024-02-30"])
def test_ingest_parse_date_bad_raises(value):
    with pytest.raises(BadDate) as info:
        parse_date(value)
    assert info.value.one_line() == (
        f"error V106: invalid publication date {value!r}: use YYYY-MM-DD")


def test_ingest_article_id_stable():
    assert article_id(BODY) == article_id(BODY)
    assert article_from_text(BODY, name="a").id == article_from_text(BODY, name="b").id


@pytest.mark.parametrize(
    "variant",
    [
        "Des combats ont éclaté à Alep hier. Les habitants ont fui vers le nord.",
        "  Des combats ont   éclaté à Alep hier.\r\n\r\nLes habitants ont fui vers le nord.  ",
        "Des\tcombats ont éclaté à Alep hier.\nLes habitants\u00a0ont fui vers le nord.",
        # the same text in decomposed Unicode (e + combining acute accent)
        "Des combats ont e\u0301clate\u0301 à Alep hier. Les habitants ont fui vers le nord.",
    ],
)
def test_ingest_article_id_ignores_whitespace_and_normalisation(variant):
    assert article_id(variant) == article_id(BODY)


def test_ingest_article_id_differs_for_different_text():
    assert article_id(BODY) != article_id(BODY.replace("Alep", "Idleb"))


def test_ingest_article_id_is_16_hex_digits():
    assert len(article_id(BODY)) == 16
    int(article_id(BODY), 16)


def test_ingest_jsonl_good_lines(tmp_path):
    path = tmp_path / "a.jsonl"
    lines = [
        {"id": "un", "text": "Des combats à Alep.", "published": "2024-03-12", "lang": "fr",
         "url": "https://example.org/1", "title": "Alep", "outlet": "Le Journal"},
        {"text": "Des frappes à Idleb."},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n",
                    encoding="utf-8")
    first, second = read_jsonl(path, max_bytes=MAX)
    assert (first.id, first.text, first.published, first.lang) == (
        "un", "Des combats à Alep.", dt.date(2024, 3, 12), "fr")
    assert (first.url, first.title, first.outlet) == ("https://example.org/1", "Alep",
                                                      "Le Journal")
    assert first.path == f"{path}:1"
    assert second.id == article_id("Des frappes à Idleb.")
    assert second.path == f"{path}:2"


def test_ingest_jsonl_blank_lines_skipped(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('\n  \n{"text": "Des combats à Alep."}\n\n', encoding="utf-8")
    (article,) = read_jsonl(path, max_bytes=MAX)
    assert article.path == f"{path}:3"


@pytest.mark.parametrize(
    ("line", "detail"),
    [
        ('{"text": "Des combats"', "invalid JSON ("),
        ("pas du json", "invalid JSON ("),
        ('["une", "liste"]', "each line must be a JSON object"),
        ('{"title": "sans texte"}', '"text" must be a non-empty string'),
        ('{"text": "   "}', '"text" must be a non-empty string'),
        ('{"text": 12}', '"text" must be a non-empty string'),
        ('{"text": "Des combats", "published": "12/03/2024"}',
         "invalid publication date '12/03/2024': use YYYY-MM-DD"),
        ('{"text": "Des combats", "url": 3}', '"url" must be a string'),
        ('{"text": "Des combats", "lang": ["fr"]}', '"lang" must be a string'),
    ],
)
def test_ingest_jsonl_bad_line_names_file_and_line(tmp_path, line, detail):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Une ligne correcte."}\n\n' + line + "\n", encoding="utf-8")
    with pytest.raises(BadJsonLine) as info:
        list(read_jsonl(path, max_bytes=MAX))
    assert info.value.code == "V105"
    assert info.value.message.startswith(f"{path}:3: ")
    assert detail in info.value.message


def test_ingest_jsonl_good_lines_before_a_bad_one_are_read(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Une ligne correcte."}\nnon\n', encoding="utf-8")
    articles = read_jsonl(path, max_bytes=MAX)
    assert next(articles).text == "Une ligne correcte."
    with pytest.raises(BadJsonLine, match=r":2: invalid JSON"):
        next(articles)


def test_ingest_folder_walk_skips_hidden_files(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / ".brouillon.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "b.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "sous" / "dossier").mkdir(parents=True)
    (tmp_path / "sous" / "dossier" / "c.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    (tmp_path / "sous" / "d.TXT").write_text(BODY, encoding="utf-8")
    (tmp_path / "notes.md").write_text(BODY, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00")
    assert list_files(tmp_path) == [tmp_path / "a.txt", tmp_path / "sous" / "d.TXT",
                                    tmp_path / "sous" / "dossier" / "c.jsonl"]


def test_ingest_folder_inside_hidden_folder_is_walked(tmp_path):
    folder = tmp_path / ".cache" / "articles"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(BODY, encoding="utf-8")
    assert list_files(folder) == [folder / "a.txt"]


def test_ingest_folder_articles_read_in_order(tmp_path):
    (tmp_path / "b.txt").write_text("Des frappes à Idleb.", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text('{"text": "Un"}\n{"text": "Deux"}\n', encoding="utf-8")
    texts = [a.text for a in iter_articles(tmp_path, max_bytes=MAX)]
    assert texts == ["Un", "Deux", "Des frappes à Idleb."]


def test_ingest_single_file_listed(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(BODY, encoding="utf-8")
    assert list_files(path) == [path]


@pytest.mark.parametrize(
    "files", [[], ["notes.md", "data.csv"], [".cache.txt"], [".hidden/a.txt"]])
def test_ingest_folder_without_articles_raises(tmp_path, files):
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(BODY, encoding="utf-8")
    with pytest.raises(NoArticles) as info:
        list_files(tmp_path)
    assert info.value.one_line() == (
        f"error V104: {tmp_path}: no articles found (looked for text, JSON Lines, HTML, "
        "RSS/Atom and WARC files)")


def test_ingest_missing_path_raises(tmp_path):
    with pytest.raises(InputNotFound):
        list_files(tmp_path / "absent")


def test_ingest_text_file_read_with_front_matter(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(FRONT + BODY, encoding="utf-8")
    (article,) = read_file(path, max_bytes=MAX)
    assert (article.text, article.title, article.path) == (BODY, "Des combats à Alep", str(path))


def test_ingest_text_file_bom_dropped(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeff".encode() + BODY.encode())
    (article,) = read_file(path, max_bytes=MAX)
    assert article.text == BODY


def test_ingest_too_large_file_raises(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    with pytest.raises(InputTooLarge, match=r"more than the limit of 10 bytes"):
        read_file(path, max_bytes=10)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInput),
        (b" \n\t\n", EmptyInput),
        (b"abc\x00def", BinaryInput),
        ("Удар по городу Алеппо".encode("cp1251"), UnreadableEncoding),
        ("Les combats à Alep".encode("utf-16-le") + b"\x00\x00\x01\x02", BinaryInput),
    ],
)
def test_ingest_decode_refuses_bad_bytes(data, error):
    with pytest.raises(error):
        decode_bytes(data, "a.txt")


TEXT = "Les combats à Alep — l’armée a tué 3 civils. Élèves évacués."


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"), codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"), TEXT.encode("utf-16-le"), TEXT.encode("utf-16-be"),
    TEXT.encode("cp1252"), TEXT.replace("’", "'").replace("—", "-").encode("latin-1"),
    TEXT[:20].encode("utf-8") + TEXT[20:].encode("cp1252"),  # mixed: a page pasted together
], ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "cp1252", "latin1", "mixed"])
def test_ingest_decode_reads_what_the_bytes_are(data):
    text = decode_bytes(data, "a.txt")
    assert text.replace("'", "’").replace(" - ", " — ") == TEXT


def test_ingest_decode_refuses_another_alphabet_and_says_what_to_do():
    with pytest.raises(UnreadableEncoding) as info:
        decode_bytes("Удар по городу Алеппо".encode("cp1251"), "a.txt")
    assert info.value.one_line() == (
        "error V103: a.txt: the text is not valid UTF-8 (byte 0): it looks like another "
        "alphabet's legacy encoding, not cp1252 ([ingest] legacy_encoding); re-encode it to "
        "UTF-8 or set that encoding")
    assert decode_bytes("Удар по городу".encode("cp1251"), "a.txt",
                        legacy_encoding="cp1251") == "Удар по городу"


def test_ingest_decode_without_legacy_encoding_reports_byte_offset():
    with pytest.raises(UnreadableEncoding) as info:
        decode_bytes("Les combats à Alep".encode("latin-1"), "a.txt", legacy_encoding="")
    assert info.value.fields["offset"] == len("Les combats ")
    assert info.value.one_line().endswith("(byte 12): re-encode it to UTF-8")


@pytest.mark.parametrize("front", ["title: 1984\n", "lang: no\n", "url: [a, b]\n"])
def test_ingest_front_matter_value_of_wrong_type_is_a_veille_error(front):
    # Either refused as bad front matter, or read as a string; never an internal error.
    try:
        article = article_from_text(f"---\n{front}---\n{BODY}", name="a.txt")
    except VeilleError as exc:
        assert isinstance(exc, BadFrontMatter)
    else:
        assert all(isinstance(v, str | None) for v in (article.title, article.lang, article.url))


# --- JSON Lines are streamed: max_bytes bounds each line, not the file -------------------------


def _lines(n: int) -> list[str]:
    return [json.dumps({"id": f"a{i}", "text": f"Des combats à Alep, dépêche {i}."})
            for i in range(n)]


@pytest.mark.parametrize("gzipped", [False, True])
def test_ingest_jsonl_larger_than_max_bytes_is_read_line_by_line(tmp_path, gzipped):
    data = ("\n".join(_lines(2_000)) + "\n").encode()
    path = tmp_path / ("big.jsonl.gz" if gzipped else "big.jsonl")
    path.write_bytes(gzip.compress(data) if gzipped else data)
    assert len(data) > 100_000
    items = list(read_records(path, max_bytes=1_000))  # each line is far below it
    assert [a.id for a in items] == [f"a{i}" for i in range(2_000)]
    assert count_records(path, max_bytes=1_000) == 2_000


def test_ingest_jsonl_line_over_max_bytes_is_one_error_and_the_next_is_read(tmp_path):
    long = json.dumps({"id": "long", "text": "combats " * 5_000})
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join([_lines(1)[0], long, _lines(2)[1]]) + "\n", encoding="utf-8")
    items = list(read_records(path, max_bytes=1_000))
    assert [getattr(i, "id", None) for i in items] == ["a0", None, "a1"]
    assert items[1].one_line() == (f"error V105: {path}:2: the line is longer than 1000 bytes "
                                   "(ingest.max_bytes)")
    assert count_records(path, max_bytes=1_000) == 3


def test_ingest_jsonl_empty_or_truncated_gzip_says_so(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"\n  \n")
    assert [i.code for i in read_records(empty, max_bytes=MAX)] == ["V101"]
    cut = tmp_path / "cut.jsonl.gz"
    whole = gzip.compress(("\n".join(_lines(500)) + "\n").encode())
    cut.write_bytes(whole[:len(whole) // 2])
    items = list(read_records(cut, max_bytes=MAX))
    assert items[-1].code == "V113" and items[-1].one_line().startswith(f"error V113: {cut}:")
    assert all(isinstance(i, veille.Article) for i in items[:-1]) and len(items) > 1


def test_ingest_jsonl_line_in_another_encoding_is_read_alone(tmp_path):
    path = tmp_path / "a.jsonl"
    latin = json.dumps({"id": "latin", "text": "Frappe aérienne à Idleb."}, ensure_ascii=False)
    path.write_bytes((_lines(1)[0] + "\n").encode() + latin.encode("cp1252") + b"\n")
    assert [a.text for a in read_records(path, max_bytes=MAX)][1] == "Frappe aérienne à Idleb."
