"""Word lists in TOML data files, which users can extend without touching code.

A plugin keeps its lexicon as package data (``lexicon.toml``) and loads it
with :func:`load_lexicon`.  Users add words by putting ``<package>.toml``
files in a folder named by ``EVENTX_LEXICON_PATH`` (several folders joined
with ``os.pathsep``): lists there are added to the packaged lists, tables
are merged key by key.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import tomllib

ENV_LEXICON_PATH = "EVENTX_LEXICON_PATH"


class LexiconError(ValueError):
    """A lexicon file is not valid TOML; the message names the file."""


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Merge ``extra`` into a copy of ``base``: lists are extended (no duplicates), tables merged."""
    out = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            out[key] = merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            out[key] = old + [v for v in value if v not in old]
        else:
            out[key] = value
    return out


def _read(path: Path | Any, label: str) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{label}: invalid TOML: {exc}") from exc


@cache
def _cached(package: str, name: str, search_path: str) -> dict[str, Any]:
    data = _read(resources.files(package).joinpath(name), f"{package}/{name}")
    for folder in filter(None, search_path.split(os.pathsep)):
        user_file = Path(folder) / f"{package}.toml"
        if user_file.is_file():
            data = merge(data, _read(user_file, str(user_file)))
    return data


def load_lexicon(package: str, name: str = "lexicon.toml") -> dict[str, Any]:
    """The lexicon shipped in ``package`` merged with the user's additions for it."""
    return _cached(package, name, os.environ.get(ENV_LEXICON_PATH, ""))


def word_set(lexicon: dict[str, Any], *keys: str) -> frozenset[str]:
    """The lowercased union of the lists under ``keys`` (missing keys are empty)."""
    out: set[str] = set()
    for key in keys:
        out.update(str(v).lower() for v in lexicon.get(key, []))
    return frozenset(out)
