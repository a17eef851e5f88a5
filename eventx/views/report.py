"""``eventx show``: read inputs, extract (or read events already extracted), and build the page's views."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, Any

from attrs import define, field

from eventx.document import ParsedDocument
from eventx.inputs import InputItem, InputProblem, TextInput
from eventx.records import Event
from eventx.serialize import read_jsonl
from eventx.views.model import DocumentView, document_events


@define
class ShowOutcome:
    """The views to render, and whether anything failed on the way (for the exit code)."""

    views: list[DocumentView] = field(factory=list)
    failed: bool = False


def readable(items: Iterable[InputItem], outcome: ShowOutcome, report: Callable[[str], None]) -> Iterator[Any]:
    """The documents of the inputs, as the extractor takes them; problems are reported and skipped."""
    for item in items:
        if isinstance(item, InputProblem):
            report(f"eventx: {'' if item.fatal else 'warning: '}{item}")
            outcome.failed = outcome.failed or item.fatal
        elif isinstance(item, TextInput):
            yield (item.doc_id, item.text)
        else:
            yield item


def extracted_views(extractor: Any, items: Iterable[InputItem], report: Callable[[str], None]) -> ShowOutcome:
    """Extract from every readable input; one view per document, in input order."""
    outcome = ShowOutcome()
    texts: list[str] = []

    def documents() -> Iterator[Any]:
        for document in readable(items, outcome, report):
            texts.append(document.text if isinstance(document, ParsedDocument) else document[1])
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
    stream: IO[str],
    types: Mapping[str, type[Event]],
    items: Iterable[InputItem],
    report: Callable[[str], None],
) -> ShowOutcome:
    """Views of events read from JSON Lines, on the texts of the inputs (matched by ``doc_id``).

    Documents without events are shown too; events whose document is not among the
    inputs are shown without text.
    """
    by_doc: dict[str, list[Event]] = {}
    for event in read_jsonl(stream, types):
        by_doc.setdefault(event.doc_id, []).append(event)
    outcome = ShowOutcome()
    for document in readable(items, outcome, report):
        doc_id, text = (document.doc_id, document.text) if isinstance(document, ParsedDocument) else document
        outcome.views.append(DocumentView(doc_id, text, by_doc.pop(doc_id, [])))
    for doc_id, events in by_doc.items():
        report(f"eventx: warning: events of {doc_id!r} shown without text (no input has that document id)")
        outcome.views.append(DocumentView(doc_id, None, events))
    return outcome
