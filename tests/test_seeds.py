"""The bundled gold annotations stay valid (offsets, types, roles), checked by seeds/dev/check_gold.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_seed_and_development_gold_files_are_valid() -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "seeds" / "dev" / "check_gold.py"),
            str(REPO / "seeds"),
            str(REPO / "seeds" / "dev"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
