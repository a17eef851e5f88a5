"""Output a run can be interrupted in and resumed from (``eventx extract -o OUT --resume``).

Each document's output is written in one piece and flushed when the document
is done (:class:`DocumentStream`); the ids of finished documents go, one a
line, to ``OUT.progress`` (:class:`Progress`).  Resuming (:func:`prepare_resume`)

1. cuts a half-written last line off ``OUT`` (left by SIGKILL or a power cut);
2. takes the finished documents from ``OUT.progress``, or, when there is none
   (the first run had no ``--resume``), the documents in ``OUT`` less the last
   one (which may be incomplete);
3. drops from ``OUT`` the lines of any document not finished, and returns the
   finished ids, which the run then skips, appending the rest.

The final file equals an uninterrupted run's, because documents are written in
input order and a resumed run starts where the finished ones end.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import IO, Any, cast

PROGRESS_SUFFIX = ".progress"


def progress_path(output: str | os.PathLike[str]) -> Path:
    return Path(f"{os.fspath(output)}{PROGRESS_SUFFIX}")


class DocumentStream(io.TextIOBase):
    """A text stream that holds what is written until :meth:`commit` writes it in one piece and flushes.

    Writers flush after every event; here that flush waits for the document's end,
    so an interrupted run leaves whole documents (and whole lines) behind.
    """

    def __init__(self, target: IO[str]) -> None:
        self.target = target
        self._pending: list[str] = []

    def writable(self) -> bool:
        return True

    @property
    def buffer(self) -> Any:
        """The binary buffer under the target stream, for writers of binary formats (Parquet)."""
        self.commit()
        return cast(Any, self.target).buffer  # AttributeError where there is none, as on a text buffer

    def write(self, text: str) -> int:
        self._pending.append(text)
        return len(text)

    def flush(self) -> None:
        """Nothing until the document is done (see :meth:`commit`)."""

    def commit(self) -> None:
        if self._pending:
            data, self._pending = "".join(self._pending), []
            self.target.write(data)
        self.target.flush()


class Progress:
    """Appends the id of each finished document to ``OUT.progress``."""

    def __init__(self, output: str | os.PathLike[str]) -> None:
        self.stream = open(progress_path(output), "a", encoding="utf-8")

    def done(self, doc_id: str) -> None:
        self.stream.write(json.dumps(doc_id, ensure_ascii=False) + "\n")
        self.stream.flush()

    def close(self) -> None:
        self.stream.close()


def prepare_resume(output: str | os.PathLike[str]) -> set[str]:
    """Make ``output`` hold only whole, finished documents; return their ids (see the module docs)."""
    path = Path(output)
    if not path.exists():
        progress_path(path).unlink(missing_ok=True)
        return set()
    lines = _whole_lines(path.read_bytes())
    ids = [_doc_id(line) for line in lines]
    recorded = _read_progress(progress_path(path))
    if recorded is not None:
        done = recorded
    else:
        present = [i for i in ids if i is not None]
        done = set(present) - ({present[-1]} if present else set())
    kept = [line for line, doc_id in zip(lines, ids, strict=True) if doc_id in done]
    if len(kept) != len(lines) or path.stat().st_size != sum(len(line) for line in lines):
        tmp = path.with_name(path.name + ".resume-tmp")
        tmp.write_bytes(b"".join(kept))
        os.replace(tmp, path)
    if recorded is None:
        progress_path(path).write_text(
            "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in sorted(done)), encoding="utf-8"
        )
    return done


def _whole_lines(data: bytes) -> list[bytes]:
    end = data.rfind(b"\n") + 1
    return data[:end].splitlines(keepends=True)


def _doc_id(line: bytes) -> str | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    value = record.get("doc_id") if isinstance(record, dict) else None
    return value if isinstance(value, str) else None


def _read_progress(path: Path) -> set[str] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    done = set()
    for line in _whole_lines(data):
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, str):
            done.add(value)
    return done
