"""Repair: fix what scraping and machine translation break, with an offset map to the original."""

from .offsets import Edit, OffsetMap, RepairChain, apply_edits
from .rules import WordKnowledge

__all__ = ["Edit", "OffsetMap", "RepairChain", "WordKnowledge", "apply_edits"]
