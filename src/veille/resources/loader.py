"""Load and validate resource files. Pure functions: the caller decides how long to keep them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from importlib.resources.abc import Traversable

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import BadResource
from .schemas import (
    ActorAliasesFile,
    ActorEntry,
    ActorRegionFile,
    ActorsFile,
    AttributionFile,
    BackgroundFile,
    CasualtiesFile,
    CountryNamesFile,
    CountryPointsFile,
    DatesFile,
    PlacesFile,
    RegionsFile,
    RepairFile,
    RolesFile,
    TaxonomyFile,
    TriggersFile,
)

# file name -> schema, for every per-language file; all are required for a language.
LANGUAGE_FILES: dict[str, type[BaseModel]] = {
    "triggers.yaml": TriggersFile,
    "casualties.yaml": CasualtiesFile,
    "attribution.yaml": AttributionFile,
    "background.yaml": BackgroundFile,
    "dates.yaml": DatesFile,
    "repair.yaml": RepairFile,
    "actors.yaml": ActorAliasesFile,
    "places.yaml": PlacesFile,
    "roles.yaml": RolesFile,
}


def _root() -> Traversable:
    return resources.files("veille").joinpath("resources")


def resource_bytes(name: str) -> bytes:
    """The raw bytes of a language-neutral resource file (what a build that uses it is
    signed with)."""
    return _root().joinpath(name).read_bytes()


def read_resource(path: Traversable, schema: type[BaseModel]) -> BaseModel:
    """Parse one YAML file against its schema; any problem is a `BadResource` naming the file."""
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
        return schema.model_validate(data or {})
    except (OSError, yaml.YAMLError) as exc:
        raise BadResource(path=str(path), detail=str(exc).splitlines()[0]) from exc
    except ValidationError as exc:
        # A misspelt key shows up twice: as an unknown key and as a missing one. Name the
        # unknown key, which is the one the author typed.
        errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        first = errors[0]
        where = ".".join(str(p) for p in first["loc"])
        raise BadResource(path=str(path), detail=f"{where}: {first['msg']}") from exc


@dataclass(frozen=True)
class Lexicon:
    """Everything veille knows about one language, read from resources/<lang>/."""

    lang: str
    triggers: TriggersFile
    casualties: CasualtiesFile
    attribution: AttributionFile
    background: BackgroundFile
    dates: DatesFile
    repair: RepairFile
    actors: ActorAliasesFile
    places: PlacesFile
    roles: RolesFile

    @cached_property
    def one_sided(self) -> frozenset[str]:
        """triggers.yaml `one_sided`, lower-cased: the phrases that tell what one side did."""
        return frozenset(p.lower() for p in self.triggers.one_sided)

    @cached_property
    def unspecific(self) -> frozenset[str]:
        """triggers.yaml `unspecific`, lower-cased: strikes named without their weapon."""
        return frozenset(p.lower() for p in self.triggers.unspecific)

    @cached_property
    def remote_weapons(self) -> re.Pattern[str] | None:
        """triggers.yaml `remote_weapons` as one whole-word, case-insensitive pattern."""
        words = sorted(self.triggers.remote_weapons, key=len, reverse=True)
        if not words:
            return None
        return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)",
                          re.IGNORECASE)


@dataclass(frozen=True)
class Taxonomy:
    """ACLED's taxonomy with lookups by key."""

    file: TaxonomyFile

    def names(self, key: str) -> tuple[str, str]:
        """`battles.armed_clash` -> ("Battles", "Armed clash")."""
        type_key, sub_key = key.split(".", 1)
        entry = self.file.event_types[type_key]
        return entry.name, entry.sub_event_types[sub_key]

    def key(self, event_type: str | None, sub_event_type: str | None) -> str | None:
        """("Battles", "Armed clash") -> `battles.armed_clash`; None when unknown."""
        return self._by_names.get((event_type, sub_event_type))

    @cached_property
    def _by_names(self) -> dict[tuple[str, str], str]:
        return {self.names(key): key for key in self.keys()}

    def subsumes(self, key: str | None, other: str | None) -> bool:
        """Whether an event of type `key` reported beside one of type `other` is that one too."""
        return key is not None and other in self.file.subsumes.get(key, ())

    def keys(self) -> list[str]:
        return [
            f"{t}.{s}" for t, entry in self.file.event_types.items() for s in entry.sub_event_types
        ]


def available_languages() -> list[str]:
    """Language codes that have a resources/<lang>/ folder (one holding triggers.yaml; the
    regional actor catalogue, resources/actors/, is no language)."""
    return sorted(p.name for p in _root().iterdir()
                  if p.is_dir() and not p.name.startswith("_")
                  and p.joinpath("triggers.yaml").is_file())


def load_lexicon(lang: str) -> Lexicon | None:
    """Read and validate resources/<lang>/; None when veille has no data for that language."""
    folder = _root().joinpath(lang)
    if not folder.is_dir():
        return None
    parts = {}
    for name, schema in LANGUAGE_FILES.items():
        path = folder.joinpath(name)
        if not path.is_file():
            raise BadResource(path=str(path), detail="file is missing")
        parts[name.removesuffix(".yaml")] = read_resource(path, schema)
    parts["actors"] = _with_regions(parts["actors"], folder.joinpath("actors"))
    return Lexicon(lang=lang, **parts)


def _region_files(folder: Traversable) -> list[Traversable]:
    """The YAML files of a catalogue folder, in name order (none when it is absent)."""
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)


def _with_regions(base: ActorAliasesFile, folder: Traversable) -> ActorAliasesFile:
    """A language's actors.yaml with the names of resources/<lang>/actors/*.yaml added."""
    tables = {key: {k: list(v) for k, v in getattr(base, key).items()}
              for key in ("aliases", "descriptions", "metonyms", "demonyms")}
    for path in _region_files(folder):
        region = read_resource(path, ActorRegionFile)
        for key, table in tables.items():
            for name, words in getattr(region, key).items():
                known = table.setdefault(name, [])
                known += [w for w in words if w not in known]
    return base.model_copy(update=tables)


def load_taxonomy() -> Taxonomy:
    """Read resources/taxonomy.yaml."""
    file = read_resource(_root().joinpath("taxonomy.yaml"), TaxonomyFile)
    return Taxonomy(file=file)  # type: ignore[arg-type]


def load_actors() -> dict[str, ActorEntry]:
    """Read resources/actors.yaml and the regional catalogue resources/actors/*.yaml:
    canonical actor name -> entry. A name defined twice is an error."""
    paths = [_root().joinpath("actors.yaml"), *_region_files(_root().joinpath("actors"))]
    actors: dict[str, ActorEntry] = {}
    for path in paths:
        file = read_resource(path, ActorsFile)
        for name, entry in file.actors.items():  # type: ignore[attr-defined]
            if name in actors:
                raise BadResource(path=str(path), detail=f"actor {name!r} is defined twice")
            actors[name] = entry
    return actors


def load_country_names() -> dict[str, str]:
    """Read resources/acled_countries.yaml: ISO code -> ACLED's name, where it differs from
    GeoNames'."""
    file = read_resource(_root().joinpath("acled_countries.yaml"), CountryNamesFile)
    return dict(file.countries)  # type: ignore[attr-defined]


def load_regions() -> RegionsFile:
    """Read resources/regions.yaml: named areas that are no administrative division, and
    other names of admin1 regions (the gazetteer's build adds both)."""
    return read_resource(_root().joinpath("regions.yaml"), RegionsFile)  # type: ignore[return-value]


def load_country_points() -> dict[str, tuple[float, float]]:
    """Read resources/country_points.yaml: ISO code -> GeoNames' (latitude, longitude) of the
    country."""
    file = read_resource(_root().joinpath("country_points.yaml"), CountryPointsFile)
    return dict(file.points)  # type: ignore[attr-defined]
