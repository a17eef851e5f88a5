"""read_conllu and the ParsedSentence helpers, on hand-written UD trees in tests/fixtures/."""

from __future__ import annotations

import pytest
from helpers import FIXTURES

from eventx import ParsedDocument, ParsedSentence, Span
from eventx.parsing import ConlluError, read_conllu, validate_conllu
from eventx.trees import Word, deprel_matches, end_of, start_of

TALKS = "Talks between Armenia and Azerbaijan resumed in Geneva on Monday."
SHELLING = "Shelling killed nine people in the north of the country."
HURT = "Two dozen civilians were hurt."
SANCTIONS = "The European Union imposed sanctions on Iran on Monday."


def load(name: str) -> ParsedDocument:
    doc, text = read_conllu((FIXTURES / f"{name}.conllu").read_text(encoding="utf-8"))
    return ParsedDocument(name, doc, text)


@pytest.fixture(scope="module")
def talks() -> ParsedDocument:
    return load("talks")


def w(sent: ParsedSentence, text: str, nth: int = 0) -> Word:
    return [x for x in sent.words if x.text == text][nth]


def texts(words: list[Word]) -> list[str]:
    return [x.text for x in words]


# ---------------------------------------------------------------------------- reading CoNLL-U
def test_read_conllu_without_offsets_lays_the_text_out(talks: ParsedDocument) -> None:
    assert [s.text for s in talks.sentences] == [TALKS, SHELLING, HURT]
    assert talks.text.splitlines()[0].rstrip() == TALKS, "one sentence a line"
    for sent in talks.sentences:
        for word in sent.words:
            assert talks.text[start_of(word) : end_of(word)] == word.text
    assert w(talks.sentences[0], "Monday").end_char == w(talks.sentences[0], ".").start_char, "SpaceAfter=No"


def test_read_conllu_with_offsets_keeps_the_original_text() -> None:
    document = load("sanctions")
    assert document.text == SANCTIONS
    sent = document.sentences[0]
    assert (start_of(w(sent, "Iran")), end_of(w(sent, "Iran"))) == (40, 44)
    assert sent.text == SANCTIONS and (sent.start, sent.end) == (0, len(SANCTIONS))


def test_offsets_rebuild_gaps_as_spaces() -> None:
    text = (FIXTURES / "sanctions.conllu").read_text(encoding="utf-8")
    shifted = text
    for start in range(60, -1, -1):  # move every offset 100 characters on
        shifted = shifted.replace(f"start_char={start}|", f"start_char={start + 100}|")
        shifted = shifted.replace(f"end_char={start}|", f"end_char={start + 100}|")
    _, rebuilt = read_conllu(shifted)
    assert rebuilt == " " * 100 + SANCTIONS


def test_multiword_tokens_use_the_token_offsets() -> None:
    document = load("mwt")
    sent = document.sentences[0]
    assert sent.text == "They don't talk."
    do, nt = w(sent, "do"), w(sent, "n't")
    assert (start_of(do), end_of(do)) == (5, 10) and (start_of(nt), end_of(nt)) == (5, 10)
    assert sent.span([do, nt]).text == "don't"
    assert texts(sent.children(sent.root)) == ["They", "do", "n't", "."]


def test_ner_tags_become_entities(talks: ParsedDocument) -> None:
    ents = talks.sentences[0].stanza.ents
    assert [(e.text, e.type) for e in ents] == [
        ("Armenia", "GPE"),
        ("Azerbaijan", "GPE"),
        ("Geneva", "GPE"),
        ("Monday", "DATE"),
    ]
    first = load("sanctions").sentences[0].stanza.ents[0]
    assert (first.text, first.type) == ("European Union", "ORG")


def test_validate_conllu_accepts_the_fixtures() -> None:
    for name in ("talks", "sanctions", "mwt"):
        validate_conllu((FIXTURES / f"{name}.conllu").read_text(encoding="utf-8"))


def test_read_conllu_error() -> None:
    with pytest.raises(ConlluError, match="line 2: HEAD 5 is not a word of its sentence"):
        read_conllu("1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n2\tB\tb\tX\t_\t_\t5\tdep\t_\t_\n")


# ---------------------------------------------------------------------------- navigation
def test_basics(talks: ParsedDocument) -> None:
    sent = talks.sentences[0]
    assert repr(talks) == "ParsedDocument('talks', 3 sentences)"
    assert [s.index for s in talks.sentences] == [0, 1, 2]
    assert sent.root.text == "resumed"
    assert sent.word(0) is None and sent.word(99) is None and sent.word(1).text == "Talks"
    assert sent.head(w(sent, "Armenia")).text == "Talks"
    assert sent.head(sent.root) is None
    assert talks.span(0, 5) == Span(text="Talks", start=0, end=5)


def test_children_and_child(talks: ParsedDocument) -> None:
    sent = talks.sentences[0]
    resumed = sent.root
    assert texts(sent.children(resumed)) == ["Talks", "Geneva", "Monday", "."]
    assert texts(sent.children(resumed, "obl")) == ["Geneva", "Monday"]
    assert texts(sent.children(resumed, "nsubj", "punct")) == ["Talks", "."]
    assert sent.child(resumed, "obj") is None
    assert sent.child(resumed, "obl").text == "Geneva"
    hurt = talks.sentences[2].root
    assert sent.children(w(sent, "and")) == []
    assert texts(talks.sentences[2].children(hurt, "nsubj")) == ["civilians"], "nsubj matches nsubj:pass"
    assert talks.sentences[2].children(hurt, "nsubj:pass") == talks.sentences[2].children(hurt, "nsubj")


def test_subtree(talks: ParsedDocument) -> None:
    sent = talks.sentences[0]
    talks_word = w(sent, "Talks")
    assert texts(sent.subtree(talks_word)) == ["Talks", "between", "Armenia", "and", "Azerbaijan"]
    # "and" hangs from the conjunct it introduces (UD), so it goes with Azerbaijan
    assert texts(sent.subtree(talks_word, exclude=[w(sent, "Azerbaijan")])) == ["Talks", "between", "Armenia"]
    assert len(sent.subtree(sent.root)) == len(sent.words)
    assert sent.subtree_span(talks_word).text == "Talks between Armenia and Azerbaijan"


def test_answers_kept_per_sentence_are_not_shared_lists() -> None:
    """subtree, children and prep_objects remember their answers per word, yet each call returns
    a list of its own: a rule that changes one does not change the next caller's."""
    from eventx.rules import case_of, prep_objects

    sent = load("talks").sentences[0]
    resumed = sent.root
    first = sent.subtree(resumed)
    first.clear()
    assert len(sent.subtree(resumed)) == len(sent.words)
    kids = sent.children(resumed, "obl")
    kids.append(resumed)
    assert texts(sent.children(resumed, "obl")) == ["Geneva", "Monday"]
    found = prep_objects(sent, resumed, "in")
    found.clear()
    assert texts(prep_objects(sent, resumed, "in")) == ["Geneva"]
    assert case_of(sent, w(sent, "Monday")) == "on" and case_of(sent, w(sent, "Monday")) == "on"
    assert sent.phrase(w(sent, "Geneva")) is sent.phrase(w(sent, "Geneva")), "a span is kept (spans are frozen)"


def test_memo_keeps_a_rules_values_per_sentence() -> None:
    doc = load("talks")
    first, second = doc.sentences[0], doc.sentences[1]
    first.memo("my_plugin.heights")[3] = "three"
    assert first.memo("my_plugin.heights") == {3: "three"}, "the same dict for the same name"
    assert first.memo("my_plugin.other") == {} and second.memo("my_plugin.heights") == {}
    assert doc.sentences[0] is first, "every plugin sees the same sentence objects, so the values are shared"


def test_span_trims_edges(talks: ParsedDocument) -> None:
    sent = talks.sentences[0]
    geneva = sent.subtree(w(sent, "Geneva"))
    assert texts(geneva) == ["in", "Geneva"]
    assert sent.span(geneva).text == "Geneva", "a leading preposition is trimmed"
    assert sent.span(geneva, trim=False).text == "in Geneva"
    assert sent.span(w(sent, "Geneva")) == Span(text="Geneva", start=48, end=54)
    assert sent.span(sent.words[-2:]).text == "Monday", "trailing punctuation is trimmed"
    assert sent.span(sent.words[-1:]).text == ".", "a lone punctuation mark is kept"
    assert sent.span([w(sent, "Azerbaijan"), w(sent, "Talks")]).text == "Talks between Armenia and Azerbaijan"


def test_path_to_root_and_ancestors(talks: ParsedDocument) -> None:
    sent = talks.sentences[0]
    azerbaijan = w(sent, "Azerbaijan")
    assert texts(sent.path_to_root(azerbaijan)) == ["Azerbaijan", "Armenia", "Talks", "resumed"]
    assert texts(sent.ancestors(azerbaijan)) == ["Armenia", "Talks", "resumed"]
    assert sent.ancestors(sent.root) == []


def test_phrase(talks: ParsedDocument) -> None:
    shelling = talks.sentences[1]
    north = w(shelling, "north")
    assert shelling.phrase(north).text == "the north"
    start = talks.text.index("the north of the country")
    assert shelling.phrase(north, with_nmod=True) == Span(
        text="the north of the country", start=start, end=start + len("the north of the country")
    )
    assert shelling.phrase(w(shelling, "people")).text == "nine people"
    sent = talks.sentences[0]
    assert sent.phrase(w(sent, "Armenia")).text == "Armenia", "conjuncts are never part of the phrase"
    assert talks.sentences[2].phrase(w(talks.sentences[2], "civilians")).text == "Two dozen civilians"


def test_numbers(talks: ParsedDocument) -> None:
    shelling = talks.sentences[1]
    assert [(n.text, value) for n, value in shelling.numbers(w(shelling, "people"))] == [("nine", 9)]
    assert shelling.numbers(w(shelling, "north")) == []
    hurt = talks.sentences[2]
    assert [(n.text, value) for n, value in hurt.numbers(w(hurt, "civilians"))] == [("dozen", 24)]


def test_covering_entity_and_entity_or_phrase(talks: ParsedDocument) -> None:
    sent = talks.sentences[0]
    entity = sent.covering_entity(w(sent, "Geneva"))
    assert entity is not None and (entity.text, entity.type) == ("Geneva", "GPE")
    assert sent.covering_entity(w(sent, "Talks")) is None
    assert sent.entity_or_phrase(w(sent, "Armenia")) == Span(text="Armenia", start=14, end=21)
    sanctions = load("sanctions").sentences[0]
    union = w(sanctions, "Union")
    assert sanctions.covering_entity(union).type == "ORG"
    assert sanctions.entity_or_phrase(union).text == "European Union"
    assert sanctions.phrase(union).text == "The European Union"


def test_deprel_matches() -> None:
    assert deprel_matches("nsubj:pass", ["nsubj"])
    assert deprel_matches("nsubj:pass", ["nsubj:pass"])
    assert not deprel_matches("nsubj", ["nsubj:pass"])
    assert not deprel_matches(None, ["nsubj"])
    assert not deprel_matches("obl", [])
