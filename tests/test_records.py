from __future__ import annotations

from typing import ClassVar

import attrs
import pytest
from helpers import Ceasefire, sample_events, span

from eventx import MODALITIES, Attack, Demand, Event, Exchange, Meeting, Span, count_role, roles, span_role
from eventx.records import CORE_TYPES, event_type_problem, is_event_type

TRIGGER = Span(text="killed", start=10, end=16)


def test_span_fields_and_overlap() -> None:
    a = Span(text="nine people", start=0, end=11)
    assert (a.text, a.start, a.end, a.normalized) == ("nine people", 0, 11, None)
    assert a.overlaps(Span(text="people", start=5, end=11))
    assert not a.overlaps(Span(text="in", start=11, end=13)), "touching spans share no character"
    assert Span(text="", start=3, end=3).end == 3  # empty span is allowed


@pytest.mark.parametrize(
    "kwargs",
    [
        {"text": "x", "start": -1, "end": 1},
        {"text": "x", "start": 5, "end": 4},
        {"text": 3, "start": 0, "end": 1},
        {"text": "x", "start": 0.0, "end": 1},
        {"text": "x", "start": 0, "end": 1, "normalized": 5},
    ],
)
def test_span_validation(kwargs: dict[str, object]) -> None:
    with pytest.raises((ValueError, TypeError)):
        Span(**kwargs)  # type: ignore[arg-type]


def test_end_before_start_message() -> None:
    with pytest.raises(ValueError, match="span end 4 is before its start 5"):
        Span(text="x", start=5, end=4)


def test_records_are_frozen_and_keyword_only() -> None:
    event = Attack(trigger=TRIGGER, killed=2)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        event.killed = 3  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        TRIGGER.start = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        Attack(TRIGGER)  # type: ignore[misc]


def test_defaults() -> None:
    event = Meeting(trigger=TRIGGER)
    assert event.doc_id == "" and event.sentence_index == 0 and event.modality == "asserted"
    assert event.attributed_to is None and event.extractor == "" and event.confidence == 1.0
    assert event.participants == () and event.location == () and event.time == ()
    assert Attack(trigger=TRIGGER).killed is None


def test_trigger_is_required() -> None:
    with pytest.raises(TypeError):
        Meeting()  # type: ignore[call-arg]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"killed": -1},
        {"injured": -5},
        {"killed": "nine"},
        {"killed": 1.5},
        {"modality": "maybe"},
        {"modality": "Asserted"},
        {"confidence": 1.5},
        {"confidence": -0.1},
        {"sentence_index": -1},
        {"doc_id": 7},
        {"attributed_to": "Kyiv"},
        {"victims": ["nine people"]},
        {"trigger": "killed"},
    ],
)
def test_validation_errors(kwargs: dict[str, object]) -> None:
    args: dict[str, object] = {"trigger": TRIGGER, **kwargs}
    with pytest.raises((ValueError, TypeError)):
        Attack(**args)  # type: ignore[arg-type]


def test_negative_quantity_refused() -> None:
    with pytest.raises(ValueError):
        Exchange(trigger=TRIGGER, quantity=-2)


def test_every_modality_accepted() -> None:
    assert MODALITIES == ("asserted", "negated", "hypothetical", "planned", "requested")
    for modality in MODALITIES:
        assert Demand(trigger=TRIGGER, modality=modality).modality == modality


def test_span_roles_become_tuples_and_confidence_a_float() -> None:
    event = Meeting(trigger=TRIGGER, participants=[span("Kyiv", 0)], confidence=1)
    assert event.participants == (span("Kyiv", 0),)
    assert isinstance(event.confidence, float)
    assert hash(event) == hash(Meeting(trigger=TRIGGER, participants=(span("Kyiv", 0),)))


def test_roles_of_core_types() -> None:
    assert roles(Meeting) == {"participants": "span", "location": "span", "time": "span"}
    assert roles(Demand) == {"demander": "span", "addressee": "span", "content": "span", "territory": "span"}
    assert roles(Attack) == {
        "attacker": "span",
        "target": "span",
        "victims": "span",
        "location": "span",
        "time": "span",
        "instrument": "span",
        "killed": "count",
        "injured": "count",
    }
    assert roles(Exchange) == {"parties": "span", "items": "span", "quantity": "count"}
    assert roles(Ceasefire) == {"parties": "span", "days": "count"}
    assert roles(Event) == {}


def test_type_names() -> None:
    assert [t.type for t in CORE_TYPES] == ["Meeting", "Demand", "Attack", "Exchange"]
    assert {name: type(e).type for name, e in sample_events().items()} == {n: n for n in sample_events()}


def test_is_event_type() -> None:
    assert all(is_event_type(t) for t in CORE_TYPES)
    assert is_event_type(Ceasefire)
    assert not is_event_type(Event)
    assert not is_event_type(Span)
    assert not is_event_type(Meeting(trigger=TRIGGER))

    @attrs.define(frozen=True, kw_only=True)
    class Nameless(Event):  # inherits "Event" but names no type of its own
        pass

    assert not is_event_type(Nameless)


def test_event_type_problem_names_the_condition() -> None:
    class Plain(Event):  # not decorated: inherits Event's attrs fields only
        type: ClassVar[str] = "Plain"

    @attrs.define(kw_only=True)
    class NotFrozen:
        type: ClassVar[str] = "NotFrozen"

    @attrs.define(frozen=True)
    class Positional(Event):
        type: ClassVar[str] = "Positional"
        target: tuple[Span, ...] = span_role()

    @attrs.define(frozen=True, kw_only=True)
    class PlainField(Event):
        type: ClassVar[str] = "PlainField"
        note: str = ""
        count: int | None = count_role()

    assert event_type_problem(Ceasefire) is None
    assert event_type_problem(NotFrozen) == "is not a subclass of eventx.Event"
    assert "is not an attrs class" in str(event_type_problem(Plain))
    assert "is not kw_only (field(s) target)" in str(event_type_problem(Positional))
    assert event_type_problem(PlainField) == "field(s) note are neither a span_role() nor a count_role()"


def test_a_string_in_a_span_role_names_the_role_and_the_value() -> None:
    with pytest.raises(TypeError, match=r"Attack.attacker is a span role: it takes eventx.Span objects, not 'Police'"):
        Attack(trigger=TRIGGER, attacker="Police")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"not 'Police' \(str\)"):
        Attack(trigger=TRIGGER, attacker=["Police"])  # type: ignore[list-item]
    assert Attack(trigger=TRIGGER, attacker=TRIGGER).attacker == (TRIGGER,), "a lone span is one span"
