from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import attrs
import pytest
from helpers import BROKEN_SOURCE, HOOK_RAISES_SOURCE, PLUGIN_SOURCE, Ceasefire, manager, span

import eventx
from eventx import (
    Attack,
    Event,
    Extractor,
    ExtractorSpec,
    Meeting,
    OutputFormat,
    ParsedDocument,
    PluginError,
    PluginManager,
    hookimpl,
)
from eventx.outputs import JsonLinesWriter
from eventx.plugins import ALL_PROCESSORS, _with_provenance, processors_needed

Install = Callable[..., Path]


TEXT = "x" * 20 + "people" + "x" * 300  # what event_at() and span("people", 20) point at


def doc(doc_id: str, text: str = TEXT) -> ParsedDocument:
    """A document without a parse: enough for extractors that read only the text."""
    return ParsedDocument(doc_id, None, text)


def event_at(start: int, cls: type[Event] = Meeting, **kwargs: object) -> Event:
    return cls(trigger=span("x" * 3, start), **kwargs)  # type: ignore[arg-type]


class TypesPlugin:
    @hookimpl
    def register_event_types(self, register: Callable[[type[Event]], None]) -> None:
        register(Ceasefire)


def extractor_plugin(
    name: str, extract: Callable[[ParsedDocument], Iterator[Event]] | None = None, processors: set[str] | None = None
) -> object:
    def default(document: ParsedDocument) -> Iterator[Event]:
        yield event_at(0)

    class Plugin:
        @hookimpl
        def register_extractors(self, register: Callable[[ExtractorSpec], None]) -> None:
            register(
                ExtractorSpec(
                    name=name,
                    extract=extract or default,
                    processors=processors if processors is not None else ALL_PROCESSORS,
                )
            )

    return Plugin()


class FormatPlugin:
    @hookimpl
    def register_output_formats(self, register: Callable[[OutputFormat], None]) -> None:
        register(OutputFormat(name="ndjson", open=JsonLinesWriter, description="alias"))


# ---------------------------------------------------------------------------- registration
def test_core_only() -> None:
    pm = manager()
    assert list(pm.event_types) == ["Meeting", "Demand", "Attack", "Exchange"]
    assert pm.extractors == []
    assert list(pm.output_formats) == ["jsonl", "json", "csv", "parquet"]
    assert pm.failures == []


def test_register_types_extractors_and_formats_through_hooks() -> None:
    pm = manager(("types", TypesPlugin()), ("ex", extractor_plugin("ex", processors={"ner"})), ("fmt", FormatPlugin()))
    assert list(pm.event_types) == ["Meeting", "Demand", "Attack", "Exchange", "Ceasefire"]
    assert pm.event_types["Ceasefire"] is Ceasefire
    assert [s.name for s in pm.extractors] == ["ex"]
    assert pm.extractors[0].processors == frozenset({"ner"})
    assert pm.output_formats["ndjson"].description == "alias"
    assert pm.failures == []


def test_module_plugins_and_register_method() -> None:
    pm = manager()
    assert "Ceasefire" not in pm.event_types
    pm.register(TypesPlugin(), "late")
    assert "Ceasefire" in pm.event_types, "register() drops the cached collections"


def test_hookimpl_with_fewer_arguments_is_accepted() -> None:
    seen: list[int] = []

    class NoDocument:
        @hookimpl
        def process_events(self, events: list[Event]) -> None:
            seen.append(len(events))

    pm = manager(("nodoc", NoDocument()))
    assert pm.process_events([event_at(0)], doc("d")) == [event_at(0)]
    assert seen == [1]


def test_extractor_spec_checks_processors() -> None:
    with pytest.raises(ValueError, match="unknown Stanza processor"):
        ExtractorSpec(name="x", extract=lambda d: [], processors={"depparse", "coref"})
    assert ExtractorSpec(name="x", extract=lambda d: []).processors == ALL_PROCESSORS
    assert processors_needed({"depparse"}) == ["tokenize", "mwt", "pos", "lemma", "depparse"]
    assert processors_needed({"ner"}) == ["tokenize", "mwt", "ner"]


# ---------------------------------------------------------------------------- duplicates and bad plugins
def test_duplicate_extractor_names_both_plugins() -> None:
    reports: list[str] = []
    pm = manager(("first", extractor_plugin("same")), ("second", extractor_plugin("same")), reports=reports)
    assert len(pm.extractors) == 1
    assert len(reports) == 1
    assert "'second'" in reports[0] and "'first'" in reports[0] and "'same'" in reports[0]
    assert reports[0].endswith("(skipped)")


def test_duplicate_event_type_names_both_plugins() -> None:
    @attrs.define(frozen=True, kw_only=True)
    class OtherMeeting(Event):
        type = "Meeting"

    OtherMeeting.type = "Meeting"  # a ClassVar in the class dict, as is_event_type requires

    class Clash:
        @hookimpl
        def register_event_types(self, register: Callable[[type[Event]], None]) -> None:
            register(OtherMeeting)

    reports: list[str] = []
    pm = manager(("one", TypesPlugin()), ("two", TypesPlugin()), ("clash", Clash()), reports=reports)
    assert pm.event_types["Meeting"] is Meeting
    assert pm.event_types["Ceasefire"] is Ceasefire
    text = "\n".join(reports)
    assert "plugin 'clash'" in text and "already registered by 'eventx'" in text
    assert "plugin 'two'" not in text, "the same class registered twice is no clash"


def test_duplicate_output_format() -> None:
    class Jsonl:
        @hookimpl
        def register_output_formats(self, register: Callable[[OutputFormat], None]) -> None:
            register(OutputFormat(name="jsonl", open=JsonLinesWriter))

    reports: list[str] = []
    pm = manager(("mine", Jsonl()), reports=reports)
    assert pm.output_formats["jsonl"].description.startswith("one JSON event per line")
    assert "plugin 'mine'" in reports[0] and "'eventx.outputs'" in reports[0]


def test_invalid_registrations_are_reported() -> None:
    class Wrong:
        @hookimpl
        def register_event_types(self, register: Callable[[object], None]) -> None:
            register(Meeting(trigger=span("x", 0)))  # an instance, not a class

        @hookimpl
        def register_extractors(self, register: Callable[[object], None]) -> None:
            register(lambda d: [])

    reports: list[str] = []
    pm = manager(("wrong", Wrong()), reports=reports)
    assert len(pm.event_types) == 4 and pm.extractors == []
    assert any("is not a subclass of eventx.Event" in r for r in reports)
    assert any("not an eventx.ExtractorSpec" in r for r in reports)


def test_an_invalid_event_class_is_refused_naming_the_rule() -> None:
    @attrs.define(frozen=True, kw_only=True)
    class Loose(Event):
        type: ClassVar[str] = "Loose"
        note: str = ""

    class Registers:
        @hookimpl
        def register_event_types(self, register: Callable[[object], None]) -> None:
            register(Loose)

    reports: list[str] = []
    pm = manager(("loose", Registers()), reports=reports)
    assert "Loose" not in pm.event_types
    assert any("Loose field(s) note are neither a span_role() nor a count_role()" in r for r in reports)


def test_plugin_raising_in_hook_is_reported_on_stderr_and_skipped(capsys: pytest.CaptureFixture[str]) -> None:
    class Raises:
        @hookimpl
        def register_extractors(self, register: Callable[[ExtractorSpec], None]) -> None:
            register(ExtractorSpec(name="half", extract=lambda d: []))
            raise RuntimeError("boom in hook")

    pm = PluginManager(entry_points=False, plugins=[("raises", Raises()), ("good", extractor_plugin("good"))])
    assert [s.name for s in pm.extractors] == ["good"], "nothing from the failing hook call is kept"
    err = capsys.readouterr().err
    assert err.strip() == (
        "eventx: plugin 'raises' failed in register_extractors: RuntimeError: boom in hook (skipped)"
    )
    assert pm.failures[0].plugin == "raises" and pm.failures[0].where == "register_extractors"


def test_misspelt_hook_skips_only_that_plugin() -> None:
    class Misspelt:
        @hookimpl
        def register_extractor(self, register: Callable[[ExtractorSpec], None]) -> None:
            raise AssertionError("never called")

    class BadArgs:
        @hookimpl
        def register_extractors(self, register: object, bogus: object) -> None:
            raise AssertionError("never called")

    reports: list[str] = []
    pm = manager(("misspelt", Misspelt()), ("badargs", BadArgs()), ("good", extractor_plugin("good")), reports=reports)
    assert [s.name for s in pm.extractors] == ["good"]
    assert any("'misspelt' failed in register" in r and "register_extractor" in r for r in reports)
    assert any("'badargs' failed in register" in r for r in reports)
    assert {i.name for i in pm.describe()} == {"good", "eventx.merge", "eventx.outputs"}


def test_strict_mode_raises() -> None:
    class Raises:
        @hookimpl
        def register_event_types(self, register: Callable[[type[Event]], None]) -> None:
            raise RuntimeError("boom")

    pm = manager(("raises", Raises()), strict=True)
    with pytest.raises(PluginError, match="plugin 'raises' failed in register_event_types: RuntimeError: boom"):
        pm.event_types  # noqa: B018
    with pytest.raises(PluginError, match="already registered"):
        manager(("a", extractor_plugin("x")), ("b", extractor_plugin("x")), strict=True).extractors  # noqa: B018


def test_strict_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTX_STRICT", "1")
    assert manager().strict
    assert not manager(strict=False).strict
    monkeypatch.setenv("EVENTX_STRICT", "0")
    assert not manager().strict


# ---------------------------------------------------------------------------- entry points and selection
def _install_two(install: Install) -> None:
    install(
        "eventx-testplug",
        "1.2.3",
        {"alpha": "eventx_testplug", "beta": "eventx_testbeta"},
        {"eventx_testplug": PLUGIN_SOURCE, "eventx_testbeta": HOOK_RAISES_SOURCE},
    )


def _names(pm: PluginManager) -> set[str]:
    return {i.name for i in pm.describe()} - {"eventx.merge", "eventx.outputs"}


def test_entry_point_plugin_loads_with_version_and_hooks(install_plugins: Install) -> None:
    _install_two(install_plugins)
    pm = PluginManager(load=["alpha"])
    (info,) = [i for i in pm.describe() if i.name == "alpha"]
    assert info.version == "1.2.3"
    assert info.hooks == ("register_event_types", "register_extractors")
    assert info.source == "entry point eventx_testplug"
    assert "Ceasefire" in pm.event_types and [s.name for s in pm.extractors] == ["keywords"]


def test_eventx_plugins_env_selects(install_plugins: Install, monkeypatch: pytest.MonkeyPatch) -> None:
    _install_two(install_plugins)
    monkeypatch.setenv("EVENTX_PLUGINS", "alpha")
    assert _names(PluginManager()) == {"alpha"}
    monkeypatch.setenv("EVENTX_PLUGINS", " alpha , beta ")
    assert _names(PluginManager()) == {"alpha", "beta"}
    monkeypatch.setenv("EVENTX_PLUGINS", "")
    assert _names(PluginManager()) == set(), "an empty allow list loads no plugin"
    assert _names(PluginManager(load=["beta"])) == {"beta"}, "the argument wins over the variable"


def test_block_env_and_argument(install_plugins: Install, monkeypatch: pytest.MonkeyPatch) -> None:
    _install_two(install_plugins)
    monkeypatch.setenv("EVENTX_BLOCK_PLUGINS", "beta")
    assert _names(PluginManager(load=["alpha", "beta"])) == {"alpha"}
    monkeypatch.delenv("EVENTX_BLOCK_PLUGINS")
    assert _names(PluginManager(load=["alpha", "beta"], block=["alpha"])) == {"beta"}
    pm = PluginManager(load=["alpha"], block=["eventx.merge"])
    assert "eventx.merge" not in {i.name for i in pm.describe()}, "core plugins can be blocked too"


def test_load_names_a_missing_plugin(install_plugins: Install) -> None:
    _install_two(install_plugins)
    reports: list[str] = []
    pm = PluginManager(load=["alpha", "gamma", "eventx.merge"], report=reports.append)
    assert _names(pm) == {"alpha"}
    assert reports == [
        "eventx: plugin 'gamma' failed in load: LookupError: no installed plugin named 'gamma' (skipped)"
    ]


def test_plugin_failing_to_import(install_plugins: Install) -> None:
    install_plugins(
        "eventx-broken",
        "0.1",
        {"broken": "eventx_testbroken", "alpha": "eventx_testplug"},
        {"eventx_testbroken": BROKEN_SOURCE, "eventx_testplug": PLUGIN_SOURCE},
    )
    reports: list[str] = []
    pm = PluginManager(load=["broken", "alpha"], report=reports.append)
    assert _names(pm) == {"alpha"}
    assert reports == ["eventx: plugin 'broken' failed in import: ImportError: this plugin is broken (skipped)"]
    with pytest.raises(PluginError, match="'broken' failed in import"):
        PluginManager(load=["broken"], strict=True)


def test_entry_point_hook_failure_is_isolated(install_plugins: Install) -> None:
    _install_two(install_plugins)
    reports: list[str] = []
    pm = PluginManager(load=["alpha", "beta"], report=reports.append)
    assert [s.name for s in pm.extractors] == ["keywords"]
    assert reports == ["eventx: plugin 'beta' failed in register_extractors: RuntimeError: cannot register (skipped)"]


# ---------------------------------------------------------------------------- running
def test_process_events_chain() -> None:
    received: list[tuple[str, list[int]]] = []

    def starts(events: list[Event]) -> list[int]:
        return [e.trigger.start for e in events]

    class AddOne:
        @hookimpl(tryfirst=True)
        def process_events(self, events: list[Event], document: ParsedDocument) -> list[Event]:
            received.append(("add", starts(events)))
            return [*events, event_at(100)]

    class Nothing:
        @hookimpl
        def process_events(self, events: list[Event]) -> None:
            received.append(("none", starts(events)))

    class DropFirst:
        @hookimpl(trylast=True)
        def process_events(self, events: list[Event], document: ParsedDocument) -> list[Event]:
            received.append(("drop", starts(events)))
            assert document.doc_id == "d"
            return events[1:]

    pm = manager(("drop", DropFirst()), ("nothing", Nothing()), ("add", AddOne()))
    out = pm.process_events([event_at(0), event_at(10)], doc("d"))
    assert received[0] == ("add", [0, 10])
    assert received[1] == ("none", [0, 10, 100])
    assert ("drop", [0, 10, 100]) in received
    assert starts(out) == [10, 100]


def test_process_events_failures_are_isolated() -> None:
    class Raises:
        @hookimpl
        def process_events(self, events: list[Event]) -> list[Event]:
            raise ValueError("bad")

    class NotEvents:
        @hookimpl
        def process_events(self, events: list[Event]) -> list[object]:
            return ["not an event"]

    reports: list[str] = []
    pm = manager(("raises", Raises()), ("notevents", NotEvents()), reports=reports)
    assert pm.process_events([event_at(0)], doc("d")) == [event_at(0)]
    assert any("'raises' failed in process_events (d): ValueError: bad" in r for r in reports)
    assert any("'notevents' failed in process_events (d): InvalidEventError: not an event" in r for r in reports)


def test_core_merge_runs_in_the_chain() -> None:
    a = event_at(0, Attack, killed=3, extractor="a")
    b = event_at(1, Attack, victims=[span("people", 20)], extractor="b")
    (merged,) = manager().process_events([a, b], doc("d"))
    assert merged.killed == 3 and merged.victims == (span("people", 20),) and merged.extractor == "a+b"
    assert len(manager(block=["eventx.merge"]).process_events([a, b], doc("d"))) == 2


def test_extractor_failing_on_one_document_does_not_stop_the_others() -> None:
    def extract(document: ParsedDocument) -> Iterator[Event]:
        if document.doc_id == "bad":
            raise RuntimeError("cannot read this one")
        yield event_at(0, extractor="")

    reports: list[str] = []
    pm = manager(
        ("flaky", extractor_plugin("flaky", extract)),
        ("steady", extractor_plugin("steady")),
        block=["eventx.merge"],
        reports=reports,
    )
    results = list(Extractor(plugins=pm).results([doc("one"), doc("bad"), doc("two")]))
    assert [r.doc_id for r in results] == ["one", "bad", "two"]
    assert [len(r.events) for r in results] == [2, 1, 2]
    assert {e.extractor for e in results[0].events} == {"flaky", "steady"}, "the spec name fills extractor"
    assert all(e.doc_id == r.doc_id for r in results for e in r.events), "the document id fills doc_id"
    assert reports == ["eventx: plugin 'flaky' failed in extract (bad): RuntimeError: cannot read this one (skipped)"]


def test_a_worker_failure_is_reported_as_a_serial_run_reports_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """``--workers`` and Dask report a plugin failure with the same line, " (skipped)" and traceback included."""
    import io

    from eventx import runner

    def extract(document: ParsedDocument) -> Iterator[Event]:
        raise RuntimeError("cannot read this one")
        yield  # pragma: no cover

    def build(reports: list[str]) -> Extractor:
        pm = manager(("flaky", extractor_plugin("flaky", extract)), block=["eventx.merge"], reports=reports)
        pm.tracebacks = True
        return Extractor(plugins=pm, resolve=False)

    serial: list[str] = []
    list(build(serial).results([doc("bad")]))
    records = runner.extract_records(build([]), [doc("bad")])  # what a worker sends back
    parent = build([])
    types = parent.plugins.event_types
    monkeypatch.setattr(runner, "parallel_results", lambda *args: (runner.as_result(r, types) for r in records))
    reports: list[str] = []
    summary = runner.run_batch(parent, [], JsonLinesWriter(io.StringIO()), workers=2, report=reports.append)
    assert serial[0].endswith("RuntimeError: cannot read this one (skipped)")
    assert reports[0] == serial[0] and len(reports) == len(serial) == 2
    assert reports[1].startswith("Traceback (most recent call last):") and reports[1].endswith("cannot read this one")
    assert summary.plugin_failures == 1 and summary.documents == 1


def test_extractor_yielding_a_non_event() -> None:
    def extract(document: ParsedDocument) -> Iterator[object]:
        yield event_at(0)
        yield "oops"

    reports: list[str] = []
    pm = manager(("odd", extractor_plugin("odd", extract)), reports=reports)  # type: ignore[arg-type]
    assert Extractor(plugins=pm).extract_document(doc("d")) == []
    assert "yielded a non-event 'oops'" in reports[0]


def test_extractor_keeps_its_own_extractor_name() -> None:
    def extract(document: ParsedDocument) -> Iterator[Event]:
        yield event_at(0, extractor="custom")

    pm = manager(("p", extractor_plugin("spec-name", extract)))
    assert [e.extractor for e in Extractor(plugins=pm).extract_document(doc("d"))] == ["custom"]


@pytest.mark.parametrize(
    "event",
    [
        Attack(trigger=span("shelled", 4), attacker=(span("troops", 20),), killed=3, modality="hypothetical"),
        Ceasefire(trigger=span("truce", 0), parties=(span("both sides", 10),), days=3, sentence_index=2),
        Meeting(trigger=span("talks", 0), extractor="own", attributed_to=span("officials", 30)),
    ],
)
def test_provenance_copy_equals_evolve(event: Event) -> None:
    filled = _with_provenance(event, "doc-7", event.extractor or "spec")
    assert filled == attrs.evolve(event, doc_id="doc-7", extractor=event.extractor or "spec")
    assert type(filled) is type(event) and filled is not event
    assert (event.doc_id, event.extractor in ("", "own")) == ("", True), "the plugin's event is left as it was"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        filled.doc_id = "other"  # type: ignore[misc]


def test_choosing_extractors_by_name() -> None:
    pm = manager(("a", extractor_plugin("a")), ("b", extractor_plugin("b")))
    assert [s.name for s in Extractor(plugins=pm, extractors=["b"]).extractors] == ["b"]
    with pytest.raises(ValueError, match="unknown extractor"):
        Extractor(plugins=pm, extractors=["c"]).extractors  # noqa: B018


def test_describe_lists_hooks() -> None:
    pm = manager(("types", TypesPlugin()), ("ex", extractor_plugin("ex")))
    infos = {i.name: i for i in pm.describe()}
    assert infos["types"].hooks == ("register_event_types",)
    assert infos["ex"].hooks == ("register_extractors",)
    assert infos["eventx.merge"].hooks == ("process_events",)
    assert infos["eventx.outputs"].hooks == ("register_output_formats",)
    assert infos["types"].source == "registered" and infos["eventx.merge"].source == "core"
    assert [i.name for i in pm.describe()][-2:] == ["eventx.merge", "eventx.outputs"], "core plugins last"


def test_public_api_exports() -> None:
    for name in eventx.__all__:
        assert hasattr(eventx, name), name
