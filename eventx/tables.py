"""Events as tables: pandas DataFrames and Parquet files.

pandas and pyarrow are an optional extra (``pip install 'eventx[tables]'``); they are
imported only when a table is asked for.

One rule orders the columns of every table eventx writes (CSV, DataFrames, Parquet),
so that they do not move whatever plugins are installed:

1. the shared fields, in the order of :data:`SHARED_COLUMNS` (identity, trigger, modality,
   source, extractor, confidence, then the document-level date and place);
2. the roles of the four core types, in the order Meeting, Demand, Attack, Exchange
   declare them, each once (:data:`CORE_ROLE_COLUMNS`);
3. every other column (roles of plugin types, fields added later) sorted by name.

Span values take one of three forms (``spans=``):

- ``"text"`` (the default): a span field (``trigger``, ``attributed_to``) becomes its
  text plus ``<field>_start`` and ``<field>_end`` columns; a span role becomes the list
  of its texts (``["nine people"]``); a role the event's type does not have is None.
- ``"flat"``: as ``"text"``, then each list is one string, its items joined by
  :data:`FLAT_SEPARATOR` with ``|`` and ``\\`` inside an item escaped by ``\\``, exactly as
  the CSV output writes list cells (:func:`eventx.outputs.join_spans`;
  :func:`eventx.outputs.split_spans` reads one back); other nested values become JSON text.
- ``"full"``: the JSON contract's values unchanged (spans as dicts with ``text``,
  ``start``, ``end``), lossless; :func:`from_dataframe` turns such a table back into
  event records, and Parquet files hold this form.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any

import attrs

from eventx.outputs import BASE_COLUMNS, LIST_SEPARATOR, join_spans
from eventx.records import CORE_TYPES, Event, roles
from eventx.serialize import event_from_dict, event_to_dict, json_schema

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

_SOURCE_END = BASE_COLUMNS.index("attributed_to") + 1
# The CSV's shared columns, with the document-level identity, the source's offsets, and date and place.
SHARED_COLUMNS: tuple[str, ...] = (
    "event_id",
    *BASE_COLUMNS[:_SOURCE_END],
    "attributed_to_start",
    "attributed_to_end",
    *BASE_COLUMNS[_SOURCE_END:],
    "date",
    "date_precision",
    "country",
    "place",
)
CORE_ROLE_COLUMNS: tuple[str, ...] = tuple(dict.fromkeys(r for t in CORE_TYPES for r in roles(t)))
FLAT_SEPARATOR = LIST_SEPARATOR
SPAN_FORMS = ("text", "flat", "full")
LEVELS = ("mentions", "events")
INSTALL_HINT = "pip install 'eventx[tables]'"


class TablesUnavailable(ImportError):
    """pandas or pyarrow is needed and not installed."""


def require(module: str) -> Any:
    """Import pandas or pyarrow, or say how to install it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise TablesUnavailable(f"eventx tables need {module.split('.')[0]}: {INSTALL_HINT}") from exc


def column_order(names: Iterable[str]) -> list[str]:
    """Column names in the table order (see the module's docstring), each once."""
    unique = list(dict.fromkeys(names))
    rank = {name: i for i, name in enumerate((*SHARED_COLUMNS, *CORE_ROLE_COLUMNS))}
    known = sorted((n for n in unique if n in rank), key=rank.__getitem__)
    return known + sorted(n for n in unique if n not in rank)


# ---------------------------------------------------------------------------- rows
def records(items: Any, level: str = "mentions") -> list[dict[str, Any]]:
    """JSON-ready dicts of the items: document results, event records or dicts (as read from JSONL).

    ``level="mentions"`` takes each result's ``events``; ``level="events"`` takes its
    document-level events (where the result carries them).
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    from eventx.views.model import as_dict, document_events

    single = isinstance(items, (Event, Mapping)) or hasattr(items, "events")
    out: list[dict[str, Any]] = []
    for item in [items] if single else items:
        if hasattr(item, "events") and not isinstance(item, (Event, Mapping)):
            out.extend(document_events(item) if level == "events" else [event_to_dict(e) for e in item.events])
        else:
            out.append(as_dict(item))
    return out


def is_span(value: Any) -> bool:
    return isinstance(value, Mapping) and {"text", "start", "end"} <= set(value)


def row(record: Mapping[str, Any], spans: str = "text") -> dict[str, Any]:
    """One record's table row in the given span form."""
    if spans not in SPAN_FORMS:
        raise ValueError(f"spans must be one of {', '.join(SPAN_FORMS)}, not {spans!r}")
    if spans == "full":
        return dict(record)
    out: dict[str, Any] = {}
    for key, value in record.items():
        if is_span(value) or (value is None and key in ("trigger", "attributed_to")):
            out[key] = value["text"] if value else None
            out[f"{key}_start"] = value["start"] if value else None
            out[f"{key}_end"] = value["end"] if value else None
        elif isinstance(value, list) and all(is_span(v) for v in value):
            out[key] = [v["text"] for v in value]
        else:
            out[key] = value
    return {k: _flat(v) for k, v in out.items()} if spans == "flat" else out


def _flat(value: Any) -> Any:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return join_spans(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


# ---------------------------------------------------------------------------- DataFrames
def to_dataframe(items: Any, level: str = "mentions", *, spans: str = "text") -> pd.DataFrame:
    """A pandas DataFrame with one row per mention (or per document-level event).

    ``items``: document results, event records, or event dicts as read back from JSONL
    (``json.loads`` of each line), or one of them.  Columns follow :func:`column_order`;
    count columns are pandas' nullable ``Int64``.  ``spans`` picks the form of span
    values: ``"text"``, ``"flat"`` or ``"full"`` (see the module's docstring).

    >>> df = eventx.to_dataframe(extractor.results(texts))     # doctest: +SKIP
    """
    pd = require("pandas")
    rows = [row(record, spans) for record in records(items, level)]
    names = column_order(name for r in rows for name in r)
    frame = pd.DataFrame.from_records([[r.get(n) for n in names] for r in rows], columns=names)
    for name in names:
        values = [r[name] for r in rows if r.get(name) is not None]
        if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            frame[name] = frame[name].astype("Int64")
    return frame


def from_dataframe(frame: pd.DataFrame, types: Mapping[str, type[Event]] | None = None) -> list[Event]:
    """Event records back from a ``spans="full"`` DataFrame (or a Parquet file read with pandas).

    ``types`` maps type names to classes (default: the four core types).  Columns that
    a row's type does not have are left out.
    """
    return _events(frame.to_dict("records"), types)


def read_parquet(path: Any, types: Mapping[str, type[Event]] | None = None) -> list[Event]:
    """The events of a Parquet file written by the ``parquet`` output format."""
    parquet = require("pyarrow.parquet")
    return _events(parquet.read_table(path).to_pylist(), types)


def _events(rows: Iterable[Mapping[str, Any]], types: Mapping[str, type[Event]] | None) -> list[Event]:
    known = types if types is not None else {t.type: t for t in CORE_TYPES}
    events = []
    for number, data in enumerate(rows, start=1):
        name = data.get("type")
        cls = known.get(name) if isinstance(name, str) else None
        if cls is None:
            raise ValueError(f"row {number}: unknown event type {name!r}; known: {', '.join(sorted(known))}")
        fields = {a.name for a in attrs.fields(cls)}
        body = {k: _plain(v) for k, v in data.items() if k in fields or k == "type"}
        if not is_span(body.get("trigger")):
            raise ValueError(f"row {number}: the trigger is not a span; build the table with spans='full'")
        events.append(event_from_dict(body, known))
    return events


def _missing(value: Any) -> bool:
    """None, NaN, or pandas' NA / NaT."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def _plain(value: Any) -> Any:
    """Plain Python values from what pandas and pyarrow hand back (numpy scalars and arrays, NA)."""
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if not (v is None or _missing(v))}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)  # pandas turns the integers of a column with gaps into floats
    return None if _missing(value) else value


# ---------------------------------------------------------------------------- Parquet
def arrow_schema(event_types: Sequence[type[Event]]) -> pa.Schema:
    """The Parquet schema of the events of these types: the JSON contract's fields, in the column order."""
    pa = require("pyarrow")
    fields: dict[str, Any] = {}
    for event_type in event_types:
        schema = json_schema(event_type)
        for name, prop in schema["properties"].items():
            fields.setdefault(name, _arrow_type(prop, schema.get("$defs", {}), pa))
    return pa.schema([pa.field(name, fields[name]) for name in column_order(fields)])


def _arrow_type(prop: Mapping[str, Any], defs: Mapping[str, Any], pa: Any) -> Any:
    if "$ref" in prop:
        return _arrow_type(defs[prop["$ref"].rsplit("/", 1)[-1]], defs, pa)
    if "anyOf" in prop:
        options = [p for p in prop["anyOf"] if p.get("type") != "null"]
        return _arrow_type(options[0], defs, pa) if options else pa.null()
    if "const" in prop or "enum" in prop:
        return pa.string()
    kind = prop.get("type")
    if kind == "array":
        return pa.list_(_arrow_type(prop.get("items", {}), defs, pa))
    if kind == "object" and prop.get("properties"):
        return pa.struct([pa.field(k, _arrow_type(v, defs, pa)) for k, v in prop["properties"].items()])
    simple = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}
    if kind in simple:
        return simple[kind]
    raise ValueError(f"no Parquet type for the JSON schema {dict(prop)!r}")


def arrow_table(rows: Sequence[Mapping[str, Any]], schema: pa.Schema) -> pa.Table:
    """JSON event dicts as an Arrow table of the schema; a field the schema lacks is an error, not dropped."""
    pa = require("pyarrow")
    names = set(schema.names)
    for data in rows:
        unknown = set(data) - names
        if unknown:
            raise ValueError(f"{data.get('type')} has field(s) {', '.join(sorted(unknown))} the Parquet schema lacks")
    return pa.Table.from_pylist(list(rows), schema=schema)


def write_parquet(items: Any, path: Any, event_types: Sequence[type[Event]] | None = None) -> int:
    """Write events (document results, records or JSON dicts) to one Parquet file; returns the row count.

    The layout is the ``parquet`` output format's.  ``event_types`` (default: the four
    core types) must include every type written, e.g. ``extractor.plugins.event_types.values()``.
    """
    parquet = require("pyarrow.parquet")
    rows = records(items)
    parquet.write_table(arrow_table(rows, arrow_schema(list(event_types or CORE_TYPES))), path)
    return len(rows)


class ParquetWriter:
    """The ``parquet`` output format: events in row groups of :attr:`batch_size`, spans as structs.

    Parquet is binary: it writes to the binary buffer under the text stream the CLI opens.
    """

    batch_size = 10_000

    def __init__(self, stream: IO[str], event_types: Sequence[type[Event]] = ()) -> None:
        parquet = require("pyarrow.parquet")
        binary = getattr(stream, "buffer", None)
        if binary is None:
            raise TypeError("the parquet format writes bytes: give it a file opened by path, not a text buffer")
        stream.flush()
        self.schema = arrow_schema(list(event_types) or list(CORE_TYPES))
        self._writer = parquet.ParquetWriter(binary, self.schema)
        self._pending: list[dict[str, Any]] = []

    def write(self, event: Event) -> None:
        self._pending.append(event_to_dict(event))
        if len(self._pending) >= self.batch_size:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._writer.write_table(arrow_table(self._pending, self.schema))
            self._pending = []

    def close(self) -> None:
        self._flush()
        self._writer.close()
