"""Dependency-tree helpers over one parsed Stanza sentence, for extractor authors.

Stanza's ``Word`` has a head id but no children, subtrees or spans.
:class:`ParsedSentence` adds them, with character offsets into the original
document, so an extractor can go from a trigger word to the phrases around it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import Any

from eventx.cached import cached
from eventx.numbers import parse_number
from eventx.records import Span
from eventx.rules.words import Entity, Word, _forms

__all__ = ["NP_DEPRELS", "ParsedSentence", "deprel_matches", "end_of", "start_of"]

# Dependents that belong to a noun phrase when it is named as a participant.
_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’", "``", "''"})
NP_DEPRELS = frozenset(
    {
        "det",
        "amod",
        "compound",
        "flat",
        "flat:name",
        "nummod",
        "nmod:poss",
        "fixed",
        "goeswith",
        "case:poss",
        "det:predet",
        "compound:prt",
    }
)
_NP_WITH_NMOD = NP_DEPRELS | {"nmod", "case"}
_PUNCT = frozenset({"PUNCT", "SYM"})
_ID = attrgetter("id")  # sort key: sentence order


class ParsedSentence:
    """One sentence of a :class:`eventx.ParsedDocument`, with tree navigation."""

    def __init__(self, sentence: Any, index: int, doc_text: str) -> None:
        self.stanza = sentence
        self.index = index
        self.doc_text = doc_text
        self.words: list[Word] = list(sentence.words)
        # computed once: every walk below reads these instead of rescanning the words
        self._children: dict[int, list[Word]] = {0: []}  # only words with dependents have a list
        # the same with each dependent's relation and its base ("nsubj" for "nsubj:pass"), for children()
        self._relations: dict[int, list[tuple[Word, str | None, str | None]]] = {}
        for w in self.words:
            self._children.setdefault(w.head, []).append(w)
            base = w.deprel.partition(":")[0] if w.deprel else None
            self._relations.setdefault(w.head, []).append((w, w.deprel, base))
        # what the helpers below derive per word, kept for the rules that ask again
        self._memos: dict[str, dict[Any, Any]] = {}
        self._subtrees: dict[int, tuple[Word, ...]] = {}
        self._phrases: dict[tuple[int, bool], Span] = {}
        self._entities: dict[int, Entity | None] = {}  # each word's covering entity, found when first asked
        self._entity_spans: dict[tuple[int, int], Span] = {}  # the spans of the entities asked for

    # ------------------------------------------------------------------ basics
    def __repr__(self) -> str:
        return f"ParsedSentence({self.index}, {self.text!r})"

    @cached
    def start(self) -> int:
        """Offset of the sentence's first character in the document text."""
        return min(start_of(w) for w in self.words)

    @cached
    def end(self) -> int:
        """Offset just after the sentence's last character."""
        return max(end_of(w) for w in self.words)

    @property
    def text(self) -> str:
        """The sentence's text, cut from the document text."""
        return self.doc_text[self.start : self.end]

    def word(self, word_id: int) -> Word | None:
        """The word with this 1-based id, or None for 0 (the root) and ids out of range."""
        return self.words[word_id - 1] if 1 <= word_id <= len(self.words) else None

    @property
    def root(self) -> Word:
        """The root word of the sentence."""
        return self._children[0][0]

    def head(self, word: Word) -> Word | None:
        """The head of ``word``, or None for the root."""
        head = word.head
        return self.words[head - 1] if 1 <= head <= len(self.words) else None

    def words_matching(self, *word_lists: Iterable[str]) -> list[Word]:
        """The words, in sentence order, that :func:`~eventx.rules.words.matches` one of the lists.

        The words' forms are computed once per sentence and each list is intersected with them
        in one step, so a rule finds its candidate triggers without testing every word itself
        ("for word in sent.words_matching(LEXICON['attack_verbs'])").
        """
        every_form, forms = self._word_forms
        hits: set[str] = set()
        for words in word_lists:
            hits.update(every_form.intersection(words))
        if not hits:
            return []
        return [word for word, own in zip(self.words, forms, strict=True) if not own.isdisjoint(hits)]

    @cached
    def _word_forms(self) -> tuple[frozenset[str], list[frozenset[str]]]:
        """All the word forms of the sentence, and each word's."""
        forms = [_forms(word.text, word.lemma) for word in self.words]
        return frozenset().union(*forms), forms

    def memo(self, name: str) -> dict[Any, Any]:
        """A dict kept as long as the sentence, for what a rule derives from it and asks for again
        (the preposition of each word, say); ``name`` ("module.function") keeps rules' dicts apart.

        Every plugin sees the same sentence objects, so what one rule keeps here the others reuse.
        """
        found = self._memos.get(name)
        if found is None:
            found = self._memos[name] = {}
        return found

    # ------------------------------------------------------------------ navigation
    def children(self, word: Word, *deprels: str) -> list[Word]:
        """Dependents of ``word``; with deprels, only those whose relation matches one.

        A relation matches by its full name ("nsubj:pass") or its base ("nsubj").
        """
        if not deprels:
            return list(self._children.get(word.id, ()))
        found: list[Word] = []
        for kid, relation, base in self._relations.get(word.id, ()):
            if relation in deprels or base in deprels:
                found.append(kid)
        return found

    def child(self, word: Word, *deprels: str) -> Word | None:
        """The first dependent with one of these relations, or None."""
        found = self.children(word, *deprels)
        return found[0] if found else None

    def subtree(self, word: Word, *, exclude: Iterable[Word] = ()) -> list[Word]:
        """``word`` and all its descendants in sentence order, minus subtrees under ``exclude``."""
        skip = {w.id for w in exclude}
        if not skip:
            return list(self._subtree(word))
        return self._walk(word, skip)

    def _subtree(self, word: Word) -> tuple[Word, ...]:
        """The whole subtree of ``word``, walked once per word: rules ask for the same ones again."""
        found = self._subtrees.get(word.id)
        if found is None:
            found = self._subtrees[word.id] = tuple(self._walk(word, set()))
        return found

    def _walk(self, word: Word, skip: set[int]) -> list[Word]:
        seen: set[int] = set()
        out: list[Word] = []
        stack = [word]
        while stack:
            w = stack.pop()
            if w.id in skip or w.id in seen:
                continue
            seen.add(w.id)
            out.append(w)
            stack.extend(self._children.get(w.id, []))
        out.sort(key=_ID)
        return out

    def ancestors(self, word: Word) -> list[Word]:
        """Heads from ``word``'s head up to the root (excluding ``word``)."""
        out: list[Word] = []
        seen = {word.id}
        current = self.head(word)
        while current is not None and current.id not in seen:
            out.append(current)
            seen.add(current.id)
            current = self.head(current)
        return out

    def path_to_root(self, word: Word) -> list[Word]:
        """``word`` followed by its ancestors up to the root."""
        return [word, *self.ancestors(word)]

    # ------------------------------------------------------------------ spans
    def span(self, words: Word | Sequence[Word], *, trim: bool = True) -> Span:
        """The span from the first to the last of ``words``; trims edge punctuation."""
        seq: list[Word] = sorted(words, key=_ID) if isinstance(words, (list, tuple)) else [words]  # type: ignore[list-item]
        first, last = 0, len(seq) - 1
        if trim:
            while first < last and (seq[first].upos in _PUNCT or seq[first].deprel in ("cc", "case")):
                first += 1
            while first < last and seq[last].upos in _PUNCT:
                last -= 1
        start, end = start_of(seq[first]), end_of(seq[last])
        return Span(text=self.doc_text[start:end], start=start, end=end)

    def subtree_span(self, word: Word, *, exclude: Iterable[Word] = ()) -> Span:
        """The span of ``word``'s subtree (contiguous from its first to its last word)."""
        return self.span(self.subtree(word, exclude=exclude))

    def phrase(self, word: Word, *, with_nmod: bool = False) -> Span:
        """The noun phrase headed by ``word``: determiners, adjectives, compounds, names, numbers.

        With ``with_nmod`` also prepositional modifiers ("the north of the country").
        Conjuncts and relative clauses are never included.
        """
        found = self._phrases.get((word.id, with_nmod))
        if found is None:
            found = self._phrases[word.id, with_nmod] = self._phrase(word, with_nmod)
        return found

    def _phrase(self, word: Word, with_nmod: bool) -> Span:
        allowed = _NP_WITH_NMOD if with_nmod else NP_DEPRELS
        keep = [word]
        seen = {word.id}
        stack = [word]
        while stack:
            w = stack.pop()
            for k in self._children.get(w.id, []):
                if k.id in seen:
                    continue
                quote = k.deprel == "punct" and k.text in _QUOTES and w is not word  # the "Islamic State" group
                possessive = k.deprel == "case" and w.deprel == "nmod:poss"  # "the journalist 's brother"
                if quote or (
                    (possessive or deprel_matches(k.deprel, allowed)) and not (k.deprel == "case" and w is word)
                ):
                    seen.add(k.id)
                    keep.append(k)
                    stack.append(k)
        # Keep the phrase contiguous: drop words separated from the head by a gap.
        keep.sort(key=_ID)
        ids = [w.id for w in keep]
        head_pos = ids.index(word.id)
        lo = head_pos
        while lo > 0 and ids[lo - 1] == ids[lo] - 1:
            lo -= 1
        hi = head_pos
        while hi < len(ids) - 1 and ids[hi + 1] == ids[hi] + 1:
            hi += 1
        return self.span(keep[lo : hi + 1])

    def covering_entity(self, word: Word) -> Entity | None:
        """The named entity (a Stanza entity span) that contains ``word``, or None."""
        entities = self._entities
        if word.id not in entities:
            ws, we = start_of(word), end_of(word)
            ents = getattr(self.stanza, "ents", None) or []
            entities[word.id] = next((e for e in ents if e.start_char <= ws and we <= e.end_char), None)
        return entities[word.id]

    def entity_or_phrase(self, word: Word) -> Span:
        """The named entity covering ``word`` when there is one, else its noun phrase."""
        ent = self.covering_entity(word)
        if ent is None:
            return self.phrase(word)
        spans = self._entity_spans
        found = spans.get((ent.start_char, ent.end_char))
        if found is None:
            found = spans[ent.start_char, ent.end_char] = self.entity_span(ent)
        return found

    def entity_span(self, entity: Entity) -> Span:
        """The span of a named entity."""
        return Span(
            text=self.doc_text[entity.start_char : entity.end_char], start=entity.start_char, end=entity.end_char
        )

    def numbers(self, word: Word) -> list[tuple[Word, int]]:
        """Numbers attached to a noun ("nine people", "1,000 prisoners", "two dozen civilians").

        Each item is the number's head word and its value; vague amounts ("dozens") give nothing.
        """
        out: list[tuple[Word, int]] = []
        for k in self.children(word, "nummod"):
            parts = [w for w in self.subtree(k) if w.upos == "NUM" or w.lemma in ("dozen", "score") or w.id == k.id]
            value = parse_number(" ".join(w.text for w in parts))
            if value is not None:
                out.append((k, value))
        if word.upos == "NUM":
            value = parse_number(" ".join(w.text for w in self.subtree(word) if w.upos == "NUM" or w.id == word.id))
            if value is not None:
                out.append((word, value))
        return out


def deprel_matches(deprel: str | None, wanted: Iterable[str]) -> bool:
    """True when ``deprel`` equals one of ``wanted`` or its base relation does."""
    if deprel is None:
        return False
    if not isinstance(wanted, (tuple, list, set, frozenset)):
        wanted = set(wanted)  # a one-shot iterable is read once
    return deprel in wanted or (":" in deprel and deprel.split(":", 1)[0] in wanted)


def start_of(word: Word) -> int:
    """Start offset of a word; words inside a multi-word token use the token's offsets."""
    start = word.start_char
    return int(start if start is not None else word.parent.start_char)


def end_of(word: Word) -> int:
    """End offset of a word (see :func:`start_of`)."""
    end = word.end_char
    return int(end if end is not None else word.parent.end_char)
