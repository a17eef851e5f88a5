"""Importing eventx (and running its CLI's help) must not pull in Stanza or torch: they take seconds to load."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("torch", "stanza")

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
        "eventx.rules",
        "from eventx.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass",
    ],
)
def test_import_loads_neither_torch_nor_stanza(imports: str) -> None:
    code = CHECK.format(imports=imports, heavy=set(HEAVY))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    loaded = json.loads(done.stdout.splitlines()[-1])
    assert loaded == [], f"importing eventx loaded {loaded}"
