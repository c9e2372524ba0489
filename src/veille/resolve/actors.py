"""Actors: canonical ACLED names, inter codes, and the interaction code of a pair."""

from __future__ import annotations

import functools
import re
from datetime import date

from ..resources.schemas import ActorEntry

UNKNOWN = "Unidentified"  # the prefix of ACLED's unnamed actors (`Unidentified Armed Group`)
UNNAMED_GROUP = "Unidentified Armed Group ({country})"
_REBELS = 2  # ACLED's inter code of rebel groups: a named organisation across borders


def compatible_actors(x: str | None, y: str | None,
                      allies: dict[str, list[str]] | None = None) -> bool:
    """Whether two reports' actors may be the same side: the same (with or without ACLED's
    period, `Military Forces of Russia (2000-)`), one unknown or unnamed, or `y` an ally of `x`
    (the article's coordinated actors)."""
    if x is None or y is None or same_actor(x, y):
        return True
    if x.startswith(UNKNOWN) or y.startswith(UNKNOWN):
        return True
    return y in (allies or {}).get(x, ())


def same_actor(x: str | None, y: str | None) -> bool:
    """Whether two names are one actor: the same, with or without ACLED's period."""
    return x == y or (x is not None and y is not None
                      and _PERIOD.sub("", x) == _PERIOD.sub("", y))


_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")


def actor_name(label: str, country: str | None, iso: str | None = None,
               actors: dict[str, ActorEntry] | None = None, day: date | None = None) -> str | None:
    """Fill a `{country}` template (`Civilians ({country})`) with the event's country; a
    template with a canonical actor for that country (`Military Forces of {country}` in Syria)
    gives that actor: the one in force on `day`, the force itself before a sub-unit of it
    (`Military Forces of Pakistan (2022-)`, not its `... Counter Terrorism Department`).
    Without a country a template names nobody: None."""
    if "{country}" not in label:
        return label
    if country is None:
        return None
    entry = (actors or {}).get(label)
    if entry is not None and iso:
        prefix = label.split("{country}")[0]
        found = [(name, other) for name, other in (actors or {}).items()
                 if other.country == iso and other.kind == entry.kind and name.startswith(prefix)
                 and other.active_on(day)]
        plain = [name for name, _ in found if _PERIOD.sub("", name).endswith(country)
                 or _PERIOD.sub("", name) == label.replace("{country}", country)]
        if plain or found:
            return (plain or [found[0][0]])[0]
    return label.replace("{country}", country)


def inter_code(label: str, actors: dict[str, ActorEntry]) -> int | None:
    """ACLED inter code of a canonical actor (the template entry for filled names)."""
    entry = catalogue_entry(label, actors)
    return entry.inter if entry else None


def catalogue_entry(label: str, actors: dict[str, ActorEntry]) -> ActorEntry | None:
    """The catalogue's entry of an actor, or of the template a filled name comes from
    ("Military Forces of Colombia", a country the catalogue has no forces of, is `Military
    Forces of {country}`)."""
    entry = actors.get(label)
    if entry is not None or "{country}" in label:
        return entry
    return next((other for name, other in actors.items() if "{country}" in name
                 and _filled(name).fullmatch(label)), None)


@functools.lru_cache(maxsize=64)
def _filled(template: str) -> re.Pattern[str]:
    """The pattern of a template's filled names."""
    return re.compile(re.escape(template).replace(re.escape("{country}"), ".+"))


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction: the two inter codes, smaller first (`12`); one actor alone: `10`s."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def choose_actor(label: str, alternatives: list[str] | None, iso: str | None, day: date | None,
                 actors: dict[str, ActorEntry]) -> str:
    """Of the actors one phrase may name, the one ACLED names in the event's country on its
    date: active in that country, else of no one country. A word that actors of several other
    countries share ("vigilantes" in a story about Mexico) names none of them: it is the
    country's own forces when they all are forces of a state (`Police Forces of {country}`),
    else an unidentified armed group when they all are militias; else the first (a rebel
    organisation across borders, the Islamic State; one country's forces abroad, "Israeli
    police" in the West Bank)."""
    names = alternatives or [label]
    if len(names) == 1:
        return names[0]
    entries = [(n, actors.get(n)) for n in names]
    live = [(n, e) for n, e in entries if e is None or e.active_on(day)] or entries
    for n, e in live:
        if e is not None and iso in e.where:
            return n
    for n, e in live:
        if e is None or not e.where:
            return n
    if iso and len(set().union(*(e.where for _, e in live if e is not None))) > 1:
        template = next((t for t in actors if "{country}" in t
                         and all(_filled(t).fullmatch(n) for n, _ in live)), None)
        if template is not None:
            return template
        if all(e is not None and e.kind == "armed" and e.inter != _REBELS for _, e in live):
            return UNNAMED_GROUP
    return live[0][0]


def state_inter(entry: ActorEntry | None, iso: str | None, foreign: int | None) -> int | None:
    """ACLED's inter code of an actor in an event of country `iso`: a state's forces outside
    their own country are external forces (`foreign`, 8)."""
    if entry is None:
        return None
    if (foreign is not None and entry.kind == "state" and entry.inter == 1 and entry.country
            and iso and iso not in entry.where):
        return foreign
    return entry.inter
