"""Output a run can be trusted with: -o kept until the first result, write errors in one line, Ctrl-C exits 130
saying how many documents were finished, the first documents written at once (issue 16).

Signal tests run real subprocesses over CoNLL-U input (no model), each with a strict timeout.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import FIXTURES
from test_resume import STOPPER

from eventx.cli import main
from eventx.engine import Engine, batches
from eventx.plugins import PluginManager

# STOPPER: a plugin that sends its own process the signal EVENTX_TEST_SIGNAL at the document EVENTX_TEST_STOP_AT.
DOCS = [f"d{i}" for i in range(6)]
EXISTING = '{"earlier": "results"}\n'


@pytest.fixture
def corpus(tmp_path: Path, install_plugins: Callable[..., Path]) -> tuple[list[str], dict[str, str]]:
    paths = []
    for doc_id in DOCS:
        path = tmp_path / f"{doc_id}.conllu"
        path.write_bytes((FIXTURES / "talks.conllu").read_bytes())
        paths.append(str(path))
    site = install_plugins("eventx-stopper", "1.0", {"stopper": "eventx_stopper"}, {"eventx_stopper": STOPPER})
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTX_")}
    env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")])
    env["EVENTX_PLUGINS"] = "stopper,diplomacy"
    return paths, env


def eventx(args: list[str], env: dict[str, str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "eventx.cli", "extract", "--input-format", "conllu", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, **kwargs)  # type: ignore[call-overload,no-any-return]


def doc_ids(text: str) -> list[str]:
    return sorted({json.loads(line)["doc_id"] for line in text.splitlines()})


# ---------------------------------------------------------------------------- SIGINT, SIGKILL
def test_sigint_exits_130_saying_how_many_documents_were_finished(
    corpus: tuple[list[str], dict[str, str]], tmp_path: Path
) -> None:
    paths, env = corpus
    out = tmp_path / "out.jsonl"
    done = eventx([*paths, "-o", str(out)], {**env, "EVENTX_TEST_STOP_AT": "d3", "EVENTX_TEST_SIGNAL": "SIGINT"})
    assert done.returncode == 130
    assert done.stderr == f"eventx: interrupted; 3 documents finished and written to {out}\n"
    assert doc_ids(out.read_text(encoding="utf-8")) == ["d0", "d1", "d2"]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_sigint_closes_the_output_format(corpus: tuple[list[str], dict[str, str]], tmp_path: Path, fmt: str) -> None:
    paths, env = corpus
    out = tmp_path / f"out.{fmt}"
    done = eventx(
        [*paths, "-o", str(out), "--format", fmt], {**env, "EVENTX_TEST_STOP_AT": "d2", "EVENTX_TEST_SIGNAL": "SIGINT"}
    )
    assert done.returncode == 130
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        assert {e["doc_id"] for e in json.loads(text)} == {"d0", "d1"}, "the array is closed"
    else:
        assert text.splitlines()[0].startswith("type,doc_id,") and len(text.splitlines()) > 1


def test_sigint_before_the_first_result_leaves_the_output_file_alone(
    corpus: tuple[list[str], dict[str, str]], tmp_path: Path
) -> None:
    paths, env = corpus
    out = tmp_path / "out.jsonl"
    out.write_text(EXISTING, encoding="utf-8")
    done = eventx([*paths, "-o", str(out)], {**env, "EVENTX_TEST_STOP_AT": "d0", "EVENTX_TEST_SIGNAL": "SIGINT"})
    assert done.returncode == 130
    assert done.stderr == f"eventx: interrupted; 0 documents finished, nothing written to {out}\n"
    assert out.read_text(encoding="utf-8") == EXISTING


def test_json_array_after_sigkill_is_closed_by_appending_a_bracket(
    corpus: tuple[list[str], dict[str, str]], tmp_path: Path
) -> None:
    # What docs/user-guide.md says: after SIGKILL a --format json file lacks its closing "]".
    paths, env = corpus
    out = tmp_path / "out.json"
    done = eventx(
        [*paths, "-o", str(out), "--format", "json"],
        {**env, "EVENTX_TEST_STOP_AT": "d3", "EVENTX_TEST_SIGNAL": "SIGKILL"},
    )
    assert done.returncode == -signal.SIGKILL
    text = out.read_text(encoding="utf-8")
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)
    assert {e["doc_id"] for e in json.loads(text + "\n]\n")} == {"d0", "d1", "d2"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_external_sigint_while_waiting_for_input_keeps_the_first_documents(
    corpus: tuple[list[str], dict[str, str]], tmp_path: Path
) -> None:
    """The first document is written at once, then the run waits on a FIFO; Ctrl-C ends it with 130."""
    paths, env = corpus
    fifo = tmp_path / "z.conllu"
    os.mkfifo(fifo)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "eventx.cli", "extract", "--input-format", "conllu", paths[0], str(fifo)]
    process = subprocess.Popen(
        [*command, "-o", str(out)],
        env={**env, "EVENTX_READ_TIMEOUT": "60"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (out.exists() and out.read_text(encoding="utf-8").endswith("\n")):
            time.sleep(0.1)
        assert doc_ids(out.read_text(encoding="utf-8")) == ["d0"], "written before the run ends"
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 130
    assert stderr.splitlines()[-1] == f"eventx: interrupted; 1 documents finished and written to {out}"
    assert "Traceback" not in stderr


# ---------------------------------------------------------------------------- -o FILE
def write_text(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text("Talks resumed in Geneva.", encoding="utf-8")
    return path


def test_a_mistyped_model_leaves_the_output_file_alone(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    out.write_text(EXISTING, encoding="utf-8")
    for fmt in ("jsonl", "json", "csv"):
        result = CliRunner().invoke(
            main, ["extract", str(write_text(tmp_path)), "--model", str(tmp_path / "nope"), "-o", str(out), "-f", fmt]
        )
        assert result.exit_code == 1
        assert result.stderr.startswith("eventx: unknown model ")
        assert out.read_text(encoding="utf-8") == EXISTING, fmt


@pytest.mark.parametrize(("fmt", "empty"), [("json", "[]"), ("jsonl", ""), ("csv", "type,doc_id,")])
def test_a_run_without_results_still_writes_its_empty_output(tmp_path: Path, fmt: str, empty: str) -> None:
    out = tmp_path / "events.out"
    out.write_text(EXISTING, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "missing.txt"), "-o", str(out), "-f", fmt])
    assert result.exit_code == 1
    text = out.read_text(encoding="utf-8")
    assert EXISTING not in text and text.startswith(empty.strip()), (
        "the run finished: its empty output replaces the file"
    )


def test_parse_output_is_left_alone_when_the_model_is_missing(tmp_path: Path) -> None:
    out = tmp_path / "parsed.conllu"
    out.write_text("# earlier parse\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["parse", str(write_text(tmp_path)), "--model", str(tmp_path / "no"), "-o", str(out)]
    )
    assert result.exit_code == 1 and result.stderr.startswith("eventx: unknown model ")
    assert out.read_text(encoding="utf-8") == "# earlier parse\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "parquet"])
def test_a_full_disk_is_one_line(fmt: str) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
        pytest.importorskip("pandas")
    result = CliRunner().invoke(
        main, ["extract", "--input-format", "conllu", str(FIXTURES / "talks.conllu"), "-o", "/dev/full", "-f", fmt]
    )
    assert result.exit_code == 1
    assert result.stderr == "eventx: cannot write to /dev/full: No space left on device\n"


# ---------------------------------------------------------------------------- the first documents at once
def test_batches_ramp_up() -> None:
    assert [len(b) for b in batches(range(40), 8, ramp=True)] == [1, 2, 4, 8, 8, 8, 8, 1]
    assert [len(b) for b in batches(range(10), 4)] == [4, 4, 2]


def test_the_first_document_is_done_before_the_next_are_parsed() -> None:
    calls: list[int] = []

    def parse(texts: list[str]) -> list[object]:
        calls.append(len(texts))
        return [None] * len(texts)

    engine = Engine(PluginManager(entry_points=False), list, parse, batch_size=32)  # type: ignore[arg-type]
    results: Iterator[object] = engine.results([f"text {i}" for i in range(100)])
    next(results)
    assert calls == [1], "one document parsed, one result out"
    list(results)
    assert calls == [1, 2, 4, 8, 16, 32, 32, 5]
