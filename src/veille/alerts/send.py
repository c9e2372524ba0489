"""Delivering an alert: a signed webhook POST or an email, with retries."""

from __future__ import annotations

import hashlib
import hmac
import smtplib
import ssl
import time
from dataclasses import dataclass
from email.message import EmailMessage

import httpx

from ..errors import FetchFailed
from ..watch.fetch import Fetcher

SIGNATURE_HEADER = "X-Veille-Signature"


@dataclass(frozen=True, slots=True)
class Smtp:
    """The mail server alerts go through ([alerts] in the config)."""

    host: str = ""
    port: int = 587
    user: str = ""
    password: str = ""
    starttls: bool = True
    sender: str = ""


@dataclass(frozen=True, slots=True)
class Delivery:
    """How a delivery went: whether it went through, in how many attempts, and what the
    other end (or the network) said last."""

    ok: bool
    attempts: int
    detail: str


def signature(body: bytes, secret: str) -> str:
    """`sha256=<hex HMAC-SHA256 of the body under the secret>`, what the webhook's receiver
    recomputes to check the POST came from this veille."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def post_webhook(url: str, body: bytes, *, secret: str | None, fetcher: Fetcher,
                 retries: int = 3, delay: float = 2.0) -> Delivery:
    """POST `body` (JSON) to `url`, refused like any fetch when the address is private
    (unless allowed); no redirect is followed. A network error or a 5xx or 429 answer is
    retried, `delay` doubling; a 4xx is final."""
    headers = {"Content-Type": "application/json", "User-Agent": fetcher.user_agent}
    if secret:
        headers[SIGNATURE_HEADER] = signature(body, secret)
    limits = fetcher.limits
    detail = ""
    for attempt in range(1, retries + 1):
        try:
            fetcher.check(url)
            answer = httpx.post(url, content=body, headers=headers, follow_redirects=False,
                                timeout=httpx.Timeout(limits.read, connect=limits.connect))
            detail = f"HTTP {answer.status_code}"
            if answer.status_code < 300:
                return Delivery(True, attempt, detail)
            if answer.status_code < 500 and answer.status_code != 429:
                return Delivery(False, attempt, detail)
        except FetchFailed as exc:
            return Delivery(False, attempt, exc.message)
        except httpx.HTTPError as exc:
            detail = " ".join(str(exc).split())[:200] or type(exc).__name__
        if attempt < retries:
            time.sleep(delay * 2 ** (attempt - 1))
    return Delivery(False, retries, detail)


def send_email(address: str, subject: str, text: str, *, smtp: Smtp, retries: int = 3,
               delay: float = 2.0) -> Delivery:
    """Mail `text` to `address` through the configured SMTP server, retried on errors."""
    if not smtp.host or not smtp.sender:
        return Delivery(False, 0, "no SMTP server: set [alerts] smtp_host and sender")
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = smtp.sender, address, subject
    message.set_content(text)
    detail = ""
    for attempt in range(1, retries + 1):
        try:
            with smtplib.SMTP(smtp.host, smtp.port, timeout=30) as server:
                if smtp.starttls:
                    server.starttls(context=ssl.create_default_context())
                if smtp.user:
                    server.login(smtp.user, smtp.password)
                server.send_message(message)
            return Delivery(True, attempt, "sent")
        except (smtplib.SMTPException, OSError) as exc:
            detail = " ".join(str(exc).split())[:200] or type(exc).__name__
            if isinstance(exc, smtplib.SMTPRecipientsRefused):
                return Delivery(False, attempt, detail)
        if attempt < retries:
            time.sleep(delay * 2 ** (attempt - 1))
    return Delivery(False, retries, detail)
