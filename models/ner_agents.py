"""Countries that act as agents are organisations: relabel NER training data to that convention.

Universal NER, like ACE and OntoNotes before it, has no GPE label: a country named as a place
("fighting in Sudan") is LOC, a country named as an actor ("Sudan rejected the plan", "talks
hosted by Qatar") is ORG. The UNER PUD test set follows this; the training data does not
(GUM-NER has no GPE/LOC distinction, and wikigold, BTC and UNER EWT tag every country LOC).
Event extraction wants the same split: actors are the subjects, places are the locations.

The rule is syntactic, so it needs a parse of each training sentence: a LOC span whose words
name a country becomes ORG when its head word is the subject of a non-stative verb, or the
agent of a passive one (first conjuncts pass the role on to the others: "Russia and China
vetoed"). "France is a republic", "Chile borders Peru" and "Iran has oil" stay LOC.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Protocol

# Short forms that pycountry's names do not cover.
COUNTRY_ALIASES = frozenset(
    {
        "America", "Britain", "Great Britain", "UK", "U.K.", "US", "U.S.", "USA", "U.S.A.",
        "United States of America", "Russia", "Iran", "Syria", "North Korea", "South Korea",
        "Korea", "Vietnam", "Laos", "Taiwan", "Bolivia", "Venezuela", "Tanzania", "Moldova",
        "Czech Republic", "Palestine", "Kosovo", "Vatican", "Ivory Coast", "Congo", "Burma",
        "Macedonia", "Holland", "the Netherlands", "Turkey", "Brunei", "Micronesia",
    }
)  # fmt: skip

# Verbs whose subject is a place, not an actor.
STATIVE_VERBS = frozenset(
    {
        "be", "have", "lie", "border", "remain", "include", "contain", "cover", "stretch", "rank",
        "sit", "locate", "situate", "become", "seem", "look", "feel", "lose", "suffer", "experience",
        "consist", "comprise", "extend", "span", "neighbour", "neighbor", "face", "see",
    }
)  # fmt: skip


class Word(Protocol):
    """What the rule reads of a parsed word (a stanza ``Word`` has all of it)."""

    id: int
    head: int
    deprel: str
    upos: str
    lemma: str | None


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Country names as they appear in text: pycountry's short and common names plus aliases."""
    import pycountry

    names = set(COUNTRY_ALIASES)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names.add(value)
    return frozenset(names)


def loc_spans(labels: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of each LOC span in a BIO label sequence."""
    spans: list[tuple[int, int]] = []
    start = None
    for i, label in enumerate([*labels, "O"]):
        if start is not None and label != "I-LOC":
            spans.append((start, i))
            start = None
        if label == "B-LOC" or (label == "I-LOC" and start is None):
            start = i
    return spans


def country_spans(tokens: Sequence[str], labels: Sequence[str]) -> list[tuple[int, int]]:
    """The LOC spans whose words are a country name ("the" in front of the span is not needed)."""
    names = country_names()
    return [(s, e) for s, e in loc_spans(labels) if " ".join(tokens[s:e]) in names]


def is_agent(words: Sequence[Word], start: int, end: int) -> bool:
    """Whether the span ``words[start:end]`` (0-based) is the acting subject of its clause."""
    inside = range(start + 1, end + 1)  # 1-based ids
    heads = [w for w in words[start:end] if w.head not in inside]
    if len(heads) != 1:
        return False
    word = heads[0]
    while word.deprel == "conj" and word.head:  # "Russia and [China] vetoed": the first conjunct's role
        word = words[word.head - 1]
    if word.deprel not in ("nsubj", "obl:agent") or not word.head:
        return False
    governor = words[word.head - 1]
    return governor.upos == "VERB" and (governor.lemma or "").lower() not in STATIVE_VERBS


def relabel_agents(
    sents: list[list[tuple[str, str]]],
    parse: Callable[[list[list[str]]], list[Sequence[Word]]],
) -> tuple[list[list[tuple[str, str]]], int]:
    """Country LOC spans that act as agents become ORG. ``parse`` takes pre-tokenized sentences and
    returns their words (one per token, 1-based ids and heads). Only sentences with a country
    span are parsed. Returns the relabelled sentences and how many spans changed."""
    spans = {
        i: found for i, s in enumerate(sents) if (found := country_spans([t for t, _ in s], [lab for _, lab in s]))
    }
    parsed = parse([[t for t, _ in sents[i]] for i in spans]) if spans else []
    out = list(sents)
    changed = 0
    for (i, candidates), words in zip(spans.items(), parsed, strict=True):
        if len(words) != len(sents[i]):
            continue  # the parser split or merged a token: leave the sentence as it is
        sent = list(sents[i])
        for start, end in candidates:
            if is_agent(words, start, end):
                sent[start:end] = [
                    (t, ("B-" if k == start else "I-") + "ORG") for k, (t, _) in enumerate(sent[start:end], start)
                ]
                changed += 1
        out[i] = sent
    return out, changed
