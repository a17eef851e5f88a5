"""Word lists in TOML data files, which users can extend without touching code.

A plugin keeps its lexicon as package data (``lexicon.toml``) and reads it
through a :class:`Lexicon`.  Users add words by putting ``<package>.toml``
files in a folder named by ``EVENTX_LEXICON_PATH`` (several folders joined
with ``os.pathsep``): lists there are added to the packaged lists, tables
are merged key by key.  A user entry must have the type of the packaged entry
it extends (a list stays a list of words, a table a table); anything else is a
:class:`LexiconError` naming the file and the entry.

Entries may hold several words ("take into custody", "round up"):
:func:`eventx.rules.patterns.phrase_at` finds them in a sentence, while
:func:`eventx.rules.words.matches` compares single words only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["ENV_LEXICON_PATH", "Lexicon", "LexiconError", "load_lexicon", "merge", "word_set"]

ENV_LEXICON_PATH = "EVENTX_LEXICON_PATH"


class LexiconError(ValueError):
    """A lexicon file is not valid TOML, or an entry has the wrong type; the message names the file."""


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
    import tomllib  # lazy: `import eventx` reads no lexicon

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{label}: invalid TOML: {exc}") from exc


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list of words" if all(isinstance(v, str) for v in value) else "a list"
    return f"a {type(value).__name__}"


def _validate(packaged: dict[str, Any], user: dict[str, Any], label: str, where: str = "") -> None:
    """Check that every user entry has the type of the packaged entry it extends."""
    for key, value in user.items():
        name = f"{where}{key}"
        if key not in packaged:
            continue  # a new entry: nothing to compare with
        expected, found = _kind(packaged[key]), _kind(value)
        if expected != found:
            raise LexiconError(
                f"{label}: {name} must be {expected}, as in the packaged lexicon, not {found}: {value!r}"
            )
        if isinstance(value, dict):
            _validate(packaged[key], value, label, f"{name}.")


_pinned_path: str | None = None


def _search_path() -> str:
    return _pinned_path if _pinned_path is not None else os.environ.get(ENV_LEXICON_PATH, "")


@contextmanager
def pinned_search_path() -> Iterator[None]:
    """Read ``EVENTX_LEXICON_PATH`` once for a block of work (the engine: once per document).

    Lookups inside the block skip the environment, which rules would otherwise read at every
    word; a change of the variable takes effect from the next block.
    """
    global _pinned_path
    outer, _pinned_path = _pinned_path, _search_path()
    try:
        yield
    finally:
        _pinned_path = outer


@cache
def _cached(package: str, name: str, search_path: str) -> dict[str, Any]:
    packaged = _read(resources.files(package).joinpath(name), f"{package}/{name}")
    data = packaged
    for folder in filter(None, search_path.split(os.pathsep)):
        user_file = Path(folder) / f"{package}.toml"
        if user_file.is_file():
            user = _read(user_file, str(user_file))
            _validate(packaged, user, str(user_file))
            data = merge(data, user)
    return data


def load_lexicon(package: str, name: str = "lexicon.toml") -> dict[str, Any]:
    """The lexicon shipped in ``package`` merged with the user's additions for it (raw TOML data)."""
    return _cached(package, name, _search_path())


def word_set(lexicon: dict[str, Any], *keys: str) -> frozenset[str]:
    """The lowercased union of the lists under ``keys`` (missing keys are empty)."""
    out: set[str] = set()
    for key in keys:
        out.update(str(v).lower() for v in lexicon.get(key, []))
    return frozenset(out)


@cache
def _compiled(package: str, name: str, search_path: str, key: str) -> frozenset[str]:
    table: Any = _cached(package, name, search_path)
    *sections, last = key.split(".")
    for section in sections:
        table = table.get(section) if isinstance(table, dict) else None
    if not isinstance(table, dict) or not isinstance(table.get(last), list):
        raise LexiconError(f"{package}/{name}: no word list {key!r}")
    return word_set(table, last)


class Lexicon:
    """A package's lexicon: its word lists by key, read once and compiled to lowercased sets.

    >>> LEXICON = Lexicon("eventx_territory")      # at module level; nothing is read yet
    >>> "annex" in LEXICON["control_verbs"]
    True

    Keys of lists inside TOML tables are dotted ("meeting.nouns").  The user's additions
    (``EVENTX_LEXICON_PATH``) are merged in, and the result cached per search path.
    """

    def __init__(self, package: str, name: str = "lexicon.toml", *, section: str = "") -> None:
        self.package = package
        self.name = name
        self.prefix = f"{section}." if section else ""
        self._lists: dict[tuple[str, str], frozenset[str]] = {}  # (search path, key) -> words
        self._unions: dict[tuple[str, tuple[str, ...]], frozenset[str]] = {}  # (search path, keys) -> words

    def __repr__(self) -> str:
        section = f", section={self.prefix[:-1]!r}" if self.prefix else ""
        return f"Lexicon({self.package!r}, {self.name!r}{section})"

    def __getitem__(self, key: str) -> frozenset[str]:
        """The lowercased words of the list under ``key``; a :class:`LexiconError` when there is none."""
        path = _pinned_path if _pinned_path is not None else _search_path()  # inlined: called at every word
        found = self._lists.get((path, key))
        if found is None:
            found = self._lists[path, key] = _compiled(self.package, self.name, path, self.prefix + key)
        return found

    def union(self, *keys: str) -> frozenset[str]:
        """The words of several lists in one set (cached like a single list): the candidate
        triggers of a rule, for :meth:`~eventx.rules.trees.ParsedSentence.words_matching`."""
        path = _pinned_path if _pinned_path is not None else _search_path()
        found = self._unions.get((path, keys))
        if found is None:
            found = self._unions[path, keys] = frozenset().union(*(self[key] for key in keys))
        return found

    def list(self, key: str) -> Callable[[], frozenset[str]]:
        """The list under ``key``, read when called: for declarations made at import time
        (``Object(words=LEXICON.list("measure_nouns"))``) that must see the user's additions."""
        return lambda: self[key]

    def section(self, name: str) -> Lexicon:
        """The lists of one TOML table: ``lexicon.section("meeting")["nouns"]`` is ``lexicon["meeting.nouns"]``."""
        return Lexicon(self.package, self.name, section=self.prefix + name)

    def data(self) -> dict[str, Any]:
        """The merged TOML data."""
        return load_lexicon(self.package, self.name)

    def check(self) -> None:
        """Read and validate the lexicon now (raises :class:`LexiconError`), so that a bad user
        file is reported once, when the plugin registers, not once per document."""
        self.data()
