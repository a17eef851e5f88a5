"""Finding a Stanza English model: explicit choice, official Stanza models, or an installed pack.

Resolution order (``docs/models.md``):

1. an explicit ``model`` argument, or the ``EVENTX_MODEL`` environment variable:
   a directory laid out as Stanza resources (with ``resources.json``), the name
   of an installed model package, or ``stanza`` for the official models;
2. the official Stanza English models, when they are in the Stanza resources
   folder (``STANZA_RESOURCES_DIR``, default ``~/stanza_resources``);
3. an installed eventx model package (entry-point group ``eventx.models``),
   such as the bundled ``eventx-model-en``.

Nothing here imports Stanza or torch, and nothing touches the network.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from attrs import define

ENV_MODEL = "EVENTX_MODEL"
MODEL_ENTRY_POINTS = "eventx.models"
OFFICIAL = "stanza"
_CORE_PROCESSORS = ("tokenize", "pos", "lemma", "depparse", "ner")


class ModelNotFoundError(LookupError):
    """No usable model; the message says how to get one."""


class ModelLoadError(ModelNotFoundError):
    """The model was found but cannot be loaded (a file missing or damaged); the message names the file."""


@define(frozen=True)
class ModelInfo:
    """A Stanza model set: its resources folder and the package to load from it."""

    name: str
    directory: Path
    package: str = "default"
    kind: str = "package"  # "package" (installed eventx model), "stanza" (official), "path"
    version: str | None = None
    description: str = ""


def stanza_resources_dir() -> Path:
    """The folder Stanza downloads its models to (the same rule Stanza uses)."""
    return Path(os.environ.get("STANZA_RESOURCES_DIR", Path.home() / "stanza_resources"))


def _read_resources(directory: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((directory / "resources.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def official_model() -> ModelInfo | None:
    """The official Stanza English models, if they have been downloaded."""
    directory = stanza_resources_dir()
    resources = _read_resources(directory)
    if not resources or "en" not in resources:
        return None
    en = resources["en"]
    defaults = en.get("default_processors", {})
    for processor in _CORE_PROCESSORS:
        package = defaults.get(processor)
        if not isinstance(package, str) or not (directory / "en" / processor / f"{package}.pt").exists():
            return None
    return ModelInfo(
        name=OFFICIAL,
        directory=directory,
        package="default",
        kind="stanza",
        version=resources.get("version") if isinstance(resources.get("version"), str) else None,
        description=f"official Stanza English models in {directory}",
    )


def installed_models() -> list[ModelInfo]:
    """Model packages that registered themselves under the ``eventx.models`` entry-point group."""
    import importlib.metadata  # lazy: about 15 ms of `import eventx`

    found = []
    for ep in importlib.metadata.entry_points(group=MODEL_ENTRY_POINTS):
        try:
            info = ep.load()()
        except Exception:  # noqa: BLE001 - a broken model package is skipped, not fatal
            continue
        dist = getattr(ep, "dist", None)
        found.append(
            ModelInfo(
                name=ep.name,
                directory=Path(info["directory"]),
                package=info.get("package", "default"),
                kind="package",
                version=dist.version if dist else info.get("version"),
                description=info.get("description", ""),
            )
        )
    return sorted(found, key=lambda m: m.name)


def available_models() -> list[ModelInfo]:
    """Every model eventx can find, official Stanza models first."""
    official = official_model()
    return ([official] if official else []) + installed_models()


def resolve_model(model: str | os.PathLike[str] | None = None) -> ModelInfo:
    """Pick the model to use; raise :class:`ModelNotFoundError` with advice when there is none."""
    choice = model if model is not None else os.environ.get(ENV_MODEL) or None
    if choice is not None:
        return _explicit(str(choice))
    official = official_model()
    if official is not None:
        return official
    installed = installed_models()
    if installed:
        return installed[0]
    raise ModelNotFoundError(
        "no English Stanza model found. Install eventx's bundled model pack "
        "(pip install ./models/eventx-model-en from the eventx source tree), or download "
        "Stanza's official models (python -c \"import stanza; stanza.download('en')\"), "
        "or pass --model DIR / set EVENTX_MODEL to a Stanza resources folder."
    )


def _explicit(choice: str) -> ModelInfo:
    if choice == OFFICIAL:
        official = official_model()
        if official is None:
            raise ModelNotFoundError(
                f"the official Stanza English models are not in {stanza_resources_dir()}; "
                "download them with: python -c \"import stanza; stanza.download('en')\""
            )
        return official
    for info in installed_models():
        if info.name == choice:
            return info
    path = Path(choice).expanduser()
    if path.is_dir():
        resources = _read_resources(path)
        if resources is None or "en" not in resources:
            raise ModelNotFoundError(f"{path}: not a Stanza model folder (no resources.json with English models)")
        return ModelInfo(
            name=str(path),
            directory=path,
            package="default",
            kind="path",
            description=f"Stanza resources folder {path}",
        )
    names = [m.name for m in available_models()]
    raise ModelNotFoundError(
        f"unknown model {choice!r}: not a folder, not an installed model package"
        + (f" (available: {', '.join(names)})" if names else " (none is installed)")
    )


def model_processors(info: ModelInfo) -> set[str]:
    """The processors a model folder provides for English (read from its ``resources.json``)."""
    resources = _read_resources(info.directory) or {}
    en = resources.get("en", {})
    package = en.get("packages", {}).get(info.package) if info.package != "default" else None
    listed = package if isinstance(package, dict) else en.get("default_processors", {})
    return {name for name in listed if isinstance(name, str)}


def model_files(info: ModelInfo, processors: list[str]) -> list[Path]:
    """The ``.pt`` files Stanza loads for these processors (and what they depend on), from ``resources.json``."""
    en = (_read_resources(info.directory) or {}).get("en", {})
    if not isinstance(en, dict):
        return []
    package = en.get("packages", {}).get(info.package) if info.package != "default" else None
    chosen = package if isinstance(package, dict) else en.get("default_processors", {})
    files: list[Path] = []
    for processor in processors:
        name = chosen.get(processor) if isinstance(chosen, dict) else None
        if not isinstance(name, str):
            continue
        files.append(info.directory / "en" / processor / f"{name}.pt")
        entry = en.get(processor, {}).get(name, {}) if isinstance(en.get(processor), dict) else {}
        for dep in entry.get("dependencies", []) if isinstance(entry, dict) else []:
            if isinstance(dep, dict) and isinstance(dep.get("model"), str) and isinstance(dep.get("package"), str):
                files.append(info.directory / "en" / dep["model"] / f"{dep['package']}.pt")
    return list(dict.fromkeys(files))


def load_problem(info: ModelInfo, processors: list[str], exc: BaseException) -> str:
    """One line saying why a model did not load: a missing or damaged file when one is found, else the error."""
    import zipfile  # lazy: only a failed model load needs it

    for path in model_files(info, processors):
        if not path.is_file():
            return f"model {info.name}: file {path} is missing (reinstall the model)"
        if path.stat().st_size == 0 or (path.parent.name != "pretrain" and not zipfile.is_zipfile(path)):
            return f"model {info.name}: file {path} is damaged (truncated or not a torch file; reinstall the model)"
    first = re.split(r"(?<=\.)\s|\n", str(exc).strip(), maxsplit=1)[0][:200]
    return f"model {info.name} could not be loaded from {info.directory}: {type(exc).__name__}: {first}"
