"""Resumable runs: `eventx extract -o out.jsonl --resume` after SIGINT, SIGKILL or a half-written line.

The runs are real subprocesses over CoNLL-U input (no model needed).  A test plugin
interrupts the first run deterministically: when it reaches the document named by
``EVENTX_TEST_STOP_AT`` it sends its own process the signal in ``EVENTX_TEST_SIGNAL``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import FIXTURES

from eventx.resume import DocumentStream, prepare_resume, progress_path

STOPPER = textwrap.dedent("""
    import os, signal
    from eventx import ExtractorSpec, hookimpl

    def stop(document):
        if document.doc_id == os.environ.get("EVENTX_TEST_STOP_AT"):
            os.kill(os.getpid(), getattr(signal, os.environ["EVENTX_TEST_SIGNAL"]))
        return []

    @hookimpl
    def register_extractors(register):
        register(ExtractorSpec(name="stopper", extract=stop, processors={"tokenize"}))
""")
DOCS = [f"d{i:02d}" for i in range(12)]


@pytest.fixture
def corpus(tmp_path: Path, install_plugins: Callable[..., Path]) -> tuple[Path, dict[str, str]]:
    """Twelve CoNLL-U documents and the environment of a subprocess that has the stopper plugin."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    names = ("talks", "talks", "mwt")  # every third document has no events
    for i, doc_id in enumerate(DOCS):
        (folder / f"{doc_id}.conllu").write_bytes((FIXTURES / f"{names[i % 3]}.conllu").read_bytes())
    site = install_plugins("eventx-stopper", "1.0", {"stopper": "eventx_stopper"}, {"eventx_stopper": STOPPER})
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTX_")}
    env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")])
    return folder, env


def extract(folder: Path, out: Path, env: dict[str, str], *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "eventx.cli", "extract", "--input-format", "conllu", str(folder), "-o", str(out)]
    return subprocess.run([*command, *extra], env=env, capture_output=True, text=True, timeout=120)


def doc_ids(path: Path) -> list[str]:
    return [json.loads(line)["doc_id"] for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("sig", ["SIGINT", "SIGKILL"])
@pytest.mark.parametrize("first_resume", [True, False], ids=["resume-from-start", "plain-first-run"])
def test_an_interrupted_run_resumes_to_the_uninterrupted_output(
    corpus: tuple[Path, dict[str, str]], tmp_path: Path, sig: str, first_resume: bool
) -> None:
    folder, env = corpus
    whole = tmp_path / "whole.jsonl"
    assert extract(folder, whole, env).returncode == 0
    assert sorted(set(doc_ids(whole))) == [d for i, d in enumerate(DOCS) if i % 3 != 2]

    out = tmp_path / "out.jsonl"
    stopped = extract(folder, out, {**env, "EVENTX_TEST_STOP_AT": "d07", "EVENTX_TEST_SIGNAL": sig},
                      *(["--resume"] if first_resume else []))  # fmt: skip
    assert stopped.returncode != 0
    assert "Traceback" not in stopped.stderr or sig == "SIGINT"
    written = doc_ids(out)  # every line whole
    assert set(written) == {d for i, d in enumerate(DOCS[:7]) if i % 3 != 2}, "each finished document is on disk"
    assert extract(folder, out, env, "--resume").returncode == 0
    assert out.read_bytes() == whole.read_bytes()


def test_a_half_written_line_and_an_unfinished_document_are_dropped(
    corpus: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    folder, env = corpus
    whole = tmp_path / "whole.jsonl"
    assert extract(folder, whole, env, "--resume").returncode == 0
    lines = whole.read_text(encoding="utf-8").splitlines(keepends=True)
    last = json.loads(lines[-1])["doc_id"]
    out = tmp_path / "out.jsonl"
    out.write_text("".join(lines[:-1]) + lines[-1][:25], encoding="utf-8")  # killed mid-line
    progress_path(out).write_text("".join(f'"{d}"\n' for d in DOCS if d != last), encoding="utf-8")
    assert extract(folder, out, env, "--resume").returncode == 0
    assert out.read_bytes() == whole.read_bytes()


def test_resuming_a_finished_run_changes_nothing(corpus: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    folder, env = corpus
    out = tmp_path / "out.jsonl"
    assert extract(folder, out, env, "--resume").returncode == 0
    before = out.read_bytes()
    assert extract(folder, out, env, "--resume").returncode == 0
    assert out.read_bytes() == before


def test_resume_needs_a_jsonl_file(corpus: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    folder, env = corpus
    result = extract(folder, tmp_path / "out.csv", env, "--resume", "--format", "csv")
    assert result.returncode == 2 and "--resume" in result.stderr and "--format jsonl" in result.stderr


# ---------------------------------------------------------------------------- the pieces
def test_prepare_resume_without_a_progress_record_redoes_the_last_document(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"doc_id": "a"}\n{"doc_id": "b"}\n{"doc_id": "b"}\n{"doc_id": "c", "ty', encoding="utf-8")
    assert prepare_resume(out) == {"a"}
    assert out.read_text(encoding="utf-8") == '{"doc_id": "a"}\n'


def test_a_document_stream_writes_only_on_commit(tmp_path: Path) -> None:
    path = tmp_path / "x"
    with open(path, "w", encoding="utf-8") as target:
        stream = DocumentStream(target)
        stream.write("one\n")
        stream.flush()
        assert path.read_text(encoding="utf-8") == ""
        stream.commit()
        assert path.read_text(encoding="utf-8") == "one\n"
