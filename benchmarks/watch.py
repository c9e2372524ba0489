"""`veille watch --once` end to end: articles per second from feeds to stored events.

    python benchmarks/watch.py [--feeds 50] [--entries 100] [--workers 4] [--db PATH_OR_URL]

Local HTTP servers (one per feed, each on its own loopback address 127.0.0.N, so that each feed
is its own host) serve `--feeds` RSS feeds of `--entries` entries, each linking to an article
page generated here (short conflict reports in French and English, a fixed seed). The benchmark
runs `veille watch --once` over them and prints articles per second, then runs it again: the
second run must fetch nothing but the feeds, each answering 304. It also checks that no host
ever received two requests at once.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TOWNS = [("Gao", "Mali"), ("Mopti", "Mali"), ("Djibo", "Burkina Faso"), ("Goma", "RDC"),
         ("Bunia", "RDC"), ("Maiduguri", "Nigeria"), ("El Fasher", "Soudan"),
         ("Kidal", "Mali"), ("Diffa", "Niger"), ("Beni", "RDC")]
FR = ["Des hommes armés ont attaqué {day} un poste de l'armée à {town}, au {country}, tuant "
      "{n} soldats, selon une source sécuritaire.",
      "Plusieurs centaines de personnes ont manifesté {day} à {town} pour réclamer le retour "
      "de l'électricité, selon des témoins.",
      "Une frappe de drone a touché {day} un marché de {town}, faisant {n} morts parmi les "
      "civils, a indiqué un responsable local."]
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]


def article(feed: int, entry: int) -> bytes:
    rng = random.Random(feed * 100_003 + entry)
    town, country = rng.choice(TOWNS)
    lead = rng.choice(FR).format(day=rng.choice(DAYS), town=town, country=country,
                                 n=rng.randint(2, 12))
    rest = (f"L'incident, le {entry + 1}e signalé par notre correspondant n°{feed}, n'a pas été "
            "revendiqué. Les autorités locales ont annoncé l'ouverture d'une enquête et le "
            "renforcement des patrouilles dans la zone.")
    return (f"<html><head><title>Dépêche {feed}-{entry}</title></head><body><article>"
            f"<h1>Dépêche {feed}-{entry}</h1><p>{lead}</p><p>{rest}</p></article></body>"
            "</html>").encode()


def feed(n: int, entries: int, host: str) -> bytes:
    items = "".join(f"<item><title>Dépêche {n}-{i}</title><link>http://{host}/a/{i}.html</link>"
                    f"<pubDate>Tue, 07 May 2024 08:00:00 GMT</pubDate></item>"
                    for i in range(entries))
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>Feed {n}</title>{items}</channel></rss>").encode()


class Hosts:
    """Counts of requests, and of requests at once, per host."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.active: dict[str, int] = {}
        self.worst = 0
        self.requests: dict[str, int] = {}

    def start(self, host: str, path: str) -> None:
        with self.lock:
            self.active[host] = self.active.get(host, 0) + 1
            self.worst = max(self.worst, self.active[host])
            key = "feed" if path.endswith(".xml") else "page" if path.startswith("/a/") else "other"
            self.requests[key] = self.requests.get(key, 0) + 1

    def end(self, host: str) -> None:
        with self.lock:
            self.active[host] -= 1


def serve(n: int, entries: int, port: int, hosts: Hosts) -> ThreadingHTTPServer:
    address = f"127.0.0.{n + 2}"
    body = feed(n, entries, f"{address}:{port}")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hosts.start(address, self.path)
            try:
                if self.path == "/feed.xml":
                    if self.headers.get("If-None-Match") == '"v1"':
                        self.send_response(304)
                        self.end_headers()
                        return
                    data, kind = body, "application/rss+xml"
                elif self.path.startswith("/a/"):
                    data, kind = article(n, int(self.path[3:].split(".")[0])), "text/html"
                else:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("ETag", '"v1"')
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            finally:
                hosts.end(address)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer((address, port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def run(args: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "veille", *args], capture_output=True,
                          text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"veille watch failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds, done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--entries", type=int, default=100)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--db", help="The store (default: a new SQLite file).")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="veille-watch-bench"))
    with socket_port() as port:
        hosts = Hosts()
        servers = [serve(n, options.entries, port, hosts) for n in range(options.feeds)]
    sources = work / "sources.toml"
    sources.write_text("".join(
        f'[[source]]\nname = "Feed {n}"\nurl = "http://127.0.0.{n + 2}:{port}/feed.xml"\n'
        f'lang = "fr"\n' for n in range(options.feeds)), encoding="utf-8")
    config = work / "watch.toml"
    config.write_text(f"[watch]\nhost_delay = 0.0\nworkers = {options.workers}\n"
                      f'max_entries = {options.entries}\ncontact = "benchmark"\n',
                      encoding="utf-8")
    db = options.db or str(work / "watch.db")
    common = ["watch", str(sources), "--db", db, "--config", str(config), "--once",
              "--allow-private"]
    took, said = run(common)
    articles = options.feeds * options.entries
    summary = next((line for line in said.splitlines() if " polls, " in line), "")
    print(f"first run: {articles} articles from {options.feeds} feeds in {took:.1f} s, "
          f"{articles / took:.1f} articles/s end to end (start-up included): {summary}")
    first = dict(hosts.requests)
    again, said = run(common)
    second = {k: hosts.requests.get(k, 0) - first.get(k, 0) for k in hosts.requests}
    print(f"second run: {again:.1f} s, requests: {second.get('feed', 0)} feeds (each a 304), "
          f"{second.get('page', 0)} pages")
    print(f"reading rate without start-up (first run less second): "
          f"{articles / max(took - again, 1e-9):.1f} articles/s")
    print(f"most requests at once to one host: {hosts.worst}")
    for server in servers:
        server.shutdown()
    if hosts.worst > 1 or second.get("page", 0):
        sys.exit("FAILED: a host got two requests at once, or the second run fetched pages")


class socket_port:
    """A port free on the loopback addresses (the same port on every 127.0.0.N)."""

    def __enter__(self) -> int:
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]

    def __exit__(self, *exc) -> None:
        return None


if __name__ == "__main__":
    main()
