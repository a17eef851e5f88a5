"""The reusable extractor: one plugin manager, one Stanza pipeline, many documents."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from typing import Any

from attrs import define, field

from eventx.document import ParsedDocument
from eventx.models import ModelInfo, model_processors, resolve_model
from eventx.parsing import DEFAULT_BATCH_SIZE, StanzaParser
from eventx.plugins import ExtractorSpec, PluginManager, processors_needed
from eventx.records import Event

DocumentInput = Any  # a text, an (id, text) pair, a Stanza Document, an (id, Document) pair, a ParsedDocument


@define(frozen=True)
class DocumentResult:
    """The outcome for one document: its events, or the error that stopped it."""

    doc_id: str
    events: list[Event] = field(factory=list)
    error: str | None = None


class Extractor:
    """Loads plugins and the Stanza pipeline once, then extracts events from many documents.

    >>> ex = Extractor()                                  # doctest: +SKIP
    >>> ex.extract("Talks between Armenia and Azerbaijan resumed in Geneva.")  # doctest: +SKIP

    :param model: a model name or folder (see :func:`eventx.models.resolve_model`).
    :param plugins: a ready :class:`PluginManager`; otherwise one is built from
        ``load``/``block``/``strict`` and the installed entry points.
    :param extractors: names of the extractors to run (default: all registered).
    :param batch_size: documents per Stanza pipeline call.
    """

    def __init__(
        self,
        *,
        model: str | None = None,
        plugins: PluginManager | None = None,
        load: Sequence[str] | None = None,
        block: Sequence[str] = (),
        strict: bool | None = None,
        extractors: Sequence[str] | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        use_gpu: bool | None = None,
    ) -> None:
        self.plugins = plugins if plugins is not None else PluginManager(load=load, block=block, strict=strict)
        self._model_choice = model
        self._wanted = list(extractors) if extractors is not None else None
        self.batch_size = max(1, batch_size)
        self.use_gpu = use_gpu
        self._warned_missing = False

    # ------------------------------------------------------------------ configuration
    @cached_property
    def extractors(self) -> list[ExtractorSpec]:
        """The active extractors."""
        specs = self.plugins.extractors
        if self._wanted is None:
            return specs
        known = {s.name: s for s in specs}
        unknown = [n for n in self._wanted if n not in known]
        if unknown:
            raise ValueError(f"unknown extractor(s) {', '.join(unknown)}; available: {', '.join(known) or 'none'}")
        return [known[n] for n in self._wanted]

    @cached_property
    def model(self) -> ModelInfo:
        return resolve_model(self._model_choice)

    @property
    def processors(self) -> list[str]:
        """The Stanza processors the active extractors need, with their prerequisites."""
        requested: set[str] = {"tokenize"}
        for spec in self.extractors:
            requested |= spec.processors
        needed = processors_needed(requested)
        available = model_processors(self.model)
        missing = [p for p in needed if p not in available and p != "mwt"]
        if missing and not self._warned_missing:
            self._warned_missing = True
            print(
                f"eventx: warning: model {self.model.name} has no {', '.join(missing)} processor; "
                "extractors that read it will see nothing from it",
                file=sys.stderr,
            )
        return [p for p in needed if p in available]

    @cached_property
    def parser(self) -> StanzaParser:
        return StanzaParser(self.model, self.processors, use_gpu=self.use_gpu)

    # ------------------------------------------------------------------ parsing
    def parse(self, text: str, doc_id: str = "doc") -> ParsedDocument:
        """Parse one text with the active model; ``text`` must be a ``str`` (:class:`TypeError` otherwise)."""
        check_text(text)
        return ParsedDocument(doc_id, self.parser.parse([text])[0], text)

    # ------------------------------------------------------------------ extraction
    def extract(self, text: str, doc_id: str = "doc") -> list[Event]:
        """The events of one text."""
        return self.extract_document(self.parse(text, doc_id))

    def extract_document(self, document: ParsedDocument) -> list[Event]:
        """Run every active extractor on a parsed document, then the ``process_events`` chain."""
        events: list[Event] = []
        for spec in self.extractors:
            events.extend(self.plugins.run_extractor(spec, document))
        events = self.plugins.process_events(events, document)
        return sorted(events, key=lambda e: (e.trigger.start, e.trigger.end, e.type))

    def results(self, documents: Iterable[DocumentInput]) -> Iterator[DocumentResult]:
        """Extract from many documents, parsing texts in batches; one result per document, in order.

        Each item may be a text, an ``(id, text)`` pair, a Stanza ``Document``,
        an ``(id, Document)`` pair, or a :class:`ParsedDocument`.
        """
        pending: list[tuple[str, str]] = []
        for number, item in enumerate(documents, start=1):
            parsed = _as_parsed(item, number)
            if parsed is not None:
                yield from self._flush(pending)
                pending = []
                yield DocumentResult(parsed.doc_id, self.extract_document(parsed))
                continue
            pending.append(_as_text(item, number))
            if len(pending) >= self.batch_size:
                yield from self._flush(pending)
                pending = []
        yield from self._flush(pending)

    def extract_many(self, documents: Iterable[DocumentInput]) -> Iterator[Event]:
        """Stream the events of many documents (see :meth:`results`)."""
        for result in self.results(documents):
            yield from result.events

    def _flush(self, pending: list[tuple[str, str]]) -> Iterator[DocumentResult]:
        if not pending:
            return
        docs = self.parser.parse([text for _, text in pending])
        for (doc_id, text), doc in zip(pending, docs, strict=True):
            yield DocumentResult(doc_id, self.extract_document(ParsedDocument(doc_id, doc, text)))


def check_text(text: object) -> None:
    """Raise a :class:`TypeError` that says what is expected when ``text`` is not a ``str``."""
    if isinstance(text, str):
        return
    hint = " (decode it first, e.g. data.decode('utf-8'))" if isinstance(text, (bytes, bytearray)) else ""
    raise TypeError(f"eventx expects the document text as a str, got {type(text).__name__}{hint}")


def _as_parsed(item: Any, number: int) -> ParsedDocument | None:
    if isinstance(item, ParsedDocument):
        return item
    if isinstance(item, tuple) and len(item) == 2 and not isinstance(item[1], str):
        return ParsedDocument(str(item[0]), item[1])
    if hasattr(item, "sentences") and not isinstance(item, str):
        return ParsedDocument(f"doc-{number}", item)
    return None


def _as_text(item: Any, number: int) -> tuple[str, str]:
    if isinstance(item, str):
        return f"doc-{number}", item
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], str):
        return str(item[0]), item[1]
    raise TypeError(
        f"document {number}: expected a text, an (id, text) pair or a parsed document, got {type(item).__name__}"
    )


_default: Extractor | None = None


def extract(text: str, doc_id: str = "doc", *, model: str | None = None) -> list[Event]:
    """The events of one text, with every installed plugin and the default model.

    The extractor behind it is built once and reused by later calls.
    """
    global _default
    check_text(text)
    if model is not None:
        return Extractor(model=model).extract(text, doc_id)
    if _default is None:
        _default = Extractor()
    return _default.extract(text, doc_id)
