from __future__ import annotations

import io
import json
from typing import Any

import jsonschema
import pytest
from helpers import ISSUE_LINE, Ceasefire, sample_events
from hypothesis import given
from hypothesis import strategies as st

from eventx import (
    Attack,
    Event,
    EventTypeError,
    Span,
    event_from_dict,
    event_to_dict,
    from_json,
    read_jsonl,
    roles,
    to_json,
    write_jsonl,
)
from eventx.records import CORE_TYPES, MODALITIES
from eventx.serialize import json_schema

TYPES: dict[str, type[Event]] = {t.type: t for t in (*CORE_TYPES, Ceasefire)}
BASE_KEYS = ["type", "doc_id", "sentence_index", "trigger", "modality", "attributed_to", "extractor", "confidence"]


# ---------------------------------------------------------------------------- the output contract
def test_issue_example_line_round_trips_byte_for_byte() -> None:
    event = from_json(ISSUE_LINE)
    assert isinstance(event, Attack)
    assert event.killed == 9 and event.injured is None
    assert event.victims == (Span(text="nine people", start=560, end=571),)
    assert to_json(event) == ISSUE_LINE


@pytest.mark.parametrize("name", list(TYPES))
def test_key_order_is_type_then_shared_fields_then_roles(name: str) -> None:
    event = sample_events()[name]
    data = json.loads(to_json(event))
    assert list(data) == BASE_KEYS + list(roles(type(event)))
    assert data["type"] == name


def test_wire_shape_of_values() -> None:
    data = event_to_dict(sample_events()["Meeting"])
    assert data["trigger"] == {"text": "Talks", "start": 0, "end": 5}, "normalized is left out when unset"
    assert data["participants"][1] == {"text": "Azerbaijan", "start": 26, "end": 36, "normalized": "AZE"}
    assert data["attributed_to"] == {"text": "the ministry", "start": 70, "end": 82}
    assert isinstance(data["participants"], list) and isinstance(data["confidence"], float)
    attack = event_to_dict(Attack(trigger=Span(text="x", start=0, end=1)))
    assert attack["attributed_to"] is None and attack["killed"] is None and attack["victims"] == []


def test_to_json_is_one_line_and_keeps_non_ascii() -> None:
    event = Attack(trigger=Span(text="обстріл\nx", start=0, end=9))
    line = to_json(event)
    assert "\n" not in line and "обстріл" in line
    assert from_json(line) == event


# ---------------------------------------------------------------------------- round trips
@pytest.mark.parametrize("name", list(TYPES))
def test_round_trip_json_record_json(name: str) -> None:
    line = to_json(sample_events()[name])
    record = from_json(line, TYPES)
    assert record == sample_events()[name]
    assert to_json(record) == line
    assert event_from_dict(json.loads(line), TYPES) == record


def test_jsonl_stream_round_trip() -> None:
    events = list(sample_events().values())
    buffer = io.StringIO()
    assert write_jsonl(events, buffer) == len(events)
    text = buffer.getvalue()
    assert text.count("\n") == len(events)
    back = list(read_jsonl(io.StringIO(text.replace("\n", "\n\n")), TYPES))  # blank lines are skipped
    assert back == events


def test_read_jsonl_names_the_bad_line() -> None:
    text = ISSUE_LINE + "\n" + '{"type": "Riot"}\n'
    with pytest.raises(EventTypeError, match="line 2: unknown event type 'Riot'"):
        list(read_jsonl(io.StringIO(text)))
    with pytest.raises(EventTypeError, match="line 1"):
        list(read_jsonl(io.StringIO("{not json\n")))


# ---------------------------------------------------------------------------- errors
def _issue_dict() -> dict[str, Any]:
    return json.loads(ISSUE_LINE)


def test_unknown_type() -> None:
    with pytest.raises(EventTypeError, match=r"unknown event type 'Riot'; known: Attack, Demand, Exchange, Meeting"):
        event_from_dict({**_issue_dict(), "type": "Riot"})
    with pytest.raises(EventTypeError, match="unknown event type None"):
        event_from_dict({k: v for k, v in _issue_dict().items() if k != "type"})
    with pytest.raises(EventTypeError, match="unknown event type 'Ceasefire'"):
        from_json(to_json(sample_events()["Ceasefire"]))  # not known without its plugin's types


def test_unknown_field_is_an_error() -> None:
    with pytest.raises(EventTypeError, match="Attack has no field"):
        event_from_dict({**_issue_dict(), "victim": []})
    with pytest.raises(EventTypeError, match=r"no field\(s\) participants"):
        event_from_dict({**_issue_dict(), "participants": []})


def test_unknown_span_key_is_an_error() -> None:
    data = _issue_dict()
    data["trigger"] = {**data["trigger"], "normalised": "kill"}
    with pytest.raises(EventTypeError, match="normalised"):
        event_from_dict(data)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"killed": -1}, "killed"),
        ({"killed": 9.5}, "killed"),
        ({"killed": "9"}, "killed"),
        ({"killed": True}, "killed"),
        ({"sentence_index": "3"}, "sentence_index"),
        ({"doc_id": 5}, "doc_id"),
        ({"confidence": "0.9"}, "confidence"),
        ({"confidence": 2}, "confidence"),
        ({"modality": "maybe"}, "modality"),
        ({"trigger": {"text": "killed", "start": 583, "end": 577}}, "before its start"),
        ({"trigger": {"text": "killed", "start": "577", "end": 583}}, "trigger.start"),
        ({"trigger": {"text": "killed"}}, "trigger.start"),
        ({"victims": "nine people"}, "victims"),
    ],
)
def test_invalid_values_are_refused_not_coerced(change: dict[str, Any], where: str) -> None:
    with pytest.raises(EventTypeError, match="invalid Attack event") as info:
        event_from_dict({**_issue_dict(), **change})
    assert where in str(info.value)


def test_missing_trigger() -> None:
    data = _issue_dict()
    del data["trigger"]
    with pytest.raises(EventTypeError, match=r"required field missing @ \$\.trigger"):
        event_from_dict(data)


def test_missing_optional_fields_take_defaults() -> None:
    event = event_from_dict({"type": "Meeting", "trigger": {"text": "met", "start": 0, "end": 3}})
    assert event == event_from_dict(event_to_dict(event))
    assert event.modality == "asserted" and event.confidence == 1.0


# ---------------------------------------------------------------------------- JSON Schema
@pytest.mark.parametrize("name", list(TYPES))
def test_json_schema_validates_real_events(name: str) -> None:
    schema = json_schema(TYPES[name])
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    data = event_to_dict(sample_events()[name])
    validator.validate(data)
    assert schema["required"] == list(data)
    assert schema["title"] == name and schema["description"]


def test_json_schema_rejects_broken_events() -> None:
    validator = jsonschema.Draft202012Validator(json_schema(Attack))
    good = _issue_dict()
    validator.validate(good)
    for bad in (
        {**good, "type": "Meeting"},
        {**good, "killed": -1},
        {**good, "modality": "maybe"},
        {**good, "extra": 1},
        {k: v for k, v in good.items() if k != "injured"},
        {**good, "victims": [{"text": "x", "start": 0}]},
    ):
        assert not validator.is_valid(bad), bad


def test_json_schema_of_an_undocumented_plugin_type() -> None:
    import attrs

    from eventx import span_role

    @attrs.define(frozen=True, kw_only=True)
    class Bare(Event):
        type = "Bare"
        things: tuple[Span, ...] = span_role()

    Bare.__doc__ = None
    schema = json_schema(Bare)
    assert schema["description"] == ""
    assert schema["properties"]["things"]["type"] == "array"


# ---------------------------------------------------------------------------- property test
def spans() -> st.SearchStrategy[Span]:
    return st.builds(
        lambda text, start, length, normalized: Span(text=text, start=start, end=start + length, normalized=normalized),
        st.text(max_size=20),
        st.integers(0, 10**7),
        st.integers(0, 500),
        st.none() | st.text(min_size=1, max_size=10),
    )


@st.composite
def events(draw: st.DrawFn) -> Event:
    cls = draw(st.sampled_from(list(TYPES.values())))
    kwargs: dict[str, Any] = {
        "doc_id": draw(st.text(max_size=20)),
        "sentence_index": draw(st.integers(0, 10**6)),
        "trigger": draw(spans()),
        "modality": draw(st.sampled_from(MODALITIES)),
        "attributed_to": draw(st.none() | spans()),
        "extractor": draw(st.text(max_size=20)),
        "confidence": draw(st.floats(0.0, 1.0, allow_nan=False)),
    }
    for role, kind in roles(cls).items():
        values = st.lists(spans(), max_size=3) if kind == "span" else st.none() | st.integers(0, 10**12)
        kwargs[role] = draw(values)
    return cls(**kwargs)


@given(events())
def test_round_trip_property(event: Event) -> None:
    line = to_json(event)
    back = from_json(line, TYPES)
    assert back == event
    assert to_json(back) == line
    assert list(json.loads(line)) == BASE_KEYS + list(roles(type(event)))
