"""The declarative example plugin (examples/eventx-arrest), pip-installed as a user would install it."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import installed_example

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "eventx-arrest"

# Runs the example's own tests in-process and reports what they imported.
RUN_TESTS = """
import json, sys
import pytest
code = pytest.main(["-q", "-p", "no:cacheprovider", {tests!r}])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("torch", "stanza"))
print(json.dumps({{"code": int(code), "heavy": heavy}}))
"""


@pytest.fixture(scope="module")
def arrest_installed() -> Iterator[None]:
    yield from installed_example(EXAMPLE, "eventx-arrest")


def test_the_plugin_is_at_most_40_lines_of_python() -> None:
    source = (EXAMPLE / "eventx_arrest" / "__init__.py").read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 40
    assert [p.name for p in (EXAMPLE / "eventx_arrest").glob("*.py")] == ["__init__.py"]
    ast.parse(source)


def test_its_tests_pass_through_eventx_testing_without_torch(arrest_installed: None) -> None:
    done = subprocess.run(
        [sys.executable, "-c", RUN_TESTS.format(tests=str(EXAMPLE / "tests"))],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=EXAMPLE,
    )
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["code"] == 0, done.stdout + done.stderr
    assert "4 passed" in done.stdout
    assert result["heavy"] == [], "the plugin's tests imported torch or stanza"


def test_eventx_lists_it(arrest_installed: None) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "eventx.cli", "types", "--plugins", "arrest"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Arrest: agent, detainee, location, time, count (count)" in done.stdout.splitlines()
