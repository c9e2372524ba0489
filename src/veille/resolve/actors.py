"""Actors: canonical ACLED names, inter codes, and the interaction code of a pair."""

from __future__ import annotations

from ..resources.schemas import ActorEntry

UNKNOWN = "Unidentified"  # the prefix of ACLED's unnamed actors (`Unidentified Armed Group`)


def compatible_actors(x: str | None, y: str | None,
                      allies: dict[str, list[str]] | None = None) -> bool:
    """Whether two reports' actors may be the same side: the same, one unknown or unnamed,
    or `y` an ally of `x` (the article's coordinated actors)."""
    if x is None or y is None or x == y:
        return True
    if x.startswith(UNKNOWN) or y.startswith(UNKNOWN):
        return True
    return y in (allies or {}).get(x, ())


def actor_name(label: str, country: str | None, iso: str | None = None,
               actors: dict[str, ActorEntry] | None = None) -> str | None:
    """Fill a `{country}` template (`Civilians ({country})`) with the event's country; a
    template with a canonical actor for that country (`Military Forces of {country}` in Syria)
    gives that actor. Without a country a template names nobody: None."""
    if "{country}" not in label:
        return label
    if country is None:
        return None
    entry = (actors or {}).get(label)
    if entry is not None and iso:
        prefix = label.split("{country}")[0]
        for name, other in (actors or {}).items():
            if other.country == iso and other.kind == entry.kind and name.startswith(prefix):
                return name
    return label.replace("{country}", country)


def inter_code(label: str, actors: dict[str, ActorEntry]) -> int | None:
    """ACLED inter code of a canonical actor (the template entry for filled names)."""
    entry = actors.get(label)
    return entry.inter if entry else None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction: the two inter codes, smaller first (`12`); one actor alone: `10`s."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high
