"""Counts in a sentence: the number stated for a phrase, runs of numerals, percentages.

:func:`eventx.parse_number` reads one number phrase; these helpers find the phrase.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from eventx.numbers import parse_number
from eventx.rules.cues import cues
from eventx.rules.trees import ParsedSentence
from eventx.rules.words import Word, base

__all__ = ["count_of", "number_run", "parse_number", "people_count", "percent_of"]

_PERCENT = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:%|per\s*cent|percent)$")


def count_of(sent: ParsedSentence, word: Word) -> int | None:
    """The number stated for a noun phrase ("nine people", "two dozen civilians"): its numeral, or (after
    a parser slip that hangs the numeral on a modifier, "four government soldiers") the first run of
    numerals inside the phrase.  None when it states none."""
    found = sent.numbers(word)
    if found:
        # "two dozen people": the parser may hang "dozen" apart from "two"; read the run along the words
        numeral, value = found[0]
        along = number_run(sent.words, numeral.id - 1, +1)
        return along if along is not None and along > value else value
    words = sent.subtree(word, exclude=sent.children(word, "nmod", "acl", "appos", "conj"))
    run: list[Word] = []
    for w in words:
        if w.upos == "NUM" or (run and base(w) in cues().scale_words):
            run.append(w)
        elif run:
            break
    return parse_number(" ".join(w.text for w in run)) if run else None


def people_count(sent: ParsedSentence, word: Word) -> int | None:
    """How many people a victim phrase names: its stated count, 1 for one person ("a journalist", "the
    driver"), the sum over coordinated phrases ("a soldier and two civilians" is 3).  Where a part states
    no count (a plural without a numeral, a group: "a family"), the head's own count, as :func:`count_of`."""
    values = [_stated_or_one(sent, part) for part in [word, *sent.children(word, "conj")]]
    if all(v is not None for v in values):
        return sum(v for v in values if v is not None)
    return count_of(sent, word)


def _stated_or_one(sent: ParsedSentence, word: Word) -> int | None:
    value = count_of(sent, word)
    return value if value is not None else _one_person(sent, word)


def _one_person(sent: ParsedSentence, word: Word) -> int | None:
    """1 for a singular common noun with an article or determiner that names one person or thing."""
    singular = word.upos == "NOUN" and "Number=Sing" in (word.feats or "")
    if not singular or base(word) in cues().collective_nouns:
        return None
    dets = {base(d) for d in sent.children(word, "det")}
    return 1 if dets & {"a", "an", "the", "another", "this", "that"} else None


def number_run(words: Sequence[Word], start: int, step: int) -> int | None:
    """The number in the run of numerals found from ``words[start]`` going ``step`` (+1 or -1),
    past hedges ("at least", "more than"); for reading counts along the words when the tree is wrong."""
    hedges, scales = cues().hedges, cues().scale_words
    i = start
    while 0 <= i < len(words) and words[i].text.lower() in hedges:
        i += step
    run: list[Word] = []
    while 0 <= i < len(words) and (words[i].upos == "NUM" or words[i].text.lower() in scales):
        run.append(words[i])
        i += step
    if not run:
        return None
    run = run if step > 0 else run[::-1]
    return parse_number(" ".join(w.text for w in run))


def percent_of(sent: ParsedSentence, words: Sequence[Word]) -> int | None:
    """The first percentage inside the phrases of ``words`` ("20%", "20 percent"), rounded."""
    for word in words:
        for w in sent.subtree(word):
            nxt = sent.word(w.id + 1)
            candidate = w.text.strip() + ("%" if nxt is not None and nxt.text in ("%", "percent") else "")
            m = _PERCENT.match(candidate)
            if m:
                return round(float(m.group(1)))
    return None
