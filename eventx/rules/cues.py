"""The shared cue words (``eventx/cues.toml``) as one typed record.

Extend them with an ``eventx.toml`` file in a folder named by ``EVENTX_LEXICON_PATH``
(see :mod:`eventx.rules.lexicons`).
"""

from __future__ import annotations

from functools import cache

import attrs

from eventx.rules.lexicons import Lexicon, _search_path

__all__ = ["Cues", "cues"]

CUES = Lexicon("eventx", "cues.toml")


@attrs.frozen(kw_only=True)
class Cues:
    """Cue words for modality, attribution, time and counts, lowercased."""

    negators: frozenset[str]
    negating_governors: frozenset[str]
    rejecting_governors: frozenset[str]
    negating_phrases: frozenset[str]
    movement_verbs: frozenset[str]
    hypothetical_aux: frozenset[str]
    planned_aux: frozenset[str]
    hypothetical_adjectives: frozenset[str]
    planned_adjectives: frozenset[str]
    requested_adjectives: frozenset[str]
    hypothetical_governors: frozenset[str]
    planned_governors: frozenset[str]
    requested_governors: frozenset[str]
    conditional_marks: frozenset[str]
    concessive_marks: frozenset[str]
    light_verbs: frozenset[str]
    occurrence_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    pronouns: frozenset[str]
    time_words: frozenset[str]
    hedges: frozenset[str]
    scale_words: frozenset[str]
    auxiliaries: frozenset[str]
    collective_nouns: frozenset[str]


_SECTIONS = {
    "modality": (
        "negators",
        "negating_governors",
        "rejecting_governors",
        "negating_phrases",
        "movement_verbs",
        "hypothetical_aux",
        "planned_aux",
        "hypothetical_adjectives",
        "planned_adjectives",
        "requested_adjectives",
        "hypothetical_governors",
        "planned_governors",
        "requested_governors",
        "conditional_marks",
        "concessive_marks",
        "light_verbs",
        "occurrence_verbs",
    ),
    "attribution": ("speech_verbs", "pronouns"),
    "numbers": ("hedges", "scale_words", "auxiliaries", "collective_nouns"),
}


@cache
def _cues(search_path: str) -> Cues:
    fields = {key: CUES[f"{section}.{key}"] for section, keys in _SECTIONS.items() for key in keys}
    return Cues(time_words=CUES["time.words"], **fields)


def cues() -> Cues:
    """The cue words, with the user's additions; read once per lexicon search path."""
    return _cues(_search_path())
