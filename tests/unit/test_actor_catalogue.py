"""The actor catalogue (resources/actors.yaml, resources/actors/*.yaml and each language's
names): every name known, every code real, and no alias that names two actors with nothing
(country, period) to tell them apart."""

from __future__ import annotations

import itertools
from collections import defaultdict
from pathlib import Path

import pytest
from babel import Locale

import veille
from veille.errors import BadResource
from veille.resources import available_languages, load_actors, load_lexicon
from veille.resources.loader import read_resource
from veille.resources.schemas import ActorEntry, ActorsFile

RESOURCES = Path(veille.__file__).parent / "resources"
ISO = set(Locale("en").territories) | {"XK"}  # Kosovo has a user-assigned code


def _key(alias: str) -> str:
    """How the matcher compares an alias: acronyms as written, other names in lower case."""
    return alias if alias.isupper() else alias.lower()


def _apart(a: ActorEntry, b: ActorEntry) -> bool:
    """Whether the country or the period tells two actors apart."""
    if a.where and b.where and not (a.where & b.where):
        return True
    a_end, b_end = a.until, b.until
    return bool((a_end and b.since and a_end < b.since) or (b_end and a.since and b_end < a.since))


def test_catalogue_size():
    named = [n for n in load_actors() if "{country}" not in n]
    assert len(named) >= 50


def test_catalogue_countries_are_iso_codes():
    bad = {n: sorted(e.where - ISO) for n, e in load_actors().items() if e.where - ISO}
    assert bad == {}


def test_catalogue_region_files_valid():
    for path in sorted((RESOURCES / "actors").glob("*.yaml")):
        read_resource(path, ActorsFile)


@pytest.mark.parametrize("lang", available_languages())
def test_catalogue_every_actor_has_a_name_in_each_language(lang):
    """A named actor with no alias in a language can never be found in it (state forces
    and governments are also found by nationality: "Nigerian troops", "Abuja")."""
    names = load_lexicon(lang).actors
    missing = [n for n, e in load_actors().items()
               if n not in names.aliases and "{country}" not in n
               and not (e.kind in ("state", "government") and e.country in names.demonyms)]
    assert missing == []


@pytest.mark.parametrize("lang", available_languages())
def test_catalogue_no_alias_names_two_actors_alike(lang):
    actors = load_actors()
    named: dict[str, set[str]] = defaultdict(set)
    for name, aliases in load_lexicon(lang).actors.aliases.items():
        for alias in aliases:
            named[_key(alias)].add(name)
    clashes = [(alias, a, b) for alias, names in named.items()
               for a, b in itertools.combinations(sorted(names), 2)
               if not _apart(actors[a], actors[b])]
    assert clashes == []


def test_catalogue_name_defined_twice_is_refused(tmp_path, monkeypatch):
    root = tmp_path / "resources"
    (root / "actors").mkdir(parents=True)
    (root / "actors.yaml").write_text("actors:\n  Wagner Group: {inter: 8}\n")
    (root / "actors" / "europe.yaml").write_text("actors:\n  Wagner Group: {inter: 8}\n")
    monkeypatch.setattr("veille.resources.loader._root", lambda: root)
    with pytest.raises(BadResource, match="defined twice"):
        load_actors()


def test_catalogue_entry_period_and_countries():
    entry = ActorEntry(inter=2, countries=["ML", "BF"], kind="armed")
    assert entry.where == {"ML", "BF"}
    with pytest.raises(ValueError, match="not among"):
        ActorEntry(country="NE", countries=["ML"])


@pytest.mark.parametrize(("published", "lang", "text", "actor1"), [
    ("2015-10-28", "en", "FARC rebels attacked an army patrol near Tame on Monday.",
     "FARC: Revolutionary Armed Forces of Colombia"),
    ("2024-03-12", "en", "FARC rebels attacked an army patrol near Tame on Monday.",
     "FARC Dissident: Revolutionary Armed Forces of Colombia Dissident Faction"),
    ("2015-10-28", "fr", "Lundi, des guérilleros des FARC ont attaqué une patrouille de l'armée "
     "près de Tame.", "FARC: Revolutionary Armed Forces of Colombia"),
])
def test_catalogue_a_name_of_two_periods_is_the_one_in_force(runtime, published, lang, text,
                                                              actor1):
    report = veille.extract(text, published=published, lang=lang, runtime=runtime)
    assert [e.actor1 for e in report.events] == [actor1]


def test_catalogue_a_word_other_countries_actors_share_names_none_of_them(runtime):
    """"vigilantes" are Nigeria's, Cameroon's and South Africa's in the catalogue: in Mexico,
    an unnamed armed group, not another country's actor."""
    (event,) = veille.extract("Armed vigilantes took over Paracuaro, in Michoacan, Mexico, on "
                              "Tuesday, disarming its police officers.",
                              published="2024-03-12", lang="en", runtime=runtime).events
    assert event.actor1 == "Unidentified Armed Group (Mexico)"


def test_catalogue_a_name_printed_without_its_capital_accent_is_known(runtime):
    """French print often drops the accent of a capital: "Etat islamique" is "État islamique",
    which names the Islamic State of the event's country, not the one that spells it so."""
    text = ("Des combattants de l'Etat islamique ont attaqué lundi le village d'Inékar, près "
            "de Ménaka, tuant cinq civils.")
    (event,) = veille.extract(text, published="2025-03-12", runtime=runtime).events
    assert event.actor1 == "Islamic State Sahel Province"
