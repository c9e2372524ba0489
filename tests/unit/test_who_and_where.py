"""Who did what, and where, in constructions found reading real French and English reports
(each sentence written for these tests): words that name a force and not an event, the subject
a verb takes from the verb it hangs on, headline passives, communities that fight, countries a
scene is near, organisations that share a town's name."""

from __future__ import annotations

import pytest
from test_extract import PUBLISHED, only_event, read  # the same helpers, one definition

import veille


def events_of(runtime, text: str, lang: str) -> list[tuple]:
    report = veille.extract(text, published=PUBLISHED, lang=lang, runtime=runtime)
    return [(e.sub_event_type, e.actor1, e.actor2) for e in report.events]


@pytest.mark.parametrize(("text", "lang"), [
    ("Riot police in Tbilisi guarded the parliament building on Monday.", "en"),
    ("Investigators found spent shells of several calibers outside the bar in Salamanca.", "en"),
])
def test_the_name_or_gear_of_a_force_is_no_event(runtime, text, lang):
    assert events_of(runtime, text, lang) == []


def test_a_verb_takes_its_doer_from_the_verb_it_hangs_on(runtime):
    # The tagger hangs "detained" on "disperse": the police still detained.
    events = events_of(runtime, "Riot police fired water cannon to scatter the students in "
                       "Tbilisi on Monday and arrested two of them.", "en")
    assert events == [("Protest with intervention", "Protesters (Georgia)",
                       "Police Forces of Georgia")]


@pytest.mark.parametrize(("text", "event"), [
    ("Protestors arrested in Tehran", ("Protest with intervention", "Protesters (Iran)",
                                       "Police Forces of Iran (1989-)")),
    ("Four policemen killed, six hurt in attack on checkpoint near Kirkuk", (
        "Armed clash", "Unidentified Armed Group (Iraq)", "Police Forces of Iraq (2022-)")),
])
def test_a_headline_participle_is_a_passive(runtime, text, event):
    assert events_of(runtime, text, "en") == [event]


@pytest.mark.parametrize(("text", "lang"), [
    ("Onze soldats ont péri dans une embuscade près de Gao lundi.", "fr"),
    ("L'armée a perdu onze hommes dans une embuscade près de Gao lundi.", "fr"),
    ("Eleven soldiers died in an ambush near Gao on Monday.", "en"),
])
def test_soldiers_who_died_in_an_ambush_were_attacked(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Armed clash", "Unidentified Armed Group (Mali)", "Military Forces of Mali")


@pytest.mark.parametrize(("text", "lang"), [
    ("Huit personnes ont été retrouvées décapitées lundi près de Mocimboa da Praia.", "fr"),
    ("Eight people were found beheaded near Mocimboa da Praia on Monday.", "en"),
])
def test_people_found_beheaded_were_attacked_not_attackers(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.sub_event_type, event.actor1, event.actor2, event.fatalities.best) == (
        "Attack", "Unidentified Armed Group (Mozambique)", "Civilians (Mozambique)", 8)


@pytest.mark.parametrize(("text", "lang", "dead"), [
    ("Six personnes ont été tuées lundi lors d'affrontements entre bergers et cultivateurs "
     "près de Mongo.", "fr", 6),
    ("Des affrontements intercommunautaires ont fait neuf morts lundi près de Mongo.", "fr", 9),
    ("Twelve people were killed on Monday in fighting between two clans near Mongo.", "en", 12),
])
def test_communities_that_fight_and_kill_are_communal_militias(runtime, text, lang, dead):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.sub_event_type, event.actor1, event.actor2, event.fatalities.best) == (
        "Armed clash", "Unidentified Communal Militia (Chad)",
        "Unidentified Communal Militia (Chad)", dead)
    assert event.inter1 == event.inter2 == 4


def test_each_community_that_fights_is_its_own_sides_evidence(runtime):
    event = only_event(read(runtime, "Six personnes ont été tuées lundi lors d'affrontements "
                                     "entre bergers et cultivateurs près de Mongo."))
    assert [event.evidence[role].spans[0].text for role in ("actor1", "actor2")] == [
        "bergers", "cultivateurs"]


@pytest.mark.parametrize(("text", "events"), [
    ("Four people were killed in an encounter between troops and NPA rebels in Lake Sebu on "
     "Monday.", [("Armed clash", "Military Forces of Philippines", "NPA: New People's Army")]),
    ("The senator had an encounter with reporters in Manila on Monday.", []),
])
def test_an_encounter_is_a_clash_only_among_armed_men(runtime, text, events):
    assert events_of(runtime, text, "en") == events


def test_a_unit_against_terrorism_is_the_police(runtime):
    event = only_event(read(runtime, "Une unité antiterroriste a arrêté lundi un blogueur à "
                            "Sfax.", lang="fr"))
    assert (event.sub_event_type, event.actor1) == ("Arrests", "Police Forces of Tunisia")


def test_an_event_of_a_past_years_relative_clause_is_background(runtime):
    text = ("Une unité antiterroriste a arrêté lundi un blogueur à Sfax. La liberté de la presse "
            "était l'héritage du soulèvement de 2011 qui avait entraîné des marches dans tout le "
            "pays.")
    assert events_of(runtime, text, "fr") == [
        ("Arrests", "Police Forces of Tunisia", "Civilians (Tunisia)")]


@pytest.mark.parametrize("text", [
    "Mali : neuf soldats tués lors d'une embuscade vers les frontières du Niger et de "
    "l'Algérie",
    "Une embuscade a coûté la vie à neuf soldats maliens lundi vers les frontières du Niger et "
    "de l'Algérie.",
])
def test_countries_a_scene_is_near_do_not_place_it(runtime, text):
    event = only_event(read(runtime, text, lang="fr"))
    assert event.country == "Mali"


def test_an_organisation_that_shares_a_towns_name_is_no_place(runtime):
    report = read(runtime, "En marge d'une réunion de l'Otan, la police a chassé hier les "
                  "manifestants avec du gaz lacrymogène.", lang="fr")
    assert all(e.country != "Nigeria" for e in report.events)


def test_the_figures_of_a_date_count_no_dead(runtime):
    event = only_event(read(runtime, "2024-03-11 Gunmen shot dead four traders at the market of "
                            "Gao.", lang="en"))
    assert event.fatalities.best == 4


def test_a_second_verb_of_killing_has_the_first_ones_doer(runtime):
    event = only_event(read(runtime, "On Monday an armed group burst into a bar in Celaya and "
                            "killed nine customers.", lang="en"))
    assert (event.sub_event_type, event.actor1, event.actor2, event.fatalities.best) == (
        "Attack", "Unidentified Armed Group (Mexico)", "Civilians (Mexico)", 9)


@pytest.mark.parametrize(("text", "lang"), [
    ("The ELN is negotiating with ministers about a possible peace deal in Tuquerres.", "en"),
    ("Les émissaires des rebelles ont discuté lundi à Goma d'un éventuel accord de paix.", "fr"),
])
def test_a_prospect_is_no_event(runtime, text, lang):
    assert events_of(runtime, text, lang) == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Russian forces fired a Tochka-U at Bashtanka on Monday, killing two people.", "en"),
    ("Les forces russes ont tiré lundi un Iskander sur Bachtanka, tuant deux personnes.", "fr"),
])
def test_a_missile_named_by_its_make_is_a_missile_attack(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.sub_event_type, event.actor1) == ("Shelling/artillery/missile attack",
                                                    "Military Forces of Russia")
