"""The light CoNLL-U reader (eventx.conllu): same objects as Stanza's reader, and validation."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from helpers import FIXTURES
from plugin_helpers import ALL, extractor

from eventx import ParsedDocument, conllu
from eventx.conllu import ConlluError, decode_bioes, read_conllu, split_documents
from eventx.parsing import read_conllu_stanza
from eventx.serialize import event_to_dict

ALL_FIXTURES = sorted(FIXTURES.glob("*.conllu")) + sorted((FIXTURES / "plugins").glob("*.conllu"))
WORD_ATTRS = ("id", "text", "lemma", "upos", "xpos", "feats", "head", "deprel", "deps", "misc")
WORD_ATTRS += ("start_char", "end_char")
TOKEN_ATTRS = ("id", "text", "misc", "ner", "start_char", "end_char", "spaces_after")

GOOD = (
    "# text = Talks resumed.\n"
    "1\tTalks\ttalk\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\tstart_char=0|end_char=5\n"
    "2\tresumed\tresume\tVERB\tVBD\t_\t0\troot\t_\tstart_char=6|end_char=13|SpaceAfter=No\n"
    "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\tstart_char=13|end_char=14\n"
)


def attributes(unit: object, names: tuple[str, ...]) -> list[object]:
    """The attributes, with an empty MISC as None (Stanza's reader leaves "", its pipeline None)."""
    return [getattr(unit, a) or None if a == "misc" else getattr(unit, a) for a in names]


def same_objects(light: object, stanza: object) -> None:
    for sa, sb in zip(light.sentences, stanza.sentences, strict=True):  # type: ignore[attr-defined]
        for wa, wb in zip(sa.words, sb.words, strict=True):
            assert attributes(wa, WORD_ATTRS) == attributes(wb, WORD_ATTRS)
            assert attributes(wa.parent, TOKEN_ATTRS) == attributes(wb.parent, TOKEN_ATTRS)
        assert [(e.text, e.type, e.start_char, e.end_char) for e in sa.ents] == [
            (e.text, e.type, e.start_char, e.end_char) for e in sb.ents
        ]


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda p: p.name)
def test_the_light_reader_builds_what_stanzas_reader_builds(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    light, light_text = read_conllu(text)
    stanza, stanza_text = read_conllu_stanza(text)
    assert light_text == stanza_text
    same_objects(light, stanza)


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda p: p.name)
def test_extraction_is_the_same_through_either_reader(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    ex = extractor(ALL)
    light = ex.extract_document(ParsedDocument(path.stem, *read_conllu(text)))
    stanza = ex.extract_document(ParsedDocument(path.stem, *read_conllu_stanza(text)))
    assert [event_to_dict(e) for e in light] == [event_to_dict(e) for e in stanza]


def test_multiword_tokens_and_entities() -> None:
    doc, text = read_conllu((FIXTURES / "mwt.conllu").read_text(encoding="utf-8"))
    token = doc.sentences[0].tokens[1]
    assert token.id == (2, 3) and [w.text for w in token.words] == ["do", "n't"]
    assert token.words[0].parent is token and token.words[0].start_char is None
    assert (token.start_char, token.end_char) == (5, 10) and text[5:10] == "don't"


def test_decode_bioes_as_stanza_does() -> None:
    assert decode_bioes(["B-ORG", "E-ORG", "O", "S-GPE", "I-PER", "I-PER", None]) == [
        (0, 1, "ORG"),
        (3, 3, "GPE"),
        (4, 5, "PER"),
    ]


# ---------------------------------------------------------------------------- validation
def bad(text: str, message: str) -> None:
    with pytest.raises(ConlluError, match=message):
        read_conllu(text, "in.conllu")


def test_a_cycle_is_rejected_with_its_line() -> None:
    cyclic = GOOD.replace("\t2\tnsubj", "\t3\tnsubj").replace("\t2\tpunct", "\t1\tpunct")
    bad(cyclic, r"^in.conllu: line 2: cycle in the dependency tree \(1 -> 3 -> 1, no path to the root\)$")


def test_a_self_loop_is_a_cycle() -> None:
    bad(GOOD.replace("1\tTalks\ttalk\tNOUN\tNNS\tNumber=Plur\t2", "1\tTalks\ttalk\tNOUN\tNNS\tNumber=Plur\t1"), "cycle")


def test_a_unicode_digit_head_is_rejected_in_one_line() -> None:
    assert "²".isdigit()
    bad(GOOD.replace("\t2\tnsubj", "\t²\tnsubj"), r"^in.conllu: line 2: bad HEAD '²'")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("end_char=5", "end_char=3000000000"), r"line 2: end_char=3000000000 lies beyond the input's \d+ characters"),
        (("start_char=6", "start_char=-6"), r"line 3: bad start_char '-6'"),
        (("start_char=6", "start_char=²"), r"line 3: bad start_char '²'"),
        (("start_char=6|end_char=13", "start_char=13|end_char=6"), "line 3: start_char=13 is after end_char=6"),
    ],
)
def test_offsets_are_checked_and_bounded_by_the_input(change: tuple[str, str], message: str) -> None:
    bad(GOOD.replace(*change), message)


def test_line_numbers_count_from_the_documents_first_line() -> None:
    with pytest.raises(ConlluError, match="line 11: bad HEAD"):
        read_conllu(GOOD.replace("\t2\tnsubj", "\tx\tnsubj"), first_line=10)


# ---------------------------------------------------------------------------- several documents
def test_split_documents_at_newdoc() -> None:
    text = f"# newdoc id = a\n{GOOD}\n# newdoc id = b\n{GOOD}\n# newdoc\n{GOOD}\n"
    pieces = list(split_documents(text))
    assert [(doc_id, first) for doc_id, _, first in pieces] == [("a", 1), ("b", 7), (None, 13)]
    assert all(read_conllu(piece)[1].startswith("Talks resumed.") for _, piece, _ in pieces)


def test_text_without_newdoc_is_one_document() -> None:
    assert list(split_documents(GOOD)) == [(None, GOOD, 1)]


# ---------------------------------------------------------------------------- the column-wise reader
def _blocks_of(path: Path) -> list[list[str]]:
    return [block for _, block in conllu._blocks(path.read_text(encoding="utf-8").splitlines(), 1)]


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda p: p.name)
def test_plain_sentences_read_column_wise_equal_the_line_by_line_reading(path: Path) -> None:
    """Every sentence the column-wise reader takes gives the objects the line-by-line reader gives."""
    for block in _blocks_of(path):
        fast = conllu._plain_sentence(block, 10**9)
        if fast is None:
            continue
        slow = conllu._sentence(block, 1, 10**9)
        assert slow is not None and fast.comments == slow.comments
        for a, b in zip(fast.words, slow.words, strict=True):
            assert [getattr(a, x) for x in WORD_ATTRS] == [getattr(b, x) for x in WORD_ATTRS]
        for a, b in zip(fast.tokens, slow.tokens, strict=True):
            assert [getattr(a, x) for x in TOKEN_ATTRS] == [getattr(b, x) for x in TOKEN_ATTRS]
            assert [w.id for w in a.words] == [w.id for w in b.words] and all(w.parent is a for w in a.words)


def test_the_column_wise_reader_takes_stanza_output_with_spacing_and_multiword_tokens() -> None:
    blocks = _blocks_of(FIXTURES / "spacing.conllu")
    assert all(conllu._plain_sentence(block, 10**9) is not None for block in blocks)
    doc, text = read_conllu((FIXTURES / "spacing.conllu").read_text(encoding="utf-8"))
    assert text == "Russia's army shelled Kharkiv.\n\nTalks don't resume  today."
    tokens = [t for s in doc.sentences for t in s.tokens]
    assert [t.spaces_after for t in tokens][3:8] == ["", "\n\n", " ", " ", "  "]
    assert [t.misc for t in tokens][2:5] == [None, "", ""]  # "" where only spacing was given
    assert [(e.text, e.type) for e in doc.ents] == [("Russia's", "GPE"), ("Kharkiv", "GPE")]


@pytest.mark.parametrize(
    "change",
    [("\t4\tnsubj", "\t7\tnsubj"), ("start_char=9|", "start_char=x|"), ("1-2\t", "2-3\t"), ("|ner=O", "|Foo=1")],
    ids=["head-outside", "bad-offset", "misplaced-range", "other-misc"],
)
def test_a_sentence_off_the_common_shape_is_left_to_the_line_by_line_reader(change: tuple[str, str]) -> None:
    block = _blocks_of(FIXTURES / "spacing.conllu")[0]
    changed = [line.replace(*change) for line in block]
    assert changed != block and conllu._plain_sentence(changed, 10**9) is None


def test_a_read_document_and_its_extraction_hold_no_reference_cycle() -> None:
    """Reference counting frees a document the moment it is dropped; the collector never walks it."""
    text = (FIXTURES / "spacing.conllu").read_text(encoding="utf-8")
    ex = extractor(ALL)
    gc.collect()
    gc.disable()
    try:
        document = ParsedDocument("d", *read_conllu(text))
        events = ex.extract_document(document)
        assert document.sentences[0].words[0].parent.words[0] is document.sentences[0].words[0]
        del document
        assert gc.collect() == 0
    finally:
        gc.enable()
    assert [e.type for e in events] == ["Attack", "Meeting"]


def test_a_word_kept_after_its_document_no_longer_keeps_the_document() -> None:
    doc, _ = read_conllu(GOOD)
    word = doc.sentences[0].words[0]
    assert word.parent.words == [word] and word.sent is doc.sentences[0]
    del doc
    assert word.text == "Talks" and word.parent is None and word.sent is None
