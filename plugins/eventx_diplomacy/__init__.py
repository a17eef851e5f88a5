"""diplomacy: Meeting, Demand and Exchange events from diplomatic reporting.

A built-in eventx plugin, registered through the ``eventx`` entry point like
any outside plugin.  Trigger words and filters live in ``lexicon.toml``.
The ``territory`` role of demands is left to the territory plugin; the core
merges the two plugins' events on the same trigger.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cached_property, lru_cache

from eventx import Demand, Event, Exchange, ExtractorSpec, Meeting, ParsedDocument, ParsedSentence, Span, hookimpl
from eventx.rules import (
    Lexicon,
    RuleContext,
    Word,
    base,
    case_of,
    conjunct_entities,
    conjuncts,
    dedupe,
    deprel_matches,
    event_heads,
    extractor_spec,
    is_time_word,
    locations,
    matches,
    modality,
    nested_locations,
    phrase_at,
    phrase_starts,
    prep_objects,
    sentence_times,
    subject,
    time_expressions,
)

NAME = "diplomacy"
LEXICON = Lexicon("eventx_diplomacy")
MEETING = LEXICON.section("meeting")
DEMAND = LEXICON.section("demand")
EXCHANGE = LEXICON.section("exchange")


def _parties(sent: ParsedSentence, word: Word) -> list[Span]:
    """Participants named by a word: itself and its conjuncts, or the parties its representatives stand for."""
    out: list[Span] = []
    for w in conjuncts(sent, word):
        if w.upos not in ("NOUN", "PROPN", "X", "NUM") or is_time_word(w):
            continue
        represented = prep_objects(sent, w, "of", "from") if matches(w, LEXICON["parties.representatives"]) else []
        if represented:
            for r in represented:
                out += conjunct_entities(sent, r)
        else:
            out.append(sent.entity_or_phrase(w))
    return out


# ---------------------------------------------------------------------------- meetings
def _is_meeting(sent: ParsedSentence, word: Word) -> bool:
    lex = MEETING
    if word.upos == "NOUN" and matches(word, lex["nouns"]):
        if any(matches(m, lex["not_modifiers"]) for m in sent.children(word, "compound", "amod", "nmod:poss")):
            return False
        if any(base(o) in ("mind", "minds") for o in prep_objects(sent, word, "of")):
            return False
        if matches(word, lex["weak_nouns"]):
            head = sent.head(word)
            # "a mediation mission between X and Y": a compound shares its head's complements
            nouns = [word, head] if word.deprel == "compound" and head is not None else [word]
            return any(prep_objects(sent, n, "between", "with") for n in nouns) or any(
                base(m) in ("peace", "ceasefire", "truce") for m in sent.children(word, "compound", "amod")
            )
        head = sent.head(word)
        return not (base(word) == "round" or (word.deprel == "compound" and head is not None and base(head) == "table"))
    if word.upos == "VERB" and matches(word, lex["verbs"]) and word.deprel not in ("amod",) and base(word) != "host":
        # "met the target", "the criterion is met", "until their demands are met"
        objects = sent.children(word, "obj", "nsubj:pass") + prep_objects(sent, word, "with")
        if any(matches(o, lex["not_objects"]) for o in objects):
            return False
        if base(word) == "visit":
            return subject(sent, word) is not None
        return True
    if word.upos == "VERB" and phrase_at(sent, word, lex["phrases"]) is not None:
        return True  # "presented their credentials to", "gave a warm welcome to"
    if word.upos == "VERB" and base(word) == "talk" and word.deprel != "amod":
        # "refused to talk to the rebels", "talked with Pashinyan"
        return any(p.upos in ("PROPN", "NOUN") for p in prep_objects(sent, word, "to", "with"))
    return False


def _verb_meeting(sent: ParsedSentence, trigger: Word) -> tuple[list[Span], list[Span]]:
    """Participants and places of a meeting verb ("met the envoy", "visited Kyiv")."""
    participants: list[Span] = []
    places: list[Span] = []
    subj = subject(sent, trigger)
    if subj is not None:
        participants += _parties(sent, subj)
    # "met the envoy": the object takes part; "negotiate access": the object is the topic
    objects = [] if base(trigger) in ("negotiate", "talk") else sent.children(trigger, "obj")
    for obj in [*objects, *prep_objects(sent, trigger, "to", "with")]:
        ent = sent.covering_entity(obj)
        if base(trigger) == "visit" and ent is not None and ent.type in ("LOC", "GPE"):
            places.append(sent.entity_or_phrase(obj))
        else:
            participants += _parties(sent, obj)
    return participants, places


def _asker_parties(sent: ParsedSentence, trigger: Word, head: Word | None) -> list[Span]:
    """Who holds a meeting noun ("the two sides held talks") or asks for one ("requested a meeting")."""
    out: list[Span] = []
    if head is None:
        return out
    if deprel_matches(trigger.deprel, ("obj", "nsubj:pass")) and matches(head, MEETING["light_verbs"]):
        subj = subject(sent, head) if not matches(head, MEETING["host_verbs"]) else None
        out += _parties(sent, subj) if subj is not None else []
    if matches(head, DEMAND["verbs"]) and deprel_matches(trigger.deprel, ("obj", "obl")):
        subj = subject(sent, head)
        out += _parties(sent, subj) if subj is not None else []
    return out


def _noun_meeting(sent: ParsedSentence, trigger: Word, heads: list[Word]) -> tuple[list[Span], list[Span]]:
    """Participants and places of a meeting noun ("Putin's talks", "the Istanbul talks"); adds the
    light verb and participles that describe the meeting to ``heads``."""
    head = sent.head(trigger)
    if (
        head is not None
        and deprel_matches(trigger.deprel, ("obj", "nsubj:pass"))
        and matches(head, MEETING["light_verbs"])
    ):
        heads.append(head)
    participants = _asker_parties(sent, trigger, head)
    places: list[Span] = []
    for poss in sent.children(trigger, "nmod:poss"):
        ent = sent.covering_entity(poss)
        if ent is not None and not is_time_word(poss) and ent.type in ("PER", "ORG", "LOC", "GPE", "NORP"):
            participants.append(sent.entity_or_phrase(poss))
    for mod in sent.children(trigger, "compound"):
        ent = sent.covering_entity(mod)
        if ent is not None and ent.type in ("LOC", "GPE"):
            places.append(sent.entity_or_phrase(mod))
    heads += [k for k in sent.children(trigger, "acl") if k.upos == "VERB"]
    return participants, places


def _meeting(ctx: RuleContext, sent: ParsedSentence, trigger: Word, alone: bool) -> Meeting:
    """The Meeting event on a meeting verb or noun: participants, location and time (``alone``: the
    only meeting of its sentence, which takes the sentence's time phrases when its tree gives none)."""
    heads = [trigger]
    if trigger.upos == "VERB":
        participants, places = _verb_meeting(sent, trigger)
    else:
        participants, places = _noun_meeting(sent, trigger, heads)
    for h in heads:
        for other in prep_objects(sent, h, "between", "with", "among"):
            participants += _parties(sent, other)
    heads += [h for h in event_heads(sent, trigger) if h not in heads and not matches(h, DEMAND["verbs"])]
    places += locations(sent, heads, MEETING["venue_nouns"], preps=("in", "at", "inside", "near"))
    places += nested_locations(sent, trigger) if trigger.upos == "VERB" else []
    if base(trigger) == "visit":
        places += locations(sent, [trigger], preps=("to",))
    places = [p for p in places if all(not p.overlaps(q) for q in participants)]
    times = time_expressions(sent, *heads)
    return Meeting(
        **ctx.fields(sent, trigger),
        confidence=0.9 if participants else 0.75,
        participants=tuple(dedupe(participants)),
        location=tuple(dedupe(places)),
        time=tuple(times if times or not alone else sentence_times(sent)),
    )


# ---------------------------------------------------------------------------- demands
def _is_demand(sent: ParsedSentence, word: Word) -> bool:
    """A demand verb or noun used as a demand ("called on X to", "a demand for a ceasefire"),
    or a speech verb reporting an obligation put on another party ("said Iran must ...")."""
    if word.upos == "VERB" and matches(word, DEMAND["verbs"]) and word.deprel != "amod":
        return _is_demand_verb(sent, word)
    if word.upos == "NOUN" and matches(word, DEMAND["nouns"]):
        return _is_demand_noun(sent, word)
    return bool(_obligations(sent, word))


def _obligations(sent: ParsedSentence, word: Word) -> list[Word]:
    """The clauses of a speech verb that oblige another party ("said Sudan must return ...", "declared
    that China must drop ..."): a ``must``/``should`` clause whose subject names a party other than
    the speaker."""
    if word.upos != "VERB" or not matches(word, DEMAND["speech_verbs"]):
        return []
    speaker = subject(sent, word)
    out = []
    for clause in sent.children(word, "ccomp"):
        inner = sent.child(clause, "nsubj") or sent.child(clause, "nsubj:pass")
        modal = any(matches(a, DEMAND["obligation_modals"]) for a in sent.children(clause, "aux"))
        if inner is None or not modal or inner.upos == "PRON":
            continue
        named = inner.upos == "PROPN" or sent.covering_entity(inner) is not None
        if (named or matches(inner, DEMAND["party_nouns"])) and (speaker is None or speaker.text != inner.text):
            out.append(clause)
    return out


def _is_demand_verb(sent: ParsedSentence, word: Word) -> bool:
    """Whether a demand verb demands: "call", "ask", "insist" and "offer" need a complement."""
    lemma = base(word)
    if lemma == "call":
        return (
            bool(prep_objects(sent, word, "on", "upon", "for")) and not sent.children(word, "xcomp", "obj")
        ) or bool(prep_objects(sent, word, "on", "upon") and sent.children(word, "xcomp"))
    if lemma in DEMAND["complement_verbs"]:
        return _demanded_complement(sent, word)
    if lemma == "insist":
        return bool(prep_objects(sent, word, "on")) or any(
            _aux_modal(sent, c) or _subjunctive(c) for c in sent.children(word, "ccomp")
        )
    if lemma == "offer":
        return bool(
            sent.children(word, "xcomp")
            or any(not matches(o, DEMAND["not_offered"]) for o in sent.children(word, "obj"))
        )
    return True


def _is_demand_noun(sent: ParsedSentence, word: Word) -> bool:
    """Whether a demand noun is one: not economic demand ("demand for grain") nor "these demands"."""
    lemma = base(word)
    mods = sent.children(word, "compound", "amod", "det")
    if any(matches(m, DEMAND["not_modifiers"]) or base(m) in DEMAND["demonstratives"] for m in mods):
        return False
    complements = prep_objects(sent, word, "for", "of")
    if lemma == "demand" and any(
        matches(m, DEMAND["commodities"]) for m in [*complements, *sent.children(word, "compound", "nmod:poss")]
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


def _demanded_complement(sent: ParsedSentence, verb: Word) -> bool:
    """Whether "asked", "pleaded", "ordered" put something to another party: a "to" clause with a verb,
    a "that" clause, or "for"; not "pleaded not guilty" (an adjective) nor "asked whether" (a question)."""
    clauses = [c for c in _to_clauses(sent, verb) if c.upos in ("VERB", "AUX")]
    questions = [c for c in sent.children(verb, "ccomp") if _is_question(sent, c)]
    statements = [c for c in sent.children(verb, "ccomp") if c not in questions]
    if any(matches(c, DEMAND["not_pleas"]) for c in sent.children(verb, "xcomp", "obj")):
        return False
    return bool(
        clauses
        or statements
        or prep_objects(sent, verb, "for")
        or (prep_objects(sent, verb, "to") and not questions and base(verb) != "plead")
    )


def _is_question(sent: ParsedSentence, clause: Word) -> bool:
    """ "asked whether talks would resume", "asked what had happened": a question, not a request."""
    marks = [base(m) for m in sent.children(clause, "mark")]
    wh = [w for w in sent.subtree(clause) if w.xpos in ("WDT", "WP", "WRB", "WP$") and w.id < clause.id]
    return any(m in ("if", "whether") for m in marks) or bool(wh)


def _to_clauses(sent: ParsedSentence, verb: Word) -> list[Word]:
    """The "to" clauses of a verb: its xcomp, or an advcl marked "to" (the compact parser's slip for
    "ordered Menem to appear")."""
    return sent.children(verb, "xcomp") + [
        c for c in sent.children(verb, "advcl") if any(base(m) == "to" for m in sent.children(c, "mark"))
    ]


def _aux_modal(sent: ParsedSentence, verb: Word) -> bool:
    return any(base(a) in ("must", "should", "shall", "have") for a in sent.children(verb, "aux"))


def _subjunctive(verb: Word) -> bool:
    feats = verb.feats or ""
    return "VerbForm=Inf" in feats or (verb.xpos == "VB")


def _light_head(sent: ParsedSentence, noun: Word) -> Word | None:
    head = sent.head(noun)
    if head is not None and deprel_matches(noun.deprel, ("obj",)) and matches(head, DEMAND["light_verbs"]):
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
            if c is not w and matches(c, DEMAND["verbs"]):
                continue  # "urged X to act and called on Y": a second demand, not more content
            if c.upos in ("VERB", "AUX") and not matches(c, DEMAND["content_light_verbs"]):
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


_Roles = tuple[list[Span], list[Span], list[Span]]  # demander, addressee, content


def _clause_addressees(sent: ParsedSentence, clauses: list[Word]) -> list[Span]:
    """ "demanded that Riyadh pay ...": the subjects of the demanded clauses, who are to act."""
    out: list[Span] = []
    for clause in clauses:
        inner = sent.child(clause, "nsubj") or sent.child(clause, "nsubj:pass")
        if inner is not None and inner.upos != "PRON":
            out += _parties(sent, inner)
    return out


def _antecedent(sent: ParsedSentence, verb: Word, subj: Word | None) -> Word | None:
    """The noun a relative pronoun subject stands for: "a caller who gave a name and requested ..." ->
    caller (through coordinated verbs); other subjects as they are."""
    if subj is None or base(subj) not in DEMAND["relative_pronouns"]:
        return subj
    clause = verb
    while clause.deprel == "conj" and sent.head(clause) is not None:
        clause = sent.head(clause)  # type: ignore[assignment]
    head = sent.head(clause)
    return head if head is not None and deprel_matches(clause.deprel, ("acl",)) else subj


def _destination(sent: ParsedSentence, verb: Word, word: Word) -> bool:
    """Whether "to ``word``" is where the demanded thing goes, not who is asked: the verb has an object
    and ``word`` is named as a place ("requested delivery to Room 25"); "called on Addis Ababa" and
    "appealed to Moscow" name a party."""
    entity = sent.covering_entity(word)
    return (
        case_of(sent, word) == "to"
        and sent.child(verb, "obj") is not None
        and entity is not None
        and entity.type.lower() in DEMAND["place_entity_types"]
    )


def _fronted_addressee(sent: ParsedSentence, verb: Word, xcomps: list[Word]) -> list[Span]:
    """ "Asked to identify him, the witness pointed ...": a participle of an asking verb that opens the
    sentence, with a "to" clause and no subject, was put to the main clause's subject (also where the
    parser made the participle the root and the main clause hangs under it)."""
    if not xcomps or verb.xpos not in ("VBN", "VBD") or not matches(verb, DEMAND["asking_verbs"]):
        return []
    if not all(w.upos == "PUNCT" for w in sent.words[: verb.id - 1]):
        return []  # not the opening of the sentence
    head = sent.head(verb)
    if head is not None and deprel_matches(verb.deprel, ("advcl",)):
        main: list[Word] = [head]
    else:
        main = [c for c in sent.children(verb, "parataxis", "ccomp") if c not in xcomps and c.upos == "VERB"]
    subjects = [s for clause in main[:1] if (s := sent.child(clause, "nsubj")) is not None]
    return [a for s in subjects if s.upos != "PRON" for a in _parties(sent, s)]


def _verb_demand(ctx: RuleContext, sent: ParsedSentence, trigger: Word) -> _Roles:
    """Demander, addressee and content of a demand verb ("urged Baku to withdraw")."""
    demander: list[Span] = []
    addressee: list[Span] = []
    content: list[Span] = []
    lemma = base(trigger)
    subj = subject(sent, trigger)
    head = sent.head(trigger)
    if subj is None and head is not None and deprel_matches(trigger.deprel, ("advcl",)) and trigger.xpos == "VBG":
        subj = subject(sent, head)  # "The opposition responded ..., asking citizens to ...": the participle's doer
    subj = _antecedent(sent, trigger, subj)
    if subj is not None and subj.upos == "PRON":
        source = ctx.attribution.source(sent, trigger)
        demander += [source] if source is not None else []
    elif subj is not None:
        demander += _parties(sent, subj)
    xcomps = _to_clauses(sent, trigger)
    objects = sent.children(trigger, "obj", "iobj")
    if matches(trigger, DEMAND["asking_verbs"]) and (  # matched on forms: a lemmatizer slip ("begge")
        xcomps or any(o.upos == "PROPN" or sent.covering_entity(o) is not None for o in objects)
    ):
        # "urged Baku to withdraw", "presses Eritrea over sea access": the object is asked
        addressee += [a for o in objects for a in _parties(sent, o)]
        objects = prep_objects(sent, trigger, "over", "on", "about")
    if lemma == "insist":
        content += _content_words(sent, prep_objects(sent, trigger, "on", "upon"))
    else:
        asked = [o for o in prep_objects(sent, trigger, "on", "upon", "to", "of") if not _destination(sent, trigger, o)]
        addressee += [a for o in asked for a in _parties(sent, o)]
    if lemma not in ("offer", "propose"):
        addressee += _clause_addressees(sent, sent.children(trigger, "ccomp", "xcomp"))
    addressee += [] if subj is not None else _fronted_addressee(sent, trigger, xcomps)
    content += _content_words(
        sent, [*objects, *xcomps, *sent.children(trigger, "ccomp"), *prep_objects(sent, trigger, "for")]
    )
    return demander, addressee, content


def _noun_demand(sent: ParsedSentence, trigger: Word) -> _Roles:
    """Demander, addressee and content of a demand noun ("Russia's demand for guarantees")."""
    demander = [d for poss in sent.children(trigger, "nmod:poss") for d in _parties(sent, poss)]
    demander += [d for o in prep_objects(sent, trigger, "by", "from") for d in _parties(sent, o)]
    light = _light_head(sent, trigger)
    if not demander and light is not None:
        subj = subject(sent, light)
        demander += _parties(sent, subj) if subj is not None else []
    addressee = [a for o in prep_objects(sent, trigger, "on", "upon", "to") for a in _parties(sent, o)]
    if light is not None:
        addressee += [a for o in prep_objects(sent, light, "to") for a in _parties(sent, o)]
        addressee += [a for o in sent.children(light, "iobj") for a in _parties(sent, o)]
    clauses = sent.children(trigger, "acl", "ccomp")
    if base(trigger) not in ("offer", "proposal"):
        addressee += _clause_addressees(sent, clauses)
    content = _content_words(sent, [*prep_objects(sent, trigger, "for", "of"), *clauses])
    return demander, addressee, content


def _demand(ctx: RuleContext, sent: ParsedSentence, trigger: Word) -> Demand:
    """The Demand event on a demand verb or noun: who demands what of whom."""
    if trigger.upos == "VERB":
        demander, addressee, content = _verb_demand(ctx, sent, trigger)
    else:
        demander, addressee, content = _noun_demand(sent, trigger)
    content = [c for c in content if all(not c.overlaps(a) for a in addressee)]
    return Demand(
        **ctx.fields(sent, trigger, requested_ok=False),
        confidence=0.9 if (demander and content) else 0.7,
        demander=tuple(dedupe(demander)),
        addressee=tuple(dedupe([a for a in addressee if all(not a.overlaps(d) for d in demander)])),
        content=tuple(dedupe(content)),
    )


# ---------------------------------------------------------------------------- exchanges
def _exchange_items(sent: ParsedSentence, trigger: Word) -> tuple[list[Word], list[Word]]:
    """The exchanged item words, and the count words of a "N for N" phrase."""
    items_lex = EXCHANGE["items"]
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


def _is_exchange(sent: ParsedSentence, word: Word, story: _Story) -> bool:
    lex = EXCHANGE
    if not matches(word, lex.union("nouns", "verbs")) or word.upos not in ("NOUN", "VERB"):
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
        return story.about_captives and bool(items)
    previous = sent.word(word.id - 1)
    while previous is not None and previous.upos == "PUNCT":
        previous = sent.word(previous.id - 1)
    if previous is not None and previous.text.lower() == "to" and not items:
        return False  # "the need to exchange each side's conditions": a verb, with nothing exchanged
    if lemma == "trade":
        return bool(items)
    if word.upos == "NOUN" and lemma == "swap":
        return True  # financial swaps are ruled out by their modifiers above
    return bool(items or counts) or (word.upos == "NOUN" and story.about_captives)


def _exchange_parties(sent: ParsedSentence, trigger: Word) -> list[Span]:
    """Who exchanges: the subject of the verb (or of the verb whose object the noun is), and "between X and Y"."""
    parties: list[Span] = []
    heads = [trigger]
    verb: Word | None = trigger if trigger.upos == "VERB" else None
    head = sent.head(trigger)
    if verb is None and head is not None and deprel_matches(trigger.deprel, ("obj",)) and head.upos == "VERB":
        heads.append(head)
        verb = head
    subj = subject(sent, verb) if verb is not None else None
    if subj is not None and not matches(subj, EXCHANGE["items"]):
        parties += _parties(sent, subj)
    for h in heads:
        parties += [p for o in prep_objects(sent, h, "between") for p in _parties(sent, o)]
    return parties


def _exchange(ctx: RuleContext, sent: ParsedSentence, trigger: Word, story: _Story) -> Exchange:
    """The Exchange event on a swap word: parties, items and the quantity exchanged."""
    items, counts = _exchange_items(sent, trigger)
    if not items:
        # "Four hostages and 183 prisoners freed in fifth Gaza swap": the captives of the sentence
        items = [w for w in sent.words_matching(EXCHANGE["captives"]) if w.upos == "NOUN"]
    numbers = [found[0][1] for w in [*counts, *items] if (found := sent.numbers(w))]
    # A swap named by a noun, with no tense of its own, is planned unless the story reports
    # one as done ("Israel freed 183 prisoners", "the two sides exchanged 400 prisoners").
    planned = trigger.upos == "NOUN" and not story.swap_done and not any(_past(w) for w in sent.ancestors(trigger)[:2])
    item_spans = [sent.span(i) if i.deprel == "compound" else sent.phrase(i) for i in items]
    return Exchange(
        **ctx.fields(sent, trigger, default_modality="planned" if planned else "asserted"),
        confidence=0.9 if items else 0.7,
        parties=tuple(dedupe(_exchange_parties(sent, trigger))),
        items=tuple(dedupe(item_spans)),
        quantity=numbers[0] if numbers else None,
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
class _Story:
    """What a whole story says about swaps, read when an exchange word first asks (few stories have one)."""

    def __init__(self, doc: ParsedDocument) -> None:
        self.doc = doc

    @cached_property
    def about_captives(self) -> bool:
        """Whether the story is about captives (then "the exchange" alone is a swap)."""
        return any(s.words_matching(EXCHANGE["captives"]) for s in self.doc.sentences)

    @cached_property
    def swap_done(self) -> bool:
        """Whether the story reports a swap as done."""
        return any(
            _past(w, s) and modality(s, w) not in ("negated", "hypothetical")
            for s in self.doc.sentences
            for w in s.words_matching(EXCHANGE["verbs"])
        )


def _candidate_triggers(sent: ParsedSentence) -> list[Word]:
    """The words that can be a trigger: each of :func:`_is_meeting`, :func:`_is_demand` (with
    :func:`_obligations`) and :func:`_is_exchange` first needs one of these, so the others are skipped unseen.

    A speech verb ("said", in most sentences of news) can only be a demand through an obligation
    modal ("must") in the same sentence, so speech verbs are candidates only where one is.
    """
    words = LEXICON.union(
        "meeting.nouns",
        "meeting.verbs",
        "demand.verbs",
        "demand.nouns",
        "exchange.nouns",
        "exchange.verbs",
    )
    speech = DEMAND["speech_verbs"] if sent.words_matching(DEMAND["obligation_modals"]) else ()
    return sent.words_matching(_with_phrase_starts(words, MEETING["phrases"]), speech)


@lru_cache(maxsize=8)
def _with_phrase_starts(words: frozenset[str], phrases: frozenset[str]) -> frozenset[str]:
    """``words``, the first words of the meeting ``phrases`` and the words the trigger tests name
    themselves, in one set: intersected once per sentence instead of three times (cached per
    lexicon, which is the same set object as long as the search path is the same)."""
    return words | phrase_starts(phrases) | _WORDS_NAMED_BY_TESTS


_WORDS_NAMED_BY_TESTS = frozenset({"talk"})  # the words the trigger tests name themselves


def extract(doc: ParsedDocument) -> Iterator[Event]:
    """Meeting, Demand and Exchange events of one document."""
    ctx = RuleContext(doc)
    story = _Story(doc)
    for sent in doc.sentences:
        candidates = _candidate_triggers(sent)
        meetings = [w for w in candidates if _is_meeting(sent, w)]
        for word in candidates:
            if word in meetings:
                yield _meeting(ctx, sent, word, alone=len(meetings) == 1)
            elif _is_demand(sent, word):
                yield _demand(ctx, sent, word)
            elif _is_exchange(sent, word, story):
                yield _exchange(ctx, sent, word, story)


@hookimpl
def register_extractors(register: Callable[[ExtractorSpec], None]) -> None:
    register(
        extractor_spec(
            NAME,
            extract,
            "Meeting, Demand and Exchange events: talks, summits, demands, calls, offers, prisoner swaps",
            lexicons=[LEXICON],
        )
    )
