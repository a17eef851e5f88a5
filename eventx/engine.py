"""The run loop: documents in, results out, in one place.

Every way of running eventx goes through :class:`Engine`: the Python API
(:meth:`eventx.Extractor.results`, :func:`eventx.extract`), the CLI
(``eventx extract``), the worker processes of ``--workers`` and the Dask
workers.  For each batch of documents it

1. sorts inputs into texts to parse and documents already parsed;
2. looks the texts up in the parse cache (when there is one);
3. parses the rest in one batched pipeline call, and stores them in the cache;
4. runs every active extractor on each document (:meth:`Engine.extract_document`),
   checking each plugin's events in :meth:`Engine.accept` (:mod:`eventx.validation`);
5. runs the ``process_events`` hook chain, then the per-document
   post-processing step :meth:`Engine.postprocess`;
6. yields one :class:`DocumentResult` per document, in input order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from attrs import define, field

from eventx.document import ParsedDocument
from eventx.records import Event

if TYPE_CHECKING:
    from eventx.cache import ParseCache
    from eventx.plugins import ExtractorSpec, PluginManager

DocumentInput = Any  # a text, an (id, text) pair, a Stanza Document, an (id, Document) pair, a ParsedDocument
Parse = Callable[[Sequence[str]], list[Any]]


@define(frozen=True)
class DocumentResult:
    """The outcome for one document: its events, or the error that stopped it."""

    doc_id: str
    events: list[Event] = field(factory=list)
    error: str | None = None


class Engine:
    """Parses and extracts batch by batch; the one owner of the run loop.

    :param plugins: the plugin manager whose hooks run.
    :param extractors: a callable returning the active extractor specs (called once, lazily).
    :param parse: parses several texts in one call, returning one parsed document per text.
    :param batch_size: documents per batch (and per pipeline call).
    :param cache: a :class:`eventx.cache.ParseCache`, or a callable returning one (or None).
    """

    def __init__(
        self,
        plugins: PluginManager,
        extractors: Callable[[], list[ExtractorSpec]],
        parse: Parse,
        *,
        batch_size: int = 32,
        cache: ParseCache | Callable[[], ParseCache | None] | None = None,
    ) -> None:
        self.plugins = plugins
        self._extractors = extractors
        self._parse = parse
        self.batch_size = max(1, batch_size)
        self._cache = cache

    @property
    def extractors(self) -> list[ExtractorSpec]:
        return self._extractors()

    @property
    def cache(self) -> ParseCache | None:
        if callable(self._cache):
            self._cache = self._cache()
        return self._cache

    # ------------------------------------------------------------------ the loop
    def results(self, documents: Iterable[DocumentInput]) -> Iterator[DocumentResult]:
        """One result per document, in input order; texts are parsed ``batch_size`` at a time.

        The first batches are smaller (1, 2, 4, ... documents), so that the first results come at once.
        """
        for batch in batches(_numbered(documents), self.batch_size, ramp=True):
            yield from self._run(batch)

    def _run(self, batch: list[tuple[str, str | ParsedDocument]]) -> Iterator[DocumentResult]:
        texts = [item for _, item in batch if isinstance(item, str)]
        parsed = iter(self.parse(texts))
        for doc_id, item in batch:
            document = item if isinstance(item, ParsedDocument) else ParsedDocument(doc_id, next(parsed), item)
            yield DocumentResult(document.doc_id, self.extract_document(document))

    def parse(self, texts: Sequence[str]) -> list[Any]:
        """Parsed documents for texts: from the cache where it has them, else from the parser."""
        if not texts:
            return []
        cache = self.cache
        if cache is None:
            return self._parse(texts)
        found: list[Any] = [cache.get(text) for text in texts]
        missing = [i for i, doc in enumerate(found) if doc is None]
        if missing:
            fresh = self._parse([texts[i] for i in missing])
            for i, doc in zip(missing, fresh, strict=True):
                found[i] = cache.put(texts[i], doc)
        return found

    # ------------------------------------------------------------------ one document
    def extract_document(self, document: ParsedDocument) -> list[Event]:
        """Every active extractor on one parsed document, then ``process_events``, then post-processing."""
        events: list[Event] = []
        for spec in self.extractors:
            events.extend(self.accept(spec.name, self.plugins.run_extractor(spec, document), document))
        events = self.plugins.process_events(events, document)
        return self.postprocess(events, document)

    def accept(self, plugin: str, events: list[Event], document: ParsedDocument) -> list[Event]:
        """The events a plugin returned for a document that may go on.

        The single place where plugin output is checked before the core uses it:
        every execution path (API, CLI, worker processes, Dask) passes through here.
        An invalid event (:func:`eventx.validation.event_problem`) is a failure of
        the plugin that registered the extractor, which then contributes nothing
        for this document.  (Each step of the ``process_events`` chain is checked
        with the same function, inside the chain, so that a bad step is skipped.)
        """
        return self.plugins.check_extracted(plugin, events, document)

    def postprocess(self, events: list[Event], document: ParsedDocument) -> list[Event]:
        """The per-document step after the hook chain: events in document order."""
        return sorted(events, key=lambda e: (e.trigger.start, e.trigger.end, e.type))


def _numbered(documents: Iterable[DocumentInput]) -> Iterator[tuple[str, str | ParsedDocument]]:
    """Each input as (id, text) or (id, parsed document); ids default to ``doc-N``."""
    for number, item in enumerate(documents, start=1):
        if isinstance(item, ParsedDocument):
            yield item.doc_id, item
        elif isinstance(item, str):
            yield f"doc-{number}", item
        elif isinstance(item, tuple) and len(item) == 2:
            doc_id, body = str(item[0]), item[1]
            yield doc_id, body if isinstance(body, str) else ParsedDocument(doc_id, body)
        elif hasattr(item, "doc_id") and isinstance(getattr(item, "text", None), str):  # eventx.inputs.TextInput
            yield str(item.doc_id), item.text
        elif hasattr(item, "sentences"):
            yield f"doc-{number}", ParsedDocument(f"doc-{number}", item)
        else:
            raise TypeError(
                f"document {number}: expected a text, an (id, text) pair or a parsed document, "
                f"got {type(item).__name__}"
            )


def batches(items: Iterable[Any], size: int, *, ramp: bool = False) -> Iterator[list[Any]]:
    """Items in lists of ``size`` (the last one shorter).

    With ``ramp`` the first lists hold 1, 2, 4, ... items up to ``size``, so that the
    first documents of a run are written without waiting for a whole batch.
    """
    batch: list[Any] = []
    current = 1 if ramp else size
    for item in items:
        batch.append(item)
        if len(batch) >= current:
            yield batch
            batch = []
            current = min(size, current * 2)
    if batch:
        yield batch
