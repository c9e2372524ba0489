"""`veille gazetteer download`: GeoNames' dumps fetched from a real HTTP server on 127.0.0.1
(serving a small dump the tests write; nothing reaches the internet), checked, imported,
resumed after a cut, not fetched again when unchanged, and refused cleanly when damaged,
leaving the gazetteer as it was."""

from __future__ import annotations

import io
import shutil
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from veille.cli import app
from veille.errors import BadGazetteerFile, DownloadFailed
from veille.resolve.gazetteer import Gazetteer
from veille.resolve.gazetteer.download import download, downloaded

# Two villages and a neighbourhood of Syria and a hill (not a populated place). Names and ids
# are made up for the tests; the layout is GeoNames' (19 tab-separated columns).
ROWS = [
    ("9980001", "Kafr Zaytuna", "Kafr Zaytuna", "Kfar Zeitouneh", "36.41", "37.02", "P", "PPL",
     "SY", "09", "300"),
    ("9980002", "Tall Rummana", "Tall Rummana", "", "35.12", "36.55", "P", "PPL", "SY", "06",
     "150"),
    ("9980003", "Hayy al-Warda", "Hayy al-Warda", "", "36.21", "37.15", "P", "PPLX", "SY", "09",
     "0"),
    ("9980004", "Jabal Rummana", "Jabal Rummana", "", "35.13", "36.56", "T", "HLL", "SY", "06",
     "0"),
]
ADMIN1 = "SY.09\tAleppo\tAleppo\t170062\nSY.06\tHama\tHama\t170016\n"
ADMIN2 = "SY.09.1111\tJabal Saman\tJabal Saman\t9981111\n"


def dump_zip(rows=ROWS, member: str = "SY.txt") -> bytes:
    lines = [f"{g}\t{n}\t{a}\t{alt}\t{lat}\t{lon}\t{fc}\t{code}\t{cc}\t\t{adm}\t"
             f"{'1111' if adm == '09' else ''}\t\t\t{pop}\t\t0\tAsia/Damascus\t2024-01-01"
             for g, n, a, alt, lat, lon, fc, code, cc, adm, pop in rows]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr(member, "\n".join(lines) + "\n")
        zipped.writestr("readme.txt", "GeoNames dump (test)")
    return buffer.getvalue()


class Server:
    """A GeoNames mirror on 127.0.0.1: `files` by path, with ETag, Range and modes that break
    a response (`cut`: stop halfway through the first response of a path)."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {"/dump/admin1CodesASCII.txt": ADMIN1.encode(),
                                        "/dump/admin2Codes.txt": ADMIN2.encode(),
                                        "/dump/SY.zip": dump_zip()}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.cut: set[str] = set()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append((self.path, dict(self.headers)))
                body = server.files.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                start = 0
                ranged = self.headers.get("Range")
                if ranged and ranged.startswith("bytes="):
                    start = int(ranged[6:].split("-")[0])
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
                else:
                    self.send_response(200)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body) - start))
                self.end_headers()
                if self.path in server.cut:
                    server.cut.discard(self.path)
                    self.wfile.write(body[start:start + (len(body) - start) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(body[start:])

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/dump"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def paths(self) -> list[str]:
        return [p for p, _ in self.requests]


@pytest.fixture
def server():
    running = Server()
    yield running
    running.httpd.shutdown()


MIN_POPULATION = 500  # default_config.toml's, which the session's gazetteer is built with


@pytest.fixture
def gazetteer(runtime, tmp_path):
    """A copy of the session's gazetteer file, to change without touching the shared one."""
    assert runtime.config.gazetteer_min_population == MIN_POPULATION
    path = tmp_path / "data" / "gazetteer.sqlite"
    path.parent.mkdir()
    shutil.copy(runtime.gazetteer.path, path)
    return path


def opened(path) -> Gazetteer:
    return Gazetteer(min_population=MIN_POPULATION, path=path)


def places(path) -> dict[str, str]:
    found = {}
    for name in ("Kafr Zaytuna", "Kfar Zeitouneh", "Tall Rummana", "Hayy al-Warda",
                 "Jabal Rummana"):
        place = opened(path).lookup(name, country_code="SY")
        found[name] = place.admin1 if place else None
    return found


def test_download_adds_villages_and_neighbourhoods(server, gazetteer):
    (result,) = download(["sy"], gazetteer, base_url=server.url)
    assert (result.country, result.status, result.places) == ("SY", "added", 3)
    assert places(gazetteer) == {"Kafr Zaytuna": "Aleppo", "Kfar Zeitouneh": "Aleppo",
                                 "Tall Rummana": "Hama", "Hayy al-Warda": "Aleppo",
                                 "Jabal Rummana": None}  # a hill is no populated place
    assert downloaded(gazetteer)["SY"]["places"] == 3
    # ACLED's admin2: the village's district, from admin2Codes.txt.
    assert opened(gazetteer).lookup("Kafr Zaytuna", country_code="SY").admin2 == "Jabal Saman"


def test_a_second_run_fetches_nothing_new(server, gazetteer):
    download(["SY"], gazetteer, base_url=server.url)
    server.requests.clear()
    (result,) = download(["SY"], gazetteer, base_url=server.url)
    assert result.status == "unchanged"
    # Both files asked again with the validators of the first download, both answered 304.
    assert all("If-None-Match" in headers for _, headers in server.requests)
    assert server.paths() == ["/dump/admin1CodesASCII.txt", "/dump/admin2Codes.txt",
                              "/dump/SY.zip"]


def test_a_cut_download_resumes_where_it_stopped(server, gazetteer):
    server.cut.add("/dump/SY.zip")
    with pytest.raises(DownloadFailed) as caught:
        download(["SY"], gazetteer, base_url=server.url)
    assert caught.value.code == "V205" and "run the command again to resume" in str(caught.value)
    assert places(gazetteer)["Kafr Zaytuna"] is None  # nothing imported
    part = gazetteer.parent / "geonames" / "SY.zip.part"
    half = part.stat().st_size
    assert 0 < half < len(server.files["/dump/SY.zip"])
    (result,) = download(["SY"], gazetteer, base_url=server.url)
    assert result.status == "resumed" and result.places == 3
    assert server.requests[-1][1]["Range"] == f"bytes={half}-"
    assert not part.exists()


@pytest.mark.parametrize("body", [
    dump_zip()[:-40],                       # truncated: the zip's directory is missing
    b"<html><body>Mirror is down</body></html>",  # a page where the zip should be
    dump_zip(member="XX.txt"),              # a zip of another country
])
def test_a_damaged_dump_is_refused_and_the_gazetteer_left_as_it_was(server, gazetteer, body):
    server.files["/dump/SY.zip"] = body
    before = opened(gazetteer).counts()
    with pytest.raises(BadGazetteerFile) as caught:
        download(["SY"], gazetteer, base_url=server.url)
    assert caught.value.code == "V204"
    assert places(gazetteer)["Kafr Zaytuna"] is None
    assert "SY" not in downloaded(gazetteer)
    assert not (gazetteer.parent / "geonames" / "SY.zip").exists()  # deleted: fetched anew
    assert opened(gazetteer).counts() == before


def test_cli_download_info_and_clear_errors(server, gazetteer, tmp_path):
    config = tmp_path / "veille.toml"
    config.write_text(f'[gazetteer]\nmin_population = {MIN_POPULATION}\npath = "{gazetteer}"\n',
                      encoding="utf-8")
    runner = CliRunner()
    done = runner.invoke(app, ["gazetteer", "download", "SY", "--url", server.url, "--quiet",
                               "--config", str(config)])
    assert done.exit_code == 0, done.output
    assert "SY: 3 populated places added" in done.stdout
    info = runner.invoke(app, ["gazetteer", "info", "--config", str(config)])
    assert "SY: GeoNames dump of" in info.stdout and "3 populated places" in info.stdout
    for argv, message in [
        (["ZZ"], "error V205: ZZ: download failed: not an ISO 3166 alpha-2 country code"),
        (["ML"], "error V205: " + server.url + "/ML.zip: download failed: the server answered 404"),
    ]:
        failed = runner.invoke(app, ["gazetteer", "download", *argv, "--url", server.url,
                                     "--quiet", "--config", str(config)])
        assert failed.exit_code == 1
        assert failed.stderr.startswith(message), failed.stderr
        assert "Traceback" not in failed.output


def test_nothing_is_downloaded_from_anywhere_but_the_given_server(server, gazetteer):
    download(["SY"], gazetteer, base_url=server.url)
    assert server.paths() == ["/dump/admin1CodesASCII.txt", "/dump/admin2Codes.txt",
                              "/dump/SY.zip"]
