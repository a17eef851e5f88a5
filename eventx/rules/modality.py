"""Modality of an event trigger, read off the dependency tree.

A plugin finds a trigger word and asks :func:`modality` whether it is asserted,
negated, hypothetical, planned or requested.  Cue words live in
``eventx/cues.toml`` (:func:`eventx.rules.cues.cues`) and can be extended.
"""

from __future__ import annotations

from eventx.rules.cues import cues
from eventx.rules.time import is_time_word
from eventx.rules.trees import ParsedSentence, deprel_matches
from eventx.rules.words import Word, base, matches

__all__ = ["modality"]

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
# Clause boundaries: stop looking upward (a relative clause does not take its head's modality).
_CLAUSAL = {"acl", "acl:relcl", "advcl", "parataxis", "csubj", "ccomp", "list", "discourse", "vocative"}


def _negated_here(sent: ParsedSentence, node: Word) -> bool:
    c = cues()
    for kid in sent.children(node):
        if kid.deprel in ("advmod", "neg", "det", "advmod:neg", "cc:preconj") and base(kid) in c.negators:
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
    if _negated_here(sent, node) and (is_trigger or base(node) in c.occurrence_verbs):
        return "negated"
    auxes = _aux(sent, node)
    if auxes & c.hypothetical_aux:
        return "hypothetical"
    if any(base(m) in c.conditional_marks for m in sent.children(node, "mark")):
        return "hypothetical"
    for clause in sent.children(node, "advcl"):
        # "talks take place only if the shelling stops"
        if any(base(m) in ("if", "unless") for m in sent.children(clause, "mark")):
            return "hypothetical"
    if auxes & c.planned_aux:
        return "planned"
    return _modifier_cue(sent, node, is_trigger) or (_trigger_cue(sent, node) if is_trigger else None)


def _modifier_cue(sent: ParsedSentence, node: Word, is_trigger: bool) -> str | None:
    """ "going to", "set to", "due to", "proposed", "possible" modifying the node itself."""
    c = cues()
    for kid in sent.children(node, "amod", "acl", "advmod", "nmod:npmod"):
        if matches(kid, c.requested_adjectives):
            return "requested"
        if matches(kid, c.hypothetical_adjectives):
            return "hypothetical"
        if matches(kid, c.planned_adjectives) and (kid.deprel != "advmod" or not is_trigger):
            return "planned"
    return None


def _trigger_cue(sent: ParsedSentence, node: Word) -> str | None:
    """Cues that only the trigger word itself carries."""
    if node.upos == "NOUN" and any(base(d) == "any" for d in sent.children(node, "det")):
        return "hypothetical"  # "before any talks"
    if node.upos == "NOUN":
        # "next month's summit", "Monday's talks next week"
        for kid in sent.children(node, "nmod:poss", "nmod:tmod", "obl:tmod", "nmod"):
            if is_time_word(kid) and any(
                base(a) in ("next", "coming", "upcoming", "following") for a in sent.children(kid, "amod", "det")
            ):
                return "planned"
    if (
        node.upos == "VERB"
        and node.deprel in ("root", "acl", "parataxis")
        and any(base(m) == "to" for m in sent.children(node, "mark"))
        and sent.child(node, "nsubj") is None
    ):
        return "planned"  # headline future: "Sahel juntas to meet in Niamey"
    return None


_STOP = "stop"  # the walk up from the trigger ends here


def _governor_cue(sent: ParsedSentence, node: Word, child: Word, direct: bool, requested_ok: bool) -> str | None:
    """The reading a governing word gives the phrase below it ("refused to meet", "urged talks"),
    :data:`_STOP` at a speech verb, None when the node says nothing."""
    c = cues()
    rel = child.deprel or ""
    if (matches(node, c.negating_governors) or _negating_phrase(sent, node)) and deprel_matches(
        rel, ("xcomp", "obj", "ccomp")
    ):
        return "negated"  # "denied attacking", "ruled out talks"
    if not requested_ok and matches(node, c.rejecting_governors):
        return _STOP  # "rejected the demand": the demand itself was made
    if matches(node, c.speech_verbs) and rel not in ("nsubj", "obl"):
        return _STOP
    if requested_ok and direct and matches(node, c.requested_governors) and not deprel_matches(rel, ("nsubj",)):
        if node.upos in ("VERB", "NOUN") and _in_content(sent, node, child):
            return "requested"
    # "hoped to hold talks" is hypothetical; "hoped to revive the negotiations" is not about them
    if (
        direct
        and matches(node, c.hypothetical_governors)
        and deprel_matches(rel, ("xcomp", "obj", "ccomp", "nmod", "acl", "obl"))
    ):
        return "hypothetical"
    if direct and matches(node, c.planned_governors) and _governs_content(sent, child, rel):
        return "planned"
    if base(node) in c.hypothetical_adjectives and deprel_matches(rel, ("nsubj", "csubj")):
        return "hypothetical"
    return None


def _negating_phrase(sent: ParsedSentence, node: Word) -> bool:
    """ "ruled out", "turned down", "called off": a verb and its particle that negate their object."""
    return any(f"{base(node)} {base(p)}" in cues().negating_phrases for p in sent.children(node, "compound:prt"))


def _rejected(sent: ParsedSentence, node: Word) -> bool:
    """Whether ``node`` (an offer, a plan, a proposal) is what a rejecting verb turns down."""
    head = sent.head(node)
    c = cues()
    return (
        head is not None
        and deprel_matches(node.deprel, ("obj", "nsubj:pass"))
        and (
            matches(head, c.rejecting_governors) or matches(head, c.negating_governors) or _negating_phrase(sent, head)
        )
    )


def _keeps_direct(sent: ParsedSentence, node: Word, child: Word) -> bool:
    """Whether ``node`` only carries ``child`` (a light verb or noun, or a verb of going to it), so that
    cues above it still read on the trigger ("a round of talks", "due to travel for talks")."""
    c = cues()
    if child.deprel == "conj":
        return True
    if child.deprel in ("obj", "nmod") and base(node) in c.light_verbs:
        return True
    return (
        deprel_matches(child.deprel, ("obl",))
        and base(node) in c.movement_verbs
        and any(base(k) in ("for", "to") for k in sent.children(child, "case"))
    )


def _ends_walk(sent: ParsedSentence, node: Word) -> str | None:
    """Whether the walk stops above ``node``: "negated" for "had no plans to ...", :data:`_STOP` at a
    clause boundary (unless a cue word governs the clause) or a relation outside the phrase."""
    c = cues()
    rel = node.deprel or "root"
    head = sent.head(node)
    if any(base(k) in c.concessive_marks for k in sent.children(node, "case", "mark")):
        return _STOP  # "failed to agree despite negotiations": what a concessive phrase names took place
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
                matches(head, words) for words in (c.negating_governors, c.planned_governors, c.hypothetical_governors)
            )
        )
        if not governor_cue:
            return _STOP
    if not (deprel_matches(rel, _PHRASAL) or rel in _PHRASAL):
        return _STOP
    return None


def modality(sent: ParsedSentence, trigger: Word, *, requested_ok: bool = True) -> str | None:
    """The modality cues around a trigger, nearest first; None when there are none.

    Walks from the trigger up through its phrase and light verbs ("held
    talks", "agreed to meet"), stopping at clause boundaries and speech verbs.
    ``requested_ok`` False skips the "requested" reading (for demand triggers).
    """
    child: Word | None = None
    direct = True
    for depth, node in enumerate(sent.path_to_root(trigger)):
        if child is not None:
            if not direct and deprel_matches(child.deprel, ("nsubj", "csubj")):
                break  # "the victims of the attack could not be identified": the modal is another predicate's
            cue = _governor_cue(sent, node, child, direct, requested_ok)
            if cue == _STOP:
                break
            if cue in ("requested", "hypothetical", "planned") and _rejected(sent, node):
                return "negated"  # "rejected an offer of talks"
            if cue is not None:
                return cue
        cue = _own_cue(sent, node, is_trigger=depth == 0) or _ends_walk(sent, node)
        if cue == _STOP:
            break
        if cue is not None:
            return cue
        # only the demanded thing itself is requested, not what it mentions ("a halt to attacks")
        direct = depth == 0 or (direct and child is not None and _keeps_direct(sent, node, child))
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
        if matches(word, c.hypothetical_adjectives) and word.upos == "ADJ":
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
