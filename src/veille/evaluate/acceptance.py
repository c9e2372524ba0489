"""Check a report against a hand-written expectation file, field by field.

The expectation format is the one of `../shared/acceptance/*.expected.json` and of
`tests/golden/articles/*.expected.json`: `required_events` (each field given is checked),
`optional_events` (what else may be reported), `casualty_report(s)`, `repairs` and
`actor_aliases_in_text`. A field left out of an expected event is not checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Document
from ..geo import km
from ..model import CasualtyReport, Event
from ..resolve.gazetteer import normalize

KM_TOLERANCE = 5.0
_NAMES = ("location", "sub_location", "admin1", "country")
_SCALARS = ("event_type", "sub_event_type", "event_date", "date_precision", "actor1", "actor2",
            "country", "admin1", "location", "sub_location", "fatalities", "fatalities_low",
            "fatalities_high", "inter1", "inter2", "interaction")


@dataclass
class Check:
    """One checked value."""

    label: str
    ok: bool
    got: object
    want: object

    def line(self) -> str:
        head = "ok  " if self.ok else "MISS"
        tail = "" if self.ok else f", want {self.want!r}"
        return f"{head} {self.label}: got {self.got!r}{tail}"


@dataclass
class CheckResult:
    """Every check made, grouped by section, and whether each required event was found."""

    sections: list[tuple[str, list[Check]]] = field(default_factory=list)
    required_found: bool = True

    @property
    def checks(self) -> list[Check]:
        return [c for _, checks in self.sections for c in checks]

    @property
    def misses(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    def lines(self) -> list[str]:
        out = []
        for title, checks in self.sections:
            out.append(title)
            out += ["  " + c.line() for c in checks]
        out.append(f"{len(self.checks) - len(self.misses)}/{len(self.checks)} checks pass")
        return out


def event_value(event: Event, name: str) -> object:
    """An event field as expectation files write it (dates as ISO text, tolls as numbers)."""
    fat = event.fatalities
    if name == "fatalities":
        return fat.best if fat else None
    if name in ("fatalities_low", "fatalities_high"):
        return getattr(fat, name.split("_")[1]) if fat else None
    if name == "attributed_to":
        return [s.attributed_to for s in event.sources]
    value = getattr(event, name)
    return value.isoformat() if hasattr(value, "isoformat") else value


def check_document(expected: dict, doc: Document) -> CheckResult:
    """Check the processed `doc` against `expected`."""
    result = CheckResult()
    events = list(doc.events)
    matched: set[str] = set()
    for want in expected.get("required_events", []):
        got = _pick(events, want, matched)
        checks = [Check("found", got is not None, got and got.event_id, want["sub_event_type"])]
        if got is None:
            result.required_found = False
        else:
            matched.add(got.event_id)
            checks += _event_checks(got, want, doc)
        result.sections.append((f"required event: {want.get('what', '')}", checks))
    extras = [e for e in events if e.event_id not in matched]
    optional = expected.get("optional_events", [])
    result.sections.append(("other events (each must be an allowed optional event):", [
        Check(f"{e.sub_event_type} in {e.location or e.country}", _allowed(e, optional),
              e.notes, "one of the optional events") for e in extras]))
    wanted_reports = expected.get("casualty_reports") or (
        [expected["casualty_report"]] if "casualty_report" in expected else [])
    for want in wanted_reports:
        result.sections.append((f"casualty report: {want.get('what', '')}",
                                _casualty_checks(doc, want)))
    if expected.get("repairs"):
        result.sections.append(("repairs:", _repair_checks(doc, expected["repairs"])))
    if expected.get("actor_aliases_in_text"):
        result.sections.append(("actor aliases in the text:",
                                _alias_checks(doc, expected["actor_aliases_in_text"])))
    spans = [s for e in events for ev in e.evidence.values() for s in ev.spans]
    spans += [s for c in doc.casualty_reports for ev in c.evidence.values() for s in ev.spans]
    ok = all(doc.article.text[s.start:s.end] == s.text for s in spans)
    result.sections.append(("evidence:", [Check("every span is the original text", ok, ok, True)]))
    return result


def _pick(events: list[Event], want: dict, taken: set[str]) -> Event | None:
    same = [e for e in events if e.sub_event_type == want["sub_event_type"]
            and e.event_id not in taken]
    if not same:
        return None
    return max(same, key=lambda e: sum(_same(f, event_value(e, f), want[f]) for f in _SCALARS
                                       if f in want))


def _same(name: str, got: object, want: object) -> bool:
    """Equal values; place names compare as the gazetteer does (`Al-Qusayr` = `Al Quşayr`)."""
    if name in _NAMES and isinstance(got, str) and isinstance(want, str):
        return normalize(got) == normalize(want)
    return got == want


def _event_checks(got: Event, want: dict, doc: Document) -> list[Check]:
    checks = [Check(name, _same(name, event_value(got, name), want[name]), event_value(got, name),
                    want[name]) for name in _SCALARS if name in want]
    for name in ("assoc_actor1", "assoc_actor2"):
        if name in want:
            have = getattr(got, name)
            checks.append(Check(name, set(want[name]) == set(have), have, want[name]))
    if "latitude" in want and "longitude" in want:
        ok = got.latitude is not None and km(got.latitude, got.longitude, want["latitude"],
                                             want["longitude"]) <= KM_TOLERANCE
        checks.append(Check("coordinates within 5 km", ok, (got.latitude, got.longitude),
                            (want["latitude"], want["longitude"])))
    if "attributed_to" in want:
        sources = event_value(got, "attributed_to")
        checks.append(Check("attributed_to", want["attributed_to"] in sources, sources,
                            want["attributed_to"]))
    return checks


def _allowed(event: Event, optional: list[dict]) -> bool:
    def fits(value: object, allowed: object) -> bool:
        return value in allowed if isinstance(allowed, list) else value == allowed

    for option in optional:
        if all(fits(event_value(event, name), option[name])
               for name in ("event_type", "sub_event_type", "admin1", "location") if name in option):
            return True
    return False


def _casualty_checks(doc: Document, want: dict) -> list[Check]:
    reports: list[CasualtyReport] = [r for r in doc.casualty_reports
                                     if r.cumulative == want.get("cumulative", r.cumulative)
                                     and r.outcome == want.get("outcome", "killed")]
    target = want.get("total_low", want.get("total_best"))
    got = min(reports, key=lambda r: abs((r.total.low or r.total.best or 0) - (target or 0)),
              default=None)
    checks = [Check("found", got is not None, got and got.report_id, target)]
    if got is None:
        return checks
    for name in ("low", "best", "high"):
        if f"total_{name}" in want:
            value = getattr(got.total, name)
            checks.append(Check(f"total_{name}", value == want[f"total_{name}"], value,
                                want[f"total_{name}"]))
    for name in ("cumulative", "breakdown_sums_to_total", "attributed_to"):
        if name in want:
            value = getattr(got, name)
            checks.append(Check(name, value == want[name], value, want[name]))
    for name in ("period_start", "period_end"):
        if name in want:
            value = getattr(got, name)
            value = value.isoformat() if value else None
            checks.append(Check(name, value == want[name], value, want[name]))
    if "breakdown" in want:
        counts = sorted(b.count for b in got.breakdown)
        wanted = sorted(b["count"] if isinstance(b, dict) else b for b in want["breakdown"])
        checks.append(Check("breakdown counts", counts == wanted, counts, wanted))
    parts = {got.total.low, got.total.best, *(b.count for b in got.breakdown)} - {None}
    carried = [e.fatalities.best for e in doc.events if e.fatalities and e.fatalities.best in parts]
    if want.get("cumulative"):
        checks.append(Check("no event carries the total or its parts", not carried, carried, []))
    return checks


def _repair_checks(doc: Document, repairs: list[dict]) -> list[Check]:
    made = {(r.original, r.replacement) for r in doc.repairs if r.original}
    checks = []
    for repair in repairs:
        before, after = repair["from"], repair["to"]
        # A repair is logged for the word it changed: "Furqanà" -> "Furqan à" in "Al Furqanà".
        hits = [m for m in made if m[0] in before and before.replace(m[0], m[1]) == after]
        checks.append(Check(f"{before!r} -> {after!r}", bool(hits), hits, (before, after)))
    return checks


def _alias_checks(doc: Document, aliases: dict[str, list[str]]) -> list[Check]:
    checks = []
    actors = [m for m in doc.mentions if m.kind == "actor"]
    for canonical, phrases in aliases.items():
        name = re.sub(r"\s*\(metonymy\)$", "", canonical)
        for phrase in phrases:
            pattern = r"\s*\S.*?".join(re.escape(p.strip()) for p in phrase.split("..."))
            pattern = pattern.replace("'", "['\u2019]")
            labels = []
            for found in re.finditer(pattern, doc.article.text, re.IGNORECASE):
                for m in actors:
                    span = doc.span(m.start, m.end)
                    if span.start < found.end() and found.start() < span.end:
                        labels.append(m.label)
            ok = any(_same_actor(label, name) for label in labels)
            checks.append(Check(f"{phrase!r} -> {name}", ok, labels, name))
    return checks


def _same_actor(label: str, name: str) -> bool:
    if label == name:
        return True
    # "Government of Syria" in the expectation may be written "the government of Syria".
    return label.casefold().removeprefix("the ") == name.casefold().removeprefix("the ")
