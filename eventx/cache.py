"""The parse cache: each document's parse stored once, as CoNLL-U, keyed by its text and the model.

A parse depends on the text and on the model's identity (name, version,
package, processors, and eventx's own text splitting), so the key is a
SHA-256 of both.  A later run over the same texts with the same model (with
other plugins, lexicons or rules) reads the parse back with the light reader
(:mod:`eventx.conllu`) and skips Stanza entirely.

Layout: ``DIR/<identity hash>/<2 hex>/<text hash>.conllu``.  Entries are
written to a temporary file and renamed, so a run interrupted mid-write, or
several processes sharing a folder, never leave a half entry; an unreadable
entry counts as a miss and is parsed again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

from eventx.conllu import ConlluError, read_conllu


class ParseCache:
    """Parsed documents stored under a folder, for one model identity.

    :param directory: the cache folder (created when missing).
    :param identity: what the parse depends on besides the text
        (:attr:`eventx.parsing.StanzaParser.identity`).
    """

    def __init__(self, directory: str | os.PathLike[str], identity: str) -> None:
        self.root = Path(directory)
        self.identity = identity
        self.folder = self.root / _digest(identity)[:16]
        self.hits = 0
        self.misses = 0

    def path(self, text: str) -> Path:
        key = _digest(text)
        return self.folder / key[:2] / f"{key}.conllu"

    def get(self, text: str) -> Any | None:
        """The cached parse of ``text`` (a light :class:`eventx.conllu.Document`), or None."""
        try:
            data = self.path(text).read_text(encoding="utf-8")
            doc, _ = read_conllu(data)
        except (OSError, UnicodeDecodeError, ConlluError):
            self.misses += 1
            return None
        self.hits += 1
        return doc

    def put(self, text: str, doc: Any) -> Any:
        """Store a fresh parse; returns the document to use (the light document read back from it).

        Reading it back means a cold run and a warm run see the very same
        objects.  A cache that cannot be written (full disk, read-only folder)
        is skipped and the fresh parse returned.
        """
        from eventx.parsing import to_conllu

        data = to_conllu(doc)
        path = self.path(text)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as tmp:
                tmp.write(data)
            os.replace(tmp.name, path)
        except OSError:
            return doc
        try:
            return read_conllu(data)[0]
        except ConlluError:
            return doc


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()
