"""Batch runs for the CLI: results from the engine, written as each document finishes.

One bad input is reported and skipped; the others go on.  With ``workers > 1``
documents are parsed in worker processes, each running its own
:class:`eventx.engine.Engine`, and written in input order.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from attrs import define

from eventx.engine import DocumentResult, batches
from eventx.extractor import Extractor, Settings
from eventx.inputs import InputItem, InputProblem, TextInput
from eventx.outputs import EventWriter
from eventx.plugins import PluginFailure
from eventx.serialize import event_from_dict, event_to_dict


@define
class RunSummary:
    documents: int = 0
    events: int = 0
    failed_inputs: int = 0
    warnings: int = 0
    plugin_failures: int = 0


def run_batch(
    extractor: Extractor,
    items: Iterable[InputItem],
    writer: EventWriter,
    *,
    workers: int = 1,
    progress: bool = False,
    report: Callable[[str], None],
    on_document: Callable[[DocumentResult], None] | None = None,
    event_writer: Any = None,
    dask: str | None = None,
) -> RunSummary:
    """Extract from every input, writing each document's events as soon as it is done.

    ``on_document`` is called after each document's events went to the writer.  With
    ``event_writer`` (``--level events``) the document-level events go there instead of the mentions.
    ``dask``: a scheduler address or ``local`` (a LocalCluster of ``workers`` processes).
    """
    summary = RunSummary()
    bar = _progress(progress)
    valid = _screen(items, summary, report)
    remote = dask is not None or workers > 1  # plugin failures happen elsewhere: reported here, as a serial run does
    if dask is not None:
        results = dask_results(extractor, valid, dask, workers)
    elif workers > 1:
        results = parallel_results(extractor, valid, workers)
    else:
        results = extractor.results(valid)
    try:
        for result in results:
            if event_writer is not None:
                for document_event in result.document_events:
                    event_writer.write(document_event)
            else:
                for event in result.events:
                    writer.write(event)
            summary.documents += 1
            summary.events += len(result.events)
            if remote:
                summary.plugin_failures += len(result.failures)
                for failure in result.failures:
                    for line in failure.report_lines(tracebacks=extractor.plugins.tracebacks):
                        report(line)
            summary.plugin_failures += int(result.error is not None)
            if result.error:
                report(f"eventx: {result.error}")
            if on_document is not None:
                on_document(result)
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    summary.plugin_failures += len(extractor.plugins.failures)
    return summary


def _screen(items: Iterable[InputItem], summary: RunSummary, report: Callable[[str], None]) -> Iterator[InputItem]:
    for item in items:
        if isinstance(item, InputProblem):
            if item.fatal:
                summary.failed_inputs += 1
                report(f"eventx: {item}")
            else:
                summary.warnings += 1
                report(f"eventx: warning: {item}")
            continue
        yield item


def _progress(enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", desc="eventx", file=None, dynamic_ncols=True)


# ---------------------------------------------------------------------------- workers
# id, mention dicts, plugin failures, and the document's resolution: {"document_events": [dicts], "error": str | None}
WorkerResult = tuple[str, list[dict[str, Any]], list[PluginFailure], dict[str, Any]]
_worker_extractor: Extractor | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_extractor
    import signal

    import torch

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool

    torch.set_num_threads(1)
    _worker_extractor = settings.build(report=lambda message: None)


def extract_records(extractor: Extractor, batch: Iterable[Any]) -> list[WorkerResult]:
    """Run the engine on a batch; per document its id, its events as dicts and its plugin failures.

    What worker processes (``--workers``, Dask) send back: plain, picklable values.
    """
    out = []
    for result in extractor.results(batch):
        failures = list(extractor.plugins.failures)
        extractor.plugins.failures.clear()
        events = [event_to_dict(e) for e in result.events]
        resolution = {"document_events": [e.to_dict() for e in result.document_events], "error": result.error}
        out.append((result.doc_id, events, failures, resolution))
    return out


def _work(batch: list[tuple[str, str, str | None]]) -> list[WorkerResult]:
    assert _worker_extractor is not None
    return extract_records(_worker_extractor, batch)


def as_result(record: WorkerResult, types: dict[str, Any]) -> DocumentResult:
    """A worker's record back as a :class:`DocumentResult` with event objects (its plugin failures in ``failures``,
    as in a serial run)."""
    from eventx.eventdata.records import DocumentEvent

    doc_id, dicts, failures, resolution = record
    events = [DocumentEvent.from_dict(d) for d in resolution.get("document_events", [])]
    mentions = [event_from_dict(d, types) for d in dicts]
    return DocumentResult(doc_id, mentions, resolution.get("error"), failures, document_events=events)


def _texts(items: Iterable[InputItem]) -> Iterator[tuple[str, str, str | None]]:
    """Text inputs as (id, text, date) for worker processes."""
    for item in items:
        assert isinstance(item, TextInput), "parallel workers take text input only"
        yield item.doc_id, item.text, item.date


def parallel_results(extractor: Extractor, items: Iterable[InputItem], workers: int) -> Iterator[DocumentResult]:
    """Results from ``workers`` processes, each building the extractor again from its settings, in input order."""
    if extractor.settings is None:
        raise ValueError("parallel workers need an Extractor built from settings, not from a ready PluginManager")
    types = extractor.plugins.event_types
    ctx = multiprocessing.get_context("spawn")
    size = max(1, min(extractor.batch_size, 8))
    settings = extractor.settings
    with ctx.Pool(workers, initializer=_init_worker, initargs=(settings,)) as pool:
        for batch_result in pool.imap(_work, batches(_texts(items), size, ramp=True)):
            for record in batch_result:
                yield as_result(record, types)


def dask_results(
    extractor: Extractor, items: Iterable[InputItem], scheduler: str, workers: int
) -> Iterator[DocumentResult]:
    """Results for text inputs computed on a Dask cluster (see :mod:`eventx.dask`), in input order."""
    try:
        from eventx import dask as on_dask
    except ImportError as exc:
        raise DaskUnavailable(str(exc)) from None
    if extractor.settings is None:
        raise ValueError("a Dask run needs an Extractor built from settings, not from a ready PluginManager")
    with on_dask.connect(scheduler, max(1, workers)) as client:
        yield from on_dask.results(extractor.settings, _texts(items), client)


class DaskUnavailable(RuntimeError):
    """``--dask`` without the extra installed."""
