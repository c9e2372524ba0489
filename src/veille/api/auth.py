"""Who may write: reads are open, a write needs `Authorization: Bearer TOKEN` with a token the
operator configured (`[api] tokens`, `VEILLE_TOKEN`); its author name signs the revision."""

from __future__ import annotations

import hmac
from collections.abc import Mapping

from fastapi import Request
from fastapi.security import HTTPBearer

from ..errors import NotAuthorised

# How the routes that write declare the token to OpenAPI (so /docs offers "Authorize"). It
# never refuses by itself (auto_error=False): `Writers.author` decides, with veille's errors.
BEARER = HTTPBearer(auto_error=False, scheme_name="token",
                    description="A write token the operator configured (VEILLE_TOKEN or "
                                "[api] tokens).")


class Writers:
    """The configured tokens and their authors."""

    def __init__(self, tokens: Mapping[str, str]) -> None:
        self._tokens = [(token.encode(), author) for token, author in tokens.items()]

    def author(self, request: Request) -> str:
        """The author whose token the request carries, else `NotAuthorised` (401)."""
        if not self._tokens:
            raise NotAuthorised(detail="writes are disabled on this server (no token is "
                                       "configured: set VEILLE_TOKEN or [api] tokens)")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise NotAuthorised(detail="send the header `Authorization: Bearer <token>`")
        presented = given.strip().encode()
        found = None
        # Every token is compared, in constant time each, so the answer's timing does not
        # tell how much of a token was right, nor which one matched.
        for token, author in self._tokens:
            if hmac.compare_digest(presented, token) and found is None:
                found = author
        if found is None:
            raise NotAuthorised(detail="the token is not valid")
        return found
