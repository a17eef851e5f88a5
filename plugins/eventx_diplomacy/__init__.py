"""diplomacy: Meeting, Demand and Exchange events from diplomatic reporting.

A built-in eventx plugin, registered through the ``eventx`` entry point like
any outside plugin.  Trigger words and filters live in ``lexicon.toml``.
The ``territory`` role of demands is left to the territory plugin; the core
merges the two plugins' events on the same trigger.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

import attrs

from eventx import Demand, Event, Exchange, ExtractorSpec, Meeting, ParsedDocument, ParsedSentence, Span, hookimpl
from eventx.context import Attribution, base, is_time_word, modality, sentence_times, time_expressions
from eventx.lexicons import load_lexicon, word_set
from eventx.patterns import (
    case_of,
    conjuncts,
    dedupe,
    event_heads,
    locations,
    matches,
    nested_locations,
    prep_objects,
    subject,
)
from eventx.trees import Word, deprel_matches

NAME = "diplomacy"
# People nouns whose "of X" / "from X" names the party they represent.
_REPRESENTATIVES = frozenset(
    {
        "representative",
        "delegation",
        "delegate",
        "official",
        "negotiator",
        "envoy",
        "leader",
        "minister",
        "member",
        "team",
        "diplomat",
        "emissary",
        "side",
        "head",
    }
)
_DEMONSTRATIVES = frozenset({"these", "those", "such", "this", "that"})


@lru_cache(maxsize=1)
def lexicon() -> dict[str, dict[str, frozenset[str]]]:
    lex = load_lexicon("eventx_diplomacy")
    return {section: {key: word_set(values, key) for key in values} for section, values in lex.items()}


def _common(
    doc: ParsedDocument,
    sent: ParsedSentence,
    trigger: Word,
    attribution: Attribution,
    default: str = "asserted",
    requested_ok: bool = True,
) -> dict[str, Any]:
    found = modality(sent, trigger, requested_ok=requested_ok)
    return {
        "sentence_index": sent.index,
        "trigger": sent.span(trigger),
        "modality": found or default,
        "attributed_to": attribution.source(sent, trigger),
    }


def _parties(sent: ParsedSentence, word: Word) -> list[Span]:
    """Participants named by a word: itself and its conjuncts, or the parties its representatives stand for."""
    out: list[Span] = []
    for w in conjuncts(sent, word):
        if w.upos not in ("NOUN", "PROPN", "X", "NUM") or is_time_word(w):
            continue
        represented = prep_objects(sent, w, "of", "from") if matches(w, _REPRESENTATIVES) else []
        if represented:
            for r in represented:
                out += [sent.entity_or_phrase(x) for x in conjuncts(sent, r)]
        else:
            out.append(sent.entity_or_phrase(w))
    return out


# ---------------------------------------------------------------------------- meetings
def _is_meeting(sent: ParsedSentence, word: Word) -> bool:
    lex = lexicon()["meeting"]
    if word.upos == "NOUN" and matches(word, lex["nouns"]):
        if any(matches(m, lex["not_modifiers"]) for m in sent.children(word, "compound", "amod", "nmod:poss")):
            return False
        if any(base(o) in ("mind", "minds") for o in prep_objects(sent, word, "of")):
            return False
        if matches(word, lex["weak_nouns"]):
            return bool(prep_objects(sent, word, "between", "with")) or any(
                base(m) in ("peace", "ceasefire", "truce") for m in sent.children(word, "compound", "amod")
            )
        return not (base(word) == "round" or (word.deprel == "compound" and base(sent.head(word)) in ("table",)))
    if word.upos == "VERB" and matches(word, lex["verbs"]) and word.deprel not in ("amod",) and base(word) != "host":
        objects = sent.children(word, "obj") + prep_objects(sent, word, "with")
        if any(matches(o, lex["not_objects"]) for o in objects):
            return False
        if base(word) == "visit":
            return subject(sent, word) is not None
        return True
    if word.upos == "VERB" and base(word) == "talk" and word.deprel != "amod":
        # "refused to talk to the rebels", "talked with Pashinyan"
        return any(p.upos in ("PROPN", "NOUN") for p in prep_objects(sent, word, "to", "with"))
    return False


def _meeting(doc: ParsedDocument, sent: ParsedSentence, trigger: Word, attribution: Attribution) -> Meeting:
    lex = lexicon()["meeting"]
    participants: list[Span] = []
    places: list[Span] = []
    heads = [trigger]
    if trigger.upos == "VERB":
        subj = subject(sent, trigger)
        if subj is not None:
            participants += _parties(sent, subj)
        # "met the envoy": the object takes part; "negotiate access": the object is the topic
        objects = [] if base(trigger) in ("negotiate", "talk") else sent.children(trigger, "obj")
        for obj in [*objects, *prep_objects(sent, trigger, "to", "with")]:
            if (
                base(trigger) == "visit"
                and sent.covering_entity(obj) is not None
                and sent.covering_entity(obj).type in ("LOC", "GPE")
            ):
                places.append(sent.entity_or_phrase(obj))
            else:
                participants += _parties(sent, obj)
    else:
        head = sent.head(trigger)
        if (
            head is not None
            and deprel_matches(trigger.deprel, ("obj", "nsubj:pass"))
            and matches(head, lex["light_verbs"])
        ):
            heads.append(head)
            if not matches(head, lex["host_verbs"]):
                subj = subject(sent, head)
                if subj is not None:
                    participants += _parties(sent, subj)
        if (
            head is not None
            and matches(head, lexicon()["demand"]["verbs"])
            and deprel_matches(trigger.deprel, ("obj", "obl"))
        ):
            # "requested a meeting with the prime minister": who asks takes part
            subj = subject(sent, head)
            if subj is not None:
                participants += _parties(sent, subj)
        for poss in sent.children(trigger, "nmod:poss"):
            ent = sent.covering_entity(poss)
            if ent is not None and not is_time_word(poss) and ent.type in ("PER", "ORG", "LOC", "GPE", "NORP"):
                participants.append(sent.entity_or_phrase(poss))
        for mod in sent.children(trigger, "compound"):
            ent = sent.covering_entity(mod)
            if ent is not None and ent.type in ("LOC", "GPE"):
                places.append(sent.entity_or_phrase(mod))
        heads += [k for k in sent.children(trigger, "acl") if k.upos == "VERB"]
    for h in heads:
        for other in prep_objects(sent, h, "between", "with", "among"):
            participants += _parties(sent, other)
    heads += [h for h in event_heads(sent, trigger) if h not in heads and not matches(h, lexicon()["demand"]["verbs"])]
    places += locations(sent, heads, preps=("in", "at", "inside", "near"))
    places += nested_locations(sent, trigger) if trigger.upos == "VERB" else []
    if base(trigger) == "visit":
        places += locations(sent, [trigger], preps=("to",))
    places = [p for p in places if all(not p.overlaps(q) for q in participants)]
    return Meeting(
        **_common(doc, sent, trigger, attribution),
        confidence=0.9 if participants else 0.75,
        participants=dedupe(participants),
        location=dedupe(places),
        time=time_expressions(sent, *heads),
    )


# ---------------------------------------------------------------------------- demands
def _is_demand(sent: ParsedSentence, word: Word) -> bool:
    lex = lexicon()["demand"]
    lemma = base(word)
    if word.upos == "VERB" and matches(word, lex["verbs"]) and word.deprel != "amod":
        if lemma == "call":
            return (
                bool(prep_objects(sent, word, "on", "upon", "for")) and not sent.children(word, "xcomp", "obj")
            ) or bool(prep_objects(sent, word, "on", "upon") and sent.children(word, "xcomp"))
        if lemma in ("ask", "press", "push", "appeal", "plead"):
            return bool(sent.children(word, "xcomp", "ccomp") or prep_objects(sent, word, "for", "to"))
        if lemma == "insist":
            return bool(prep_objects(sent, word, "on")) or any(
                _aux_modal(sent, c) or _subjunctive(c) for c in sent.children(word, "ccomp")
            )
        if lemma == "offer":
            return bool(
                sent.children(word, "xcomp")
                or any(
                    not matches(
                        o, {"condolence", "condolences", "support", "help", "prayer", "prayers", "thanks", "apology"}
                    )
                    for o in sent.children(word, "obj")
                )
            )
        return True
    if word.upos == "NOUN" and matches(word, lex["nouns"]):
        mods = sent.children(word, "compound", "amod", "det")
        if any(matches(m, lex["not_modifiers"]) or base(m) in _DEMONSTRATIVES for m in mods):
            return False
        complements = prep_objects(sent, word, "for", "of")
        if lemma == "demand" and any(matches(c, lex["commodities"]) for c in complements):
            return False
        if lemma == "demand" and any(
            matches(m, lex["commodities"]) for m in sent.children(word, "compound", "nmod:poss")
        ):
            return False
        if lemma in ("call", "offer", "proposal", "appeal", "plea", "request", "petition"):
            return bool(
                complements
                or sent.children(word, "acl", "ccomp", "nmod:poss")
                or prep_objects(sent, word, "on", "to", "by", "from")
            )
        if lemma == "demand":
            return bool(
                complements
                or sent.children(word, "acl", "ccomp", "nmod:poss")
                or prep_objects(sent, word, "by", "from", "on")
                or _light_head(sent, word) is not None
            )
        return True
    return False


def _aux_modal(sent: ParsedSentence, verb: Word) -> bool:
    return any(base(a) in ("must", "should", "shall", "have") for a in sent.children(verb, "aux"))


def _subjunctive(verb: Word) -> bool:
    feats = verb.feats or ""
    return "VerbForm=Inf" in feats or (verb.xpos == "VB")


def _light_head(sent: ParsedSentence, noun: Word) -> Word | None:
    head = sent.head(noun)
    if head is not None and deprel_matches(noun.deprel, ("obj",)) and matches(head, lexicon()["demand"]["light_verbs"]):
        return head
    return None


def _content_words(sent: ParsedSentence, words: list[Word]) -> list[Span]:
    """What is demanded: a noun phrase ("a ceasefire"), a verb ("withdraw"), or a light verb with its
    object ("hold a referendum")."""
    out: list[Span] = []
    for w in words:
        for c in conjuncts(sent, w):
            if c.upos in ("SCONJ", "PRON", "DET", "PUNCT", "ADP", "CCONJ"):
                continue
            if c is not w and matches(c, lexicon()["demand"]["verbs"]):
                continue  # "urged X to act and called on Y": a second demand, not more content
            if c.upos in ("VERB", "AUX") and not matches(c, lexicon()["demand"]["content_light_verbs"]):
                out.append(sent.span(c))  # "withdraw", "cede": the verb says what is demanded
            elif c.upos in ("VERB", "AUX"):
                # "hold a referendum", "show restraint": a light verb says little without its object
                obj = sent.child(c, "obj")
                prt = sent.child(c, "compound:prt")
                last = max([c, *(x for x in (obj, prt) if x is not None)], key=lambda x: x.id)
                end = sent.phrase(obj) if obj is not None and last is obj else sent.span(last)
                start = sent.span(c)
                out.append(Span(text=sent.doc_text[start.start : end.end], start=start.start, end=end.end))
            else:
                out.append(sent.phrase(c))
    return out


def _demand(doc: ParsedDocument, sent: ParsedSentence, trigger: Word, attribution: Attribution) -> Demand:
    demander: list[Span] = []
    addressee: list[Span] = []
    content: list[Span] = []
    lemma = base(trigger)
    if trigger.upos == "VERB":
        subj = subject(sent, trigger)
        if subj is not None:
            if subj.upos == "PRON":
                source = attribution.source(sent, trigger)
                demander += [source] if source is not None else []
            else:
                demander += _parties(sent, subj)
        xcomps = sent.children(trigger, "xcomp")
        objects = sent.children(trigger, "obj", "iobj")
        if lemma in ("urge", "ask", "press", "push", "implore", "exhort", "summon") and (
            xcomps or any(o.upos == "PROPN" or sent.covering_entity(o) is not None for o in objects)
        ):
            # "urged Baku to withdraw", "presses Eritrea over sea access": the object is asked
            addressee += [a for o in objects for a in _parties(sent, o)]
            objects = prep_objects(sent, trigger, "over", "on", "about")
        if lemma == "insist":
            content += _content_words(sent, prep_objects(sent, trigger, "on", "upon"))
        else:
            addressee += [a for o in prep_objects(sent, trigger, "on", "upon", "to", "of") for a in _parties(sent, o)]
        for ccomp in sent.children(trigger, "ccomp", "xcomp"):
            # "demanded that Riyadh pay ...": who is to act is the addressee
            inner = sent.child(ccomp, "nsubj") or sent.child(ccomp, "nsubj:pass")
            if inner is not None and inner.upos != "PRON" and lemma not in ("offer", "propose"):
                addressee += _parties(sent, inner)
        content += _content_words(
            sent, [*objects, *xcomps, *sent.children(trigger, "ccomp"), *prep_objects(sent, trigger, "for")]
        )
    else:
        for poss in sent.children(trigger, "nmod:poss"):
            demander += _parties(sent, poss)
        demander += [d for o in prep_objects(sent, trigger, "by", "from") for d in _parties(sent, o)]
        light = _light_head(sent, trigger)
        if not demander and light is not None:
            subj = subject(sent, light)
            if subj is not None:
                demander += _parties(sent, subj)
        addressee += [a for o in prep_objects(sent, trigger, "on", "upon", "to") for a in _parties(sent, o)]
        if light is not None:
            addressee += [a for o in prep_objects(sent, light, "to") for a in _parties(sent, o)]
            addressee += [a for o in sent.children(light, "iobj") for a in _parties(sent, o)]
        clauses = sent.children(trigger, "acl", "ccomp")
        for clause in clauses:
            inner = sent.child(clause, "nsubj") or sent.child(clause, "nsubj:pass")
            if inner is not None and inner.upos != "PRON" and lemma not in ("offer", "proposal"):
                addressee += _parties(sent, inner)
        content += _content_words(sent, [*prep_objects(sent, trigger, "for", "of"), *clauses])
    content = [c for c in content if all(not c.overlaps(a) for a in addressee)]
    return Demand(
        **_common(doc, sent, trigger, attribution, requested_ok=False),
        confidence=0.9 if (demander and content) else 0.7,
        demander=dedupe(demander),
        addressee=dedupe([a for a in addressee if all(not a.overlaps(d) for d in demander)]),
        content=dedupe(content),
    )


# ---------------------------------------------------------------------------- exchanges
def _exchange_items(sent: ParsedSentence, trigger: Word) -> tuple[list[Word], list[Word]]:
    """The exchanged item words, and the count words of a "N for N" phrase."""
    items_lex = lexicon()["exchange"]["items"]
    items: list[Word] = []
    counts: list[Word] = []
    candidates: list[Word] = []
    if trigger.upos == "VERB":
        candidates += sent.children(trigger, "obj", "nsubj:pass")
        candidates += prep_objects(sent, trigger, "for")  # "exchanged for 1,900 prisoners"
        head = sent.head(trigger)
        if head is not None and trigger.deprel.startswith("acl"):
            candidates.append(head)  # "33 hostages to be exchanged"
    else:
        candidates += prep_objects(sent, trigger, "of")
        candidates += [m for m in sent.children(trigger, "compound") if matches(m, items_lex)]
        head = sent.head(trigger)
        if case_of(sent, trigger) == "in" and head is not None:  # "released 33 hostages in exchange for ..."
            candidates += sent.children(head, "obj", "nsubj:pass")
        candidates += prep_objects(sent, trigger, "for")
    for cand in candidates:
        for c in conjuncts(sent, cand):
            if matches(c, items_lex):
                items.append(c)
            elif c.upos == "NUM":
                counts.append(c)
                for inner in prep_objects(sent, c, "for"):
                    if matches(inner, items_lex):
                        items.append(inner)
    return items, counts


def _is_exchange(sent: ParsedSentence, word: Word, swap_context: bool) -> bool:
    lex = lexicon()["exchange"]
    if not matches(word, lex["nouns"] | lex["verbs"]) or word.upos not in ("NOUN", "VERB"):
        return False
    lemma = base(word)
    if any(matches(m, lex["not_modifiers"]) for m in sent.children(word, "compound", "amod")):
        return False
    head = sent.head(word)
    if word.deprel == "compound" and head is not None and matches(head, lex["not_modifiers"]):
        return False
    if any(matches(o, lex["not_objects"]) for o in [*sent.children(word, "obj"), *prep_objects(sent, word, "of")]):
        return False
    items, counts = _exchange_items(sent, word)
    if lemma in ("release", "free", "return", "repatriate", "handover", "hand-over"):
        return swap_context and bool(items)
    previous = sent.word(word.id - 1)
    while previous is not None and previous.upos == "PUNCT":
        previous = sent.word(previous.id - 1)
    if previous is not None and previous.text.lower() == "to" and not items:
        return False  # "the need to exchange each side's conditions": a verb, with nothing exchanged
    if lemma == "trade":
        return bool(items)
    if word.upos == "NOUN" and lemma == "swap":
        return True  # financial swaps are ruled out by their modifiers above
    return bool(items or counts) or (word.upos == "NOUN" and swap_context)


def _exchange(
    doc: ParsedDocument, sent: ParsedSentence, trigger: Word, attribution: Attribution, happened: bool = False
) -> Exchange:
    items, counts = _exchange_items(sent, trigger)
    if not items:
        # "Four hostages and 183 prisoners freed in fifth Gaza swap": the captives of the sentence
        items = [w for w in sent.words if matches(w, lexicon()["exchange"]["captives"]) and w.upos == "NOUN"]
    quantity = None
    for w in [*counts, *items]:
        found = sent.numbers(w)
        if found:
            quantity = found[0][1]
            break
    parties: list[Span] = []
    heads = [trigger]
    if trigger.upos == "VERB":
        subj = subject(sent, trigger)
        if subj is not None and not matches(subj, lexicon()["exchange"]["items"]):
            parties += _parties(sent, subj)
    else:
        head = sent.head(trigger)
        if head is not None and deprel_matches(trigger.deprel, ("obj",)) and head.upos == "VERB":
            heads.append(head)
            subj = subject(sent, head)
            if subj is not None and not matches(subj, lexicon()["exchange"]["items"]):
                parties += _parties(sent, subj)
    for h in heads:
        parties += [p for o in prep_objects(sent, h, "between") for p in _parties(sent, o)]
    found = modality(sent, trigger)
    # A swap named by a noun, with no tense of its own, is planned unless the story reports
    # one as done ("Israel freed 183 prisoners", "the two sides exchanged 400 prisoners").
    default = "asserted"
    if (
        found is None
        and trigger.upos == "NOUN"
        and not happened
        and not any(_past(w) for w in sent.ancestors(trigger)[:2])
    ):
        default = "planned"
    item_spans = [sent.span(i) if i.deprel == "compound" else sent.phrase(i) for i in items]
    return Exchange(
        sentence_index=sent.index,
        trigger=sent.span(trigger),
        modality=found or default,
        attributed_to=attribution.source(sent, trigger),
        confidence=0.9 if items else 0.7,
        parties=dedupe(parties),
        items=dedupe(item_spans),
        quantity=quantity,
    )


def _past(word: Word, sent: ParsedSentence | None = None) -> bool:
    """A verb in the past tense: "freed", "were exchanged", "has swapped" (not "to be exchanged")."""
    if word.upos not in ("VERB", "AUX") or "Tense=Past" not in (word.feats or ""):
        return False
    if sent is None:
        return word.xpos != "VBN"
    return not any(
        base(k) in ("to", "will", "would", "could", "may", "might", "must", "should")
        for k in sent.children(word, "mark", "aux", "aux:pass")
    )


# ---------------------------------------------------------------------------- the extractor
def extract(doc: ParsedDocument) -> Iterator[Event]:
    """Meeting, Demand and Exchange events of one document."""
    attribution = Attribution(doc)
    # An exchange named without its items ("the fifth exchange") counts in a story about captives.
    captives = lexicon()["exchange"]["captives"]
    swap_context = any(matches(w, captives) for s in doc.sentences for w in s.words)
    verbs = lexicon()["exchange"]["verbs"]
    happened = any(
        matches(w, verbs) and _past(w, s) and modality(s, w) not in ("negated", "hypothetical")
        for s in doc.sentences
        for w in s.words
    )
    for sent in doc.sentences:
        meetings = [w for w in sent.words if _is_meeting(sent, w)]
        for word in sent.words:
            if word in meetings:
                meeting = _meeting(doc, sent, word, attribution)
                if not meeting.time and len(meetings) == 1:
                    meeting = attrs.evolve(meeting, time=sentence_times(sent))
                yield meeting
            elif _is_demand(sent, word):
                yield _demand(doc, sent, word, attribution)
            elif _is_exchange(sent, word, swap_context):
                yield _exchange(doc, sent, word, attribution, happened)


@hookimpl
def register_extractors(register: Callable[[ExtractorSpec], None]) -> None:
    register(
        ExtractorSpec(
            name=NAME,
            extract=extract,
            processors={"tokenize", "pos", "lemma", "depparse", "ner"},
            description="Meeting, Demand and Exchange events: talks, summits, demands, calls, offers, prisoner swaps",
        )
    )
