"""veille eval: matching, measures and the quality gate, on tiny gold files the tests write."""

from __future__ import annotations

import json

import pytest

import veille
from veille.evaluate.actor_names import ActorNames
from veille.evaluate.admin_names import AdminNames
from veille.evaluate.matching import match
from veille.evaluate.run import evaluate

# Two articles of our own: an air strike with a toll, and a text with no event.
EVENT_GOLD = [
    {"id": "g1", "lang": "fr", "published": "2024-03-12",
     "text": "Une frappe aérienne de l'armée syrienne a fait au moins 12 morts à Alep hier.",
     "events": [{"event_date": "2024-03-11", "event_type": "Explosions/Remote violence",
                 "sub_event_type": "Air/drone strike", "actor1": "Military Forces of Syria (2000-2024)",
                 "country": "Syria", "admin1": "Aleppo", "location": "Aleppo",
                 "latitude": 36.2012, "longitude": 37.1612, "fatalities": 12}]},
    {"id": "g2", "lang": "fr", "published": "2024-03-12",
     "text": "Le marché de la ville a rouvert ses portes après des travaux.", "events": []},
]
PLACE_GOLD = [
    {"id": "p1", "lang": "en", "text": "Protesters marched in Aleppo and Homs on Monday.",
     "places": [{"start": 22, "end": 28, "name": "Aleppo", "latitude": 36.2012,
                 "longitude": 37.1612, "geonameid": 170063},
                {"start": 33, "end": 37, "name": "Homs", "latitude": 34.7268,
                 "longitude": 36.7234, "geonameid": 169577}]},
]


def write(tmp_path, name, rows):
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def test_evaluate_event_gold_figures(tmp_path, runtime):
    result = evaluate(write(tmp_path, "events.jsonl", EVENT_GOLD), runtime)
    f = result.figures
    assert (result.kind, f["articles"], f["gold_events"], f["matched"]) == ("events", 2, 1, 1)
    assert (f["recall"], f["event_type_accuracy"], f["actor1_accuracy"]) == (1.0, 1.0, 1.0)
    assert (f["location_within_25km"], f["fatalities_exact"], f["date_exact"]) == (1.0, 1.0, 1.0)
    assert f["event_type_f1"] == f["f1"]  # the one pair has the right type


def test_evaluate_place_gold_figures(tmp_path, runtime):
    result = evaluate(write(tmp_path, "places.jsonl", PLACE_GOLD), runtime)
    f = result.figures
    assert (result.kind, f["gold_toponyms"], f["matched"]) == ("places", 2, 2)
    assert (f["accuracy_at_161km"], f["geonameid_exact"]) == (1.0, 1.0)
    assert f["end_to_end_161km"] == 1.0  # of all gold toponyms, found and placed


def test_evaluate_limit(tmp_path, runtime):
    assert evaluate(write(tmp_path, "e.jsonl", EVENT_GOLD), runtime, limit=1).figures[
        "articles"] == 1


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Military Forces of Syria (2000-2024)", "Military Forces of Syria", True),
    ("HTS: Hayat Tahrir al-Sham", "Hayat Tahrir al-Sham", True),
    ("SDF", "Syrian Democratic Forces", True),
    ("Islamic State (Syria)", "Syrian Democratic Forces", False),
])
def test_evaluate_actor_names(a, b, same):
    assert ActorNames().same(a, b) is same


def test_evaluate_null_fatalities_agree_with_acled_zero(tmp_path, runtime):
    row = dict(EVENT_GOLD[0], text="Une frappe aérienne de l'armée syrienne a touché Alep hier.")
    row["events"] = [dict(row["events"][0], fatalities=0)]
    result = evaluate(write(tmp_path, "zero.jsonl", [row]), runtime)
    assert result.figures["fatalities_exact"] == 1.0


def test_evaluate_hungarian_prefers_the_better_pair(runtime):
    report = veille.extract("Des affrontements ont eu lieu à Alep. Une frappe aérienne a touché "
                            "Alep.", published="2024-03-12", runtime=runtime)
    golds = [{"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
              "latitude": 36.2012, "longitude": 37.1612},
             {"event_type": "Battles", "sub_event_type": "Armed clash",
              "latitude": 36.2012, "longitude": 37.1612}]
    pairs = match(report.events, golds, ActorNames(), AdminNames(runtime.gazetteer))
    assert {(report.events[i].sub_event_type, golds[j]["sub_event_type"]) for i, j in pairs} == {
        ("Armed clash", "Armed clash"), ("Air/drone strike", "Air/drone strike")}


def test_evaluate_errors_file(tmp_path):
    from typer.testing import CliRunner

    from veille.cli import app

    gold = write(tmp_path, "events.jsonl", EVENT_GOLD)
    errors = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(app, ["eval", str(gold), "--json", "--errors", str(errors)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["matched"] == 1
    assert errors.exists()


@pytest.mark.parametrize("gold_place", [
    {"location": "Grand Tunis"},  # the metropolitan area: words of the gold's name
    {"location": "Tunisie"},  # only the country
    {"location_candidates": ["Tunisie", "Tunis"]},
])
def test_a_gold_place_given_by_name_pairs_with_a_town_it_names_or_holds(runtime, gold_place):
    report = veille.extract("Des émeutes ont éclaté lundi à Tunis.", published="2024-03-12",
                            runtime=runtime)
    golds = [{"event_type": "Riots", **gold_place}]
    assert match(report.events, golds, ActorNames(), AdminNames(runtime.gazetteer)) == [(0, 0)]


def test_a_gold_place_of_another_country_does_not_pair(runtime):
    report = veille.extract("Des émeutes ont éclaté lundi à Tunis.", published="2024-03-12",
                            runtime=runtime)
    golds = [{"event_type": "Riots", "location": "Algérie"}]
    assert match(report.events, golds, ActorNames(), AdminNames(runtime.gazetteer)) == []
