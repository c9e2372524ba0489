"""Pins how a demonstration's story is read as one event by ACLED's rules, and the retellings
and causes that are no event, each on short texts written for these tests, in French and
English:

- a protest that turns violent is one riot whose crowd ACLED calls rioters ("Rioters (X)", not
  "Protesters (X)"), and the crowd named again is never its own opponent (fuse.py);
- police clashing with no armed opponent beside a demonstration of the article clash with its
  crowd: the demonstration becomes a riot with the police as actor2 (taxonomy.yaml
  `clash_at_demonstration`); a battle with an armed side on each end stays a battle;
- "dispersed the demonstration" is an intervention (triggers.yaml `verb_args`);
- what a crowd protests against is its cause, not an event (`protest_causes`);
- a definite trigger noun in a sentence with no place or date ("le bombardement") tells the last
  event of its kind again, and a weapon a trigger verb takes as object ("a largué un obus") is
  what that action used;
- "cette émeute" after a protest tells that the protest turned violent;
- a story that names one country places there the events of sentences that name no place;
- a mob that wrecks property commits mob violence; stones thrown and shop windows smashed make
  a riot; "une attaque à la bombe" is a bomb, not a shooting;
- a figurative fight ("to fight the pandemic") is no battle;
- a party whose members protest is associated with the crowd, which is actor1 (taxonomy.yaml
  `crowd_led`).
"""

from __future__ import annotations

import pytest
from test_extract import only_event, read  # the same helpers, one definition


@pytest.mark.parametrize("text", [
    "Des centaines de manifestants ont défilé mardi à Kindia contre la hausse des prix. Les "
    "manifestants ont ensuite jeté des pierres sur les policiers, qui ont riposté au gaz "
    "lacrymogène.",
    "Hundreds of demonstrators marched in Mombasa on Tuesday against rising prices. The "
    "protesters later threw stones at police officers, who responded with tear gas.",
])
def test_a_protest_turned_violent_is_one_riot_by_rioters(runtime, text):
    event = only_event(read(runtime, text))
    assert (event.event_type, event.sub_event_type) == ("Riots", "Violent demonstration")
    assert event.actor1.startswith("Rioters (")
    assert event.actor2 is None or event.actor2.startswith("Police Forces of")


def test_police_clashing_with_students_at_their_march_make_it_a_riot(runtime):
    text = ("Une manifestation d'étudiants a eu lieu jeudi à Lomé pour réclamer des bourses. "
            "La police a dispersé la marche. Des affrontements ont ensuite éclaté près du "
            "campus.")
    event = only_event(read(runtime, text))
    assert (event.event_type, event.sub_event_type) == ("Riots", "Violent demonstration")
    assert event.actor1 == "Rioters (Togo)"
    assert event.actor2.startswith("Police Forces of Togo")


def test_a_battle_with_an_armed_side_beside_a_march_stays_a_battle(runtime):
    text = ("Des habitants ont manifesté lundi à Beni contre l'insécurité. Le même jour, des "
            "combats ont opposé l'armée aux rebelles des ADF près de Beni.")
    types = {e.event_type for e in read(runtime, text).events}
    assert "Battles" in types and "Protests" in types


@pytest.mark.parametrize(("text", "force"), [
    ("On Friday, about 200 people staged a sit-in outside the governor's office in Jos. "
     "Police intervened and dispersed the demonstration.", "Police Forces of Nigeria"),
    ("Vendredi, environ 200 personnes ont organisé un sit-in devant le gouvernorat de Gabès. "
     "Les gendarmes ont dispersé le sit-in.", "Police Forces of Tunisia"),
])
def test_dispersing_the_demonstration_is_an_intervention(runtime, text, force):
    event = only_event(read(runtime, text))
    assert event.sub_event_type == "Protest with intervention"
    assert event.actor2.startswith(force)


@pytest.mark.parametrize("text", [
    "On Saturday, dozens of residents protested in Porto against demolishing the old market "
    "hall.",
    "Samedi, des dizaines d'habitants ont manifesté à Lyon contre la démolition de l'ancienne "
    "halle.",
])
def test_what_a_crowd_protests_against_is_its_cause(runtime, text):
    event = only_event(read(runtime, text))
    assert (event.event_type, event.sub_event_type) == ("Protests", "Peaceful protest")


def test_the_bombing_told_again_is_the_strike_and_its_shell_no_event(runtime):
    text = ("Mardi soir, un avion a largué un obus sur une raffinerie de Marib. Le bombardement "
            "a déclenché un incendie. Les secours ont évacué les blessés.")
    event = only_event(read(runtime, text))
    assert event.sub_event_type == "Air/drone strike"


def test_this_riot_after_a_protest_tells_it_turned_violent(runtime):
    text = ("Des commerçants se sont rassemblés lundi à Rouen pour protester contre une taxe. "
            "Pendant cette émeute, un policier a été blessé et deux voitures endommagées.")
    event = only_event(read(runtime, text))
    assert event.event_type == "Riots"


def test_a_story_of_one_country_places_its_events_there(runtime):
    text = ("La circulation a été perturbée mardi au Bénin par des manifestations contre la "
            "vie chère. En fin de journée, les forces de l'ordre ont dispersé les manifestants "
            "avec des grenades lacrymogènes.")
    event = only_event(read(runtime, text))
    assert event.country == "Benin"
    assert event.sub_event_type == "Protest with intervention"


def test_a_mob_wrecking_property_is_mob_violence(runtime):
    event = only_event(read(runtime, "Des habitants en colère ont saccagé la mairie de "
                                     "Ouahigouya dimanche."))
    assert (event.event_type, event.sub_event_type) == ("Riots", "Mob violence")


@pytest.mark.parametrize("text", [
    "Mercredi à Abidjan, une manifestation a dégénéré : des lancers de pierres ont visé le "
    "cortège officiel.",
    "On Wednesday in Accra, a march turned violent as protesters smashed shop windows.",
])
def test_stones_and_smashed_windows_make_a_riot(runtime, text):
    assert only_event(read(runtime, text)).event_type == "Riots"


def test_an_attack_with_a_bomb_is_an_explosion(runtime):
    event = only_event(read(runtime, "Une école a été visée par une attaque à la bombe lundi "
                                     "à Maiduguri."))
    assert event.event_type == "Explosions/Remote violence"


@pytest.mark.parametrize("text", [
    "On Monday, residents in Rosario banged pots to protest the measures taken to fight the "
    "pandemic.",
])
def test_a_figurative_fight_is_no_battle(runtime, text):
    assert {e.event_type for e in read(runtime, text).events} == {"Protests"}


@pytest.mark.parametrize(("text", "crowd", "group"), [
    ("On Monday, INC workers staged a protest in Bhopal against the rise in fuel prices.",
     "Protesters (India)", "INC: Indian National Congress"),
    ("Samedi, des partisans du Hezbollah ont manifesté à Beyrouth contre la hausse des prix.",
     "Protesters (Lebanon)", "Hezbollah"),
])
def test_a_party_whose_members_protest_is_associated_with_the_crowd(runtime, text, crowd,
                                                                    group):
    event = only_event(read(runtime, text))
    assert event.actor1 == crowd
    assert event.assoc_actor1 == [group]
