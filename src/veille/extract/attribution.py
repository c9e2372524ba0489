"""Who says so: the source a sentence attributes its claim to (`selon X`, `X a déclaré`)."""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Document, Mention
from .tokens import token_gap

_MAX_GAP = 6  # tokens between "selon" and its source, or a source and its verb
_CLAUSE_MARKS = {",", ";", ":", "«", "»", '"', "“", "”", "(", ")"}


@dataclass(frozen=True, slots=True)
class Attribution:
    """The marker (`selon`, `a déclaré`) and its source: a known actor or the words used."""

    marker: Mention
    source: Mention | None
    source_text: str


def attributions(doc: Document, sent: int) -> list[Attribution]:
    """Every attribution of one sentence, in text order."""
    found = []
    actors = doc.of_kind("actor", sent)
    for marker in doc.of_kind("attribution", sent):
        if marker.label == "preposition":
            # "selon un nouveau bilan publié mardi par l'OSDH": the body may come after the
            # document it published, further than a name would, but within the same phrase.
            after = [a for a in actors if a.start >= marker.end
                     and (0 <= token_gap(doc.doc, marker, a) <= _MAX_GAP
                          or (token_gap(doc.doc, marker, a) <= 2 * _MAX_GAP
                              and not _CLAUSE_MARKS & set(doc.text[marker.end:a.start])))]
            source = after[0] if after else None
            text = _name(doc, source) if source else _words_after(doc, marker)
        else:
            # "a précisé l'ONG", "a déclaré le porte-parole": the source may follow its verb.
            after = [a for a in actors if a.start >= marker.end
                     and 0 <= token_gap(doc.doc, marker, a) <= 2]
            # The speaker before its verb is in the verb's clause: "..., witnesses said" is
            # not said by the protesters named before the comma.
            before = [a for a in actors if a.end <= marker.start
                      and 0 <= token_gap(doc.doc, a, marker) <= _MAX_GAP
                      and not _CLAUSE_MARKS & set(doc.text[a.end:marker.start])]
            inverted = _follows_clause(doc, marker)
            source = (after[0] if after else None) if inverted else (before[-1] if before else None)
            if source is not None:
                text = _name(doc, source)
            else:
                text = _words_after(doc, marker) if inverted else _words_before(doc, marker)
        found.append(Attribution(marker, source, text.strip(" ,;:.«»\"'-")))
    return found


def speaker_tail(doc: Document, sent: int) -> int | None:
    """Where a sentence's words start to describe who spoke: at a speech verb after the clause
    it reports (`..., a déclaré à l'AFP un responsable joint par téléphone depuis Bangui`,
    `..., a police officer in Mogadishu said`). A place named there is where the source is."""
    return next((m.start for m in doc.of_kind("attribution", sent)
                 if m.label != "preposition" and _follows_clause(doc, m)), None)


def _follows_clause(doc: Document, marker: Mention) -> bool:
    """Whether a speech verb comes after the clause it reports (`..., a indiqué l'ONG`): it then
    stands after a comma or a closing quote."""
    head = doc.text[max(0, marker.start - 3):marker.start].rstrip()
    return head.endswith((",", "»", '"', "”"))


def _name(doc: Document, source: Mention) -> str:
    """A known actor's canonical name; for a generic one (`des habitants` -> `Civilians
    ({country})`), the words of the text, which say more than the template."""
    return doc.text[source.start:source.end] if "{" in source.label else source.label


def sources_in(doc: Document, sent: int) -> set[tuple[int, int]]:
    """Spans of actor mentions that are sources of a claim, not parties to an event."""
    return {(a.source.start, a.source.end) for a in attributions(doc, sent) if a.source}


def _words_after(doc: Document, marker: Mention) -> str:
    """The noun phrase after `selon` when no known actor is there (`une ONG`)."""
    parsed = doc.doc
    span = parsed.char_span(marker.start, marker.end, alignment_mode="expand")
    start = span.end
    if start < len(parsed) and parsed[start].pos_ == "ADP":
        # "a déclaré à l'AFP un responsable": whom it was said to comes first; skip it.
        after = start + 1
        while after < len(parsed) and parsed[after].pos_ == "DET":
            after += 1
        while after < len(parsed) and parsed[after].pos_ in ("PROPN", "NOUN"):
            after += 1
        if after < len(parsed) and parsed[after].pos_ == "DET":
            start = after
    words = []
    for token in parsed[start:start + _MAX_GAP]:
        if token.is_punct or token.is_sent_end:
            if token.is_sent_end and not token.is_punct:
                words.append(token.text)
            break
        words.append(token.text_with_ws)
    return "".join(words).strip()


def _words_before(doc: Document, marker: Mention) -> str:
    """The subject before `a déclaré` when no known actor is there."""
    parsed = doc.doc
    span = parsed.char_span(marker.start, marker.end, alignment_mode="expand")
    for token in span:
        if token.dep_.startswith("nsubj") or token.head.i != token.i:
            head = token.head if token.dep_ in ("aux", "aux:tense") else token
            subjects = [c for c in head.children if c.dep_.startswith("nsubj")]
            if subjects:
                return " ".join(t.text for t in subjects[0].subtree).strip()
    # No parse (a blank tokenizer): the words since the clause began, a few at most.
    start = max(span.sent.start, span.start - 2 * _MAX_GAP)
    for token in parsed[start:span.start]:
        if token.text in _CLAUSE_MARKS:
            start = token.i + 1
    return parsed[start:span.start].text.strip()
