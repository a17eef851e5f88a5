"""The output file of ``eventx extract -o FILE``: opened late, failing in one line.

* The file is opened on the first write, not when the command starts: a run
  that fails before its first result (a mistyped ``--model``, a damaged model,
  Ctrl-C while the model loads) leaves an existing file as it was.
* A write error (a full disk, ``-o /dev/full``, a closed pipe) becomes one
  :class:`OutputError` naming the output; later writes are dropped, so that
  closing the writers does not raise the same error again.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any, cast


class OutputError(OSError):
    """Writing the output failed; the message names the output and the reason."""


class OutputFile(io.TextIOBase):
    """A text stream to ``path`` (opened with ``mode`` on the first write) or to an open ``stream``."""

    def __init__(self, path: str | None = None, mode: str = "w", *, stream: IO[str] | None = None) -> None:
        if (path is None) == (stream is None):
            raise ValueError("give a path or a stream")
        self.path = path
        self.mode = mode
        self.target: IO[str] | None = stream
        self.name_for_messages = path if path is not None else "standard output"
        self.failed = False

    @property
    def opened(self) -> bool:
        """True once something was written (or, for a stream, always)."""
        return self.target is not None

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not self.failed and text:
            try:
                self.touch()
                assert self.target is not None
                self.target.write(text)
            except OSError as exc:
                self._fail(exc)
        return len(text)

    @property
    def buffer(self) -> Any:
        """The binary buffer under the file (opened now), for writers of binary formats (Parquet)."""
        self.touch()
        return cast(Any, self.target).buffer

    def touch(self) -> None:
        """Open the file now if nothing was written (a finished run with no output still replaces it)."""
        if not self.failed and self.target is None:
            try:
                assert self.path is not None
                self.target = open(self.path, self.mode, encoding="utf-8", newline="")
            except OSError as exc:
                self._fail(exc)

    def flush(self) -> None:
        if not self.failed and self.target is not None and not self.target.closed:
            try:
                self.target.flush()
            except OSError as exc:
                self._fail(exc)

    def close(self) -> None:
        """Close a file this object opened (a given stream stays open); errors after a failure are ignored."""
        if self.path is not None and self.target is not None and not self.target.closed:
            try:
                self.target.close()
            except OSError as exc:
                if not self.failed:
                    self._fail(exc)
        super().close()

    @contextmanager
    def reporting_errors(self) -> Iterator[None]:
        """Turn an ``OSError`` of writing through :attr:`buffer` (binary formats) into an :class:`OutputError`."""
        try:
            yield
        except OutputError:
            raise
        except OSError as exc:
            self._fail(exc)

    def _fail(self, exc: OSError) -> None:
        self.failed = True
        raise OutputError(f"cannot write to {self.name_for_messages}: {exc.strerror or exc}") from None
