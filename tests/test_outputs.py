from __future__ import annotations

import csv
import io
import json

from helpers import Ceasefire, sample_events

from eventx import event_from_dict, from_json, to_json
from eventx.outputs import BASE_COLUMNS, CsvWriter, JsonArrayWriter, JsonLinesWriter, csv_columns
from eventx.records import CORE_TYPES

TYPES = [*CORE_TYPES, Ceasefire]
BY_NAME = {t.type: t for t in TYPES}


def write(writer_class: type, events: list) -> str:
    stream = io.StringIO()
    writer = writer_class(stream, TYPES)
    for event in events:
        writer.write(event)
    writer.close()
    return stream.getvalue()


def test_jsonl_writer() -> None:
    events = list(sample_events().values())
    text = write(JsonLinesWriter, events)
    assert text.splitlines() == [to_json(e) for e in events]
    assert text.endswith("\n")
    assert [from_json(line, BY_NAME) for line in text.splitlines()] == events


def test_json_writer() -> None:
    events = list(sample_events().values())
    data = json.loads(write(JsonArrayWriter, events))
    assert [event_from_dict(d, BY_NAME) for d in data] == events
    assert json.loads(write(JsonArrayWriter, [])) == []
    assert json.loads(write(JsonArrayWriter, events[:1]))[0]["type"] == "Meeting"


def test_json_writer_is_valid_only_when_closed() -> None:
    stream = io.StringIO()
    writer = JsonArrayWriter(stream)
    writer.write(sample_events()["Attack"])
    assert stream.getvalue().startswith("[\n  {")  # written at once, before the end of the run
    writer.close()
    assert len(json.loads(stream.getvalue())) == 1


def test_csv_columns() -> None:
    columns = csv_columns(TYPES)
    assert columns[: len(BASE_COLUMNS)] == list(BASE_COLUMNS)
    assert columns[len(BASE_COLUMNS) :] == [
        "participants",
        "location",
        "time",
        "demander",
        "addressee",
        "content",
        "territory",
        "attacker",
        "target",
        "victims",
        "instrument",
        "killed",
        "injured",
        "parties",
        "items",
        "quantity",
        "days",
    ]


def test_csv_writer() -> None:
    events = sample_events()
    text = write(CsvWriter, list(events.values()))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 5
    meeting, attack, exchange, ceasefire = rows[0], rows[2], rows[3], rows[4]
    assert meeting["type"] == "Meeting" and meeting["doc_id"] == "geneva"
    assert meeting["participants"] == "Armenia | Azerbaijan"
    assert meeting["trigger"] == "Talks" and meeting["trigger_start"] == "0" and meeting["trigger_end"] == "5"
    assert meeting["attributed_to"] == "the ministry" and meeting["modality"] == "planned"
    assert meeting["killed"] == "" and meeting["victims"] == "", "roles of other types stay empty"
    assert attack["killed"] == "9" and attack["injured"] == "" and attack["victims"] == "nine people"
    assert attack["confidence"] == "0.9" and attack["sentence_index"] == "3"
    assert exchange["quantity"] == "0", "a zero count is not left empty"
    assert ceasefire["days"] == "30" and ceasefire["parties"] == "the rebels"
    assert rows[1]["attributed_to"] == ""


def test_csv_writer_header_only() -> None:
    assert write(CsvWriter, []).strip().split(",") == csv_columns(TYPES)
