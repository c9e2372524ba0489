"""Resource files: every YAML file valid against its schema, keys consistent across files,
misspellings caught, and no language named in the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import veille
from veille.config import load_config
from veille.errors import BadResource
from veille.resources import available_languages, load_actors, load_lexicon
from veille.resources.loader import LANGUAGE_FILES, read_resource
from veille.resources.schemas import (
    ActorsFile,
    CasualtiesFile,
    CountryPointsFile,
    RegionsFile,
    TaxonomyFile,
    TriggersFile,
)

PACKAGE = Path(veille.__file__).parent
RESOURCES = PACKAGE / "resources"
LANGUAGES = sorted(p.name for p in RESOURCES.iterdir()
                   if p.is_dir() and (p / "triggers.yaml").is_file())
LANGUAGE_YAML = sorted(p for lang in LANGUAGES for p in (RESOURCES / lang).glob("*.yaml"))
SOURCES = sorted(PACKAGE.rglob("*.py"))


def _taxonomy_keys() -> set[str]:
    taxonomy = read_resource(RESOURCES / "taxonomy.yaml", TaxonomyFile)
    return {f"{t}.{s}" for t, entry in taxonomy.event_types.items()
            for s in entry.sub_event_types}


def _actor_names() -> set[str]:
    return set(load_actors())


def test_resources_found():
    assert "fr" in LANGUAGES
    assert "en" in LANGUAGES
    assert len(LANGUAGE_YAML) == len(LANGUAGES) * len(LANGUAGE_FILES)


@pytest.mark.parametrize("path", LANGUAGE_YAML, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_resources_language_file_valid(path):
    assert path.name in LANGUAGE_FILES, f"{path} is not a resource file veille reads"
    read_resource(path, LANGUAGE_FILES[path.name])


@pytest.mark.parametrize(("name", "schema"), [("taxonomy.yaml", TaxonomyFile),
                                              ("actors.yaml", ActorsFile),
                                              ("country_points.yaml", CountryPointsFile),
                                              ("regions.yaml", RegionsFile)])
def test_resources_shared_file_valid(name, schema):
    read_resource(RESOURCES / name, schema)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_resources_language_folder_has_every_file(lang):
    present = {p.name for p in (RESOURCES / lang).glob("*.yaml")}
    assert set(LANGUAGE_FILES) - present == set()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_resources_language_folder_has_no_unknown_file(lang):
    present = {p.name for p in (RESOURCES / lang).iterdir() if not p.name.startswith(".")}
    assert present - set(LANGUAGE_FILES) - {"actors"} == set()  # actors/: the regional catalogue


@pytest.mark.parametrize("lang", LANGUAGES)
def test_resources_lexicon_loads(lang):
    lexicon = load_lexicon(lang)
    assert lexicon is not None
    assert lexicon.lang == lang


def test_resources_available_languages_match_folders():
    assert available_languages() == LANGUAGES


def test_resources_unknown_language_has_no_lexicon():
    assert load_lexicon("zz") is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_resources_trigger_keys_in_taxonomy(lang):
    triggers = read_resource(RESOURCES / lang / "triggers.yaml", TriggersFile)
    assert set(triggers.triggers) - _taxonomy_keys() == set()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_resources_triggers_have_phrases(lang):
    triggers = read_resource(RESOURCES / lang / "triggers.yaml", TriggersFile)
    assert [k for k, entry in triggers.triggers.items()
            if not entry.phrases and not entry.lemmas] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_resources_actor_alias_keys_in_actors(lang):
    aliases = load_lexicon(lang).actors
    assert set(aliases.aliases) - _actor_names() == set()
    assert set(aliases.descriptions) - _actor_names() == set()
    assert set(aliases.doers) - _actor_names() == set()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_resources_actor_metonym_keys_in_actors(lang):
    assert set(load_lexicon(lang).actors.metonyms) - _actor_names() == set()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_resources_dates_name_every_month_and_weekday(lang):
    lexicon = load_lexicon(lang)
    assert len(lexicon.dates.months) == 12
    assert len(lexicon.dates.weekdays) in (0, 7)


def test_resources_actor_inter_codes_in_taxonomy():
    taxonomy = read_resource(RESOURCES / "taxonomy.yaml", TaxonomyFile)
    actors = load_actors()
    assert {e.inter for e in actors.values() if e.inter is not None} <= set(taxonomy.inter_codes)


@pytest.mark.parametrize(
    ("schema", "body", "where"),
    [
        (TriggersFile,
         "triggers:\n  battles.armed_clash:\n    phrases: [combats]\ntriger: {}\n",
         "triger: Extra inputs are not permitted"),
        (TriggersFile,
         "triggers:\n  battles.armed_clash:\n    phrase: [combats]\n",
         "triggers.battles.armed_clash.phrase: Extra inputs are not permitted"),
        (CasualtiesFile,
         "killed: [morts]\nat_lest: [au moins]\n",
         "at_lest: Extra inputs are not permitted"),
        (CasualtiesFile,
         "killed: [morts]\nvague:\n  des dizaines: {lo: 10}\n",
         "vague.des dizaines.lo: Extra inputs are not permitted"),
    ],
)
def test_resources_misspelt_key_raises(tmp_path, schema, body, where):
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(BadResource) as info:
        read_resource(path, schema)
    assert info.value.one_line() == f"error V200: resource file {path} is invalid: {where}"


def test_resources_misspelt_only_key_named(tmp_path):
    path = tmp_path / "triggers.yaml"
    path.write_text("triger:\n  battles.armed_clash:\n    phrases: [combats]\n",
                    encoding="utf-8")
    with pytest.raises(BadResource, match="triger"):
        read_resource(path, TriggersFile)


def test_resources_misspelt_only_key_raises(tmp_path):
    path = tmp_path / "triggers.yaml"
    path.write_text("triger:\n  battles.armed_clash:\n    phrases: [combats]\n",
                    encoding="utf-8")
    with pytest.raises(BadResource, match=r"^resource file .*triggers\.yaml is invalid: "):
        read_resource(path, TriggersFile)


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ("triggers: [combats\n", "while parsing a flow sequence"),
        ("triggers: combats\n", "triggers: Input should be a valid dictionary"),
    ],
)
def test_resources_malformed_file_raises(tmp_path, body, detail):
    path = tmp_path / "triggers.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(BadResource) as info:
        read_resource(path, TriggersFile)
    assert info.value.message.startswith(f"resource file {path} is invalid: {detail}")


def test_resources_missing_file_raises(tmp_path):
    with pytest.raises(BadResource, match=r"absent\.yaml is invalid"):
        read_resource(tmp_path / "absent.yaml", TriggersFile)


@pytest.mark.parametrize(
    "path", [*LANGUAGE_YAML, RESOURCES / "taxonomy.yaml", RESOURCES / "actors.yaml"],
    ids=lambda p: str(p.relative_to(RESOURCES)))
def test_resources_yaml_file_is_a_mapping(path):
    assert isinstance(yaml.safe_load(path.read_text("utf-8")), dict)


# --- no language named in the code -----------------------------------------------------

_CODES = sorted({*LANGUAGES, *load_config().language_candidates, "xx"})
_CODE = "|".join(re.escape(c) for c in _CODES)
_BRANCH = re.compile(
    rf"""(?:==|!=)\s*[rbuf]?["'](?:{_CODE})["']"""  # x == "fr"
    rf"""|["'](?:{_CODE})["']\s*(?:==|!=)"""  # "fr" == x
    rf"""|\bcase\s+["'](?:{_CODE})["']"""  # match lang: case "fr"
    r"""|\blang\w*\s*(?:==|!=|\bin\b|\bnot\s+in\b)\s*[(\[{]?\s*[rbuf]?["']"""  # lang in ("fr",)
    r"""|["']\s*(?:==|!=)\s*[\w.]*\blang\w*"""  # "fr" == doc.lang
    r"""|\.lang\w*\s*(?:==|!=|\bin\b|\bnot\s+in\b)\s*[(\[{]?\s*[rbuf]?["']""",  # doc.lang == ""
)


@pytest.mark.parametrize(
    "line",
    ['if lang == "fr":', "if doc.lang != 'en':", 'if "fr" == lang:', 'if lang in ("fr", "es"):',
     'elif language not in {"en"}:', '    case "fr":', 'x = 1 if code == "en" else 2'],
)
def test_resources_branch_pattern_catches_language_branches(line):
    assert _BRANCH.search(line)


@pytest.mark.parametrize(
    "line",
    ['for code in (lang, "en"):', 'if lang not in self._nlp:', 'fallback: str = "fr"',
     'if token.pos_ == "NUM":', 'rt.lexicon(doc.lang)'],
)
def test_resources_branch_pattern_ignores_other_code(line):
    assert not _BRANCH.search(line)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_resources_no_language_branch_in_code(path):
    """Languages differ by data (resources/<lang>/), never by `if lang == "fr"` in code."""
    branches = [
        f"{path.name}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if _BRANCH.search(line.split("#", 1)[0])
    ]
    assert branches == []


@pytest.mark.parametrize("body", ['points:\n  "CA": [160.1, -113.6]\n',
                                  'points:\n  "Canada": [60.1, -113.6]\n'])
def test_resources_a_country_point_off_the_globe_raises(tmp_path, body):
    path = tmp_path / "country_points.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(BadResource, match="no country code and point"):
        read_resource(path, CountryPointsFile)


@pytest.mark.parametrize("area", ['{country: UA, covers: [Donetsk], point: [148.2, 38.5], '
                                  'names: [Donbas]}',
                                  '{country: UA, covers: [], point: [48.2, 38.5], names: [Donbas]}'])
def test_resources_a_named_area_without_a_point_or_a_region_raises(tmp_path, area):
    path = tmp_path / "regions.yaml"
    path.write_text(f"areas:\n  Donbas: {area}\nadmin1_names: {{}}\n", encoding="utf-8")
    with pytest.raises(BadResource, match="Donbas"):
        read_resource(path, RegionsFile)
