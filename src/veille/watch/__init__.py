"""`veille watch`: the sources a user follows (SOURCES.toml), fetched politely and safely,
read as they publish, their events stored."""

from .fetch import Fetcher, FetchLimits
from .sources import Source, read_sources
from .watcher import PollResult, canonical_url, poll, watch

__all__ = ["FetchLimits", "Fetcher", "PollResult", "Source", "canonical_url", "poll",
           "read_sources", "watch"]
