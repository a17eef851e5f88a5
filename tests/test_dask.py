"""Dask runs (eventx[dask]): a LocalCluster of two worker processes gives the serial output, event for event."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("distributed")

import dask.bag as db
from distributed import Client

import eventx
from eventx.dask import connect, extract_bag, results, write_partitions
from eventx.extractor import Settings
from eventx.serialize import event_to_dict

pytestmark = pytest.mark.model

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "seeds").glob("*.txt")) + sorted((REPO / "seeds" / "dev").glob("*.txt"))
DOCUMENTS = [(path.stem, path.read_text(encoding="utf-8")) for path in SEEDS]


@pytest.fixture(scope="module")
def serial(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[dict[str, Any]]]]:
    """The serial run over the seed and dev articles, filling a parse cache: (cache folder, events by document)."""
    cache = tmp_path_factory.mktemp("cache")
    extractor = eventx.Extractor(cache=cache)
    by_doc = {r.doc_id: [event_to_dict(e) for e in r.events] for r in extractor.results(DOCUMENTS)}
    return cache, by_doc


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with connect("local", 2) as client:  # two worker processes
        yield client


def test_two_workers_parse_and_extract_as_a_serial_run_does(
    serial: tuple[Path, dict[str, list[dict[str, Any]]]], client: Client
) -> None:
    _, expected = serial
    got = list(results(Settings(), DOCUMENTS, client, batch=2))  # no cache: the workers parse
    assert [r.doc_id for r in got] == [doc_id for doc_id, _ in DOCUMENTS], "input order"
    assert {r.doc_id: [event_to_dict(e) for e in r.events] for r in got} == expected
    assert sum(len(v) for v in expected.values()) > 100
    workers = client.run(lambda dask_worker: len(getattr(dask_worker, "eventx_extractors", {})))
    assert sorted(workers.values()) == [1, 1], "each worker built its extractor once"


def test_a_bag_written_as_partitions(
    serial: tuple[Path, dict[str, list[dict[str, Any]]]], client: Client, tmp_path: Path
) -> None:
    cache, expected = serial
    records = db.from_sequence([{"id": doc_id, "text": text} for doc_id, text in DOCUMENTS], npartitions=3)
    documents = extract_bag(records, Settings(cache=str(cache)))
    files = write_partitions(documents, tmp_path / "jsonl")
    assert [f.name for f in files] == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    lines = [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    assert lines == [event for doc_id, _ in DOCUMENTS for event in expected[doc_id]]

    files[1].unlink()  # resume: only the missing partition is written again
    before = files[0].stat().st_mtime_ns
    write_partitions(documents, tmp_path / "jsonl")
    assert files[1].exists() and files[0].stat().st_mtime_ns == before

    import pyarrow.parquet as pq

    tables = [pq.read_table(f) for f in write_partitions(documents, tmp_path / "parquet", format="parquet")]
    rows = [row for table in tables for row in table.to_pylist()]
    assert [json.loads(row["event"]) for row in rows] == lines
    assert [(row["doc_id"], row["type"], row["start"]) for row in rows] == [
        (e["doc_id"], e["type"], e["trigger"]["start"]) for e in lines
    ]


def test_the_cli_runs_on_the_cluster(
    serial: tuple[Path, dict[str, list[dict[str, Any]]]], client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from contextlib import contextmanager

    from click.testing import CliRunner

    from eventx import dask as eventx_dask
    from eventx.cli import main

    cache, expected = serial
    used: list[tuple[str, int]] = []

    @contextmanager
    def connect(scheduler: str, workers: int = 2) -> Iterator[Client]:
        used.append((scheduler, workers))
        yield client

    monkeypatch.setattr(eventx_dask, "connect", connect)
    paths = [str(p) for p in SEEDS[:3]]
    result = CliRunner().invoke(main, ["extract", "--dask", "local", "-w", "2", "--cache", str(cache), *paths])
    assert result.exit_code == 0, result.output
    assert used == [("local", 2)]
    assert [json.loads(line) for line in result.stdout.splitlines()] == [e for p in SEEDS[:3] for e in expected[p.stem]]
