"""Reusable dependency patterns for rules: subjects, prepositional objects, coordination, places.

Everything here works on a :class:`ParsedSentence` and Stanza words, and
returns words or :class:`~eventx.Span` objects; rules combine them into roles.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from eventx.records import Span
from eventx.rules.time import is_time_word
from eventx.rules.trees import ParsedSentence, deprel_matches
from eventx.rules.words import Word, _forms, base

__all__ = [
    "LOCATIVE_PREPS",
    "LOC_TYPES",
    "PLACE_PREPS",
    "case_of",
    "conjunct_entities",
    "conjuncts",
    "coordinated_span",
    "dedupe",
    "event_heads",
    "is_place",
    "locations",
    "nested_locations",
    "phrase_at",
    "phrase_starts",
    "place_modifiers",
    "prep_objects",
    "subject",
]

LOC_TYPES = frozenset({"LOC", "GPE", "FAC", "LOCATION"})


def conjuncts(sent: ParsedSentence, word: Word) -> list[Word]:
    """``word`` and the words coordinated with it ("Kyiv and Moscow" -> [Kyiv, Moscow])."""
    out = [word]
    seen = {word.id}
    stack = list(sent.children(word, "conj"))
    while stack:
        w = stack.pop(0)
        if w.id in seen:
            continue
        seen.add(w.id)
        out.append(w)
        stack.extend(sent.children(w, "conj"))
    return out


def conjunct_entities(sent: ParsedSentence, word: Word) -> list[Span]:
    """The named entity or noun phrase of ``word`` and of each of its conjuncts ("Russia and Iran")."""
    return [sent.entity_or_phrase(w) for w in conjuncts(sent, word)]


def phrase_at(sent: ParsedSentence, word: Word, entries: Iterable[str]) -> list[Word] | None:
    """The words of a multi-word lexicon entry that starts at ``word`` ("take into custody",
    "round up"), or None.

    The first word matches by its :func:`~eventx.rules.words.forms`, the others by lemma or form,
    in order after it and inside its subtree, so "rounded them up" and "were taken into
    custody" match.  Entries of one word are ignored (use :func:`~eventx.rules.words.matches`).
    Entries are tried in their order; the first that matches is returned.
    """
    by_first = _phrase_index(_hashable(entries))
    candidates = sorted(c for form in _forms(word.text, word.lemma) for c in by_first.get(form, ()))
    if not candidates:
        return None
    below = [w for w in sent.subtree(word) if w.id > word.id]
    for _, rest in candidates:
        found = [word]
        for part in rest:
            nxt = next((w for w in below if w.id > found[-1].id and part in (base(w), w.text.lower())), None)
            if nxt is None:
                break
            found.append(nxt)
        if len(found) == len(rest) + 1:
            return found
    return None


def phrase_starts(entries: Iterable[str]) -> frozenset[str]:
    """The first words of the multi-word entries: what :func:`phrase_at` needs at the start word
    (for :meth:`~eventx.rules.trees.ParsedSentence.words_matching`)."""
    return _phrase_starts(_hashable(entries))


def _hashable(entries: Iterable[str]) -> frozenset[str] | tuple[str, ...]:
    """Entries as a cache key: a lexicon list (a frozenset) as it is, anything else in its order."""
    return entries if isinstance(entries, frozenset) else tuple(entries)


@lru_cache(maxsize=256)
def _phrase_starts(entries: frozenset[str] | tuple[str, ...]) -> frozenset[str]:
    return frozenset(_phrase_index(entries))


@lru_cache(maxsize=256)
def _phrase_index(entries: frozenset[str] | tuple[str, ...]) -> dict[str, list[tuple[int, list[str]]]]:
    """Multi-word entries by their first word: (position in ``entries``, the other words)."""
    index: dict[str, list[tuple[int, list[str]]]] = {}
    for position, entry in enumerate(entries):
        first, *rest = entry.split()
        if rest:
            index.setdefault(first, []).append((position, rest))
    return index


def coordinated_span(sent: ParsedSentence, word: Word) -> Span:
    """One span over a word and its conjuncts with their noun-phrase modifiers ("towns and villages")."""
    words = [w for w in conjuncts(sent, word) if w.upos == word.upos or w.upos in ("NOUN", "PROPN", "NUM")]
    first = sent.phrase(words[0])
    last = sent.phrase(words[-1])
    start, end = min(first.start, last.start), max(first.end, last.end)
    return Span(text=sent.doc_text[start:end], start=start, end=end)


def case_of(sent: ParsedSentence, word: Word) -> str:
    """The preposition introducing a nominal ("in", "between", "according to"), or ''."""
    cases = sent.memo(_CASES)
    found = cases.get(word.id)
    if found is None:
        found = cases[word.id] = _case_of(sent, word)
    return found


_CASES = "eventx.rules.patterns.case_of"


def _case_of(sent: ParsedSentence, word: Word) -> str:
    cases = sent.children(word, "case")
    if not cases:
        # a parser slip can hang the preposition on a modifier ("between [Russian President] Putin")
        first_word = sent._subtree(word)[0]
        if first_word.deprel != "case" or first_word.id == word.id:
            return ""
        cases = [first_word]
    first = cases[0]
    fixed = sent.children(first, "fixed")
    return " ".join([base(first), *(base(f) for f in fixed)])


def prep_objects(sent: ParsedSentence, head: Word, *preps: str) -> list[Word]:
    """Nominal dependents (obl, nmod) of ``head`` introduced by one of ``preps``."""
    return [k for k, case in _nominals(sent, head) if case in preps]


def _nominals(sent: ParsedSentence, head: Word) -> list[tuple[Word, str]]:
    """The nominal dependents (obl, nmod) of ``head`` with their prepositions, found once per word."""
    nominals = sent.memo(_NOMINALS)
    found = nominals.get(head.id)
    if found is None:
        found = nominals[head.id] = [(k, case_of(sent, k)) for k in sent.children(head, "obl", "nmod")]
    return found


_NOMINALS = "eventx.rules.patterns.prep_objects"


def subject(sent: ParsedSentence, verb: Word) -> Word | None:
    """The doer of a verb: its active subject, the "by" agent of a passive, or its controller's subject."""
    subj = sent.child(verb, "nsubj")
    if subj is not None and subj.deprel != "nsubj:pass":
        return subj
    if subj is not None and not sent.children(verb, "aux:pass") and "Voice=Pass" not in (verb.feats or ""):
        return subj  # "nsubj:pass" on an active verb: a parser slip
    agent = next((k for k in sent.children(verb, "obl") if case_of(sent, k) == "by"), None)
    if agent is not None:
        return agent
    if subj is None and deprel_matches(verb.deprel, ("xcomp",)):
        controller = sent.head(verb)
        if controller is not None:
            # object control: "called on both sides to release", "urged Baku to withdraw"
            controlled = sent.children(controller, "obj") + [
                o for o in sent.children(controller, "obl") if case_of(sent, o) in ("on", "upon")
            ]
            if controlled:
                return controlled[0]
            raised = sent.child(controller, "nsubj:pass")
            if raised is not None:
                return raised  # "negotiators are scheduled to meet"
            return subject(sent, controller)
    if subj is None and verb.deprel == "conj":
        first = sent.head(verb)
        if first is not None and first.upos == "VERB":
            return subject(sent, first)
    if subj is None:
        # a parser slip can hide the subject under a modifier clause ("The faction led by X has
        # demanded ..." with "faction" under "led"): the last subject before the verb in its subtree
        before = [w for w in sent.subtree(verb) if w.id < verb.id and deprel_matches(w.deprel, ("nsubj",))]
        if before:
            return before[-1]
    return None


def event_heads(sent: ParsedSentence, trigger: Word) -> list[Word]:
    """The words whose modifiers describe an event: the trigger, the predicate it is the
    subject or object of ("held talks in Doha", "the strike killed ... on Friday"), and
    the participles that modify it ("the talks held in Istanbul")."""
    heads = [trigger]
    node = trigger
    for _ in range(2):
        head = sent.head(node)
        if head is None or not deprel_matches(node.deprel, ("obj", "nsubj", "obl", "nmod", "xcomp", "conj")):
            break
        heads.append(head)
        if head.upos in ("VERB", "AUX"):
            break
        node = head
    heads += [k for k in sent.children(trigger, "acl") if k.upos == "VERB"]
    return heads


def is_place(sent: ParsedSentence, word: Word, place_nouns: frozenset[str] = frozenset()) -> bool:
    """A location word: inside a LOC entity, a proper noun, or a listed place noun ("north", "city")."""
    ent = sent.covering_entity(word)
    if ent is not None:
        return ent.type in LOC_TYPES
    return base(word) in place_nouns


# Prepositions that put an event somewhere ("in Khartoum", "near the border").
PLACE_PREPS = ("in", "at", "near", "outside", "across", "inside", "around", "on", "into", "throughout", "along")


def locations(
    sent: ParsedSentence,
    heads: Iterable[Word],
    place_nouns: frozenset[str] = frozenset(),
    preps: tuple[str, ...] = PLACE_PREPS,
) -> list[Span]:
    """Places attached to the heads with a locative preposition ("in the north of the country")."""
    out: list[Span] = []
    for head in heads:
        for kid in prep_objects(sent, head, *preps):
            if is_time_word(kid):
                continue
            if is_place(sent, kid, place_nouns) or (kid.upos == "PROPN" and sent.covering_entity(kid) is None):
                ent = sent.covering_entity(kid)
                if ent is not None:
                    span = sent.entity_span(ent)
                else:
                    span = sent.phrase(kid, with_nmod=kid.upos == "NOUN")
                if all(not span.overlaps(s) for s in out):
                    out.append(span)
    return out


_CLAUSES = ("acl:relcl", "advcl", "ccomp", "parataxis", "csubj", "list", "appos")
LOCATIVE_PREPS = (*PLACE_PREPS, "off", "over", "within", "between")


def nested_locations(sent: ParsedSentence, root: Word, place_nouns: frozenset[str] = frozenset()) -> list[Span]:
    """Places named anywhere in ``root``'s phrase, outside its clauses: "a strike on a market *in Omdurman*"."""
    skip = [k for k in sent.subtree(root) if k.id != root.id and (k.deprel or "") in _CLAUSES]
    out: list[Span] = []
    for word in sent.subtree(root, exclude=skip):
        if word.id == root.id or case_of(sent, word) not in LOCATIVE_PREPS:
            continue
        head = sent.head(word)
        out += locations(sent, [head], place_nouns, preps=LOCATIVE_PREPS) if head is not None else []
    return dedupe(out)


def place_modifiers(sent: ParsedSentence, noun: Word) -> list[Span]:
    """Place names that modify a noun: "the *Istanbul* talks", "the *Pulwama* attack"."""
    out = []
    for mod in sent.children(noun, "compound", "amod"):
        ent = sent.covering_entity(mod)
        if ent is not None and ent.type in LOC_TYPES:
            out.append(sent.entity_span(ent))
    return dedupe(out)


def dedupe(spans: Iterable[Span]) -> list[Span]:
    """Spans in order, dropping any that overlaps one kept before it."""
    out: list[Span] = []
    for span in spans:
        if all(not span.overlaps(s) for s in out):
            out.append(span)
    return out
