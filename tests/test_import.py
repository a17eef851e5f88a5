"""Importing eventx (and running its CLI's help) must not pull in Stanza or torch: they take seconds to load."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("torch", "stanza")
TALKS = Path(__file__).parent / "fixtures" / "talks.conllu"

CHECK = """
import json, sys
{imports}
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})))
"""


@pytest.mark.parametrize(
    "imports",
    [
        "import eventx",
        "import eventx.cli, eventx.inputs, eventx.runner, eventx.evaluation, eventx.models, eventx.parsing, "
        "eventx.rules, eventx.conllu, eventx.engine, eventx.extractor, eventx.testing",
        "from eventx.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass",
    ],
)
def test_import_loads_neither_torch_nor_stanza(imports: str) -> None:
    code = CHECK.format(imports=imports, heavy=set(HEAVY))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    loaded = json.loads(done.stdout.splitlines()[-1])
    assert loaded == [], f"importing eventx loaded {loaded}"


def test_extracting_from_conllu_loads_neither_torch_nor_stanza() -> None:
    """The light CoNLL-U reader and the engine need no model: `eventx extract --input-format conllu`."""
    run_cli = (
        "from eventx.cli import main\n"
        "try:\n"
        f"    main(['extract', '--input-format', 'conllu', {str(TALKS)!r}, '-o', {os.devnull!r}])\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code"
    )
    code = CHECK.format(imports=run_cli, heavy=set(HEAVY))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == []
