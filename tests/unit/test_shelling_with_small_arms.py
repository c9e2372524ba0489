"""Shelling an armed side with small arms is an armed clash, as ACLED codes it
(taxonomy.yaml `with_small_arms`, roles.yaml `small_arms`; each sentence written for these
tests). Fire on villages, and machine guns alone, leave it shelling."""

from __future__ import annotations

import pytest
from test_extract import only_event, read  # the same helpers, one definition


@pytest.mark.parametrize(("text", "lang"), [
    ("On Monday, separatist fighters fired mortars and small arms on a Ukrainian army outpost "
     "near Horlivka.", "en"),
    ("Lundi, les rebelles du M23 ont bombardé au mortier et aux armes légères les positions de "
     "l'armée congolaise près de Sake.", "fr"),
])
def test_shelling_with_small_arms_at_an_armed_side_is_a_clash(runtime, text, lang):
    assert only_event(read(runtime, text, lang=lang)).sub_event_type == "Armed clash"


@pytest.mark.parametrize("text", [
    "On Monday, Houthi fighters fired mortars and small arms on farms near Hays.",
    "On Monday, separatist fighters fired mortars and heavy machine guns on a Ukrainian army "
    "outpost near Horlivka.",
])
def test_fire_on_villages_or_with_machine_guns_alone_stays_shelling(runtime, text):
    assert only_event(read(runtime, text, lang="en")).sub_event_type == (
        "Shelling/artillery/missile attack")
