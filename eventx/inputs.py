"""Reading the CLI's inputs: text files, folders, stdin, JSON Lines corpora and CoNLL-U.

Every problem with one input becomes an :class:`InputProblem` naming the
input (and line), so that the other inputs are still processed.  Reading is
bounded whatever the file type: at most the size limit is read from a file,
a pipe or a device, reading stops at the first NUL byte, and a pipe, FIFO or
device that stays silent for ``EVENTX_READ_TIMEOUT`` seconds is given up.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import select
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from attrs import define

from eventx.conllu import ConlluError, read_conllu, split_documents
from eventx.document import ParsedDocument

DEFAULT_MAX_BYTES = 2_000_000  # per document; 0 means no limit
ENV_MAX_BYTES = "EVENTX_MAX_BYTES"
DEFAULT_READ_TIMEOUT = 30.0  # seconds a pipe, FIFO or device may stay silent before it is given up
ENV_READ_TIMEOUT = "EVENTX_READ_TIMEOUT"
INPUT_FORMATS = ("text", "conllu", "jsonl")
JSON_ESCAPE_FACTOR = 6  # a JSONL line may hold its text escaped: up to 6 bytes per byte ("\\u0001")
JSON_LINE_SLACK = 65_536  # bytes a JSONL line may have beyond its escaped text (other fields)
_CHUNK = 1 << 20
SKIP_LIMIT = 64 << 20  # bytes of a bad JSONL line skipped in search of its end before the input is given up
_SURROGATE = re.compile("[\ud800-\udfff]")


class SettingError(ValueError):
    """An invalid setting (an environment variable); the message names it."""


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


def _setting(name: str, default: float, kind: type[int] | type[float], meaning: str) -> Any:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        number = kind(value.strip().replace("_", ""))
    except ValueError:
        number = -1
    if number < 0 or number != number:  # negative, unparsable or NaN
        raise SettingError(f"{name}={value!r} is not valid: expected {meaning}")
    return number


def max_bytes_default() -> int:
    """The size limit from ``EVENTX_MAX_BYTES``, else the default; an invalid value is an error."""
    return int(_setting(ENV_MAX_BYTES, DEFAULT_MAX_BYTES, int, "a whole number of bytes (0: no limit)"))


def read_timeout() -> float:
    """Seconds a pipe, FIFO or device may stay silent (``EVENTX_READ_TIMEOUT``; 0: wait forever)."""
    return float(_setting(ENV_READ_TIMEOUT, DEFAULT_READ_TIMEOUT, float, "a number of seconds (0: no timeout)"))


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

    A file named twice (``seeds/ seeds/dev/``) is read once.  The settings are
    checked at once: an invalid ``EVENTX_MAX_BYTES`` raises :class:`SettingError`.
    """
    limit = max_bytes_default() if max_bytes is None else max_bytes
    if limit < 0:
        raise SettingError(f"max_bytes={limit} is not valid: expected a whole number of bytes (0: no limit)")
    reader = _Reader(input_format, limit, read_timeout(), id_field, text_field)
    return reader.read(paths, stdin)


def _os_problem(source: str, exc: OSError) -> InputProblem:
    if exc.errno == errno.ELOOP:
        return InputProblem(source, "symbolic link loop (too many levels of symbolic links)")
    if exc.errno == errno.ENOENT:
        if os.path.islink(source):
            return InputProblem(source, "broken symbolic link (its target does not exist)")
        return InputProblem(source, "no such file or directory")
    return InputProblem(source, f"cannot read: {exc.strerror or exc}")


def _suffixes(input_format: str) -> tuple[str, ...]:
    return {"text": (".txt",), "conllu": (".conllu", ".conll"), "jsonl": (".jsonl",)}[input_format]


class _SilentStream(io.RawIOBase):
    """A pipe, FIFO or device read without blocking forever: silence longer than ``timeout`` is an error."""

    def __init__(self, fd: int, timeout: float) -> None:
        self.fd = fd
        self.timeout = timeout

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        poller = select.poll()
        poller.register(self.fd, select.POLLIN | select.POLLHUP)
        while True:
            if not poller.poll(int(self.timeout * 1000) if self.timeout else None):
                raise TimeoutError(f"no data for {self.timeout:g} s (a FIFO or pipe with no writer?)")
            try:
                data = os.read(self.fd, len(buffer))
            except BlockingIOError:
                continue
            buffer[: len(data)] = data
            return len(data)

    def close(self) -> None:
        if not self.closed:
            os.close(self.fd)
        super().close()


def _open(path: Path, timeout: float) -> IO[bytes]:
    """A regular file as it is; anything else (FIFO, pipe, device) opened without blocking on its writer."""
    if stat.S_ISREG(os.stat(path).st_mode) or not hasattr(select, "poll"):
        return open(path, "rb")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    return io.BufferedReader(_SilentStream(fd, timeout), _CHUNK)


def _read_bounded(stream: IO[bytes], limit: int) -> bytes | str:
    """At most ``limit`` bytes (all with 0), or a problem: over the limit, NUL bytes, silence."""
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            chunk = stream.read(_CHUNK if not limit else min(_CHUNK, limit + 1 - size))
            if not chunk:
                return b"".join(chunks)
            if b"\x00" in chunk:
                return _BINARY
            chunks.append(chunk)
            size += len(chunk)
            if limit and size > limit:
                return f"over the size limit of {limit:,} bytes (raise it with --max-bytes or {ENV_MAX_BYTES})"
    except TimeoutError as exc:
        return str(exc)


_BINARY = "binary file (contains NUL bytes), not text"


def _read_line(stream: IO[bytes], cap: int) -> tuple[bytes, str | None, bool] | None:
    """One line (None at the end): its bytes, a problem (NUL bytes, over ``cap``), and whether to go on.

    A bad line is skipped to its end without being kept in memory, but never
    further than :data:`SKIP_LIMIT` bytes (or ``cap``): a stream without line
    ends (``/dev/zero``) stops there.
    """
    parts: list[bytes] = []
    size = 0
    problem: str | None = None
    while True:
        chunk = stream.readline(_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if problem is None and b"\x00" in chunk:
            problem, parts = _BINARY, []
        elif problem is None and cap and size > cap:
            problem, parts = f"line is over {cap:,} bytes (the size limit allows that much for one record)", []
        elif problem is None:
            parts.append(chunk)
        if chunk.endswith(b"\n"):
            break
        if problem is not None and size > max(cap, SKIP_LIMIT):
            return b"", f"{problem}; no line end in {size:,} bytes, the rest of the input is skipped", False
    if not size:
        return None
    return b"".join(parts), problem, True


def _decode(data: bytes, source: str) -> str | InputProblem:
    if b"\x00" in data:
        return InputProblem(source, _BINARY)
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


def _json_problem(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "not valid JSON here (nested too deeply)"
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON ({exc.msg})"
    if "integer string conversion" in str(exc):
        return f"not valid JSON here (a number of over {sys.get_int_max_str_digits():,} digits)"
    return f"not valid JSON ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})"


def _repair_surrogates(value: str, what: str, where: str, warnings: list[InputProblem]) -> str:
    """Lone surrogates (from JSON escapes such as ``\\ud800``) become U+FFFD, with a warning; offsets keep."""
    found = _SURROGATE.search(value)
    if found is None:
        return value
    warnings.append(
        InputProblem(
            where,
            f"{what} holds a lone surrogate ({found.group()!r} at character {found.start()}), replaced by U+FFFD",
            fatal=False,
        )
    )
    return _SURROGATE.sub("\ufffd", value)


class _Reader:
    """One pass over the inputs with one set of settings."""

    def __init__(self, input_format: str, limit: int, timeout: float, id_field: str, text_field: str) -> None:
        self.input_format = input_format
        self.limit = limit
        self.timeout = timeout
        self.id_field = id_field
        self.text_field = text_field

    def read(self, paths: Sequence[str], stdin: IO[bytes] | None) -> Iterator[InputItem]:
        seen: set[str] = set()
        for item in self._paths(paths, stdin):
            if isinstance(item, Path):
                real = os.path.realpath(item)  # unlike Path.resolve(), never raises on a symlink loop
                if real in seen:
                    continue
                seen.add(real)
                yield from self._file(item)
            else:
                yield item

    def _paths(self, paths: Sequence[str], stdin: IO[bytes] | None) -> Iterator[InputItem | Path]:
        """Files to read (as paths, in order), stdin documents and problems."""
        for raw in paths:
            if raw == "-":
                stream = stdin if stdin is not None else sys.stdin.buffer
                yield from self._stream(stream, "<stdin>", "stdin")
                continue
            try:
                mode = os.stat(raw).st_mode
            except OSError as exc:
                yield _os_problem(raw, exc)
                continue
            if stat.S_ISDIR(mode):
                yield from self._dir_files(Path(raw))
            else:
                yield Path(raw)

    def _dir_files(self, path: Path) -> Iterator[InputProblem | Path]:
        suffixes = _suffixes(self.input_format)
        files = sorted(p for p in path.rglob("*") if p.suffix in suffixes and not p.is_dir())
        if not files:
            yield InputProblem(str(path), f"directory holds no {' or '.join('*' + s for s in suffixes)} files")
        yield from files

    def _file(self, path: Path) -> Iterator[InputItem]:
        source = str(path)
        try:
            size = os.stat(path).st_size
            if self.input_format != "jsonl" and self.limit and size > self.limit:
                yield InputProblem(
                    source,
                    f"{size:,} bytes is over the size limit of {self.limit:,} bytes "
                    f"(raise it with --max-bytes or {ENV_MAX_BYTES})",
                )
                return
            with _open(path, self.timeout) as stream:
                yield from self._stream(stream, source, path.stem)
        except OSError as exc:
            yield _os_problem(source, exc)

    def _stream(self, stream: IO[bytes], source: str, doc_id: str) -> Iterator[InputItem]:
        if self.input_format == "jsonl":
            yield from self._jsonl(stream, source)
            return
        data = _read_bounded(stream, self.limit)
        if isinstance(data, str):
            yield InputProblem(source, data)
            return
        yield from _from_bytes(data, source, doc_id, self.input_format)

    def _jsonl(self, stream: IO[bytes], source: str) -> Iterator[InputItem]:
        """A corpus of JSON records, one a line, each with an id and a text field."""
        cap = self.limit * JSON_ESCAPE_FACTOR + JSON_LINE_SLACK if self.limit else 0
        ids: dict[str, int] = {}
        seen_any = False
        number = 0
        while True:
            try:
                read = _read_line(stream, cap)
            except TimeoutError as exc:
                yield InputProblem(f"{source}:{number + 1}", str(exc))
                return
            if read is None:
                break
            number += 1
            raw, problem, go_on = read
            if not go_on:
                yield InputProblem(f"{source}:{number}", str(problem))
                return
            if problem is None and not raw.strip():
                continue
            seen_any = True
            where = f"{source}:{number}"
            if problem is not None:
                yield InputProblem(where, problem)
                continue
            yield from self._record(raw, where, Path(source).stem, number, ids)
        if not seen_any:
            yield InputProblem(source, "empty file, no events", fatal=False)

    def _record(self, raw: bytes, where: str, stem: str, number: int, ids: dict[str, int]) -> Iterator[InputItem]:
        line = _decode(raw, where)
        if isinstance(line, InputProblem):
            yield line
            return
        try:
            record: Any = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield InputProblem(where, _json_problem(exc))
            return
        if not isinstance(record, dict):
            yield InputProblem(where, "not a JSON object")
            return
        text = record.get(self.text_field)
        if not isinstance(text, str):
            yield InputProblem(where, f"record has no {self.text_field!r} string field")
            return
        doc_id, problem = self._doc_id(record, stem, number)
        if problem is not None:
            yield InputProblem(where, problem)
            return
        warnings: list[InputProblem] = []
        doc_id = _repair_surrogates(doc_id, "id", where, warnings)
        text = _repair_surrogates(text, "text", where, warnings)
        if doc_id in ids:
            yield InputProblem(where, f"duplicate id {doc_id!r} (first on line {ids[doc_id]}); record skipped")
            return
        ids[doc_id] = number
        yield from warnings
        if self.limit and len(text.encode("utf-8")) > self.limit:
            yield InputProblem(where, f"text is over the size limit of {self.limit:,} bytes")
        elif not text.strip():
            yield InputProblem(where, "empty text, no events", fatal=False)
        else:
            date = record.get("date")
            date = date if isinstance(date, str) and date.strip() and not _SURROGATE.search(date) else None
            yield TextInput(doc_id, text, where, date)

    def _doc_id(self, record: dict[str, Any], stem: str, number: int) -> tuple[str, str | None]:
        """The record's id (a non-empty string or an integer; without one ``FILE-LINE``), or a problem."""
        if self.id_field not in record:
            return f"{stem}-{number}", None
        value = record[self.id_field]
        if isinstance(value, str) and value.strip():
            return value, None
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value), None
        return "", f"id {self.id_field!r} must be a non-empty string or an integer, not {_json_kind(value)}"


def _json_kind(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    kinds = {dict: "an object", list: "an array", float: "a fraction", str: "an empty string"}
    return kinds.get(type(value), type(value).__name__)
