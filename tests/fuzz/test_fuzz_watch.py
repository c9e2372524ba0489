"""`veille watch` on anything: a SOURCES file of any bytes is sources or one clear error
(V700); any link of a feed is a canonical http(s) URL or none; any feed, sitemap or page body
gives entries (web addresses) or none, never an exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from veille.errors import BadSources
from veille.watch import canonical_url, read_sources
from veille.watch.watcher import _section, _sitemap

TOML_BITS = st.sampled_from(["[[source]]\n", "name = 'a'\n", "url = 'https://x.org/f'\n",
                             "url = 'http://127.0.0.1/'\n", "every = '1h'\n", "every = 3\n",
                             "lang = 'fr'\n", "country = 'SD'\n", "[source]\n", "x = 1\n",
                             "name = ''\n", "url = 'ftp://x'\n", "\x00", "é"])
LINKS = st.sampled_from(["https://x.org/a?utm_source=b&id=1#f", "/rel/path", "//x.org/p",
                         "javascript:alert(1)", "mailto:a@b.c", "http://[::1]:80/",
                         "https://xn--n3h.example/", "http://x.org:99999/", "http://",
                         " https://x.org/ a b "]) | st.text(max_size=60)
BODIES = st.sampled_from([b"<urlset><url><loc>/a</loc><lastmod>2024-13-40</lastmod></url>",
                          b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM "
                          b"'file:///etc/passwd'>]><urlset><url><loc>&e;</loc></url></urlset>",
                          b"<html><a href='/x'>x</a><a href='http://[bad'>y</a></html>",
                          b"<a href=", b""]) | st.binary(max_size=500)


@given(st.lists(TOML_BITS, max_size=12) | st.text(max_size=200).map(lambda t: [t]))
def test_any_sources_file_is_sources_or_one_clear_error(bits):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sources.toml"
        path.write_text("".join(bits), encoding="utf-8", errors="surrogatepass")
        try:
            found = read_sources(path)
        except BadSources as exc:
            assert exc.code == "V700"
            return
    for source in found:
        assert source.url.startswith(("http://", "https://")) and source.every >= 60


@given(LINKS, st.sampled_from([None, "https://x.org/feed", "http://127.0.0.1:8/f"]))
def test_any_link_is_a_web_address_or_none(link, base):
    url = canonical_url(link, base)
    assert url is None or url.startswith(("http://", "https://"))
    assert url is None or "utm_" not in url


@given(BODIES)
def test_any_body_gives_web_addresses_or_nothing(body):
    for url, _ in _sitemap(body, "https://x.org/map") + _section(body, "https://x.org/s/"):
        assert url.startswith(("http://", "https://")) and "passwd" not in url
