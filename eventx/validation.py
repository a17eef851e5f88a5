"""Checking what plugins return: every event must fit the document it came from.

The core never trusts an event a plugin returns.  :func:`event_problem` is the
one check, applied by the plugin manager to every event an extractor yields
and to every list a ``process_events`` hook returns, so it holds the same way
in a serial run, with ``--workers N`` and through the Python API.  An event
that fails it is a failure of the plugin that returned it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from eventx.records import Event, Span, roles

if TYPE_CHECKING:
    from eventx.document import ParsedDocument


class InvalidEventError(ValueError):
    """A plugin returned an event that does not fit its document; the message says why."""


def _spans(event: Event) -> Iterator[tuple[str, Span]]:
    yield "trigger", event.trigger
    if event.attributed_to is not None:
        yield "attributed_to", event.attributed_to
    for role, kind in roles(type(event)).items():
        if kind == "span":
            for span in getattr(event, role):
                yield role, span


def span_problem(span: Span, text: str) -> str | None:
    """Why ``span`` does not point at ``text``, or None when ``text[start:end] == span.text``."""
    if not 0 <= span.start <= span.end <= len(text):
        return f"offsets {span.start}-{span.end} lie outside the document ({len(text)} characters)"
    found = text[span.start : span.end]
    if found != span.text:
        return f"text {_short(span.text)} does not match the document at {span.start}-{span.end} ({_short(found)})"
    return None


def _short(value: str, limit: int = 40) -> str:
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")


def event_problem(event: object, document: ParsedDocument, event_types: Mapping[str, type[Event]]) -> str | None:
    """Why ``event`` is not a valid event of ``document``, or None.

    Checks: it is an :class:`Event`; its type is registered (as this very
    class); it belongs to this document; its ``sentence_index`` names one of
    the document's sentences (when the document has a parse); every span (trigger, source, span roles) lies
    inside the document text and its ``text`` is the text at its offsets.
    """
    if not isinstance(event, Event):
        return f"not an event: {_short(repr(event))}"
    registered = event_types.get(event.type)
    if registered is not type(event):
        if registered is None:
            return f"event type {event.type!r} is not registered (register it with register_event_types)"
        return f"event class {type(event).__qualname__} is not the registered class of type {event.type!r}"
    if event.doc_id and event.doc_id != document.doc_id:
        return f"{event.type} event names document {event.doc_id!r}, not {document.doc_id!r}"
    sentences = len(document.sentences) if document.stanza is not None else None  # None: a text without a parse
    if sentences is not None and event.sentence_index >= sentences:
        return f"{event.type} event has sentence_index {event.sentence_index}; the document has {sentences} sentences"
    for role, span in _spans(event):
        problem = span_problem(span, document.text)
        if problem is not None:
            return f"{event.type} event {role}: {problem}"
    return None


def check_events(
    events: Iterable[object],
    document: ParsedDocument,
    event_types: Mapping[str, type[Event]],
    *,
    valid: Iterable[Event] = (),
) -> list[Event]:
    """``events`` as a list when every one is valid; else :class:`InvalidEventError` for the first bad one.

    Events that are ``valid`` ones themselves (the same objects, already checked against this
    document; records are frozen) are not checked again.
    """
    known = {id(event) for event in valid}
    checked: list[Event] = []
    for event in events:
        problem = None if id(event) in known else event_problem(event, document, event_types)
        if problem is not None:
            raise InvalidEventError(problem)
        assert isinstance(event, Event)
        checked.append(event)
    return checked
