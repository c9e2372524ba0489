"""The unnamed armed men of an event whose paragraph speaks of organised crime are ACLED's
unidentified gang (each sentence written for these tests): roles.yaml `organised_crime` names the
words of gangs, drug trafficking and extortion, taxonomy.yaml `crime_perpetrator` the actor; the
words are the actor's evidence. Elsewhere, unnamed armed men stay an unidentified armed group
(and so do those a paragraph of background calls gangs: the golden article
en-passive-agent-malumfashi).
"""

from __future__ import annotations

import pytest
from test_extract import only_event, read  # the same helpers, one definition


@pytest.mark.parametrize(("text", "lang", "gang"), [
    ("On Monday, in Culiacan, armed men killed two brothers outside their home. Police said "
     "the killing was linked to a dispute between drug trafficking groups.", "en",
     "Unidentified Gang (Mexico)"),
    ("Lundi, à Marseille, deux hommes ont été abattus par des individus armés sur fond de "
     "trafic de drogue.", "fr", "Unidentified Gang (France)"),
])
def test_unnamed_armed_men_of_a_story_of_organised_crime_are_a_gang(runtime, text, lang, gang):
    event = only_event(read(runtime, text, lang=lang))
    assert (event.actor1, event.inter1, event.fatalities.best) == (gang, 3, 2)
    assert event.evidence["actor1"].spans[0].text.lower() in {"drug trafficking",
                                                               "trafic de drogue"}


def test_unnamed_armed_men_elsewhere_stay_an_unidentified_armed_group(runtime):
    event = only_event(read(runtime, "On Monday, in Kano, gunmen shot dead two traders.",
                            lang="en"))
    assert event.actor1 == "Unidentified Armed Group (Nigeria)"
