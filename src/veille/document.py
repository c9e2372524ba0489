"""The `Document`: the one typed record every pipeline stage reads and writes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .model import Article, CasualtyReport, Event, Evidence, Repair, Span
from .repair.offsets import RepairChain

# Mention kinds that name a day ("le 12 mars", "mardi", "hier"), and those that date something,
# the day's week or month too ("last week", "en novembre").
DAY_KINDS = ("date", "weekday", "relative_day")
DATE_KINDS = (*DAY_KINDS, "week", "month")

if TYPE_CHECKING:
    from .extract.attribution import Attribution
    from .extract.first_pass import Selection


@dataclass(slots=True)
class Mention:
    """A typed span of the *repaired* text found by the mentions stage.

    kind: trigger | actor | attribution | place | country | date | week | month | number |
    casualty_word | background. `label` is what it names (a taxonomy key, a canonical actor, a place id ...).
    """

    kind: str
    label: str
    start: int
    end: int
    sent: int
    data: dict[str, Any] = field(default_factory=dict)

    def name(self, text: str) -> str:
        """The name this mention spells in `text`: its span, less a word for the kind of area
        the span ends with (`Benue` of `Benue State`, kept in `data["name"]`)."""
        return self.data.get("name") or text[self.start:self.end]


@dataclass(slots=True)
class Candidate:
    """An event before resolution: a trigger and the mentions attached to it."""

    trigger: Mention
    actor1: Mention | None = None
    assoc_actor1: list[Mention] = field(default_factory=list)
    actor2: Mention | None = None
    assoc_actor2: list[Mention] = field(default_factory=list)
    # How each role was read: a construction of the parse (subject, agent, target, ...) or
    # "position" (word order, the last resort).
    actor1_basis: str = "position"
    actor2_basis: str = "position"
    place: Mention | None = None
    place_basis: str = "text"
    # Other places of the sentence that gave `place` (none when it came from an earlier one),
    # best first, for when `place` cannot be resolved.
    other_places: list[Mention] = field(default_factory=list)
    # A town the trigger's sentence names but the gazetteer lacks, when `place` came from an
    # earlier sentence: the event happened near that place, not at it.
    unknown_place: Mention | None = None
    sub_location: Mention | None = None
    date: Mention | None = None
    date_basis: str = "text"  # "context": the date of an earlier sentence of the paragraph
    fatalities: Mention | None = None
    attribution: Attribution | None = None


@dataclass(slots=True)
class Document:
    """An article on its way through the pipeline. `text` is the repaired text; offsets of
    mentions are into it, and `chain` maps them back to `article.text`."""

    article: Article
    text: str
    chain: RepairChain = field(default_factory=RepairChain)
    repairs: list[Repair] = field(default_factory=list)
    lang: str | None = None
    doc: Any = None  # spacy.tokens.Doc: tokens only after the first pass, parsed after parse
    # What the first pass chose to parse (None: every sentence).
    selection: Selection | None = None
    mentions: list[Mention] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    casualty_reports: list[CasualtyReport] = field(default_factory=list)
    # Actor label -> its side (lead first), from actors the text joins ("X et d'autres Y").
    allies: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # `mentions` indexed by sentence and by kind (see `_index`); not part of the record.
    _indexed: list[Mention] | None = field(default=None, repr=False, compare=False)
    _indexed_len: int = field(default=0, repr=False, compare=False)
    _by_sent: dict[int, list[Mention]] = field(default_factory=dict, repr=False, compare=False)
    _by_kind: dict[str, list[Mention]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def nothing_to_read(self) -> bool:
        """Whether the first pass found no sentence that can hold an event or a toll."""
        return self.selection is not None and not self.selection.spans

    @classmethod
    def from_article(cls, article: Article) -> Document:
        return cls(article=article, text=article.text, lang=article.lang)

    def span(self, start: int, end: int) -> Span:
        """A span of the repaired text, as a `Span` of the original text."""
        o_start, o_end = self.chain.to_original(start, end)
        return Span(start=o_start, end=o_end, text=self.article.text[o_start:o_end])

    def evidence(self, *mentions: Mention | None, basis: str = "text") -> Evidence:
        """Evidence made of the mentions' spans (None entries are skipped)."""
        spans = [self.span(m.start, m.end) for m in mentions if m is not None]
        return Evidence(article_id=self.article.id, spans=spans, basis=basis)

    def of_kind(self, kind: str, sent: int | None = None) -> list[Mention]:
        """Mentions of one kind, in text order, optionally only in one sentence."""
        if sent is None:
            return self._index()[1].get(kind, [])
        return [m for m in self.in_sentence(sent) if m.kind == kind]

    def in_sentence(self, sent: int) -> list[Mention]:
        """Mentions of one sentence, in text order."""
        return self._index()[0].get(sent, [])

    def _index(self) -> tuple[dict[int, list[Mention]], dict[str, list[Mention]]]:
        """The mentions by sentence and by kind. Stages ask per trigger, per date, per count:
        scanning every mention for each question would make long articles quadratic. Stages
        replace `mentions` rather than change it in place; the index follows the list it was
        built from (kept referenced, so that a new list is never taken for it)."""
        if self._indexed is not self.mentions or self._indexed_len != len(self.mentions):
            by_sent: dict[int, list[Mention]] = defaultdict(list)
            by_kind: dict[str, list[Mention]] = defaultdict(list)
            for m in self.mentions:
                by_sent[m.sent].append(m)
                by_kind[m.kind].append(m)
            self._by_sent, self._by_kind = dict(by_sent), dict(by_kind)
            self._indexed, self._indexed_len = self.mentions, len(self.mentions)
        return self._by_sent, self._by_kind
