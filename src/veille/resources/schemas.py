"""Pydantic schemas of the resource files. `extra="forbid"`: a misspelt key fails loudly."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- language-neutral files -------------------------------------------------------------

class EventTypeEntry(Strict):
    name: str
    sub_event_types: dict[str, str]


class TaxonomyFile(Strict):
    """resources/taxonomy.yaml: ACLED's event types, keyed `event_type_key.sub_key`."""

    event_types: dict[str, EventTypeEntry]
    inter_codes: dict[int, str]


class ActorEntry(Strict):
    inter: int | None = None
    country: str | None = None  # ISO 3166-1 alpha-2, when the actor belongs to one country
    kind: str = "armed"  # armed | state | civilians | protesters | rioters | source | government


class ActorsFile(Strict):
    """resources/actors.yaml: canonical actors (ACLED names). `{country}` is filled in at resolve."""

    actors: dict[str, ActorEntry]


# --- per-language files (resources/<lang>/*.yaml) ----------------------------------------

class TriggerEntry(Strict):
    phrases: list[str] = Field(default_factory=list)  # surface forms, matched case-insensitively
    lemmas: list[str] = Field(default_factory=list)  # matched on lemmas when the model has them


class TriggersFile(Strict):
    triggers: dict[str, TriggerEntry]  # key: taxonomy key such as battles.armed_clash


class VagueNumber(Strict):
    low: int | None = None
    best: int | None = None
    high: int | None = None


class CasualtiesFile(Strict):
    killed: list[str]  # words that say people died, near a number
    injured: list[str] = Field(default_factory=list)
    at_least: list[str] = Field(default_factory=list)  # "au moins 5" -> low = 5
    at_most: list[str] = Field(default_factory=list)  # "jusqu'à 5" -> high = 5
    about: list[str] = Field(default_factory=list)  # "environ 5" -> best = 5
    vague: dict[str, VagueNumber] = Field(default_factory=dict)  # "des dizaines" -> low 10
    cumulative: list[str] = Field(default_factory=list)  # markers of a running total
    breakdown: list[str] = Field(default_factory=list)  # "parmi eux": the next numbers split it
    civilians: list[str] = Field(default_factory=list)  # nouns for civilians among the dead


class AttributionFile(Strict):
    prepositions: list[str]  # "selon X"
    speech_verbs: list[str]  # "X a déclaré"


class BackgroundFile(Strict):
    # Templates: {year} a four-digit year, {number} a number; a match dates a clause to the past.
    patterns: list[str]


class DatesFile(Strict):
    months: list[str]  # twelve names, January first
    weekdays: list[str] = Field(default_factory=list)  # seven names, Monday first
    relative_days: dict[str, int] = Field(default_factory=dict)  # "hier": -1
    day_prefixes: list[str] = Field(default_factory=list)  # words before a day number: "le"


class RepairFile(Strict):
    glue_words: list[str]  # short words that scraping glues onto a neighbour (Alepdans)
    # Glue words no word of the language ends with: split even after an unknown proper name.
    free_glue_words: list[str] = Field(default_factory=list)


class ActorAliasesFile(Strict):
    aliases: dict[str, list[str]]  # canonical actor name -> names used in this language
    metonyms: dict[str, list[str]] = Field(default_factory=dict)  # "Damas" -> Government of Syria
