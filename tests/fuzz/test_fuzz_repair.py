"""Repair and offset mapping on any text: every position of the repaired text maps back
inside the original, in order, and each logged repair quotes the original it changed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from veille.document import Document
from veille.model import Article
from veille.repair.stage import repair_characters, repair_words

# Text with what repairs act on: mojibake, typographic apostrophes, glued words and dashes,
# doubled letters, line breaks, and any Unicode at all.
PIECES = st.sampled_from(["Ã©", "â€™", "’", "Alepdans", "ville.Les", " -allié de Damas- ",
                          "unn", "\n", "\n\n", " ", "à", "tués", "\u00a0", "\u202f", "’’", "-"])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=30).map("".join)


@given(TEXTS)
def test_repaired_spans_map_back_into_the_original(runtime, text):
    article = Article(id="fuzz", text=text, lang="fr")
    doc = repair_words(repair_characters(Document.from_article(article)), runtime.words("fr"))
    original = article.text
    previous = 0
    for start in range(0, len(doc.text) + 1):
        o_start, o_end = doc.chain.to_original(start, min(start + 1, len(doc.text)))
        assert 0 <= o_start <= o_end <= len(original)
        assert o_start >= previous  # in order
        previous = o_start
    for repair in doc.repairs:  # each repair names the original words it changed
        assert original[repair.start:repair.end] == repair.original
