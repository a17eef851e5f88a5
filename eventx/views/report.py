"""``eventx show``: read inputs, extract (or read events already extracted), and build the page's views."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from attrs import define, field

from eventx.document import ParsedDocument
from eventx.inputs import InputItem, InputProblem, TextInput
from eventx.records import Event
from eventx.serialize import EventTypeError, event_from_dict
from eventx.views.model import DocumentView, document_events


@define
class ShowOutcome:
    """The views to render, and whether anything failed on the way (for the exit code)."""

    views: list[DocumentView] = field(factory=list)
    failed: bool = False


def readable(
    items: Iterable[InputItem], outcome: ShowOutcome, report: Callable[[str], None]
) -> Iterator[TextInput | ParsedDocument]:
    """The documents of the inputs (the extractor takes both kinds); problems are reported and skipped."""
    for item in items:
        if isinstance(item, InputProblem):
            report(f"eventx: {'' if item.fatal else 'warning: '}{item}")
            outcome.failed = outcome.failed or item.fatal
        else:
            yield item


def extracted_views(extractor: Any, items: Iterable[InputItem], report: Callable[[str], None]) -> ShowOutcome:
    """Extract from every readable input; one view per document, in input order."""
    outcome = ShowOutcome()
    texts: list[str] = []

    def documents() -> Iterator[TextInput | ParsedDocument]:
        for document in readable(items, outcome, report):
            texts.append(document.text)
            yield document

    for number, result in enumerate(extractor.results(documents())):
        if result.error:
            report(f"eventx: {result.error}")
            outcome.failed = True
        outcome.views.append(
            DocumentView(result.doc_id, texts[number], list(result.events), document_events(result), result.error)
        )
    return outcome


def stored_views(
    paths: Iterable[str],
    types: Mapping[str, type[Event]],
    items: Iterable[InputItem],
    report: Callable[[str], None],
) -> ShowOutcome:
    """Views of events read from JSON Lines, on the texts of the inputs (matched by ``doc_id``).

    A line is a mention, or a document-level event when it has a ``mentions`` list
    (``eventx extract --level events``).  Documents without events are shown too;
    events whose document is not among the inputs are shown without text.
    """
    mentions: dict[str, list[Event]] = {}
    events: dict[str, list[dict[str, Any]]] = {}
    for path in paths:
        with open(path, encoding="utf-8") as stream:
            for number, line in enumerate(stream, start=1):
                try:
                    data = _json_line(line)
                    if data is not None and isinstance(data.get("mentions"), list):
                        events.setdefault(str(data.get("doc_id", "")), []).append(data)
                    elif data is not None:
                        event = event_from_dict(data, types)
                        mentions.setdefault(event.doc_id, []).append(event)
                except EventTypeError as exc:
                    raise EventTypeError(f"{path}:{number}: {exc}") from exc
    outcome = ShowOutcome()
    for document in readable(items, outcome, report):
        doc_id = document.doc_id
        outcome.views.append(DocumentView(doc_id, document.text, mentions.pop(doc_id, []), events.pop(doc_id, [])))
    for doc_id in dict.fromkeys([*mentions, *events]):
        report(f"eventx: warning: events of {doc_id!r} shown without text (no input has that document id)")
        outcome.views.append(DocumentView(doc_id, None, mentions.get(doc_id, []), events.get(doc_id, [])))
    return outcome


def _json_line(line: str) -> dict[str, Any] | None:
    if not line.strip():
        return None
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise EventTypeError(f"not JSON ({exc.msg})") from exc
    if not isinstance(data, dict):
        raise EventTypeError("not a JSON object")
    return data
