"""Merging events that two extractors found on the same trigger.

Registered as the core's own ``process_events`` implementation: events of
one type whose triggers overlap become one event that keeps every role either
filled.  Block it with ``--block-plugin eventx.merge``.
"""

from __future__ import annotations

from typing import Any

import attrs

from eventx.document import ParsedDocument
from eventx.hookspecs import hookimpl
from eventx.records import Event, Span, roles


def merge_pair(first: Event, second: Event) -> Event:
    """One event with ``first``'s shared fields and the union of both events' roles.

    Span roles keep ``first``'s spans and add those of ``second`` that overlap
    none of them; counts keep ``first``'s value unless it is None.
    """
    changes: dict[str, Any] = {}
    for role, kind in roles(type(first)).items():
        mine, theirs = getattr(first, role), getattr(second, role)
        if kind == "span":
            merged: list[Span] = list(mine)
            merged += [s for s in theirs if all(not s.overlaps(m) for m in merged)]
            changes[role] = tuple(merged)
        elif mine is None:
            changes[role] = theirs
    if first.attributed_to is None and second.attributed_to is not None:
        changes["attributed_to"] = second.attributed_to
    if first.modality == "asserted" and second.modality != "asserted":
        changes["modality"] = second.modality
    names = sorted(set(first.extractor.split("+")) | set(second.extractor.split("+")))
    changes["extractor"] = "+".join(n for n in names if n)
    changes["confidence"] = max(first.confidence, second.confidence)
    return attrs.evolve(first, **changes)


def merge_same_trigger(events: list[Event]) -> list[Event]:
    """Merge events of the same type and document whose triggers overlap."""
    out: list[Event] = []
    for event in sorted(events, key=lambda e: -e.confidence):
        for i, kept in enumerate(out):
            if type(kept) is type(event) and kept.doc_id == event.doc_id and kept.trigger.overlaps(event.trigger):
                out[i] = merge_pair(kept, event)
                break
        else:
            out.append(event)
    return sorted(out, key=lambda e: (e.trigger.start, e.type))


@hookimpl(trylast=True)
def process_events(events: list[Event], document: ParsedDocument) -> list[Event]:
    return merge_same_trigger(events)
