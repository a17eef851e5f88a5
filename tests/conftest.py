from __future__ import annotations

import importlib
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import write_distribution
from hypothesis import settings

settings.register_profile("eventx", database=None, deadline=None)
settings.load_profile("eventx")

# A shell starts a background job (`pytest &`) with SIGINT ignored, and a child process keeps an
# ignored signal: the eventx subprocesses of the signal tests would then never see their SIGINT.
# A handler here is reset to the default in each child, where Python installs its own again.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

ENV_VARS = (
    "EVENTX_PLUGINS",
    "EVENTX_BLOCK_PLUGINS",
    "EVENTX_STRICT",
    "EVENTX_MAX_BYTES",
    "EVENTX_MODEL",
    "EVENTX_LEXICON_PATH",
    "EVENTX_READ_TIMEOUT",
)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's own plugin selection, strictness, limits or model choice."""
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def install_plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Path]]:
    """Install plugin modules as a real (fake-built) distribution with ``eventx`` entry points.

    ``install(dist, version, entry_points={name: module}, modules={module: source})``
    lays out a dist-info folder on a fresh ``sys.path`` entry, so that
    ``importlib.metadata`` finds the entry points exactly as it would after pip.
    """
    site = tmp_path / "site-packages"
    modules: list[str] = []

    def install(dist: str, version: str, entry_points: dict[str, str], sources: dict[str, str]) -> Path:
        write_distribution(site, dist, version, entry_points, sources)
        modules.extend(sources)
        for name in sources:
            sys.modules.pop(name, None)
        if str(site) not in sys.path:
            monkeypatch.syspath_prepend(str(site))
        importlib.invalidate_caches()
        return site

    yield install
    for name in modules:
        sys.modules.pop(name, None)
