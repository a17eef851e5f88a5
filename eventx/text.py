"""Robust reading: repair what is safely repairable in a text before it is parsed.

Two kinds of damage are common in scraped news:

- **mojibake**, UTF-8 read as Windows-1252 or Latin-1 somewhere upstream (``donâ€™t`` for
  ``don’t``).  ftfy repairs it; only its encoding fixes are used (no quote uncurling, no
  Unicode normalisation, no HTML unescaping), so that nothing the writer meant is changed.
- **all lower-case text** (transcripts, some feeds), where the parser loses the capitals it
  uses to find sentence starts and names.  Sentence-initial letters and the pronoun "i" are
  capitalised; that cannot change the text's length.

The parser reads the repaired text; every offset (tokens, words, entities) is then mapped
back, so that events point into the text the user gave, and ``Document.text`` is that text.
Token and lemma forms keep the repaired spelling, which is what the lexicons match.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from attrs import define

from eventx.parsing import StanzaParser

# Bump when the repair changes what the parser reads (it keys the parse cache).
REPAIR_VERSION = 1
# "say so." / "say so?" / a line start, then the first letter of the next sentence
_SENTENCE_START = re.compile(r"(^|[.!?][\"'”’)\]]*\s+|\n\s*)([a-z])")
_LONE_I = re.compile(r"(?<![\w'’])i(?=[\s'’,.;:!?]|$)")


@lru_cache(maxsize=1)
def _config() -> Any:
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )


def fix_mojibake(text: str) -> str:
    """The text with its encoding damage repaired by ftfy (the text itself when ftfy is missing)."""
    try:
        import ftfy
    except ImportError:  # pragma: no cover - ftfy is a dependency; degrade, never fail
        return text
    return str(ftfy.fix_text(text, _config()))


def is_all_lower(text: str) -> bool:
    """True for a text of some length with letters but not one capital."""
    letters = sum(c.isalpha() for c in text)
    return letters >= 20 and not any(c.isupper() for c in text)


def restore_case(text: str) -> str:
    """Capitalise sentence starts and the pronoun "i" of an all lower-case text (same length)."""
    text = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)
    return _LONE_I.sub("I", text)


@define
class Repair:
    """A text as the parser should read it, and how its offsets map back to the original."""

    original: str
    text: str
    _starts: list[int] | None = None  # repaired offset -> original start (None: same offsets)
    _ends: list[int] | None = None

    @property
    def changed_length(self) -> bool:
        return self._starts is not None

    def start(self, offset: int) -> int:
        """The original offset where the repaired character at ``offset`` begins."""
        if self._starts is None:
            return offset
        return self._starts[offset] if offset < len(self._starts) else len(self.original)

    def end(self, offset: int) -> int:
        """The original offset where a span of the repaired text ending at ``offset`` ends."""
        if self._ends is None:
            return offset
        return self._ends[offset - 1] if offset > 0 else 0


def repair(text: str) -> Repair:
    """Repair a text (see the module notes); the result knows how to map offsets back."""
    fixed = fix_mojibake(text)
    if is_all_lower(fixed):
        fixed = restore_case(fixed)
    if len(fixed) == len(text):
        return Repair(text, fixed)
    starts, ends = _align(text, fixed)
    return Repair(text, fixed, starts, ends)


def _align(original: str, fixed: str) -> tuple[list[int], list[int]]:
    """For each character of ``fixed``, the original offsets where it starts and ends."""
    starts = [0] * len(fixed)
    ends = [0] * len(fixed)
    matcher = difflib.SequenceMatcher(None, original, fixed, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for j in range(j1, j2):
            if tag == "equal":
                starts[j], ends[j] = i1 + (j - j1), i1 + (j - j1) + 1
            else:  # a repaired run stands for the whole damaged run
                starts[j], ends[j] = i1, max(i2, i1)
    return starts, ends


def restore_offsets(doc: Any, fix: Repair) -> Any:
    """Point a Stanza document parsed from ``fix.text`` back into ``fix.original``."""
    if fix.changed_length:
        for sentence in doc.sentences:
            for token in sentence.tokens:
                _remap(token, fix)
                for word in token.words:
                    _remap(word, fix)
        for ent in getattr(doc, "ents", None) or []:
            _remap(ent, fix)
    doc.text = fix.original
    return doc


def _remap(item: Any, fix: Repair) -> None:
    start, end = item.start_char, item.end_char
    if start is None or end is None:
        return
    for name, value in (("start_char", fix.start(start)), ("end_char", fix.end(end))):
        prop = getattr(type(item), name, None)
        # Stanza's Token offsets are read-only properties over private fields
        if isinstance(prop, property) and prop.fset is None:
            setattr(item, f"_{name}", value)
        else:
            setattr(item, name, value)


class RepairingParser(StanzaParser):
    """The Stanza parser, reading repaired texts; documents come back with the original offsets and text."""

    @property
    def identity(self) -> str:
        """The parser's identity (the parse cache's key), marked: these parses read repaired text."""
        return f"{super().identity}|repair={REPAIR_VERSION}"

    def parse(self, texts: Sequence[str]) -> list[Any]:
        fixes = [repair(t) for t in texts]
        docs = super().parse([f.text for f in fixes])
        return [restore_offsets(doc, fix) for doc, fix in zip(docs, fixes, strict=True)]
