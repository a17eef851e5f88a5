"""The Arrest plugin on parsed news sentences (tests/arrests.conllu), through eventx.testing: no Stanza, no torch."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import eventx_arrest

from eventx import Event
from eventx.testing import assert_events

ARRESTS = Path(__file__).with_name("arrests.conllu")
Run = Callable[..., list[Event]]


def sentence(events: list[Event], index: int) -> list[Event]:
    return [e for e in events if e.sentence_index == index]


def test_agent_detainee_count_place_time_and_source(eventx_run: Run) -> None:
    events = eventx_run(eventx_arrest, ARRESTS)
    assert_events(
        sentence(events, 0),
        [
            {
                "type": "Arrest",
                "trigger": "arrested",
                "agent": ["Police"],
                "detainee": ["12 journalists"],
                "count": 12,
                "location": ["Istanbul"],
                "time": ["Friday"],
                "modality": "asserted",
                "attributed_to": "Amnesty International",
            }
        ],
    )


def test_no_journalists_were_arrested_is_negated(eventx_run: Run) -> None:
    events = eventx_run(eventx_arrest, ARRESTS)
    assert_events(sentence(events, 1), [{"trigger": "arrested", "detainee": ["No journalists"], "modality": "negated"}])


def test_multi_word_triggers(eventx_run: Run) -> None:
    events = eventx_run(eventx_arrest, ARRESTS)
    assert_events(
        sentence(events, 2),
        [
            {
                "trigger": "rounded up",
                "agent": ["Security forces"],
                "detainee": ["40 protesters"],
                "count": 40,
                "location": ["Tehran"],
            }
        ],
    )
    assert_events(
        sentence(events, 3),
        [
            {
                "trigger": "taken into custody",
                "agent": ["soldiers"],
                "detainee": ["Three activists"],
                "count": 3,
                "time": ["Monday"],
            }
        ],
    )


def test_passive_and_possessive(eventx_run: Run) -> None:
    events = eventx_run(eventx_arrest, ARRESTS)
    assert_events(
        sentence(events, 4),
        [
            {
                "trigger": "detained",
                "agent": [],
                "detainee": ["Two opposition leaders"],
                "count": 2,
                "location": ["Minsk"],
            }
        ],
    )
    assert_events(
        sentence(events, 5),
        [
            {
                "trigger": "detained",
                "agent": ["The authorities"],
                "detainee": ["the journalist's brother"],
                "count": None,
                "time": ["last week"],
            }
        ],
    )
