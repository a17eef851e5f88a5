"""The outside example plugin (examples/eventx-sanctions), pip-installed as a user would install it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from helpers import FIXTURES, installed_example

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "eventx-sanctions"
DIST = "eventx-sanctions"


@pytest.fixture(scope="module")
def example_installed() -> Iterator[None]:
    yield from installed_example(EXAMPLE, DIST)


def eventx(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTX_")}
    return subprocess.run(
        [sys.executable, "-m", "eventx.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=EXAMPLE.parents[1],
    )


def test_plugins_lists_it(example_installed: None) -> None:
    done = eventx("plugins")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    at = lines.index("sanctions 0.1.0  [entry point eventx_sanctions]")
    assert lines[at + 1] == "  hooks: register_event_types, register_extractors"
    assert "sanctions (depparse, lemma, ner, pos, tokenize)" in lines[-1]


def test_types_shows_sanction(example_installed: None) -> None:
    done = eventx("types", "--plugins", "sanctions")
    assert done.returncode == 0, done.stderr
    assert "Sanction: imposer, target, measure" in done.stdout.splitlines()


def test_extract_finds_the_sanction(example_installed: None) -> None:
    done = eventx("extract", "--plugins", "sanctions", "--input-format", "conllu", str(FIXTURES / "sanctions.conllu"))
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    event = json.loads(line)
    assert event == {
        "type": "Sanction",
        "doc_id": "sanctions",
        "sentence_index": 0,
        "trigger": {"text": "imposed", "start": 19, "end": 26},
        "modality": "asserted",
        "attributed_to": None,
        "extractor": "sanctions",
        "confidence": 0.8,
        "imposer": [{"text": "European Union", "start": 4, "end": 18}],
        "target": [{"text": "Iran", "start": 40, "end": 44}],
        "measure": [{"text": "sanctions", "start": 27, "end": 36}],
        "event_id": "sanctions-E1",  # the document-level event it belongs to (docs/eventdata.md)
    }
    schemas = json.loads(eventx("types", "--schema", "--plugins", "sanctions").stdout)
    jsonschema.validate(event, schemas["Sanction"])


def test_extract_passive_and_noun_triggers(example_installed: None) -> None:
    done = eventx(
        "extract",
        "--plugins",
        "sanctions",
        "--input-format",
        "conllu",
        "--format",
        "json",
        str(FIXTURES / "sanctions-more.conllu"),
    )
    assert done.returncode == 0, done.stderr
    passive, noun = json.loads(done.stdout)
    assert passive["trigger"]["text"] == "sanctioned"
    assert [s["text"] for s in passive["imposer"]] == ["US"]
    assert [s["text"] for s in passive["target"]] == ["Three banks"]
    assert noun["trigger"]["text"] == "sanctions" and noun["modality"] == "planned"
    assert [s["text"] for s in noun["imposer"]] == ["Western"]
    assert [s["text"] for s in noun["target"]] == ["Russia"]
    assert [s["text"] for s in noun["measure"]] == ["Western sanctions"]


def test_the_example_packages_own_tests_pass(example_installed: None) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLE / "tests")],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=EXAMPLE,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout
