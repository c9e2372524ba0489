"""Explicit configuration: `default_config.toml` parsed into a frozen `PipelineConfig`
(with the HTTP API's settings, `[api]`, in its `api` field)."""

from __future__ import annotations

import codecs
import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import BadConfig

# A write token shorter than this is refused: a guessable token would open the store to anyone
# who can reach the port.
MIN_TOKEN_LENGTH = 16
# The largest whole number the store keeps (PostgreSQL's INTEGER column; SQLite refuses Python
# ints past 64 bits): tolls are stored so, and a larger one is no toll.
MAX_STORED_INTEGER = 2**31 - 1


@dataclass(frozen=True, slots=True)
class ApiConfig:
    """`veille serve`: who may write (token -> author name), the largest request body, CORS,
    and each client address's request rate (`rate_limit` per `rate_window` seconds; 0: none)."""

    tokens: dict[str, str] = field(default_factory=dict)
    max_body_bytes: int = 1_000_000
    cors: bool = False
    rate_limit: int = 600
    rate_window: float = 60.0


@dataclass(frozen=True, slots=True)
class WatchConfig:
    """`veille watch`: the contact its User-Agent names, its politeness and its bounds (see
    the [watch] section of `default_config.toml`)."""

    contact: str = ""
    host_delay: float = 1.0
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    max_entries: int = 200
    workers: int = 4
    allow_private: bool = False


@dataclass(frozen=True, slots=True)
class AlertsConfig:
    """Alerts: the SMTP server emails go through, and how often a delivery is tried."""

    smtp_host: str = ""
    smtp_port: int = 587
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = True
    sender: str = ""
    retries: int = 3
    retry_delay: float = 2.0


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """Every knob of the pipeline; see `default_config.toml` for what each one means (and for
    the defaults: build one with `load_config()`)."""

    models: dict[str, str] = field(default_factory=dict)
    language_candidates: tuple[str, ...] = ()
    language_fallback: str = ""
    language_min_confidence: float = 0.5
    max_bytes: int = 20_000_000
    legacy_encoding: str = "cp1252"
    max_article_chars: int = 200_000
    batch_size: int = 32
    first_pass: bool = True
    first_pass_context: int = 1
    first_pass_lead: int = 2
    gazetteer_min_population: int = 1000
    gazetteer_shared_name_languages: tuple[str, ...] = ()
    gazetteer_path: Path | None = None
    casualty_window: int = 12
    max_casualties: int = 1_000_000
    store_url: str = "sqlite:///veille.db"
    api: ApiConfig = field(default_factory=ApiConfig)
    watch: WatchConfig = field(default_factory=WatchConfig)
    alerts: AlertsConfig = field(default_factory=AlertsConfig)


def _read_default() -> dict[str, Any]:
    text = resources.files("veille").joinpath("default_config.toml").read_text("utf-8")
    return tomllib.loads(text)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_config(path: str | Path | None = None) -> PipelineConfig:
    """Read the default configuration, overlaid with the TOML file at `path` if given."""
    data = _read_default()
    if path is not None:
        try:
            data = _merge(data, tomllib.loads(Path(path).read_text("utf-8")))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise BadConfig(path=str(path), detail=str(exc)) from exc
    try:
        return PipelineConfig(
            models=dict(data["models"]),
            language_candidates=tuple(data["language"]["candidates"]),
            language_fallback=data["language"]["fallback"],
            language_min_confidence=float(data["language"]["min_confidence"]),
            max_bytes=int(data["ingest"]["max_bytes"]),
            legacy_encoding=_codec(data["ingest"]["legacy_encoding"], path),
            batch_size=int(data["nlp"]["batch_size"]),
            first_pass=bool(data["nlp"]["first_pass"]),
            first_pass_context=int(data["nlp"]["first_pass_context"]),
            first_pass_lead=int(data["nlp"]["first_pass_lead"]),
            gazetteer_min_population=int(data["gazetteer"]["min_population"]),
            gazetteer_shared_name_languages=tuple(data["gazetteer"]["shared_name_languages"]),
            gazetteer_path=Path(data["gazetteer"]["path"]) if data["gazetteer"]["path"] else None,
            casualty_window=int(data["events"]["casualty_window"]),
            max_casualties=_bounded(data["events"]["max_casualties"], "[events] max_casualties",
                                    path, high=MAX_STORED_INTEGER),
            max_article_chars=_bounded(data["ingest"]["max_article_chars"],
                                       "[ingest] max_article_chars", path),
            store_url=str(data["store"]["url"]),
            api=_api_config(data["api"], str(path or "default_config.toml")),
            watch=_watch_config(data["watch"]),
            alerts=_alerts_config(data["alerts"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise BadConfig(path=str(path or "default_config.toml"), detail=f"missing or bad {exc}") from exc


def _alerts_config(section: dict[str, Any]) -> AlertsConfig:
    retries = int(section["retries"])
    if retries < 1 or float(section["retry_delay"]) < 0:
        raise ValueError("[alerts] retries must be 1 or more, retry_delay not negative")
    return AlertsConfig(
        smtp_host=str(section["smtp_host"]), smtp_port=int(section["smtp_port"]),
        smtp_user=str(section["smtp_user"]),
        smtp_password=os.environ.get("VEILLE_SMTP_PASSWORD") or str(section["smtp_password"]),
        smtp_starttls=bool(section["smtp_starttls"]), sender=str(section["sender"]),
        retries=retries, retry_delay=float(section["retry_delay"]))


def _watch_config(section: dict[str, Any]) -> WatchConfig:
    numbers = {key: float(section[key]) for key in ("host_delay", "connect_timeout",
                                                    "read_timeout", "total_timeout")}
    if any(value <= 0 for key, value in numbers.items() if key != "host_delay") \
            or numbers["host_delay"] < 0:
        raise ValueError("[watch] timeouts must be positive, host_delay not negative")
    counts = {key: int(section[key]) for key in ("max_bytes", "max_redirects", "max_entries",
                                                 "workers")}
    if min(counts["max_bytes"], counts["max_entries"], counts["workers"]) < 1 \
            or counts["max_redirects"] < 0:
        raise ValueError("[watch] max_bytes, max_entries and workers must be positive")
    return WatchConfig(contact=str(section["contact"]).strip(),
                       allow_private=bool(section["allow_private"]), **numbers, **counts)


def _bounded(value: object, key: str, path: str | Path | None, *, high: int | None = None) -> int:
    """A whole number of at least 1 (and at most `high`) for `key`, else `BadConfig`."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1 or (
            high is not None and value > high):
        limit = f" and at most {high}" if high is not None else ""
        raise BadConfig(path=str(path or "default_config.toml"),
                        detail=f"{key} must be a whole number of at least 1{limit}, "
                               f"got {value!r}")
    return value


def _codec(name: object, path: str | Path | None) -> str:
    """`[ingest] legacy_encoding`: a codec Python knows, or "" (refuse text that is not UTF)."""
    if name == "":
        return ""
    try:
        return codecs.lookup(str(name)).name
    except LookupError as exc:
        raise BadConfig(path=str(path or "default_config.toml"),
                        detail=f"[ingest] legacy_encoding: unknown encoding {name!r}") from exc


def check_token(token: object, where: str) -> str:
    """A write token as given, or `BadConfig` when it is too short or holds spaces (it travels
    in one `Authorization: Bearer` header)."""
    if (not isinstance(token, str) or len(token) < MIN_TOKEN_LENGTH
            or any(c.isspace() for c in token)):
        raise BadConfig(path=where, detail=f"an API token must be at least {MIN_TOKEN_LENGTH} "
                        "characters without spaces")
    return token


def _api_config(section: dict[str, Any], where: str) -> ApiConfig:
    """The `[api]` section, checked strictly: TOML's `max_body_bytes = true` or a token that
    maps to a number is a mistake to report, not to coerce."""
    unknown = sorted(set(section) - {"tokens", "max_body_bytes", "cors", "rate_limit",
                                     "rate_window"})
    if unknown:
        raise BadConfig(path=where, detail=f"unknown keys in [api]: {', '.join(unknown)}")
    tokens = section["tokens"]
    if not isinstance(tokens, dict):
        raise BadConfig(path=where, detail="[api] tokens must be a table of token = \"author\"")
    for token, author in tokens.items():
        check_token(token, where)
        if not isinstance(author, str) or not author.strip():
            raise BadConfig(path=where, detail="[api] tokens: each token maps to an author name")
    size = section["max_body_bytes"]
    if isinstance(size, bool) or not isinstance(size, int) or size <= 0:
        raise BadConfig(path=where, detail="[api] max_body_bytes must be a positive integer")
    if not isinstance(section["cors"], bool):
        raise BadConfig(path=where, detail="[api] cors must be true or false")
    rate = section["rate_limit"]
    if isinstance(rate, bool) or not isinstance(rate, int) or rate < 0:
        raise BadConfig(path=where, detail="[api] rate_limit must be a whole number of requests "
                                           "(0: no limit)")
    window = section["rate_window"]
    if (isinstance(window, bool) or not isinstance(window, int | float)
            or not 0 < window <= 86_400):
        raise BadConfig(path=where, detail="[api] rate_window must be a number of seconds, more "
                                           "than 0 and at most 86400")
    return ApiConfig(tokens={t: a.strip() for t, a in tokens.items()}, max_body_bytes=size,
                     cors=section["cors"], rate_limit=rate, rate_window=float(window))
