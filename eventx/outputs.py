"""Output formats: JSON Lines (default), a JSON array, and CSV.

These are registered through the same ``register_output_formats`` hook that
plugins use.  A writer gets each event as soon as its document is done, so
an interrupted run keeps what it wrote (``json`` closes its array at the end).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from typing import IO, Any, Protocol

from attrs import define

from eventx.hookspecs import hookimpl
from eventx.records import Event, roles
from eventx.serialize import event_to_dict, to_json


class EventWriter(Protocol):
    """What an output format's ``open`` returns."""

    def write(self, event: Event) -> None: ...

    def close(self) -> None: ...


@define(frozen=True, kw_only=True)
class OutputFormat:
    """A named output format: ``open(stream, event_types)`` returns an :class:`EventWriter`."""

    name: str
    open: Callable[[IO[str], Sequence[type[Event]]], EventWriter]
    description: str = ""


class JsonLinesWriter:
    def __init__(self, stream: IO[str], event_types: Sequence[type[Event]] = ()) -> None:
        self.stream = stream

    def write(self, event: Event) -> None:
        self.stream.write(to_json(event) + "\n")
        self.stream.flush()

    def close(self) -> None:
        self.stream.flush()


class JsonArrayWriter:
    def __init__(self, stream: IO[str], event_types: Sequence[type[Event]] = ()) -> None:
        self.stream = stream
        self.count = 0
        self.stream.write("[")

    def write(self, event: Event) -> None:
        self.stream.write(("," if self.count else "") + "\n  " + to_json(event))
        self.stream.flush()
        self.count += 1

    def close(self) -> None:
        self.stream.write("\n]\n" if self.count else "]\n")
        self.stream.flush()


BASE_COLUMNS = (
    "type",
    "doc_id",
    "sentence_index",
    "trigger",
    "trigger_start",
    "trigger_end",
    "modality",
    "attributed_to",
    "extractor",
    "confidence",
)


LIST_SEPARATOR = " | "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


def safe_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: one starting with ``= + - @``, tab or CR gets a ``'`` before it.

    This is OWASP's advice against CSV injection (formulas run by the spreadsheet).
    """
    return "'" + value if value.startswith(_FORMULA_START) else value


def join_spans(texts: Sequence[str]) -> str:
    """Span texts in one cell: joined by ``" | "``, with ``\\`` and ``|`` inside a text escaped by ``\\``."""
    return LIST_SEPARATOR.join(t.replace("\\", "\\\\").replace("|", "\\|") for t in texts)


def split_spans(cell: str) -> list[str]:
    """The span texts of a CSV list cell (the inverse of :func:`join_spans`, after removing a leading ``'``)."""
    if not cell:
        return []
    parts = re.split(r"(?<!\\)((?:\\\\)*) \| ", cell)
    # re.split keeps the captured run of escaped backslashes: it belongs to the text before it.
    texts = [parts[0]]
    for i in range(1, len(parts), 2):
        texts[-1] += parts[i]
        texts.append(parts[i + 1])
    return [_ESCAPED.sub(r"\1", t) for t in texts]


def csv_columns(event_types: Sequence[type[Event]]) -> list[str]:
    """The CSV header: shared columns, then every role of every known type once, in the table column order.

    The order is :func:`eventx.tables.column_order`'s: the core types' roles first, then
    the other roles sorted by name, so that installing a plugin never moves a column.
    """
    from eventx.tables import column_order

    return column_order([*BASE_COLUMNS, *(role for event_type in event_types for role in roles(event_type))])


class CsvWriter:
    """One row per event.

    Span roles hold their texts joined by ``" | "`` (:func:`join_spans`); every
    text cell is neutralised against CSV injection (:func:`safe_cell`).
    """

    def __init__(self, stream: IO[str], event_types: Sequence[type[Event]] = ()) -> None:
        self.stream = stream
        self.columns = csv_columns(event_types)
        self.writer = csv.DictWriter(stream, fieldnames=self.columns, extrasaction="ignore")
        self.writer.writeheader()

    def write(self, event: Event) -> None:
        data = event_to_dict(event)
        row: dict[str, Any] = {
            k: data.get(k) for k in ("type", "doc_id", "sentence_index", "modality", "extractor", "confidence")
        }
        row["trigger"] = event.trigger.text
        row["trigger_start"] = event.trigger.start
        row["trigger_end"] = event.trigger.end
        row["attributed_to"] = event.attributed_to.text if event.attributed_to else ""
        for role, kind in roles(type(event)).items():
            value = data[role]
            row[role] = join_spans([s["text"] for s in value]) if kind == "span" else ("" if value is None else value)
        self.writer.writerow({k: safe_cell(v) if isinstance(v, str) else v for k, v in row.items()})
        self.stream.flush()

    def close(self) -> None:
        self.stream.flush()


@hookimpl
def register_output_formats(register: Callable[[OutputFormat], None]) -> None:
    register(OutputFormat(name="jsonl", open=JsonLinesWriter, description="one JSON event per line (default)"))
    register(OutputFormat(name="json", open=JsonArrayWriter, description="one JSON array of events"))
    register(OutputFormat(name="csv", open=CsvWriter, description="one row per event; span roles joined by ' | '"))
    register(OutputFormat(name="parquet", open=_parquet, description="Parquet table (needs pyarrow: eventx[tables])"))


def _parquet(stream: IO[str], event_types: Sequence[type[Event]]) -> EventWriter:
    from eventx.tables import ParquetWriter

    return ParquetWriter(stream, event_types)
