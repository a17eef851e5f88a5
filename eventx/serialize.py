"""Events to and from JSON-ready dicts, through cattrs.

The wire shape is the contract documented in ``docs/schema.md``: ``type``
first, then the shared fields, then the type's roles at the top level.
The optional span annotations (``normalized``, ``country``, ``sector``,
``place``, ``value``) and a mention's ``event_id`` are written only when set.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn, override
from cattrs.v import format_exception

from eventx.records import CORE_TYPES, MODALITIES, Event, Span, roles

SPAN_ANNOTATIONS = ("normalized", "country", "sector", "place", "value")

# Unknown keys are refused at every level (a misspelt span key is not dropped silently).
_converter = cattrs.Converter(forbid_extra_keys=True)
_converter.register_unstructure_hook(
    Span,
    make_dict_unstructure_fn(
        Span,
        _converter,
        normalized=override(omit_if_default=True),
        country=override(omit_if_default=True),
        sector=override(omit_if_default=True),
        place=override(omit_if_default=True),
        value=override(omit_if_default=True),
    ),
)
_converter.register_unstructure_hook_factory(
    lambda cls: isinstance(cls, type) and issubclass(cls, Event) and attrs.has(cls),
    lambda cls: make_dict_unstructure_fn(cls, _converter, event_id=override(omit_if_default=True)),
)


def _strict(*accepted: type) -> Any:
    """A structure hook that takes JSON scalars of the right type only (no "5" -> 5, 9.5 -> 9, true -> 1)."""

    def structure(value: Any, cls: type) -> Any:
        if isinstance(value, bool) or not isinstance(value, accepted):
            raise TypeError(f"expected {cls.__name__}, got {type(value).__name__}")
        return cls(value)

    return structure


_converter.register_structure_hook(int, _strict(int))
_converter.register_structure_hook(float, _strict(int, float))
_converter.register_structure_hook(str, _strict(str))


class EventTypeError(ValueError):
    """An event dict names an unknown type or does not fit its type."""


def event_to_dict(event: Event) -> dict[str, Any]:
    """The JSON-ready dict of one event (``type`` first)."""
    body = _converter.unstructure(event, unstructure_as=type(event))
    return {"type": event.type, **body}


def event_from_dict(data: Mapping[str, Any], types: Mapping[str, type[Event]] | None = None) -> Event:
    """Rebuild an event record from its dict; ``types`` maps type names to classes.

    Without ``types`` the four core types are known.  Unknown keys are an error,
    so a misspelt role is never dropped silently.
    """
    known = types if types is not None else {t.type: t for t in CORE_TYPES}
    name = data.get("type")
    if not isinstance(name, str) or name not in known:
        raise EventTypeError(f"unknown event type {name!r}; known: {', '.join(sorted(known))}")
    cls = known[name]
    body = {k: v for k, v in data.items() if k != "type"}
    allowed = {a.name for a in attrs.fields(cls)}
    extra = sorted(set(body) - allowed)
    if extra:
        raise EventTypeError(f"{name} has no field(s) {', '.join(extra)}")
    try:
        return _converter.structure(body, cls)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        raise EventTypeError(f"invalid {name} event: {_describe(exc)}") from exc


def _describe(exc: BaseException) -> str:
    if isinstance(exc, cattrs.BaseValidationError):
        return "; ".join(cattrs.transform_error(exc, format_exception=_format_exception))
    return str(exc)


def _format_exception(exc: BaseException, cls: type | None) -> str:
    # Validator errors (bad modality, end before start...) carry their reason: keep it.
    reason = exc.args[0] if exc.args and isinstance(exc.args[0], str) else ""
    if isinstance(exc, ValueError) and cls is None and reason:
        return f"invalid value ({reason})"
    return format_exception(exc, cls)


def to_json(event: Event) -> str:
    """One event as a compact JSON line (no trailing newline)."""
    return json.dumps(event_to_dict(event), ensure_ascii=False)


def from_json(line: str, types: Mapping[str, type[Event]] | None = None) -> Event:
    """Parse one JSON line back into its event record."""
    return event_from_dict(json.loads(line), types)


def write_jsonl(events: Iterable[Event], stream: IO[str]) -> int:
    """Write events as JSON Lines; returns how many were written."""
    count = 0
    for event in events:
        stream.write(to_json(event) + "\n")
        count += 1
    return count


def read_jsonl(stream: IO[str], types: Mapping[str, type[Event]] | None = None) -> Iterator[Event]:
    """Read events from JSON Lines, skipping blank lines."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            yield from_json(line, types)
        except (json.JSONDecodeError, EventTypeError) as exc:
            raise EventTypeError(f"line {number}: {exc}") from exc


def json_schema(event_type: type[Event]) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for one event type's wire shape (a mention).

    ``$defs`` also holds ``DocumentEvent``: the shape of the type's document-level
    events (``eventx extract --level events``); validate one against it with
    ``{"$ref": "#/$defs/DocumentEvent", "$defs": schema["$defs"]}``.
    """
    span = {"$ref": "#/$defs/Span"}
    properties: dict[str, Any] = {
        "type": {"const": event_type.type},
        "doc_id": {"type": "string"},
        "sentence_index": {"type": "integer", "minimum": 0},
        "trigger": span,
        "modality": {"enum": list(MODALITIES)},
        "attributed_to": {"anyOf": [span, {"type": "null"}]},
        "extractor": {"type": "string"},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
    }
    required = list(properties)
    role_properties = _role_schemas(event_type)
    properties.update(role_properties)
    required += list(role_properties)
    properties["event_id"] = {"type": "string", "description": "the document-level event of this mention"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": event_type.type,
        "description": event_type.description or next(iter((event_type.__doc__ or "").strip().splitlines()), ""),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
        "$defs": {"Span": _SPAN_SCHEMA, "Place": _PLACE_SCHEMA, "DocumentEvent": _document_event_schema(event_type)},
    }


def _role_schemas(event_type: type[Event]) -> dict[str, Any]:
    span = {"$ref": "#/$defs/Span"}
    fields = {a.name: a for a in attrs.fields(event_type)}
    out: dict[str, Any] = {}
    for name, kind in roles(event_type).items():
        doc = fields[name].metadata.get("doc", "")
        if kind == "span":
            out[name] = {"type": "array", "items": span, "description": doc}
        else:
            out[name] = {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}], "description": doc}
    return out


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


_ALPHA3 = {"type": "string", "pattern": "^[A-Z]{3}$", "description": "ISO 3166-1 alpha-3"}
_PLACE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "country": _nullable(_ALPHA3),
        "admin1": _nullable({"type": "string"}),
        "lat": _nullable({"type": "number", "minimum": -90, "maximum": 90}),
        "lon": _nullable({"type": "number", "minimum": -180, "maximum": 180}),
        "precision": {"enum": ["city", "admin1", "country", "region"]},
    },
    "required": ["name", "country", "admin1", "lat", "lon", "precision"],
    "additionalProperties": False,
}
_SPAN_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "text": {"type": "string"},
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 0},
        "normalized": {"type": "string", "description": "canonical name of an actor or place"},
        "country": {**_ALPHA3, "description": "an actor's country, ISO 3166-1 alpha-3"},
        "sector": {"type": "string", "description": "an actor's sector (docs/eventdata.md)"},
        "place": {"$ref": "#/$defs/Place"},
        "value": {"type": "string", "description": "a time's ISO 8601 value"},
    },
    "required": ["text", "start", "end"],
    "additionalProperties": False,
}


def _document_event_schema(event_type: type[Event]) -> dict[str, Any]:
    span = {"$ref": "#/$defs/Span"}
    properties: dict[str, Any] = {
        "event_id": {"type": "string"},
        "type": {"const": event_type.type},
        "doc_id": {"type": "string"},
        "modality": {"enum": list(MODALITIES)},
        "attributed_to": {"type": "array", "items": span},
        **_role_schemas(event_type),
        "date": _nullable({"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}),
        "date_precision": _nullable({"enum": ["day", "week", "month", "year"]}),
        "country": _nullable(_ALPHA3),
        "place": _nullable({"$ref": "#/$defs/Place"}),
        "plover": _nullable(
            {
                "type": "object",
                "properties": {"category": {"type": "string"}, "mode": _nullable({"type": "string"})},
                "required": ["category", "mode"],
                "additionalProperties": False,
            }
        ),
        "cameo": _nullable({"type": "string", "pattern": r"^\d{2}$"}),
        "mentions": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "trigger": span,
                    "sentence_index": {"type": "integer", "minimum": 0},
                    "modality": {"enum": list(MODALITIES)},
                },
                "required": ["trigger", "sentence_index", "modality"],
                "additionalProperties": False,
            },
        },
    }
    return {
        "title": f"{event_type.type} (document-level event)",
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
