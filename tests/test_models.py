"""Model resolution, on fake Stanza resource folders (no model is loaded)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventx.models import ModelNotFoundError, model_processors, official_model, resolve_model

CORE = ("tokenize", "pos", "lemma", "depparse", "ner")


def resources(folder: Path, processors: tuple[str, ...] = CORE, files: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = {"version": "1.15.0", "en": {"default_processors": {p: "combined" for p in processors}}}
    (folder / "resources.json").write_text(json.dumps(data), encoding="utf-8")
    if files:
        for p in processors:
            (folder / "en" / p).mkdir(parents=True, exist_ok=True)
            (folder / "en" / p / "combined.pt").write_bytes(b"")
    return folder


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "stanza_resources"
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(home))
    monkeypatch.setattr("eventx.models.installed_models", lambda: [])
    return home


def test_no_model_gives_advice() -> None:
    with pytest.raises(ModelNotFoundError, match="no English Stanza model found") as info:
        resolve_model()
    assert "EVENTX_MODEL" in str(info.value) and "stanza.download('en')" in str(info.value)
    with pytest.raises(ModelNotFoundError, match="official Stanza English models are not in"):
        resolve_model("stanza")


def test_official_models_are_found(isolated: Path) -> None:
    resources(isolated)
    info = resolve_model()
    assert (info.name, info.kind, info.directory, info.version) == ("stanza", "stanza", isolated, "1.15.0")
    assert resolve_model("stanza") == info
    assert model_processors(info) == set(CORE)


def test_official_models_need_every_processor_file(isolated: Path) -> None:
    resources(isolated, files=False)
    assert official_model() is None
    resources(isolated, processors=("tokenize", "pos"))
    assert official_model() is None


def test_explicit_folder_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = resources(tmp_path / "mine", files=False)
    assert resolve_model(folder).kind == "path"
    monkeypatch.setenv("EVENTX_MODEL", str(folder))
    assert resolve_model().directory == folder
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ModelNotFoundError, match="not a Stanza model folder"):
        resolve_model(empty)
    with pytest.raises(ModelNotFoundError, match=r"unknown model 'nothing-here'.*\(none is installed\)"):
        resolve_model("nothing-here")
