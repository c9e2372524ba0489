"""The CLI's errors: one line `error Vxxx: ...` on stderr, exit code 1, never a traceback.

With click >= 8.2, `CliRunner` always keeps stderr apart (`result.stderr`), while
`result.output` holds both streams interleaved, as a terminal would show them.
"""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from veille.cli import app, edge

runner = CliRunner()

ARTICLE = "Des combats ont éclaté à Alep hier.\n".encode()


@pytest.mark.parametrize(
    ("command", "content", "options", "message"),
    [
        ("extract", b"", [],
         "error V101: {path}: the file is empty (no text to read)"),
        ("extract", b"  \n\n\t", [],
         "error V101: {path}: the file is empty (no text to read)"),
        ("extract", b"Des combats\x00\x01\x02", [],
         "error V102: {path}: this looks like a binary file, not text (found NUL bytes)"),
        ("extract", "Les combats à Alep".encode("utf-16-le")[:-1], [],
         "error V102: {path}: this looks like a binary file, not text (found NUL bytes)"),
        ("extract", "Бои в Алеппо".encode("cp1251"), [],
         "error V103: {path}: the text is not valid UTF-8 (byte 0): it looks like another "
         "alphabet's legacy encoding, not cp1252 ([ingest] legacy_encoding); re-encode it to "
         "UTF-8 or set that encoding"),
        ("extract", None, [],
         "error V100: {path}: no such file or directory"),
        ("extract", "folder", [],
         "error V109: {path}: is a folder; `veille extract` reads one file "
         "(use `veille run` for folders)"),
        ("extract", ARTICLE, ["--published", "2024-13-45"],
         "error V106: invalid publication date '2024-13-45': use YYYY-MM-DD"),
        ("extract", ARTICLE, ["--published", "12/03/2024"],
         "error V106: invalid publication date '12/03/2024': use YYYY-MM-DD"),
        ("run", "folder", [],
         "error V104: {path}: no articles found (looked for text, JSON Lines, HTML, RSS/Atom "
         "and WARC files)"),
        ("run", None, [],
         "error V100: {path}: no such file or directory"),
    ],
    ids=["empty", "blank", "binary", "utf16-cut", "cp1251", "missing", "folder",
         "bad-date", "french-date", "run-no-articles", "run-missing"],
)
def test_cli_errors_one_line_message(tmp_path, command, content, options, message):
    path = tmp_path / "article.txt"
    if content == "folder":
        path = tmp_path / "articles"
        path.mkdir()
        (path / "notes.md").write_text("pas un article", encoding="utf-8")
    elif content is not None:
        path.write_bytes(content)
    if command == "run":
        options = [*options, "--db", f"sqlite:///{tmp_path}/t.db"]
    result = runner.invoke(app, [command, str(path), *options])
    assert result.exit_code == 1
    assert result.stderr == message.format(path=path) + "\n"
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_cli_errors_run_writes_store_only_where_told(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    result = runner.invoke(app, ["run", str(folder), "--db", f"sqlite:///{tmp_path}/t.db"])
    assert result.exit_code == 1
    created = {p.name for p in tmp_path.iterdir()}
    assert "t.db" in created
    assert created <= {"articles", "t.db", "t.db-wal", "t.db-shm"}


def test_cli_errors_no_arguments_shows_help():
    result = runner.invoke(app, [])
    assert "Usage" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("exc", "message"),
    [
        (RuntimeError("boom"),
         "error V999: internal error (RuntimeError: boom); rerun with VEILLE_DEBUG=1 and "
         "report it"),
        (KeyError("x"),
         "error V999: internal error (KeyError: 'x'); rerun with VEILLE_DEBUG=1 and report it"),
    ],
)
def test_cli_errors_internal_error_one_line(capsys, monkeypatch, exc, message):
    monkeypatch.delenv("VEILLE_DEBUG", raising=False)

    @edge
    def command():
        raise exc

    with pytest.raises(typer.Exit) as info:
        command()
    assert info.value.exit_code == 1
    assert capsys.readouterr().err == message + "\n"


def test_cli_errors_internal_error_multiline_message_kept_on_one_line(capsys, monkeypatch):
    monkeypatch.delenv("VEILLE_DEBUG", raising=False)

    @edge
    def command():
        raise ValueError("first line\nsecond line")

    with pytest.raises(typer.Exit):
        command()
    err = capsys.readouterr().err
    assert err.startswith("error V999: internal error (ValueError: first line")
    assert err.count("\n") == 1


def test_cli_errors_debug_shows_internal_error(monkeypatch):
    monkeypatch.setenv("VEILLE_DEBUG", "1")

    @edge
    def command():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        command()
