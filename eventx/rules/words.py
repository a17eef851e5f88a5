"""Words as rules see them: the :class:`Word` protocol, word forms and lexicon matching."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Protocol

__all__ = ["Entity", "Word", "base", "forms", "matches"]


class Word(Protocol):
    """The attributes of a parsed word that rules read (a Stanza ``Word`` has them all).

    ``id`` and ``head`` are 1-based positions in the sentence (``head`` 0 for the root);
    ``start_char``/``end_char`` are offsets into the document text, None for a word inside
    a multi-word token, whose ``parent`` token then carries them.
    """

    @property
    def id(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def lemma(self) -> str | None: ...
    @property
    def upos(self) -> str: ...
    @property
    def xpos(self) -> str | None: ...
    @property
    def feats(self) -> str | None: ...
    @property
    def head(self) -> int: ...
    @property
    def deprel(self) -> str: ...
    @property
    def start_char(self) -> int | None: ...
    @property
    def end_char(self) -> int | None: ...
    @property
    def parent(self) -> Any: ...


class Entity(Protocol):
    """A named-entity mention: its type ("PER", "ORG", "GPE", "LOC"...) and character offsets."""

    @property
    def type(self) -> str: ...
    @property
    def start_char(self) -> int: ...
    @property
    def end_char(self) -> int: ...


def base(word: Word) -> str:
    """The lowercased lemma of a word (its form when the lemma is missing)."""
    return (word.lemma or word.text).lower()


def forms(word: Word) -> set[str]:
    """The lemma, the lowercased form, and the form stripped of a regular ending.

    The stripped stems ("shelled" -> "shell", "freed" -> "free", "strikes" -> "strike")
    make lexicon lookups survive a lemmatizer that does not know a word, and make
    plural entries in a lexicon unnecessary.
    """
    return set(_forms(word.text, word.lemma))


@lru_cache(maxsize=1 << 16)
def _forms(text: str, lemma: str | None) -> frozenset[str]:
    """:func:`forms` of a word with this text and lemma, computed once (news repeats its words)."""
    text = text.lower()
    out = {(lemma or text).lower(), text}
    for ending in ("ing", "ed", "es", "s", "d"):
        if text.endswith(ending) and len(text) - len(ending) >= 3:
            stem = text[: -len(ending)]
            out.add(stem)
            if len(stem) >= 4 and stem[-1] == stem[-2]:
                out.add(stem[:-1])  # "stopped" -> "stop"
            if ending == "ing":
                out.add(stem + "e")  # "seizing" -> "seize"
    return frozenset(out)


def matches(word: Word, words: Iterable[str]) -> bool:
    """True when any of the word's :func:`forms` is in ``words`` (a lexicon list or any strings)."""
    return not _forms(word.text, word.lemma).isdisjoint(words)
