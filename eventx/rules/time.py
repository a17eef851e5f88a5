"""Time phrases attached to event words: "overnight", "on Friday", "last week", "in 2022"."""

from __future__ import annotations

from eventx.records import Span
from eventx.rules.cues import cues
from eventx.rules.trees import ParsedSentence
from eventx.rules.words import Word, base

__all__ = ["is_time_word", "sentence_times", "time_expressions"]

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
    heads = {k.head for k in sent.words if k.head and _time_relation(k) and _is_time(k)}
    return time_expressions(sent, *(sent.words[h - 1] for h in sorted(heads)))


def _time_relation(word: Word) -> bool:
    """Whether a word hangs from its head by a relation a time phrase may take (full or base name)."""
    return word.deprel in _TIME_RELS or (word.deprel or "").partition(":")[0] in _TIME_RELS


def is_time_word(word: Word) -> bool:
    """A word that names a time ("Friday", "overnight", "month"), by lemma or form."""
    words = cues().time_words
    return base(word) in words or word.text.lower() in words
