"""Pins how everyday strike reports are read, in French and English, on short texts written for
these tests:

- a strike that kills, wounds or destroys is an air strike, whatever word stands before it
  ("another strike killed four", "killed in a strike on a tent camp"); a labour strike is not
  (triggers.yaml `verb_args` with `unless`: "during a general strike");
- one more event of a kind just told that names no author ("another strike", "une autre
  frappe") is by the author of the last one (roles.yaml `continuations`);
- a country's air defences are its military ("les défenses ukrainiennes", "Ukrainian air
  defences": actors.yaml `military_nouns`);
- the exact counts of coordinated nouns make one toll, the dead of all sides as ACLED records
  them ("a boy and two women": 3; "sept soldats et six assaillants": 13), their shares its
  breakdown.
"""

from __future__ import annotations

import pytest
from test_extract import only_event, read  # the same helpers, one definition


def test_a_strike_that_kills_is_an_air_strike(runtime):
    event = only_event(read(runtime, "Three people were killed in a strike on a tent camp in "
                                     "Rafah on Monday, medics said.", lang="en"))
    assert event.sub_event_type == "Air/drone strike"


@pytest.mark.parametrize("text", [
    "A man was killed during a general strike in Dhaka on Monday, police said.",
    "Workers went on a hunger strike in Lagos on Monday.",
])
def test_a_labour_strike_is_no_air_strike(runtime, text):
    report = read(runtime, text, lang="en")
    assert "Air/drone strike" not in {e.sub_event_type for e in report.events}


@pytest.mark.parametrize(("text", "lang"), [
    ("An Israeli strike on a house in Deir al-Balah killed three people on Tuesday, medics "
     "said. Another strike in Khan Younis killed four people, the health ministry said.", "en"),
    ("Une frappe israélienne a tué trois personnes mardi à Deir al-Balah. Une autre frappe a "
     "tué quatre personnes à Khan Younès, selon le ministère de la Santé.", "fr"),
])
def test_another_strike_is_by_the_author_of_the_last(runtime, text, lang):
    events = read(runtime, text, lang=lang).events
    assert [(e.actor1, e.fatalities.best) for e in events] == [
        ("Military Forces of Israel", 3), ("Military Forces of Israel", 4)]
    assert events[1].evidence["actor1"].basis == "continued"


@pytest.mark.parametrize(("text", "lang", "dead"), [
    ("An Israeli strike on a house in Rafah killed a boy and two women on Tuesday.", "en", 3),
    ("Gunmen killed three farmers and two herders in Makurdi on Monday, police said.", "en", 5),
    ("Seven soldiers and six insurgents were killed in clashes in Kidal on Monday.", "en", 13),
    ("Sept soldats et six assaillants ont été tués lundi dans des combats à Kidal.", "fr", 13),
])
def test_coordinated_counts_make_one_toll(runtime, text, lang, dead):
    report = read(runtime, text, lang=lang)
    assert only_event(report).fatalities.best == dead
    (toll,) = [r for r in report.casualty_reports if r.outcome == "killed"]
    assert toll.total.best == dead and toll.breakdown_sums_to_total
    assert len(toll.breakdown) >= 2


def test_a_killed_and_a_wounded_count_are_not_summed(runtime):
    event = only_event(read(runtime, "Gunmen killed three people and wounded two others in "
                                     "Makurdi on Monday.", lang="en"))
    assert event.fatalities.best == 3


@pytest.mark.parametrize(("text", "lang"), [
    ("Les défenses ukrainiennes ont abattu lundi trois missiles russes au-dessus de Kiev.",
     "fr"),
    ("La défense antiaérienne ukrainienne a abattu lundi trois missiles russes au-dessus de "
     "Kiev.", "fr"),
    ("Ukrainian air defences shot down ten Russian drones over Kyiv on Monday.", "en"),
])
def test_a_countrys_air_defences_are_its_military(runtime, text, lang):
    """actors.yaml `military_nouns`: air defences and a nationality are that country's
    military, the side that disrupted the weapons."""
    event = only_event(read(runtime, text, lang=lang))
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Disrupted weapons use", "Military Forces of Ukraine", "Military Forces of Russia")
