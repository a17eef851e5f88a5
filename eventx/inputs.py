"""Reading the CLI's inputs: text files, folders, stdin, JSON Lines corpora and CoNLL-U.

Every problem with one input becomes an :class:`InputProblem` naming the
input, so that the other inputs are still processed.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from attrs import define

from eventx.conllu import ConlluError, read_conllu, split_documents
from eventx.document import ParsedDocument

DEFAULT_MAX_BYTES = 2_000_000  # per document; 0 means no limit
ENV_MAX_BYTES = "EVENTX_MAX_BYTES"
INPUT_FORMATS = ("text", "conllu", "jsonl")


@define(frozen=True)
class TextInput:
    doc_id: str
    text: str
    source: str
    date: str | None = None  # the JSONL record's ``date`` field (YYYY-MM-DD), for document resolution


@define(frozen=True)
class InputProblem:
    """An input that could not be read.  ``fatal`` False means a warning (an empty file)."""

    source: str
    message: str
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


InputItem = TextInput | ParsedDocument | InputProblem


def max_bytes_default() -> int:
    value = os.environ.get(ENV_MAX_BYTES)
    return int(value) if value and value.isdigit() else DEFAULT_MAX_BYTES


def iter_inputs(
    paths: Sequence[str],
    input_format: str = "text",
    *,
    max_bytes: int | None = None,
    stdin: IO[bytes] | None = None,
    id_field: str = "id",
    text_field: str = "text",
) -> Iterator[InputItem]:
    """Yield documents (or problems) from paths; ``-`` is standard input.

    A file named twice (``seeds/ seeds/dev/``) is read once.
    """
    limit = max_bytes_default() if max_bytes is None else max_bytes
    seen: set[Path] = set()
    for item in _iter_paths(paths, input_format, limit, stdin, id_field, text_field):
        if isinstance(item, Path):
            if item.resolve() in seen:
                continue
            seen.add(item.resolve())
            yield from _from_file(item, input_format, limit, id_field, text_field)
        else:
            yield item


def _iter_paths(
    paths: Sequence[str],
    input_format: str,
    limit: int,
    stdin: IO[bytes] | None,
    id_field: str,
    text_field: str,
) -> Iterator[InputItem | Path]:
    """Files to read (as paths, in order), stdin documents and problems."""
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _from_stream(stream, "<stdin>", "stdin", input_format, limit, id_field, text_field)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _dir_files(path, input_format)
        elif not path.exists():
            yield InputProblem(raw, "no such file or directory")
        else:
            yield path


def _suffixes(input_format: str) -> tuple[str, ...]:
    return {"text": (".txt",), "conllu": (".conllu", ".conll"), "jsonl": (".jsonl",)}[input_format]


def _dir_files(path: Path, input_format: str) -> Iterator[InputProblem | Path]:
    suffixes = _suffixes(input_format)
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in suffixes)
    if not files:
        yield InputProblem(str(path), f"directory holds no {' or '.join('*' + s for s in suffixes)} files")
    yield from files


def _from_file(path: Path, input_format: str, limit: int, id_field: str, text_field: str) -> Iterator[InputItem]:
    source = str(path)
    if input_format == "jsonl":
        try:
            with open(path, "rb") as stream:
                yield from _jsonl(stream, source, limit, id_field, text_field)
        except OSError as exc:
            yield InputProblem(source, f"cannot read: {exc.strerror or exc}")
        return
    try:
        size = path.stat().st_size
        if limit and size > limit:
            yield InputProblem(
                source,
                f"{size:,} bytes is over the size limit of {limit:,} bytes "
                f"(raise it with --max-bytes or {ENV_MAX_BYTES})",
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputProblem(source, f"cannot read: {exc.strerror or exc}")
        return
    yield from _from_bytes(data, source, path.stem, input_format)


def _from_stream(
    stream: IO[bytes], source: str, doc_id: str, input_format: str, limit: int, id_field: str, text_field: str
) -> Iterator[InputItem]:
    if input_format == "jsonl":
        yield from _jsonl(stream, source, limit, id_field, text_field)
        return
    data = stream.read(limit + 1) if limit else stream.read()
    if limit and len(data) > limit:
        yield InputProblem(
            source, f"over the size limit of {limit:,} bytes (raise it with --max-bytes or {ENV_MAX_BYTES})"
        )
        return
    yield from _from_bytes(data, source, doc_id, input_format)


def _decode(data: bytes, source: str) -> str | InputProblem:
    if b"\x00" in data[:8192]:
        return InputProblem(source, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputProblem(source, f"not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r})")


def _from_bytes(data: bytes, source: str, doc_id: str, input_format: str) -> Iterator[InputItem]:
    text = _decode(data, source)
    if isinstance(text, InputProblem):
        yield text
        return
    if not text.strip():
        yield InputProblem(source, "empty file, no events", fatal=False)
        return
    if input_format == "conllu":
        yield from _conllu_documents(text, source, doc_id)
    else:
        yield TextInput(doc_id, text, source)


def _conllu_documents(text: str, source: str, stem: str) -> Iterator[InputItem]:
    """The documents of a CoNLL-U file.

    A file holding one document gives it the file's name as id; a file holding
    several (``# newdoc`` lines, as ``eventx parse`` writes them) gives each its
    ``# newdoc id``, or ``NAME-N`` where there is none.
    """
    pieces = list(split_documents(text))
    for number, (newdoc_id, piece, first_line) in enumerate(pieces, start=1):
        doc_id = stem if len(pieces) == 1 else (newdoc_id or f"{stem}-{number}")
        try:
            doc, doc_text = read_conllu(piece, first_line=first_line)
        except ConlluError as exc:
            yield InputProblem(source, f"malformed CoNLL-U: {exc}")
            continue
        yield ParsedDocument(doc_id, doc, doc_text)


def _jsonl(stream: IO[bytes], source: str, limit: int, id_field: str, text_field: str) -> Iterator[InputItem]:
    """A corpus of JSON records, one a line, each with an id and a text field."""
    seen_any = False
    for number, raw in enumerate(stream, start=1):
        where = f"{source}:{number}"
        if not raw.strip():
            continue
        seen_any = True
        line = _decode(raw, where)
        if isinstance(line, InputProblem):
            yield line
            continue
        try:
            record: Any = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(where, f"not valid JSON ({exc.msg})")
            continue
        if not isinstance(record, dict):
            yield InputProblem(where, "not a JSON object")
            continue
        text = record.get(text_field)
        if not isinstance(text, str):
            yield InputProblem(where, f"record has no {text_field!r} string field")
            continue
        doc_id = str(record.get(id_field, f"{Path(source).stem}-{number}"))
        if limit and len(text.encode("utf-8")) > limit:
            yield InputProblem(where, f"text is over the size limit of {limit:,} bytes")
            continue
        if not text.strip():
            yield InputProblem(where, "empty text, no events", fatal=False)
            continue
        date = record.get("date")
        yield TextInput(doc_id, text, where, date if isinstance(date, str) and date.strip() else None)
    if not seen_any:
        yield InputProblem(source, "empty file, no events", fatal=False)
