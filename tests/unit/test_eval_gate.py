"""The quality gate of benchmarks/eval_gate.py: floors never drop silently."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def gate(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("eval_gate", ROOT / "benchmarks" / "eval_gate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "BASELINE", tmp_path / "baseline.json")
    return module


def results(f1: float, sha: str = "abc") -> dict:
    return {"x.jsonl": {"sha256": sha, "kind": "places", "figures": {
        "precision": 0.5, "recall": 0.5, "f1": f1, "accuracy_at_161km": 0.9,
        "geonameid_exact": 0.8}}}


def test_eval_gate_passes_at_the_floor(gate):
    baseline = {}
    assert gate.update(results(0.5), baseline, allow_regression=False) == []
    assert gate.compare(results(0.5), baseline) == []


def test_eval_gate_fails_below_the_floor(gate):
    baseline = {}
    gate.update(results(0.5), baseline, allow_regression=False)
    assert gate.compare(results(0.45), baseline) == ["x.jsonl: f1 0.45 is below its floor 0.5"]


def test_eval_gate_refuses_to_lower_a_floor(gate):
    baseline = {}
    gate.update(results(0.5), baseline, allow_regression=False)
    assert gate.update(results(0.4), baseline, allow_regression=False) == [
        "x.jsonl: f1 0.5 -> 0.4"]
    assert json.loads(gate.BASELINE.read_text())["files"]["x.jsonl"]["floors"]["f1"] == 0.5


def test_eval_gate_lowers_a_floor_when_allowed(gate):
    baseline = {}
    gate.update(results(0.5), baseline, allow_regression=False)
    assert gate.update(results(0.4), baseline, allow_regression=True) == []
    assert json.loads(gate.BASELINE.read_text())["files"]["x.jsonl"]["floors"]["f1"] == 0.4


def test_eval_gate_notices_a_changed_gold_file(gate):
    baseline = {}
    gate.update(results(0.5), baseline, allow_regression=False)
    assert gate.compare(results(0.5, sha="other"), baseline)[0].startswith(
        "x.jsonl: gold file changed")
