"""Measuring veille: checks against hand-written expectations (and, later, gold sets)."""
