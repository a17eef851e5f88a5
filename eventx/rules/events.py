"""What every event of a rule-based extractor shares, computed in one place.

A plugin makes one :class:`RuleContext` per document and asks it for the
base fields of each event it finds (:meth:`RuleContext.fields`): the
sentence, the trigger span, the modality and the source the sentence
attributes the event to.  :meth:`RuleContext.setting` gives the time and
place phrases around the event words.  :func:`extractor_spec` registers a
rule extractor with the Stanza processors rules read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TypedDict

from eventx.records import Event, Modality, Span
from eventx.rules.attribution import Attribution
from eventx.rules.cues import cues
from eventx.rules.lexicons import Lexicon
from eventx.rules.modality import modality
from eventx.rules.patterns import dedupe, locations, nested_locations
from eventx.rules.time import time_expressions
from eventx.rules.trees import ParsedSentence
from eventx.rules.words import Word

if TYPE_CHECKING:  # eventx.document and eventx.plugins import this package's tree module
    from eventx.document import ParsedDocument
    from eventx.plugins import ExtractorSpec

__all__ = ["RULE_PROCESSORS", "BaseFields", "RuleContext", "Setting", "extractor_spec"]

# The Stanza processors whose output rules read: words, lemmas, tags, the tree, named entities.
RULE_PROCESSORS = frozenset({"tokenize", "pos", "lemma", "depparse", "ner"})


class BaseFields(TypedDict):
    """The fields of :class:`eventx.Event` that every event has, as keyword arguments."""

    sentence_index: int
    trigger: Span
    modality: Modality
    attributed_to: Span | None


class Setting(TypedDict):
    """When and where: the ``time`` and ``location`` roles around an event."""

    time: list[Span]
    location: list[Span]


class RuleContext:
    """One document's rule state: the document and who says what in it (scanned once, when asked)."""

    def __init__(self, document: ParsedDocument) -> None:
        self.document = document
        self.attribution = Attribution(document)

    def fields(
        self,
        sent: ParsedSentence,
        trigger: Word,
        *,
        span: Span | None = None,
        default_modality: Modality = "asserted",
        requested_ok: bool = True,
    ) -> BaseFields:
        """``sentence_index``, ``trigger``, ``modality`` and ``attributed_to`` for an event on ``trigger``.

        ``span`` replaces the trigger word's span ("opened fire"); ``default_modality`` is used
        when no cue is found; ``requested_ok`` False skips the "requested" reading (demands).
        """
        found = modality(sent, trigger, requested_ok=requested_ok)
        return {
            "sentence_index": sent.index,
            "trigger": span if span is not None else sent.span(trigger),
            "modality": found if found is not None else default_modality,  # type: ignore[typeddict-item]
            "attributed_to": self.attribution.source(sent, trigger),
        }

    def setting(
        self, sent: ParsedSentence, heads: Sequence[Word], place_nouns: frozenset[str] = frozenset()
    ) -> Setting:
        """Time phrases on ``heads`` and places attached to them or named inside the trigger's
        phrase (``heads[0]``): "in Khartoum", "a market in Omdurman", "on Friday"."""
        places = [*locations(sent, heads, place_nouns), *nested_locations(sent, heads[0], place_nouns)]
        return {"time": time_expressions(sent, *heads), "location": dedupe(places)}


def extractor_spec(
    name: str,
    extract: Callable[[ParsedDocument], Iterable[Event]],
    description: str,
    *,
    lexicons: Iterable[Lexicon] = (),
) -> ExtractorSpec:
    """The :class:`eventx.ExtractorSpec` of a rule extractor, reading :data:`RULE_PROCESSORS`.

    The shared cue words and ``lexicons`` are read and validated now, so that a bad user
    lexicon fails the plugin once, when it registers, instead of on every document.
    """
    from eventx.plugins import ExtractorSpec

    cues()
    for lexicon in lexicons:
        lexicon.check()
    return ExtractorSpec(name=name, extract=extract, processors=RULE_PROCESSORS, description=description)
