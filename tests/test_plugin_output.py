"""Plugin output is checked and plugin failures are isolated, on every execution path (issue 16).

A plugin that returns an event outside its document, with a span text that does not match the
document, a sentence index that does not exist or an unregistered type fails, named; so does
one that calls ``sys.exit()`` or raises ``eventx.PluginError``.  The other documents and plugins go on.
"""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import attrs
import pytest
from click.testing import CliRunner, Result
from helpers import FIXTURES, manager

import eventx
from eventx import Event, Extractor, ExtractorSpec, Meeting, ParsedDocument, PluginError, Span, hookimpl
from eventx.cli import main
from eventx.parsing import read_conllu
from eventx.validation import event_problem

Install = Callable[..., Path]

# A plugin whose extractor misbehaves in the way the document id asks for, and is sound otherwise.
LIAR_SOURCE = textwrap.dedent("""
    import sys
    from typing import ClassVar

    import attrs

    import eventx
    from eventx import Event, ExtractorSpec, Meeting, Span


    @attrs.define(frozen=True, kw_only=True)
    class Rumour(Event):
        type: ClassVar[str] = "Rumour"


    class Escape(BaseException):
        pass


    def extract(document):
        how = document.doc_id.split("-")[0]
        good = document.span(0, 5)
        if how == "outside":
            yield Meeting(trigger=Span(text="x", start=10**6, end=10**6 + 1))
        elif how == "mismatch":
            yield Meeting(trigger=Span(text="nonsense", start=0, end=8))
        elif how == "role":
            yield Meeting(trigger=good, location=[Span(text="Geneva", start=1, end=7)])
        elif how == "sentence":
            yield Meeting(sentence_index=99, trigger=good)
        elif how == "unregistered":
            yield Rumour(trigger=good)
        elif how == "exit":
            sys.exit(0)
        elif how == "pluginerror":
            raise eventx.PluginError("I refuse")
        elif how == "escape":
            raise Escape("gone")
        else:
            yield Meeting(trigger=good)


    @eventx.hookimpl
    def register_extractors(register):
        register(ExtractorSpec(name="liar", extract=extract, processors={"tokenize"}))
""")

CASES = {
    "outside": "InvalidEventError: Meeting event trigger: offsets 1000000-1000001 lie outside the document",
    "mismatch": "InvalidEventError: Meeting event trigger: text 'nonsense' does not match the document at 0-8",
    "role": "InvalidEventError: Meeting event location: text 'Geneva' does not match the document at 1-7",
    "sentence": "InvalidEventError: Meeting event has sentence_index 99; the document has ",
    "unregistered": "InvalidEventError: event type 'Rumour' is not registered",
    "exit": "SystemExit: 0",
    "pluginerror": "PluginError: I refuse",
    "escape": "Escape: gone",
}


def talks(doc_id: str) -> ParsedDocument:
    doc, text = read_conllu((FIXTURES / "talks.conllu").read_text(encoding="utf-8"))
    return ParsedDocument(doc_id, doc, text)


@pytest.fixture
def liar(install_plugins: Install, monkeypatch: pytest.MonkeyPatch) -> None:
    install_plugins("eventx-liar", "1.0", {"liar": "eventx_liar"}, {"eventx_liar": LIAR_SOURCE})
    monkeypatch.setenv("EVENTX_PLUGINS", "liar,diplomacy")
    monkeypatch.setenv("EVENTX_BLOCK_PLUGINS", "eventx.merge")  # keep each extractor's events apart


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args), prog_name="eventx")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result


# ---------------------------------------------------------------------------- the check itself
def test_event_problem_accepts_the_events_of_the_built_in_plugins() -> None:
    document = talks("talks")
    extractor = Extractor(plugins=manager(("diplomacy", __import__("eventx_diplomacy"))))
    found = extractor.extract_document(document)
    assert found and extractor.plugins.failures == []
    assert all(event_problem(e, document, extractor.plugins.event_types) is None for e in found)


def test_event_problem_names_what_is_wrong() -> None:
    document = talks("d")
    types = manager().event_types
    good = Meeting(doc_id="d", trigger=document.span(0, 5))
    assert event_problem(good, document, types) is None
    assert event_problem(attrs.evolve(good, doc_id="other"), document, types) == (
        "Meeting event names document 'other', not 'd'"
    )
    assert event_problem("text", document, types) == "not an event: \"'text'\""

    @attrs.define(frozen=True, kw_only=True)
    class FakeMeeting(Event):
        type: ClassVar[str] = "Meeting"

    assert event_problem(FakeMeeting(trigger=document.span(0, 5)), document, types) == (
        "event class test_event_problem_names_what_is_wrong.<locals>.FakeMeeting "
        "is not the registered class of type 'Meeting'"
    )
    long = Span(text="x" * 100, start=0, end=100)
    problem = event_problem(Meeting(trigger=long), document, types)
    assert problem is not None and "'xxxxxxxx" in problem and "…'" in problem and len(problem) < 200


# ---------------------------------------------------------------------------- Python API
@pytest.mark.parametrize("case", sorted(CASES))
def test_python_api_reports_the_plugin_and_goes_on(liar: None, case: str) -> None:
    reports: list[str] = []
    extractor = Extractor(plugins=eventx.PluginManager(report=reports.append))
    results = list(extractor.results([talks(f"{case}-1"), talks("fine-2")]))
    assert [r.doc_id for r in results] == [f"{case}-1", "fine-2"]
    assert {e.extractor for e in results[0].events} == {"diplomacy"}, "the other plugin's events are kept"
    assert "liar" in {e.extractor for e in results[1].events}
    assert len(reports) == 1
    assert reports[0].startswith(f"eventx: plugin 'liar' failed in extract ({case}-1): {CASES[case]}")
    assert reports[0].endswith(" (skipped)") and "\n" not in reports[0]


def test_strict_mode_raises_naming_the_plugin(liar: None) -> None:
    extractor = Extractor(plugins=eventx.PluginManager(strict=True, report=lambda m: None))
    with pytest.raises(PluginError, match=r"^eventx: plugin 'liar' failed in extract \(exit-1\): SystemExit: 0$"):
        extractor.extract_document(talks("exit-1"))


def test_keyboard_interrupt_is_not_isolated() -> None:
    def extract(document: ParsedDocument) -> Iterator[Event]:
        raise KeyboardInterrupt
        yield

    class Plugin:
        @hookimpl
        def register_extractors(self, register: Callable[[ExtractorSpec], None]) -> None:
            register(ExtractorSpec(name="ctrl-c", extract=extract))

    with pytest.raises(KeyboardInterrupt):
        Extractor(plugins=manager(("ctrl-c", Plugin()))).extract_document(talks("d"))


def test_process_events_hook_returning_an_invalid_event_is_skipped() -> None:
    class Mover:
        @hookimpl
        def process_events(self, events: list[Event]) -> list[Event]:
            return [attrs.evolve(e, trigger=Span(text="far", start=900, end=903)) for e in events]

    reports: list[str] = []
    document = talks("d")
    good = Meeting(doc_id="d", trigger=document.span(0, 5))
    assert manager(("mover", Mover()), reports=reports).process_events([good], document) == [good]
    assert reports == [
        "eventx: plugin 'mover' failed in process_events (d): InvalidEventError: Meeting event trigger: "
        "offsets 900-903 lie outside the document (156 characters) (skipped)"
    ]


@pytest.mark.parametrize("hook", ["import", "register_extractors", "register_event_types"])
def test_sys_exit_while_loading_is_a_plugin_failure(install_plugins: Install, hook: str) -> None:
    source = (
        "import sys\nsys.exit(3)\n"
        if hook == "import"
        else textwrap.dedent(f"""
        import sys
        import eventx

        @eventx.hookimpl
        def {hook}(register):
            sys.exit(0)
    """)
    )
    install_plugins("eventx-quitter", "1.0", {"quitter": "eventx_quitter"}, {"eventx_quitter": source})
    reports: list[str] = []
    pm = eventx.PluginManager(load=["quitter"], report=reports.append)
    assert list(pm.event_types) == ["Meeting", "Demand", "Attack", "Exchange"] and pm.extractors == []
    assert reports == [
        f"eventx: plugin 'quitter' failed in {hook}: SystemExit: {3 if hook == 'import' else 0} (skipped)"
    ]


# ---------------------------------------------------------------------------- command line
def conllu_inputs(tmp_path: Path, names: list[str]) -> list[str]:
    paths = []
    for name in names:
        path = tmp_path / f"{name}.conllu"
        path.write_bytes((FIXTURES / "talks.conllu").read_bytes())
        paths.append(str(path))
    return paths


def test_cli_serial_reports_every_bad_plugin_output_and_writes_the_rest(liar: None, tmp_path: Path) -> None:
    names = [f"{case}-{i}" for i, case in enumerate(sorted(CASES))] + ["fine-99"]
    result = run("extract", "--input-format", "conllu", *conllu_inputs(tmp_path, names))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == len(CASES)
    for line, name in zip(lines, names, strict=False):
        case = name.split("-")[0]
        assert line.startswith(f"eventx: plugin 'liar' failed in extract ({name}): {CASES[case]}"), line
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert {e["doc_id"] for e in events} == set(names), "every document is written"
    assert {e["doc_id"] for e in events if e["extractor"] == "liar"} == {"fine-99"}


@pytest.mark.model
def test_cli_workers_check_plugin_output_the_same_way(liar: None, tmp_path: Path) -> None:
    names = ["unregistered-1", "outside-2", "exit-3", "fine-4"]
    paths = []
    for name in names:
        path = tmp_path / f"{name}.txt"
        path.write_text("Talks between Armenia and Azerbaijan resumed in Geneva.", encoding="utf-8")
        paths.append(str(path))
    for workers in ("1", "2"):
        result = run("extract", "--workers", workers, *paths)
        assert result.exit_code == 1, result.stderr
        # the same lines, " (skipped)" included, whether the failure happened here or in a worker
        assert sorted(result.stderr.splitlines()) == [
            f"eventx: plugin 'liar' failed in extract ({n}): {CASES[n.split('-')[0]]}" + tail + " (skipped)"
            for n, tail in (
                ("exit-3", ""),
                ("outside-2", " (55 characters)"),
                ("unregistered-1", " (register it with register_event_types)"),
            )
        ], workers
        events = [json.loads(line) for line in result.stdout.splitlines()]
        assert {e["doc_id"] for e in events if e["extractor"] == "liar"} == {"fine-4"}, workers


def test_invalid_event_in_python_is_not_written_by_the_writers(liar: None) -> None:
    # What the writers get is what passed the check: nothing of the failed extractor for that document.
    extractor = Extractor(plugins=eventx.PluginManager(report=lambda m: None))
    (result,) = extractor.results([talks("mismatch-1")])
    assert all(e.extractor != "liar" for e in result.events)
    assert sys.modules.get("eventx_liar") is not None
