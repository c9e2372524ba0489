"""Casualty reports: every toll the text gives, with its breakdown by party.

Each count of dead or injured becomes a `CasualtyReport`; the numbers after a breakdown marker
(`Parmi eux, 183 combattants ...; 100 soldats ...`, `trois personnes, dont deux membres du
Hezbollah`) are its breakdown, not reports of their own. A cumulative toll (`au moins 311
morts depuis le début de l'offensive`) is never an event's fatalities; an event's own toll is
both its fatalities and a (non-cumulative) report.
"""

from __future__ import annotations

import hashlib

from ..document import DATE_KINDS, Document, Mention
from ..model import BreakdownItem, CasualtyReport, Fatalities
from ..resolve.dates import resolve_date
from ..resources import Lexicon
from .attribution import attributions
from .counts import breakdown_region, coordinated_nouns, is_quantity
from .tokens import token_range

_PARTY_TOKENS = 8  # a party is at most this many words after its number
SINCE_WORDS = 8  # a period's first day is at most this many words after "depuis", "since"


def build_casualty_reports(doc: Document, lexicon: Lexicon) -> Document:
    """Fill `doc.casualty_reports`: one per count that is not part of another's breakdown."""
    counts = [c for c in doc.of_kind("count") if not c.data.get("in_breakdown")]
    splits = _splits(doc, counts, lexicon)
    for count in counts:
        if any(count.start == n.start for items in splits.values() for n, _, _ in items):
            continue  # one side's share of an earlier total ("sept soldats et six insurgés")
        items = (splits.get(id(count)) or _shares(doc, count)
                 or _breakdown(doc, count, lexicon))
        doc.casualty_reports.append(_report(doc, count, items, lexicon))
    _shared_start(doc.casualty_reports)
    return doc


def _shared_start(reports: list[CasualtyReport]) -> None:
    """A running total whose sentence gives no start ("le bilan de la guerre s'est alourdi à
    46 584 morts") counts from the start the article gives its other running totals ("depuis
    le début de la guerre, le 7 octobre 2023"), when they give one and the same."""
    dated = [r for r in reports if r.cumulative and r.period_start is not None]
    if len({r.period_start for r in dated}) != 1:
        return
    for report in reports:
        if report.cumulative and report.period_start is None:
            report.period_start = dated[0].period_start
            report.evidence["period_start"] = dated[0].evidence["period_start"]


def _splits(doc: Document, counts: list[Mention],
            lexicon: Lexicon) -> dict[int, list[tuple[Mention, str, Mention]]]:
    """Totals split by side in a later sentence: "au moins 13 morts ... sept soldats et six
    insurgés ont été tués". Numbers coordinated in one phrase, of the total's outcome, that add
    up to an earlier total of the article with no breakdown of its own, are its breakdown
    (keyed by the total's id)."""
    splits: dict[int, list[tuple[Mention, str, Mention]]] = {}
    units = {u.lower() for u in lexicon.casualties.units}
    persons = {p.lower() for p in lexicon.casualties.persons}
    numbers = [n for n in doc.of_kind("number") if is_quantity(doc.doc, n, units, persons)]
    for count in counts:
        if count.data["cumulative"] or count.data["low"] != count.data["high"]:
            continue
        group = _coordinated(doc, count, numbers)
        if len(group) < 2:
            continue
        shares = sum(int(n.data["value"]) for n in group)
        total = next((t for t in reversed(counts) if t.sent < count.sent
                      and t.label == count.label and not t.data["cumulative"]
                      and shares in (t.data["best"], t.data["low"])
                      and id(t) not in splits and not _breakdown(doc, t, lexicon)), None)
        if total is not None:
            splits[id(total)] = [_party(doc, n, group) for n in group]
    return splits


def _coordinated(doc: Document, count: Mention, numbers: list[Mention]) -> list[Mention]:
    """The count and the numbers of the nouns coordinated with its noun ("six militaires et
    trois rebelles"), in text order."""
    start, _ = token_range(doc.doc, count)
    nouns = coordinated_nouns(doc.doc[start])
    if not nouns:
        return [count]
    found = [n for n in numbers if n.sent == count.sent
             and doc.doc[token_range(doc.doc, n)[0]].head in nouns
             and doc.doc[token_range(doc.doc, n)[0]].dep_ == "nummod"]
    return sorted(found, key=lambda n: n.start) if any(n.start == count.start for n in found) \
        else [count]


def _report(doc: Document, count: Mention, items: list[tuple[Mention, str, Mention]],
            lexicon: Lexicon) -> CasualtyReport:
    total = Fatalities(low=count.data["low"], best=count.data["best"], high=count.data["high"])
    evidence = {"total": doc.evidence(count, count.data["outcome_word"])}
    period_start = None
    # The day a running total counts from follows "depuis", "since" ("depuis le début de la
    # guerre, le 7 octobre 2023"); "a annoncé mardi" dates the announcement.
    since = {w.lower() for w in lexicon.casualties.since}
    dates = [m for m in doc.in_sentence(count.sent)
             if m.kind in DATE_KINDS
             and since & set(doc.text[max(0, m.start - 20 * SINCE_WORDS):m.start]
                             .lower().split()[-SINCE_WORDS:])]
    if count.data["cumulative"] and dates:
        resolved = resolve_date(dates[0], doc.article.published, lexicon)
        if resolved:
            period_start = resolved[0]
            evidence["period_start"] = doc.evidence(dates[0])
    source = _source(doc, count, items)
    if source is not None:
        evidence["attributed_to"] = doc.evidence(source.marker, source.source)
    breakdown = [
        BreakdownItem(party=party, count=int(number.data["value"]),
                      evidence=doc.evidence(number, end))
        for number, party, end in items
    ]
    reference = total.best if total.best is not None else total.low
    sums = None
    if breakdown and reference is not None:
        sums = sum(item.count for item in breakdown) == reference
    key = f"{doc.article.id}:{count.start}:{count.end}:{count.label}"
    digest = hashlib.sha1(key.encode()).hexdigest()[:16]
    return CasualtyReport(
        report_id=digest, outcome=count.label, total=total, cumulative=count.data["cumulative"],
        period_start=period_start,
        period_end=doc.article.published if count.data["cumulative"] else None,
        breakdown=breakdown, breakdown_sums_to_total=sums,
        attributed_to=source.source_text if source else None, evidence=evidence,
    )


def _source(doc: Document, count: Mention, items: list[tuple[Mention, str, Mention]]):
    sentences = [count.sent, *sorted({number.sent for number, _, _ in items})]
    for sent in sentences:
        found = attributions(doc, sent)
        if found:
            return found[0]
    return None


def _shares(doc: Document, total: Mention) -> list[tuple[Mention, str, Mention]]:
    """The coordinated counts a total sums ("three farmers and two herders": 5)."""
    shares = total.data.get("shares") or []
    numbers = [Mention("number", str(s.data["best"]), s.start, s.end, s.sent,
                       {"value": s.data["best"]}) for s in shares]
    return [_party(doc, n, numbers) for n in numbers]


def _breakdown(doc: Document, total: Mention,
               lexicon: Lexicon) -> list[tuple[Mention, str, Mention]]:
    """Numbers after a breakdown marker that follows the total."""
    region = breakdown_region(doc, total)
    if region is None:
        return []
    start, end = region
    units = {u.lower() for u in lexicon.casualties.units}
    persons = {p.lower() for p in lexicon.casualties.persons}
    numbers = [n for n in doc.of_kind("number") if start <= n.start < end
               and is_quantity(doc.doc, n, units, persons)]
    return [_party(doc, n, numbers) for n in numbers]


def _party(doc: Document, number: Mention, numbers: list[Mention]) -> tuple[Mention, str, Mention]:
    """The words naming who the number counts: up to punctuation, a verb or the next number."""
    parsed = doc.doc
    _, end = token_range(parsed, number)
    next_starts = {token_range(parsed, n)[0] for n in numbers}
    last = end
    for token in parsed[end:end + _PARTY_TOKENS]:
        if token.is_punct or token.i in next_starts or token.pos_ in ("VERB", "AUX"):
            break
        last = token.i + 1
    while last > end and (parsed[last - 1].is_stop or parsed[last - 1].is_punct):
        last -= 1  # "combattants et" before the next number: the conjunction is not the party
    words = parsed[end:last]
    end_mention = Mention("party", words.text, words.start_char, words.end_char, number.sent)
    return number, words.text, end_mention
