"""eventx-sanctions: an example eventx plugin that finds Sanction events.

It contributes one event type and one extractor through two hooks:

* "The European Union imposed sanctions on Iran"   -> imposer, target, measure
* "The US sanctioned three Iranian banks"          -> imposer, target
* "Western sanctions against Russia were extended" -> imposer, target, measure
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import ClassVar

import attrs

from eventx import Event, ExtractorSpec, ParsedDocument, ParsedSentence, Span, hookimpl, span_role
from eventx.rules import (
    Attribution,
    Word,
    conjuncts,
    dedupe,
    is_time_word,
    load_lexicon,
    matches,
    modality,
    prep_objects,
    subject,
    word_set,
)

__version__ = "0.1.0"
NAME = "sanctions"


# ---------------------------------------------------------------------------- the event type
@attrs.define(frozen=True, kw_only=True)
class Sanction(Event):
    """Sanctions, embargoes and similar measures one party imposes on another."""

    type: ClassVar[str] = "Sanction"
    description: ClassVar[str] = "sanctions, embargoes and blacklistings one party imposes on another"

    imposer: tuple[Span, ...] = span_role(doc="who imposes the measure")
    target: tuple[Span, ...] = span_role(doc="who or what is sanctioned")
    measure: tuple[Span, ...] = span_role(doc="the measure itself")


# ---------------------------------------------------------------------------- word lists
@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    """The packaged lexicon.toml, merged with the user's eventx_sanctions.toml (EVENTX_LEXICON_PATH)."""
    lex = load_lexicon("eventx_sanctions")
    return {key: word_set(lex, key) for key in lex}


# ---------------------------------------------------------------------------- roles
def _parties(sent: ParsedSentence, word: Word | None) -> list[Span]:
    """A party and those coordinated with it ("Iran and Syria"), each as an entity or noun phrase."""
    if word is None:
        return []
    return [sent.entity_or_phrase(w) for w in conjuncts(sent, word)]


def _targets(sent: ParsedSentence, *heads: Word) -> list[Span]:
    """ "on X" / "against X" under any of the heads, skipping times ("on Monday")."""
    out: list[Span] = []
    for head in heads:
        for obj in prep_objects(sent, head, "on", "against"):
            if not is_time_word(obj):
                out += _parties(sent, obj)
    return out


def _imposer_of_noun(sent: ParsedSentence, noun: Word) -> list[Span]:
    """ "EU sanctions", "Washington's sanctions", "Western sanctions"."""
    out = [sent.entity_or_phrase(k) for k in sent.children(noun, "nmod:poss")]
    out += [sent.entity_or_phrase(k) for k in sent.children(noun, "compound", "amod")
            if k.upos == "PROPN" or (k.upos == "ADJ" and k.text[:1].isupper())]
    return out


# ---------------------------------------------------------------------------- the extractor
def _find(sent: ParsedSentence) -> Iterator[tuple[Word, dict[str, list[Span]], float]]:
    """(trigger word, roles, confidence) for each sanction in one sentence."""
    lex = lexicon()
    for word in sent.words:
        if word.upos == "VERB" and matches(word, lex["sanction_verbs"]):
            # "The US sanctioned three banks" / "Three banks were sanctioned by the US"
            target = sent.child(word, "obj") or sent.child(word, "nsubj:pass")
            yield word, {"imposer": _parties(sent, subject(sent, word)), "target": _parties(sent, target),
                         "measure": []}, 0.8
        elif word.upos == "VERB" and matches(word, lex["impose_verbs"]):
            # "imposed sanctions on Iran": the measure is the object, the target hangs from verb or noun
            measures = [m for m in sent.children(word, "obj", "nsubj:pass") if matches(m, lex["measure_nouns"])]
            if measures:
                yield word, {"imposer": _parties(sent, subject(sent, word)),
                             "target": _targets(sent, word, *measures),
                             "measure": [sent.phrase(m) for m in measures]}, 0.8
        elif word.upos == "NOUN" and matches(word, lex["measure_nouns"]):
            # "sanctions on/against X" that no impose verb governs
            head = sent.head(word)
            if head is not None and matches(head, lex["impose_verbs"]):
                continue
            targets = _targets(sent, word)
            if not targets:
                continue
            imposer = _imposer_of_noun(sent, word)
            if not imposer and head is not None and word.deprel == "obj" and matches(head, lex["announce_verbs"]):
                imposer = _parties(sent, subject(sent, head))
            yield word, {"imposer": imposer, "target": targets, "measure": [sent.phrase(word)]}, 0.6


def extract(document: ParsedDocument) -> Iterator[Sanction]:
    """Every Sanction event in a parsed document."""
    attribution = Attribution(document)
    for sent in document.sentences:
        for trigger, roles, confidence in _find(sent):
            yield Sanction(
                sentence_index=sent.index,
                trigger=sent.span(trigger),
                modality=modality(sent, trigger) or "asserted",
                attributed_to=attribution.source(sent, trigger),
                confidence=confidence,
                imposer=dedupe(roles["imposer"]),
                target=dedupe(roles["target"]),
                measure=dedupe(roles["measure"]),
            )


# ---------------------------------------------------------------------------- the hooks
@hookimpl
def register_event_types(register: Callable[[type[Event]], None]) -> None:
    register(Sanction)


@hookimpl
def register_extractors(register: Callable[[ExtractorSpec], None]) -> None:
    register(ExtractorSpec(
        name=NAME,
        extract=extract,
        processors={"tokenize", "pos", "lemma", "depparse", "ner"},
        description="Sanction events: sanctions, embargoes, blacklistings",
    ))
