"""Document resolution: the one call the run loop makes after extraction.

:func:`resolve_document` annotates a document's mentions (actors, places, times),
groups them into document-level events, and gives each mention its ``event_id``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from eventx.eventdata.actors import actor_fields
from eventx.eventdata.codes import event_codes
from eventx.eventdata.dates import DocumentDate, TimeValue, best_time, document_date, resolve_time
from eventx.eventdata.grouping import group_mentions
from eventx.eventdata.places import gazetteer
from eventx.eventdata.records import DocumentEvent, MentionRef
from eventx.records import Event, Place, Span, roles

# Role names by what they hold; a plugin type adds its own with ``eventdata_roles = {"imposer": "actor"}``.
ACTOR_ROLES = frozenset({"attacker", "participants", "demander", "addressee", "parties", "victims"})
PLACE_ROLES = frozenset({"location", "territory"})
TIME_ROLES = frozenset({"time"})
_DEFAULT_KINDS = (("actor", ACTOR_ROLES), ("place", PLACE_ROLES), ("time", TIME_ROLES))
_YEAR_AFTER = re.compile(r",?\s+(?:of\s+)?(\d{4})\b")
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?(?:[\w-]+\s+){0,6}$", re.I)
_PRECISION_RANK = {"city": 0, "admin1": 1, "region": 2, "country": 3}
_MODALITY_RANK = {"asserted": 0, "planned": 1, "requested": 2, "hypothetical": 3, "negated": 4}


def resolve_document(
    parsed_doc: Any,
    mentions: Sequence[Event],
    doc_date: DocumentDate | str | None = None,
    *,
    id_prefix: str | None = None,
) -> tuple[list[Event], list[DocumentEvent]]:
    """Annotated mentions (with ``event_id``) and the document's events.

    ``parsed_doc`` is a :class:`~eventx.ParsedDocument` (or anything with ``text`` and
    ``doc_id``); ``doc_date`` the date given with the input (``YYYY-MM-DD``), else the
    dateline decides.  ``id_prefix`` (default the doc id) starts every ``event_id``.
    """
    text: str = parsed_doc.text
    doc_id: str = getattr(parsed_doc, "doc_id", "") or (mentions[0].doc_id if mentions else "doc")
    date = document_date(text, doc_date)
    context = _Context(text, date)
    annotated = [context.annotate(m) for m in mentions]
    groups = group_mentions(annotated, text)
    prefix = id_prefix or doc_id
    events: list[DocumentEvent] = []
    out = list(annotated)
    for number, members in enumerate(groups, start=1):
        event_id = f"{prefix}-E{number}"
        for i in members:
            out[i] = attrs.evolve(out[i], event_id=event_id)
        events.append(context.merge(event_id, doc_id, [out[i] for i in members]))
    return out, events


class _Context:
    """What resolution knows about one document: its text, date and countries."""

    def __init__(self, text: str, date: DocumentDate | None) -> None:
        self.text = text
        self.date = date
        self.gazetteer = gazetteer()
        found = self.gazetteer.mentions(text)
        self.country_offsets = [offset for offset, _ in found]
        self.country_codes = [code for _, code in found]
        self.countries: Counter[str] = Counter(self.country_codes)
        self.times: dict[tuple[int, int], TimeValue | None] = {}

    def last_country(self, offset: int) -> str | None:
        index = bisect.bisect_left(self.country_offsets, offset)
        return self.country_codes[index - 1] if index else None

    def annotate(self, mention: Event) -> Event:
        kinds = _role_kinds(type(mention))
        changes: dict[str, Any] = {}
        for role, kind in kinds.items():
            value = getattr(mention, role, ())
            if kind and isinstance(value, tuple) and value:
                changes[role] = tuple(self._annotate_span(s, kind, role) for s in value)
        if mention.attributed_to is not None:
            changes["attributed_to"] = self._annotate_span(mention.attributed_to, "actor", "attributed_to")
        return attrs.evolve(mention, **changes) if changes else mention

    def _annotate_span(self, span: Span, kind: str, role: str) -> Span:
        if kind == "actor":
            fields = actor_fields(span.text, role)
            if role == "victims" and not fields.get("country") and fields.get("sector") in (None, "civilians"):
                return span  # victims are annotated where they name a group
            return attrs.evolve(span, **fields) if fields else span
        if kind == "place":
            place = self.gazetteer.resolve(span.text, self.countries, self.last_country(span.start))
            return attrs.evolve(span, place=place, normalized=place.name) if place else span
        value = self.time(span)
        return attrs.evolve(span, value=value.value) if value else span

    def _target_place(self, members: list[Event]) -> Place | None:
        """A target that the gazetteer knows as a city or region ("shelled Kharkiv") locates an unlocated event."""
        for member in members:
            for span in getattr(member, "target", ()):
                place = self.gazetteer.resolve(span.text, self.countries, self.last_country(span.start))
                if place is not None and place.precision in ("city", "admin1", "region"):
                    return place
        return None

    def time(self, span: Span) -> TimeValue | None:
        """The span's value; a year after it completes it ("February 2022"), a "since" before it makes it a start."""
        key = (span.start, span.end)
        if key not in self.times:
            phrase = span.text
            year = _YEAR_AFTER.match(self.text, span.end)
            if year and not re.search(r"\d{4}", phrase):
                phrase += " " + year.group(1)
            if _SINCE_BEFORE.search(self.text[max(0, span.start - 40) : span.start]):
                phrase = "since " + phrase
            self.times[key] = resolve_time(phrase, self.date)
        return self.times[key]

    def merge(self, event_id: str, doc_id: str, members: list[Event]) -> DocumentEvent:
        """One document-level event from its mentions (rules in ``docs/eventdata.md``)."""
        event_type = type(members[0])
        merged: dict[str, Any] = {}
        for role, kind in roles(event_type).items():
            values = [getattr(m, role) for m in members]
            merged[role] = _merge_spans(values) if kind == "span" else _merge_count(values)
        sources = _merge_spans([(m.attributed_to,) for m in members if m.attributed_to is not None])
        time_spans = [s for m in members for s in _spans_of_kind(m, "time")]
        when = best_time([v for v in (self.time(s) for s in time_spans) if v is not None])
        place = _best_place([s.place for m in members for s in _spans_of_kind(m, "place") if s.place])
        place = place or self._target_place(members)
        country = place.country if place is not None else None
        if country is None:
            country = self.countries.most_common(1)[0][0] if self.countries else None
            place = place or (self.gazetteer.country_place(country) if country else None)
        words = [m.trigger.text for m in members] + [
            s.text for r in ("instrument", "content") for s in merged.get(r, ())
        ]
        codes = event_codes(event_type, event_type.type, words)
        return DocumentEvent(
            event_id=event_id,
            type=event_type.type,
            doc_id=doc_id,
            modality=min((m.modality for m in members), key=lambda x: _MODALITY_RANK.get(x, 9)),
            attributed_to=sources,
            roles=merged,
            date=when.date if when else None,
            date_precision=when.precision if when else None,
            country=country,
            place=place,
            plover=codes.plover,
            cameo=codes.cameo,
            mentions=tuple(
                MentionRef(trigger=m.trigger, sentence_index=m.sentence_index, modality=m.modality) for m in members
            ),
        )


def _role_kinds(event_type: type[Event]) -> dict[str, str]:
    declared: Mapping[str, str] = getattr(event_type, "eventdata_roles", {}) or {}
    kinds = {}
    for role, kind in roles(event_type).items():
        if kind != "span":
            continue
        default = (
            "actor" if role in ACTOR_ROLES else "place" if role in PLACE_ROLES else "time" if role in TIME_ROLES else ""
        )
        kinds[role] = declared.get(role, default)
    return kinds


def _spans_of_kind(event: Event, kind: str) -> list[Span]:
    return [s for role, k in _role_kinds(type(event)).items() if k == kind for s in getattr(event, role)]


def _merge_spans(values: Iterable[tuple[Span, ...]]) -> tuple[Span, ...]:
    """All spans, first mention first, without repeats (same words, case aside)."""
    seen: set[str] = set()
    out = []
    for spans in values:
        for span in spans:
            key = " ".join(span.text.lower().split())
            if key not in seen:
                seen.add(key)
                out.append(span)
    return tuple(out)


def _merge_count(values: list[Any]) -> int | None:
    """The figure stated most often; on a tie the latest in the text."""
    stated = [v for v in values if v is not None]
    if not stated:
        return None
    counts = Counter(stated)
    top = max(counts.values())
    return next(v for v in reversed(stated) if counts[v] == top)


def _best_place(places: list[Place]) -> Place | None:
    """The most precise place (city, then admin1, region, country); the first on ties."""
    return min(places, key=lambda p: _PRECISION_RANK.get(p.precision, 9)) if places else None
