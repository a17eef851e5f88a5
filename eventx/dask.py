"""Running eventx on a Dask cluster (``pip install 'eventx[dask]'``).

Each worker loads the Stanza pipeline and the plugins once, through a worker
plugin (:class:`EventxWorkerPlugin`), and runs the same engine as a serial
run on the partitions it is given, so the output equals a serial run's event
for event whatever the number of workers.  Order: :func:`results` (what
``eventx extract --dask`` uses) keeps input order; a bag keeps the order of
its partitions, and partitioned output writes one file per partition.

>>> import dask.bag as db                                      # doctest: +SKIP
>>> from eventx.dask import extract_bag, write_partitions
>>> records = db.read_text("corpus-*.jsonl").map(json.loads)    # {"id": ..., "text": ...}
>>> docs = extract_bag(records)                                 # one result record per document
>>> events = docs.pluck("events").flatten()                     # event dicts, as in JSONL output
>>> write_partitions(docs, "out/", format="jsonl")              # out/part-00000.jsonl, ...

Nothing here is imported by ``import eventx``.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventx.engine import DocumentResult, batches
from eventx.extractor import Extractor, Settings
from eventx.runner import WorkerResult, as_result, extract_records

try:
    import dask.bag as db
    from distributed import Client, LocalCluster, WorkerPlugin, get_worker
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    raise ImportError("eventx's Dask support needs the extra: pip install 'eventx[dask]'") from exc

__all__ = ["EventxWorkerPlugin", "connect", "extract_bag", "results", "write_partitions"]

_ATTRIBUTE = "eventx_extractors"  # on each worker: {Settings: Extractor}


class EventxWorkerPlugin(WorkerPlugin):
    """Builds the extractor (plugins and Stanza pipeline) once per worker, when the worker starts or joins."""

    name = "eventx"

    def __init__(self, settings: Settings, threads: int | None = 1) -> None:
        self.settings = settings
        self.threads = threads

    def setup(self, worker: Any) -> None:
        if self.threads:
            import torch

            torch.set_num_threads(self.threads)
        # registering the plugin again (another run) reuses what is built
        _worker_extractor(self.settings, worker).parser.pipeline  # noqa: B018 - load the model now


def _extractors(worker: Any) -> dict[Settings, Extractor]:
    if not hasattr(worker, _ATTRIBUTE):
        setattr(worker, _ATTRIBUTE, {})
    found: dict[Settings, Extractor] = getattr(worker, _ATTRIBUTE)
    return found


def _worker_extractor(settings: Settings, worker: Any = None) -> Extractor:
    """This worker's extractor for these settings, built on first use (the worker plugin builds it at start)."""
    built = _extractors(worker if worker is not None else get_worker())
    if settings not in built:
        built[settings] = settings.build(report=lambda message: None)
    return built[settings]


def _as_document(record: Any, id_field: str, text_field: str, number: int) -> tuple[str, str, str | None]:
    if isinstance(record, str):
        return f"doc-{number}", record, None
    if isinstance(record, dict):
        return str(record.get(id_field, f"doc-{number}")), record[text_field], record.get("date")
    doc_id, text, *date = record
    return str(doc_id), text, date[0] if date else None


def _extract_partition(
    records: Iterable[Any], settings: Settings, id_field: str, text_field: str
) -> list[dict[str, Any]]:
    documents = [_as_document(r, id_field, text_field, n) for n, r in enumerate(records, start=1)]
    out = []
    for doc_id, events, failures, resolution in extract_records(_worker_extractor(settings), documents):
        errors = [f"plugin {f.plugin!r} failed in {f.where}: {f.error}" for f in failures]
        errors += [resolution["error"]] if resolution.get("error") else []
        document_events = resolution.get("document_events", [])
        out.append({"doc_id": doc_id, "events": events, "document_events": document_events, "errors": errors})
    return out


def extract_bag(
    records: db.Bag, settings: Settings | None = None, *, id_field: str = "id", text_field: str = "text"
) -> db.Bag:
    """A bag of per-document results from a bag of documents.

    Each record may be a dict with ``id_field`` and ``text_field`` (and ``date``), an
    ``(id, text)`` pair or a text.  Each result is ``{"doc_id": ..., "events": [event dicts],
    "document_events": [document-level event dicts], "errors": [plugin failures and problems]}``.
    ``settings`` choose model, plugins, device and parse cache (default: all plugins, the default model).
    """
    return records.map_partitions(_extract_partition, settings or Settings(), id_field, text_field)


def write_partitions(documents: db.Bag, directory: str | os.PathLike[str], *, format: str = "jsonl") -> list[Path]:
    """Write a bag from :func:`extract_bag` as one file per partition; returns the files.

    ``jsonl``: ``part-NNNNN.jsonl`` with one event a line.  ``parquet``:
    ``part-NNNNN.parquet`` with one row per event (needs pyarrow; see docs/scaling.md).
    Each file is written to a temporary name and renamed, so a partition file
    that exists is complete: a run started again skips it (resume).
    """
    if format not in ("jsonl", "parquet"):
        raise ValueError(f"unknown partition format {format!r}; use jsonl or parquet")
    import dask

    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"part-{i:05d}.{format}" for i in range(documents.npartitions)]
    writes = [
        dask.delayed(_write_partition)(part, str(path), format)
        for part, path in zip(documents.to_delayed(), paths, strict=True)
        if not path.exists()
    ]
    dask.compute(*writes)
    return paths


def _write_partition(documents: list[dict[str, Any]], path: str, format: str) -> str:
    events = [event for document in documents for event in document["events"]]
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(fd)
    if format == "jsonl":
        Path(tmp).write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), encoding="utf-8")
    else:
        _write_parquet(events, tmp)
    os.replace(tmp, target)
    return path


PARQUET_COLUMNS = ("doc_id", "type", "sentence_index", "trigger", "start", "end", "modality", "extractor", "confidence")


def _write_parquet(events: list[dict[str, Any]], path: str) -> None:
    """One row per event: the common fields as columns, the whole event as JSON in ``event``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            ("doc_id", pa.string()),
            ("type", pa.string()),
            ("sentence_index", pa.int64()),
            ("trigger", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("modality", pa.string()),
            ("extractor", pa.string()),
            ("confidence", pa.float64()),
            ("event", pa.string()),
        ]
    )
    rows = [
        {
            "doc_id": e["doc_id"],
            "type": e["type"],
            "sentence_index": e.get("sentence_index"),
            "trigger": e["trigger"]["text"],
            "start": e["trigger"]["start"],
            "end": e["trigger"]["end"],
            "modality": e.get("modality"),
            "extractor": e.get("extractor"),
            "confidence": e.get("confidence"),
            "event": json.dumps(e, ensure_ascii=False),
        }
        for e in events
    ]
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)


# ---------------------------------------------------------------------------- the CLI's path
@contextmanager
def connect(scheduler: str, workers: int = 2) -> Iterator[Client]:
    """A client of the scheduler at this address, or of a new LocalCluster (``local``) of ``workers`` processes.

    The local cluster is shut down on leaving.
    """
    if scheduler != "local":
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def results(
    settings: Settings, documents: Iterable[tuple[Any, ...]], client: Client, *, batch: int = 8
) -> Iterator[DocumentResult]:
    """Results for (id, text) or (id, text, date) documents computed on the cluster, in input order.

    Documents go out ``batch`` at a time, with a bounded number of batches in
    flight, so that a corpus of any size streams through.
    """
    client.register_plugin(EventxWorkerPlugin(settings))
    types = settings.build(report=lambda message: None).plugins.event_types
    window = 4 * max(1, len(client.scheduler_info().get("workers", {})))
    pending: list[Any] = []
    for chunk in batches(documents, batch):
        pending.append(client.submit(_run_batch, settings, chunk, pure=False))
        if len(pending) >= window:
            yield from _collect(pending.pop(0), types)
    for future in pending:
        yield from _collect(future, types)


def _run_batch(settings: Settings, documents: list[tuple[Any, ...]]) -> list[WorkerResult]:
    return extract_records(_worker_extractor(settings), documents)


def _collect(future: Any, types: dict[str, Any]) -> Iterator[DocumentResult]:
    for record in future.result():
        yield as_result(record, types)
