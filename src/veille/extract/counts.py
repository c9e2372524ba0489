"""Counts stage: numbers of dead or injured (`au moins 12 morts`), with low/best/high.

A number is a count only when a word for dead or injured stands near it or is linked to it
by the parse (`Trois civils, dont deux enfants, ont été tués`). ACLED's conventions come from
the language's casualties.yaml: `au moins N` gives N, a range its lower bound (the upper one
as `high`), vague words their set values. Ages and measures (`64 ans`, `3 km`) and numbers in
dates are not counts. A count in a background sentence is kept only as a running total (`depuis
2015`, `in 2024`); so is a whole conflict's toll (`the conflict has killed 40,000`).
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc
from text_to_num import text2num

from ..document import DATE_KINDS, Document, Mention
from ..phrases import cached_words_regex
from ..resources import Lexicon
from .background import is_background_at
from .tokens import PEOPLE_LABEL, token_range

_QUALIFIER_GAP = 2  # tokens between "au moins" and its number
_BEFORE = 4  # "tuant 12 personnes": a killed word up to this many tokens before the number
_TOLL_BEFORE = 8  # "the death toll in Gaza has risen to 62,064"


def find_counts(doc: Document, lexicon: Lexicon, window: int,
                maximum: int = 1_000_000) -> Document:
    """Add `count` mentions: each number, range or vague quantity that counts dead or injured.
    A number above `maximum` (`[events] max_casualties`) is no count: a century's war dead, a
    typo or a phone number, not a report to record."""
    parsed = doc.doc
    words = [w for w in doc.of_kind("casualty_word") if not w.data.get("topic")]
    counts = []
    starts = {w.lower() for w in lexicon.casualties.period_starts}
    months = {m.lower() for m in lexicon.dates.months}
    rarity = cached_words_regex(tuple(lexicon.casualties.rarity))
    # Trigger nouns that are no people ("deux attaques", not "deux manifestants", "2 bodies").
    people = {i for a in [*doc.of_kind("actor"), *words] for i in range(*token_range(parsed, a))}
    triggers = {i for t in doc.of_kind("trigger")
                for i in range(*token_range(parsed, t))} - people
    crowds = {i for t in doc.of_kind("trigger") if t.label.startswith(("protests.", "riots."))
              for i in range(*token_range(parsed, t))}
    ages = _ages_pattern(tuple(lexicon.casualties.ages))
    conflicts = {w.lower() for w in lexicon.casualties.conflict_nouns}
    tolls = {w.lower() for w in lexicon.casualties.tolls}
    for quantity, values in _quantities(doc, lexicon):
        q_start, q_end = token_range(parsed, quantity)
        if ages is not None and ages.match(doc.text, quantity.end):
            continue  # "a 12-year-old boy": an age
        if _in_a_name(parsed, q_start):
            continue  # "le quartier de Delmas 30", "Route 66": part of a name
        outcome_word = _outcome(parsed, quantity, q_start, q_end, words, window, crowds)
        if (outcome_word is None or _counts_killers(parsed, q_start, outcome_word, words)
                or _counts_events(parsed, q_start, triggers)):
            continue
        if quantity.data.get("linked_only") and not _linked(
                parsed, q_start, parsed[slice(*token_range(parsed, outcome_word))].root.i):
            continue
        low, best, high = values or _qualified(quantity, q_start, parsed, words)
        if any(v is not None and v > maximum for v in (low, best, high)):
            continue
        since = [w for w in words if w.label == "since" and w.sent == quantity.sent
                 and not _after_rarity(doc, w, rarity)]
        cumulative = (
            any(w.label == "cumulative" and w.sent == quantity.sent for w in words)
            or (any(w.label == "total" and w.sent == quantity.sent for w in words)
                and not names_a_day(doc, quantity.sent))
            or any(_since_date(doc, w, months) or _since_start(doc, w, starts) for w in since)
            or _of_conflict(doc, outcome_word, conflicts, tolls))
        if is_background_at(doc, quantity):
            # The past gives no event's toll; what it keeps is a total over a period
            # ("Depuis 2015, les violences ont fait plus de 26 000 morts"). In the past,
            # "since" starts a period whatever follows it.
            if not (cumulative or since or _year_total(doc, quantity.sent)):
                continue
            cumulative = True
        counts.append(Mention(
            "count", "killed" if outcome_word.label == "toll" else outcome_word.label,
            quantity.start, quantity.end, quantity.sent,
            {"low": low, "best": best, "high": high, "cumulative": cumulative,
             "outcome_word": outcome_word},
        ))
    counts += _sums(parsed, counts, maximum)
    for total in counts:
        region = breakdown_region(doc, total)
        for count in counts if region else ():
            if count is not total and region[0] <= count.start < region[1]:
                count.data["in_breakdown"] = True
    doc.mentions = sorted(doc.mentions + counts, key=lambda m: (m.start, m.end))
    return doc


def coordinated_nouns(number) -> list:
    """The nouns coordinated with the noun a number or article counts ("six militaires et
    trois rebelles", "a boy and two women"), that noun first; [] when it counts no noun."""
    noun = number.head
    if noun.i == number.i or number.dep_ not in ("nummod", "det"):
        return []
    while noun.dep_ == "conj" and noun.head != noun:
        noun = noun.head
    nouns = [noun, *(t for t in noun.subtree if t.dep_ == "conj" and t.head.i == noun.i)]
    # The tagger often hangs both subjects of "Sept soldats et quatre rebelles ont été tués"
    # on the verb: nouns of the same link to the same word are coordinated too.
    nouns += [t for t in noun.head.children if t.dep_ == noun.dep_ and t.i != noun.i
              and t.head.i != t.i and noun.dep_ != "conj"]
    return nouns


def _sums(parsed: Doc, counts: list[Mention], maximum: int) -> list[Mention]:
    """One count for the exact counts of coordinated nouns of one outcome ("a boy and two women
    were killed": 3; "sept soldats et six assaillants ont été tués": 13): ACLED records an
    event's dead on all sides together. The counts it sums are its breakdown (`shares`), no
    toll of their own. A sum above `maximum` is no count, as a number above it is not."""
    exact = [c for c in counts if not c.data["cumulative"] and c.data["best"] is not None
             and c.data["low"] == c.data["best"] == c.data["high"]]
    sums, taken = [], set()
    for count in exact:
        if id(count) in taken:
            continue
        nouns = {t.i for t in coordinated_nouns(parsed[token_range(parsed, count)[0]])}
        group = [c for c in exact if c.sent == count.sent and c.label == count.label
                 and parsed[token_range(parsed, c)[0]].head.i in nouns
                 and parsed[token_range(parsed, c)[0]].dep_ in ("nummod", "det")]
        if len(group) < 2 or count not in group:
            continue
        group.sort(key=lambda c: c.start)
        total = sum(c.data["best"] for c in group)
        if total > maximum:
            continue
        for c in group:
            taken.add(id(c))
            c.data["in_breakdown"] = True
        sums.append(Mention("count", count.label, group[0].start, group[-1].end, count.sent,
                            {**group[0].data, "low": total, "best": total, "high": total,
                             "in_breakdown": False, "shares": group}))
    return sums


def _quantities(doc: Document, lexicon: Lexicon):
    """(mention, (low, best, high) or None) for every candidate quantity of the text."""
    parsed = doc.doc
    skip = [m for m in doc.mentions if m.kind in ("date", "month", "background")]
    vague = [w for w in doc.of_kind("casualty_word") if w.label == "vague"]
    ranges = list(_ranges(doc, lexicon))
    skip += vague + [r for r, _ in ranges]
    units = {u.lower() for u in lexicon.casualties.units}
    persons = {p.lower() for p in lexicon.casualties.persons}
    ones = {w.lower() for w in lexicon.casualties.articles_of_one}
    yield from ranges
    for word in vague:
        text = doc.text[word.start:word.end].lower()
        value = next((v for p, v in lexicon.casualties.vague.items() if p.lower() == text), None)
        yield word, (value.low, value.best, value.high) if value else (None, None, None)
    skipped = {i for s in skip for i in range(s.start, s.end)}
    for number in doc.of_kind("number"):
        if number.start in skipped:
            continue
        if is_quantity(parsed, number, units, persons):
            yield number, None
    numbered = {n.start for n in doc.of_kind("number")}
    # "une femme a été tuée", "killed a civilian": an article before a person counts one
    for token in parsed:
        if (token.pos_ == "DET" and token.idx not in numbered and token.i + 1 < len(parsed)
                and person_after(parsed, token.i, persons)
                and (token.lower_ in ones or _is_one(token.lower_, doc.lang))):
            # An article that is no number word counts only what the parse ties to the
            # killed word ("killed a civilian", not "..., an officer said").
            yield Mention("number", "1", token.idx, token.idx + len(token),
                          _sentence_of(parsed, token),
                          {"value": 1, "linked_only": token.lower_ in ones}), None


# How many words before `since` a word of rarity reaches ("the deadliest attack in the region
# since").
_RARITY_REACH = 6


def _after_rarity(doc: Document, since: Mention, rarity: re.Pattern[str] | None) -> bool:
    """`the deadliest attack since January`, `l'attaque la plus meurtrière depuis 2019`, `the
    first strike since the truce`: `since` measures how rare the event is and starts no
    running total's period. Words of rarity are casualties.yaml `rarity`; the tagger's
    superlatives (`JJS`, `RBS`) count too."""
    start, _ = token_range(doc.doc, since)
    sentence = doc.doc[start].sent
    before = doc.doc[max(sentence.start, start - _RARITY_REACH):start]
    if any(t.tag_ in ("JJS", "RBS") for t in before):
        return True
    return rarity is not None and bool(len(before)) and rarity.search(
        doc.text, before.start_char, since.start) is not None


def _since_date(doc: Document, since: Mention, months: set[str]) -> bool:
    """`depuis lundi`, `depuis le 3 octobre`, `since 2009`: a date or a year right after
    `since` starts a period, and so does a month named alone (`depuis janvier`, `since early
    January`, `depuis la mi-mars`: one of the next two words, `months` in lower case)."""
    dates = [m for m in doc.mentions if m.kind in DATE_KINDS]
    years = [m for m in doc.of_kind("background", since.sent) if m.start == since.start]
    after = [w.strip(",.;:").lower().removeprefix("mi-")
             for w in doc.text[since.end:since.end + 40].split()[:2]]
    return (bool(years) or any(0 <= m.start - since.end <= 4 for m in dates)
            or any(w in months for w in after))


def _of_conflict(doc: Document, word: Mention, conflicts: set[str], tolls: set[str]) -> bool:
    """`The conflict has killed more than 40,000 people`, `les violences ont fait 26 000
    morts`: a toll whose subject is a whole conflict (not `des violences`, one incident),
    with no day named, is a running total."""
    if not conflicts:
        return False
    day = bool(doc.of_kind("weekday", word.sent) or doc.of_kind("relative_day", word.sent))
    token = doc.doc[token_range(doc.doc, word)[0]]
    for verb in (token, token.head):
        for subject in verb.children:
            if not subject.dep_.startswith("nsubj"):
                continue
            if not day and _names(subject, conflicts):
                return True
            # "le bilan de la guerre s'est alourdi à 46 584 morts, a annoncé mardi": the war's
            # toll, whatever day it was told
            if subject.lemma_.lower() in tolls and any(
                    c.dep_ in _OF and _names(c, conflicts) for c in subject.children):
                return True
    return False


_OF = ("nmod", "poss", "nmod:poss")  # "le bilan de la guerre", "the war's toll"


def _names(noun, conflicts: set[str]) -> bool:
    """Whether a noun is a whole conflict ("la guerre"; not "des violences", one incident)."""
    return bool(conflicts & {noun.lemma_.lower(), noun.lower_}) and not _indefinite(noun)


def _indefinite(noun) -> bool:
    return any(c.dep_ == "det" and "Definite=Ind" in c.morph for c in noun.children)


def names_a_day(doc: Document, sent: int) -> bool:
    """Whether a sentence names one day: a weekday, a relative day ("hier") or a date with its
    day number ("le 12 mars"), not a month or a span ("entre janvier et juin")."""
    return any(m.kind in ("weekday", "relative_day")
               or (m.kind == "date" and any(c.isdigit() for c in doc.text[m.start:m.end]))
               for m in doc.in_sentence(sent))


def _year_total(doc: Document, sent: int) -> bool:
    """`more than 60 people were killed during protests in 2024`: a toll given for a whole
    past year, with no single incident (a trigger noun in the singular) named, is a total."""
    years = [m for m in doc.of_kind("background", sent)
             if len(m.data) == 1 and len(doc.text[m.start:m.end].split()) == 2]
    if not years:
        return False
    for trigger in doc.of_kind("trigger", sent):
        span = doc.doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
        if span is not None and any(t.pos_ == "NOUN" and "Number=Sing" in t.morph
                                    for t in span):
            return False
    return True


def _since_start(doc: Document, since: Mention, starts: set[str]) -> bool:
    """`since the coalition's strikes began`, `depuis que la guerre a éclaté`: a verb of
    beginning soon after `since` starts a period too."""
    span = doc.doc.char_span(since.start, since.end, alignment_mode="expand")
    if span is None:
        return False
    following = doc.doc[span.end:span.end + 8]
    return any(t.lower_ in starts or t.lemma_.lower() in starts for t in following)


def is_quantity(parsed: Doc, number: Mention, units: set[str], persons: set[str]) -> bool:
    """Whether a number counts something: not an age or a measure (`64 ans`, `3 km`), and for
    `un`/`une` only before a word for a person."""
    following = _next_words(parsed, number)
    if (following[:1] and following[0] in units) or " ".join(following[:2]) in units:
        return False
    if _names_follow(parsed, number) and not (set(following[1:]) & persons
                                              or set(_next_lemmas(parsed, number)) & persons):
        return False  # "le gang 400 Mawozo", "the 5 Segonn gang": part of a name
    return not (number.data.get("one_word") and not (
        following and (following[0] in persons or " ".join(following[:2]) in persons)))


def _names_follow(parsed: Doc, number: Mention) -> bool:
    """Whether a capitalised word follows a number written in digits mid-sentence: a name
    (`400 Mawozo`), not a count; a plural one names people (`25 Palestinians`), and so does
    a people, a faith or a party as the NER reads it (`3 Malay Muslim suspects`)."""
    span = parsed.char_span(number.start, number.end, alignment_mode="expand")
    if span is None or span.end >= len(parsed) or not span.text[:1].isdigit():
        return False
    after = parsed[span.end]
    return (after.is_title and after.is_alpha and not after.is_sent_start
            and after.pos_ == "PROPN" and after.morph.get("Number") != ["Plur"]
            and after.ent_type_ != PEOPLE_LABEL)


def _is_one(word: str, lang: str | None) -> bool:
    try:
        return text2num(word, lang or "") == 1
    except (ValueError, KeyError, TypeError):
        return False


def person_after(tokens: Doc, i: int, persons: set[str]) -> bool:
    """Whether a word (or two: `police officer`) for a person follows token `i`, across
    one adjective the tagger marks (`a third occupant`)."""
    one = tokens[i + 1].lower_ if i + 1 < len(tokens) else ""
    two = f"{one} {tokens[i + 2].lower_}" if i + 2 < len(tokens) else ""
    if one in persons or two in persons:
        return True
    # An adjective or a noun that qualifies the person (`a third occupant`, `an army ranger`)
    return (i + 2 < len(tokens) and tokens[i + 2].lower_ in persons
            and (tokens[i + 1].pos_ == "ADJ"
                 or (tokens[i + 1].dep_ == "compound" and tokens[i + 1].head == tokens[i + 2])))


def _sentence_of(parsed: Doc, token) -> int:
    return next(i for i, sent in enumerate(parsed.sents) if sent.start <= token.i < sent.end)


def _next_lemmas(parsed: Doc, mention: Mention) -> list[str]:
    """The lemmas of the two words after a mention ("3 Taliban militants": `militant`)."""
    _, end = token_range(parsed, mention)
    return [t.lemma_.lower() for t in parsed[end:end + 2]]


def _next_words(parsed: Doc, mention: Mention) -> list[str]:
    _, end = token_range(parsed, mention)
    return [t.lower_ for t in parsed[end:end + 2]]


def _ranges(doc: Document, lexicon: Lexicon):
    """`entre 10 et 15`: one quantity, low and best the lower bound, high the upper one."""
    numbers = {n.start: n for n in doc.of_kind("number")}
    for template in lexicon.casualties.ranges:
        pattern = re.escape(template).replace(r"\{low\}", r"(\S+)").replace(r"\{high\}", r"(\S+)")
        for match in re.finditer(r"(?<![^\W_])" + pattern + r"(?![^\W_])", doc.text,
                                 re.IGNORECASE):
            low = numbers.get(match.start(1))
            high = numbers.get(match.start(2))
            if low is None or high is None:
                continue
            # "entre 15 et 10" is the same range; "entre 12 et 12" is 12: one quantity either
            # way, never two numbers to add up.
            a, b = sorted((low.data["value"], high.data["value"]))
            mention = Mention("range", match.group(), match.start(), match.end(), low.sent)
            yield mention, (a, a, b)


def _outcome(parsed: Doc, quantity: Mention, q_start: int, q_end: int, words: list[Mention],
             window: int, crowds: set[int]) -> Mention | None:
    noun = _counted_noun(parsed, q_start)
    for word in words:  # "10 sustained injuries", "3 dead": the noun it counts says what
        if word.label in ("killed", "injured") and word.sent == quantity.sent:
            w_start, w_end = token_range(parsed, word)
            if w_start <= noun.i < w_end and noun.i >= q_end:
                return word
    best, best_gap = None, None
    for word in words:
        if word.label not in ("killed", "injured", "toll") or word.sent != quantity.sent:
            continue
        w_start, w_end = token_range(parsed, word)
        if word.label != "toll" and _argument_of(parsed, q_start, parsed[w_start:w_end].root):
            return word  # "killing at least 12 villagers and injuring several others"
        if word.label == "toll":  # "the death toll in Gaza has risen to 62,064"
            if w_end <= q_start and q_start - w_end < _TOLL_BEFORE and best is None:
                best, best_gap = word, _TOLL_BEFORE  # any killed or injured word wins
            continue
        if w_start >= q_end:
            gap = w_start - q_end
            if gap > window // 2 and not _linked(parsed, q_start, w_start):
                continue
            if _crowd_size(parsed, q_start, q_end, w_start, w_end, crowds):
                continue
        elif w_end <= q_start:
            gap = q_start - w_end + 1  # on a tie, the word after the number wins
            if gap > _BEFORE or _subject_elsewhere(parsed, q_start, q_end, w_start, w_end):
                continue
        else:
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = word, gap
    return best


@functools.lru_cache(maxsize=8)
def _ages_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"[\s-]*(?:{alternatives})(?![^\W_])", re.IGNORECASE)


def _in_a_name(parsed: Doc, q_start: int) -> bool:
    """Whether a number in digits ends a capitalised name ("Delmas 30", "Route 66")."""
    number, before = parsed[q_start], parsed[q_start - 1] if q_start else None
    return (before is not None and number.text.isdigit() and before.is_title
            and not before.is_sent_start and before.whitespace_ != "")


def _counts_events(parsed: Doc, q_start: int, triggers: set[int]) -> bool:
    """`blessés lors de deux attaques`, `a largué deux missiles`: a number that counts the
    trigger noun it qualifies counts events or weapons, not people."""
    number = parsed[q_start]
    return number.dep_ == "nummod" and number.head.i in triggers


def _counts_killers(parsed: Doc, q_start: int, word: Mention, words: list[Mention]) -> bool:
    """`3 assailants killed a journalist`: a number whose noun is the active subject of a
    verb of killing with an object counts who killed, not who died (`311 personnes sont
    mortes` has no object: they died; nor has `five died and 10 sustained injuries`, whose
    `injuries` the tagger may hang on `died`: a casualty word is no victim)."""
    number = parsed[q_start]
    noun = number.head if number.dep_ == "nummod" else number
    verb = parsed[token_range(parsed, word)[0]]
    hurt = {i for w in words if w.label in ("killed", "injured")
            for i in range(*token_range(parsed, w))}
    return (noun.dep_ in ("nsubj", "csubj") and noun.head == verb and verb.pos_ == "VERB"
            and any(c.dep_ in ("obj", "dobj") and c.pos_ in ("NOUN", "PROPN", "PRON")
                    and c.i not in hurt for c in verb.children))


# A number's noun in one of these roles of a killed or injured verb is that verb's count.
_ARGUMENTS = {"obj", "dobj", "nsubj", "nsubj:pass", "nsubjpass"}
_SUBJECTS = {"nsubj", "nsubj:pass", "nsubjpass"}
_OTHERS = {"autres", "others", "more"}  # "et deux autres ont été blessés", "two others were"


def _counted_noun(parsed: Doc, q_start: int):
    """The noun a number counts ("12 villagers": villagers), else the number itself."""
    number = parsed[q_start]
    return number.head if number.dep_ in ("nummod", "det") else number


def _argument_of(parsed: Doc, q_start: int, verb) -> bool:
    """Whether the number's noun is the subject or object of the killed or injured verb
    (`killing at least 12 villagers and injuring several others`, `25 civils ont perdu la vie
    et 47 autres ont été blessés`): that verb's count, whatever word stands nearer."""
    noun = _counted_noun(parsed, q_start)
    return noun == verb or (noun.dep_ in _ARGUMENTS and noun.head == verb)


def _subject_elsewhere(parsed: Doc, q_start: int, q_end: int, w_start: int, w_end: int) -> bool:
    """Whether the number's noun is the subject of a verb of its own, not the killed or
    injured word before it ("Douze gendarmes ont été tués et quatre sont portés disparus": the
    four are missing). The number's own tokens ("346 912") are never that verb."""
    noun = _counted_noun(parsed, q_start)
    head = noun.head
    if (noun.dep_ in _SUBJECTS and head.pos_ in ("VERB", "AUX")
            and not q_start <= head.i < q_end):
        return not w_start <= head.i < w_end
    # The parser often misses a bare number's role ("et deux ont été blessés"): a verb right
    # after it, past "autres", "others", has it for subject.
    after = q_end
    while after < len(parsed) and parsed[after].lower_ in _OTHERS:
        after += 1
    return (q_start <= noun.i < q_end and after < len(parsed)
            and parsed[after].pos_ in ("AUX", "VERB") and not parsed[after].is_sent_start)


def _crowd_size(parsed: Doc, q_start: int, q_end: int, w_start: int, w_end: int,
                crowds: set[int]) -> bool:
    """Whether the number counts a crowd: its noun is the subject of a protest or riot
    (`crowds`, the triggers' tokens; "held a protest": the verb of one) that governs the
    killed or injured word after it, other than as a coordinated verb ("hundreds of traders
    protested against the killing of a vendor": a crowd's size is no toll)."""
    noun = _counted_noun(parsed, q_start)
    head = noun.head
    if (noun.dep_ not in _SUBJECTS or head.pos_ not in ("VERB", "AUX")
            or q_start <= head.i < q_end or w_start <= head.i < w_end
            or not (head.i in crowds or any(c.i in crowds for c in head.children))):
        return False
    token = parsed[w_start:w_end].root
    for _ in range(10):
        if token.i == head.i:
            return True
        if token.dep_ == "conj" or token.head.i == token.i:
            return False
        token = token.head
    return False


def _linked(parsed: Doc, q_start: int, w_start: int) -> bool:
    """Whether the parse ties the number's noun to the killed word (`Trois civils, dont deux
    enfants, ont été tués`: `civils` is the subject of `tués`)."""
    noun = _counted_noun(parsed, q_start)
    word = parsed[w_start]
    # "shot dead a shopkeeper": the person and "dead" both complete the verb
    return (noun.head == word or word.head == noun
            or (noun.head == word.head and word.dep_ in ("acomp", "oprd", "xcomp", "advmod")))


def _qualified(quantity: Mention, q_start: int, parsed: Doc,
               words: list[Mention]) -> tuple[int | None, int | None, int | None]:
    n = int(quantity.data["value"])
    for word in words:
        if word.sent != quantity.sent or word.label not in ("at_least", "at_most", "about"):
            continue
        _, w_end = token_range(parsed, word)
        if 0 <= q_start - w_end <= _QUALIFIER_GAP:
            if word.label == "at_least":
                return n, n, None  # ACLED codes "at least N" as N; N is also the floor
            if word.label == "at_most":
                return None, None, n
            return None, n, None
    return n, n, n


def breakdown_region(doc: Document, total: Mention) -> tuple[int, int] | None:
    """Where a total's breakdown stands: from a breakdown marker (`parmi eux`, `dont`) in the
    total's sentence or the next, to the end of that paragraph (machine translation often cuts
    a breakdown into sentences at its semicolons). A marker opens a breakdown only when a
    number follows it closely, before any noun: the relative `dont` of "la mission, dont les effectifs restent
    inférieurs aux 2 500 hommes prévus" splits nothing."""
    markers = [w for w in doc.of_kind("casualty_word") if w.label == "breakdown"
               and total.sent <= w.sent <= total.sent + 1 and w.start > total.end
               and _number_soon_after(doc, w)]
    if not markers:
        return None
    end = doc.text.find("\n", markers[0].end)
    return markers[0].end, len(doc.text) if end < 0 else end


_MARKER_TO_NUMBER = 6  # "Parmi les victimes figurent au moins 12 enfants"


def _number_soon_after(doc: Document, marker: Mention) -> bool:
    _, end = token_range(doc.doc, marker)
    vague = {token_range(doc.doc, w)[0] for w in doc.of_kind("casualty_word", marker.sent)
             if w.label == "vague"}
    for i, token in enumerate(doc.doc[end:end + _MARKER_TO_NUMBER], start=end):
        if i in vague or token.like_num or token.pos_ == "NUM" or token.lower_ in _ONE:
            return True
        # "dont les effectifs ...": a noun of its own before any number (in a sentence the
        # first pass left untagged, any content word)
        if token.pos_ in ("NOUN", "PROPN") or (not token.pos_ and token.is_alpha
                                                and not token.is_stop):
            return False
    return False


_ONE = {"un", "une", "a", "an", "one"}  # "dont une femme", "including a child"
