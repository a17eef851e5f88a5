"""Testing eventx plugins: a pytest plugin with fixtures for plugin authors.

Installed with eventx and registered through pytest's ``pytest11`` entry point, so
a plugin's tests can ask for these fixtures without importing anything::

    def test_arrest(eventx_run):
        events = eventx_run(eventx_arrest, CONLLU)          # CoNLL-U text or a path
        assert_events(events, [{"type": "Arrest", "trigger": "arrested", "detainee": ["12 journalists"]}])

Documents are read with eventx's light CoNLL-U reader: neither Stanza nor torch is
imported, so such tests run in milliseconds.

* :func:`parse_conllu` / fixture ``eventx_parse``: a :class:`eventx.ParsedDocument` from CoNLL-U;
* :func:`run_plugin` / fixture ``eventx_run``: the events one plugin finds in it (strict: a
  plugin failure raises);
* :func:`assert_events`: compare events with compact expectations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from eventx.document import ParsedDocument
from eventx.records import Event, Span

__all__ = ["assert_events", "event_summary", "eventx_parse", "eventx_run", "parse_conllu", "run_plugin"]


def parse_conllu(source: str | Path, doc_id: str | None = None) -> ParsedDocument:
    """A parsed document from CoNLL-U text or a ``.conllu`` file, without Stanza or torch."""
    from eventx.conllu import read_conllu

    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source and source.endswith(".conllu")):
        path = Path(source)
        doc, text = read_conllu(path.read_text(encoding="utf-8"), str(path))
        return ParsedDocument(doc_id or path.stem, doc, text)
    doc, text = read_conllu(source)
    return ParsedDocument(doc_id or "doc", doc, text)


def run_plugin(plugin: object, document: ParsedDocument | str | Path, name: str | None = None) -> list[Event]:
    """The events that ``plugin`` (a module or object with eventx hooks) alone finds in ``document``
    (parsed, or CoNLL-U text or a path), after the core's merge; any plugin failure raises."""
    from eventx.extractor import Extractor
    from eventx.plugins import PluginManager

    if not isinstance(document, ParsedDocument):
        document = parse_conllu(document)
    label = str(name or getattr(plugin, "__name__", type(plugin).__name__))
    manager = PluginManager(entry_points=False, plugins=[(label, plugin)], strict=True)
    return list(Extractor(plugins=manager).extract_document(document))


def _value(value: Any) -> Any:
    if isinstance(value, Span):
        return value.text
    if isinstance(value, tuple) and all(isinstance(v, Span) for v in value):
        return [v.text for v in value]
    return value


def event_summary(event: Event, keys: Iterable[str]) -> dict[str, Any]:
    """The event's values under ``keys``, spans as their text ("type" is the event type)."""
    return {key: event.type if key == "type" else _value(getattr(event, key)) for key in keys}


def assert_events(events: Sequence[Event], expected: Sequence[Mapping[str, Any]]) -> None:
    """Assert that ``events`` are, in order, the ``expected`` ones.

    Each expectation names only what it checks: ``{"type": "Arrest", "trigger": "arrested",
    "detainee": ["12 journalists"], "count": 12, "modality": "negated"}``; spans are compared by text.
    """
    found = [event_summary(e, exp) for e, exp in zip(events, expected, strict=False)]
    if len(events) != len(expected) or found != [dict(e) for e in expected]:
        keys = [expected[i] if i < len(expected) else ("type", "trigger") for i in range(len(events))]
        shown = [event_summary(e, k) for e, k in zip(events, keys, strict=True)]
        raise AssertionError(f"expected {len(expected)} event(s) {list(expected)}, found {len(events)}: {shown}")


@pytest.fixture
def eventx_parse() -> Callable[..., ParsedDocument]:
    """:func:`parse_conllu`: a parsed document from CoNLL-U text or a file, without torch."""
    return parse_conllu


@pytest.fixture
def eventx_run() -> Callable[..., list[Event]]:
    """:func:`run_plugin`: the events one plugin finds in a CoNLL-U document."""
    return run_plugin
