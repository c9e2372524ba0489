"""What an API application is built with, besides its store."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..config import PipelineConfig, check_token, load_config

# The one environment variable the API reads (through `from_config`, never on its own).
TOKEN_ENV = "VEILLE_TOKEN"
OPERATOR = "operator"


@dataclass(frozen=True)
class ApiSettings:
    """`tokens` maps each write token to the author name its corrections are signed with (no
    token: writes are refused); each client address may send `rate_limit` requests per
    `rate_window` seconds (0: no limit); `pipeline` configures the runtime of POST /extract."""

    tokens: Mapping[str, str] = field(default_factory=dict)
    max_body_bytes: int = 1_000_000
    cors: bool = False
    rate_limit: int = 600
    rate_window: float = 60.0
    pipeline: PipelineConfig = field(default_factory=load_config)

    @classmethod
    def from_config(cls, cfg: PipelineConfig, environ: Mapping[str, str]) -> ApiSettings:
        """The settings of `cfg`'s `[api]` section, plus `VEILLE_TOKEN` (author "operator")
        when `environ` sets it."""
        tokens = dict(cfg.api.tokens)
        if environ.get(TOKEN_ENV):
            tokens[check_token(environ[TOKEN_ENV], TOKEN_ENV)] = OPERATOR
        return cls(tokens=tokens, max_body_bytes=cfg.api.max_body_bytes, cors=cfg.api.cors,
                   rate_limit=cfg.api.rate_limit, rate_window=cfg.api.rate_window,
                   pipeline=cfg)
