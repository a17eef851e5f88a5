"""Batch runs for the CLI: inputs in, events written as each document finishes.

One bad input is reported and skipped; the others go on.  With ``workers > 1``
documents are parsed in worker processes, each loading its own pipeline, and
written in input order.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from attrs import define

from eventx.extractor import DocumentResult, Extractor
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
    load: str | None = None,
    block: Sequence[str] = (),
    strict: bool | None = None,
    model: str | None = None,
    event_writer: Any = None,
) -> RunSummary:
    """Extract from every input, writing each document's events as soon as it is done.

    With ``event_writer`` (``--level events``) the document-level events go there instead of the mentions.
    """
    summary = RunSummary()
    bar = _progress(progress)
    valid = _screen(items, summary, report)
    if workers > 1:
        results = _parallel(valid, workers, extractor, load, block, strict, model)
    else:
        results = extractor.results(_as_documents(valid))
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
            summary.plugin_failures += int(result.error is not None)
            if result.error:
                report(f"eventx: {result.error}")
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


def _as_documents(items: Iterable[InputItem]) -> Iterator[Any]:
    for item in items:
        if isinstance(item, TextInput):
            yield (item.doc_id, item.text, item.date)
        else:
            yield item


def _progress(enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", desc="eventx", file=None, dynamic_ncols=True)


# ---------------------------------------------------------------------------- workers
_worker_extractor: Extractor | None = None


def _init_worker(
    load: str | None,
    block: Sequence[str],
    strict: bool | None,
    model: str | None,
    batch_size: int,
    document_date: str | None = None,
) -> None:
    global _worker_extractor
    import torch

    torch.set_num_threads(1)
    from eventx.plugins import PluginManager

    names = [n.strip() for n in load.split(",") if n.strip()] if load is not None else None
    _worker_extractor = Extractor(
        plugins=PluginManager(load=names, block=list(block), strict=strict, report=lambda message: None),
        model=model,
        batch_size=batch_size,
        document_date=document_date,
    )


WorkResult = tuple[str, list[dict[str, Any]], list[PluginFailure], list[dict[str, Any]]]


def _work(batch: list[tuple[str, str, str | None]]) -> list[WorkResult]:
    assert _worker_extractor is not None
    out = []
    for result in _worker_extractor.results(batch):
        failures = list(_worker_extractor.plugins.failures)
        _worker_extractor.plugins.failures.clear()
        events = [event_to_dict(e) for e in result.events]
        out.append((result.doc_id, events, failures, [e.to_dict() for e in result.document_events]))
    return out


def _batches(items: Iterable[InputItem], size: int) -> Iterator[list[tuple[str, str, str | None]]]:
    batch: list[tuple[str, str, str | None]] = []
    for item in items:
        assert isinstance(item, TextInput), "parallel workers take text input only"
        batch.append((item.doc_id, item.text, item.date))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _parallel(
    items: Iterable[InputItem],
    workers: int,
    extractor: Extractor,
    load: str | None,
    block: Sequence[str],
    strict: bool | None,
    model: str | None,
) -> Iterator[DocumentResult]:
    types = extractor.plugins.event_types
    ctx = multiprocessing.get_context("spawn")
    size = max(1, min(extractor.batch_size, 8))
    from eventx.eventdata.records import DocumentEvent

    initargs = (load, block, strict, model, size, extractor.document_date)
    with ctx.Pool(workers, initializer=_init_worker, initargs=initargs) as pool:
        for batch_result in pool.imap(_work, _batches(items, size)):
            for doc_id, dicts, failures, doc_events in batch_result:
                error = "; ".join(f"plugin {f.plugin!r} failed in {f.where}: {f.error}" for f in failures) or None
                mentions = [event_from_dict(d, types) for d in dicts]
                events = [DocumentEvent.from_dict(d) for d in doc_events]
                yield DocumentResult(doc_id, mentions, error, document_events=events)
