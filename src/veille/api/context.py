"""What the routes of one application share: built once by `create_app`, passed to each router
factory (no module-level state, so two applications never share a store or tokens)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Response
from pydantic import BaseModel

from ..store import Store
from .auth import Writers
from .extracting import Extractor
from .settings import ApiSettings


@dataclass(frozen=True)
class Context:
    store: Store
    settings: ApiSettings
    writers: Writers
    extractor: Extractor


def json_response(body: BaseModel, status_code: int = 200) -> Response:
    """`body` serialised by pydantic straight to JSON (records are not revalidated on the way
    out, which matters for a page of 1,000 events)."""
    return Response(body.model_dump_json(), status_code=status_code,
                    media_type="application/json")
