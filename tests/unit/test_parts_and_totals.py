"""Parts of a country and names of villages, one more incident of a kind, running totals, and
the gear and fights of crowds, in constructions found reading real French and English reports
(each sentence written for these tests)."""

from __future__ import annotations

import pytest
from test_extract import only_event, read  # the same helpers, one definition
from test_who_and_where import events_of


@pytest.mark.parametrize(("text", "country", "admin1"), [
    ("Des jihadistes ont attaqué lundi un poste de l'armée dans le Nord-Mali, tuant trois "
     "soldats.", "Mali", None),
    ("Une frappe israélienne a tué deux personnes lundi dans le Sud-Liban.", "Lebanon", None),
    ("Des hommes armés ont enlevé lundi une dizaine de passagers d'un autobus dans le "
     "Bas-Artibonite.", "Haiti", "Artibonite"),
])
def test_a_direction_glued_to_a_country_or_region_names_a_part_of_it(runtime, text, country,
                                                                      admin1):
    event = only_event(read(runtime, text, lang="fr"))
    assert (event.country, event.admin1, event.geo_precision) == (country, admin1, 3)
    # The evidence is the whole name as written.
    assert "-" in event.evidence["country"].spans[0].text


@pytest.mark.parametrize("text", [
    "Des soldats ont attaqué lundi le village de Kin Ma, près de la frontière, en Birmanie.",
    "Des assaillants ont attaqué lundi un village du département du Mayo Sava, au Cameroun.",
])
def test_a_name_after_a_noun_for_a_village_or_an_area_is_read_whole(runtime, text):
    # (and "Birmanie", as the French press writes Myanmar, is a country)
    # Neither China's Kin nor Ireland's Mayo: the name goes on, and the gazetteer lacks it.
    event = only_event(read(runtime, text, lang="fr"))
    assert event.country in ("Myanmar", "Cameroon")
    assert event.geo_precision == 3


def test_a_third_attack_is_not_the_two_told_before(runtime):
    text = ("Des jihadistes ont mené lundi deux attaques contre des villages près de Kolofata, "
            "au Cameroun, tuant six civils. Une troisième attaque a été repoussée par les soldats.")
    assert events_of(runtime, text, "fr") == [
        ("Attack", "Unidentified Armed Group (Cameroon)", "Civilians (Cameroon)"),
        ("Armed clash", "Unidentified Armed Group (Cameroon)",
         "Military Forces of Cameroon (1982-)")]


def test_another_clash_with_no_place_of_its_own_stands_apart(runtime):
    text = ("Des combats ont opposé lundi l'armée à des jihadistes près de Gao. Un autre "
            "affrontement a éclaté dans la soirée, faisant trois morts.")
    tolls = [e.fatalities.best if e.fatalities else None
             for e in read(runtime, text, lang="fr").events]
    assert tolls == [None, 3]


def test_the_other_protesters_are_the_same_protest(runtime):
    text = ("Des cheminots ont manifesté lundi à Busan contre leurs salaires. Les autres "
            "manifestants défilaient dans la gare avec des pancartes.")
    assert events_of(runtime, text, "fr") == [("Peaceful protest", "Protesters (South Korea)",
                                               None)]


@pytest.mark.parametrize(("text", "lang"), [
    ("Depuis le début du conflit, au moins 412 civils ont été tués par des soldats israéliens en "
     "Cisjordanie.", "fr"),
    ("Since the beginning of the conflict, at least 412 civilians have been killed by Israeli "
     "troops in the West Bank.", "en"),
])
def test_the_verb_of_a_running_total_tells_no_event(runtime, text, lang):
    assert events_of(runtime, text, lang) == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Selon l'ONU, les violences intercommunautaires et les combats ont fait plus de 300 morts "
     "dans le Ouaddaï depuis janvier.", "fr"),
    ("Fighting between rival clans has killed more than 300 people in Galmudug since early "
     "January, a UN agency said.", "en"),
])
def test_fighting_that_gives_a_running_total_tells_no_event(runtime, text, lang):
    assert events_of(runtime, text, lang) == []


def test_fighting_that_gives_a_days_toll_is_that_days_event(runtime):
    event = only_event(read(runtime, "Lundi, des combats entre l'armée et des rebelles ont fait "
                                     "douze morts dans le Ouaddaï."))
    assert (event.sub_event_type, event.fatalities.best) == ("Armed clash", 12)


def test_a_count_by_tally_is_no_toll_of_the_attack_told_before(runtime):
    text = ("Un colon a été tué lundi dans une attaque contre la colonie de Kedumim. Les violences "
            "ont redoublé en Cisjordanie, où au moins 412 civils ont été abattus par des soldats "
            "ou des colons, d'après un décompte de l'ONU.")
    tolls = [e.fatalities.best if e.fatalities else None
             for e in read(runtime, text, lang="fr").events]
    assert 412 not in tolls


@pytest.mark.parametrize(("text", "lang"), [
    ("Le poste de sécurité de la prison de Fresnes a été visé lundi par des tirs de mortiers "
     "d'artifice.", "fr"),
    ("Youths fired firework mortars at a police station in Nanterre on Monday night.", "en"),
])
def test_fireworks_are_no_shelling(runtime, text, lang):
    assert all(e.event_type != "Explosions/Remote violence"
               for e in read(runtime, text, lang=lang).events)


def test_protesters_who_set_tyres_on_fire_riot(runtime):
    text = ("Mardi à Kasserine, des dizaines de jeunes ont bloqué la route principale et brûlé des "
            "pneus.")
    event = only_event(read(runtime, text, lang="fr"))
    assert (event.sub_event_type, event.actor1) == ("Violent demonstration", "Rioters (Tunisia)")


def test_a_brawl_between_two_communities_that_killed_no_one_is_mob_violence(runtime):
    text = "Des affrontements entre agriculteurs et éleveurs ont éclaté lundi près de Mongo."
    assert events_of(runtime, text, "fr") == [("Mob violence", "Rioters (Chad)",
                                               "Rioters (Chad)")]


def test_an_arrest_in_the_next_clause_is_not_by_the_protesters(runtime):
    text = ("Les gendarmes ont lancé lundi des grenades lacrymogènes sur les manifestants à "
            "Antananarivo et un syndicaliste a été arrêté.")
    assert events_of(runtime, text, "fr") == [
        ("Protest with intervention", "Protesters (Madagascar)", "Police Forces of Madagascar")]


@pytest.mark.parametrize(("text", "lang"), [
    ("A demonstrator fell to the ground in Oakland on Tuesday after a tear gas canister hit "
     "him.", "en"),
    ("Gunmen opened fire on police in Bannu on Monday in a bid to capture the outpost.", "en"),
])
def test_a_fall_or_an_attempt_takes_no_ground(runtime, text, lang):
    assert "Non-state actor overtakes territory" not in [
        e.sub_event_type for e in read(runtime, text, lang=lang).events]


def test_a_new_rally_announced_is_the_protest_told(runtime):
    text = ("Des milliers de personnes ont manifesté vendredi à Niamey contre les coupures "
            "d'électricité. Les organisateurs ont annoncé un nouveau rassemblement la semaine "
            "prochaine.")
    assert len(read(runtime, text, lang="fr").events) == 1


def test_yet_another_attack_may_be_the_one_told(runtime):
    text = ("Gunmen attacked the Delmas neighbourhood of Port-au-Prince on Tuesday, killing three "
            "residents. Locals said it was yet another gang attack on the district.")
    assert len(read(runtime, text, lang="en").events) == 1


def test_the_dead_named_by_a_compound_were_hit(runtime):
    text = "A smaller attack took place on Monday in Gayeri, killing four army auxiliaries."
    event = only_event(read(runtime, text, lang="en"))
    assert (event.actor1, event.actor2) == ("Unidentified Armed Group (Burkina Faso)",
                                            "Military Forces of Burkina Faso")


def test_a_lede_after_a_headline_takes_the_town_its_next_sentence_names(runtime):
    # A page's furniture (its date and the weather), a headline that tells the strike, a
    # dateline spelled as the gazetteer does not ("Dayr al Balah"), a lede that names no place;
    # the sentence after the lede does.
    text = (" date 2025-03-14 19 C\nStrike on shelters kills four\n\nWorld\nUpdated:\n"
            "DEIR AL-BALAH (AP) - Medics say an Israeli strike on shelters for displaced "
            "families killed four men.\n\n"
            "The strike hit tents beside a clinic in the town of Deir al-Balah before dawn.")
    event = only_event(read(runtime, text, lang="en"))
    assert (event.sub_event_type, event.country, event.geo_precision) == (
        "Air/drone strike", "Palestine", 1)


@pytest.mark.parametrize(("text", "lang"), [
    ("The war began after gunmen stormed the border town of Sderot on Oct. 7, killing 40 "
     "people.", "en"),
    ("La guerre a éclaté lorsque des hommes armés ont attaqué la ville de Sdérot le 7 octobre, "
     "tuant 40 personnes.", "fr"),
])
def test_how_the_war_began_is_background(runtime, text, lang):
    assert read(runtime, text, lang=lang).events == []


def test_an_attack_that_cost_lives_counts_them(runtime):
    event = only_event(read(runtime, "Lundi, une attaque contre un village près de Gao a coûté "
                            "la vie à cinq civils.", lang="fr"))
    assert (event.sub_event_type, event.fatalities.best) == ("Attack", 5)


@pytest.mark.parametrize(("text", "lang"), [
    ("Mardi, des hommes armés ont tué neuf villageois près de Beni, l'attaque la plus "
     "meurtrière de la région depuis mars.", "fr"),
    ("On Tuesday, gunmen killed nine villagers near Beni, the deadliest raid in the area since "
     "January.", "en"),
    ("On Tuesday, gunmen killed nine villagers near Beni, the first such raid since March.",
     "en"),
])
def test_since_after_a_superlative_measures_the_event(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert event.fatalities is not None and event.fatalities.best == 9


@pytest.mark.parametrize(("text", "lang", "country"), [
    ("Lundi, des éleveurs ont attaqué des cultivateurs près de Mopti, tuant douze personnes.",
     "fr", "Mali"),
    ("On Monday, herders attacked farmers in a village near Makurdi, killing twelve people.",
     "en", "Nigeria"),
])
def test_a_community_whose_men_kill_is_a_communal_militia_not_a_mob(runtime, text, lang,
                                                                  country):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.sub_event_type, event.actor1, event.inter1, event.actor2) == (
        "Attack", f"Unidentified Communal Militia ({country})", 4, f"Civilians ({country})")
