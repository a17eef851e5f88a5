"""eventx-arrest: Arrest events ("Police arrested 12 journalists in Istanbul"), declared with eventx.rules."""

from collections.abc import Callable
from typing import ClassVar

import attrs

from eventx import Event, ExtractorSpec, Span, count_role, hookimpl, span_role
from eventx.rules import CountOf, EventPattern, Lexicon, Object, Subject


@attrs.define(frozen=True, kw_only=True)
class Arrest(Event):
    """An arrest, detention or round-up of people."""

    type: ClassVar[str] = "Arrest"
    description: ClassVar[str] = "arrests, detentions and round-ups"

    agent: tuple[Span, ...] = span_role(doc="who makes the arrest")
    detainee: tuple[Span, ...] = span_role(doc="who is arrested")
    location: tuple[Span, ...] = span_role(doc="where")
    time: tuple[Span, ...] = span_role(doc="when")
    count: int | None = count_role(doc="how many people were arrested, where stated")


# Modality, source, location and time are filled by the shared rules.
ROLES = {"agent": Subject(), "detainee": Object(), "count": CountOf("detainee")}
ARRESTS = EventPattern(Arrest, Lexicon("eventx_arrest"), "triggers", roles=ROLES)


@hookimpl
def register_event_types(register: Callable[[type[Event]], None]) -> None:
    register(Arrest)


@hookimpl
def register_extractors(register: Callable[[ExtractorSpec], None]) -> None:
    register(ARRESTS.spec("arrest", "Arrest events: arrests, detentions, round-ups"))
