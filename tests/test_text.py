"""Robust reading (eventx.text): mojibake repaired, lower-case text re-capitalised, offsets into the original."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventx.text import fix_mojibake, is_all_lower, repair, restore_case, restore_offsets

DAMAGED = "Russiaâ€™s army shelled Kharkiv, the cityâ€™s mayor said."


def test_mojibake_is_repaired() -> None:
    assert fix_mojibake(DAMAGED) == "Russia’s army shelled Kharkiv, the city’s mayor said."


def test_clean_text_is_left_alone() -> None:
    clean = "“Talks,” she said — naïve ‘quotes’ stay curly; café, ﬁne, ＡＢＣ &amp; all."
    fixed = repair(clean)
    assert fixed.text == clean and not fixed.changed_length


def test_repaired_offsets_map_back_to_the_original() -> None:
    fixed = repair(DAMAGED)
    for word in ("Russia’s", "army", "Kharkiv", "city’s", "mayor"):
        start = fixed.text.index(word)
        original = DAMAGED[fixed.start(start) : fixed.end(start + len(word))]
        assert original.replace("â€™", "’") == word


def test_lower_case_text_gets_sentence_capitals_and_keeps_its_length() -> None:
    text = "troops shelled the town on monday. i saw it, a resident said.\nofficials confirmed nine dead."
    assert is_all_lower(text)
    fixed = repair(text)
    assert fixed.text == (
        "Troops shelled the town on monday. I saw it, a resident said.\nOfficials confirmed nine dead."
    )
    assert not fixed.changed_length
    assert restore_case("it is. i think") == "It is. I think"


def test_mixed_case_text_is_not_recapitalised() -> None:
    text = "the army said on Monday that talks would resume in geneva next week."
    assert repair(text).text == text


@given(st.text(alphabet=st.sampled_from(list("aâ€™œ\x9d é.\n iI")), max_size=60))
def test_repair_never_fails_and_maps_inside_the_original(text: str) -> None:
    fixed = repair(text)
    previous = 0
    for i in range(len(fixed.text)):
        start, end = fixed.start(i), fixed.end(i + 1)
        assert 0 <= start <= end <= len(text)
        assert start >= previous
        previous = start


class _Item:
    def __init__(self, start: int, end: int) -> None:
        self.start_char, self.end_char = start, end


class _Token(_Item):
    def __init__(self, start: int, end: int) -> None:
        super().__init__(start, end)
        self.words = [_Item(start, end)]


class _Doc:
    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.sentences = [type("S", (), {"tokens": [_Token(s, e) for s, e in spans]})()]
        self.ents = [_Item(*spans[0])]
        self.text = ""


def test_restore_offsets_moves_tokens_words_and_entities() -> None:
    fixed = repair(DAMAGED)
    spans = [(0, 6), (6, 8), (9, 13)]  # "Russia", "’s", "army" in the repaired text
    doc = restore_offsets(_Doc(spans), fixed)
    tokens = doc.sentences[0].tokens
    assert [DAMAGED[t.start_char : t.end_char] for t in tokens] == ["Russia", "â€™s", "army"]
    assert [DAMAGED[t.words[0].start_char : t.words[0].end_char] for t in tokens] == ["Russia", "â€™s", "army"]
    assert DAMAGED[doc.ents[0].start_char : doc.ents[0].end_char] == "Russia"
    assert doc.text == DAMAGED


@pytest.mark.model
def test_damaged_text_gives_the_events_of_the_clean_text_with_offsets_into_it() -> None:
    import eventx

    clean = "Russia’s army shelled Kharkiv on Monday, killing nine people, the city’s mayor said."
    damaged = clean.replace("’", "â€™")
    extractor = eventx.Extractor()

    def summary(text: str) -> list[tuple[str, str, int | None, list[str]]]:
        out = []
        for event in extractor.extract(text):
            spans = [event.trigger, *event.target, *event.victims, *event.time]
            assert all(text[s.start : s.end] == s.text for s in spans)
            out.append((event.type, event.trigger.text, getattr(event, "killed", None), [s.text for s in spans]))
        return out

    found = summary(damaged)
    assert found == summary(clean)
    assert found and found[0][:3] == ("Attack", "shelled", 9)
