"""Modality, attribution and time of an event trigger, read off the dependency tree.

These are shared by every extractor: a plugin finds a trigger word and asks
:func:`modality` whether it is asserted, negated, hypothetical, planned or
requested, and :class:`Attribution` who says so.  Cue words live in
``eventx/cues.toml`` and can be extended (see :mod:`eventx.lexicons`).
"""

from __future__ import annotations

import weakref
from functools import lru_cache
from typing import Any

from eventx.document import ParsedDocument
from eventx.lexicons import load_lexicon, word_set
from eventx.records import Span
from eventx.trees import ParsedSentence, Word, deprel_matches, start_of

# Relations through which a trigger inherits the modality of its head.
_PHRASAL = {
    "obj",
    "nsubj",
    "nsubj:pass",
    "obl",
    "nmod",
    "conj",
    "compound",
    "appos",
    "iobj",
    "xcomp",
    "flat",
    "nmod:poss",
    "obl:agent",
    "expl",
    "dep",
    "root",
    "obl:tmod",
    "nmod:tmod",
    "obl:npmod",
}
# Verbs that only carry their object ("offered to host talks", "urged them to hold talks").
_LIGHT_VERBS = frozenset(
    {
        "hold",
        "host",
        "open",
        "resume",
        "start",
        "begin",
        "attend",
        "join",
        "launch",
        "have",
        "allow",
        "arrange",
        "organize",
        "organise",
        "convene",
        "conduct",
        "carry",
        "make",
        "round",
        "resumption",
        "series",
        "opening",
        "holding",
    }
)
# Verbs whose negation denies the event itself ("did not hold talks", "no exchange took place").
_OCCURRENCE_VERBS = frozenset(
    {
        "hold",
        "take",
        "happen",
        "occur",
        "carry",
        "conduct",
        "launch",
        "attend",
        "open",
        "start",
        "begin",
        "resume",
        "have",
        "reach",
        "be",
        "stage",
        "mount",
        "agree",
        "plan",
        "schedule",
        "come",
    }
)
# Clause boundaries: stop looking upward (a relative clause does not take its head's modality).
_CLAUSAL = {"acl", "acl:relcl", "advcl", "parataxis", "csubj", "ccomp", "list", "discourse", "vocative"}


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    lex = load_lexicon("eventx", "cues.toml")
    out = {}
    for section in ("modality", "attribution", "time"):
        for key in lex.get(section, {}):
            out[f"{section}.{key}"] = word_set(lex[section], key)
    return out


def base(word: Word) -> str:
    """The lowercased lemma of a word (its form when the lemma is missing)."""
    return (word.lemma or word.text).lower()


def forms(word: Word) -> set[str]:
    """The lemma, the lowercased form, and the form stripped of a regular ending.

    The stripped stems ("shelled" -> "shell", "freed" -> "free", "strikes" -> "strike")
    make lexicon lookups survive a lemmatizer that does not know a word.
    """
    text = word.text.lower()
    out = {base(word), text}
    for ending in ("ing", "ed", "es", "s", "d"):
        if text.endswith(ending) and len(text) - len(ending) >= 3:
            stem = text[: -len(ending)]
            out.add(stem)
            if len(stem) >= 4 and stem[-1] == stem[-2]:
                out.add(stem[:-1])  # "shelled" -> "shell" stays, "bombarded" ok, "stopped" -> "stop"
            if ending == "ing":
                out.add(stem + "e")  # "seizing" -> "seize"
    return out


def is_word(word: Word, words: frozenset[str]) -> bool:
    """True when any of the word's :func:`forms` is in ``words``."""
    return not forms(word).isdisjoint(words)


def _negated_here(sent: ParsedSentence, node: Word) -> bool:
    c = cues()
    for kid in sent.children(node):
        if kid.deprel in ("advmod", "neg", "det", "advmod:neg", "cc:preconj") and base(kid) in c["modality.negators"]:
            if kid.deprel == "det" and base(kid) != "no":
                continue
            return True
    return False


def _aux(sent: ParsedSentence, node: Word) -> set[str]:
    return {form for k in sent.children(node, "aux") for form in (k.text.lower(), base(k))}


def _own_cue(sent: ParsedSentence, node: Word, is_trigger: bool) -> str | None:
    """Modality cues attached to one node of the path: negation, modals, conditionals, adjectives.

    Negation counts on the trigger itself and on verbs that only say the event happens
    ("did not hold talks", "no talks took place"), not on other verbs above it ("did not
    comment on the strike": the strike happened).
    """
    c = cues()
    if _negated_here(sent, node) and (is_trigger or base(node) in _OCCURRENCE_VERBS):
        return "negated"
    auxes = _aux(sent, node)
    if auxes & c["modality.hypothetical_aux"]:
        return "hypothetical"
    if any(base(m) in c["modality.conditional_marks"] for m in sent.children(node, "mark")):
        return "hypothetical"
    for clause in sent.children(node, "advcl"):
        # "talks take place only if the shelling stops"
        if any(base(m) in ("if", "unless") for m in sent.children(clause, "mark")):
            return "hypothetical"
    if auxes & c["modality.planned_aux"]:
        return "planned"
    # "going to", "set to", "due to" on the node itself
    for kid in sent.children(node, "amod", "acl", "advmod", "nmod:npmod"):
        if is_word(kid, c["modality.requested_adjectives"]):
            return "requested"
        if is_word(kid, c["modality.hypothetical_adjectives"]):
            return "hypothetical"
        if is_word(kid, c["modality.planned_adjectives"]) and (kid.deprel != "advmod" or not is_trigger):
            return "planned"
    if is_trigger and node.upos == "NOUN" and any(base(d) == "any" for d in sent.children(node, "det")):
        return "hypothetical"  # "before any talks"
    if is_trigger and node.upos == "NOUN":
        # "next month's summit", "Monday's talks next week"
        for kid in sent.children(node, "nmod:poss", "nmod:tmod", "obl:tmod", "nmod"):
            if is_time_word(kid) and any(
                base(a) in ("next", "coming", "upcoming", "following") for a in sent.children(kid, "amod", "det")
            ):
                return "planned"
    if (
        is_trigger
        and node.upos == "VERB"
        and node.deprel in ("root", "acl", "parataxis")
        and any(base(m) == "to" for m in sent.children(node, "mark"))
        and sent.child(node, "nsubj") is None
    ):
        return "planned"  # headline future: "Sahel juntas to meet in Niamey"
    # the trigger as subject of "possible", "likely" ... ("a meeting is possible")
    return None


def modality(sent: ParsedSentence, trigger: Word, *, requested_ok: bool = True) -> str | None:
    """The modality cues around a trigger, nearest first; None when there are none.

    Walks from the trigger up through its phrase and light verbs ("held
    talks", "agreed to meet"), stopping at clause boundaries and speech verbs.
    ``requested_ok`` False skips the "requested" reading (for demand triggers).
    """
    c = cues()
    path = sent.path_to_root(trigger)
    child: Word | None = None
    direct = True
    for depth, node in enumerate(path):
        if child is not None:
            lemma = base(node)
            rel = child.deprel or ""
            if is_word(node, c["modality.negating_governors"]) and deprel_matches(rel, ("xcomp", "obj", "ccomp")):
                return "negated"
            if is_word(node, c["attribution.speech_verbs"]) and rel not in ("nsubj", "obl"):
                break
            if (
                requested_ok
                and direct
                and is_word(node, c["modality.requested_governors"])
                and not deprel_matches(rel, ("nsubj",))
            ):
                if node.upos in ("VERB", "NOUN") and _in_content(sent, node, child):
                    return "requested"
            # "hoped to hold talks" is hypothetical; "hoped to revive the negotiations" is not about them
            if (
                direct
                and is_word(node, c["modality.hypothetical_governors"])
                and deprel_matches(rel, ("xcomp", "obj", "ccomp", "nmod", "acl", "obl"))
            ):
                return "hypothetical"
            if direct and is_word(node, c["modality.planned_governors"]) and _governs_content(sent, child, rel):
                return "planned"
            if lemma in c["modality.hypothetical_adjectives"] and deprel_matches(rel, ("nsubj", "csubj")):
                return "hypothetical"
        cue = _own_cue(sent, node, is_trigger=depth == 0)
        if cue is not None:
            return cue
        rel = node.deprel or "root"
        head = sent.head(node)
        if (
            rel.split(":")[0] == "acl"
            and head is not None
            and base(head) in ("plan", "intention", "plans")
            and any(base(d) == "no" for d in sent.children(head, "det"))
        ):
            return "negated"  # "had no plans to attack"
        if deprel_matches(rel, _CLAUSAL) or rel in _CLAUSAL:
            # a complement clause takes its governor's reading when the governor is a cue word
            governor_cue = (
                head is not None
                and rel.split(":")[0] in ("ccomp", "acl")
                and any(
                    is_word(head, c[key])
                    for key in (
                        "modality.negating_governors",
                        "modality.planned_governors",
                        "modality.hypothetical_governors",
                    )
                )
            )
            if not governor_cue:
                break
        if not (deprel_matches(rel, _PHRASAL) or rel in _PHRASAL):
            break
        # only the demanded thing itself is requested, not what it mentions ("a halt to attacks")
        direct = depth == 0 or (
            direct
            and child is not None
            and (child.deprel == "conj" or (child.deprel in ("obj", "nmod") and base(node) in _LIGHT_VERBS))
        )
        child = node
    return _predicated_later(sent, trigger) if trigger.upos == "NOUN" else None


def _predicated_later(sent: ParsedSentence, trigger: Word) -> str | None:
    """ "A meeting between X and Y is possible", read along the words when the tree lost the subject:
    a copula and a hypothetical adjective after the trigger, with no finite verb in between."""
    c = cues()
    after = [w for w in sent.words if w.id > trigger.id]
    for i, word in enumerate(after):
        if word.upos == "VERB" and "VerbForm=Fin" in (word.feats or ""):
            return None
        if is_word(word, c["modality.hypothetical_adjectives"]) and word.upos == "ADJ":
            before = [w for w in after[max(0, i - 3) : i] if w.upos != "PUNCT"]
            if any(base(w) == "be" for w in before) and sent.child(word, "nsubj") in (None, trigger):
                return "hypothetical"
    return None


def _governs_content(sent: ParsedSentence, child: Word, rel: str) -> bool:
    if deprel_matches(rel, ("xcomp", "obj", "ccomp", "nsubj:pass")):
        return True
    if deprel_matches(rel, ("nmod", "obl")):
        return any(base(k) in ("on", "to", "for", "of", "about") for k in sent.children(child, "case"))
    return False


def _in_content(sent: ParsedSentence, governor: Word, child: Word) -> bool:
    rel = child.deprel or ""
    if deprel_matches(rel, ("obj", "xcomp", "ccomp", "acl")):
        return True
    if deprel_matches(rel, ("obl", "nmod")):
        return any(base(k) in ("for", "of", "to") for k in sent.children(child, "case"))
    return False


# ---------------------------------------------------------------------------- attribution
_SPEAKERS: weakref.WeakKeyDictionary[ParsedDocument, dict[int, list[tuple[int, Span, bool]]]] = (
    weakref.WeakKeyDictionary()
)


class Attribution:
    """Who says so: "according to X", "X said that ...", "he added" resolved to the last named speaker."""

    def __init__(self, document: ParsedDocument) -> None:
        self.document = document
        # sentence -> (word id, span, is_person); scanned once per document, shared by every plugin
        self._speakers: dict[int, list[tuple[int, Span, bool]]] = _SPEAKERS.get(document, {})
        self._done = document in _SPEAKERS

    def _scan(self) -> None:
        if self._done:
            return
        c = cues()
        last: tuple[Span, bool] | None = None
        person_before: tuple[Span, bool] | None = None  # the last person named as a subject
        for sent in self.document.sentences:
            found = []
            by_word: dict[int, tuple[Span, bool]] = {}
            person = _last_person_subject(sent)
            for word in sent.words:
                if word.upos != "VERB" or not is_word(word, c["attribution.speech_verbs"]):
                    continue
                subject = sent.child(word, "nsubj") or _agent(sent, word)
                if subject is None:
                    # "..., adding that ...": the speaker of the speech verb it hangs from
                    head = sent.head(word)
                    if (
                        head is not None
                        and head.id in by_word
                        and deprel_matches(word.deprel, ("advcl", "conj", "xcomp"))
                    ):
                        found.append((word.id, *by_word[head.id]))
                    continue
                if base(subject) in ("he", "she") and last is not None and not last[1] and person_before is not None:
                    last = person_before  # "Tetteh urged ... 'The exchange must happen,' she said"
                if base(subject) in c["attribution.pronouns"] or subject.upos == "PRON":
                    if last is not None:
                        found.append((word.id, last[0], last[1]))
                        by_word[word.id] = last
                    continue
                span = sent.entity_or_phrase(subject)
                ent = sent.covering_entity(subject)
                is_person = ent is not None and ent.type in ("PER", "PERSON")
                found.append((word.id, span, is_person))
                by_word[word.id] = (span, is_person)
                if subject.upos == "PROPN" or ent is not None:
                    last = (span, is_person)
            self._speakers[sent.index] = found
            if person is not None:
                person_before = person
        _SPEAKERS[self.document] = self._speakers
        self._done = True

    def source(self, sent: ParsedSentence, trigger: Word) -> Span | None:
        """The source a trigger's sentence attributes it to, or None."""
        according = _according_to(sent)
        if according is not None:
            return according
        self._scan()
        speakers = {wid: span for wid, span, _ in self._speakers.get(sent.index, [])}
        child = trigger
        for node in sent.ancestors(trigger):
            if node.id in speakers and not deprel_matches(child.deprel, ("nsubj",)):
                return speakers[node.id]
            child = node
        # "..., the ministry said." / "“...,” said X": UD hangs a trailing speech verb off the
        # reported clause as parataxis
        for node in sent.path_to_root(trigger):
            for kid in sent.children(node, "parataxis"):
                if kid.id in speakers and kid.id != trigger.id:
                    return speakers[kid.id]
        # The tree links the trigger to no speech verb, but the sentence has one speaker
        # ("..., his office said."): a parser slip, or a report of what that speaker says.
        distinct = {(s.start, s.end): s for wid, s in speakers.items() if wid != trigger.id}
        if len(distinct) == 1:
            only = next(iter(distinct.values()))
            if not (only.start <= start_of(trigger) < only.end):
                return only
        return None


def _last_person_subject(sent: ParsedSentence) -> tuple[Span, bool] | None:
    """The last person entity that is the subject of a verb in the sentence."""
    found = None
    for word in sent.words:
        if deprel_matches(word.deprel, ("nsubj",)):
            ent = sent.covering_entity(word)
            if ent is not None and ent.type in ("PER", "PERSON"):
                found = (sent.entity_or_phrase(word), True)
    return found


def _agent(sent: ParsedSentence, verb: Word) -> Word | None:
    for obl in sent.children(verb, "obl"):
        if obl.deprel == "obl:agent" or any(base(k) == "by" for k in sent.children(obl, "case")):
            return obl
    return None


def _according_to(sent: ParsedSentence) -> Span | None:
    """The source of "according to X": the nominal that the "to" after "according" introduces."""
    for word in sent.words:
        if word.text.lower() != "according":
            continue
        after = sent.word(word.id + 1)
        source = sent.head(word) if word.deprel in ("case", "mark") else None  # UD: "according to" is a case
        if source is None and after is not None and after.text.lower() == "to":
            source = sent.head(after) if after.deprel in ("case", "fixed", "mark") else None
            if source is None or source.id == word.id:
                source = next((k for k in sent.children(after, "obj", "obl", "nmod")), None)
        if source is None:
            source = next((k for k in sent.children(word, "obl", "nmod")), None)
        if source is not None and source.upos in ("PROPN", "NOUN", "PRON"):
            return sent.entity_or_phrase(source)
    return None


# ---------------------------------------------------------------------------- time
_TIME_RELS = ("obl", "advmod", "nmod", "obl:tmod", "nmod:tmod", "obl:npmod", "nmod:unmarked", "obl:unmarked", "xcomp")


def _is_time(word: Word) -> bool:
    """A time word, or a year ("2022")."""
    return is_time_word(word) or (word.upos == "NUM" and len(word.text) == 4 and word.text.isdigit())


def _time_span(sent: ParsedSentence, word: Word) -> Span:
    """A time word with its own modifiers only ("next month", "last week", "early Monday")."""
    words = [word] + [
        k
        for k in sent.children(word, "amod", "det", "nummod", "advmod", "compound")
        if k.deprel != "compound" or _is_time(k) or k.upos == "NUM"
    ]
    return sent.span(words)


def time_expressions(sent: ParsedSentence, *heads: Word) -> list[Span]:
    """Time phrases attached to the given words ("overnight", "on Friday", "last week")."""
    out: list[Span] = []
    for head in heads:
        for kid in sent.children(head, *_TIME_RELS):
            if (
                _is_time(kid)
                and not any(base(k) in ("before", "after") for k in sent.children(kid, "case"))
                and not any(base(k) in ("a", "an", "each", "every") for k in sent.children(kid, "det"))
            ):
                span = _time_span(sent, kid)
                if all(not span.overlaps(s) for s in out):
                    out.append(span)
    return out


def sentence_times(sent: ParsedSentence) -> list[Span]:
    """Every time phrase of a sentence; for an event alone in its sentence whose tree gave none."""
    heads = [w for w in sent.words if any(_is_time(k) for k in sent.children(w, *_TIME_RELS))]
    return time_expressions(sent, *heads)


def is_time_word(word: Word) -> bool:
    """A word that names a time ("Friday", "overnight", "month"), by lemma or form."""
    return base(word) in cues()["time.words"] or word.text.lower() in cues()["time.words"]


def describe(
    document: ParsedDocument,
    sent: ParsedSentence,
    trigger: Word,
    attribution: Attribution | None = None,
    default: str = "asserted",
) -> dict[str, Any]:
    """``modality`` and ``attributed_to`` keyword arguments for an event record."""
    found = modality(sent, trigger)
    source = (attribution or Attribution(document)).source(sent, trigger)
    return {"modality": found or default, "attributed_to": source}
