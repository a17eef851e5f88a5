"""What a page shows of one document: its text, mentions and document-level events, looked up on a result."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
from attrs import define, field

from eventx.records import Event, roles
from eventx.serialize import event_to_dict


@define
class DocumentView:
    """One document as the page shows it.

    ``text`` is None when the result does not carry its text and none was given:
    the page then shows the tables only.  ``events`` are document-level events as
    JSON-ready dicts (empty when the result carries none).
    """

    doc_id: str
    text: str | None
    mentions: list[Event] = field(factory=list)
    events: list[dict[str, Any]] = field(factory=list)
    error: str | None = None

    def type_counts(self) -> dict[str, int]:
        """Mentions per event type, in order of first appearance."""
        counts: dict[str, int] = {}
        for mention in self.mentions:
            counts[mention.type] = counts.get(mention.type, 0) + 1
        return counts


def views_of(results: Any, text: str | None = None, texts: Mapping[str, str] | None = None) -> list[DocumentView]:
    """The views of one result or of an iterable of results.

    A result is anything with ``doc_id`` and ``events`` (a :class:`eventx.DocumentResult`).
    Its text is, in order: ``text`` (one result only), ``texts[doc_id]``, the result's
    own ``text``, or the text of its ``document``.
    """
    items: Sequence[Any] = [results] if _is_result(results) else list(results)
    if text is not None and len(items) != 1:
        raise ValueError("text= is for one result; pass texts={doc_id: text} for several")
    views = []
    for item in items:
        if not _is_result(item):
            raise TypeError(f"expected a document result (with doc_id and events), got {type(item).__name__}")
        known = text if text is not None else (texts or {}).get(item.doc_id)
        views.append(
            DocumentView(
                doc_id=str(item.doc_id),
                text=known if known is not None else _own_text(item),
                mentions=list(item.events),
                events=document_events(item),
                error=getattr(item, "error", None),
            )
        )
    return views


def _is_result(obj: Any) -> bool:
    return hasattr(obj, "doc_id") and hasattr(obj, "events") and not isinstance(obj, Event)


def _own_text(result: Any) -> str | None:
    for candidate in (getattr(result, "text", None), getattr(getattr(result, "document", None), "text", None)):
        if isinstance(candidate, str):
            return candidate
    return None


# Where a result may carry its document-level events (the event-data work names the attribute).
DOCUMENT_EVENT_ATTRIBUTES = ("document_events", "doc_events")


def document_events(result: Any) -> list[dict[str, Any]]:
    """A result's document-level events as JSON-ready dicts (empty when it has none)."""
    for name in DOCUMENT_EVENT_ATTRIBUTES:
        found = getattr(result, name, None)
        if found:
            return [as_dict(item) for item in found]
    return []


def as_dict(item: Any) -> dict[str, Any]:
    """An event record, a record with ``to_dict()`` (a document-level event), an attrs record or a mapping."""
    if isinstance(item, Event):
        return event_to_dict(item)
    if isinstance(item, Mapping):
        return dict(item)
    if callable(getattr(item, "to_dict", None)):
        return dict(item.to_dict())
    if attrs.has(type(item)):
        return attrs.asdict(item)
    raise TypeError(f"expected an event record or a dict, got {type(item).__name__}")


def span_roles(event: Event) -> list[tuple[str, tuple[Any, ...]]]:
    """The event's non-empty span roles, in declaration order."""
    return [
        (name, getattr(event, name))
        for name, kind in roles(type(event)).items()
        if kind == "span" and getattr(event, name)
    ]


def count_roles(event: Event) -> list[tuple[str, int]]:
    """The event's stated counts, in declaration order."""
    return [
        (name, getattr(event, name))
        for name, kind in roles(type(event)).items()
        if kind == "count" and getattr(event, name) is not None
    ]


def type_totals(views: Iterable[DocumentView]) -> dict[str, int]:
    """Mentions per type over several documents, in order of first appearance."""
    totals: dict[str, int] = {}
    for view in views:
        for name, count in view.type_counts().items():
            totals[name] = totals.get(name, 0) + count
    return totals
