"""Compare admin1 names across naming schemes: ACLED writes `Idleb`, `Al Hasakeh`, `Dar'a`;
GeoNames `Idlib`, `Al Hasakah`, `Daraa`. Two names agree when they normalise alike (or nearly:
`Ar Raqqa`, `Ar-Raqqah`), or when the gold name is a gazetteer name (the region's capital
usually carries it) of a place in the predicted admin1."""

from __future__ import annotations

from rapidfuzz import fuzz

from ..resolve.gazetteer import Gazetteer, normalize

_SAME_SPELLING = 85  # rapidfuzz ratio, 0-100


class AdminNames:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def same(self, predicted: str | None, gold: str | None, country_code: str | None) -> bool:
        if not predicted or not gold:
            return False
        a, b = _plain(predicted), _plain(gold)
        # Transliterations differ by a letter or a hyphen ("Ar-Raqqah", "Ar Raqqa").
        if a == b or fuzz.ratio(a, b) >= _SAME_SPELLING:
            return True
        place = self.gazetteer.lookup(gold, country_code=country_code)
        return (place is not None and place.admin1 is not None
                and normalize(place.admin1) == normalize(predicted))


def _plain(name: str) -> str:
    return " ".join(normalize(name).replace("-", " ").split())
