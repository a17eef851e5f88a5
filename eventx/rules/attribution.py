"""Who says so: the source an event is attributed to ("according to X", "X said that ...")."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from eventx.records import Span
from eventx.rules.cues import cues
from eventx.rules.trees import ParsedSentence, deprel_matches, start_of
from eventx.rules.words import Word, base

if TYPE_CHECKING:
    from eventx.document import ParsedDocument

__all__ = ["Attribution"]

_SPEAKERS = "eventx.rules.attribution.speakers"
_ACCORDING = frozenset({"according"})


class Attribution:
    """Who says so: "according to X", "X said that ...", "he added" resolved to the last named speaker."""

    def __init__(self, document: ParsedDocument) -> None:
        self.document = document

    @cached_property
    def _speakers(self) -> _Speakers:
        # every plugin's Attribution finds the same speakers: one scan per document
        found = self.document.derived.get(_SPEAKERS)
        if found is None:
            found = self.document.derived[_SPEAKERS] = _Speakers(self.document)
        return found

    def source(self, sent: ParsedSentence, trigger: Word) -> Span | None:
        """The source a trigger's sentence attributes it to, or None."""
        according = _according_to(sent)
        if according is not None:
            return according
        speakers = self._speakers.of(sent)
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


class _Speakers:
    """The speakers of a document's speech verbs, sentence by sentence, scanned in order as far as
    asked (a pronoun stands for a speaker named before it, never after)."""

    def __init__(self, document: ParsedDocument) -> None:
        self._sentences = document.sentences
        self._found: list[dict[int, Span]] = []  # per sentence: speech verb id -> speaker
        self._last: tuple[Span, bool] | None = None  # the last named speaker (span, is a person)
        self._persons: dict[int, tuple[Span, bool] | None] = {}  # sentence -> its last person subject

    def of(self, sent: ParsedSentence) -> dict[int, Span]:
        """The speaker of each speech verb of ``sent``, by the verb's id."""
        while len(self._found) <= sent.index and len(self._found) < len(self._sentences):
            scanned = self._sentences[len(self._found)]
            self._found.append({wid: span for wid, span, _ in self._scan_sentence(scanned)})
        return self._found[sent.index] if sent.index < len(self._found) else {}

    def _person_before(self, index: int) -> tuple[Span, bool] | None:
        """The last person named as a subject before sentence ``index`` (looked for only when a
        "he" or "she" needs it)."""
        for earlier in range(index - 1, -1, -1):
            if earlier not in self._persons:
                self._persons[earlier] = _last_person_subject(self._sentences[earlier])
            if self._persons[earlier] is not None:
                return self._persons[earlier]
        return None

    def _scan_sentence(self, sent: ParsedSentence) -> list[tuple[int, Span, bool]]:
        """The speakers of the speech verbs of one sentence, pronouns resolved to the last named one."""
        found: list[tuple[int, Span, bool]] = []
        by_word: dict[int, tuple[Span, bool]] = {}
        for word in sent.words_matching(cues().speech_verbs):
            if word.upos != "VERB":
                continue
            subject = sent.child(word, "nsubj") or _agent(sent, word)
            if subject is None:
                # "..., adding that ...": the speaker of the speech verb it hangs from
                head = sent.head(word)
                if head is not None and head.id in by_word and deprel_matches(word.deprel, ("advcl", "conj", "xcomp")):
                    found.append((word.id, *by_word[head.id]))
                continue
            speaker = self._speaker(sent, subject)
            if speaker is not None:
                found.append((word.id, *speaker))
                by_word[word.id] = speaker
        return found

    def _speaker(self, sent: ParsedSentence, subject: Word) -> tuple[Span, bool] | None:
        """The speaker a speech verb's subject names; a pronoun stands for the last one named."""
        last = self._last
        if base(subject) in ("he", "she") and last is not None and not last[1]:
            person = self._person_before(sent.index)
            if person is not None:
                last = self._last = person  # "Tetteh urged ... 'The exchange must happen,' she said"
        if base(subject) in cues().pronouns or subject.upos == "PRON":
            return last
        span = sent.entity_or_phrase(subject)
        ent = sent.covering_entity(subject)
        is_person = ent is not None and ent.type in ("PER", "PERSON")
        if subject.upos == "PROPN" or ent is not None:
            self._last = (span, is_person)
        return span, is_person


def _last_person_subject(sent: ParsedSentence) -> tuple[Span, bool] | None:
    """The last person entity that is the subject of a verb in the sentence."""
    if not any(ent.type in _PERSON for ent in getattr(sent.stanza, "ents", None) or []):
        return None
    for word in reversed(sent.words):
        if deprel_matches(word.deprel, ("nsubj",)):
            ent = sent.covering_entity(word)
            if ent is not None and ent.type in _PERSON:
                return sent.entity_or_phrase(word), True
    return None


_PERSON = ("PER", "PERSON")


def _agent(sent: ParsedSentence, verb: Word) -> Word | None:
    for obl in sent.children(verb, "obl"):
        if obl.deprel == "obl:agent" or any(base(k) == "by" for k in sent.children(obl, "case")):
            return obl
    return None


def _according_to(sent: ParsedSentence) -> Span | None:
    """The source of "according to X": the nominal that the "to" after "according" introduces."""
    for word in sent.words_matching(_ACCORDING):
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
        if source is not None and (source.upos in ("PROPN", "NOUN", "PRON") or sent.covering_entity(source)):
            return sent.entity_or_phrase(source)
    return None
