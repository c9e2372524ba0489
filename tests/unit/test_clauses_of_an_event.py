"""Who did it and when, read from the clauses around an event's noun, and where at sea, in
constructions found reading real French and English reports (each sentence written for these
tests):

- a claim names the event it claims ("X claimed responsibility for a rocket attack on ..."):
  the claimant is that event's actor1, not only that of an event told before;
- a relative clause on the event's noun with a light verb names its doer and its day ("an
  assault that the insurgents mounted on Friday", "l'attaque que les rebelles ont menée
  vendredi");
- a day after "de" ("l'attaque de vendredi contre un camp") is no actor, and what the parser
  hangs on it is the event's;
- the group a toll is counted among was hit ("deux morts parmi les gendarmes", "among the
  troops");
- "off" a town and "au large de" place an event at sea near that town.
"""

from __future__ import annotations

import pytest
from test_extract import only_event, read  # the same helpers, one definition


@pytest.mark.parametrize("text", [
    "Al-Shabaab claimed responsibility for a rocket attack on an army base in Baidoa on Friday.",
    "Al-Shabaab claimed Friday's rocket attack on an army base in Baidoa.",
])
def test_the_claimant_did_the_event_its_claim_names(runtime, text):
    event = only_event(read(runtime, text, lang="en"))
    assert event.actor1 == "Al Shabaab"
    assert event.evidence["actor1"].basis in ("claimed", "light_verb")


@pytest.mark.parametrize(("text", "lang"), [
    ("Four border guards died in an attack that the insurgents mounted on their post near "
     "Bannu, in north-west Pakistan, on Friday.", "en"),
    ("Quatre gardes-frontières ont péri dans l'assaut que les talibans pakistanais ont mené "
     "vendredi contre leur poste près de Bannu.", "fr"),
])
def test_a_relative_clause_on_the_event_names_its_doer_and_its_day(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert event.actor1 in ("Unidentified Armed Group (Pakistan)",
                            "TTP: Tehreek-i-Taliban Pakistan")
    assert event.evidence["actor1"].basis == "light_verb"
    # the Friday before the report's Tuesday, not the report's day
    assert event.event_date.isoformat() == "2024-03-08"


def test_an_offensive_launched_on_a_day_does_not_date_the_fighting(runtime):
    # The clause hangs on another noun than the event's: its day is the launch's.
    event = only_event(read(runtime, "Fighting near Beni is part of an offensive that the army "
                                     "launched on Friday.", lang="en"))
    assert event.evidence["event_date"].basis == "published"


def test_a_day_after_de_is_no_actor(runtime):
    text = ("Le JNIM a revendiqué l'attaque de vendredi contre un camp militaire à Djibo, qui a "
            "tué huit soldats.")
    event = only_event(read(runtime, text, lang="fr"))
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Armed clash", "JNIM: Group for Support of Islam and Muslims",
        "Military Forces of Burkina Faso")


@pytest.mark.parametrize(("text", "lang"), [
    ("Au Niger, une embuscade a fait deux morts parmi les gendarmes vendredi près de Tahoua.",
     "fr"),
    ("In Niger, an ambush near Tahoua on Friday killed two among the troops.", "en"),
])
def test_the_group_a_toll_is_counted_among_was_hit(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert event.sub_event_type == "Armed clash"
    assert event.actor1 == "Unidentified Armed Group (Niger)"
    assert event.actor2 is not None and "Niger" in event.actor2


@pytest.mark.parametrize(("text", "lang"), [
    ("Houthi rebels fired a missile at a cargo ship off Hodeidah on Friday.", "en"),
    ("Les rebelles houthis ont tiré vendredi un missile sur un cargo au large de Hodeïda.",
     "fr"),
])
def test_off_a_town_is_at_sea_near_it(runtime, text, lang):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.country, event.location, event.geo_precision) == ("Yemen", "Al Hudaydah", 2)
    assert event.actor1 == "Houthi Movement"
