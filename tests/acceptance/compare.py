"""Compare veille's report on a reference article with an acceptance file, field by field.

    python tests/acceptance/compare.py ../shared/acceptance/aleppo-offensive.expected.json [--strict]

Prints one line per checked field (`ok` / `MISS`). Without --strict it fails only when a
required event is not found at all (the walking-skeleton bar); with --strict any miss fails.
Needs ../shared (the reference corpus), which is not part of this repository.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import veille
from veille.model import Event, Report

KM_TOLERANCE = 5.0
SCALARS = ("event_type", "sub_event_type", "event_date", "actor1", "actor2", "country",
           "admin1", "location", "sub_location", "fatalities")


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


class Checker:
    def __init__(self) -> None:
        self.misses = 0
        self.checks = 0

    def check(self, label: str, ok: bool, got: object, want: object) -> bool:
        self.checks += 1
        self.misses += not ok
        print(f"  {'ok  ' if ok else 'MISS'} {label}: got {got!r}" + ("" if ok else f", want {want!r}"))
        return ok


def _value(event: Event, name: str):
    if name == "fatalities":
        return event.fatalities.best if event.fatalities else None
    value = getattr(event, name)
    return value.isoformat() if hasattr(value, "isoformat") else value


def _pick(events: list[Event], want: dict) -> Event | None:
    same = [e for e in events if e.sub_event_type == want["sub_event_type"]]
    if not same:
        return None
    return max(same, key=lambda e: sum(_value(e, f) == want.get(f) for f in SCALARS))


def check_event(c: Checker, events: list[Event], want: dict) -> bool:
    print(f"required event: {want['what']}")
    got = _pick(events, want)
    if not c.check("found", got is not None, None if got is None else got.event_id,
                   want["sub_event_type"]):
        return False
    for name in SCALARS:
        if name in want:
            c.check(name, _value(got, name) == want[name], _value(got, name), want[name])
    for name in ("assoc_actor1", "assoc_actor2"):
        if name in want:
            c.check(name, set(want[name]) <= set(getattr(got, name)), getattr(got, name), want[name])
    if "latitude" in want:
        ok = got.latitude is not None and km(got.latitude, got.longitude, want["latitude"],
                                             want["longitude"]) <= KM_TOLERANCE
        c.check("coordinates within 5 km", ok, (got.latitude, got.longitude),
                (want["latitude"], want["longitude"]))
    if "attributed_to" in want:
        sources = [s.attributed_to for s in got.sources]
        c.check("attributed_to", want["attributed_to"] in sources, sources, want["attributed_to"])
    spans_ok = all(s.text == report_text[s.start:s.end]
                   for ev in got.evidence.values() for s in ev.spans)
    c.check("evidence spans match the original text", spans_ok, spans_ok, True)
    return True


def check_casualties(c: Checker, report: Report, want: dict) -> None:
    print(f"casualty report: {want['what']}")
    cumulative = [r for r in report.casualty_reports if r.cumulative]
    got = max(cumulative, key=lambda r: r.total.low or 0, default=None)
    if not c.check("found", got is not None, None if got is None else got.report_id, "cumulative"):
        return
    c.check("total_low", got.total.low == want["total_low"], got.total.low, want["total_low"])
    for name in ("period_start", "period_end"):
        value = getattr(got, name)
        value = value.isoformat() if value else None
        c.check(name, value == want[name], value, want[name])
    counts = sorted(b.count for b in got.breakdown)
    wanted = sorted(b["count"] for b in want["breakdown"])
    c.check("breakdown counts", counts == wanted, counts, wanted)
    c.check("breakdown_sums_to_total", got.breakdown_sums_to_total == want["breakdown_sums_to_total"],
            got.breakdown_sums_to_total, want["breakdown_sums_to_total"])
    c.check("attributed_to", got.attributed_to == want["attributed_to"], got.attributed_to,
            want["attributed_to"])
    totals = {want["total_low"], *wanted}
    carried = [e.fatalities.best for e in report.events
               if e.fatalities and e.fatalities.best in totals]
    c.check("no event carries the running total or its parts", not carried, carried, [])


def main(argv: list[str] | None = None) -> int:
    global report_text
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("expected", type=Path)
    parser.add_argument("--strict", action="store_true", help="fail on any miss")
    args = parser.parse_args(argv)
    if not args.expected.is_file():
        print(f"{args.expected}: not found (this check needs ../shared)", file=sys.stderr)
        return 2
    want = json.loads(args.expected.read_text("utf-8"))
    article = (args.expected.parent / want["article"]).resolve()
    report_text = article.read_text("utf-8")
    report = veille.extract(report_text, published=want["published"], lang=want.get("lang"))
    c = Checker()
    found = [check_event(c, report.events, e) for e in want["required_events"]]
    if "casualty_report" in want:
        check_casualties(c, report, want["casualty_report"])
    print("repairs:")
    made = {(r.original, r.replacement) for r in report.repairs if r.original}
    for repair in want.get("repairs", []):
        pair = (repair["from"], repair["to"])
        # A repair is logged for the word it changed: "Furqanà" -> "Furqan à" within "Al Furqanà".
        hits = [m for m in made if m[0] in pair[0] and pair[0].replace(m[0], m[1]) == pair[1]]
        c.check(f"repair {pair[0]!r} -> {pair[1]!r}", bool(hits), hits, pair)
    extra = len(report.events) - len(want["required_events"])
    print(f"events predicted: {len(report.events)} ({extra:+d} beyond the required ones; "
          f"optional events allowed: {len(want.get('optional_events', []))})")
    print(f"{c.checks - c.misses}/{c.checks} checks pass")
    if not all(found):
        return 1
    return 1 if args.strict and c.misses else 0


report_text = ""

if __name__ == "__main__":
    sys.exit(main())
