"""End to end through the bundled model pack: parsing, offline loading, extraction on the seeds.

These tests need the model package ``models/eventx-model-en`` installed (the README's
install command does it).  The seed and development articles are parsed once per run.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import eventx
from eventx.cli import main
from eventx.evaluation import evaluate_paths
from eventx.models import resolve_model

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "istanbul-talks.txt"

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def extractor() -> eventx.Extractor:
    return eventx.Extractor()


@pytest.fixture(scope="module")
def seed_doc(extractor: eventx.Extractor) -> eventx.ParsedDocument:
    return extractor.parse(SEED.read_text(encoding="utf-8"), "istanbul-talks")


def test_the_bundled_pack_is_found_without_configuration() -> None:
    info = resolve_model()
    assert (info.directory / "resources.json").exists()
    assert info.kind in ("package", "stanza")


def test_models_load_and_parse_without_touching_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    fresh = eventx.Extractor()
    doc = fresh.parse("Armenia and Azerbaijan held talks in Abu Dhabi on Monday.")
    assert len(doc.sentences) == 1


def test_seed_article_parses_into_valid_trees(seed_doc: eventx.ParsedDocument) -> None:
    text = seed_doc.text
    assert len(seed_doc.sentences) >= 20
    for sent in seed_doc.sentences:
        roots = [w for w in sent.words if w.head == 0]
        assert len(roots) == 1, sent.text
        assert all(0 <= w.head <= len(sent.words) for w in sent.words)
        for w in sent.words:
            token = w.parent
            assert text[token.start_char : token.end_char] == token.text


@pytest.mark.parametrize(
    ("sentence", "verb", "subject", "obj"),
    [
        ("Rebels attacked the army base.", "attacked", "Rebels", "base"),
        ("The minister met the envoy in Geneva.", "met", "minister", "envoy"),
        ("Government troops captured the town.", "captured", "troops", "town"),
    ],
)
def test_plain_news_sentences_get_subject_and_object(
    extractor: eventx.Extractor, sentence: str, verb: str, subject: str, obj: str
) -> None:
    sent = extractor.parse(sentence).sentences[0]
    head = next(w for w in sent.words if w.text == verb)
    assert [w.text for w in sent.children(head, "nsubj")] == [subject]
    assert [w.text for w in sent.children(head, "obj")] == [obj]


@pytest.mark.parametrize(
    ("sentence", "entity", "label"),
    [
        ("President Joe Biden arrived in Paris on Monday.", "Paris", "LOC"),
        ("President Joe Biden arrived in Paris on Monday.", "Joe Biden", "PER"),
        ("The United Nations called for a ceasefire.", "United Nations", "ORG"),
    ],
)
def test_plain_news_sentences_get_named_entities(
    extractor: eventx.Extractor, sentence: str, entity: str, label: str
) -> None:
    doc = extractor.parse(sentence)
    found = {(e.text, e.type) for e in doc.stanza.ents}
    assert (entity, label) in found


def test_seed_casualty_event(extractor: eventx.Extractor, seed_doc: eventx.ParsedDocument) -> None:
    events = extractor.extract_document(seed_doc)
    killed = [e for e in events if isinstance(e, eventx.Attack) and e.trigger.text == "killed"]
    assert len(killed) == 1
    attack = killed[0]
    assert attack.killed == 9
    assert [s.text for s in attack.victims] == ["nine people"]
    assert attack.attributed_to is not None and attack.attributed_to.text == "Kyiv"
    assert attack.doc_id == "istanbul-talks" and attack.extractor == "casualties"


def test_cli_extract_on_the_seed_writes_the_contract(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    result = CliRunner().invoke(main, ["extract", str(SEED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) >= 15
    text = SEED.read_text(encoding="utf-8")
    types = eventx.PluginManager().event_types
    for line in lines:
        assert list(line)[:8] == [
            "type",
            "doc_id",
            "sentence_index",
            "trigger",
            "modality",
            "attributed_to",
            "extractor",
            "confidence",
        ]
        assert text[line["trigger"]["start"] : line["trigger"]["end"]] == line["trigger"]["text"]
        raw = json.dumps(line, ensure_ascii=False)
        assert eventx.to_json(eventx.from_json(raw, types)) == raw


def test_seed_and_development_set_scores_stay_above_the_floor() -> None:
    """A regression guard well under the measured figures (docs/evaluation.md)."""
    report = evaluate_paths([REPO / "seeds"])
    assert report.events.f1 >= 0.85
    assert report.modality_accuracy >= 0.75
    assert report.arguments.f1 >= 0.50


def test_seed_events_round_trip_through_dataframes_and_parquet(
    extractor: eventx.Extractor, seed_doc: eventx.ParsedDocument, tmp_path: Path
) -> None:
    pd = pytest.importorskip("pandas", reason="pandas is not installed (eventx[tables])")
    pytest.importorskip("pyarrow", reason="pyarrow is not installed (eventx[tables])")
    from eventx.tables import ParquetWriter, from_dataframe, read_parquet

    events = extractor.extract_document(seed_doc)
    types = extractor.plugins.event_types
    frame = eventx.to_dataframe(events)
    assert list(frame["trigger"]) == [e.trigger.text for e in events]
    (killed,) = frame[frame["trigger"] == "killed"].to_dict("records")
    assert killed["victims"] == ["nine people"] and killed["killed"] == 9 and killed["attributed_to"] == "Kyiv"
    assert from_dataframe(eventx.to_dataframe(events, spans="full"), types) == events
    path = tmp_path / "seed.parquet"
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = ParquetWriter(stream, list(types.values()))
        for event in events:
            writer.write(event)
        writer.close()
    assert read_parquet(path, types) == events
    assert from_dataframe(pd.read_parquet(path), types) == events
