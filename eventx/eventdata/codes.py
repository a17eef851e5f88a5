"""Codes: each document-level event's PLOVER category and mode and its CAMEO root code.

The table is ``codes.toml`` (documented there and in ``docs/eventdata.md``).  A plugin's
event type declares its own codes with class attributes, which win over the table::

    class Sanction(Event):
        type = "Sanction"
        plover = ("SANCTION", "discontinue")   # category, mode ("" or None: no mode)
        cameo = "16"
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from attrs import define

from eventx.eventdata.places import PACKAGE, fold
from eventx.rules.lexicons import load_lexicon


@define(frozen=True)
class Codes:
    """``plover`` is ``{"category": ..., "mode": ...}`` (mode may be null); ``cameo`` a two-digit root."""

    plover: dict[str, str | None] | None
    cameo: str | None


@cache
def _table() -> dict[str, Any]:
    return dict(load_lexicon(PACKAGE, "codes.toml").get("codes", {}))


def event_codes(event_type: type | None, type_name: str, words: Iterable[str]) -> Codes:
    """The codes of an event of ``type_name`` whose mentions use ``words`` (triggers, instruments, content)."""
    declared = getattr(event_type, "plover", None) if event_type is not None else None
    if declared:
        category, mode = (declared, None) if isinstance(declared, str) else (declared[0], declared[1] or None)
        return Codes({"category": category, "mode": mode}, getattr(event_type, "cameo", None))
    entry = _table().get(type_name)
    if entry is None:
        return Codes(None, getattr(event_type, "cameo", None))
    mode = _mode(entry.get("modes", {}), words) or entry.get("mode") or None
    cameo = entry.get("cameo_by_mode", {}).get(mode, entry.get("cameo")) if mode else entry.get("cameo")
    return Codes({"category": entry["category"], "mode": mode}, cameo or None)


def _mode(modes: dict[str, list[str]], words: Iterable[str]) -> str | None:
    text = " " + " ".join(fold(w) for w in words) + " "
    for mode, cues in modes.items():
        if any(f" {fold(cue)} " in text for cue in cues):
            return mode
    return None


def mention_mode(type_name: str, words: Iterable[str]) -> str | None:
    """The PLOVER mode the table's cue words give one mention's words (None when none does)."""
    entry = _table().get(type_name)
    return _mode(entry.get("modes", {}), words) if entry else None
