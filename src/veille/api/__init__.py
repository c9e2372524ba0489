"""The HTTP API of `veille serve`: the store's events, articles and exports over HTTP, the
pipeline on posted text, and corrections by token holders. `create_app(store, settings)`
builds one application; nothing is kept at module level."""

from .app import create_app
from .settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
