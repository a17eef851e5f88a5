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

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import ClassVar

from attrs import define

from eventx import Demand, Event, ExtractorSpec, ParsedDocument, ParsedSentence, Span, count_role, hookimpl, span_role
from eventx.context import Attribution, base, modality, time_expressions
from eventx.lexicons import load_lexicon, word_set
from eventx.patterns import conjuncts, dedupe, matches, prep_objects, subject
from eventx.trees import Word, deprel_matches

NAME = "territory"
_PERCENT = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:%|per\s*cent|percent)$")


@define(frozen=True, kw_only=True)
class Control(Event):
    """A statement that an actor controls, occupies, captured or annexed territory."""

    type: ClassVar[str] = "Control"
    description: ClassVar[str] = "control, occupation, capture or annexation of territory"

    controller: tuple[Span, ...] = span_role(doc="who holds the territory")
    territory: tuple[Span, ...] = span_role(doc="the land held")
    time: tuple[Span, ...] = span_role(doc="when")
    share: int | None = count_role(doc="the share of the territory held, in percent, where stated")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    lex = load_lexicon("eventx_territory")
    return {key: word_set(lex, key) for key in lex}


def _is_land(sent: ParsedSentence, word: Word) -> bool:
    ent = sent.covering_entity(word)
    if ent is not None:
        return ent.type in ("LOC", "GPE")
    return matches(word, lexicon()["land_nouns"]) or (word.upos == "PROPN" and word.text[:1].isupper())


def _land_spans(sent: ParsedSentence, words: list[Word]) -> list[Span]:
    out: list[Span] = []
    for word in words:
        for w in conjuncts(sent, word):
            # "the city of Raqqa", "20% of Ukrainian territory": the land is the "of" complement
            inner = prep_objects(sent, w, "of")
            if (
                inner
                and (
                    matches(w, lexicon()["land_nouns"])
                    or matches(w, lexicon()["measures"])
                    or w.upos == "NUM"
                    or w.text.endswith("%")
                )
                and any(i.upos == "PROPN" or _is_land(sent, i) for i in inner)
            ):
                out += _land_spans(sent, inner)
                continue
            over = prep_objects(sent, w, "over")
            if over and matches(w, lexicon()["authority_nouns"]):
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
    lex = lexicon()
    for node in sent.ancestors(verb)[:3]:
        if matches(node, lex["demand_words"]) and node.upos in ("VERB", "NOUN"):
            return node
    return None


def _territorial_demands(doc: ParsedDocument, sent: ParsedSentence, attribution: Attribution) -> Iterator[Demand]:
    lex = lexicon()
    found: dict[int, tuple[Word, list[Span], list[Span]]] = {}
    for word in sent.words:
        if not (
            (word.upos == "VERB" and matches(word, lex["transfer_verbs"]))
            or (word.upos == "NOUN" and matches(word, lex["transfer_nouns"]))
        ):
            continue
        demand = _demand_word(sent, word)
        if demand is None:
            continue
        if word.upos == "VERB" and matches(word, lex["withdraw_verbs"]):
            # "withdraw its troops from North Kivu": the land is where they leave, not what
            places = prep_objects(sent, word, "from", "out of", "out")
        elif word.upos == "VERB":
            places = sent.children(word, "obj", "nsubj:pass") + prep_objects(
                sent, word, "from", "of", "out of", "to", "over"
            )
        else:
            places = prep_objects(sent, word, "of", "from", "to", "over")
        land = _land_spans(sent, places)
        if not land:
            continue
        _, contents, lands = found.setdefault(demand.id, (demand, [], []))
        contents.append(sent.span(word))
        lands.extend(land)
    for demand, contents, lands in found.values():
        yield Demand(
            sentence_index=sent.index,
            trigger=sent.span(demand),
            modality=modality(sent, demand, requested_ok=False) or "asserted",
            attributed_to=attribution.source(sent, demand),
            confidence=0.85,
            content=dedupe(contents),
            territory=dedupe(lands),
        )


# ---------------------------------------------------------------------------- control
def _share(sent: ParsedSentence, words: list[Word]) -> int | None:
    for word in words:
        for w in sent.subtree(word):
            text = w.text.strip()
            nxt = sent.word(w.id + 1)
            candidate = text + ("%" if nxt is not None and nxt.text in ("%", "percent") else "")
            m = _PERCENT.match(candidate)
            if m:
                return round(float(m.group(1)))
    return None


def _control_events(doc: ParsedDocument, sent: ParsedSentence, attribution: Attribution) -> Iterator[Control]:
    lex = lexicon()
    for word in sent.words:
        if word.upos == "VERB" and matches(word, lex["control_verbs"]) and word.deprel != "amod":
            objects = sent.children(word, "obj")
            if (
                base(word) in ("take", "hold")
                and not any(base(o) == "control" for o in objects)
                and not any(_is_land(sent, o) for o in objects)
            ):
                continue
            if base(word) == "take":
                objects = [o for o in objects if base(o) == "control"]
                objects = [x for o in objects for x in prep_objects(sent, o, "of")]
            land = _land_spans(sent, objects)
            if not land:
                continue
            subj = subject(sent, word)
            if subj is not None and deprel_matches(subj.deprel, ("nsubj",)) and subj.upos == "PRON":
                head = sent.head(subj)
                subj = sent.head(head) if word.deprel == "acl:relcl" else subj
            if word.deprel.startswith("acl") and (subj is None or subj.upos == "PRON"):
                subj = sent.head(word)
            controller = [sent.entity_or_phrase(subj)] if subj is not None and subj.upos != "PRON" else []
            share = _share(sent, objects)
        elif word.upos == "NOUN" and matches(word, lex["control_nouns"]) and base(word) != "control":
            land = _land_spans(sent, prep_objects(sent, word, "of"))
            if not land:
                continue
            controller = [sent.entity_or_phrase(p) for p in sent.children(word, "nmod:poss")]
            controller += [sent.entity_or_phrase(p) for p in prep_objects(sent, word, "by")]
            share = None
        else:
            continue
        yield Control(
            sentence_index=sent.index,
            trigger=sent.span(word),
            modality=modality(sent, word) or "asserted",
            attributed_to=attribution.source(sent, word),
            confidence=0.8 if controller else 0.6,
            controller=dedupe(controller),
            territory=land,
            time=time_expressions(sent, word),
            share=share,
        )


def extract(doc: ParsedDocument) -> Iterator[Event]:
    """Territorial demands and Control events of one document."""
    attribution = Attribution(doc)
    for sent in doc.sentences:
        yield from _territorial_demands(doc, sent, attribution)
        yield from _control_events(doc, sent, attribution)


@hookimpl
def register_event_types(register: Callable[[type[Event]], None]) -> None:
    register(Control)


@hookimpl
def register_extractors(register: Callable[[ExtractorSpec], None]) -> None:
    register(
        ExtractorSpec(
            name=NAME,
            extract=extract,
            processors={"tokenize", "pos", "lemma", "depparse", "ner"},
            description="Territorial demands (the Demand territory role) and Control events",
        )
    )
