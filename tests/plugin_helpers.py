"""Running the built-in plugins on the hand-written UD trees of tests/fixtures/plugins/.

The documents are written by ``tests/fixtures/plugins/make_fixtures.py``; each test picks
one sentence of one document and asserts the events found in it.  Extraction goes through
the public path: ``read_conllu`` -> ``ParsedDocument`` -> ``Extractor`` with a
``PluginManager`` holding only the built-in plugins (so the core's merge runs too).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from types import ModuleType

import eventx_casualties
import eventx_diplomacy
import eventx_territory
from helpers import FIXTURES

from eventx import Event, Extractor, ParsedDocument, ParsedSentence, PluginManager, Span
from eventx.parsing import read_conllu
from eventx.records import roles
from eventx.trees import Word

PLUGIN_FIXTURES = FIXTURES / "plugins"
PLUGINS: dict[str, ModuleType] = {
    "casualties": eventx_casualties,
    "diplomacy": eventx_diplomacy,
    "territory": eventx_territory,
}
ALL = tuple(PLUGINS)


@cache
def document(name: str) -> ParsedDocument:
    """A fixture document, parsed from its CoNLL-U with ``eventx.parsing.read_conllu``."""
    doc, text = read_conllu((PLUGIN_FIXTURES / f"{name}.conllu").read_text(encoding="utf-8"))
    return ParsedDocument(name, doc, text)


@cache
def extractor(plugins: tuple[str, ...] = ALL) -> Extractor:
    """An extractor with only these built-in plugins (no entry points)."""
    return Extractor(plugins=PluginManager(entry_points=False, plugins=[(name, PLUGINS[name]) for name in plugins]))


@cache
def _all_events(name: str, plugins: tuple[str, ...]) -> tuple[Event, ...]:
    ex = extractor(plugins)
    found = tuple(ex.extract_document(document(name)))
    assert ex.plugins.failures == [], f"a plugin failed on {name}: {ex.plugins.failures}"
    return found


def events(
    name: str, sentence: int | None = None, type: str | None = None, plugins: tuple[str, ...] = ALL
) -> list[Event]:
    """The events of a fixture document, optionally only those of one sentence and one type."""
    return [
        e
        for e in _all_events(name, plugins)
        if (sentence is None or e.sentence_index == sentence) and (type is None or e.type == type)
    ]


def one(name: str, sentence: int, type: str, plugins: tuple[str, ...] = ALL) -> Event:
    """The single event of this type in this sentence (the test fails when there are none or several)."""
    found = events(name, sentence, type, plugins)
    assert len(found) == 1, f"expected one {type} in {sentence_text(name, sentence)!r}, found {found}"
    return found[0]


def texts(spans: Iterable[Span]) -> list[str]:
    return [s.text for s in spans]


def sentence_text(name: str, sentence: int) -> str:
    return document(name).sentences[sentence].text


def word(name: str, sentence: int, text: str, nth: int = 0) -> tuple[ParsedSentence, Word]:
    """A sentence of a fixture document and its ``nth`` word with this form."""
    sent = document(name).sentences[sentence]
    return sent, [w for w in sent.words if w.text == text][nth]


def check_spans(event: Event) -> None:
    """Every span of an event is the document text at its offsets; trigger and roles lie in its sentence."""
    doc = document(event.doc_id)
    sent = doc.sentences[event.sentence_index]
    spans = [event.trigger]
    for role, kind in roles(type(event)).items():
        if kind == "span":
            spans += getattr(event, role)
    for span in spans:
        assert doc.text[span.start : span.end] == span.text, span
        assert sent.start <= span.start and span.end <= sent.end, (span, sent.text)
    if event.attributed_to is not None:
        source = event.attributed_to
        assert doc.text[source.start : source.end] == source.text, source
        assert source.end <= sent.end, "a source is named in this sentence or an earlier one"
