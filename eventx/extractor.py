"""The reusable extractor: one plugin manager, one Stanza pipeline, many documents.

:class:`Extractor` holds the configuration (plugins, model, processors, device,
parse cache); the run loop itself is :class:`eventx.engine.Engine`.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from attrs import define

from eventx.document import ParsedDocument
from eventx.engine import DocumentInput, DocumentResult, Engine
from eventx.models import ModelInfo, model_processors, resolve_model
from eventx.parsing import DEFAULT_BATCH_SIZE, StanzaParser
from eventx.plugins import ExtractorSpec, PluginManager, processors_needed
from eventx.records import Event
from eventx.text import RepairingParser

if TYPE_CHECKING:
    from eventx.cache import ParseCache
    from eventx.eventdata.records import DocumentEvent

__all__ = ["DocumentInput", "DocumentResult", "Extractor", "Settings", "extract"]

ENV_CACHE = "EVENTX_CACHE"


@define(frozen=True)
class Settings:
    """Everything needed to build an :class:`Extractor` again elsewhere (a worker process, a Dask worker).

    Plain, picklable values only; :meth:`build` makes the extractor.
    """

    model: str | None = None
    load: tuple[str, ...] | None = None
    block: tuple[str, ...] = ()
    strict: bool | None = None
    extractors: tuple[str, ...] | None = None
    batch_size: int = DEFAULT_BATCH_SIZE
    device: str | None = None
    cache: str | None = None
    tracebacks: bool = False  # report each plugin failure's traceback
    resolve: bool = True
    document_date: str | None = None

    def build(self, *, report: Callable[[str], None] | None = None) -> Extractor:
        """An extractor with these settings; plugin failure messages go to ``report`` (default: stderr)."""
        plugins = PluginManager(
            load=list(self.load) if self.load is not None else None,
            block=list(self.block),
            strict=self.strict,
            report=report,
            tracebacks=self.tracebacks,
        )
        return Extractor(
            plugins=plugins,
            model=self.model,
            extractors=self.extractors,
            batch_size=self.batch_size,
            device=self.device,
            cache=self.cache,
            settings=self,
            resolve=self.resolve,
            document_date=self.document_date,
        )


class Extractor:
    """Loads plugins and the Stanza pipeline once, then extracts events from many documents.

    >>> ex = Extractor()                                  # doctest: +SKIP
    >>> ex.extract("Talks between Armenia and Azerbaijan resumed in Geneva.")  # doctest: +SKIP

    :param model: a model name or folder (see :func:`eventx.models.resolve_model`).
    :param plugins: a ready :class:`PluginManager`; otherwise one is built from
        ``load``/``block``/``strict`` and the installed entry points.
    :param extractors: names of the extractors to run (default: all registered).
    :param batch_size: documents per Stanza pipeline call.
    :param device: where Stanza runs: ``"cpu"``, ``"cuda"`` or ``"cuda:N"`` (default: Stanza's choice,
        a GPU when torch sees one).
    :param cache: a folder for the parse cache (default: ``EVENTX_CACHE``; none when unset or empty).
    :param resolve: group each document's mentions into document-level events and annotate their
        actors, places and times in :meth:`results` (:mod:`eventx.eventdata`).
    :param document_date: the date (``YYYY-MM-DD``) of documents that bring none of their own
        (an ``(id, text, date)`` triple, a JSONL ``date`` field); otherwise each dateline decides.
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
        device: str | None = None,
        cache: str | os.PathLike[str] | None = None,
        settings: Settings | None = None,
        resolve: bool = True,
        document_date: str | None = None,
    ) -> None:
        self.plugins = plugins if plugins is not None else PluginManager(load=load, block=block, strict=strict)
        self._model_choice = model
        self._wanted = list(extractors) if extractors is not None else None
        self.batch_size = max(1, batch_size)
        self.device = device if device is not None else (None if use_gpu is None else ("cuda" if use_gpu else "cpu"))
        self.use_gpu = use_gpu
        self.cache_dir = str(cache) if cache else (os.environ.get(ENV_CACHE) or None)
        self._warned_missing = False
        self.resolve = resolve
        self.document_date = document_date
        self._doc_ids: Counter[str] = Counter()
        self.settings = settings or (
            None
            if plugins is not None
            else Settings(
                model=model,
                load=tuple(load) if load is not None else None,
                block=tuple(block),
                strict=strict,
                extractors=tuple(extractors) if extractors is not None else None,
                batch_size=self.batch_size,
                device=self.device,
                cache=self.cache_dir,
                resolve=resolve,
                document_date=document_date,
            )
        )

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
        return RepairingParser(self.model, self.processors, device=self.device)  # eventx.text: mojibake, case

    @cached_property
    def engine(self) -> Engine:
        """The run loop, with this extractor's plugins, parser and cache."""
        return Engine(
            self.plugins,
            lambda: self.extractors,
            lambda texts: self.parser.parse(texts),
            batch_size=self.batch_size,
            cache=self._make_cache,
            resolve=self._resolve_document if self.resolve else None,
        )

    def _resolve_document(
        self, document: ParsedDocument, mentions: list[Event], date: str | None
    ) -> tuple[list[Event], list[DocumentEvent]]:
        """:func:`eventx.eventdata.resolve_document`, with ``event_id`` unique in this extractor's run."""
        from eventx.eventdata import resolve_document

        seen = self._doc_ids[document.doc_id] + 1
        prefix = document.doc_id if seen == 1 else f"{document.doc_id}~{seen}"
        resolved = resolve_document(document, mentions, date or self.document_date, id_prefix=prefix)
        self._doc_ids[document.doc_id] = seen  # counted once resolved (a bad date is retried without it)
        return resolved

    def _make_cache(self) -> ParseCache | None:
        if not self.cache_dir:
            return None
        from eventx.cache import ParseCache

        return ParseCache(self.cache_dir, self.parser.identity)

    # ------------------------------------------------------------------ parsing
    def parse(self, text: str, doc_id: str = "doc") -> ParsedDocument:
        """Parse one text with the active model (through the parse cache when there is one).

        ``text`` must be a ``str`` (a :class:`TypeError` says so otherwise).
        """
        check_text(text)
        return ParsedDocument(doc_id, self.engine.parse([text])[0], text)

    # ------------------------------------------------------------------ extraction
    def extract(self, text: str, doc_id: str = "doc") -> list[Event]:
        """The events of one text (a long one is read in sections: :mod:`eventx.longtext`)."""
        check_text(text)
        return self.engine.extract_text(doc_id, text)

    def extract_document(self, document: ParsedDocument) -> list[Event]:
        """Run every active extractor on a parsed document, then the ``process_events`` chain."""
        return self.engine.extract_document(document)

    def results(self, documents: Iterable[DocumentInput]) -> Iterator[DocumentResult]:
        """Extract from many documents, parsing texts in batches; one result per document, in order.

        Each item may be a text, an ``(id, text)`` pair, an ``(id, text, date)`` triple,
        a Stanza ``Document``, an ``(id, Document)`` pair, or a :class:`ParsedDocument`.
        With ``resolve`` on (the default), each result's ``document_events`` holds the
        document's events and each mention its ``event_id``, unique within this call (a run):
        each call starts the count of repeated document ids afresh, so that the same input
        gives the same ids whenever it runs (a worker's batch, a Dask task run again).
        """
        self._doc_ids.clear()
        return self.engine.results(documents)

    def extract_many(self, documents: Iterable[DocumentInput]) -> Iterator[Event]:
        """Stream the events of many documents (see :meth:`results`)."""
        for result in self.results(documents):
            yield from result.events


def check_text(text: object) -> None:
    """Raise a :class:`TypeError` that says what is expected when ``text`` is not a ``str``."""
    if isinstance(text, str):
        return
    hint = " (decode it first, e.g. data.decode('utf-8'))" if isinstance(text, (bytes, bytearray)) else ""
    raise TypeError(f"eventx expects the document text as a str, got {type(text).__name__}{hint}")


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
