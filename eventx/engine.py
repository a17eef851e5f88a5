"""The run loop: documents in, results out, in one place.

Every way of running eventx goes through :class:`Engine`: the Python API
(:meth:`eventx.Extractor.results`, :func:`eventx.extract`), the CLI
(``eventx extract``), the worker processes of ``--workers`` and the Dask
workers.  For each batch of documents it

1. sorts inputs into texts to parse and documents already parsed;
2. looks the texts up in the parse cache (when there is one);
3. parses the rest in one batched pipeline call, and stores them in the cache (a text over
   :data:`eventx.longtext.SECTION_CHARS` is parsed and extracted section by section instead);
4. runs every active extractor on each document (:meth:`Engine.extract_document`),
   checking each plugin's events in :meth:`Engine.accept` (:mod:`eventx.validation`);
5. runs the ``process_events`` hook chain, then the per-document
   post-processing step :meth:`Engine.postprocess`;
6. resolves the document (when given a ``resolve`` step: :func:`eventx.eventdata.resolve_document`
   groups the mentions into document-level events and annotates their spans);
7. yields one :class:`DocumentResult` per document, in input order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from attrs import define, evolve, field

from eventx import longtext
from eventx.collector import collector_paused
from eventx.document import ParsedDocument
from eventx.records import Event
from eventx.rules.lexicons import pinned_search_path

if TYPE_CHECKING:
    from eventx.cache import ParseCache
    from eventx.eventdata.records import DocumentEvent
    from eventx.plugins import ExtractorSpec, PluginFailure, PluginManager

DocumentInput = Any  # a text, an (id, text) or (id, text, date) tuple, a Stanza Document, an (id, Document) pair, ...
Parse = Callable[[Sequence[str]], list[Any]]
# The document resolution step: (document, mentions, document date) -> (mentions, document-level events).
Resolve = Callable[[ParsedDocument, list[Event], "str | None"], "tuple[list[Event], list[DocumentEvent]]"]


@define(frozen=True)
class DocumentResult:
    """The outcome for one document: its event mentions, its document-level events, or the error that stopped it.

    ``events`` are the mentions (each with its ``event_id`` when resolution ran);
    ``document_events`` the real-world events they group into (:mod:`eventx.eventdata`).
    """

    doc_id: str
    events: list[Event] = field(factory=list)
    error: str | None = None
    failures: list[PluginFailure] = field(factory=list)  # plugins that failed on this document
    document_events: list[DocumentEvent] = field(factory=list)
    text: str | None = field(default=None, repr=False)  # the document's text, when the run had it

    def _repr_html_(self) -> str:
        """How a notebook shows the result: the HTML view (see :func:`eventx.render_html`)."""
        from eventx.views import render_html

        return render_html(self, full_page=False)


class Engine:
    """Parses and extracts batch by batch; the one owner of the run loop.

    :param plugins: the plugin manager whose hooks run.
    :param extractors: a callable returning the active extractor specs (called once, lazily).
    :param parse: parses several texts in one call, returning one parsed document per text.
    :param batch_size: documents per batch (and per pipeline call).
    :param cache: a :class:`eventx.cache.ParseCache`, or a callable returning one (or None).
    :param resolve: the document resolution step run after extraction (None: mentions only).
    """

    def __init__(
        self,
        plugins: PluginManager,
        extractors: Callable[[], list[ExtractorSpec]],
        parse: Parse,
        *,
        batch_size: int = 32,
        cache: ParseCache | Callable[[], ParseCache | None] | None = None,
        resolve: Resolve | None = None,
    ) -> None:
        self.plugins = plugins
        self._extractors = extractors
        self._parse = parse
        self.batch_size = max(1, batch_size)
        self._cache = cache
        self._resolve = resolve

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
        A batch of parsed documents (pre-parsed CoNLL-U, Stanza ``Document`` objects) is read, its
        events extracted and its documents dropped in one pause of the collector (see
        :mod:`eventx.collector`), which then walks their objects once instead of at every step.
        """
        units = batches(_numbered(documents), self.batch_size, ramp=True)
        while True:
            with collector_paused():
                batch = next(units, None)  # reading pre-parsed input happens here
                if batch is None:
                    return
                parsed = all(isinstance(item, ParsedDocument) for _, item, _ in batch)
                if parsed:
                    done, stopped = self._run_whole(batch)
                    batch.clear()  # the documents become garbage inside the pause
            if not parsed:
                yield from self._run(batch)
                continue
            yield from done  # the finished ones first, even when the batch was stopped early
            if stopped is not None:
                raise stopped

    def _run_whole(
        self, batch: list[tuple[str, str | ParsedDocument, str | None]]
    ) -> tuple[list[DocumentResult], BaseException | None]:
        """The results of a batch, and what stopped it early (Ctrl-C, a fatal error) or None."""
        done: list[DocumentResult] = []
        try:
            done.extend(self._run(batch))
        except BaseException as exc:  # noqa: BLE001 - raised again once the finished results are out
            return done, exc
        return done, None

    def _run(self, batch: list[tuple[str, str | ParsedDocument, str | None]]) -> Iterator[DocumentResult]:
        texts = [item for _, item, _ in batch if isinstance(item, str) and not longtext.is_long(item)]
        parsed = iter(self.parse(texts))
        for doc_id, item, date in batch:
            before = len(self.plugins.failures)
            if isinstance(item, str) and longtext.is_long(item):  # section by section
                document, mentions = ParsedDocument(doc_id, None, item), self.extract_text(doc_id, item)
            else:
                document = item if isinstance(item, ParsedDocument) else ParsedDocument(doc_id, next(parsed), item)
                mentions = self.extract_document(document)
            result = self.resolve(document, mentions, date)
            failures = self.plugins.failures[before:]
            yield evolve(result, failures=failures) if failures else result  # most documents: none

    def resolve(self, document: ParsedDocument, mentions: list[Event], date: str | None) -> DocumentResult:
        """The document's result after the resolution step.

        A malformed input date is the document's error (one line naming it); the document
        is still resolved, without that date, so that no work is lost.
        """
        if self._resolve is None:
            return DocumentResult(document.doc_id, mentions, text=document.text)
        error = None
        try:
            resolved, events = self._resolve(document, mentions, date)
        except ValueError as exc:
            error = f"{document.doc_id}: {exc}"
            resolved, events = self._resolve(document, mentions, None)
        return DocumentResult(document.doc_id, resolved, error, document_events=events, text=document.text)

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
    def extract_text(self, doc_id: str, text: str) -> list[Event]:
        """The events of one text; a long one is parsed and extracted in sections (:mod:`eventx.longtext`)."""
        return longtext.extract_in_sections(doc_id, text, self.parse, self.extract_document)

    def extract_document(self, document: ParsedDocument) -> list[Event]:
        """Every active extractor on one parsed document, then ``process_events``, then post-processing."""
        events: list[Event] = []
        with pinned_search_path(), collector_paused():
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


def _numbered(documents: Iterable[DocumentInput]) -> Iterator[tuple[str, str | ParsedDocument, str | None]]:
    """Each input as (id, text or parsed document, its date or None); ids default to ``doc-N``."""
    for number, item in enumerate(documents, start=1):
        if isinstance(item, ParsedDocument):
            yield item.doc_id, item, None
        elif isinstance(item, str):
            yield f"doc-{number}", item, None
        elif isinstance(item, tuple) and len(item) in (2, 3):
            doc_id, body = str(item[0]), item[1]
            date = item[2] if len(item) == 3 else None
            yield doc_id, body if isinstance(body, str) else ParsedDocument(doc_id, body), date
        elif hasattr(item, "doc_id") and isinstance(getattr(item, "text", None), str):  # eventx.inputs.TextInput
            yield str(item.doc_id), item.text, getattr(item, "date", None)
        elif hasattr(item, "sentences"):
            yield f"doc-{number}", ParsedDocument(f"doc-{number}", item), None
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
