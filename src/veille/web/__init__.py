"""The web page of `veille serve` (`static/`: built by `make web` from `web/`, kept in the
repository so a clone without Node still serves it)."""
