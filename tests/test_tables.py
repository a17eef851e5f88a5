"""DataFrames and Parquet: columns, span forms, lossless round trips, the optional extra, the CLI format."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import FIXTURES, Ceasefire, sample_events

import eventx
from eventx import DocumentResult, event_to_dict
from eventx.cli import main
from eventx.outputs import BASE_COLUMNS, csv_columns
from eventx.records import CORE_TYPES
from eventx.tables import (
    CORE_ROLE_COLUMNS,
    FLAT_SEPARATOR,
    ParquetWriter,
    TablesUnavailable,
    arrow_schema,
    column_order,
    from_dataframe,
    read_parquet,
    records,
    row,
    to_dataframe,
    write_parquet,
)

TYPES = [*CORE_TYPES, Ceasefire]
BY_NAME = {t.type: t for t in TYPES}
needs_pandas = pytest.mark.skipif(find_spec("pandas") is None, reason="pandas is not installed (eventx[tables])")
needs_pyarrow = pytest.mark.skipif(find_spec("pyarrow") is None, reason="pyarrow is not installed (eventx[tables])")


# ---------------------------------------------------------------------------- the column rule
def test_column_order_is_shared_then_core_roles_then_the_rest_by_name() -> None:
    shuffled = ["zeta", "killed", "confidence", "days", "type", "participants", "alpha", "trigger_start"]
    assert column_order(shuffled) == [
        "type",
        "trigger_start",
        "confidence",
        "participants",
        "killed",
        "alpha",
        "days",
        "zeta",
    ]
    assert CORE_ROLE_COLUMNS[:3] == ("participants", "location", "time")


def test_csv_columns_do_not_move_whatever_plugin_types_are_known_or_in_what_order() -> None:
    import attrs

    @attrs.define(frozen=True, kw_only=True)
    class Siege(eventx.Event):
        type = "Siege"
        besieger: tuple[eventx.Span, ...] = eventx.span_role()
        area: tuple[eventx.Span, ...] = eventx.span_role()

    core = csv_columns(list(CORE_TYPES))
    with_plugins = csv_columns([*CORE_TYPES, Siege, Ceasefire])
    assert with_plugins[: len(core)] == core, "plugins only add columns after the core ones"
    assert with_plugins[len(core) :] == ["area", "besieger", "days"]
    assert csv_columns([Ceasefire, *reversed(CORE_TYPES), Siege]) == with_plugins
    assert core[: len(BASE_COLUMNS)] == list(BASE_COLUMNS)


# ---------------------------------------------------------------------------- rows
def test_rows_in_the_three_span_forms() -> None:
    attack = event_to_dict(sample_events()["Attack"])
    text = row(attack)
    assert text["trigger"] == "killed" and (text["trigger_start"], text["trigger_end"]) == (577, 583)
    assert text["attributed_to"] == "Kyiv" and text["attributed_to_start"] == 554
    assert text["victims"] == ["nine people"] and text["attacker"] == [] and text["killed"] == 9
    flat = row(attack, "flat")
    assert flat["victims"] == "nine people" and flat["attacker"] == ""
    meeting = row(event_to_dict(sample_events()["Meeting"]), "flat")
    assert meeting["participants"] == f"Armenia{FLAT_SEPARATOR}Azerbaijan"
    assert row(attack, "full") == attack
    assert row({"type": "Meeting", "attributed_to": None})["attributed_to_start"] is None
    with pytest.raises(ValueError, match="spans must be one of"):
        row(attack, "json")


def test_records_take_results_records_and_dicts_alike() -> None:
    events = list(sample_events().values())
    dicts = [event_to_dict(e) for e in events]
    assert records(DocumentResult("d", events)) == dicts
    assert records([DocumentResult("a", events[:2]), DocumentResult("b", events[2:])]) == dicts
    assert records(events) == dicts == records(json.loads(json.dumps(dicts)))
    assert records(events[0]) == dicts[:1] and records(dicts[0]) == dicts[:1]
    assert records(DocumentResult("d", events), level="events") == []
    with pytest.raises(ValueError, match="level must be"):
        records(events, level="documents")


# ---------------------------------------------------------------------------- DataFrames
@needs_pandas
def test_to_dataframe_lists_roles_as_lists_and_counts_as_nullable_integers() -> None:
    frame = to_dataframe(DocumentResult("d", list(sample_events().values())))
    assert list(frame.columns) == column_order(frame.columns)
    assert len(frame) == 5 and list(frame["type"]) == ["Meeting", "Demand", "Attack", "Exchange", "Ceasefire"]
    attack = frame.iloc[2]
    assert attack["victims"] == ["nine people"] and attack["killed"] == 9
    assert str(frame["killed"].dtype) == "Int64" and str(frame["days"].dtype) == "Int64"
    assert frame.iloc[0]["victims"] is None, "a role the type lacks is None, not an empty list"
    assert frame.iloc[0]["participants"] == ["Armenia", "Azerbaijan"]


@needs_pandas
def test_to_dataframe_round_trips_in_the_full_form() -> None:
    events = list(sample_events().values())
    dicts = [json.loads(eventx.to_json(e)) for e in events]
    assert from_dataframe(to_dataframe(dicts, spans="full"), BY_NAME) == events
    with pytest.raises(ValueError, match="spans='full'"):
        from_dataframe(to_dataframe(events), BY_NAME)
    with pytest.raises(ValueError, match="unknown event type 'Ceasefire'"):
        from_dataframe(to_dataframe(events, spans="full"))


@needs_pandas
def test_flat_frames_write_the_csv_cells() -> None:
    frame = to_dataframe(list(sample_events().values()), spans="flat")
    csv_text = frame.to_csv(index=False)
    assert "Armenia | Azerbaijan" in csv_text
    assert not any(isinstance(v, list) for v in frame.to_numpy().ravel())


# ---------------------------------------------------------------------------- Parquet
def write_with_the_format(path: Path, events: list[eventx.Event]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = ParquetWriter(stream, TYPES)
        for event in events:
            writer.write(event)
        writer.close()


@needs_pyarrow
def test_parquet_round_trips_every_type(tmp_path: Path) -> None:
    events = list(sample_events().values())
    path = tmp_path / "events.parquet"
    write_with_the_format(path, events)
    assert read_parquet(path, BY_NAME) == events
    schema = arrow_schema(TYPES)
    assert schema.names == column_order(schema.names)
    assert str(schema.field("trigger").type).startswith("struct<text: string, start: int64")
    assert str(schema.field("killed").type) == "int64"


@needs_pyarrow
@needs_pandas
def test_parquet_read_with_pandas_gives_the_same_events(tmp_path: Path) -> None:
    import pandas as pd

    events = list(sample_events().values()) * 3
    path = tmp_path / "events.parquet"
    ParquetWriter.batch_size, saved = 4, ParquetWriter.batch_size  # several row groups
    try:
        write_with_the_format(path, events)
    finally:
        ParquetWriter.batch_size = saved
    assert from_dataframe(pd.read_parquet(path), BY_NAME) == events


@needs_pyarrow
def test_parquet_of_no_events_is_an_empty_table_with_the_columns(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "none.parquet"
    write_with_the_format(path, [])
    table = pq.read_table(path)
    assert table.num_rows == 0 and "victims" in table.column_names


@needs_pyarrow
def test_parquet_needs_a_binary_stream() -> None:
    with pytest.raises(TypeError, match="writes bytes"):
        ParquetWriter(io.StringIO(), TYPES)


@needs_pyarrow
def test_cli_extract_format_parquet(tmp_path: Path) -> None:
    out = tmp_path / "talks.parquet"
    args = ["extract", "--input-format", "conllu", str(FIXTURES / "talks.conllu")]
    done = CliRunner().invoke(main, [*args, "-f", "parquet", "-o", str(out)], prog_name="eventx")
    assert done.exit_code == 0, done.stderr
    lines = CliRunner().invoke(main, args, prog_name="eventx").stdout.splitlines()
    assert [eventx.to_json(e) for e in read_parquet(out)] == lines and lines


# ---------------------------------------------------------------------------- without the extra
def test_a_missing_extra_is_one_clear_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(TablesUnavailable, match=r"pip install 'eventx\[tables\]'"):
        to_dataframe([])
    args = ["extract", "--input-format", "conllu", str(FIXTURES / "talks.conllu"), "-f", "parquet"]
    done = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "x.parquet")], prog_name="eventx")
    assert done.exit_code == 1
    assert done.stderr == "eventx: eventx tables need pyarrow: pip install 'eventx[tables]'\n"


def test_importing_eventx_loads_neither_pandas_nor_pyarrow() -> None:
    code = (
        "import sys, eventx, eventx.cli, eventx.tables, eventx.views\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pandas', 'pyarrow')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"


@needs_pyarrow
def test_write_parquet_takes_results_records_or_dicts(tmp_path: Path) -> None:
    events = list(sample_events().values())
    path = tmp_path / "events.parquet"
    assert write_parquet(DocumentResult("d", events), path, TYPES) == 5
    assert read_parquet(path, BY_NAME) == events
    assert write_parquet([event_to_dict(e) for e in events[:4]], path) == 4
    assert read_parquet(path) == events[:4]
    with pytest.raises(ValueError, match="Ceasefire has field"):
        write_parquet(events, path)


@needs_pandas
def test_document_level_events_become_rows_at_the_events_level() -> None:
    from eventx.eventdata.records import DocumentEvent, MentionRef

    attack = sample_events()["Attack"]
    document_event = DocumentEvent(
        event_id="istanbul-talks-E4",
        type="Attack",
        doc_id="istanbul-talks",
        modality="asserted",
        attributed_to=(attack.attributed_to,),
        roles={"victims": attack.victims, "killed": 9},
        date="2025-05-17",
        mentions=(MentionRef(trigger=attack.trigger, sentence_index=3, modality="asserted"),),
    )
    result = DocumentResult("istanbul-talks", [attack], document_events=[document_event])
    frame = to_dataframe(result, level="events")
    (row_,) = frame.to_dict("records")
    assert list(frame.columns)[:3] == ["event_id", "type", "doc_id"]
    assert row_["attributed_to"] == ["Kyiv"] and row_["victims"] == ["nine people"] and row_["killed"] == 9
    assert row_["date"] == "2025-05-17" and row_["mentions"][0]["trigger"]["text"] == "killed"
    assert to_dataframe([document_event.to_dict()], level="events").equals(frame)
    assert len(to_dataframe(result)) == 1 and to_dataframe(result).iloc[0]["trigger"] == "killed"


def test_the_flat_form_writes_list_cells_as_the_csv_output_does() -> None:
    from eventx.outputs import join_spans, split_spans

    texts = ["the A | B coalition", "forces\\loyal"]
    meeting = event_to_dict(sample_events()["Meeting"])
    meeting["participants"] = [{"text": t, "start": 0, "end": len(t)} for t in texts]
    cell = row(meeting, "flat")["participants"]
    assert cell == join_spans(texts)
    assert split_spans(cell) == texts
