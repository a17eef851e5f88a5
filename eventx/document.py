"""A parsed document as extractors see it: id, original text and navigable sentences."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from eventx.records import Span
from eventx.trees import ParsedSentence


class ParsedDocument:
    """A Stanza ``Document`` with its id and :class:`ParsedSentence` views.

    Offsets everywhere are character offsets into :attr:`text`, the original
    document text (for CoNLL-U input without offsets, the text rebuilt from it).
    """

    def __init__(self, doc_id: str, stanza_doc: Any, text: str | None = None) -> None:
        self.doc_id = doc_id
        self.stanza = stanza_doc
        self.text: str = text if text is not None else (stanza_doc.text or "")
        # What rules derive from the whole document once and every plugin reuses (keys: "module.name").
        self.derived: dict[str, Any] = {}

    def __repr__(self) -> str:
        return f"ParsedDocument({self.doc_id!r}, {len(self.sentences)} sentences)"

    @cached_property
    def sentences(self) -> list[ParsedSentence]:
        return [ParsedSentence(s, i, self.text) for i, s in enumerate(self.stanza.sentences)]

    def span(self, start: int, end: int) -> Span:
        """The span of the document text between two offsets."""
        return Span(text=self.text[start:end], start=start, end=end)
