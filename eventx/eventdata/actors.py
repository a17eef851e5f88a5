"""Actors: an actor phrase to a canonical name, an ISO 3166-1 alpha-3 country and a sector.

Order of the rules (the first that applies decides):

1. a well-known armed group or movement from ``actors.toml`` ("Houthi rebels" -> Houthis,
   YEM, rebels; "RSF fighters" -> Rapid Support Forces, SDN, militia);
2. an international organisation ("the UN Security Council" -> United Nations);
3. the whole phrase is a seat of power ("the Kremlin"), a capital ("Moscow", "Kyiv") or
   a country name ("Ukraine"): that country's government;
4. otherwise the country comes from a demonym or a country name inside the phrase
   ("the Russian army", "Ukraine's foreign minister") and the sector from the words of
   the phrase, the last sector word winning ("Russian army" -> military,
   "Kremlin spokesperson" -> government);
5. a role default fills a missing sector when the country is known: an attacker is
   military, a participant, demander, addressee, party or source is government.

The canonical name follows ACLED's style where a country is known: "Government of
Russia", "Military Forces of Russia", "Police Forces of Sudan", "Rebels (Mali)",
"Civilians (Ukraine)"; otherwise the phrase without its article.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from attrs import define

from eventx.eventdata.places import PACKAGE, fold, gazetteer
from eventx.rules.lexicons import load_lexicon

SECTORS = (
    "government",
    "military",
    "police",
    "rebels",
    "militia",
    "civilians",
    "international organisation",
    "media",
    "opposition",
    "judiciary",
)
ROLE_DEFAULT_SECTOR = {
    "attacker": "military",
    "participants": "government",
    "demander": "government",
    "addressee": "government",
    "parties": "government",
    "attributed_to": "government",
}
_ARTICLE = re.compile(r"^(?:the|a|an|its|their|his|her|both|two)\s+", re.I)
_POSSESSIVE = re.compile(r"['’]s?$")
_NAME_FORMS = {
    "government": "Government of {}",
    "military": "Military Forces of {}",
    "police": "Police Forces of {}",
}


@define(frozen=True)
class Actor:
    """What is known about an actor phrase."""

    normalized: str
    country: str | None = None
    sector: str | None = None


@define(frozen=True)
class _Tables:
    demonyms: dict[str, str]
    seats: dict[str, str]
    groups: list[tuple[re.Pattern[str], str, str | None, str | None]]
    organisations: list[tuple[re.Pattern[str], str]]
    sector_words: list[tuple[str, str]]  # folded word or phrase, sector; longest first


@cache
def _tables() -> _Tables:
    table = load_lexicon(PACKAGE, "actors.toml")
    demonyms = {fold(k): v for k, v in table.get("demonyms", {}).items()}
    seats = {fold(k): v for k, v in table.get("governments", {}).items()}
    seats.update({fold(k): v for k, v in table.get("capital_aliases", {}).items()})
    groups = []
    for entry in table.get("groups", {}).values():
        pattern = _names_pattern(entry.get("names", []))
        groups.append((pattern, entry["normalized"], entry.get("country") or None, entry.get("sector") or None))
    organisations = [(_names_pattern(names), name) for name, names in table.get("organisations", {}).items()]
    words = [(fold(w), sector) for sector, ws in table.get("sectors", {}).items() for w in ws]
    return _Tables(demonyms, seats, groups, organisations, sorted(words, key=lambda p: -len(p[0])))


def _names_pattern(names: list[str]) -> re.Pattern[str]:
    # Acronyms match their exact case ("IS" is not "is"); other names any case.
    parts = [f"(?-i:{re.escape(n)})" if n.isupper() else re.escape(n) for n in sorted(names, key=len, reverse=True)]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.I)


def normalize_actor(phrase: str, role: str | None = None) -> Actor | None:
    """The canonical name, country and sector of an actor phrase (None when nothing is known)."""
    text = " ".join(phrase.replace("’", "'").split()).strip(" ,;:")
    text = _POSSESSIVE.sub("", _ARTICLE.sub("", text))
    if not text:
        return None
    tables = _tables()
    for pattern, name, country, sector in tables.groups:
        if pattern.search(text):
            return Actor(name, country, sector)
    for pattern, name in tables.organisations:
        if pattern.search(text):
            return Actor(name, None, "international organisation")
    whole = fold(text)
    code = tables.seats.get(whole) or gazetteer().capitals.get(whole) or gazetteer().country_of_name(text)
    if code:
        return _named(code, "government")
    country = _country_in(text, tables)
    sector = _sector_in(whole, tables)
    if country and sector is None and role is not None:
        sector = ROLE_DEFAULT_SECTOR.get(role)
    if country is None and sector is None:
        return None
    return _named(country, sector) if country else Actor(text, None, sector)


def _named(country: str, sector: str | None) -> Actor:
    name = gazetteer().country_names.get(country, country)
    if sector in _NAME_FORMS:
        return Actor(_NAME_FORMS[sector].format(name), country, sector)
    label = (sector or "actors").capitalize()
    return Actor(f"{label} ({name})", country, sector)


def _country_in(text: str, tables: _Tables) -> str | None:
    """The country a demonym, seat, capital or country name inside the phrase names (the first one)."""
    words = re.findall(r"[\w.'-]+", text)
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            chunk = " ".join(words[i : i + size])
            key = fold(chunk).rstrip(".") if not chunk.endswith("U.S.") else fold(chunk)
            key = _POSSESSIVE.sub("", key)
            found = tables.demonyms.get(key) or tables.seats.get(key) or gazetteer().country_of_name(key)
            if found:
                return found
    return None


def _sector_in(folded: str, tables: _Tables) -> str | None:
    """The sector of the last sector word in the phrase ("Kremlin spokesperson" -> government)."""
    best: tuple[int, str] | None = None
    for word, sector in tables.sector_words:
        for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", folded):
            if best is None or match.start() > best[0]:
                best = (match.start(), sector)
    return best[1] if best else None


def actor_fields(phrase: str, role: str | None = None) -> dict[str, Any]:
    """The span annotations for an actor phrase: ``normalized``, ``country``, ``sector`` (only those known)."""
    actor = normalize_actor(phrase, role)
    if actor is None:
        return {}
    fields: dict[str, Any] = {"normalized": actor.normalized}
    if actor.country:
        fields["country"] = actor.country
    if actor.sector:
        fields["sector"] = actor.sector
    return fields
