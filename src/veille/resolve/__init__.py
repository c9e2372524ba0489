"""Resolve stage: actors to canonical names, places to gazetteer entries, dates to calendar days."""
