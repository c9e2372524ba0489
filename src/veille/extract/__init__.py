"""Extraction stages: mentions, then events and casualty reports built from them."""
