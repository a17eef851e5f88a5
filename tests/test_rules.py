"""The rule toolkit (eventx.rules): lexicons validated on load, typed cues, cycle-safe walks, multi-word entries."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

import eventx.rules
from eventx.rules import (
    Lexicon,
    LexiconError,
    ParsedSentence,
    conjuncts,
    cues,
    matches,
    phrase_at,
    phrase_starts,
    subject,
)


def sentence(rows: list[tuple[str, str, str, int, str]]) -> ParsedSentence:
    """A sentence from (text, lemma, upos, head, deprel) rows, words one space apart."""
    words, start = [], 0
    for i, (text, lemma, upos, head, deprel) in enumerate(rows, 1):
        words.append(
            SimpleNamespace(
                id=i,
                text=text,
                lemma=lemma,
                upos=upos,
                xpos=None,
                feats=None,
                head=head,
                deprel=deprel,
                start_char=start,
                end_char=start + len(text),
                parent=None,
            )
        )
        start += len(text) + 1
    return ParsedSentence(SimpleNamespace(words=words, ents=[]), 0, " ".join(r[0] for r in rows))


# "Police rounded them up" with a cycle between "them" and "up" (a broken parse)
CYCLE = [
    ("Police", "police", "NOUN", 2, "nsubj"),
    ("rounded", "round", "VERB", 0, "root"),
    ("them", "they", "PRON", 4, "obj"),
    ("up", "up", "ADP", 3, "compound:prt"),
]


def test_walks_end_on_a_cyclic_tree() -> None:
    sent = sentence(CYCLE)
    them = sent.words[2]
    assert [w.text for w in sent.subtree(them)] == ["them", "up"]
    assert [w.text for w in sent.ancestors(them)] == ["up"]
    assert sent.phrase(them).text == "them up"
    assert [w.text for w in conjuncts(sent, them)] == ["them"]


def test_children_are_computed_once() -> None:
    sent = sentence(CYCLE)
    rounded = sent.words[1]
    assert [w.text for w in sent.children(rounded)] == ["Police"]
    assert sent.children(rounded) is not sent.children(rounded), "callers get their own list"


def test_multi_word_entries() -> None:
    rows = [
        ("Police", "police", "NOUN", 2, "nsubj"),
        ("rounded", "round", "VERB", 0, "root"),
        ("them", "they", "PRON", 2, "obj"),
        ("up", "up", "ADP", 2, "compound:prt"),
    ]
    sent = sentence(rows)
    found = phrase_at(sent, sent.words[1], ["take into custody", "round up"])
    assert found is not None and [w.text for w in found] == ["rounded", "up"]
    assert phrase_at(sent, sent.words[0], ["round up"]) is None
    assert not matches(sent.words[1], {"round up"}), "single-word matching ignores multi-word entries"
    custody = sentence(
        [
            ("He", "he", "PRON", 3, "nsubj:pass"),
            ("was", "be", "AUX", 3, "aux:pass"),
            ("taken", "take", "VERB", 0, "root"),
            ("into", "into", "ADP", 5, "case"),
            ("custody", "custody", "NOUN", 3, "obl"),
        ]
    )
    found = phrase_at(custody, custody.words[2], ["take into custody"])
    assert found is not None and [w.text for w in found] == ["taken", "into", "custody"]
    assert subject(custody, custody.words[2]) is None, "a passive without an agent has no doer"


def test_phrase_at_tries_entries_in_their_order() -> None:
    rows = [
        ("Rebels", "rebel", "NOUN", 2, "nsubj"),
        ("blew", "blow", "VERB", 0, "root"),
        ("up", "up", "ADP", 2, "compound:prt"),
        ("the", "the", "DET", 5, "det"),
        ("bridge", "bridge", "NOUN", 2, "obj"),
    ]
    sent = sentence(rows)
    entries = ["blow up the bridge", "blow up", "set off"]
    found = phrase_at(sent, sent.words[1], entries)
    assert found is not None and [w.text for w in found] == ["blew", "up", "the", "bridge"]
    found = phrase_at(sent, sent.words[1], entries[1:] + entries[:1])
    assert found is not None and [w.text for w in found] == ["blew", "up"]
    assert phrase_starts(entries) == {"blow", "set"}
    assert phrase_starts(["attack", "car bomb"]) == {"car"}, "single-word entries start no phrase"


def test_words_matching_is_matches_over_the_sentence() -> None:
    rows = [
        ("Troops", "troop", "NOUN", 2, "nsubj"),
        ("shelled", "shelled", "VERB", 0, "root"),  # a lemma the lemmatizer got wrong: the stem still matches
        ("villages", "village", "NOUN", 2, "obj"),
        ("and", "and", "CCONJ", 5, "cc"),
        ("attacked", "attack", "VERB", 2, "conj"),
    ]
    sent = sentence(rows)
    lists = [frozenset({"shell", "attack"}), {"troop"}, ["nothing", "here"]]
    found = sent.words_matching(*lists)
    assert [w.text for w in found] == ["Troops", "shelled", "attacked"], "in sentence order"
    assert found == [w for w in sent.words if any(matches(w, words) for words in lists)]
    assert sent.words_matching() == [] and sent.words_matching(frozenset()) == []


def test_lexicon_union_is_the_lists_together() -> None:
    lexicon = Lexicon("eventx_diplomacy")
    union = lexicon.union("meeting.nouns", "meeting.verbs")
    assert union == lexicon["meeting.nouns"] | lexicon["meeting.verbs"]
    assert lexicon.union("meeting.nouns", "meeting.verbs") is union, "cached"
    with pytest.raises(LexiconError, match=r"no word list 'meeting\.nope'"):
        lexicon.union("meeting.nouns", "meeting.nope")


def test_cues_are_typed() -> None:
    c = cues()
    assert "not" in c.negators and "say" in c.speech_verbs and "friday" in c.time_words
    assert "hold" in c.light_verbs and "least" in c.hedges


def test_lexicon_lists_and_sections() -> None:
    lexicon = Lexicon("eventx_diplomacy")
    assert "summit" in lexicon["meeting.nouns"]
    assert lexicon.section("meeting")["nouns"] == lexicon["meeting.nouns"]
    with pytest.raises(LexiconError, match=r"no word list 'meeting\.nope'"):
        lexicon["meeting.nope"]


def test_a_user_entry_of_the_wrong_type_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "eventx_territory.toml").write_text('control_verbs = "nab"\n', encoding="utf-8")
    monkeypatch.setenv("EVENTX_LEXICON_PATH", str(tmp_path))
    with pytest.raises(LexiconError, match=r"eventx_territory.toml: control_verbs must be a list of words.*'nab'"):
        Lexicon("eventx_territory")["control_verbs"]
    (tmp_path / "eventx.toml").write_text('modality = ["x"]\n', encoding="utf-8")
    with pytest.raises(LexiconError, match="modality must be a table"):
        cues()


def test_a_bad_user_lexicon_fails_the_plugin_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import eventx_territory

    from eventx import PluginManager

    (tmp_path / "eventx_territory.toml").write_text('land_nouns = "x"\n', encoding="utf-8")
    monkeypatch.setenv("EVENTX_LEXICON_PATH", str(tmp_path))
    pm = PluginManager(entry_points=False, plugins=[("territory", eventx_territory)])
    assert [s.name for s in pm.extractors] == []
    assert len(pm.failures) == 1 and "land_nouns must be a list of words" in pm.failures[0].error


def test_all_is_complete() -> None:
    import types

    public = {n for n, v in vars(eventx.rules).items() if not n.startswith("_") and not isinstance(v, types.ModuleType)}
    assert public <= set(eventx.rules.__all__), public - set(eventx.rules.__all__)
