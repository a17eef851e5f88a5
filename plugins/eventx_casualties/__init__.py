"""casualties: Attack events (shelling, strikes, raids, ambushes, killings) with casualty counts.

A built-in eventx plugin, registered through the ``eventx`` entry point like
any outside plugin.  Trigger words and filters live in ``lexicon.toml``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple

import attrs

from eventx import Attack, ExtractorSpec, ParsedDocument, ParsedSentence, Span, hookimpl
from eventx.merge import merge_pair
from eventx.rules import (
    Lexicon,
    RuleContext,
    Word,
    base,
    case_of,
    conjunct_entities,
    conjuncts,
    coordinated_span,
    count_of,
    cues,
    dedupe,
    deprel_matches,
    event_heads,
    extractor_spec,
    is_time_word,
    locations,
    matches,
    nested_locations,
    number_run,
    people_count,
    phrase_at,
    phrase_starts,
    place_modifiers,
    prep_objects,
    sentence_times,
    subject,
    time_expressions,
)

NAME = "casualties"
LEXICON = Lexicon("eventx_casualties")


# ---------------------------------------------------------------------------- triggers
def _is_attack_noun(sent: ParsedSentence, word: Word) -> bool:
    lex = LEXICON
    if word.upos not in ("NOUN", "PROPN"):
        return False
    if matches(word, lex["weak_attack_nouns"]):
        # "military operations", "operations against ...": only with a military cue
        return bool(prep_objects(sent, word, "against")) or any(
            matches(m, lex["military_modifiers"]) for m in sent.children(word, "amod", "compound")
        )
    if not matches(word, lex["attack_nouns"]):
        return False
    for mod in sent.children(word, "compound", "amod", "nmod:poss", "det:poss"):
        if matches(mod, lex["not_attack_modifiers"]) or base(mod) in ("team", "side", "club", "squad"):
            return False
    if base(word) == "strike" and any(
        case_of(sent, word) == "on" and base(h) in ("go", "be", "stay") for h in [sent.head(word)] if h is not None
    ):
        return False
    if _labour_strike(sent, word) or _names_a_thing(sent, word):
        return False
    for target in prep_objects(sent, word, "on", "against", "of"):
        if matches(target, lex["abstract_targets"]):
            return False
    return True


def _is_attack_verb(sent: ParsedSentence, word: Word) -> bool:
    lex = LEXICON
    if word.upos != "VERB" or (word.deprel == "amod" and word.xpos not in ("VBD", "VBG")):
        return False  # "the shelled village" describes; "warplanes bombed (amod by a parser slip)" reports
    if base(word) == "fire":
        obj = sent.child(word, "obj")
        return (obj is not None and matches(obj, lex["instruments"])) or bool(
            prep_objects(sent, word, "at", "on", "into")
        )
    if base(word) == "hit":
        return _weapon_hit(sent, word)
    if not matches(word, lex["attack_verbs"]):
        return False
    for obj in sent.children(word, "obj", "nsubj:pass"):
        if matches(obj, lex["not_attack_objects"]) or matches(obj, lex["abstract_targets"]):
            return False
    if prep_objects(sent, word, "to") and any(base(o) == "fame" for o in prep_objects(sent, word, "to")):
        return False
    return True


def _weapon_hit(sent: ParsedSentence, word: Word) -> bool:
    """ "The drone hit the market", "the village was hit by a drone": an attack when a weapon does the
    hitting (and no attack noun does: "shelling hit the market" is the shelling's event)."""
    lex = LEXICON
    subj = sent.child(word, "nsubj")
    if subj is not None and sent.children(word, "obj"):
        return matches(subj, lex["instruments"]) and not matches(subj, lex["attack_nouns"])
    agents = prep_objects(sent, word, "by")
    return bool(sent.children(word, "nsubj:pass")) and any(
        matches(a, lex["instruments"]) and not matches(a, lex["attack_nouns"]) for a in agents
    )


def _names_a_thing(sent: ParsedSentence, word: Word) -> bool:
    """ "An attack helicopter", "battle zones", "torture centers": an attack noun that only modifies
    a thing; "a disease to battle", "ways to attack the virus": a fight against an illness."""
    lex = LEXICON
    head = sent.head(word)
    if head is None:
        return False
    if word.deprel == "compound" and matches(head, lex["not_event_heads"]):
        return True
    return word.deprel.startswith("acl") and matches(head, lex["abstract_targets"])


def _labour_strike(sent: ParsedSentence, word: Word) -> bool:
    """ "The union called a strike", "called off a four-day strike", "a strike over pay": a labour strike."""
    lex = LEXICON
    if base(word) != "strike" or any(matches(m, lex["instruments"]) for m in sent.children(word, "compound", "amod")):
        return False
    head = sent.head(word)
    if head is not None and deprel_matches(word.deprel, ("obj",)) and matches(head, lex["labour_strike_verbs"]):
        return True
    return any(matches(o, lex["labour_issues"]) for o in prep_objects(sent, word, "over", "for", "against"))


def _attack_phrase(sent: ParsedSentence, word: Word) -> list[Word] | None:
    """ "blew himself up", "gunned down", "a bomb went off", "set off explosives": a phrasal attack verb.

    Phrases of ``explosion_phrases`` name an attack only with a weapon as their subject or object
    ("the alarm went off" does not); those of ``attack_phrases`` need an object or a weapon subject.
    """
    if word.upos != "VERB":
        return None
    lex = LEXICON
    found = phrase_at(sent, word, lex["explosion_phrases"])
    if found is not None and _has_weapon(sent, word):
        return found
    found = phrase_at(sent, word, lex["attack_phrases"])
    if found is not None and (sent.children(word, "obj", "nsubj:pass") or _has_weapon(sent, word)):
        return found
    return None


def _has_weapon(sent: ParsedSentence, verb: Word) -> bool:
    """A weapon as the subject or object of a verb ("a bomb went off", "set off explosives")."""
    return any(matches(w, LEXICON["instruments"]) for w in sent.children(verb, "nsubj", "nsubj:pass", "obj"))


def _slipped_attack(sent: ParsedSentence, word: Word) -> bool:
    """An attack word the parser mistagged, recognised from word order and tags:

    - a gerund used as a noun ("after fierce fighting", "because of fighting");
    - a resultative "shot dead", "stabbed dead" whatever the tag of the verb;
    - a past participle hung as a modifier in a sentence the parser left without a verb
      ("Israeli tanks shelled positions ..." read as a noun phrase).
    """
    lex = LEXICON
    if word.xpos == "VBG" and matches(word, lex["attack_nouns"]) and not sent.children(word, "aux", "aux:pass"):
        return bool(sent.children(word, "mark", "case", "det", "amod")) or word.deprel in ("obj", "obl", "nmod")
    nxt = sent.words[word.id] if word.id < len(sent.words) else None
    if nxt is not None and base(nxt) == "dead" and matches(word, lex["attack_verbs"] | lex["kill_verbs"]):
        return True
    if word.deprel == "amod" and word.xpos in ("VBN", "VBD") and matches(word, lex["attack_verbs"]):
        before = sent.words[word.id - 2] if word.id > 1 else None
        root = next((w for w in sent.words if w.head == 0), None)
        verbless = root is not None and root.upos not in ("VERB", "AUX")
        return verbless and before is not None and before.upos in ("NOUN", "PROPN")
    return False


def _is_casualty_verb(sent: ParsedSentence, word: Word, key: str) -> bool:
    return word.upos == "VERB" and word.deprel != "amod" and matches(word, LEXICON[key])


def _fire_phrase(sent: ParsedSentence, word: Word) -> Word | None:
    """For "opened fire", "exchanged fire", "an exchange of fire": the word "fire"."""
    lex = LEXICON
    if word.upos == "VERB" and matches(word, lex["fire_verbs"]):
        obj = sent.child(word, "obj")
        if obj is not None and matches(obj, lex["fire_nouns"]) and base(obj) in ("fire", "gunfire", "shellfire"):
            return obj
        if obj is not None and any(base(k) == "fire" for k in sent.subtree(obj)):
            return next(k for k in sent.subtree(obj) if base(k) == "fire")
    if word.upos == "NOUN" and base(word) == "exchange":
        for nmod in prep_objects(sent, word, "of"):
            if base(nmod) in ("fire", "gunfire", "shellfire"):
                return nmod
    if word.upos == "NOUN" and base(word) == "fire":
        # "rocket fire", "artillery fire": the weapon and the word fire
        head = sent.head(word)
        if head is not None and head.upos == "VERB" and matches(head, lex["fire_verbs"]):
            return None  # "opened fire" is found from the verb
        return next((m for m in sent.children(word, "compound", "amod") if matches(m, lex["instruments"])), None)
    return None


# ---------------------------------------------------------------------------- roles
def _victims_and_counts(sent: ParsedSentence, verbs: list[Word]) -> tuple[list[Span], int | None, int | None]:
    lex = LEXICON
    victims: list[Span] = []
    killed: int | None = None
    injured: int | None = None
    for verb in verbs:
        is_kill = matches(verb, lex["kill_verbs"])
        is_injure = matches(verb, lex["injure_verbs"])
        if not (is_kill or is_injure):
            continue
        for obj in sent.children(verb, "obj", "nsubj:pass"):
            victims.append(coordinated_span(sent, obj))
            value = people_count(sent, obj)
            if value is not None:
                if is_kill and killed is None:
                    killed = value
                elif is_injure and injured is None:
                    injured = value
    return dedupe(victims), killed, injured


_DEATH_WORDS = frozenset({"dead", "die"})


def _toll_kind(word: Word) -> str | None:
    """ "killed" or "injured" for a casualty word, else None."""
    if matches(word, LEXICON["kill_verbs"]) or base(word) in _DEATH_WORDS:
        return "killed"
    return "injured" if matches(word, LEXICON["injure_verbs"]) else None


def _count_after(sent: ParsedSentence, i: int) -> tuple[int | None, Span | None]:
    """ "killed (at least) 19 people": the count after the casualty verb ``words[i]`` and the counted phrase."""
    words = sent.words
    value = number_run(words, i + 1, +1)
    if value is None:
        return None, None
    k = i + 1
    while k < len(words) and (words[k].text.lower() in cues().hedges or words[k].upos == "NUM"):
        k += 1
    first = next((x for x in words[i + 1 : k] if x.upos == "NUM"), None)
    if first is None:
        return value, None
    while k < len(words) and words[k].upos == "ADJ":
        k += 1
    last = words[k] if k < len(words) and matches(words[k], LEXICON["people_nouns"]) else words[k - 1]
    return value, sent.span([first, last])


def _count_before(sent: ParsedSentence, i: int) -> tuple[int | None, Span | None]:
    """ "19 (civilian) people were killed": the count before the casualty word ``words[i]`` and the
    counted phrase when a people noun follows the count."""
    words = sent.words
    j = i - 1
    while j >= 0 and words[j].text.lower() in cues().auxiliaries:
        j -= 1
    noun = j if j >= 0 and words[j].upos == "NOUN" and matches(words[j], LEXICON["people_nouns"]) else None
    if noun is not None:
        j -= 1
        while j >= 0 and words[j].upos == "ADJ":
            j -= 1
    value = number_run(words, j, -1) if j >= 0 else None
    if value is None or noun is None:
        return value, None
    begin = j
    while begin > 0 and words[begin - 1].upos == "NUM":
        begin -= 1
    return value, sent.span(words[begin : noun + 1])


def _surface_toll(sent: ParsedSentence) -> tuple[dict[str, int | None], list[Span]]:
    """The counts and the counted victims ("19 people") found along the word sequence, for when the
    tree is wrong: "killed 19 people", "19 people were killed", "leaving 12 dead and 20 injured"."""
    victims: list[Span] = []
    counts: dict[str, int | None] = {"killed": None, "injured": None}
    for w in sent.words_matching(LEXICON.union("kill_verbs", "injure_verbs"), _DEATH_WORDS):
        kind = _toll_kind(w)
        if kind is None or counts[kind] is not None:
            continue
        i = w.id - 1
        value, victim = None, None
        if w.upos == "VERB" and w.text.lower().endswith(("ed", "ing", "s")):
            value, victim = _count_after(sent, i)
        if value is None:
            value, victim = _count_before(sent, i)
        if victim is not None and kind == "killed":
            victims.append(victim)
        counts[kind] = value
    return counts, victims


def _left_dead(sent: ParsedSentence, heads: list[Word]) -> tuple[int | None, int | None]:
    """ "leaving seven dead and 15 injured": counts next to casualty adjectives."""
    killed = injured = None
    for head in heads:
        for leave in sent.children(head, "advcl", "conj", "xcomp", "acl"):
            if base(leave) != "leave":
                continue
            words = sent.subtree(leave)
            for i, w in enumerate(words[:-1]):
                if w.upos != "NUM":
                    continue
                nxt = base(words[i + 1])
                value = count_of(sent, w)
                if nxt in ("dead", "killed") and killed is None:
                    killed = value
                elif nxt in ("injured", "wounded", "hurt") and injured is None:
                    injured = value
    return killed, injured


def _actor_modifiers(sent: ParsedSentence, word: Word) -> list[Span]:
    """Actors named by a word's modifiers: "Russia's", "Israeli", "army" (raids), "U.S. and British" (jets)."""
    lex = LEXICON
    out: list[Span] = []
    for poss in sent.children(word, "nmod:poss"):
        if poss.upos != "PRON" and not _names_time(sent, poss):
            out.append(sent.entity_or_phrase(poss))
    group: list[Word] = []
    for mod in sent.children(word, "amod", "compound"):
        ent = sent.covering_entity(mod)
        if matches(mod, lex["instruments"]) or (ent is not None and ent.type in ("LOC", "GPE") and mod.upos == "PROPN"):
            continue
        if _names_time(sent, mod) or matches(mod, lex["not_actor_modifiers"]):
            continue  # "Saturday's attack", "the Bloody Friday attacks", "twin bombings"
        if (mod.text[:1].isupper() and mod.upos in ("ADJ", "PROPN")) or matches(mod, lex["actor_nouns"]):
            if group and mod.id == group[-1].id + 1 and not sent.children(mod, "conj"):
                group.append(mod)  # "Myanmar military (aircraft)": one actor
                continue
            if group:
                out.append(sent.span(group))
            group = [mod]
            if sent.children(mod, "conj"):
                out += [sent.entity_or_phrase(m) for m in conjuncts(sent, mod)[1:]]
    if group:
        out.append(sent.span(group))
    return dedupe(out)


def _acronym_slips(sent: ParsedSentence, noun: Word) -> list[Span]:
    """ "Killed in IS attacks" with "IS" read as a copula: a word in capitals tagged as a verb right
    before an attack noun, after a preposition or determiner, is the name of the attacker."""
    out: list[Span] = []
    for kid in sent.children(noun):
        before = sent.words[kid.id - 2] if kid.id > 1 else None
        if (
            kid.id == noun.id - 1
            and kid.upos in ("AUX", "VERB")
            and len(kid.text) > 1
            and kid.text.isupper()
            and before is not None
            and before.upos in ("ADP", "DET")
        ):
            out.append(sent.span(kid))
    # tested last, as it reads every word: almost no noun has such a modifier
    if out and sum(w.text.isupper() for w in sent.words) * 2 > len(sent.words):
        return []  # a headline in capitals
    return out


def _names_time_span(sent: ParsedSentence, span: Span) -> bool:
    """A span that names a time or is a bare number or relative pronoun ("13 September 1974", "which"):
    not a target."""
    words = _words_in(sent, span)
    content = [w for w in words if w.upos not in ("DET", "PUNCT", "ADP")]
    return bool(content) and all(
        is_time_word(w) or w.upos == "NUM" or base(w) in ("which", "that", "who", "whom", "a.m.", "p.m.")
        for w in content
    )


def _sides(sent: ParsedSentence, noun: Word) -> list[Span]:
    """ "A battle between troops and rebels", "clashes between X and Y": both sides fight (PLOVER's
    reciprocal violence), so both are attackers."""
    if noun.upos == "VERB" or not matches(noun, LEXICON["reciprocal_nouns"]):
        return []
    return [a for side in prep_objects(sent, noun, "between") for a in conjunct_entities(sent, side)]


def _names_time(sent: ParsedSentence, word: Word) -> bool:
    """A modifier that names a time, not an actor ("Saturday's", "Bloody Friday", "the 1972")."""
    return any(is_time_word(w) for w in sent.subtree(word)) or word.upos == "NUM"


def _light_verb_of(sent: ParsedSentence, noun: Word) -> Word | None:
    """The verb whose subject (or "by" agent) carried out an attack noun: "launched strikes", "launched
    a series of attacks", "claimed responsibility for the bombing", "the attacks were carried out by
    X", "a bombing claimed by X"."""
    lex = LEXICON
    passive = [
        v for v in sent.children(noun, "acl") if "Voice=Pass" in (v.feats or "") and matches(v, lex["light_verbs"])
    ]
    if passive and prep_objects(sent, passive[0], "by"):
        return passive[0]  # "a bombing claimed by the group"
    head = sent.head(noun)
    if head is not None and noun.deprel in ("nmod", "obl") and case_of(sent, noun) == "of":
        if matches(head, lex["series_nouns"]):
            noun, head = head, sent.head(head)  # "a series of attacks": the series is what is launched
    if head is None:
        return None
    if deprel_matches(noun.deprel, ("obj", "nsubj:pass")) and matches(head, lex["light_verbs"]):
        return head
    if case_of(sent, noun) == "for" and base(head) == "responsibility":
        verb = sent.head(head)
        return verb if verb is not None and matches(verb, lex["responsibility_verbs"]) else None
    return None


def _owner_of_clause(sent: ParsedSentence, verb: Word) -> list[Span]:
    """ "the IRA's decision to carry out the attacks", "Hamas's plan to launch rockets": the
    possessor of the noun whose clause the light verb heads."""
    noun = sent.head(verb)
    if noun is None or noun.upos != "NOUN" or not deprel_matches(verb.deprel, ("acl",)):
        return []
    return [sent.entity_or_phrase(p) for p in sent.children(noun, "nmod:poss") if p.upos != "PRON"]


def _participants_in(sent: ParsedSentence, noun: Word) -> list[Span]:
    """ "34 people are involved in the assassination attempt", "men who took part in the raid": the
    subject of a verb of taking part whose "in" complement is the attack (or the phrase it modifies)."""
    lex = LEXICON
    phrase, head = noun, sent.head(noun)
    if noun.deprel == "compound" and head is not None:
        phrase, head = head, sent.head(head)  # "the assassination attempt"
    if head is None or case_of(sent, phrase) != "in":
        return []
    if matches(head, lex["participation_nouns"]) and deprel_matches(head.deprel, ("obj",)):
        head = sent.head(head)  # "took part in", "played a role in"
    if head is None or not (matches(head, lex["participation_verbs"]) or matches(head, lex["participation_nouns"])):
        return []
    subj = _antecedent(sent, head, sent.child(head, "nsubj"))
    return [] if subj is None or subj.upos == "PRON" else conjunct_entities(sent, subj)


def _attacker_of_noun(sent: ParsedSentence, noun: Word, light: Word | None, casualty_verbs: list[Word]) -> list[Span]:
    """The attacker of an attack noun; ``light`` is its :func:`_light_verb_of`."""
    lex = LEXICON
    out = [*_actor_modifiers(sent, noun), *_acronym_slips(sent, noun)]
    for agent in prep_objects(sent, noun, "by"):
        out.append(sent.entity_or_phrase(agent))
    head = sent.head(noun)
    if not out and light is not None:
        subj = subject(sent, light)
        subj = None if subj is not None and subj.id == noun.id else subj
        if subj is not None and subj.upos != "PRON" and not any(base(d) == "no" for d in sent.children(subj, "det")):
            out.append(sent.entity_or_phrase(subj))
        out += [] if subj is not None else _owner_of_clause(sent, light)
    if (
        not out
        and head is not None
        and matches(head, lex["blame_verbs"])
        and deprel_matches(noun.deprel, ("obl", "nmod"))
    ):
        # "blamed the RSF for the attack", "accused soldiers of a massacre"
        out += [a for o in sent.children(head, "obj") if o.upos != "PRON" for a in conjunct_entities(sent, o)]
    out += [] if out else _participants_in(sent, noun)
    if not out:
        # "Jihadists kill dozens in attack": the killers
        for verb in casualty_verbs:
            subj = sent.child(verb, "nsubj")
            if subj is not None and subj.deprel == "nsubj" and subj.id != noun.id and subj.upos != "PRON":
                out += conjunct_entities(sent, subj)
    return out


def _target_span(sent: ParsedSentence, word: Word) -> Span:
    """A target phrase; "the village of Sotk" keeps the name of the place it stands for."""
    if matches(word, LEXICON["place_nouns"]) and any(o.upos == "PROPN" for o in prep_objects(sent, word, "of")):
        return sent.phrase(word, with_nmod=True)
    return coordinated_span(sent, word)


def _targets_of_noun(sent: ParsedSentence, noun: Word, light: Word | None) -> list[Span]:
    """The targets of an attack noun; ``light`` is its :func:`_light_verb_of`."""
    lex = LEXICON
    preps = (
        ("on", "against", "of") if base(noun).endswith("ing") or base(noun) in ("bombardment",) else ("on", "against")
    )
    objects = prep_objects(sent, noun, *preps)
    areas = _compass_objects(sent, noun) if objects else []
    out = [coordinated_span(sent, t) for t in objects if not matches(t, lex["instruments"]) and t not in areas]
    out += [coordinated_span(sent, t) for t in prep_objects(sent, noun, "at") if _struck_at(sent, t)]
    if light is not None and not out:
        # "launched attacks on British soil": the target hangs on the light verb
        out += [coordinated_span(sent, t) for t in prep_objects(sent, light, "on", "against")]
    head = sent.head(noun)
    if head is not None and matches(head, lex["damage_verbs"]):
        hit: list[Word] = []
        if deprel_matches(noun.deprel, ("nsubj",)):
            hit = sent.children(head, "obj")  # "the strike hit a school"
        elif case_of(sent, noun) == "by":
            hit = sent.children(head, "nsubj:pass")  # "was hit by a drone"
        out += [coordinated_span(sent, o) for o in hit if _attacked(sent, head, o)]
    clauses = sent.children(noun, "acl", "acl:relcl")
    for aimed in [*clauses, *(x for c in clauses for x in sent.children(c, "xcomp"))]:
        # "bombings targeted at the military", "attacks aimed at civilians"
        if matches(aimed, lex["damage_verbs"]) or base(aimed) == "aim":
            out += [coordinated_span(sent, o) for o in [*sent.children(aimed, "obj"), *prep_objects(sent, aimed, "at")]]
    return out


def _struck_at(sent: ParsedSentence, word: Word) -> bool:
    """ "A bombing at the main gate", "an attack at a cafe": a building or people an attack noun was "at"
    is what it struck; an area ("at the border"), a named place or a time ("at dawn") is not."""
    lex = LEXICON
    ent = sent.covering_entity(word)
    if is_time_word(word) or matches(word, lex["area_nouns"]) or (ent is not None and ent.type in ("LOC", "GPE")):
        return False
    return any(matches(word, lex[key]) for key in ("place_nouns", "people_nouns", "actor_nouns"))


def _attacked(sent: ParsedSentence, verb: Word, thing: Word) -> bool:
    """Whether what a damage verb's attack reaches is its target.  "Hit", "struck", "targeted" name the
    target; a verb that reports damage ("destroyed", "shattered") names one only where its object is a
    place, a building, a vehicle, people or a name ("the blast destroyed a school"), not a thing or an
    amount damaged ("shattered the glass of a refrigerator", "destroyed dozens of vehicles")."""
    lex = LEXICON
    if not matches(verb, lex["effect_verbs"]):
        return True
    ent = sent.covering_entity(thing)
    return (
        (ent is not None and ent.type not in ("DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT"))
        or thing.upos == "PROPN"
        or any(matches(thing, lex[key]) for key in ("place_nouns", "people_nouns", "actor_nouns", "instruments"))
    )


def _instruments(sent: ParsedSentence, words: list[Word]) -> list[Span]:
    lex = LEXICON
    out: list[Span] = []
    for word in words:
        for mod in sent.children(word, "compound", "amod"):
            if matches(mod, lex["instruments"]) and base(mod) not in ("air", "aerial", "suicide", "car"):
                out.append(sent.phrase(mod))
        for obl in prep_objects(sent, word, "with", "using", "by"):
            out += [sent.phrase(w) for w in conjuncts(sent, obl) if matches(w, lex["instruments"])]
        if word.upos == "VERB" and base(word) == "fire":
            out += [sent.phrase(o) for o in sent.children(word, "obj") if matches(o, lex["instruments"])]
    return dedupe(out)


def _compass_objects(sent: ParsedSentence, noun: Word) -> list[Word]:
    """ "The bombardment of the northeast": a compass area after "of" is where the attack was, not a target."""
    if noun.upos == "VERB":
        return []
    compass = LEXICON["compass"]
    return [o for o in prep_objects(sent, noun, "of") if base(o) in compass]


def _compass_locations(sent: ParsedSentence, heads: list[Word]) -> list[Span]:
    out = [sent.phrase(o) for o in _compass_objects(sent, heads[0])] if heads else []
    compass = LEXICON["compass"]
    for head in heads:
        for kid in sent.children(head, "advmod", "obl", "obl:npmod", "nmod", "obl:unmarked"):
            if base(kid) in compass and prep_objects(sent, kid, "of"):
                out.append(sent.phrase(kid, with_nmod=True))
    return out


def _toll_clause(sent: ParsedSentence, trigger: Word) -> bool:
    """An attack clause tied to its toll by "when", "as", "after" or "while" ("... killed 23 when they
    blew themselves up")."""
    return deprel_matches(trigger.deprel, ("advcl",)) and any(
        base(m) in ("when", "as", "after", "while", "before") for m in sent.children(trigger, "mark", "advmod")
    )


def _casualty_verbs(sent: ParsedSentence, casualty_words: list[Word]) -> list[Word]:
    """The kill/injure verbs among a sentence's ``casualty_words`` (:func:`_sentence_words`)."""
    return [
        w
        for w in casualty_words
        if _is_casualty_verb(sent, w, "kill_verbs") or _is_casualty_verb(sent, w, "injure_verbs")
    ]


def _related_casualty_verbs(sent: ParsedSentence, trigger: Word, candidates: list[Word]) -> list[Word]:
    """Kill/injure verbs that report this attack's toll, among the sentence's :func:`_casualty_verbs`."""
    related: list[Word] = []
    for verb in candidates:
        if verb.id == trigger.id:
            continue
        head = sent.head(verb)
        subj = sent.child(verb, "nsubj")
        if subj is not None and subj.id == trigger.id:
            related.append(verb)  # "the strike killed nine"
        elif (
            head is not None
            and head.id == trigger.id
            and deprel_matches(verb.deprel, ("advcl", "acl", "xcomp", "conj"))
        ):
            related.append(verb)  # "bombed the village, killing 23"
        elif any(o.id == trigger.id for o in prep_objects(sent, verb, "in", "during", "by", "after", "when")):
            related.append(verb)  # "nine were killed in the shelling"
        elif trigger.head == verb.id and _toll_clause(sent, trigger):
            related.append(verb)  # "four civilians were killed when troops shelled the village"
        elif (
            head is not None
            and head.id in (trigger.head,)
            and trigger.upos == "NOUN"
            and deprel_matches(verb.deprel, ("advcl",))
        ):
            related.append(verb)
    # conjoined casualty verbs: "killed 12 and wounded 30"
    for verb in list(related):
        for conj in sent.children(verb, "conj"):
            if conj not in related and (
                _is_casualty_verb(sent, conj, "kill_verbs") or _is_casualty_verb(sent, conj, "injure_verbs")
            ):
                related.append(conj)
    return related


# ---------------------------------------------------------------------------- extraction
def _antecedent(sent: ParsedSentence, verb: Word, subj: Word | None) -> Word | None:
    """The noun a relative pronoun stands for ("a device that exploded" -> device)."""
    head = sent.head(verb)
    relative = subj is not None and base(subj) in ("that", "which", "who")
    if relative and head is not None and verb.deprel.startswith("acl"):
        return head
    return subj


def _subject_of(sent: ParsedSentence, verb: Word) -> Word | None:
    """The doer of a verb.  A "subject" under a preposition is a parser slip ("As a truck arrived, it
    exploded" read with "As a truck" as a second subject): the verb's other subject is taken."""
    subj = subject(sent, verb)
    if subj is None or subj.deprel != "nsubj" or not sent.children(subj, "case"):
        return subj
    others = [s for s in sent.children(verb, "nsubj") if s.deprel == "nsubj" and not sent.children(s, "case")]
    return others[-1] if others else None


def _explosion_roles(
    sent: ParsedSentence, verb: Word, subj: Word | None, instrument: list[Span]
) -> dict[str, list[Span]]:
    """ "Twin bombs exploded", "the brigade detonated 20 bombs": what explodes is the instrument;
    who detonates it (the subject of a transitive use, the "by" agent of a passive) is the attacker."""
    objects = sent.children(verb, "obj") or [
        o
        for o in sent.children(verb, "obl")
        if matches(o, LEXICON["instruments"]) and case_of(sent, o) not in ("by", "with")
    ]  # "detonated at least 20 bombs" with the hedge read as a preposition
    agent = subj is not None and case_of(sent, subj) == "by"
    first = sent.head(verb)
    modified = [first] if first is not None and agent and deprel_matches(verb.deprel, ("acl",)) else []
    weapons = objects or sent.children(verb, "nsubj:pass") or modified or ([subj] if subj and not agent else [])
    if not weapons and first is not None and verb.deprel == "conj":
        weapons = sent.children(first, "nsubj", "nsubj:pass")  # "the bomb was placed ... and exploded"
    doer = subj if objects or agent else None  # "a bomb detonated by militants": the militants
    attacker = [sent.entity_or_phrase(doer)] if doer is not None and doer.upos != "PRON" else []
    attacker = [] if doer is not None and matches(doer, LEXICON["instruments"]) else attacker
    instrument = dedupe([*instrument, *(sent.phrase(w) for w in weapons)])
    return {"attacker": attacker, "target": [], "instrument": instrument}


def _is_actor(sent: ParsedSentence, word: Word) -> bool:
    """A word that names someone who can act: a person or organisation, or an armed-actor noun."""
    ent = sent.covering_entity(word)
    return (ent is not None and ent.type in ("PER", "PERSON", "ORG", "NORP")) or matches(word, LEXICON["actor_nouns"])


def _slipped_conjuncts(sent: ParsedSentence, noun: Word) -> list[Word]:
    """Conjuncts the parser hung as compounds: in "Taliban gunmen and suicide bombers" read with
    "gunmen" a compound of "bombers", the compound before the coordinator is a second doer."""
    ccs = [c.id for c in sent.children(noun, "cc")]
    return [c for c in sent.children(noun, "compound") if ccs and c.id < min(ccs) and c.upos == "NOUN"]


def _verb_roles(ctx: RuleContext, sent: ParsedSentence, trigger: Word, instrument: list[Span]) -> dict[str, list[Span]]:
    """Attacker, target and instrument of an attack verb ("Turkish drones struck the village")."""
    attacker: list[Span] = []
    target: list[Span] = []
    subj = _antecedent(sent, trigger, _subject_of(sent, trigger))
    if matches(trigger, LEXICON["explosion_verbs"]):
        return _explosion_roles(sent, trigger, subj, instrument)
    if subj is not None and not matches(subj, LEXICON["attack_nouns"]):
        if matches(subj, LEXICON["instruments"]):
            # "Turkish drones struck ...": the drones are the instrument, their owner the attacker
            instrument = dedupe([*instrument, sent.span(subj)])
            attacker += _actor_modifiers(sent, subj)
        elif subj.upos == "PRON":
            source = ctx.attribution.source(sent, trigger)
            attacker += [source] if source is not None else []
        else:
            attacker += conjunct_entities(sent, subj)  # "Taliban gunmen and suicide bombers attacked"
            attacker += [sent.phrase(c) for c in _slipped_conjuncts(sent, subj)]
    if not matches(trigger, LEXICON["kill_verbs"]) and not matches(trigger, LEXICON["injure_verbs"]):
        target += [
            _target_span(sent, o)
            for o in sent.children(trigger, "obj", "nsubj:pass")  # "shelled the city", "the city was shelled"
            if not matches(o, LEXICON["instruments"]) and not matches(o, LEXICON["fire_nouns"]) and o.upos != "PRON"
        ]
        target += [
            _target_span(sent, o)
            for o in prep_objects(sent, trigger, "at", "on", "against")
            if not is_time_word(o) and (not matches(o, LEXICON["place_nouns"]) or sent.covering_entity(o) is None)
        ]
    return {"attacker": attacker, "target": target, "instrument": instrument}


def _participle_roles(sent: ParsedSentence, trigger: Word) -> tuple[list[Span], list[Span]]:
    """ "The gunman, shot dead by police, ...", "a convoy ambushed by rebels": an attack participle that
    modifies a noun (a reduced passive relative clause) was done to that noun (or the name set beside
    it), by its "by" agent (also one the parser hung on "dead").  Attacker and target."""
    head = sent.head(trigger)
    nxt = sent.words[trigger.id] if trigger.id < len(sent.words) else None
    resultative = nxt is not None and base(nxt) == "dead"  # "shot dead", whatever its tag
    if (
        head is None
        or head.upos not in ("NOUN", "PROPN")
        or matches(head, LEXICON["attack_nouns"])  # "bombings targeted at the military": the attack itself
        or not (
            (deprel_matches(trigger.deprel, ("acl",)) and trigger.xpos == "VBN")
            or (resultative and deprel_matches(trigger.deprel, ("acl", "appos")))
        )
        or sent.children(trigger, "nsubj", "nsubj:pass", "obj")
        or any(matches(trigger, LEXICON[key]) for key in ("kill_verbs", "injure_verbs", "explosion_verbs"))
    ):
        return [], []  # who is killed is a victim; what is detonated, the weapon
    results = [d for d in sent.children(trigger, "xcomp", "amod") if base(d) == "dead"]
    agents = [a for w in [trigger, *results] for a in prep_objects(sent, w, "by")]
    agents = [a for a in agents if not matches(a, LEXICON["instruments"])]  # "hit by a drone": the weapon
    names = [n for n in sent.children(head, "appos") if n.upos == "PROPN"]
    done_to = sent.entity_or_phrase(names[0]) if names else _target_span(sent, head)
    return [a for agent in agents for a in conjunct_entities(sent, agent)], [done_to]


def _relative_victims(sent: ParsedSentence, noun: Word) -> list[Span]:
    """ "A man who lost a leg in the attack", "those who died in the shelling": the person the relative
    clause is about."""
    verb = sent.head(noun)
    if verb is None or case_of(sent, noun) not in ("in", "during") or not matches(verb, LEXICON["harm_verbs"]):
        return []
    person = sent.head(verb) if verb.deprel.startswith("acl") else None
    return [coordinated_span(sent, person)] if person is not None and person.upos in ("NOUN", "PROPN", "PRON") else []


def _noun_roles(sent: ParsedSentence, trigger: Word, casualty_verbs: list[Word]) -> dict[str, list[Span]]:
    """Attacker, target and (for "the killing of three aid workers") victims of an attack noun."""
    victims: list[Span] = _relative_victims(sent, trigger)
    target: list[Span] = []
    light = _light_verb_of(sent, trigger)  # both roles may hang on it
    if matches(trigger, LEXICON["kill_nouns"]):
        # "the killing of three aid workers": the "of" complement are the victims
        victims += [coordinated_span(sent, victim) for victim in prep_objects(sent, trigger, "of")]
    else:
        target = _targets_of_noun(sent, trigger, light)
    attacker = _attacker_of_noun(sent, trigger, light, casualty_verbs)
    return {"attacker": attacker, "target": target, "victims": victims}


def _kill_count_of_noun(sent: ParsedSentence, trigger: Word) -> int | None:
    """The count of "the killing of three aid workers"."""
    if trigger.upos == "VERB" or not matches(trigger, LEXICON["kill_nouns"]):
        return None
    counts = [people_count(sent, victim) for victim in prep_objects(sent, trigger, "of")]
    return next((c for c in counts if c is not None), None)


def _toll(sent: ParsedSentence, trigger: Word, casualty_verbs: list[Word]) -> tuple[list[Span], int | None, int | None]:
    """Victims, killed and injured counts of an attack, from its casualty verbs and "leaving N dead"."""
    heads = [trigger, *casualty_verbs]
    verbs_for_counts = heads if trigger.upos == "VERB" else casualty_verbs
    victims, killed, injured = _victims_and_counts(sent, verbs_for_counts)
    killed = _kill_count_of_noun(sent, trigger) if killed is None else killed
    left_killed, left_injured = _left_dead(sent, heads)
    killed = killed if killed is not None else left_killed
    injured = injured if injured is not None else left_injured
    return victims, killed, injured


def _places(sent: ParsedSentence, trigger: Word, place_heads: list[Word], target: list[Span]) -> list[Span]:
    """Where an attack happened, not overlapping its targets."""
    place = dedupe(
        [
            *_compass_locations(sent, place_heads),
            *locations(sent, place_heads, LEXICON["place_nouns"]),
            *(place_modifiers(sent, trigger) if trigger.upos == "NOUN" else []),
            *nested_locations(sent, trigger, LEXICON["place_nouns"]),
        ]
    )
    place = dedupe([*(_with_name(sent, p) for p in place), *_place_conjuncts(sent, place)])
    place = [p for p in place if all(not p.overlaps(t) for t in target)]
    # a place named inside the target ("the building in Oklahoma City") is where the attack was
    return dedupe([*place, *_predicated_places(sent, trigger, target)])


def _words_in(sent: ParsedSentence, span: Span) -> list[Word]:
    """The words of the sentence that start inside ``span``."""
    return [w for w in sent.words if w.start_char is not None and span.start <= w.start_char < span.end]


def _predicated_places(sent: ParsedSentence, trigger: Word, target: list[Span]) -> list[Span]:
    """ "The worst explosion was at the bus station": a copular place; "a bakery on Rue Victor Hugo",
    "the building in Oklahoma City": a place named inside the target phrase."""
    out: list[Span] = []
    head = sent.head(trigger)
    if head is not None and deprel_matches(trigger.deprel, ("nsubj",)) and sent.children(head, "cop"):
        if case_of(sent, head) in ("at", "in", "on", "near", "outside"):
            out.append(sent.entity_or_phrase(head))
    in_target = {w.id for t in target for w in _words_in(sent, t)}
    for word in sent.words if target else []:
        holder = sent.head(word)
        # a place hung under the target's head, inside the target's phrase or just after it
        if holder is None or holder.id not in in_target or is_time_word(word):
            continue
        if deprel_matches(word.deprel, ("nmod",)) and case_of(sent, word) in ("in", "on", "at"):
            ent = sent.covering_entity(word)
            if word.upos == "PROPN" or (ent is not None and ent.type in ("LOC", "GPE")):
                out.append(sent.entity_or_phrase(word))
    return out


def _with_name(sent: ParsedSentence, place: Span) -> Span:
    """A place phrase with the name set beside it: "the central street Rue Victor Hugo"."""
    for word in _words_in(sent, place):
        for name in sent.children(word, "appos"):
            named = sent.entity_or_phrase(name)
            if name.upos == "PROPN" and 0 <= named.start - place.end <= 1:
                return Span(text=sent.doc_text[place.start : named.end], start=place.start, end=named.end)
    return place


def _place_conjuncts(sent: ParsedSentence, places: list[Span]) -> list[Span]:
    """Names coordinated with a place ("in Badia al-Sukhnah and Badia al-Sham", "in Helmand
    Province, Afghanistan"): places too."""
    out: list[Span] = []
    if not places:
        return out
    inside = {w.id for p in places for w in _words_in(sent, p)}
    for word in sent.words:
        if word.id not in inside:
            continue
        for other in sent.children(word, "conj", "appos"):
            if other.upos == "PROPN" and other.id not in inside:
                out.append(sent.entity_or_phrase(other))
    return out


def _scene_heads(sent: ParsedSentence, trigger: Word) -> list[Word]:
    """The words whose places are the attack's: :func:`event_heads`, but not the predicate of a clause
    the attack only dates ("patrols were seen on the streets four hours after the bombing")."""
    if trigger.upos != "VERB" and case_of(sent, trigger) in LEXICON["time_preps"]:
        return [trigger]
    return event_heads(sent, trigger)


def _event(
    ctx: RuleContext, sent: ParsedSentence, trigger: Word, span: Span, casualty_verbs: list[Word]
) -> dict[str, Any]:
    """The fields of the Attack event on ``trigger`` (whose span is ``span``) with the casualty verbs
    that report its toll (the event is made once its callers have filled what the tree left out)."""
    heads = [trigger, *casualty_verbs]
    instrument = _instruments(sent, heads)
    if trigger.upos == "VERB":
        roles = _verb_roles(ctx, sent, trigger, instrument)
    else:
        roles = {**_noun_roles(sent, trigger, casualty_verbs), "instrument": instrument}
    victims, killed, injured = _toll(sent, trigger, casualty_verbs)
    victims = dedupe([*roles.get("victims", []), *victims])
    place_heads = [*heads, *(h for h in _scene_heads(sent, trigger) if h not in heads)]
    done_by, done_to = _participle_roles(sent, trigger)
    attacker = [*roles["attacker"], *done_by, *_sides(sent, trigger)]
    target = [t for t in [*roles["target"], *done_to] if not _names_time_span(sent, t)]
    return {
        **ctx.fields(sent, trigger, span=span),
        "confidence": 0.9 if (attacker or victims or target or killed is not None) else 0.7,
        "attacker": tuple(dedupe(attacker)),
        "target": tuple(dedupe(target)),
        "victims": tuple(victims),
        "location": tuple(_places(sent, trigger, place_heads, target)),
        "time": tuple(time_expressions(sent, *place_heads)),
        "instrument": tuple(roles["instrument"]),
        "killed": killed,
        "injured": injured,
    }


_WORDS_NAMED_BY_TESTS = frozenset({"fire", "hit", "exchange"})  # the words the trigger tests name themselves


class _ScanWords(NamedTuple):
    """The words a sentence is scanned for, from the lexicon (looked up once per document)."""

    candidates: frozenset[str]  # can start an attack trigger
    casualties: frozenset[str]  # kill/injure words
    every: frozenset[str]  # either


def _scan_words() -> _ScanWords:
    """The words that can start an attack trigger: every test of :func:`_primary_triggers`
    (:func:`_fire_phrase`, :func:`_attack_phrase`, :func:`_is_attack_noun`, :func:`_is_attack_verb`,
    :func:`_slipped_attack`) needs one of these words first, so the others are skipped unseen; and
    the kill/injure words, which report casualties."""
    lex = LEXICON
    return _joined_scan_words(
        lex.union("attack_nouns", "weak_attack_nouns", "attack_verbs", "kill_verbs", "fire_verbs"),
        lex["explosion_phrases"],
        lex["attack_phrases"],
        lex.union("kill_verbs", "injure_verbs"),
    )


@lru_cache(maxsize=16)
def _joined_scan_words(
    words: frozenset[str], explosions: frozenset[str], attacks: frozenset[str], casualties: frozenset[str]
) -> _ScanWords:
    """:func:`_scan_words` from the lexicon lists (the cache keeps it while the lists stay the same)."""
    candidates = words | phrase_starts(explosions) | phrase_starts(attacks) | _WORDS_NAMED_BY_TESTS
    return _ScanWords(candidates, casualties, candidates | casualties)


def _sentence_words(sent: ParsedSentence, scan: _ScanWords) -> tuple[list[Word], list[Word]]:
    """The candidate trigger words and the kill/injure words of a sentence, in sentence order.

    One scan of the sentence for both lists: most sentences have neither, and are then done with.
    """
    found = sent.words_matching(scan.every)
    if not found:
        return [], []
    return [w for w in found if matches(w, scan.candidates)], [w for w in found if matches(w, scan.casualties)]


def _primary_triggers(sent: ParsedSentence, candidates: list[Word]) -> tuple[list[tuple[Word, Span]], set[int]]:
    """The attack words of a sentence with their spans ("opened fire" as one), and the ids they use up,
    among its ``candidates`` (:func:`_sentence_words`)."""
    used: set[int] = set()
    primary: list[tuple[Word, Span]] = []
    for word in candidates:
        fire = _fire_phrase(sent, word)
        phrase = _attack_phrase(sent, word) if fire is None else None
        if fire is not None:
            primary.append((word, sent.span([word, fire], trim=False)))
            used.add(fire.id)
        elif phrase is not None:
            primary.append((word, sent.span(phrase, trim=False)))
            used.update(w.id for w in phrase[1:])
        elif _is_attack_noun(sent, word) or _is_attack_verb(sent, word) or _slipped_attack(sent, word):
            primary.append((word, sent.span(word)))
    return [(w, s) for w, s in primary if w.id not in used], used


def _primary_events(
    ctx: RuleContext, sent: ParsedSentence, primary: list[tuple[Word, Span]], used: set[int], casualty_words: list[Word]
) -> tuple[list[Attack], bool]:
    """Attacks on the attack words; with one in the sentence, the toll read along the words is its toll.
    Also says whether that toll was used; adds the casualty verbs taken to ``used``."""
    if not primary:
        return [], False
    surface_counts, surface_victims = _surface_toll(sent) if len(primary) == 1 else ({}, [])
    surface = (surface_counts.get("killed"), surface_counts.get("injured"))
    surface_used = False
    events: list[Attack] = []
    casualty_verbs = _casualty_verbs(sent, casualty_words)
    for word, span in primary:
        verbs = _related_casualty_verbs(sent, word, casualty_verbs)
        used.update(v.id for v in verbs)
        fields = _event(ctx, sent, word, span, verbs)
        if fields["killed"] is None and fields["injured"] is None and surface != (None, None):
            # the tree did not link the toll to the attack: the toll around its casualty words is its toll
            fields.update(killed=surface[0], injured=surface[1])
            surface_used = True
        if not fields["victims"] and surface_victims:
            fields["victims"] = tuple(surface_victims)
        if not fields["time"] and len(primary) == 1:
            fields["time"] = tuple(sentence_times(sent))
        events.append(Attack(**fields))
    return _fold_modifiers(sent, [w for w, _ in primary], events), surface_used


def _modified_attack(sent: ParsedSentence, word: Word, trigger_ids: set[int]) -> Word | None:
    """The attack noun that ``word`` modifies in a run of attack words ("a bombing and shelling
    offensive", "a bombing raid"): the run's last word, when an attack word, not a conjunction, stands
    right before it ("the bombing and shelling of the town" is two attacks)."""
    words = sent.words
    i = words.index(word)
    last = j = i
    while j + 1 < len(words) and (words[j + 1].id in trigger_ids or words[j + 1].upos == "CCONJ"):
        j += 1
        last = j if words[j].id in trigger_ids else last
    head = words[last]
    if last == i or head.upos != "NOUN" or words[last - 1].id not in trigger_ids:
        return None
    return head


def _fold_modifiers(sent: ParsedSentence, triggers: list[Word], events: list[Attack]) -> list[Attack]:
    """One attack for an attack noun and the attack words that modify it: the phrase is its trigger,
    and it keeps the roles found on each word."""
    if len(triggers) < 2:
        return events  # a lone attack word modifies no other
    ids = {w.id for w in triggers}
    heads = {w.id: _modified_attack(sent, w, ids) for w in triggers}
    out: list[Attack] = []
    for word, event in zip(triggers, events, strict=True):
        if heads[word.id] is not None:
            continue
        modifiers = [(w, e) for w, e in zip(triggers, events, strict=True) if heads[w.id] is word]
        for _, other in modifiers:
            event = merge_pair(event, other)  # type: ignore[assignment]
        if modifiers:
            event = attrs.evolve(event, trigger=sent.span([modifiers[0][0], word], trim=False))
        out.append(event)
    return out


def _lone_casualty_verbs(sent: ParsedSentence, casualty_words: list[Word], taken: set[int]) -> list[Word]:
    """Casualty verbs that no attack word governs: killings, or else woundings (``casualty_words``:
    the sentence's kill/injure words)."""
    words = [w for w in casualty_words if w.id not in taken]
    for key in ("kill_verbs", "injure_verbs"):
        lone = [w for w in words if _is_casualty_verb(sent, w, key)]
        if lone:
            return lone
    return []


def _lone_event(ctx: RuleContext, sent: ParsedSentence, word: Word, alone: bool) -> Attack:
    """An Attack on a casualty verb; ``alone`` (the sentence's one casualty report) takes the toll
    read along the words ("killed 14 and wounded 37")."""
    conj = [c for c in sent.children(word, "conj") if _is_casualty_verb(sent, c, "injure_verbs")]
    fields = _event(ctx, sent, word, sent.span(word), conj)
    if alone:
        counts, victims = _surface_toll(sent)
        fields["killed"] = fields["killed"] if fields["killed"] is not None else counts["killed"]
        fields["injured"] = fields["injured"] if fields["injured"] is not None else counts["injured"]
        fields["victims"] = fields["victims"] or tuple(victims)
    return Attack(**fields)


def extract(doc: ParsedDocument) -> Iterator[Attack]:
    """Attack events of one document: on attack words, and on casualty verbs that no attack word governs."""
    ctx = RuleContext(doc)
    scan = _scan_words()
    for sent in doc.sentences:
        candidates, casualty_words = _sentence_words(sent, scan)
        if not candidates and not casualty_words:
            continue
        primary, used = _primary_triggers(sent, candidates)
        events, surface_used = _primary_events(ctx, sent, primary, used, casualty_words)
        yield from events
        if surface_used:
            continue  # the sentence's casualty words report its one attack (its toll was read above)
        lone = _lone_casualty_verbs(sent, casualty_words, used | {p.id for p, _ in primary})
        for word in lone:
            yield _lone_event(ctx, sent, word, alone=len(lone) == 1 and not primary)


@hookimpl
def register_extractors(register: Callable[[ExtractorSpec], None]) -> None:
    register(
        extractor_spec(
            NAME,
            extract,
            "Attack events: shelling, strikes, raids, ambushes, killings, with casualty counts",
            lexicons=[LEXICON],
        )
    )
