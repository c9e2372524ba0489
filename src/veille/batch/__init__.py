"""Batch reading on Ray: many workers, one store writer, resumable (`veille batch`)."""

from .runner import BatchOptions, BatchProgress, BatchSummary, run_batch
from .worker import ArticleReader

__all__ = ["ArticleReader", "BatchOptions", "BatchProgress", "BatchSummary", "run_batch"]
