"""Shared test material: a plugin event type, sample events, and a fake installed plugin distribution."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import attrs

import eventx
from eventx import Demand, Event, Exchange, Meeting, Span, count_role, span_role
from eventx.plugins import PluginManager

FIXTURES = Path(__file__).parent / "fixtures"


@attrs.define(frozen=True, kw_only=True)
class Ceasefire(Event):
    """A truce between parties (a plugin-defined type for the tests)."""

    type: ClassVar[str] = "Ceasefire"
    description: ClassVar[str] = "truces and ceasefires"

    parties: tuple[Span, ...] = span_role(doc="who agrees to stop fighting")
    days: int | None = count_role(doc="how long it lasts")


def span(text: str, start: int) -> Span:
    return Span(text=text, start=start, end=start + len(text))


# The example line of the issue, as the output contract fixes it.
ISSUE_LINE = (
    '{"type": "Attack", "doc_id": "istanbul-talks", "sentence_index": 3, '
    '"trigger": {"text": "killed", "start": 577, "end": 583}, "modality": "asserted", '
    '"attributed_to": {"text": "Kyiv", "start": 554, "end": 558}, "extractor": "casualties", "confidence": 0.9, '
    '"attacker": [], "target": [], "victims": [{"text": "nine people", "start": 560, "end": 571}], '
    '"location": [{"text": "the north of the country", "start": 597, "end": 621}], '
    '"time": [{"text": "overnight", "start": 584, "end": 593}], "instrument": [], "killed": 9, "injured": null}'
)


def sample_events() -> dict[str, Event]:
    """One fully filled event of each core type and of the plugin type."""
    return {
        "Meeting": Meeting(
            doc_id="geneva",
            sentence_index=0,
            trigger=span("Talks", 0),
            modality="planned",
            attributed_to=span("the ministry", 70),
            extractor="diplomacy",
            confidence=0.75,
            participants=[span("Armenia", 14), Span(text="Azerbaijan", start=26, end=36, normalized="AZE")],
            location=[span("Geneva", 48)],
            time=[span("Monday", 58)],
        ),
        "Demand": Demand(
            doc_id="d",
            sentence_index=2,
            trigger=span("demanded", 10),
            modality="requested",
            extractor="territory",
            confidence=0.5,
            demander=[span("Moscow", 0)],
            addressee=[span("Kyiv", 20)],
            content=[span("withdraw its troops", 28)],
            territory=[span("the region", 50)],
        ),
        "Attack": eventx.from_json(ISSUE_LINE),
        "Exchange": Exchange(
            doc_id="x",
            sentence_index=1,
            trigger=span("swapped", 5),
            modality="negated",
            extractor="diplomacy",
            confidence=1.0,
            parties=[span("both sides", 13)],
            items=[span("prisoners", 30)],
            quantity=0,
        ),
        "Ceasefire": Ceasefire(
            doc_id="c",
            trigger=span("truce", 4),
            modality="hypothetical",
            extractor="test",
            confidence=0.25,
            parties=[span("the rebels", 20)],
            days=30,
        ),
    }


def manager(*plugins: tuple[str, object], reports: list[str] | None = None, **kwargs: object) -> PluginManager:
    """A plugin manager with the given plugin objects and no entry-point plugins."""
    return PluginManager(
        entry_points=False, plugins=plugins, report=reports.append if reports is not None else None, **kwargs
    )  # type: ignore[arg-type]


# A plugin module installed through a fake distribution (see the ``install_plugins`` fixture).
# It registers Ceasefire and a keyword extractor that turns "resume" into a Meeting and
# "kill"/"hurt" into an Attack, using the ParsedSentence helpers; it raises on a document
# whose id is "boom".
PLUGIN_SOURCE = textwrap.dedent('''
    from typing import ClassVar

    import attrs

    import eventx
    from eventx import Attack, Event, ExtractorSpec, Meeting, Span, count_role, span_role


    @attrs.define(frozen=True, kw_only=True)
    class Ceasefire(Event):
        """A truce between parties."""

        type: ClassVar[str] = "Ceasefire"
        description: ClassVar[str] = "truces and ceasefires"

        parties: tuple[Span, ...] = span_role(doc="who agrees to stop fighting")
        days: int | None = count_role(doc="how long it lasts")


    def extract(document):
        if document.doc_id == "boom":
            raise RuntimeError("kaboom")
        for sent in document.sentences:
            for word in sent.words:
                if word.lemma == "resume":
                    subj = sent.child(word, "nsubj")
                    yield Meeting(sentence_index=sent.index, trigger=sent.span(word), confidence=0.8,
                                  participants=[sent.subtree_span(subj)] if subj is not None else [],
                                  location=[sent.phrase(w) for w in sent.children(word, "obl")[:1]])
                elif word.lemma in ("kill", "hurt"):
                    victim = sent.child(word, "obj", "nsubj:pass")
                    numbers = sent.numbers(victim) if victim is not None else []
                    yield Attack(sentence_index=sent.index, trigger=sent.span(word), confidence=0.9,
                                 victims=[sent.phrase(victim)] if victim is not None else [],
                                 killed=numbers[0][1] if numbers and word.lemma == "kill" else None,
                                 injured=numbers[0][1] if numbers and word.lemma == "hurt" else None)


    @eventx.hookimpl
    def register_event_types(register):
        register(Ceasefire)


    @eventx.hookimpl
    def register_extractors(register):
        register(ExtractorSpec(name="keywords", extract=extract, processors={"tokenize", "pos", "lemma", "depparse"},
                               description="test keywords"))
''')

BROKEN_SOURCE = "raise ImportError('this plugin is broken')\n"

HOOK_RAISES_SOURCE = textwrap.dedent("""
    import eventx

    @eventx.hookimpl
    def register_extractors(register):
        raise RuntimeError("cannot register")
""")


def write_distribution(
    site: Path, dist: str, version: str, entry_points: dict[str, str], modules: dict[str, str]
) -> None:
    """Lay out an installed distribution (dist-info with entry points, plus modules) under ``site``."""
    site.mkdir(parents=True, exist_ok=True)
    info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8")
    lines = "".join(f"{name} = {target}\n" for name, target in entry_points.items())
    (info / "entry_points.txt").write_text(f"[eventx]\n{lines}", encoding="utf-8")
    for module, source in modules.items():
        (site / f"{module}.py").write_text(source, encoding="utf-8")


def installed_example(example: Path, dist: str) -> Iterator[None]:
    """Pip-install an example plugin package (editable, as a user would) for a module's tests;
    uninstall it afterwards unless it was installed before.  Skips where pip is missing."""
    import importlib.metadata
    import subprocess
    import sys

    import pytest

    def installed() -> bool:
        try:
            importlib.metadata.distribution(dist)
        except importlib.metadata.PackageNotFoundError:
            return False
        return True

    def setuptools_major() -> int:
        try:
            return int(importlib.metadata.version("setuptools").split(".")[0])
        except (importlib.metadata.PackageNotFoundError, ValueError):
            return 0

    pip = [sys.executable, "-m", "pip"]
    if subprocess.run([*pip, "--version"], capture_output=True).returncode != 0:
        pytest.skip("pip is not available in this environment")
    was_installed = installed()
    # Build with this environment's setuptools when it is recent enough (no download), else let pip fetch one.
    isolation = ["--no-build-isolation"] if setuptools_major() >= 77 else []
    done = subprocess.run(
        [*pip, "install", "--quiet", "--no-deps", *isolation, "-e", str(example)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    yield
    if not was_installed:
        subprocess.run([*pip, "uninstall", "--quiet", "-y", dist], capture_output=True, timeout=300)
