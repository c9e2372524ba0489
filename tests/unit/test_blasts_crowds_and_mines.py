"""Explosions, crowds and mines in constructions of everyday reports (each sentence written for
these tests):

- an explosion that names no cause beside the weapon that made it ("a grenade blast",
  "l'explosion d'un obus") is that weapon's, one event, not one more bombing;
- an unexploded shell or munition that goes off ("un obus non explosé") is a remote explosive,
  not shelling;
- the dead a protest is against ("against the killing of three vendors", "contre le meurtre
  de trois vendeurs") are its topic, not its toll: the protest stays peaceful;
- a crowd's size is no toll ("hundreds of traders protested after the killing of a vendor");
- who stepped on a mine ("ont sauté sur une mine") was hit by it, not its layer
  (roles.yaml `caught_verbs`);
- traders, shopkeepers, passengers are civilians, in English as in French;
- a group glued by a hyphen to a participle before the act ("a Taliban-planted bomb", "an
  ISIS-planted mine") did it;
- one person an article names as the victim counts one, whatever the trade ("shot dead a
  shopkeeper", "killed an army ranger", "ont tué un commerçant": casualties.yaml `persons`).
"""

from __future__ import annotations

import pytest
from test_extract import only_event, read

import veille  # the same helpers, one definition


@pytest.mark.parametrize(("text", "lang", "sub_event_type"), [
    ("A grenade blast killed two shopkeepers in Kabul on Friday.", "en", "Grenade"),
    ("L'explosion d'une grenade a tué deux commerçants à Kaboul vendredi.", "fr", "Grenade"),
    ("L'explosion d'un obus a tué deux commerçants à Kharkiv vendredi.", "fr",
     "Shelling/artillery/missile attack"),
])
def test_a_blast_beside_its_weapon_is_that_weapons_one_event(runtime, text, lang,
                                                             sub_event_type):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.sub_event_type, event.fatalities.best) == (sub_event_type, 2)
    assert event.actor2.startswith("Civilians")


@pytest.mark.parametrize(("text", "lang"), [
    ("On Tuesday, an unexploded shell went off in a courtyard in Kharkiv, injuring a child.",
     "en"),
    ("Mardi, un obus non explosé a explosé dans une cour de Kharkiv, blessant un enfant.", "fr"),
])
def test_an_unexploded_shell_that_goes_off_is_a_remote_explosive(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert event.sub_event_type == "Remote explosive/landmine/IED"


@pytest.mark.parametrize(("text", "lang"), [
    ("On Friday, hundreds of traders protested in Bouake against the killing of three "
     "vendors.", "en"),
    ("Vendredi, des centaines de commerçants ont manifesté à Bouaké contre le meurtre de trois "
     "vendeurs par des inconnus.", "fr"),
    ("On Friday, in Bouake, hundreds of traders protested after the killing of a vendor in "
     "Korhogo last week.", "en"),
])
def test_the_dead_a_crowd_mourns_and_its_size_are_no_toll_of_it(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.sub_event_type, event.fatalities) == ("Peaceful protest", None)
    assert event.location == "Bouake"


@pytest.mark.parametrize(("text", "lang"), [
    ("Two soldiers stepped on a mine and were killed near Kidal on Monday.", "en"),
    ("Deux soldats ont sauté sur une mine lundi près de Kidal et ont été tués.", "fr"),
])
def test_who_stepped_on_a_mine_was_hit_by_it(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert event.actor2.startswith("Military Forces of Mali")
    assert event.actor1 == "Unidentified Armed Group (Mali)"


@pytest.mark.parametrize(("text", "lang"), [
    ("Gunmen shot dead a shopkeeper in Kandahar on Friday, an official said.", "en"),
    ("A roadside bomb killed an army ranger in Narathiwat on Monday.", "en"),
    ("Des hommes armés ont tué un commerçant vendredi à Kidal.", "fr"),
])
def test_one_victim_named_with_an_article_counts_one(runtime, text, lang):
    assert only_event(read(runtime, text, lang=lang)).fatalities.best == 1


def test_a_group_glued_to_a_participle_before_the_act_did_it(runtime):
    """In 2020 the Taliban were insurgents, and the police was hit."""
    report = veille.extract("On Friday, two policemen were wounded by a Taliban-planted bomb "
                            "in Khost.", published="2020-05-03", runtime=runtime, lang="en")
    event = only_event(report)
    assert (event.actor1, event.actor2) == ("Taliban", "Police Forces of Afghanistan (2014-2021)")
