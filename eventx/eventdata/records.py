"""The document-level event record: one real-world event, merged over its mentions."""

from __future__ import annotations

from typing import Any

from attrs import define, field

from eventx.records import Place, Span
from eventx.serialize import _converter


@define(frozen=True, kw_only=True)
class MentionRef:
    """One mention of the event, by its trigger (join on ``event_id`` for the whole mention record)."""

    trigger: Span
    sentence_index: int
    modality: str


@define(frozen=True, kw_only=True)
class DocumentEvent:
    """One real-world event of a document, with its mentions' roles merged (see ``docs/eventdata.md``).

    ``roles`` maps the type's role names to their merged value: a tuple of spans
    for span roles, an integer or None for counts.
    """

    event_id: str
    type: str
    doc_id: str
    modality: str
    attributed_to: tuple[Span, ...] = field(factory=tuple)
    roles: dict[str, Any] = field(factory=dict)
    date: str | None = None
    date_precision: str | None = None
    country: str | None = None
    place: Place | None = None
    plover: dict[str, str | None] | None = None
    cameo: str | None = None
    mentions: tuple[MentionRef, ...] = field(factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready dict: identity, modality and sources, roles, date, place, codes, then mentions."""
        out: dict[str, Any] = {
            "event_id": self.event_id,
            "type": self.type,
            "doc_id": self.doc_id,
            "modality": self.modality,
            "attributed_to": _converter.unstructure(list(self.attributed_to), list[Span]),
        }
        for role, value in self.roles.items():
            out[role] = _converter.unstructure(list(value), list[Span]) if isinstance(value, tuple) else value
        out["date"] = self.date
        out["date_precision"] = self.date_precision
        out["country"] = self.country
        out["place"] = _converter.unstructure(self.place, Place) if self.place is not None else None
        out["plover"] = self.plover
        out["cameo"] = self.cameo
        out["mentions"] = [_converter.unstructure(m, MentionRef) for m in self.mentions]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentEvent:
        """Rebuild a record written by :meth:`to_dict` (role keys are whatever is not a fixed field)."""
        fixed = {"event_id", "type", "doc_id", "modality", "attributed_to", "date", "date_precision", "country"}
        fixed |= {"place", "plover", "cameo", "mentions"}
        roles = {
            k: tuple(_converter.structure(v, list[Span])) if isinstance(v, list) else v
            for k, v in data.items()
            if k not in fixed
        }
        return cls(
            event_id=data["event_id"],
            type=data["type"],
            doc_id=data["doc_id"],
            modality=data["modality"],
            attributed_to=tuple(_converter.structure(data.get("attributed_to", []), list[Span])),
            roles=roles,
            date=data.get("date"),
            date_precision=data.get("date_precision"),
            country=data.get("country"),
            place=_converter.structure(data["place"], Place) if data.get("place") else None,
            plover=data.get("plover"),
            cameo=data.get("cameo"),
            mentions=tuple(_converter.structure(m, MentionRef) for m in data.get("mentions", [])),
        )
