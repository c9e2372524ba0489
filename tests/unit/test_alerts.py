"""Alerts: records `veille watch` stores that match an alert's filters are POSTed, signed, to
a real webhook server on 127.0.0.1 or mailed through a real SMTP server (aiosmtpd) the tests
start; retried when the other end fails; logged; not sent again when an update changes
nothing the alert can see; and never sent to a private address unless allowed."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from test_watch import fetcher, reader, rss, site, sources_file  # noqa: F401 (fixture)

from veille.alerts import SIGNATURE_HEADER, Alert, Smtp, fingerprint, notify
from veille.model import Event, Fatalities
from veille.store import open_store
from veille.store.alerts import add_alert, deliveries
from veille.watch import Fetcher, read_sources, watch


@pytest.fixture
def hook():
    """A webhook receiver: the requests it got; `fail` answers 500 that many times first."""
    state = {"got": [], "fail": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state["got"].append((dict(self.headers), body))
            status = 500 if state["fail"] > 0 else 204
            state["fail"] -= 1
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state["url"] = f"http://127.0.0.1:{server.server_address[1]}/hook"
    yield state
    server.shutdown()


def event(**values) -> Event:
    base = {"event_id": "e1", "event_type": "Battles", "sub_event_type": "Armed clash",
            "country": "Mali", "iso": "ML", "admin1": "Segou", "location": "Segou",
            "event_date": dt.date(2024, 5, 6), "actor1": "JNIM",
            "fatalities": Fatalities(low=3, best=3, high=3)}
    return Event(**{**base, **values})


def test_filters_match_every_field_given():
    assert Alert(name="a", country=["ml"], min_fatalities=3).matches(event())
    assert Alert(name="a", event_type=["armed clash"], actor=["jnim"]).matches(event())
    assert not Alert(name="a", country=["Sudan"]).matches(event())
    assert not Alert(name="a", min_fatalities=4).matches(event())
    # An unknown toll is not "at least one".
    assert not Alert(name="a", min_fatalities=1).matches(event(fatalities=None))
    # What an alert cannot see does not change the fingerprint; what it can see does.
    assert fingerprint(event()) == fingerprint(event(notes="another source", confidence=0.9))
    assert fingerprint(event()) != fingerprint(event(fatalities=Fatalities(low=5, best=5,
                                                                           high=5)))


def test_watch_alerts_a_signed_webhook_once(site, hook, tmp_path, runtime):  # noqa: F811
    site.serve("/feed.xml", rss(["/news/segou.html"]), ETag='"v1"')
    path = sources_file(tmp_path, {"name": "Courrier", "url": site.base + "/feed.xml",
                                   "lang": "fr"})
    store = open_store(str(tmp_path / "alerts.db"))
    add_alert(store, Alert(name="mali", country=["Mali"], webhook=hook["url"], secret="s3cret"))
    add_alert(store, Alert(name="sudan", country=["Sudan"], webhook=hook["url"]))
    (result,) = watch(read_sources(path), store, fetcher(), reader(runtime), once=True)
    sent = notify(store, result.events, fetcher=fetcher(), smtp=Smtp(), delay=0)
    assert [(name, d.ok) for name, _, d in sent] == [("mali", True)]
    (headers, body), = hook["got"]
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert headers[SIGNATURE_HEADER] == expected
    payload = json.loads(body)
    assert payload["alert"] == "mali" and payload["event"]["country"] == "Mali"
    # The same records again (no change an alert can see): nothing is sent.
    assert notify(store, result.events, fetcher=fetcher(), smtp=Smtp(), delay=0) == []
    assert [(d.alert, d.ok, d.attempts) for d in deliveries(store)] == [("mali", True, 1)]


def test_a_failing_webhook_is_retried_and_a_private_one_refused(hook):
    from veille.alerts.send import post_webhook

    hook["fail"] = 2
    went = post_webhook(hook["url"], b"{}", secret=None, fetcher=fetcher(), delay=0)
    assert (went.ok, went.attempts) == (True, 3)
    hook["fail"] = 5
    went = post_webhook(hook["url"], b"{}", secret=None, fetcher=fetcher(), delay=0)
    assert (went.ok, went.attempts, went.detail) == (False, 3, "HTTP 500")
    # A private address is refused unless allowed, like any fetch.
    refused = post_webhook(hook["url"], b"{}", secret=None,
                           fetcher=Fetcher(user_agent="veille-tests"), delay=0)
    assert not refused.ok and "private or local address" in refused.detail


def test_an_email_alert_goes_through_smtp(tmp_path):
    got = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            got.append(envelope)
            return "250 OK"

    with socket.socket() as probe:  # a free port (aiosmtpd's start() checks the port it got)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        from veille.alerts.send import send_email

        smtp = Smtp(host="127.0.0.1", port=port, starttls=False, sender="veille@example.org")
        went = send_email("analyst@example.org", "veille alert mali", "3 dead in Segou",
                          smtp=smtp, delay=0)
    finally:
        controller.stop()
    assert went.ok
    (envelope,) = got
    assert envelope.rcpt_tos == ["analyst@example.org"]
    assert b"3 dead in Segou" in envelope.content
    # No server configured: a clear failure, not a crash.
    assert not send_email("a@example.org", "s", "t", smtp=Smtp(), delay=0).ok
