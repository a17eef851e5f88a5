"""CSV that a spreadsheet cannot turn into formulas, and list cells that split back unambiguously (issue 16)."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventx import Attack, Meeting, Span
from eventx.outputs import CsvWriter, join_spans, safe_cell, split_spans


def span(text: str) -> Span:
    return Span(text=text, start=0, end=len(text))


def rows(*events: object) -> list[dict[str, str]]:
    stream = io.StringIO()
    writer = CsvWriter(stream, [Meeting, Attack])
    for event in events:
        writer.write(event)  # type: ignore[arg-type]
    return list(csv.DictReader(io.StringIO(stream.getvalue())))


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_cells_are_neutralised(start: str) -> None:
    text = start + 'HYPERLINK("http://x","y")'
    (row,) = rows(Meeting(doc_id=start + "doc", trigger=span(text), participants=[span(text), span("Kyiv")]))
    assert row["trigger"] == "'" + text
    assert row["doc_id"] == "'" + start + "doc"
    assert row["participants"] == "'" + text.replace('"', '"') + " | Kyiv"
    assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in row.values())


def test_ordinary_cells_and_numbers_are_unchanged() -> None:
    (row,) = rows(Attack(doc_id="a1", trigger=span("killed"), killed=3, confidence=0.5))
    assert (row["doc_id"], row["trigger"], row["killed"], row["confidence"]) == ("a1", "killed", "3", "0.5")
    assert safe_cell("Kyiv") == "Kyiv" and safe_cell("") == "" and safe_cell("a=b") == "a=b"


def test_list_separator_inside_a_span_is_escaped() -> None:
    (row,) = rows(Meeting(trigger=span("talks"), participants=[span("A | B"), span("C\\"), span("D")]))
    assert row["participants"] == "A \\| B | C\\\\ | D"
    assert split_spans(row["participants"]) == ["A | B", "C\\", "D"]
    assert split_spans("") == []


@given(st.lists(st.text(alphabet=st.sampled_from(list("ab |\\=-")), min_size=1), max_size=6))
def test_list_cells_split_back_to_the_span_texts(texts: list[str]) -> None:
    cell = join_spans(texts)
    assert split_spans(cell) == texts
    assert split_spans(safe_cell(cell).removeprefix("'") if cell.startswith(("=", "-")) else cell) == texts
