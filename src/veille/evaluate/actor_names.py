"""Compare actor names as DESIGN.md says: case- and accent-insensitive, without a period suffix
(`(2011-)`) or an `ABBR:` prefix, and through the alias tables of every language."""

from __future__ import annotations

import re

from ..resolve.gazetteer import normalize
from ..resources import available_languages, load_lexicon

_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)\s*$")
_PREFIX = re.compile(r"^[A-Z0-9&\-]{2,10}:\s*")


def _plain(name: str) -> str:
    return normalize(_PREFIX.sub("", _PERIOD.sub("", name.strip())))


class ActorNames:
    """Canonical keys for actor names, from resources/<lang>/actors.yaml."""

    def __init__(self) -> None:
        self._alias: dict[str, str] = {}
        for lang in available_languages():
            lexicon = load_lexicon(lang)
            for canonical, aliases in lexicon.actors.aliases.items():
                for alias in [canonical, *aliases]:
                    self._alias.setdefault(_plain(alias), _plain(canonical))

    def key(self, name: str | None) -> str | None:
        """The name's canonical key (None stays None)."""
        if not name:
            return None
        plain = _plain(name)
        return self._alias.get(plain, plain)

    def same(self, a: str | None, b: str | None) -> bool:
        return a is not None and b is not None and self.key(a) == self.key(b)
