from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventx.rules.lexicons import LexiconError, load_lexicon, merge, word_set


def test_merge_extends_lists_and_merges_tables() -> None:
    base = {"a": ["x", "y"], "t": {"k": ["1"], "n": 1}, "s": "old"}
    extra = {"a": ["y", "z"], "t": {"k": ["2"], "m": True}, "s": "new", "b": ["q"]}
    assert merge(base, extra) == {
        "a": ["x", "y", "z"],
        "t": {"k": ["1", "2"], "n": 1, "m": True},
        "s": "new",
        "b": ["q"],
    }
    assert base == {"a": ["x", "y"], "t": {"k": ["1"], "n": 1}, "s": "old"}, "the base is not modified"


def test_word_set() -> None:
    assert word_set({"a": ["Kyiv", "kyiv"], "b": ["Moscow"]}, "a", "b", "missing") == frozenset({"kyiv", "moscow"})


def test_packaged_lexicon() -> None:
    cues = load_lexicon("eventx", "cues.toml")
    assert "not" in cues["modality"]["negators"]
    assert "say" in cues["attribution"]["speech_verbs"]


def test_user_extension_through_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    (first / "eventx.toml").write_text('[modality]\nnegators = ["nope", "not"]\n', encoding="utf-8")
    (second / "eventx.toml").write_text(
        '[attribution]\nspeech_verbs = ["grumble"]\n[extra]\nwords = ["w"]\n', encoding="utf-8"
    )
    (second / "other.toml").write_text('[modality]\nnegators = ["ignored"]\n', encoding="utf-8")
    monkeypatch.setenv("EVENTX_LEXICON_PATH", os.pathsep.join([str(first), str(tmp_path / "absent"), str(second)]))
    cues = load_lexicon("eventx", "cues.toml")
    negators = cues["modality"]["negators"]
    assert negators[-1] == "nope" and negators.count("not") == 1 and "ignored" not in negators
    assert "grumble" in cues["attribution"]["speech_verbs"] and "say" in cues["attribution"]["speech_verbs"]
    assert cues["extra"] == {"words": ["w"]}
    monkeypatch.delenv("EVENTX_LEXICON_PATH")
    assert "nope" not in load_lexicon("eventx", "cues.toml")["modality"]["negators"]


def test_invalid_user_lexicon_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "eventx.toml"
    bad.write_text("[modality\nnegators = ", encoding="utf-8")
    monkeypatch.setenv("EVENTX_LEXICON_PATH", str(tmp_path))
    with pytest.raises(LexiconError, match=str(bad)):
        load_lexicon("eventx", "cues.toml")
