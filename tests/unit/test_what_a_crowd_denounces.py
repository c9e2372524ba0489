"""What a crowd demands or denounces, and a clash told with its protest (each sentence written
for these tests):

- a trigger that a verb of the crowd's claim governs ("denouncing rape cases", "to call for the
  release of a journalist held hostage", "pour exiger la libération des otages enlevés") is the
  protest's topic, not an event (triggers.yaml `protest_claims`), and so is what a protest verb
  takes as object ("protesting the detention of nine teachers"); the dead a crowd honours or seeks
  justice for are no toll; a crowd's act stays one;
- a clash that names no side but the police, told with a protest in its sentence or in the one
  before, is the crowd's: a violent demonstration, not an armed group's battle;
- the dead of another act told in a protest's sentence ("protested after gunmen killed two
  traders") are that act's toll, not the protest's;
- rioting where no demonstration is told (stones thrown at a patrol during a raid) is mob
  violence; with protesters, a protest word or a claim ("to demand that power be restored")
  it is a violent demonstration (taxonomy.yaml `without_demonstration`).
"""

from __future__ import annotations

import pytest
from test_extract import only_event, read  # the same helpers, one definition


@pytest.mark.parametrize(("text", "lang"), [
    ("On Monday, parents staged a protest outside a school in Casablanca, denouncing alleged "
     "rape cases.", "en"),
    ("On Monday, residents rallied in Gao to call for the release of a journalist held hostage "
     "by gunmen.", "en"),
    ("Lundi, des proches ont manifesté à Gao pour exiger la libération des otages enlevés par "
     "des hommes armés.", "fr"),
])
def test_what_a_crowd_demands_or_denounces_is_its_topic(runtime, text, lang):
    assert only_event(read(runtime, text, lang=lang)).sub_event_type == "Peaceful protest"


def test_a_crowd_that_demands_and_is_fired_on_is_still_an_event(runtime):
    event = only_event(read(runtime, "On Monday, police fired tear gas at protesters demanding "
                                     "the release of detainees in Kano, killing two.", lang="en"))
    assert event.sub_event_type == "Excessive force against protesters"


@pytest.mark.parametrize(("text", "lang"), [
    ("On Monday, about 300 traders demonstrated outside the town hall in Kharkiv against the "
     "lockdown. Clashes with police erupted as officers moved to reopen the road.", "en"),
    ("Lundi, quelque 300 commerçants ont manifesté devant la mairie de Kharkiv contre le "
     "confinement. Des affrontements avec la police ont éclaté quand les agents ont voulu "
     "dégager la route.", "fr"),
])
def test_a_clash_with_the_police_told_with_a_protest_is_the_crowds(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.sub_event_type, event.actor1) == ("Violent demonstration", "Rioters (Ukraine)")


def test_a_clash_elsewhere_after_a_protest_stays_a_battle(runtime):
    report = read(runtime, "On Monday, traders demonstrated in Kharkiv against the lockdown. "
                           "Clashes with the army broke out in Izium, where rebels attacked a "
                           "checkpoint.", lang="en")
    assert "Armed clash" in {e.sub_event_type for e in report.events}


@pytest.mark.parametrize(("text", "lang"), [
    ("On Monday, residents protested in Gao after gunmen killed two traders.", "en"),
    ("Lundi, des habitants ont manifesté à Gao après que des hommes armés ont tué deux "
     "commerçants.", "fr"),
])
def test_the_dead_of_another_act_in_a_protests_sentence_are_that_acts(runtime, text, lang):
    events = {e.sub_event_type: e for e in read(runtime, text, lang=lang).events}
    assert events["Peaceful protest"].fatalities is None
    assert events["Attack"].fatalities.best == 2


@pytest.mark.parametrize(("text", "lang", "sub_event_type"), [
    ("On Monday, youths threw stones at an army patrol during a raid in Jenin.", "en",
     "Mob violence"),
    ("Lundi, des jeunes ont jeté des pierres sur une patrouille de l'armée à Jénine.", "fr",
     "Mob violence"),
    ("On Monday, residents burned tires in Aden to demand that power be restored.", "en",
     "Violent demonstration"),
    ("On Monday, students marched in Dhaka against fees and later threw stones at police.",
     "en", "Violent demonstration"),
])
def test_a_riot_is_a_violent_demonstration_only_where_a_demonstration_is_told(
        runtime, text, lang, sub_event_type):
    assert only_event(read(runtime, text, lang=lang)).sub_event_type == sub_event_type


@pytest.mark.parametrize(("text", "lang"), [
    ("On Monday, some 80 residents held a candlelight vigil in Galway to honour two fishermen "
     "killed in Sligo.", "en"),
    ("On Monday, journalists marched in Puebla to demand justice for the killing of three "
     "colleagues.", "en"),
    ("Lundi, des centaines de personnes ont marché à Bamako pour rendre hommage aux deux "
     "soldats tués à Kidal.", "fr"),
])
def test_the_dead_a_crowd_honours_or_seeks_justice_for_are_no_toll(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.sub_event_type, event.fatalities) == ("Peaceful protest", None)


@pytest.mark.parametrize("text", [
    "On Monday, students rallied in Izmir to demand freedom for two classmates who were "
    "arrested last week.",
    "On Monday, activists marched in Mardin, protesting the detention of nine teachers.",
])
def test_arrests_a_crowd_protests_are_no_intervention(runtime, text):
    assert only_event(read(runtime, text, lang="en")).sub_event_type == "Peaceful protest"


def test_arrests_at_a_demonstration_are_an_intervention(runtime):
    event = only_event(read(runtime, "On Monday, police arrested 12 protesters during a "
                                     "demonstration in Lagos.", lang="en"))
    assert event.sub_event_type == "Protest with intervention"
