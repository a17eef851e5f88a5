"""Over-long lines are cut before Stanza sees them, with offsets into the original text (issue 16)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from eventx import ParsedDocument
from eventx.inputs import iter_inputs
from eventx.longtext import MAX_PIECE_CHARS, MAX_SENTENCE_WORDS, split_long
from eventx.parsing import paragraphs


def check(start: int, line: str, limit: int) -> list[tuple[int, str]]:
    text = " " * start + line
    pieces = split_long(start, line, limit)
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece, "offsets point into the original text"
        assert 0 < len(piece) <= limit and piece == piece.rstrip()
    assert all(p == p.lstrip() for _, p in pieces[1:])
    kept = "".join("".join(p.split()) for _, p in pieces)
    assert kept == "".join(line.split()), "nothing but white space is lost"
    return pieces


def test_a_line_within_the_limit_is_kept() -> None:
    assert split_long(7, "Talks resumed.") == [(7, "Talks resumed.")]


def test_unpunctuated_line_is_cut_at_spaces() -> None:
    line = "word " * 20_000
    pieces = check(0, line, MAX_PIECE_CHARS)
    assert len(pieces) == 100_000 // MAX_PIECE_CHARS and all(p.endswith("word") for _, p in pieces)


def test_a_paragraph_is_cut_at_sentence_ends_first() -> None:
    line = "Talks resumed in Geneva on Monday, officials said. " * 100
    pieces = check(0, line, 1000)
    assert all(p.endswith("officials said.") for _, p in pieces)


def test_abbreviations_are_not_sentence_ends() -> None:
    line = "x" * 900 + " the U.S. President and " + "y" * 200
    pieces = check(0, line, 1000)
    assert not pieces[0][1].endswith("U.S."), "a capital before the dot is no sentence end"


def test_a_line_without_spaces_is_cut_anywhere() -> None:
    pieces = check(3, "x" * 5001, 2000)
    assert [(s, len(p)) for s, p in pieces] == [(3, 2000), (2003, 2000), (4003, 1001)]


def test_paragraphs_cut_long_lines_and_keep_offsets() -> None:
    text = "KYIV, May 17 (Reuters) – " + "Shelling " * 1000 + "\nShort line.\n"
    pieces = paragraphs(text)
    assert pieces[0] == (0, "KYIV, May 17 (Reuters) –")
    assert all(len(p) <= MAX_PIECE_CHARS and text[s : s + len(p)] == p for s, p in pieces)
    assert pieces[-1][1] == "Short line."


@given(st.integers(0, 5), st.text(alphabet=st.sampled_from(list("ab .,;!?\tU")), max_size=400), st.integers(5, 60))
def test_split_long_property(start: int, line: str, limit: int) -> None:
    check(start, line, limit)


def test_conllu_sentence_over_the_word_limit_is_refused(tmp_path: Path) -> None:
    words = MAX_SENTENCE_WORDS + 1
    lines = [f"{i}\tkilled\tkill\tVERB\t_\t_\t{i + 1 if i < words else 0}\tdep\t_\t_" for i in range(1, words + 1)]
    path = tmp_path / "long.conllu"
    path.write_text("# text = long\n" + "\n".join(lines) + "\n", encoding="utf-8")
    (problem,) = iter_inputs([str(path)], "conllu")
    assert str(problem) == (
        f"{path}: malformed CoNLL-U: line 2: sentence of 501 words is over the limit of {MAX_SENTENCE_WORDS} words"
    )
    path.write_text("\n".join([*lines[:-2], lines[-2].replace("\t501\t", "\t0\t")]) + "\n", encoding="utf-8")
    (document,) = iter_inputs([str(path)], "conllu")
    assert isinstance(document, ParsedDocument), "the limit itself is allowed"
