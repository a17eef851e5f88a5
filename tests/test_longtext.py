"""Over-long lines are cut before Stanza sees them, long texts are read in sections, offsets kept (issue 16)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from eventx import ParsedDocument
from eventx.inputs import iter_inputs
from eventx.longtext import MAX_PIECE_CHARS, MAX_SENTENCE_WORDS, SECTION_CHARS, sections, shift_event, split_long
from eventx.parsing import paragraphs
from eventx.records import Attack, Span


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


def check_sections(text: str, limit: int) -> list[tuple[int, str]]:
    found = sections(text, limit)
    for offset, section in found:
        assert text[offset : offset + len(section)] == section, "offsets point into the text"
        assert len(section) <= limit
    assert [s for s, _ in found] == sorted(s for s, _ in found)
    kept = "".join("".join(section.split()) for _, section in found)
    assert kept == "".join(text.split()), "nothing but white space is lost, nothing read twice"
    return found


def test_a_text_within_the_section_limit_is_one_section() -> None:
    text = "Talks resumed.\n" * 10
    assert sections(text) == [(0, text)] and len(text) < SECTION_CHARS


def test_sections_are_whole_lines() -> None:
    text = "".join(f"Line {i} of the story.\n" for i in range(1000))
    found = check_sections(text, 2000)
    assert all(offset == 0 or text[offset - 1] == "\n" for offset, _ in found)
    assert all(len(section) > 2000 - 30 for _, section in found[:-1]), "sections are filled"


def test_a_line_over_the_section_limit_is_cut_where_split_long_cuts() -> None:
    text = "Short first line.\n" + "Talks resumed in Geneva, officials said. " * 100 + "\nLast line."
    found = check_sections(text, 1500)
    assert found[0] == (0, "Short first line."), "the long line starts a section"
    assert all(section.endswith("officials said.") for _, section in found[1:-1])
    assert found[-1][1].endswith("officials said. \nLast line.")


@given(
    st.text(alphabet=st.sampled_from(list("ab .\n")), max_size=600),
    st.integers(5, 80),
)
def test_sections_property(text: str, limit: int) -> None:
    check_sections(text, limit)


def test_shift_event_moves_every_span_and_the_sentence_index() -> None:
    section = "Gunmen attacked Djibo on Sunday."
    text = "Headline\n\n" + section

    def span(word: str, where: str) -> Span:
        start = where.index(word)
        return Span(text=word, start=start, end=start + len(word))

    event = Attack(
        sentence_index=0,
        trigger=span("attacked", section),
        attacker=(span("Gunmen", section),),
        location=(span("Djibo", section),),
        time=(span("Sunday", section),),
        attributed_to=span("Gunmen", section),
    )
    moved = shift_event(event, 10, 2)
    assert moved.sentence_index == 2
    spans = [moved.trigger, moved.attributed_to, *moved.attacker, *moved.location, *moved.time]
    assert all(s is not None and text[s.start : s.end] == s.text for s in spans)
    assert shift_event(event, 0, 0) is event
