"""The extractors' fallbacks for parser slips and news layout, on deliberately imperfect trees."""

from __future__ import annotations

import eventx_casualties
import eventx_diplomacy
import pytest

from eventx import ParsedDocument
from eventx.parsing import paragraphs, read_conllu


def _doc(rows: list[tuple[str, str, str, int, str]], name: str = "doc") -> ParsedDocument:
    """A one-sentence document from (form, lemma, upos, head, deprel) rows, without offsets."""
    lines = [
        f"{i}\t{form}\t{lemma}\t{upos}\t_\t_\t{head}\t{rel}\t_\t_"
        for i, (form, lemma, upos, head, rel) in enumerate(rows, start=1)
    ]
    doc, text = read_conllu("\n".join(lines) + "\n\n")
    return ParsedDocument(name, doc, text)


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        ("KHARTOUM, June 14 (Reuters) – A drone struck.", ["KHARTOUM, June 14 (Reuters) –", "A drone struck."]),
        ("QAMISHLI, Syria, May 12 (AP) — Drones struck.", ["QAMISHLI, Syria, May 12 (AP) —", "Drones struck."]),
        ("Egypt Daily News – The Kremlin said.", ["Egypt Daily News –", "The Kremlin said."]),
        ("Russia – which denied it – said so.", ["Russia – which denied it – said so."]),
        ("Kyiv and Moscow - the two capitals - agreed.", ["Kyiv and Moscow - the two capitals - agreed."]),
    ],
)
def test_datelines_are_split_off(line: str, pieces: list[str]) -> None:
    found = paragraphs(line)
    assert [p for _, p in found] == pieces
    assert all(line[start : start + len(p)] == p for start, p in found)


def test_each_line_is_its_own_piece_with_offsets() -> None:
    text = "Rebels seize town\n\nTroops withdrew.  \nTalks resume."
    assert paragraphs(text) == [(0, "Rebels seize town"), (19, "Troops withdrew."), (38, "Talks resume.")]


def test_casualty_counts_survive_a_tree_that_misses_them() -> None:
    # "A strike killed 19 people and wounded 42": the parser made "killed" a modifier of "people"
    doc = _doc(
        [
            ("A", "a", "DET", 2, "det"),
            ("strike", "strike", "NOUN", 0, "root"),
            ("killed", "kill", "VERB", 5, "amod"),
            ("19", "19", "NUM", 5, "nummod"),
            ("people", "person", "NOUN", 2, "nmod"),
            ("and", "and", "CCONJ", 7, "cc"),
            ("wounded", "wound", "VERB", 5, "conj"),
            ("42", "42", "NUM", 7, "obj"),
        ]
    )
    attacks = [e for e in eventx_casualties.extract(doc) if e.trigger.text == "strike"]
    assert len(attacks) == 1
    assert (attacks[0].killed, attacks[0].injured) == (19, 42)


def test_a_passive_toll_is_read_backwards() -> None:
    # "At least 30 civilians were killed when shells struck a camp" with "killed" under the wrong head
    from eventx_casualties import _surface_toll

    doc = _doc(
        [
            ("At", "at", "ADP", 3, "case"),
            ("least", "least", "ADJ", 1, "fixed"),
            ("30", "30", "NUM", 4, "nummod"),
            ("civilians", "civilian", "NOUN", 6, "nsubj:pass"),
            ("were", "be", "AUX", 6, "aux:pass"),
            ("killed", "kill", "VERB", 0, "root"),
        ]
    )
    counts, victims = _surface_toll(doc.sentences[0])
    assert counts == {"killed": 30, "injured": None}
    assert [v.text for v in victims] == ["30 civilians"]


def test_a_lone_meeting_takes_the_time_of_its_sentence() -> None:
    # "Envoys met on Friday in Muscat" with "Friday" hung on "Muscat" by the parser
    doc = _doc(
        [
            ("Envoys", "envoy", "NOUN", 2, "nsubj"),
            ("met", "meet", "VERB", 0, "root"),
            ("in", "in", "ADP", 4, "case"),
            ("Muscat", "Muscat", "PROPN", 2, "obl"),
            ("on", "on", "ADP", 6, "case"),
            ("Friday", "Friday", "PROPN", 4, "nmod"),
        ]
    )
    meetings = [e for e in eventx_diplomacy.extract(doc) if e.type == "Meeting"]
    assert [s.text for s in meetings[0].time] == ["Friday"]
    assert [s.text for s in meetings[0].location] == ["Muscat"]
