"""Actors: canonical ACLED names, inter codes, and the interaction code of a pair."""

from __future__ import annotations

from ..resources.schemas import ActorEntry


def actor_name(label: str, country: str | None) -> str:
    """Fill a `{country}` template (`Civilians ({country})`) with the event's country."""
    if "{country}" in label:
        return label.replace("{country}", country or "International")
    return label


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
