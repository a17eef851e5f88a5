from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventx import parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("9", 9),
        ("0", 0),
        ("1,200", 1200),
        ("12,345,678", 12345678),
        ("nine", 9),
        ("Nine", 9),
        ("twenty-one", 21),
        ("twenty one", 21),
        ("one hundred and five", 105),
        ("two dozen", 24),
        ("a dozen", 12),
        ("one dozen", 12),
        ("a score", 20),
        ("three dozen", 36),
        ("1.5 million", 1_500_000),
        ("2 thousand", 2000),
        ("thousand", 1000),
    ],
)
def test_numbers(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "dozens",
        "Dozens",
        "scores",
        "hundreds",
        "thousands of",
        "several",
        "many",
        "some",
        "a few",
        "numerous",
        "",
        "   ",
        "people",
        "1,2",
        "1,2345",
        "12a",
        "nine people",
        "dozens of dozen",
        "dozen " * 500,
        "1" * 400 + " million",
        "one two three",
    ],
)
def test_no_count(text: str) -> None:
    assert parse_number(text) is None


words = st.sampled_from(
    [
        "one",
        "two",
        "nine",
        "twenty",
        "hundred",
        "thousand",
        "million",
        "dozen",
        "score",
        "a",
        "and",
        "-",
        "1,200",
        "1.5",
        "dozens",
        "zero",
        "3",
        "half",
        "point",
        "minus",
        "9" * 330,
    ]
)


@given(st.one_of(st.text(max_size=80), st.lists(words, max_size=40).map(" ".join)))
def test_parse_number_never_raises(text: str) -> None:
    value = parse_number(text)
    assert value is None or (isinstance(value, int) and value >= 0)


@given(st.integers(0, 10**15))
def test_digits_round_trip(value: int) -> None:
    assert parse_number(str(value)) == value
    assert parse_number(f"{value:,}") == value
