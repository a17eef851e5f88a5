"""Declarative event patterns: a trigger lexicon and how each role attaches, the rest done here.

A plugin states which words trigger its event (a lexicon list; entries of several words
such as "take into custody" or "round up" included) and where each role is found
relative to the trigger::

    ARRESTS = EventPattern(
        Arrest,
        LEXICON,
        "triggers",
        roles={"agent": Subject(), "detainee": Object(), "count": CountOf("detainee")},
    )

:meth:`EventPattern.extract` then finds the triggers in a document and builds one event
each, with the shared fields done by :class:`~eventx.rules.events.RuleContext`
(sentence, trigger span, modality, source), the ``time`` and ``location`` roles filled
from the phrases around the trigger when the event type has them, and a count taken from
the numeral of a role's phrase.  A role attaches through one of the classes below or any
callable ``(sentence, trigger) -> list[Word]``; a callable returning spans (or a count)
directly covers the hard cases, and imperative code can call :meth:`EventPattern.events`
sentence by sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

import attrs

from eventx.records import Event, Span, roles
from eventx.rules.events import RuleContext, extractor_spec
from eventx.rules.lexicons import Lexicon
from eventx.rules.numbers import count_of
from eventx.rules.patterns import (
    case_of,
    conjunct_entities,
    dedupe,
    event_heads,
    phrase_at,
    phrase_starts,
    prep_objects,
    subject,
)
from eventx.rules.time import is_time_word
from eventx.rules.trees import ParsedSentence
from eventx.rules.words import Word, base, matches

if TYPE_CHECKING:
    from eventx.document import ParsedDocument
    from eventx.plugins import ExtractorSpec

__all__ = [
    "Attachment",
    "CountOf",
    "EventPattern",
    "First",
    "Itself",
    "Modifier",
    "Object",
    "PassiveAgent",
    "Prep",
    "Subject",
    "Trigger",
    "pattern_hooks",
    "patterns_spec",
]


class Attachment(Protocol):
    """Where a role's words are, relative to the trigger: any callable ``(sentence, trigger) -> words``."""

    def __call__(self, sent: ParsedSentence, trigger: Word) -> Sequence[Word]: ...


RoleRule: TypeAlias = "Attachment | CountOf | Callable[[ParsedSentence, Word], Any]"
Words: TypeAlias = "Callable[[], frozenset[str]] | frozenset[str] | None"


def _only(found: Iterable[Word], words: Words) -> list[Word]:
    """The words of ``found`` in ``words`` (a set, or a callable such as ``Lexicon.list(key)``); all when None."""
    if words is None:
        return list(found)
    wanted = words() if callable(words) else words
    return [w for w in found if matches(w, wanted)]


@attrs.frozen
class Subject:
    """The doer: a verb's subject (or the "by" agent of a passive, or its controller's subject);
    a noun's possessor or "by" phrase ("the army's arrest of", "the arrest of X by police"), or the
    subject of a ``light`` verb whose object the noun is ("police *carried out* arrests")."""

    light: Words = None

    def __call__(self, sent: ParsedSentence, trigger: Word) -> list[Word]:
        if trigger.upos != "NOUN":
            found = subject(sent, trigger)
            return [found] if found is not None else []
        out = [*sent.children(trigger, "nmod:poss"), *prep_objects(sent, trigger, "by")]
        head = sent.head(trigger)
        if not out and self.light is not None and head is not None and trigger.deprel in ("obj", "nsubj:pass"):
            out = [s for s in [subject(sent, head)] if s is not None and _only([head], self.light)]
        return out


@attrs.frozen
class Object:
    """The one acted on: a verb's object, or the subject of a passive ("journalists were arrested");
    a noun's "of" complement ("the arrest of 12 journalists"); only ``words`` when given."""

    words: Words = None

    def __call__(self, sent: ParsedSentence, trigger: Word) -> list[Word]:
        if trigger.upos == "NOUN":
            return _only(prep_objects(sent, trigger, "of"), self.words)
        return _only(sent.children(trigger, "obj", "nsubj:pass"), self.words)


@attrs.frozen
class PassiveAgent:
    """The "by" phrase of a passive verb or of a noun ("were detained by soldiers")."""

    def __call__(self, sent: ParsedSentence, trigger: Word) -> list[Word]:
        return [k for k in sent.children(trigger, "obl", "nmod") if k.deprel == "obl:agent" or case_of(sent, k) == "by"]


@attrs.frozen
class Prep:
    """The objects of these prepositions under the trigger, and under the words ``via`` finds:
    ``Prep("on", "against", via=Object())`` finds "Iran" in "imposed sanctions on Iran" either way.
    Time words ("on Monday") are left out."""

    preps: tuple[str, ...]
    via: Attachment | None = None

    def __init__(self, *preps: str, via: Attachment | None = None) -> None:
        self.__attrs_init__(preps, via)  # type: ignore[attr-defined]

    def __call__(self, sent: ParsedSentence, trigger: Word) -> list[Word]:
        heads = [trigger, *(self.via(sent, trigger) if self.via is not None else [])]
        return [w for h in heads for w in prep_objects(sent, h, *self.preps) if not is_time_word(w)]


@attrs.frozen
class Modifier:
    """Modifiers of a noun trigger with these relations (default: compounds and adjectives,
    "*Iranian* arrests"); only ``words`` when given, only capitalised ones when ``proper``."""

    deprels: tuple[str, ...] = ("compound", "amod")
    words: Words = None
    proper: bool = False

    def __call__(self, sent: ParsedSentence, trigger: Word) -> list[Word]:
        found = _only(sent.children(trigger, *self.deprels), self.words)
        return [w for w in found if not self.proper or w.text[:1].isupper()]


@attrs.frozen
class Itself:
    """The trigger's own phrase ("*Western sanctions*" for a measure role)."""

    def __call__(self, sent: ParsedSentence, trigger: Word) -> list[Word]:
        return [trigger]


@attrs.frozen
class First:
    """The words of the first of ``rules`` that finds any: ``First(Modifier(proper=True), Subject())``."""

    rules: tuple[Attachment, ...]

    def __init__(self, *rules: Attachment) -> None:
        self.__attrs_init__(rules)  # type: ignore[attr-defined]

    def __call__(self, sent: ParsedSentence, trigger: Word) -> list[Word]:
        for rule in self.rules:
            found = list(rule(sent, trigger))
            if found:
                return found
        return []


@attrs.frozen
class CountOf:
    """A count role: the number stated in the phrase of another role ("12 journalists")."""

    role: str


@attrs.frozen
class Trigger:
    """A trigger found in a sentence: its head word and the words of a multi-word entry."""

    word: Word
    words: tuple[Word, ...]


def _event_fields(event: type[Event]) -> set[str]:
    return {a.name for a in attrs.fields(event)}


@attrs.frozen(kw_only=False)
class EventPattern:
    """An event type, the lexicon list of its triggers, and how its roles attach.

    :param event: the event class to build.
    :param lexicon: the plugin's :class:`~eventx.rules.lexicons.Lexicon`.
    :param triggers: the key of the trigger list (single words and multi-word entries).
    :param roles: role name -> an attachment (:class:`Subject`, :class:`Object`,
        :class:`PassiveAgent`, :class:`Prep`, :class:`Modifier`, a callable returning words
        or spans) or :class:`CountOf` for a count role.
    :param upos: the parts of speech a single-word trigger may have.
    :param confidence: the events' confidence, or a callable giving it from the role values.
    :param accept: an optional filter ``(sentence, trigger word) -> bool``.
    :param required: roles an event must fill to be kept.
    :param exclude_heads: the key of a list of words whose dependents are no triggers
        ("sanctions" under "imposed" belongs to the verb's event).
    """

    event: type[Event]
    lexicon: Lexicon
    triggers: str
    roles: Mapping[str, RoleRule] = attrs.field(factory=dict)
    upos: tuple[str, ...] = ("VERB", "NOUN")
    confidence: float | Callable[[Mapping[str, Any]], float] = 0.8
    accept: Callable[[ParsedSentence, Word], bool] | None = None
    required: tuple[str, ...] = ()
    exclude_heads: str | None = None

    def __attrs_post_init__(self) -> None:
        kinds = roles(self.event)
        for name, rule in self.roles.items():
            if name not in kinds:
                raise ValueError(f"EventPattern for {self.event.__name__}: {name!r} is not a role of the event type")
            wanted = "count" if isinstance(rule, CountOf) else kinds[name]
            if kinds[name] != wanted:
                raise ValueError(f"EventPattern for {self.event.__name__}: {name!r} is a {kinds[name]} role")
            if isinstance(rule, CountOf) and kinds.get(rule.role) != "span":
                raise ValueError(f"EventPattern for {self.event.__name__}: CountOf({rule.role!r}) names no span role")

    def find(self, sent: ParsedSentence) -> list[Trigger]:
        """The triggers in a sentence: multi-word entries first, then single words."""
        entries = self.lexicon[self.triggers]
        starts = phrase_starts(entries)
        found: list[Trigger] = []
        used: set[int] = set()
        for word in sent.words_matching(entries, starts):
            words = phrase_at(sent, word, entries) if starts else None
            if words is None and (word.upos not in self.upos or word.deprel == "amod" or not matches(word, entries)):
                continue
            if word.id in used or not self._accepts(sent, word):
                continue
            found.append(Trigger(word, tuple(words or [word])))
            used.update(w.id for w in words or [word])
        return [t for t in found if not any(t.word.id in {w.id for w in o.words[1:]} for o in found)]

    def _accepts(self, sent: ParsedSentence, word: Word) -> bool:
        head = sent.head(word)
        if self.exclude_heads is not None and head is not None and matches(head, self.lexicon[self.exclude_heads]):
            return False
        return self.accept is None or self.accept(sent, word)

    def events(self, ctx: RuleContext, sent: ParsedSentence) -> Iterator[Event]:
        """The events of one sentence."""
        for trigger in self.find(sent):
            values = self._roles(sent, trigger)
            if any(not values.get(name) for name in self.required):
                continue
            span = sent.span(list(trigger.words), trim=False)
            fields = ctx.fields(sent, trigger.word, span=span)
            if fields["modality"] == "asserted" and _negated_argument(sent, trigger.word):
                fields["modality"] = "negated"  # "no journalists were arrested"
            confidence = self.confidence(values) if callable(self.confidence) else self.confidence
            yield self.event(**fields, confidence=confidence, **self._setting(ctx, sent, trigger, values))

    def extract(self, document: ParsedDocument) -> Iterator[Event]:
        """The events of a document (an ``ExtractorSpec.extract`` function)."""
        ctx = RuleContext(document)
        for sent in document.sentences:
            yield from self.events(ctx, sent)

    def spec(self, name: str, description: str) -> ExtractorSpec:
        """The :class:`eventx.ExtractorSpec` registering :meth:`extract` (lexicons checked now)."""
        return extractor_spec(name, self.extract, description, lexicons=[self.lexicon])

    def _roles(self, sent: ParsedSentence, trigger: Trigger) -> dict[str, Any]:
        """Role values: spans found from every word of the trigger ("taken into custody by soldiers"), then counts."""
        values: dict[str, Any] = {}
        heads: dict[str, list[Word]] = {}
        kinds = roles(self.event)
        for name, rule in self.roles.items():
            if isinstance(rule, CountOf):
                continue
            if kinds[name] == "count":  # a callable giving the count itself
                values[name] = rule(sent, trigger.word)
                continue
            found = [item for word in trigger.words for item in rule(sent, word)]
            heads[name] = [w for w in found if not isinstance(w, Span)]
            values[name] = dedupe(_spans(sent, found))
        for name, rule in self.roles.items():
            if isinstance(rule, CountOf):
                counts = (count_of(sent, w) for w in heads.get(rule.role, []))
                values[name] = next((c for c in counts if c is not None), None)
        return values

    def _setting(
        self, ctx: RuleContext, sent: ParsedSentence, trigger: Trigger, values: dict[str, Any]
    ) -> dict[str, Any]:
        """The role values with ``time`` and ``location`` filled in where the event type has them."""
        fields = _event_fields(self.event)
        wanted = {"time", "location"} & fields - set(self.roles)
        if wanted:
            heads = [trigger.word, *(h for h in event_heads(sent, trigger.word) if h is not trigger.word)]
            setting = ctx.setting(sent, heads)
            taken = [s for v in values.values() if isinstance(v, list) for s in v]
            places = [p for p in setting["location"] if all(not p.overlaps(t) for t in taken)]
            values = {**values, **{k: v for k, v in (("time", setting["time"]), ("location", places)) if k in wanted}}
        return {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}


def patterns_spec(name: str, description: str, *patterns: EventPattern) -> ExtractorSpec:
    """One extractor running several patterns (one :class:`RuleContext` per document, events
    sentence by sentence); their lexicons are checked now."""

    def extract(document: ParsedDocument) -> Iterator[Event]:
        ctx = RuleContext(document)
        for sent in document.sentences:
            for pattern in patterns:
                yield from pattern.events(ctx, sent)

    return extractor_spec(name, extract, description, lexicons=[p.lexicon for p in patterns])


def pattern_hooks(name: str, description: str, *patterns: EventPattern) -> tuple[Callable[..., None], ...]:
    """The two hook implementations of a plugin made of patterns, to bind at module level::

        register_event_types, register_extractors = pattern_hooks("arrest", "Arrest events", ARRESTS)

    ``register_event_types`` registers the patterns' event classes; ``register_extractors`` one
    extractor, ``name``, running them all (:func:`patterns_spec`, built when the plugin registers).
    """
    from eventx.hookspecs import hookimpl

    types = list(dict.fromkeys(p.event for p in patterns))

    @hookimpl
    def register_event_types(register: Callable[[type[Event]], None]) -> None:
        for event_type in types:
            register(event_type)

    @hookimpl
    def register_extractors(register: Callable[[ExtractorSpec], None]) -> None:
        register(patterns_spec(name, description, *patterns))

    return register_event_types, register_extractors


def _spans(sent: ParsedSentence, found: Sequence[Any]) -> list[Span]:
    """Spans for a role: spans as they are; words as entities or noun phrases over their conjuncts
    ("journalists and activists"), leaving out pronouns."""
    out: list[Span] = []
    for item in found:
        if isinstance(item, Span):
            out.append(item)
        elif item.upos != "PRON":
            out += conjunct_entities(sent, item)
    return out


def _negated_argument(sent: ParsedSentence, trigger: Word) -> bool:
    """The trigger's subject or object is denied: "*no* journalists were arrested", "*nobody* was held"."""
    for arg in sent.children(trigger, "nsubj", "obj"):
        if base(arg) in ("nobody", "none") or any(base(d) == "no" for d in sent.children(arg, "det")):
            return True
    return False
