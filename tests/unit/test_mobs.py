"""Pins how veille reads people who are no armed group doing violence, by ACLED's rule that
civilians who use violence are rioters, on short texts written for these tests, in English
and French:

- plain words for people ("a group of people", "persons", "un groupe de personnes",
  actors.yaml `doers`) name the doers of an act, and nothing else: a group of people who beat
  or attack someone is a mob (Mob violence by Rioters), while "two people died in the clashes"
  names no side of the clashes;
- relatives, locals and a group of villagers who attack someone are a mob too (Civilians
  aliases, then taxonomy.yaml `civilians_acting`);
- unidentified men or persons, and a group of armed men, are an unidentified armed group;
- civilians named before an arrest were the ones arrested: the arrest stays the police's;
- a capitalised word in the possessive inside a name ("the People's Defence Force") is part
  of that name, not the common noun it spells;
- a police station ("un commissariat") attacked is the police's.
"""

from __future__ import annotations

import pytest
from test_extract import only_event, read  # the same helpers, one definition


@pytest.mark.parametrize(("text", "lang", "country"), [
    ("A group of people beat up a suspected thief in Kisumu on Sunday.", "en", "Kenya"),
    ("A suspected thief was beaten to death by people at a market in Kisumu on Sunday.", "en",
     "Kenya"),
    ("Relatives of a patient who died assaulted two nurses at a clinic in Kisumu on Sunday.",
     "en", "Kenya"),
    ("Dimanche, un groupe de personnes a lynché un voleur présumé sur le marché de Bouaké.",
     "fr", "Ivory Coast"),
    ("Dimanche, des riverains ont roué de coups un voleur présumé à Bouaké.", "fr",
     "Ivory Coast"),
])
def test_people_who_beat_someone_are_a_mob(runtime, text, lang, country):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.event_type, event.sub_event_type) == ("Riots", "Mob violence")
    assert (event.actor1, event.actor2) == (f"Rioters ({country})", f"Civilians ({country})")


@pytest.mark.parametrize(("text", "lang"), [
    ("Clashes broke out in Tillaberi on Sunday in which two people died.", "en"),
    ("Deux personnes sont mortes dimanche dans des affrontements à Tillabéri.", "fr"),
])
def test_people_who_died_in_clashes_are_no_side(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert event.sub_event_type == "Armed clash"
    assert (event.actor1, event.actor2) == (None, None)
    assert event.fatalities is not None and event.fatalities.best == 2


@pytest.mark.parametrize(("text", "lang"), [
    ("Unidentified men shot dead a trader in Kano on Monday.", "en"),
    ("A group of armed men attacked a trader in Kano on Monday.", "en"),
    ("Lundi, un groupe d'hommes armés a attaqué un commerçant à Maradi.", "fr"),
    ("Lundi, des individus non identifiés ont tué un commerçant à Maradi.", "fr"),
])
def test_unidentified_or_armed_men_are_an_armed_group(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert event.sub_event_type == "Attack"
    assert event.actor1.startswith("Unidentified Armed Group (")


def test_civilians_named_before_a_detention_were_detained(runtime):
    event = only_event(read(runtime, "Farmers were detained by police in Kisumu on Sunday."))
    assert event.sub_event_type == "Arrests"
    assert event.actor1 == "Police Forces of Kenya"


def test_a_possessive_inside_a_name_is_part_of_the_name(runtime):
    text = ("Fighters of the Kani People's Defence Force attacked an army column near Kani, "
            "in the Sagaing region, on Sunday.")
    event = only_event(read(runtime, text, lang="en"))
    assert event.event_type == "Battles"
    assert not (event.actor1 or "").startswith(("Rioters", "Civilians"))


def test_a_police_station_attacked_is_the_polices(runtime):
    event = only_event(read(runtime, "Lundi, des hommes armés ont attaqué un commissariat à "
                                     "Maradi.", lang="fr"))
    assert event.sub_event_type == "Armed clash"
    assert event.actor2 == "Police Forces of Niger"
