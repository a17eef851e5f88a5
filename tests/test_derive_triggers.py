"""scripts/derive_triggers.py: candidate triggers from vectors, definitions and morphology."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "derive_triggers.py"


@pytest.fixture(scope="module")
def derive() -> ModuleType:
    spec = importlib.util.spec_from_file_location("derive_triggers", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_forms_cover_regular_inflections(derive: ModuleType) -> None:
    assert {"stabbed", "stabbing", "stabs"} <= derive.forms("stab")
    assert {"detonated", "detonating", "detonation"} <= derive.forms("detonate")
    assert "explode" in derive.forms("exploding")


def test_definition_words_read_one_section(derive: ModuleType, tmp_path: Path) -> None:
    tex = tmp_path / "codebook.tex"
    tex.write_text("\\section{ASSAULT}\nTorture and abduction of civilians.\n\\section{AGREE}\nTreaty signed.\n")
    words = derive.definition_words(tex, ["ASSAULT"])
    assert {"torture", "abduction", "civilians"} <= set(words) and "treaty" not in words


def test_derive_proposes_neighbours_definition_words_and_forms(derive: ModuleType) -> None:
    words = ["attack", "raid", "bombing", "explosion", "explosions", "treaty", "torture", "banana"]
    vectors = np.array(
        [
            [1, 0, 0],
            [0.95, 0.1, 0],
            [0.9, 0.2, 0],
            [0.92, 0.15, 0.05],
            [0.9, 0.1, 0.1],
            [0, 1, 0],
            [0.7, 0, 0.3],
            [0, 0, 1],
        ],
        dtype="float32",
    )
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    found = derive.derive({"attack", "raid", "bombing"}, words, vectors, top=2, definition={"torture": 1}, neighbours=2)
    assert any(s.startswith("vectors") for s in found["explosion"])
    assert any(s.startswith("morphology:explosion") for s in found["explosions"])
    assert "treaty" not in found and "banana" not in found and "attack" not in found
