"""territory: territorial demands and statements of control, occupation and annexation.

A built-in eventx plugin.  It shows the two ways a plugin adds knowledge:

* it fills the ``territory`` role of core ``Demand`` events ("demands that
  Ukraine cede four regions"); the diplomacy plugin sees the same trigger, and
  the core merges the two events into one;
* it registers its own event type, ``Control`` ("the Russian army, which
  occupies about 20% of Ukrainian territory"), with a controller, the
  territory, the share in percent where stated, and the time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from typing import Any, ClassVar

from attrs import define

from eventx import Demand, Event, ExtractorSpec, ParsedDocument, ParsedSentence, Span, count_role, hookimpl, span_role
from eventx.rules import (
    EventPattern,
    Lexicon,
    RuleContext,
    Word,
    base,
    conjuncts,
    dedupe,
    deprel_matches,
    extractor_spec,
    matches,
    percent_of,
    phrase_starts,
    prep_objects,
    subject,
    time_expressions,
)

NAME = "territory"
LEXICON = Lexicon("eventx_territory")


@define(frozen=True, kw_only=True)
class Control(Event):
    """A statement that an actor controls, occupies, captured or annexed territory."""

    type: ClassVar[str] = "Control"
    description: ClassVar[str] = "control, occupation, capture or annexation of territory"

    controller: tuple[Span, ...] = span_role(doc="who holds the territory")
    territory: tuple[Span, ...] = span_role(doc="the land held")
    time: tuple[Span, ...] = span_role(doc="when")
    share: int | None = count_role(doc="the share of the territory held, in percent, where stated")


def _is_land(sent: ParsedSentence, word: Word) -> bool:
    """A word that names land: a place entity, a land noun ("region"), or a capitalised proper noun."""
    ent = sent.covering_entity(word)
    if ent is not None:
        return ent.type in ("LOC", "GPE")
    return matches(word, LEXICON["land_nouns"]) or (word.upos == "PROPN" and word.text[:1].isupper())


def _land_spans(sent: ParsedSentence, words: list[Word]) -> list[Span]:
    """The land named by ``words`` and their conjuncts, looking through "the city of X", "20% of X"
    and "sovereignty over X"."""
    out: list[Span] = []
    for word in words:
        for w in conjuncts(sent, word):
            # "the city of Raqqa", "20% of Ukrainian territory": the land is the "of" complement
            inner = prep_objects(sent, w, "of")
            if (
                inner
                and (
                    matches(w, LEXICON["land_nouns"])
                    or matches(w, LEXICON["measures"])
                    or w.upos == "NUM"
                    or w.text.endswith("%")
                )
                and any(i.upos == "PROPN" or _is_land(sent, i) for i in inner)
            ):
                out += _land_spans(sent, inner)
                continue
            over = prep_objects(sent, w, "over")
            if over and matches(w, LEXICON["authority_nouns"]):
                out += _land_spans(sent, over)  # "sovereignty over Assab"
                continue
            for extra in prep_objects(sent, w, "along with", "including", "as well as"):
                if _is_land(sent, extra):
                    out.append(sent.entity_or_phrase(extra))
            if _is_land(sent, w):
                out.append(sent.entity_or_phrase(w) if sent.covering_entity(w) else sent.phrase(w))
    return dedupe(out)


# ---------------------------------------------------------------------------- demands
def _demand_word(sent: ParsedSentence, verb: Word) -> Word | None:
    """The demand word governing a territorial verb ("called on X to withdraw", "demand that Y cede")."""
    for node in sent.ancestors(verb)[:3]:
        if matches(node, LEXICON["demand_words"]) and node.upos in ("VERB", "NOUN"):
            return node
    return None


def _demand_places(sent: ParsedSentence, word: Word) -> list[Word]:
    """The words that may name the land a territorial verb or noun is about."""
    if word.upos == "VERB" and matches(word, LEXICON["withdraw_verbs"]):
        # "withdraw its troops from North Kivu": the land is where they leave, not what
        return prep_objects(sent, word, "from", "out of", "out")
    if word.upos == "VERB":
        return sent.children(word, "obj", "nsubj:pass") + prep_objects(sent, word, "from", "of", "out of", "to", "over")
    return prep_objects(sent, word, "of", "from", "to", "over")


def _territorial_demands(ctx: RuleContext, sent: ParsedSentence) -> Iterator[Demand]:
    """Demands whose content is a territorial verb or noun ("demanded that Ukraine cede four regions"):
    the demand word is the trigger, the land fills the ``territory`` role."""
    if not sent.words_matching(LEXICON["demand_words"]):
        return  # no demand word for a territorial verb to hang from (:func:`_demand_word`)
    found: dict[int, tuple[Word, list[Span], list[Span]]] = {}
    for word in sent.words_matching(LEXICON.union("transfer_verbs", "transfer_nouns")):
        if not (
            (word.upos == "VERB" and matches(word, LEXICON["transfer_verbs"]))
            or (word.upos == "NOUN" and matches(word, LEXICON["transfer_nouns"]))
        ):
            continue
        demand = _demand_word(sent, word)
        land = _land_spans(sent, _demand_places(sent, word)) if demand is not None else []
        if demand is None or not land:
            continue
        _, contents, lands = found.setdefault(demand.id, (demand, [], []))
        contents.append(sent.span(word))
        lands.extend(land)
    for demand, contents, lands in found.values():
        yield Demand(
            **ctx.fields(sent, demand, requested_ok=False),
            confidence=0.85,
            content=tuple(dedupe(contents)),
            territory=tuple(dedupe(lands)),
        )


# ---------------------------------------------------------------------------- control
# Control events in the declarative form: the trigger lists, and a rule per role.
def _controller_of_verb(sent: ParsedSentence, verb: Word) -> list[Span]:
    """Who controls: the verb's subject; for a relative clause ("the army, which occupies ...") its head."""
    subj = subject(sent, verb)
    if subj is not None and deprel_matches(subj.deprel, ("nsubj",)) and subj.upos == "PRON":
        head = sent.head(subj)
        subj = sent.head(head) if verb.deprel == "acl:relcl" and head is not None else subj
    if verb.deprel.startswith("acl") and (subj is None or subj.upos == "PRON"):
        subj = sent.head(verb)
    return [sent.entity_or_phrase(subj)] if subj is not None and subj.upos != "PRON" else []


def _holds_land(sent: ParsedSentence, verb: Word) -> bool:
    """ "take" and "hold" are control verbs only for control or land ("took control of", "holds the city")."""
    objects = sent.children(verb, "obj")
    return base(verb) not in ("take", "hold") or any(base(o) == "control" or _is_land(sent, o) for o in objects)


def _held(sent: ParsedSentence, verb: Word) -> list[Word]:
    """What a control verb holds: its objects; for "took control of X", X."""
    objects = sent.children(verb, "obj")
    if base(verb) == "take":
        return [x for o in objects if base(o) == "control" for x in prep_objects(sent, o, "of")]
    return objects


def _controller_of_noun(sent: ParsedSentence, noun: Word) -> list[Span]:
    """ "Russia's occupation", "the capture of the town by rebels"."""
    out = [sent.entity_or_phrase(p) for p in sent.children(noun, "nmod:poss")]
    return out + [sent.entity_or_phrase(p) for p in prep_objects(sent, noun, "by")]


def _confidence(values: Mapping[str, Any]) -> float:
    """Lower without a controller ("the occupation of Crimea")."""
    return 0.8 if values["controller"] else 0.6


def _trigger_time(sent: ParsedSentence, word: Word) -> list[Span]:
    """Time phrases on the trigger itself."""
    return time_expressions(sent, word)


CONTROL_VERBS = EventPattern(
    Control,
    LEXICON,
    "control_verbs",
    {
        "controller": _controller_of_verb,
        "territory": lambda sent, verb: _land_spans(sent, _held(sent, verb)),
        "time": _trigger_time,
        "share": lambda sent, verb: percent_of(sent, _held(sent, verb)),
    },
    upos=("VERB",),
    confidence=_confidence,
    accept=_holds_land,
    required=("territory",),
)
CONTROL_NOUNS = EventPattern(
    Control,
    LEXICON,
    "control_nouns",
    {
        "controller": _controller_of_noun,
        "territory": lambda sent, noun: _land_spans(sent, prep_objects(sent, noun, "of")),
        "time": _trigger_time,
    },
    upos=("NOUN",),
    confidence=_confidence,
    accept=lambda sent, noun: base(noun) != "control",
    required=("territory",),
)


def extract(doc: ParsedDocument) -> Iterator[Event]:
    """Territorial demands (imperative: the trigger is the demand word above a territorial verb)
    and Control events (declarative patterns) of one document."""
    ctx = RuleContext(doc)
    for sent in doc.sentences:
        # Each event needs a demand word or a control word: most sentences have neither, and one
        # set intersection rules them out before the three scans below.
        if not sent.words_matching(_cue_words(LEXICON.union("demand_words", "control_verbs", "control_nouns"))):
            continue
        yield from _territorial_demands(ctx, sent)
        yield from CONTROL_VERBS.events(ctx, sent)
        yield from CONTROL_NOUNS.events(ctx, sent)


@lru_cache(maxsize=8)
def _cue_words(words: frozenset[str]) -> frozenset[str]:
    """``words`` with the first words of their multi-word entries (the control patterns find
    those too); cached per lexicon, which stays the same set object for one search path."""
    return words | phrase_starts(words)


@hookimpl
def register_event_types(register: Callable[[type[Event]], None]) -> None:
    register(Control)


@hookimpl
def register_extractors(register: Callable[[ExtractorSpec], None]) -> None:
    register(
        extractor_spec(
            NAME, extract, "Territorial demands (the Demand territory role) and Control events", lexicons=[LEXICON]
        )
    )
