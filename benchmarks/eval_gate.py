"""The quality gate: `veille eval` on every development gold file, compared with floors.

    python benchmarks/eval_gate.py [--shared ../shared/eval] [--update [--allow-regression]]

Fails (exit 1) when a gated measure falls below its floor in `benchmarks/eval_baseline.json`
by more than EPSILON, or when a gold file changed since the floors were set (its SHA-256 is
kept). `--update` raises the floors to today's figures and refuses to lower any without
`--allow-regression`, so that a drop is always a decision someone wrote down.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from veille import Runtime, load_config
from veille.evaluate.run import evaluate

BASELINE = Path(__file__).resolve().parent / "eval_baseline.json"
# The pipeline is deterministic: the only noise is the rounding of the printed figures.
EPSILON = 0.0011
GATED = {
    "events": ("precision", "recall", "f1", "event_type_f1", "event_type_accuracy", "sub_event_type_accuracy",
               "actor1_accuracy", "admin1_accuracy", "location_within_25km",
               "fatalities_exact", "date_exact"),
    "places": ("precision", "recall", "f1", "accuracy_at_161km", "end_to_end_161km",
               "geonameid_exact"),
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(folder: Path, limit: int | None) -> dict[str, dict]:
    """Figures of every *.jsonl gold file in `folder`, with the file's hash."""
    runtime = Runtime(load_config())
    results = {}
    for path in sorted(folder.glob("*.jsonl")):
        result = evaluate(path, runtime, limit=limit)
        results[path.name] = {"sha256": sha256(path), "kind": result.kind,
                              "figures": result.figures}
        shown = {k: v for k, v in result.figures.items() if v is not None}
        print(f"{path.name}: {json.dumps(shown)}")
    return results


def compare(results: dict[str, dict], baseline: dict) -> list[str]:
    """Every way the results fall short of the baseline."""
    problems = []
    for name, floors in baseline.get("files", {}).items():
        got = results.get(name)
        if got is None:
            problems.append(f"{name}: gold file missing")
            continue
        if got["sha256"] != floors["sha256"]:
            problems.append(f"{name}: gold file changed since the floors were set (re-run with "
                            "--update after checking why)")
            continue
        for measure, floor in floors["floors"].items():
            value = got["figures"].get(measure)
            if floor is not None and (value is None or value < floor - EPSILON):
                problems.append(f"{name}: {measure} {value} is below its floor {floor}")
    return problems


def update(results: dict[str, dict], baseline: dict, allow_regression: bool) -> list[str]:
    """Set the floors to the results; list the floors that would go down."""
    lowered = []
    files = {}
    for name, got in results.items():
        old = baseline.get("files", {}).get(name, {}).get("floors", {})
        floors = {m: got["figures"].get(m) for m in GATED[got["kind"]]}
        for measure, value in floors.items():
            if old.get(measure) is not None and (value is None or value < old[measure] - EPSILON):
                lowered.append(f"{name}: {measure} {old[measure]} -> {value}")
        files[name] = {"sha256": got["sha256"], "floors": floors}
    if lowered and not allow_regression:
        return lowered
    baseline["files"] = files
    BASELINE.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n", "utf-8")
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--limit", type=int, default=None, help="articles per file")
    parser.add_argument("--update", action="store_true")
    parser.add_argument("--allow-regression", action="store_true")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(f"{args.shared}: no gold files here (the gate needs ../shared/eval)", file=sys.stderr)
        return 2
    baseline = json.loads(BASELINE.read_text("utf-8")) if BASELINE.exists() else {}
    limit = args.limit if args.limit is not None else baseline.get("limit")
    if baseline and limit != baseline.get("limit"):
        print(f"the floors were set with --limit {baseline.get('limit')}", file=sys.stderr)
        return 2
    results = run(args.shared, limit)
    if args.update:
        baseline["limit"] = limit
        refused = update(results, baseline, args.allow_regression)
        for line in refused:
            print(f"refused to lower a floor: {line}", file=sys.stderr)
        if refused:
            print("re-run with --allow-regression to accept (and say why in the commit)",
                  file=sys.stderr)
            return 1
        print(f"floors written to {BASELINE}")
        return 0
    problems = compare(results, baseline)
    for line in problems:
        print(f"FAIL {line}", file=sys.stderr)
    print(f"eval gate: {'FAIL' if problems else 'ok'} ({len(problems)} problems)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
