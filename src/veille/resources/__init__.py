"""Language data as data: per-language YAML files, validated by schemas at load."""

from .loader import Lexicon, Taxonomy, available_languages, load_actors, load_lexicon, load_taxonomy

__all__ = [
    "Lexicon",
    "Taxonomy",
    "available_languages",
    "load_actors",
    "load_lexicon",
    "load_taxonomy",
]
