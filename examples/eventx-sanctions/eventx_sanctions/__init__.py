"""eventx-sanctions: Sanction events ("The EU imposed sanctions on Iran"), declared with eventx.rules."""

from typing import ClassVar

import attrs

from eventx import Event, Span, span_role
from eventx.rules import EventPattern, First, Itself, Lexicon, Modifier, Object, Prep, Subject, pattern_hooks


@attrs.define(frozen=True, kw_only=True)
class Sanction(Event):
    """Sanctions, embargoes and similar measures one party imposes on another."""

    type: ClassVar[str] = "Sanction"
    description: ClassVar[str] = "sanctions, embargoes and blacklistings one party imposes on another"

    imposer: tuple[Span, ...] = span_role(doc="who imposes the measure")
    target: tuple[Span, ...] = span_role(doc="who or what is sanctioned")
    measure: tuple[Span, ...] = span_role(doc="the measure itself")


LEXICON = Lexicon("eventx_sanctions")
MEASURES = Object(words=LEXICON.list("measure_nouns"))  # "imposed *sanctions*"
NAMED_BY = First(Modifier(("nmod:poss", "compound", "amod"), proper=True), Subject(LEXICON.list("announce_verbs")))
ON = Prep("on", "against", via=MEASURES)  # "sanctions on Iran", "imposed sanctions on Iran"
# kept one pattern to a line or two, so that the three read as a table
# fmt: off
PATTERNS = [  # "The US sanctioned three banks", "imposed sanctions on Iran", "Western sanctions against Russia"
    EventPattern(Sanction, LEXICON, "sanction_verbs", {"imposer": Subject(), "target": Object()}, upos=("VERB",)),
    EventPattern(Sanction, LEXICON, "impose_verbs", {"imposer": Subject(), "target": ON, "measure": MEASURES},
                 upos=("VERB",), required=("measure",)),
    EventPattern(Sanction, LEXICON, "measure_nouns", {"imposer": NAMED_BY, "target": ON, "measure": Itself()},
                 upos=("NOUN",), confidence=0.6, required=("target",), exclude_heads="impose_verbs"),
]
# fmt: on
HOOKS = pattern_hooks("sanctions", "Sanction events: sanctions, embargoes, blacklistings", *PATTERNS)
register_event_types, register_extractors = HOOKS  # the plugin's two hook implementations
