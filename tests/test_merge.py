from __future__ import annotations

from helpers import span

from eventx import Attack, Exchange, Meeting, Span
from eventx.merge import merge_pair, merge_same_trigger

TRIGGER = span("killed", 10)


def test_merge_keeps_every_role_either_event_filled() -> None:
    first = Attack(
        doc_id="d",
        trigger=TRIGGER,
        extractor="casualties",
        confidence=0.9,
        attacker=[span("rebels", 0)],
        killed=9,
        location=[span("in the north", 30)],
    )
    second = Attack(
        doc_id="d",
        trigger=Span(text="kill", start=10, end=14),
        extractor="territory",
        confidence=0.6,
        victims=[span("nine people", 17)],
        injured=4,
        killed=7,
        modality="hypothetical",
        attributed_to=span("Kyiv", 50),
        location=[span("the north", 33), span("Kharkiv", 60)],
    )
    for merged in (merge_same_trigger([first, second]), merge_same_trigger([second, first])):
        assert len(merged) == 1
        event = merged[0]
        assert event.trigger == TRIGGER, "the more confident event's shared fields win"
        assert event.attacker == (span("rebels", 0),)
        assert event.victims == (span("nine people", 17),)
        assert event.location == (span("in the north", 30), span("Kharkiv", 60)), "overlapping spans are not doubled"
        assert event.killed == 9 and event.injured == 4
        assert event.modality == "hypothetical" and event.attributed_to == span("Kyiv", 50)
        assert event.extractor == "casualties+territory" and event.confidence == 0.9


def test_merge_pair_prefers_first_counts() -> None:
    a = Exchange(trigger=TRIGGER, quantity=None)
    b = Exchange(trigger=TRIGGER, quantity=50)
    assert merge_pair(a, b).quantity == 50
    assert merge_pair(b, Exchange(trigger=TRIGGER, quantity=3)).quantity == 50


def test_merge_pair_keeps_first_non_asserted_modality() -> None:
    a = Meeting(trigger=TRIGGER, modality="negated")
    assert merge_pair(a, Meeting(trigger=TRIGGER, modality="planned")).modality == "negated"


def test_no_merge_across_types_documents_or_distinct_triggers() -> None:
    events = [
        Attack(doc_id="d", trigger=TRIGGER),
        Meeting(doc_id="d", trigger=TRIGGER),
        Attack(doc_id="other", trigger=TRIGGER),
        Attack(doc_id="d", trigger=span("shelled", 16)),  # starts where TRIGGER ends: no overlap
    ]
    merged = merge_same_trigger(events)
    assert len(merged) == 4
    assert [e.trigger.start for e in merged] == sorted(e.trigger.start for e in merged)


def test_three_way_merge_and_extractor_names() -> None:
    events = [Attack(trigger=TRIGGER, extractor=name, killed=k) for name, k in (("b", None), ("a+c", None), ("a", 2))]
    (event,) = merge_same_trigger(events)
    assert event.extractor == "a+b+c" and event.killed == 2
