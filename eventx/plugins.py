"""The plugin manager: loading plugins, collecting what they contribute, isolating failures.

Plugins are found through the ``eventx`` entry-point group.  Which ones load
is chosen by ``EVENTX_PLUGINS`` (a comma-separated allow list; empty loads
none) and ``EVENTX_BLOCK_PLUGINS`` (a block list), or the equivalent
arguments.  A plugin that fails to import or raises in a hook is reported on
stderr with its name and skipped, unless ``strict`` is set, which makes any
such failure raise :class:`PluginError`.

Isolation covers every ``BaseException`` but ``KeyboardInterrupt`` (so a
plugin calling ``sys.exit()`` is a failure, not the end of the run), and every
event a plugin returns is checked (:mod:`eventx.validation`): an invalid event
is that plugin's failure.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

import attrs
import pluggy
from attrs import define, field

from eventx import hookspecs
from eventx.records import CORE_TYPES, Event, event_type_problem
from eventx.validation import InvalidEventError, check_events

if TYPE_CHECKING:
    from eventx.document import ParsedDocument
    from eventx.outputs import OutputFormat

ENTRY_POINT_GROUP = "eventx"
ENV_LOAD = "EVENTX_PLUGINS"
ENV_BLOCK = "EVENTX_BLOCK_PLUGINS"
ENV_STRICT = "EVENTX_STRICT"

# Stanza processors and the processors each one needs before it.
PROCESSOR_ORDER = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
_PROCESSOR_NEEDS = {
    "tokenize": set(),
    "mwt": {"tokenize"},
    "pos": {"tokenize", "mwt"},
    "lemma": {"tokenize", "mwt", "pos"},
    "depparse": {"tokenize", "mwt", "pos", "lemma"},
    "ner": {"tokenize", "mwt"},
}
ALL_PROCESSORS = frozenset(PROCESSOR_ORDER)


class PluginError(RuntimeError):
    """A plugin failed and strict mode is on, or a plugin contributed something invalid."""


# What a plugin may not swallow the run with: everything else it raises is its failure.
_NOT_ISOLATED = (KeyboardInterrupt, GeneratorExit)


def _processors(value: Iterable[str]) -> frozenset[str]:
    found = frozenset(value)
    unknown = found - ALL_PROCESSORS
    if unknown:
        raise ValueError(f"unknown Stanza processor(s) {sorted(unknown)}; known: {', '.join(PROCESSOR_ORDER)}")
    return found


@define(frozen=True, kw_only=True)
class ExtractorSpec:
    """An extractor a plugin contributes.

    ``extract`` receives a :class:`eventx.ParsedDocument` and yields events;
    ``processors`` names the Stanza processors it reads (the core adds the
    processors those depend on).
    """

    name: str
    extract: Callable[[ParsedDocument], Iterable[Event]]
    processors: frozenset[str] = field(default=ALL_PROCESSORS, converter=_processors)
    description: str = ""


@define(frozen=True)
class PluginInfo:
    """What ``eventx plugins`` shows for one plugin."""

    name: str
    version: str | None
    hooks: tuple[str, ...]
    source: str


@define(frozen=True)
class PluginFailure:
    """A plugin failure: the plugin, where it failed ("extract (doc-1)"), the error and its traceback."""

    plugin: str
    where: str
    error: str
    traceback: str = ""

    @property
    def message(self) -> str:
        """The one-line message: ``eventx: plugin 'name' failed in where: Error: text``."""
        return f"eventx: plugin {self.plugin!r} failed in {self.where}: {self.error}"

    def report_lines(self, *, tracebacks: bool = False) -> list[str]:
        """What a run prints for this failure when it goes on: the message, ``(skipped)``, the traceback if asked."""
        lines = [self.message + " (skipped)"]
        if tracebacks and self.traceback:
            lines.append(self.traceback.rstrip())
        return lines


def processors_needed(requested: Iterable[str]) -> list[str]:
    """The requested processors plus their prerequisites, in pipeline order."""
    wanted = set(requested)
    for name in list(wanted):
        wanted |= _PROCESSOR_NEEDS[name]
    return [p for p in PROCESSOR_ORDER if p in wanted]


def _split_env(name: str) -> list[str] | None:
    value = os.environ.get(name)
    if value is None:
        return None
    return [v.strip() for v in value.split(",") if v.strip()]


class PluginManager:
    """One pluggy manager with eventx's hooks, and typed access to what plugins register.

    :param load: names of entry-point plugins to load (None: all, or ``EVENTX_PLUGINS``).
    :param block: names never to load (added to ``EVENTX_BLOCK_PLUGINS``).
    :param strict: raise on a plugin failure instead of reporting and skipping it.
    :param plugins: extra plugin objects (modules or instances) to register by name.
    :param entry_points: set False to load no entry-point plugins at all (tests).
    :param report: where failure messages go (default: a line on stderr).
    :param tracebacks: report each failure's Python traceback after its message.
    """

    def __init__(
        self,
        *,
        load: Sequence[str] | None = None,
        block: Sequence[str] = (),
        strict: bool | None = None,
        plugins: Iterable[tuple[str, object]] = (),
        entry_points: bool = True,
        report: Callable[[str], None] | None = None,
        tracebacks: bool = False,
    ) -> None:
        self.tracebacks = tracebacks
        self.pm = pluggy.PluginManager("eventx")
        self.pm.add_hookspecs(hookspecs)
        self.strict = strict if strict is not None else os.environ.get(ENV_STRICT, "") not in ("", "0")
        self.failures: list[PluginFailure] = []
        self._report = report or (lambda message: print(message, file=sys.stderr))
        self._versions: dict[str, str | None] = {}
        self._sources: dict[str, str] = {}
        self._found: set[str] = set()  # entry-point names found, loadable or not
        self.load = list(load) if load is not None else _split_env(ENV_LOAD)
        self.block = set(block) | set(_split_env(ENV_BLOCK) or [])

        from eventx import merge, outputs  # the core's own hook implementations, registered as plugins

        self._register(outputs, "eventx.outputs", version=None, source="core")
        self._register(merge, "eventx.merge", version=None, source="core")
        if entry_points:
            self._load_entry_points()
        for name, plugin in plugins:
            self._register(plugin, name, version=None, source="registered")
        if entry_points and self.load is not None:
            for missing in sorted(set(self.load) - self._found - set(self._sources) - self.block):
                self.fail(missing, "load", LookupError(f"no installed plugin named {missing!r}"))

    # ------------------------------------------------------------------ loading
    def _load_entry_points(self) -> None:
        import importlib.metadata  # lazy: about 15 ms of `import eventx`

        seen = self._found
        for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            if ep.name in seen or ep.name in self.block:
                continue
            if self.load is not None and ep.name not in self.load:
                continue
            seen.add(ep.name)
            dist = getattr(ep, "dist", None)
            try:
                plugin = ep.load()
            except _NOT_ISOLATED:
                raise
            except BaseException as exc:  # noqa: BLE001 - plugin isolation, even of sys.exit()
                self.fail(ep.name, "import", exc)
                continue
            self._register(plugin, ep.name, version=dist.version if dist else None, source=f"entry point {ep.value}")

    def _register(self, plugin: object, name: str, *, version: str | None, source: str) -> None:
        if name in self.block:
            return
        try:
            self.pm.register(plugin, name=name)
        except _NOT_ISOLATED:
            raise
        except BaseException as exc:  # noqa: BLE001 - plugin isolation, even of sys.exit()
            self.fail(name, "register", exc)
            return
        # pluggy accepts a misspelt hook name until check_pending(); refuse that plugin alone here.
        unknown = sorted(
            caller.name
            for caller in self.pm.get_hookcallers(plugin) or []
            if not caller.has_spec() and any(i.plugin is plugin and not i.optionalhook for i in caller.get_hookimpls())
        )
        if unknown:
            self.pm.unregister(plugin)
            self.fail(name, "register", LookupError(f"unknown hook(s) {', '.join(unknown)}"))
            return
        self._versions[name] = version
        self._sources[name] = source

    def register(self, plugin: object, name: str) -> None:
        """Register one more plugin object (a module or an instance) under ``name``."""
        self._register(plugin, name, version=None, source="registered")
        self.__dict__.pop("event_types", None)
        self.__dict__.pop("extractors", None)
        self.__dict__.pop("output_formats", None)
        self.__dict__.pop("extractor_plugins", None)

    def fail(self, plugin: str, where: str, exc: BaseException) -> None:
        """Record and report a plugin failure; raise instead in strict mode."""
        trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        failure = PluginFailure(plugin, where, f"{type(exc).__name__}: {exc}", trace)
        self.failures.append(failure)
        if self.strict:
            raise PluginError(failure.message) from exc
        for line in failure.report_lines(tracebacks=self.tracebacks):
            self._report(line)

    # ------------------------------------------------------------------ calling hooks
    def _collect(self, hook_name: str, check: Callable[[Any], str | None]) -> list[tuple[str, Any]]:
        """Call a ``register_*`` hook plugin by plugin; return (plugin name, item) pairs.

        A plugin that raises, or registers an invalid item, is reported and
        contributes nothing from that hook.
        """
        items: list[tuple[str, Any]] = []
        hook = getattr(self.pm.hook, hook_name)
        for impl in reversed(hook.get_hookimpls()):
            mine: list[Any] = []

            def register(item: Any, mine: list[Any] = mine) -> None:
                problem = check(item)
                if problem:
                    raise PluginError(problem)
                mine.append(item)

            try:
                impl.function(**({"register": register} if "register" in impl.argnames else {}))
            except _NOT_ISOLATED:
                raise
            except BaseException as exc:  # noqa: BLE001 - plugin isolation, even of sys.exit()
                self.fail(impl.plugin_name, hook_name, exc)
                continue
            items.extend((impl.plugin_name, item) for item in mine)
        return items

    @cached_property
    def event_types(self) -> dict[str, type[Event]]:
        """Every known event type by name: the four core types, then plugin types."""
        types: dict[str, type[Event]] = {t.type: t for t in CORE_TYPES}
        owners = {t.type: "eventx" for t in CORE_TYPES}

        def check(cls: Any) -> str | None:
            problem = event_type_problem(cls)
            return None if problem is None else f"{getattr(cls, '__name__', repr(cls))} {problem}"

        for plugin, cls in self._collect("register_event_types", check):
            if cls.type in types and types[cls.type] is not cls:
                self.fail(
                    plugin,
                    "register_event_types",
                    PluginError(f"event type {cls.type!r} is already registered by {owners[cls.type]!r}"),
                )
                continue
            types[cls.type] = cls
            owners[cls.type] = plugin
        return types

    @cached_property
    def extractors(self) -> list[ExtractorSpec]:
        """Every registered extractor, in call order; duplicate names are reported and skipped."""
        return [spec for _, spec in self.extractor_plugins.values()]

    @cached_property
    def extractor_plugins(self) -> dict[str, tuple[str, ExtractorSpec]]:
        """Every registered extractor by name, with the name of the plugin that registered it."""
        found: dict[str, tuple[str, ExtractorSpec]] = {}

        def check(spec: Any) -> str | None:
            return None if isinstance(spec, ExtractorSpec) else f"{spec!r} is not an eventx.ExtractorSpec"

        for plugin, spec in self._collect("register_extractors", check):
            if spec.name in found:
                self.fail(
                    plugin,
                    "register_extractors",
                    PluginError(f"extractor {spec.name!r} is already registered by {found[spec.name][0]!r}"),
                )
                continue
            found[spec.name] = (plugin, spec)
        return found

    @cached_property
    def output_formats(self) -> dict[str, OutputFormat]:
        """Every output format by name."""
        from eventx.outputs import OutputFormat

        found: dict[str, OutputFormat] = {}
        owners: dict[str, str] = {}

        def check(fmt: Any) -> str | None:
            return None if isinstance(fmt, OutputFormat) else f"{fmt!r} is not an eventx.OutputFormat"

        collected = self._collect("register_output_formats", check)
        # The core's formats come first (as the core event types do), so that a plugin reusing
        # one of their names is the one reported, not the core.
        collected.sort(key=lambda item: self._sources.get(item[0]) != "core")
        for plugin, fmt in collected:
            if fmt.name in found:
                self.fail(
                    plugin,
                    "register_output_formats",
                    PluginError(f"output format {fmt.name!r} is already registered by {owners[fmt.name]!r}"),
                )
                continue
            found[fmt.name] = fmt
            owners[fmt.name] = plugin
        return found

    def process_events(self, events: list[Event], document: ParsedDocument) -> list[Event]:
        """Run the ``process_events`` chain over one document's events.

        A step that raises or returns an invalid list is reported and skipped:
        the next step gets the events the failed one was given.
        """
        current = list(events)
        hook = self.pm.hook.process_events
        for impl in reversed(hook.get_hookimpls()):
            args = {k: v for k, v in {"events": list(current), "document": document}.items() if k in impl.argnames}
            try:
                result = impl.function(**args)
                if result is None:
                    continue
                if not isinstance(result, (list, tuple)):
                    raise TypeError(f"returned {type(result).__name__}, not a list")
                current = check_events(result, document, self.event_types, valid=current)
            except _NOT_ISOLATED:
                raise
            except BaseException as exc:  # noqa: BLE001 - plugin isolation, even of sys.exit()
                self.fail(impl.plugin_name, f"process_events ({document.doc_id})", exc)
        return current

    def run_extractor(self, spec: ExtractorSpec, document: ParsedDocument) -> list[Event]:
        """Run one extractor on one document, filling ``doc_id`` and ``extractor``.

        An extractor that raises (anything but ``KeyboardInterrupt``) or yields
        something that is not an event is reported with its plugin's name and
        contributes nothing for this document.  The engine then checks the
        events (:meth:`check_extracted`).
        """
        try:
            out = []
            for event in spec.extract(document):
                if not isinstance(event, Event):
                    raise TypeError(f"yielded a non-event {event!r}")
                out.append(_with_provenance(event, document.doc_id, event.extractor or spec.name))
            return out
        except _NOT_ISOLATED:
            raise
        except BaseException as exc:  # noqa: BLE001 - plugin isolation, even of sys.exit()
            self.extractor_failed(spec.name, document, exc)
            return []

    def check_extracted(self, extractor: str, events: list[Event], document: ParsedDocument) -> list[Event]:
        """``events`` when every one is valid (:mod:`eventx.validation`); else a failure of their plugin, and []."""
        try:
            return check_events(events, document, self.event_types)
        except InvalidEventError as exc:
            self.extractor_failed(extractor, document, exc)
            return []

    def extractor_failed(self, extractor: str, document: ParsedDocument, exc: BaseException) -> None:
        """Report an extractor's failure on a document under the name of the plugin that registered it."""
        plugin = self.extractor_plugins.get(extractor, (extractor, None))[0]
        where = "extract" if plugin == extractor else f"extractor {extractor!r}"
        self.fail(plugin, f"{where} ({document.doc_id})", exc)

    # ------------------------------------------------------------------ listing
    def describe(self) -> list[PluginInfo]:
        """Loaded plugins with their versions and the hooks each implements."""
        infos = []
        for name, plugin in self.pm.list_name_plugin():
            if plugin is None:
                continue
            hooks = tuple(sorted(caller.name for caller in self.pm.get_hookcallers(plugin) or []))
            infos.append(PluginInfo(name, self._versions.get(name), hooks, self._sources.get(name, "")))
        return sorted(infos, key=lambda i: (i.source == "core", i.name))


def _with_provenance(event: Event, doc_id: str, extractor: str) -> Event:
    """A copy of ``event`` naming its document and extractor.

    What ``attrs.evolve(event, doc_id=..., extractor=...)`` gives, at half the cost: the fields are
    copied as they are instead of going through the constructor's validators again, which the
    event's own construction ran (and which ``attrs.validators.set_disabled`` would skip in
    ``evolve`` too); :func:`eventx.validation.check_events` then checks the event against its document.
    """
    cls = type(event)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(a.name for a in attrs.fields(cls) if a.name not in _PROVENANCE)
    copy = object.__new__(cls)
    for name in names:
        _set(copy, name, getattr(event, name))
    _set(copy, "doc_id", doc_id)
    _set(copy, "extractor", extractor)
    return copy


_PROVENANCE = ("doc_id", "extractor")
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_set = object.__setattr__  # the records are frozen
